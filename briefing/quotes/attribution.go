package quotes

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/briefbot/briefbot/briefing/sentence"
)

// quotedVerbs: "quoted X as saying" makes X the speaker.
var quotedVerbs = set("quoted", "quotes", "quoting", "cited", "cites", "citing")

// pastTenseClauseVerbs rarely take a noun-phrase object, so a past-tense
// verb after them marks a reported clause.
var pastTenseClauseVerbs = set("say", "tell", "add", "claim", "insist", "argue", "write", "warn",
	"note", "explain", "state", "stress", "predict", "report")

// prepositions before a noun phrase make it an object, not a subject.
var prepositions = set("above", "below", "with", "by", "of", "for", "in", "at", "on", "to", "from",
	"about", "against", "over", "under", "after", "before", "than", "into", "onto", "upon",
	"between", "among", "amid", "despite", "without", "within", "toward", "towards", "via",
	"across", "through", "beyond", "behind", "near", "like", "unlike", "around", "outside",
	"inside", "throughout", "along", "alongside", "beside", "past", "opposite")

// determiners open a speaker's noun phrase.
var determiners = set("the", "a", "an", "his", "her", "their", "its", "our")

// attachPreps attach a phrase to a speaker noun ("an official at ...").
var attachPreps = set("at", "from", "in", "with", "to", "of", "for", "within", "inside", "near", "on")

// beForms before a past participle make it passive.
var beForms = set("was", "were", "is", "are", "be", "been", "being", "am", "get", "got", "gets", "getting")

// maxSentenceTokens bounds the tokens of one sentence (a quotation counts
// as one token).
const maxSentenceTokens = 200

// npAdjectives may stand inside a speaker's noun phrase.
var npAdjectives = set("senior", "former", "top", "retired", "unnamed", "anonymous", "local",
	"foreign", "military", "security", "news", "presidential", "government", "deputy",
	"acting", "interim", "regional", "federal", "national", "international", "independent",
	"veteran", "longtime", "prominent", "leading", "key", "fellow", "close", "recent", "new",
	"state", "opposition", "party", "cabinet", "press", "high-ranking", "high-level",
	"western", "european", "ukrainian", "russian", "american", "chinese", "british",
	"intelligence", "defense", "defence", "justice", "health", "economic", "senior-level",
	"white", "house", "pro-government", "second", "third", "another", "one", "two", "three",
	"several", "some", "many", "other", "unidentified", "well-placed", "knowledgeable",
	"diplomatic", "official", "ministry", "agency", "media", "outgoing", "incoming")

// speechNouns, as the object of a speech verb, may carry a "that" clause
// ("reiterated earlier statements ... that ...").
var speechNouns = set("statement", "statements", "claim", "claims", "remark", "remarks",
	"position", "view", "views", "warning", "warnings", "assertion", "assertions", "comments",
	"words", "assurances", "assurance", "concern", "concerns", "fears", "hope", "hopes",
	"belief", "argument", "insistence", "message", "point", "stance")

// prepositions that cannot begin a reported clause.
var notClauseStart = set("on", "about", "of", "for", "in", "to", "with", "against", "back",
	"up", "out", "at", "by", "from", "during", "after", "before", "over", "into", "off",
	"when", "while", "as", "via", "through", "following", "amid", "later", "earlier", "in")

// tellObjects may stand between "told" and the clause.
var tellObjects = set("reporters", "journalists", "lawmakers", "parliament", "him", "her",
	"them", "us", "me", "the", "a", "an", "local", "state", "media", "television", "radio",
	"news", "agency", "broadcaster", "newspaper", "students", "supporters", "crowd",
	"audience", "viewers", "listeners", "delegates", "members", "congress", "senators",
	"investors", "correspondents", "press", "conference")

func (x *extractor) npWord(t token) bool {
	if !t.isWord() {
		return false
	}
	l := t.lower
	if t.cap && !functionWords[l] {
		return true
	}
	if l == "the" || indefinite[l] {
		return true
	}
	if isRole(l) || anonymousNouns[l] || orgNouns[l] || documentNouns[l] || npAdjectives[l] || titleWords[l] {
		return true
	}
	if i := strings.IndexByte(l, '-'); i > 0 {
		r, _ := utf8.DecodeRuneInString(x.text[t.s+i+1:])
		return unicode.IsUpper(r)
	}
	if strings.HasSuffix(l, "'s") || strings.HasSuffix(l, "’s") {
		base := strings.TrimSuffix(strings.TrimSuffix(l, "'s"), "’s")
		return t.cap || isRole(base) || orgNouns[base]
	}
	return false
}

// npBack parses a noun phrase that ends at token e-1, walking left, and
// returns its first token (== e when there is none).
func (x *extractor) npBack(toks []token, lo, e int) int {
	s := e
	for s > lo && e-s < 12 {
		t := toks[s-1]
		if x.npWord(t) || (t.isWord() && (t.lower == "of" || t.lower == "for") && s < e) ||
			(t.isWord() && nameParticles[t.lower] && s < e && (toks[s].cap || nameParticles[toks[s].lower])) {
			s--
			// A determiner opens the phrase, unless "of"/"for" joins it to
			// a head before ("the spokesman for the Russian leader").
			if isArticle(t) && !(s > lo && (toks[s-1].lower == "of" || toks[s-1].lower == "for")) {
				break
			}
			continue
		}
		break
	}
	// A phrase starts neither with "of"/"for" nor ends with a determiner.
	for s < e && (toks[s].lower == "of" || toks[s].lower == "for" || nameParticles[toks[s].lower] && !isParticleName(toks, s, e)) {
		s++
	}
	// A prepositional phrase inside the subject: "an official at the
	// interior ministry", "a source close to the talks".
	if s < e && s-1 > lo && attachPreps[toks[s-1].lower] {
		k := s - 1
		if k-1 > lo && (toks[k-1].lower == "close" || toks[k-1].lower == "familiar" || toks[k-1].lower == "knowledgeable") {
			k--
		}
		h := k - 1
		if h >= lo && toks[h].isWord() && !toks[h].cap && (isRole(toks[h].lower) || anonymousNouns[toks[h].lower] || documentNouns[toks[h].lower] && (toks[k].lower == "from" || toks[k].lower == "by")) {
			if b := x.npBack(toks, lo, h+1); b <= h {
				s = b
			}
		}
	}
	// Unlisted lower-case words back to a determiner: "the national
	// weather service", "a 34-year-old mother".
	if s == e || !toks[s].cap || s < e {
		k := s
		for k > lo && s-k < 3 && toks[k-1].isWord() && !toks[k-1].cap && !functionWords[toks[k-1].lower] && !prepositions[toks[k-1].lower] && !isDet(toks[k-1]) {
			if _, verb := speechVerbs[toks[k-1].lower]; verb {
				break
			}
			k--
		}
		if k < s && k > lo && determiners[toks[k-1].lower] {
			s = k - 1
		}
	}
	// An unlisted lower-case role noun before a name: "rescuer Dana
	// Whitfield said", when a boundary or a determiner precedes it.
	if s < e && isNameWord(toks[s]) {
		k := s
		for k > lo && s-k < 2 && toks[k-1].isWord() && !toks[k-1].cap && !functionWords[toks[k-1].lower] && !prepositions[toks[k-1].lower] {
			if _, verb := speechVerbs[toks[k-1].lower]; verb {
				break
			}
			k--
		}
		if k < s && (k == lo || isBoundary(toks[k-1]) || isDet(toks[k-1]) || indefinite[toks[k-1].lower]) {
			if k > lo && (isDet(toks[k-1]) || indefinite[toks[k-1].lower]) {
				k--
			}
			s = k
		}
	}
	return s
}

