// Package speakers decides which names in a corpus belong to one person.
//
// News names the same person in many ways: "Peskov", "Dmitry Peskov",
// "Kremlin spokesman Dmitry Peskov", "the spokesman for the Russian leader,
// Dmitry Peskov"; and it spells names transliterated from Cyrillic in several
// ways: "Zelensky", "Zelenskyy", "Zelenskiy", "Zelenskii". The package strips
// titles and roles, folds case and diacritics, and reduces transliteration
// variants to one skeleton, so that these all compare equal, while keeping
// apart names that only look alike ("Zelensky" and "Zelenska", "John Smith"
// and "Jane Smith"). Similarity scores alone (Jaro-Winkler rates
// Zelensky/Zelenska 0.95) are never enough to merge two speakers: Match and
// Resolve merge only on equal surname skeletons and compatible given names,
// and every merge comes with a reason. Fuzzy matching (edit distance) is used
// only by Lookup, to rank candidates for what a user typed.
//
// Everything here is a pure function of its arguments.
package speakers

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Fold returns s in lower case with diacritics removed (NFKD, then combining
// marks dropped), letters that do not decompose mapped to Latin (ł→l, ø→o,
// ß→ss, æ→ae), curly apostrophes turned into ', dashes into -, and runs of
// white space collapsed to one space, trimmed at both ends.
func Fold(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, " ")
	}
	if !isASCII(s) {
		// A fresh chain per call: transform chains keep state.
		t := transform.Chain(norm.NFKD, runes.Remove(runes.In(unicode.Mn)))
		if out, _, err := transform.String(t, s); err == nil {
			s = out
		}
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf { // ASCII fast path
			i++
			switch {
			case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
				space = b.Len() > 0
				continue
			case c < 0x20 || c == 0x7f:
				continue
			}
			if space {
				b.WriteByte(' ')
				space = false
			}
			if c == '`' {
				c = '\''
			} else if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if unicode.IsSpace(r) || r == '\u200b' {
			space = b.Len() > 0
			continue
		}
		if unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Cc, r) {
			continue // zero-width joiners, directional marks, controls
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		if f, latin := FoldRune(r); latin != "" {
			b.WriteString(latin)
		} else {
			b.WriteRune(f)
		}
	}
	return b.String()
}

// FoldRune returns what Fold makes of a non-ASCII rune that is not white
// space, a control or a format character (those it drops or turns into
// spaces) once NFKD has decomposed it: ' for the curly and modifier
// apostrophes, - for dashes, the Latin letters of a letter that does not
// decompose (latin: ł is "l", ß is "ss"), and otherwise the rune in lower
// case.
func FoldRune(r rune) (folded rune, latin string) {
	switch r {
	case '\u2018', '\u2019', '\u201a', '\u201b', '\u02bc', '\u02bb', '\u2032', '\u00b4':
		return '\'', ""
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\ufe58', '\ufe63', '\uff0d':
		return '-', ""
	}
	if m, ok := latinMap[r]; ok {
		return 0, m
	}
	return unicode.ToLower(r), ""
}

// latinMap holds letters that NFKD leaves alone, in lower case.
var latinMap = map[rune]string{
	'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d", 'ø': "o", 'Ø': "o", 'ß': "ss",
	'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe", 'ı': "i", 'þ': "th", 'Þ': "th",
	'ð': "d", 'Ð': "d", 'ħ': "h", 'Ħ': "h", 'ŧ': "t", 'Ŧ': "t",
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
