package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/briefbot/briefbot/bot/console"
	"github.com/briefbot/briefbot/store"
)

func runQuery(ctx context.Context, a *app, args []string) int {
	c := a.command("query", `[--db PATH] [--json] "/command option:value ..."`,
		"Runs one slash command against the corpus exactly as the bot would, and\n"+
			"prints the reply as text, or with --json the Discord message payload\n"+
			"(content, embeds, components, allowed_mentions).\n\n"+
			"example: briefbot query \"/quotes speaker:peskov topic:nato\"")
	cfgPath := c.configFlag()
	db := c.dbFlag()
	asJSON := c.fs.Bool("json", false, "print the Discord message payload as JSON")
	if code, ok := c.parse(args); !ok {
		return code
	}
	line := strings.TrimSpace(strings.Join(c.fs.Args(), " "))
	if line == "" {
		return c.badUsage("give a command, like \"/quotes speaker:peskov\"")
	}
	cfg, ok := a.loadConfig("query", *cfgPath)
	if !ok {
		return exitFailed
	}
	if *db != "" {
		cfg.DB = *db
	}
	if !corpusExists(a, "query", cfg.DB) {
		return exitFailed
	}
	log := a.logger(cfg, true)
	st, err := store.Open(ctx, cfg.DB, store.Options{Logger: log})
	if err != nil {
		fmt.Fprintf(a.stderr, "briefbot query: %v\n", err)
		return exitFailed
	}
	defer st.Close()
	r := newRouter(a, cfg, st, log, routerOptions{console: true, backupDir: cfg.BackupDir})
	req, err := console.ParseCommand(line, r.Specs())
	if err != nil {
		return c.badUsage("%v", err)
	}
	req.User = console.Operator()
	req.ID = fmt.Sprintf("query-%d", a.now().UnixNano())
	reply := r.Handle(ctx, req)
	if *asJSON {
		enc := json.NewEncoder(a.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(reply); err != nil {
			fmt.Fprintf(a.stderr, "briefbot query: %v\n", err)
			return exitFailed
		}
		return exitOK
	}
	fmt.Fprintln(a.stdout, strings.TrimRight(reply.Text, "\n"))
	return exitOK
}
