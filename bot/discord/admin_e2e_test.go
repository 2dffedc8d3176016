//go:build sqlite_fts5

package discord_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/admin"
	"github.com/briefbot/briefbot/bot/discordtest"
	"github.com/briefbot/briefbot/bot/fetch"
	"github.com/briefbot/briefbot/bot/render"
	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/store"
)

// /admin add file:<attachment>: the file is downloaded from a local HTTP
// server (standing in for Discord's CDN), ingested, and the briefing is
// shown privately; a member without Manage Server is refused.
func TestAdminAddAttachmentThroughDiscord(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "corpus.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	const doc = "# Harbour strike ends after talks\n\nThe strike at the port ended on Tuesday after two days of talks between the union and the port authority.\n\n\"The cranes will be moving again by the evening,\" said Jana Roos, the union's secretary.\n"
	cdn := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/markdown; charset=utf-8")
		_, _ = w.Write([]byte(doc))
	}))
	t.Cleanup(cdn.Close)

	r := bot.NewRouter(nil)
	r.Use(render.Replies)
	admin.Register(r, admin.Deps{Store: s, Process: briefing.Process,
		Fetch: fetch.New(fetch.Options{AllowPrivate: true, Timeout: 5 * time.Second})})
	fake, _ := start(t, r, nil)

	file := discordtest.File("file", discordtest.Attachment{Filename: "strike.md", URL: cdn.URL + "/attachments/1/strike.md",
		Size: len(doc), ContentType: "text/markdown; charset=utf-8"})
	m, err := fake.SendCommand("admin", discordtest.Subcommand("add"), file, discordtest.Member("1", 0)).Reply(wait)
	if err != nil {
		t.Fatal(err)
	}
	if !m.Ephemeral() || m.Content == "" || len(m.Embeds) != 0 {
		t.Errorf("member without Manage Server: %s", m.Raw)
	}
	in := fake.SendCommand("admin", discordtest.Subcommand("add"), file, discordtest.Member("2", 0x20))
	if m, err = in.Reply(wait); err != nil {
		t.Fatal(err)
	}
	if !m.Ephemeral() || len(m.Embeds) == 0 || !strings.Contains(m.Embeds[0].Title, "Harbour strike ends") || !strings.Contains(string(m.Raw), "Jana Roos") {
		t.Fatalf("/admin add file: %s", m.Raw)
	}
	if cb, _ := in.Callback(wait); cb.Type == 5 && cb.Data.Flags&64 == 0 {
		t.Errorf("/admin deferred publicly")
	}
}
