package commands

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/render"
	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/store"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// now is the fixed clock of the tests.
var now = func() time.Time { return time.Date(2025, 5, 20, 9, 30, 0, 0, time.UTC) }

type said struct{ speaker, role, text string }

// reportedPrefix starts the text of a said that is reported speech
// (briefing.KindIndirect): the article prints it without quotation marks.
const reportedPrefix = "reported: "

// article builds a fictional article whose text holds each quote and
// event at the offsets the Article gives. An event given as
// "2025-05-11?|text" has its year inferred (briefing.Event.YearInferred).
func article(title, outlet, published string, quotes []said, events ...string) briefing.Article {
	var b strings.Builder
	b.WriteString(title + ".")
	a := briefing.Article{Title: title, Source: outlet,
		URL: "https://" + strings.ToLower(strings.NewReplacer(" ", "", "@", "", "<", "", ">", "", "&", "").Replace(outlet)) + ".example/" + fmt.Sprint(len(title))}
	if published != "" {
		a.Published, _ = time.Parse(time.DateOnly, published)
	}
	seen := map[string]bool{}
	for _, q := range quotes {
		kind := briefing.KindDirect
		if text, ok := strings.CutPrefix(q.text, reportedPrefix); ok {
			kind, q.text = briefing.KindIndirect, text
			b.WriteString("\n\n" + q.speaker + " said ")
		} else {
			b.WriteString("\n\n\"")
		}
		start := b.Len()
		b.WriteString(q.text)
		end := b.Len()
		if kind == briefing.KindIndirect {
			b.WriteString(".")
		} else {
			b.WriteString("\", " + q.speaker + " said.")
		}
		a.Quotes = append(a.Quotes, briefing.Quote{Speaker: q.speaker, Role: q.role, Text: q.text,
			Kind: kind, Start: start, End: end, Evidence: "explicit"})
		if q.speaker != "" && q.speaker != briefing.Anonymous && !seen[q.speaker] {
			seen[q.speaker] = true
			a.Speakers = append(a.Speakers, briefing.Speaker{Name: q.speaker, Role: q.role})
		}
	}
	for _, ev := range events {
		date, text, _ := strings.Cut(ev, "|")
		date, inferred := strings.CutSuffix(date, "?")
		b.WriteString("\n\n")
		start := b.Len()
		b.WriteString(text)
		d, _ := time.Parse(time.DateOnly, date)
		a.Events = append(a.Events, briefing.Event{Date: d, Text: text, Start: start, End: b.Len(), YearInferred: inferred})
	}
	a.Text = b.String()
	a.Summary = title + ". " + fmt.Sprintf("Reported by %s.", outlet)
	return a
}

func openStore(t testing.TB) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "corpus.db"), store.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func ingest(t testing.TB, s *store.Store, arts ...briefing.Article) {
	t.Helper()
	for i, a := range arts {
		name := fmt.Sprintf("doc-%d-%s", i, a.Title)
		raw := store.RawDocument{Name: name, Format: briefing.FormatText, Body: []byte(name + "\n" + a.Text), AddedBy: "test"}
		if _, err := s.Ingest(context.Background(), raw, a); err != nil {
			t.Fatalf("ingest %s: %v", name, err)
		}
	}
}

const natoQuote = "We cannot allow NATO's military infrastructure to get that close to our borders"

