package page

import (
	"errors"
	"strings"
	"testing"
)

const testArticleHTML = `<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Lake town votes to ban cars from old centre | Lakeside Post</title>
<meta property="og:title" content="Lake town votes to ban cars from old centre">
<meta property="og:site_name" content="Lakeside Post">
<meta name="author" content="Pia Holm">
<meta property="article:published_time" content="2024-05-02T08:30:00+02:00">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
 "headline":"Lake town votes to ban cars from old centre","datePublished":"2024-05-02T08:30:00+02:00",
 "author":{"@type":"Person","name":"Pia Holm"},"publisher":{"@type":"Organization","name":"Lakeside Post"}}</script>
</head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
<main><article>
<h1>Lake town votes to ban cars from old centre</h1>
<p>The town council of Lakeside voted on Wednesday to ban cars from the old centre from next spring, after a year of public meetings and two petitions.</p>
<p>"The streets will belong to people again," Mayor Jon Aas said after the vote, which passed by eleven votes to four.</p>
<p>Shop owners in the centre were divided. Some said fewer cars would bring more people on foot, while others feared that delivery vans would no longer reach them in time.</p>
<p>The council will spend the summer on a plan for deliveries, parking at the edge of town and a new bus loop, the mayor's office said in a statement.</p>
<p>Residents who live inside the zone will get permits for their own cars, the council said, and taxis will be allowed at night.</p>
</article></main>
<aside><h3>Most read</h3><ul><li><a href="/a">Storm hits the coast</a></li><li><a href="/b">New ferry route</a></li></ul></aside>
<footer><p>© 2024 Lakeside Post. All rights reserved.</p></footer>
</body></html>`

func TestFromHTML(t *testing.T) {
	p, err := FromHTML(testArticleHTML, "https://lakeside.example/news/cars")
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != "Lake town votes to ban cars from old centre" {
		t.Errorf("title = %q", p.Title)
	}
	if p.Source != "Lakeside Post" {
		t.Errorf("source = %q", p.Source)
	}
	if p.Author != "Pia Holm" {
		t.Errorf("author = %q", p.Author)
	}
	if got := p.Published.Format("2006-01-02"); got != "2024-05-02" {
		t.Errorf("published = %s", got)
	}
	paras := strings.Split(p.Text, "\n\n")
	if len(paras) != 5 {
		t.Errorf("got %d paragraphs, want 5:\n%s", len(paras), p.Text)
	}
	if !strings.HasPrefix(p.Text, "The town council of Lakeside voted") {
		t.Errorf("text should start with the first paragraph (headline removed): %.80q", p.Text)
	}
	for _, junk := range []string{"Most read", "Storm hits the coast", "All rights reserved", "Home"} {
		if strings.Contains(p.Text, junk) {
			t.Errorf("text keeps furniture %q", junk)
		}
	}
}

func TestFromHTMLNoText(t *testing.T) {
	for _, doc := range []string{
		"",
		"<html><head><title>x</title></head><body></body></html>",
		"<html><body><nav><a href='/'>Home</a></nav><script>var a = 1;</script></body></html>",
	} {
		_, err := FromHTML(doc, "https://example.org/empty")
		if !errors.Is(err, ErrNoText) {
			t.Errorf("FromHTML(%.40q) err = %v, want ErrNoText", doc, err)
			continue
		}
		if !strings.HasPrefix(err.Error(), "https://example.org/empty: ") {
			t.Errorf("error %q does not name the input", err)
		}
	}
}

func TestParseISODate(t *testing.T) {
	for in, want := range map[string]string{
		"2024-05-02T08:30:00+02:00": "2024-05-02",
		"2024-05-02":                "2024-05-02",
		" 2019-11-20T01:00:00Z ":    "2019-11-20",
		"May 2, 2024":               "",
		"2024-13-40":                "",
		"":                          "",
	} {
		got := ""
		if d := parseISODate(in); !d.IsZero() {
			got = d.Format("2006-01-02")
		}
		if got != want {
			t.Errorf("parseISODate(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTrimSiteSuffix(t *testing.T) {
	for _, tc := range []struct{ title, site, want string }{
		{"Ferry route approved | Harbour Times", "Harbour Times", "Ferry route approved"},
		{"Ferry route approved - Harbour Times", "Harbour Times", "Ferry route approved"},
		{"Harbour Times", "Harbour Times", "Harbour Times"},
		{"Ferry route approved", "", "Ferry route approved"},
		{"Ferry route approved | Other", "Harbour Times", "Ferry route approved | Other"},
	} {
		if got := trimSiteSuffix(tc.title, tc.site); got != tc.want {
			t.Errorf("trimSiteSuffix(%q, %q) = %q, want %q", tc.title, tc.site, got, tc.want)
		}
	}
}
