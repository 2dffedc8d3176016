// Package sentence splits news text into sentences.
//
// The splitter is a single left-to-right pass (linear in the input) tuned for
// news prose: it keeps abbreviations (U.S., Feb. 26, Mr., Gen., St.), initials
// (J. R. R. Tolkien) and decimals inside their sentence, keeps a quotation
// that holds several sentences together with its attribution ("A. B," he
// said.), and always ends a sentence at a line break, because page dumps put
// one paragraph on each line. Flattened bullet lists (" * item * item") are
// split at their bullets.
package sentence

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a sentence as byte offsets into the text: text[Start:End].
// Leading and trailing white space is excluded.
type Span struct {
	Start, End int
}

// Split returns the sentences of text in order. Every byte that is not white
// space (or a bullet mark between list items) belongs to exactly one span.
func Split(text string) []Span {
	var out []Span
	lineStart := 0
	for lineStart <= len(text) {
		nl := strings.IndexByte(text[lineStart:], '\n')
		lineEnd := len(text)
		if nl >= 0 {
			lineEnd = lineStart + nl
		}
		out = splitLine(text, lineStart, lineEnd, out)
		if nl < 0 {
			break
		}
		lineStart = lineEnd + 1
	}
	return out
}

// Region is a quoted stretch of one line: Open is the offset of the opening
// mark, Close the offset of the closing mark (so text[Open:Close+size] is the
// quotation with its marks).
type Region struct {
	Open, Close int
	CloseLen    int
}

// DoubleQuoteRegions pairs the double quotation marks (" “ ” „ « ») of the
// line text[start:end] and returns the balanced outer regions. Unbalanced
// marks are ignored. It runs in one pass.
func DoubleQuoteRegions(text string, start, end int) []Region {
	var out []Region
	open := -1
	var openMark rune
	// Only the marks matter: the loop looks at their first bytes (", and
	// the lead bytes of “ ” „ « ») and steps over every other byte, which
	// no rune of interest starts with.
	for i := start; i < end; i++ {
		for i < end && !quoteBytes[text[i]] {
			i++
		}
		if i == end {
			break
		}
		r, size := rune('"'), 1
		if text[i] != '"' {
			r, size = utf8.DecodeRuneInString(text[i:end])
		}
		switch r {
		case '“':
			if open >= 0 && openMark == '„' {
				out = append(out, Region{open, i, size})
				open = -1
			} else {
				open, openMark = i, r
			}
		case '„', '«':
			open, openMark = i, r
		case '”':
			if open >= 0 && openMark != '«' {
				out = append(out, Region{open, i, size})
				open = -1
			}
		case '»':
			if open >= 0 && openMark == '«' {
				out = append(out, Region{open, i, size})
				open = -1
			}
		case '"':
			if open < 0 {
				if opensQuote(text, start, end, i) {
					open, openMark = i, r
				}
			} else if openMark == '"' || openMark == '“' || openMark == '„' {
				if closesQuote(text, start, end, i, size) {
					out = append(out, Region{open, i, size})
					open = -1
				} else {
					open, openMark = i, r
				}
			}
		}
		i += size - 1
	}
	return out
}

// opensQuote reports whether the straight mark at i can open a quotation:
// it is not glued to a word on its left, or it is followed by a word.
func opensQuote(text string, start, end, i int) bool {
	if i+1 >= end {
		return false
	}
	next, _ := utf8.DecodeRuneInString(text[i+1 : end])
	if unicode.IsSpace(next) {
		return false
	}
	if i == start {
		return true
	}
	prev, _ := utf8.DecodeLastRuneInString(text[start:i])
	return unicode.IsSpace(prev) || strings.ContainsRune("([{—–-:/*•", prev)
}

// closesQuote reports whether the straight mark at i can close a quotation:
// it follows a non-space and is not followed by a letter or digit.
func closesQuote(text string, start, end, i, size int) bool {
	if i == start {
		return false
	}
	prev, _ := utf8.DecodeLastRuneInString(text[start:i])
	if unicode.IsSpace(prev) {
		return false
	}
	if i+size >= end {
		return true
	}
	next, _ := utf8.DecodeRuneInString(text[i+size : end])
	return !unicode.IsLetter(next) && !unicode.IsDigit(next)
}

