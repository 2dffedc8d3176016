package store

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/briefing/story"
)

// said is one quote for a test article: who said it, the words, the kind.
type said struct {
	speaker string
	text    string
	kind    briefing.Kind
}

// testArticle builds an article whose text holds each quote in a sentence
// of its own, with correct offsets. Speakers lists the quote speakers in
// order of first quote (with no aliases); callers add aliases and roles.
func testArticle(title, source, published, lead string, quotes ...said) briefing.Article {
	var b strings.Builder
	b.WriteString(title + "\n\n" + lead)
	a := briefing.Article{Title: title, Source: source, Summary: lead}
	if published != "" {
		a.Published, _ = time.Parse(time.DateOnly, published)
	}
	seen := map[string]bool{}
	for _, q := range quotes {
		kind := q.kind
		if kind == "" {
			kind = briefing.KindDirect
		}
		who := q.speaker
		if who == "" || who == briefing.Anonymous {
			who = "someone"
		}
		b.WriteString("\n\n\"")
		start := b.Len()
		b.WriteString(q.text)
		end := b.Len()
		b.WriteString("\", " + who + " said.")
		a.Quotes = append(a.Quotes, briefing.Quote{
			Speaker: q.speaker, Text: q.text, Kind: kind, Start: start, End: end,
			Evidence: "explicit: '" + who + " said'",
		})
		if q.speaker != "" && q.speaker != briefing.Anonymous && !seen[q.speaker] {
			seen[q.speaker] = true
			a.Speakers = append(a.Speakers, briefing.Speaker{Name: q.speaker})
		}
	}
	a.Text = b.String()
	return a
}

func rawFor(name string, a briefing.Article) RawDocument {
	// The body stands for the page the article came from; distinct
	// articles give distinct bytes.
	return RawDocument{Name: name, Format: briefing.FormatText, Body: []byte(name + "\n" + a.Text), AddedBy: "tester"}
}

func mustIngest(t testing.TB, s *Store, name string, a briefing.Article) IngestResult {
	t.Helper()
	res, err := s.Ingest(context.Background(), rawFor(name, a), a)
	if err != nil {
		t.Fatalf("Ingest(%s): %v", name, err)
	}
	if res.Duplicate {
		t.Fatalf("Ingest(%s): unexpectedly a duplicate", name)
	}
	return res
}

