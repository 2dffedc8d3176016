package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/discordtest"
	"github.com/briefbot/briefbot/bot/render"
	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/config"
)

// These tests are issue 5's end-to-end checks. Each runs serve, the code
// behind `briefbot run` (settings from the environment, the SQLite corpus,
// every real command and /admin with the real article pipeline, discordgo),
// in this process against the fake Discord over loopback, on a corpus of
// the demo's sample articles. The subprocess tests in run_test.go check
// the binary itself; these drive the conversations.

// e2eWait bounds every wait for the bot: generous, since CI machines are shared.
const e2eWait = 20 * time.Second

// manageServer is Discord's Manage Server permission bit.
const manageServer = 0x20

// ferryArticle is a short fictional article an admin adds.
const ferryArticle = `Ferry crews walk out over Kessa crossing rota

By Ilka Morrow, The Sorrel Gazette

March 9, 2026

KESSA - Crews on the Kessa river ferry stopped work on Monday in a dispute over night shifts, leaving commuters to drive forty minutes round by the bridge.

"We won't sail another winter on this rota," said Petra Olsen, who leads the crews' union.

The operator said it would meet the union on Wednesday. "Nobody wants the boats tied up," said Marcus Hale, the operator's managing director.
`

// liveBot is a running serve and its fake Discord.
type liveBot struct {
	fake    *discordtest.Server
	backups string
	logs    *syncBuffer
}

// syncBuffer is a bytes.Buffer safe for the bot's goroutines to log into.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startBot runs serve until the test ends, with the environment a person
// would set plus extra, over a new corpus of the sample articles.
func startBot(t *testing.T, extra map[string]string) *liveBot {
	t.Helper()
	db := filepath.Join(t.TempDir(), "corpus.db")
	if r := inProcess("ingest", "--db", db, "samples"); r.code != 0 {
		t.Fatalf("ingest samples: %s", r)
	}
	fake := discordtest.New(discordtest.Options{})
	b := &liveBot{fake: fake, backups: filepath.Join(t.TempDir(), "backups"), logs: &syncBuffer{}}
	env := map[string]string{
		"DISCORD_TOKEN": fake.Token, "BRIEFBOT_DISCORD_API": fake.URL, "BRIEFBOT_DISCORD_GUILD": fake.GuildID,
		"BRIEFBOT_DB": db, "BRIEFBOT_BACKUP_DIR": b.backups, "BRIEFBOT_LOG_LEVEL": "debug",
	}
	for k, v := range extra {
		env[k] = v
	}
	getenv := func(k string) string { return env[k] }
	cfg, err := config.Load("", getenv)
	if err == nil {
		err = cfg.RequireDiscord()
	}
	if err != nil {
		t.Fatal(err)
	}
	a := &app{stdin: strings.NewReader(""), stdout: b.logs, stderr: b.logs, getenv: getenv, process: briefing.Process, now: time.Now}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serve(ctx, a, cfg, a.logger(cfg, false)) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve: %v\n%s", err, b.logs)
			}
		case <-time.After(e2eWait):
			t.Errorf("serve did not return within %v of its context ending", e2eWait)
		}
		for _, p := range fake.Problems() {
			t.Errorf("fake Discord: %s", p)
		}
		if strings.Contains(b.logs.String(), fake.Token) {
			t.Errorf("the token appears in the logs")
		}
		fake.Close()
	})
	if err := fake.WaitReady(e2eWait); err != nil {
		t.Fatalf("%v\n%s", err, b.logs)
	}
	return b
}

// reply sends in and waits for the message the user sees.
func reply(t *testing.T, what string, in *discordtest.Interaction) discordtest.Message {
	t.Helper()
	m, err := in.Reply(e2eWait)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return m
}

// text is everything a message shows, for checks.
func text(m discordtest.Message) string {
	var b strings.Builder
	b.WriteString(m.Content)
	for _, e := range m.Embeds {
		b.WriteString("\n" + e.Title + "\n" + e.Description)
		for _, f := range e.Fields {
			b.WriteString("\n" + f.Name + ": " + f.Value)
		}
		if e.Footer != nil {
			b.WriteString("\n" + e.Footer.Text)
		}
	}
	return b.String()
}

// documentServer serves documents on loopback, standing in for Discord's
// CDN and for news sites; /slow answers after delay. It counts requests.
type documentServer struct {
	*httptest.Server
	hits atomic.Int32
}

