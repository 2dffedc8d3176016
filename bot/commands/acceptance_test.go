package commands

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/render"
	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/briefing/evalscore"
	"github.com/briefbot/briefbot/briefing/story"
	"github.com/briefbot/briefbot/store"
)

// The acceptance test of the commands (issue 4): the five real page dumps
// in ../shared/corpus go through the real pipeline (briefing.Process) into
// a real SQLite corpus, and the commands are checked against the
// hand-made gold annotations in ../shared/eval/gold.

// goldQuote is one quote of a gold file.
type goldQuote struct {
	Speaker string `json:"speaker"`
	Text    string `json:"text"`
	Kind    string `json:"kind"`
	Body    bool   `json:"body"`
	file    string
}

func readGold(t *testing.T) []goldQuote {
	t.Helper()
	dir := evalscore.SharedDir(t, "eval/gold")
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no gold files in %s: %v", dir, err)
	}
	var all []goldQuote
	for _, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var g struct {
			Quotes []goldQuote `json:"quotes"`
		}
		if err := json.Unmarshal(body, &g); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, q := range g.Quotes {
			q.file = filepath.Base(f)
			all = append(all, q)
		}
	}
	return all
}

// sharedCorpusStore ingests ../shared/corpus with the real pipeline into a
// corpus file in a temporary folder.
func sharedCorpusStore(t *testing.T) *store.Store {
	t.Helper()
	dir := evalscore.SharedDir(t, "corpus")
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no .txt files in %s: %v", dir, err)
	}
	s := openStore(t)
	for _, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc := briefing.Document{Name: filepath.Base(f), Format: briefing.FormatText, Body: body}
		art, err := briefing.Process(doc)
		if err != nil {
			t.Fatalf("Process(%s): %v", doc.Name, err)
		}
		raw := store.RawDocument{Name: doc.Name, Format: doc.Format, Body: body, AddedBy: "test"}
		if _, err := s.Ingest(context.Background(), raw, art); err != nil {
			t.Fatalf("Ingest(%s): %v", doc.Name, err)
		}
	}
	return s
}

// listedQuote is one quote as a /quotes or /whosaid reply shows it.
type listedQuote struct {
	header string // the field's name: date and outlets
	text   string // the words, without quotation marks or label, unescaped
	more   string // the rest of the field: sources
	cut    bool   // the words were cut to fit ("…" at the end)
}

// allPages runs a command and presses Next until the last page, and
// returns every quote field shown.
func allPages(t *testing.T, r *bot.Router, req bot.Request) []listedQuote {
	t.Helper()
	ctx := context.Background()
	var out []listedQuote
	reply := r.Handle(ctx, req)
	for page := 1; ; page++ {
		checkSendable(t, req.Command, reply)
		if reply.Ephemeral {
			t.Fatalf("%s %v: %s", req.Command, req.Options, reply.Content)
		}
		for _, e := range reply.Embeds {
			for _, f := range e.Fields {
				out = append(out, parseQuoteField(f))
			}
		}
		next := ""
		for _, row := range reply.Components {
			for _, b := range row.Buttons {
				if b.Label == render.NextLabel && !b.Disabled {
					next = b.CustomID
				}
			}
		}
		if next == "" || page > 50 {
			return out
		}
		reply = r.Handle(ctx, press(next))
	}
}

func parseQuoteField(f bot.EmbedField) listedQuote {
	words, more, _ := strings.Cut(f.Value, "\n")
	words = strings.TrimPrefix(words, reportedLabel)
	words = strings.TrimSuffix(strings.TrimPrefix(words, "“"), "”")
	words = unescape(words)
	q := listedQuote{header: f.Name, text: words, more: unescape(more)}
	if t, ok := strings.CutSuffix(words, "…"); ok {
		q.text, q.cut = t, true
	}
	return q
}

// unescape undoes render.EscapeMarkdown closely enough to compare words.
func unescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return strings.ReplaceAll(b.String(), "@\u200b", "@")
}

// sameWords reports whether a listed quote shows a gold quote: the same
// quote as story.SameQuote sees it, or, for words cut to fit, the gold
// quote starting with them.
func sameWords(listed listedQuote, gold string) bool {
	if story.SameQuote(listed.text, gold) {
		return true
	}
	kl, kg := story.QuoteKey(listed.text), story.QuoteKey(gold)
	if listed.cut {
		// The last word shown may itself be cut.
		if i := strings.LastIndexByte(kl, ' '); i > 0 {
			kl = kl[:i]
		}
		return kl != "" && strings.HasPrefix(kg, kl)
	}
	return false
}

// whereIs says what became of a quote missing from a reply: stored under
// another speaker, or not extracted from its article at all.
func whereIs(t *testing.T, s *store.Store, text string) string {
	t.Helper()
	hits, _, err := s.WhoSaid(context.Background(), text, 0, 5)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hits {
		if story.SameQuote(h.Text, text) {
			if h.Speaker == "" {
				return "the corpus holds it with no speaker"
			}
			return "the corpus gives it to " + h.Speaker
		}
	}
	return "the pipeline (briefing.Process) did not extract it"
}

