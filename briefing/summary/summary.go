// Package summary picks the few sentences of a news article that best say
// what it is about.
//
// The method is extractive and classical: each sentence is scored by its
// cosine similarity to the article's TF-IDF centroid (Radev et al.,
// "Centroid-based summarization", 2004), by its word overlap with the
// headline, and by its position (news puts the essentials first: the
// lead). Sentences are then taken greedily by score, skipping any too
// similar to one already taken (maximal marginal relevance, Carbonell and
// Goldstein 1998), and returned in article order. Sentences are never cut;
// ones that are too short, not prose (headings, captions, lines without a
// full stop), or mostly quotation are passed over while better ones exist.
//
// Words are interned into dense ids per text, so that sentence vectors are
// short slices and the centroid and document frequencies are arrays: the
// summary of an article costs a few allocations, not a map per sentence.
package summary

import (
	"bytes"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/briefbot/briefbot/briefing/sentence"
	"github.com/briefbot/briefbot/briefing/story"
)

// DefaultSentences is used when maxSentences is not positive.
const DefaultSentences = 3

const (
	minWords       = 6    // shorter sentences say too little to summarise
	maxWords       = 70   // longer ones are run-ons or flattened lists
	maxQuoteShare  = 0.6  // sentences more quotation than prose are passed over
	maxRedundancy  = 0.5  // cosine to a chosen sentence above which a candidate repeats it
	weightCentroid = 0.45 // the weights of the three scores
	weightTitle    = 0.3
	weightPosition = 0.25
)

type candidate struct {
	start, end int
	index      int    // position among all sentences
	terms      []term // its content words, each once
	norm       float64
	score      float64
	quoted     float64
	titleShare float64 // share of the headline's content words it holds
	prose      bool
}

// term is a content word of a sentence: its id in the text's vocabulary
// and its weight (first its count in the sentence, then its TF-IDF weight).
type term struct {
	id int32
	w  float64
}

// Summarize returns up to maxSentences whole sentences of text (the
// DefaultSentences when maxSentences <= 0), in article order, joined by
// single spaces. Texts with fewer usable sentences yield fewer; an empty
// text yields "".
func Summarize(title, text string, maxSentences int) string {
	if maxSentences <= 0 {
		maxSentences = DefaultSentences
	}
	spans := sentence.Split(text)
	if len(spans) == 0 {
		return ""
	}
	v := newVocabulary(len(text))
	var words wordBuf
	var titleIDs []int32
	words.split(title)
	for k := range words.ends {
		if id := v.id(words.word(k)); id >= 0 && v.mark(id, 1) {
			titleIDs = append(titleIDs, id)
		}
	}

	cands := make([]candidate, 0, len(spans))
	terms := make([]term, 0, len(text)/10) // all sentences' terms, back to back
	var lower []byte                       // scratch for captionLine
	for i, sp := range spans {
		s := text[sp.Start:sp.End]
		words.split(s)
		first := len(terms)
		stamp := int32(len(cands)) + 2 // 1 marked the headline's words
		for k := range words.ends {
			id := v.id(words.word(k))
			if id < 0 {
				continue
			}
			if v.mark(id, stamp) {
				v.termOf[id] = int32(len(terms) - first)
				terms = append(terms, term{id: id, w: 1})
				v.df[id]++
			} else {
				terms[first+int(v.termOf[id])].w++
			}
		}
		if len(terms) == first {
			continue // no content words
		}
		n := len(words.ends)
		c := candidate{start: sp.Start, end: sp.End, index: i, quoted: quotedShare(s), terms: terms[first:len(terms):len(terms)]}
		c.prose = n >= minWords && n <= maxWords && endsLikeSentence(s) && startsLikeSentence(s)
		if captionLine(text, sp.Start, sp.End, &lower) {
			c.prose = false
		}
		if len(titleIDs) > 0 {
			held := 0
			for _, id := range titleIDs {
				if v.marked[id] == stamp {
					held++
				}
			}
			c.titleShare = float64(held) / float64(len(titleIDs))
			// A headline repeated in the text is not a summary sentence.
			if c.titleShare >= 0.8 {
				c.prose = false
			}
		}
		cands = append(cands, c)
	}
	if len(cands) == 0 {
		return ""
	}
	// TF-IDF vectors and their centroid.
	n := float64(len(cands))
	centroid := make([]float64, v.size())
	for i := range cands {
		for k := range cands[i].terms {
			t := &cands[i].terms[k]
			t.w = (1 + math.Log(t.w)) * math.Log(1+n/float64(v.df[t.id]))
			centroid[t.id] += t.w / n
		}
	}
	for i := range cands {
		cands[i].norm = norm(cands[i].terms)
	}
	var centroidNorm float64
	for _, x := range centroid {
		centroidNorm += x * x
	}
	centroidNorm = math.Sqrt(centroidNorm)
	for i := range cands {
		c := &cands[i]
		pos := 1 - float64(c.index)/float64(len(spans))
		c.score = weightCentroid*cosine(c.terms, c.norm, centroid, centroidNorm) + weightTitle*c.titleShare + weightPosition*pos
	}

	order := make([]int, len(cands))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		if x, y := cands[a].score, cands[b].score; x != y {
			if x > y {
				return -1
			}
			return 1
		}
		return 0
	})
	// The centroid's memory serves to spread a candidate's vector out for
	// comparing it with the chosen sentences.
	dense := centroid
	clear(dense)
	var chosen []int
	// First pass: prose sentences that are not mostly quotation; then, if
	// the article has too few, prose with quotation; never non-prose.
	for _, allowQuotes := range []bool{false, true} {
		for _, i := range order {
			if len(chosen) == maxSentences {
				break
			}
			c := cands[i]
			if !c.prose || slices.Contains(chosen, i) || (!allowQuotes && c.quoted > maxQuoteShare) {
				continue
			}
			for _, t := range c.terms {
				dense[t.id] = t.w
			}
			redundant := false
			for _, j := range chosen {
				if cosine(cands[j].terms, cands[j].norm, dense, c.norm) > maxRedundancy {
					redundant = true
					break
				}
			}
			for _, t := range c.terms {
				dense[t.id] = 0
			}
			if !redundant {
				chosen = append(chosen, i)
			}
		}
	}
	slices.Sort(chosen)
	parts := make([]string, len(chosen))
	for k, i := range chosen {
		parts[k] = text[cands[i].start:cands[i].end]
	}
	return strings.Join(parts, " ")
}

