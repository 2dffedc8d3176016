package quotes

import (
	"fmt"
	"strings"
	"testing"
)

type wantQuote struct {
	kind, speaker, text string
}

func (w wantQuote) String() string { return fmt.Sprintf("%s [%s] %q", w.kind, w.speaker, w.text) }

// The sentences below are written for these tests in the style of wire
// copy; none is taken from the corpus.
// extractTest is one text and the quotes Extract must find in it.
type extractTest struct {
	name string
	in   string
	want []wantQuote
}

var extractTests = []extractTest{
	{"said after quote", `"The harvest will be late this year," Agriculture Minister Anna Berg said.`,
		[]wantQuote{{"direct", "Anna Berg", "The harvest will be late this year"}}},
	{"said before name", `"We will rebuild every school in the region," said Mayor Tomas Lind.`,
		[]wantQuote{{"direct", "Tomas Lind", "We will rebuild every school in the region"}}},
	{"curly quotes and role", `“Prices will keep rising through the winter,” central bank governor Maria Lopez told reporters on Tuesday.`,
		[]wantQuote{{"direct", "Maria Lopez", "Prices will keep rising through the winter"}}},
	{"guillemets", `«Nous ne céderons pas sur les retraites», a déclaré le ministre. «This is our final offer to the unions», said Labour Minister Paul Girard.`,
		[]wantQuote{{"direct", "Paul Girard", "This is our final offer to the unions"}}},
	{"german low quotes", `„We have done everything we could for them“, said Chancellor Olaf Brandt.`,
		[]wantQuote{{"direct", "Olaf Brandt", "We have done everything we could for them"}}},
	{"single outer quotes", `‘We did not expect the water to rise so fast,’ said resident John Carter.`,
		[]wantQuote{{"direct", "John Carter", "We did not expect the water to rise so fast"}}},
	{"colon introduction", `Senator Alice Moreau said: "The bill will not pass in its current form."`,
		[]wantQuote{{"direct", "Alice Moreau", "The bill will not pass in its current form"}}},
	{"split by attribution", `"The first phase is complete," said engineer Raj Patel. "The second phase starts in March."`,
		[]wantQuote{{"direct", "Raj Patel", "The first phase is complete"}, {"direct", "Raj Patel", "The second phase starts in March"}}},
	{"split mid sentence", `"We are not," Prime Minister Lena Holm said, "going to raise taxes on working families."`,
		[]wantQuote{{"direct", "Lena Holm", "going to raise taxes on working families"}}},
	{"pronoun next paragraph", "Finance Minister Karl Weber announced the budget on Monday.\n\n\"This budget protects the most vulnerable households,\" he said.",
		[]wantQuote{{"direct", "Karl Weber", "This budget protects the most vulnerable households"}}},
	{"pronoun blocked by other person", "Karl Weber met Jens Olsen on Monday.\n\n\"This budget protects the most vulnerable households,\" he said.",
		[]wantQuote{{"direct", "", "This budget protects the most vulnerable households"}}},
	{"pronoun gender", "Health Secretary Mr. Ian Shaw spoke first.\n\n\"We need more nurses in every hospital ward,\" she said.",
		[]wantQuote{{"direct", "", "We need more nurses in every hospital ward"}}},
	{"surname resolves to full name", "Opposition leader Maria Santos criticised the plan.\n\n\"The plan ignores rural voters entirely,\" Santos said.",
		[]wantQuote{{"direct", "Maria Santos", "The plan ignores rural voters entirely"}}},
	{"apposition", `"The ceasefire is holding in most areas," Omar Haddad, the army spokesman, said.`,
		[]wantQuote{{"direct", "Omar Haddad", "The ceasefire is holding in most areas"}}},
	{"role noun", "Army spokesman Omar Haddad briefed journalists.\n\n\"Our units have withdrawn from the border,\" the spokesman said.",
		[]wantQuote{{"direct", "Omar Haddad", "Our units have withdrawn from the border"}}},
	{"role noun ambiguous", "Army spokesman Omar Haddad and police spokesman Ali Nasser spoke.\n\n\"Our units have withdrawn from the border,\" the spokesman said.",
		[]wantQuote{{"direct", "", "Our units have withdrawn from the border"}}},
	{"anonymous", `"The talks could collapse within days," a senior European diplomat said.`,
		[]wantQuote{{"direct", "anonymous", "The talks could collapse within days"}}},
	{"anonymous plural", `The company is preparing to cut 2,000 jobs, people familiar with the matter said.`,
		[]wantQuote{{"indirect", "anonymous", "The company is preparing to cut 2,000 jobs"}}},
	{"officials said indirect", `The company will cut 2,000 jobs by the end of the year, officials said.`,
		[]wantQuote{{"indirect", "anonymous", "The company will cut 2,000 jobs by the end of the year"}}},
	{"organisation", `"All flights are suspended until further notice," the airline said in a statement.`,
		[]wantQuote{{"direct", "airline", "All flights are suspended until further notice"}}},
	{"organisation capital", `Beijing said it would respond firmly to any new tariffs.`,
		[]wantQuote{{"indirect", "Beijing", "it would respond firmly to any new tariffs"}}},
	{"indirect that", `Mayor Tomas Lind said that the bridge would reopen next month.`,
		[]wantQuote{{"indirect", "Tomas Lind", "the bridge would reopen next month"}}},
	{"indirect trailing", `The bridge will reopen next month, Mayor Tomas Lind said on Friday.`,
		[]wantQuote{{"indirect", "Tomas Lind", "The bridge will reopen next month"}}},
	{"noun phrase object is not indirect", `Mayor Tomas Lind announced the closure of the old bridge.`, nil},
	{"stance verb is not speech", `Mayor Tomas Lind believes the bridge will reopen next month.`, nil},
	{"partial quote", `Lind said the repairs were "taking far longer than anyone expected" and apologised.`,
		[]wantQuote{{"partial", "Lind", "taking far longer than anyone expected"}}},
	{"short fragment inside indirect", `Tomas Lind said the delay was "regrettable" but unavoidable.`,
		[]wantQuote{{"indirect", "Tomas Lind", `the delay was "regrettable" but unavoidable`}}},
	{"according to", `According to the ministry, the new rules take effect in January.`,
		[]wantQuote{{"indirect", "ministry", "the new rules take effect in January"}}},
	{"according to document", `According to the report, the new rules take effect in January.`, nil},
	{"unattributed quote", `The film "A Long Way Home Again" opens on Friday.`, nil},
	{"headline says", `Prices will keep rising, central bank says`,
		[]wantQuote{{"indirect", "central bank", "Prices will keep rising"}}},
	{"wrote on social media", `"We stand with the people of the flooded valley tonight," Governor Ruth Adler wrote on X.`,
		[]wantQuote{{"direct", "Ruth Adler", "We stand with the people of the flooded valley tonight"}}},
	{"question mark then attribution sentence", `"Who will pay for all of this?" Senator Alice Moreau asked. "Not the taxpayers of this state."`,
		[]wantQuote{{"direct", "Alice Moreau", "Who will pay for all of this?"}, {"direct", "Alice Moreau", "Not the taxpayers of this state"}}},
	{"multi-paragraph quote", "\"The first thing we did was count the survivors,\" rescuer Dana Whitfield said. \"We found eleven people under the collapsed roof.\n\n\"Then we waited for the cranes to arrive at the site.\"",
		[]wantQuote{{"direct", "Dana Whitfield", "The first thing we did was count the survivors"}, {"direct", "Dana Whitfield", "We found eleven people under the collapsed roof"}, {"direct", "Dana Whitfield", "Then we waited for the cranes to arrive at the site"}}},
	{"quote-only paragraph continues", "\"The dam held through the night,\" engineer Raj Patel said.\n\n\"But the next storm could be much worse for the town.\"",
		[]wantQuote{{"direct", "Raj Patel", "The dam held through the night"}, {"direct", "Raj Patel", "But the next storm could be much worse for the town"}}},
	{"quote-only paragraph after two speakers", "\"The dam held,\" Raj Patel said, while Ana Ruiz said \"the levee failed in two places overnight.\"\n\n\"But the next storm could be much worse for the town.\"",
		[]wantQuote{{"partial", "Ana Ruiz", "the levee failed in two places overnight"}}},
	{"nested quotes", `"When he told me 'we are leaving tonight', I packed everything we had," said refugee Amina Yusuf.`,
		[]wantQuote{{"direct", "Amina Yusuf", "When he told me 'we are leaving tonight', I packed everything we had"}}},
	{"unmarked first person", `We will not accept any deal that divides our country, President Elena Varga said.`,
		[]wantQuote{{"unmarked", "Elena Varga", "We will not accept any deal that divides our country"}}},
	{"added that and adding", `The minister said the plant would close in May, adding that workers would be retrained.`,
		nil},
	{"named adding", `Minister Jan Novak said the plant would close in May, adding that workers would be retrained.`,
		[]wantQuote{{"indirect", "Jan Novak", "the plant would close in May"}, {"indirect", "Jan Novak", "workers would be retrained"}}},
	{"title split", `"We are ready for any scenario," Polish Defence Minister Piotr Nowicki said.`,
		[]wantQuote{{"direct", "Piotr Nowicki", "We are ready for any scenario"}}},
	{"told newspaper", `"Nobody warned us about the flood," local farmer Greta Olsen told the Guardian.`,
		[]wantQuote{{"direct", "Greta Olsen", "Nobody warned us about the flood"}}},
	{"passive is not the speaker", `Jan Novak was told the plant would close in May.`, nil},
	{"coordinated subjects", `"We will appeal the ruling in every court," Anna Berg and Jan Novak said.`,
		[]wantQuote{{"direct", "", "We will appeal the ruling in every court"}}},
	{"spokesman for someone", `"The senator has no comment on the matter," the spokesman for Alice Moreau said.`, []wantQuote{{"direct", "", "The senator has no comment on the matter"}}},
	{"a spokesman for someone", `"The senator has no comment on the matter," a spokesman for Senator Alice Moreau said.`,
		[]wantQuote{{"direct", "anonymous", "The senator has no comment on the matter"}}},
	{"lawyer of someone", `"My client is innocent of all charges," Smith's lawyer said.`, []wantQuote{{"direct", "", "My client is innocent of all charges"}}},
	{"office of someone", `"The senator is recovering well at home," Moreau's office said.`,
		[]wantQuote{{"direct", "Moreau's office", "The senator is recovering well at home"}}},
	{"age apposition", `"The water came up to the second floor," Greta Olsen, 67, said.`,
		[]wantQuote{{"direct", "Greta Olsen", "The water came up to the second floor"}}},
	{"embedded which clause", `The deal, which Novak said would fail within weeks, was signed on Friday.`, nil},
	{"nested reporting", `Novak said Berg told him the plant would close in May.`,
		[]wantQuote{{"indirect", "Novak", "Berg told him the plant would close in May"}}},
	{"said Monday that", `Novak said Monday that the plant would close in May.`,
		[]wantQuote{{"indirect", "Novak", "the plant would close in May"}}},
	{"the official again", "\"The convoy was hit twice,\" a senior military official said.\n\n\"Three trucks were destroyed in the attack,\" the official added.",
		[]wantQuote{{"direct", "anonymous", "The convoy was hit twice"}, {"direct", "anonymous", "Three trucks were destroyed in the attack"}}},
	{"possessive role", "Kremlin spokesman Dmitri Volkov spoke to state television.\n\n\"No decision has been taken yet,\" the Kremlin's spokesman said.",
		[]wantQuote{{"direct", "Dmitri Volkov", "No decision has been taken yet"}}},
	{"pronoun after other person in quote", "\"Nobody trusts Berg on this issue anymore,\" Novak said.\n\n\"We will vote against the bill tomorrow,\" he said.",
		[]wantQuote{{"direct", "Novak", "Nobody trusts Berg on this issue anymore"}, {"direct", "Novak", "We will vote against the bill tomorrow"}}},
	{"teaser after a quote is not continued", "\"The dam held through the night,\" engineer Raj Patel said.\n\n\"I lost everything in one night\"", []wantQuote{{"direct", "Raj Patel", "The dam held through the night"}}},
	{"lone name acting blocks pronoun", "\"The dam held through the night,\" Patel said.\n\nErdogan visited the site.\n\n\"We will rebuild the whole town,\" he said.", []wantQuote{{"direct", "Patel", "The dam held through the night"}, {"direct", "", "We will rebuild the whole town"}}},
	{"pronoun too far back", "Novak said the vote was delayed again.\n\nThe vote was delayed.\n\nThe chamber emptied.\n\nLights went out.\n\n\"We will vote against the bill tomorrow,\" he said.",
		[]wantQuote{{"indirect", "Novak", "the vote was delayed again"}, {"direct", "", "We will vote against the bill tomorrow"}}},
	{"capitalised verb at start", `Asked about the deal, Novak declined to comment.`, nil},
	{"told an unlisted object", `"The tests showed no trace of the toxin," Dr. Lena Fischer told a parliamentary hearing.`,
		[]wantQuote{{"direct", "Lena Fischer", "The tests showed no trace of the toxin"}}},
	{"place after anonymous role", `"Supplies will run out by Friday," an aid worker in Gaza City said.`,
		[]wantQuote{{"direct", "anonymous", "Supplies will run out by Friday"}}},
	{"official at a ministry", `An official at the finance ministry said the deficit would widen next year.`,
		[]wantQuote{{"indirect", "anonymous", "the deficit would widen next year"}}},
	{"role then name apposition", `A spokeswoman for the airline, Clara Jensen, said the flights would resume on Monday.`,
		[]wantQuote{{"indirect", "Clara Jensen", "the flights would resume on Monday"}}},
	{"relative clause before verb", `Health Minister Ole Dahl, who visited the clinic on Monday, said the outbreak was under control.`,
		[]wantQuote{{"indirect", "Ole Dahl", "the outbreak was under control"}}},
	{"participle apposition", `Governor Ruth Adler, speaking to reporters in the capital, said the curfew would be lifted.`,
		[]wantQuote{{"indirect", "Ruth Adler", "the curfew would be lifted"}}},
	{"colon after clause", `Asked whether the strike would spread, union leader Mark Doyle replied: "Every depot in the country is ready to walk out."`,
		[]wantQuote{{"direct", "Mark Doyle", "Every depot in the country is ready to walk out"}}},
	{"two clauses with and that", `Ole Dahl said the clinic would stay open and that more staff would be hired.`,
		[]wantQuote{{"indirect", "Ole Dahl", "the clinic would stay open"}, {"indirect", "Ole Dahl", "more staff would be hired"}}},
	{"capitalised plural noun", `Residents said the water had been cut off for three days.`,
		[]wantQuote{{"indirect", "anonymous", "the water had been cut off for three days"}}},
	{"organisation with capital head", `The Port Authority said in a statement that the terminal would reopen.`,
		[]wantQuote{{"indirect", "Port Authority", "the terminal would reopen"}}},
	{"quoted as saying", `State radio quoted a senior police officer as saying that the border had been closed.`,
		[]wantQuote{{"indirect", "anonymous", "the border had been closed"}}},
	{"several speakers adding", `Anna Berg and Jan Novak said the deal was dead, adding that talks would not resume.`, nil},
	{"clause subject after verb is not inverted", `Ole Dahl, head of the regional health board, said nurses had been "pushed far beyond their limits."`,
		[]wantQuote{{"partial", "Ole Dahl", "pushed far beyond their limits"}}},
	{"single outer quotes and pronoun", "Union leader Mark Doyle said the vote was unanimous.\n\n'We tried everything to avoid this strike,' he said. 'The company would not listen.'",
		[]wantQuote{{"indirect", "Mark Doyle", "the vote was unanimous"}, {"direct", "Mark Doyle", "We tried everything to avoid this strike"}, {"direct", "Mark Doyle", "The company would not listen"}}},
	{"told an outlet with colon", `A company insider told The Chronicle: 'The merger is dead, whatever the board says in public.'`,
		[]wantQuote{{"direct", "anonymous", "The merger is dead, whatever the board says in public"}}},
	{"short quote then continuation", `"It was terrifying," said a woman who gave her name only as Sarah. "The whole building shook for what felt like minutes."`,
		[]wantQuote{{"direct", "anonymous", "The whole building shook for what felt like minutes"}}},
	{"object and infinitive", `Mayor Tomas Lind warned Moscow not to interfere, as the vote would be close.`, nil},
	{"quote-only paragraph after indirect speech only", "Tomas Lind said the vote was close.\n\n\"We will fight it in every court.\"", []wantQuote{{"indirect", "Tomas Lind", "the vote was close"}}},
	{"past tense clause", `Finance chief Mark Ellison told analysts the company expected higher revenue next quarter.`,
		[]wantQuote{{"indirect", "Mark Ellison", "the company expected higher revenue next quarter"}}},
	{"coach title", `"We simply did not show up in the second half," Coach Mike Brennan said.`,
		[]wantQuote{{"direct", "Mike Brennan", "We simply did not show up in the second half"}}},
	{"announced noun phrase with participle", `The mayor announced the newly created fund for flood victims.`, nil},
	{"plural noun after preposition is not a verb", `Finance chief Mark Ellison told analysts the company expected revenue of $18 billion, above Wall Street estimates.`,
		[]wantQuote{{"indirect", "Mark Ellison", "the company expected revenue of $18 billion, above Wall Street estimates"}}},
	{"apostrophes are not quotes", `The country’s leaders didn’t say when the talks’ next round would start.`, nil},
}

