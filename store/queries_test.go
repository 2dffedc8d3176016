package store

import (
	"cmp"
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/briefing"
)

// quoted is one quote of a query-test article.
type quoted struct {
	speaker, role, text string
}

// queryArticle builds an article whose text holds each quote in a
// sentence of its own with correct offsets, and an event per date given.
func queryArticle(title, outlet, published string, qs []quoted, events ...string) briefing.Article {
	var b strings.Builder
	b.WriteString(title + ".\n\n")
	a := briefing.Article{Title: title, Source: outlet, URL: "https://" + strings.ToLower(strings.ReplaceAll(outlet, " ", "")) + ".example/" + strings.ReplaceAll(strings.ToLower(title), " ", "-")}
	a.Published, _ = time.Parse(time.DateOnly, published)
	seen := map[string]bool{}
	for _, q := range qs {
		b.WriteString("\"")
		start := b.Len()
		b.WriteString(q.text)
		end := b.Len()
		b.WriteString("\", " + q.speaker + " said.\n\n")
		a.Quotes = append(a.Quotes, briefing.Quote{Speaker: q.speaker, Role: q.role, Text: q.text,
			Kind: briefing.KindDirect, Start: start, End: end, Evidence: "explicit"})
		if !seen[q.speaker] && q.speaker != "" && q.speaker != briefing.Anonymous {
			seen[q.speaker] = true
			a.Speakers = append(a.Speakers, briefing.Speaker{Name: q.speaker, Role: q.role})
		}
	}
	for _, ev := range events {
		date, text, _ := strings.Cut(ev, "|")
		start := b.Len()
		b.WriteString(text)
		d, _ := time.Parse(time.DateOnly, date)
		a.Events = append(a.Events, briefing.Event{Date: d, Text: text, Start: start, End: b.Len()})
		b.WriteString("\n\n")
	}
	a.Text = b.String()
	a.Summary = title + "."
	return a
}

func openQueryStore(t testing.TB) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "corpus.db"), Options{
		Now: func() time.Time { return time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC) },
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func ingestArticles(t testing.TB, s *Store, arts ...briefing.Article) {
	t.Helper()
	for i, a := range arts {
		raw := RawDocument{Name: a.Title, Format: briefing.FormatText, Body: []byte(a.Source + "\n" + a.Text), AddedBy: "test"}
		if _, err := s.Ingest(context.Background(), raw, a); err != nil {
			t.Fatalf("ingest %d (%s): %v", i, a.Title, err)
		}
	}
}

const natoQuote = "We cannot allow NATO's military infrastructure to get that close to our borders"

func queryCorpus(t testing.TB) *Store {
	s := openQueryStore(t)
	ingestArticles(t, s,
		queryArticle("Kremlin rejects peacekeepers plan", "Reuters", "2025-05-12", []quoted{
			{"Dmitry Peskov", "Kremlin spokesman", natoQuote},
			{"Volodymyr Zelensky", "President", "Ukraine is ready for a ceasefire from Monday"},
		}, "2025-05-11|On May 11, leaders met in Kyiv to discuss peacekeepers.",
			"2025-05-15|Talks are due in Istanbul on May 15."),
		queryArticle("Moscow says no to European peacekeepers", "The Guardian", "2025-05-13", []quoted{
			{"Peskov", "", natoQuote},
			{"Zelenskyy", "", "We will not trade territory for promises"},
		}, "2025-05-11|On May 11, leaders met in Kyiv to discuss peacekeepers."),
		queryArticle("Budget talks in Rome", "ANSA", "2025-04-02", []quoted{
			{"Giorgia Meloni", "Prime Minister", "Italy will keep its promises on the budget"},
			{briefing.Anonymous, "", "The numbers do not add up"},
		}),
		queryArticle("Kremlin comments on sanctions", "TASS", "2025-03-01", []quoted{
			{"Dmitry Peskov", "", "Sanctions will not change our course"},
		}),
	)
	return s
}

