package story

import (
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/briefbot/briefbot/briefing/evalscore"
	"github.com/briefbot/briefbot/briefing/speakers"
)

// foldThenSplit is Words as first written, the reference AppendWords must
// equal: Fold the whole text (ASCII text only has its case lowered and
// its control characters dropped), drop brackets, split at anything but
// letters, digits and apostrophes, trim apostrophes.
func foldThenSplit(text string) []string {
	if isASCII(text) {
		var b strings.Builder
		for i := 0; i < len(text); i++ {
			c := text[i]
			switch {
			case c >= 'A' && c <= 'Z':
				b.WriteByte(c + 'a' - 'A')
			case c == '`':
				b.WriteByte('\'')
			case c == '(' || c == ')' || c == '[' || c == ']' || c == '{' || c == '}':
			case c < 0x20 || c == 0x7f:
			default:
				b.WriteByte(c)
			}
		}
		text = b.String()
	} else {
		text = speakers.Fold(text)
		text = strings.Map(func(r rune) rune {
			switch r {
			case '(', ')', '[', ']', '{', '}':
				return -1
			}
			return r
		}, text)
	}
	out := []string{}
	for _, w := range strings.FieldsFunc(text, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'')
	}) {
		if w = strings.Trim(w, "'"); w != "" {
			out = append(out, w)
		}
	}
	return out
}

var wordsCases = []string{
	"",
	"   ... ",
	peskovText,
	"(H)aving 'quoted' words'' and ''more' rock'n'roll `back`",
	"Zelenskyy’s “peace plan” – Nausėda, Łukaszenka, Straße, Ærø, ÆSIR, İstanbul, Σίσυφος",
	"café\u0301 e\u0301\u0327 naïve coöperate ﬁnance ½ x² …wait… \u00a0nbsp\u2009thin",
	"한국어 텍스트 Seoul 서울", // Hangul syllables decompose by algorithm
	"한 jamo",         // conjoining jamo
	"\U0001D165\U0001D166 stem marks \u0903visarga",
	"zero\u200bwidth joi\u200dner dir\u200fmark tab\there new\nline\rcr",
	"Kelvin \u212a and ohm \u2126 Å",
	"\xff\xfe invalid (H)aving",
	"«Nous ne céderons pas», a déclaré M. Macron. „Wir schaffen das“",
	"ﬀ ﬃ ǅ ǈ ǋ Ǳ ŉ",
	"مرحبا بالعالم עברית ١٢٣ ۴۵۶",
	"日本語の文章、中文句子。",
	"a'b ’tis o’clock ‘quoted’ ʼokina ʻokina x′ y´",
	"wait—what – minus −5 ﹘ ﹣ －",
}

func TestAppendWordsMatchesFold(t *testing.T) {
	cases := slices.Clone(wordsCases)
	for _, doc := range evalscore.SharedSeeds(t, "corpus", "*.txt") {
		cases = append(cases, doc)
		cases = append(cases, strings.Split(doc, "\n")...)
	}
	for _, s := range cases {
		if got, want := Words(s), foldThenSplit(s); !slices.Equal(got, want) {
			t.Errorf("Words(%q)\n = %q\nwant %q", s, got, want)
		}
	}
}

func TestAppendWordsAppends(t *testing.T) {
	buf, ends := AppendWords([]byte("xy"), []int{2}, "Two Words")
	if string(buf) != "xytwowords" || !slices.Equal(ends, []int{2, 5, 10}) {
		t.Errorf("AppendWords = %q %v", buf, ends)
	}
}

func FuzzWords(f *testing.F) {
	for _, s := range wordsCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Words(s), foldThenSplit(s); !slices.Equal(got, want) {
			t.Fatalf("Words(%q)\n = %q\nwant %q", s, got, want)
		}
	})
}

func BenchmarkWords(b *testing.B) {
	text := strings.Repeat(strings.ReplaceAll(peskovText, `"`, "“")+"\n", 5)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Words(text)
	}
}
