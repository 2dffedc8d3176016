// Package dates finds the dated events in an article: sentences that carry
// an explicit date ("on May 11", "Feb. 20", "in February 2022", "last
// week", "on Wednesday"), with the date resolved against the article's
// publication date, for timelines.
//
// Relative dates are go-dateparser's to resolve (a port of Python's
// dateparser). It is slow for this use: every call runs dozens of regular
// expressions, some 50 µs even for "May 11", more for longer input. So a
// cheap scan of the sentence's words finds the candidates first (a
// capitalised month name next to a day or year number, a weekday,
// "yesterday", "last week", "two days ago"), and the parser sees only a
// relative candidate's own words, at most once per distinct candidate in
// a text. A calendar candidate ("May 11", "11th of May", "Feb. 20, 2024",
// "February 2022") the scan has read whole, and on those the parser finds
// exactly the month, day and year the scan read whenever they make a real
// day; they are read directly (calendarReading), and a test holds that
// reading to the parser's. What a parse returns is checked against what
// the scan saw (the same month, day and year), so a date is kept only
// when both agree.
//
// Dates are never guessed:
//   - A date with its year printed is always kept.
//   - A day and month without a year, in an article with a publication
//     date, take the year that puts them nearest that date, preferring the
//     past ("Dec. 30" in a January article is last December; "May 15" in an
//     article of May 12 is three days later).
//   - In an article without a publication date, a day and month without a
//     year are resolved against the latest full date (day, month and year)
//     the article itself prints, its anchor (see inferYear), and marked
//     Event.YearInferred. With no anchor they are dropped.
//   - Weekdays and relative dates ("last week", "on Wednesday") need the
//     publication date; without it they are dropped.
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
	// YearInferred is set when the article has no publication date and the
	// year was not printed: it comes from the article's anchor date.
	YearInferred bool
}

// Extractor finds events. It holds only settings, so one Extractor is safe
// for concurrent use.
//
// It keeps no date parser: each Events call makes its own, because
// go-dateparser's Parser holds a mutex for the whole of each Parse call,
// so one shared parser would serialise concurrent calls, and a parser
// value costs a few hundred bytes. The parser's expensive set-up (every
// locale's tables and regular expressions: 95 MB and 0.15 to 0.2 s) is not
// ours to defer: go-dateparser builds it in its package initialisers,
// which Go runs at the start of any program that links it.
type Extractor struct {
	// MaxParses bounds the distinct date candidates resolved per text
	// (a parser call costs 50 to 150 µs), so that a pathological document
	// of thousands of distinct dates stays fast; events past the bound are
	// not reported, and no year is inferred when the bound is reached
	// before the anchor is known. Zero means DefaultMaxParses. Set it
	// before use.
	MaxParses int
}

// DefaultMaxParses is the default Extractor.MaxParses.
const DefaultMaxParses = 2000

// NewExtractor returns an Extractor with the default settings.
func NewExtractor() *Extractor {
	return &Extractor{}
}

// Events returns the dated sentences of text in order, one event per
// sentence (its first date). published is the article's publication date,
// zero when unknown. printedElsewhere holds other text the article prints
// outside text, such as its photo captions: it is read only for the anchor
// of an undated article, never for events.
func Events(text string, published time.Time, printedElsewhere ...string) []Event {
	return NewExtractor().Events(text, published, printedElsewhere...)
}

// maxSentenceBytes bounds the sentences looked at: longer "sentences" are
// unsplit page dumps or lists, not statements of an event.
const maxSentenceBytes = 2000

// minEventWords is how many words a sentence needs to state an event:
// shorter lines are datelines and headings.
const minEventWords = 4

// dated is a sentence with its date candidates.
type dated struct {
	span      sentence.Span
	cands     []candidate
	statement bool // long enough to be an event
}

