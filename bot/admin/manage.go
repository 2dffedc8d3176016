package admin

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/store"
)

func (a *admin) remove(ctx context.Context, req bot.Request) (bot.Reply, error) {
	raw := strings.TrimPrefix(strings.TrimSpace(req.Options["article"]), "#")
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return bot.Reply{}, bot.Userf("article: %q is not an article id (a number such as 12).", req.Options["article"])
	}
	if err := a.deps.Store.RemoveArticle(ctx, id); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return bot.Reply{}, bot.Userf("There is no article #%d.", id)
		}
		return bot.Reply{}, err
	}
	a.deps.Log.LogAttrs(ctx, slog.LevelInfo, "article removed by admin",
		slog.String("interaction", req.ID), slog.String("user", req.User.ID), slog.Int64("article_id", id))
	return private(bot.Reply{Content: fmt.Sprintf("Removed article #%d with its quotes.", id)}), nil
}

// maxFailuresShown is how many reprocessing failures the reply lists.
const maxFailuresShown = 10

func (a *admin) reprocess(ctx context.Context, req bot.Request) (bot.Reply, error) {
	res, err := a.deps.Store.Reprocess(ctx, func(raw store.RawDocument) (briefing.Article, error) {
		return a.deps.Process(briefing.Document{Name: raw.Name, Format: raw.Format, Body: raw.Body, URL: raw.URL})
	})
	if err != nil {
		return bot.Reply{}, err
	}
	a.deps.Log.LogAttrs(ctx, slog.LevelInfo, "corpus reprocessed", slog.String("interaction", req.ID),
		slog.Int("documents", res.Documents), slog.Int("updated", res.Updated), slog.Int("failed", res.Failed))
	e := bot.Embed{
		Title: "Reprocessed the corpus",
		Fields: []bot.EmbedField{
			{Name: "Documents", Value: strconv.Itoa(res.Documents), Inline: true},
			{Name: "Updated", Value: strconv.Itoa(res.Updated), Inline: true},
			{Name: "Failed", Value: strconv.Itoa(res.Failed), Inline: true},
		},
	}
	if len(res.Failures) > 0 {
		var lines []string
		for i, f := range res.Failures {
			if i == maxFailuresShown {
				lines = append(lines, fmt.Sprintf("… and %d more (see the log)", len(res.Failures)-i))
				break
			}
			lines = append(lines, "• "+f.Error())
		}
		e.Description = "Documents that failed keep their previous article:\n" + strings.Join(lines, "\n")
		for _, f := range res.Failures {
			a.deps.Log.LogAttrs(ctx, slog.LevelWarn, "reprocess failure", slog.String("interaction", req.ID), slog.String("error", f.Error()))
		}
	}
	return private(bot.Reply{Embeds: []bot.Embed{e}}), nil
}

func (a *admin) stats(ctx context.Context) (bot.Reply, error) {
	s, err := a.deps.Store.Stats(ctx)
	if err != nil {
		return bot.Reply{}, err
	}
	field := func(name string, n int) bot.EmbedField {
		return bot.EmbedField{Name: name, Value: strconv.Itoa(n), Inline: true}
	}
	e := bot.Embed{Title: "Corpus", Fields: []bot.EmbedField{
		field("Documents", s.Documents), field("Articles", s.Articles), field("Stories", s.Stories),
		field("Quotes", s.Quotes), field("Reports of quotes", s.Reports), field("Speakers", s.Speakers),
		field("Outlets", s.Outlets), field("Dated events", s.Events),
	}}
	if !s.First.IsZero() {
		e.Fields = append(e.Fields, bot.EmbedField{Name: "Published", Value: s.First.Format("2 Jan 2006") + " – " + s.Last.Format("2 Jan 2006")})
	}
	if p := a.deps.Store.Path(); p != "" {
		if fi, err := os.Stat(p); err == nil {
			e.Footer = &bot.EmbedFooter{Text: "Database " + size(fi.Size())}
		}
	}
	return private(bot.Reply{Embeds: []bot.Embed{e}}), nil
}

func (a *admin) backup(ctx context.Context, req bot.Request) (bot.Reply, error) {
	if a.deps.BackupDir == "" {
		return bot.Reply{}, bot.Userf("Backups are off: no backup directory is configured.")
	}
	if err := os.MkdirAll(a.deps.BackupDir, 0o750); err != nil {
		return bot.Reply{}, fmt.Errorf("backup directory: %w", err)
	}
	name := "briefbot-" + a.deps.Now().UTC().Format("20060102-150405") + ".db"
	dest := filepath.Join(a.deps.BackupDir, name)
	if _, err := os.Lstat(dest); err == nil {
		return bot.Reply{}, bot.Userf("A backup named %s was made this second; try again in a moment.", name)
	}
	if err := a.deps.Store.Backup(ctx, dest); err != nil {
		return bot.Reply{}, err
	}
	info := ""
	if fi, err := os.Stat(dest); err == nil {
		info = " (" + size(fi.Size()) + ")"
	}
	a.deps.Log.LogAttrs(ctx, slog.LevelInfo, "backup written", slog.String("interaction", req.ID),
		slog.String("user", req.User.ID), slog.String("path", dest))
	return private(bot.Reply{Content: "Backup written: " + name + info + "."}), nil
}