// splitLine appends the sentences of the line text[start:end] to out.
func splitLine(text string, start, end int, out []Span) []Span {
	regions := DoubleQuoteRegions(text, start, end)
	ri := 0
	sentStart := -1
	emit := func(s, e int) {
		s, e = trim(text, s, e)
		if s < e {
			out = append(out, Span{s, e})
		}
	}
	for i := start; i < end; {
		r, size := utf8.DecodeRuneInString(text[i:end])
		if sentStart < 0 {
			if unicode.IsSpace(r) {
				i += size
				continue
			}
			sentStart = i
		}
		for ri < len(regions) && regions[ri].Close < i {
			ri++
		}
		if !mayAct(r) && (ri == len(regions) || i != regions[ri].Close) {
			// Nothing happens at this rune: go to the next that may end a
			// sentence, start a bullet or close a quotation.
			i = nextAction(text, i+size, end, regions[ri:])
			continue
		}
		inQuote := ri < len(regions) && regions[ri].Open < i && i < regions[ri].Close
		// Flattened bullet list: " * " or " • " starts a new sentence.
		if (r == '*' || r == '•') && !inQuote && i > sentStart && i+size < end &&
			text[i-1] == ' ' && text[i+size] == ' ' {
			emit(sentStart, i)
			sentStart = -1
			i += size
			continue
		}
		// The closing mark of a quotation that ends with a terminator
		// ends the sentence too, unless the attribution follows in lower
		// case ("Is it over?" he asked.).
		if ri < len(regions) && i == regions[ri].Close && i > sentStart {
			prev, _ := utf8.DecodeLastRuneInString(text[start:i])
			k := i + regions[ri].CloseLen
			if (prev == '.' || prev == '!' || prev == '?' || prev == '…') &&
				(k >= end || text[k] == ' ' || text[k] == '\t') && nextUpper(text, k, end) {
				emit(sentStart, k)
				sentStart = -1
			}
			i = k
			continue
		}
		if inQuote || !(r == '.' || r == '!' || r == '?' || r == '…') {
			i += size
			continue
		}
		// Consume the run of terminators, then closing marks.
		j := i
		for j < end {
			c, n := utf8.DecodeRuneInString(text[j:end])
			if c == '.' || c == '!' || c == '?' || c == '…' {
				j += n
				continue
			}
			break
		}
		k := j
		for k < end {
			c, n := utf8.DecodeRuneInString(text[k:end])
			if strings.ContainsRune("\"”’')]»", c) {
				k += n
				continue
			}
			break
		}
		if k < end {
			c, _ := utf8.DecodeRuneInString(text[k:end])
			if !unicode.IsSpace(c) {
				i = j
				continue
			}
		}
		if boundary(text, start, end, i, j, k) {
			emit(sentStart, k)
			sentStart = -1
		}
		i = k
	}
	if sentStart >= 0 {
		emit(sentStart, end)
	}
	return out
}

// mayAct reports whether the rune r may end a sentence or start a bullet.
func mayAct(r rune) bool {
	return r == '.' || r == '!' || r == '?' || r == '…' || r == '*' || r == '•'
}

// nextAction returns the offset of the first rune from i to end for which
// mayAct holds or at which one of the regions (in order, none closing
// before i) closes, or end. It reads bytes, not runes: the runes it looks
// for are ASCII or start with the bytes E2 80, which no other rune's
// second or later byte is.
func nextAction(text string, i, end int, regions []Region) int {
	limit := end
	for _, rg := range regions {
		if rg.Close >= i {
			limit = rg.Close
			break
		}
	}
	for i < limit {
		k := indexAction(text[i:limit])
		if k < 0 {
			break
		}
		i += k
		if text[i] != 0xE2 {
			return i
		}
		// … is E2 80 A6, • is E2 80 A2
		if i+2 < end && text[i+1] == 0x80 && (text[i+2] == 0xA6 || text[i+2] == 0xA2) {
			return i
		}
		i++
	}
	return limit
}

// indexAction returns the index of the first byte of s that is . ! ? * or
// E2, or -1.
func indexAction(s string) int {
	for i := 0; i < len(s); i++ {
		if actionBytes[s[i]] {
			return i
		}
	}
	return -1
}

var actionBytes = [256]bool{'.': true, '!': true, '?': true, '*': true, 0xE2: true}

// quoteBytes are the bytes that start a double quotation mark: " and the
// lead bytes of “ ” „ (E2) and « » (C2).
var quoteBytes = [256]bool{'"': true, 0xE2: true, 0xC2: true}

