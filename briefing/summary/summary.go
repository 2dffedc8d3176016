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
package summary

import (
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
	index      int // position among all sentences
	vec        map[string]float64
	norm       float64
	score      float64
	quoted     float64
	prose      bool
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
	titleWords := contentSet(story.Words(title))

	var cands []candidate
	df := map[string]int{}
	for i, sp := range spans {
		s := text[sp.Start:sp.End]
		all := story.Words(s)
		n := len(all)
		words := content(all)
		if len(words) == 0 {
			continue
		}
		c := candidate{start: sp.Start, end: sp.End, index: i, quoted: quotedShare(s)}
		c.prose = n >= minWords && n <= maxWords && endsLikeSentence(s) && startsLikeSentence(s)
		if captionLine(text, sp.Start, sp.End) {
			c.prose = false
		}
		// A headline repeated in the text is not a summary sentence.
		if len(titleWords) > 0 && overlap(contentSet(words), titleWords) >= 0.8 {
			c.prose = false
		}
		c.vec = map[string]float64{}
		for _, w := range words {
			c.vec[w]++
		}
		for w := range c.vec {
			df[w]++
		}
		cands = append(cands, c)
	}
	if len(cands) == 0 {
		return ""
	}
	// TF-IDF vectors and their centroid.
	n := float64(len(cands))
	centroid := map[string]float64{}
	for i := range cands {
		for w, tf := range cands[i].vec {
			v := (1 + math.Log(tf)) * math.Log(1+n/float64(df[w]))
			cands[i].vec[w] = v
			centroid[w] += v / n
		}
	}
	for i := range cands {
		cands[i].norm = norm(cands[i].vec)
	}
	centroidNorm := norm(centroid)
	for i := range cands {
		c := &cands[i]
		pos := 1 - float64(c.index)/float64(len(spans))
		titleSim := 0.0
		if len(titleWords) > 0 {
			titleSim = overlap(keys(c.vec), titleWords)
		}
		c.score = weightCentroid*cosine(c.vec, c.norm, centroid, centroidNorm) + weightTitle*titleSim + weightPosition*pos
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
			redundant := false
			for _, j := range chosen {
				if cosine(c.vec, c.norm, cands[j].vec, cands[j].norm) > maxRedundancy {
					redundant = true
					break
				}
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

// captionLine reports whether the sentence text[start:end] is in a photo
// caption: a line that ends with a credit in brackets or after a slash
// ("(Contributor/Getty Images)", "/ Reuters", "Photo: AFP").
func captionLine(text string, start, end int) bool {
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
			credit := strings.ToLower(line[open:])
			for _, w := range []string{"/", "images", "photo", "getty", "reuters", "afp", "ap photo", "courtesy", "credit"} {
				if strings.Contains(credit, w) {
					return true
				}
			}
		}
	}
	lower := strings.ToLower(line)
	for _, p := range []string{"/ reuters", "/ afp", "/ ap", "photo:", "image:", "photograph:", "images source:"} {
		if strings.Contains(lower, p) {
			return true
		}
	}
	return false
}

// quotedShare is the fraction of the sentence's letters inside double
// quotation marks (" “ ” « » „).
func quotedShare(s string) float64 {
	inside, letters := 0, 0
	open := false
	for _, r := range s {
		switch r {
		case '"':
			open = !open
			continue
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

func content(words []string) []string {
	out := words[:0:0]
	for _, w := range words {
		if len(w) > 1 && !stop[w] {
			out = append(out, w)
		}
	}
	return out
}

func contentSet(words []string) map[string]bool {
	m := map[string]bool{}
	for _, w := range content(words) {
		m[w] = true
	}
	return m
}

func keys(m map[string]float64) map[string]bool {
	out := make(map[string]bool, len(m))
	for k := range m {
		out[k] = true
	}
	return out
}

// overlap is the share of b's words that a holds.
func overlap(a, b map[string]bool) float64 {
	if len(b) == 0 {
		return 0
	}
	n := 0
	for w := range b {
		if a[w] {
			n++
		}
	}
	return float64(n) / float64(len(b))
}

// cosine is the cosine similarity of two vectors with their norms; it
// iterates over the smaller one only.
func cosine(a map[string]float64, na float64, b map[string]float64, nb float64) float64 {
	if na == 0 || nb == 0 {
		return 0
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	var dot float64
	for w, x := range a {
		dot += x * b[w]
	}
	return dot / (na * nb)
}

func norm(v map[string]float64) float64 {
	var s float64
	for _, x := range v {
		s += x * x
	}
	return math.Sqrt(s)
}
