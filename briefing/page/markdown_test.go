package page

import (
	"strings"
	"testing"
)

func TestFromMarkdown(t *testing.T) {
	md := "# Rail line to reopen after *two-year* closure\n\n" +
		"![The station](https://example.org/station.jpg)\n\n" +
		"By Lena Fox\n\n" +
		"The coastal rail line will reopen in **September**, the\n" +
		"operator [said on Monday](https://example.org/statement \"statement\").\n\n" +
		"> \"We are proud of the work,\" chief engineer _Omar Said_ said.\n\n" +
		"## What changes\n\n" +
		"- Trains every 30 minutes\n" +
		"* New stations at `Bay Road` and Hill\n" +
		"1. Tickets from \\*£5\\*\n\n" +
		"| Day | Trains |\n|---|---|\n| Monday | 40 |\n\n" +
		"---\n\n" +
		"Share this article\n\n" +
		"[ref]: https://example.org/ref\n"
	p := FromMarkdown(md)
	if p.Title != "Rail line to reopen after two-year closure" {
		t.Errorf("title = %q", p.Title)
	}
	if p.Author != "Lena Fox" {
		t.Errorf("author = %q", p.Author)
	}
	want := []string{
		"The coastal rail line will reopen in September, the operator said on Monday.",
		`"We are proud of the work," chief engineer Omar Said said.`,
		"What changes",
		"Trains every 30 minutes",
		"New stations at Bay Road and Hill",
		"Tickets from *£5*",
		"Day | Trains",
		"Monday | 40",
	}
	got := strings.Split(p.Text, "\n\n")
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("paragraphs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestMarkdownInline(t *testing.T) {
	tests := map[string]string{
		"**bold** and __strong__":               "bold and strong",
		"*em* and _em_ but snake_case_name":     "em and em but snake_case_name",
		"a [link](http://x.org/a_(b)) here":     "a link here",
		"see [this][1] and ![img](x.png) there": "see this and  there",
		"~~old~~ new `code`":                    "old new code",
		"2 * 3 * 4 = 24":                        "2 * 3 * 4 = 24",
		"<b>tag</b> text<br/>":                  "tag text",
		"note[^1] here":                         "note here",
	}
	for in, want := range tests {
		if got := mdInline(in); got != want {
			t.Errorf("mdInline(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMarkdownSetextAndFence(t *testing.T) {
	md := "Council backs new park plan\n===========================\n\n" +
		"The council backed the plan for a new park by the river on Thursday, officials said.\n\n" +
		"```\nraw *text* kept\n```\n"
	p := FromMarkdown(md)
	if p.Title != "Council backs new park plan" {
		t.Errorf("title = %q", p.Title)
	}
	if !strings.Contains(p.Text, "raw *text* kept") {
		t.Errorf("fenced code changed: %q", p.Text)
	}
}
