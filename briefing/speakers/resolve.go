package speakers

import (
	"fmt"
	"strings"
)

// Known is a speaker entity already in the corpus.
type Known struct {
	ID      int64
	Name    string   // canonical (fullest) form
	Aliases []string // other forms seen, including transliteration variants
	Org     bool     // an organisation or body speaking, not a person
}

// forms returns the parsed Name and Aliases of k that hold a name.
func (k Known) forms() []parsed {
	out := make([]parsed, 0, 1+len(k.Aliases))
	for _, s := range append([]string{k.Name}, k.Aliases...) {
		p := parse(s)
		if k.Org && !p.org {
			// The store says it is an organisation: compare it as one.
			p = orgParsed(p)
		}
		if p.key() == "" {
			continue
		}
		out = append(out, p)
	}
	return out
}

// orgParsed turns a parse into an organisation parse (for a Known marked
// Org whose name reads like a person's, e.g. a brand).
func orgParsed(p parsed) parsed {
	words := strings.Fields(strings.NewReplacer(",", " ", ".", "").Replace(p.folded))
	if len(words) > 0 && words[0] == "the" {
		words = words[1:]
	}
	return parsed{folded: p.folded, org: true, orgKey: strings.Join(words, " "), tokens: words}
}

// fit is how a name fits one Known entity.
type fit struct {
	ok       bool
	exact    bool // some form has the same Key
	fullName bool // the entity has a given name that agreed with the name's
	hasGiven bool // the entity has a form with a given name
	reason   string
}

// fitKnown matches a parsed name against every form of k: it fits when it
// matches at least one form and contradicts none (so "Jane Smith" does not
// fit an entity known as "Smith" and "John Smith").
func fitKnown(p parsed, k Known) fit {
	forms := k.forms()
	var f fit
	key := p.key()
	for _, q := range forms {
		same, why := matchParsed(p, q)
		if !same {
			if q.org == p.org && (p.org || q.last == p.last) {
				return fit{reason: why} // a contradiction, not just another name
			}
			continue
		}
		if !f.ok {
			f.reason = why
		}
		f.ok = true
		if q.key() == key {
			f.exact = true
		}
		if len(q.given) > 0 {
			f.hasGiven = true
		}
		if len(q.given) > 0 && len(p.given) > 0 {
			f.fullName = true
		}
	}
	return f
}

// Resolve finds which of the candidates (the Known entities sharing the
// name's LastKey) the name belongs to. ok is false when the name is new to
// the corpus, holds no name, or is ambiguous: a surname alone that fits two
// different people ("Smith" with John Smith and Jane Smith known) is never
// guessed. A fuller name merges with a surname-only entity ("Dmitry
// Peskov" with "Peskov"); when both a surname-only and a full-name entity
// fit, the full name wins. The reason explains the choice or the refusal.
func Resolve(name string, candidates []Known) (id int64, reason string, ok bool) {
	p := parse(name)
	if p.key() == "" {
		return 0, fmt.Sprintf("%q holds no name", name), false
	}
	var hits []hit
	for _, k := range candidates {
		q := p
		switch {
		case k.Org && !p.org:
			q = orgParsed(p) // a body the name rules did not recognise ("Axios")
		case !k.Org && p.org:
			continue
		}
		if f := fitKnown(q, k); f.ok {
			hits = append(hits, hit{k, f})
		}
	}
	if len(hits) == 0 {
		return 0, "no known speaker matches " + p.key(), false
	}
	if len(p.given) == 0 {
		// A surname alone that fits two people with given names is
		// ambiguous, even if a surname-only entity exists too.
		if people := pick(hits, func(h hit) bool { return h.f.hasGiven }); len(people) > 1 {
			return 0, ambiguous(p, people), false
		}
	}
	if exact := pick(hits, func(h hit) bool { return h.f.exact }); len(exact) == 1 {
		r := exact[0].f.reason
		if len(hits) > 1 {
			r = "same name (" + r + ")"
		}
		return exact[0].k.ID, r, true
	}
	hs := hits
	if full := pick(hits, func(h hit) bool { return h.f.fullName }); len(full) > 0 {
		hs = full // a fuller name prefers the entity whose given name agreed
	}
	if len(hs) == 1 {
		return hs[0].k.ID, hs[0].f.reason, true
	}
	return 0, ambiguous(p, hs), false
}

type hit struct {
	k Known
	f fit
}

func pick(hits []hit, keep func(hit) bool) []hit {
	var out []hit
	for _, h := range hits {
		if keep(h) {
			out = append(out, h)
		}
	}
	return out
}

func ambiguous(p parsed, hs []hit) string {
	names := make([]string, len(hs))
	for i, h := range hs {
		names[i] = fmt.Sprintf("%s (id %d)", h.k.Name, h.k.ID)
	}
	return "ambiguous: " + p.key() + " fits " + strings.Join(names, ", ")
}
