package briefing

import (
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
// errors name the document and the reason.
func Process(doc Document) (Article, error) {
	format := doc.Format
	if format == "" {
		format = FormatText
	}
	text, err := page.Decode(doc.Name, doc.Body, string(format))
	if err != nil {
		return Article{}, err
	}
	var p page.Page
	switch format {
	case FormatHTML:
		p, err = page.FromHTML(text, doc.URL)
		if err != nil {
			return Article{}, fmt.Errorf("%s: %w", doc.Name, err)
		}
	case FormatMarkdown:
		p = page.FromMarkdown(text)
	case FormatText:
		p = page.FromText(text)
	default:
		return Article{}, fmt.Errorf("%s: unsupported format %q", doc.Name, format)
	}
	if strings.TrimSpace(p.Text) == "" {
		return Article{}, fmt.Errorf("%s: no article text found", doc.Name)
	}

	art := Article{
		Title:     p.Title,
		Source:    p.Source,
		Author:    p.Author,
		URL:       doc.URL,
		Published: p.Published,
		Text:      p.Text,
		Summary:   summary.Summarize(p.Title, p.Text, summarySentences),
	}
	found := quotes.Extract(p.Text)
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
	for _, e := range dates.Events(p.Text, p.Published) {
		art.Events = append(art.Events, Event{Date: e.Date, Text: e.Text, Start: e.Start, End: e.End})
	}
	return art, nil
}
