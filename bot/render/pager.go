package render

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/briefbot/briefbot/bot"
)

// Labels of the paging buttons; the console matches them for "next"/"prev".
const (
	PrevLabel = "◀ Prev"
	NextLabel = "Next ▶"
)

// Pager makes the paging buttons for page (1-based) of pages: "◀ Prev",
// a disabled "Page 2/5" and "Next ▶", the ends disabled on the first and
// last pages. It returns nil when there is one page or fewer, or when the
// custom_id would not fit Discord's 100 characters (see MaxPagerState).
//
// Custom id format: "<command>:<state>:<page>", where <page> is the page
// the button shows when pressed (1-based, decimal). The router routes a
// press by the text before the first ":", and ParsePage splits the rest at
// the last ":", so <state> may itself contain ":" (for example
// "speaker=12:topic=nato"). The disabled buttons use pages 0 and pages+1,
// and the indicator "<command>:<state>:p<page>", to keep ids unique.
func Pager(command, state string, page, pages int) []bot.ActionRow {
	if pages <= 1 {
		return nil
	}
	page = min(max(page, 1), pages)
	id := func(p string) string { return command + ":" + state + ":" + p }
	if Len(id("p"+strconv.Itoa(pages+1))) > MaxCustomID {
		return nil
	}
	return []bot.ActionRow{{Type: componentActionRow, Buttons: []bot.Button{
		{Type: componentButton, Style: StyleSecondary, Label: PrevLabel, CustomID: id(strconv.Itoa(page - 1)), Disabled: page == 1},
		{Type: componentButton, Style: StyleSecondary, Label: fmt.Sprintf("Page %d/%d", page, pages), CustomID: id("p" + strconv.Itoa(page)), Disabled: true},
		{Type: componentButton, Style: StyleSecondary, Label: NextLabel, CustomID: id(strconv.Itoa(page + 1)), Disabled: page == pages},
	}}}
}

// MaxPagerState is the longest state (in characters) Pager can carry for
// command with up to pages pages. Commands whose state could be longer
// (a free-text query) should store a short key instead.
func MaxPagerState(command string, pages int) int {
	return MaxCustomID - Len(command) - 2 - len("p"+strconv.Itoa(pages+1))
}

// ParsePage reads a custom id made by Pager. It fails for the disabled
// page indicator and for anything else not of the form
// "<command>:<state>:<page>" with a page of at least 1.
func ParsePage(customID string) (command, state string, page int, err error) {
	command, rest, ok := strings.Cut(customID, ":")
	i := strings.LastIndexByte(rest, ':')
	if !ok || command == "" || i < 0 {
		return "", "", 0, fmt.Errorf("custom id %q: want <command>:<state>:<page>", customID)
	}
	state, num := rest[:i], rest[i+1:]
	page, err = strconv.Atoi(num)
	if err != nil || page < 1 || strings.HasPrefix(num, "+") {
		return "", "", 0, fmt.Errorf("custom id %q: page %q is not a page number", customID, num)
	}
	return command, state, page, nil
}
