// Package dates finds the dated events in an article: sentences that carry
// an explicit date ("on May 11", "Feb. 20", "in February 2022", "last
// week", "on Wednesday"), with the date resolved against the article's
// publication date, for timelines.
//
// Parsing is go-dateparser's (a port of Python's dateparser). It is slow
// for this use (a few hundred microseconds per call, and tens of
// milliseconds for a long sentence full of numbers), so it is not run over
// whole sentences: a cheap scan finds date words (a month name next to a
// number, a weekday, "yesterday", "week", "ago") and the parser sees only
// a few words around each. Its matches are then checked, because search
// also reports things that are not dates: numbers alone, "May" the verb,
// times of day, "2 min".
//
// Dates are never guessed. A day and month without a year take the year
// that puts them nearest the publication date, preferring the past ("Dec.
// 30" in a January article is last December; "May 15" in an article of
// May 12 is three days later); without a publication date they are
// dropped, and so are weekdays and relative dates ("last week").
package dates

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	dps "github.com/markusmobius/go-dateparser"
	"github.com/markusmobius/go-dateparser/date"

	"github.com/briefbot/briefbot/briefing/sentence"
)

// Event is a sentence carrying a date.
type Event struct {
	Date  time.Time // day precision, UTC; the first of the month for "in February 2022"
	Text  string    // the sentence
	Start int       // byte offsets of Text in the text
	End   int
}

// Extractor finds events with one date parser, reused across calls. It is
// safe for concurrent use.
type Extractor struct {
	parser *dps.Parser
	// MaxParses bounds the parser calls per text (each costs about 0.1 to
	// 0.4 ms), so that a pathological document of thousands of dated lines
	// stays fast; events past the bound are not reported. Zero means
	// DefaultMaxParses. Set it before use.
	MaxParses int
}

// DefaultMaxParses is the default Extractor.MaxParses.
const DefaultMaxParses = 2000

// NewExtractor returns an Extractor. It is cheap: the parser's tables are
// built at package initialisation.
func NewExtractor() *Extractor {
	return &Extractor{parser: &dps.Parser{}}
}

// Events returns the dated sentences of text in order, one event per
// sentence (its first date). published is the article's publication date,
// zero when unknown.
func Events(text string, published time.Time) []Event {
	return NewExtractor().Events(text, published)
}

// maxSentenceBytes bounds the sentences looked at: longer "sentences" are
// unsplit page dumps or lists, not statements of an event.
const maxSentenceBytes = 2000

