package dates

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	dps "github.com/markusmobius/go-dateparser"

	"github.com/briefbot/briefbot/briefing/evalscore"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestEvents(t *testing.T) {
	may12 := day(2025, 5, 12) // a Monday
	tests := []struct {
		name      string
		text      string
		published time.Time
		want      []time.Time // one per event, in order
	}{
		{"month day", "Kremlin spokesperson Dmitry Peskov rejected the idea in an interview with ABC News released on May 11.", may12, []time.Time{day(2025, 5, 11)}},
		{"abbreviated month", "Peskov said, the pro-Kremlin news agency Interfax reported on Feb. 20.", may12, []time.Time{day(2025, 2, 20)}},
		{"first date of the sentence", "In a historic meeting in Kyiv on May 10, Ukraine and European allies put forth a demand for a ceasefire beginning May 12.", may12, []time.Time{day(2025, 5, 10)}},
		{"near future same year", "Putin suggested that direct peace talks be held in Istanbul beginning May 15.", may12, []time.Time{day(2025, 5, 15)}},
		{"day month order", "The statement was released by the ministry on 11 May.", may12, []time.Time{day(2025, 5, 11)}},
		{"month and year", "The conflict, which Moscow launched in February 2022 with its all-out offensive, goes on.", may12, []time.Time{day(2022, 2, 1)}},
		{"full date", "Peskov attends a bilateral meeting at the Ritz Hotel on July 3, 2024, in Astana.", may12, []time.Time{day(2024, 7, 3)}},
		{"weekday", "The Kremlin on Wednesday said it was against European countries sending troops.", may12, []time.Time{day(2025, 5, 7)}},
		{"last week", "Peskov said last week that talks could resume soon.", may12, []time.Time{day(2025, 5, 5)}},
		{"weekday of publication", "The Kremlin on Wednesday said it was against European countries sending troops.", day(2025, 8, 27), []time.Time{day(2025, 8, 27)}},
		{"last weekday", "The Kremlin said last Wednesday it was against European countries sending troops.", day(2025, 8, 27), []time.Time{day(2025, 8, 20)}},
		{"later this week", "Military representatives will meet in Ukraine later this week to discuss peacekeeping troops.", may12, nil},
		{"next week", "Officials from both countries will meet again next week in Riyadh.", may12, nil},
		{"year roll-over", "The two leaders met on Dec. 30 in Rome to discuss the plan.", day(2025, 1, 4), []time.Time{day(2024, 12, 30)}},
		{"publication in a zone east of UTC", "The two leaders met on Dec. 30 in Rome to discuss the plan.", time.Date(2025, 1, 4, 0, 30, 0, 0, time.FixedZone("MSK", 3*3600)), []time.Time{day(2024, 12, 30)}},
		{"weekday, publication east of UTC", "The Kremlin on Wednesday said it was against European countries sending troops.", time.Date(2025, 5, 12, 1, 0, 0, 0, time.FixedZone("MSK", 3*3600)), []time.Time{day(2025, 5, 7)}},
		{"no roll-over late in the year", "The two leaders met on Dec. 30 in Rome to discuss the plan.", day(2025, 12, 31), []time.Time{day(2025, 12, 30)}},
		{"may the verb", "He may consider additional sanctions. May I say something about that now?", may12, nil},
		{"numbers alone", "Starmer plans to propose the deployment of up to 30,000 European troops to monitor a ceasefire.", may12, nil},
		{"time of day", "10:48 AM UK, Norway discuss Arctic defense pact over the Russian threat.", may12, nil},
		{"minutes", "The article takes 2 min read and was updated 5 minutes ago by the editors.", may12, nil},
		{"month alone", "The talks collapsed in March and resumed only much later.", may12, nil},
		{"dateline is not an event", "August 27, 2025", may12, nil},
		{"weekday inside a quotation", `"We will hold a meeting on Friday with our partners," Zelensky said on April 1.`, day(2025, 4, 3), []time.Time{day(2025, 4, 1)}},
		{"only a quoted weekday", `"We will hold a meeting on Friday with our partners," Zelensky said.`, day(2025, 4, 3), nil},
		{"two sentences", "Talks began on March 3. Nothing is planned at all for now. They ended on March 5 with a deal.", may12, []time.Time{day(2025, 3, 3), day(2025, 3, 5)}},
		{"weekday with its date", "The summit opened on Wednesday, May 14, in Tirana with both leaders.", may12, []time.Time{day(2025, 5, 14)}},
		{"weekday after its date", "The summit opened on 14 May, a Wednesday, in Tirana with both leaders.", may12, []time.Time{day(2025, 5, 14)}},
		{"this or next weekday", "The envoys will meet this Friday, and the ministers next Monday in Geneva.", may12, nil},
		{"days ago", "The convoy left the capital two days ago under heavy escort.", may12, []time.Time{day(2025, 5, 10)}},
		{"yesterday", "The minister resigned yesterday after the vote in parliament.", may12, []time.Time{day(2025, 5, 11)}},
		{"hours ago", "The convoy left the capital three hours ago under escort.", may12, nil},
		{"march the verb", "Thousands march 3 miles to the capital every year in protest.", may12, nil},
		{"day range", "The talks on May 11-12 in Riyadh ended without a statement.", may12, []time.Time{day(2025, 5, 11)}},
		{"ordinal day", "The ceasefire took effect on the 9th of May across the front line.", may12, []time.Time{day(2025, 5, 9)}},
		{"not an ordinal", "The unit lost 5h May contact with the base, officials said.", may12, nil},
		{"a year after a full stop is not the date's", "The deal was agreed on May 11. 2025 was a hard year for both sides.", day(2026, 5, 20), []time.Time{day(2026, 5, 11)}},
		// Without a publication date only dates with their year are kept.
		{"unknown publication, no year", "The Paris summit on March 27 will bring together Germany and Poland.", time.Time{}, nil},
		{"unknown publication, weekday", "The Kremlin on Wednesday said it was against the plan.", time.Time{}, nil},
		{"unknown publication, year given", "The conflict, which Moscow launched in February 2022 with its offensive, goes on.", time.Time{}, []time.Time{day(2022, 2, 1)}},
		{"unknown publication, full date", "The deal was signed on July 3, 2024, in Astana by both sides.", time.Time{}, []time.Time{day(2024, 7, 3)}},
	}
	x := NewExtractor()
	for _, tt := range tests {
		got := x.Events(tt.text, tt.published)
		if len(got) != len(tt.want) {
			t.Errorf("%s: got %d events %v, want %v", tt.name, len(got), got, tt.want)
			continue
		}
		for i, e := range got {
			if !e.Date.Equal(tt.want[i]) {
				t.Errorf("%s: event %d date %s, want %s", tt.name, i, e.Date.Format(time.DateOnly), tt.want[i].Format(time.DateOnly))
			}
			if tt.text[e.Start:e.End] != e.Text || e.Text == "" {
				t.Errorf("%s: event %d offsets [%d,%d) do not give its text %q", tt.name, i, e.Start, e.End, e.Text)
			}
		}
	}
}

