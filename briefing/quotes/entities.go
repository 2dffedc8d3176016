package quotes

import (
	"sort"
	"strings"
)

// entity is one speaker of the article: a person, a body, or anonymous.
type entity struct {
	name   string   // fullest form seen
	forms  []string // every form the text used for them
	role   string
	org    bool
	anon   bool
	gender byte   // 'f', 'm' or 0 when unknown
	key    string // surname key for people, folded name for bodies
	first  string // folded first name, "" when only the surname is known
	// roleWords: the role in lower case, split into words.
	roleWords []string
}

var roleCleaner = strings.NewReplacer(",", " ", "'s", " ", "’s", " ")

func (e *entity) addForm(f string) {
	f = strings.TrimSpace(f)
	if f == "" {
		return
	}
	for _, g := range e.forms {
		if g == f {
			return
		}
	}
	if len(e.forms) < 16 {
		e.forms = append(e.forms, f)
	}
}

func (e *entity) setRole(role string) {
	role = strings.TrimSpace(role)
	if role == "" {
		return
	}
	if e.role == "" {
		e.role = role
		e.roleWords = strings.Fields(strings.ToLower(roleCleaner.Replace(role)))
	}
	// The words of strings.ToLower(role): lower-casing maps rune by rune,
	// never to or from a space, a comma or a period, so each word may be
	// lower-cased on its own (by inLower, which does not allocate).
	for w := range strings.FieldsSeq(role) {
		w = strings.Trim(w, ",.")
		switch {
		case inLower(femaleWords, w):
			e.gender = 'f'
		case inLower(maleWords, w):
			e.gender = 'm'
		}
	}
}

// mention is a person named in the reporter's own text, for pronoun checks.
type mention struct {
	pos     int
	para    int
	key     string
	name    string
	subject bool // followed by a verb: the subject of its sentence
}

// registry holds the article's entities.
type registry struct {
	people map[string][]*entity // surname key -> people with that surname
	orgs   map[string]*entity
	anon   *entity
	all    []*entity
	// names caches parts: an article names the same people again and
	// again, and folding their names is most of the work of person and
	// lookupPerson.
	names map[string]nameParts
}

// newRegistry makes the registry of a text with the given number of name
// words, its tables sized for the different names those make (about one
// in three), so that they need not grow as they fill.
func newRegistry(nameWords int) *registry {
	nameWords = min(nameWords, 1<<12)
	return &registry{people: make(map[string][]*entity, nameWords/6), orgs: map[string]*entity{}, names: make(map[string]nameParts, nameWords/3)}
}

// nameParts are what the registry reads from a name.
type nameParts struct {
	words int    // number of words
	key   string // nameKey of the words ("" when there are none)
	first string // firstName of the words
}

// parts splits a name into words and reads its surname key and first name.
func (g *registry) parts(name string) nameParts {
	if p, ok := g.names[name]; ok {
		return p
	}
	words := strings.Fields(name)
	p := nameParts{words: len(words)}
	if len(words) > 0 {
		p.key, p.first = nameKey(words), firstName(words)
	}
	if len(g.names) < 1<<12 {
		g.names[name] = p
	}
	return p
}

// person returns the entity for a name (one or more words; the last is the
// surname), creating it when new. A bare surname joins the one person with
// that surname; with two or more it stays on its own (ambiguous).
func (g *registry) person(name string) *entity {
	parts := g.parts(name)
	if parts.words == 0 {
		return nil
	}
	key, first := parts.key, parts.first
	list := g.people[key]
	if first == "" {
		var full []*entity
		for _, e := range list {
			if e.first != "" {
				full = append(full, e)
			}
		}
		if len(full) == 1 {
			full[0].addForm(name)
			return full[0]
		}
		for _, e := range list {
			if e.first == "" {
				e.addForm(name)
				return e
			}
		}
	} else {
		for _, e := range list {
			if e.first == first {
				if len(name) > len(e.name) {
					e.name = name
				}
				e.addForm(name)
				return e
			}
		}
	}
	e := &entity{name: name, key: key, first: first}
	e.addForm(name)
	if len(list) >= 32 {
		return e // pathological input: keep lookups bounded
	}
	g.people[key] = append(list, e)
	g.all = append(g.all, e)
	return e
}

