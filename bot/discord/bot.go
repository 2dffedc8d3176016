// Package discord connects briefbot's command router to Discord's gateway
// with discordgo: it registers the slash commands, answers every
// interaction within Discord's three seconds (deferring slow commands and
// editing the answer in later), and posts digests to channels. The
// conversions between Discord's interactions and bot.Request/bot.Reply,
// and the answering logic, are exported for the HTTP interactions
// endpoint (package interactions) to share.
package discord

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/render"
)

// Config is what the bot needs.
type Config struct {
	Token   string // the bot token ("Bot " is added when missing)
	GuildID string // register commands to this guild only (instant updates); globally when empty
	APIBase string // Discord's REST base URL; DefaultAPIBase when empty
	Router  *bot.Router
	Log     *slog.Logger
	// Intents are the gateway intents; slash commands need none.
	Intents discordgo.Intent
	// DeferAfter is how long a command may run before a deferral is sent;
	// DefaultDeferAfter when zero.
	DeferAfter time.Duration
	// RetryBackoff is the wait before repeating a request that failed with
	// a server error (doubled for each of the 3 repeats); 250ms when zero.
	RetryBackoff time.Duration
	// DrainTimeout bounds how long Run waits for interactions in flight
	// when its context ends; 10s when zero.
	DrainTimeout time.Duration
}

// Bot is a Discord gateway bot serving a Router.
type Bot struct {
	cfg      Config
	log      *slog.Logger
	session  *discordgo.Session
	client   *Client
	answerer *Answerer

	mu      sync.Mutex
	running bool
	active  int           // interactions being answered
	idle    chan struct{} // closed when active drops to 0 during a drain
}

// New checks the configuration and prepares the bot; it does not connect.
func New(cfg Config) (*Bot, error) {
	if cfg.Token == "" {
		return nil, errors.New("discord: no bot token (set DISCORD_TOKEN)")
	}
	if cfg.Router == nil {
		return nil, errors.New("discord: no command router")
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.DrainTimeout <= 0 {
		cfg.DrainTimeout = 10 * time.Second
	}
	s, err := NewSession(cfg.Token, cfg.APIBase)
	if err != nil {
		return nil, fmt.Errorf("discord: %w", err)
	}
	s.Identify.Intents = cfg.Intents
	log := cfg.Log.With(slog.String("transport", "discord"))
	client := NewClient(s, log)
	if cfg.RetryBackoff > 0 {
		client.Backoff = cfg.RetryBackoff
	}
	return &Bot{
		cfg:      cfg,
		log:      log,
		session:  s,
		client:   client,
		answerer: &Answerer{Router: cfg.Router, Client: client, Log: log, DeferAfter: cfg.DeferAfter},
	}, nil
}

// Session is the underlying discordgo session (for tests and diagnostics).
func (b *Bot) Session() *discordgo.Session { return b.session }

// Run logs in, registers the slash commands when they changed, connects
// to the gateway and answers interactions until ctx ends; then it waits
// (up to DrainTimeout) for the interactions in flight and disconnects.
// discordgo reconnects and resumes by itself when the connection drops.
func (b *Bot) Run(ctx context.Context) error {
	b.mu.Lock()
	if b.running {
		b.mu.Unlock()
		return errors.New("discord: bot already running")
	}
	b.running = true
	b.mu.Unlock()
	defer func() {
		b.mu.Lock()
		b.running = false
		b.mu.Unlock()
	}()

	me, err := b.session.User("@me", discordgo.WithContext(ctx))
	if err != nil {
		if statusOf(err) == 401 {
			return errors.New("discord: the bot token was refused (401): check DISCORD_TOKEN")
		}
		return fmt.Errorf("discord: reading the bot user: %w", err)
	}
	app, err := b.session.Application("@me")
	if err != nil {
		return fmt.Errorf("discord: reading the application id: %w", err)
	}
	b.log.Info("logged in", slog.String("user", me.Username), slog.String("user_id", me.ID), slog.String("application_id", app.ID))

	if _, err := b.SyncCommands(ctx, app.ID); err != nil {
		return fmt.Errorf("discord: registering commands: %w", err)
	}

	// Interactions are answered with a context that outlives ctx by the
	// drain, so that answers in flight at shutdown can still be sent.
	serve, stopServing := context.WithCancel(context.WithoutCancel(ctx))
	defer stopServing()
	removers := []func(){
		b.session.AddHandler(func(_ *discordgo.Session, ic *discordgo.InteractionCreate) {
			b.enter()
			defer b.leave()
			b.answer(serve, ic.Interaction)
		}),
		b.session.AddHandler(func(_ *discordgo.Session, r *discordgo.Ready) {
			b.log.Info("gateway ready", slog.String("session", r.SessionID))
		}),
		b.session.AddHandler(func(_ *discordgo.Session, _ *discordgo.Resumed) {
			b.log.Info("gateway session resumed")
		}),
		b.session.AddHandler(func(_ *discordgo.Session, _ *discordgo.Disconnect) {
			b.log.Warn("gateway disconnected")
		}),
		b.session.AddHandler(func(_ *discordgo.Session, rl *discordgo.RateLimit) {
			b.log.Warn("rate limited", slog.String("route", route(rl.URL)), slog.Duration("retry_after", rl.RetryAfter))
		}),
	}
	defer func() {
		for _, remove := range removers {
			remove()
		}
	}()

	if err := b.session.Open(); err != nil {
		return fmt.Errorf("discord: connecting to the gateway: %w", err)
	}
	<-ctx.Done()
	b.log.Info("shutting down: waiting for interactions in flight")
	drained := b.drain()
	t := time.NewTimer(b.cfg.DrainTimeout)
	defer t.Stop()
	select {
	case <-drained:
	case <-t.C:
		b.log.Warn("interactions still in flight at shutdown", slog.Duration("waited", b.cfg.DrainTimeout))
	}
	stopServing()
	if err := b.session.Close(); err != nil {
		return fmt.Errorf("discord: closing the gateway: %w", err)
	}
	return nil
}

// answer answers one interaction received on the gateway.
func (b *Bot) answer(ctx context.Context, i *discordgo.Interaction) {
	if i == nil {
		return
	}
	// The first response must arrive within Discord's deadline: no point
	// retrying it after that.
	respond := func(ctx context.Context, cb Callback) error {
		rctx, cancel := context.WithTimeout(ctx, ResponseDeadline)
		defer cancel()
		return b.client.Callback(rctx, i, cb)
	}
	b.answerer.Answer(ctx, i, respond)
}

// Send posts a reply to a channel (digests). The reply is fitted to
// Discord's limits and pings nobody.
func (b *Bot) Send(ctx context.Context, channelID string, r bot.Reply) error {
	render.Fit(&r)
	if err := b.client.SendMessage(ctx, channelID, MessageOf(r)); err != nil {
		return fmt.Errorf("discord: sending to channel %s: %w", channelID, err)
	}
	return nil
}

// enter and leave count the interactions being answered; drain returns a
// channel closed once none are.
func (b *Bot) enter() {
	b.mu.Lock()
	b.active++
	b.mu.Unlock()
}

func (b *Bot) leave() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.active--
	if b.active == 0 && b.idle != nil {
		close(b.idle)
		b.idle = nil
	}
}

func (b *Bot) drain() <-chan struct{} {
	b.mu.Lock()
	defer b.mu.Unlock()
	ch := make(chan struct{})
	if b.active == 0 {
		close(ch)
		return ch
	}
	b.idle = ch
	return ch
}
