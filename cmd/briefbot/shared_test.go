package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/briefing/evalscore"
)

// TestSharedCorpusPeskov is issue 2's acceptance check: ingest the real
// page dumps, then /quotes speaker:peskov lists Peskov's quotes.
func TestSharedCorpusPeskov(t *testing.T) {
	corpus := evalscore.SharedDir(t, "corpus")
	db := filepath.Join(t.TempDir(), "corpus.db")
	r := briefbot(t, nil, "ingest", "--db", db, corpus)
	if r.code != 0 || !strings.Contains(r.stdout, "0 rejected") {
		t.Fatalf("ingest %s: %s", corpus, r)
	}
	r = briefbot(t, nil, "query", "--db", db, "/quotes speaker:peskov")
	if r.code != 0 {
		t.Fatalf("query: %s", r)
	}
	if !strings.Contains(r.stdout, "Quotes by Dmitry Peskov") {
		t.Errorf("/quotes speaker:peskov:\n%s", r.stdout)
	}
	r = briefbot(t, nil, "query", "--db", db, `/whosaid text:"We cannot allow NATO's military infrastructure"`)
	if r.code != 0 || !strings.Contains(r.stdout, "Dmitry Peskov") || !strings.Contains(r.stdout, "We cannot allow NATO's military infrastructure to get that close to our borders") {
		t.Errorf("/whosaid: %s", r)
	}
	r = briefbot(t, nil, "ingest", "--db", db, corpus)
	if r.code != 0 || !strings.Contains(r.stdout, "0 added") {
		t.Errorf("a second ingest of the same files must add nothing: %s", r)
	}
}
