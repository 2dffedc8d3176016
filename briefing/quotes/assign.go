package quotes

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// sentence emits the quotes and reported speech of the sentence toks[a:z]
// given its attributions. It returns the speaker of its last attributed
// quotation (for a following quote-only sentence) and, when the sentence
// ends with a quotation it could not attribute, that token's index.
func (x *extractor) sentence(pi, a, z int, evs []event, prevEnt *entity, first bool) (*entity, int) {
	p := &x.paras[pi]
	toks := p.toks
	// The first trailing attribution takes the clause before it
	// ("CLAUSE, Peskov said, Interfax reported"); attributions nested
	// inside that clause report nothing of their own.
	trail := -1
	for i := range evs {
		if evs[i].trailing && evs[i].clauseS < 0 && (evs[i].verb >= 0 || evs[i].according) {
			trail = i
			break
		}
	}
	trailEnd := -1 // the trailing clause is toks[a:trailEnd]
	if trail >= 0 {
		trailEnd = evs[trail].phraseS
		if !toks[trailEnd-1].isQuote() {
			trailEnd-- // drop the comma or dash
		}
		for i := range evs {
			if i != trail && evs[i].phraseS < trailEnd {
				evs[i].clauseS = -1
			}
		}
	}
	// Reporting nested inside another reported clause is part of it:
	// "X said Y told him Z" reports X's words only.
	for i := range evs {
		for j := range evs {
			if i != j && evs[i].clauseS >= 0 && evs[j].phraseS >= evs[i].clauseS && evs[j].phraseS < evs[i].clauseE {
				evs[j].clauseS = -1
			}
		}
	}
	quoteOnly := true
	for i := a; i < z; i++ {
		if toks[i].isWord() {
			quoteOnly = false
			break
		}
	}
	var lastEnt *entity
	pendingEnd := -1
	for qt := a; qt < z; qt++ {
		if !toks[qt].isQuote() {
			continue
		}
		q := p.quotes[toks[qt].quote()]
		s, e := x.trimQuote(q.start, q.end)
		short := !hasWords(x.text[s:e], minWords)
		ev, how := x.attach(toks, evs, a, z, qt, trail, trailEnd)
		if short {
			// Too short to list, but it tells who speaks in the quotation
			// that follows (`"Terrifying," she said. "The building shook."`).
			if ev != nil && ev.ent != nil && how == "trailing" {
				lastEnt = ev.ent
			}
			continue
		}
		var ent *entity
		var evidence, role string
		if ev != nil {
			ent, evidence, role = ev.ent, ev.evidence, ev.role
			if ent == nil {
				// Attributed, but to no one the text makes certain ("he
				// said" after two men were named): listed with no speaker.
				kind := Partial
				if (qt == a || allPunct(toks, a, qt)) && (how == "trailing" || allPunct(toks, qt+1, z)) {
					kind = Direct
				}
				x.add(rawQuote{start: s, end: e, kind: kind, evidence: "speaker unresolved: " + x.text[toks[ev.npS].s:toks[ev.npE-1].e], para: pi})
				continue
			}
		} else {
			switch {
			case quoteOnly && prevEnt != nil && qt > a:
				ent, evidence = prevEnt, "continues the quotation before: "+prevEnt.name
			case quoteOnly && prevEnt != nil:
				ent, evidence = prevEnt, "continues the quotation before: "+prevEnt.name
			case first && qt == a && x.chainPara == pi && x.chainEnt != nil:
				ent, evidence = x.chainEnt, "multi-paragraph quotation: "+x.chainEnt.name
			case first && quoteOnly && x.paraOnlyQuotes(pi) && pi > 0 && x.paras[pi-1].speaker != nil && x.paras[pi-1].quoted && x.endsSentence(pi):
				ent, evidence = x.paras[pi-1].speaker, "quote-only paragraph continues "+x.paras[pi-1].speaker.name
			}
		}
		if ent == nil {
			if q.runOn {
				x.pending = append(x.pending, pendingQuote{pi: pi, q: q})
			} else if qt == lastWordOrQuote(toks, a, z) {
				pendingEnd = qt
			}
			continue
		}
		kind := Partial
		before := qt == a || allPunct(toks, a, qt) || how == "leading" && (punctOrQuotes(toks, a, ev.phraseS) || colonBefore(toks, ev.phraseE, qt))
		after := qt == z-1 || how == "trailing" || allPunct(toks, qt+1, z)
		if before && after || q.runOn {
			kind = Direct
		}
		x.add(rawQuote{start: s, end: e, kind: kind, ent: ent, role: role, evidence: evidence, para: pi})
		x.paras[pi].quoted = true
		lastEnt = ent
		if first && qt == firstQuote(toks, a, z) {
			x.flushPending(pi, ent)
		}
		if q.runOn {
			x.chainEnt, x.chainPara = ent, pi+1
		}
	}
	// The paragraph's speakers, for a quote-only paragraph that follows.
	for i := range evs {
		x.notePara(pi, evs[i].ent)
	}
	if lastEnt != nil {
		x.notePara(pi, lastEnt)
	}
	// Reported speech.
	for i := range evs {
		ev := &evs[i]
		if ev.ent == nil || ev.docOnly {
			continue
		}
		cs, ce := ev.clauseS, ev.clauseE
		if i == trail {
			cs, ce = a, trailEnd
		}
		if cs < 0 || ce <= cs {
			continue
		}
		if x.hasLongQuote(toks, cs, ce) || toks[cs].isQuote() && allPunct(toks, cs+1, ce) {
			continue
		}
		x.reported(toks, cs, ce, ev, pi)
	}
	return lastEnt, pendingEnd
}

