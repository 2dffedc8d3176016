package admin

import (
	"context"
	"fmt"
	"html"
	"io"
	"log/slog"
	"mime"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/render"
	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/store"
)

// formatByExtension says how an attached file is read, by its name.
var formatByExtension = map[string]briefing.Format{
	".txt": briefing.FormatText, ".text": briefing.FormatText,
	".md": briefing.FormatMarkdown, ".markdown": briefing.FormatMarkdown,
	".html": briefing.FormatHTML, ".htm": briefing.FormatHTML, ".xhtml": briefing.FormatHTML,
}

// formatByType says how a downloaded document is read, by media type.
var formatByType = map[string]briefing.Format{
	"text/plain": briefing.FormatText, "text/markdown": briefing.FormatMarkdown,
	"text/html": briefing.FormatHTML, "application/xhtml+xml": briefing.FormatHTML,
}

func (a *admin) add(ctx context.Context, req bot.Request) (bot.Reply, error) {
	att, hasFile := req.Attachments["file"]
	rawURL := strings.TrimSpace(req.Options["url"])
	switch {
	case !hasFile && req.Options["file"] != "":
		return bot.Reply{}, bot.Userf("The attached file did not come through; attach it again.")
	case hasFile && rawURL != "":
		return bot.Reply{}, bot.Userf("Give either file: or url:, not both.")
	case hasFile:
		return a.addAttachment(ctx, req, att)
	case rawURL != "":
		return a.addURL(ctx, req, rawURL)
	default:
		return bot.Reply{Modal: textModal(), Ephemeral: true, Text: "Opening the form to paste an article."}, nil
	}
}

func (a *admin) addAttachment(ctx context.Context, req bot.Request, att bot.Attachment) (bot.Reply, error) {
	name := att.Filename
	if name == "" {
		name = "the attachment"
	}
	format, ok := formatByExtension[strings.ToLower(path.Ext(att.Filename))]
	if !ok {
		return bot.Reply{}, refused(name, "unsupported file type %q; add .txt, .md or .html files", path.Ext(att.Filename))
	}
	limit := a.deps.Fetch.MaxBytes()
	if int64(att.Size) > limit {
		return bot.Reply{}, refused(name, "too big: %s, the limit is %s", size(int64(att.Size)), size(limit))
	}
	var body []byte
	u, err := url.Parse(att.URL)
	switch {
	case err == nil && u.Scheme == "file":
		if !a.deps.LocalFiles {
			return bot.Reply{}, refused(name, "local files can only be added from the console")
		}
		body, err = readLocal(u.Path, limit)
		if err != nil {
			return bot.Reply{}, refused(name, "%v", err)
		}
	default:
		res, err := a.deps.Fetch.Get(ctx, att.URL)
		if err != nil {
			return bot.Reply{}, refused(name, "%v", err)
		}
		body = res.Body
	}
	doc := briefing.Document{Name: name, Format: format, Body: body}
	return a.ingest(ctx, req, doc)
}

func (a *admin) addURL(ctx context.Context, req bot.Request, rawURL string) (bot.Reply, error) {
	res, err := a.deps.Fetch.Get(ctx, rawURL)
	if err != nil {
		return bot.Reply{}, refused(rawURL, "%v", err)
	}
	mt, _, _ := mime.ParseMediaType(res.ContentType)
	format, ok := formatByType[mt]
	if !ok {
		return bot.Reply{}, refused(rawURL, "unsupported content type %q", res.ContentType)
	}
	if mt == "text/plain" {
		if f, ok := formatByExtension[strings.ToLower(path.Ext(res.Filename))]; ok && f == briefing.FormatMarkdown {
			format = f // servers send Markdown files as text/plain
		}
	}
	doc := briefing.Document{Name: rawURL, Format: format, Body: res.Body, URL: res.FinalURL}
	return a.ingest(ctx, req, doc)
}