// TestEventsYearFromAnchor covers articles without a publication date: a
// day and month without a year take their year from the latest full date
// the article prints (its anchor), on or after it, and are marked as
// inferred; everything else needs a printed year.
func TestEventsYearFromAnchor(t *testing.T) {
	type want struct {
		date     time.Time
		inferred bool
	}
	tests := []struct {
		name string
		text string
		want []want
	}{
		{"caption anchors a later day",
			"Workers repair a bridge in Vienna, Austria, on Oct. 2, 2023.\nThe ministry said on Nov. 14 that the talks would resume.",
			[]want{{day(2023, 10, 2), false}, {day(2023, 11, 14), true}}},
		{"day before the anchor in its year is the next year's",
			"Delegates gather in Geneva on June 30, 2021, for the conference.\nThe agency reported on March 8 that prices had risen.",
			[]want{{day(2021, 6, 30), false}, {day(2022, 3, 8), true}}},
		{"the anchor's own day",
			"Delegates gather in Geneva on June 30, 2021, for the conference.\nThe minister spoke to reporters on June 30 after the vote.",
			[]want{{day(2021, 6, 30), false}, {day(2021, 6, 30), true}}},
		{"the latest full date is the anchor, wherever it is",
			"The treaty was signed on Sept. 9, 2020, by both parties.\nThe first draft dates from Jan. 5, 2019, officials say.\nThe council met again on Aug. 1 to review the treaty.",
			[]want{{day(2020, 9, 9), false}, {day(2019, 1, 5), false}, {day(2021, 8, 1), true}}},
		{"day-first forms",
			"A farmer harvests wheat near Lyon on 12 July 2022 in this file photo.\nThe union called the strike on 3rd of August after talks failed.",
			[]want{{day(2022, 7, 12), false}, {day(2022, 8, 3), true}}},
		{"a dateline anchors but is no event",
			"March 4, 2024\nThe committee voted on March 12 to approve the budget.",
			[]want{{day(2024, 3, 12), true}}},
		{"leap day after the anchor",
			"The board met in Oslo on March 1, 2023, for its review.\nThe board will publish its report on Feb. 29 next year.",
			[]want{{day(2023, 3, 1), false}, {day(2024, 2, 29), true}}},
		{"no leap day within a year of the anchor",
			"The board met in Oslo on March 1, 2021, for its review.\nThe board said it would publish its report on Feb. 29 instead.",
			[]want{{day(2021, 3, 1), false}}},
		{"month and year is no anchor",
			"The war that began in February 2022 continues.\nThe foreign minister said on March 3 that it must end soon.",
			[]want{{day(2022, 2, 1), false}}},
		{"no anchor, no inference",
			"The foreign minister said on March 3 that talks had stalled.\nThe envoy arrived on March 5 for a second round.",
			nil},
		{"weekdays and relative dates stay unresolved",
			"Ministers met in Rome on Sept. 9, 2020, for the first round.\nThe envoy said on Wednesday that he had met them last week.\nHe returned two days ago to Brussels with a draft.",
			[]want{{day(2020, 9, 9), false}}},
	}
	x := NewExtractor()
	for _, tt := range tests {
		got := x.Events(tt.text, time.Time{})
		if len(got) != len(tt.want) {
			t.Errorf("%s: got %d events %+v, want %d", tt.name, len(got), got, len(tt.want))
			continue
		}
		for i, e := range got {
			if !e.Date.Equal(tt.want[i].date) || e.YearInferred != tt.want[i].inferred {
				t.Errorf("%s: event %d is %s inferred=%v, want %s inferred=%v", tt.name, i,
					e.Date.Format(time.DateOnly), e.YearInferred, tt.want[i].date.Format(time.DateOnly), tt.want[i].inferred)
			}
			if tt.text[e.Start:e.End] != e.Text {
				t.Errorf("%s: event %d offsets do not give its text", tt.name, i)
			}
		}
	}
}

