package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/store"
)

func runIngest(ctx context.Context, a *app, args []string) int {
	c := a.command("ingest", "[--db PATH] PATH...",
		"Adds documents to the corpus: files, and folders searched recursively for\n"+
			supportedExtensions+" files. Each document is stored in one transaction with\n"+
			"its article and quotes, so an interrupted ingest leaves only whole articles;\n"+
			"the same bytes again are reported as already present and change nothing.\n"+
			"Every rejected file is named with the reason, the others are still added,\n"+
			"and the exit status is 1 when anything was rejected.")
	cfgPath := c.configFlag()
	db := c.dbFlag()
	quiet := c.fs.Bool("quiet", false, "print no progress line")
	if code, ok := c.parse(args); !ok {
		return code
	}
	if c.fs.NArg() == 0 {
		return c.badUsage("name at least one file or folder to ingest")
	}
	cfg, ok := a.loadConfig("ingest", *cfgPath)
	if !ok {
		return exitFailed
	}
	if *db != "" {
		cfg.DB = *db
	}
	log := a.logger(cfg, true)
	st, err := store.Open(ctx, cfg.DB, store.Options{Logger: log})
	if err != nil {
		fmt.Fprintf(a.stderr, "briefbot ingest: %v\n", err)
		return exitFailed
	}
	defer st.Close()

	in := &ingester{store: st, process: a.process, maxBytes: cfg.MaxDocumentBytes, addedBy: "cli", log: log,
		errOut: a.stderr, now: a.now}
	if a.stderrTerminal && !*quiet {
		in.progress = &progress{out: a.stderr, now: a.now, start: a.now()}
	}
	err = walkInputs(ctx, c.fs.Args(), func(path string) error { return in.file(ctx, path) }, in.rejected)
	in.progress.clear()
	in.summary(a.stdout, cfg.DB)
	if err != nil {
		fmt.Fprintf(a.stderr, "briefbot ingest: stopped: %v\n", err)
		return exitFailed
	}
	if len(in.rejections) > 0 {
		return exitFailed
	}
	return exitOK
}

// ingester adds documents to a store one at a time and counts what
// happened. Only names and reasons of rejected files are kept, never
// document bodies, so memory stays flat over any number of files.
type ingester struct {
	store    *store.Store
	process  func(briefing.Document) (briefing.Article, error)
	maxBytes int64
	addedBy  string
	log      *slog.Logger
	errOut   io.Writer // each rejection is reported here as it happens; nil: not
	now      func() time.Time
	progress *progress // nil: no progress line

	added, present, quotes int
	bytes                  int64
	rejections             []rejection
	start                  time.Time
}

func (in *ingester) rejected(r *rejection) {
	in.rejections = append(in.rejections, *r)
	// Info, not Warn: a person at the terminal already gets the line
	// below and the summary; the log record is for operators who ask for it.
	in.log.Info("document rejected", slog.String("file", r.Path), slog.String("reason", r.Reason))
	if in.errOut != nil {
		in.progress.clear()
		fmt.Fprintf(in.errOut, "rejected: %s: %s\n", r.Path, r.Reason)
	}
	in.progress.update(in, r.Path)
}

// file reads and ingests one file. It returns an error only when the run
// must stop (the context ended); a bad file is a rejection.
func (in *ingester) file(ctx context.Context, path string) error {
	doc, rej := readDocument(path, in.maxBytes)
	if rej != nil {
		in.rejected(rej)
		return nil
	}
	return in.document(ctx, doc)
}

// document ingests one document read from anywhere (a file, or the demo's
// embedded samples).
func (in *ingester) document(ctx context.Context, doc briefing.Document) error {
	if in.start.IsZero() {
		in.start = in.now()
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	defer in.progress.update(in, doc.Name)
	in.bytes += int64(len(doc.Body))
	if _, ok, err := in.store.HasDocument(ctx, store.Hash(doc.Body)); err != nil {
		return fmt.Errorf("%s: %w", doc.Name, err)
	} else if ok {
		in.present++
		return nil
	}
	art, err := safely(in.process, doc)
	if err != nil {
		in.rejected(pipelineRejection(doc.Name, err))
		return nil
	}
	raw := store.RawDocument{Name: doc.Name, Format: doc.Format, Body: doc.Body, URL: doc.URL, AddedBy: in.addedBy}
	res, err := in.store.Ingest(ctx, raw, art)
	switch {
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		return err
	case err != nil:
		in.rejected(reject(doc.Name, "could not be stored: %v", err))
	case res.Duplicate:
		in.present++
	default:
		in.added++
		in.quotes += res.Quotes
		in.log.Debug("document added", slog.String("file", doc.Name), slog.Int64("article", res.ArticleID), slog.Int("quotes", res.Quotes))
	}
	return nil
}

func (in *ingester) summary(w io.Writer, db string) {
	total := in.added + in.present + len(in.rejections)
	elapsed := time.Duration(0)
	if !in.start.IsZero() {
		elapsed = in.now().Sub(in.start).Round(time.Millisecond)
	}
	fmt.Fprintf(w, "%d files: %d added (%d quotes), %d already present, %d rejected; %s read in %s into %s\n",
		total, in.added, in.quotes, in.present, len(in.rejections), formatBytes(in.bytes), elapsed, db)
	if len(in.rejections) > 0 {
		fmt.Fprintf(w, "rejected:\n")
		for _, r := range in.rejections {
			fmt.Fprintf(w, "  %s: %s\n", r.Path, r.Reason)
		}
	}
}

// progress draws one status line on a terminal for batches that take more
// than a moment.
type progress struct {
	out   io.Writer
	now   func() time.Time
	start time.Time
	last  time.Time
	shown bool
}

func (p *progress) update(in *ingester, current string) {
	if p == nil {
		return
	}
	now := p.now()
	if now.Sub(p.start) < time.Second || now.Sub(p.last) < 200*time.Millisecond {
		return
	}
	p.last = now
	p.shown = true
	name := current
	if len(name) > 40 {
		name = "…" + name[len(name)-39:]
	}
	rate := float64(in.added+in.present+len(in.rejections)) / now.Sub(p.start).Seconds()
	fmt.Fprintf(p.out, "\r\033[Kingesting: %d added, %d already present, %d rejected (%.0f files/s) %s",
		in.added, in.present, len(in.rejections), rate, name)
}

func (p *progress) clear() {
	if p == nil || !p.shown {
		return
	}
	fmt.Fprint(p.out, "\r\033[K")
	p.shown = false
}

// exists reports whether something is at path.
func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