// readLocal reads a file named on the console, with the same size limit
// as downloads.
func readLocal(p string, limit int64) ([]byte, error) {
	f, err := os.Open(filepath.FromSlash(p))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	body, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(body)) > limit {
		return nil, fmt.Errorf("too big: more than %s", size(limit))
	}
	return body, nil
}

// Fields of the "paste an article" form.
const (
	fieldTitle  = "title"
	fieldOutlet = "outlet"
	fieldDate   = "date"
	fieldBody   = "body"
)

func textModal() *bot.Modal {
	return &bot.Modal{CustomID: textModalID, Title: "Add an article", Fields: []bot.ModalField{
		{CustomID: fieldTitle, Label: "Headline", Required: true, MaxLength: 256},
		{CustomID: fieldOutlet, Label: "Outlet", Placeholder: "Reuters", MaxLength: 100},
		{CustomID: fieldDate, Label: "Publication date", Placeholder: "2024-05-11", MaxLength: 40},
		{CustomID: fieldBody, Label: "Article text", Paragraph: true, Required: true, MaxLength: render.MaxModalValue},
	}}
}

// addText ingests an article pasted into the form. It is stored as a small
// HTML page whose meta tags carry the headline, outlet and date, so that
// /admin reprocess reads the same metadata back from the stored document.
func (a *admin) addText(ctx context.Context, req bot.Request) (bot.Reply, error) {
	title := strings.TrimSpace(req.Options[fieldTitle])
	outlet := strings.TrimSpace(req.Options[fieldOutlet])
	body := strings.TrimSpace(req.Options[fieldBody])
	if title == "" {
		return bot.Reply{}, refused("the pasted article", "it has no headline")
	}
	if body == "" {
		return bot.Reply{}, refused(strconv.Quote(title), "empty: the article text is blank")
	}
	var published time.Time
	if d := strings.TrimSpace(req.Options[fieldDate]); d != "" {
		var err error
		if published, err = parseDate(d); err != nil {
			return bot.Reply{}, refused(strconv.Quote(title), "%v", err)
		}
	}
	doc := briefing.Document{
		Name:   "pasted article " + strconv.Quote(title),
		Format: briefing.FormatHTML,
		Body:   []byte(pastedHTML(title, outlet, published, body)),
	}
	return a.ingest(ctx, req, doc)
}

// pastedHTML wraps pasted text as an HTML article: one <p> per paragraph
// (blank-line separated; single line breaks kept as spaces).
func pastedHTML(title, outlet string, published time.Time, body string) string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n")
	fmt.Fprintf(&b, "<title>%s</title>\n<meta property=\"og:title\" content=\"%s\">\n", html.EscapeString(title), html.EscapeString(title))
	if outlet != "" {
		fmt.Fprintf(&b, "<meta property=\"og:site_name\" content=\"%s\">\n", html.EscapeString(outlet))
	}
	if !published.IsZero() {
		fmt.Fprintf(&b, "<meta property=\"article:published_time\" content=\"%s\">\n", published.Format("2006-01-02"))
	}
	fmt.Fprintf(&b, "</head><body><article>\n<h1>%s</h1>\n", html.EscapeString(title))
	body = strings.ReplaceAll(strings.ReplaceAll(body, "\r\n", "\n"), "\r", "\n")
	for _, p := range strings.Split(body, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(strings.Join(strings.Fields(p), " ")))
		}
	}
	b.WriteString("</article></body></html>\n")
	return b.String()
}

// dateLayouts are the ways an admin may write a publication date.
var dateLayouts = []string{"2006-01-02", time.RFC3339, "2 January 2006", "2 Jan 2006", "January 2, 2006", "Jan 2, 2006", "02/01/2006"}

func parseDate(s string) (time.Time, error) {
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), nil
		}
	}
	return time.Time{}, fmt.Errorf("date %q not understood; write it as 2024-05-11", s)
}

