package main

import (
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/admin"
	"github.com/briefbot/briefbot/bot/commands"
	"github.com/briefbot/briefbot/bot/fetch"
	"github.com/briefbot/briefbot/bot/render"
	"github.com/briefbot/briefbot/config"
	"github.com/briefbot/briefbot/store"
)

// routerOptions say how a transport wants the commands wired.
type routerOptions struct {
	// console: the person at the terminal may name local files as
	// attachments (`/admin add file:article.txt`).
	console bool
	// backupDir for /admin backup; "" turns it off.
	backupDir string
}

// newRouter wires every command (the reader commands and /admin) over st,
// with request logging and rendering middleware, exactly as every
// transport uses them.
func newRouter(a *app, cfg config.Config, st *store.Store, log *slog.Logger, opts routerOptions) *bot.Router {
	r := bot.NewRouter(log)
	r.Use(bot.Logging(log), bot.Timeout(2*time.Minute), render.Replies)
	commands.Register(r, commands.Deps{Store: st, Now: a.now, Log: log})
	admin.Register(r, admin.Deps{
		Store:        st,
		Process:      a.process,
		Fetch:        fetch.New(fetch.Options{MaxBytes: cfg.MaxDocumentBytes, Timeout: cfg.FetchTimeout, Allow: cfg.FetchAllow}),
		AdminRoleIDs: cfg.AdminRoles,
		BackupDir:    opts.backupDir,
		LocalFiles:   opts.console,
		Now:          a.now,
		Log:          log,
	})
	return r
}

// openExisting opens a corpus that must already exist (query, backup,
// reprocess), so that a mistyped path is an error instead of a new empty
// database.
func corpusExists(a *app, cmd, path string) bool {
	if _, err := os.Stat(path); err != nil {
		fmt.Fprintf(a.stderr, "briefbot %s: no corpus at %s (%v); add documents with `briefbot ingest --db %s FILE...`, or name the database with --db\n", cmd, path, err, path)
		return false
	}
	return true
}