// TestEventsAnchorPrintedElsewhere checks that a caption outside the text
// can anchor, and is never an event itself.
func TestEventsAnchorPrintedElsewhere(t *testing.T) {
	text := "The ministry said on Nov. 14 that the talks would resume.\n\nThe envoy arrived on Nov. 16 for a second round of talks."
	captions := []string{"Workers repair a bridge in Vienna, Austria, on Oct. 2, 2023. (Photographer/Agency)", "A cat, Sept. 1, 2020"}
	got := Events(text, time.Time{}, captions...)
	if len(got) != 2 || !got[0].Date.Equal(day(2023, 11, 14)) || !got[1].Date.Equal(day(2023, 11, 16)) || !got[0].YearInferred {
		t.Errorf("got %+v, want 2023-11-14 and 2023-11-16, inferred", got)
	}
	for _, e := range got {
		if text[e.Start:e.End] != e.Text {
			t.Errorf("event %q is not in the text at its offsets", e.Text)
		}
	}
	if got := Events(text, time.Time{}, "\xff\xfe not text"); len(got) != 0 {
		t.Errorf("invalid other text anchored: %+v", got)
	}
}

// TestEventsPublishedNeverInfers checks that a publication date, when
// known, decides the year and nothing is marked inferred.
func TestEventsPublishedNeverInfers(t *testing.T) {
	text := "Workers repair a bridge in Vienna, Austria, on Oct. 2, 2023.\nThe ministry said on Nov. 14 that the talks would resume."
	got := Events(text, day(2025, 1, 10))
	if len(got) != 2 || !got[1].Date.Equal(day(2024, 11, 14)) || got[0].YearInferred || got[1].YearInferred {
		t.Errorf("got %+v, want 2023-10-02 and 2024-11-14, neither inferred", got)
	}
}