// ingest runs the pipeline over doc and stores it, refusing duplicates
// and documents the pipeline cannot read, each with the reason.
func (a *admin) ingest(ctx context.Context, req bot.Request, doc briefing.Document) (bot.Reply, error) {
	if strings.TrimSpace(string(doc.Body)) == "" {
		return bot.Reply{}, refused(doc.Name, "empty: the document has no text")
	}
	if id, ok, err := a.deps.Store.HasDocument(ctx, store.Hash(doc.Body)); err != nil {
		return bot.Reply{}, err
	} else if ok {
		return bot.Reply{}, refused(doc.Name, "duplicate: the same document is already in the corpus as article #%d", id)
	}
	art, err := a.deps.Process(doc)
	if err != nil {
		return bot.Reply{}, refused(doc.Name, "%v", err)
	}
	if strings.TrimSpace(art.Text) == "" {
		return bot.Reply{}, refused(doc.Name, "no article text found (only page furniture)")
	}
	raw := store.RawDocument{Name: doc.Name, Format: doc.Format, Body: doc.Body, URL: doc.URL, AddedBy: req.User.ID}
	res, err := a.deps.Store.Ingest(ctx, raw, art)
	if err != nil {
		return bot.Reply{}, fmt.Errorf("ingesting %s: %w", doc.Name, err)
	}
	if res.Duplicate { // added by someone else since HasDocument
		return bot.Reply{}, refused(doc.Name, "duplicate: the same document is already in the corpus as article #%d", res.ArticleID)
	}
	a.deps.Log.LogAttrs(ctx, slog.LevelInfo, "article added",
		slog.String("interaction", req.ID), slog.String("user", req.User.ID), slog.String("document", doc.Name),
		slog.Int64("article_id", res.ArticleID), slog.Int64("story_id", res.StoryID), slog.Int("quotes", res.Quotes))
	return private(briefingReply(art, res)), nil
}

// briefingReply shows what was added: headline, outlet, date, summary,
// how many quotes were found and from whom.
func briefingReply(art briefing.Article, res store.IngestResult) bot.Reply {
	title := art.Title
	if title == "" {
		title = "(no headline)"
	}
	e := bot.Embed{
		Title:       render.Truncate(render.EscapeMarkdown(title), render.MaxEmbedTitle),
		Description: render.Truncate(render.EscapeMarkdown(art.Summary), 1500),
		Color:       0x2E7D32,
		Footer:      &bot.EmbedFooter{Text: fmt.Sprintf("Article #%d · story #%d", res.ArticleID, res.StoryID)},
	}
	if u, err := url.Parse(art.URL); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
		e.URL = art.URL
	}
	outlet := art.Source
	if outlet == "" {
		outlet = "unknown"
	}
	date := "unknown"
	if !art.Published.IsZero() {
		date = art.Published.Format("2 January 2006")
	}
	e.Fields = append(e.Fields,
		bot.EmbedField{Name: "Outlet", Value: render.EscapeMarkdown(outlet), Inline: true},
		bot.EmbedField{Name: "Published", Value: date, Inline: true},
		bot.EmbedField{Name: "Quotes found", Value: strconv.Itoa(res.Quotes), Inline: true},
	)
	if len(art.Speakers) > 0 {
		var names []string
		for _, s := range art.Speakers {
			names = append(names, render.EscapeMarkdown(s.Name))
		}
		e.Fields = append(e.Fields, bot.EmbedField{Name: "Speakers", Value: render.Truncate(strings.Join(names, ", "), render.MaxFieldValue)})
	}
	return bot.Reply{Content: "Added.", Embeds: []bot.Embed{e}}
}

// refused is the user error for a document that was not added.
func refused(name, format string, args ...any) error {
	reason := render.Truncate(strings.TrimRight(fmt.Sprintf(format, args...), ". "), 1500)
	return &bot.UserError{Message: render.Truncate("Refused "+render.EscapeMarkdown(name)+": "+reason+".", render.MaxContent)}
}

// size writes a byte count for people.
func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	default:
		return fmt.Sprintf("%d bytes", n)
	}
}