// Events returns the dated sentences of text in order; see the package
// documentation.
func (x *Extractor) Events(text string, published time.Time) []Event {
	if !utf8.ValidString(text) {
		return nil
	}
	known := !published.IsZero()
	ref := published
	if !known {
		// A fixed reference keeps results reproducible; only dates with
		// their year are kept in this case, so it decides nothing.
		ref = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	cfg := &dps.Configuration{
		Languages:           []string{"en"},
		CurrentTime:         ref,
		PreferredDateSource: dps.Past,
		PreferredDayOfMonth: dps.First,
	}
	var out []Event
	parses, maxParses := 0, x.MaxParses
	if maxParses <= 0 {
		maxParses = DefaultMaxParses
	}
	for _, sp := range sentence.Split(text) {
		s := text[sp.Start:sp.End]
		if len(s) > maxSentenceBytes {
			continue
		}
		toks := tokenize(s)
		if countWords(toks) < 4 {
			continue // a dateline or a heading, not a statement
		}
		for _, w := range windows(toks, quoted(s), known) {
			if parses == maxParses {
				return out
			}
			parses++
			d, ok := x.resolve(cfg, normalize(s[w.start:w.end]), published)
			if ok {
				out = append(out, Event{Date: d, Text: s, Start: sp.Start, End: sp.End})
				break
			}
		}
	}
	return out
}

// resolve parses one window and returns its first acceptable date.
func (x *Extractor) resolve(cfg *dps.Configuration, window string, published time.Time) (d time.Time, ok bool) {
	// The parser has panicked on odd input in past releases (its changelog
	// lists recovered calendar panics); a window it cannot handle is a
	// window without a date, never a crash of the pipeline.
	defer func() {
		if recover() != nil {
			d, ok = time.Time{}, false
		}
	}()
	_, results, err := x.parser.Search(cfg, window)
	if err != nil {
		return time.Time{}, false
	}
	// The parser may leave out the word before a weekday ("last
	// Wednesday" matched as "Wednesday"); look at it in the window.
	before := map[string]bool{}
	wt := tokenize(window)
	for i := 1; i < len(wt); i++ {
		if weekdays[strings.ToLower(wt[i].text)] || relativeWords[strings.ToLower(wt[i].text)] {
			before[strings.ToLower(wt[i-1].text)] = true
		}
	}
	for _, r := range results {
		if d, ok := accept(r, published, before); ok {
			return d, true
		}
	}
	return time.Time{}, false
}

// accept checks one search result and resolves its year.
// before holds the words just before the window's weekdays and relative
// words.
func accept(r dps.SearchResult, published time.Time, before map[string]bool) (time.Time, bool) {
	if r.Date.IsZero() {
		return time.Time{}, false
	}
	toks := tokenize(r.Text)
	hasLast := before["last"] || before["past"]
	vague := false
	for w := range before {
		vague = vague || vagueWords[w]
	}
	var hasMonth, hasWeekday, hasRelative, hasClock bool
	year := 0
	for _, t := range toks {
		w := strings.ToLower(t.text)
		switch {
		case w == "last":
			hasLast = true
		case vagueWords[w]:
			vague = true
		case months[w] != 0:
			hasMonth = true
		case weekdays[w]:
			hasWeekday = true
		case relativeWords[w]:
			hasRelative = true
		case clockWords[w]:
			hasClock = true
		case isYear(w):
			year = atoi(w)
		}
	}
	if !hasMonth && !hasWeekday && !hasRelative {
		return time.Time{}, false // a number or a time of day alone
	}
	if hasClock && !hasMonth && !hasWeekday {
		return time.Time{}, false // "2 min ago", "3 hours ago"
	}
	t := r.Date.Time // its calendar day where it was parsed (published's zone), not shifted to UTC
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	switch r.Date.Period {
	case date.Day:
	case date.Month:
		if !hasMonth || year == 0 {
			return time.Time{}, false // "May" alone, "last month": too vague
		}
	default:
		return time.Time{}, false
	}
	if year != 0 {
		if day.Year() != year {
			return time.Time{}, false // the parser read the number otherwise
		}
		return day, true
	}
	if published.IsZero() {
		return time.Time{}, false // never guess a year or a reference day
	}
	if !hasMonth {
		if vague && !hasWeekday {
			return time.Time{}, false // "later this week", "next week": no day to put on a timeline
		}
		pub := time.Date(published.Year(), published.Month(), published.Day(), 0, 0, 0, 0, time.UTC)
		if hasWeekday && !hasLast && !vague && pub.Sub(day) == 7*24*time.Hour {
			// News says "on Wednesday" for the day of publication when
			// that is a Wednesday; the parser's past preference skips it.
			return pub, true
		}
		return day, true // weekday or relative, resolved by the parser against published
	}
	return nearestYear(day.Month(), day.Day(), published)
}

// nearestYear places a day and month in the year that puts it nearest the
// publication date, a day in the future counting as two in the past.
func nearestYear(m time.Month, d int, published time.Time) (time.Time, bool) {
	pub := time.Date(published.Year(), published.Month(), published.Day(), 0, 0, 0, 0, time.UTC)
	var best time.Time
	bestCost := -1.0
	for y := pub.Year() - 1; y <= pub.Year()+1; y++ {
		c := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		if c.Day() != d {
			continue // Feb. 29 outside a leap year
		}
		diff := c.Sub(pub).Hours() / 24
		cost := -diff
		if diff > 0 {
			cost = 2 * diff
		}
		if bestCost < 0 || cost < bestCost {
			best, bestCost = c, cost
		}
	}
	return best, bestCost >= 0
}

type token struct {
	text       string
	start, end int
}

// tokenize splits s into runs of letters and digits with their offsets.
func tokenize(s string) []token {
	var out []token
	start := -1
	for i, r := range s {
		word := unicode.IsLetter(r) || unicode.IsDigit(r)
		if word && start < 0 {
			start = i
		}
		if !word && start >= 0 {
			out = append(out, token{s[start:i], start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, token{s[start:], start, len(s)})
	}
	return out
}

func countWords(toks []token) int {
	n := 0
	for _, t := range toks {
		if r, _ := utf8.DecodeRuneInString(t.text); unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

type span struct{ start, end int }

// windows returns the stretches of the sentence around its date words:
// a month name next to a day or year number ("May 11", "11 May", "Feb. 20",
// "February 2022"), and, when the publication date is known, weekdays and
// relative words outside quotations (a speaker's "on Friday" counts from
// the day they spoke, not from publication). Each window reaches two words
// before and three after.
func windows(toks []token, inQuote []span, relative bool) []span {
	var out []span
	for i, t := range toks {
		w := strings.ToLower(t.text)
		trigger := false
		switch {
		case months[w] != 0:
			trigger = i+1 < len(toks) && isDayOrYear(toks[i+1].text) ||
				i > 0 && isDay(toks[i-1].text) ||
				i > 1 && strings.EqualFold(toks[i-1].text, "of") && isDay(toks[i-2].text)
		case weekdays[w], relativeWords[w]:
			trigger = relative && !inside(inQuote, t.start)
		}
		if !trigger {
			continue
		}
		a, b := max(0, i-2), min(len(toks)-1, i+3)
		sp := span{toks[a].start, toks[b].end}
		if n := len(out); n > 0 && sp.start <= out[n-1].end {
			out[n-1].end = max(out[n-1].end, sp.end)
			continue
		}
		out = append(out, sp)
	}
	return out
}

// quoted returns the stretches of s inside double quotation marks
// (" “ ” « » „); an unclosed mark quotes to the end.
func quoted(s string) []span {
	var out []span
	open := -1
	for i, r := range s {
		switch r {
		case '"':
			if open < 0 {
				open = i
			} else {
				out = append(out, span{open, i})
				open = -1
			}
		case '“', '«', '„':
			if open < 0 {
				open = i
			}
		case '”', '»':
			if open >= 0 {
				out = append(out, span{open, i})
				open = -1
			}
		}
	}
	if open >= 0 {
		out = append(out, span{open, len(s)})
	}
	return out
}

func inside(spans []span, pos int) bool {
	for _, sp := range spans {
		if pos > sp.start && pos < sp.end {
			return true
		}
	}
	return false
}

// normalize drops the full stop of an abbreviated month ("Feb. 20" →
// "Feb 20"), which the parser's search would otherwise split at.
func normalize(s string) string {
	var b strings.Builder
	toks := tokenize(s)
	last := 0
	for _, t := range toks {
		if months[strings.ToLower(t.text)] != 0 && t.end < len(s) && s[t.end] == '.' {
			b.WriteString(s[last:t.end])
			last = t.end + 1
		}
	}
	b.WriteString(s[last:])
	return b.String()
}

func isDay(s string) bool {
	s = strings.TrimRight(strings.ToLower(s), "stndrh")
	n := atoi(s)
	return n >= 1 && n <= 31 && len(s) <= 2
}

func isYear(s string) bool {
	n := atoi(s)
	return len(s) == 4 && n >= 1000 && n <= 2999
}

func isDayOrYear(s string) bool { return isDay(s) || isYear(s) }

// atoi returns the value of an all-digit string, or -1.
func atoi(s string) int {
	if s == "" || len(s) > 6 {
		return -1
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return -1
		}
		n = n*10 + int(s[i]-'0')
	}
	return n
}

var months = map[string]time.Month{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
	"may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
	"sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

var weekdays = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true,
}

// relativeWords introduce day-level relative dates.
var relativeWords = map[string]bool{
	"yesterday": true, "today": true, "tomorrow": true, "week": true, "ago": true,
}

// vagueWords make a relative date a span or a plan rather than a day.
var vagueWords = map[string]bool{
	"this": true, "next": true, "later": true, "coming": true, "earlier": true, "within": true,
}

// clockWords mark durations and times of day, which are not event dates.
var clockWords = map[string]bool{
	"hour": true, "hours": true, "hr": true, "hrs": true, "minute": true, "minutes": true,
	"min": true, "mins": true, "second": true, "seconds": true, "sec": true, "secs": true,
	"am": true, "pm": true,
}
