package briefing

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

// The article extraction benchmark in ../shared/bench/article-extraction:
// 181 real HTML pages with the expected article body (ground-truth.json).
// The floors sit just under what the pipeline reaches, so that a change
// that loses quality is seen; the target for the text is 0.95.
const (
	// textFloor holds Article.Text, which begins with the headline that
	// the benchmark's articleBody leaves out (worth about 0.01 of F1).
	textFloor = 0.95
	// bodyFloor holds the text after the headline: the page cleaner's own
	// quality against articleBody.
	bodyFloor = 0.96
)

type benchPage struct {
	id, url string
	html    []byte
	want    string
}

func loadBench(tb testing.TB) []benchPage {
	dir := evalscore.SharedDir(tb, "bench/article-extraction")
	raw, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		tb.Fatal(err)
	}
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(raw, &truth); err != nil {
		tb.Fatal(err)
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
			tb.Fatal(err)
		}
		zr, err := gzip.NewReader(f)
		if err != nil {
			tb.Fatal(err)
		}
		body, err := io.ReadAll(zr)
		f.Close()
		if err != nil {
			tb.Fatalf("%s: %v", id, err)
		}
		pages = append(pages, benchPage{id: id, url: truth[id].URL, html: body, want: truth[id].ArticleBody})
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

// TestArticleExtractionBench runs every benchmark page through Process and
// reports the average token F1 of the article text against articleBody.
func TestArticleExtractionBench(t *testing.T) {
	if testing.Short() {
		t.Skip("181 HTML pages through the pipeline: skipped with -short")
	}
	pages := loadBench(t)
	var textSum, bodySum float64
	type scored struct {
		id string
		f1 float64
	}
	var worst []scored
	for _, p := range pages {
		var text, body string
		art, err := processBounded(t, p, 30*time.Second)
		if err == nil {
			text = art.Text
			body = strings.TrimPrefix(text, withHeadline(art.Title, ""))
		} else {
			t.Logf("%s: %v", p.id[:12], err)
		}
		want := tokens(p.want)
		f1 := tokenF1(want, tokens(text))
		textSum += f1
		bodySum += tokenF1(want, tokens(body))
		worst = append(worst, scored{p.id, f1})
	}
	n := float64(len(pages))
	sort.Slice(worst, func(i, j int) bool { return worst[i].f1 < worst[j].f1 })
	for _, w := range worst[:min(8, len(worst))] {
		t.Logf("low: %s F1 %.3f", w.id[:12], w.f1)
	}
	t.Logf("article-extraction bench: %d pages, average token F1 of the text %.4f (floor %.2f, target 0.95), of the body after the headline %.4f (floor %.2f)",
		len(pages), textSum/n, textFloor, bodySum/n, bodyFloor)
	if textSum/n < textFloor {
		t.Errorf("average token F1 of the text %.4f below the floor %.2f", textSum/n, textFloor)
	}
	if bodySum/n < bodyFloor {
		t.Errorf("average token F1 of the body %.4f below the floor %.2f", bodySum/n, bodyFloor)
	}
}

// processBounded runs Process on one page and fails the test, naming the
// page, if it panics or runs past limit.
func processBounded(t *testing.T, p benchPage, limit time.Duration) (Article, error) {
	t.Helper()
	type result struct {
		art   Article
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
		r.art, r.err = Process(Document{Name: p.id + ".html", Format: FormatHTML, Body: p.html, URL: p.url})
	}()
	select {
	case r := <-done:
		if r.panic != nil {
			t.Fatalf("Process panicked on %s: %v", p.id, r.panic)
		}
		return r.art, r.err
	case <-time.After(limit):
		t.Fatalf("Process ran over %v on %s", limit, p.id)
		return Article{}, nil
	}
}

// BenchmarkProcessHTML runs the pipeline over the benchmark's pages in
// turn; MB/s is of HTML read.
func BenchmarkProcessHTML(b *testing.B) {
	pages := loadBench(b)
	var total int64
	for _, p := range pages {
		total += int64(len(p.html))
	}
	b.SetBytes(total / int64(len(pages)))
	i := 0
	for b.Loop() {
		p := pages[i%len(pages)]
		i++
		_, _ = Process(Document{Name: p.id + ".html", Format: FormatHTML, Body: p.html, URL: p.url})
	}
}
