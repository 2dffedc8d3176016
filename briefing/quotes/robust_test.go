package quotes

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/briefbot/briefbot/briefing/evalscore"
)

// TestHostileInput: inputs that break naive extractors finish with sane
// results (their speed is held by BenchmarkHostile, not by a timer here).
func TestHostileInput(t *testing.T) {
	long := strings.Repeat(`Officials said the plan "would cost far more than expected" and the mayor said it would fail, `, 2000)
	tests := map[string]string{
		"unbalanced":       strings.Repeat(`"He said `, 3000) + `the end.`,
		"only marks":       strings.Repeat(`"`, 10000),
		"mixed marks":      strings.Repeat(`“‘«„"'»”’`, 2000),
		"deep nesting":     strings.Repeat(`“‘«`, 3000) + "words here and there" + strings.Repeat(`»’”`, 3000),
		"long paragraph":   long,
		"rtl":              strings.Repeat("«قال المتحدث باسم الحكومة إن المفاوضات ستستمر» قال الوزير. ", 500),
		"hebrew":           strings.Repeat(`"אנחנו נמשיך במשא ומתן עד הסוף", אמר השר. `, 500),
		"mixed scripts":    strings.Repeat(`"Мы продолжим переговоры до конца," said 李明 Peskov. `, 500),
		"invalid utf8":     "\"We will \xff\xfe win this fight,\" said Mayor Tom \xc3 Lind.",
		"many speakers":    manySpeakers(3000),
		"newlines only":    strings.Repeat("\n", 5000),
		"said said said":   strings.Repeat("said ", 20000),
		"commas and verbs": strings.Repeat(", he said, ", 10000),
		"no spaces":        strings.Repeat("a", 100000) + `"` + strings.Repeat("b", 100000),
		"run-on quotes":    strings.Repeat("\"Paragraph that never closes its quotation mark\n\n", 2000),
	}
	for name, in := range tests {
		t.Run(name, func(t *testing.T) {
			res := Extract(in)
			checkInvariants(t, in, res)
			for _, q := range res.Quotes {
				if !utf8.ValidString(q.Text) && utf8.ValidString(in) {
					t.Fatalf("quote text not valid UTF-8: %q", q.Text)
				}
			}
		})
	}
}

func manySpeakers(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(`"The budget is balanced for the first time," Minister Anna `)
		b.WriteString(strings.Repeat("x", i%50+1))
		b.WriteString(" Berg said. \"It will not last,\" the minister said. ")
	}
	return b.String()
}

func FuzzExtract(f *testing.F) {
	for _, s := range evalscore.SharedSeeds(f, "corpus", "*.txt") {
		f.Add(s)
	}
	for _, tt := range extractTests {
		f.Add(tt.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		res := Extract(s)
		checkInvariants(t, s, res)
	})
}

func BenchmarkExtractCorpus(b *testing.B) {
	seeds := evalscore.SharedSeeds(b, "corpus", "*.txt")
	if len(seeds) == 0 {
		b.Skip("corpus absent")
	}
	text := strings.Join(seeds, "\n\n")
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Extract(text)
	}
}

// BenchmarkHostile: a 5 MiB single paragraph and 10,000 quotation marks
// must run at a throughput close to ordinary text (linear time).
func BenchmarkHostile(b *testing.B) {
	unit := `Officials said the plan "would cost far more than expected" and the mayor, Anna Berg, said it would fail, `
	inputs := map[string]string{
		"5MiB-paragraph": strings.Repeat(unit, 5<<20/len(unit)),
		"10k-marks":      strings.Repeat(`"a `, 10000),
		"unbalanced":     strings.Repeat(`“He said ‘we `, 20000),
	}
	for name, in := range inputs {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				Extract(in)
			}
		})
	}
}

// BenchmarkExtractOneParagraph: the corpus as one 2 MB line (a page dump
// without line breaks).
func BenchmarkExtractOneParagraph(b *testing.B) {
	seeds := evalscore.SharedSeeds(b, "corpus", "*.txt")
	if len(seeds) == 0 {
		b.Skip("corpus absent")
	}
	in := strings.Repeat(strings.ReplaceAll(strings.Join(seeds, " "), "\n", " "), 100)
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		Extract(in)
	}
}