// smallCorpus is a fictional corpus in the shape of the real one: the same
// quote in two outlets, a name spelled two ways, an anonymous source, two
// people sharing a surname, and dated events.
func smallCorpus(t testing.TB) *store.Store {
	s := openStore(t)
	ingest(t, s,
		article("Kremlin rejects European peacekeepers", "Reuters", "2025-05-12", []said{
			{"Dmitry Peskov", "Kremlin spokesman", natoQuote},
			{"Volodymyr Zelensky", "President", "Ukraine is ready for a full ceasefire from Monday"},
			{"Dmitry Peskov", "", reportedPrefix + "Moscow would not discuss the terms of a deployment publicly"},
		}, "2025-05-11|On May 11, European leaders met in Kyiv to discuss peacekeepers.",
			"2025-05-15|Talks are due to start in Istanbul on May 15."),
		article("Moscow says no to peacekeepers from NATO states", "The Guardian", "2025-05-13", []said{
			{"Peskov", "", natoQuote},
			{"Zelenskyy", "", "We will not trade territory for *promises*"},
			{briefing.Anonymous, "", "Nobody expects a deal this month"},
		}, "2025-05-11|On May 11, European leaders met in Kyiv to discuss peacekeepers."),
		article("Rome budget talks stall", "ANSA", "2025-04-02", []said{
			{"Giorgia Meloni", "Prime Minister", "Italy will keep its promises on the budget"},
		}),
		article("Kremlin comments on new sanctions", "TASS", "2025-03-01", []said{
			{"Dmitry Peskov", "", "Sanctions will not change our course"},
		}),
		article("Port strike ends", "Harbour Times", "2025-05-18", []said{
			{"John Smith", "union leader", "The strike is over and the cranes are moving"},
			{"Jane Smith", "port director", "We have agreed a fair settlement"},
		}),
	)
	return s
}

func newRouter(t testing.TB, s *store.Store) *bot.Router {
	r := bot.NewRouter(nil)
	Register(r, Deps{Store: s, Now: now})
	return r
}

func cmd(name string, opts ...string) bot.Request {
	req := bot.Request{Interaction: bot.InteractionCommand, Command: name, Options: map[string]string{}}
	for i := 0; i+1 < len(opts); i += 2 {
		req.Options[opts[i]] = opts[i+1]
	}
	return req
}

func autocomplete(name, focused, typed string) bot.Request {
	return bot.Request{Interaction: bot.InteractionAutocomplete, Command: name, Focused: focused,
		Options: map[string]string{focused: typed}}
}

func press(customID string) bot.Request {
	name, _, _ := strings.Cut(customID, ":")
	return bot.Request{Interaction: bot.InteractionComponent, Command: name, CustomID: customID}
}

// buttonID finds the custom_id of the button with this label.
func buttonID(t *testing.T, r bot.Reply, label string) string {
	t.Helper()
	for _, row := range r.Components {
		for _, b := range row.Buttons {
			if b.Label == label && !b.Disabled {
				return b.CustomID
			}
		}
	}
	t.Fatalf("no enabled button %q in %+v", label, r.Components)
	return ""
}

