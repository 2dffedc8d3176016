package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/briefing"
)

// lineDoc is the body format of the test pipeline: a title line, then one
// "Speaker | words" line per quote.
func lineDoc(title string, quotes ...said) []byte {
	var b strings.Builder
	b.WriteString(title + "\n")
	for _, q := range quotes {
		b.WriteString(q.speaker + " | " + q.text + "\n")
	}
	return []byte(b.String())
}

// linePipeline is a small deterministic pipeline over lineDoc bodies;
// rename stands for an improved speaker attribution.
func linePipeline(rename map[string]string, titleSuffix string) func(RawDocument) (briefing.Article, error) {
	return func(raw RawDocument) (briefing.Article, error) {
		lines := strings.Split(strings.TrimSpace(string(raw.Body)), "\n")
		var qs []said
		for _, l := range lines[1:] {
			who, words, _ := strings.Cut(l, " | ")
			if r, ok := rename[who]; ok {
				who = r
			}
			qs = append(qs, said{speaker: who, text: words})
		}
		return testArticle(lines[0]+titleSuffix, "Outlet "+raw.Name, "2026-02-01", "Lead of "+raw.Name+".", qs...), nil
	}
}

// checkInvariants verifies what every write must keep true.
func checkInvariants(t *testing.T, s *Store) {
	t.Helper()
	checks := map[string]string{
		"quotes whose group is missing or by another speaker": `SELECT count(*) FROM quotes q LEFT JOIN quotes g ON g.id = q.group_id
			WHERE g.id IS NULL OR g.speaker_id IS NOT q.speaker_id OR g.id > q.id`,
		"speakers without quotes": `SELECT count(*) FROM speakers sp WHERE sp.id != ` + fmt.Sprint(s.anonymousID) +
			` AND NOT EXISTS (SELECT 1 FROM quotes WHERE speaker_id = sp.id)`,
		"stories without articles":  `SELECT count(*) FROM stories st WHERE NOT EXISTS (SELECT 1 FROM articles WHERE story_id = st.id)`,
		"articles without a story":  `SELECT count(*) FROM articles WHERE story_id IS NULL`,
		"documents without article": `SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM articles WHERE document_id = d.id)`,
		"stories not named after their first article": `SELECT count(*) FROM stories st
			WHERE st.title IS NOT (SELECT title FROM articles WHERE story_id = st.id ORDER BY id LIMIT 1)`,
		"speakers without an alias": `SELECT count(*) FROM speakers sp WHERE sp.id != ` + fmt.Sprint(s.anonymousID) +
			` AND NOT EXISTS (SELECT 1 FROM speaker_aliases WHERE speaker_id = sp.id)`,
		"quotes dated otherwise than their article": `SELECT count(*) FROM quotes q JOIN articles a ON a.id = q.article_id
			WHERE q.published IS NOT a.published`,
		"groups whose first date is not their earliest report": `SELECT count(*) FROM quotes g WHERE g.id = g.group_id
			AND g.group_first IS NOT (SELECT min(published) FROM quotes WHERE group_id = g.id)`,
	}
	for what, q := range checks {
		if n := count(t, s, q); n != 0 {
			t.Errorf("%d %s", n, what)
		}
	}
	for _, fts := range []string{"articles_fts", "quotes_fts"} {
		if _, err := s.write.Exec(`INSERT INTO ` + fts + `(` + fts + `) VALUES ('integrity-check')`); err != nil {
			t.Errorf("%s integrity-check: %v", fts, err)
		}
	}
	var res string
	if err := s.read.QueryRow(`PRAGMA integrity_check`).Scan(&res); err != nil || res != "ok" {
		t.Errorf("integrity_check = %q, %v", res, err)
	}
	if n := count(t, s, `SELECT count(*) FROM pragma_foreign_key_check`); n != 0 {
		t.Errorf("%d foreign key violations", n)
	}
}

