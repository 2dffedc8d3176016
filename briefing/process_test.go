package briefing

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/briefing/page"
)

// plainArticle is a small page dump: furniture, a caption with a full
// date, an undated body with quotes and a day without its year.
const plainArticle = `Skip to content
Menu

Harbour authority rejects plan for new container terminal

Dock workers unload a ship in the port of Gdansk, Poland, on March 9, 2024. (Photographer/Agency)

The harbour authority on Tuesday rejected a plan for a new container terminal, its chairwoman Maria Kowalczyk said on June 4.

"We cannot approve a terminal that the city has no roads for," Kowalczyk told reporters.

The port's main union said the decision would cost jobs. "This is a sad day for the docks," union leader Tomasz Nowak said.

Kowalczyk added that a revised plan could be considered next year.

Share this article
`

const markdownArticle = `# Harbour authority rejects plan for new container terminal

*By Anna Berg*

The harbour authority rejected a plan for a new container terminal on **June 4, 2024**, its chairwoman Maria Kowalczyk said.

"We cannot approve a terminal that the city has no roads for," Kowalczyk told reporters.

The port's main union said the decision would cost jobs. "This is a sad day for the docks," union leader Tomasz Nowak said.
`

const htmlArticle = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour authority rejects terminal plan | Baltic Ports Daily</title>
<meta property="og:site_name" content="Baltic Ports Daily">
<meta property="og:title" content="Harbour authority rejects terminal plan">
<meta property="article:published_time" content="2024-06-05T08:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article>
<h1>Harbour authority rejects terminal plan</h1>
<p>The harbour authority on Tuesday rejected a plan for a new container terminal, its chairwoman Maria Kowalczyk said on June 4, after a long meeting with the city council and the port's tenants.</p>
<p>"We cannot approve a terminal that the city has no roads for," Kowalczyk told reporters after the vote in the council chamber.</p>
<p>The port's main union said the decision would cost jobs. "This is a sad day for the docks," union leader Tomasz Nowak said outside the building.</p>
<p>Kowalczyk added that a revised plan could be considered next year, once the city has finished its study of the roads around the port.</p>
</article>
<footer>Copyright Baltic Ports Daily</footer>
</body></html>`

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestProcessFormats(t *testing.T) {
	type quote struct{ fragment, speaker string }
	type event struct {
		date     time.Time
		inferred bool
	}
	tests := []struct {
		name      string
		doc       Document
		title     string
		source    string
		published time.Time
		notInText []string // furniture that must be gone
		quotes    []quote  // each must be found with its speaker
		events    []event
	}{
		{
			name:  "text",
			doc:   Document{Name: "harbour.txt", Format: FormatText, Body: []byte(plainArticle)},
			title: "Harbour authority rejects plan for new container terminal",
			// Undated: "June 4" takes its year from the caption's date.
			notInText: []string{"Skip to content", "Share this article", "Photographer/Agency"},
			quotes:    []quote{{"no roads for", "Maria Kowalczyk"}, {"a sad day", "Tomasz Nowak"}},
			events:    []event{{day(2024, 6, 4), true}},
		},
		{
			name:   "no format is text",
			doc:    Document{Name: "harbour.txt", Body: []byte(plainArticle)},
			title:  "Harbour authority rejects plan for new container terminal",
			quotes: []quote{{"no roads for", "Maria Kowalczyk"}},
			events: []event{{day(2024, 6, 4), true}},
		},
		{
			name:      "markdown",
			doc:       Document{Name: "harbour.md", Format: FormatMarkdown, Body: []byte(markdownArticle)},
			title:     "Harbour authority rejects plan for new container terminal",
			notInText: []string{"**", "# "},
			quotes:    []quote{{"no roads for", "Maria Kowalczyk"}, {"a sad day", "Tomasz Nowak"}},
			events:    []event{{day(2024, 6, 4), false}},
		},
		{
			name:      "html",
			doc:       Document{Name: "harbour.html", Format: FormatHTML, Body: []byte(htmlArticle), URL: "https://ports.example/terminal"},
			title:     "Harbour authority rejects terminal plan",
			source:    "Baltic Ports Daily",
			published: day(2024, 6, 5),
			notInText: []string{"<p>", "Copyright", "Home"},
			quotes:    []quote{{"no roads for", "Maria Kowalczyk"}, {"a sad day", "Tomasz Nowak"}},
			events:    []event{{day(2024, 6, 4), false}}, // "on Tuesday" before a Wednesday's publication
		},
	}
	for _, tt := range tests {
		art, err := Process(tt.doc)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		checkArticle(t, tt.name, art)
		if art.Summary == "" || !strings.Contains(art.Text, strings.SplitN(art.Summary, ". ", 2)[0]) {
			t.Errorf("%s: summary %q does not come from the text", tt.name, art.Summary)
		}
		if art.Title != tt.title || art.Source != tt.source || !art.Published.Equal(tt.published) {
			t.Errorf("%s: title %q source %q published %v, want %q %q %v", tt.name,
				art.Title, art.Source, art.Published, tt.title, tt.source, tt.published)
		}
		if art.URL != tt.doc.URL {
			t.Errorf("%s: URL %q, want %q", tt.name, art.URL, tt.doc.URL)
		}
		for _, f := range tt.notInText {
			if strings.Contains(art.Text, f) {
				t.Errorf("%s: text keeps %q", tt.name, f)
			}
		}
		for _, want := range tt.quotes {
			found := false
			for _, q := range art.Quotes {
				if strings.Contains(q.Text, want.fragment) {
					found = true
					if q.Speaker != want.speaker {
						t.Errorf("%s: quote %q given to %q, want %q", tt.name, q.Text, q.Speaker, want.speaker)
					}
				}
			}
			if !found {
				t.Errorf("%s: no quote with %q in %+v", tt.name, want.fragment, art.Quotes)
			}
		}
		if len(art.Events) != len(tt.events) {
			t.Errorf("%s: %d events %+v, want %d", tt.name, len(art.Events), art.Events, len(tt.events))
			continue
		}
		for i, e := range art.Events {
			if !e.Date.Equal(tt.events[i].date) || e.YearInferred != tt.events[i].inferred {
				t.Errorf("%s: event %d on %s inferred=%v, want %s inferred=%v", tt.name, i,
					e.Date.Format(time.DateOnly), e.YearInferred, tt.events[i].date.Format(time.DateOnly), tt.events[i].inferred)
			}
		}
	}
}

// checkArticle checks what every article promises: offsets that give the
// quoted words and the events' sentences, and a speaker entry for every
// quoted speaker.
func checkArticle(t *testing.T, name string, art Article) {
	t.Helper()
	if strings.TrimSpace(art.Text) == "" {
		t.Errorf("%s: empty text", name)
	}
	for i, q := range art.Quotes {
		if q.Start < 0 || q.End > len(art.Text) || q.Start > q.End || art.Text[q.Start:q.End] != q.Text {
			t.Errorf("%s: quote %d offsets [%d,%d) do not give its text %q", name, i, q.Start, q.End, q.Text)
		}
		switch q.Kind {
		case KindDirect, KindPartial, KindIndirect, KindUnmarked:
		default:
			t.Errorf("%s: quote %d has kind %q", name, i, q.Kind)
		}
		if i > 0 && q.Start < art.Quotes[i-1].Start {
			t.Errorf("%s: quote %d is out of order", name, i)
		}
	}
	for i, e := range art.Events {
		if e.Start < 0 || e.End > len(art.Text) || e.Start > e.End || art.Text[e.Start:e.End] != e.Text || e.Text == "" {
			t.Errorf("%s: event %d offsets [%d,%d) do not give its text %q", name, i, e.Start, e.End, e.Text)
		}
		if e.Date.Location() != time.UTC || !e.Date.Equal(e.Date.Truncate(24*time.Hour)) {
			t.Errorf("%s: event %d date %v is not a UTC day", name, i, e.Date)
		}
		if e.YearInferred && !art.Published.IsZero() {
			t.Errorf("%s: event %d has an inferred year in a dated article", name, i)
		}
	}
	speakers := map[string]bool{}
	for _, s := range art.Speakers {
		speakers[s.Name] = true
	}
	for _, q := range art.Quotes {
		if q.Speaker != "" && !speakers[q.Speaker] {
			t.Errorf("%s: speaker %q of a quote is not in Speakers", name, q.Speaker)
		}
	}
}

// TestProcessUndatedAnchor checks where an undated page dump's anchor
// comes from: what the page prints up to the article's end (its photo
// caption), not the news feed after it, whose dates are other articles'.
func TestProcessUndatedAnchor(t *testing.T) {
	const article = "City council approves new tram line\n\n" +
		"The city council approved a new tram line on March 8 after a year of debate.\n\n" +
		"\"The line will carry 40,000 people a day,\" Mayor Ines Duarte told reporters.\n\n"
	const caption = "A tram crosses the river in Porto, Portugal, on Jan. 10, 2025. (Photographer/Agency)\n\n"
	const feed = "Related\n\nPort strike ends after talks on Aug. 30, 2025, union says\n\nRead more\n"
	tests := []struct {
		name string
		body string
		want []Event // only Date and YearInferred are compared
	}{
		{"caption before the article", "City council approves new tram line\n\n" + caption + article[len("City council approves new tram line\n\n"):] + feed,
			[]Event{{Date: day(2025, 3, 8), YearInferred: true}}},
		{"feed after the article is not read", article + feed, nil},
	}
	for _, tt := range tests {
		art, err := Process(Document{Name: "tram.txt", Format: FormatText, Body: []byte(tt.body)})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		checkArticle(t, tt.name, art)
		if !art.Published.IsZero() {
			t.Errorf("%s: published %v: the publication date is never inferred", tt.name, art.Published)
		}
		if len(art.Events) != len(tt.want) {
			t.Errorf("%s: events %+v, want %+v", tt.name, art.Events, tt.want)
			continue
		}
		for i, e := range art.Events {
			if !e.Date.Equal(tt.want[i].Date) || e.YearInferred != tt.want[i].YearInferred {
				t.Errorf("%s: event %d on %s inferred=%v, want %s inferred=%v", tt.name, i, e.Date.Format(time.DateOnly),
					e.YearInferred, tt.want[i].Date.Format(time.DateOnly), tt.want[i].YearInferred)
			}
		}
	}
}

func TestProcessBadInput(t *testing.T) {
	tests := []struct {
		name   string
		doc    Document
		reason error
	}{
		{"empty", Document{Name: "empty.txt", Format: FormatText}, page.ErrEmpty},
		{"white space", Document{Name: "blank.md", Format: FormatMarkdown, Body: []byte(" \n\t\n ")}, page.ErrEmpty},
		{"binary", Document{Name: "photo.jpg", Format: FormatText, Body: []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00")}, page.ErrBinary},
		{"invalid UTF-8", Document{Name: "latin1.txt", Format: FormatText, Body: []byte("Caf\xe9 owners said prices rose.")}, page.ErrEncoding},
		{"unknown format", Document{Name: "a.pdf", Format: "pdf", Body: []byte("%PDF-1.7")}, page.ErrFormat},
		{"only furniture", Document{Name: "menu.txt", Format: FormatText, Body: []byte("Skip to content\nMenu\nShare this article\n")}, page.ErrNoText},
		{"html without text", Document{Name: "https://example.com/x", Format: FormatHTML, Body: []byte("<html><body><nav>Home</nav></body></html>")}, page.ErrNoText},
	}
	for _, tt := range tests {
		_, err := Process(tt.doc)
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		if !errors.Is(err, tt.reason) {
			t.Errorf("%s: error %q is not %q", tt.name, err, tt.reason)
		}
		var ie *page.InputError
		if !errors.As(err, &ie) || ie.Name != tt.doc.Name || !strings.HasPrefix(err.Error(), tt.doc.Name+": ") {
			t.Errorf("%s: error %q does not name the document %q once, first", tt.name, err, tt.doc.Name)
		}
		if strings.Count(err.Error(), tt.doc.Name) != 1 {
			t.Errorf("%s: error %q names the document more than once", tt.name, err)
		}
	}
	if _, err := Process(Document{Format: FormatText}); err == nil || !strings.HasPrefix(err.Error(), "unnamed document: ") {
		t.Errorf("a document without a name: error %v, want it called \"unnamed document\"", err)
	}
}