// personOfBody: for "Ruth Okonjo of the Calder Institute" (a title or
// nothing, a person's name of two words or more, "of", "at" or "from", a
// body), the span np[i:k] of the name, with np[k] the preposition; or -1.
func (x *extractor) personOfBody(np []token) (int, int) {
	k := -1
	for j := 1; j+1 < len(np); j++ {
		if l := np[j].lower; l == "of" || l == "at" || l == "from" {
			k = j
			break
		}
	}
	if k < 0 || !isNameWord(np[k-1]) {
		return -1, -1
	}
	i := k - 1
	for i > 0 && (isNameWord(np[i-1]) || nameParticles[np[i-1].lower] && !np[i-1].cap) {
		i--
	}
	for _, t := range np[:i] {
		if !isTitleWord(t.lower) && !isRole(t.lower) {
			return -1, -1
		}
	}
	names := 0
	for _, t := range np[i:k] {
		if t.cap {
			names++
		}
	}
	if names < 2 || !x.personLike(np[i:k]) {
		return -1, -1
	}
	// The body: capitalised words (with "the" and "of") to the end.
	for _, t := range np[k+1:] {
		if !t.cap && t.lower != "the" && t.lower != "of" && t.lower != "and" {
			return -1, -1
		}
	}
	return i, k
}

// isParticleName: the particles at toks[s] open a name ("van der Berg").
func isParticleName(toks []token, s, e int) bool {
	k := particlesEnd(toks, s)
	return k > s && k < e && isNameWord(toks[k])
}

// npForward parses a noun phrase starting at token s and returns its end.
func (x *extractor) npForward(toks []token, s, hi int) int {
	e := s
	for e < hi && e-s < 12 {
		t := toks[e]
		if isArticle(t) && e > s && toks[e-1].lower != "of" && toks[e-1].lower != "for" {
			break // a new phrase: "told analysts the company ..."
		}
		if x.npWord(t) {
			e++
			continue
		}
		if t.isWord() && (t.lower == "of" || t.lower == "for" || nameParticles[t.lower]) && e > s && e+1 < hi && x.npWord(toks[e+1]) {
			e++
			continue
		}
		break
	}
	for e > s && (toks[e-1].lower == "the" || indefinite[toks[e-1].lower]) {
		e--
	}
	// An unlisted lower-case role noun before a name: "said engineer Raj Patel".
	if e < hi {
		k := e
		for k < hi && k-e < 2 && toks[k].isWord() && !toks[k].cap && !functionWords[toks[k].lower] && !notClauseStart[toks[k].lower] && !prepositions[toks[k].lower] {
			k++
		}
		if k > e && k < hi && isNameWord(toks[k]) {
			n := k
			for n < hi && n-k < 5 && isNameWord(toks[n]) {
				n++
			}
			if n >= hi || !toks[n].isWord() || notClauseStart[toks[n].lower] || timeWords[toks[n].lower] {
				e = n
			}
		}
	}
	return e
}

// isDet reports a determiner or possessive that makes a following verb form
// a noun or an adjective ("the reported deal", "its claims").
func isDet(t token) bool {
	switch t.lower {
	case "the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "that",
		"these", "those", "such", "any", "no", "some", "every", "each", "whose":
		return true
	}
	return strings.HasSuffix(t.lower, "'s") || strings.HasSuffix(t.lower, "’s")
}

// paragraph finds the attributions of one paragraph and emits its quotes.
func (x *extractor) paragraph(pi int) {
	p := &x.paras[pi]
	spans := sentence.Split(x.text[p.s:p.e])
	// Group tokens by sentence; a quotation belongs wholly to the sentence
	// where it opens.
	bounds := x.bounds[:0] // token ranges
	ti := 0
	for si, sp := range spans {
		end := p.s + sp.End
		if si == len(spans)-1 {
			end = p.e
		}
		start := ti
		for ti < len(p.toks) && p.toks[ti].s < end {
			ti++
		}
		if ti > start {
			bounds = append(bounds, [2]int{start, ti})
		}
	}
	if ti < len(p.toks) {
		if len(bounds) > 0 {
			bounds[len(bounds)-1][1] = len(p.toks)
		} else {
			bounds = append(bounds, [2]int{ti, len(p.toks)})
		}
	}
	// No real sentence is this long; cutting run-away ones (a page of
	// text without punctuation) keeps the work per token bounded.
	capped := x.capped[:0]
	for _, b := range bounds {
		for b[1]-b[0] > maxSentenceTokens {
			capped = append(capped, [2]int{b[0], b[0] + maxSentenceTokens})
			b[0] += maxSentenceTokens
		}
		capped = append(capped, b)
	}
	x.bounds, x.capped = bounds, capped
	bounds = capped
	var prevQuoteEnt *entity // speaker of the previous sentence's direct quote
	var prevSentEndsQuote = -1
	for bi, b := range bounds {
		a, z := b[0], b[1]
		evs := x.events(pi, a, z)
		// A quotation whose attribution went to the next sentence because the
		// quote ended with "?" or "!": `"...?" Rubio said.`
		if prevSentEndsQuote >= 0 && len(evs) > 0 && evs[0].phraseS == a && evs[0].clauseS < 0 && evs[0].ent != nil && !evs[0].trailing {
			q := p.quotes[p.toks[prevSentEndsQuote].quote()]
			x.emitQuote(pi, q, Direct, evs[0], "attribution after the quotation")
			prevQuoteEnt = evs[0].ent
		}
		attributedPrev := prevSentEndsQuote >= 0 && len(evs) > 0 && evs[0].phraseS == a && evs[0].clauseS < 0 && evs[0].ent != nil && !evs[0].trailing
		prevSentEndsQuote = -1
		ent, ends := x.sentence(pi, a, z, evs, prevQuoteEnt, bi == 0)
		if ent != nil || !attributedPrev {
			prevQuoteEnt = ent
		}
		if ends >= 0 {
			prevSentEndsQuote = ends
		}
	}
}