func TestMatchQueryEscapes(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"nato troops", `"nato" AND "troops"`},
		{`NEAR(`, `"NEAR"`},
		{`"`, ``},
		{`*`, ``},
		{`-`, ``},
		{`OR`, `"OR"`},
		{`a OR b`, `"a" AND "OR" AND "b"`},
		{`"unbalanced`, `"unbalanced"`},
		{`title:x`, `"title" AND "x"`},
		{`Zelenskyy's`, `"Zelenskyy" AND "s"`},
		{`^ {} () + : .`, ``},
	} {
		if got := MatchQuery(tc.in); got != tc.want {
			t.Errorf("MatchQuery(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := PhraseQuery(`cannot allow "NATO's`); got != `"cannot allow NATO s"` {
		t.Errorf("PhraseQuery = %q", got)
	}
}

func TestFTSInjectionNeverFails(t *testing.T) {
	s := queryCorpus(t)
	ctx := context.Background()
	for _, in := range []string{`"`, `NEAR(`, `*`, `-`, `OR`, `AND`, `NOT`, `""""`, `NEAR(a b`, `title:kremlin`,
		`{title}:x`, `kremlin*`, `-kremlin`, `^kremlin`, `'; DROP TABLE quotes; --`, "\x00", "", "  ", `(`, `)`, `+`, `:`} {
		if _, err := s.Search(ctx, in, 0, 10); err != nil {
			t.Errorf("Search(%q): %v", in, err)
		}
		if _, _, err := s.WhoSaid(ctx, in, 0, 10); err != nil {
			t.Errorf("WhoSaid(%q): %v", in, err)
		}
		if _, _, err := s.Timeline(ctx, in, 0, 10); err != nil {
			t.Errorf("Timeline(%q): %v", in, err)
		}
		if _, err := s.FindArticles(ctx, in, 5); err != nil {
			t.Errorf("FindArticles(%q): %v", in, err)
		}
		if _, err := s.QuotesBySpeaker(ctx, QuoteQuery{SpeakerID: 1, Topic: in}); err != nil {
			t.Errorf("QuotesBySpeaker(topic %q): %v", in, err)
		}
	}
	// Operator words are searched as words.
	res, err := s.Search(ctx, "OR", 0, 10)
	if err != nil || res.TotalArticles != 0 || res.TotalQuotes != 0 {
		t.Errorf("Search(OR) = %+v, %v; want nothing (no article says 'or')", res, err)
	}
	res, err = s.Search(ctx, "for", 0, 10)
	if err != nil || res.TotalQuotes != 2 {
		t.Errorf("Search(for) found %d quotes, %v; want 2", res.TotalQuotes, err)
	}
	res, err = s.Search(ctx, "*", 0, 10)
	if err != nil || len(res.Articles)+len(res.Quotes) != 0 {
		t.Errorf("Search(*) = %+v, %v; want nothing", res, err)
	}
}

func speakerID(t *testing.T, s *Store, query string) int64 {
	t.Helper()
	d, err := s.Speakers(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	c := d.Lookup(query, 1)
	if len(c) == 0 {
		t.Fatalf("no speaker for %q", query)
	}
	return c[0].ID
}

func TestQuotesBySpeakerGroupsOutlets(t *testing.T) {
	s := queryCorpus(t)
	ctx := context.Background()
	peskov := speakerID(t, s, "peskov")
	page, err := s.QuotesBySpeaker(ctx, QuoteQuery{SpeakerID: peskov})
	if err != nil {
		t.Fatal(err)
	}
	if page.Total != 2 || len(page.Quotes) != 2 {
		t.Fatalf("Peskov: total %d, %d quotes; want 2 and 2: %+v", page.Total, len(page.Quotes), page.Quotes)
	}
	nato := page.Quotes[0]
	if nato.Text != natoQuote || nato.Outlets() != 2 || nato.Speaker != "Dmitry Peskov" {
		t.Errorf("first quote = %+v; want the NATO quote by Dmitry Peskov from 2 outlets", nato)
	}
	if got := nato.Date.Format(time.DateOnly); got != "2025-05-12" {
		t.Errorf("NATO quote date %s, want the earliest report 2025-05-12", got)
	}
	if nato.Sources[0].Outlet != "Reuters" || nato.Sources[1].Outlet != "The Guardian" {
		t.Errorf("sources %+v, want Reuters then The Guardian", nato.Sources)
	}
	if page.Quotes[1].Text != "Sanctions will not change our course" {
		t.Errorf("second quote %q", page.Quotes[1].Text)
	}

	for _, tc := range []struct {
		name string
		q    QuoteQuery
		want []string
	}{
		{"topic in quote", QuoteQuery{Topic: "sanctions"}, []string{"Sanctions will not change our course"}},
		{"topic in title", QuoteQuery{Topic: "peacekeepers"}, []string{natoQuote}},
		{"topic missing", QuoteQuery{Topic: "weather"}, nil},
		{"since", QuoteQuery{Since: time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC)}, []string{natoQuote}},
		{"outlet any case", QuoteQuery{Outlet: "tass"}, []string{"Sanctions will not change our course"}},
		{"outlet part", QuoteQuery{Outlet: "guardian"}, []string{natoQuote}},
		{"outlet wildcard is text", QuoteQuery{Outlet: "%"}, nil},
		{"paging", QuoteQuery{Offset: 1, Limit: 1}, []string{"Sanctions will not change our course"}},
		{"past the end", QuoteQuery{Offset: 5}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.q.SpeakerID = peskov
			page, err := s.QuotesBySpeaker(ctx, tc.q)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, g := range page.Quotes {
				got = append(got, g.Text)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
	page, err = s.QuotesBySpeaker(ctx, QuoteQuery{SpeakerID: peskov, Offset: 5})
	if err != nil || page.Total != 2 {
		t.Errorf("past the end: total %d, %v; want 2", page.Total, err)
	}
}

func TestSpeakerDirectory(t *testing.T) {
	s := queryCorpus(t)
	ctx := context.Background()
	d, err := s.Speakers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if d.Stats[0].Name != "Dmitry Peskov" && d.Stats[0].Name != "Volodymyr Zelensky" {
		t.Errorf("most quoted first: got %q", d.Stats[0].Name)
	}
	z := d.Lookup("zelenskyy", 3)
	if len(z) == 0 || z[0].Name != "Volodymyr Zelensky" {
		t.Fatalf("zelenskyy -> %+v, want Volodymyr Zelensky", z)
	}
	st, _ := d.Stat(z[0].ID)
	if st.Quotes != 2 || st.Articles != 2 {
		t.Errorf("Zelensky stats %+v, want 2 quotes in 2 articles", st)
	}
}

func TestSpeakerCacheSeesNewSpeakers(t *testing.T) {
	s := queryCorpus(t)
	ctx := context.Background()
	c := s.NewSpeakerCache()
	d1, err := c.Directory(ctx)
	if err != nil {
		t.Fatal(err)
	}
	d2, err := c.Directory(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if d1 != d2 {
		t.Errorf("unchanged corpus: the directory was rebuilt")
	}
	if got := d1.Lookup("macron", 1); len(got) != 0 {
		t.Fatalf("macron found before being ingested: %+v", got)
	}
	ingestArticles(t, s, queryArticle("Paris summit", "AFP", "2025-05-20", []quoted{
		{"Emmanuel Macron", "", "Europe must stand together"},
	}))
	// Every pooled connection must see the change, whichever serves the call.
	for i := 0; i < 8; i++ {
		d, err := c.Directory(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got := d.Lookup("macron", 1); len(got) != 1 || got[0].Name != "Emmanuel Macron" {
			t.Fatalf("call %d after ingest: macron -> %+v", i, got)
		}
	}
}

func TestWhoSaid(t *testing.T) {
	s := queryCorpus(t)
	ctx := context.Background()
	hits, total, err := s.WhoSaid(ctx, "NATO's military infrastructure", 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	if total != 1 || len(hits) != 1 || !hits[0].Exact || hits[0].Speaker != "Dmitry Peskov" || hits[0].Outlets() != 2 {
		t.Fatalf("got %d %+v", total, hits)
	}
	// All the words, not as a phrase: found, but not exact.
	hits, _, err = s.WhoSaid(ctx, "borders NATO", 0, 10)
	if err != nil || len(hits) != 1 || hits[0].Exact {
		t.Fatalf("words out of order: %+v, %v", hits, err)
	}
	hits, _, err = s.WhoSaid(ctx, "numbers do not add up", 0, 10)
	if err != nil || len(hits) != 1 || hits[0].Speaker != briefing.Anonymous {
		t.Fatalf("anonymous: %+v, %v", hits, err)
	}
}

func TestSearchSnippets(t *testing.T) {
	s := queryCorpus(t)
	res, err := s.Search(context.Background(), "kremlin", 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	if res.TotalArticles != 2 || len(res.Articles) != 2 {
		t.Fatalf("articles %d %+v", res.TotalArticles, res.Articles)
	}
	if !strings.Contains(res.Articles[0].Snippet, HighlightStart+"Kremlin"+HighlightEnd) {
		t.Errorf("snippet %q has no highlighted Kremlin", res.Articles[0].Snippet)
	}
	res, err = s.Search(context.Background(), "military infrastructure", 0, 10)
	if err != nil || res.TotalQuotes != 2 || len(res.Quotes) != 1 || res.Quotes[0].Outlets() != 2 {
		t.Fatalf("quote search: %+v %v", res, err)
	}
}

func TestTimeline(t *testing.T) {
	s := queryCorpus(t)
	evs, total, err := s.Timeline(context.Background(), "peacekeepers", 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	// Both articles have peacekeepers in the title: all their events, the
	// May 11 meeting once from two outlets.
	if total != 2 || len(evs[0].Sources) != 2 || evs[0].Date.Format(time.DateOnly) != "2025-05-11" ||
		evs[1].Date.Format(time.DateOnly) != "2025-05-15" {
		t.Fatalf("got %d: %+v; want the May 11 meeting once from two outlets, then May 15", total, evs)
	}
	// A word only one sentence holds: that event alone.
	evs, total, err = s.Timeline(context.Background(), "kyiv", 0, 10)
	if err != nil || total != 1 || evs[0].Date.Format(time.DateOnly) != "2025-05-11" {
		t.Fatalf("kyiv: %d %+v %v", total, evs, err)
	}
	evs, total, err = s.Timeline(context.Background(), "kremlin", 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	// No event sentence says Kremlin: the dated events of the matching articles, in date order.
	if total != 2 || !evs[0].Date.Before(evs[1].Date) {
		t.Fatalf("kremlin: %d %+v", total, evs)
	}
}

func TestBriefing(t *testing.T) {
	s := queryCorpus(t)
	ctx := context.Background()
	found, err := s.FindArticles(ctx, "moscow peacekeepers", 5)
	if err != nil || len(found) == 0 || found[0].Outlet != "The Guardian" {
		t.Fatalf("FindArticles: %+v %v", found, err)
	}
	b, err := s.Briefing(ctx, found[0].ID, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.KeyQuotes) != 2 || b.Quotes != 2 || len(b.People) != 2 {
		t.Errorf("briefing %+v", b)
	}
	if len(b.Coverage) != 1 || b.Coverage[0].Outlet != "Reuters" {
		t.Errorf("coverage %+v, want the Reuters article of the same story", b.Coverage)
	}
	if _, err := s.Article(ctx, 9999); !errorsIsNotFound(err) {
		t.Errorf("Article(9999) = %v, want ErrNotFound", err)
	}
}

func errorsIsNotFound(err error) bool {
	return err != nil && strings.Contains(err.Error(), ErrNotFound.Error())
}

func TestSourcesAndStats(t *testing.T) {
	s := queryCorpus(t)
	ctx := context.Background()
	src, total, err := s.Sources(ctx, 0, 10)
	if err != nil || total != 4 || len(src) != 4 {
		t.Fatalf("sources %+v %d %v", src, total, err)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != 4 || st.Reports != 7 || st.Quotes != 6 || st.Outlets != 4 {
		t.Errorf("stats %+v", st)
	}
}

// TestQuotePlansAgree runs the walk and the matches plans, and the plan
// QuotesBySpeaker chooses, over the same queries, and checks each page
// against the definition worked out in Go from every report.
func TestQuotePlansAgree(t *testing.T) {
	s := openQueryStore(t)
	var arts []briefing.Article
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	topics := []string{"the harbour budget", "sanctions policy", "fisheries quotas"}
	// Enough groups that a walk over them does not read them all.
	for i := range 150 {
		day := base.AddDate(0, 0, (i*37)%90).Format(time.DateOnly)
		outlet := []string{"Reuters", "AFP", "The Guardian"}[i%3]
		qs := []quoted{
			{"Anya Vorenko", "mayor", fmt.Sprintf("Statement %d on %s", i, topics[i%3])},
			{"Anya Vorenko", "mayor", fmt.Sprintf("Remark %d on the weather", i)},
			{"Anya Vorenko", "mayor", fmt.Sprintf("Note %d on the timetable", i)},
			// A topic common in the corpus and rare in her words: a walk
			// over her groups gives up, and the matches finish.
			{"Boris Kalin", "", fmt.Sprintf("Lighthouse %d needs more keepers", i)},
		}
		if i == 3 {
			qs = append(qs, quoted{"Anya Vorenko", "", "The lighthouse must stay open"})
		}
		if i%5 == 0 && i > 0 {
			// The same words again, from another outlet, days later or
			// earlier.
			qs = append(qs, quoted{"Anya Vorenko", "", fmt.Sprintf("Statement %d on %s", i-5, topics[(i-5)%3])})
		}
		title := fmt.Sprintf("Harbour report %d", i)
		if i%7 == 0 {
			title = fmt.Sprintf("Sanctions report %d", i)
		}
		arts = append(arts, queryArticle(title, outlet, day, qs))
	}
	arts = append(arts, queryArticle("Undated note", "Blog", "", []quoted{{"Anya Vorenko", "", "Words from an undated page on sanctions"}}))
	ingestArticles(t, s, arts...)
	ctx := context.Background()
	id := speakerID(t, s, "vorenko")
	for _, q := range []QuoteQuery{
		{Limit: 5}, {Limit: 5, Offset: 5}, {Limit: 7, Offset: 50}, {Limit: 10, Offset: 445}, {Limit: 5, Offset: 2000},
		{Limit: 5, Topic: "sanctions"}, {Limit: 5, Offset: 40, Topic: "sanctions"}, {Limit: 5, Topic: "SANCTIONS policy"},
		{Limit: 5, Topic: "quotas"}, {Limit: 5, Topic: "sanction"}, {Limit: 100, Topic: "undated"},
		{Limit: 5, Outlet: "guardian"}, {Limit: 5, Offset: 5, Outlet: "afp"}, {Limit: 5, Outlet: "blog"},
		{Limit: 5, Since: base.AddDate(0, 0, 80)}, {Limit: 20, Since: base.AddDate(0, 0, 30), Topic: "harbour"},
		{Limit: 5, Outlet: "reuters", Topic: "fisheries"}, {Limit: 5, Outlet: "nobody"}, {Limit: 5, Topic: "*"},
		{Limit: 5, Topic: "lighthouse"}, {Limit: 5, Topic: "lighthouse", Outlet: "afp"},
	} {
		q.SpeakerID = id
		want := quotesByDefinition(t, s, q)
		for _, plan := range []struct {
			name string
			plan quotePlan
		}{{"auto", planAuto}, {"walk", planWalk}, {"matches", planMatches}} {
			got, err := s.quotesBySpeaker(ctx, q, plan.plan)
			if err != nil {
				t.Fatalf("%s %+v: %v", plan.name, q, err)
			}
			comparePlans(t, fmt.Sprintf("%s %+v", plan.name, q), want, got)
		}
	}
}

// quotesByDefinition works a page of QuotesBySpeaker out from every report
// of the speaker: groups dated by their earliest report, kept when one
// report passes the topic and outlet tests and the date is since or after,
// newest first.
func quotesByDefinition(t *testing.T, s *Store, q QuoteQuery) QuotePage {
	t.Helper()
	rows, err := s.read.Query(`SELECT q.group_id, coalesce(a.published, ''), q.text, a.title, a.source
		FROM quotes q JOIN articles a ON a.id = q.article_id
		WHERE q.group_id IN (SELECT group_id FROM quotes WHERE speaker_id = ?)`, q.SpeakerID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	first := map[int64]string{}
	pass := map[int64]bool{}
	want := foldedWordSet(q.Topic)
	for rows.Next() {
		var g int64
		var published, text, title, source string
		if err := rows.Scan(&g, &published, &text, &title, &source); err != nil {
			t.Fatal(err)
		}
		if f, ok := first[g]; !ok || published != "" && (f == "" || published < f) {
			first[g] = published
		}
		ok := q.Outlet == "" || strings.Contains(strings.ToLower(source), strings.ToLower(q.Outlet))
		if q.Topic != "" {
			ok = ok && len(want) > 0 && (hasAllWords(foldedWordSet(text), want) || hasAllWords(foldedWordSet(title), want))
		}
		pass[g] = pass[g] || ok
	}
	var ids []int64
	for g, f := range first {
		if pass[g] && (q.Since.IsZero() || f != "" && f >= q.Since.Format(time.DateOnly)) {
			ids = append(ids, g)
		}
	}
	slices.SortFunc(ids, func(a, b int64) int {
		if first[a] != first[b] {
			return -strings.Compare(first[a], first[b]) // "" (undated) last
		}
		return -cmp.Compare(a, b)
	})
	limit, offset := queryLimit(q.Limit), q.Offset
	page := QuotePage{Total: len(ids), More: offset+limit < len(ids)}
	for _, g := range ids[min(offset, len(ids)):min(len(ids), offset+limit)] {
		page.Quotes = append(page.Quotes, QuoteGroup{ID: g})
	}
	return page
}

func comparePlans(t *testing.T, what string, want, got QuotePage) {
	t.Helper()
	ids := func(p QuotePage) (out []int64) {
		for _, g := range p.Quotes {
			out = append(out, g.ID)
		}
		return out
	}
	if !slices.Equal(ids(want), ids(got)) || want.More != got.More {
		t.Errorf("%s: got %v more=%v, want %v more=%v", what, ids(got), got.More, ids(want), want.More)
	}
	if got.Total != -1 && got.Total != want.Total {
		t.Errorf("%s: total %d, want %d", what, got.Total, want.Total)
	}
}

// TestSpeakerCacheConcurrent reads the cache from many goroutines while
// articles are ingested (run with -race).
func TestSpeakerCacheConcurrent(t *testing.T) {
	s := queryCorpus(t)
	c := s.NewSpeakerCache()
	ctx := context.Background()
	done := make(chan struct{})
	errs := make(chan error, 8)
	for range 4 {
		go func() {
			for {
				select {
				case <-done:
					errs <- nil
					return
				default:
				}
				d, err := c.Directory(ctx)
				if err != nil {
					errs <- err
					return
				}
				d.Lookup("pes", 5)
			}
		}()
	}
	for i := range 5 {
		ingestArticles(t, s, queryArticle(fmt.Sprintf("Extra %d", i), "AFP", "2025-05-21", []quoted{
			{fmt.Sprintf("Speaker Number%c", 'a'+i), "", fmt.Sprintf("Distinct words %d for the record", i)},
		}))
	}
	close(done)
	for range 4 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	d, err := c.Directory(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Lookup("numbere", 1); len(got) != 1 {
		t.Errorf("the last speaker ingested is missing from the directory: %+v", got)
	}
}