// lookupPerson finds an existing person without creating one.
func (g *registry) lookupPerson(name string) *entity {
	parts := g.parts(name)
	if parts.words == 0 {
		return nil
	}
	list := g.people[parts.key]
	first := parts.first
	if first == "" {
		var full []*entity
		for _, e := range list {
			if e.first != "" {
				full = append(full, e)
			}
		}
		if len(full) == 1 {
			return full[0]
		}
		if len(list) == 1 {
			return list[0]
		}
		return nil
	}
	for _, e := range list {
		if e.first == first {
			return e
		}
	}
	return nil
}

// nameKey is the surname key of a name's words: the last word with the
// particles before it ("von der Leyen"), so that "Anna Berg" and "Pieter
// van der Berg" are not taken for one family name.
func nameKey(words []string) string {
	i := len(words) - 1
	for i > 0 && i > len(words)-4 && inLower(nameParticles, words[i-1]) {
		i--
	}
	if i == len(words)-1 {
		return surnameKey(words[i])
	}
	return strings.ToLower(strings.Join(words[i:len(words)-1], " ")) + " " + surnameKey(words[len(words)-1])
}

// firstName is the folded first name of a name's words, or "" when the
// name is a surname alone, with its particles ("van der Berg").
func firstName(words []string) string {
	if len(words) < 2 || inLower(nameParticles, words[0]) {
		return ""
	}
	return fold(words[0])
}

func (g *registry) org(name string) *entity {
	name = strings.TrimSpace(name)
	key := fold(name)
	if e, ok := g.orgs[key]; ok {
		return e
	}
	e := &entity{name: name, key: key, org: true}
	e.addForm(name)
	g.orgs[key] = e
	g.all = append(g.all, e)
	return e
}

func (g *registry) anonymous() *entity {
	if g.anon == nil {
		g.anon = &entity{name: "anonymous", key: "anonymous", anon: true}
		g.all = append(g.all, g.anon)
	}
	return g.anon
}

// byRole finds the one person whose role matches a role noun phrase ("the
// Kremlin spokesperson", "the Russian leader"), or nil.
func (g *registry) byRole(words []string) *entity {
	if len(words) == 0 {
		return nil
	}
	head := words[len(words)-1]
	heads := map[string]bool{head: true}
	switch head {
	case "spokesman", "spokeswoman", "spokesperson":
		heads = set("spokesman", "spokeswoman", "spokesperson", "secretary")
	case "leader":
		heads = set("leader", "president", "prime", "chancellor", "premier")
	case "minister":
		heads = set("minister", "prime")
	}
	var found *entity
	for n, e := range g.all {
		if n >= 256 {
			return nil // too many people to tell apart by role
		}
		if e.org || e.anon || e.role == "" {
			continue
		}
		roleWords := e.roleWords
		hit := false
		for _, w := range roleWords {
			if heads[w] {
				hit = true
			}
		}
		if !hit {
			continue
		}
		// Every modifier of the noun phrase must appear in the role.
		for _, m := range words[:len(words)-1] {
			if m == "the" || m == "a" {
				continue
			}
			m = strings.TrimSuffix(strings.TrimSuffix(m, "'s"), "’s")
			ok := false
			for _, w := range roleWords {
				if w == m {
					ok = true
				}
			}
			if !ok {
				hit = false
			}
		}
		if !hit {
			continue
		}
		if found != nil && found != e {
			return nil // two people fit: do not guess
		}
		found = e
	}
	return found
}

// speakers lists the entities that spoke, in order of first quote.
func speakersOf(quotes []rawQuote) []Speaker {
	seen := map[*entity]bool{}
	var out []Speaker
	for _, q := range quotes {
		e := q.ent
		if e == nil || seen[e] {
			continue
		}
		seen[e] = true
		var aliases []string
		for _, f := range e.forms {
			if f != e.name {
				aliases = append(aliases, f)
			}
		}
		sort.Strings(aliases)
		out = append(out, Speaker{Name: e.name, Aliases: aliases, Role: e.role, Org: e.org})
	}
	return out
}
