package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"github.com/briefbot/briefbot/briefing"
)

// groupFirst is the date a quote group is listed by.
func groupFirst(t *testing.T, s *Store, text string) sql.NullString {
	t.Helper()
	var first sql.NullString
	if err := s.read.QueryRow(`SELECT g.group_first FROM quotes q JOIN quotes g ON g.id = q.group_id
		WHERE q.text = ? ORDER BY q.id LIMIT 1`, text).Scan(&first); err != nil {
		t.Fatal(err)
	}
	return first
}

// TestQuoteDatesFollowWrites: the dates on quotes (migrations/0004) stay
// right through ingest in any order, removal and reprocess.
func TestQuoteDatesFollowWrites(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	words := "We cannot allow NATO's military infrastructure to get that close to our borders"
	arts := map[string]briefing.Article{
		"a": testArticle("A", "Outlet A", "2026-02-27", "L.", said{speaker: "Dmitry Peskov", text: words}),
		"b": testArticle("B", "Outlet B", "2026-02-20", "M.", said{speaker: "Peskov", text: words}), // reported earlier, ingested later
		"c": testArticle("C", "Outlet C", "", "N.", said{speaker: "Dmitry Peskov", text: words}),
	}
	var ids = map[string]int64{}
	for _, name := range []string{"a", "b", "c"} {
		ids[name] = mustIngest(t, s, name, arts[name]).ArticleID
	}
	if got := groupFirst(t, s, words); got.String != "2026-02-20" {
		t.Errorf("after ingest: group first %v, want the earliest report 2026-02-20", got)
	}
	checkInvariants(t, s)

	if err := s.RemoveArticle(ctx, ids["b"]); err != nil {
		t.Fatal(err)
	}
	if got := groupFirst(t, s, words); got.String != "2026-02-27" {
		t.Errorf("after removing the earliest report: group first %v, want 2026-02-27", got)
	}
	checkInvariants(t, s)

	// A better pipeline dates A later.
	moved := arts["a"]
	moved.Published = time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC)
	if _, err := s.Reprocess(ctx, func(raw RawDocument) (briefing.Article, error) {
		if raw.Name == "a" {
			return moved, nil
		}
		return arts[raw.Name], nil
	}); err != nil {
		t.Fatal(err)
	}
	if got := groupFirst(t, s, words); got.String != "2026-03-05" {
		t.Errorf("after reprocess: group first %v, want 2026-03-05", got)
	}
	checkInvariants(t, s)

	// The undated report alone: the group has no date, and sorts last.
	if err := s.RemoveArticle(ctx, ids["a"]); err != nil {
		t.Fatal(err)
	}
	if got := groupFirst(t, s, words); got.Valid {
		t.Errorf("undated group: group first %v, want NULL", got)
	}
	checkInvariants(t, s)
}