func TestEventsCorpus(t *testing.T) {
	path := filepath.Join(evalscore.SharedDir(t, "corpus"), "003_4ecd10820ece11c0.txt")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	events := Events(text, day(2025, 4, 3))
	want := map[string]time.Time{
		"Czech President Petr Pavel said on March 22":     day(2025, 3, 22),
		"The Paris summit on March 27":                    day(2025, 3, 27),
		"President Volodymyr Zelensky said on April 1":    day(2025, 4, 1),
		"Canadian Defense Minister Bill Blair said on":    day(2025, 3, 5),
		"Canadian Foreign Minister Melanie Joly said on":  day(2025, 2, 18),
		"NATO Secretary General Mark Rutte wrote on Feb.": day(2025, 2, 17),
	}
	found := 0
	for _, e := range events {
		for frag, d := range want {
			if strings.Contains(e.Text, frag) {
				found++
				if !e.Date.Equal(d) {
					t.Errorf("%q: date %s, want %s", frag, e.Date.Format(time.DateOnly), d.Format(time.DateOnly))
				}
			}
		}
		if strings.Contains(e.Text, "2 min read") || strings.Contains(e.Text, "30,000") {
			t.Errorf("not an event: %q", e.Text)
		}
	}
	if found != len(want) {
		t.Errorf("found %d of %d expected events; events: %v", found, len(want), events)
	}
}

func FuzzEvents(f *testing.F) {
	for _, s := range []string{"on May 11", "Feb. 20, 2024", "May may May 1 2 3", "on Wednesday last week", "Dec. 31 9999",
		"0 May 32", "\xff\xfe May 1", strings.Repeat("May 1 ", 50)} {
		f.Add(s, int64(1747000000))
	}
	f.Fuzz(func(t *testing.T, text string, pub int64) {
		if len(text) > 4096 {
			return
		}
		var published time.Time
		if pub > 0 && pub < 1<<40 {
			published = time.Unix(pub, 0).UTC()
		}
		// The text is also given as printed elsewhere: an anchor for
		// itself when it has no publication date.
		for _, e := range Events(text, published, text) {
			if e.Start < 0 || e.End > len(text) || e.Start > e.End || text[e.Start:e.End] != e.Text {
				t.Fatalf("bad offsets %d..%d for %q", e.Start, e.End, text)
			}
			if e.Date.Location() != time.UTC || e.Date.Hour() != 0 {
				t.Fatalf("date %v is not a UTC day", e.Date)
			}
		}
	})
}

