package page

import (
	"encoding/json"
	"net/url"
	"strings"
	"time"

	htmldate "github.com/markusmobius/go-htmldate"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
)

// maxDate bounds publication dates found in HTML. htmldate would otherwise
// use today's date, which makes the result depend on the clock.
var maxDate = time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)

// FromHTML extracts the article from an HTML document: the main content
// through go-trafilatura (with its readability and dom-distiller fallbacks),
// then the same paragraph normalisation and furniture removal as FromText.
// Metadata comes from the page: title, og:site_name, author and
// publication time from meta tags and JSON-LD, as trafilatura and htmldate
// read them. pageURL may be empty; it helps resolve the site name and date.
//
// A page with no article text is an error wrapping ErrNoText.
func FromHTML(doc string, pageURL string) (p Page, err error) {
	name := pageURL
	if name == "" {
		name = "HTML document"
	}
	// The extractors are large third-party code run on untrusted pages: a
	// panic in them is this page's failure, not the caller's.
	defer func() {
		if v := recover(); v != nil {
			p, err = Page{}, inputErr(name, ErrNoText, "the HTML extractor failed: %v", v)
		}
	}()
	root, err := html.Parse(strings.NewReader(doc))
	if err != nil {
		return Page{}, inputErr(name, ErrNoText, "cannot parse HTML: %v", err)
	}
	meta := readHTMLMeta(root)

	opts := trafilatura.Options{
		EnableFallback:  true,
		ExcludeComments: true,
		HtmlDateOptions: &htmldate.Options{
			UseOriginalDate:     true,
			SkipExtensiveSearch: true,
			MaxDate:             maxDate,
			URL:                 pageURL,
		},
	}
	if u, err := url.Parse(pageURL); err == nil && u.Host != "" {
		opts.OriginalURL = u
	}
	res, err := trafilatura.ExtractDocument(root, opts)
	if err != nil {
		return Page{}, inputErr(name, ErrNoText, "%v", err)
	}
	paras := htmlParagraphs(res)
	if len(paras) == 0 {
		return Page{}, inputErr(name, ErrNoText, "the page has no main content")
	}

	p = Page{
		Title:     cleanInline(firstNonEmpty(meta.title, res.Metadata.Title)),
		Source:    cleanInline(firstNonEmpty(meta.siteName, res.Metadata.Sitename)),
		Author:    cleanInline(firstNonEmpty(meta.author, res.Metadata.Author)),
		Published: meta.published,
	}
	if p.Published.IsZero() && !res.Metadata.Date.IsZero() {
		d := res.Metadata.Date
		p.Published = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
	}
	p.Title = trimSiteSuffix(p.Title, p.Source)
	c := clean(paras, cleanOptions{html: true})
	if p.Title == "" {
		p.Title = c.title
	}
	if p.Source == "" {
		p.Source = c.source
	}
	if p.Author == "" {
		p.Author = c.author
	}
	p.Text = joinParagraphs(c.withoutTitle(p.Title))
	if p.Text == "" {
		return Page{}, inputErr(name, ErrNoText, "only page furniture in the main content")
	}
	return p, nil
}

// htmlParagraphs is trafilatura's main content as paragraphs: one per
// block element (paragraph, heading, list item, quote, table row), with
// white space collapsed as a browser shows it.
func htmlParagraphs(res *trafilatura.ExtractResult) []string {
	if res.ContentNode == nil {
		return nil
	}
	var out []string
	var cur strings.Builder
	flush := func() {
		if p := normSpace(cur.String()); p != "" {
			out = append(out, p)
		}
		cur.Reset()
	}
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.Data {
			case "script", "style", "noscript", "template":
				return
			case "br", "hr":
				flush()
				return
			}
		}
		block := n.Type == html.ElementNode && blockTags[n.Data]
		if block {
			flush()
		}
		if depth < 512 {
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c, depth+1)
			}
		}
		if block {
			flush()
		} else if n.Type == html.ElementNode && (n.Data == "td" || n.Data == "th") {
			cur.WriteString(" ")
		}
	}
	walk(res.ContentNode, 0)
	flush()
	return out
}

var blockTags = map[string]bool{
	"p": true, "div": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"li": true, "ul": true, "ol": true, "dl": true, "dt": true, "dd": true, "blockquote": true, "pre": true,
	"table": true, "tr": true, "figure": true, "figcaption": true, "section": true, "article": true,
	"header": true, "footer": true, "aside": true, "main": true, "body": true, "caption": true,
}

