package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// sampleCorpus ingests the demo's sample articles into a new database.
func sampleCorpus(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "samples.db")
	r := briefbot(t, nil, "ingest", "--db", db, "samples")
	if r.code != 0 {
		t.Fatalf("ingest samples: %s", r)
	}
	return db
}

func TestQuery(t *testing.T) {
	db := sampleCorpus(t)

	r := briefbot(t, nil, "query", "--db", db, "--json", "/quotes speaker:vask")
	if r.code != 0 {
		t.Fatalf("query --json: %s", r)
	}
	var payload struct {
		Content string `json:"content"`
		Embeds  []struct {
			Title       string `json:"title"`
			Description string `json:"description"`
			Fields      []struct {
				Name, Value string
			} `json:"fields"`
		} `json:"embeds"`
		AllowedMentions *struct {
			Parse []string `json:"parse"`
		} `json:"allowed_mentions"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &payload); err != nil {
		t.Fatalf("not a JSON payload: %v\n%s", err, r.stdout)
	}
	if payload.AllowedMentions == nil || payload.AllowedMentions.Parse == nil || len(payload.AllowedMentions.Parse) != 0 {
		t.Errorf("allowed_mentions must be {\"parse\": []}: %s", r.stdout)
	}
	if len(payload.Embeds) == 0 || !strings.Contains(payload.Embeds[0].Title, "Helena Vask") {
		t.Errorf("want an embed of Helena Vask's quotes: %s", r.stdout)
	}
	if !strings.Contains(r.stdout, "Water is not a weapon") {
		t.Errorf("her best-known quote is missing: %s", r.stdout)
	}
	r = briefbot(t, nil, "query", "--db", db, "/quotes", "speaker:yurii", "dovhan", "topic:neighbour")
	if r.code != 0 || !strings.Contains(r.stdout, "Dovhan") || !strings.Contains(r.stdout, "angry neighbour") {
		t.Errorf("text query with a name variant: %s", r)
	}

	if r := briefbot(t, nil, "query", "--db", db, "/nosuch thing"); r.code != exitBadUsage || !strings.Contains(r.stderr, "nosuch") {
		t.Errorf("unknown command: want exit 2 naming it; got %s", r)
	}
	missing := filepath.Join(t.TempDir(), "missing.db")
	if r := briefbot(t, nil, "query", "--db", missing, "/stats"); r.code != exitFailed || !strings.Contains(r.stderr, "no corpus at "+missing) {
		t.Errorf("missing database: %s", r)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("query created a database where none was")
	}
}

func TestBackupAndReprocess(t *testing.T) {
	db := sampleCorpus(t)
	dest := filepath.Join(t.TempDir(), "copy.db")
	if r := briefbot(t, nil, "backup", "--db", db, dest); r.code != 0 {
		t.Fatalf("backup: %s", r)
	}
	if r := briefbot(t, nil, "backup", "--db", db, dest); r.code != exitFailed {
		t.Errorf("a backup over an existing file must fail: %s", r)
	}
	r := briefbot(t, nil, "query", "--db", dest, "/whosaid text:angry neighbour")
	if r.code != 0 || !strings.Contains(r.stdout, "Dovhan") {
		t.Errorf("the backup does not answer like the corpus: %s", r)
	}
	r = briefbot(t, nil, "reprocess", "--db", dest)
	if r.code != 0 || !strings.Contains(r.stdout, "6 documents: 6 articles rewritten, 0 failed") {
		t.Errorf("reprocess: %s", r)
	}
	r = briefbot(t, nil, "query", "--db", dest, "/whosaid text:angry neighbour")
	if r.code != 0 || !strings.Contains(r.stdout, "Dovhan") {
		t.Errorf("after reprocess: %s", r)
	}
}

func TestDemoTour(t *testing.T) {
	r := briefbot(t, nil, "demo") // stdin is /dev/null: not a terminal
	if r.code != 0 {
		t.Fatalf("demo: %s", r)
	}
	for _, want := range []string{"6 fictional sample articles", "> /quotes speaker:vask", "Helena Vask", "Water is not a weapon",
		"> next\nQuotes by Yuriy Dovhan", "Page 2 of 3", "> /timeline topic:dam", "> /stats"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("tour output lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "Sorry, something went wrong") {
		t.Errorf("a tour command failed:\n%s", r.stdout)
	}
}

func TestBench(t *testing.T) {
	r := briefbot(t, nil, "bench", "--time", "200ms", "samples")
	if r.code != 0 {
		t.Fatalf("bench: %s", r)
	}
	for _, want := range []string{runtime.GOOS + "/" + runtime.GOARCH, "cores", "MB/s per core", "articles/s", "6 documents"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("bench output lacks %q: %s", want, r.stdout)
		}
	}
}