func replyJSON(t *testing.T, r bot.Reply) []byte {
	t.Helper()
	js, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(js, '\n')
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -tags sqlite_fts5 ./bot/commands -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (rerun with -update if the change is intended):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// checkSendable fails when a reply would be refused by Discord or could
// ping anyone.
func checkSendable(t *testing.T, what string, r bot.Reply) {
	t.Helper()
	if err := render.Validate(r); err != nil {
		t.Errorf("%s: not sendable: %v", what, err)
	}
	js, _ := json.Marshal(r)
	for _, ping := range []string{"@everyone", "@here", "<@&", "<@!", "<@1"} {
		if bytes.Contains(js, []byte(ping)) {
			t.Errorf("%s: payload holds a live %q", what, ping)
		}
	}
	if !strings.Contains(string(js), `"allowed_mentions":{"parse":[]}`) {
		t.Errorf("%s: allowed_mentions is not empty: %s", what, js)
	}
	if r.Text == "" {
		t.Errorf("%s: no plain-text rendering", what)
	}
}

func TestGolden(t *testing.T) {
	s := smallCorpus(t)
	r := newRouter(t, s)
	ctx := context.Background()
	cases := []struct {
		name string
		req  bot.Request
	}{
		{"quotes_peskov", cmd("quotes", "speaker", "peskov")},
		{"quotes_zelenskyy", cmd("quotes", "speaker", "zelenskyy")},
		{"quotes_full_name", cmd("quotes", "speaker", "Dmitry Peskov")},
		{"quotes_topic", cmd("quotes", "speaker", "peskov", "topic", "sanctions")},
		{"quotes_since", cmd("quotes", "speaker", "peskov", "since", "30d")},
		{"quotes_outlet", cmd("quotes", "speaker", "peskov", "outlet", "guardian")},
		{"quotes_nothing", cmd("quotes", "speaker", "peskov", "topic", "weather")},
		{"quotes_typo", cmd("quotes", "speaker", "pesk0v")},
		{"quotes_unknown", cmd("quotes", "speaker", "nobody at all")},
		{"quotes_ambiguous", cmd("quotes", "speaker", "smith")},
		{"quotes_bad_since", cmd("quotes", "speaker", "peskov", "since", "last tuesday")},
		{"quotes_autocomplete_prefix", autocomplete("quotes", "speaker", "pes")},
		{"quotes_autocomplete_empty", autocomplete("quotes", "speaker", "")},
		{"quotes_autocomplete_fuzzy", autocomplete("quotes", "speaker", "zelensky")},
		{"whosaid", cmd("whosaid", "text", "NATO's military infrastructure")},
		{"whosaid_words", cmd("whosaid", "text", "borders NATO")},
		{"whosaid_none", cmd("whosaid", "text", "purple elephants")},
		{"whosaid_reported", cmd("whosaid", "text", "terms of a deployment")},
		{"brief_latest", cmd("brief")},
		{"brief_id", cmd("brief", "article", "#2")},
		{"brief_reported", cmd("brief", "article", "#1")},
		{"brief_title", cmd("brief", "article", "peacekeepers NATO")},
		{"brief_topic", cmd("brief", "topic", "budget")},
		{"brief_missing", cmd("brief", "article", "#99")},
		{"search", cmd("search", "query", "kremlin")},
		{"search_quote", cmd("search", "query", "military infrastructure")},
		{"search_injection", cmd("search", "query", `NEAR(" OR *`)},
		{"search_no_words", cmd("search", "query", `"*-`)},
		{"timeline", cmd("timeline", "topic", "peacekeepers")},
		{"timeline_articles", cmd("timeline", "topic", "kremlin")},
		{"speakers", cmd("speakers")},
		{"speakers_query", cmd("speakers", "query", "smith")},
		{"sources", cmd("sources")},
		{"stats", cmd("stats")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			reply := r.Handle(ctx, tc.req)
			checkSendable(t, tc.name, reply)
			golden(t, tc.name+".txt", []byte(reply.Text+"\n"))
			golden(t, tc.name+".json", replyJSON(t, reply))
		})
	}
}

// TestTimelineYearInferred: events from an undated article whose year the
// pipeline took from a date the article prints show that the year is an
// inference, unless another outlet printed the same event with its year.
func TestTimelineYearInferred(t *testing.T) {
	s := openStore(t)
	ingest(t, s,
		article("Peacekeepers feed", "Live Feed", "", []said{{"Dmitry Peskov", "", "We view such discussions negatively"}},
			"2025-05-11?|On May 11, European leaders met in Kyiv to discuss peacekeepers.",
			"2025-02-20?|On Feb. 20, envoys first raised the idea of peacekeepers.",
			"2025-05-15?|Talks on peacekeepers are due to start in Istanbul on May 15."),
		article("Peacekeepers talks set for Istanbul", "Reuters", "2025-05-12", nil,
			"2025-05-15|Talks on peacekeepers are due to start in Istanbul on May 15."),
	)
	r := newRouter(t, s)
	reply := r.Handle(context.Background(), cmd("timeline", "topic", "peacekeepers"))
	checkSendable(t, "timeline", reply)
	golden(t, "timeline_year_inferred.txt", []byte(reply.Text+"\n"))
	golden(t, "timeline_year_inferred.json", replyJSON(t, reply))
	for _, want := range []string{"20 Feb 2025 (year inferred)", "11 May 2025 (year inferred)"} {
		if !strings.Contains(reply.Text, want) {
			t.Errorf("want %q in:\n%s", want, reply.Text)
		}
	}
	if strings.Contains(reply.Text, "15 May 2025 (year inferred)") {
		t.Errorf("Reuters printed the year of the May 15 talks; it is not inferred:\n%s", reply.Text)
	}
}