// events finds the attributions of the sentence toks[a:z]. They are
// valid until the next call, which reuses their array.
func (x *extractor) events(pi, a, z int) []event {
	toks := x.paras[pi].toks
	evs := x.evBuf[:0]
	x.sentClauses = x.sentClauses[:0]
	defer func() { x.sentClauses = x.sentClauses[:0] }()
	for v := a; v < z; v++ {
		t := toks[v]
		if !t.isWord() {
			continue
		}
		// "According to X," and "In his opinion,".
		if t.lower == "according" && v+1 < z && toks[v+1].lower == "to" {
			e := x.npForward(toks, v+2, z)
			if e == v+2 && v+2 < z && objectPronouns[toks[v+2].lower] != "" {
				e = v + 3
			}
			if e > v+2 {
				ev := event{verb: -1, npS: v + 2, npE: e, phraseS: v, phraseE: e, clauseS: -1, sentStart: a}
				if e < z && toks[e].punct == ',' {
					ev.phraseE = e + 1
					ev.clauseS, ev.clauseE = e+1, x.clauseEnd(toks, e+1, z)
				} else if v > a+2 && toks[v-1].punct == ',' && len(evs) == 0 && (allPunct(toks, e, z) || x.qualifierToEnd(toks, e, z)) {
					// "CLAUSE, according to X." reports the clause before.
					ev.trailing, ev.according = true, true
				}
				x.resolve(pi, toks, &ev)
				if ev.docOnly {
					ev.clauseS = -1
				}
				x.noteSpeaker(pi, toks, ev)
				evs = append(evs, ev)
				v = e - 1
			}
			continue
		}
		if t.lower == "in" && v+3 < z && objectPronouns[toks[v+1].lower] != "" &&
			(toks[v+2].lower == "opinion" || toks[v+2].lower == "view" || toks[v+2].lower == "words") && toks[v+3].punct == ',' {
			ev := event{verb: -1, npS: v + 1, npE: v + 2, phraseS: v, phraseE: v + 4, clauseS: v + 4, sentStart: a}
			ev.clauseE = x.clauseEnd(toks, v+4, z)
			x.resolve(pi, toks, &ev)
			x.noteSpeaker(pi, toks, ev)
			evs = append(evs, ev)
			v += 3
			continue
		}
		if v == a && t.cap {
			// `Vance: "We will not sign ..."`: a speaker label.
			if ev, ok := x.labelEvent(toks, a, z); ok {
				x.noteSpeaker(pi, toks, ev)
				evs = append(evs, ev)
				v = ev.phraseE - 1
				continue
			}
		}
		if t.cap { // no speech verb here; spare the look-up
			continue
		}
		info, ok := speechVerbs[t.lower]
		if !ok {
			continue
		}
		if v > a && (toks[v-1].lower == "to" || isDet(toks[v-1])) {
			continue
		}
		// Passive voice names the hearer, not the speaker ("Smith was told").
		if v > a && beForms[toks[v-1].lower] && !strings.HasSuffix(t.lower, "ing") {
			continue
		}
		if info.clause == quoteOnly && !nearQuote(toks, a, z, v) {
			continue
		}
		ev := event{verb: v, clauseS: -1, phraseE: v + 1, sentStart: a}
		ing := strings.HasSuffix(t.lower, "ing")
		// Subject before the verb, past adverbs, auxiliaries and time phrases.
		j := v
		for j > a {
			w := toks[j-1]
			if w.isWord() && skipBetween[w.lower] {
				j--
				continue
			}
			// An age apposition: "Jones, 45, said".
			if w.punct == ',' && j-3 >= a && isNumber(toks[j-2].lower) && toks[j-3].punct == ',' {
				j -= 3
				continue
			}
			if k := timePhraseStart(toks, a, j); k < j {
				j = k
				continue
			}
			break
		}
		s := x.npBack(toks, a, j)
		if s == j && j > a && subjectPronouns[toks[j-1].lower] {
			s = j - 1
		}
		switch {
		case ing && s == j && j-2 > a && toks[j-1].lower == "as" && x.quotedAs(toks, a, j-1):
			// "Local media quoted a police commander as saying ...".
			k := x.npBack(toks, a, j-1)
			ev.npS, ev.npE, ev.phraseS = k, j-1, k-1
		case ing && s == j && j-2 > a && toks[j-1].lower == "as" && x.passiveQuoted(toks, a, j-1) >= 0:
			// "Achterberg was quoted by the Ledger as saying ...".
			q := x.passiveQuoted(toks, a, j-1)
			k := x.npBack(toks, a, q-1)
			ev.npS, ev.npE, ev.phraseS = k, q-1, k
		case ing && s == j && j > a && toks[j-1].punct == ',' && len(evs) > 0:
			// ", adding ..." continues the sentence's speaker.
			prev := evs[len(evs)-1]
			ev.npS, ev.npE, ev.phraseS = prev.npS, prev.npE, v
			ev.ent, ev.role, ev.evidence, ev.blocked = prev.ent, prev.role, prev.evidence, prev.blocked
		case s < j:
			ev.npS, ev.npE, ev.phraseS = s, j, s
			// "Name, the ROLE said" is rare; "Name, the ROLE, said" below.
			ev.trailing = ev.phraseS > a && isBoundary(toks[ev.phraseS-1])
		case j > a+3 && toks[j-1].punct == ',' && x.nameAfterRole(toks, a, j-1) >= 0:
			// "A spokesman for the service, Tom Briggs, said".
			k := x.nameAfterRole(toks, a, j-1)
			r := x.npBack(toks, a, k-1)
			ev.role = x.text[toks[r].s:toks[k-2].e]
			ev.npS, ev.npE, ev.phraseS = k, j-1, r
			ev.trailing = r > a && isBoundary(toks[r-1])
		case j > a+3 && toks[j-1].punct == ',' && x.relativeBefore(toks, a, j-1) >= 0:
			// "An official, who spoke on condition of anonymity, said".
			c := x.relativeBefore(toks, a, j-1)
			k := x.npBack(toks, a, c)
			ev.npS, ev.npE, ev.phraseS = k, c, k
			ev.trailing = k > a && isBoundary(toks[k-1])
		case j > a+3 && toks[j-1].punct == ',' && x.appositionBefore(toks, a, j-1) >= 0:
			// "Dmitry Peskov, the Kremlin spokesman, said".
			n, ne := x.appositionName(toks, a, j-1)
			k := x.appositionStart(toks, a, j-1)
			ev.role = x.text[toks[k].s:toks[j-2].e]
			ev.npS, ev.npE, ev.phraseS = n, ne, n
			ev.trailing = ev.phraseS > a && isBoundary(toks[ev.phraseS-1])
		case j > a && (toks[j-1].lower == "and" || toks[j-1].lower == "but" || toks[j-1].lower == "who"):
			if toks[j-1].lower == "who" && j-1 > a && toks[j-2].punct == ',' {
				k := x.npBack(toks, a, j-2)
				if k < j-2 {
					ev.npS, ev.npE, ev.phraseS = k, j-2, k
				}
			} else if len(evs) > 0 && evs[len(evs)-1].verb >= 0 {
				prev := evs[len(evs)-1]
				ev.npS, ev.npE, ev.phraseS = prev.npS, prev.npE, v
				ev.ent, ev.role, ev.evidence, ev.blocked = prev.ent, prev.role, prev.evidence, prev.blocked
			} else {
				// The subject of the clause that the "and" continues.
				c := j - 1
				for c > a && j-c < 40 && toks[c-1].punct != ',' && toks[c-1].punct != ';' && !toks[c-1].isQuote() {
					c--
				}
				e := x.npForward(toks, c, z)
				if e == c && c < j && subjectPronouns[toks[c].lower] {
					e = c + 1
				}
				if e > c && e < j && toks[e].isWord() && !toks[e].cap {
					ev.npS, ev.npE, ev.phraseS = c, e, v
				}
			}
		case j == a || isBoundary(toks[j-1]):
			// Inverted: `, said the spokesman for the Russian leader, Dmitry Peskov,`.
			if !ing {
				e := x.npForward(toks, v+1, z)
				// After an inverted subject comes the end, a pause or a
				// circumstance; a verb means the phrase began the clause
				// ("said members had been ...").
				if e < z && toks[e].isWord() && !notClauseStart[toks[e].lower] && !timeWords[toks[e].lower] && toks[e].lower != "who" {
					e = v + 1
				}
				if e > v+1 {
					ev.npS, ev.npE, ev.phraseS, ev.phraseE = v+1, e, v, e
					if e+2 < z && toks[e].punct == ',' && isNameWord(toks[e+1]) {
						n := e + 1
						for n < z && n-e < 5 && (isNameWord(toks[n]) || nameParticles[toks[n].lower]) {
							n++
						}
						roleFirst := false // "said the spokesman, Dmitry Peskov"; not "said Scott Strenfel, PG&E's ..."
						for _, t := range toks[v+1 : e] {
							if !isNameWord(t) && !nameParticles[t.lower] {
								roleFirst = true
							}
						}
						endsName := n >= z || notClauseStart[toks[n].lower] || strings.ContainsRune(",.;:—–)", toks[n].punct)
						if roleFirst && endsName {
							ev.role = x.text[toks[v+1].s:toks[e-1].e]
							ev.npS, ev.npE, ev.phraseE = e+1, n, n
						}
					}
					ev.trailing = j > a
				}
			}
		}
		// A subject never follows a preposition: in "above Wall Street
		// estimates" the noun phrase is an object and "estimates" a noun.
		afterPrep := ev.npE > ev.npS && ev.npS > a && ev.npS == ev.phraseS && ev.npE == j && prepositions[toks[ev.npS-1].lower] && !ing
		if (ev.npE <= ev.npS && ev.ent == nil || afterPrep) && !ing {
			// "a person briefed on the talks said", "Farmers around
			// Kessa said": an unnamed source with its qualifier.
			if st := x.anonHead(toks, a, j); st >= 0 {
				ev.npS, ev.npE, ev.phraseS = st, j, st
				ev.ent = x.reg.anonymous()
				ev.evidence = "unnamed source: '" + x.text[toks[st].s:toks[j-1].e] + "'"
				ev.trailing = st > a && isBoundary(toks[st-1])
				afterPrep = false
			}
		}
		if ev.npE <= ev.npS && ev.ent == nil || afterPrep {
			continue
		}
		if ev.npS > a && ev.ent == nil && ev.npS == ev.phraseS {
			// "the plan would fail and Holt warned": "and" joins two
			// clauses, not two speakers.
			clauses := ev.npS-2 >= a && toks[ev.npS-1].lower == "and" && toks[ev.npS-2].isWord() && !toks[ev.npS-2].cap && !x.npWord(toks[ev.npS-2])
			switch toks[ev.npS-1].lower {
			case "and", "or", "&", "nor":
				if clauses {
					break
				}
				// "Smith and Jones said": several speakers; name no one.
				ev.evidence = "several speakers"
				ev.blocked = true
				if k := x.npBack(toks, a, ev.npS-1); k < ev.npS-1 {
					ev.phraseS = k
				}
				x.noteSpeaker(pi, toks, ev)
				evs = append(evs, ev)
				continue
			case "which", "what", "that", "whom", "whose", "where", "how", "why", "when", "if", "whether", "than":
				// An embedded clause ("the deal, which Smith said would fail").
				continue
			}
		}
		if ev.trailing && ev.phraseS == ev.npS && ev.phraseS > a && toks[ev.phraseS-1].punct == ',' && !hasQuote(toks, a, ev.phraseS) && x.attributionEnds(toks, ev, info, z) {
			ev.reportsBefore = true // "CLAUSE, he said."
		}
		if ev.ent == nil && !ev.blocked {
			x.resolve(pi, toks, &ev)
		}
		if info.base == "call" && !x.namedSubject(toks, ev) {
			// "a group called "..."" names a thing; only a named speaker
			// "called the plan "..."".
			continue
		}
		if !ev.trailing || ev.verb+1 < z {
			x.clauseAfter(toks, &ev, info, z)
		}
		if ev.trailing && ev.clauseS < 0 && !x.attributionEnds(toks, ev, info, z) {
			ev.trailing = false
		}
		if ev.clauseS >= 0 && ev.clauseE > ev.clauseS && len(x.sentClauses) < 16 {
			// Names in this clause are reported, not acting: a later
			// "she" in the sentence may still mean the speaker.
			x.sentClauses = append(x.sentClauses, [2]int{toks[ev.clauseS].s, toks[ev.clauseE-1].e})
		}
		x.noteSpeaker(pi, toks, ev)
		evs = append(evs, ev)
	}
	x.evBuf = evs
	return evs
}