// wordBuf holds the words of one sentence, reused from sentence to
// sentence.
type wordBuf struct {
	buf  []byte
	ends []int
}

func (b *wordBuf) split(s string) {
	b.buf, b.ends = story.AppendWords(b.buf[:0], b.ends[:0], s)
}

func (b *wordBuf) word(k int) []byte {
	start := 0
	if k > 0 {
		start = b.ends[k-1]
	}
	return b.buf[start:b.ends[k]]
}

// vocabulary interns a text's words, giving each content word (longer than
// one byte, not a stop word) a dense id, and keeps what Summarize counts
// per content word. It is an open-addressing hash table over one byte
// arena: interning allocates nothing per word.
type vocabulary struct {
	arena []byte
	ends  []int32 // word k is arena[ends[k-1]:ends[k]]
	ids   []int32 // word k's id, -1 when it is not a content word
	slots []int32 // k+1 for word k, 0 when free

	// Per content word id:
	df     []int32 // the number of sentences that hold it
	marked []int32 // the last sentence (a stamp) that holds it
	termOf []int32 // its index among that sentence's terms
}

// newVocabulary returns a vocabulary sized for a text of n bytes.
func newVocabulary(n int) *vocabulary {
	slots := 256
	for slots < n/4 {
		slots *= 2
	}
	words := n/8 + 16 // distinct words, a generous guess
	return &vocabulary{
		arena:  make([]byte, 0, n/4),
		ends:   make([]int32, 0, words),
		ids:    make([]int32, 0, words),
		slots:  make([]int32, slots),
		df:     make([]int32, 0, words),
		marked: make([]int32, 0, words),
		termOf: make([]int32, 0, words),
	}
}

// id returns w's id, or -1 when w is not a content word.
func (v *vocabulary) id(w []byte) int32 {
	h := fnv32(w)
	mask := uint32(len(v.slots) - 1)
	i := h & mask
	for ; v.slots[i] != 0; i = (i + 1) & mask {
		if k := v.slots[i] - 1; bytes.Equal(v.word(k), w) {
			return v.ids[k]
		}
	}
	id := int32(-1)
	if len(w) > 1 && !stop[string(w)] {
		id = int32(len(v.df))
		v.df = append(v.df, 0)
		v.marked = append(v.marked, 0)
		v.termOf = append(v.termOf, 0)
	}
	v.arena = append(v.arena, w...)
	v.ends = append(v.ends, int32(len(v.arena)))
	v.ids = append(v.ids, id)
	v.slots[i] = int32(len(v.ids))
	if 2*len(v.ids) > len(v.slots) {
		v.grow()
	}
	return id
}

// mark marks content word id as held by the sentence stamp, and reports
// whether it was not yet.
func (v *vocabulary) mark(id, stamp int32) bool {
	if v.marked[id] == stamp {
		return false
	}
	v.marked[id] = stamp
	return true
}

// size is the number of content words.
func (v *vocabulary) size() int { return len(v.df) }

func (v *vocabulary) word(k int32) []byte {
	start := int32(0)
	if k > 0 {
		start = v.ends[k-1]
	}
	return v.arena[start:v.ends[k]]
}

