package speakers

import (
	"strings"
)

// parsed is a name string split into the parts matching needs.
type parsed struct {
	folded   string   // Fold of the whole input
	tokens   []string // folded name tokens (titles, roles, suffixes removed), in order
	given    []string // skeletons of the given names and initials (all but the surname)
	givenRaw []string // the same words folded as written, for reasons
	last     string   // skeleton of the surname, particles included ("von der leyen")
	raw      string   // folded surname as written, for reasons
	suffix   string   // generational suffix ("jr", "iii"), "" when none
	org      bool     // an organisation or body, not a person
	orgKey   string   // for organisations: folded words without "the" and punctuation
}

// parse strips titles and roles from a name as news prints it and splits
// the rest into given names and surname. The name is looked for at the end
// of the first comma-separated segment that ends in a name ("Dmitry
// Peskov, the Kremlin spokesman"; "the spokesman for the Russian leader,
// Dmitry Peskov"), after the last title or role word ("Kremlin spokesman
// Dmitry Peskov"; "Secretary of State Marco Rubio").
func parse(name string) parsed {
	p := parsed{folded: Fold(name)}
	segments := strings.Split(p.folded, ",")
	var words [][]string
	for _, seg := range segments {
		words = append(words, cleanTokens(seg))
	}
	p.org = looksLikeOrg(words)
	if p.org {
		var all []string
		for _, w := range words {
			for _, t := range w {
				if t != "the" {
					all = append(all, t)
				}
			}
		}
		p.orgKey = strings.Join(all, " ")
		p.tokens = all
		return p
	}
	for _, w := range words {
		if name, suffix := nameRun(w); len(name) > 0 {
			p.tokens, p.suffix = name, suffix
			break
		}
	}
	if p.suffix == "" && len(segments) > 1 {
		// "Donald Trump, Jr."
		for _, w := range words[1:] {
			if len(w) == 1 && suffixes[w[0]] {
				p.suffix = w[0]
			}
			break
		}
	}
	if len(p.tokens) == 0 {
		return p
	}
	// Surname: the last token with any particles before it.
	n := len(p.tokens)
	start := n - 1
	for start > 1 && particles[p.tokens[start-1]] {
		start--
	}
	// A name that is only particles and a surname ("von der Leyen", "de
	// Gaulle") has no given name; particles that are also given names
	// ("Ben", "Van", "Al", "Abu") count as given names there.
	if start == 1 && leadingParticles[p.tokens[0]] {
		start = 0
	}
	surname := p.tokens[start:]
	// An Arabic article joined to the surname ("al-Assad") is not part of
	// how the surname is used alone ("Assad").
	lastTok := stripArticle(surname[len(surname)-1])
	var sk []string
	for _, t := range surname[:len(surname)-1] {
		if t == "al" || t == "el" {
			continue
		}
		sk = append(sk, t)
	}
	sk = append(sk, skeleton(lastTok))
	p.last = strings.Join(sk, " ")
	p.raw = strings.Join(surname, " ")
	for _, t := range p.tokens[:start] {
		p.given = append(p.given, skeleton(t))
		p.givenRaw = append(p.givenRaw, t)
	}
	return p
}

// stripArticle removes an Arabic article joined to a surname ("al-assad" →
// "assad").
func stripArticle(tok string) string {
	for _, pre := range [...]string{"al-", "el-", "ad-", "as-", "ash-", "ar-"} {
		if strings.HasPrefix(tok, pre) && len(tok) > len(pre)+2 {
			return tok[len(pre):]
		}
	}
	return tok
}

// cleanTokens splits one folded segment into words, trimming punctuation
// around each and dropping dots inside abbreviations ("u.s." → "us",
// "j." → "j"). A possessive ("putin's") is kept with its 's so that nameRun
// can tell a role phrase ("Putin's press secretary") from a name.
func cleanTokens(seg string) []string {
	fields := strings.Fields(seg)
	out := fields[:0]
	for _, f := range fields {
		f = strings.Trim(f, ".;:!?\"()[]{}<>«»“”„*_/\\|+=#@~^&%$")
		f = strings.Trim(f, "'-")
		if strings.Contains(f, ".") {
			f = strings.ReplaceAll(f, ".", "")
		}
		if f == "" {
			continue
		}
		out = append(out, f)
	}
	return out
}