// anonHead: for an unnamed source with a qualifier ending at token j-1
// ("a person briefed on the negotiations", "two officials familiar with
// the plan", "Farmers around Kessa"), the first token of the phrase, or -1.
// The source is indefinite (an article, a number, or a bare plural) and
// the phrase opens the sentence or follows a comma or a quotation.
func (x *extractor) anonHead(toks []token, a, j int) int {
	if j-1 < a || !toks[j-1].isWord() {
		return -1
	}
	for k := j - 2; k >= a && j-k <= 8; k-- {
		t := toks[k]
		if !t.isWord() {
			return -1
		}
		if _, verb := speechVerbs[t.lower]; verb || finiteMarkers[t.lower] || t.lower == "that" || t.lower == "which" || t.lower == "who" {
			return -1
		}
		if !anonymousNouns[t.lower] || t.cap && k != a {
			continue
		}
		// What follows the noun qualifies it.
		q := toks[k+1]
		if !q.isWord() || q.cap {
			return -1
		}
		if !attachPreps[q.lower] && !prepositions[q.lower] && q.lower != "close" && q.lower != "familiar" && q.lower != "briefed" && q.lower != "involved" && q.lower != "speaking" && !strings.HasSuffix(q.lower, "ed") {
			return -1
		}
		st := k
		for st > a && k-st < 3 && npAdjectives[toks[st-1].lower] && !indefinite[toks[st-1].lower] {
			st--
		}
		switch {
		case st > a && (indefinite[toks[st-1].lower] || isNumber(toks[st-1].lower)):
			st--
		case strings.HasSuffix(t.lower, "s") || t.lower == "people":
		default:
			return -1
		}
		// Not an apposition to a name: "Stafford, a member of the crew,".
		if st == a || isBoundary(toks[st-1]) && !(st-2 >= a && isNameWord(toks[st-2])) {
			return st
		}
		return -1
	}
	return -1
}

// qualifierToEnd: toks[e:z] is a phrase qualifying a source, to the end
// of the sentence ("with knowledge of the decision", "familiar with the
// talks"), with no verb.
func (x *extractor) qualifierToEnd(toks []token, e, z int) bool {
	if e >= z || !toks[e].isWord() || !(attachPreps[toks[e].lower] || toks[e].lower == "close" || toks[e].lower == "familiar") || z-e > 10 {
		return false
	}
	for _, t := range toks[e:z] {
		if t.isQuote() {
			return false
		}
		if _, verb := speechVerbs[t.lower]; verb || finiteMarkers[t.lower] || t.lower == "that" || t.lower == "who" {
			return false
		}
	}
	return true
}

// labelEvent: a sentence that opens with a person's name, a colon and a
// quotation (`Vance: "We will not sign ..."`, a headline or a transcript)
// gives the quotation to that person, when the text names them in full
// and shows them speaking elsewhere ("Vance told ...").
func (x *extractor) labelEvent(toks []token, a, z int) (event, bool) {
	k := a
	for k < z && k-a < 5 && (isNameWord(toks[k]) || k > a && nameParticles[toks[k].lower]) {
		k++
	}
	if k == a || k+1 >= z || toks[k].punct != ':' || !toks[k+1].isQuote() || !x.personLike(toks[a:k]) {
		return event{}, false
	}
	name := x.nameText(toks[a:k])
	e := x.reg.lookupPerson(name)
	if e == nil || e.first == "" || !x.speakerKeys[e.key] {
		return event{}, false
	}
	ev := event{verb: -1, npS: a, npE: k, phraseS: a, phraseE: k + 1, clauseS: -1, sentStart: a, ent: e, pos: toks[a].s}
	ev.evidence = "speaker label: '" + name + ":'"
	return ev, true
}

