// Package quotes finds the quotations and the reported speech in a news
// article and attributes each to its speaker.
//
// It follows shared/eval/GUIDELINES.md: direct quotes in every quotation
// style, partial quotes woven into the reporter's sentence, multi-paragraph
// quotes, quotes split by their attribution, indirect speech introduced by a
// speech verb, and unmarked first-person speech. Speakers are resolved from
// "X said", "said X", appositions (one or two: "Omar Castell, a senior
// analyst at Northwind, the research group, told"), titles ("Czech
// President Petr Pavel": name and role apart), people of a body ("Ruth
// Okonjo of the Calder Institute"), "according to X" before or after the
// clause, speaker labels (`Vance: "..."`), pronouns and role nouns ("she
// added", "the spokesman said", a headline's "..., mayor says"), and
// bodies and anonymous sources ("a person briefed on the talks said").
//
// The rule that governs every choice: a quote given to the wrong person is
// the worst defect, so where the text does not settle who spoke, the speaker
// is left empty. All work is one pass over paragraphs and sentences with
// bounded look-around, so time is linear in the input.
package quotes

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// Quote is one attributed statement. Text is text[Start:End] of the input.
type Quote struct {
	Speaker  string // fullest name in the article, "anonymous", or "" when unknown
	Role     string // title or role kept apart from the name
	Text     string
	Kind     string // "direct", "partial", "indirect" or "unmarked"
	Evidence string // why this speaker
	Start    int
	End      int
}

// Speaker is one person or body quoted in the article.
type Speaker struct {
	Name    string
	Aliases []string
	Role    string
	Org     bool
}

// Result holds an article's quotes in order of appearance and its speakers
// in order of first quote.
type Result struct {
	Quotes   []Quote
	Speakers []Speaker
}

// The kinds of quote.
const (
	Direct   = "direct"
	Partial  = "partial"
	Indirect = "indirect"
	Unmarked = "unmarked"
)

// minWords: quoted fragments shorter than this are not quotes (guidelines).
const minWords = 4

type rawQuote struct {
	start, end int
	kind       string
	ent        *entity
	role       string
	evidence   string
	para       int
	chain      bool // part of a multi-paragraph quotation
}

type pendingQuote struct {
	pi int
	q  qspan
}

type para struct {
	s, e   int
	quotes []qspan
	toks   []token
	// speaker is the one speaker of the paragraph (nil: several) once
	// noted is set (see notePara); quoted: it has a quotation with a
	// speaker.
	speaker       *entity
	noted, quoted bool
}

type event struct {
	verb             int // token index of the verb, -1 for "according to"
	npS, npE         int // subject tokens
	phraseS, phraseE int // tokens of the whole attribution
	trailing         bool
	clauseS, clauseE int // reported clause after the verb; clauseS < 0 when none
	ent              *entity
	role             string
	evidence         string
	docOnly          bool // "according to the plan": attributes quotes only
	pos              int  // byte offset of the subject
	sentStart        int  // first token of the sentence
	blocked          bool // several speakers: attribute to no one
	according        bool // a trailing "according to X"
	reportsBefore    bool // "CLAUSE, he said.": the attribution ends the sentence
}

type extractor struct {
	text  string
	paras []para
	// toks holds all the tokens of the text, paragraph after paragraph;
	// each paragraph's toks is its part of it.
	toks []token
	// lowerBuf holds the lower-case forms of the text's capitalised
	// ASCII words, back to back (see lowerWord).
	lowerBuf strings.Builder
	// nameWords counts the name words (isNameWord) among the tokens, to
	// size the tables of names.
	nameWords int
	reg       *registry
	quotes    []rawQuote
	mentions  []mention
	excluded  [][2]int // quotations, in order
	// speakerKeys: surname keys of names followed by a speech verb
	// somewhere in the text ("Vance told ...").
	speakerKeys map[string]bool
	// lowerWords holds words the text prints in lower case, to tell a
	// capitalised common noun opening a sentence from a name (see
	// printsLower).
	lowerWords map[string]bool
	clauses    [][2]int // reported clauses, in the order found
	// evBuf is the array events reuses: a sentence's events are done
	// with before the next sentence's are found. bounds and capped are
	// those of paragraph, for its sentences.
	evBuf          []event
	bounds, capped [][2]int
	// sentClauses: reported clauses of the sentence being parsed, not yet
	// in clauses.
	sentClauses [][2]int

	chainEnt  *entity // speaker of a quotation that runs on into chainPara
	chainPara int
	pending   []pendingQuote // run-on quotations awaiting their attribution

	last     *entity
	lastPos  int
	lastPara int
}

