package briefing

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// The promises of issue 3 for bad input, over the whole pipeline: a 5 MiB
// single paragraph, 10,000 quote marks, unbalanced quote marks, and mixed
// scripts with right-to-left text all finish, in time linear in the input
// (BenchmarkProcessPathological), with a sane result.

// pathological is one kind of bad input, made to about n bytes.
type pathological struct {
	name string
	make func(n int) string
}

// build appends unit(0), unit(1), ... until it has n bytes, and cuts the
// result at n (at a rune boundary). Units vary with i, so that the
// cleaner's dropping of repeated lines does not shrink the input.
func build(n int, unit func(i int) string) string {
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		b.WriteString(unit(i))
	}
	s := b.String()
	for n < len(s) && !utf8.RuneStart(s[n]) {
		n++
	}
	return s[:n]
}

var pathologicalInputs = []pathological{
	{"single paragraph", func(n int) string {
		// News prose with quotes, attributions and dates, on one line.
		return "Talks resume\n\n" + build(n, func(i int) string {
			return fmt.Sprintf(`"Talks resumed on Monday," Kremlin spokesman Dmitry Peskov said on May %d, adding that Feb. 20, 2025 was "a turning point". `+
				`The minister, who spoke to %d reporters in Kyiv, said the U.S. plan was "not acceptable" and that "nothing has changed". `, i%28+1, i)
		})
	}},
	{"quote marks only", func(n int) string {
		return "Talks resume\n\nThe spokesman said " + strings.Repeat(`"`, n) + " and left."
	}},
	{"quote marks of every style", func(n int) string {
		return "Talks resume\n\n" + build(n, func(i int) string {
			return fmt.Sprintf(`He said "a%d" “b” «c» „d“ ‘e’ 'f' ”g“ »h« `, i)
		})
	}},
	{"unbalanced quote marks", func(n int) string {
		return "Talks resume\n\n" + build(n, func(i int) string {
			return fmt.Sprintf("“We will not go back %d times, said Peskov. The minister said ” it was over « and then. \"Never again, she added.\n", i)
		})
	}},
	{"unbalanced in one paragraph", func(n int) string {
		return "Talks resume\n\n" + build(n, func(int) string { return "“Word said Peskov, " })
	}},
	{"mixed scripts and right-to-left", func(n int) string {
		return "Talks resume\n\n" + build(n, func(i int) string {
			return fmt.Sprintf("قال المتحدث «لن نسمح بذلك» يوم %d May. ", i%28+1) + // Arabic with guillemets
				"אמר הדובר \u202e\"שלום\"\u202c Peskov said. " + // Hebrew with a right-to-left override
				"Песков заявил: «Мы не допустим этого». " + // Cyrillic
				"中文“引用”说。" + "e\u0301\u0301\u0301 \u200f\u200e\ufeff " + // CJK, combining marks, bidi marks
				fmt.Sprintf("\"Ukraine will not give up %d times,\" Zelensky said on Feb. 20.\n", i)
		})
	}},
}

// TestProcessPathological runs each bad input at the size of the promise
// and checks that the result is sane: the offsets hold, nothing is
// invented, and quote texts stay within the input.
func TestProcessPathological(t *testing.T) {
	if testing.Short() {
		t.Skip("pathological inputs of several MiB: skipped with -short")
	}
	sizes := map[string]int{"single paragraph": 5 << 20, "quote marks only": 10000}
	for _, p := range pathologicalInputs {
		n := sizes[p.name]
		if n == 0 {
			n = 1 << 20
		}
		body := p.make(n)
		doc := Document{Name: p.name + ".txt", Format: FormatText, Body: []byte(body)}
		art, err := Process(doc)
		if err != nil {
			t.Errorf("%s (%d bytes): %v", p.name, len(body), err)
			continue
		}
		checkArticle(t, p.name, art)
		// The text is the input less furniture, its lines joined by blank
		// lines; the summary a few of its sentences.
		if len(art.Text) > len(body)+strings.Count(body, "\n") || len(art.Summary) > len(art.Text) {
			t.Errorf("%s: text of %d bytes and summary of %d from %d bytes", p.name, len(art.Text), len(art.Summary), len(body))
		}
		for _, q := range art.Quotes {
			if strings.TrimSpace(q.Text) == "" {
				t.Errorf("%s: an empty quote %+v", p.name, q)
				break
			}
		}
		t.Logf("%s: %d bytes: %d quotes, %d speakers, %d events, summary of %d bytes",
			p.name, len(body), len(art.Quotes), len(art.Speakers), len(art.Events), len(art.Summary))
	}
}

// BenchmarkProcessPathological runs each bad input at 1 MiB and 4 MiB:
// time linear in the input shows as the same MB/s at both sizes.
func BenchmarkProcessPathological(b *testing.B) {
	for _, p := range pathologicalInputs {
		for _, n := range []int{1 << 20, 4 << 20} {
			body := []byte(p.make(n))
			b.Run(fmt.Sprintf("%s/%dMiB", p.name, n>>20), func(b *testing.B) {
				b.SetBytes(int64(len(body)))
				for b.Loop() {
					if _, err := Process(Document{Name: p.name, Format: FormatText, Body: body}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
