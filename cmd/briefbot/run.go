package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/digest"
	"github.com/briefbot/briefbot/bot/discord"
	"github.com/briefbot/briefbot/bot/interactions"
	"github.com/briefbot/briefbot/config"
	"github.com/briefbot/briefbot/store"
)

func runBot(ctx context.Context, a *app, args []string) int {
	c := a.command("run", "[--config FILE]",
		"Runs the Discord bot: logs in with DISCORD_TOKEN (or the file\n"+
			"BRIEFBOT_DISCORD_TOKEN_FILE names), registers the slash commands (to\n"+
			"BRIEFBOT_DISCORD_GUILD when set, else globally; only when they changed),\n"+
			"answers interactions over the gateway, posts the configured digests, and\n"+
			"on SIGINT or SIGTERM finishes the work in flight and exits.\n"+
			"See README.md for every setting.")
	cfgPath := c.configFlag()
	if code, ok := c.parse(args); !ok {
		return code
	}
	if c.fs.NArg() != 0 {
		return c.badUsage("takes no arguments")
	}
	cfg, err := config.Load(*cfgPath, a.getenv)
	if err == nil {
		err = cfg.RequireDiscord()
	}
	if err != nil {
		fmt.Fprintf(a.stderr, "briefbot run: invalid settings:\n")
		for _, line := range splitLines(err.Error()) {
			fmt.Fprintf(a.stderr, "  %s\n", line)
		}
		return exitFailed
	}
	log := a.logger(cfg, false)
	if err := serve(ctx, a, cfg, log); err != nil {
		log.Error("briefbot stopped", slog.Any("error", err))
		return exitFailed
	}
	log.Info("briefbot stopped")
	return exitOK
}

// serve runs the bot and its digest schedulers until ctx ends or one of
// them fails, then stops the others and waits for them.
func serve(ctx context.Context, a *app, cfg config.Config, log *slog.Logger) error {
	st, err := store.Open(ctx, cfg.DB, store.Options{Logger: log, Now: a.now})
	if err != nil {
		return err
	}
	defer st.Close()
	router := newRouter(a, cfg, st, log, routerOptions{backupDir: cfg.BackupDir})
	b, err := discord.New(discord.Config{
		Token:   cfg.DiscordToken.Reveal(),
		GuildID: cfg.DiscordGuild,
		APIBase: cfg.DiscordAPI,
		Router:  router,
		Log:     log,
	})
	if err != nil {
		return err
	}
	schedulers, err := digestSchedulers(cfg, router, b, log, a.now)
	if err != nil {
		return err
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	errs := make(chan error, 1+len(schedulers))
	start := func(name string, run func(context.Context) error) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := run(ctx)
			if err != nil && !errors.Is(err, context.Canceled) {
				errs <- fmt.Errorf("%s: %w", name, err)
			}
			cancel() // one part stopping stops the others
		}()
	}
	log.Info("briefbot starting", slog.String("db", st.Path()), slog.String("guild", cfg.DiscordGuild),
		slog.String("api", cfg.DiscordAPI), slog.Int("digests", len(cfg.Digests)), slog.Any("token", cfg.DiscordToken))
	if len(cfg.FetchAllow) > 0 {
		log.Warn("the SSRF guard lets /admin downloads reach these networks", slog.Any("fetch_allow", cfg.FetchAllow))
	}
	start("discord", b.Run)
	if cfg.HTTPAddr != "" {
		endpoint, err := interactionsServer(ctx, cfg, router, log)
		if err != nil {
			cancel()
			wg.Wait()
			return err
		}
		start("interactions endpoint", endpoint)
	}
	for _, s := range schedulers {
		start("digests", s.Run)
	}
	<-ctx.Done()
	log.Info("briefbot shutting down")
	wg.Wait()
	close(errs)
	var all []error
	for err := range errs {
		all = append(all, err)
	}
	return errors.Join(all...)
}

// interactionsServer prepares Discord's HTTP interactions endpoint on
// cfg.HTTPAddr (any path; GET /healthz answers "ok" for load balancers and
// container health checks). The returned function serves until ctx ends,
// then shuts the server down, letting requests in flight finish.
func interactionsServer(ctx context.Context, cfg config.Config, router *bot.Router, log *slog.Logger) (func(context.Context) error, error) {
	key, err := interactions.ParsePublicKey(cfg.PublicKey)
	if err != nil {
		return nil, fmt.Errorf("BRIEFBOT_DISCORD_PUBLIC_KEY: %w", err)
	}
	h, err := interactions.New(interactions.Config{PublicKey: key, Router: router, Token: cfg.DiscordToken.Reveal(),
		APIBase: cfg.DiscordAPI, Log: log, Context: ctx})
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("ok\n")) })
	mux.Handle("/", h)
	ln, err := net.Listen("tcp", cfg.HTTPAddr)
	if err != nil {
		return nil, fmt.Errorf("BRIEFBOT_HTTP_ADDR: %w", err)
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second,
		WriteTimeout: 10 * time.Second, MaxHeaderBytes: 64 << 10,
		ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	log.Info("interactions endpoint listening", slog.String("addr", ln.Addr().String()))
	return func(ctx context.Context) error {
		errc := make(chan error, 1)
		go func() { errc <- srv.Serve(ln) }()
		select {
		case err := <-errc:
			return err
		case <-ctx.Done():
		}
		shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := srv.Shutdown(shutdown); err != nil {
			return err
		}
		if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	}, nil
}

// digestSchedulers makes one scheduler per time zone used by the
// configured digests (a scheduler reads all its schedules in one zone).
func digestSchedulers(cfg config.Config, router *bot.Router, sender digest.Sender, log *slog.Logger, now func() time.Time) ([]*digest.Scheduler, error) {
	byZone := map[string][]digest.Digest{}
	var zones []string
	for _, d := range cfg.Digests {
		zone := d.Timezone
		if zone == "" {
			zone = cfg.Timezone
		}
		if _, ok := byZone[zone]; !ok {
			zones = append(zones, zone)
		}
		byZone[zone] = append(byZone[zone], digest.Digest{Name: d.Name, Spec: d.Cron, ChannelID: d.Channel, Command: d.Command, Options: d.Options})
	}
	var out []*digest.Scheduler
	var errs []error
	for _, zone := range zones {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			errs = append(errs, fmt.Errorf("digest time zone %q: %w", zone, err))
			continue
		}
		s, err := digest.New(digest.Options{Router: router, Sender: sender, Location: loc, Now: now, Log: log}, byZone[zone])
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for _, e := range s.Entries() {
			log.Info("digest scheduled", slog.String("digest", e.Digest.Name), slog.String("channel", e.Digest.ChannelID),
				slog.String("command", e.Digest.Command), slog.Time("next", e.Next))
		}
		out = append(out, s)
	}
	return out, errors.Join(errs...)
}

func splitLines(s string) []string { return strings.Split(s, "\n") }
