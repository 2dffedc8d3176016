package page

import (
	"strings"
	"testing"
	"time"
)

// The dumps below are written for these tests (fictional outlets and
// people); they copy the layouts of news pages, not their text.

func TestFromTextDropsFurniture(t *testing.T) {
	dump := `Skip to main content
Menu
POLITICS
3 min read
Harbour council approves new ferry route after long debate

Harbour council approves new ferry route after long debate
The new ferry at the quay in Port Ellis on March 3. (Jane Roe/Getty Images)
This audio is created with AI assistance
By Maria Lind

The council of Port Ellis voted on Tuesday to open a second ferry route to the islands, ending two years of debate.

"This is a good day for everyone who lives on the islands," council leader Tom Berg said after the vote.

Share this article
Share on Facebook | Share on X | Copy link

The route will start in May, the harbour office said in a statement.

The first ferry, seen from the pier.
Photo credit: Port Ellis Harbour Office

Critics said the cost was too high and asked for a review of the budget.

Enter your email to get our morning newsletter
* indicates required
Subscribe
Thanks for signing up! Please check your inbox.

Read more: Ferry prices to rise next year

Maria Lind
Senior Reporter
Maria Lind is a senior reporter for The Harbour Times. She covers local politics.

Related
Storm closes coastal road for second day
Fishermen protest new quotas
Most read
Museum reopens after renovation
`
	p := FromText(dump)
	want := []string{
		"The council of Port Ellis voted on Tuesday to open a second ferry route to the islands, ending two years of debate.",
		`"This is a good day for everyone who lives on the islands," council leader Tom Berg said after the vote.`,
		"The route will start in May, the harbour office said in a statement.",
		"Critics said the cost was too high and asked for a review of the budget.",
	}
	if got := strings.Split(p.Text, "\n\n"); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("text paragraphs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if p.Title != "Harbour council approves new ferry route after long debate" {
		t.Errorf("title = %q", p.Title)
	}
	if p.Source != "The Harbour Times" {
		t.Errorf("source = %q, want the outlet from the author bio", p.Source)
	}
	if p.Author != "Maria Lind" {
		t.Errorf("author = %q", p.Author)
	}
	if !p.Published.IsZero() {
		t.Errorf("published = %v, want none (no date line)", p.Published)
	}
}

func TestFromTextNewsFeedSidebar(t *testing.T) {
	dump := `Latest updates

"The bridge will stay closed until the inspection ends," the mayor said.

Show More

Mayor closes old bridge for inspection

The city closed the old bridge on Monday after engineers found cracks in two of its pillars.

"Safety comes first," city engineer Ana Costa told reporters.

News Feed

11:02 AM

Rail strike called off after late-night talks.

The union said members would return to work on Thursday.
9:40 AM

Heatwave warning issued for the south.

Forecasters expect temperatures above 35 degrees this weekend.
`
	p := FromText(dump)
	want := "The city closed the old bridge on Monday after engineers found cracks in two of its pillars.\n\n" +
		`"Safety comes first," city engineer Ana Costa told reporters.`
	if p.Text != want {
		t.Errorf("text = %q\nwant  %q", p.Text, want)
	}
	if p.Title != "Mayor closes old bridge for inspection" {
		t.Errorf("title = %q", p.Title)
	}
}

// A page that is itself a feed (a topic page: one item per line, no blank
// lines) is all content: nothing but the exact repeat may go.
func TestFromTextFeedPageKept(t *testing.T) {
	dump := `Island nations ask for climate fund, ministers say
"We cannot wait another decade," Foreign Minister Lea Tamu said.
"We cannot wait another decade," Foreign Minister Lea Tamu said.
The fund would pay for sea walls and water plants, the ministers said in a joint statement.
Donors will meet in Geneva next month to discuss the proposal.
It began as a small meeting in a hotel lobby. By the end of the week the idea had the backing of twelve governments and
"The money must reach the islands, not consultants," activist Noa Reef said on March 2.`
	p := FromText(dump)
	if p.Title != "Island nations ask for climate fund, ministers say" {
		t.Errorf("title = %q", p.Title)
	}
	got := strings.Split(p.Text, "\n\n")
	if len(got) != 5 {
		t.Fatalf("got %d paragraphs, want 5 (one repeat dropped):\n%s", len(got), p.Text)
	}
	if !strings.HasPrefix(got[3], "It began as a small meeting") {
		t.Errorf("cut-off item dropped from a feed page: %q", got[3])
	}
}