func TestQuotesAcceptance(t *testing.T) {
	s := smallCorpus(t)
	r := newRouter(t, s)
	ctx := context.Background()
	reply := r.Handle(ctx, cmd("quotes", "speaker", "peskov"))
	if n := strings.Count(reply.Text, "NATO's military infrastructure"); n != 1 {
		t.Errorf("the NATO quote appears %d times, want once:\n%s", n, reply.Text)
	}
	if !strings.Contains(reply.Text, "2 outlets") || !strings.Contains(reply.Text, "Reuters") || !strings.Contains(reply.Text, "The Guardian") {
		t.Errorf("the NATO quote should list its two outlets:\n%s", reply.Text)
	}
	for _, other := range []string{"ceasefire", "budget", "strike", "Nobody expects"} {
		if strings.Contains(reply.Text, other) {
			t.Errorf("Peskov's quotes hold someone else's %q:\n%s", other, reply.Text)
		}
	}
	reply = r.Handle(ctx, cmd("quotes", "speaker", "zelenskyy"))
	if !strings.Contains(reply.Text, "Quotes by Volodymyr Zelensky") || !strings.Contains(reply.Text, "trade territory") {
		t.Errorf("zelenskyy should find Zelensky's quotes:\n%s", reply.Text)
	}
	reply = r.Handle(ctx, cmd("quotes", "speaker", "smith"))
	reply = r.Handle(ctx, press(buttonID(t, reply, "John Smith")))
	if !strings.Contains(reply.Text, "Quotes by John Smith") || !strings.Contains(reply.Text, "cranes") || strings.Contains(reply.Text, "settlement") {
		t.Errorf("the John Smith button should list his quotes only:\n%s", reply.Text)
	}
	reply = r.Handle(ctx, cmd("quotes", "speaker", "pesk0v"))
	if want := "No speaker matches 'pesk0v'; did you mean Dmitry Peskov?"; reply.Content != want || !reply.Ephemeral {
		t.Errorf("pesk0v: got %q, want %q", reply.Content, want)
	}
}

func TestPagingButtons(t *testing.T) {
	s := openStore(t)
	var arts []briefing.Article
	for i := range 23 {
		arts = append(arts, article(fmt.Sprintf("Briefing number %d on the harbour", i), "Harbour Times",
			time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i).Format(time.DateOnly),
			[]said{{"Anya Vorenko", "mayor", fmt.Sprintf("Statement %d about the harbour: %s", i, distinctWords(i, 8))}}))
	}
	ingest(t, s, arts...)
	r := newRouter(t, s)
	ctx := context.Background()
	reply := r.Handle(ctx, cmd("quotes", "speaker", "vorenko", "topic", "harbour"))
	checkSendable(t, "page 1", reply)
	if !strings.Contains(reply.Text, "Statement 22 ") || !strings.Contains(reply.Text, "Page 1/5") {
		t.Fatalf("page 1 should start with the newest quote and show Page 1/5:\n%s", reply.Text)
	}
	seen := map[string]bool{}
	for page := 2; page <= 5; page++ {
		reply = r.Handle(ctx, press(buttonID(t, reply, render.NextLabel)))
		checkSendable(t, fmt.Sprintf("page %d", page), reply)
		if !strings.Contains(reply.Text, fmt.Sprintf("Page %d/5", page)) {
			t.Fatalf("page %d:\n%s", page, reply.Text)
		}
		for i := range 23 {
			if strings.Contains(reply.Text, fmt.Sprintf("Statement %d ", i)) {
				if seen[fmt.Sprint(i)] {
					t.Errorf("statement %d shown twice", i)
				}
				seen[fmt.Sprint(i)] = true
			}
		}
	}
	if !strings.Contains(reply.Text, "Statement 0 ") {
		t.Errorf("last page should end with the oldest quote:\n%s", reply.Text)
	}
	reply = r.Handle(ctx, press(buttonID(t, reply, render.PrevLabel)))
	if !strings.Contains(reply.Text, "Page 4/5") {
		t.Errorf("prev from page 5: %s", reply.Text)
	}
	// A stale or forged button is a user error, not a crash.
	for _, id := range []string{"quotes:garbage", "quotes:~nosuchkey:2", "quotes:s=%23999:2", "quotes::1"} {
		reply = r.Handle(ctx, press(id))
		if !reply.Ephemeral || strings.Contains(reply.Content, "Error id") {
			t.Errorf("press %q: %+v", id, reply)
		}
	}
}