func TestExtract(t *testing.T) { runExtractTests(t, extractTests) }

// runExtractTests runs each test as a subtest: Extract's invariants hold,
// and the quotes are exactly the ones wanted, with the evidence logged on
// failure.
func runExtractTests(t *testing.T, tests []extractTest) {
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Extract(tt.in)
			checkInvariants(t, tt.in, res)
			var got []wantQuote
			for _, q := range res.Quotes {
				got = append(got, wantQuote{q.Kind, q.Speaker, q.Text})
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("Extract(%q)\n got %v\nwant %v", tt.in, got, tt.want)
				for _, q := range res.Quotes {
					t.Logf("  %s [%s] %q <- %s", q.Kind, q.Speaker, q.Text, q.Evidence)
				}
			}
		})
	}
}

func checkInvariants(t *testing.T, text string, res Result) {
	t.Helper()
	prev := -1
	for _, q := range res.Quotes {
		if q.Start < 0 || q.End > len(text) || q.Start > q.End {
			t.Fatalf("offsets out of range: %+v (len %d)", q, len(text))
		}
		if text[q.Start:q.End] != q.Text {
			t.Fatalf("text[%d:%d] = %q, Text = %q", q.Start, q.End, text[q.Start:q.End], q.Text)
		}
		if q.Start < prev {
			t.Fatalf("quotes out of order at %+v", q)
		}
		prev = q.Start
		switch q.Kind {
		case Direct, Partial, Indirect, Unmarked:
		default:
			t.Fatalf("bad kind %q", q.Kind)
		}
		if strings.TrimSpace(q.Text) == "" {
			t.Fatalf("empty quote text: %+v", q)
		}
	}
	names := map[string]bool{}
	for _, s := range res.Speakers {
		names[s.Name] = true
	}
	for _, q := range res.Quotes {
		if q.Speaker != "" && !names[q.Speaker] {
			t.Fatalf("speaker %q missing from Speakers", q.Speaker)
		}
	}
}

func TestSpeakers(t *testing.T) {
	in := "Kremlin spokesman Dmitri Volkov said the talks would resume.\n\n" +
		"\"We are ready to meet at any time,\" Volkov said.\n\n" +
		"\"The door remains open,\" the Foreign Ministry said in a statement."
	res := Extract(in)
	checkInvariants(t, in, res)
	if len(res.Speakers) != 2 {
		t.Fatalf("speakers = %+v, want 2", res.Speakers)
	}
	v := res.Speakers[0]
	if v.Name != "Dmitri Volkov" || v.Role != "Kremlin spokesman" || v.Org {
		t.Errorf("first speaker = %+v", v)
	}
	want := map[string]bool{"Volkov": true, "Kremlin spokesman Dmitri Volkov": true}
	for _, a := range v.Aliases {
		delete(want, a)
	}
	if len(want) != 0 {
		t.Errorf("aliases %q lack %v", v.Aliases, want)
	}
	if m := res.Speakers[1]; m.Name != "Foreign Ministry" || !m.Org {
		t.Errorf("second speaker = %+v, want the Foreign Ministry as a body", m)
	}
	for _, q := range res.Quotes {
		if q.Evidence == "" {
			t.Errorf("quote without evidence: %+v", q)
		}
	}
}