const benchArticle = `Kremlin spokesperson Dmitry Peskov rejected the idea of deploying European peacekeepers in Ukraine in an interview with ABC News released on May 11.
"We cannot allow NATO's military infrastructure to get that close to our borders," Peskov said.
Peskov earlier rejected the idea of a 30-day ceasefire as "an advantage" for Ukraine. As Ukraine's allies push for direct talks between Russia and Ukraine, Russian President Vladimir Putin has refused an immediate ceasefire and instead suggested direct peace talks be held in Istanbul beginning May 15.
U.S. President Donald Trump has said that the U.S. may consider implementing additional sanctions against Russia if it does not reach a peace deal with Ukraine to end the war.
In a historic meeting in Kyiv on May 10, Ukraine and European allies put forth a demand for a 30-day unconditional ceasefire beginning May 12.
Peskov reiterated Russian demands for Ukraine to no longer receive Western weapons shipments.
Starmer plans to propose the deployment of up to 30,000 European troops to monitor a potential ceasefire deal in Ukraine.
The Kremlin on Wednesday said it was against European countries sending peacekeeping troops to Ukraine.`

func BenchmarkEvents(b *testing.B) {
	x := NewExtractor()
	pub := day(2025, 5, 12)
	b.SetBytes(int64(len(benchArticle)))
	for b.Loop() {
		x.Events(benchArticle, pub)
	}
}

func BenchmarkEventsNoDates(b *testing.B) {
	text := strings.Repeat("Starmer plans to propose the deployment of up to 30,000 European troops to monitor a potential ceasefire deal in Ukraine. ", 30)
	x := NewExtractor()
	pub := day(2025, 5, 12)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		x.Events(text, pub)
	}
}

// BenchmarkNewExtractorFirstCall measures a fresh extractor's first call
// (the parser's lazy per-language set-up included).
func BenchmarkNewExtractorFirstCall(b *testing.B) {
	pub := day(2025, 5, 12)
	for b.Loop() {
		NewExtractor().Events("The talks were held in Istanbul on May 15 by both sides.", pub)
	}
}

func TestEventsBoundedWork(t *testing.T) {
	var b strings.Builder
	for d := 1; d <= 30; d++ {
		fmt.Fprintf(&b, "The talks began in Istanbul on May %d with both delegations.\n", d)
	}
	text := b.String()
	x := NewExtractor()
	x.MaxParses = 20
	if got := x.Events(text, day(2025, 5, 12)); len(got) != 20 {
		t.Errorf("got %d events from 30 dated lines, want the cap 20", len(got))
	}
}

func TestExtractorConcurrent(t *testing.T) {
	x := NewExtractor()
	pub := day(2025, 5, 12)
	want := x.Events(benchArticle, pub)
	done := make(chan []Event)
	for i := 0; i < 4; i++ {
		go func() { done <- x.Events(benchArticle, pub) }()
	}
	for i := 0; i < 4; i++ {
		got := <-done
		if len(got) != len(want) {
			t.Fatalf("concurrent call found %d events, want %d", len(got), len(want))
		}
		for j := range got {
			if !got[j].Date.Equal(want[j].Date) {
				t.Errorf("concurrent call: event %d date %s, want %s", j, got[j].Date, want[j].Date)
			}
		}
	}
}

// The two benchmarks below show why Events hands the parser only a
// candidate's words: go-dateparser's costs grow quickly with the length of
// its input.
func BenchmarkDateparserSearchSentence(b *testing.B) {
	p := &dps.Parser{}
	cfg := &dps.Configuration{Languages: []string{"en"}, CurrentTime: day(2025, 5, 12), PreferredDateSource: dps.Past}
	s := "Starmer plans to propose to U.S. President Donald Trump the deployment of up to 30,000 European troops to monitor a potential ceasefire deal in Ukraine."
	for b.Loop() {
		p.Search(cfg, s)
	}
}

func BenchmarkDateparserParseCandidate(b *testing.B) {
	r := newResolver(day(2025, 5, 12), 1)
	for b.Loop() {
		safeParse(r.calendar, r.cfg, "May 11")
	}
}
