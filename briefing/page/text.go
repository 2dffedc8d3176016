package page

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// FromText cleans a plain-text page dump (a page copied out of a browser
// or saved as text): it drops the page furniture, reads the metadata, and
// keeps the article's paragraphs in order. Each non-blank line of the dump
// is a paragraph. It never fails: a dump that is all furniture gives a Page
// with empty Text.
func FromText(s string) Page {
	c := clean(splitLines(s), cleanOptions{})
	return c.page()
}

// splitLines splits s into lines with line endings normalised; blank lines
// are kept as "" because they separate blocks.
func splitLines(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.ReplaceAll(s, "\u2028", "\n")
	s = strings.ReplaceAll(s, "\u2029", "\n\n")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimFunc(l, unicode.IsSpace)
	}
	return lines
}

// maxFoldLen bounds the lines compared with interface strings and
// headings; none of those is longer.
const maxFoldLen = 80

type cleanOptions struct {
	html  bool   // lines come from trafilatura's main content, not a raw dump
	title string // a title already known (Markdown heading)
}

// line is one line of the document and what the cleaner decided about it.
type line struct {
	text      string
	norm      string // text with white space collapsed, for comparisons
	fold      string // foldLine(text) for short lines (interface strings are short); "" for long ones
	words     int
	blank     bool
	drop      bool   // furniture: not in the article text
	why       string // the rule that dropped it (for tests and debugging)
	gapBefore bool   // a blank line (or the start) precedes it
	gapAfter  bool   // a blank line (or the end) follows it
}

type cleaned struct {
	lines     []line
	title     string
	source    string
	author    string
	published time.Time
}

func (c cleaned) page() Page {
	return Page{
		Title:     c.title,
		Source:    c.source,
		Author:    c.author,
		Published: c.published,
		Text:      joinParagraphs(c.withoutTitle(c.title)),
	}
}

// clean runs the cleaning passes over the lines of one document. The
// order matters: furniture first (so that later passes see which of a
// line's neighbours are furniture), then the headline, teaser cards,
// stray labels inside furniture, and repeats.
func clean(raw []string, opts cleanOptions) cleaned {
	ls := make([]line, len(raw))
	for i, t := range raw {
		norm, words := normAndCount(t)
		ls[i] = line{text: t, norm: norm, blank: t == "", words: words}
		if len(t) <= maxFoldLen {
			ls[i].fold = foldLine(t)
		}
	}
	for i := range ls {
		// In HTML every line is its own block.
		ls[i].gapBefore = opts.html || i == 0 || ls[i-1].blank
		ls[i].gapAfter = opts.html || i == len(ls)-1 || ls[i+1].blank
	}
	c := cleaned{lines: ls}
	m := &metaFinder{}
	c.markLineFurniture(m)
	c.markFeeds()
	c.markLists()
	c.markBios(m)
	c.markCaptions()
	if opts.title != "" {
		c.title = opts.title
	} else if !opts.html {
		c.title = c.findTitle(m)
	}
	c.markHeaderLabels()
	if !opts.html {
		c.markTeasers()
	}
	c.markIslands()
	c.markRepeats()
	m.findDate(c.lines)
	c.source, c.author, c.published = m.source(), m.author(), m.published
	return c
}

func (c *cleaned) dropLine(i int, why string) {
	if !c.lines[i].drop {
		c.lines[i].drop = true
		c.lines[i].why = why
	}
}

// next and prev are the nearest non-blank lines after and before i, or -1.
func (c *cleaned) next(i int) int {
	for j := i + 1; j < len(c.lines); j++ {
		if !c.lines[j].blank {
			return j
		}
	}
	return -1
}

func (c *cleaned) prev(i int) int {
	for j := i - 1; j >= 0; j-- {
		if !c.lines[j].blank {
			return j
		}
	}
	return -1
}

