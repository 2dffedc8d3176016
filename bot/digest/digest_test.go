package digest

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/render"
	"github.com/robfig/cron/v3"
)

func TestParseSpec(t *testing.T) {
	from := time.Date(2026, 12, 4, 7, 30, 0, 0, time.UTC) // a Friday
	tests := []struct {
		spec    string
		next    time.Time // zero: only check it parses
		wantErr string
	}{
		{spec: "0 8 * * *", next: time.Date(2026, 12, 4, 8, 0, 0, 0, time.UTC)},
		{spec: "30 6 * * MON-FRI", next: time.Date(2026, 12, 7, 6, 30, 0, 0, time.UTC)},
		{spec: "*/15 * * * *", next: time.Date(2026, 12, 4, 7, 45, 0, 0, time.UTC)},
		{spec: "@daily", next: time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)},
		{spec: " @Hourly ", next: time.Date(2026, 12, 4, 8, 0, 0, 0, time.UTC)},
		{spec: "@every 6h", next: time.Date(2026, 12, 4, 13, 30, 0, 0, time.UTC)},
		{spec: "0 0 29 2 *", next: time.Date(2028, 2, 29, 0, 0, 0, 0, time.UTC)},
		{spec: "", wantErr: "schedule is empty"},
		{spec: "TZ=Europe/Paris 0 8 * * *", wantErr: "TZ= or CRON_TZ= prefix is not supported"},
		{spec: "CRON_TZ=UTC 0 8 * * *", wantErr: "not supported"},
		{spec: "TZ=", wantErr: "not supported"},
		{spec: "tz=x", wantErr: "not supported"},
		{spec: "@every 10s", wantErr: "at most every 1m0s"},
		{spec: "@every", wantErr: "is not a duration"},
		{spec: "@every soon", wantErr: "is not a duration"},
		{spec: "@often", wantErr: "unknown descriptor"},
		{spec: "* * * *", wantErr: "4 fields, want 5"},
		{spec: "0 * * * * *", wantErr: "6 fields, want 5"},
		{spec: "60 * * * *", wantErr: "above maximum"},
		{spec: "0 0 30 2 *", wantErr: "never fires"},
		{spec: "x y z w v", wantErr: "schedule \"x y z w v\""},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			s, err := ParseSpec(tt.spec)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseSpec(%q) error = %v, want %q", tt.spec, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseSpec(%q): %v", tt.spec, err)
			}
			if got := s.Next(from); !got.Equal(tt.next) {
				t.Errorf("ParseSpec(%q).Next(%v) = %v, want %v", tt.spec, from, got, tt.next)
			}
		})
	}
}

func FuzzParseSpec(f *testing.F) {
	for _, s := range []string{"0 8 * * *", "TZ=", "@every 1h", "*/0 * * * *", "0-70/3 * * * *", "@", "1,2,3 L W # ?"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, spec string) {
		s, err := ParseSpec(spec) // must not panic
		if err == nil && s.Next(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)).IsZero() {
			t.Fatalf("ParseSpec(%q) accepted a schedule that never fires", spec)
		}
	})
}

// recorder is a Sender that keeps what it was asked to send.
type recorder struct {
	mu    sync.Mutex
	sent  []sent
	err   error
	panic bool
	got   chan struct{}
}

type sent struct {
	channel string
	reply   bot.Reply
}

func (r *recorder) Send(_ context.Context, channelID string, reply bot.Reply) error {
	if r.panic {
		panic("sender exploded")
	}
	if r.err != nil {
		return r.err
	}
	r.mu.Lock()
	r.sent = append(r.sent, sent{channelID, reply})
	r.mu.Unlock()
	if r.got != nil {
		select {
		case r.got <- struct{}{}:
		default:
		}
	}
	return nil
}

