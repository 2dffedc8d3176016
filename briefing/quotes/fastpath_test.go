package quotes

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/briefbot/briefbot/briefing/evalscore"
)

// The helpers below are the plain forms of the tokenizer and its
// helpers, which the package's ASCII fast paths must match exactly:
// FuzzFastPaths holds them to it on any input.

// plainTokenize is tokenize without its fast paths.
func plainTokenize(text string, s, e int) []token {
	var out []token
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
				if (c == '.' || c == '-' || c == '\'' || c == '’' || c == '‑') && j+n < e {
					d, _ := utf8.DecodeRuneInString(text[j+n : e])
					if unicode.IsLetter(d) || unicode.IsDigit(d) {
						j += n
						continue
					}
				}
				break
			}
			if j < e && text[j] == '.' && plainIsAbbrev(text[i:j]) {
				j++
			}
			w := text[i:j]
			if len(w) > 64 {
				w = w[:64]
			}
			t := token{s: i, e: j, lower: strings.ToLower(w), cap: unicode.IsUpper(r) || plainParticleName(w)}
			t.name = plainNameWord(t)
			out = append(out, t)
			i = j
		default:
			out = append(out, token{s: i, e: i + size, punct: r})
			i += size
		}
	}
	return out
}

func plainParticleName(w string) bool {
	i := strings.IndexAny(w, "-'’")
	if i <= 0 || i > 4 || !hyphenParticles[w[:i]] {
		return false
	}
	_, size := utf8.DecodeRuneInString(w[i:])
	r, _ := utf8.DecodeRuneInString(w[i+size:])
	return unicode.IsUpper(r)
}

func plainIsAbbrev(w string) bool {
	if strings.Contains(w, ".") {
		return true
	}
	return shortTitles[strings.ToLower(w)] || len(w) == 1 && unicode.IsUpper(rune(w[0]))
}

func plainNameWord(t token) bool {
	if !t.isWord() || !t.cap {
		return false
	}
	if functionWords[t.lower] || titleWords[strings.ToLower(t.lower)] || notPerson[t.lower] {
		return false
	}
	if strings.HasSuffix(t.lower, "'s") || strings.HasSuffix(t.lower, "’s") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t.lower)
	return unicode.IsLetter(r)
}

func plainWordCount(s string) int {
	n, in := 0, false
	for _, r := range s {
		sp := unicode.IsSpace(r)
		if !sp && !in {
			n++
		}
		in = !sp
	}
	return n
}

// plainGender is the gender setRole reads from a role on its own.
func plainGender(role string) byte {
	var g byte
	for _, w := range strings.Fields(strings.ToLower(role)) {
		w = strings.Trim(w, ",.")
		switch {
		case femaleWords[w]:
			g = 'f'
		case maleWords[w]:
			g = 'm'
		}
	}
	return g
}

// checkFastPaths compares each fast path with its plain form on s.
func checkFastPaths(t *testing.T, s string) {
	t.Helper()
	x := &extractor{text: s}
	got := x.tokenize(0, len(s), nil)
	want := plainTokenize(s, 0, len(s))
	if len(got) != len(want) {
		t.Fatalf("tokenize(%q): %d tokens, want %d", s, len(got), len(want))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("tokenize(%q) token %d = %+v, want %+v", s, i, got[i], want[i])
		}
	}
	for _, w := range append(strings.Fields(s), s) {
		if got, want := particleName(w), plainParticleName(w); got != want {
			t.Errorf("particleName(%q) = %v, want %v", w, got, want)
		}
		if got, want := isAbbrev(w), plainIsAbbrev(w); got != want {
			t.Errorf("isAbbrev(%q) = %v, want %v", w, got, want)
		}
		lower := map[string]bool{strings.ToLower(w): true}
		for _, set := range []map[string]bool{lower, nameParticles, titleWords, knownOrgs} {
			if got, want := inLower(set, w), set[strings.ToLower(w)]; got != want {
				t.Errorf("inLower(%q) = %v, want %v", w, got, want)
			}
		}
	}
	n := plainWordCount(s)
	for _, min := range []int{0, 1, 3, minWords, n, n + 1} {
		if got := hasWords(s, min); got != (n >= min) {
			t.Errorf("hasWords(%q, %d) = %v with %d words", s, min, got, n)
		}
	}
	e := &entity{}
	e.setRole(s)
	if want := plainGender(strings.TrimSpace(s)); e.gender != want {
		t.Errorf("setRole(%q): gender %q, want %q", s, e.gender, want)
	}
}

func TestFastPaths(t *testing.T) {
	for _, s := range fastPathSeeds {
		checkFastPaths(t, s)
	}
}

// fastPathSeeds hold the cases the fast paths must tell apart: capitals
// that lower-case to ASCII (İ, the Kelvin sign), invalid UTF-8, marks
// inside words, words past 64 bytes, particles and short titles.
var fastPathSeeds = []string{
	"",
	"Mr. Smith, the Kremlin’s spokesman, said al-Rashid and d'Estaing met Gen. Lee on Feb. 3.",
	"Dİ Rossi bİn Laden İbn \u212Aeller MR. sept. NATO’s don’t U.S. Jean-Noel 2.5 non‑stop",
	"\"We will \xff\xfe win,\" said Mayor Tom \xc3 Lind.\xe2\x80",
	"Chairwoman Maria Lopez, Mrs. Berg's aide’s deputy, spoke. Grand-Duke Héloïse Ångström",
	strings.Repeat("Abcdefghij", 8) + " " + strings.Repeat("abcdé", 20) + ".",
	"\t\v\f\r\n\u0085\u00a0 Ｆｕｌｌ width and e\u0301 combining",
}

func FuzzFastPaths(f *testing.F) {
	for _, s := range fastPathSeeds {
		f.Add(s)
	}
	for _, s := range evalscore.SharedSeeds(f, "corpus", "*.txt") {
		f.Add(s)
	}
	f.Fuzz(checkFastPaths)
}
