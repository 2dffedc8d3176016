package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"time"
)

// Schema notes (changes made by the store's author to the lead's schema):
//   - migrations/0002_anonymous_speaker.sql adds one well-known speakers row,
//     name "anonymous", for quotes whose text names an unnamed source ("a
//     Western official said"). Quotes whose text does not say who spoke keep
//     a NULL speaker_id. So /quotes speaker:anonymous finds the anonymous
//     quotes by the speakers row like any other speaker, and the two cases
//     stay apart. The row is never merged with anyone and never removed as
//     an orphan. Tables and columns are unchanged.
//   - migrations/0003_ingest_indexes.sql adds two indexes for ingest:
//     articles_recent_simhash (id, simhash) and quotes_speaker_norm
//     (speaker_id, norm).
//   - migrations/0004_quote_dates.sql adds quotes.published (the
//     reporting article's date) and quotes.group_first (on a group's
//     first quote: the earliest date among its reports), kept right by
//     triggers, with the index quotes_speaker_first (speaker_id,
//     group_first DESC, id DESC) over groups' first quotes only, so that
//     /quotes reads a speaker's quotes newest first from an index (see
//     quotes.go); quotes_group becomes (group_id, published); and
//     quotes_speaker_article (speaker_id, article_id) lets the speaker
//     directory count from indexes alone.
//   - migrations/0005_event_year_inferred.sql adds events.year_inferred
//     (briefing.Event.YearInferred).
//   - Key columns, as Ingest writes them: speakers.name_key and
//     speaker_aliases.alias_key are speakers.Fold of the form;
//     speakers.last_key is speakers.LastKey (the transliteration skeleton
//     of the surname, so "Zelensky" and "Zelenskyy" share it); quotes.norm
//     is story.QuoteKey. Every form of a speaker's name seen, the
//     canonical one included, is a speaker_aliases row.

// ErrNotFound is returned (wrapped) when an id names nothing in the corpus.
var ErrNotFound = errors.New("not found")

// busyTimeout is how long a connection waits for a lock before failing
// with SQLITE_BUSY. Ingests are short transactions, so a few seconds is
// plenty; a longer wait only hides a stuck writer.
const busyTimeout = 5 * time.Second

// Options configure Open.
type Options struct {
	// Readers is the size of the read-only connection pool; 0 means
	// max(4, GOMAXPROCS).
	Readers int
	// Now is the clock for added_at times; nil means time.Now.
	Now func() time.Time
	// Logger receives the store's log records; nil discards them.
	Logger *slog.Logger
}

// Store is the corpus in one SQLite file.
type Store struct {
	write *sql.DB // exactly one connection; transactions BEGIN IMMEDIATE
	read  *sql.DB // read-only pool (mode=ro, query_only)
	now   func() time.Time
	log   *slog.Logger
	path  string

	// anonymousID is the id of the well-known "anonymous" speakers row.
	anonymousID int64
}

