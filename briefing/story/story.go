// Package story recognises articles about the same event from different
// outlets, and the same quotation as reported by each of them.
//
// Two articles are one story when their texts are near-duplicates (SimHash
// over word shingles, Charikar 2002; Manku et al. 2007 found a Hamming
// distance of 3 in 64 bits right for near-duplicate web pages), when they
// carry the same long quotation, or when their headlines share most of
// their words and they were published within a few days of each other.
// Quotations are compared on QuoteKey, their folded words, so that
// typographic differences between outlets (’ and ', “ and ", dashes,
// editorial brackets) do not matter.
package story

import (
	"fmt"
	"math/bits"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/briefbot/briefbot/briefing/speakers"
)

// shingleSize is the number of words per shingle.
const shingleSize = 3

// NearDuplicateBits is the largest SimHash Hamming distance at which two
// texts count as near-duplicates.
const NearDuplicateBits = 3

// MinSharedQuoteWords is the length a shared quotation needs to tie two
// articles into one story: short phrases ("a big week is coming") recur
// across unrelated stories.
const MinSharedQuoteWords = 8

// TitleWindow is how far apart two articles with similar titles may be
// published and still be one story.
const TitleWindow = 4 * 24 * time.Hour

// Words returns the folded words of text: lower case, diacritics removed,
// brackets dropped ("(H)aving" → "having"), split at anything that is not a
// letter, digit or an apostrophe inside a word.
func Words(text string) []string {
	buf, ends := AppendWords(nil, make([]int, 0, len(text)/6), text)
	if len(ends) == 0 {
		return []string{}
	}
	// One string holds every word; the words are slices of it, so a text
	// of n words costs two allocations, not n.
	all := string(buf)
	out := make([]string, len(ends))
	start := 0
	for i, e := range ends {
		out[i] = all[start:e]
		start = e
	}
	return out
}

// AppendWords appends the words of text, as Words returns them, to buf,
// and the end offset in buf of each to ends: a word starts where the one
// before it ends (the first at len(buf) as passed). Callers that reuse buf
// and ends across texts split them without allocating.
//
// Words folds text as speakers.Fold does (NFKD, combining marks dropped,
// letters mapped to Latin, curly apostrophes to ') and then splits it.
// AppendWords does both in one pass over text, decomposing each rune on
// its own. That equals decomposing the whole text, because
// canonical reordering only moves combining marks, which are dropped;
// the few texts where it would not (Hangul syllables, which decompose by
// algorithm, and spacing marks with a combining class) and invalid UTF-8
// go the long way, through Fold. TestAppendWordsMatchesFold holds the two
// equal.
func AppendWords(buf []byte, ends []int, text string) ([]byte, []int) {
	if isASCII(text) {
		return appendASCIIWords(buf, ends, text)
	}
	if !utf8.ValidString(text) {
		return appendFoldedWords(buf, ends, text)
	}
	w := wordWriter{buf: buf, ends: ends, start: len(buf)}
	b0, e0 := len(buf), len(ends)
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			w.foldedASCII(c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if hangulFirst <= r && r <= hangulLast {
			return appendFoldedWords(w.buf[:b0], w.ends[:e0], text)
		}
		p := norm.NFKD.PropertiesString(text[i:])
		d := p.Decomposition()
		if d == nil {
			if p.CCC() != 0 && !unicode.Is(unicode.Mn, r) {
				return appendFoldedWords(w.buf[:b0], w.ends[:e0], text)
			}
			w.foldedRune(r)
		} else {
			for j := 0; j < len(d); {
				x, n := utf8.DecodeRune(d[j:])
				if x >= utf8.RuneSelf && norm.NFKD.Properties(d[j:]).CCC() != 0 && !unicode.Is(unicode.Mn, x) {
					return appendFoldedWords(w.buf[:b0], w.ends[:e0], text)
				}
				if x < utf8.RuneSelf {
					w.foldedASCII(byte(x))
				} else {
					w.foldedRune(x)
				}
				j += n
			}
		}
		i += size
	}
	w.flush()
	return w.buf, w.ends
}

// The Hangul syllables, which NFKD decomposes by algorithm.
const (
	hangulFirst = 0xAC00
	hangulLast  = 0xD7A3
)

// wordWriter collects folded words: buf[start:] is the word being read.
type wordWriter struct {
	buf   []byte
	ends  []int
	start int
}

