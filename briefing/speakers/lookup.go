package speakers

import (
	"cmp"
	"fmt"
	"math/bits"
	"slices"
	"sort"
	"strings"

	"github.com/agnivade/levenshtein"
)

// Candidate is one speaker offered for what a user typed.
type Candidate struct {
	Known
	Score  float64 // 0..1; 1 is an exact name
	Reason string  // how the query matched ("surname", "prefix of peskov", "1 typo in peskov")
}

// Scores of one query word against one name word. Exact surnames rank
// above other exact words, any exact or spelling-variant word above a
// prefix, and a prefix above a typo.
const (
	scoreExactSurname = 1.0
	scoreExact        = 0.92
	scoreVariant      = 0.9
	scorePrefixSur    = 0.85
	scorePrefix       = 0.8
	scoreTypo         = 0.7 // minus 0.1 per edit
)

// Index ranks known speakers for user input. Build it once per set of
// speakers with NewIndex; it is read-only afterwards and safe for
// concurrent use.
type Index struct {
	known    []Known
	words    [][]posting          // each entry's name words
	postings []posting            // every folded name word, sorted, for prefix search
	variants map[string][]posting // transliteration skeleton → words
	fuzzy    []fuzzyWord          // distinct skeletons, for typo search
}

type posting struct {
	word    string
	entry   int32
	surname bool
}

type fuzzyWord struct {
	skel     string
	mask     uint32
	postings []posting
}

// NewIndex indexes the names and aliases of known. The order of known is
// the tie-break among equal scores, so pass the most quoted speakers first.
func NewIndex(known []Known) *Index {
	ix := &Index{known: known, variants: make(map[string][]posting), words: make([][]posting, len(known))}
	for i, k := range known {
		seen := map[string]bool{}
		for _, s := range append([]string{k.Name}, k.Aliases...) {
			p := parse(s)
			if k.Org && !p.org {
				p = orgParsed(p)
			}
			surname := map[string]bool{}
			if !p.org && len(p.tokens) > 0 {
				for _, t := range strings.Fields(p.raw) {
					surname[t] = true
				}
			}
			words := p.tokens
			if !p.org && len(words) > 0 {
				if bare := stripArticle(words[len(words)-1]); bare != words[len(words)-1] {
					// "Assad" finds Bashar al-Assad.
					words = append(slices.Clip(words), bare)
					surname[bare] = true
				}
			}
			for _, t := range words {
				if seen[t] {
					continue
				}
				seen[t] = true
				ps := posting{word: t, entry: int32(i), surname: surname[t] || p.org}
				ix.postings = append(ix.postings, ps)
				ix.words[i] = append(ix.words[i], ps)
				sk := skeleton(t)
				ix.variants[sk] = append(ix.variants[sk], ps)
			}
		}
	}
	slices.SortFunc(ix.postings, func(a, b posting) int {
		return cmp.Or(strings.Compare(a.word, b.word), cmp.Compare(a.entry, b.entry))
	})
	for sk, ps := range ix.variants {
		ix.fuzzy = append(ix.fuzzy, fuzzyWord{skel: sk, mask: letterMask(sk), postings: ps})
	}
	slices.SortFunc(ix.fuzzy, func(a, b fuzzyWord) int { return strings.Compare(a.skel, b.skel) })
	return ix
}

// Lookup ranks the known speakers for a query, best first, at most limit of
// them. It builds an Index each call; callers that look up repeatedly
// (autocomplete) should keep an Index.
func Lookup(query string, known []Known, limit int) []Candidate {
	return NewIndex(known).Lookup(query, limit)
}

// wordHit is the best match of one query word in one entry.
type wordHit struct {
	score float64
	kind  hitKind
	word  string // the name word matched
	query string // the query word
	edits int
}

type hitKind uint8

const (
	hitExactSurname hitKind = iota
	hitExact
	hitVariant
	hitPrefix
	hitTypo
)

func (h wordHit) reason() string {
	switch h.kind {
	case hitExactSurname:
		return "surname " + h.word
	case hitExact:
		return "name " + h.word
	case hitVariant:
		return "spelling variant " + h.query + "~" + h.word
	case hitPrefix:
		return "prefix of " + h.word
	}
	return fmt.Sprintf("%d typo(s) in %s", h.edits, h.word)
}

// Lookup ranks the indexed speakers for what a user typed. It forgives
// case, diacritics, transliteration variants ("zelenskyy" finds
// Zelensky), a surname alone, a prefix of any name word (for
// autocomplete: "pes" finds Peskov) and typos (one edit in words of four
// to six letters, two in longer ones: "pesk0v", "peksov"); typos are
// tried only when exact, variant and prefix matches leave room. Every
// query word must match some word of the speaker's name or aliases; titles
// typed along ("president zelensky") are ignored. An empty query lists the
// first limit speakers in index order.
func (ix *Index) Lookup(query string, limit int) []Candidate {
	if limit <= 0 {
		return nil
	}
	words := queryWords(query)
	if len(words) == 0 {
		if strings.TrimSpace(query) != "" {
			return nil
		}
		out := make([]Candidate, 0, min(limit, len(ix.known)))
		for _, k := range ix.known[:min(limit, len(ix.known))] {
			out = append(out, Candidate{Known: k})
		}
		return out
	}
	// levels[i][e] is the best score (in hundredths) of query word i in
	// entry e; 0 when it does not match.
	levels := make([][]uint8, len(words))
	for i, w := range words {
		levels[i] = make([]uint8, len(ix.known))
		ix.matchWord(w, levels[i], false)
	}
	top := ix.rank(levels, limit)
	if len(top) < limit && (len(top) == 0 || top[0].score < scoreVariant) {
		// Not enough by exact, variant and prefix: forgive typos too.
		for i, w := range words {
			ix.matchWord(w, levels[i], true)
		}
		top = ix.rank(levels, limit)
	}
	out := make([]Candidate, len(top))
	for i, r := range top {
		reasons := make([]string, 0, len(words))
		for _, w := range words {
			reasons = append(reasons, explain(w, ix.words[r.e]).reason())
		}
		out[i] = Candidate{Known: ix.known[r.e], Score: r.score, Reason: strings.Join(reasons, "; ")}
	}
	return out
}