func TestLongQueryPagesThroughStateTable(t *testing.T) {
	s := openStore(t)
	topic := strings.Repeat("harbour ", 20) + "statement"
	var arts []briefing.Article
	for i := range 8 {
		arts = append(arts, article(fmt.Sprintf("Harbour piece %d", i), "Harbour Times", fmt.Sprintf("2025-02-%02d", i+1),
			[]said{{"Anya Vorenko", "", fmt.Sprintf("Statement %d about the harbour: %s", i, distinctWords(i, 8))}}))
	}
	ingest(t, s, arts...)
	r := newRouter(t, s)
	reply := r.Handle(context.Background(), cmd("quotes", "speaker", "Anya Vorenko", "topic", topic, "outlet", "Harbour Times"))
	id := buttonID(t, reply, render.NextLabel)
	if len(id) > 100 {
		t.Fatalf("custom_id %d characters", len(id))
	}
	reply = r.Handle(context.Background(), press(id))
	if !strings.Contains(reply.Text, "Page 2/2") || !strings.Contains(reply.Text, "Statement 2 ") {
		t.Errorf("page 2 through the state table:\n%s", reply.Text)
	}
}

func TestAutocompleteLimits(t *testing.T) {
	s := openStore(t)
	var arts []briefing.Article
	for i := range 40 {
		name := fmt.Sprintf("Pavel Petrov%c%c", 'a'+i%26, 'a'+i/26)
		if i == 0 {
			name = "Pavel " + strings.Repeat("Longname", 20)
		}
		arts = append(arts, article(fmt.Sprintf("Story %d", i), "Wire", "2025-01-02",
			[]said{{name, strings.Repeat("very senior adviser ", 10), fmt.Sprintf("Words number %d %s", i, distinctWords(i, 6))}}))
	}
	ingest(t, s, arts...)
	r := newRouter(t, s)
	reply := r.Handle(context.Background(), autocomplete("quotes", "speaker", "pav"))
	if len(reply.Choices) != 25 {
		t.Fatalf("%d choices, want 25", len(reply.Choices))
	}
	checkSendable(t, "autocomplete", reply)
	for _, c := range reply.Choices {
		if render.Len(c.Name) > 100 || render.Len(c.Value) > 100 || c.Value == "" {
			t.Errorf("choice %+v breaks the limits", c)
		}
	}
	// Every suggested value resolves to one speaker.
	for _, c := range reply.Choices {
		got := r.Handle(context.Background(), cmd("quotes", "speaker", c.Value))
		if got.Ephemeral {
			t.Errorf("value %q does not resolve: %s", c.Value, got.Content)
		}
	}
}

// hostile is text built to break a Discord message: Markdown, mentions,
// masked links, code fences, newlines.
const hostile = "@everyone @here <@&123> <@!456> <@789> **bold** __u__ ~~s~~ ||spoiler|| `code` ```fence``` [click](https://evil.example) # heading\n> quote\n- list"

