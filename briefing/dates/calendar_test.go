package dates

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"
)

// TestCalendarReadingMatchesParser holds calendarReading to what
// go-dateparser makes of the same candidates: dates found by the scan in
// sentences that print them in every way it accepts (every month spelling
// it knows, in three cases; plain, zero-padded and ordinal days; years from
// 1000 to 2999, leap and century years among them; day first, month first,
// "of", commas and full stops), resolved once each way, for a dated and an
// undated article. An exhaustive run of these forms (every month spelling
// with every day form, and with every year) found no difference.
func TestCalendarReadingMatchesParser(t *testing.T) {
	var months []string
	for w, k := range keywords {
		if k.month == 0 {
			continue
		}
		title := strings.ToUpper(w[:1]) + w[1:]
		mixed := []byte(title)
		for i := 1; i < len(mixed); i += 2 {
			mixed[i] -= 'a' - 'A'
		}
		months = append(months, title, strings.ToUpper(w), string(mixed))
	}
	rng := rand.New(rand.NewSource(3))
	dayForm := func(d int) string {
		s := fmt.Sprint(d)
		switch rng.Intn(4) {
		case 1:
			if d < 10 {
				s = "0" + s
			}
		case 2:
			s += []string{"st", "nd", "rd", "th", "TH", "Th"}[rng.Intn(6)]
		}
		return s
	}
	years := []int{1000, 1900, 1999, 2000, 2023, 2024, 2100, 2999}
	forms := []string{"on %[1]s %[2]s", "on %[2]s %[1]s", "on the %[2]s of %[1]s", "on %[1]s. %[2]s, %[3]d",
		"on %[1]s %[2]s %[3]d", "on %[2]s %[1]s %[3]d", "in %[1]s %[3]d", "in %[1]s. %[3]d"}
	var sentences []string
	for _, m := range months {
		for k := 0; k < 4; k++ {
			d := 1 + rng.Intn(31)
			y := years[rng.Intn(len(years))]
			if rng.Intn(2) == 0 {
				y = 1000 + rng.Intn(2000)
			}
			sentences = append(sentences, fmt.Sprintf("The talks began "+forms[rng.Intn(len(forms))]+" in Istanbul.", m, dayForm(d), y))
		}
	}
	// The edges of months and of leap years.
	for _, m := range []string{"Feb", "February", "April", "Sept", "Nov"} {
		for d := 28; d <= 31; d++ {
			sentences = append(sentences, fmt.Sprintf("The talks began on %s %d in Istanbul.", m, d))
			for _, y := range []int{1900, 2000, 2023, 2024, 2100} {
				sentences = append(sentences, fmt.Sprintf("The talks began on %d %s %d in Istanbul.", d, m, y))
			}
		}
	}

	articles := []struct {
		published, anchor time.Time
	}{
		{published: day(2025, 8, 27)},
		{published: time.Date(2023, 3, 1, 23, 30, 0, 0, time.FixedZone("", -12*3600))},
		{anchor: day(2025, 1, 1)},
	}
	compared, found := 0, 0
	for _, a := range articles {
		direct, parser := newResolver(a.published, 1<<30), newResolver(a.published, 1<<30)
		direct.anchor, parser.anchor = a.anchor, a.anchor
		parser.calendarByParser = true
		for _, s := range sentences {
			for _, sd := range scan(s, !a.published.IsZero()) {
				for _, c := range sd.cands {
					if c.kind != calendar {
						continue
					}
					d1, inf1, ok1 := direct.resolve(c)
					d2, inf2, ok2 := parser.resolve(c)
					if !d1.Equal(d2) || inf1 != inf2 || ok1 != ok2 {
						t.Errorf("published %v: %q (%q): read %v %v %v, parser %v %v %v", a.published, s, c.words, d1, inf1, ok1, d2, inf2, ok2)
					}
					compared++
					if ok2 {
						found++
					}
				}
			}
		}
	}
	// The scan must have found the dates for this to test anything, and
	// the edge cases must hold some that are not dates.
	if compared < 3*len(sentences)*9/10 || found == compared || found < compared/2 {
		t.Errorf("compared %d candidates of %d sentences in 3 articles, %d dates", compared, len(sentences), found)
	}
}

// TestDayReadingMatchesParser holds dayReading to what go-dateparser makes
// of weekdays (in three cases) and "yesterday", "today" and "tomorrow", as
// resolveRelative uses it (the calendar day and the period): every day of
// 2024, a leap year; the first days of 2023 and 2024 at the ends of the
// day in the zones furthest from UTC; and, when the system has the zone
// data, the nights the clocks change in zones with daylight saving.
func TestDayReadingMatchesParser(t *testing.T) {
	var nows []time.Time
	for d := 0; d < 366; d++ {
		nows = append(nows, time.Date(2024, 1, 1+d, 12, 0, 0, 0, time.UTC))
	}
	for _, loc := range []*time.Location{time.FixedZone("", -12*3600), time.FixedZone("", 14*3600)} {
		for d := -3; d < 10; d++ {
			for _, y := range []int{2023, 2024} {
				nows = append(nows, time.Date(y, 1, 1+d, 0, 5, 0, 0, loc), time.Date(y, 1, 1+d, 23, 55, 0, 0, loc))
			}
		}
	}
	changes := map[string][]time.Time{ // local midnights before the clocks change
		"Europe/Berlin":       {time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC), time.Date(2024, 10, 27, 0, 0, 0, 0, time.UTC)},
		"America/New_York":    {time.Date(2024, 3, 10, 0, 0, 0, 0, time.UTC), time.Date(2024, 11, 3, 0, 0, 0, 0, time.UTC)},
		"Australia/Lord_Howe": {time.Date(2024, 4, 7, 0, 0, 0, 0, time.UTC), time.Date(2024, 10, 6, 0, 0, 0, 0, time.UTC)},
	}
	for name, days := range changes {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Logf("no zone data for %s: %v", name, err)
			continue
		}
		for _, d := range days {
			for h := -24; h <= 48; h++ {
				nows = append(nows, time.Date(d.Year(), d.Month(), d.Day(), 0, 30, 0, 0, loc).Add(time.Duration(h)*time.Hour))
			}
		}
	}
	var words []string
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		w := wd.String()
		words = append(words, w, strings.ToUpper(w), strings.ToLower(w))
	}
	words = append(words, "yesterday", "Today", "TOMORROW")
	for _, now := range nows {
		r := newResolver(now, 1<<30)
		for _, w := range words {
			got, ok := dayReading(w, now)
			want := safeParse(r.relative, r.cfg, w)
			gy, gm, gd := got.Time.Date()
			wy, wm, wd := want.Time.Date()
			if !ok || gy != wy || gm != wm || gd != wd || got.Period != want.Period {
				t.Fatalf("now %v: %q read as %v %v (ok %v), the parser says %v %v", now, w, got.Time, got.Period, ok, want.Time, want.Period)
			}
		}
	}
	if _, ok := dayReading("two days ago", time.Now()); ok {
		t.Error(`dayReading read "two days ago", which is the parser's`)
	}
}