// attach finds the attribution of the quotation at token qt and says how
// it stands: "trailing" right after it, "leading" right before it, or
// "sentence" elsewhere in the sentence.
func (x *extractor) attach(toks []token, evs []event, a, z, qt, trail, trailEnd int) (*event, string) {
	for i := range evs {
		ev := &evs[i]
		k := qt + 1
		for k < z && (toks[k].punct == ',' || toks[k].punct == '—' || toks[k].punct == '–') {
			k++
		}
		if ev.phraseS == k && ev.phraseS > qt {
			if ev.verb < 0 && i > 0 && evs[0].phraseS < qt {
				// `X said "...", according to Reuters`: X speaks.
				continue
			}
			return ev, "trailing"
		}
	}
	for i := range evs {
		ev := &evs[i]
		if ev.phraseE > qt || ev.phraseS > qt {
			continue
		}
		ok := true
		from := ev.phraseE
		if ev.verb >= 0 && from == ev.verb+1 {
			if info := speechVerbs[toks[ev.verb].lower]; info.base == "tell" || info.base == "inform" {
				from = x.skipObject(toks, from, qt)
			}
		}
		for k := from; k < qt; k++ {
			t := toks[k]
			if t.punct == ':' || t.punct == ',' || t.lower == "that" || (t.isWord() && tellObjects[t.lower]) {
				continue
			}
			ok = false
			break
		}
		if !ok && qt > from && toks[qt-1].punct == ':' && shortCircumstance(toks, from, qt-1) {
			ok = true // `responded on X: "..."`, `said in Geneva: "..."`
		}
		if ok {
			return ev, "leading"
		}
	}
	// A reported clause that holds the quotation.
	for i := range evs {
		ev := &evs[i]
		if i == trail && qt >= a && qt < trailEnd {
			return ev, "sentence"
		}
		if ev.clauseS >= 0 && ev.clauseS <= qt && qt < ev.clauseE {
			return ev, "sentence"
		}
	}
	// The one attribution of the sentence, after the quotation.
	if len(evs) == 1 && evs[0].phraseS > qt && evs[0].trailing {
		return &evs[0], "sentence"
	}
	// A quotation that ends the predicate of the nearest speech verb before
	// it ("would express its desire to keep Ukraine "free ..."").
	if qt == lastWordOrQuote(toks, a, z) {
		for i := len(evs) - 1; i >= 0; i-- {
			ev := &evs[i]
			if ev.verb >= 0 && ev.verb < qt && ev.ent != nil && !ev.docOnly {
				for k := ev.verb + 1; k < qt; k++ {
					if _, ok := speechVerbs[toks[k].lower]; ok || toks[k].punct == ';' || toks[k].isQuote() {
						return nil, ""
					}
				}
				return ev, "sentence"
			}
		}
	}
	return nil, ""
}