// grow doubles the table, keeping it at most half full.
func (v *vocabulary) grow() {
	v.slots = make([]int32, 2*len(v.slots))
	mask := uint32(len(v.slots) - 1)
	for k := range v.ids {
		i := fnv32(v.word(int32(k))) & mask
		for v.slots[i] != 0 {
			i = (i + 1) & mask
		}
		v.slots[i] = int32(k + 1)
	}
}

// fnv32 is 32-bit FNV-1a.
func fnv32(b []byte) uint32 {
	h := uint32(2166136261)
	for _, c := range b {
		h ^= uint32(c)
		h *= 16777619
	}
	return h
}

// captionLine reports whether the sentence text[start:end] is in a photo
// caption: a line that ends with a credit in brackets or after a slash
// ("(Contributor/Getty Images)", "/ Reuters", "Photo: AFP"). scratch is a
// buffer it reuses.
func captionLine(text string, start, end int, scratch *[]byte) bool {
	// Captions are short lines. Looking no further than maxCaption bytes
	// keeps this constant per sentence, so a megabyte-long paragraph
	// costs linear time, not a rescan of its rest for every sentence.
	const maxCaption = 600
	if end-start > maxCaption {
		return false
	}
	rest := text[end:min(len(text), start+maxCaption+1)]
	lineEnd := strings.IndexByte(rest, '\n')
	if lineEnd < 0 {
		if end+len(rest) < len(text) {
			return false // the line runs on past any caption's length
		}
		lineEnd = len(text)
	} else {
		lineEnd += end
	}
	line := strings.TrimSpace(text[start:lineEnd])
	if strings.HasSuffix(line, ")") {
		if open := strings.LastIndexByte(line, '('); open >= 0 {
			*scratch = lowerForMatch((*scratch)[:0], line[open:])
			for _, w := range []string{"/", "images", "photo", "getty", "reuters", "afp", "ap photo", "courtesy", "credit"} {
				if bytes.Contains(*scratch, []byte(w)) {
					return true
				}
			}
		}
	}
	if strings.IndexByte(line, '/') < 0 && strings.IndexByte(line, ':') < 0 {
		return false // every credit below has one or the other
	}
	*scratch = lowerForMatch((*scratch)[:0], line)
	for _, p := range []string{"/ reuters", "/ afp", "/ ap", "photo:", "image:", "photograph:", "images source:"} {
		if bytes.Contains(*scratch, []byte(p)) {
			return true
		}
	}
	return false
}

// lowerForMatch appends s in lower case to dst for finding ASCII words in
// it: an ASCII string occurs in the result exactly where it occurs in
// strings.ToLower(s). Each rune becomes one byte: ASCII in lower case, the
// two runes whose lower case is ASCII (İ is i, the Kelvin sign k) as that,
// and any other rune 0x80, which no ASCII string holds.
func lowerForMatch(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch r {
		case '\u0130':
			dst = append(dst, 'i')
		case '\u212a':
			dst = append(dst, 'k')
		default:
			dst = append(dst, utf8.RuneSelf)
		}
	}
	return dst
}

// quotedShare is the fraction of the sentence's letters inside double
// quotation marks (" “ ” « » „).
func quotedShare(s string) float64 {
	inside, letters := 0, 0
	open := false
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			i++
			if c == '"' {
				open = !open
			} else if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
				letters++
				if open {
					inside++
				}
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch r {
		case '“', '«', '„':
			open = true
			continue
		case '”', '»':
			open = false
			continue
		}
		if unicode.IsLetter(r) {
			letters++
			if open {
				inside++
			}
		}
	}
	if letters == 0 {
		return 0
	}
	return float64(inside) / float64(letters)
}

func endsLikeSentence(s string) bool {
	s = strings.TrimRight(s, "\"'”’»)] ")
	r, _ := utf8.DecodeLastRuneInString(s)
	return r == '.' || r == '!' || r == '?' || r == '…'
}

func startsLikeSentence(s string) bool {
	s = strings.TrimLeft(s, "\"'“‘«„([ ")
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

var stop = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a an the and or but nor of in on at to for from by with as is are was were be been being
		it its it's this that these those he she they we you i me him her them us his hers their theirs our ours your my
		said says say told added also has have had do does did not no than then there here which who whom whose what when
		where why how all any both each more most other some such only own same so too very can will just should would could
		may might must about into over after before under again further once while during up down out off if because until
		against between through above below one two`) {
		m[w] = true
	}
	return m
}()

// cosine is the cosine similarity of a sentence's vector and a dense
// vector, with their norms.
func cosine(a []term, na float64, b []float64, nb float64) float64 {
	if na == 0 || nb == 0 {
		return 0
	}
	var dot float64
	for _, t := range a {
		dot += t.w * b[t.id]
	}
	return dot / (na * nb)
}

func norm(v []term) float64 {
	var s float64
	for _, t := range v {
		s += t.w * t.w
	}
	return math.Sqrt(s)
}
