package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/briefbot/briefbot/briefing"
)

// ReprocessResult says what Reprocess did.
type ReprocessResult struct {
	Documents int     // stored documents looked at
	Updated   int     // articles rewritten from the current pipeline
	Failed    int     // documents the pipeline or the store could not handle; their old article stays
	Failures  []error // one per failed document, naming it
}

// Reprocess runs process (the current article pipeline) over every stored
// raw document and rewrites each article from its output, one document per
// transaction. Article ids, added_at and added_by stay as they were, so
// links and history survive; quotes, speakers, events and the story are
// derived again. A document the pipeline now rejects keeps its old article
// and is reported in Failures. Speakers and stories left empty are removed
// at the end. Only a cancelled ctx or a broken database stops the run
// early.
func (s *Store) Reprocess(ctx context.Context, process func(RawDocument) (briefing.Article, error)) (ReprocessResult, error) {
	var res ReprocessResult
	start := time.Now()
	ids, err := s.documentIDs(ctx)
	if err != nil {
		return res, fmt.Errorf("reprocess: listing documents: %w", err)
	}
	for _, docID := range ids {
		if err := ctx.Err(); err != nil {
			return res, fmt.Errorf("reprocess: stopped after %d of %d documents: %w", res.Documents, len(ids), err)
		}
		raw, articleID, err := s.rawDocument(ctx, docID)
		if errors.Is(err, ErrNotFound) {
			continue // removed while we ran
		}
		if err != nil {
			return res, fmt.Errorf("reprocess: reading document %d: %w", docID, err)
		}
		res.Documents++
		art, err := runProcess(process, raw)
		if err == nil {
			err = s.replaceArticle(ctx, articleID, art)
		}
		if err != nil {
			if ctx.Err() != nil {
				return res, fmt.Errorf("reprocess: stopped after %d of %d documents: %w", res.Documents, len(ids), ctx.Err())
			}
			res.Failed++
			res.Failures = append(res.Failures, fmt.Errorf("document %d (%s): %w", docID, raw.Name, err))
			s.log.LogAttrs(ctx, slog.LevelWarn, "reprocess: document kept as it was",
				slog.Int64("document_id", docID), slog.String("name", raw.Name), slog.Any("error", err))
			continue
		}
		res.Updated++
	}
	if err := s.sweep(ctx); err != nil {
		return res, fmt.Errorf("reprocess: removing empty speakers and stories: %w", err)
	}
	s.log.LogAttrs(ctx, slog.LevelInfo, "reprocess done",
		slog.Int("documents", res.Documents), slog.Int("updated", res.Updated),
		slog.Int("failed", res.Failed), slog.Duration("took", time.Since(start)))
	return res, nil
}

// runProcess calls the pipeline, turning a panic into an error so that
// one bad document cannot stop the run.
func runProcess(process func(RawDocument) (briefing.Article, error), raw RawDocument) (art briefing.Article, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the pipeline panicked: %v", r)
		}
	}()
	return process(raw)
}

func (s *Store) documentIDs(ctx context.Context) ([]int64, error) {
	return queryIDs(ctx, s.read, `SELECT id FROM documents ORDER BY id`)
}

// rawDocument reads one stored document and the id of its article.
func (s *Store) rawDocument(ctx context.Context, docID int64) (RawDocument, int64, error) {
	var raw RawDocument
	var format string
	var articleID sql.NullInt64
	err := s.read.QueryRowContext(ctx, `
		SELECT d.name, d.format, d.body, d.url, d.added_by, a.id
		FROM documents d LEFT JOIN articles a ON a.document_id = d.id WHERE d.id = ?`, docID,
	).Scan(&raw.Name, &format, &raw.Body, &raw.URL, &raw.AddedBy, &articleID)
	if errors.Is(err, sql.ErrNoRows) {
		return raw, 0, ErrNotFound
	}
	raw.Format = briefing.Format(format)
	return raw, articleID.Int64, err
}

// replaceArticle rewrites an article from a new pipeline output in one
// transaction, keeping its id, document, added_at and added_by.
func (s *Store) replaceArticle(ctx context.Context, articleID int64, art briefing.Article) error {
	p := prepare(art)
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	w := &txWriter{ctx: ctx, tx: tx, s: s}
	var storyID sql.NullInt64
	err = tx.QueryRowContext(ctx, `SELECT story_id FROM articles WHERE id = ?`, articleID).Scan(&storyID)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("article %d was removed meanwhile", articleID)
	}
	if err != nil {
		return err
	}
	if err := p.validate(); err != nil {
		return err
	}
	oldSpeakers, err := w.clearContent(articleID, func() error {
		if _, err := w.exec(`DELETE FROM quotes WHERE article_id = ?`, articleID); err != nil {
			return err
		}
		_, err := w.exec(`DELETE FROM events WHERE article_id = ?`, articleID)
		return err
	})
	if err != nil {
		return err
	}
	a := p.art
	if _, err := w.exec(`
		UPDATE articles SET title = ?, source = ?, author = ?, url = ?, published = ?, text = ?, summary = ?, simhash = ?
		WHERE id = ?`,
		a.Title, a.Source, a.Author, a.URL, p.published, a.Text, a.Summary, int64(p.simhash), articleID); err != nil {
		return err
	}
	if _, err := w.writeContent(articleID, p); err != nil {
		return err
	}
	if _, err := w.assignStory(articleID, p, storyID.Int64); err != nil {
		return fmt.Errorf("choosing its story: %w", err)
	}
	if err := w.deleteOrphanSpeakers(oldSpeakers); err != nil {
		return err
	}
	return tx.Commit()
}

// sweep removes every speaker no quote refers to and every story with no
// article.
func (s *Store) sweep(ctx context.Context) error {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	w := &txWriter{ctx: ctx, tx: tx, s: s}
	if err := w.deleteOrphanSpeakers(nil); err != nil {
		return err
	}
	if err := w.deleteEmptyStories(); err != nil {
		return err
	}
	return tx.Commit()
}
