package page

import (
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/briefing/evalscore"
)

// benchFloor is the average token F1 this package reaches on the article
// extraction benchmark (181 pages); the test fails below it so that a
// change that loses quality is seen. The target is 0.95.
const benchFloor = 0.96

type benchPage struct {
	id, url, html, want string
}

func loadBench(t testing.TB) []benchPage {
	dir := evalscore.SharedDir(t, "bench/article-extraction")
	raw, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(raw, &truth); err != nil {
		t.Fatal(err)
	}
	ids := make([]string, 0, len(truth))
	for id := range truth {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	pages := make([]benchPage, 0, len(ids))
	for _, id := range ids {
		f, err := os.Open(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			t.Fatal(err)
		}
		zr, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(zr)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		html, err := Decode(id, body, "html")
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		pages = append(pages, benchPage{id: id, url: truth[id].URL, html: html, want: truth[id].ArticleBody})
	}
	return pages
}

var wordRe = regexp.MustCompile(`[\p{L}\p{N}_]+`)

func tokens(s string) []string { return wordRe.FindAllString(strings.ToLower(s), -1) }

// tokenF1 is the bag-of-words F1 of got against want, as the benchmark's
// scorer computes it.
func tokenF1(want, got []string) float64 {
	if len(want) == 0 && len(got) == 0 {
		return 1
	}
	if len(want) == 0 || len(got) == 0 {
		return 0
	}
	counts := map[string]int{}
	for _, w := range want {
		counts[w]++
	}
	common := 0
	for _, g := range got {
		if counts[g] > 0 {
			counts[g]--
			common++
		}
	}
	if common == 0 {
		return 0
	}
	p := float64(common) / float64(len(got))
	r := float64(common) / float64(len(want))
	return 2 * p * r / (p + r)
}

func TestArticleExtractionBench(t *testing.T) {
	if testing.Short() {
		t.Skip("181 HTML pages through trafilatura: skipped with -short")
	}
	pages := loadBench(t)
	var sum float64
	type scored struct {
		id string
		f1 float64
	}
	var worst []scored
	for _, p := range pages {
		var got string
		pg, err := fromHTMLBounded(t, p, 30*time.Second)
		if err == nil {
			got = pg.Text
		} else {
			t.Logf("%s: %v", p.id[:12], err)
		}
		f1 := tokenF1(tokens(p.want), tokens(got))
		sum += f1
		worst = append(worst, scored{p.id, f1})
	}
	avg := sum / float64(len(pages))
	sort.Slice(worst, func(i, j int) bool { return worst[i].f1 < worst[j].f1 })
	for _, w := range worst[:min(8, len(worst))] {
		t.Logf("low: %s F1 %.3f", w.id[:12], w.f1)
	}
	t.Logf("article-extraction bench: %d pages, average token F1 %.4f (floor %.2f, target 0.95)", len(pages), avg, benchFloor)
	if avg < benchFloor {
		t.Errorf("average token F1 %.4f below the floor %.2f", avg, benchFloor)
	}
}

// fromHTMLBounded runs FromHTML on one page and fails the test, naming
// the page, if it panics or runs past limit.
func fromHTMLBounded(t *testing.T, p benchPage, limit time.Duration) (Page, error) {
	t.Helper()
	type result struct {
		page  Page
		err   error
		panic any
	}
	done := make(chan result, 1)
	go func() {
		var r result
		defer func() {
			if v := recover(); v != nil {
				r.panic = v
			}
			done <- r
		}()
		r.page, r.err = FromHTML(p.html, p.url)
	}()
	select {
	case r := <-done:
		if r.panic != nil {
			t.Fatalf("FromHTML panicked on %s: %v", p.id, r.panic)
		}
		return r.page, r.err
	case <-time.After(limit):
		t.Fatalf("FromHTML ran over %v on %s", limit, p.id)
		return Page{}, nil
	}
}

func BenchmarkFromHTML(b *testing.B) {
	pages := loadBench(b)
	var total int64
	for _, p := range pages {
		total += int64(len(p.html))
	}
	b.SetBytes(total / int64(len(pages)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p := pages[i%len(pages)]
		_, _ = FromHTML(p.html, p.url)
	}
}