type ranked struct {
	e     int32
	score float64
}

// rank returns the best limit entries matched by every query word, by
// mean score, ties in index order.
func (ix *Index) rank(levels [][]uint8, limit int) []ranked {
	top := make([]ranked, 0, limit)
	for e := range ix.known {
		sum := 0
		for _, l := range levels {
			if l[e] == 0 {
				sum = -1
				break
			}
			sum += int(l[e])
		}
		if sum < 0 {
			continue
		}
		s := float64(sum) / float64(100*len(levels))
		if len(top) == limit && s <= top[limit-1].score {
			continue
		}
		// Insert after every entry scoring at least s (earlier entries win ties).
		j := len(top)
		for j > 0 && top[j-1].score < s {
			j--
		}
		if len(top) < limit {
			top = append(top, ranked{})
		}
		copy(top[j+1:], top[j:len(top)-1])
		top[j] = ranked{int32(e), s}
	}
	return top
}

// queryWords folds the query into words, dropping titles and roles when
// other words remain.
func queryWords(q string) []string {
	all := cleanTokens(Fold(q))
	var named []string
	for _, t := range all {
		if !isRoleWord(t) || ambiguousRoles[t] {
			named = append(named, t)
		}
	}
	if len(named) > 0 {
		return named
	}
	return all
}

func level(s float64) uint8 { return uint8(s*100 + 0.5) }

// matchWord raises level[e] for the entries with a word matching w:
// exactly, as a transliteration variant or as a prefix, or (typos) within
// the edit distance allowed for its length.
func (ix *Index) matchWord(w string, lv []uint8, typos bool) {
	set := func(e int32, s float64) {
		if l := level(s); lv[e] < l {
			lv[e] = l
		}
	}
	if typos {
		maxEdits := allowedEdits(w)
		if maxEdits == 0 {
			return
		}
		sk := skeleton(w)
		mask := letterMask(sk)
		for _, f := range ix.fuzzy {
			if d := len(f.skel) - len(sk); d > maxEdits || -d > maxEdits {
				continue
			}
			if bits.OnesCount32(f.mask^mask) > 2*maxEdits {
				continue
			}
			d := editDistance(sk, f.skel)
			if d == 0 || d > maxEdits {
				continue
			}
			for _, p := range f.postings {
				set(p.entry, scoreTypo-0.1*float64(d))
			}
		}
		return
	}
	i := sort.Search(len(ix.postings), func(i int) bool { return ix.postings[i].word >= w })
	for ; i < len(ix.postings) && strings.HasPrefix(ix.postings[i].word, w); i++ {
		p := ix.postings[i]
		set(p.entry, wordScore(w, p).score)
	}
	for _, p := range ix.variants[skeleton(w)] {
		set(p.entry, scoreVariant)
	}
}

func allowedEdits(w string) int {
	switch n := len(w); {
	case n >= 7:
		return 2
	case n >= 4:
		return 1
	}
	return 0
}

// editDistance is the Levenshtein distance, counting a swap of two
// adjacent letters as one edit ("peksov": one slip, not two).
func editDistance(a, b string) int {
	d := levenshtein.ComputeDistance(a, b)
	if d == 2 && transposed(a, b) {
		return 1
	}
	return d
}

// wordScore scores an exact or prefix match of query word w on p.
func wordScore(w string, p posting) wordHit {
	h := wordHit{word: p.word, query: w}
	switch {
	case p.word == w && p.surname:
		h.kind, h.score = hitExactSurname, scoreExactSurname
	case p.word == w:
		h.kind, h.score = hitExact, scoreExact
	case p.surname:
		h.kind, h.score = hitPrefix, scorePrefixSur
	default:
		h.kind, h.score = hitPrefix, scorePrefix
	}
	return h
}

// explain finds how query word w matched one entry's words, for the reason
// shown to the user.
func explain(w string, ps []posting) wordHit {
	var best wordHit
	sk := skeleton(w)
	for _, p := range ps {
		var h wordHit
		switch {
		case strings.HasPrefix(p.word, w):
			h = wordScore(w, p)
		case skeleton(p.word) == sk:
			h = wordHit{score: scoreVariant, kind: hitVariant, word: p.word, query: w}
		default:
			d := editDistance(sk, skeleton(p.word))
			if d == 0 || d > allowedEdits(w) {
				continue
			}
			h = wordHit{score: scoreTypo - 0.1*float64(d), kind: hitTypo, word: p.word, query: w, edits: d}
		}
		if h.score > best.score {
			best = h
		}
	}
	return best
}

// letterMask sets one bit per letter present, so words differing in more
// letters than the allowed edits can be skipped before edit distance.
func letterMask(s string) uint32 {
	var m uint32
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' {
			m |= 1 << (c - 'a')
		} else {
			m |= 1 << (26 + c%6)
		}
	}
	return m
}

// transposed reports whether a and b differ only by two adjacent letters
// swapped.
func transposed(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
}