func newDocumentServer(t *testing.T, delay time.Duration) *documentServer {
	s := &documentServer{}
	mux := http.NewServeMux()
	mux.HandleFunc("/attachments/1/ferry.txt", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprint(w, ferryArticle)
	})
	mux.HandleFunc("/news/slow-ferry", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!DOCTYPE html><html><head><title>Ferry talks resume | The Sorrel Gazette</title>
<meta property="og:site_name" content="The Sorrel Gazette"><meta property="article:published_time" content="2026-03-11">
</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>Ferry talks resume</h1>
<p>Talks between the Kessa ferry crews and the operator resumed on Wednesday after two days of strikes that stranded commuters on both banks.</p>
<p>"We are closer than we were on Monday," said Petra Olsen, who leads the crews' union, after the first session.</p>
<p>The operator's managing director, Marcus Hale, said a new rota could be ready by the end of the month.</p>
</article><footer>Sign up for our newsletter</footer></body></html>`)
	})
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.hits.Add(1)
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

// TestDiscordQuotesAutocompleteAndPaging: a member types part of a name,
// picks the suggestion, reads /quotes and pages with the buttons.
func TestDiscordQuotesAutocompleteAndPaging(t *testing.T) {
	b := startBot(t, nil)
	cb, err := b.fake.SendAutocomplete("quotes", "speaker", "dovh").Callback(e2eWait)
	if err != nil {
		t.Fatal(err)
	}
	var value string
	for _, c := range cb.Data.Choices {
		if strings.Contains(c.Name, "Yuriy Dovhan") {
			value, _ = c.Value.(string)
		}
	}
	if cb.Type != 8 || value == "" {
		t.Fatalf("autocomplete of \"dovh\": type %d, choices %v; want Yuriy Dovhan among them", cb.Type, cb.Data.Choices)
	}

	in := b.fake.SendCommand("quotes", discordtest.String("speaker", value))
	first := reply(t, "/quotes", in)
	if c, _ := in.Callback(e2eWait); c.Type != 4 || first.Ephemeral() {
		t.Errorf("/quotes answered with type %d, ephemeral %v; want a public message at once", c.Type, first.Ephemeral())
	}
	if len(first.Embeds) == 0 || !strings.Contains(first.Embeds[0].Title, "Yuriy Dovhan") || !strings.Contains(text(first), "Page 1 of 3") {
		t.Fatalf("/quotes speaker:%s: %s", value, first.Raw)
	}
	if prev, ok := first.Button(render.PrevLabel); !ok || !prev.Disabled {
		t.Errorf("page 1: want a disabled Prev button: %s", first.Raw)
	}
	next, ok := first.Button(render.NextLabel)
	if !ok || next.Disabled {
		t.Fatalf("page 1 has no enabled Next button: %s", first.Raw)
	}
	press := b.fake.SendComponent(next.CustomID)
	second := reply(t, "Next", press)
	if c, _ := press.Callback(e2eWait); c.Type != 7 {
		t.Errorf("Next answered with type %d; want 7 (the message updated in place)", c.Type)
	}
	if !strings.Contains(text(second), "Page 2 of 3") || text(second) == text(first) {
		t.Errorf("page 2: %s", second.Raw)
	}
	if prev, ok := second.Button(render.PrevLabel); !ok || prev.Disabled {
		t.Errorf("page 2 has no enabled Prev button: %s", second.Raw)
	}
}

// TestDiscordAdmin walks an admin through /admin over Discord: refusals
// for a member without the permission, a file attached to the command
// (downloaded from a local server), a slow URL that makes the bot defer and
// then edit, the text form, and remove, reprocess, stats and backup.
// Downloads from loopback are allowed with BRIEFBOT_FETCH_ALLOW, as an
// operator would allow an intranet server.
func TestDiscordAdmin(t *testing.T) {
	docs := newDocumentServer(t, 2500*time.Millisecond) // past the bot's 1.5s deferral threshold
	b := startBot(t, map[string]string{"BRIEFBOT_FETCH_ALLOW": "127.0.0.1"})
	admin := discordtest.Member("600000000000000001", manageServer)
	ferry := discordtest.File("file", discordtest.Attachment{Filename: "ferry.txt", URL: docs.URL + "/attachments/1/ferry.txt",
		Size: len(ferryArticle), ContentType: "text/plain; charset=utf-8"})

	// A member without Manage Server is refused, privately, and nothing is fetched.
	for _, sub := range []string{"add", "stats", "backup", "reprocess"} {
		m := reply(t, "/admin "+sub+" by a member", b.fake.SendCommand("admin", discordtest.Subcommand(sub), ferry,
			discordtest.Member("600000000000000002", 0x400|0x800)))
		if !m.Ephemeral() || !strings.Contains(m.Content, "Only members with the Manage Server permission") {
			t.Errorf("/admin %s by a member without the permission: %s", sub, m.Raw)
		}
	}
	if n := docs.hits.Load(); n != 0 {
		t.Errorf("a refused /admin add downloaded the attachment (%d requests)", n)
	}

	// /admin add file: the briefing of the new article, privately.
	in := b.fake.SendCommand("admin", discordtest.Subcommand("add"), ferry, admin)
	m := reply(t, "/admin add file", in)
	if !m.Ephemeral() || len(m.Embeds) != 1 || m.Embeds[0].Title != "Ferry crews walk out over Kessa crossing rota" {
		t.Fatalf("/admin add file: %s", m.Raw)
	}
	for _, want := range []string{"Outlet: The Sorrel Gazette", "Published: 9 March 2026", "Quotes found: ", "Petra Olsen", "Marcus Hale", "Article #7"} {
		if !strings.Contains(text(m), want) {
			t.Errorf("/admin add file: reply lacks %q: %s", want, text(m))
		}
	}
	// Members can now find the new quote, with its apostrophe.
	m = reply(t, "/whosaid", b.fake.SendCommand("whosaid", discordtest.String("text", "won't sail another winter")))
	if !strings.Contains(text(m), "Petra Olsen") || !strings.Contains(text(m), "The Sorrel Gazette") {
		t.Errorf("/whosaid after /admin add: %s", text(m))
	}

	// /admin add url on a slow site: a private deferral within Discord's
	// 3 seconds, then the edit with the briefing.
	slow := b.fake.SendCommand("admin", discordtest.Subcommand("add"), discordtest.String("url", docs.URL+"/news/slow-ferry"), admin)
	cb, err := slow.Callback(e2eWait)
	if err != nil {
		t.Fatal(err)
	}
	if cb.Type != 5 || cb.Data.Flags&64 == 0 {
		t.Errorf("slow /admin add url: first response type %d flags %d; want a private deferral (5, 64)", cb.Type, cb.Data.Flags)
	}
	if el := slow.Elapsed(); el > 2500*time.Millisecond {
		t.Errorf("deferral after %v: too close to Discord's 3s", el)
	}
	m = reply(t, "slow /admin add url", slow)
	if slow.Edits() == 0 || !m.Ephemeral() || len(m.Embeds) != 1 || m.Embeds[0].Title != "Ferry talks resume" ||
		m.Embeds[0].URL != docs.URL+"/news/slow-ferry" || !strings.Contains(text(m), "Published: 11 March 2026") || !strings.Contains(text(m), "Article #8") {
		t.Errorf("slow /admin add url: %d edits, %s", slow.Edits(), m.Raw)
	}

	// /admin add with neither: the form to paste an article.
	cb, err = b.fake.SendCommand("admin", discordtest.Subcommand("add"), admin).Callback(e2eWait)
	if err != nil {
		t.Fatal(err)
	}
	if cb.Type != 9 || cb.Data.CustomID != "admin:text" || len(cb.Data.Components) != 4 {
		t.Fatalf("/admin add with no file or url: want the form (type 9): %s", cb.Raw)
	}
	m = reply(t, "the pasted article", b.fake.SendModalSubmit("admin:text", map[string]string{
		"title": "Bridge tolls lifted during ferry strike", "outlet": "Kessa Today", "date": "2026-03-10",
		"body": "The council lifted tolls on the Kessa bridge on Tuesday while the ferry is tied up.\n\n\"It is the least we can do,\" said Mayor Ona Brandt.",
	}, admin))
	if !m.Ephemeral() || len(m.Embeds) != 1 || m.Embeds[0].Title != "Bridge tolls lifted during ferry strike" ||
		!strings.Contains(text(m), "Outlet: Kessa Today") || !strings.Contains(text(m), "Ona Brandt") || !strings.Contains(text(m), "Article #9") {
		t.Errorf("the pasted article: %s", text(m))
	}

	// stats, remove, reprocess, backup.
	m = reply(t, "/admin stats", b.fake.SendCommand("admin", discordtest.Subcommand("stats"), admin))
	if !m.Ephemeral() || !strings.Contains(text(m), "Articles: 9") {
		t.Errorf("/admin stats: %s", text(m))
	}
	m = reply(t, "/admin remove", b.fake.SendCommand("admin", discordtest.Subcommand("remove"), discordtest.Int("article", 9), admin))
	if !m.Ephemeral() || m.Content != "Removed article #9 with its quotes." {
		t.Errorf("/admin remove: %s", m.Raw)
	}
	m = reply(t, "/admin remove again", b.fake.SendCommand("admin", discordtest.Subcommand("remove"), discordtest.Int("article", 9), admin))
	if m.Content != "There is no article #9." {
		t.Errorf("/admin remove of a removed article: %s", m.Raw)
	}
	m = reply(t, "/admin reprocess", b.fake.SendCommand("admin", discordtest.Subcommand("reprocess"), admin))
	if !strings.Contains(text(m), "Documents: 8") || !strings.Contains(text(m), "Updated: 8") || !strings.Contains(text(m), "Failed: 0") {
		t.Errorf("/admin reprocess: %s", text(m))
	}
	m = reply(t, "/admin backup", b.fake.SendCommand("admin", discordtest.Subcommand("backup"), admin))
	name, ok := strings.CutPrefix(m.Content, "Backup written: ")
	name, _, _ = strings.Cut(name, " ")
	if !ok || !m.Ephemeral() {
		t.Fatalf("/admin backup: %s", m.Raw)
	}
	if fi, err := os.Stat(filepath.Join(b.backups, name)); err != nil || fi.Size() == 0 {
		t.Errorf("the backup %s: %v", name, err)
	}
	// The backup answers like the corpus.
	if r := inProcess("query", "--db", filepath.Join(b.backups, name), "/whosaid text:won't sail another winter"); r.code != 0 || !strings.Contains(r.stdout, "Petra Olsen") {
		t.Errorf("query the backup: %s", r)
	}
}

// TestDiscordAddURLGuarded: with the default settings the SSRF guard
// refuses URLs and attachments on loopback, private and metadata
// addresses before connecting.
func TestDiscordAddURLGuarded(t *testing.T) {
	docs := newDocumentServer(t, 0)
	b := startBot(t, nil)
	admin := discordtest.Member("600000000000000001", manageServer)
	for _, u := range []string{docs.URL + "/news/slow-ferry", "http://localhost/", "http://169.254.169.254/latest/meta-data/", "http://10.0.0.8/", "http://[::1]/"} {
		m := reply(t, "/admin add url:"+u, b.fake.SendCommand("admin", discordtest.Subcommand("add"), discordtest.String("url", u), admin))
		if !m.Ephemeral() || !strings.Contains(m.Content, "Refused") || !strings.Contains(m.Content, "address not allowed") {
			t.Errorf("/admin add url:%s: %s", u, m.Raw)
		}
	}
	m := reply(t, "/admin add file on loopback", b.fake.SendCommand("admin", discordtest.Subcommand("add"), admin,
		discordtest.File("file", discordtest.Attachment{Filename: "ferry.txt", URL: docs.URL + "/attachments/1/ferry.txt", Size: len(ferryArticle)})))
	if !strings.Contains(m.Content, "address not allowed") {
		t.Errorf("attachment on loopback: %s", m.Raw)
	}
	if n := docs.hits.Load(); n != 0 {
		t.Errorf("the guard let %d requests through to loopback", n)
	}
}

// TestDiscordResumeAfterDrop: the gateway connection drops; the bot
// resumes its session and answers the command sent meanwhile.
func TestDiscordResumeAfterDrop(t *testing.T) {
	b := startBot(t, nil)
	reply(t, "/stats", b.fake.SendCommand("stats"))
	b.fake.DropGateway()
	m := reply(t, "/whosaid after the drop", b.fake.SendCommand("whosaid", discordtest.String("text", "water is not a weapon")))
	if !strings.Contains(text(m), "Helena Vask") {
		t.Errorf("/whosaid after the drop: %s", text(m))
	}
	if n := b.fake.Count("GATEWAY RESUME"); n != 1 {
		t.Errorf("%d RESUMEs; want 1", n)
	}
	if n := b.fake.Count("GATEWAY IDENTIFY"); n != 1 {
		t.Errorf("%d IDENTIFYs; want 1 (a resume does not identify again)", n)
	}
	if n := b.fake.Connections(); n != 2 {
		t.Errorf("%d gateway connections; want 2", n)
	}
}

// TestDiscordReplyRetriedAfter429: Discord rate-limits the reply; the bot
// waits Retry-After and sends it again.
func TestDiscordReplyRetriedAfter429(t *testing.T) {
	b := startBot(t, nil)
	const retryAfter = 400 * time.Millisecond
	callback := "POST /interactions/{id}/{token}/callback"
	b.fake.FailNext(callback, 1, discordtest.RateLimited(retryAfter))
	m := reply(t, "/quotes", b.fake.SendCommand("quotes", discordtest.String("speaker", "vask")))
	if !strings.Contains(text(m), "Water is not a weapon") {
		t.Errorf("/quotes speaker:vask after a 429: %s", text(m))
	}
	first, _ := b.fake.Wait(e2eWait, callback, 1)
	second, _ := b.fake.Wait(e2eWait, callback, 2)
	if first.Status != 429 || second.Status != 204 {
		t.Fatalf("callback statuses %d, %d; want 429 then 204", first.Status, second.Status)
	}
	if gap := second.Time.Sub(first.Time); gap < retryAfter {
		t.Errorf("retried %v after the 429; want at least Retry-After %v", gap, retryAfter)
	}
}
