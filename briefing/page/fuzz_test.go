package page

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/briefbot/briefbot/briefing/evalscore"
)

// fuzzSeeds are the shared corpus dumps when present, plus small inputs
// that reach each cleaning pass.
func fuzzSeeds(f *testing.F) []string {
	seeds := []string{
		"",
		"News Feed\n\n10:48 AM\n\nHeadline here.\n\nBody text of the item.\nShow More\n",
		"Title of story here\n\nTitle of story here\n2 min read\nAugust 27, 2025\n\nThe first paragraph of the story, with a quote, he said.\n",
		"Related\nLink one here\nLink two here\n\nProse paragraph that ends the list, officials said.\n",
		"Jane Doe\nNews Editor\nJane Doe is a news editor for The Daily Example.\n",
		"RelatedBrand Name - Headline\nSOURCE:AFP\nExplore\n* indicates required\n",
		"# Heading\n\n**bold** [link](http://x) ![img](y)\n\n- item\n> quote\n\n```\ncode\n```\n",
		"\xff\xfe\x00\x00\r\n\u2028\u2029«»„“",
	}
	seeds = append(seeds, evalscore.SharedSeeds(f, "corpus", "*.txt")...)
	return seeds
}

func FuzzFromText(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, p := range []Page{FromText(s), FromMarkdown(s)} {
			checkPage(t, s, p)
		}
		// Everything FromText keeps is a line of the input.
		p := FromText(s)
		if p.Text == "" {
			return
		}
		lines := map[string]bool{}
		for _, l := range splitLines(s) {
			lines[l] = true
		}
		for _, para := range strings.Split(p.Text, "\n\n") {
			if !lines[para] {
				t.Fatalf("paragraph %q is not a line of the input", para)
			}
		}
	})
}

func checkPage(t *testing.T, in string, p Page) {
	t.Helper()
	if utf8.ValidString(in) && !utf8.ValidString(p.Text) {
		t.Fatalf("invalid UTF-8 out of valid input: %q", p.Text)
	}
	if strings.Contains(p.Text, "\n\n\n") {
		t.Fatalf("text has an empty paragraph: %q", p.Text)
	}
	for _, para := range strings.Split(p.Text, "\n\n") {
		if p.Text != "" && (para == "" || strings.TrimSpace(para) != para) {
			t.Fatalf("paragraph not trimmed: %q", para)
		}
	}
	if strings.ContainsAny(p.Title, "\n\r") || strings.ContainsAny(p.Source, "\n\r") || strings.ContainsAny(p.Author, "\n\r") {
		t.Fatalf("metadata spans lines: %+v", p)
	}
}

func FuzzDecode(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		for _, format := range []string{"text", "markdown", "html"} {
			f.Add([]byte(s), format)
		}
	}
	f.Add([]byte{0xFF, 0xFE, 'a', 0, 'b', 0}, "text")
	f.Add([]byte{0xFE, 0xFF, 0, 'a', 0xD8, 0x00}, "text")
	f.Add([]byte("<meta charset=koi8-r><p>\xc1\xc2"), "html")
	f.Fuzz(func(t *testing.T, body []byte, format string) {
		s, err := Decode("fuzz.input", body, format)
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) || ie.Name != "fuzz.input" {
				t.Fatalf("error without the input name: %v", err)
			}
			if !errors.Is(err, ErrEmpty) && !errors.Is(err, ErrBinary) && !errors.Is(err, ErrEncoding) && !errors.Is(err, ErrFormat) {
				t.Fatalf("error with no known reason: %v", err)
			}
			return
		}
		if !utf8.ValidString(s) {
			t.Fatalf("Decode returned invalid UTF-8: %q", s)
		}
		if strings.TrimSpace(s) == "" || strings.ContainsRune(s, 0) {
			t.Fatalf("Decode accepted empty or binary text: %q", s)
		}
		checkPage(t, s, FromText(s))
	})
}

func FuzzFromHTML(f *testing.F) {
	f.Add(testArticleHTML, "https://example.org/a")
	f.Add("<p>short</p>", "")
	f.Add("<html><body><article><h1>T</h1><p>"+strings.Repeat("word ", 60)+"</p></article></body></html>", "http://x")
	f.Add(`<script type="application/ld+json">{"@type":["NewsArticle"],"author":[{"name":"A"},"B"],"datePublished":"2024-01-01"}</script><p>x</p>`, "")
	f.Fuzz(func(t *testing.T, doc, pageURL string) {
		p, err := FromHTML(doc, pageURL)
		if err != nil {
			if !errors.Is(err, ErrNoText) {
				t.Fatalf("error with no known reason: %v", err)
			}
			return
		}
		if p.Text == "" {
			t.Fatal("no error and no text")
		}
		checkPage(t, doc, p)
	})
}