// markLineFurniture drops lines that are furniture by themselves, and
// notes the metadata some of them carry.
func (c *cleaned) markLineFurniture(m *metaFinder) {
	for i := range c.lines {
		l := &c.lines[i]
		if l.blank {
			continue
		}
		f := l.fold
		lower := lineLower(l.text, l.words)
		switch {
		case f == "" && len(l.text) <= maxFoldLen:
			c.dropLine(i, "punctuation")
		case isUILine(f):
			c.dropLine(i, "ui")
		case isReadTime(l.text):
			c.dropLine(i, "read-time")
		case isTimestamp(l.text):
			c.dropLine(i, "timestamp")
		case isAINotice(lower, l.text):
			c.dropLine(i, "ai-notice")
		case l.words <= 25 && isNewsletter(lower, l.text):
			c.dropLine(i, "newsletter")
		case isShareLine(lower, l.text) || f != "" && isSocialRow(f):
			c.dropLine(i, "share")
		case l.words <= 60 && isCreditLine(lower, l.text):
			c.dropLine(i, "credit")
			if cm := copyrightRe.FindStringSubmatch(l.text); cm != nil {
				m.noteCopyright(cm[1])
			}
		case l.words <= 80 && hasCreditTail(l.text):
			c.dropLine(i, "caption")
		}
		if l.drop {
			continue
		}
		if g := gluedCard(l.text); g != nil && l.words <= 40 {
			m.noteCard(g[1])
			c.dropLine(i, "link-card")
			continue
		}
		if isReadMoreLink(lower, l.text) && l.words <= 40 {
			c.dropLine(i, "read-more")
			continue
		}
		if sm := sourceLine(lower, l.text); sm != nil {
			m.noteSourceLine(sm[1])
			c.dropLine(i, "source-line")
			continue
		}
		if bm := byline(lower, l.text); bm != nil && l.words <= 16 {
			m.noteByline(bm[1], bm[2])
			c.dropLine(i, "byline")
			continue
		}
		if d, ok := dateLine(l.text); ok {
			m.noteDateLine(i, d, l.text)
			c.dropLine(i, "date-line")
		}
	}
}

// lineLower is the lower-case form of a line as far as markLineFurniture
// reads it: all of a line of up to 25 words (isNewsletter searches it), and
// the first 64 bytes or so of a longer one, which is only compared with
// prefixes of at most 13 bytes. Lowering maps rune by rune and shrinks a
// rune at most threefold (the Kelvin sign becomes "k"), so a cut at a rune
// start leaves those prefixes as they were. Long paragraphs are most of a
// page; lowering all of each was a tenth of the cleaner's time.
func lineLower(s string, words int) string {
	const keep = 64
	if words <= 25 || len(s) <= keep {
		return strings.ToLower(s)
	}
	cut := keep
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strings.ToLower(s[:cut])
}

// markFeeds drops news-feed sidebars: a "News Feed" heading and its
// timestamped items, up to a "Show More" line. Without such an end line
// the sidebar runs to its last timestamped item (its headline and text),
// so that an article after it is kept. When the feed is all the prose the
// page has, the page is a feed (a live blog, a topic page): then only the
// headings go.
func (c *cleaned) markFeeds() {
	type region struct{ start, end int }
	var regions []region
	for i := 0; i < len(c.lines); i++ {
		l := c.lines[i]
		if l.blank || !isFeedHeading(l.fold) {
			continue
		}
		end := -1
		lastStamp := -1
		for j := i + 1; j < len(c.lines); j++ {
			lj := c.lines[j]
			if lj.blank {
				continue
			}
			if isFeedEnd(lj.fold) {
				end = j
				break
			}
			if isFeedHeading(lj.fold) || isListHeading(lj.fold) {
				break
			}
			if isTimestamp(lj.text) {
				lastStamp = j
			}
		}
		if end < 0 && lastStamp >= 0 {
			// The last item: its headline and its text after the stamp.
			end = lastStamp
			for k, n := 0, c.next(lastStamp); n >= 0 && k < 2; k, n = k+1, c.next(n) {
				if c.lines[n].drop || isListHeading(c.lines[n].fold) || isFeedHeading(c.lines[n].fold) {
					break
				}
				end = n
			}
		}
		regions = append(regions, region{i, max(i, end)})
		if end > i {
			i = end
		}
	}
	if len(regions) == 0 {
		return
	}
	inFeed := make([]bool, len(c.lines))
	for _, r := range regions {
		for j := r.start; j <= r.end; j++ {
			inFeed[j] = true
		}
	}
	outside := 0
	for j, l := range c.lines {
		if !inFeed[j] && !l.blank && !l.drop && l.words >= 8 && isProse(l.text, l.words) {
			outside++
		}
	}
	for _, r := range regions {
		c.dropLine(r.start, "feed-heading")
		if outside == 0 {
			continue
		}
		for j := r.start + 1; j <= r.end; j++ {
			if !c.lines[j].blank {
				c.dropLine(j, "feed")
			}
		}
	}
}