// Events returns the dated sentences of text in order; see the package
// documentation and the function Events.
func (x *Extractor) Events(text string, published time.Time, printedElsewhere ...string) []Event {
	if !utf8.ValidString(text) {
		return nil
	}
	maxParses := x.MaxParses
	if maxParses <= 0 {
		maxParses = DefaultMaxParses
	}
	r := newResolver(published, maxParses)
	known := !published.IsZero()

	sents := scan(text, known)
	if !known {
		// The anchor is the latest full date printed anywhere: the text's
		// datelines and sentences, and the other texts.
		all := sents
		for _, t := range printedElsewhere {
			if utf8.ValidString(t) {
				all = append(all[:len(all):len(all)], scanFullDates(t)...)
			}
		}
		r.anchor = anchor(r, all)
		r.exhausted = false // dates parsed on the way are still in the memo
	}

	var out []Event
	for _, sd := range sents {
		if !sd.statement {
			continue
		}
		for _, c := range sd.cands {
			d, inferred, ok := r.resolve(c)
			if r.exhausted {
				return out
			}
			if ok {
				out = append(out, Event{Date: d, Text: text[sd.span.Start:sd.span.End],
					Start: sd.span.Start, End: sd.span.End, YearInferred: inferred})
				break
			}
		}
	}
	return out
}

// scan returns the sentences of text that hold date candidates.
func scan(text string, relativeOK bool) []dated {
	var sents []dated
	var toks []token // reused: only candidates outlive a sentence
	for _, sp := range sentence.Split(text) {
		s := text[sp.Start:sp.End]
		if len(s) > maxSentenceBytes || !relativeOK && indexDigit(s, 0) < 0 {
			continue // too long, or no number for a calendar date
		}
		toks = tokenize(toks[:0], s)
		cands := candidates(s, toks, relativeOK)
		if len(cands) == 0 {
			continue
		}
		sents = append(sents, dated{span: sp, cands: cands, statement: countWords(toks) >= minEventWords})
	}
	return sents
}

