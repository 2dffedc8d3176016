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
	// punct is the mark of a punctuation token, 0 for a word, and -1-i
	// for the paragraph's quotation i (see quoteToken). Keeping the
	// index here, where no mark can be negative, makes a token 40 bytes
	// rather than 48, and a text has a token for every five bytes or so.
	punct rune
	cap   bool // the word starts with an upper-case letter
	// name caches nameWord(t): every name and attribution check asks it,
	// often several times of one token, and tokens never change.
	name bool
}

// quoteToken is the token of the paragraph's quotation i, text[s:e].
func quoteToken(s, e, i int) token { return token{s: s, e: e, punct: rune(-1 - i)} }

func (t token) isWord() bool  { return t.lower != "" }
func (t token) isQuote() bool { return t.punct < 0 }

// quote is the index of a quotation token's quotation in its paragraph.
func (t token) quote() int { return int(-1 - t.punct) }

// tokenize splits text[s:e] (which holds no quotation) into tokens.
//
// Nearly every byte of English news is ASCII, so a byte below
// utf8.RuneSelf is taken as the rune it is and classified by asciiSpace
// and asciiAlnum, which give exactly what unicode.IsSpace and
// unicode.IsLetter || unicode.IsDigit give for it; every other rune is
// decoded and classified by utf8 and unicode.
func (x *extractor) tokenize(s, e int, out []token) []token {
	text := x.text
	for i := s; i < e; {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:e])
		}
		switch {
		case r < utf8.RuneSelf && asciiSpace(byte(r)) || r >= utf8.RuneSelf && unicode.IsSpace(r):
			i += size
		case r < utf8.RuneSelf && asciiAlnum(byte(r)) || r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			j := i + size
			// What lowerWord needs to know, noted on the way: whether the
			// word is all ASCII (false once a non-ASCII rune is read,
			// even one that ends the word), and has capitals.
			ascii, upper := r < utf8.RuneSelf, 'A' <= r && r <= 'Z'
			for j < e {
				if c := text[j]; c < utf8.RuneSelf {
					if asciiAlnum(c) {
						upper = upper || c <= 'Z' && c >= 'A'
						j++
						continue
					}
					// Word-internal marks: U.S., Jean-Noel, NATO's, 2.5.
					if (c == '.' || c == '-' || c == '\'') && j+1 < e && letterOrDigitAt(text, j+1, e) {
						j++
						continue
					}
					break
				}
				ascii = false
				c, n := utf8.DecodeRuneInString(text[j:e])
				if unicode.IsLetter(c) || unicode.IsDigit(c) || unicode.Is(unicode.Mn, c) {
					j += n
					continue
				}
				// Word-internal marks: don’t, non‑breaking hyphens.
				if (c == '’' || c == '‑') && j+n < e && letterOrDigitAt(text, j+n, e) {
					j += n
					continue
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
			t := token{s: i, e: j, lower: x.lowerWord(w, ascii, upper), cap: unicode.IsUpper(r) || particleName(w)}
			if t.cap { // nameWord is false for any other word
				t.name = nameWord(t)
				if t.name {
					x.nameWords++
				}
			}
			out = append(out, t)
			i = j
		default:
			out = append(out, token{s: i, e: i + size, punct: r})
			i += size
		}
	}
	return out
}

// asciiSpace: for an ASCII byte, unicode.IsSpace.
func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

// asciiAlnum: for an ASCII byte, unicode.IsLetter || unicode.IsDigit.
func asciiAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// letterOrDigitAt: the rune at text[i:e] (i < e) is a letter or a digit.
func letterOrDigitAt(text string, i, e int) bool {
	if c := text[i]; c < utf8.RuneSelf {
		return asciiAlnum(c)
	}
	d, _ := utf8.DecodeRuneInString(text[i:e])
	return unicode.IsLetter(d) || unicode.IsDigit(d)
}

// lowerWord is strings.ToLower(w), given that w is all ASCII if ascii
// and has no capitals if !upper (ascii false or upper true when in
// doubt). The lower-case form of an ASCII word with capitals is written
// to x.lowerBuf, which holds those of the whole text back to back: one
// growing buffer instead of an allocation per capitalised word. A string
// taken from a strings.Builder stays valid and unchanged as the builder
// grows, since it only ever appends.
func (x *extractor) lowerWord(w string, ascii, upper bool) string {
	if !ascii {
		return strings.ToLower(w)
	}
	if !upper {
		return w // as strings.ToLower returns it
	}
	start := x.lowerBuf.Len()
	for k := 0; k < len(w); k++ {
		c := w[k]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		x.lowerBuf.WriteByte(c)
	}
	return x.lowerBuf.String()[start:]
}

// hyphenParticles are lower-case prefixes joined to a capitalised surname
// ("al-Rashid", "el-Sisi", "bin-Laden", "ad-Din", "d'Estaing").
var hyphenParticles = set("al", "el", "ad", "an", "ar", "as", "ash", "at", "az", "ud", "bin",
	"ibn", "abu", "d", "l", "da", "de", "di", "van", "von")

// particleName: a word such as "al-Rashid" or "d'Estaing", written with a
// lower-case particle but a name all the same.
//
// The mark must be the word's first and stand at byte 1 to 4, so only
// those bytes are looked at (every lower-case word comes here). A byte
// match is a rune match: the hyphen and the apostrophe are ASCII, and
// the lead byte of '’' is never inside another rune.
func particleName(w string) bool {
	i := -1
	for k := 0; k < len(w) && k <= 4; k++ {
		if w[k] == '-' || w[k] == '\'' || strings.HasPrefix(w[k:], "’") {
			i = k
			break
		}
	}
	if i <= 0 || !hyphenParticles[w[:i]] {
		return false
	}
	_, size := utf8.DecodeRuneInString(w[i:])
	r, _ := utf8.DecodeRuneInString(w[i+size:])
	return unicode.IsUpper(r)
}

// shortTitles are abbreviated titles and months, written with a period.
var shortTitles = set("mr", "mrs", "ms", "dr", "gen", "col", "lt", "maj", "capt", "sgt", "adm",
	"gov", "sen", "rep", "rev", "prof", "st", "jr", "sr", "jan", "feb", "mar", "apr", "jun", "jul",
	"aug", "sep", "sept", "oct", "nov", "dec", "no", "vs")

// isAbbrev: dotted abbreviations (U.S, e.g) and short titles (Gen, Mr, Feb).
func isAbbrev(w string) bool {
	if strings.Contains(w, ".") {
		return true
	}
	if inLower(shortTitles, w) {
		return true
	}
	return len(w) == 1 && unicode.IsUpper(rune(w[0]))
}

// inLower is set[strings.ToLower(w)]. A short ASCII word is lower-cased
// by hand on the stack: looking a word up must not cost an allocation
// (the compiler looks a map up with string(bytes) without one).
func inLower(set map[string]bool, w string) bool {
	var buf [32]byte
	if len(w) > len(buf) {
		return set[strings.ToLower(w)]
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return set[strings.ToLower(w)]
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return set[string(buf[:len(w)])]
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

// isNameWord: a capitalised word that can be part of a person's name
// (nameWord, worked out once when the token was made).
func isNameWord(t token) bool { return t.name }

// nameWord: a capitalised word that can be part of a person's name.
func nameWord(t token) bool {
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
