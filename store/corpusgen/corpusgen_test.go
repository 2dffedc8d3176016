package corpusgen

import (
	"reflect"
	"testing"
)

func TestDeterministic(t *testing.T) {
	a, b := New(Options{Seed: 7, Articles: 60}), New(Options{Seed: 7, Articles: 60})
	for i := range 60 {
		if !reflect.DeepEqual(a.Article(i), b.Article(i)) {
			t.Fatalf("article %d differs between two generators with one seed", i)
		}
	}
	if reflect.DeepEqual(a.Article(0), New(Options{Seed: 8, Articles: 60}).Article(0)) {
		t.Errorf("seeds 7 and 8 made the same first article")
	}
}

func TestArticlesAreConsistent(t *testing.T) {
	g := New(Options{Seed: 1, Articles: 300})
	shared, variants := 0, 0
	seen := map[string]string{} // quote text -> outlet
	for i := range g.Len() {
		a := g.Article(i)
		if a.Title == "" || a.Source == "" || a.Published.IsZero() || len(a.Quotes) == 0 {
			t.Fatalf("article %d incomplete: %+v", i, a)
		}
		for _, q := range a.Quotes {
			if a.Text[q.Start:q.End] != q.Text {
				t.Fatalf("article %d: quote offsets [%d,%d) hold %q, want %q", i, q.Start, q.End, a.Text[q.Start:q.End], q.Text)
			}
			if o, ok := seen[q.Text]; ok && o != a.Source {
				shared++
			}
			seen[q.Text] = a.Source
		}
		for _, e := range a.Events {
			if a.Text[e.Start:e.End] != e.Text {
				t.Fatalf("article %d: event offsets wrong", i)
			}
		}
		for _, s := range a.Speakers {
			for _, al := range s.Aliases {
				if al != s.Name && len(al) > 0 && al[len(al)-1] == 'f' || len(al) > 4 && al[len(al)-4:] == "skyy" {
					variants++
				}
			}
		}
	}
	if shared == 0 {
		t.Errorf("no quote was reported by two outlets")
	}
	if variants == 0 {
		t.Errorf("no speaker was spelled two ways")
	}
}
