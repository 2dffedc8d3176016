package commands

import (
	"context"
	"net/url"
	"strings"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/render"
)

var whosaidSpec = bot.CommandSpec{
	Name:        "whosaid",
	Description: "Who said a phrase, where and when",
	Options: []bot.OptionSpec{
		{Name: "text", Description: "Words of the quote", Type: bot.OptionString, Required: true, MaxLength: 300},
	},
}

func (h *handlers) whosaid(ctx context.Context, opts url.Values, page int) (result, error) {
	text := opt(opts, "text", "q")
	if text == "" {
		return result{}, bot.Userf("Give some words of the quote, for example `text: military infrastructure`.")
	}
	hits, total, err := h.store.WhoSaid(ctx, text, (max(page, 1)-1)*quotesPerPage, quotesPerPage)
	if err != nil {
		return result{}, err
	}
	page, pages, _ := pageOf(page, quotesPerPage, total)
	e := bot.Embed{Title: "Who said “" + esc(text, 200) + "”", Color: colorQuotes}
	switch {
	case total == 0:
		e.Description = "No quote in the corpus holds these words."
	default:
		e.Description = plural(total, "quote holds", "quotes hold") + " these words; exact phrases first."
	}
	for _, hit := range hits {
		f := quoteField(hit.QuoteGroup, true, "")
		if !hit.Exact {
			f.Name = render.Truncate(f.Name+" · all words, not as a phrase", render.MaxFieldName)
		}
		e.Fields = append(e.Fields, f)
	}
	e.Footer = footer(pageNote(page, pages))
	return result{reply: bot.Reply{Embeds: []bot.Embed{e}}, state: url.Values{"q": {strings.TrimSpace(text)}}, pages: pages}, nil
}
