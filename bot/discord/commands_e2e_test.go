//go:build sqlite_fts5

package discord_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/commands"
	"github.com/briefbot/briefbot/bot/discordtest"
	"github.com/briefbot/briefbot/bot/render"
	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/store"
	"github.com/briefbot/briefbot/store/corpusgen"
)

// The real /quotes over a real SQLite corpus, through discordgo and the
// fake Discord: autocomplete, the first page, and paging with buttons. The
// generated articles go through the real pipeline, as admins' documents do.
func TestRealQuotesThroughDiscord(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now := func() time.Time { return time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC) }
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "corpus.db"), store.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	gen := corpusgen.New(corpusgen.Options{Seed: 7, Articles: 150})
	for i := range gen.Len() {
		a := gen.Article(i)
		name := fmt.Sprintf("doc-%d", i)
		raw := store.RawDocument{Name: name, Format: briefing.FormatText, Body: []byte(a.Title + "\n\n" + a.Text), AddedBy: "test"}
		art, err := briefing.Process(briefing.Document{Name: raw.Name, Format: raw.Format, Body: raw.Body})
		if err != nil {
			t.Fatalf("process %s: %v", name, err)
		}
		if _, err := s.Ingest(ctx, raw, art); err != nil {
			t.Fatalf("ingest %s: %v", name, err)
		}
	}
	r := bot.NewRouter(nil)
	r.Use(render.Replies)
	commands.Register(r, commands.Deps{Store: s, Now: now})
	fake, _ := start(t, r, nil)

	// The most quoted speaker, typed as the first letters of the surname.
	speaker := gen.SpeakerNames()[0]
	surname := speaker[strings.LastIndexByte(speaker, ' ')+1:]
	typed := strings.ToLower(surname[:min(4, len(surname))])
	cb, err := fake.SendAutocomplete("quotes", "speaker", typed).Callback(wait)
	if err != nil {
		t.Fatal(err)
	}
	var value string
	for _, c := range cb.Data.Choices {
		if strings.Contains(c.Name, surname) {
			value, _ = c.Value.(string)
			break
		}
	}
	if cb.Type != 8 || value == "" {
		t.Fatalf("autocomplete %q: type %d, choices %v; want %s among them", typed, cb.Type, cb.Data.Choices, speaker)
	}

	in := fake.SendCommand("quotes", discordtest.String("speaker", value))
	first, err := in.Reply(wait)
	if err != nil {
		t.Fatal(err)
	}
	if len(first.Embeds) == 0 || !strings.Contains(first.Embeds[0].Title+first.Embeds[0].Description, surname) {
		t.Fatalf("/quotes speaker:%s: %s", value, first.Raw)
	}
	next, ok := first.Button(render.NextLabel)
	if !ok || next.Disabled {
		t.Fatalf("/quotes for the most quoted speaker has no next page: %s", first.Raw)
	}
	press := fake.SendComponent(next.CustomID)
	second, err := press.Reply(wait)
	if err != nil {
		t.Fatal(err)
	}
	if c, _ := press.Callback(wait); c.Type != 7 && press.Edits() == 0 {
		t.Errorf("Next answered with type %d; want the message updated", c.Type)
	}
	if string(second.Raw) == string(first.Raw) || len(second.Embeds) == 0 {
		t.Errorf("page 2 is page 1 (or empty): %s", second.Raw)
	}
	if prev, ok := second.Button(render.PrevLabel); !ok || prev.Disabled {
		t.Errorf("page 2 has no enabled Prev button: %s", second.Raw)
	}
}