// letter adds a byte of a word.
func (w *wordWriter) letter(c byte) { w.buf = append(w.buf, c) }

// apostrophe adds an apostrophe, which counts only inside a word.
func (w *wordWriter) apostrophe() {
	if len(w.buf) > w.start {
		w.buf = append(w.buf, '\'')
	}
}

// flush ends the word being read, without its trailing apostrophes.
func (w *wordWriter) flush() {
	n := len(w.buf)
	for n > w.start && w.buf[n-1] == '\'' {
		n--
	}
	w.buf = w.buf[:n]
	if n > w.start {
		w.ends = append(w.ends, n)
	}
	w.start = n
}

// foldedASCII adds an ASCII character of a text that is not all ASCII,
// as Fold and Words treat it: white space separates, other controls and
// brackets are dropped.
func (w *wordWriter) foldedASCII(c byte) {
	switch {
	case c >= 'A' && c <= 'Z':
		w.letter(c + 'a' - 'A')
	case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		w.letter(c)
	case c == '\'' || c == '`':
		w.apostrophe()
	case c == '(' || c == ')' || c == '[' || c == ']' || c == '{' || c == '}':
	case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
		w.flush()
	case c < 0x20 || c == 0x7f:
	default:
		w.flush()
	}
}

// foldedRune adds a non-ASCII rune that NFKD leaves as it is, as Fold and
// Words treat it.
func (w *wordWriter) foldedRune(r rune) {
	switch {
	case unicode.Is(unicode.Mn, r):
		return // combining marks are dropped
	case unicode.IsSpace(r) || r == '\u200b':
		w.flush()
		return
	case unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Cc, r):
		return
	}
	switch f, latin := speakers.FoldRune(r); {
	case latin != "":
		w.buf = append(w.buf, latin...)
	case f == '\'':
		w.apostrophe()
	case unicode.IsLetter(f) || unicode.IsDigit(f):
		w.buf = utf8.AppendRune(w.buf, f)
	default:
		w.flush() // dashes and other marks
	}
}

// appendASCIIWords is AppendWords for ASCII text, in one pass: Fold only
// lowers case there, and "`" counts as an apostrophe.
//
// TODO(story): control characters, the line breaks and tabs among them,
// join the words around them here ("a\nb" is "ab"), where Fold's path
// makes them separate words; SimHashes are stored, so a fix needs them
// recomputed.
func appendASCIIWords(buf []byte, ends []int, text string) ([]byte, []int) {
	w := wordWriter{buf: buf, ends: ends, start: len(buf)}
	for i := 0; i < len(text); {
		switch asciiClass[text[i]] {
		case asciiKeep:
			// A run of lower-case letters and digits is copied whole.
			j := i + 1
			for j < len(text) && asciiClass[text[j]] == asciiKeep {
				j++
			}
			w.buf = append(w.buf, text[i:j]...)
			i = j
			continue
		case asciiUpper:
			w.letter(text[i] + 'a' - 'A')
		case asciiApostrophe:
			w.apostrophe()
		case asciiDrop:
			// brackets: "(H)aving" is "having"; control characters are
			// dropped by Fold
		default:
			w.flush()
		}
		i++
	}
	w.flush()
	return w.buf, w.ends
}

// What appendASCIIWords does with each ASCII character.
const (
	asciiSeparator = iota
	asciiKeep
	asciiUpper
	asciiApostrophe
	asciiDrop
)

var asciiClass = func() (t [256]uint8) {
	for c := range 128 {
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			t[c] = asciiKeep
		case 'A' <= c && c <= 'Z':
			t[c] = asciiUpper
		case c == '\'' || c == '`':
			t[c] = asciiApostrophe
		case c == '(' || c == ')' || c == '[' || c == ']' || c == '{' || c == '}', c < 0x20, c == 0x7f:
			t[c] = asciiDrop
		}
	}
	return t
}()