// markLists drops link lists: a heading such as "Related", "Explore" or
// "Most read" and the headline-like lines under it, up to the first line
// of prose.
func (c *cleaned) markLists() {
	for i := 0; i < len(c.lines); i++ {
		l := c.lines[i]
		if l.blank || !isListHeading(l.fold) {
			continue
		}
		c.dropLine(i, "list-heading")
		for j := i + 1; j < len(c.lines); j++ {
			lj := c.lines[j]
			if lj.blank {
				continue
			}
			if isProse(lj.text, lj.words) && !lj.drop {
				break
			}
			if isFeedHeading(lj.fold) {
				break
			}
			c.dropLine(j, "list")
			i = j
		}
	}
}

// markBios drops author bios ("X is a news editor for Y") with the author
// card around them (the name, a role line such as "News Editor", an avatar
// label), and takes the author and outlet from them.
func (c *cleaned) markBios(m *metaFinder) {
	for i := range c.lines {
		l := c.lines[i]
		if l.blank || l.drop || l.words > 120 {
			continue
		}
		if !bioVerbEarly(l.text) {
			continue
		}
		if !strings.Contains(l.text, " is ") && !strings.Contains(l.text, " was ") && !strings.Contains(l.text, " has been ") && !strings.Contains(l.text, " serves as ") {
			continue
		}
		bm := bioRe.FindStringSubmatchIndex(l.text)
		if bm == nil {
			continue
		}
		name := l.text[bm[2]:bm[3]]
		if !looksLikeName(name) {
			continue
		}
		org := ""
		if om := bioOrgRe.FindStringSubmatch(l.text[bm[1]-min(bm[1], 12):]); om != nil {
			org = trimOrg(om[1])
		}
		m.noteBio(name, org)
		c.dropLine(i, "bio")
		// The card above: the name, a role line, an avatar label.
		for k, j := 0, c.prev(i); j >= 0 && k < 4; k, j = k+1, c.prev(j) {
			t := c.lines[j].text
			if c.lines[j].drop || strings.EqualFold(t, name) || roleLineRe.MatchString(t) {
				c.dropLine(j, "author-card")
				continue
			}
			break
		}
	}
}