// shortCircumstance: toks[s:e] is a short phrase of place, time or medium
// ("on X", "in Geneva on Monday", "in a statement") between a speech verb
// and the colon that introduces its quotation.
func shortCircumstance(toks []token, s, e int) bool {
	if e <= s || e-s > 8 || !toks[s].isWord() || !(prepositions[toks[s].lower] || notClauseStart[toks[s].lower] || timeWords[toks[s].lower]) {
		return false
	}
	for _, t := range toks[s:e] {
		if t.isQuote() || !t.isWord() && t.punct != ',' && t.punct != '.' {
			return false
		}
		if _, verb := speechVerbs[t.lower]; verb || finiteMarkers[t.lower] {
			return false
		}
	}
	return true
}

// reported emits the clause toks[cs:ce] as indirect (or unmarked) speech;
// "X said A and that B" reports two clauses.
func (x *extractor) reported(toks []token, cs, ce int, ev *event, pi int) {
	for k := cs + 1; k+1 < ce; k++ {
		if toks[k].lower == "and" && toks[k+1].lower == "that" && k+2 < ce {
			x.reportedClause(toks, cs, k, ev, pi)
			cs = k + 2
			k++
		}
	}
	x.reportedClause(toks, cs, ce, ev, pi)
}

func (x *extractor) reportedClause(toks []token, cs, ce int, ev *event, pi int) {
	cs = x.datelineEnd(toks, cs, ce)
	for cs < ce && !toks[cs].isWord() && !toks[cs].isQuote() {
		cs++ // a bullet or dash before the clause
	}
	if cs >= ce {
		return
	}
	s, e := toks[cs].s, toks[ce-1].e
	for e > s {
		r, size := utf8.DecodeLastRuneInString(x.text[s:e])
		if r == '.' || r == ',' || r == ';' || r == ':' || unicode.IsSpace(r) || r == '—' || r == '–' {
			e -= size
			continue
		}
		break
	}
	if !hasWords(x.text[s:e], 3) {
		return
	}
	kind := Indirect
	for k := cs; k < ce; k++ {
		if toks[k].isWord() && firstPerson[x.text[toks[k].s:toks[k].e]] {
			kind = Unmarked
			break
		}
	}
	x.add(rawQuote{start: s, end: e, kind: kind, ent: ev.ent, role: ev.role, evidence: ev.evidence, para: pi})
	x.exclude(s, e)
}

// datelineEnd skips a wire dateline that opens a clause ("TROMSØ, Norway
// —", "KYIV (Reuters) -"): a place in capitals, an optional region and
// agency, then a dash.
func (x *extractor) datelineEnd(toks []token, cs, ce int) int {
	k := cs
	for k < ce && k-cs < 4 && toks[k].isWord() && isAcronym(x.text[toks[k].s:toks[k].e]) {
		k++
	}
	if k == cs {
		return cs
	}
	if k+1 < ce && toks[k].punct == ',' {
		m := k + 1
		for m < ce && m-k <= 3 && toks[m].isWord() && toks[m].cap {
			m++
		}
		if m > k+1 {
			k = m
		}
	}
	if k+2 < ce && toks[k].punct == '(' && toks[k+1].isWord() && toks[k+2].punct == ')' {
		k += 3
	}
	if k < ce && (toks[k].punct == '—' || toks[k].punct == '–' || toks[k].punct == '-') {
		return k + 1
	}
	return cs
}

func (x *extractor) add(q rawQuote) {
	x.quotes = append(x.quotes, q)
}

func (x *extractor) notePara(pi int, ent *entity) {
	p := &x.paras[pi]
	if p.noted {
		if p.speaker != ent {
			p.speaker = nil
		}
		return
	}
	p.speaker, p.noted = ent, true
}

// flushPending gives run-on quotations of the previous paragraphs the
// speaker found for the paragraph that continues them.
func (x *extractor) flushPending(pi int, ent *entity) {
	if len(x.pending) == 0 || x.pending[len(x.pending)-1].pi != pi-1 {
		x.pending = x.pending[:0]
		return
	}
	for _, pq := range x.pending {
		s, e := x.trimQuote(pq.q.start, pq.q.end)
		if hasWords(x.text[s:e], minWords) {
			x.add(rawQuote{start: s, end: e, kind: Direct, ent: ent, evidence: "multi-paragraph quotation: " + ent.name, para: pq.pi})
		}
	}
	x.pending = x.pending[:0]
}