// appendFoldedWords is AppendWords the long way: Fold, then split.
func appendFoldedWords(buf []byte, ends []int, text string) ([]byte, []int) {
	f := speakers.Fold(text)
	f = strings.Map(func(r rune) rune {
		switch r {
		case '(', ')', '[', ']', '{', '}':
			return -1
		}
		return r
	}, f)
	for _, w := range strings.FieldsFunc(f, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'')
	}) {
		w = strings.Trim(w, "'")
		if w != "" {
			buf = append(buf, w...)
			ends = append(ends, len(buf))
		}
	}
	return buf, ends
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// SimHash returns the 64-bit SimHash of text over shingles of three
// consecutive folded words (single words when the text is shorter). Texts
// that differ in a few words differ in few bits; compare with Distance.
// An empty text hashes to 0.
func SimHash(text string) uint64 {
	words := Words(text)
	if len(words) == 0 {
		return 0
	}
	var v [64]int32
	add := func(h uint64) {
		for i := range v {
			v[i] += int32(h>>i&1)*2 - 1
		}
	}
	wh := make([]uint64, len(words))
	for i, w := range words {
		wh[i] = fnv64(w)
	}
	if len(words) < shingleSize {
		for _, h := range wh {
			add(h)
		}
	} else {
		for i := 0; i+shingleSize <= len(words); i++ {
			// Order-sensitive combination of the shingle's word hashes.
			add(mix(wh[i]*0x9e3779b97f4a7c15 ^ bits.RotateLeft64(wh[i+1], 21) ^ bits.RotateLeft64(wh[i+2], 42)))
		}
	}
	var h uint64
	for i := 0; i < 64; i++ {
		if v[i] > 0 {
			h |= 1 << i
		}
	}
	return h
}

// Distance is the Hamming distance between two SimHashes.
func Distance(a, b uint64) int { return bits.OnesCount64(a ^ b) }

// fnv64 is 64-bit FNV-1a with a final avalanche (so that shingles that
// differ in their last letters still spread over all bits). Stable across
// runs and versions: SimHashes are stored.
func fnv64(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return mix(h)
}

// mix is the splitmix64 finaliser.
func mix(h uint64) uint64 {
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	h ^= h >> 31
	return h
}

// QuoteKey returns the folded words of a quotation joined by single spaces,
// the same for the quotation as printed by different outlets.
func QuoteKey(quoteText string) string {
	return strings.Join(Words(quoteText), " ")
}

// Candidate is what SameStory needs to know of an article.
type Candidate struct {
	SimHash   uint64
	Title     string
	QuoteKeys []string // QuoteKey of each quotation in the article
	Published time.Time
}

// SameStory reports whether a and b are about the same event and why:
// near-duplicate texts, a shared quotation of at least
// MinSharedQuoteWords words, or strongly similar titles (at least half of
// their content words shared, and at least three shared) published within
// TitleWindow of each other.
func SameStory(a, b Candidate) (same bool, reason string) {
	if a.SimHash != 0 && b.SimHash != 0 {
		if d := Distance(a.SimHash, b.SimHash); d <= NearDuplicateBits {
			return true, fmt.Sprintf("near-duplicate text (SimHash distance %d)", d)
		}
	}
	if q, ok := sharedQuote(a.QuoteKeys, b.QuoteKeys); ok {
		return true, fmt.Sprintf("shared quote %q", abbreviate(q, 8))
	}
	if !a.Published.IsZero() && !b.Published.IsZero() {
		gap := a.Published.Sub(b.Published)
		if gap < 0 {
			gap = -gap
		}
		if gap <= TitleWindow {
			if j, shared := titleSimilarity(a.Title, b.Title); j >= 0.5 && shared >= 3 {
				return true, fmt.Sprintf("similar titles (%d shared words, Jaccard %.2f) %s apart",
					shared, j, days(gap))
			}
		}
	}
	return false, "no near-duplicate text, shared quote or similar title"
}

// sharedQuote finds a quotation both lists hold (equal keys, or one
// contained in the other) of at least MinSharedQuoteWords words.
func sharedQuote(a, b []string) (string, bool) {
	for _, x := range a {
		nx := wordCount(x)
		if nx < MinSharedQuoteWords {
			continue
		}
		for _, y := range b {
			ny := wordCount(y)
			if ny < MinSharedQuoteWords {
				continue
			}
			if x == y || nx < ny && containsWords(y, x) || ny < nx && containsWords(x, y) {
				if nx <= ny {
					return x, true
				}
				return y, true
			}
		}
	}
	return "", false
}

func wordCount(key string) int {
	if key == "" {
		return 0
	}
	return strings.Count(key, " ") + 1
}

// containsWords reports whether key long contains key short at word
// boundaries.
func containsWords(long, short string) bool {
	return strings.Contains(" "+long+" ", " "+short+" ")
}

