package commands

import (
	"context"
	"net/url"
	"strings"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/store"
)

var searchSpec = bot.CommandSpec{
	Name:        "search",
	Description: "Search articles and quotes, best matches first",
	Options: []bot.OptionSpec{
		{Name: "query", Description: "Words to look for", Type: bot.OptionString, Required: true, MaxLength: 200},
	},
}

// searchPerPage is per list: a page shows this many articles and quotes.
const searchPerPage = 4

func (h *handlers) search(ctx context.Context, opts url.Values, page int) (result, error) {
	query := opt(opts, "query", "q")
	if query == "" {
		return result{}, bot.Userf("Give some words to search for.")
	}
	page = max(page, 1)
	res, err := h.store.Search(ctx, query, (page-1)*searchPerPage, searchPerPage)
	if err != nil {
		return result{}, err
	}
	total := max(res.TotalArticles, res.TotalQuotes)
	page, pages, _ := pageOf(page, searchPerPage, total)
	e := bot.Embed{Title: "Search: " + esc(query, 200), Color: colorSearch}
	if len(store.MatchQuery(query)) == 0 {
		e.Description = "The query has no words to search for."
	} else {
		e.Description = plural(res.TotalArticles, "article", "articles") + " and " +
			plural(res.TotalQuotes, "report", "reports") + " of quotes match, best first."
	}
	for _, a := range res.Articles {
		e.Fields = append(e.Fields, bot.EmbedField{
			Name: "📰 " + esc(a.Title, 200),
			Value: highlight(a.Snippet, snippetBudget) + "\n" + link(outletText(a.Outlet)+", "+day(a.Published), a.URL) +
				" · " + store.FormatID(a.ID),
		})
	}
	for _, q := range res.Quotes {
		e.Fields = append(e.Fields, quoteField(q.QuoteGroup, true, highlight(q.Snippet, snippetBudget)))
	}
	e.Footer = footer(pageNote(page, pages))
	return result{reply: bot.Reply{Embeds: []bot.Embed{e}}, state: url.Values{"q": {strings.TrimSpace(query)}}, pages: pages}, nil
}
