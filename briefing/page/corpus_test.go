package page

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/briefing/evalscore"
)

type goldDoc struct {
	File      string  `json:"file"`
	Title     *string `json:"title"`
	Source    *string `json:"source"`
	Published *string `json:"published"`
	Quotes    []struct {
		Text string `json:"text"`
		Kind string `json:"kind"`
		Body *bool  `json:"body"`
	} `json:"quotes"`
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// TestCorpusGold checks FromText on the shared corpus against the gold
// annotations: the metadata must equal the gold table, every quote the
// gold places in the article body must survive cleaning, and every quote
// it places in page furniture (feed sidebars, teaser cards, link lists)
// must be gone from the text.
func TestCorpusGold(t *testing.T) {
	corpus := evalscore.SharedDir(t, "corpus")
	gold := evalscore.SharedDir(t, "eval/gold")
	files, err := filepath.Glob(filepath.Join(gold, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no gold files in %s: %v", gold, err)
	}
	for _, gf := range files {
		raw, err := os.ReadFile(gf)
		if err != nil {
			t.Fatal(err)
		}
		var g goldDoc
		if err := json.Unmarshal(raw, &g); err != nil {
			t.Fatalf("%s: %v", gf, err)
		}
		t.Run(g.File, func(t *testing.T) {
			body, err := os.ReadFile(filepath.Join(corpus, g.File))
			if err != nil {
				t.Fatal(err)
			}
			s, err := Decode(g.File, body, "text")
			if err != nil {
				t.Fatal(err)
			}
			p := FromText(s)
			if p.Title != str(g.Title) {
				t.Errorf("title = %q, gold %q", p.Title, str(g.Title))
			}
			if p.Source != str(g.Source) {
				t.Errorf("source = %q, gold %q", p.Source, str(g.Source))
			}
			pub := ""
			if !p.Published.IsZero() {
				pub = p.Published.Format("2006-01-02")
			}
			if pub != str(g.Published) {
				t.Errorf("published = %q, gold %q", pub, str(g.Published))
			}
			all := p.Title + "\n\n" + p.Text
			for _, q := range g.Quotes {
				inBody := q.Body == nil || *q.Body
				has := strings.Contains(all, q.Text)
				if inBody && !has {
					t.Errorf("body quote lost by cleaning: %.80q", q.Text)
				}
				if !inBody && strings.Contains(p.Text, q.Text) {
					t.Errorf("furniture quote left in the text: %.80q", q.Text)
				}
			}
			if strings.Contains(p.Text, "\n\n\n") || strings.TrimSpace(p.Text) != p.Text {
				t.Errorf("text not normalised: %q", p.Text)
			}
		})
	}
}
