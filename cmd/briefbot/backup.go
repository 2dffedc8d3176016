package main

import (
	"context"
	"fmt"

	"github.com/briefbot/briefbot/store"
)

func runBackup(ctx context.Context, a *app, args []string) int {
	c := a.command("backup", "[--db PATH] DEST",
		"Writes a consistent copy of the corpus to DEST (a new file), safely while\n"+
			"the bot or an ingest is running: the copy holds whole articles only.")
	cfgPath := c.configFlag()
	db := c.dbFlag()
	if code, ok := c.parse(args); !ok {
		return code
	}
	if c.fs.NArg() != 1 {
		return c.badUsage("name exactly one destination file")
	}
	cfg, ok := a.loadConfig("backup", *cfgPath)
	if !ok {
		return exitFailed
	}
	if *db != "" {
		cfg.DB = *db
	}
	if !corpusExists(a, "backup", cfg.DB) {
		return exitFailed
	}
	st, err := store.Open(ctx, cfg.DB, store.Options{Logger: a.logger(cfg, true)})
	if err != nil {
		fmt.Fprintf(a.stderr, "briefbot backup: %v\n", err)
		return exitFailed
	}
	defer st.Close()
	dest := c.fs.Arg(0)
	if err := st.Backup(ctx, dest); err != nil {
		fmt.Fprintf(a.stderr, "briefbot backup: %v\n", err)
		return exitFailed
	}
	fmt.Fprintf(a.stdout, "backed up %s to %s\n", cfg.DB, dest)
	return exitOK
}
