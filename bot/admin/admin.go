// Package admin is the /admin command: adding documents (an uploaded file,
// a URL, or text pasted into a form), removing articles, reprocessing the
// corpus, statistics and backups. Discord hides it from members without
// Manage Server, and every handler checks the member's permissions again,
// since server admins can override who sees a command.
package admin

import (
	"context"
	"log/slog"
	"slices"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/fetch"
	"github.com/briefbot/briefbot/bot/render"
	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/store"
)

// Discord permission bits that let a member use /admin.
const (
	PermAdministrator = 0x8
	PermManageServer  = 0x20
)

// Deps is what /admin needs.
type Deps struct {
	Store *store.Store
	// Process is the article pipeline (briefing.Process).
	Process func(briefing.Document) (briefing.Article, error)
	// Fetch downloads attachments and URLs; nil: a client with the fetch
	// package's default limits.
	Fetch *fetch.Client
	// AdminRoleIDs lets members with any of these roles use /admin
	// without the Manage Server permission.
	AdminRoleIDs []string
	// BackupDir is where /admin backup writes; "" turns backups off.
	BackupDir string
	// LocalFiles lets an attachment be a file:// URL (the console's
	// `file:path`); transports that take input from Discord leave it off.
	LocalFiles bool
	Now        func() time.Time
	Log        *slog.Logger
}

// textModalID is the custom id of the "paste an article" form.
const textModalID = "admin:text"

// Spec is the /admin command's declaration.
func Spec() bot.CommandSpec {
	return bot.CommandSpec{
		Name:                     "admin",
		Description:              "Manage the briefing corpus",
		DefaultMemberPermissions: PermManageServer,
		Subcommands: []bot.CommandSpec{
			{Name: "add", Description: "Add an article: attach a file, give a URL, or neither to paste text", Options: []bot.OptionSpec{
				{Name: "file", Description: "A .txt, .md or .html file", Type: bot.OptionAttachment},
				{Name: "url", Description: "The http(s) address of an article", Type: bot.OptionString, MaxLength: 2000},
			}},
			{Name: "remove", Description: "Remove an article and its quotes", Options: []bot.OptionSpec{
				{Name: "article", Description: "The article's id (shown by /brief and /admin add)", Type: bot.OptionInteger, Required: true},
			}},
			{Name: "reprocess", Description: "Run the current pipeline over every stored document"},
			{Name: "stats", Description: "Corpus statistics"},
			{Name: "backup", Description: "Write a consistent copy of the database"},
		},
	}
}

// Register adds /admin to r.
func Register(r *bot.Router, deps Deps) {
	if deps.Now == nil {
		deps.Now = time.Now
	}
	if deps.Log == nil {
		deps.Log = slog.New(slog.DiscardHandler)
	}
	if deps.Fetch == nil {
		deps.Fetch = fetch.New(fetch.Options{})
	}
	a := &admin{deps: deps}
	r.Add(bot.Route{Spec: Spec(), Handler: a.handle})
}

type admin struct {
	deps Deps
}

// Allowed reports whether user may use /admin: Manage Server or
// Administrator in the channel, or one of roles.
func Allowed(user bot.User, roles []string) bool {
	if user.Permissions&(PermManageServer|PermAdministrator) != 0 {
		return true
	}
	for _, id := range user.RoleIDs {
		if id != "" && slices.Contains(roles, id) {
			return true
		}
	}
	return false
}

func (a *admin) handle(ctx context.Context, req bot.Request) (bot.Reply, error) {
	if !Allowed(req.User, a.deps.AdminRoleIDs) {
		a.deps.Log.LogAttrs(ctx, slog.LevelWarn, "admin command refused",
			slog.String("interaction", req.ID), slog.String("user", req.User.ID), slog.String("subcommand", req.Subcommand))
		if req.Interaction == bot.InteractionAutocomplete {
			return bot.Reply{Choices: []bot.Choice{}}, nil
		}
		return bot.Reply{}, bot.Userf("Only members with the Manage Server permission (or an admin role) can use /admin.")
	}
	switch req.Interaction {
	case bot.InteractionModalSubmit:
		if req.CustomID == textModalID {
			return a.addText(ctx, req)
		}
		return bot.Reply{}, bot.Userf("This form has expired; run /admin add again.")
	case bot.InteractionAutocomplete:
		return bot.Reply{Choices: []bot.Choice{}}, nil
	case bot.InteractionComponent:
		return bot.Reply{}, bot.Userf("This button has expired.")
	}
	switch req.Subcommand {
	case "add":
		return a.add(ctx, req)
	case "remove":
		return a.remove(ctx, req)
	case "reprocess":
		return a.reprocess(ctx, req)
	case "stats":
		return a.stats(ctx)
	case "backup":
		return a.backup(ctx, req)
	case "":
		return bot.Reply{}, bot.Userf("/admin needs a subcommand: add, remove, reprocess, stats or backup.")
	default:
		return bot.Reply{}, bot.Userf("/admin has no subcommand %q.", req.Subcommand)
	}
}

// private makes r an ephemeral reply within Discord's limits, with its
// plain-text form.
func private(r bot.Reply) bot.Reply {
	r.Ephemeral = true
	render.Fit(&r)
	if r.Text == "" {
		r.Text = render.PlainText(r)
	}
	return r
}