// Extract finds the quotes of an article's text: paragraphs separated by
// blank lines, or a raw page dump with one paragraph a line. A headline
// kept apart from the text ("..., Peskov says") is best passed in as the
// first paragraph (title + "\n\n" + text); offsets are into the string given.
// Quotes without a speaker the text makes certain are either left out (no
// attribution at all) or kept with Speaker "" (an attribution that cannot be
// resolved safely, such as "he said" after two men were named).
func Extract(text string) Result {
	x := &extractor{text: text, lastPara: -10, speakerKeys: map[string]bool{}, chainPara: -1}
	x.split()
	x.reg = newRegistry(x.nameWords)
	x.mentions = make([]mention, 0, x.nameWords/2)
	x.quotes = make([]rawQuote, 0, len(x.excluded)) // about a quote a quotation
	x.collectNames()
	for i := range x.paras {
		x.paragraph(i)
	}
	x.dropPending()
	sort.SliceStable(x.quotes, func(i, j int) bool { return x.quotes[i].start < x.quotes[j].start })
	res := Result{}
	if len(x.quotes) > 0 {
		res.Quotes = make([]Quote, 0, len(x.quotes))
	}
	for _, q := range x.quotes {
		out := Quote{Text: text[q.start:q.end], Kind: q.kind, Start: q.start, End: q.end, Evidence: q.evidence, Role: q.role}
		if q.ent != nil {
			out.Speaker = q.ent.name
			if out.Role == "" {
				out.Role = q.ent.role
			}
		}
		res.Quotes = append(res.Quotes, out)
	}
	res.Speakers = speakersOf(x.quotes)
	return res
}

// split cuts the text into paragraphs (lines), finds their quotations and
// tokens.
func (x *extractor) split() {
	text := x.text
	// Counted first, the paragraphs fill an array of their own size.
	n := 0
	for range x.lines {
		n++
	}
	x.paras = make([]para, 0, n)
	for ps, pe := range x.lines {
		x.paras = append(x.paras, para{s: ps, e: pe})
	}
	for i := range x.paras {
		p := &x.paras[i]
		p.quotes = findQuotes(text, p.s, p.e)
		// A quotation runs on only if the next paragraph opens with a mark.
		if n := len(p.quotes); n > 0 && p.quotes[n-1].runOn {
			if i+1 >= len(x.paras) || !opensWithMark(text[x.paras[i+1].s:x.paras[i+1].e]) {
				p.quotes = p.quotes[:n-1]
			}
		}
	}
	// The tokens of all paragraphs share one array, sized for about a
	// token per five bytes outside quotations; each paragraph's slice is
	// capped at its own tokens, so appending to one never touches the next.
	n = 0
	for _, p := range x.paras {
		n += (p.e-p.s)/5 + 1
		for _, q := range p.quotes {
			n += 1 - (q.close-q.open)/5
		}
	}
	all := make([]token, 0, n)
	x.lowerBuf.Grow(len(text) / 4)
	for i := range x.paras {
		p := &x.paras[i]
		first := len(all)
		pos := p.s
		for qi, q := range p.quotes {
			all = x.tokenize(pos, q.open, all)
			all = append(all, quoteToken(q.open, q.close, qi))
			pos = q.close
		}
		all = x.tokenize(pos, p.e, all)
		p.toks = all[first:len(all):len(all)]
		for _, q := range p.quotes {
			x.excluded = append(x.excluded, [2]int{q.open, q.close})
		}
	}
	x.toks = all
}