// dropPending forgets run-on quotations that never found a speaker: they
// are attributed to no one, so they are not listed.
func (x *extractor) dropPending() { x.pending = nil }

// paraOnlyQuotes: the paragraph holds nothing but quotations.
func (x *extractor) paraOnlyQuotes(pi int) bool {
	for _, t := range x.paras[pi].toks {
		if t.isWord() {
			return false
		}
	}
	return true
}

func (x *extractor) hasLongQuote(toks []token, s, e int) bool {
	p := toks[s:e]
	for _, t := range p {
		if t.isQuote() {
			return x.longQuote(t)
		}
	}
	return false
}

// longQuote: the quotation token t has minWords words or more.
func (x *extractor) longQuote(t token) bool {
	return hasWords(x.text[t.s:t.e], minWords)
}

// trimQuote drops white space and the reporter's trailing comma or period.
func (x *extractor) trimQuote(s, e int) (int, int) {
	for s < e {
		r, size := utf8.DecodeRuneInString(x.text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		s += size
	}
	for e > s {
		r, size := utf8.DecodeLastRuneInString(x.text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		e -= size
	}
	if e > s && (x.text[e-1] == ',' || x.text[e-1] == '.') && !strings.HasSuffix(x.text[s:e], "..") {
		e--
	}
	return s, e
}

// hasWords: s has n or more white-space separated words, counted as the
// guidelines count them. Every caller asks only whether a quotation or
// clause reaches a minimum, so counting stops there rather than reading
// the rest of a long quotation.
//
// It reads runes as range does, but an ASCII byte is taken as it is and
// classified by asciiSpace (which is unicode.IsSpace for it).
func hasWords(s string, n int) bool {
	count, in := 0, false
	for i := 0; i < len(s); {
		var sp bool
		if c := s[i]; c < utf8.RuneSelf {
			sp = c <= ' ' && asciiSpace(c) // most bytes are letters
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			sp = unicode.IsSpace(r)
			i += size
		}
		if !sp && !in {
			count++
			if count >= n {
				return true
			}
		}
		in = !sp
	}
	return count >= n
}

func allPunct(toks []token, s, e int) bool {
	for k := s; k < e; k++ {
		if toks[k].isWord() || toks[k].isQuote() {
			return false
		}
	}
	return true
}

func lastWordOrQuote(toks []token, a, z int) int {
	for k := z - 1; k >= a; k-- {
		if toks[k].isWord() || toks[k].isQuote() {
			return k
		}
	}
	return -1
}

func firstQuote(toks []token, a, z int) int {
	for k := a; k < z; k++ {
		if toks[k].isQuote() {
			return k
		}
	}
	return -1
}

// emitQuote emits a quotation attributed by an event outside its sentence.
func (x *extractor) emitQuote(pi int, q qspan, kind string, ev event, evidence string) {
	s, e := x.trimQuote(q.start, q.end)
	if !hasWords(x.text[s:e], minWords) || ev.ent == nil {
		return
	}
	x.add(rawQuote{start: s, end: e, kind: kind, ent: ev.ent, role: ev.role, evidence: ev.evidence + "; " + evidence, para: pi})
	x.notePara(pi, ev.ent)
}

func punctOrQuotes(toks []token, s, e int) bool {
	for k := s; k < e; k++ {
		if toks[k].isWord() {
			return false
		}
	}
	return true
}

// colonBefore: a colon introduces the quotation ("Marsh replied: "...").
func colonBefore(toks []token, s, qt int) bool {
	for k := s; k < qt; k++ {
		if toks[k].punct == ':' {
			return true
		}
	}
	return false
}

// endsSentence: the paragraph ends like a sentence (a period, question or
// exclamation mark, inside or outside the closing mark), as a quoted
// teaser headline does not.
func (x *extractor) endsSentence(pi int) bool {
	p := x.paras[pi]
	t := strings.TrimRight(x.text[p.s:p.e], "\"”’'»“ ")
	return strings.HasSuffix(t, ".") || strings.HasSuffix(t, "?") || strings.HasSuffix(t, "!") || strings.HasSuffix(t, "…")
}
