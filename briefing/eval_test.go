package briefing

import (
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/briefing/evalscore"
)

// TestEvalCorpus runs the whole pipeline over the plain-text corpus in
// ../shared/corpus and holds its quote scores against the gold in
// ../shared/eval/gold, scored by score.py's rules (evalscore), as
// `briefbot extract --json | score.py` would: direct+partial precision
// >= 0.97 and recall >= 0.95, indirect+unmarked precision >= 0.85. It also
// holds the gold's publication dates: an undated article stays undated.
func TestEvalCorpus(t *testing.T) {
	docs := corpusDocs(t)
	gold, err := evalscore.LoadGold(evalscore.SharedDir(t, "eval/gold"))
	if err != nil {
		t.Fatal(err)
	}
	var preds []evalscore.Prediction
	for _, doc := range docs {
		art, err := Process(doc)
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		checkArticle(t, doc.Name, art)
		p := evalscore.Prediction{File: doc.Name}
		for _, q := range art.Quotes {
			p.Quotes = append(p.Quotes, evalscore.PredQuote{Speaker: q.Speaker, Text: q.Text, Kind: string(q.Kind)})
		}
		preds = append(preds, p)

		g, ok := gold[doc.Name]
		if !ok {
			t.Errorf("%s: no gold annotation", doc.Name)
			continue
		}
		var published string
		if !art.Published.IsZero() {
			published = art.Published.Format(time.DateOnly)
		}
		if want := deref(g.Published); published != want {
			t.Errorf("%s: published %q, gold %q", doc.Name, published, want)
		}
	}
	if len(preds) != len(gold) {
		t.Errorf("processed %d articles, gold has %d", len(preds), len(gold))
	}

	evalscore.CheckTargets(t, gold, preds)
}

// TestCorpusTimeline holds the dates /timeline shows for the corpus: two
// undated articles print a full date only in a photo caption, and their
// days without a year ("on May 11", "on Feb. 20") take the year from it.
func TestCorpusTimeline(t *testing.T) {
	want := map[string]struct {
		fragment string
		date     time.Time
		inferred bool
	}{
		"000_41b13c485da372f1.txt": {"ABC News released on May 11", day(2025, 5, 11), true},
		"002_025051a931ef9ce1.txt": {"The Kremlin on Wednesday said", day(2025, 8, 27), false},
		"004_63d502a6df3d2081.txt": {"Interfax reported on Feb. 20", day(2025, 2, 20), true},
	}
	for _, doc := range corpusDocs(t) {
		art, err := Process(doc)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range art.Events {
			t.Logf("%s: %s inferred=%v %.80q", doc.Name, e.Date.Format(time.DateOnly), e.YearInferred, e.Text)
		}
		w, ok := want[doc.Name]
		if !ok {
			continue
		}
		found := false
		for _, e := range art.Events {
			if strings.Contains(e.Text, w.fragment) {
				found = true
				if !e.Date.Equal(w.date) || e.YearInferred != w.inferred {
					t.Errorf("%s: %q on %s inferred=%v, want %s inferred=%v", doc.Name, w.fragment,
						e.Date.Format(time.DateOnly), e.YearInferred, w.date.Format(time.DateOnly), w.inferred)
				}
			}
		}
		if !found {
			t.Errorf("%s: no event for %q", doc.Name, w.fragment)
		}
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