// scanFullDates returns the lines of text that hold a full date (day,
// month and year), each as one dated "sentence" with only those
// candidates. Only lines with a run of exactly four digits are read.
func scanFullDates(text string) []dated {
	var out []dated
	var toks []token
	for from := 0; from < len(text); {
		y := nextYearDigits(text, from)
		if y < 0 {
			break
		}
		start := strings.LastIndexByte(text[from:y], '\n') + 1 + from
		end := strings.IndexByte(text[y:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += y
		}
		line := text[start:end]
		toks = tokenize(toks[:0], line)
		var full []candidate
		for _, c := range candidates(line, toks, false) {
			if c.year != 0 && c.day != 0 {
				full = append(full, c)
			}
		}
		if len(full) > 0 {
			out = append(out, dated{span: sentence.Span{Start: start, End: end}, cands: full})
		}
		from = end + 1
	}
	return out
}

// nextYearDigits returns the offset of the first run of exactly four
// digits in s from i, or -1.
func nextYearDigits(s string, i int) int {
	for {
		i = indexDigit(s, i)
		if i < 0 {
			return -1
		}
		j := i + 1
		for j < len(s) && isDigitByte(s[j]) {
			j++
		}
		if j-i == 4 {
			return i
		}
		i = j
	}
}

// indexDigit returns the offset of the first ASCII digit in s from i, or
// -1.
func indexDigit(s string, i int) int {
	for ; i < len(s); i++ {
		if isDigitByte(s[i]) {
			return i
		}
	}
	return -1
}

func isDigitByte(c byte) bool { return c-'0' <= 9 }

// anchor returns the latest full date (day, month and year) among the
// sentences' candidates, datelines and captions included, or the zero time
// when there is none or the parse budget ran out before all were read (a
// partial view could miss the latest).
func anchor(r *resolver, sents []dated) time.Time {
	var latest time.Time
	for _, sd := range sents {
		for _, c := range sd.cands {
			if c.kind != calendar || c.year == 0 || c.day == 0 {
				continue
			}
			d, _, ok := r.resolve(c)
			if r.exhausted {
				return time.Time{}
			}
			if ok && d.After(latest) {
				latest = d
			}
		}
	}
	return latest
}

// inferYear places a day and month printed without a year in an undated
// article: on the first such day on or after the anchor, within a year of
// it. The anchor is the latest full date the article prints; an article
// prints full dates mostly for what has already happened (photo captions,
// earlier events), so it was written on or after its anchor, and news
// gives a day without its year for dates of the year it is published,
// mostly just before publication. The first occurrence on or after the
// anchor is then the nearest reading that an article written after its
// anchor allows: a caption of "July 3, 2024" makes "Feb. 20" 2025-02-20,
// not a February before the photo. It is wrong when the article recalls,
// without a year, a day of the anchor's year before the anchor; hence
// Event.YearInferred.
func inferYear(m time.Month, d int, anchor time.Time) (time.Time, bool) {
	a := time.Date(anchor.Year(), anchor.Month(), anchor.Day(), 0, 0, 0, 0, time.UTC)
	for y := a.Year(); y <= a.Year()+1; y++ {
		c := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		if c.Day() != d {
			continue // Feb. 29 outside a leap year
		}
		if !c.Before(a) {
			return c, true
		}
	}
	return time.Time{}, false
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

// resolver parses candidates for one text: one parser configuration, a
// memo of what the parser said about each distinct candidate, and the
// parse budget.
type resolver struct {
	published time.Time // zero when unknown
	anchor    time.Time // zero when unknown or not needed
	cfg       *dps.Configuration
	calendar  *dps.Parser // for month names with numbers
	relative  *dps.Parser // for weekdays and relative dates
	memo      map[string]date.Date
	left      int
	exhausted bool // a parse was needed with no budget left

	// calendarByParser has the parser read calendar candidates too, for
	// tests that check calendarReading against it.
	calendarByParser bool
}

func newResolver(published time.Time, maxParses int) *resolver {
	ref := published
	if ref.IsZero() {
		// A fixed reference keeps results reproducible; without a
		// publication date only the month, day and printed year of a
		// parse are used, so it decides nothing. 2000 is a leap year, so
		// "Feb. 29" parses.
		ref = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return &resolver{
		published: published,
		cfg: &dps.Configuration{
			Languages:           []string{"en"},
			CurrentTime:         ref,
			PreferredDateSource: dps.Past,
			PreferredDayOfMonth: dps.First,
		},
		// Timestamps, custom layouts and compact digit runs are not what
		// the scan hands over, nor relative dates a month name; leaving
		// them out saves work per call.
		calendar: &dps.Parser{ParserTypes: []dps.ParserType{dps.AbsoluteTime}},
		relative: &dps.Parser{ParserTypes: []dps.ParserType{dps.RelativeTime, dps.AbsoluteTime}},
		memo:     map[string]date.Date{},
		left:     maxParses,
	}
}

// parse returns the parser's reading of a candidate's words (calendarReading's
// for calendar candidates), from the memo
// when it has been seen. ok is false when the parser found no date or the
// budget is spent (then r.exhausted is set).
func (r *resolver) parse(c candidate) (date.Date, bool) {
	words := c.words
	if d, seen := r.memo[words]; seen {
		return d, !d.IsZero()
	}
	if r.left == 0 {
		r.exhausted = true
		return date.Date{}, false
	}
	r.left--
	var d date.Date
	switch {
	case c.kind == relative:
		var ok bool
		if d, ok = dayReading(words, r.cfg.CurrentTime); !ok {
			d = safeParse(r.relative, r.cfg, words)
		}
	case r.calendarByParser:
		d = safeParse(r.calendar, r.cfg, words)
	default:
		d = calendarReading(c)
	}
	r.memo[words] = d
	return d, !d.IsZero()
}

// calendarReading is go-dateparser's reading of a calendar candidate's
// words, without calling it: the scan hands over only a month name with a
// day number, a year, or both, and on those the parser finds exactly the
// month, day and year the scan read, when they make a date ("Feb 30" and
// "Feb 29 2023" do not; "Feb 29" without a year does, in a leap year).
// Calling it would cost 50 to 110 µs per candidate for nothing it adds.
// TestCalendarReadingMatchesParser checks the two agree over the forms
// the scan accepts.
func calendarReading(c candidate) date.Date {
	if c.day == 0 {
		return date.Date{Time: time.Date(c.year, c.month, 1, 0, 0, 0, 0, time.UTC), Period: date.Month}
	}
	y := c.year
	if y == 0 {
		y = 2000 // a leap year, as the parser reads "Feb 29" alone
	}
	t := time.Date(y, c.month, c.day, 0, 0, 0, 0, time.UTC)
	if t.Month() != c.month || t.Day() != c.day {
		return date.Date{} // no such day: the parser finds no date either
	}
	return date.Date{Time: t, Period: date.Day}
}

// dayReading is go-dateparser's reading of a weekday ("Wednesday", in any
// case) or of "yesterday", "today" or "tomorrow", without calling it: with
// the past preferred, a weekday is the last such day before now (a week
// back when now is that weekday), and the others are the day before, the
// day of, and the day after now, in now's time zone. ok is false for other
// words, which the parser reads. Calling it costs 50 to 110 µs each, and
// weekdays are the relative dates news prints most.
// TestDayReadingMatchesParser checks the two agree.
func dayReading(words string, now time.Time) (d date.Date, ok bool) {
	w := strings.ToLower(words)
	// The parser keeps the time of day for these three.
	switch w {
	case "yesterday":
		return date.Date{Time: now.AddDate(0, 0, -1), Period: date.Day}, true
	case "today":
		return date.Date{Time: now, Period: date.Day}, true
	case "tomorrow":
		return date.Date{Time: now.AddDate(0, 0, 1), Period: date.Day}, true
	}
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		if strings.EqualFold(w, wd.String()) {
			back := (int(now.Weekday())-int(wd)+6)%7 + 1
			y, m, day := now.Date()
			return date.Date{Time: time.Date(y, m, day-back, 0, 0, 0, 0, now.Location()), Period: date.Day}, true
		}
	}
	return date.Date{}, false
}

// safeParse runs the parser, turning its errors and panics into "no date".
func safeParse(p *dps.Parser, cfg *dps.Configuration, s string) (d date.Date) {
	// The parser has panicked on odd input in past releases (its changelog
	// lists recovered calendar panics); a candidate it cannot handle is a
	// candidate without a date, never a crash of the pipeline.
	defer func() {
		if recover() != nil {
			d = date.Date{}
		}
	}()
	d, err := p.Parse(cfg, s)
	if err != nil {
		return date.Date{}
	}
	return d
}

// resolve returns the day a candidate names, and whether its year was
// inferred from the anchor.
func (r *resolver) resolve(c candidate) (day time.Time, inferred bool, ok bool) {
	if c.kind == relative {
		return r.resolveRelative(c)
	}
	if c.year == 0 {
		switch {
		case c.day == 0:
			return time.Time{}, false, false // "May" alone: too vague
		case r.published.IsZero() && r.anchor.IsZero():
			return time.Time{}, false, false // never guess a year; no need to parse
		}
	}
	d, ok := r.parse(c)
	if !ok {
		return time.Time{}, false, false
	}
	t := d.Time // its calendar day where it was parsed (published's zone), not shifted to UTC
	if t.Month() != c.month || c.day != 0 && t.Day() != c.day {
		return time.Time{}, false, false // the parser read the words otherwise
	}
	switch {
	case c.day == 0: // "February 2022"
		if d.Period != date.Month || t.Year() != c.year {
			return time.Time{}, false, false
		}
		return time.Date(c.year, c.month, 1, 0, 0, 0, 0, time.UTC), false, true
	case d.Period != date.Day:
		return time.Time{}, false, false
	case c.year != 0:
		if t.Year() != c.year {
			return time.Time{}, false, false
		}
		return time.Date(c.year, c.month, c.day, 0, 0, 0, 0, time.UTC), false, true
	case !r.published.IsZero():
		day, ok := nearestYear(c.month, c.day, r.published)
		return day, false, ok
	default:
		day, ok := inferYear(c.month, c.day, r.anchor)
		return day, ok, ok
	}
}

// resolveRelative resolves a weekday or relative date against the
// publication date.
func (r *resolver) resolveRelative(c candidate) (time.Time, bool, bool) {
	if r.published.IsZero() || c.vague {
		// "later this week", "next week": no day to put on a timeline;
		// "this Wednesday", "next Friday": past or future is unclear.
		return time.Time{}, false, false
	}
	d, ok := r.parse(c)
	if !ok || d.Period != date.Day {
		return time.Time{}, false, false // "a month ago", "two years ago": no day
	}
	t := d.Time
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	pub := time.Date(r.published.Year(), r.published.Month(), r.published.Day(), 0, 0, 0, 0, time.UTC)
	if c.weekday && !c.last && pub.Sub(day) == 7*24*time.Hour {
		// News says "on Wednesday" for the day of publication when that is
		// a Wednesday; the parser's past preference skips it.
		return pub, false, true
	}
	return day, false, true
}

// candidateKind says what a candidate names.
type candidateKind int

const (
	calendar candidateKind = iota // a month name with a day or a year
	relative                      // a weekday or a date relative to publication
)

// candidate is a stretch of a sentence that may be a date.
type candidate struct {
	kind  candidateKind
	words string // what the parser is given

	// calendar candidates: what the scan read
	month time.Month
	day   int // 0 when not printed
	year  int // 0 when not printed

	// relative candidates
	weekday bool // names a weekday
	last    bool // "last Wednesday", "past week"
	vague   bool // "this", "next", "later", "coming", "earlier", "within" before it
}

// candidates scans a sentence's words for dates, in order: a capitalised
// month name next to a day or year number ("May 11", "11 May", "11th of
// May", "Feb. 20, 2024", "February 2022"), and, when relative dates can
// be resolved, weekdays and relative words outside quotations (a
// speaker's "on Friday" counts from the day they spoke, not from
// publication).
func candidates(s string, toks []token, relativeOK bool) []candidate {
	var out []candidate
	var inQuote []span
	quotesRead := false
	lastCalendarEnd := -1 // token index just past the last calendar candidate
	var buf [maxKeyword]byte
	for i := 0; i < len(toks); i++ {
		if n := len(toks[i].text); n < minKeyword || n > maxKeyword {
			continue
		}
		k := keywords[string(keyword(&buf, toks[i].text))]
		if k == (kw{}) {
			continue
		}
		if k.month != 0 {
			if !isCapital(toks[i].text) {
				continue // "may" the verb; English capitalises months
			}
			if c, end, ok := calendarAt(s, toks, i, k.month); ok {
				out = append(out, c)
				lastCalendarEnd = end
				i = end - 1
			}
			continue
		}
		if !relativeOK {
			continue
		}
		if !quotesRead {
			inQuote, quotesRead = quoted(s), true
		}
		if inside(inQuote, toks[i].start) {
			continue
		}
		switch {
		case k.weekday:
			if i+1 < len(toks) && monthName(toks[i+1].text) ||
				i+2 < len(toks) && isDay(toks[i+1].text) && monthName(toks[i+2].text) {
				continue // "Wednesday, May 14", "Thursday, 15 May": the calendar date says it
			}
			if i > 0 && lastCalendarEnd == i && gapIs(s, toks[i-1], toks[i], "", ",") {
				continue // "May 14, Wednesday"
			}
			c := candidate{kind: relative, words: toks[i].text, weekday: true}
			c.last, c.vague = modifiers(toks, i)
			out = append(out, c)
		case k.day:
			out = append(out, candidate{kind: relative, words: strings.ToLower(toks[i].text)})
		case k.week:
			if i == 0 || i+1 < len(toks) && strings.EqualFold(toks[i+1].text, "ago") {
				continue // "a week ago" is read at "ago"
			}
			c := candidate{kind: relative, words: "last week"}
			c.last, c.vague = modifiers(toks, i)
			prev := strings.ToLower(toks[i-1].text)
			if prev != "last" && prev != "past" && !c.vague {
				continue // "a week", "each week", "week-long": not a date
			}
			out = append(out, c)
		case k.ago:
			if i < 2 || !gapIs(s, toks[i-2], toks[i-1], "") || !gapIs(s, toks[i-1], toks[i], "") {
				continue
			}
			unit := strings.ToLower(toks[i-1].text)
			if clockWords[unit] {
				continue // "2 min ago", "3 hours ago": times, not event days
			}
			c := candidate{kind: relative, words: strings.ToLower(toks[i-2].text) + " " + unit + " ago"}
			c.last, c.vague = modifiers(toks, i-2)
			out = append(out, c)
		}
	}
	return out
}

// monthName reports whether w is a capitalised month name.
func monthName(w string) bool {
	var buf [maxKeyword]byte
	return isCapital(w) && keywords[string(keyword(&buf, w))].month != 0
}

// calendarAt reads a date around the month name at toks[i]. end is the
// index just past its last token.
func calendarAt(s string, toks []token, i int, m time.Month) (c candidate, end int, ok bool) {
	c = candidate{kind: calendar, month: m}
	first, last := i, i
	// Day first: "11 May", "11th of May".
	switch {
	case i > 0 && isDay(toks[i-1].text) && gapIs(s, toks[i-1], toks[i], ""):
		c.day, first = dayValue(toks[i-1].text), i-1
	case i > 1 && strings.EqualFold(toks[i-1].text, "of") && isDay(toks[i-2].text) &&
		gapIs(s, toks[i-2], toks[i-1], "") && gapIs(s, toks[i-1], toks[i], ""):
		c.day, first = dayValue(toks[i-2].text), i-2
	}
	if c.day == 0 && i+1 < len(toks) && isDay(toks[i+1].text) && gapIs(s, toks[i], toks[i+1], "", ".") {
		c.day, last = dayValue(toks[i+1].text), i+1 // "May 11", "Feb. 20"
	}
	if last+1 < len(toks) && isYear(toks[last+1].text) &&
		(gapIs(s, toks[last], toks[last+1], "", ",") || last == i && gapIs(s, toks[last], toks[last+1], ".")) {
		c.year, last = atoi(toks[last+1].text), last+1 // "May 11, 2025", "11 May 2025", "February 2022", "Feb. 2022"
	}
	if c.day == 0 && c.year == 0 {
		return candidate{}, 0, false // "May" alone, "may" the verb
	}
	words := make([]string, 0, 3)
	for _, t := range toks[first : last+1] {
		if !strings.EqualFold(t.text, "of") {
			words = append(words, t.text)
		}
	}
	c.words = strings.Join(words, " ")
	return c, last + 1, true
}

// modifiers reports the words just before toks[i] that change a relative
// date: "last"/"past", or a word that makes it a span or a plan.
func modifiers(toks []token, i int) (last, vague bool) {
	for j := max(0, i-2); j < i; j++ {
		w := strings.ToLower(toks[j].text)
		last = last || w == "last" || w == "past"
		vague = vague || vagueWords[w]
	}
	return last, vague
}

// gapIs reports whether the text between two tokens is, once white space
// is removed, one of the allowed strings.
func gapIs(s string, a, b token, allowed ...string) bool {
	g := strings.TrimFunc(s[a.end:b.start], unicode.IsSpace)
	if len(s[a.end:b.start]) > 4 {
		return false // a dash, a line of punctuation: not one date
	}
	for _, x := range allowed {
		if g == x {
			return true
		}
	}
	return false
}

// minKeyword and maxKeyword are the lengths of the shortest and longest
// words the scan looks for ("may", "ago"; "wednesday", "september",
// "yesterday").
const (
	minKeyword = 3
	maxKeyword = 9
)

// keyword returns w in lower case, in buf, when it could be a word the
// scan looks for, and nil otherwise. Looking words up through it does not
// allocate (the compiler reads m[string(b)] in place), which matters
// because it is done for every word of the text.
func keyword(buf *[maxKeyword]byte, w string) []byte {
	if len(w) > maxKeyword {
		return nil
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return nil
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return buf[:len(w)]
}

func isCapital(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

type token struct {
	text       string
	start, end int
}

// tokenize appends to out the runs of letters and digits of s with their
// offsets.
func tokenize(out []token, s string) []token {
	start := -1
	for i, r := range s {
		var word bool
		if r < utf8.RuneSelf {
			word = wordByte[r]
		} else {
			word = unicode.IsLetter(r) || unicode.IsDigit(r)
		}
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

// wordByte holds the ASCII letters and digits.
var wordByte = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

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

// inside reports whether pos falls within one of the spans, which are in
// order and do not overlap.
func inside(spans []span, pos int) bool {
	for _, sp := range spans {
		if sp.start >= pos {
			return false
		}
		if pos < sp.end {
			return true
		}
	}
	return false
}

// dayValue returns the day of a day token ("11", "11th").
func dayValue(s string) int {
	return atoi(strings.TrimRight(strings.ToLower(s), "stndrh"))
}

func isDay(s string) bool {
	t := strings.TrimRight(strings.ToLower(s), "stndrh")
	if len(t) != len(s) && !validOrdinal(s) {
		return false
	}
	n := atoi(t)
	return n >= 1 && n <= 31 && len(t) <= 2
}

// validOrdinal reports whether a number with letters is an English
// ordinal ("1st", "22nd", "3rd", "11th"), not a number with a unit ("5h").
func validOrdinal(s string) bool {
	s = strings.ToLower(s)
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		if strings.HasSuffix(s, suf) && atoi(s[:len(s)-2]) >= 0 {
			return true
		}
	}
	return false
}

func isYear(s string) bool {
	n := atoi(s)
	return len(s) == 4 && n >= 1000 && n <= 2999
}

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

// kw is what a word means to the scan.
type kw struct {
	month   time.Month // a month name
	weekday bool       // a weekday
	day     bool       // "yesterday", "today", "tomorrow"
	week    bool       // "week", as in "last week"
	ago     bool       // "ago", as in "two days ago"
}

// keywords holds the words the scan looks for, in lower case. One table,
// so each word of the text costs one lookup.
var keywords = map[string]kw{
	"january": {month: 1}, "jan": {month: 1}, "february": {month: 2}, "feb": {month: 2},
	"march": {month: 3}, "mar": {month: 3}, "april": {month: 4}, "apr": {month: 4}, "may": {month: 5},
	"june": {month: 6}, "jun": {month: 6}, "july": {month: 7}, "jul": {month: 7}, "august": {month: 8},
	"aug": {month: 8}, "september": {month: 9}, "sept": {month: 9}, "sep": {month: 9},
	"october": {month: 10}, "oct": {month: 10}, "november": {month: 11}, "nov": {month: 11},
	"december": {month: 12}, "dec": {month: 12},
	"monday": {weekday: true}, "tuesday": {weekday: true}, "wednesday": {weekday: true},
	"thursday": {weekday: true}, "friday": {weekday: true}, "saturday": {weekday: true},
	"sunday":    {weekday: true},
	"yesterday": {day: true}, "today": {day: true}, "tomorrow": {day: true},
	"week": {week: true}, "ago": {ago: true},
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