// lines yields the start and end of each line of the text that is not
// blank, without the white space around it.
func (x *extractor) lines(yield func(s, e int) bool) {
	text := x.text
	for s := 0; s < len(text); {
		e := strings.IndexByte(text[s:], '\n')
		if e < 0 {
			e = len(text)
		} else {
			e += s
		}
		ps, pe := s, e
		for ps < pe && isSpaceByte(text[ps]) {
			ps++
		}
		for pe > ps && isSpaceByte(text[pe-1]) {
			pe--
		}
		if ps < pe && !yield(ps, pe) {
			return
		}
		s = e + 1
	}
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f' }

func opensWithMark(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r == '"' || r == '“' || r == '„' || r == '«'
}

// collectNames registers every full name (two words or more) the text gives,
// with the title or apposition around it, and records where people are
// mentioned.
func (x *extractor) collectNames() {
	for pi := range x.paras {
		toks := x.paras[pi].toks
		for i := 0; i < len(toks); i++ {
			if !isNameWord(toks[i]) || (i > 0 && isNameWord(toks[i-1])) {
				continue
			}
			j := i + 1
			for j < len(toks) && j-i < 6 {
				if isNameWord(toks[j]) {
					j++
					continue
				}
				if k := particlesEnd(toks, j); k > j && k < len(toks) && isNameWord(toks[k]) {
					j = k
					continue
				}
				break
			}
			// Particles that open the name: "van der Berg said".
			for i > 0 && j-i < 5 && toks[i-1].isWord() && !toks[i-1].cap && nameParticles[toks[i-1].lower] && (i < 2 || !isNameWord(toks[i-2])) {
				i--
			}
			// A possessive right after the name ends it ("Putin's").
			if j < len(toks) && toks[j].cap && (strings.HasSuffix(toks[j].lower, "'s") || strings.HasSuffix(toks[j].lower, "’s")) && j-i < 4 {
				j++
			}
			n := 0 // name words, particles aside
			for _, t := range toks[i:j] {
				if t.cap {
					n++
				}
			}
			if n > 4 || n == 0 {
				i = j
				continue
			}
			name := x.nameText(toks[i:j])
			if !x.personLike(toks[i:j]) {
				i = j - 1
				continue
			}
			if n >= 2 {
				e := x.reg.person(name)
				if role := x.roleBefore(toks, i); role != "" {
					e.setRole(role)
				}
				if role := x.roleAfter(toks, j); role != "" {
					e.setRole(role)
				}
			}
			subject := j < len(toks) && toks[j].isWord() && !toks[j].cap && verbish(toks[j].lower)
			if subject {
				if _, speaks := speechVerbs[toks[j].lower]; speaks && len(x.speakerKeys) < 1<<12 {
					x.speakerKeys[x.reg.parts(name).key] = true
				}
			}
			// A mention for now; which ones count is known once every
			// full name is registered (below).
			x.mentions = append(x.mentions, mention{pos: toks[i].s, para: pi, name: name, subject: subject})
			i = j - 1
		}
	}
	kept := x.mentions[:0] // filtered in place
	for _, m := range x.mentions {
		parts := x.reg.parts(m.name)
		// A lone word counts when it names a known person, or someone who
		// acts ("Erdogan met ..."): then "he" may no longer be the speaker.
		if parts.words == 1 && x.reg.lookupPerson(m.name) == nil && !m.subject {
			continue
		}
		m.key = parts.key
		kept = append(kept, m)
	}
	x.mentions = kept
}

// printsLower: the text prints the capitalised word t in lower case too.
// Most articles never ask, so the set of words printed in lower case (the
// first 1<<16 different ones, a bound on its memory) is made on the first
// question.
func (x *extractor) printsLower(t token) bool {
	if x.lowerWords == nil {
		x.lowerWords = make(map[string]bool, min(len(x.toks)/4, 1<<14))
		for _, w := range x.toks {
			if w.isWord() && !w.cap && len(x.lowerWords) < 1<<16 {
				x.lowerWords[w.lower] = true
			}
		}
	}
	return x.lowerWords[t.lower]
}

// particlesEnd: the index after up to two name particles from j ("van
// der", "de la"), or j when there is none.
func particlesEnd(toks []token, j int) int {
	k := j
	for k < len(toks) && k-j < 2 && toks[k].isWord() && !toks[k].cap && nameParticles[toks[k].lower] {
		k++
	}
	return k
}

// nameText is the text of name tokens, without a possessive ending.
func (x *extractor) nameText(toks []token) string {
	s := x.text[toks[0].s:toks[len(toks)-1].e]
	s = strings.TrimSuffix(s, "'s")
	s = strings.TrimSuffix(s, "’s")
	return s
}

// personLike: a name run that is not a known body, place or acronym.
func (x *extractor) personLike(toks []token) bool {
	for _, t := range toks {
		w := strings.TrimSuffix(strings.TrimSuffix(t.lower, "'s"), "’s")
		if knownOrgs[w] || notPerson[w] || orgNouns[w] || isAcronym(x.text[t.s:t.e]) {
			return false
		}
	}
	return true
}

// roleBefore: the title words right before a name ("Czech President",
// "Kremlin spokesperson", "the spokesman for the Russian leader,").
func (x *extractor) roleBefore(toks []token, i int) string {
	j := i
	hasRole := false
	for j > 0 && i-j < 7 {
		t := toks[j-1]
		if !t.isWord() {
			break
		}
		switch {
		case titleWords[t.lower] || isRole(t.lower):
			hasRole = true
		case t.lower == "of" && j-1 > 0 && toks[j-2].cap:
		case t.cap && !functionWords[t.lower]:
		case strings.HasSuffix(t.lower, "'s") || strings.HasSuffix(t.lower, "’s"):
		default:
			goto done
		}
		j--
	}
done:
	if !hasRole || j == i {
		// Apposition before the name: "the spokesman for X, Name".
		if i >= 2 && toks[i-1].punct == ',' {
			k := i - 2
			has := false
			for k >= 0 && i-k < 12 && toks[k].isWord() {
				if isRole(toks[k].lower) {
					has = true
				}
				if toks[k].lower == "the" && has && (k == 0 || !toks[k-1].isWord() || toks[k-1].lower == "by") {
					return x.text[toks[k].s:toks[i-2].e]
				}
				k--
			}
		}
		return ""
	}
	for j < i && !toks[j].cap && !titleWords[toks[j].lower] && !isRole(toks[j].lower) {
		j++
	}
	if j >= i {
		return ""
	}
	return x.text[toks[j].s:toks[i-1].e]
}

// roleAfter: an apposition after a name ("Dmitry Peskov, the Kremlin
// spokesman,").
func (x *extractor) roleAfter(toks []token, j int) string {
	if j+2 >= len(toks) || toks[j].punct != ',' || (toks[j+1].lower != "the" && toks[j+1].lower != "a") {
		return ""
	}
	k := j + 2
	has := false
	for k < len(toks) && k-j < 12 && toks[k].isWord() {
		if isRole(toks[k].lower) || titleWords[toks[k].lower] {
			has = true
		}
		k++
	}
	if !has {
		return ""
	}
	return x.text[toks[j+1].s:toks[k-1].e]
}

// verbish: a lower-case word that is likely a finite verb after a name.
func verbish(w string) bool {
	if _, ok := speechVerbs[w]; ok {
		return true
	}
	switch w {
	case "met", "spoke", "went", "came", "took", "gave", "made", "won", "lost", "led", "left",
		"sent", "held", "ran", "sat", "saw", "got", "had", "has", "is", "was", "will", "would",
		"can", "could", "may", "might", "must", "should", "did", "does", "also", "then", "later":
		return true
	}
	return len(w) > 3 && (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"))
}