type htmlMeta struct {
	title, siteName, author string
	published               time.Time
}

// readHTMLMeta reads the metadata a page states about itself: og: and
// article: meta tags, and schema.org JSON-LD (NewsArticle and kin). These
// are the publisher's own words, so they win over what trafilatura infers.
func readHTMLMeta(root *html.Node) htmlMeta {
	var m htmlMeta
	var ld []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "meta":
				key := strings.ToLower(firstNonEmpty(attr(n, "property"), attr(n, "name"), attr(n, "itemprop")))
				val := strings.TrimSpace(attr(n, "content"))
				switch key {
				case "og:site_name", "application-name":
					if m.siteName == "" {
						m.siteName = val
					}
				case "og:title":
					if m.title == "" {
						m.title = val
					}
				case "author", "article:author", "byl", "dc.creator", "parsely-author", "sailthru.author":
					if m.author == "" && !strings.HasPrefix(val, "http") {
						m.author = strings.TrimPrefix(strings.TrimPrefix(val, "By "), "by ")
					}
				case "article:published_time", "datepublished", "og:published_time", "pubdate", "publish-date",
					"dc.date.issued", "parsely-pub-date", "sailthru.date", "date":
					if m.published.IsZero() {
						m.published = parseISODate(val)
					}
				}
			case "script":
				if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") && n.FirstChild != nil {
					ld = append(ld, n.FirstChild.Data)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	for _, raw := range ld {
		var v any
		if json.Unmarshal([]byte(raw), &v) != nil {
			continue
		}
		readJSONLD(v, &m, 0)
	}
	return m
}

var articleTypes = map[string]bool{
	"article": true, "newsarticle": true, "reportagenewsarticle": true, "blogposting": true,
	"analysisnewsarticle": true, "opinionnewsarticle": true, "backgroundnewsarticle": true,
	"report": true, "webpage": false, "liveblogposting": true, "scholarlyarticle": true,
}

// readJSONLD fills what m lacks from the first article object in v.
func readJSONLD(v any, m *htmlMeta, depth int) {
	if depth > 8 {
		return
	}
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			readJSONLD(e, m, depth+1)
		}
	case map[string]any:
		if g, ok := x["@graph"]; ok {
			readJSONLD(g, m, depth+1)
		}
		if !isArticleType(x["@type"]) {
			return
		}
		if m.title == "" {
			m.title, _ = x["headline"].(string)
		}
		if m.published.IsZero() {
			if s, ok := x["datePublished"].(string); ok {
				m.published = parseISODate(s)
			}
		}
		if m.author == "" {
			m.author = jsonLDNames(x["author"])
		}
		if m.siteName == "" {
			m.siteName = jsonLDNames(x["publisher"])
		}
	}
}

func isArticleType(t any) bool {
	switch x := t.(type) {
	case string:
		return articleTypes[strings.ToLower(x)]
	case []any:
		for _, e := range x {
			if isArticleType(e) {
				return true
			}
		}
	}
	return false
}

// jsonLDNames is the name (or the names joined with " and ") of a JSON-LD
// Person/Organization value, which may be a string, an object or a list.
func jsonLDNames(v any) string {
	switch x := v.(type) {
	case string:
		if strings.HasPrefix(x, "http") {
			return ""
		}
		return x
	case map[string]any:
		s, _ := x["name"].(string)
		return s
	case []any:
		var names []string
		for _, e := range x {
			if s := jsonLDNames(e); s != "" {
				names = append(names, s)
			}
		}
		return strings.Join(names, " and ")
	}
	return ""
}

// parseISODate reads the day of an ISO 8601 date or date-time, as meta
// tags and JSON-LD write it. The day is the one the publisher wrote (its
// local day), not converted to UTC.
func parseISODate(s string) time.Time {
	s = strings.TrimSpace(s)
	if len(s) < 10 {
		return time.Time{}
	}
	t, err := time.Parse("2006-01-02", s[:10])
	if err != nil || t.After(maxDate) || t.Year() < 1900 {
		return time.Time{}
	}
	return t
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// trimSiteSuffix removes the site's name from the end of a page title
// ("Headline | Site", "Headline - Site"), as <title> and og:title often
// carry it.
func trimSiteSuffix(title, site string) string {
	if site == "" {
		return title
	}
	for _, sep := range []string{" | ", " - ", " – ", " — ", " :: ", " · "} {
		if t, ok := strings.CutSuffix(title, sep+site); ok && t != "" {
			return strings.TrimSpace(t)
		}
	}
	return title
}