// A live blog whose feed is the page keeps its items.
func TestFromTextLiveBlogKept(t *testing.T) {
	dump := `Live updates

10:48 AM

Polls close in the north as turnout reaches a record, the election board said.

10:12 AM

"We expect results before midnight," election board chair Ida Moe told reporters.
Show More
`
	p := FromText(dump)
	want := "Polls close in the north as turnout reaches a record, the election board said.\n\n" +
		`"We expect results before midnight," election board chair Ida Moe told reporters.`
	if p.Text != want {
		t.Errorf("text = %q\nwant  %q", p.Text, want)
	}
}

func TestFromTextMetadata(t *testing.T) {
	tests := []struct {
		name                  string
		dump                  string
		title, source, author string
		published             string
		textHas, textHasNot   string
	}{
		{
			name: "date line under headline, wire source line, brand from own link cards",
			dump: `EUROPE
Ministers agree on grain corridor
Ministers agree on grain corridor
Ministers at the port of Vela. / AFP
March 4, 2024

Ministers agreed on Monday to extend the grain corridor for a year, officials said.

RelatedNorth Star News - What the corridor means for prices

Exports have risen by a third since the corridor opened in June.

RelatedNorth Star News - Farmers wait for rain
SOURCE: AFP`,
			title: "Ministers agree on grain corridor", source: "North Star News", published: "2024-03-04",
			textHas: "Exports have risen", textHasNot: "AFP",
		},
		{
			name: "publisher source line, labelled date, byline",
			dump: `Court delays ruling on dam project
By Ivo Novak and Sara Kim
Published: 12 June 2023, 14:05 GMT

The court delayed its ruling on the dam project on Friday, saying it needed more time to study the reports.

The company said it would wait for the decision before starting work.

Source: Valley Courier`,
			title: "Court delays ruling on dam project", source: "Valley Courier", author: "Ivo Novak and Sara Kim",
			published: "2023-06-12", textHas: "The company said",
		},
		{
			name: "date inside a sentence is not the publication date",
			dump: `The minister resigned on May 11, 2024 after the report was published, her office said.

The report, released on April 30, 2024, found serious failures in the ministry's oversight.`,
			textHas: "released on April 30, 2024",
		},
		{
			name: "section label glued to the repeated headline",
			dump: `WorldVolcano erupts near capital, thousands evacuated

Volcano erupts near capital, thousands evacuated

The volcano erupted early on Sunday, sending ash over the capital.

Images source: © Field Photo | Press Agency`,
			title: "Volcano erupts near capital, thousands evacuated", textHas: "The volcano erupted", textHasNot: "Images source",
		},
		{
			name: "copyright notice names the publisher; a photo credit with © does not",
			dump: `Bridge reopens after repairs

Images source: © Field Photo Agency

The bridge reopened on Friday after six months of repairs, the city said.

© 2024 Valley Courier. All rights reserved.`,
			title: "Bridge reopens after repairs", source: "Valley Courier", textHasNot: "rights reserved",
		},
		{
			name: "wire agency copyright is not the publisher",
			dump: `The bridge reopened on Friday after six months of repairs, the city said.

Copyright 2024 The Associated Press. All rights reserved.`,
			textHas: "The bridge reopened",
		},
		{
			name: "menu above a headline printed once",
			dump: `Home
World
Business
Sport
Dam project wins final approval from regional court
Written by Ola Berg
Tuesday, 9 January 2024

The regional court gave final approval to the dam project on Tuesday, ending a legal fight that lasted six years.

Work will begin in the spring, the builder said.`,
			title: "Dam project wins final approval from regional court", author: "Ola Berg", published: "2024-01-09",
			textHas: "Work will begin", textHasNot: "Sport",
		},
		{
			name: "no headline when the page opens with prose",
			dump: `Skip to content
Mayor Ana Lopes opens the new library on Feb. 3, 2024. (Contributor/Getty Images)

The new library opened on Saturday with 40,000 books and a cafe, the city said.

Library to extend opening hours in summer, mayor says
The mayor said the library would stay open until 10 p.m. in July and August so that students can

Enter your email to subscribe
* indicates required`,
			textHas: "The new library opened", textHasNot: "extend opening hours",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := FromText(tc.dump)
			if p.Title != tc.title {
				t.Errorf("title = %q, want %q", p.Title, tc.title)
			}
			if p.Source != tc.source {
				t.Errorf("source = %q, want %q", p.Source, tc.source)
			}
			if p.Author != tc.author {
				t.Errorf("author = %q, want %q", p.Author, tc.author)
			}
			pub := ""
			if !p.Published.IsZero() {
				pub = p.Published.Format("2006-01-02")
			}
			if pub != tc.published {
				t.Errorf("published = %q, want %q", pub, tc.published)
			}
			if tc.textHas != "" && !strings.Contains(p.Text, tc.textHas) {
				t.Errorf("text lacks %q:\n%s", tc.textHas, p.Text)
			}
			if tc.textHasNot != "" && strings.Contains(p.Text, tc.textHasNot) {
				t.Errorf("text keeps %q:\n%s", tc.textHasNot, p.Text)
			}
		})
	}
}