// count runs a count query through the read pool.
func count(t testing.TB, s *Store, query string, args ...any) int {
	t.Helper()
	var n int
	if err := s.read.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// tableCounts is the number of rows in every table, for all-or-nothing checks.
func tableCounts(t testing.TB, s *Store) map[string]int {
	t.Helper()
	m := map[string]int{}
	for _, table := range []string{"documents", "articles", "stories", "speakers", "speaker_aliases", "quotes", "events"} {
		m[table] = count(t, s, `SELECT count(*) FROM `+table)
	}
	m["articles_fts"] = count(t, s, `SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'kremlin OR said'`)
	m["quotes_fts"] = count(t, s, `SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH 'nato OR the'`)
	return m
}

func speakerOf(t testing.TB, s *Store, quoteText string) (id sql.NullInt64, name sql.NullString) {
	t.Helper()
	err := s.read.QueryRow(`SELECT q.speaker_id, sp.name FROM quotes q LEFT JOIN speakers sp ON sp.id = q.speaker_id
		WHERE q.text = ? ORDER BY q.id LIMIT 1`, quoteText).Scan(&id, &name)
	if err != nil {
		t.Fatalf("quote %q: %v", quoteText, err)
	}
	return id, name
}

func TestHash(t *testing.T) {
	if got, want := Hash([]byte("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"; got != want {
		t.Errorf("Hash(abc) = %s; want %s", got, want)
	}
}

func TestIngestStoresEverything(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	a := testArticle("Kremlin rejects peacekeepers", "Example News", "2026-02-27",
		"Moscow said on Friday that it would not accept European troops.",
		said{"Dmitry Peskov", "We cannot allow NATO's military infrastructure to get that close to our borders", briefing.KindDirect},
		said{"Dmitry Peskov", "a red line", briefing.KindPartial},
		said{"", "Nobody knows what comes next", briefing.KindUnmarked},
	)
	a.Author, a.URL = "A. Writer", "https://news.example/kremlin"
	a.Speakers[0].Role = "Kremlin spokesman"
	a.Speakers[0].Aliases = []string{"Peskov"}
	a.Events = []briefing.Event{{Date: time.Date(2026, 2, 26, 0, 0, 0, 0, time.UTC), Text: "Moscow said on Friday", Start: 0, End: 5}}
	raw := rawFor("kremlin.txt", a)

	if _, ok, err := s.HasDocument(ctx, Hash(raw.Body)); err != nil || ok {
		t.Fatalf("HasDocument before ingest = %v, %v; want false", ok, err)
	}
	res, err := s.Ingest(ctx, raw, a)
	if err != nil {
		t.Fatal(err)
	}
	if res.Duplicate || res.DocumentID == 0 || res.ArticleID == 0 || res.StoryID == 0 || res.Quotes != 3 {
		t.Errorf("IngestResult = %+v", res)
	}
	if id, ok, err := s.HasDocument(ctx, Hash(raw.Body)); err != nil || !ok || id != res.ArticleID {
		t.Errorf("HasDocument = %d, %v, %v; want %d, true", id, ok, err, res.ArticleID)
	}

	var title, source, author, url, text, summary, addedAt, addedBy string
	var published sql.NullString
	var storyID int64
	err = s.read.QueryRow(`SELECT title, source, author, url, published, text, summary, added_at, added_by, story_id
		FROM articles WHERE id = ?`, res.ArticleID).Scan(&title, &source, &author, &url, &published, &text, &summary, &addedAt, &addedBy, &storyID)
	if err != nil {
		t.Fatal(err)
	}
	if title != a.Title || source != a.Source || author != a.Author || url != a.URL || text != a.Text || summary != a.Summary {
		t.Errorf("article fields differ: %q %q %q %q", title, source, author, url)
	}
	if published.String != "2026-02-27" || addedAt != "2026-03-01T12:00:00Z" || addedBy != "tester" || storyID != res.StoryID {
		t.Errorf("published %v, added_at %q, added_by %q, story %d", published, addedAt, addedBy, storyID)
	}
	var body []byte
	var format string
	if err := s.read.QueryRow(`SELECT body, format FROM documents WHERE id = ?`, res.DocumentID).Scan(&body, &format); err != nil {
		t.Fatal(err)
	}
	if string(body) != string(raw.Body) || format != "text" {
		t.Errorf("document body/format not kept: %q", format)
	}

	// Quotes: order, offsets, kinds, speakers, own group.
	rows, err := s.read.Query(`SELECT q.id, q.ordinal, q.text, q.kind, q.start, q.end, q.speaker_id, q.group_id, q.norm, q.evidence
		FROM quotes q WHERE article_id = ? ORDER BY ordinal`, res.ArticleID)
	if err != nil {
		t.Fatal(err)
	}
	var i int
	var peskov int64
	for rows.Next() {
		var id, group int64
		var ord, start, end int
		var qtext, kind, norm, evidence string
		var speaker sql.NullInt64
		if err := rows.Scan(&id, &ord, &qtext, &kind, &start, &end, &speaker, &group, &norm, &evidence); err != nil {
			t.Fatal(err)
		}
		want := a.Quotes[i]
		if ord != i || qtext != want.Text || kind != string(want.Kind) || start != want.Start || end != want.End || evidence != want.Evidence {
			t.Errorf("quote %d stored as %d %q %s %d-%d", i, ord, qtext, kind, start, end)
		}
		if text[start:end] != qtext {
			t.Errorf("quote %d offsets point at %q", i, text[start:end])
		}
		if group != id || norm == "" {
			t.Errorf("quote %d: group %d (want its own id %d), norm %q", i, group, id, norm)
		}
		switch i {
		case 0, 1:
			if !speaker.Valid || peskov != 0 && speaker.Int64 != peskov {
				t.Errorf("quote %d speaker %v", i, speaker)
			}
			peskov = speaker.Int64
		case 2:
			if speaker.Valid {
				t.Errorf("an unattributed quote got speaker %d", speaker.Int64)
			}
		}
		i++
	}
	rows.Close()
	if i != 3 {
		t.Fatalf("%d quotes stored; want 3", i)
	}
	var name, role string
	if err := s.read.QueryRow(`SELECT name, role FROM speakers WHERE id = ?`, peskov).Scan(&name, &role); err != nil {
		t.Fatal(err)
	}
	if name != "Dmitry Peskov" || role != "Kremlin spokesman" {
		t.Errorf("speaker = %q (%q)", name, role)
	}
	if n := count(t, s, `SELECT count(*) FROM speaker_aliases WHERE speaker_id = ? AND alias IN ('Peskov', 'Dmitry Peskov')`, peskov); n != 2 {
		t.Errorf("Peskov has %d of the 2 aliases", n)
	}
	var date string
	if err := s.read.QueryRow(`SELECT date FROM events WHERE article_id = ?`, res.ArticleID).Scan(&date); err != nil || date != "2026-02-26" {
		t.Errorf("event date = %q, %v", date, err)
	}
	// Both full-text indexes see the new rows.
	if n := count(t, s, `SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'peacekeepers'`); n != 1 {
		t.Errorf("articles_fts finds %d articles for 'peacekeepers'", n)
	}
	if n := count(t, s, `SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH 'infrastructure'`); n != 1 {
		t.Errorf("quotes_fts finds %d quotes for 'infrastructure'", n)
	}
}

func TestIngestNoPublicationDate(t *testing.T) {
	s := openTest(t)
	res := mustIngest(t, s, "undated.txt", testArticle("Undated", "Blog", "", "No date here."))
	if n := count(t, s, `SELECT count(*) FROM articles WHERE id = ? AND published IS NULL`, res.ArticleID); n != 1 {
		t.Error("an article without a date must have published NULL")
	}
}

func TestIngestPublishedDateKeepsItsDay(t *testing.T) {
	s := openTest(t)
	a := testArticle("Kyiv morning", "Kyiv Post", "", "L.")
	a.Published = time.Date(2026, 2, 27, 0, 0, 0, 0, time.FixedZone("EET", 2*3600))
	res := mustIngest(t, s, "kyiv", a)
	var published string
	s.read.QueryRow(`SELECT published FROM articles WHERE id = ?`, res.ArticleID).Scan(&published)
	if published != "2026-02-27" {
		t.Errorf("published = %q; want the printed day 2026-02-27", published)
	}
}

func TestRoleWithoutName(t *testing.T) {
	s := openTest(t)
	a := testArticle("A", "X", "", "L.", said{"the spokesman", "No comment at this stage", ""})
	a.Speakers = nil
	mustIngest(t, s, "a", a)
	var speaker sql.NullInt64
	var role string
	s.read.QueryRow(`SELECT speaker_id, role FROM quotes`).Scan(&speaker, &role)
	if speaker.Valid || role != "the spokesman" {
		t.Errorf("a role with no name became speaker %v (role %q); want NULL with the role kept", speaker, role)
	}
	if n := count(t, s, `SELECT count(*) FROM speakers`); n != 1 {
		t.Errorf("%d speakers; want only the anonymous row", n)
	}
}

func TestIngestSameBytesTwice(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	a := testArticle("Talks", "Wire", "2026-02-01", "Talks began.", said{"Dmitry Peskov", "We are ready to talk", ""})
	raw := rawFor("talks.txt", a)
	first, err := s.Ingest(ctx, raw, a)
	if err != nil {
		t.Fatal(err)
	}
	before := tableCounts(t, s)
	// Same bytes, even with a different article (a changed pipeline):
	// already in the corpus, nothing changes.
	b := a
	b.Title = "Something else"
	again, err := s.Ingest(ctx, raw, b)
	if err != nil {
		t.Fatal(err)
	}
	if !again.Duplicate || again.ArticleID != first.ArticleID || again.DocumentID != first.DocumentID || again.StoryID != first.StoryID {
		t.Errorf("second ingest = %+v; want a duplicate of %+v", again, first)
	}
	if after := tableCounts(t, s); !mapsEqual(before, after) {
		t.Errorf("a duplicate ingest changed the corpus: %v -> %v", before, after)
	}
	if n := count(t, s, `SELECT count(*) FROM articles WHERE title = 'Talks'`); n != 1 {
		t.Error("the duplicate overwrote the title")
	}
}

func mapsEqual(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestIngestAllOrNothing(t *testing.T) {
	good := func() briefing.Article {
		a := testArticle("Summit", "Wire", "2026-02-02", "Leaders met.",
			said{"Giorgia Meloni", "Europe must do its part", ""},
			said{"Keir Starmer", "We will not stand by", ""},
			said{"Emmanuel Macron", "This is a turning point", ""})
		a.Events = []briefing.Event{{Date: time.Date(2026, 2, 2, 0, 0, 0, 0, time.UTC), Text: "Leaders met.", Start: 8, End: 20}}
		return a
	}
	tests := []struct {
		name  string
		spoil func(*briefing.Article)
		want  []string // in the error
	}{
		{"invalid quote kind", func(a *briefing.Article) { a.Quotes[2].Kind = "rumour" }, []string{"quote 3", `"rumour"`}},
		{"quote offsets past the text", func(a *briefing.Article) { a.Quotes[1].End = len(a.Text) + 10 }, []string{"quote 2", "outside the article text"}},
		{"empty quote", func(a *briefing.Article) { a.Quotes[0].Text = " " }, []string{"quote 1", "empty"}},
		{"event without a date", func(a *briefing.Article) { a.Events[0].Date = time.Time{} }, []string{"event 1", "no date"}},
		{"no text", func(a *briefing.Article) { a.Text = "" }, []string{"no text"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openTest(t)
			// Something already in the corpus must stay exactly as it was.
			mustIngest(t, s, "before.txt", testArticle("Before", "Wire", "2026-01-01", "Earlier.",
				said{"Giorgia Meloni", "We stand with Kyiv", ""}))
			before := tableCounts(t, s)
			a := good()
			raw := rawFor("summit.txt", a)
			tt.spoil(&a)
			_, err := s.Ingest(context.Background(), raw, a)
			if err == nil {
				t.Fatal("Ingest accepted a bad article")
			}
			for _, w := range append(tt.want, "summit.txt") {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
			if after := tableCounts(t, s); !mapsEqual(before, after) {
				t.Errorf("a failed ingest left rows behind: %v -> %v", before, after)
			}
			if _, ok, _ := s.HasDocument(context.Background(), Hash(raw.Body)); ok {
				t.Error("the failed document is in the corpus")
			}
			// The same bytes with a good article go in afterwards.
			if res, err := s.Ingest(context.Background(), raw, good()); err != nil || res.Duplicate || res.Quotes != 3 {
				t.Errorf("good ingest after the failure = %+v, %v", res, err)
			}
		})
	}
}

func TestIngestRejectsBadDocument(t *testing.T) {
	s := openTest(t)
	a := testArticle("X", "Y", "", "Z.")
	for _, raw := range []RawDocument{
		{Name: "odd.pdf", Format: "pdf", Body: []byte("x")},
		{Name: "empty.txt", Format: briefing.FormatText},
	} {
		_, err := s.Ingest(context.Background(), raw, a)
		if err == nil || !strings.Contains(err.Error(), raw.Name) {
			t.Errorf("Ingest(%s) err = %v; want an error naming it", raw.Name, err)
		}
	}
	if n := count(t, s, `SELECT count(*) FROM documents`); n != 0 {
		t.Errorf("%d documents stored", n)
	}
}

func TestSpeakersMergedAcrossArticles(t *testing.T) {
	s := openTest(t)
	q := func(title, source, speaker, words string) briefing.Article {
		return testArticle(title, source, "2026-02-10", title+" lead.", said{speaker, words, ""})
	}
	mustIngest(t, s, "a1", q("One", "Outlet A", "Peskov", "The talks are premature"))
	p2 := q("Two", "Outlet B", "Dmitry Peskov", "There is no agreement yet")
	p2.Speakers[0].Aliases = []string{"Peskov", "Kremlin spokesman Dmitry Peskov"}
	p2.Speakers[0].Role = "Kremlin spokesman"
	mustIngest(t, s, "a2", p2)
	mustIngest(t, s, "a3", q("Three", "Outlet C", "Zelensky", "We will defend every village"))
	mustIngest(t, s, "a4", q("Four", "Outlet D", "Volodymyr Zelenskyy", "Ukraine needs guarantees"))
	mustIngest(t, s, "a5", q("Five", "Outlet E", "Olena Zelenska", "Children must come home"))
	mustIngest(t, s, "a6", q("Six", "Outlet F", "Peskov", "Moscow is open to contacts"))

	p1, n1 := speakerOf(t, s, "The talks are premature")
	p2id, _ := speakerOf(t, s, "There is no agreement yet")
	p3, _ := speakerOf(t, s, "Moscow is open to contacts")
	if p1 != p2id || p1 != p3 {
		t.Errorf("Peskov / Dmitry Peskov are speakers %v, %v, %v; want one", p1, p2id, p3)
	}
	if n1.String != "Dmitry Peskov" {
		t.Errorf("canonical name %q; want the fuller form Dmitry Peskov", n1.String)
	}
	var role string
	s.read.QueryRow(`SELECT role FROM speakers WHERE id = ?`, p1).Scan(&role)
	if role != "Kremlin spokesman" {
		t.Errorf("role %q; want it filled in by the later article", role)
	}
	z1, zn := speakerOf(t, s, "We will defend every village")
	z2, _ := speakerOf(t, s, "Ukraine needs guarantees")
	z3, _ := speakerOf(t, s, "Children must come home")
	if z1 != z2 {
		t.Errorf("Zelensky and Volodymyr Zelenskyy are speakers %v and %v; want one", z1, z2)
	}
	if zn.String != "Volodymyr Zelenskyy" {
		t.Errorf("canonical name %q; want Volodymyr Zelenskyy", zn.String)
	}
	if z3 == z1 {
		t.Error("Olena Zelenska was merged with Zelensky")
	}
	// Every form seen is an alias with a reason.
	var aliases []string
	rows, _ := s.read.Query(`SELECT alias, reason FROM speaker_aliases WHERE speaker_id = ? ORDER BY alias`, p1)
	for rows.Next() {
		var alias, reason string
		rows.Scan(&alias, &reason)
		if reason == "" {
			t.Errorf("alias %q has no reason", alias)
		}
		aliases = append(aliases, alias)
	}
	rows.Close()
	for _, want := range []string{"Peskov", "Dmitry Peskov", "Kremlin spokesman Dmitry Peskov"} {
		if !slices.Contains(aliases, want) {
			t.Errorf("Peskov's aliases %q lack %q", aliases, want)
		}
	}
	// anonymous + Peskov + Zelenskyy + Zelenska
	if n := count(t, s, `SELECT count(*) FROM speakers`); n != 4 {
		t.Errorf("%d speakers; want 4", n)
	}
	checkInvariants(t, s)
}

func TestAmbiguousSurnameIsNotGuessed(t *testing.T) {
	s := openTest(t)
	mustIngest(t, s, "a", testArticle("A", "X", "", "L.", said{"John Smith", "Words of John", ""}))
	mustIngest(t, s, "b", testArticle("B", "Y", "", "L.", said{"Jane Smith", "Words of Jane", ""}))
	mustIngest(t, s, "c", testArticle("C", "Z", "", "L.", said{"Smith", "Words of some Smith", ""}))
	mustIngest(t, s, "d", testArticle("D", "W", "", "L.", said{"Smith", "More words of some Smith", ""}))
	john, _ := speakerOf(t, s, "Words of John")
	jane, _ := speakerOf(t, s, "Words of Jane")
	s1, n1 := speakerOf(t, s, "Words of some Smith")
	s2, _ := speakerOf(t, s, "More words of some Smith")
	if john == jane || s1 == john || s1 == jane {
		t.Errorf("John %v, Jane %v, Smith %v: a surname alone was guessed", john, jane, s1)
	}
	if s1 != s2 || n1.String != "Smith" {
		t.Errorf("the two ambiguous 'Smith' quotes are speakers %v and %v (%q); want one speaker named Smith", s1, s2, n1.String)
	}
	checkInvariants(t, s)
}

func TestFullerNameArrivingFirstStays(t *testing.T) {
	s := openTest(t)
	mustIngest(t, s, "a", testArticle("A", "X", "", "L.", said{"Dmitry Peskov", "First words here", ""}))
	mustIngest(t, s, "b", testArticle("B", "Y", "", "L.", said{"Peskov", "Second words here", ""}))
	id1, name := speakerOf(t, s, "First words here")
	id2, _ := speakerOf(t, s, "Second words here")
	if id1 != id2 || name.String != "Dmitry Peskov" {
		t.Errorf("speakers %v %v, name %q", id1, id2, name.String)
	}
}

func TestAnonymousAndUnattributed(t *testing.T) {
	s := openTest(t)
	mustIngest(t, s, "a", testArticle("A", "X", "", "L.",
		said{briefing.Anonymous, "The offensive will start soon", briefing.KindIndirect},
		said{"", "Nobody expected this", briefing.KindUnmarked}))
	a := testArticle("B", "Y", "", "L.", said{"Anonymous", "Sanctions will follow", briefing.KindIndirect})
	a.Speakers = nil
	mustIngest(t, s, "b", a)
	id, name := speakerOf(t, s, "The offensive will start soon")
	if !id.Valid || id.Int64 != s.anonymousID || name.String != briefing.Anonymous {
		t.Errorf("anonymous quote has speaker %v %q; want the anonymous row %d", id, name.String, s.anonymousID)
	}
	if id2, _ := speakerOf(t, s, "Sanctions will follow"); id2 != id {
		t.Errorf("'Anonymous' went to %v, not the anonymous row", id2)
	}
	if id, _ := speakerOf(t, s, "Nobody expected this"); id.Valid {
		t.Errorf("an unattributed quote has speaker %d; want NULL", id.Int64)
	}
	if n := count(t, s, `SELECT count(*) FROM speakers`); n != 1 {
		t.Errorf("%d speakers; want only the anonymous row", n)
	}
	// speaker:anonymous finds them like any speaker.
	if n := count(t, s, `SELECT count(*) FROM quotes q JOIN speakers sp ON sp.id = q.speaker_id WHERE sp.name_key = 'anonymous'`); n != 2 {
		t.Errorf("%d anonymous quotes; want 2", n)
	}
}

func TestQuoteSpeakerNotListed(t *testing.T) {
	s := openTest(t)
	a := testArticle("A", "X", "", "L.", said{"Kaja Kallas", "Russia is not serious about peace", ""})
	a.Speakers = nil // the pipeline forgot to list her
	mustIngest(t, s, "a", a)
	if id, name := speakerOf(t, s, "Russia is not serious about peace"); !id.Valid || name.String != "Kaja Kallas" {
		t.Errorf("speaker %v %q", id, name.String)
	}
}

func TestSameQuoteAcrossOutlets(t *testing.T) {
	s := openTest(t)
	words := "We cannot allow NATO's military infrastructure to get that close to our borders"
	mustIngest(t, s, "a", testArticle("A", "Outlet A", "2026-02-27", "L.", said{"Dmitry Peskov", words, ""}))
	mustIngest(t, s, "b", testArticle("B", "Outlet B", "2026-02-27", "M.", said{"Peskov", words, ""}))
	mustIngest(t, s, "c", testArticle("C", "Outlet C", "2026-02-27", "N.", said{"Olena Zelenska", words, ""}))
	// A shorter cut of the same words, another outlet: the same quote.
	mustIngest(t, s, "d", testArticle("D", "Outlet D", "2026-02-28", "O.",
		said{"Dmitry Peskov", "NATO's military infrastructure to get that close to our borders", briefing.KindPartial},
		said{"Dmitry Peskov", "We will respond to any provocation", ""}))
	type row struct{ id, group int64 }
	var rs []row
	rows, _ := s.read.Query(`SELECT id, group_id FROM quotes ORDER BY id`)
	for rows.Next() {
		var r row
		rows.Scan(&r.id, &r.group)
		rs = append(rs, r)
	}
	rows.Close()
	if len(rs) != 5 {
		t.Fatalf("%d quotes", len(rs))
	}
	if rs[0].group != rs[0].id || rs[1].group != rs[0].id || rs[3].group != rs[0].id {
		t.Errorf("the same Peskov quote in three outlets: groups %v; want all %d", rs, rs[0].id)
	}
	if rs[2].group != rs[2].id {
		t.Errorf("the same words by another speaker joined group %d", rs[2].group)
	}
	if rs[4].group != rs[4].id {
		t.Errorf("a different Peskov quote joined group %d", rs[4].group)
	}
	// Removing the first outlet's article makes the second quote the first of its group.
	var first int64
	s.read.QueryRow(`SELECT article_id FROM quotes WHERE id = ?`, rs[0].id).Scan(&first)
	if err := s.RemoveArticle(context.Background(), first); err != nil {
		t.Fatal(err)
	}
	for _, r := range []row{rs[1], rs[3]} {
		var g int64
		s.read.QueryRow(`SELECT group_id FROM quotes WHERE id = ?`, r.id).Scan(&g)
		if g != rs[1].id {
			t.Errorf("after removing the group's first quote, quote %d has group_id %d; want %d", r.id, g, rs[1].id)
		}
	}
	checkInvariants(t, s)
}

func TestMayBeSameQuote(t *testing.T) {
	// The prefilter must never reject what story.SameQuote accepts.
	keys := []string{
		"we cannot allow nato's military infrastructure to get that close to our borders",
		"nato's military infrastructure to get that close to our borders",
		"we cannot allow nato military infrastructure to get so close to our borders",
		"we will respond to any provocation",
		"we will respond to any provocation at once",
		"borders our to close that get to infrastructure military",
		"the talks are premature", "talks are premature", "premature",
	}
	var pairs [][2]string
	for _, a := range keys {
		for _, b := range keys {
			pairs = append(pairs, [2]string{a, b})
		}
	}
	// And random variants: words dropped, repeated, replaced, cut.
	r := rand.New(rand.NewPCG(11, 12))
	vocab := strings.Fields(keys[0] + " " + keys[3] + " peace deal the a")
	for range 2000 {
		w := make([]string, 3+r.IntN(12))
		for i := range w {
			w[i] = vocab[r.IntN(len(vocab))]
		}
		v := slices.Clone(w)
		switch r.IntN(4) {
		case 0:
			v = v[r.IntN(len(v)/2+1):]
		case 1:
			v[r.IntN(len(v))] = vocab[r.IntN(len(vocab))]
		case 2:
			v = append(v, v[r.IntN(len(v))])
		case 3:
			v = v[:len(v)-r.IntN(len(v)/2+1)]
		}
		pairs = append(pairs, [2]string{strings.Join(w, " "), strings.Join(v, " ")}, [2]string{strings.Join(v, " "), strings.Join(w, " ")})
	}
	for _, p := range pairs {
		a, b := p[0], p[1]
		mine := map[string]bool{}
		for _, w := range strings.Fields(a) {
			mine[w] = true
		}
		if story.SameQuote(a, b) && !mayBeSameQuote(mine, len(strings.Fields(a)), b) {
			t.Errorf("mayBeSameQuote(%q, %q) = false, but SameQuote is true", a, b)
		}
	}
}

func TestStories(t *testing.T) {
	s := openTest(t)
	lead := "Russia rejected on Friday any deployment of European peacekeepers in Ukraine, saying troops from NATO countries would be a legitimate target, as envoys prepared for another round of talks in Geneva."
	words := "We cannot allow NATO's military infrastructure to get that close to our borders"
	a := mustIngest(t, s, "a", testArticle("Kremlin rejects European peacekeepers", "Outlet A", "2026-02-27", lead, said{"Dmitry Peskov", words, ""}))
	b := mustIngest(t, s, "b", testArticle("Moscow says no to European peacekeepers", "Outlet B", "2026-02-27", lead+" Officials said more talks were planned.", said{"Peskov", words, ""}))
	c := mustIngest(t, s, "c", testArticle("Bakery wins prize", "Local Paper", "2026-02-27",
		"A small bakery in the old town won the national bread prize for its sourdough loaf, the jury announced at a ceremony on Sunday.",
		said{"Anna Baker", "We bake every loaf by hand", ""}))
	if a.StoryID != b.StoryID {
		t.Errorf("two outlets' reports of one event are stories %d and %d", a.StoryID, b.StoryID)
	}
	if c.StoryID == a.StoryID {
		t.Error("an unrelated article joined the story")
	}
	if n := count(t, s, `SELECT count(*) FROM stories`); n != 2 {
		t.Errorf("%d stories; want 2", n)
	}
	checkInvariants(t, s)
	// Without its first article the story is named after the next.
	if err := s.RemoveArticle(context.Background(), a.ArticleID); err != nil {
		t.Fatal(err)
	}
	var title string
	s.read.QueryRow(`SELECT title FROM stories WHERE id = ?`, b.StoryID).Scan(&title)
	if title != "Moscow says no to European peacekeepers" {
		t.Errorf("story title %q after removing its first article", title)
	}
	checkInvariants(t, s)
}

func TestArticleLinkingTwoStoriesMergesThem(t *testing.T) {
	s := openTest(t)
	r := rand.New(rand.NewPCG(13, 14))
	long := genArticle(r, 1).Summary // a few hundred words
	shared := "We will not accept foreign troops anywhere on the territory of Ukraine"
	a := mustIngest(t, s, "a", testArticle("Kremlin warns Europe", "Outlet A", "2026-02-01",
		"Moscow spoke on Monday.", said{"Dmitry Peskov", shared, ""}))
	b := mustIngest(t, s, "b", testArticle("Energy prices climb across Europe as winter ends", "Outlet B", "2026-03-20", long,
		said{"Kaja Kallas", "Prices will come down by summer", ""}))
	if a.StoryID == b.StoryID {
		t.Fatal("the two articles must start in different stories")
	}
	// A near copy of b that also carries a's quote: all three are one story.
	c := mustIngest(t, s, "c", testArticle("Energy prices climb across Europe as winter ends", "Outlet C", "2026-03-20", long,
		said{"Kaja Kallas", "Prices will come down by summer", ""}, said{"Peskov", shared, ""}))
	if c.StoryID != a.StoryID {
		t.Errorf("c is in story %d; want the older story %d", c.StoryID, a.StoryID)
	}
	if n := count(t, s, `SELECT count(DISTINCT story_id) FROM articles`); n != 1 {
		t.Errorf("articles are in %d stories; want 1", n)
	}
	if n := count(t, s, `SELECT count(*) FROM stories`); n != 1 {
		t.Errorf("%d stories; want 1", n)
	}
	checkInvariants(t, s)
}

func TestRemoveArticle(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	keep := mustIngest(t, s, "keep", testArticle("Keep", "X", "2026-01-01", "Kept.", said{"Dmitry Peskov", "Contacts continue", ""}))
	before := tableCounts(t, s)
	a := testArticle("Gone", "Y", "2026-01-02", "Removed later kremlin.",
		said{"Peskov", "Nothing is agreed", ""}, said{"Kaja Kallas", "Pressure must rise on the Kremlin", ""})
	a.Events = []briefing.Event{{Date: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC), Text: "Gone", Start: 0, End: 4}}
	gone := mustIngest(t, s, "gone", a)

	err := s.RemoveArticle(ctx, gone.ArticleID+100)
	if !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), fmt.Sprint(gone.ArticleID+100)) {
		t.Errorf("RemoveArticle(unknown) = %v; want ErrNotFound naming the id", err)
	}
	if err := s.RemoveArticle(ctx, gone.ArticleID); err != nil {
		t.Fatal(err)
	}
	// Back to exactly the corpus before: Kallas (only in the removed
	// article) is gone, Peskov stays, the story went, the indexes agree.
	// Peskov's alias "Peskov" from the removed article may stay.
	after := tableCounts(t, s)
	after["speaker_aliases"] = before["speaker_aliases"]
	if !mapsEqual(before, after) {
		t.Errorf("after RemoveArticle: %v; want %v", after, before)
	}
	if n := count(t, s, `SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH 'pressure'`); n != 0 {
		t.Errorf("quotes_fts still finds %d removed quotes", n)
	}
	if n := count(t, s, `SELECT count(*) FROM articles WHERE id = ?`, keep.ArticleID); n != 1 {
		t.Error("the other article went too")
	}
	checkInvariants(t, s)
	if err := s.RemoveArticle(ctx, gone.ArticleID); !errors.Is(err, ErrNotFound) {
		t.Errorf("removing twice: %v; want ErrNotFound", err)
	}
	// The same bytes can be added again.
	again, err := s.Ingest(ctx, rawFor("gone", a), a)
	if err != nil || again.Duplicate {
		t.Errorf("re-adding a removed document = %+v, %v", again, err)
	}
}

// genArticle makes a deterministic synthetic article: n paragraphs of
// words from a small vocabulary, with quotes by speakers from a pool.
func genArticle(r *rand.Rand, i int) briefing.Article {
	vocab := strings.Fields(`the government said talks would resume next week after a pause over sanctions
		energy prices rose sharply as ministers met in brussels to discuss support for ukraine and the
		border region where troops have been deployed since spring officials warned of further strikes
		on infrastructure while diplomats sought a ceasefire and humanitarian corridors for civilians`)
	first := []string{"Anna", "Boris", "Clara", "Dmitry", "Elena", "Farid", "Greta", "Hugo", "Irina", "Jonas"}
	last := []string{"Novak", "Petrov", "Schmidt", "Rossi", "Kowalski", "Dubois", "Jensen", "Horvat", "Silva", "Moreau",
		"Ivanova", "Larsen", "Fischer", "Costa", "Weber", "Marino", "Nagy", "Berg", "Lindqvist", "Popescu"}
	words := func(n int) string {
		w := make([]string, n)
		for j := range w {
			w[j] = vocab[r.IntN(len(vocab))]
		}
		return strings.Join(w, " ")
	}
	var quotes []said
	for range 3 + r.IntN(5) {
		who := first[r.IntN(len(first))] + " " + last[r.IntN(len(last))]
		if r.IntN(4) == 0 {
			who = last[r.IntN(len(last))] // a surname alone
		}
		w := words(8 + r.IntN(12))
		quotes = append(quotes, said{who, strings.ToUpper(w[:1]) + w[1:], ""})
	}
	lead := fmt.Sprintf("Report %d. ", i) + words(150+r.IntN(300)) + "."
	day := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(60)).Format(time.DateOnly)
	a := testArticle(fmt.Sprintf("Story %d: %s", i, words(6)), fmt.Sprintf("Outlet %d", r.IntN(30)), day, lead, quotes...)
	a.Events = []briefing.Event{{Date: a.Published.AddDate(0, 0, -1), Text: a.Title, Start: 0, End: len(a.Title)}}
	return a
}

func TestConcurrentReadersDuringWrites(t *testing.T) {
	s := openTest(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	const docs = 40
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			last := 0
			for ctx.Err() == nil {
				// A reader sees whole articles only: every article it sees
				// has all its quotes (each test article has at least 3).
				var articles, short int
				err := s.read.QueryRowContext(ctx, `SELECT count(*),
					coalesce(sum((SELECT count(*) FROM quotes q WHERE q.article_id = a.id) < 3), 0) FROM articles a`).Scan(&articles, &short)
				if err == nil {
					var n int
					err = s.read.QueryRowContext(ctx, `SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH 'the'`).Scan(&n)
				}
				if err != nil {
					if ctx.Err() == nil {
						errs <- err
					}
					return
				}
				if short != 0 || articles < last {
					errs <- fmt.Errorf("reader saw %d articles (before %d), %d incomplete", articles, last, short)
					return
				}
				last = articles
			}
		}()
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := range docs {
		mustIngest(t, s, fmt.Sprintf("doc%d", i), genArticle(r, i))
	}
	cancel()
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := count(t, s, `SELECT count(*) FROM articles`); n != docs {
		t.Errorf("%d articles; want %d", n, docs)
	}
}

func TestConcurrentIngests(t *testing.T) {
	// Several goroutines ingesting at once (the bot's admin commands and a
	// batch) queue on the one writer instead of failing with SQLITE_BUSY;
	// the same bytes from two of them are stored once.
	s := openTest(t)
	r := rand.New(rand.NewPCG(3, 4))
	arts := make([]briefing.Article, 12)
	for i := range arts {
		arts[i] = genArticle(r, i)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	dups := 0
	for g := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range arts {
				j := (i + g*4) % len(arts)
				res, err := s.Ingest(context.Background(), rawFor(fmt.Sprintf("doc%d", j), arts[j]), arts[j])
				if err != nil {
					t.Error(err)
					return
				}
				if res.Duplicate {
					mu.Lock()
					dups++
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	if n := count(t, s, `SELECT count(*) FROM articles`); n != len(arts) || dups != 2*len(arts) {
		t.Errorf("%d articles, %d duplicates; want %d and %d", n, dups, len(arts), 2*len(arts))
	}
}

// benchCorpus is the size of the larger corpus BenchmarkIngest fills
// before measuring: go test -bench Ingest -args -bench-corpus 20000
var benchCorpus = flag.Int("bench-corpus", 2000, "articles in the corpus before BenchmarkIngest measures")

func BenchmarkIngest(b *testing.B) {
	for _, prefill := range []int{0, *benchCorpus} {
		b.Run(fmt.Sprintf("corpus=%d", prefill), func(b *testing.B) {
			s := openAt(b, filepath.Join(b.TempDir(), "bench.db"))
			r := rand.New(rand.NewPCG(5, 6))
			for i := range prefill {
				mustIngest(b, s, fmt.Sprintf("pre%d", i), genArticle(r, i))
			}
			arts := make([]briefing.Article, b.N)
			for i := range arts {
				arts[i] = genArticle(r, prefill+i)
			}
			b.ResetTimer()
			start := time.Now()
			for i := range b.N {
				mustIngest(b, s, fmt.Sprintf("doc%d", prefill+i), arts[i])
			}
			b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "articles/s")
		})
	}
}
