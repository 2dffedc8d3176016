package story

import (
	"strings"
	"testing"
	"time"
)

const peskovText = `Kremlin spokesperson Dmitry Peskov rejected the idea of deploying European peacekeepers in Ukraine in an interview with ABC News released on May 11.
"We cannot allow NATO's military infrastructure to get that close to our borders," Peskov said.
Peskov earlier rejected the idea of a 30-day ceasefire as "an advantage" for Ukraine. As Ukraine's allies push for direct talks between Russia and Ukraine, Russian President Vladimir Putin has refused an immediate ceasefire and instead suggested direct peace talks be held in Istanbul beginning May 15.
U.S. President Donald Trump has said that the U.S. may consider implementing additional sanctions against Russia if it does not reach a peace deal with Ukraine to end the war.`

func TestQuoteKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{`“We cannot allow NATO’s military infrastructure to get that close to our borders,”`,
			"we cannot allow nato's military infrastructure to get that close to our borders"},
		{`"(H)aving no peaceful and diplomatic means at hand, we have to continue (Russia's war)"`,
			"having no peaceful and diplomatic means at hand we have to continue russia's war"},
		{"Ukraine is sovereign – if it requests…", "ukraine is sovereign if it requests"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := QuoteKey(tt.in); got != tt.want {
			t.Errorf("QuoteKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSimHash(t *testing.T) {
	base := SimHash(peskovText)
	// Typographic and small wording changes stay near.
	variant := strings.ReplaceAll(peskovText, `"`, "“")
	variant = strings.Replace(variant, "additional sanctions", "further sanctions", 1)
	if d := Distance(base, SimHash(variant)); d > NearDuplicateBits {
		t.Errorf("distance to a lightly edited copy = %d, want <= %d", d, NearDuplicateBits)
	}
	other := `Ukraine launching faster drone supply model for military. According to the new model, military units will be able to choose the unmanned systems best suited to their needs. The system also aims to support manufacturers through advance orders, allowing them to plan for scaling up their production.`
	if d := Distance(base, SimHash(other)); d <= 10 {
		t.Errorf("distance to an unrelated text = %d, want > 10", d)
	}
	if SimHash("") != 0 || SimHash("  ... ") != 0 {
		t.Error("SimHash of a text without words should be 0")
	}
	if SimHash(peskovText) != base {
		t.Error("SimHash is not deterministic")
	}
}

func TestSameStory(t *testing.T) {
	may11 := time.Date(2025, 5, 11, 0, 0, 0, 0, time.UTC)
	shared := QuoteKey("We cannot allow NATO's military infrastructure to get that close to our borders")
	tests := []struct {
		name   string
		a, b   Candidate
		same   bool
		reason string
	}{
		{"near-duplicate text",
			Candidate{SimHash: SimHash(peskovText), Title: "A"},
			Candidate{SimHash: SimHash(peskovText + " Read more"), Title: "B"},
			true, "near-duplicate"},
		{"shared long quote",
			Candidate{SimHash: 1, QuoteKeys: []string{"short one", shared}, Title: "Kremlin rejects NATO advances"},
			Candidate{SimHash: ^uint64(0), QuoteKeys: []string{shared + " said"}, Title: "Russia rejects European peacekeepers"},
			true, "shared quote"},
		{"shared short quote is not enough",
			Candidate{SimHash: 1, QuoteKeys: []string{"a big week is coming"}},
			Candidate{SimHash: ^uint64(0), QuoteKeys: []string{"a big week is coming"}},
			false, "no near-duplicate"},
		{"similar titles two days apart",
			Candidate{SimHash: 1, Title: "Kremlin rejects EU peacekeepers in Ukraine", Published: may11},
			Candidate{SimHash: ^uint64(0), Title: "Kremlin rejects European peacekeepers in Ukraine, Peskov says", Published: may11.Add(48 * time.Hour)},
			true, "similar titles"},
		{"similar titles months apart",
			Candidate{SimHash: 1, Title: "Kremlin rejects EU peacekeepers in Ukraine", Published: may11},
			Candidate{SimHash: ^uint64(0), Title: "Kremlin rejects European peacekeepers in Ukraine", Published: may11.AddDate(0, 3, 0)},
			false, "no near-duplicate"},
		{"similar titles without dates",
			Candidate{SimHash: 1, Title: "Kremlin rejects EU peacekeepers in Ukraine"},
			Candidate{SimHash: ^uint64(0), Title: "Kremlin rejects EU peacekeepers in Ukraine"},
			false, "no near-duplicate"},
		{"unrelated",
			Candidate{SimHash: 1, Title: "UK, Norway discuss Arctic defense pact", Published: may11},
			Candidate{SimHash: ^uint64(0), Title: "Kremlin rejects EU peacekeepers in Ukraine", Published: may11},
			false, "no near-duplicate"},
	}
	for _, tt := range tests {
		same, reason := SameStory(tt.a, tt.b)
		if same != tt.same || !strings.Contains(reason, tt.reason) {
			t.Errorf("%s: SameStory = %v, %q; want %v, ~%q", tt.name, same, reason, tt.same, tt.reason)
		}
		if same2, _ := SameStory(tt.b, tt.a); same2 != same {
			t.Errorf("%s: SameStory not symmetric", tt.name)
		}
	}
}

func TestSameQuote(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want bool
	}{
		// The same words as printed by different outlets.
		{"curly quotes and trailing comma",
			"We cannot allow NATO's military infrastructure to get that close to our borders",
			"“We cannot allow NATO’s military infrastructure to get that close to our borders,”", true},
		{"editorial brackets",
			"President Putin is open (to) peace negotiations, without any preconditions",
			"President Putin is open to peace negotiations without any preconditions.", true},
		{"dash and ellipsis at the end", "Ukraine is sovereign – if it requests…", "Ukraine is sovereign, if it requests", true},
		{"case", "nato troops will never be welcome here", "NATO troops will never be welcome here", true},
		{"a shorter cut",
			"Ukraine settlement is a very complicated thing.",
			"Ukraine settlement is a very complicated thing. It is not as simple as to just to sign one paper", true},
		{"an elided cut",
			"We are, of course, following all these reports most closely... This is a cause for concern",
			"We are, of course, following all these reports most closely and with great attention. This is a cause for concern", true},
		{"an elided cut in brackets",
			"The process [...] is full of minute details, each crucial for the future",
			"The process of reaching an agreement is full of minute details, each crucial for the future", true},
		{"one statement, two renderings (F1 0.84)",
			"the process of reaching an agreement is full of minute details, each crucial for the future of Russia and Ukraine",
			"the process of reaching an agreement is full of tiny details, each vitally important for the future of Russia and Ukraine", true},
		{"negation contracted", "We do not accept the terms of this deal at all", "We don't accept the terms of this deal at all", true},
		{"a number written the same way", "Some 30,000 troops will stay in the region this year", "Some 30,000 troops will stay in the region, this year", true},

		// Different statements that share most of their words.
		{"a number differs",
			"Statement 0 about the harbour: amber0 basin0 cobalt0",
			"Statement 1 about the harbour: amber0 basin0 cobalt0", false},
		{"a year differs",
			"We will keep our troops in the region until the end of 2025",
			"We will keep our troops in the region until the end of 2026", false},
		{"a number word differs",
			"We will send two more brigades to the border region soon",
			"We will send three more brigades to the border region soon", false},
		{"a name differs",
			"We will discuss the ceasefire with Putin in Istanbul next week",
			"We will discuss the ceasefire with Trump in Istanbul next week", false},
		{"a name differs at the start",
			"Putin is ready to talk about a ceasefire at any moment",
			"Trump is ready to talk about a ceasefire at any moment", false},
		{"a place differs",
			"Our delegation will travel to Geneva for the talks on Monday morning",
			"Our delegation will travel to Istanbul for the talks on Monday morning", false},
		{"a negation added",
			"We will accept a deployment of European troops in Ukraine",
			"We will not accept a deployment of European troops in Ukraine", false},
		{"a contracted negation added",
			"They can guarantee the security of the corridor for the ships",
			"They can't guarantee the security of the corridor for the ships", false},

		// Not the same at all.
		{"a fragment", "unacceptable", "a deployment of NATO troops would be unacceptable for Russia", false},
		{"different words", "We view such discussions negatively", "Any high-level or top-level contact must be well-prepared", false},
		{"empty", "", "", false},
		{"no words", "…", "...", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SameQuote(tt.a, tt.b); got != tt.want {
				t.Errorf("SameQuote(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
			if got := SameQuote(tt.b, tt.a); got != tt.want {
				t.Errorf("SameQuote(%q, %q) = %v, want %v (not symmetric)", tt.b, tt.a, got, tt.want)
			}
		})
	}
}

func TestPrintedWordsTellNames(t *testing.T) {
	f := factsOf("(W)e told Mr. Smith: Sanctions will not work, and I'm sure the E.U. won't try in 2026 either")
	for _, w := range []string{"smith", "mr", "e", "u"} {
		if !f.names[w] {
			t.Errorf("%q is not a name in %v", w, f.names)
		}
	}
	for _, w := range []string{"we", "i'm", "told", "2026"} {
		if f.names[w] {
			t.Errorf("%q taken for a name", w)
		}
	}
	if !f.names["sanctions"] {
		t.Errorf("a capitalised uncommon word starting a sentence counts as a name: %v", f.names)
	}
	if f.negations != 2 || !f.numbers["2026"] {
		t.Errorf("negations %d, numbers %v", f.negations, f.numbers)
	}
}

func BenchmarkSimHash(b *testing.B) {
	text := strings.Repeat(peskovText+"\n", 5) // ~5 KB, a typical article
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		SimHash(text)
	}
}

func FuzzStory(f *testing.F) {
	f.Add(peskovText, `"We cannot allow," he said`)
	f.Add("\xff(H)aving", "")
	f.Fuzz(func(t *testing.T, a, b string) {
		ka := QuoteKey(a)
		if QuoteKey(ka) != ka {
			t.Fatalf("QuoteKey not idempotent on %q: %q", a, ka)
		}
		if SameQuote(a, b) != SameQuote(b, a) {
			t.Fatalf("SameQuote not symmetric on %q, %q", a, b)
		}
		if ka != "" && !SameQuote(a, a) {
			t.Fatalf("SameQuote(%q, itself) = false", a)
		}
		ca := Candidate{SimHash: SimHash(a), Title: a, QuoteKeys: []string{ka}}
		cb := Candidate{SimHash: SimHash(b), Title: b, QuoteKeys: []string{QuoteKey(b)}}
		s1, _ := SameStory(ca, cb)
		s2, _ := SameStory(cb, ca)
		if s1 != s2 {
			t.Fatalf("SameStory not symmetric on %q, %q", a, b)
		}
	})
}