func TestFurnitureLines(t *testing.T) {
	furniture := []string{
		"Skip to content", "Show More", "Read more", "READ MORE", "5 min read", "12 minute read",
		"10:48 AM", "9:05 pm GMT", "2 hours ago", "This audio is created with AI assistance",
		"This article was generated with the help of AI", "* indicates required",
		"Enter your email to subscribe", "Please, enter correct email address",
		"Thank you for signing up for this newsletter.", "Sign up for our daily briefing newsletter",
		"Share on Facebook", "Share this article", "Tweet | Email | Print", "Subscribe",
		"Advertisement", "Images source: © Agency | Other Agency", "Photo: Some Agency",
		"A woman walks past the damaged building. (Photo by Ann Lee/AFP)",
		"Rescue workers at the site on Monday. (Contributor/Getty Images)",
		"The minister at a press conference. / Reuters", "Read more: Storm hits the coast",
		"RelatedSome News - Storm hits the coast", "Whatsapp Facebook Pint Baixar", "Facebook | X | LinkedIn | Email",
	}
	for _, s := range furniture {
		c := clean([]string{s, "", "The storm hit the coast on Monday night and cut power to thousands of homes, officials said."}, cleanOptions{})
		if !c.lines[0].drop {
			t.Errorf("%q kept; want it dropped as furniture", s)
		}
	}
	article := []string{
		`"We will not give up," she said.`,
		"The talks will resume at 10:48 AM on Monday, the ministry said.",
		"Read the report, he said, and you will see the problem.",
		"Share prices fell by 3% on Monday after the announcement.",
		"Subscribers to the service will pay more from June, the company said.",
		"The Environmental Protection Agency (EPA) said the water was safe.",
		"Ukraine proposes a ceasefire",
		"Facebook and Twitter",
		"Facebook, Google and Twitter were fined",
	}
	for _, s := range article {
		c := clean([]string{"The storm hit the coast on Monday night and cut power to thousands of homes, officials said.", "", s, "", "Officials expect repairs to take a week."}, cleanOptions{})
		if c.lines[2].drop {
			t.Errorf("%q dropped as %s; it is article text", s, c.lines[2].why)
		}
	}
}

