package store

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/briefing/evalscore"
)

// processRaw runs the real pipeline over a stored document.
func processRaw(raw RawDocument) (briefing.Article, error) {
	return briefing.Process(briefing.Document{Name: raw.Name, Format: raw.Format, Body: raw.Body, URL: raw.URL})
}

// TestSharedCorpus runs the real pipeline over the five shared page dumps
// through the store: every one goes in whole, again as duplicates,
// survives a reprocess with its ids, and the backup is a sound corpus.
func TestSharedCorpus(t *testing.T) {
	corpus := evalscore.SharedDir(t, "corpus")
	files, err := filepath.Glob(filepath.Join(corpus, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no .txt files in %s: %v", corpus, err)
	}
	s := openTest(t)
	ctx := context.Background()
	ids := map[string]int64{}
	for _, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		raw := RawDocument{Name: filepath.Base(f), Format: briefing.FormatText, Body: body, AddedBy: "test"}
		art, err := processRaw(raw)
		if err != nil {
			t.Fatalf("Process(%s): %v", raw.Name, err)
		}
		res, err := s.Ingest(ctx, raw, art)
		if err != nil {
			t.Fatalf("Ingest(%s): %v", raw.Name, err)
		}
		if n := count(t, s, `SELECT count(*) FROM quotes WHERE article_id = ?`, res.ArticleID); n != len(art.Quotes) {
			t.Errorf("%s: %d quotes stored of %d", raw.Name, n, len(art.Quotes))
		}
		ids[raw.Name] = res.ArticleID
		again, err := s.Ingest(ctx, raw, art)
		if err != nil || !again.Duplicate || again.ArticleID != res.ArticleID {
			t.Errorf("%s again: %+v, %v; want a duplicate", raw.Name, again, err)
		}
	}
	checkInvariants(t, s)

	// One speakers row per person across outlets: no two rows whose
	// last_key is the same and whose names both carry a given name that
	// agrees (the Peskov / Dmitry Peskov and Zelensky / Zelenskyy cases).
	rows, err := s.read.Query(`SELECT a.name, b.name FROM speakers a JOIN speakers b
		ON a.last_key = b.last_key AND a.id < b.id AND a.is_org = b.is_org AND a.last_key != ''`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var a, b string
		rows.Scan(&a, &b)
		if strings.EqualFold(a, b) {
			t.Errorf("one name, two speakers rows: %q and %q", a, b)
		}
	}
	rows.Close()

	// A quote printed by several outlets for one speaker is one group.
	if n := count(t, s, `SELECT count(*) FROM quotes a JOIN quotes b
		ON a.speaker_id = b.speaker_id AND a.norm = b.norm AND a.id < b.id AND a.group_id != b.group_id`); n != 0 {
		t.Errorf("%d pairs of identical quotes by one speaker are in different groups", n)
	}

	before := tableCounts(t, s)
	res, err := s.Reprocess(ctx, processRaw)
	if err != nil || res.Documents != len(files) || res.Updated != len(files) || res.Failed != 0 {
		t.Fatalf("Reprocess = %+v, %v", res, err)
	}
	after := tableCounts(t, s)
	for _, table := range []string{"documents", "articles", "quotes", "speakers", "events", "stories"} {
		if before[table] != after[table] {
			t.Errorf("reprocess with the same pipeline changed %s: %d -> %d", table, before[table], after[table])
		}
	}
	for name, id := range ids {
		if n := count(t, s, `SELECT count(*) FROM articles a JOIN documents d ON d.id = a.document_id WHERE a.id = ? AND d.name = ?`, id, name); n != 1 {
			t.Errorf("%s lost its article id %d in reprocess", name, id)
		}
	}
	checkInvariants(t, s)

	dest := filepath.Join(t.TempDir(), "copy.db")
	if err := s.Backup(ctx, dest); err != nil {
		t.Fatal(err)
	}
	c := openAt(t, dest)
	if got := tableCounts(t, c); !mapsEqual(got, after) {
		t.Errorf("backup counts %v; want %v", got, after)
	}
}