func TestAdversarialPayloadsStayWithinLimits(t *testing.T) {
	s := openStore(t)
	huge := strings.Repeat("word ", 20000) + hostile
	var arts []briefing.Article
	arts = append(arts, article(hostile+strings.Repeat(" long title", 100), hostile, "2025-05-01",
		[]said{{"Boris Hostile", hostile, huge}, {"Boris Hostile", "", hostile + " peacekeepers"}},
		"2025-04-30|"+hostile+" peacekeepers "+strings.Repeat("x ", 3000)))
	// 500 results for one speaker, one topic, one search.
	for i := range 500 {
		arts = append(arts, article(fmt.Sprintf("Peacekeepers update %d %s", i, hostile), fmt.Sprintf("Outlet %d %s", i%40, hostile),
			time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i).Format(time.DateOnly),
			[]said{{"Boris Hostile", "", fmt.Sprintf("Peacekeepers statement %d %s %s", i, distinctWords(i, 80), hostile)}},
			time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i).Format(time.DateOnly)+"|"+
				fmt.Sprintf("Peacekeepers event %d %s", i, hostile)))
	}
	ingest(t, s, arts...)
	r := newRouter(t, s)
	ctx := context.Background()
	reqs := []bot.Request{
		cmd("quotes", "speaker", "hostile"),
		cmd("quotes", "speaker", "hostile", "topic", hostile),
		cmd("quotes", "speaker", hostile),
		cmd("whosaid", "text", "peacekeepers statement"),
		cmd("whosaid", "text", hostile),
		cmd("brief", "article", "#1"),
		cmd("brief", "topic", "peacekeepers"),
		cmd("search", "query", "peacekeepers"),
		cmd("search", "query", hostile),
		cmd("timeline", "topic", "peacekeepers"),
		cmd("timeline", "topic", hostile),
		cmd("speakers"),
		cmd("speakers", "query", hostile),
		cmd("sources"),
		cmd("stats"),
		autocomplete("quotes", "speaker", ""),
		autocomplete("quotes", "speaker", hostile),
	}
	for _, req := range reqs {
		what := req.Command + " " + fmt.Sprint(req.Options)
		reply := r.Handle(ctx, req)
		checkSendable(t, what, reply)
		if strings.Contains(reply.Content, "Error id") {
			t.Errorf("%s: internal error: %s", what, reply.Content)
		}
		// Page through: the first three pages and the last one.
		for page := 0; page < 3 && len(reply.Components) > 0; page++ {
			id := ""
			for _, row := range reply.Components {
				for _, b := range row.Buttons {
					if b.Label == render.NextLabel && !b.Disabled {
						id = b.CustomID
					}
				}
			}
			if id == "" {
				break
			}
			reply = r.Handle(ctx, press(id))
			checkSendable(t, what+" next", reply)
		}
	}
	// The last page of 500 quotes.
	first := r.Handle(ctx, cmd("quotes", "speaker", "hostile"))
	next := buttonID(t, first, render.NextLabel)
	cmdName, state, _, err := render.ParsePage(next)
	if err != nil {
		t.Fatal(err)
	}
	last := r.Handle(ctx, press(fmt.Sprintf("%s:%s:%d", cmdName, state, 101)))
	checkSendable(t, "last page", last)
	if !strings.Contains(last.Text, "Page 101/101") {
		t.Errorf("last page of 501 quotes at 5 a page:\n%.500s", last.Text)
	}
}

