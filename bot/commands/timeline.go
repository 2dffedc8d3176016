package commands

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/briefbot/briefbot/bot"
)

var timelineSpec = bot.CommandSpec{
	Name:        "timeline",
	Description: "Dated events about a topic, in date order, with their sources",
	Options: []bot.OptionSpec{
		{Name: "topic", Description: "What the events are about", Type: bot.OptionString, Required: true, MaxLength: 200},
	},
}

const eventsPerPage = 8

func (h *handlers) timeline(ctx context.Context, opts url.Values, page int) (result, error) {
	topic := opt(opts, "topic", "t")
	if topic == "" {
		return result{}, bot.Userf("Give a topic, for example `topic: peacekeepers`.")
	}
	page = max(page, 1)
	events, total, err := h.store.Timeline(ctx, topic, (page-1)*eventsPerPage, eventsPerPage)
	if err != nil {
		return result{}, err
	}
	page, pages, _ := pageOf(page, eventsPerPage, total)
	e := bot.Embed{Title: "Timeline: " + esc(topic, 200), Color: colorTimeline}
	var lines []string
	if total == 0 {
		lines = append(lines, "No dated events about this in the corpus.")
	} else {
		lines = append(lines, plural(total, "dated event", "dated events")+", in date order.")
	}
	for _, ev := range events {
		var src []string
		for i, s := range ev.Sources {
			if i == maxSourcesPerItem {
				src = append(src, fmt.Sprintf("%d more", len(ev.Sources)-i))
				break
			}
			src = append(src, link(outletText(s.Outlet), s.URL))
		}
		when := "**" + day(ev.Date) + "**"
		if ev.YearInferred {
			// The article printed neither the year nor its own date.
			when += " (year inferred)"
		}
		lines = append(lines, when+" — "+esc(ev.Text, eventTextBudget)+"\n"+strings.Join(src, ", "))
	}
	e.Description = strings.Join(lines, "\n\n")
	e.Footer = footer(pageNote(page, pages))
	return result{reply: bot.Reply{Embeds: []bot.Embed{e}}, state: url.Values{"t": {topic}}, pages: pages}, nil
}