func TestDateLine(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"August 27, 2025", "2025-08-27"},
		{"Aug. 27, 2025 10:48 AM", "2025-08-27"},
		{"Wednesday, August 27, 2025", "2025-08-27"},
		{"27 August 2025 | 14:05 GMT", "2025-08-27"},
		{"Published: 2025-08-27", "2025-08-27"},
		{"Updated 27.08.2025 12:00", "2025-08-27"},
		{"2025-08-27T10:00:00+03:00", "2025-08-27"},
		{"February 30, 2025", ""},
		{"The talks began on August 27, 2025 in Geneva.", ""},
		{"August 2025", ""},
		{"10:48 AM", ""},
	}
	for _, tc := range tests {
		d, ok := dateLine(tc.in)
		got := ""
		if ok {
			got = d.Format("2006-01-02")
		}
		if got != tc.want {
			t.Errorf("dateLine(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestFromTextEmptyAndFurnitureOnly(t *testing.T) {
	if p := FromText(""); p != (Page{}) {
		t.Errorf("FromText(\"\") = %+v", p)
	}
	p := FromText("Skip to content\nSubscribe\n* indicates required\n")
	if p.Text != "" {
		t.Errorf("furniture-only dump gave text %q", p.Text)
	}
	// CRLF and no-break spaces: lines split, title spaces normalised, the
	// text itself kept as written.
	p = FromText("Port opens\u00a0new terminal today\r\n\r\nThe port opened a\u00a0new terminal on Monday, the operator said.\r\n")
	if p.Title != "Port opens new terminal today" {
		t.Errorf("title = %q", p.Title)
	}
	if p.Text != "The port opened a\u00a0new terminal on Monday, the operator said." {
		t.Errorf("text = %q", p.Text)
	}
	_ = time.UTC
}

func TestNormSpace(t *testing.T) {
	for in, want := range map[string]string{
		"":                  "",
		"a b":               "a b",
		" a  b ":            "a b",
		"a\u00a0b":          "a b",
		"a\tb\nc":           "a b c",
		"a ":                "a",
		"plain ascii line.": "plain ascii line.",
		"café  au lait":     "café au lait",
	} {
		if got := normSpace(in); got != want {
			t.Errorf("normSpace(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestFromTextSingleHeadline: a headline printed once, under a masthead of
// brand, tagline and menu lines, is found; a brand, a tagline, a menu or
// the first lines of the article are never taken for it.
func TestFromTextSingleHeadline(t *testing.T) {
	tests := []struct {
		name, dump, title, textHas string
		textHasNot                 []string // the masthead above the headline
	}{
		{"brand and menu above, byline below", `Skip to content
The Harbour Ledger
World
Politics
Business
Norvalia accuses Estmark of "holding a river hostage" as Brenna Dam gates stay shut

By Marit Solberg, The Harbour Ledger
Published March 3, 2026

Norvalian Prime Minister Helena Vask on Tuesday accused neighbouring Estmark of using the Brenna Dam to squeeze farmers downstream.`,
			`Norvalia accuses Estmark of "holding a river hostage" as Brenna Dam gates stay shut`, "Norvalian Prime Minister", []string{"Harbour Ledger", "Politics"}},
		{"brand and tagline above", `The Valley Courier
Local news for Port Calden and the Sorrel valley
Tram drivers in Port Calden to strike on March 9 after pay talks fail

By Nadia Brook, The Valley Courier
Published March 2, 2026

Tram drivers in Port Calden will walk out for 24 hours on March 9, their union said on Monday.`,
			"Tram drivers in Port Calden to strike on March 9 after pay talks fail", "walk out for 24 hours", []string{"Valley Courier", "Local news"}},
		{"brand in capitals and a one-line menu", `NORTHGATE WIRE
Home | World | Markets | Opinion
Vask: "Water is not a weapon" in dam row with Estmark

By Tobias Renn, Northgate Wire
March 3, 2026

LINDHOLM — The row over the Brenna Dam escalated on Tuesday.`,
			`Vask: "Water is not a weapon" in dam row with Estmark`, "LINDHOLM", []string{"NORTHGATE", "Markets"}},
		{"question headline over a date line", `Circuit & State
Will the dam hold through the spring floods?
4 March 2026

Engineers inspected the Brenna Dam on Wednesday and found two new cracks in the eastern gate.`,
			"Will the dam hold through the spring floods?", "Engineers inspected", []string{"Circuit"}},
		{"no byline: the one headline above the prose", `Circuit & State
Norvalia's data centre law will make operators report every litre of water

Norvalia will require large data centres to publish how much water and electricity they use each month.`,
			"Norvalia's data centre law will make operators report every litre of water", "Norvalia will require", []string{"Circuit"}},
		{"a caption under the byline is not the headline", `The Harbour Ledger
Ferry timetable changes from April across the northern routes
By Marit Solberg
Passengers boarding the morning ferry at Lindholm harbour

The ferry company will cut two of its four daily crossings from April, it said on Monday.`,
			"Ferry timetable changes from April across the northern routes", "The ferry company", nil},
		{"hard-wrapped first paragraph is not a headline", `The mayor of Port Calden said on Monday that the city would
buy forty new trams by 2028, in a deal worth 90 million euros.

The council will vote on the plan in May.`,
			"", "buy forty new trams", nil},
		{"several candidates and no byline: none", `The Valley Courier
Local news for Port Calden and the Sorrel valley
Tram drivers in Port Calden to strike on March 9 after pay talks fail
Passengers wait at a tram stop in the city centre

Tram drivers in Port Calden will walk out for 24 hours on March 9, their union said on Monday.`,
			"", "walk out for 24 hours", nil},
		{"brand only, then the article", `The Valley Courier
By Nadia Brook, The Valley Courier

Tram drivers in Port Calden will walk out for 24 hours on March 9, their union said on Monday.`,
			"", "walk out for 24 hours", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := FromText(tc.dump)
			if p.Title != tc.title {
				t.Errorf("title = %q, want %q", p.Title, tc.title)
			}
			if !strings.Contains(p.Text, tc.textHas) {
				t.Errorf("text lacks %q:\n%s", tc.textHas, p.Text)
			}
			if tc.title != "" && strings.Contains(p.Text, tc.title) {
				t.Errorf("title left in the text:\n%s", p.Text)
			}
			for _, s := range tc.textHasNot {
				if strings.Contains(p.Text, s) {
					t.Errorf("text keeps %q:\n%s", s, p.Text)
				}
			}
		})
	}
}