// boundary decides whether the terminators text[i:j] (closing marks up to k)
// end a sentence, from the word before and the word after.
func boundary(text string, start, end, i, j, k int) bool {
	// Next non-space character.
	n := k
	for n < end && (text[n] == ' ' || text[n] == '\t' || text[n] == '\r') {
		n++
	}
	if n >= end {
		return true
	}
	next, _ := utf8.DecodeRuneInString(text[n:end])
	if unicode.IsLower(next) {
		return false
	}
	if j-i != 1 || text[i] != '.' || k > j {
		// "?", "!", "..." or a closing mark after the period.
		return true
	}
	// A single period directly after a word: is the word an abbreviation?
	w := i
	for w > start && i-w < 24 {
		c, size := utf8.DecodeLastRuneInString(text[start:w])
		if unicode.IsLetter(c) || c == '.' || c == '-' {
			w -= size
			continue
		}
		break
	}
	word := text[w:i]
	if word == "" {
		return true
	}
	lower := strings.ToLower(strings.TrimLeft(word, "-"))
	if k := strings.LastIndexByte(lower, '-'); k >= 0 {
		lower = lower[k+1:]
	}
	nextWord := wordAt(text, n, end)
	digit := next >= '0' && next <= '9'
	switch {
	case titles[lower]:
		return false
	case months[lower]:
		return false
	case utf8.RuneCountInString(word) == 1 && unicode.IsUpper(rune(word[0])):
		// An initial ("J. R. R. Tolkien"), unless a quotation follows or a
		// preposition precedes ("wrote on X. The ...").
		return isQuoteMark(next) || prepositionBefore(text, start, w) && starters[nextWord]
	case strings.Contains(word, "."), ambiguous[lower]:
		// U.S., U.K., e.g., Inc.: a new sentence only before a word
		// that typically starts one.
		if digit {
			return false
		}
		return starters[nextWord]
	case numbered[lower] && digit:
		return false
	}
	return true
}

// nextUpper reports whether the next non-space character from k is not a
// lower-case letter (the end of the line counts).
func nextUpper(text string, k, end int) bool {
	for k < end && (text[k] == ' ' || text[k] == '\t' || text[k] == '\r') {
		k++
	}
	if k >= end {
		return true
	}
	r, _ := utf8.DecodeRuneInString(text[k:end])
	return !unicode.IsLower(r)
}

func wordAt(text string, n, end int) string {
	e := n
	for e < end {
		c, size := utf8.DecodeRuneInString(text[e:end])
		if !unicode.IsLetter(c) {
			break
		}
		e += size
	}
	return text[n:e]
}

func trim(text string, s, e int) (int, int) {
	for s < e {
		r, size := utf8.DecodeRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		s += size
	}
	for e > s {
		r, size := utf8.DecodeLastRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		e -= size
	}
	return s, e
}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// titles never end a sentence: they precede a name.
var titles = set("mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "cpt",
	"maj", "adm", "gov", "sen", "rep", "rev", "hon", "st", "mt", "ft", "pres", "amb",
	"supt", "insp", "cmdr", "cdr", "brig", "messrs", "mme", "mlle", "cpl", "pvt",
	"lieut", "atty", "sec", "dept", "univ", "assn", "ave", "blvd", "rd", "fr", "sr", "jr")

var months = set("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
	"oct", "nov", "dec")

// ambiguous abbreviations end a sentence only before a typical sentence start.
var ambiguous = set("inc", "ltd", "co", "corp", "etc", "bros", "plc", "llc", "vs", "al")

var numbered = set("no", "nos", "vol", "p", "pp", "fig", "art", "para", "ch", "sec")

// starters are words that usually begin a sentence, so an ambiguous
// abbreviation before them ends the sentence ("... the U.S. The talks ...").
var starters = set("The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "But",
	"And", "In", "On", "At", "This", "That", "These", "Those", "His", "Her", "Their",
	"Our", "Its", "There", "As", "After", "When", "While", "If", "However", "Meanwhile",
	"Some", "Many", "Most", "Earlier", "Later", "Still", "Yet", "So", "Since", "Although",
	"Last", "Next", "According", "Officials", "Why", "What", "How", "Who", "Where",
	"Now", "Then", "Also", "Both", "Such", "One", "Two", "For", "From", "With", "By")

func isQuoteMark(r rune) bool {
	return strings.ContainsRune("\"“„«‘'", r)
}

// prepositionBefore: the word ending just before w (after one space) is a
// preposition, so the single capital at w is a name, not an initial.
func prepositionBefore(text string, start, w int) bool {
	e := w
	if e > start && text[e-1] == ' ' {
		e--
	} else {
		return false
	}
	b := e
	for b > start && e-b < 8 && text[b-1] >= 'a' && text[b-1] <= 'z' {
		b--
	}
	switch text[b:e] {
	case "on", "in", "at", "to", "from", "via", "by", "with", "of", "for", "and", "or", "plan", "option":
		return true
	}
	return false
}