// testRouter has /brief (topic optional), /quotes (speaker required)
// and /admin stats; it records the requests it got.
func testRouter(reqs *[]bot.Request, mu *sync.Mutex) *bot.Router {
	r := bot.NewRouter(nil)
	r.Use(render.Replies)
	r.Add(bot.Route{Spec: bot.CommandSpec{Name: "brief", Options: []bot.OptionSpec{{Name: "topic", Type: bot.OptionString}}},
		Handler: func(_ context.Context, req bot.Request) (bot.Reply, error) {
			mu.Lock()
			*reqs = append(*reqs, req)
			mu.Unlock()
			if req.Options["topic"] == "nothing" {
				return bot.Reply{}, bot.Userf("No articles about %q.", req.Options["topic"])
			}
			return bot.Reply{Embeds: []bot.Embed{{Title: "Briefing: " + req.Options["topic"], Description: "He said \"@everyone\" " + strings.Repeat("words ", 1000)}}}, nil
		}})
	r.Add(bot.Route{Spec: bot.CommandSpec{Name: "quotes", Options: []bot.OptionSpec{{Name: "speaker", Type: bot.OptionString, Required: true}}},
		Handler: func(context.Context, bot.Request) (bot.Reply, error) { return bot.Reply{Content: "q"}, nil }})
	r.Add(bot.Route{Spec: bot.CommandSpec{Name: "admin", Subcommands: []bot.CommandSpec{{Name: "stats"}, {Name: "add", Options: []bot.OptionSpec{{Name: "file", Type: bot.OptionAttachment}}}}},
		Handler: func(context.Context, bot.Request) (bot.Reply, error) { return bot.Reply{Content: "stats"}, nil }})
	return r
}

