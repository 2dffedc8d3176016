package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sharedDir finds ../shared beside the repository (the folder holding
// go.mod). It skips the test when it is absent, and fails it under CI=true,
// where it must be there.
func sharedDir(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's folder")
		}
		dir = parent
	}
	shared := filepath.Join(dir, "..", "shared")
	if _, err := os.Stat(filepath.Join(shared, "corpus")); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s/corpus is missing; CI must have ../shared beside the repository", shared)
		}
		t.Skipf("%s/corpus is missing (needs ../shared beside the repository)", shared)
	}
	return shared
}

// TestSharedCorpusPeskov is issue 2's acceptance check: ingest the real
// page dumps, then /quotes speaker:peskov lists Peskov's quotes.
func TestSharedCorpusPeskov(t *testing.T) {
	corpus := filepath.Join(sharedDir(t), "corpus")
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