func TestSinceParsing(t *testing.T) {
	n := now()
	for _, tc := range []struct{ in, want string }{
		{"2025-05-01", "2025-05-01"},
		{"2025-04", "2025-04-01"},
		{"7d", "2025-05-13"},
		{"2w", "2025-05-06"},
		{"3m", "2025-02-20"},
		{"1y", "2024-05-20"},
	} {
		got, err := parseSince(tc.in, n)
		if err != nil || got.Format(time.DateOnly) != tc.want {
			t.Errorf("parseSince(%q) = %v, %v; want %s", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"yesterday", "7x", "-3d", "d", "2025-13-01"} {
		if _, err := parseSince(bad, n); err == nil {
			t.Errorf("parseSince(%q) succeeded", bad)
		}
	}
}

// distinctWords makes words that share little with distinctWords of
// another seed, so that quotes built from them are different quotes.
func distinctWords(seed, n int) string {
	vocab := strings.Fields(`amber basin cobalt delta ember fjord garnet harvest indigo jasper kelp lantern meadow
		nectar orchard pylon quarry raven saffron timber umber valley willow yarrow zenith anchor beacon canyon
		dune estuary falcon glacier heron islet juniper kestrel lagoon marsh nettle osprey pebble quartz reef
		sorrel tundra upland vane wharf alder birch cedar dogwood elm fir hazel ivy larch maple oak pine rowan`)
	r := rand.New(rand.NewPCG(uint64(seed), 99))
	words := make([]string, n)
	for i := range words {
		words[i] = vocab[r.IntN(len(vocab))] + fmt.Sprint(seed)
	}
	return strings.Join(words, " ")
}

// TestMuchQuotedSpeaker covers the store's plan for speakers with more
// than a thousand reports, where a filtered query is not counted and the
// paging buttons say "Page 2" without a total.
func TestMuchQuotedSpeaker(t *testing.T) {
	s := openStore(t)
	var arts []briefing.Article
	for i := range 21 {
		var qs []said
		for j := range 50 {
			n := i*50 + j
			topic := "fisheries"
			if n%2 == 0 {
				topic = "harbour"
			}
			qs = append(qs, said{"Anya Vorenko", "", fmt.Sprintf("Statement %d on %s %s", n, topic, distinctWords(n, 6))})
		}
		arts = append(arts, article(fmt.Sprintf("Daily briefing %d", i), "Harbour Times",
			time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i).Format(time.DateOnly), qs))
	}
	ingest(t, s, arts...)
	r := newRouter(t, s)
	ctx := context.Background()
	reply := r.Handle(ctx, cmd("quotes", "speaker", "vorenko"))
	checkSendable(t, "unfiltered", reply)
	if !strings.Contains(reply.Text, "1050 quotes") || !strings.Contains(reply.Text, "Page 1/210") {
		t.Errorf("unfiltered: the total should come from the speaker directory:\n%s", reply.Text)
	}
	reply = r.Handle(ctx, cmd("quotes", "speaker", "vorenko", "topic", "harbour"))
	checkSendable(t, "filtered", reply)
	if !strings.Contains(reply.Text, "Page 1") || strings.Contains(reply.Text, "Page 1/") {
		t.Fatalf("filtered: want an open-ended pager:\n%s", reply.Text)
	}
	reply = r.Handle(ctx, press(buttonID(t, reply, render.NextLabel)))
	checkSendable(t, "filtered page 2", reply)
	if !strings.Contains(reply.Text, "Page 2") || strings.Contains(reply.Text, "fisheries") {
		t.Errorf("filtered page 2:\n%s", reply.Text)
	}
	buttonID(t, reply, render.PrevLabel)
}

// TestQuoteTextByKind: only words the article put in quotation marks are
// shown in them; reported speech is labelled, in Discord and in plain
// text.
func TestQuoteTextByKind(t *testing.T) {
	for _, tc := range []struct {
		kind      briefing.Kind
		embed     string
		plainText string
	}{
		{briefing.KindDirect, "“We will not trade territory”", "“We will not trade territory”"},
		{briefing.KindPartial, "“We will not trade territory”", "“We will not trade territory”"},
		{briefing.KindIndirect, "**Reported:** We will not trade territory", "Reported: We will not trade territory"},
		{briefing.KindUnmarked, "**Reported:** We will not trade territory", "Reported: We will not trade territory"},
	} {
		got := quoteText(tc.kind, esc("We will not trade territory", quoteTextBudget))
		if got != tc.embed {
			t.Errorf("%s: %q, want %q", tc.kind, got, tc.embed)
		}
		plain := render.PlainText(bot.Reply{Embeds: []bot.Embed{{Fields: []bot.EmbedField{{Name: "x", Value: got}}}}})
		if !strings.Contains(plain, tc.plainText) {
			t.Errorf("%s: plain text %q, want it to hold %q", tc.kind, plain, tc.plainText)
		}
	}
}
