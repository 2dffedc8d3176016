package commands

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/store"
)

var quotesSpec = bot.CommandSpec{
	Name:        "quotes",
	Description: "A speaker's quotes, newest first, with the outlets that reported them",
	Options: []bot.OptionSpec{
		{Name: "speaker", Description: "Who said it (name, surname or any spelling)", Type: bot.OptionString, Required: true, Autocomplete: true, MaxLength: 100},
		{Name: "topic", Description: "Only quotes about these words", Type: bot.OptionString, MaxLength: 200},
		{Name: "since", Description: "Only quotes first reported since a date (2025-05-01) or a time ago (7d, 2w, 3m)", Type: bot.OptionString, MaxLength: 20},
		{Name: "outlet", Description: "Only quotes reported by this outlet", Type: bot.OptionString, MaxLength: 100},
	},
}

// quotesPerPage fits five quotes with their sources in one embed.
const quotesPerPage = 5

// opt reads an option by its name or by its short name in a paging state.
func opt(opts url.Values, name, short string) string {
	if v := opts.Get(name); v != "" {
		return strings.TrimSpace(v)
	}
	return strings.TrimSpace(opts.Get(short))
}

func (h *handlers) quotes(ctx context.Context, opts url.Values, page int) (result, error) {
	input := opt(opts, "speaker", "s")
	m, err := h.resolveSpeaker(ctx, input)
	if err != nil {
		return result{}, err
	}
	since, err := parseSince(opt(opts, "since", "d"), h.now())
	if err != nil {
		return result{}, err
	}
	q := store.QuoteQuery{
		Topic:  opt(opts, "topic", "t"),
		Since:  since,
		Outlet: opt(opts, "outlet", "o"),
		Limit:  quotesPerPage,
	}
	state := func(id int64) url.Values {
		st := url.Values{"s": {store.FormatID(id)}}
		if q.Topic != "" {
			st.Set("t", q.Topic)
		}
		if !since.IsZero() {
			st.Set("d", since.Format(time.DateOnly))
		}
		if q.Outlet != "" {
			st.Set("o", q.Outlet)
		}
		return st
	}
	if m.candidates != nil {
		return result{reply: ambiguousReply("quotes", input, m, func(id int64) string {
			return "quotes:" + h.states.encode("quotes", state(id), 1) + ":1"
		})}, nil
	}
	sp := m.speaker
	q.SpeakerID = sp.ID
	q.Offset = (max(page, 1) - 1) * quotesPerPage
	res, err := h.store.QuotesBySpeaker(ctx, q)
	if err != nil {
		return result{}, err
	}
	total := res.Total
	if total < 0 && q.Topic == "" && since.IsZero() && q.Outlet == "" {
		// Not counted by the store (a much quoted speaker); the
		// directory knows how many distinct quotes they have.
		total = sp.Quotes
	}
	pages := 0 // not known
	if total >= 0 {
		page, pages, q.Offset = pageOf(page, quotesPerPage, total)
		if len(res.Quotes) == 0 && total > 0 {
			// Asked past the end (the corpus changed since the button
			// was made): show the last page.
			if res, err = h.store.QuotesBySpeaker(ctx, q); err != nil {
				return result{}, err
			}
		}
	} else if len(res.Quotes) == 0 && page > 1 {
		return result{}, bot.Userf("There are no more quotes; run /quotes again.")
	}

	var filters []string
	if q.Topic != "" {
		filters = append(filters, "about “"+esc(q.Topic, 100)+"”")
	}
	if !since.IsZero() {
		filters = append(filters, "since "+day(since))
	}
	if q.Outlet != "" {
		filters = append(filters, "reported by “"+esc(q.Outlet, 60)+"”")
	}
	e := bot.Embed{
		Title: "Quotes by " + esc(sp.Name, 200),
		Color: colorQuotes,
	}
	desc := []string{}
	if sp.Role != "" {
		desc = append(desc, esc(sp.Role, 100))
	}
	switch {
	case total < 0:
		line := "Quotes"
		if len(filters) > 0 {
			line += " " + strings.Join(filters, ", ")
		}
		desc = append(desc, line+", newest first.")
	case total == 0 && len(filters) > 0:
		desc = append(desc, "No quotes "+strings.Join(filters, ", ")+".")
	case total == 0:
		desc = append(desc, "No quotes.")
	default:
		line := plural(total, "quote", "quotes")
		if len(filters) > 0 {
			line += " " + strings.Join(filters, ", ")
		}
		desc = append(desc, line+", newest first.")
	}
	e.Description = strings.Join(desc, "\n")
	for _, g := range res.Quotes {
		e.Fields = append(e.Fields, quoteField(g, false, ""))
	}
	if pages == 0 {
		e.Footer = footer(fmt.Sprintf("Page %d", page), "speaker "+store.FormatID(sp.ID))
		return result{reply: bot.Reply{Embeds: []bot.Embed{e}}, state: state(sp.ID), openEnded: true, more: res.More}, nil
	}
	e.Footer = footer(pageNote(page, pages), "speaker "+store.FormatID(sp.ID))
	return result{reply: bot.Reply{Embeds: []bot.Embed{e}}, state: state(sp.ID), pages: pages}, nil
}

// parseSince reads "2025-05-01", "2025-05" or a time ago: "7d", "2w",
// "3m", "1y" (days, weeks, months, years before now).
func parseSince(s string, now time.Time) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{time.DateOnly, "2006-01", "2006/01/02", "02.01.2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	bad := bot.Userf("'%s' is not a date: use a date like 2025-05-01 or a time ago like 7d, 2w, 3m or 1y.", echo(s))
	s = strings.ToLower(strings.ReplaceAll(s, " ", ""))
	if len(s) < 2 {
		return time.Time{}, bad
	}
	n, err := strconv.Atoi(s[:len(s)-1])
	if err != nil || n < 0 || n > 100*366 {
		return time.Time{}, bad
	}
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	switch s[len(s)-1] {
	case 'd':
		return today.AddDate(0, 0, -n), nil
	case 'w':
		return today.AddDate(0, 0, -7*n), nil
	case 'm':
		return today.AddDate(0, -n, 0), nil
	case 'y':
		return today.AddDate(-n, 0, 0), nil
	}
	return time.Time{}, bad
}
