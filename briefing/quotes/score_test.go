package quotes

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/briefbot/briefbot/briefing/evalscore"
)

// TestCorpusScore holds the extractor's scores on the raw corpus pages
// (before page cleaning) against shared/eval/gold, with score.py's rules.
func TestCorpusScore(t *testing.T) {
	dir := evalscore.SharedDir(t, "corpus")
	goldDir := evalscore.SharedDir(t, "eval/gold")
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) == 0 {
		t.Fatalf("no corpus files in %s", dir)
	}
	gold, err := evalscore.LoadGold(goldDir)
	if err != nil {
		t.Fatal(err)
	}
	var preds []evalscore.Prediction
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		p := evalscore.Prediction{File: filepath.Base(f)}
		for _, q := range Extract(string(b)).Quotes {
			p.Quotes = append(p.Quotes, evalscore.PredQuote{Speaker: q.Speaker, Text: q.Text, Kind: q.Kind})
		}
		preds = append(preds, p)
	}
	evalscore.CheckTargets(t, gold, preds)
}