// namedSubject: the event's subject is a person or body the text names,
// or a pronoun resolved to one.
func (x *extractor) namedSubject(toks []token, ev event) bool {
	if ev.ent == nil || ev.ent.anon || ev.npE <= ev.npS || indefinite[toks[ev.npS].lower] {
		return false
	}
	if ev.npE-ev.npS == 1 && subjectPronouns[toks[ev.npS].lower] {
		return true
	}
	for _, t := range toks[ev.npS:ev.npE] {
		if t.cap && !functionWords[t.lower] {
			return true
		}
	}
	return false
}

// isBoundary: a token after which a trailing attribution may start.
func isBoundary(t token) bool {
	return t.isQuote() || t.punct == ',' || t.punct == '—' || t.punct == '–' || t.punct == '-' || t.punct == '(' || t.punct == ':'
}

// appositionBefore: for "Name, the ROLE" ending at token e-1, the first
// token of Name, or -1.
func (x *extractor) appositionBefore(toks []token, a, e int) int {
	n, _ := x.appositionName(toks, a, e)
	return n
}

// appositionName: for "Name, the ROLE" ending at token e-1, the span of
// Name, or -1, -1.
func (x *extractor) appositionName(toks []token, a, e int) (int, int) {
	k := x.appositionStart(toks, a, e)
	if k >= e || k < a+2 || toks[k-1].punct != ',' {
		return -1, -1
	}
	if toks[k].lower != "the" && toks[k].lower != "a" && toks[k].lower != "an" {
		// Without an article the apposition must be a role: "Mick Lynch,
		// general secretary of the union, said".
		role := false
		for i := k; i < e; i++ {
			if !toks[i].cap && (isRole(toks[i].lower) || titleWords[toks[i].lower]) {
				role = true
			}
		}
		if !role {
			return -1, -1
		}
	}
	n := x.npBack(toks, a, k-1)
	if n >= k-1 || !isNameWord(toks[k-2]) {
		return -1, -1
	}
	// Two appositions: "Omar Lamrani, a senior analyst at Stratfor, the
	// Texas-based firm, told": the name is before the first.
	if indefinite[toks[n].lower] && n-2 >= a && toks[n-1].punct == ',' && isNameWord(toks[n-2]) {
		m := x.npBack(toks, a, n-1)
		if m < n-1 && (m == a || isBoundary(toks[m-1])) {
			return m, n - 1
		}
		return -1, -1
	}
	// The name is the subject, not the object of a preposition or a part
	// of a longer name: not "president of Chapter & Verse, a ... agency,".
	if n > a && (prepositions[toks[n-1].lower] || toks[n-1].punct == '&' || toks[n-1].cap) {
		return -1, -1
	}
	return n, k - 1
}

// appositionStart: the first token of an apposition ending at token e-1:
// a noun phrase ("the Kremlin spokesman"), or an article and the words up
// to a comma ("a member of the Apollo 10 crew").
func (x *extractor) appositionStart(toks []token, a, e int) int {
	k := x.npBack(toks, a, e)
	if k < e && k > a && toks[k-1].punct == ',' {
		return k
	}
	for c := e - 1; c > a && e-c <= 12; c-- {
		t := toks[c]
		if !t.isWord() {
			return k
		}
		if _, verb := speechVerbs[t.lower]; verb || finiteMarkers[t.lower] || t.lower == "who" || t.lower == "which" || t.lower == "that" {
			return k
		}
		if isArticle(t) && toks[c-1].punct == ',' && c-2 >= a && isNameWord(toks[c-2]) {
			return c
		}
	}
	return k
}