// bioVerbEarly says the second to fifth word of s is the verb of a bio
// ("Jane Doe is ..."), as bioRe needs: its name has at most four words,
// separated by white space as the regexp's \s reads it (ASCII). Few prose
// paragraphs pass, so bioRe runs on few.
func bioVerbEarly(s string) bool {
	isRESpace := func(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\f' || b == '\r' }
	i := 0
	for word := 0; word < 5 && i < len(s); word++ {
		start := i
		for i < len(s) && !isRESpace(s[i]) {
			i++
		}
		if word > 0 {
			switch s[start:i] {
			case "is", "was", "has", "serves":
				return true
			}
		}
		for i < len(s) && isRESpace(s[i]) {
			i++
		}
	}
	return false
}

// markCaptions drops the caption above a credit line ("Images source:
// ..."): the short lines (up to three) directly above it, with no blank
// line between.
func (c *cleaned) markCaptions() {
	for i := range c.lines {
		l := c.lines[i]
		if !l.drop || l.why != "credit" || l.gapBefore {
			continue
		}
		for j := i - 1; j >= 0 && j >= i-3 && !c.lines[j].blank; j-- {
			if c.lines[j].words > 40 || isProse(c.lines[j].text, c.lines[j].words) && c.lines[j].words > 25 {
				break
			}
			c.dropLine(j, "caption")
			if c.lines[j].gapBefore {
				break
			}
		}
	}
}

// findTitle finds the headline among the first lines of a dump: a
// headline-like line printed twice (pages repeat the headline above and
// inside the article, sometimes glued to a section label: "NewsKremlin
// rejects ..."), or else the first line of the page when it is
// headline-like and comes before any prose.
func (c *cleaned) findTitle(m *metaFinder) string {
	var heads []int
	firstProse := -1
	for i, l := range c.lines {
		if l.blank || l.drop {
			continue
		}
		if isHeadline(l.text, l.words) {
			heads = append(heads, i)
		} else if firstProse < 0 && isProse(l.text, l.words) && l.words >= 8 {
			firstProse = i
		}
		if len(heads) >= 12 || i > 60 {
			break
		}
	}
	// A headline printed twice, or printed again with a label glued on.
	for _, i := range heads {
		t := c.lines[i].norm
		for j := max(0, i-25); j < len(c.lines) && j <= i+25; j++ {
			if j == i || c.lines[j].blank {
				continue
			}
			u := c.lines[j].norm
			if u == t {
				c.dropTitleLines(t)
				return t
			}
			if strings.HasSuffix(u, t) && isGluedLabel(strings.TrimSuffix(u, t)) {
				c.dropLine(j, "labelled-title")
				c.dropTitleLines(t)
				return t
			}
		}
	}
	// The page opens with a headline.
	if len(heads) > 0 && (firstProse < 0 || heads[0] < firstProse) {
		first := -1 // the first line of substance: menu and section labels are shorter
		for i, l := range c.lines {
			if !l.blank && !l.drop && l.words >= 3 {
				first = i
				break
			}
		}
		if first == heads[0] && c.lines[first].words >= 4 && !isMenuLine(c.lines[first].text) && !c.wrapped(first) {
			t := c.lines[first].norm
			c.dropTitleLines(t)
			return t
		}
	}
	if i := c.singleHeadline(heads, firstProse, m); i >= 0 {
		t := c.lines[i].norm
		c.dropTitleLines(t)
		return t
	}
	return ""
}

// singleHeadline finds a headline printed once below the page's masthead
// (brand, tagline, menu) and above the article's first paragraph: the
// headline-like line that the byline or date line follows, or else the
// one headline-like line kept between the masthead and the prose. It
// returns -1 when no line is plausible: a brand name, a menu, a line of a
// hard-wrapped paragraph, or several candidates without a byline to tell
// them apart.
func (c *cleaned) singleHeadline(heads []int, firstProse int, m *metaFinder) int {
	if firstProse < 0 {
		return -1
	}
	brand := foldLine(m.source())
	var cands []int
	for _, i := range heads {
		l := c.lines[i]
		if i > firstProse || l.words < 4 || l.fold != "" && l.fold == brand || isMenuLine(l.text) {
			continue
		}
		if c.wrapped(i) {
			continue
		}
		cands = append(cands, i)
	}
	// The headline stands right above the byline or the date.
	for k := len(cands) - 1; k >= 0; k-- {
		if n := c.next(cands[k]); n >= 0 && c.lines[n].drop && isMetaWhy(c.lines[n].why) {
			return cands[k]
		}
	}
	// Or it is the one candidate, with only furniture between it and the
	// article's first paragraph.
	if len(cands) != 1 {
		return -1
	}
	for n := c.next(cands[0]); n >= 0 && n < firstProse; n = c.next(n) {
		if !c.lines[n].drop {
			return -1
		}
	}
	return cands[0]
}

// wrapped: line i is part of a hard-wrapped paragraph, which goes on in
// lower case on the next line.
func (c *cleaned) wrapped(i int) bool {
	if n := i + 1; n < len(c.lines) && !c.lines[n].blank {
		r, _ := utf8.DecodeRuneInString(c.lines[n].text)
		return unicode.IsLower(r)
	}
	return false
}

// isMetaWhy: the cleaner dropped the line as the article's byline or date.
func isMetaWhy(why string) bool {
	return why == "byline" || why == "date-line" || why == "read-time" || why == "author-card"
}

// isMenuLine: navigation printed on one line ("Home | World | Sport").
func isMenuLine(s string) bool {
	return strings.Count(s, "|") >= 2 || strings.Count(s, "•") >= 2 || strings.Count(s, " · ") >= 2
}

func (c *cleaned) dropTitleLines(t string) {
	for i := range c.lines {
		if !c.lines[i].blank && c.lines[i].norm == t {
			c.dropLine(i, "title")
		}
	}
}

// markHeaderLabels drops section labels ("WORLD", "Politics") above the
// headline and before the first paragraph of prose.
//
// Above a headline found in the page, the short lines that are not prose
// are the masthead (the site's name, its tagline, a breadcrumb), and go
// too.
func (c *cleaned) markHeaderLabels() {
	titleLine := -1
	for i, l := range c.lines {
		if l.drop && (l.why == "title" || l.why == "labelled-title") {
			titleLine = i
			break
		}
	}
	for i, l := range c.lines {
		if l.blank {
			continue
		}
		if l.drop {
			if l.why == "title" {
				return
			}
			continue
		}
		if isProse(l.text, l.words) {
			return
		}
		switch {
		case l.words <= 2 && !strings.ContainsAny(l.text, ".!?\"“”"):
			c.dropLine(i, "section-label")
		case i < titleLine && l.words <= 12:
			c.dropLine(i, "masthead")
		}
	}
}

// markTeasers drops cards for other stories printed after the article has
// begun: a headline-like line followed at once (no blank line) by its
// excerpt, where the excerpt is cut off mid-sentence or the card sits
// among furniture. Only in dumps whose paragraphs are separated by blank
// lines: in a dump without them (a feed), such pairs are the content.
func (c *cleaned) markTeasers() {
	var long, gapped int
	for _, l := range c.lines {
		if !l.blank && !l.drop && l.words >= 8 {
			long++
			if l.gapAfter {
				gapped++
			}
		}
	}
	if long < 2 || gapped*2 < long {
		return
	}
	bodyStarted := false
	for i := 0; i < len(c.lines); i++ {
		l := c.lines[i]
		if l.blank || l.drop {
			continue
		}
		if !bodyStarted {
			bodyStarted = isProse(l.text, l.words) && l.words >= 8
			continue
		}
		if !isHeadline(l.text, l.words) || l.gapAfter || i+1 >= len(c.lines) {
			continue
		}
		ex := c.lines[i+1]
		if ex.drop || ex.words < 8 {
			continue
		}
		after := c.next(i + 1)
		cut := !endsSentence(ex.text)
		amongFurniture := after < 0 || c.lines[after].drop
		if cut || amongFurniture {
			c.dropLine(i, "teaser")
			c.dropLine(i+1, "teaser")
			i++
		}
	}
}

// markIslands drops short non-prose lines stranded between furniture (a
// newsletter's name between its sign-up prompts).
func (c *cleaned) markIslands() {
	for i, l := range c.lines {
		if l.blank || l.drop || l.words > 12 || isProse(l.text, l.words) {
			continue
		}
		p, n := c.prev(i), c.next(i)
		if p >= 0 && n >= 0 && c.lines[p].drop && c.lines[n].drop && c.lines[p].why != "title" {
			c.dropLine(i, "island")
		}
	}
}

// markRepeats drops a line printed twice in a row (a caption and its alt
// text, a feed item's headline and body that say the same). Lines repeated
// further apart stay: interviews repeat their questions, and the headline
// is handled by findTitle.
func (c *cleaned) markRepeats() {
	last := ""
	for i, l := range c.lines {
		if l.blank || l.drop {
			continue
		}
		k := l.norm
		if k == last {
			c.dropLine(i, "repeat")
			continue
		}
		last = k
	}
}

// isProse says a line reads as running text: it ends a sentence, or it is
// long.
func isProse(s string, words int) bool {
	return endsSentence(s) && words >= 6 || words >= 40
}

// isHeadline says a line looks like a headline: a few words, not ending a
// sentence with a full stop, starting with a capital, digit or quote mark.
func isHeadline(s string, words int) bool {
	if words < 3 || words > 30 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	if unicode.IsLower(r) {
		return false
	}
	t := strings.TrimRight(s, "\"”’')] ")
	if t == "" {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(t)
	switch last {
	case '.', ':', ';', ',', '…', '!', '*', '-', '–', '—', '|', '/':
		return false
	}
	return true
}

// endsSentence says s ends with sentence-final punctuation, possibly
// followed by closing quotes or brackets.
func endsSentence(s string) bool {
	t := strings.TrimRight(s, "\"”’'») ]」』）")
	if t == "" {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(t)
	switch last {
	case '.', '!', '?', '…', '。', '！', '？', '．':
		return true
	}
	return false
}

// isGluedLabel says p is a section label glued to a headline by a copy
// from the browser: one capitalised word ("News", "WORLD", "Politics").
func isGluedLabel(p string) bool {
	p = strings.TrimSpace(p)
	n := utf8.RuneCountInString(p)
	if n < 2 || n > 20 {
		return false
	}
	first, _ := utf8.DecodeRuneInString(p)
	if !unicode.IsUpper(first) {
		return false
	}
	for _, r := range p {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// normAndCount is normSpace(s) and countWords(s) in one pass over s, for
// the cleaner, which needs both for every line.
func normAndCount(s string) (norm string, words int) {
	words, tidy := scanWords(s)
	if !tidy {
		return strings.Join(strings.Fields(s), " "), words
	}
	return s, words
}

// countWords counts words as a reader would: runs of non-space, and each
// Chinese or Japanese character (scripts written without spaces).
func countWords(s string) int {
	words, _ := scanWords(s)
	return words
}

// scanWords counts the words of s (see countWords) and says whether s is
// tidy: single plain spaces between words and none around them, so that
// normSpace would leave it as it is. (It may call a tidy line untidy, a
// space after a Chinese character for one; that costs only time.)
func scanWords(s string) (words int, tidy bool) {
	n, in := 0, false
	tidy = true
	for i := 0; i < len(s); {
		// Most text is ASCII: decode a rune only where one starts.
		var r rune
		if b := s[i]; b < utf8.RuneSelf {
			r = rune(b)
			i++
		} else {
			var size int
			r, size = utf8.DecodeRuneInString(s[i:])
			i += size
			if r >= 0x2E80 && isUnspacedScript(r) {
				n++
				in = false
				continue
			}
		}
		if isSpace(r) {
			if r != ' ' || !in {
				tidy = false // not a plain space, or a leading or doubled one
			}
			in = false
		} else if !in {
			in = true
			n++
		}
	}
	return n, tidy && (s == "" || in)
}

// isSpace is unicode.IsSpace with the ASCII answer inlined.
func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || '\t' <= r && r <= '\r'
	}
	return unicode.IsSpace(r)
}

func isUnspacedScript(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) ||
		unicode.Is(unicode.Thai, r) || unicode.Is(unicode.Lao, r) || unicode.Is(unicode.Khmer, r) || unicode.Is(unicode.Myanmar, r)
}

// normSpace collapses runs of white space (no-break spaces included) to
// one space, for comparing and printing single-line metadata. Most lines
// need no change, and those come back as they are without an allocation.
func normSpace(s string) string {
	norm, _ := normAndCount(s)
	return norm
}

// cleanInline is normSpace for metadata read from HTML.
func cleanInline(s string) string { return normSpace(s) }

func joinParagraphs(ps []string) string { return strings.Join(ps, "\n\n") }

// withoutTitle is the article's paragraphs (the lines kept) without those
// that repeat the title.
func (c *cleaned) withoutTitle(title string) []string {
	t := strings.ToLower(normSpace(title))
	// ToLower maps rune to rune, so a paragraph with another rune count
	// cannot repeat the title; counting is cheaper than lowering.
	titleRunes := utf8.RuneCountInString(t)
	var out []string
	for _, l := range c.lines {
		if l.blank || l.drop {
			continue
		}
		if title != "" && utf8.RuneCountInString(l.norm) == titleRunes && strings.ToLower(l.norm) == t {
			continue
		}
		out = append(out, l.text)
	}
	return out
}
