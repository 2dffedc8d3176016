package main

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/briefbot/briefbot/bot/console"
	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/store"
)

// samples are short fictional articles (invented outlets, people and
// events) for the demo: one story told by several outlets with the same
// quote in two of them, name variants (Yuriy/Yurii Dovhan), pronoun and
// role attribution, partial, split and indirect quotes, an anonymous
// source, dated events, and text, Markdown and HTML inputs.
//
//go:embed samples/*
var samples embed.FS

// tour is what the demo runs when nobody is at a terminal to type.
var tour = []string{
	"help",
	"/quotes speaker:vask",
	"/quotes speaker:yurii dovhan",
	"next",
	"/whosaid text:water is not a weapon",
	"/brief topic:brenna dam",
	"/search query:sluice gates",
	"/timeline topic:dam",
	"/speakers",
	"/sources",
	"/stats",
}

func runDemo(ctx context.Context, a *app, args []string) int {
	c := a.command("demo", "[--db PATH]",
		"Builds a corpus from sample articles embedded in briefbot (fictional outlets,\n"+
			"people and events) and opens a console where you type slash commands as\n"+
			"in Discord: /quotes speaker:vask, /brief, /search query:dam, help, quit.\n"+
			"With no terminal on stdin it runs a short scripted tour and exits.\n"+
			"Needs no set-up and no network; the corpus is a temporary file unless\n"+
			"--db names one to keep.")
	db := c.fs.String("db", "", "keep the demo corpus in this file instead of a temporary one")
	if code, ok := c.parse(args); !ok {
		return code
	}
	if c.fs.NArg() != 0 {
		return c.badUsage("takes no arguments")
	}
	cfg, ok := a.loadConfig("demo", "")
	if !ok {
		return exitFailed
	}
	path := *db
	if path == "" {
		dir, err := os.MkdirTemp("", "briefbot-demo-")
		if err != nil {
			fmt.Fprintf(a.stderr, "briefbot demo: %v\n", err)
			return exitFailed
		}
		defer os.RemoveAll(dir)
		path = filepath.Join(dir, "demo.db")
	}
	log := a.logger(cfg, true)
	st, err := store.Open(ctx, path, store.Options{Logger: log})
	if err != nil {
		fmt.Fprintf(a.stderr, "briefbot demo: %v\n", err)
		return exitFailed
	}
	defer st.Close()

	in := &ingester{store: st, process: a.process, maxBytes: cfg.MaxDocumentBytes, addedBy: "demo", log: log, errOut: a.stderr, now: a.now}
	names, err := fs.Glob(samples, "samples/*")
	if err != nil {
		fmt.Fprintf(a.stderr, "briefbot demo: %v\n", err)
		return exitFailed
	}
	for _, name := range names {
		body, err := samples.ReadFile(name)
		if err != nil {
			fmt.Fprintf(a.stderr, "briefbot demo: %v\n", err)
			return exitFailed
		}
		format, ok := formatOf(name)
		if !ok {
			continue
		}
		doc := briefing.Document{Name: strings.TrimPrefix(name, "samples/"), Format: format, Body: body}
		if err := in.document(ctx, doc); err != nil {
			fmt.Fprintf(a.stderr, "briefbot demo: %v\n", err)
			return exitFailed
		}
	}
	if len(in.rejections) > 0 {
		fmt.Fprintf(a.stderr, "briefbot demo: %d sample articles could not be loaded\n", len(in.rejections))
		return exitFailed
	}
	fmt.Fprintf(a.stdout, "briefbot demo: %d fictional sample articles (%d quotes) loaded into %s\n", in.added+in.present, in.quotes, path)

	dir := filepath.Dir(path)
	r := newRouter(a, cfg, st, log, routerOptions{console: true, backupDir: dir})
	if a.stdinTerminal {
		fmt.Fprintln(a.stdout, "Try: /quotes speaker:vask   /whosaid text:water is not a weapon   /brief   /timeline topic:dam   help")
		err = console.Run(ctx, r, a.stdin, a.stdout, true)
	} else {
		fmt.Fprintln(a.stdout, "stdin is not a terminal, so here is a short tour; run `briefbot demo` in a terminal to type your own commands.")
		err = console.Run(ctx, r, strings.NewReader(strings.Join(tour, "\n")+"\n"), a.stdout, false)
	}
	if err != nil {
		fmt.Fprintf(a.stderr, "briefbot demo: %v\n", err)
		return exitFailed
	}
	return exitOK
}