func TestReprocess(t *testing.T) {
	clock := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	s, err := Open(context.Background(), t.TempDir()+"/corpus.db", Options{Now: func() time.Time { return clock }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	docs := []RawDocument{
		{Name: "one", Body: lineDoc("Talks stall", said{speaker: "Jon Smyth", text: "We will not sign this deal"}, said{speaker: "Dmitry Peskov", text: "Contacts continue at a working level"})},
		{Name: "two", Body: lineDoc("Talks resume", said{speaker: "Peskov", text: "Contacts continue at a working level"})},
		{Name: "three", Body: lineDoc("Aid arrives", said{speaker: "Kaja Kallas", text: "More aid is on its way"})},
		{Name: "four", Body: lineDoc("Panics later", said{speaker: "Olena Zelenska", text: "Children must come home"})},
	}
	v1 := linePipeline(nil, "")
	speakerID := func(name string) int64 {
		var id int64
		s.read.QueryRow(`SELECT id FROM speakers WHERE name = ?`, name).Scan(&id)
		return id
	}
	type before struct {
		res     IngestResult
		addedAt string
	}
	var was []before
	for i, raw := range docs {
		raw.Format, raw.AddedBy = briefing.FormatText, fmt.Sprintf("user%d", i)
		docs[i] = raw
		art, _ := v1(raw)
		res, err := s.Ingest(ctx, raw, art)
		if err != nil {
			t.Fatal(err)
		}
		was = append(was, before{res: res, addedAt: clock.Format(time.RFC3339)})
		clock = clock.Add(time.Hour)
	}
	checkInvariants(t, s)

	kallas := speakerID("Kaja Kallas")
	if kallas == 0 {
		t.Fatal("no Kaja Kallas")
	}
	// The improved pipeline attributes the first quote to Keir Starmer,
	// rejects document "two" and panics on "four".
	v2 := linePipeline(map[string]string{"Jon Smyth": "Keir Starmer"}, " (v2)")
	res, err := s.Reprocess(ctx, func(raw RawDocument) (briefing.Article, error) {
		switch raw.Name {
		case "two":
			return briefing.Article{}, errors.New("no article text found")
		case "four":
			panic("index out of range")
		}
		return v2(raw)
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Documents != 4 || res.Updated != 2 || res.Failed != 2 || len(res.Failures) != 2 {
		t.Fatalf("ReprocessResult = %+v", res)
	}
	if msg := res.Failures[0].Error(); !strings.Contains(msg, "two") || !strings.Contains(msg, "no article text found") {
		t.Errorf("failure %q does not name the document and the reason", msg)
	}
	if msg := res.Failures[1].Error(); !strings.Contains(msg, "four") || !strings.Contains(msg, "panicked") {
		t.Errorf("failure %q does not report the panic", msg)
	}
	for i, w := range was {
		var title, addedAt, addedBy string
		var docID int64
		err := s.read.QueryRow(`SELECT title, added_at, added_by, document_id FROM articles WHERE id = ?`, w.res.ArticleID).
			Scan(&title, &addedAt, &addedBy, &docID)
		if err != nil {
			t.Fatalf("article %d of %s is gone: %v", w.res.ArticleID, docs[i].Name, err)
		}
		if addedAt != w.addedAt || addedBy != fmt.Sprintf("user%d", i) || docID != w.res.DocumentID {
			t.Errorf("%s: added_at %q by %q doc %d; want %q by user%d doc %d", docs[i].Name, addedAt, addedBy, docID, w.addedAt, i, w.res.DocumentID)
		}
		updated := strings.HasSuffix(title, " (v2)")
		if wantUpdated := docs[i].Name == "one" || docs[i].Name == "three"; updated != wantUpdated {
			t.Errorf("%s: title %q (updated %v, want %v)", docs[i].Name, title, updated, wantUpdated)
		}
	}
	if _, name := speakerOf(t, s, "We will not sign this deal"); name.String != "Keir Starmer" {
		t.Errorf("reattributed quote has speaker %q", name.String)
	}
	if got := speakerID("Kaja Kallas"); got != kallas {
		t.Errorf("Kaja Kallas, quoted only in a reprocessed article, moved from speaker %d to %d", kallas, got)
	}
	if n := count(t, s, `SELECT count(*) FROM speakers WHERE name = 'Jon Smyth'`); n != 0 {
		t.Error("the speaker no quote refers to any more was kept")
	}
	// Peskov's quote in "one" and "two" is still one group across outlets.
	if n := count(t, s, `SELECT count(DISTINCT group_id) FROM quotes WHERE text = 'Contacts continue at a working level'`); n != 1 {
		t.Errorf("the shared Peskov quote is in %d groups after reprocess", n)
	}
	if n := count(t, s, `SELECT count(*) FROM documents`); n != 4 {
		t.Errorf("%d documents after reprocess", n)
	}
	checkInvariants(t, s)

	// Again with a pipeline that now handles every document: all are
	// rewritten, the quotes stay the same, and the ids still do not move.
	before2 := tableCounts(t, s)
	res, err = s.Reprocess(ctx, v2)
	if err != nil {
		t.Fatal(err)
	}
	if res.Documents != 4 || res.Updated != 4 || res.Failed != 0 {
		t.Errorf("second ReprocessResult = %+v", res)
	}
	after2 := tableCounts(t, s)
	for _, table := range []string{"documents", "articles", "quotes", "speakers", "events"} {
		if after2[table] != before2[table] {
			t.Errorf("%s: %d rows before the second reprocess, %d after", table, before2[table], after2[table])
		}
	}
	if n := count(t, s, `SELECT count(*) FROM articles WHERE title LIKE '% (v2)'`); n != 4 {
		t.Errorf("%d articles rewritten by v2; want 4", n)
	}
	if n := count(t, s, `SELECT max(id) FROM articles`); n != int(was[3].res.ArticleID) {
		t.Errorf("article ids moved: max id %d; want %d", n, was[3].res.ArticleID)
	}
	checkInvariants(t, s)
}

func TestReprocessCancelled(t *testing.T) {
	s := openTest(t)
	for i := range 3 {
		a := testArticle(fmt.Sprintf("T%d", i), "X", "", "L.", said{"Kaja Kallas", fmt.Sprintf("Words number %d", i), ""})
		mustIngest(t, s, fmt.Sprintf("d%d", i), a)
	}
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	res, err := s.Reprocess(ctx, func(raw RawDocument) (briefing.Article, error) {
		calls++
		cancel()
		return briefing.Article{}, ctx.Err()
	})
	if !errors.Is(err, context.Canceled) || calls != 1 || res.Failed != 0 {
		t.Errorf("Reprocess after cancel = %+v, %v (calls %d); want it to stop with context.Canceled", res, err, calls)
	}
	checkInvariants(t, s)
}
