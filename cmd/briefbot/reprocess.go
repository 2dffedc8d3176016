package main

import (
	"context"
	"fmt"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/store"
)

func runReprocess(ctx context.Context, a *app, args []string) int {
	c := a.command("reprocess", "[--db PATH]",
		"Runs the current article pipeline again over every stored raw document\n"+
			"(after an upgrade that extracts better). Article ids stay; quotes, speakers,\n"+
			"events and stories are derived again. A document the pipeline now refuses\n"+
			"keeps its old article and is reported; the exit status is then 1.")
	cfgPath := c.configFlag()
	db := c.dbFlag()
	if code, ok := c.parse(args); !ok {
		return code
	}
	if c.fs.NArg() != 0 {
		return c.badUsage("takes no arguments")
	}
	cfg, ok := a.loadConfig("reprocess", *cfgPath)
	if !ok {
		return exitFailed
	}
	if *db != "" {
		cfg.DB = *db
	}
	if !corpusExists(a, "reprocess", cfg.DB) {
		return exitFailed
	}
	st, err := store.Open(ctx, cfg.DB, store.Options{Logger: a.logger(cfg, true)})
	if err != nil {
		fmt.Fprintf(a.stderr, "briefbot reprocess: %v\n", err)
		return exitFailed
	}
	defer st.Close()
	res, err := st.Reprocess(ctx, func(raw store.RawDocument) (briefing.Article, error) {
		return safely(a.process, briefing.Document{Name: raw.Name, Format: raw.Format, Body: raw.Body, URL: raw.URL})
	})
	fmt.Fprintf(a.stdout, "%d documents: %d articles rewritten, %d failed (their old article stays)\n", res.Documents, res.Updated, res.Failed)
	for _, f := range res.Failures {
		fmt.Fprintf(a.stderr, "briefbot reprocess: %v\n", f)
	}
	if err != nil {
		fmt.Fprintf(a.stderr, "briefbot reprocess: stopped: %v\n", err)
		return exitFailed
	}
	if res.Failed > 0 {
		return exitFailed
	}
	return exitOK
}
