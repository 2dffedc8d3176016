package quotes

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/briefbot/briefbot/briefing/evalscore"
)

// TestDump writes the corpus's quotes as JSON lines for score.py
// (shared/eval/score.py). It runs only when QUOTES_DUMP names the output file.
func TestDump(t *testing.T) {
	out := os.Getenv("QUOTES_DUMP")
	if out == "" {
		t.Skip("set QUOTES_DUMP=file.jsonl to dump the corpus's quotes")
	}
	files, _ := filepath.Glob(filepath.Join(evalscore.SharedDir(t, "corpus"), "*.txt"))
	if len(files) == 0 {
		t.Skip("corpus absent")
	}
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	enc := json.NewEncoder(f)
	type pq struct {
		Speaker  string `json:"speaker"`
		Text     string `json:"text"`
		Kind     string `json:"kind"`
		Evidence string `json:"evidence"`
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		res := Extract(string(b))
		doc := struct {
			File   string `json:"file"`
			Quotes []pq   `json:"quotes"`
		}{File: filepath.Base(name)}
		for _, q := range res.Quotes {
			doc.Quotes = append(doc.Quotes, pq{q.Speaker, q.Text, q.Kind, q.Evidence})
		}
		if err := enc.Encode(doc); err != nil {
			t.Fatal(err)
		}
	}
}
