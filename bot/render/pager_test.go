package render

import (
	"strings"
	"testing"

	"github.com/briefbot/briefbot/bot"
)

func TestPager(t *testing.T) {
	if rows := Pager("quotes", "s", 1, 1); rows != nil {
		t.Errorf("one page: %+v, want no buttons", rows)
	}
	rows := Pager("quotes", "speaker=12:topic=nato", 1, 3)
	if len(rows) != 1 || len(rows[0].Buttons) != 3 {
		t.Fatalf("rows %+v", rows)
	}
	prev, info, next := rows[0].Buttons[0], rows[0].Buttons[1], rows[0].Buttons[2]
	if !prev.Disabled || next.Disabled || !info.Disabled || info.Label != "Page 1/3" {
		t.Errorf("buttons %+v", rows[0].Buttons)
	}
	cmd, state, page, err := ParsePage(next.CustomID)
	if err != nil || cmd != "quotes" || state != "speaker=12:topic=nato" || page != 2 {
		t.Errorf("ParsePage(%q) = %q, %q, %d, %v", next.CustomID, cmd, state, page, err)
	}
	if _, _, _, err := ParsePage(info.CustomID); err == nil {
		t.Errorf("ParsePage(%q) of the indicator succeeded", info.CustomID)
	}
	if err := Validate(bot.Reply{Content: "x", Components: rows, AllowedMentions: bot.AllowedMentions{Parse: []string{}}}); err != nil {
		t.Errorf("Validate: %v", err)
	}
	last := Pager("quotes", "s", 3, 3)[0].Buttons
	if last[0].Disabled || !last[2].Disabled {
		t.Errorf("last page buttons %+v", last)
	}
	if _, _, p, _ := ParsePage(last[0].CustomID); p != 2 {
		t.Errorf("prev of page 3 goes to %d", p)
	}

	long := strings.Repeat("s", MaxPagerState("search", 10))
	if Pager("search", long, 1, 10) == nil {
		t.Errorf("state of MaxPagerState characters refused")
	}
	if Pager("search", long+"s", 1, 10) != nil {
		t.Errorf("state over MaxPagerState accepted")
	}
}

func TestParsePageErrors(t *testing.T) {
	for _, id := range []string{"", "quotes", "quotes:5", ":s:1", "quotes:s:0", "quotes:s:-1", "quotes:s:x", "quotes:s:+2"} {
		if c, s, p, err := ParsePage(id); err == nil {
			t.Errorf("ParsePage(%q) = %q, %q, %d; want an error", id, c, s, p)
		}
	}
	if c, s, p, err := ParsePage("quotes::4"); err != nil || c != "quotes" || s != "" || p != 4 {
		t.Errorf("empty state: %q %q %d %v", c, s, p, err)
	}
}