// TestMigrateQuoteDates opens a corpus written at schema 3 and checks
// that migrations 0004 and 0005 date its quotes and keep its events.
func TestMigrateQuoteDates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "corpus.db")
	db, _ := dbAtVersion(t, path, 3)
	// Two outlets report one quote (the later one first), a third is
	// undated; an event.
	for _, stmt := range []string{
		`INSERT INTO documents (id, sha256, name, format, body, added_at) VALUES (1, 'a', 'a', 'text', 'x', '2026-01-01T00:00:00Z'),
			(2, 'b', 'b', 'text', 'y', '2026-01-01T00:00:00Z'), (3, 'c', 'c', 'text', 'z', '2026-01-01T00:00:00Z')`,
		`INSERT INTO articles (id, document_id, title, text, published, added_at) VALUES (1, 1, 'A', 'text a', '2026-02-27', ''),
			(2, 2, 'B', 'text b', '2026-02-20', ''), (3, 3, 'C', 'text c', NULL, '')`,
		`INSERT INTO speakers (id, name, name_key, last_key) VALUES (10, 'Dmitry Peskov', 'dmitry peskov', 'pskv')`,
		`INSERT INTO quotes (id, article_id, speaker_id, ordinal, text, norm, kind, start, end, group_id) VALUES
			(1, 1, 10, 0, 'Words', 'words', 'direct', 0, 4, 1), (2, 2, 10, 0, 'Words', 'words', 'direct', 0, 4, 1),
			(3, 3, 10, 0, 'Other words', 'other words', 'direct', 0, 4, 3)`,
		`INSERT INTO events (article_id, date, text, start, end) VALUES (1, '2026-02-26', 'On Feb. 26, talks.', 0, 4)`,
	} {
		if _, err := db.Exec(stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	db.Close()

	s := openAt(t, path)
	rows, err := s.read.Query(`SELECT id, published, group_first FROM quotes ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		id               int64
		published, first sql.NullString
	}
	var got []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.published, &r.first); err != nil {
			t.Fatal(err)
		}
		got = append(got, r)
	}
	rows.Close()
	want := []row{
		{1, sql.NullString{String: "2026-02-27", Valid: true}, sql.NullString{String: "2026-02-20", Valid: true}},
		{2, sql.NullString{String: "2026-02-20", Valid: true}, sql.NullString{}},
		{3, sql.NullString{}, sql.NullString{}},
	}
	if len(got) != len(want) {
		t.Fatalf("quotes %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("quote %d: %+v, want %+v", want[i].id, got[i], want[i])
		}
	}
	var inferred int
	if err := s.read.QueryRow(`SELECT year_inferred FROM events`).Scan(&inferred); err != nil || inferred != 0 {
		t.Errorf("event year_inferred = %d, %v; want 0", inferred, err)
	}
	page, err := s.QuotesBySpeaker(context.Background(), QuoteQuery{SpeakerID: 10})
	if err != nil || page.Total != 2 || len(page.Quotes) != 2 || page.Quotes[0].ID != 1 || page.Quotes[1].ID != 3 {
		t.Errorf("QuotesBySpeaker after migrating: %+v, %v; want group 1 (dated) then 3 (undated)", page, err)
	}
}

// TestEventYearInferred: an event whose year was inferred keeps the mark,
// and the timeline shows it inferred unless another source printed it.
func TestEventYearInferred(t *testing.T) {
	s := openTest(t)
	undated := testArticle("Peacekeepers feed", "Feed", "", "On May 11, leaders met on peacekeepers. On May 15, talks on peacekeepers.")
	undated.Events = []briefing.Event{
		{Date: time.Date(2025, 5, 11, 0, 0, 0, 0, time.UTC), Text: "On May 11, leaders met on peacekeepers.", Start: 0, End: 10, YearInferred: true},
		{Date: time.Date(2025, 5, 15, 0, 0, 0, 0, time.UTC), Text: "On May 15, talks on peacekeepers.", Start: 0, End: 10, YearInferred: true},
	}
	dated := testArticle("Peacekeepers talks", "Wire", "2025-05-12", "On May 15, talks on peacekeepers.")
	dated.Events = []briefing.Event{{Date: time.Date(2025, 5, 15, 0, 0, 0, 0, time.UTC), Text: "On May 15, talks on peacekeepers.", Start: 0, End: 10}}
	mustIngest(t, s, "feed", undated)
	mustIngest(t, s, "wire", dated)
	if n := count(t, s, `SELECT count(*) FROM events WHERE year_inferred = 1`); n != 2 {
		t.Errorf("%d events with year_inferred; want 2", n)
	}
	events, total, err := s.Timeline(context.Background(), "peacekeepers", 0, 10)
	if err != nil || total != 2 {
		t.Fatalf("Timeline: %d events, %v", total, err)
	}
	if !events[0].YearInferred || events[1].YearInferred {
		t.Errorf("May 11 (one undated source) inferred=%v, want true; May 15 (also dated by Wire) inferred=%v, want false",
			events[0].YearInferred, events[1].YearInferred)
	}
}

// TestQuotedWordsShownOverReported: a quote printed with quotation marks
// by one outlet and reported without them by another shows the quoted
// words.
func TestQuotedWordsShownOverReported(t *testing.T) {
	s := openTest(t)
	words := "Russia will not agree to the presence of European peacekeeping forces in Ukraine"
	mustIngest(t, s, "a", testArticle("A", "Outlet A", "2026-02-20", "L.", said{speaker: "Dmitry Peskov", text: words, kind: briefing.KindIndirect}))
	mustIngest(t, s, "b", testArticle("B", "Outlet B", "2026-02-21", "M.", said{speaker: "Dmitry Peskov", text: words + ".", kind: briefing.KindDirect}))
	var speaker int64
	s.read.QueryRow(`SELECT id FROM speakers WHERE name = 'Dmitry Peskov'`).Scan(&speaker)
	page, err := s.QuotesBySpeaker(context.Background(), QuoteQuery{SpeakerID: speaker})
	if err != nil || len(page.Quotes) != 1 {
		t.Fatalf("%+v, %v; want one group", page, err)
	}
	if g := page.Quotes[0]; g.Kind != briefing.KindDirect || g.Text != words+"." || len(g.Sources) != 2 {
		t.Errorf("group %+v; want the direct words from Outlet B, with both sources", g)
	}
}
