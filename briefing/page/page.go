// Package page turns one raw document (a pasted plain-text page dump,
// Markdown, or HTML) into clean article text plus its metadata.
//
// Page dumps copied out of a browser carry the page's furniture along with
// the article: menus, "Skip to content", news-feed sidebars, newsletter
// prompts, share lines, author bios, related-story lists, photo credits and
// captions. The cleaner drops those by general patterns of news page layout
// (not by the strings of any one page), keeps the article's paragraphs in
// their order, and reads the headline, outlet, publication date and author
// from the same furniture it removes. HTML goes through go-trafilatura for
// the main content, and then through the same paragraph normalisation.
//
// Everything here is pure: no I/O, no clock, no package state that changes.
package page

import "time"

// Page is one document's article: its metadata and its clean text.
// A field the document does not give is left empty (zero time for
// Published); nothing is guessed.
type Page struct {
	Title     string    // the article's headline
	Source    string    // the outlet that published the page (not a wire agency it credits)
	Author    string    // the byline's author(s)
	Published time.Time // the article's own publication date (UTC midnight when only a day is known)
	// Text is the article's paragraphs in order, joined by "\n\n". The
	// headline is in Title, not repeated here.
	Text string
}