// SameQuote reports whether two quotations are the same words reported
// with small differences: equal keys (so punctuation, curly quotes, case
// and ellipses at either end do not matter), one's words a contiguous part
// of the other's (the shorter holding at least five words), one an elided
// cut of the other (its parts around "…" found in order in the other), or
// a token F1 of at least 0.8 with the same facts: the same numbers, the
// same names and as many negations. The F1 alone would merge different
// statements that share most of their words ("troops in 2025" and "troops
// in 2026", "Putin is ready to talk" and "Trump is ready to talk", "we
// will act" and "we will not act"), and a quote given to the wrong words
// is as wrong as one given to the wrong person.
//
// It takes the quotations as printed: names are told by their capitals,
// which QuoteKey folds away.
func SameQuote(a, b string) bool {
	wa, wb := Words(a), Words(b)
	if len(wa) == 0 || len(wb) == 0 {
		return false
	}
	ka, kb := strings.Join(wa, " "), strings.Join(wb, " ")
	if ka == kb {
		return true
	}
	na, nb := len(wa), len(wb)
	if min(na, nb) >= 5 && (na < nb && containsWords(kb, ka) || nb < na && containsWords(ka, kb)) {
		return true
	}
	if elidedCut(a, kb) || elidedCut(b, ka) {
		return true
	}
	return tokenF1(wa, wb) >= 0.8 && sameFacts(a, b)
}

// elidedCut reports whether quote, printed with ellipses where words were
// left out ("We are following these reports… This is a cause for
// concern"), is a cut of the quotation whose key is full: its parts, in
// order, are word runs of full. The parts must hold five words in all and
// one of them three, so that a few common words cannot match by chance.
func elidedCut(quote, full string) bool {
	parts := strings.FieldsFunc(ellipsis.Replace(quote), func(r rune) bool { return r == '…' })
	if len(parts) < 2 {
		return false // no ellipsis inside: the other tests cover it
	}
	rest := " " + full + " "
	words, longest := 0, 0
	for _, p := range parts {
		k := QuoteKey(p)
		if k == "" {
			continue
		}
		i := strings.Index(rest, " "+k+" ")
		if i < 0 {
			return false
		}
		rest = rest[i+len(k)+1:]
		n := wordCount(k)
		words += n
		longest = max(longest, n)
	}
	return words >= 5 && longest >= 3
}

// ellipsis turns the ways of printing an elision into "…".
var ellipsis = strings.NewReplacer("[...]", "…", "(...)", "…", "[…]", "…", "(…)", "…", "...", "…", ". . .", "…")

// sameFacts reports whether two renderings of a quotation agree on what
// a reader takes as fact: the numbers in them (digits or number words),
// the names (words capitalised other than to start a sentence, and
// capitalised words that are not common words) and the number of
// negations ("not", "never", "n't", ...). Words that only one of them
// prints count; words both print agree whatever their case.
func sameFacts(a, b string) bool {
	fa, fb := factsOf(a), factsOf(b)
	if fa.negations != fb.negations {
		return false
	}
	for w := range fa.numbers {
		if !fb.numbers[w] {
			return false
		}
	}
	for w := range fb.numbers {
		if !fa.numbers[w] {
			return false
		}
	}
	// A name one prints must be a word of the other (in any case).
	for w := range fa.names {
		if !fb.words[w] {
			return false
		}
	}
	for w := range fb.names {
		if !fa.words[w] {
			return false
		}
	}
	return true
}

type facts struct {
	words     map[string]bool // every folded word
	numbers   map[string]bool
	names     map[string]bool
	negations int
}

func factsOf(text string) facts {
	f := facts{words: map[string]bool{}, numbers: map[string]bool{}, names: map[string]bool{}}
	for _, t := range printedWords(text) {
		for _, w := range Words(t.text) {
			f.words[w] = true
			switch {
			case isNumber(w):
				f.numbers[w] = true
			case isNegation(w):
				f.negations++
			case t.capital && w != "i" && !strings.HasPrefix(w, "i'") && (!t.initial || !commonWords[w]):
				f.names[w] = true
			}
		}
	}
	return f
}

// printedWord is a word as printed: whether it starts with a capital and
// whether it starts a sentence (where a capital says nothing).
type printedWord struct {
	text             string
	capital, initial bool
}

