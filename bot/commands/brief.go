package commands

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/render"
	"github.com/briefbot/briefbot/store"
)

var briefSpec = bot.CommandSpec{
	Name:        "brief",
	Description: "A briefing on one article: summary, key quotes, people, and who else covered it",
	Options: []bot.OptionSpec{
		{Name: "article", Description: "Article id (#12) or words of its title; default: the latest", Type: bot.OptionString, MaxLength: 200},
		{Name: "topic", Description: "Brief the article that best matches these words", Type: bot.OptionString, MaxLength: 200},
	},
}

const keyQuotes = 5

func (h *handlers) brief(ctx context.Context, opts url.Values, _ int) (result, error) {
	art, also, err := h.pickArticle(ctx, opt(opts, "article", "a"), opt(opts, "topic", "t"))
	if err != nil {
		return result{}, err
	}
	b, err := h.store.Briefing(ctx, art.ID, keyQuotes)
	if err != nil {
		return result{}, err
	}
	a := b.Article
	e := bot.Embed{
		Title:       esc(a.Title, render.MaxEmbedTitle),
		URL:         safeURL(a.URL),
		Description: outletName(a.Outlet) + " · " + day(a.Published),
		Color:       colorBrief,
	}
	if a.Summary != "" {
		e.Description += "\n\n" + esc(a.Summary, summaryBudget)
	}
	for _, g := range b.KeyQuotes {
		who := speakerLabel(g.Speaker, g.Role)
		e.Fields = append(e.Fields, bot.EmbedField{
			Name:  render.Truncate(who, render.MaxFieldName),
			Value: quoteText(g.Kind, esc(g.Text, quoteTextBudget)) + reportedBy(g, a.ID),
		})
	}
	if more := b.Quotes - len(b.KeyQuotes); more > 0 && len(b.KeyQuotes) > 0 {
		e.Fields = append(e.Fields, bot.EmbedField{Name: "More quotes", Value: plural(more, "more quote", "more quotes") + " in this article."})
	}
	if len(b.People) > 0 {
		e.Fields = append(e.Fields, bot.EmbedField{Name: "People", Value: refList(b.People)})
	}
	if len(b.Orgs) > 0 {
		e.Fields = append(e.Fields, bot.EmbedField{Name: "Organisations", Value: refList(b.Orgs)})
	}
	if len(b.Coverage) > 0 {
		var lines []string
		for i, s := range b.Coverage {
			if i == 8 {
				lines = append(lines, fmt.Sprintf("…and %d more", len(b.Coverage)-i))
				break
			}
			lines = append(lines, sourceLine(s))
		}
		e.Fields = append(e.Fields, bot.EmbedField{Name: "Also covered by", Value: strings.Join(lines, "\n")})
	}
	var alsoIDs []string
	for _, o := range also {
		alsoIDs = append(alsoIDs, store.FormatID(o.ID))
	}
	note := ""
	if len(alsoIDs) > 0 {
		note = "also matching: " + strings.Join(alsoIDs, ", ")
	}
	e.Footer = footer("article "+store.FormatID(a.ID), note)
	return result{reply: bot.Reply{Embeds: []bot.Embed{e}}}, nil
}

// reportedBy says which other outlets reported the same quote.
func reportedBy(g store.QuoteGroup, articleID int64) string {
	var others []string
	for _, s := range g.Sources {
		if s.ArticleID != articleID {
			others = append(others, outletName(s.Outlet))
		}
	}
	if len(others) == 0 {
		return ""
	}
	if len(others) > 3 {
		others = append(others[:3], fmt.Sprintf("%d more", len(others)-3))
	}
	return "\nalso reported by " + strings.Join(others, ", ")
}

func refList(refs []store.SpeakerRef) string {
	var parts []string
	for i, r := range refs {
		if i == 15 {
			parts = append(parts, fmt.Sprintf("and %d more", len(refs)-i))
			break
		}
		parts = append(parts, speakerLabel(r.Name, r.Role))
	}
	return strings.Join(parts, "; ")
}

// pickArticle finds the article to brief: by id, by title words, by
// topic, or the latest; also the next best matches, for the footer.
func (h *handlers) pickArticle(ctx context.Context, article, topic string) (store.ArticleInfo, []store.ArticleInfo, error) {
	if id, ok := store.ParseID(article); ok {
		a, err := h.store.Article(ctx, id)
		if errors.Is(err, store.ErrNotFound) {
			return a, nil, bot.Userf("There is no article %s.", store.FormatID(id))
		}
		return a, nil, err
	}
	words := strings.TrimSpace(article + " " + topic)
	if words == "" {
		a, err := h.store.LatestArticle(ctx)
		if errors.Is(err, store.ErrNotFound) {
			return a, nil, bot.Userf("The corpus is empty: add articles first.")
		}
		return a, nil, err
	}
	found, err := h.store.FindArticles(ctx, words, 4)
	if err != nil {
		return store.ArticleInfo{}, nil, err
	}
	if len(found) == 0 {
		return store.ArticleInfo{}, nil, bot.Userf("No article matches '%s'.", echo(words))
	}
	return found[0], found[1:], nil
}