func TestSharedCorpusAcceptance(t *testing.T) {
	gold := readGold(t)
	s := sharedCorpusStore(t)
	r := bot.NewRouter(nil)
	Register(r, Deps{Store: s, Now: func() time.Time { return time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC) }})

	t.Run("peskov", func(t *testing.T) {
		listed := allPages(t, r, cmd("quotes", "speaker", "peskov"))
		if len(listed) == 0 {
			t.Fatal("/quotes speaker:peskov lists nothing")
		}
		// Every quote gold gives Dmitry Peskov is listed.
		for _, g := range gold {
			if g.Speaker != "Dmitry Peskov" {
				continue
			}
			found := false
			for _, l := range listed {
				found = found || sameWords(l, g.Text)
			}
			if !found {
				t.Errorf("%s: Peskov's %s quote %q is not listed: %s", g.file, g.Kind, g.Text, whereIs(t, s, g.Text))
			}
		}
		// Nothing listed is anyone else's: every quote listed is one of
		// Peskov's in gold.
		for _, l := range listed {
			var his, others []goldQuote
			for _, g := range gold {
				if sameWords(l, g.Text) {
					if g.Speaker == "Dmitry Peskov" {
						his = append(his, g)
					} else {
						others = append(others, g)
					}
				}
			}
			switch {
			case len(his) == 0 && len(others) > 0:
				t.Errorf("listed as Peskov's: %q, which gold gives %s (%s)", l.text, others[0].Speaker, others[0].file)
			case len(his) == 0:
				t.Errorf("listed as Peskov's: %q, which gold does not count as a quote of his", l.text)
			}
		}
		// The NATO quote is listed once, with its two outlets.
		const nato = "We cannot allow NATO's military infrastructure to get that close to our borders"
		var shown []listedQuote
		for _, l := range listed {
			if sameWords(l, nato) {
				shown = append(shown, l)
			}
		}
		if len(shown) != 1 {
			t.Fatalf("the NATO quote is listed %d times, want once: %+v", len(shown), shown)
		}
		if !strings.Contains(shown[0].header, "2 outlets") || strings.Count(shown[0].more, "\n") != 1 {
			t.Errorf("the NATO quote should come with its two outlets: %s\n%s", shown[0].header, shown[0].more)
		}
		if !strings.Contains(shown[0].more, "The Kyiv Independent") {
			t.Errorf("the NATO quote's sources should name The Kyiv Independent:\n%s", shown[0].more)
		}
	})

	t.Run("zelenskyy", func(t *testing.T) {
		reply := r.Handle(context.Background(), cmd("quotes", "speaker", "zelenskyy"))
		if reply.Ephemeral || len(reply.Embeds) == 0 || !strings.Contains(reply.Embeds[0].Title, "Zelensky") {
			t.Fatalf("/quotes speaker:zelenskyy: %s", reply.Text)
		}
		listed := allPages(t, r, cmd("quotes", "speaker", "zelenskyy"))
		var want []goldQuote
		for _, g := range gold {
			if strings.Contains(g.Speaker, "Zelensk") {
				want = append(want, g)
			}
		}
		found := 0
		for _, g := range want {
			for _, l := range listed {
				if sameWords(l, g.Text) {
					found++
					break
				}
			}
		}
		if found == 0 {
			t.Errorf("none of Zelensky's %d gold quotes is listed for zelenskyy: %+v", len(want), listed)
		}
		for _, l := range listed {
			for _, g := range gold {
				if sameWords(l, g.Text) && !strings.Contains(g.Speaker, "Zelensk") {
					t.Errorf("listed as Zelensky's: %q, which gold gives %s", l.text, g.Speaker)
				}
			}
		}
	})

	t.Run("timeline", func(t *testing.T) {
		reply := r.Handle(context.Background(), cmd("timeline", "topic", "peacekeepers"))
		checkSendable(t, "timeline", reply)
		if len(reply.Embeds) == 0 {
			t.Fatalf("no embed: %s", reply.Text)
		}
		var dates []time.Time
		for _, block := range strings.Split(reply.Embeds[0].Description, "\n\n")[1:] {
			day, _, ok := strings.Cut(strings.TrimPrefix(block, "**"), "**")
			if !ok {
				t.Fatalf("event without a date: %q", block)
			}
			d, err := time.Parse("2 Jan 2006", day)
			if err != nil {
				t.Fatalf("event date %q: %v", day, err)
			}
			if !strings.Contains(block, "\n") {
				t.Errorf("event without a source: %q", block)
			}
			dates = append(dates, d)
		}
		if len(dates) == 0 {
			t.Fatalf("/timeline topic:peacekeepers lists no dated event:\n%s", reply.Text)
		}
		for i := 1; i < len(dates); i++ {
			if dates[i].Before(dates[i-1]) {
				t.Errorf("events out of date order: %v then %v\n%s", dates[i-1], dates[i], reply.Text)
			}
		}
	})
}
