package page

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// metaFinder collects what the furniture says about the page while the
// cleaner removes it, and decides at the end by the strength of each
// signal.
type metaFinder struct {
	bioOrg     string         // "X is a news editor for <org>"
	bioName    string         // "<name> is a news editor for ..."
	cardBrands map[string]int // "RelatedTRT Global - headline": the site links its own stories
	cardOrder  []string
	sourceLine string // "SOURCE: <publisher>" (wire agencies are not publishers)
	copyright  string // "© 2024 <publisher>. All rights reserved."
	byName     string // "By <name>"
	byTail     string // "By <name>, <outlet>"
	dates      []dateCandidate
	published  time.Time
}

type dateCandidate struct {
	line    int
	date    time.Time
	labeled bool // "Published ...", "Posted ..."
	updated bool // "Updated ...": not the publication date
}

func (m *metaFinder) noteCard(rest string) {
	b := cardBrandRe.FindStringSubmatch(rest)
	if b == nil {
		return
	}
	brand := strings.TrimSpace(b[1])
	if isWireAgency(brand) || countWords(brand) > 5 {
		return
	}
	if m.cardBrands == nil {
		m.cardBrands = map[string]int{}
	}
	if m.cardBrands[brand] == 0 {
		m.cardOrder = append(m.cardOrder, brand)
	}
	m.cardBrands[brand]++
}

func (m *metaFinder) noteSourceLine(s string) {
	s = trimOrg(s)
	if s == "" || isWireAgency(s) || m.sourceLine != "" {
		return
	}
	// Several agencies ("AFP, Reuters") or a list: not one publisher.
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '/' || r == '|' || r == ';' }) {
		if isWireAgency(part) {
			return
		}
	}
	m.sourceLine = s
}

func (m *metaFinder) noteCopyright(s string) {
	s = trimOrg(s)
	if m.copyright == "" && s != "" && !isWireAgency(s) && countWords(s) <= 6 {
		m.copyright = s
	}
}

func (m *metaFinder) noteByline(name, tail string) {
	name = strings.TrimRight(strings.TrimSpace(name), ",&")
	name = strings.TrimSuffix(strings.TrimSpace(name), " and")
	if m.byName == "" && looksLikeName(strings.ReplaceAll(strings.ReplaceAll(name, " and ", " "), ",", "")) {
		m.byName = name
	}
	tail = trimOrg(tail)
	if m.byTail == "" && tail != "" && !isWireAgency(tail) {
		if _, isDate := dateLine(tail); !isDate && unicode.IsUpper([]rune(tail)[0]) {
			m.byTail = tail
		}
	}
}

func (m *metaFinder) noteBio(name, org string) {
	if m.bioName == "" {
		m.bioName = name
	}
	if m.bioOrg == "" && org != "" && !isWireAgency(org) {
		m.bioOrg = org
	}
}

func (m *metaFinder) noteDateLine(i int, d time.Time, text string) {
	f := strings.ToLower(text)
	m.dates = append(m.dates, dateCandidate{
		line:    i,
		date:    d,
		labeled: strings.HasPrefix(f, "published") || strings.HasPrefix(f, "posted") || strings.HasPrefix(f, "first published"),
		updated: strings.Contains(f, "updated") || strings.Contains(f, "modified"),
	})
}

// findDate picks the publication date: a line labelled "Published", or
// else a date-only line near the top (before the third paragraph). A
// date inside a sentence is never one.
func (m *metaFinder) findDate(ls []line) {
	for _, d := range m.dates {
		if d.labeled && !d.updated {
			m.published = d.date
			return
		}
	}
	if len(m.dates) == 0 {
		return
	}
	// prose[i]: paragraphs of prose kept above line i.
	prose := make([]int, len(ls)+1)
	for i, l := range ls {
		prose[i+1] = prose[i]
		if !l.blank && !l.drop && isProse(l.text, l.words) {
			prose[i+1]++
		}
	}
	for _, d := range m.dates {
		if !d.updated && prose[d.line] < 3 {
			m.published = d.date
			return
		}
	}
}

// source is the outlet, strongest signal first: the outlet an author bio
// names, the brand of the site's own link cards, the holder of a
// copyright notice, a "SOURCE:" line that is not a wire agency, the outlet
// after a byline.
func (m *metaFinder) source() string {
	if m.bioOrg != "" {
		return m.bioOrg
	}
	best := ""
	for _, b := range m.cardOrder {
		if m.cardBrands[b] > m.cardBrands[best] {
			best = b
		}
	}
	if best != "" {
		return best
	}
	if m.copyright != "" {
		return m.copyright
	}
	if m.sourceLine != "" {
		return m.sourceLine
	}
	return m.byTail
}