// Open opens (creating when missing) the corpus at path, checks that SQLite
// has FTS5, and brings the schema up to date. A database written by a newer
// briefbot is refused.
func Open(ctx context.Context, path string, opts Options) (*Store, error) {
	if path == "" {
		return nil, errors.New("store: no database path given")
	}
	if path == ":memory:" {
		// Every pooled connection would get its own empty database.
		return nil, errors.New("store: an in-memory database cannot be shared between the writer and the readers; give a file path")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("store: database path %q: %w", path, err)
	}
	if fi, err := os.Stat(filepath.Dir(abs)); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("store: database %s: the folder %s does not exist", path, filepath.Dir(abs))
	}
	s := &Store{now: opts.Now, log: opts.Logger, path: abs}
	if s.now == nil {
		s.now = time.Now
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}

	s.write = sql.OpenDB(newConnector(dsn(abs, url.Values{
		"_journal_mode": {"WAL"},
		"_synchronous":  {"NORMAL"},
		"_foreign_keys": {"on"},
		"_busy_timeout": {fmt.Sprint(busyTimeout.Milliseconds())},
		"_txlock":       {"immediate"},
		// Ingest runs the same few statements for every quote: keep
		// them prepared.
		"_stmt_cache_size": {"64"},
	}), 0))
	// One writer: SQLite allows one at a time anyway, and a single
	// connection turns lock contention into queueing in database/sql.
	s.write.SetMaxOpenConns(1)
	s.write.SetMaxIdleConns(1)
	s.write.SetConnMaxLifetime(0)
	s.write.SetConnMaxIdleTime(0)
	if err := s.write.PingContext(ctx); err != nil {
		s.write.Close()
		return nil, fmt.Errorf("store: open %s: %w", abs, err)
	}
	if err := checkFTS5(ctx, s.write); err != nil {
		s.write.Close()
		return nil, err
	}
	if err := migrate(ctx, s.write, abs, s.log); err != nil {
		s.write.Close()
		return nil, err
	}
	if err := s.write.QueryRowContext(ctx,
		`SELECT id FROM speakers WHERE name_key = 'anonymous' AND last_key = '' ORDER BY id LIMIT 1`,
	).Scan(&s.anonymousID); err != nil {
		s.write.Close()
		return nil, fmt.Errorf("store: %s: the anonymous speaker row is missing: %w", abs, err)
	}

	readers := opts.Readers
	if readers <= 0 {
		readers = max(4, runtime.GOMAXPROCS(0))
	}
	s.read = sql.OpenDB(newConnector(dsn(abs, url.Values{
		"mode":          {"ro"},
		"_query_only":   {"true"},
		"_foreign_keys": {"on"},
		"_busy_timeout": {fmt.Sprint(busyTimeout.Milliseconds())},
		// The commands run the same few queries over and over.
		"_stmt_cache_size": {"64"},
	}), readerMmapSize))
	s.read.SetMaxOpenConns(readers)
	s.read.SetMaxIdleConns(readers)
	if err := s.read.PingContext(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("store: open %s for reading: %w", abs, err)
	}
	s.log.LogAttrs(ctx, slog.LevelDebug, "store opened",
		slog.String("path", abs), slog.Int("readers", readers))
	return s, nil
}

// dsn makes a file: URI for mattn/go-sqlite3. The path is escaped so that
// '?', '#' and '%' in a file name cannot be read as URI syntax.
func dsn(abs string, params url.Values) string {
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}
	return "file:" + u.EscapedPath() + "?" + params.Encode()
}

// checkFTS5 fails with a clear message when the linked SQLite has no FTS5.
// The build tag guard (fts5_required.go) catches the usual mistake at
// compile time; this catches a driver built some other way (for example
// against a system libsqlite3).
func checkFTS5(ctx context.Context, db *sql.DB) error {
	var n int
	err := db.QueryRowContext(ctx,
		`SELECT count(*) FROM pragma_compile_options WHERE compile_options = 'ENABLE_FTS5'`).Scan(&n)
	if err != nil {
		return fmt.Errorf("store: reading SQLite compile options: %w", err)
	}
	if n == 0 {
		return errors.New("store: this SQLite has no FTS5 full-text search; build briefbot with -tags sqlite_fts5")
	}
	return nil
}

// Path is the absolute path of the database file.
func (s *Store) Path() string { return s.path }

// Close closes both connection pools. The writer is closed last so that
// its final WAL checkpoint sees no open readers.
func (s *Store) Close() error {
	var errs []error
	if s.read != nil {
		errs = append(errs, s.read.Close())
	}
	if s.write != nil {
		// Keeps the query planner's statistics fresh, as SQLite advises
		// before closing a connection that changed the database.
		if _, err := s.write.Exec(`PRAGMA optimize`); err != nil {
			s.log.LogAttrs(context.Background(), slog.LevelWarn, "PRAGMA optimize failed", slog.Any("error", err))
		}
		errs = append(errs, s.write.Close())
	}
	return errors.Join(errs...)
}

// AnonymousSpeakerID is the id of the one speakers row for unnamed
// sources (briefing.Anonymous); see the schema notes above.
func (s *Store) AnonymousSpeakerID() int64 { return s.anonymousID }
