package commands

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/render"
	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/store"
)

// Embed colours, one per kind of answer.
const (
	colorQuotes   = 0x3B82F6
	colorBrief    = 0x10B981
	colorSearch   = 0xF59E0B
	colorTimeline = 0x8B5CF6
	colorList     = 0x64748B
)

// Budgets, in characters, for corpus text inside one field or line. They
// keep a full page under Discord's 6000-character total for all embeds,
// so Fit never has to drop a result that was paged in.
const (
	quoteTextBudget   = 480
	snippetBudget     = 300
	titleBudget       = 120
	eventTextBudget   = 300
	summaryBudget     = 1200
	maxSourcesPerItem = 3
)

// esc escapes corpus text for Discord and cuts it to max characters.
func esc(s string, max int) string {
	return render.Truncate(render.EscapeMarkdown(oneLine(s)), max)
}

// oneLine folds runs of white space, newlines included, to one space.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// echo shows user input inside a message: escaped, short, on one line.
func echo(s string) string { return esc(s, 80) }

// day formats a publication date; "undated" when unknown.
func day(t time.Time) string {
	if t.IsZero() {
		return "undated"
	}
	return t.Format("2 Jan 2006")
}

// safeURL returns u when it can be put in a masked link: http(s), no
// space and no character that would end the link early.
func safeURL(u string) string {
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return ""
	}
	if strings.ContainsAny(u, " \t\n()<>[]") || render.Len(u) > 512 {
		return ""
	}
	return u
}

// link is a masked link to an article, or its escaped title alone.
func link(title, u string) string {
	t := esc(title, titleBudget)
	if t == "" {
		t = "untitled"
	}
	if u = safeURL(u); u != "" {
		return "[" + t + "](" + u + ")"
	}
	return t
}

// sourceLine is "[Title](url) — Outlet, 12 May 2025".
func sourceLine(s store.Source) string {
	return link(s.Title, s.URL) + " — " + outletName(s.Outlet) + ", " + day(s.Published)
}

// outletName is an outlet's escaped name, or says it is not known.
func outletName(outlet string) string { return esc(outletText(outlet), 60) }

// outletText is an outlet's name as stored, or says it is not known.
func outletText(outlet string) string {
	if strings.TrimSpace(outlet) == "" {
		return "outlet unknown"
	}
	return outlet
}

// sourceLines lists at most maxSourcesPerItem sources and says how many
// more there are.
func sourceLines(src []store.Source) string {
	var lines []string
	for i, s := range src {
		if i == maxSourcesPerItem {
			lines = append(lines, fmt.Sprintf("…and %d more", len(src)-i))
			break
		}
		lines = append(lines, sourceLine(s))
	}
	return strings.Join(lines, "\n")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// quoteText shows a quote's escaped words as the article gave them. Words
// the article put in quotation marks (direct and partial quotes) are the
// speaker's own and go inside “ ”. Reported speech (indirect: "he said
// Russia would not agree...") and unmarked attributions are the outlet's
// account of what was said, not the speaker's words: they get no
// quotation marks and say "Reported:" first, in the embed and in plain
// text alike, so that no one cites them as a quote.
func quoteText(kind briefing.Kind, escaped string) string {
	switch kind {
	case briefing.KindDirect, briefing.KindPartial:
		return "“" + escaped + "”"
	}
	return reportedLabel + escaped
}

// reportedLabel marks reported speech (bold in Discord; the plain-text
// rendering keeps the words).
const reportedLabel = "**Reported:** "

// quoteField shows one quote: who and when in the name; the words and
// where they were reported in the value.
func quoteField(g store.QuoteGroup, withSpeaker bool, text string) bot.EmbedField {
	var name []string
	if withSpeaker {
		name = append(name, speakerLabel(g.Speaker, g.Role))
	}
	name = append(name, day(g.Date), plural(g.Outlets(), "outlet", "outlets"))
	if text == "" {
		text = esc(g.Text, quoteTextBudget)
	}
	return bot.EmbedField{
		Name:  render.Truncate(strings.Join(name, " · "), render.MaxFieldName),
		Value: quoteText(g.Kind, text) + "\n" + sourceLines(g.Sources),
	}
}

// speakerLabel is "Dmitry Peskov (Kremlin spokesman)", escaped.
func speakerLabel(name, role string) string {
	switch {
	case name == "":
		return "unattributed"
	case role == "" || strings.EqualFold(role, name):
		return esc(name, 100)
	}
	return esc(name, 100) + " (" + esc(role, 60) + ")"
}

// highlight turns a store snippet into escaped text with the matches in
// bold, at most max characters.
func highlight(snippet string, max int) string {
	snippet = oneLine(snippet)
	var b strings.Builder
	for {
		i := strings.Index(snippet, store.HighlightStart)
		if i < 0 {
			b.WriteString(render.EscapeMarkdown(strings.ReplaceAll(snippet, store.HighlightEnd, "")))
			break
		}
		b.WriteString(render.EscapeMarkdown(strings.ReplaceAll(snippet[:i], store.HighlightEnd, "")))
		rest := snippet[i+len(store.HighlightStart):]
		j := strings.Index(rest, store.HighlightEnd)
		if j < 0 {
			j = len(rest)
		}
		if word := render.EscapeMarkdown(strings.ReplaceAll(rest[:j], store.HighlightStart, "")); word != "" {
			b.WriteString("**" + word + "**")
		}
		if j == len(rest) {
			break
		}
		snippet = rest[j+len(store.HighlightEnd):]
	}
	return render.Truncate(b.String(), max)
}

// footer makes an embed footer.
func footer(parts ...string) *bot.EmbedFooter {
	var keep []string
	for _, p := range parts {
		if p != "" {
			keep = append(keep, p)
		}
	}
	if len(keep) == 0 {
		return nil
	}
	return &bot.EmbedFooter{Text: strings.Join(keep, " · ")}
}

func pageNote(page, pages int) string {
	if pages <= 1 {
		return ""
	}
	return fmt.Sprintf("Page %d of %d", page, pages)
}