func (m *metaFinder) author() string {
	if m.byName != "" {
		return m.byName
	}
	return m.bioName
}

// looksLikeName says s is a person's name as bylines and bios print it:
// two to five capitalised words, none of them a function word.
func looksLikeName(s string) bool {
	ws := strings.Fields(s)
	if len(ws) < 2 || len(ws) > 6 {
		return false
	}
	for _, w := range ws {
		switch strings.ToLower(w) {
		case "the", "a", "an", "he", "she", "it", "they", "this", "that", "we", "our", "news", "staff":
			return false
		case "de", "da", "van", "von", "der", "bin", "al", "and", "&":
			continue
		}
		r := []rune(w)[0]
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// trimOrg cuts an organisation name out of the text that follows it: at
// the end of its sentence, and without outer punctuation.
func trimOrg(s string) string {
	s = normSpace(s)
	if i := strings.Index(s, ". "); i >= 0 {
		s = s[:i]
	}
	for _, sep := range []string{" | ", " - ", " – ", " — ", "; "} {
		if i := strings.Index(s, sep); i >= 0 {
			s = s[:i]
		}
	}
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) && r != '&' && r != ')' })
}

const monthRe = `(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`

var (
	mdyRe = regexp.MustCompile(`(?i)\b` + monthRe + `\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
	dmyRe = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?` + monthRe + `,?\s+(\d{4})\b`)
	isoRe = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b`)
	dotRe = regexp.MustCompile(`\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b`)
	// What may stand beside the date on a date line: labels, weekdays,
	// a time of day and its zone, separators.
	dateRestRe = regexp.MustCompile(`(?i)\b(?:first published|last updated|published|updated|posted|modified|date|on|at|in|time|(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?|utc|gmt|cet|cest|eet|eest|bst|est|edt|cst|cdt|pst|pdt|msk|ist|jst|aest|local time|[+-]\d{2}:?\d{2})\b`)
)

var monthNum = map[string]time.Month{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}

// dateLine reads a line that is only a date (with perhaps a weekday, a
// time, a zone and a "Published"/"Updated" label), as pages print the
// article's date. A date inside a sentence is not a date line.
func dateLine(s string) (time.Time, bool) {
	// Every date pattern below has a four-digit year.
	if len(s) > 80 || !hasDigitRun(s, 4) {
		return time.Time{}, false
	}
	var d time.Time
	var loc []int
	if m := mdyRe.FindStringSubmatchIndex(s); m != nil {
		d = mkDate(s[m[6]:m[7]], monthNum[strings.ToLower(s[m[2]:m[2]+3])], s[m[4]:m[5]])
		loc = m[:2]
	} else if m := dmyRe.FindStringSubmatchIndex(s); m != nil {
		d = mkDate(s[m[6]:m[7]], monthNum[strings.ToLower(s[m[4]:m[4]+3])], s[m[2]:m[3]])
		loc = m[:2]
	} else if m := isoRe.FindStringSubmatchIndex(s); m != nil {
		mo, _ := strconv.Atoi(s[m[4]:m[5]])
		d = mkDate(s[m[2]:m[3]], time.Month(mo), s[m[6]:m[7]])
		loc = m[:2]
	} else if m := dotRe.FindStringSubmatchIndex(s); m != nil {
		mo, _ := strconv.Atoi(s[m[4]:m[5]])
		d = mkDate(s[m[6]:m[7]], time.Month(mo), s[m[2]:m[3]])
		loc = m[:2]
	}
	if d.IsZero() {
		return time.Time{}, false
	}
	rest := s[:loc[0]] + " " + s[loc[1]:]
	rest = dateRestRe.ReplaceAllString(rest, " ")
	for _, r := range rest {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return time.Time{}, false
		}
	}
	return d, true
}

// hasDigitRun says s has n ASCII digits in a row (what \d{n} needs).
func hasDigitRun(s string, n int) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if '0' <= s[i] && s[i] <= '9' {
			if run++; run >= n {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

func mkDate(year string, month time.Month, day string) time.Time {
	y, err1 := strconv.Atoi(year)
	dd, err2 := strconv.Atoi(day)
	if err1 != nil || err2 != nil || month < 1 || month > 12 || dd < 1 || dd > 31 || y < 1900 || y > 2100 {
		return time.Time{}
	}
	t := time.Date(y, month, dd, 0, 0, 0, 0, time.UTC)
	if t.Day() != dd { // 31 February
		return time.Time{}
	}
	return t
}
