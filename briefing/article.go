// Package briefing turns one document (a pasted page dump, Markdown or HTML)
// into an Article: clean text, metadata, summary, dated events and every
// quotation attributed to its speaker. It is pure text processing: no I/O,
// no clock, no globals that change. Sub-packages hold one concept each
// (page cleaning, quotes, speakers, summaries, dates, stories); this package
// wires them into one pipeline, Process.
package briefing

import "time"

// Format says how a document's bytes are to be read.
type Format string

// The formats a document may come in.
const (
	FormatText     Format = "text"
	FormatMarkdown Format = "markdown"
	FormatHTML     Format = "html"
)

// Document is one input as a user gave it.
type Document struct {
	Name   string // file name or URL; used in error messages
	Format Format
	Body   []byte // raw bytes as received (charset is detected by Process)
	URL    string // where it came from, when known
}

// Kind classifies a quote as defined in shared/eval/GUIDELINES.md.
type Kind string

// The kinds of quote.
const (
	KindDirect   Kind = "direct"   // words inside quotation marks attributed to a speaker
	KindPartial  Kind = "partial"  // a quoted fragment woven into the reporter's sentence
	KindIndirect Kind = "indirect" // reported speech with a speech verb, no quotation marks
	KindUnmarked Kind = "unmarked" // first-person speech printed without quotation marks
)

// Anonymous is the speaker name given to unnamed sources ("a Western official said").
const Anonymous = "anonymous"

// Quote is one attributed statement in an article.
type Quote struct {
	// Speaker is the fullest name the article gives for the speaker
	// ("Dmitry Peskov" even where the sentence says "he"), an organisation
	// as the text names it ("Kremlin"), Anonymous, or "" when the text does
	// not say who spoke. Never a guess.
	Speaker string
	Role    string // title or role kept apart from the name ("Kremlin spokesman")
	Text    string // only the speaker's words, exactly as printed
	Kind    Kind
	Start   int // byte offset of Text in Article.Text
	End     int // byte offset just past Text in Article.Text
	// Evidence says in a few words why Speaker was chosen
	// ("explicit: 'Peskov said'", "pronoun 'she' -> Giorgia Meloni").
	Evidence string
}

// Speaker is one person or organisation quoted in an article, with every
// form of the name the article uses for them.
type Speaker struct {
	Name    string   // fullest form, as in Quote.Speaker
	Aliases []string // other forms seen in this article ("Peskov", "Kremlin spokesman Dmitry Peskov")
	Role    string
	Org     bool // an organisation or body speaking, not a person
}

// Event is a dated statement in the article, for timelines.
type Event struct {
	Date  time.Time // resolved against the publication date; day precision, UTC
	Text  string    // the sentence that carries the date
	Start int       // byte offsets of Text in Article.Text
	End   int
	// YearInferred is set when the article gives no publication date and
	// the date's year was not printed ("on May 11"): the year then comes
	// from the latest full date the article itself prints, and readers
	// must be told it is an inference.
	YearInferred bool
}

// Article is what Process makes of a Document.
type Article struct {
	Title     string
	Source    string // the outlet that published it
	Author    string
	URL       string
	Published time.Time // zero when the text gives no publication date
	Text      string    // clean article text, paragraphs separated by "\n\n"
	Summary   string    // 2-4 sentences taken from Text
	Quotes    []Quote   // in order of appearance
	Speakers  []Speaker // everyone quoted, in order of first quote
	Events    []Event   // in order of appearance
}
