package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/briefbot/briefbot/briefing"
)

func runExtract(ctx context.Context, a *app, args []string) int {
	c := a.command("extract", "[--json] FILE...",
		"Runs the article pipeline over files (or folders of "+supportedExtensions+" files)\n"+
			"with no database, and prints what it finds: with --json one JSON object per\n"+
			"input, one a line, with the fields file, title, source, published\n"+
			"(YYYY-MM-DD), author, text, summary and quotes [{speaker, text, kind, start,\n"+
			"end}] (start/end are byte offsets in text; absent values are null).\n"+
			"A file that cannot be processed is reported on stderr, the others still\n"+
			"print, and the exit status is 1.")
	cfgPath := c.configFlag()
	asJSON := c.fs.Bool("json", false, "print one JSON object per input file, one a line")
	if code, ok := c.parse(args); !ok {
		return code
	}
	if c.fs.NArg() == 0 {
		return c.badUsage("name at least one file")
	}
	cfg, ok := a.loadConfig("extract", *cfgPath)
	if !ok {
		return exitFailed
	}
	failed := 0
	bad := func(r *rejection) {
		failed++
		fmt.Fprintf(a.stderr, "briefbot extract: %s: %s\n", r.Path, r.Reason)
	}
	enc := json.NewEncoder(a.stdout)
	enc.SetEscapeHTML(false)
	err := walkInputs(ctx, c.fs.Args(), func(path string) error {
		doc, rej := readDocument(path, cfg.MaxDocumentBytes)
		if rej != nil {
			bad(rej)
			return nil
		}
		art, err := safely(a.process, doc)
		if err != nil {
			bad(pipelineRejection(path, err))
			return nil
		}
		if *asJSON {
			return enc.Encode(newExtracted(filepath.Base(path), art))
		}
		return printArticle(a.stdout, path, art)
	}, bad)
	if err != nil {
		fmt.Fprintf(a.stderr, "briefbot extract: %v\n", err)
		return exitFailed
	}
	if failed > 0 {
		return exitFailed
	}
	return exitOK
}

// extracted is the `extract --json` contract (issue 2): fields may be
// added, none removed or renamed.
type extracted struct {
	File      string             `json:"file"`
	Title     *string            `json:"title"`
	Source    *string            `json:"source"`
	Published *string            `json:"published"`
	Author    *string            `json:"author"`
	URL       *string            `json:"url"`
	Text      string             `json:"text"`
	Summary   string             `json:"summary"`
	Quotes    []extractedQuote   `json:"quotes"`
	Speakers  []extractedSpeaker `json:"speakers"`
	Events    []extractedEvent   `json:"events"`
}

type extractedQuote struct {
	Speaker  *string `json:"speaker"`
	Text     string  `json:"text"`
	Kind     string  `json:"kind"`
	Start    int     `json:"start"`
	End      int     `json:"end"`
	Role     *string `json:"role"`
	Evidence *string `json:"evidence"`
}

type extractedSpeaker struct {
	Name    string   `json:"name"`
	Aliases []string `json:"aliases"`
	Role    *string  `json:"role"`
	Org     bool     `json:"org"`
}

type extractedEvent struct {
	Date  string `json:"date"`
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

func newExtracted(file string, art briefing.Article) extracted {
	out := extracted{
		File: file, Title: nullable(art.Title), Source: nullable(art.Source), Author: nullable(art.Author),
		URL: nullable(art.URL), Text: art.Text, Summary: art.Summary,
		Quotes: []extractedQuote{}, Speakers: []extractedSpeaker{}, Events: []extractedEvent{},
	}
	if !art.Published.IsZero() {
		out.Published = nullable(art.Published.Format("2006-01-02"))
	}
	for _, q := range art.Quotes {
		out.Quotes = append(out.Quotes, extractedQuote{Speaker: nullable(q.Speaker), Text: q.Text, Kind: string(q.Kind),
			Start: q.Start, End: q.End, Role: nullable(q.Role), Evidence: nullable(q.Evidence)})
	}
	for _, s := range art.Speakers {
		aliases := s.Aliases
		if aliases == nil {
			aliases = []string{}
		}
		out.Speakers = append(out.Speakers, extractedSpeaker{Name: s.Name, Aliases: aliases, Role: nullable(s.Role), Org: s.Org})
	}
	for _, e := range art.Events {
		out.Events = append(out.Events, extractedEvent{Date: e.Date.Format("2006-01-02"), Text: e.Text, Start: e.Start, End: e.End})
	}
	return out
}

func nullable(s string) *string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	return &s
}

// printArticle is extract's human-readable form.
func printArticle(w io.Writer, path string, art briefing.Article) error {
	date := "undated"
	if !art.Published.IsZero() {
		date = art.Published.Format("2006-01-02")
	}
	fmt.Fprintf(w, "== %s\n%s\n%s, %s", path, orDash(art.Title), orDash(art.Source), date)
	if art.Author != "" {
		fmt.Fprintf(w, ", by %s", art.Author)
	}
	fmt.Fprintf(w, "\n\nSummary: %s\n\n%d quotes:\n", art.Summary, len(art.Quotes))
	for i, q := range art.Quotes {
		speaker := q.Speaker
		if speaker == "" {
			speaker = "(unattributed)"
		}
		fmt.Fprintf(w, "%3d. %s [%s]: %s\n", i+1, speaker, q.Kind, q.Text)
	}
	_, err := fmt.Fprintln(w)
	return err
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