// nameRun returns the name at the end of a segment: the trailing run of
// words that are not titles or roles. A segment that ends in a role word
// ("the Kremlin spokesman") has no name; a run after "of" names a place
// ("President of Russia"), not a person. Words that are both titles and
// common names ("Major", "King", "White") count as titles only when a
// name follows them.
func nameRun(w []string) (run []string, suffix string) {
	n := len(w)
	// Drop generational suffixes.
	for n > 1 && suffixes[w[n-1]] {
		suffix = w[n-1]
		n--
	}
	w = w[:n]
	if n == 0 {
		return nil, ""
	}
	// A possessive at the very end names its owner ("Zelenskyy's").
	if last := w[n-1]; len(last) > 3 && (strings.HasSuffix(last, "'s") || strings.HasSuffix(last, "s'")) {
		w = append(w[:n-1:n-1], strings.TrimSuffix(strings.TrimSuffix(last, "'s"), "'"))
	}
	i := n
	for i > 0 {
		t := w[i-1]
		if isRoleWord(t) && !(i == n && ambiguousRoles[t] && (i == 1 || !isRoleWord(w[i-2]))) {
			break
		}
		if strings.HasSuffix(t, "'s") || strings.HasSuffix(t, "s'") {
			break
		}
		i--
	}
	if i == n {
		return nil, ""
	}
	if i > 0 && (w[i-1] == "of" || w[i-1] == "for" || w[i-1] == "in") {
		return nil, ""
	}
	// A lone nationality adjective before a one-word name is more likely a
	// given name ("German Gref") than a title; elsewhere it was a role word.
	run = w[i:]
	if len(run) == 1 && i > 0 && nationalities[w[i-1]] && (i == 1) {
		run = w[i-1:]
	}
	// Reject runs that hold no letters (numbers, stray marks).
	hasLetter := false
	for _, t := range run {
		for j := 0; j < len(t); j++ {
			if isLetter(t[j]) || t[j] >= 0x80 {
				hasLetter = true
			}
		}
	}
	if !hasLetter {
		return nil, ""
	}
	return run, suffix
}

func isRoleWord(t string) bool {
	return roleWords[t] || nationalities[t] || orgHeads[t]
}

// looksLikeOrg reports whether the segments name an organisation: the
// first segment with content ends in an organisation head noun ("British
// government", "Russian Foreign Ministry", "Kremlin") or is a head noun
// followed by "of ..." ("Ministry of Defence").
func looksLikeOrg(segs [][]string) bool {
	for _, w := range segs {
		if len(w) == 0 {
			continue
		}
		if orgHeads[w[len(w)-1]] {
			return true
		}
		for i, t := range w {
			if orgHeads[t] && i+1 < len(w) && (w[i+1] == "of" || w[i+1] == "for") {
				return true
			}
		}
		return false
	}
	return false
}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// roleWords are titles, offices and their modifiers, folded.
var roleWords = set(
	"the", "a", "an", "of", "for", "and", "to", "in", "on", "at", "its", "his", "her", "their", "our",
	"president", "presidential", "vice", "prime", "minister", "ministers", "chancellor", "secretary",
	"state", "general", "spokesman", "spokeswoman", "spokesperson", "spokespeople", "press", "foreign",
	"defense", "defence", "deputy", "head", "chief", "chair", "chairman", "chairwoman", "chairperson",
	"director", "ambassador", "envoy", "senator", "sen", "rep", "representative", "congressman",
	"congresswoman", "governor", "gov", "mayor", "king", "queen", "prince", "princess", "sheikh", "emir",
	"pope", "cardinal", "bishop", "archbishop", "rabbi", "imam", "gen", "lt", "col", "colonel", "maj",
	"major", "capt", "captain", "adm", "admiral", "sgt", "sergeant", "commander", "marshal", "mr", "mrs",
	"ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "judge", "justice",
	"attorney", "commissioner", "official", "officials", "officer", "adviser", "advisor", "aide",
	"leader", "ceo", "cfo", "coo", "founder", "executive", "analyst", "economist", "premier",
	"lawmaker", "mp", "mep", "speaker", "interior", "finance", "economy", "health", "energy", "trade",
	"affairs", "security", "national", "former", "ex", "acting", "then", "incoming", "outgoing", "top",
	"senior", "junior", "lieutenant", "correspondent", "reporter", "editor", "negotiator", "diplomat",
	"white", "kremlin", "ukraine's", "spy", "intelligence", "military", "army", "navy", "commander-in-chief",
	"counterpart", "colleague", "host", "anchor", "columnist", "writer", "author", "researcher", "fellow",
	"candidate", "nominee", "opposition", "party", "ruling", "chairmanship", "monarch", "crown", "supreme",
	"high", "representative", "special", "assistant", "communications", "policy", "strategic", "member",
	"co-founder", "owner", "manager", "coach", "player", "striker", "activist", "volunteer", "resident",
	"witness", "survivor", "soldier", "veteran", "expert", "scientist", "doctor", "nurse", "lawyer",
	"prosecutor", "investigator", "inspector", "governor-general", "secretary-general", "vice-president",
	"first", "lady's", "people's", "deputy-head", "ex-president", "ex-prime", "late", "dear", "comrade",
)

