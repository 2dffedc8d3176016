package commands

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/render"
	"github.com/briefbot/briefbot/store"
)

var (
	speakersSpec = bot.CommandSpec{
		Name:        "speakers",
		Description: "Speakers with how often they are quoted",
		Options: []bot.OptionSpec{
			{Name: "query", Description: "Only speakers matching this name", Type: bot.OptionString, Autocomplete: true, MaxLength: 100},
		},
	}
	sourcesSpec = bot.CommandSpec{Name: "sources", Description: "Outlets in the corpus with their number of articles"}
	statsSpec   = bot.CommandSpec{Name: "stats", Description: "What the corpus holds"}
)

const (
	speakersPerPage = 10
	sourcesPerPage  = 20
	maxSpeakerMatch = 50
)

func (h *handlers) speakerList(ctx context.Context, opts url.Values, page int) (result, error) {
	dir, err := h.speakers.Directory(ctx)
	if err != nil {
		return result{}, err
	}
	query := opt(opts, "query", "q")
	stats := dir.Stats
	title := "Speakers"
	if query != "" {
		title = "Speakers matching “" + esc(query, 200) + "”"
		stats = nil
		if id, ok := store.ParseID(query); ok && strings.HasPrefix(query, "#") {
			if st, ok := dir.Stat(id); ok {
				stats = append(stats, st)
			}
		} else {
			for _, c := range dir.Lookup(query, maxSpeakerMatch) {
				st, _ := dir.Stat(c.ID)
				stats = append(stats, st)
			}
		}
	}
	page, pages, offset := pageOf(page, speakersPerPage, len(stats))
	e := bot.Embed{Title: render.Truncate(title, render.MaxEmbedTitle), Color: colorList}
	var lines []string
	if len(stats) == 0 {
		lines = append(lines, "No speakers.")
	} else {
		lines = append(lines, plural(len(stats), "speaker", "speakers")+", most quoted first.")
	}
	for _, st := range stats[offset:min(len(stats), offset+speakersPerPage)] {
		line := "**" + esc(st.Name, 100) + "**"
		if st.Role != "" {
			line += " — " + esc(st.Role, 80)
		}
		if st.Org {
			line += " (organisation)"
		}
		line += fmt.Sprintf("\n%s in %s · `%s`", plural(st.Quotes, "quote", "quotes"),
			plural(st.Articles, "article", "articles"), store.FormatID(st.ID))
		if len(st.Aliases) > 0 {
			var al []string
			for i, a := range st.Aliases {
				if i == 5 {
					al = append(al, fmt.Sprintf("%d more", len(st.Aliases)-i))
					break
				}
				al = append(al, esc(a, 60))
			}
			line += "\nalso: " + strings.Join(al, ", ")
		}
		lines = append(lines, line)
	}
	e.Description = strings.Join(lines, "\n\n")
	e.Footer = footer(pageNote(page, pages))
	state := url.Values{}
	if query != "" {
		state.Set("q", query)
	}
	return result{reply: bot.Reply{Embeds: []bot.Embed{e}}, state: state, pages: pages}, nil
}

func (h *handlers) sources(ctx context.Context, _ url.Values, page int) (result, error) {
	page = max(page, 1)
	src, total, err := h.store.Sources(ctx, (page-1)*sourcesPerPage, sourcesPerPage)
	if err != nil {
		return result{}, err
	}
	page, pages, _ := pageOf(page, sourcesPerPage, total)
	e := bot.Embed{Title: "Sources", Color: colorList}
	lines := []string{plural(total, "outlet", "outlets") + ", most articles first."}
	if total == 0 {
		lines = []string{"No outlets yet: the corpus is empty."}
	}
	for _, s := range src {
		name := esc(s.Outlet, 100)
		if name == "" {
			name = "(outlet not given)"
		}
		line := "**" + name + "** — " + plural(s.Articles, "article", "articles")
		if !s.Latest.IsZero() {
			line += ", latest " + day(s.Latest)
		}
		lines = append(lines, line)
	}
	e.Description = strings.Join(lines, "\n")
	e.Footer = footer(pageNote(page, pages))
	return result{reply: bot.Reply{Embeds: []bot.Embed{e}}, state: url.Values{}, pages: pages}, nil
}

func (h *handlers) stats(ctx context.Context, _ url.Values, _ int) (result, error) {
	st, err := h.store.Stats(ctx)
	if err != nil {
		return result{}, err
	}
	field := func(name string, n int) bot.EmbedField {
		return bot.EmbedField{Name: name, Value: fmt.Sprint(n), Inline: true}
	}
	e := bot.Embed{Title: "Corpus", Color: colorList, Fields: []bot.EmbedField{
		field("Articles", st.Articles),
		field("Outlets", st.Outlets),
		field("Stories", st.Stories),
		field("Quotes", st.Quotes),
		field("Reports of quotes", st.Reports),
		field("Speakers", st.Speakers),
		field("Dated events", st.Events),
		field("Documents", st.Documents),
	}}
	if !st.First.IsZero() {
		e.Fields = append(e.Fields, bot.EmbedField{Name: "Published", Value: day(st.First) + " to " + day(st.Last)})
	}
	return result{reply: bot.Reply{Embeds: []bot.Embed{e}}}, nil
}
