package summary

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/briefing/sentence"

	"github.com/briefbot/briefbot/briefing/evalscore"
)

const article = `Kremlin spokesperson Dmitry Peskov rejected the idea of deploying European peacekeepers in Ukraine in an interview with ABC News released on May 11.

"We cannot allow NATO's military infrastructure to get that close to our borders," Peskov said.

Peskov earlier rejected the idea of a 30-day ceasefire as "an advantage" for Ukraine. As Ukraine's allies push for direct talks between Russia and Ukraine, Russian President Vladimir Putin has refused an immediate ceasefire and instead suggested direct peace talks be held in Istanbul beginning May 15.

"President Putin is open (to) peace negotiations, without any preconditions. And this is what he was proposing for the last couple of weeks," Peskov claimed.

U.S. President Donald Trump has said that the U.S. may consider implementing additional sanctions against Russia if it does not reach a peace deal with Ukraine to end the war.

Ukraine proposes a ceasefire

In a historic meeting in Kyiv on May 10, Ukraine and European allies put forth a demand for a 30-day unconditional ceasefire beginning May 12.

Peskov reiterated Russian demands for Ukraine to no longer receive Western weapons shipments.

The Kremlin has shown no signs it is willing to move forward on a peace deal with Ukraine, to Trump's reported frustration.`

const title = "Russia rejects European peacekeepers, NATO infrastructure in Ukraine amid potential peace talks, Peskov says"

// sentences returns the set of sentences of text as Split finds them.
func sentences(text string) map[string]bool {
	m := map[string]bool{}
	for _, sp := range sentence.Split(text) {
		m[text[sp.Start:sp.End]] = true
	}
	return m
}

// checkSummary verifies that sum is made of 1..max whole sentences of text,
// in article order, and returns them.
func checkSummary(t *testing.T, name, text, sum string, max int) []string {
	t.Helper()
	all := sentence.Split(text)
	var picked []string
	last := -1
	rest := sum
	for rest != "" {
		found := false
		for i, sp := range all {
			s := text[sp.Start:sp.End]
			if strings.HasPrefix(rest, s) && (len(rest) == len(s) || rest[len(s)] == ' ') {
				if i <= last {
					t.Errorf("%s: sentence %q out of article order", name, s)
				}
				last = i
				picked = append(picked, s)
				rest = strings.TrimPrefix(rest[len(s):], " ")
				found = true
				break
			}
		}
		if !found {
			t.Fatalf("%s: summary part %q is not a whole sentence of the text", name, rest)
		}
	}
	if len(picked) == 0 || len(picked) > max {
		t.Errorf("%s: %d sentences, want 1..%d: %q", name, len(picked), max, sum)
	}
	return picked
}

func TestSummarize(t *testing.T) {
	for _, max := range []int{2, 3, 4} {
		sum := Summarize(title, article, max)
		picked := checkSummary(t, "article", article, sum, max)
		if len(picked) < 2 {
			t.Errorf("max %d: only %d sentences from a long article: %q", max, len(picked), sum)
		}
		for _, s := range picked {
			if s == "Ukraine proposes a ceasefire" {
				t.Errorf("max %d: picked a heading: %q", max, sum)
			}
			if strings.HasPrefix(s, `"We cannot allow`) {
				t.Errorf("max %d: picked a sentence that is mostly quotation: %q", max, s)
			}
		}
		if !strings.HasPrefix(sum, "Kremlin spokesperson Dmitry Peskov rejected") {
			t.Errorf("max %d: the lead sentence should open the summary: %q", max, sum)
		}
	}
	if got := Summarize(title, article, 0); got == "" {
		t.Error("maxSentences 0 should use the default")
	}
	for _, text := range []string{"", "   \n\n ", "Short.", "No full stop here at all in this line of words"} {
		if got := Summarize("", text, 3); got != "" {
			t.Errorf("Summarize(%q) = %q, want empty", text, got)
		}
	}
	// A text of quotations only still gets a summary rather than nothing.
	quotes := `"We are, of course, following all these reports most closely, and this is a cause for concern," Peskov said.
"The only way is to test them, to basically engage them and ask what their demands are," Rubio said.`
	checkSummary(t, "quotes only", quotes, Summarize("", quotes, 3), 3)
}

func TestSummarizeCorpus(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(evalscore.SharedDir(t, "corpus"), "*.txt"))
	if len(files) == 0 {
		t.Fatal("no corpus files")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		sum := Summarize("", text, 3)
		picked := checkSummary(t, filepath.Base(f), text, sum, 3)
		if len(picked) < 2 {
			t.Errorf("%s: %d sentences: %q", filepath.Base(f), len(picked), sum)
		}
		for _, s := range picked {
			if strings.Contains(s, "Getty Images") || strings.Contains(s, "speaks during") || strings.Contains(s, "attends a bilateral meeting") {
				t.Errorf("%s: picked a photo caption: %q", filepath.Base(f), s)
			}
		}
		t.Logf("%s: %s", filepath.Base(f), sum)
	}
}

func BenchmarkSummarize(b *testing.B) {
	text := strings.Repeat(article+"\n\n", 3)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Summarize(title, text, 3)
	}
}

func FuzzSummarize(f *testing.F) {
	f.Add("Title words here", article, 3)
	f.Add("", `"Unclosed quote. And more text here that goes on and on.`, 2)
	f.Add("x", "\xff\xfe. A. B. C.", 4)
	f.Fuzz(func(t *testing.T, title, text string, max int) {
		if len(text) > 1<<16 {
			return
		}
		max = max%6 + 1
		if max < 1 {
			max = 1
		}
		sum := Summarize(title, text, max)
		if sum == "" {
			return
		}
		// Every part is a whole sentence of text.
		checkSummary(t, "fuzz", text, sum, max)
	})
}

func BenchmarkSummarizeLarge(b *testing.B) {
	text := strings.Repeat(article+"\n\n", 400) // ~1 MB
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Summarize(title, text, 3)
	}
}