func TestNewValidates(t *testing.T) {
	var reqs []bot.Request
	var mu sync.Mutex
	r := testRouter(&reqs, &mu)
	_, err := New(Options{Router: r, Sender: &recorder{}}, []Digest{
		{Name: "ok", Spec: "@daily", ChannelID: "1", Command: "/brief"},
		{Name: "ok", Spec: "@daily", ChannelID: "1", Command: "brief"},
		{Name: "tz", Spec: "TZ=UTC 0 8 * * *", ChannelID: "1", Command: "brief"},
		{Name: "nochan", Spec: "@daily", Command: "brief"},
		{Name: "unknown", Spec: "@daily", ChannelID: "1", Command: "/weather"},
		{Name: "badopt", Spec: "@daily", ChannelID: "1", Command: "brief", Options: map[string]string{"topc": "nato"}},
		{Name: "missing", Spec: "@daily", ChannelID: "1", Command: "quotes"},
		{Name: "nosub", Spec: "@daily", ChannelID: "1", Command: "admin"},
		{Name: "file", Spec: "@daily", ChannelID: "1", Command: "admin add", Options: map[string]string{"file": "x"}},
		{Spec: "@daily", ChannelID: "1", Command: "brief"},
	})
	if err == nil {
		t.Fatal("New accepted bad digests")
	}
	for _, want := range []string{
		`digest "ok": the name is used twice`,
		`digest "tz": schedule "TZ=UTC 0 8 * * *": a TZ= or CRON_TZ= prefix is not supported`,
		`digest "nochan": no channel`,
		`digest "unknown": unknown command /weather`,
		`digest "badopt": /brief has no option "topc"`,
		`digest "missing": /quotes needs option "speaker"`,
		`digest "nosub": /admin has no subcommand ""`,
		`digest "file": option "file": a digest cannot attach files`,
		`digest #10: no name`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	if _, err := New(Options{Router: r, Sender: &recorder{}}, []Digest{{Name: "stats", Spec: "0 9 * * 1", ChannelID: "1", Command: "admin stats"}}); err != nil {
		t.Errorf("subcommand digest: %v", err)
	}
}

func TestEntriesUseClockAndLocation(t *testing.T) {
	var reqs []bot.Request
	var mu sync.Mutex
	now := time.Date(2026, 12, 4, 7, 30, 0, 0, time.UTC) // 08:30 at UTC+1
	s, err := New(Options{Router: testRouter(&reqs, &mu), Sender: &recorder{}, Location: time.FixedZone("CET", 3600), Now: func() time.Time { return now }},
		[]Digest{{Name: "morning", Spec: "0 8 * * *", ChannelID: "1", Command: "brief"}})
	if err != nil {
		t.Fatal(err)
	}
	e := s.Entries()
	want := time.Date(2026, 12, 5, 7, 0, 0, 0, time.UTC) // 08:00 UTC+1 tomorrow
	if len(e) != 1 || !e[0].Next.Equal(want) {
		t.Errorf("Entries = %+v, want next %v", e, want)
	}
}

func TestRunNow(t *testing.T) {
	var reqs []bot.Request
	var mu sync.Mutex
	rec := &recorder{}
	now := time.Date(2026, 12, 4, 8, 0, 0, 0, time.UTC)
	s, err := New(Options{Router: testRouter(&reqs, &mu), Sender: rec, Now: func() time.Time { return now }}, []Digest{
		{Name: "nato", Spec: "@daily", ChannelID: "chan-1", Command: "brief", Options: map[string]string{"topic": "nato"}},
		{Name: "empty", Spec: "@daily", ChannelID: "chan-2", Command: "brief", Options: map[string]string{"topic": "nothing"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := s.RunNow(ctx, "nato"); err != nil {
		t.Fatal(err)
	}
	if len(rec.sent) != 1 || rec.sent[0].channel != "chan-1" {
		t.Fatalf("sent %+v", rec.sent)
	}
	got := rec.sent[0].reply
	if err := render.Validate(got); err != nil {
		t.Errorf("digest reply: %v", err)
	}
	if got.Embeds[0].Title != "Briefing: nato" {
		t.Errorf("reply %+v", got.Embeds[0].Title)
	}
	req := reqs[0]
	if req.Command != "brief" || req.ChannelID != "chan-1" || req.User.ID != "digest" || req.Options["topic"] != "nato" ||
		req.Interaction != bot.InteractionCommand || !strings.HasPrefix(req.ID, "digest-nato-1796371200-") {
		t.Errorf("request %+v", req)
	}

	err = s.RunNow(ctx, "empty")
	if err == nil || !strings.Contains(err.Error(), `No articles about "nothing"`) || len(rec.sent) != 1 {
		t.Errorf("error reply: err %v, sent %d", err, len(rec.sent))
	}
	if err := s.RunNow(ctx, "nope"); err == nil {
		t.Error("RunNow of an unknown digest succeeded")
	}
	rec.err = errors.New("HTTP 403 Missing Access")
	if err := s.RunNow(ctx, "nato"); err == nil || !strings.Contains(err.Error(), "sending to channel chan-1: HTTP 403") {
		t.Errorf("send error: %v", err)
	}
	rec.err, rec.panic = nil, true
	if err := s.RunNow(ctx, "nato"); err == nil || !strings.Contains(err.Error(), "panicked: sender exploded") {
		t.Errorf("panicking sender: %v", err)
	}
}

// TestRunFiresOnSchedule runs the real cron loop with a one-second
// schedule added beside the configured one (ParseSpec refuses anything
// that frequent), and checks that Run stops when its context ends.
func TestRunFiresOnSchedule(t *testing.T) {
	var reqs []bot.Request
	var mu sync.Mutex
	rec := &recorder{got: make(chan struct{}, 1)}
	d := Digest{Name: "fast", Spec: "@hourly", ChannelID: "c", Command: "quotes", Options: map[string]string{"speaker": "peskov"}}
	s, err := New(Options{Router: testRouter(&reqs, &mu), Sender: rec}, []Digest{d})
	if err != nil {
		t.Fatal(err)
	}
	s.cron.Schedule(cron.Every(time.Second), s.job(s.digests[0]))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- s.Run(ctx) }()
	select {
	case <-rec.got:
	case <-time.After(10 * time.Second):
		t.Error("no digest sent within 10s of a one-second schedule")
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run = %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after its context ended")
	}
}
