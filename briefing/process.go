package briefing

import (
	"errors"
	"fmt"
	"strings"

	"github.com/briefbot/briefbot/briefing/dates"
	"github.com/briefbot/briefbot/briefing/page"
	"github.com/briefbot/briefbot/briefing/quotes"
	"github.com/briefbot/briefbot/briefing/summary"
)

// summarySentences is how many sentences a summary may have: the product
// promises 2-4; three reads as a paragraph on a phone.
const summarySentences = 3

// Process runs the whole pipeline over one document: decode, clean and read
// metadata, find quotes and speakers, summarise, and date events. Its
// errors are *page.InputError values naming the document (its Name, or
// "unnamed document") and the reason.
func Process(doc Document) (Article, error) {
	name := doc.Name
	if name == "" {
		name = "unnamed document"
	}
	format := doc.Format
	if format == "" {
		format = FormatText
	}
	text, err := page.Decode(name, doc.Body, string(format))
	if err != nil {
		return Article{}, err
	}
	var p page.Page
	switch format {
	case FormatHTML:
		p, err = page.FromHTML(text, doc.URL)
		if err != nil {
			return Article{}, renamed(name, err)
		}
	case FormatMarkdown:
		p = page.FromMarkdown(text)
	default: // FormatText; Decode refused any other
		p = page.FromText(text)
	}
	if strings.TrimSpace(p.Text) == "" {
		return Article{}, &page.InputError{Name: name, Err: page.ErrNoText, Detail: "every line is page furniture (menus, links, prompts)"}
	}

	art := Article{
		Title:     p.Title,
		Source:    p.Source,
		Author:    p.Author,
		URL:       doc.URL,
		Published: p.Published,
		Text:      withHeadline(p.Title, p.Text),
		Summary:   summary.Summarize(p.Title, p.Text, summarySentences),
	}
	found := quotes.Extract(art.Text)
	art.Quotes = make([]Quote, 0, len(found.Quotes))
	for _, q := range found.Quotes {
		art.Quotes = append(art.Quotes, Quote{
			Speaker:  q.Speaker,
			Role:     q.Role,
			Text:     q.Text,
			Kind:     Kind(q.Kind),
			Start:    q.Start,
			End:      q.End,
			Evidence: q.Evidence,
		})
	}
	art.Speakers = make([]Speaker, 0, len(found.Speakers))
	for _, s := range found.Speakers {
		art.Speakers = append(art.Speakers, Speaker{Name: s.Name, Aliases: s.Aliases, Role: s.Role, Org: s.Org})
	}
	var printedElsewhere []string
	if p.Published.IsZero() && format != FormatHTML {
		printedElsewhere = append(printedElsewhere, printedBefore(text, p.Text))
	}
	for _, e := range dates.Events(art.Text, p.Published, printedElsewhere...) {
		art.Events = append(art.Events, Event{Date: e.Date, Text: e.Text, Start: e.Start, End: e.End, YearInferred: e.YearInferred})
	}
	return art, nil
}

// withHeadline puts the headline back at the top of the article text, as
// the reader sees it. Headlines carry statements of their own ("Russia
// rejects European peacekeepers, Peskov says") and name the person the
// first paragraph's pronouns refer to; quote and event offsets must point
// into the one text the store keeps.
func withHeadline(title, body string) string {
	title = strings.TrimSpace(title)
	if title == "" || strings.HasPrefix(body, title) {
		return body
	}
	return title + "\n\n" + body
}

// renamed names the document in an error from the page package, which
// names an HTML page by its URL or not at all.
func renamed(name string, err error) error {
	var ie *page.InputError
	if errors.As(err, &ie) {
		return &page.InputError{Name: name, Err: ie.Err, Detail: ie.Detail}
	}
	return fmt.Errorf("%s: %w", name, err)
}

// printedBefore returns the part of a page dump before the article's last
// paragraph, for dating an undated article: it holds what the cleaner
// drops from the article but the article prints, its photo captions and
// datelines ("... at the Kremlin, April 17, 2025"), and leaves out the
// news feeds, "Related" lists and footers that follow an article, whose
// dates are other articles'. It is "" when the paragraph cannot be found
// as printed (Markdown whose syntax was removed), so that only the
// article text is read.
//
// TODO(page): page.Page could name the captions it drops; reading only
// those would also leave out the furniture above the article.
func printedBefore(raw, article string) string {
	last := strings.TrimSpace(article[strings.LastIndex(article, "\n\n")+1:])
	if last == "" {
		return ""
	}
	i := strings.Index(raw, last)
	if i < 0 {
		return ""
	}
	return raw[:i]
}
