package quotes

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// token is a word, a punctuation mark, or a whole quotation.
type token struct {
	s, e  int
	lower string // lower-cased word; "" for punctuation and quotations
	punct rune   // the mark, for punctuation tokens
	cap   bool   // the word starts with an upper-case letter
	quote int    // index into the paragraph's quotations, or -1
}

func (t token) isWord() bool  { return t.lower != "" }
func (t token) isQuote() bool { return t.quote >= 0 }

// tokenize splits text[s:e] (which holds no quotation) into tokens.
func tokenize(text string, s, e int, out []token) []token {
	for i := s; i < e; {
		r, size := utf8.DecodeRuneInString(text[i:e])
		switch {
		case unicode.IsSpace(r):
			i += size
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i + size
			for j < e {
				c, n := utf8.DecodeRuneInString(text[j:e])
				if unicode.IsLetter(c) || unicode.IsDigit(c) || unicode.Is(unicode.Mn, c) {
					j += n
					continue
				}
				// Word-internal marks: U.S., Jean-Noel, NATO's, don’t, 2.5.
				if (c == '.' || c == '-' || c == '\'' || c == '’' || c == '‑') && j+n < e {
					d, _ := utf8.DecodeRuneInString(text[j+n : e])
					if unicode.IsLetter(d) || unicode.IsDigit(d) {
						j += n
						continue
					}
				}
				break
			}
			// Abbreviations keep their final period: "U.S.", "Gen.", "Feb.".
			if j < e && text[j] == '.' && isAbbrev(text[i:j]) {
				j++
			}
			w := text[i:j]
			if len(w) > 64 {
				w = w[:64]
			}
			lw := strings.ToLower(w)
			out = append(out, token{s: i, e: j, lower: lw, cap: unicode.IsUpper(r) || particleName(w), quote: -1})
			i = j
		default:
			out = append(out, token{s: i, e: i + size, punct: r, quote: -1})
			i += size
		}
	}
	return out
}

// hyphenParticles are lower-case prefixes joined to a capitalised surname
// ("al-Rashid", "el-Sisi", "bin-Laden", "ad-Din", "d'Estaing").
var hyphenParticles = set("al", "el", "ad", "an", "ar", "as", "ash", "at", "az", "ud", "bin",
	"ibn", "abu", "d", "l", "da", "de", "di", "van", "von")

// particleName: a word such as "al-Rashid" or "d'Estaing", written with a
// lower-case particle but a name all the same.
func particleName(w string) bool {
	i := strings.IndexAny(w, "-'’")
	if i <= 0 || i > 4 || !hyphenParticles[w[:i]] {
		return false
	}
	_, size := utf8.DecodeRuneInString(w[i:])
	r, _ := utf8.DecodeRuneInString(w[i+size:])
	return unicode.IsUpper(r)
}

// isAbbrev: dotted abbreviations (U.S, e.g) and short titles (Gen, Mr, Feb).
func isAbbrev(w string) bool {
	if strings.Contains(w, ".") {
		return true
	}
	switch strings.ToLower(w) {
	case "mr", "mrs", "ms", "dr", "gen", "col", "lt", "maj", "capt", "sgt", "adm", "gov", "sen",
		"rep", "rev", "prof", "st", "jr", "sr", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
		"sep", "sept", "oct", "nov", "dec", "no", "vs":
		return true
	}
	return len(w) == 1 && unicode.IsUpper(rune(w[0]))
}

// fold lower-cases s and removes diacritics, for matching names.
func fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	var b strings.Builder
	for _, r := range norm.NFKD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// surnameKey folds a surname and evens out common transliteration
// variants (Zelensky, Zelenskyy, Zelenskiy).
func surnameKey(s string) string {
	k := fold(s)
	k = strings.TrimSuffix(k, "'s")
	k = strings.TrimSuffix(k, "’s")
	switch {
	case strings.HasSuffix(k, "iy"), strings.HasSuffix(k, "yy"):
		k = k[:len(k)-2] + "y"
	case strings.HasSuffix(k, "ii"):
		k = k[:len(k)-2] + "i"
	}
	return k
}

// isNameWord: a capitalised word that can be part of a person's name.
func isNameWord(t token) bool {
	if !t.isWord() || !t.cap {
		return false
	}
	if functionWords[t.lower] || isTitleWord(t.lower) || notPerson[t.lower] {
		return false
	}
	if strings.HasSuffix(t.lower, "'s") || strings.HasSuffix(t.lower, "’s") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t.lower)
	return unicode.IsLetter(r)
}

// isAcronym: NATO, UNRWA, AFP (all capitals, two letters or more).
func isAcronym(w string) bool {
	n := 0
	for _, r := range w {
		if r == '.' {
			continue
		}
		if !unicode.IsUpper(r) {
			return false
		}
		n++
	}
	return n >= 2
}