// timePhraseStart: if toks[..j) ends with a time phrase ("on Wednesday",
// "on Feb. 20", "in a statement"), returns where it starts, else j.
func timePhraseStart(toks []token, a, j int) int {
	for k := j - 1; k >= a && j-k <= 4; k-- {
		t := toks[k]
		if !t.isWord() {
			return j
		}
		if (t.lower == "on" || t.lower == "last" || t.lower == "this") && k < j-1 {
			for m := k + 1; m < j; m++ {
				l := toks[m].lower
				if !timeWords[l] && !isNumber(l) {
					return j
				}
			}
			return k
		}
	}
	return j
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// clauseAfter finds the reported clause after a speech verb, if any.
func (x *extractor) clauseAfter(toks []token, ev *event, info verbInfo, z int) {
	if info.clause == quoteOnly || ev.verb < 0 {
		return
	}
	k := ev.verb + 1
	if info.base == "tell" || info.base == "inform" {
		k = x.skipObject(toks, k, z)
	}
	if k >= z {
		return
	}
	// "said Monday that", "said yesterday the".
	for n := 0; k < z && n < 2 && toks[k].isWord() && (timeWords[toks[k].lower] && toks[k].lower != "the" || toks[k].lower == "yesterday" || toks[k].lower == "today"); n++ {
		k++
	}
	if k >= z {
		return
	}
	// A time or place phrase before "that": "said on Monday that".
	if toks[k].isWord() && notClauseStart[toks[k].lower] {
		for m := k + 1; m < z && m-k < 8 && toks[m].isWord(); m++ {
			if toks[m].lower == "that" {
				k = m
				break
			}
		}
	}
	// A speech noun object with a "that" clause.
	if toks[k].lower != "that" {
		for m := k; m < z && m-k < 9 && toks[m].isWord(); m++ {
			if toks[m].lower == "that" && m > k && speechNouns[toks[m-1].lower] {
				k = m
				break
			}
		}
	}
	switch {
	case toks[k].lower == "that":
		k++
	case info.clause == zeroThat && x.zeroThatClause(toks, k, z, info):
	default:
		return
	}
	if k >= z {
		return
	}
	ev.clauseS, ev.clauseE = k, x.clauseEnd(toks, k, z)
	if ev.clauseE <= ev.clauseS {
		ev.clauseS = -1
	}
}

// zeroThatClause: the words from k form a finite clause ("said Russia would").
func (x *extractor) zeroThatClause(toks []token, k, z int, info verbInfo) bool {
	t := toks[k]
	if !t.isWord() || notClauseStart[t.lower] || npObjectNouns[t.lower] {
		return false
	}
	if clauseStartPronouns[t.lower] && k+1 < z && toks[k+1].isWord() {
		return true
	}
	// An object and an infinitive is not a clause: "warned Moscow not to".
	if (t.cap || objectPronouns[t.lower] != "") && k+1 < z {
		n := k + 1
		if toks[n].lower == "not" && n+1 < z {
			n++
		}
		if toks[n].lower == "to" {
			return false
		}
	}
	// A past-tense verb after a short subject: "said the company expected".
	// A bare plural subject: "said members already reported".
	plural := !t.cap && len(t.lower) > 3 && strings.HasSuffix(t.lower, "s") && !strings.HasSuffix(t.lower, "ss") && !functionWords[t.lower]
	if _, verb := speechVerbs[t.lower]; verb {
		plural = false
	}
	if pastTenseClauseVerbs[info.base] && (determiners[t.lower] || t.cap || plural) {
		for m := k + 1; m < z && m-k <= 5; m++ {
			w := toks[m]
			if !w.isWord() || functionWords[w.lower] && !determiners[w.lower] && !skipBetween[w.lower] {
				break
			}
			if m > k+1 && !w.cap && len(w.lower) > 4 && strings.HasSuffix(w.lower, "ed") && !determiners[toks[m-1].lower] && m+1 < z && toks[m+1].isWord() && toks[m+1].lower != "by" {
				return true
			}
		}
	}
	for m := k + 1; m < z && m-k < 16; m++ {
		w := toks[m]
		if w.punct == ';' || w.punct == ':' || w.punct == '.' {
			return false
		}
		if w.isQuote() && m > k && m-k <= 6 && x.longQuote(w) {
			return true // the quotation holds the predicate
		}
		if !w.isWord() {
			continue
		}
		if finiteMarkers[w.lower] || (info.subjunctive && w.lower == "be") {
			return true
		}
		if _, ok := speechVerbs[w.lower]; ok && m > k+1 {
			if isDet(toks[m-1]) || m+1 < z && finiteMarkers[toks[m+1].lower] {
				continue // a noun: "the first reports would be due"
			}
			return false
		}
	}
	return false
}

// clauseEnd: where a reported clause starting at k ends.
func (x *extractor) clauseEnd(toks []token, k, z int) int {
	for m := k; m < z; m++ {
		t := toks[m]
		if t.punct == ';' {
			return m
		}
		if (t.punct == ',' || t.punct == '—' || t.punct == '–') && m+1 < z && toks[m+1].isWord() {
			n := toks[m+1].lower
			if _, ok := speechVerbs[n]; ok && strings.HasSuffix(n, "ing") {
				return m
			}
			if n == "while" || n == "whereas" || n == "which" {
				return m
			}
		}
		if t.lower == "and" && m+1 < z && toks[m+1].isWord() && !toks[m+1].cap {
			n := toks[m+1].lower
			if _, ok := speechVerbs[n]; ok || n == "also" || (strings.HasSuffix(n, "ed") && len(n) > 4) {
				return m
			}
		}
		// "..., but warned that", "..., but she acknowledged that": a new
		// report begins.
		if (t.lower == "but" || t.lower == "and" && !toks[m-1].cap || t.lower == "while") && m > k && x.newReport(toks, m+1, z) {
			if toks[m-1].punct == ',' {
				return m - 1
			}
			return m
		}
	}
	return z
}

// newReport: the words from k begin a new report: a speech verb, or a
// pronoun or name and then one ("warned", "she acknowledged", "Lund said").
func (x *extractor) newReport(toks []token, k, z int) bool {
	for m := k; m < z && m-k < 4; m++ {
		t := toks[m]
		if !t.isWord() {
			return false
		}
		if info, ok := speechVerbs[t.lower]; ok && !t.cap && info.clause != quoteOnly && !strings.HasSuffix(t.lower, "ing") {
			return true
		}
		if m == k && (subjectPronouns[t.lower] || isNameWord(t)) || m > k && (isNameWord(t) || skipBetween[t.lower]) {
			continue
		}
		return false
	}
	return false
}

// resolve turns an event's subject noun phrase into an entity.
func (x *extractor) resolve(pi int, toks []token, ev *event) {
	np := toks[ev.npS:ev.npE]
	ev.pos = np[0].s
	phrase := x.text[np[0].s:np[len(np)-1].e]
	words := make([]string, len(np))
	for i, t := range np {
		words[i] = t.lower
	}
	// Pronouns.
	if len(np) == 1 {
		p := np[0].lower
		if pp := objectPronouns[p]; pp != "" {
			p = pp
		}
		if subjectPronouns[p] {
			// "CLAUSE, he said.": the names in the clause are what he
			// reports, not other speakers.
			upTo := ev.pos
			if ev.reportsBefore {
				upTo = toks[ev.sentStart].s
			}
			ev.ent, ev.evidence = x.pronoun(p, upTo, toks[ev.sentStart].s, pi)
			return
		}
	}
	det := ""
	if words[0] == "the" || indefinite[words[0]] {
		det = words[0]
		np, words = np[1:], words[1:]
		if len(np) == 0 {
			return
		}
	}
	// "Ruth Okonjo of the Calder Institute": the person speaks, the body
	// after "of" is where they work.
	if det == "" {
		if i, k := x.personOfBody(np); i >= 0 {
			name := x.nameText(np[i:k])
			ev.ent = x.reg.person(name)
			role := strings.TrimSpace(x.text[np[k+1].s:np[len(np)-1].e])
			if i > 0 {
				role = x.text[np[0].s:np[i-1].e] + ", " + role
			}
			if ev.role == "" {
				ev.role = role
			}
			ev.ent.setRole(ev.role)
			ev.evidence = "explicit: '" + phrase + "'"
			return
		}
	}
	head := words[len(words)-1]
	headBase := strings.TrimSuffix(strings.TrimSuffix(head, "'s"), "’s")
	// A name at the end: "Czech President Petr Pavel", "Peskov".
	n := len(np)
	for n > 0 && len(np)-n < 5 && (isNameWord(np[n-1]) || (n < len(np) && nameParticles[np[n-1].lower])) {
		n--
	}
	hasName := n < len(np) && head == headBase
	if hasName && n > 0 {
		switch np[n-1].lower {
		case "of", "for", "to", "with", "from", "by", "in", "at", "on", "near", "inside", "within":
			// "the spokesman for Smith": Smith is not the speaker.
			if n-1 == 0 {
				return
			}
			words = words[:n-1]
			np = np[:n-1]
			head = words[len(words)-1]
			headBase = head
			hasName = false
		}
	}
	if !hasName {
		// "an official at the ministry": the phrase after the preposition
		// only qualifies the speaker noun.
		for i := 1; i < len(np); i++ {
			if attachPreps[words[i]] && !np[i-1].cap && (isRole(words[i-1]) || anonymousNouns[words[i-1]] || words[i-1] == "close" || words[i-1] == "familiar") {
				c := i
				if words[i-1] == "close" || words[i-1] == "familiar" {
					c = i - 1
				}
				if c == 0 {
					break
				}
				np, words = np[:c], words[:c]
				head = words[len(words)-1]
				headBase = head
				break
			}
		}
	}
	possessive := -1
	for i := 0; i+1 < len(words); i++ {
		if strings.HasSuffix(words[i], "'s") || strings.HasSuffix(words[i], "’s") {
			possessive = i
		}
	}
	switch {
	case orgNouns[headBase] && possessive >= 0 && possessive == len(words)-2:
		// "Giorgia Meloni's office" (a title before the name is dropped).
		b := possessive
		for b > 0 && (isNameWord(np[b-1]) || nameParticles[np[b-1].lower]) {
			b--
		}
		if b == possessive && b > 0 {
			b = 0
		}
		ev.ent = x.reg.org(x.text[np[b].s:np[len(np)-1].e])
		ev.evidence = "body: '" + phrase + "'"
	case orgNouns[headBase]:
		// "the British government", "the Environment Agency", "rival
		// Nimbus Corp" (lower-case words before a name are dropped).
		b := 0
		for i := range np {
			if np[i].cap {
				b = i
				break
			}
		}
		ev.ent = x.reg.org(x.text[np[b].s:np[len(np)-1].e])
		ev.evidence = "body: '" + phrase + "'"
	case !hasName && docFrom(np, words) >= 0:
		// "a statement from the White House": the body speaks.
		i := docFrom(np, words)
		ev.ent = x.reg.org(x.text[np[i].s:np[len(np)-1].e])
		ev.evidence = "statement of a body: '" + phrase + "'"
	case documentNouns[headBase] && !np[len(np)-1].cap:
		// "a Telegraph story": the outlet speaks; "the agreement states".
		for i := len(np) - 2; i >= 0; i-- {
			if np[i].cap && !functionWords[np[i].lower] && (knownOrgs[np[i].lower] || isAcronym(x.text[np[i].s:np[i].e]) || i == 0 || !np[i-1].cap) {
				// The whole name: "a new Fast Company report".
				k := i
				for k+1 < len(np)-1 && np[k+1].cap {
					k++
				}
				name := x.text[np[i].s:np[k].e]
				ev.ent = x.reg.org(name)
				ev.evidence = "publication: '" + phrase + "'"
				return
			}
		}
		if det == "the" && len(np) == 1 {
			ev.ent = x.reg.org(x.text[np[0].s:np[0].e])
			ev.evidence = "document: '" + phrase + "'"
		}
		ev.docOnly = true
	case hasName && len(np)-n == 1 && n == 0 && det == "" && ev.npS == ev.sentStart && (x.printsLower(np[0]) || anonymousNouns[head]) && x.reg.lookupPerson(x.nameText(np)) == nil:
		// A capitalised common noun opening the sentence ("Critics said").
		if anonymousNouns[head] {
			ev.ent = x.reg.anonymous()
			ev.evidence = "unnamed sources: '" + phrase + "'"
		}
	case hasName:
		nameToks := np[n:]
		name := x.nameText(nameToks)
		role := ""
		if n > 0 {
			role = strings.TrimSpace(x.text[np[0].s:np[n-1].e])
		}
		if det == "the" && role == "" || !x.personLike(nameToks) {
			ev.ent = x.reg.org(name)
			ev.evidence = "body: '" + phrase + "'"
			return
		}
		if det != "" && det != "the" && role != "" {
			// "a Western official": not a name.
			ev.ent = x.reg.anonymous()
			ev.evidence = "unnamed source: '" + phrase + "'"
			return
		}
		ev.ent = x.reg.person(name)
		if role != "" {
			ev.ent.addForm(x.text[np[0].s:np[len(np)-1].e])
		}
		if ev.role == "" {
			ev.role = role
		}
		ev.ent.setRole(ev.role)
		ev.evidence = "explicit: '" + phrase + "'"
	case len(np) >= 1 && (inLower(knownOrgs, x.text[np[0].s:np[len(np)-1].e]) || (len(np) == 1 && (isAcronym(x.text[np[0].s:np[0].e]) || knownOrgs[headBase]))):
		ev.ent = x.reg.org(x.text[np[0].s:np[len(np)-1].e])
		ev.evidence = "body: '" + phrase + "'"
	case anonymousNouns[head] && (det != "the" && det != "" || strings.HasSuffix(head, "s") || contains(words, "unnamed", "anonymous", "unidentified")):
		ev.ent = x.reg.anonymous()
		ev.evidence = "unnamed source: '" + phrase + "'"
	case det == "" && isRole(head) && (!anonymousNouns[head] || headlineRoles[head]) && !x.endsSentence(pi) && allLower(np):
		// A headline drops its articles: "..., mayor says".
		if e := x.reg.byRole(words); e != nil {
			ev.ent = e
			ev.evidence = "role '" + phrase + "' in a headline -> " + e.name
		}
	case det == "the" && (isRole(head) || anonymousNouns[head]):
		e := x.reg.byRole(words)
		// "the official" after "a senior official said" is that unnamed
		// source; when a named official could be meant too, name no one.
		if anonymousNouns[head] && x.reg.anon != nil {
			if e == nil {
				ev.ent = x.reg.anonymous()
				ev.evidence = "unnamed source again: '" + phrase + "'"
			}
			return
		}
		if e != nil {
			ev.ent = e
			ev.evidence = "role '" + phrase + "' -> " + e.name
		}
	}
}

// headlineRoles name one post, so a headline's "..., spokesman says" is
// the one person the article gives that role ("official" could be anyone).
var headlineRoles = set("spokesman", "spokeswoman", "spokesperson", "minister", "commander",
	"envoy", "negotiator", "ambassador")

func hasQuote(toks []token, s, e int) bool {
	for _, t := range toks[s:e] {
		if t.isQuote() {
			return true
		}
	}
	return false
}

func allLower(toks []token) bool {
	for _, t := range toks {
		if t.cap {
			return false
		}
	}
	return true
}

func contains(words []string, any ...string) bool {
	for _, w := range words {
		for _, a := range any {
			if w == a {
				return true
			}
		}
	}
	return false
}

// pronoun resolves "he", "she", "it" to the last speaker, only when no other
// person was named in between and the gender does not conflict.
//
// sentPos is where the pronoun's sentence starts: a person named before it
// may be meant, one named in the sentence itself (in the clause a trailing
// "he said" reports) may not.
func (x *extractor) pronoun(p string, pos, sentPos, pi int) (*entity, string) {
	switch p {
	case "he", "she":
		want := byte('m')
		if p == "she" {
			want = 'f'
		}
		cand := x.last
		if cand == nil || pi-x.lastPara > 2 || cand.org || cand.anon {
			// No speaker before: the one person the paragraph names,
			// as the subject of a sentence.
			if e := x.soleSubject(want, -1, sentPos, pi); e != nil {
				return e, "pronoun '" + p + "' -> " + e.name + " (the person named before)"
			}
			return nil, ""
		}
		if cand.gender != 0 && cand.gender != want {
			// The last speaker is of the other gender: the one person
			// named since then, if the text names exactly one.
			if e := x.soleSubject(want, x.lastPos, sentPos, pi); e != nil {
				return e, "pronoun '" + p + "' -> " + e.name + " (the last speaker is of the other gender)"
			}
			return nil, ""
		}
		if x.otherMention(cand.key, x.lastPos, pos) {
			return nil, ""
		}
		if cand.gender == 0 {
			cand.gender = want
		}
		return cand, "pronoun '" + p + "' -> " + cand.name
	case "it":
		if x.last != nil && x.last.org && pi-x.lastPara <= 1 && !x.otherMention(x.last.key, x.lastPos, pos) {
			return x.last, "pronoun 'it' -> " + x.last.name
		}
	}
	return nil, ""
}

// otherMention reports whether a person other than key is named in the
// reporter's text between from and to (names inside quotations and reported
// clauses do not count).
func (x *extractor) otherMention(key string, from, to int) bool {
	i := sort.Search(len(x.mentions), func(i int) bool { return x.mentions[i].pos >= to })
	for n := 0; i > 0 && n < 64; n++ {
		i--
		m := x.mentions[i]
		if m.pos <= from {
			return false
		}
		if m.key == key || x.isExcluded(m.pos) {
			continue
		}
		return true
	}
	return false
}

// soleSubject: the one person named in the reporter's text between from
// and to, in the pronoun's own paragraph pi, when at least one
// of the mentions is a sentence subject and their gender does not
// conflict with want; else nil.
func (x *extractor) soleSubject(want byte, from, to, pi int) *entity {
	i := sort.Search(len(x.mentions), func(i int) bool { return x.mentions[i].pos >= to })
	key, name := "", ""
	subject := false
	for n := 0; i > 0 && n < 64; n++ {
		i--
		m := x.mentions[i]
		if m.pos <= from || m.para < pi {
			break
		}
		if x.isExcluded(m.pos) {
			continue
		}
		if key != "" && m.key != key {
			return nil
		}
		key = m.key
		if len(m.name) > len(name) {
			name = m.name
		}
		subject = subject || m.subject
	}
	if !subject {
		return nil
	}
	e := x.reg.lookupPerson(name)
	if e == nil || e.org || e.anon || e.gender != 0 && e.gender != want {
		return nil
	}
	if e.gender == 0 {
		e.gender = want
	}
	return e
}

func (x *extractor) isExcluded(pos int) bool {
	for _, c := range x.sentClauses {
		if c[0] <= pos && pos < c[1] {
			return true
		}
	}
	return within(x.excluded, pos) || within(x.clauses, pos)
}

// within: pos lies in one of the spans (sorted by start, or nearly so).
func within(spans [][2]int, pos int) bool {
	i := sort.Search(len(spans), func(i int) bool { return spans[i][0] > pos })
	for n := 0; i > 0 && n < 8; n++ {
		i--
		if spans[i][0] <= pos && pos < spans[i][1] {
			return true
		}
	}
	return false
}

func (x *extractor) exclude(s, e int) {
	x.clauses = append(x.clauses, [2]int{s, e})
}

// noteSpeaker remembers the latest named speaker, the antecedent for a
// following "he" or "she".
func (x *extractor) noteSpeaker(pi int, toks []token, ev event) {
	if ev.ent == nil || ev.ent.anon {
		return
	}
	x.last, x.lastPos, x.lastPara = ev.ent, toks[ev.phraseE-1].e, pi
}

// nearQuote: a quotation stands within a few tokens of the verb at v, in
// the same sentence ("..." he continued / she asked: "...").
func nearQuote(toks []token, a, z, v int) bool {
	for k := v - 1; k >= a-1 && k >= 0 && v-k <= 8; k-- {
		if toks[k].isQuote() {
			return true
		}
		if k < a {
			break
		}
		if toks[k].punct == '.' || toks[k].punct == ';' {
			break
		}
	}
	for k := v + 1; k < z && k-v <= 3; k++ {
		if toks[k].isQuote() {
			return true
		}
	}
	return false
}

// attributionEnds: nothing but a circumstance follows a trailing
// attribution ("..., Peskov said on Monday.", "..., X told reporters"),
// not an object ("..., the U.S. would express its desire ...").
func (x *extractor) attributionEnds(toks []token, ev event, info verbInfo, z int) bool {
	k := ev.phraseE
	if ev.verb >= 0 && k == ev.verb+1 && (info.base == "tell" || info.base == "inform") {
		k = x.skipObject(toks, k, z)
	}
	if k >= z {
		return true
	}
	if toks[k].punct == ':' || toks[k].isQuote() {
		return false // it introduces what follows
	}
	if !toks[k].isWord() {
		return true
	}
	return notClauseStart[toks[k].lower] || timeWords[toks[k].lower]
}

// nameAfterRole: for "ROLE, Name" ending at token e-1 (Name all name
// words, ROLE a noun phrase with a role noun), the first token of Name, or -1.
func (x *extractor) nameAfterRole(toks []token, a, e int) int {
	k := e
	for k > a && e-k < 5 && (isNameWord(toks[k-1]) || (k < e && nameParticles[toks[k-1].lower])) {
		k--
	}
	if k == e {
		return -1
	}
	// A title before the name: "the regional director, Dr. Kwame Mensah,".
	for n := 0; n < 2 && k-1 > a && toks[k-1].cap && isTitleWord(toks[k-1].lower); n++ {
		k--
	}
	if k-2 < a || toks[k-1].punct != ',' {
		return -1
	}
	r := x.npBack(toks, a, k-1)
	if r >= k-1 {
		return -1
	}
	if determiners[toks[r].lower] {
		return k
	}
	for i := r; i < k-1; i++ {
		if !toks[i].cap && (isRole(toks[i].lower) || anonymousNouns[toks[i].lower]) || toks[i].cap && titleWords[toks[i].lower] {
			return k
		}
	}
	return -1
}

// relativeBefore: for ", who ... ," ending at token e-1 (the last comma
// at e), the index of the comma before "who", or -1.
func (x *extractor) relativeBefore(toks []token, a, e int) int {
	for k := e - 1; k > a && e-k < 16; k-- {
		if toks[k].isQuote() || toks[k].punct == ';' {
			return -1
		}
		if (toks[k].lower == "who" || strings.HasSuffix(toks[k].lower, "ing") && !toks[k].cap) && toks[k-1].punct == ',' {
			if x.npBack(toks, a, k-1) < k-1 {
				return k - 1
			}
			return -1
		}
	}
	return -1
}

// skipObject skips the hearer after "told": "told reporters", "told a Senate
// committee", "told the BBC's Today programme".
func (x *extractor) skipObject(toks []token, k, z int) int {
	start := k
	for n := 0; k < z && n < 5 && toks[k].isWord() && (tellObjects[toks[k].lower] || toks[k].cap); n++ {
		k++
	}
	if e := x.npForward(toks, start, z); e > k && e-start <= 6 {
		k = e
	}
	if k == start && k < z && determiners[toks[k].lower] {
		// "told a news conference": determiner and up to three nouns.
		e := k + 1
		for e < z && e-k <= 3 && toks[e].isWord() && !functionWords[toks[e].lower] && toks[e].lower != "that" {
			if _, v := speechVerbs[toks[e].lower]; v {
				break
			}
			e++
		}
		if e < z && (toks[e].lower == "that" || !toks[e].isWord()) {
			k = e
		}
	}
	return k
}

// passiveQuoted: for "NP was quoted [by NP] as" with "as" at token e, the
// index of "quoted", when a subject stands before the be-verb; else -1.
func (x *extractor) passiveQuoted(toks []token, a, e int) int {
	k := e
	if b := x.npBack(toks, a, k); b < k && b-1 > a && toks[b-1].lower == "by" {
		k = b - 1
	}
	if k-2 < a || !quotedVerbs[toks[k-1].lower] || !beForms[toks[k-2].lower] {
		return -1
	}
	if x.npBack(toks, a, k-2) >= k-2 {
		return -1
	}
	return k - 1
}

// quotedAs: "quoted NP as" ends at token e ("as").
func (x *extractor) quotedAs(toks []token, a, e int) bool {
	k := x.npBack(toks, a, e)
	return k < e && k > a && quotedVerbs[toks[k-1].lower]
}

// isArticle: "the", "a", "an".
func isArticle(t token) bool {
	return t.lower == "the" || t.lower == "a" || t.lower == "an"
}

// docFrom: for "statement from the White House" (a document noun, "from"
// or "by", then a capitalised name to the end), the first token of the
// name, or -1.
func docFrom(np []token, words []string) int {
	for i := 1; i+1 < len(np); i++ {
		if (words[i] == "from" || words[i] == "by") && documentNouns[words[i-1]] {
			j := i + 1
			if words[j] == "the" && j+1 < len(np) {
				j++
			}
			for k := j; k < len(np); k++ {
				if !np[k].cap {
					return -1
				}
			}
			return j
		}
	}
	return -1
}
