package sentence

import (
	"reflect"
	"strings"
	"testing"
	"unicode"

	"github.com/briefbot/briefbot/briefing/evalscore"
)

func texts(text string) []string {
	var out []string
	for _, s := range Split(text) {
		out = append(out, text[s.Start:s.End])
	}
	return out
}

func TestSplit(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"simple", "The vote passed. Critics were silent.", []string{"The vote passed.", "Critics were silent."}},
		{"abbrev country", "The U.S. envoy arrived on Monday. Talks began.", []string{"The U.S. envoy arrived on Monday.", "Talks began."}},
		{"abbrev at end before starter", "Aid was cut by the U.S. The decision angered allies.", []string{"Aid was cut by the U.S.", "The decision angered allies."}},
		{"month", "The deal was signed on Feb. 26 in Geneva. It holds.", []string{"The deal was signed on Feb. 26 in Geneva.", "It holds."}},
		{"titles", "Mr. Smith met Gen. Lee at St. Mary's hospital. Dr. Jones left.", []string{"Mr. Smith met Gen. Lee at St. Mary's hospital.", "Dr. Jones left."}},
		{"initials", "The novel by J. R. R. Tolkien sold well. Fans cheered.", []string{"The novel by J. R. R. Tolkien sold well.", "Fans cheered."}},
		{"decimal", "Growth was 2.5 percent. Prices rose 0.3 points.", []string{"Growth was 2.5 percent.", "Prices rose 0.3 points."}},
		{"question exclaim", "Is it over? No! It is not.", []string{"Is it over?", "No!", "It is not."}},
		{"quote with several sentences", `"We will stay. We will not leave. Never," the mayor said. Crowds cheered.`,
			[]string{`"We will stay. We will not leave. Never," the mayor said.`, "Crowds cheered."}},
		{"quote question lower attribution", `"Is this the end?" she asked. Nobody answered.`, []string{`"Is this the end?" she asked.`, "Nobody answered."}},
		{"quote closes sentence", `He said: “We are ready.” The talks resume today.`, []string{`He said: “We are ready.”`, "The talks resume today."}},
		{"newline ends sentence", "Breaking news\nThe minister resigned", []string{"Breaking news", "The minister resigned"}},
		{"blank lines", "First paragraph here.\n\n\nSecond paragraph here.", []string{"First paragraph here.", "Second paragraph here."}},
		{"bullets", "Key points: * Talks resume on Friday * Aid to be discussed later", []string{"Key points:", "Talks resume on Friday", "Aid to be discussed later"}},
		{"lower after period", "He bought apples, pears etc. and left.", []string{"He bought apples, pears etc. and left."}},
		{"ellipsis", "We waited... Then it rained.", []string{"We waited...", "Then it rained."}},
		{"number abbrev", "He lives at No. 10 Downing Street. Fine.", []string{"He lives at No. 10 Downing Street.", "Fine."}},
		{"unbalanced quote", `He said "we will. It ended. Fine.`, []string{`He said "we will.`, "It ended.", "Fine."}},
		{"empty", "", nil},
		{"spaces", "   \n \n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := texts(tt.in)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Split(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestDoubleQuoteRegions(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{`a "b c" d "e"`, []string{`"b c"`, `"e"`}},
		{`„Wir schaffen das“, sagte sie`, []string{`„Wir schaffen das“`}},
		{`«Nous sommes prêts» a-t-il dit`, []string{`«Nous sommes prêts»`}},
		{`“one” and “two”`, []string{`“one”`, `“two”`}},
		{`he said "no`, nil},
		{`a 5" screen and "yes"`, []string{`"yes"`}},
	}
	for _, tt := range tests {
		var got []string
		for _, r := range DoubleQuoteRegions(tt.in, 0, len(tt.in)) {
			got = append(got, tt.in[r.Open:r.Close+r.CloseLen])
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("DoubleQuoteRegions(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// checkSpans verifies the invariants every split must keep.
func checkSpans(t *testing.T, text string, spans []Span) {
	t.Helper()
	prev := 0
	for _, s := range spans {
		if s.Start < prev || s.End <= s.Start || s.End > len(text) {
			t.Fatalf("bad span %+v (prev end %d, len %d)", s, prev, len(text))
		}
		for _, r := range text[prev:s.Start] {
			if !unicode.IsSpace(r) && r != '*' && r != '•' {
				t.Fatalf("non-space %q between sentences before %+v", r, s)
			}
		}
		prev = s.End
	}
	for _, r := range text[prev:] {
		if !unicode.IsSpace(r) && r != '*' && r != '•' {
			t.Fatalf("non-space %q after the last sentence", r)
		}
	}
}

func TestSplitCorpus(t *testing.T) {
	seeds := evalscore.SharedSeeds(t, "corpus", "*.txt")
	if len(seeds) == 0 {
		t.Skip("corpus absent")
	}
	for _, s := range seeds {
		spans := Split(s)
		checkSpans(t, s, spans)
		for _, sp := range spans {
			if strings.Contains(s[sp.Start:sp.End], "\n") {
				t.Errorf("sentence spans a line break: %q", s[sp.Start:sp.End])
			}
		}
	}
}

func FuzzSplit(f *testing.F) {
	for _, s := range evalscore.SharedSeeds(f, "corpus", "*.txt") {
		f.Add(s)
	}
	f.Add(`"a. b," he said. "C." D`)
	f.Add("U.S. . .. ... “ ” „ « » \" * •")
	f.Fuzz(func(t *testing.T, s string) {
		checkSpans(t, s, Split(s))
	})
}

func BenchmarkSplit(b *testing.B) {
	seeds := evalscore.SharedSeeds(b, "corpus", "*.txt")
	if len(seeds) == 0 {
		b.Skip("corpus absent")
	}
	text := strings.Join(seeds, "\n\n")
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Split(text)
	}
}
