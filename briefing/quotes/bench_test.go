package quotes

import (
	"strings"
	"testing"

	"github.com/briefbot/briefbot/briefing/evalscore"
	"github.com/briefbot/briefbot/briefing/page"
)

// BenchmarkExtractArticles measures Extract alone on the inputs
// briefing.Process gives it for the corpus: each page cleaned by
// page.FromText, with its headline put back on top. Its share of
// BenchmarkProcess is what the pipeline's 10 MB/s target leaves to it.
func BenchmarkExtractArticles(b *testing.B) {
	pages := evalscore.SharedSeeds(b, "corpus", "*.txt")
	if len(pages) == 0 {
		b.Skip("corpus absent")
	}
	var texts []string
	var n int64
	for _, raw := range pages {
		p := page.FromText(raw)
		// As briefing.withHeadline does: the headline opens the text.
		article := p.Text
		if title := strings.TrimSpace(p.Title); title != "" && !strings.HasPrefix(article, title) {
			article = title + "\n\n" + article
		}
		texts = append(texts, article)
		n += int64(len(raw))
	}
	b.SetBytes(n) // bytes of page read, as BenchmarkProcess counts them
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range texts {
			Extract(t)
		}
	}
}