// printedWords splits text into words as Words does (letters, digits,
// apostrophes inside words, brackets dropped), keeping case.
func printedWords(text string) []printedWord {
	var out []printedWord
	var cur []rune
	// next: the next word starts a sentence (as the text's first does);
	// starts: the word being read does.
	next, starts := true, true
	flush := func() {
		if len(cur) > 0 {
			out = append(out, printedWord{text: string(cur), capital: unicode.IsUpper(cur[0]), initial: starts})
			cur = cur[:0]
		}
	}
	for _, r := range text {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || isApostrophe(r) && len(cur) > 0:
			if len(cur) == 0 {
				starts, next = next, false
			}
			cur = append(cur, r)
		case r == '(' || r == ')' || r == '[' || r == ']' || r == '{' || r == '}':
			// dropped, as in Words: "(W)e" is "We"
		default:
			flush()
			switch {
			case r == '.' || r == '!' || r == '?' || r == '…' || r == ':' || r == ';':
				next = true
			case unicode.IsSpace(r) || isQuoteMark(r) || isApostrophe(r):
				// neither ends nor continues a sentence
			default:
				next = false
			}
		}
	}
	flush()
	return out
}

func isApostrophe(r rune) bool {
	return r == '\'' || r == '’' || r == '‘' || r == '`' || r == 'ʼ'
}

func isQuoteMark(r rune) bool {
	return r == '"' || r == '“' || r == '”' || r == '„' || r == '«' || r == '»' || r == '‹' || r == '›'
}

func isNumber(w string) bool {
	for _, r := range w {
		if unicode.IsDigit(r) {
			return true
		}
	}
	return numberWords[w]
}

func isNegation(w string) bool {
	return negations[w] || strings.HasSuffix(w, "n't")
}

var (
	numberWords = setOf(`zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen
		fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
		hundred thousand million billion trillion dozen dozens hundreds thousands millions billions half`)
	negations = setOf(`not no never nothing nobody none neither nor cannot without nowhere`)
	// commonWords start sentences without being names: a capital on one
	// of them at the start of a sentence says nothing.
	commonWords = func() map[string]bool {
		m := setOf(`also all any as because before both but each even every first here however if just let
			many more most much now once only other perhaps since so some such that there therefore though
			today together tomorrow unless until very well yes yesterday yet me my mine us ours your yours him
			them theirs there's it's that's we're we've we'll they're they've they'll you're you've i'm`)
		for w := range stopwords {
			m[w] = true
		}
		return m
	}()
)

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// tokenF1 is the F1 of the two bags of words against each other.
func tokenF1(a, b []string) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	counts := make(map[string]int, len(a))
	for _, w := range a {
		counts[w]++
	}
	common := 0
	for _, w := range b {
		if counts[w] > 0 {
			counts[w]--
			common++
		}
	}
	if common == 0 {
		return 0
	}
	p := float64(common) / float64(len(b))
	r := float64(common) / float64(len(a))
	return 2 * p * r / (p + r)
}

// titleSimilarity is the Jaccard index of the titles' content words and
// the number of words they share.
func titleSimilarity(a, b string) (float64, int) {
	sa, sb := contentWords(a), contentWords(b)
	if len(sa) == 0 || len(sb) == 0 {
		return 0, 0
	}
	shared := 0
	for w := range sa {
		if sb[w] {
			shared++
		}
	}
	union := len(sa) + len(sb) - shared
	return float64(shared) / float64(union), shared
}

func contentWords(title string) map[string]bool {
	out := map[string]bool{}
	for _, w := range Words(title) {
		w = strings.TrimSuffix(w, "'s")
		if len(w) < 2 || stopwords[w] {
			continue
		}
		out[w] = true
	}
	return out
}

var stopwords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a an the and or but of in on at to for from by with as is are was were be been
		it its this that these those he she they we you i his her their our says said say after over amid
		into about up out new not no will would could should can may might has have had do does did than then
		how what why who when where which while live update updates news report reports video watch`) {
		m[w] = true
	}
	return m
}()

func abbreviate(key string, words int) string {
	f := strings.Fields(key)
	if len(f) <= words {
		return key
	}
	return strings.Join(f[:words], " ") + " …"
}

func days(d time.Duration) string {
	n := int(d.Round(time.Hour).Hours() / 24)
	switch n {
	case 0:
		return "less than a day"
	case 1:
		return "1 day"
	}
	return fmt.Sprintf("%d days", n)
}