// ambiguousRoles are title words that are also common names: at the end of
// a name ("John Major", "Martin Luther King") they are the name.
var ambiguousRoles = set(
	"major", "king", "white", "bishop", "judge", "justice", "marshal", "general", "lord", "lady",
	"head", "chief", "host", "writer", "player", "coach", "member", "fellow", "high", "king",
	"doctor", "baker", "major", "top", "miss", "queen", "prince", "sheikh", "speaker", "anchor",
	"senior", "junior", "first",
)

// orgHeads are nouns that head the name of an organisation or body.
var orgHeads = set(
	"government", "governments", "ministry", "ministries", "kremlin", "office", "council", "commission",
	"parliament", "agency", "army", "police", "embassy", "nato", "un", "eu", "house", "department",
	"administration", "party", "committee", "court", "bank", "company", "inc", "corp", "ltd", "llc",
	"plc", "group", "union", "organization", "organisation", "association", "institute", "university",
	"foundation", "fund", "forces", "service", "services", "command", "authority", "authorities",
	"board", "federation", "league", "staff", "headquarters", "pentagon", "cabinet", "senate",
	"congress", "duma", "rada", "bundestag", "assembly", "secretariat", "directorate", "bureau",
	"coalition", "alliance", "movement", "network", "newspaper", "magazine", "agency's",
	"reuters", "interfax", "afp", "tass", "ria", "telegraph", "news", "tv", "radio", "television", "press",
	"journal", "gazette", "tribune", "herald", "times", "daily", "broadcaster",
	"ministry's", "regime", "junta", "military", "navy", "unrwa", "who", "imf", "opec", "iaea", "unicef",
	"mission", "delegation", "prosecutors", "spokespeople", "officials", "operator", "railways",
	"airlines", "corporation", "holdings", "media", "press-service", "council's", "watchdog", "regulator",
)

// nationalities are adjectives and short forms of countries that precede
// titles ("Czech President", "U.S. Secretary of State").
var nationalities = set(
	"us", "uk", "eu", "un", "american", "british", "english", "scottish", "welsh", "irish", "french",
	"german", "italian", "spanish", "portuguese", "dutch", "belgian", "swiss", "austrian", "polish",
	"czech", "slovak", "hungarian", "romanian", "bulgarian", "greek", "turkish", "russian", "ukrainian",
	"belarusian", "lithuanian", "latvian", "estonian", "finnish", "swedish", "norwegian", "danish",
	"icelandic", "canadian", "mexican", "brazilian", "argentine", "argentinian", "chilean", "colombian",
	"venezuelan", "cuban", "chinese", "japanese", "korean", "north", "south", "indian", "pakistani",
	"afghan", "iranian", "iraqi", "syrian", "israeli", "palestinian", "lebanese", "jordanian", "saudi",
	"emirati", "qatari", "egyptian", "libyan", "tunisian", "algerian", "moroccan", "nigerian", "kenyan",
	"ethiopian", "sudanese", "south african", "australian", "zealand", "georgian", "armenian",
	"azerbaijani", "kazakh", "uzbek", "moldovan", "serbian", "croatian", "bosnian", "slovenian",
	"albanian", "macedonian", "montenegrin", "kosovar", "european", "western", "eastern", "nordic",
	"baltic", "african", "asian", "arab", "gulf", "federal", "regional", "local", "state-run", "soviet",
	"taiwanese", "vietnamese", "thai", "indonesian", "filipino", "malaysian", "singaporean", "yemeni",
	"omani", "bahraini", "kuwaiti", "cypriot", "maltese", "luxembourgish", "us-led",
)

// particles join a surname ("Ursula von der Leyen", "Luiz Inacio Lula da Silva").
var particles = set("von", "van", "der", "den", "de", "da", "di", "du", "la", "le", "del", "della",
	"dos", "das", "bin", "ibn", "ben", "al", "el", "ter", "ten", "st", "zu", "af", "bint", "abu")

// suffixes are generational suffixes that are not surnames.
var suffixes = set("jr", "sr", "ii", "iii", "iv", "v", "2nd", "3rd", "phd", "md", "esq", "obe", "mbe", "kbe")

// leadingParticles may open a surname written without a given name.
var leadingParticles = set("von", "der", "den", "de", "da", "du", "la", "le", "del", "della", "dos", "das",
	"ter", "ten", "zu", "af")
