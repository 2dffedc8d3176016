package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"log/slog"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migration is one schema step; version n is the file whose name starts
// with n (0001_init.sql is version 1).
type migration struct {
	version int
	name    string
	sql     string
}

// migrations lists the embedded migrations in file-name order and checks
// that their numbers run 1, 2, 3... with no gap, so a misnamed file is a
// build-time test failure rather than a skipped step in production.
func migrations() ([]migration, error) {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var ms []migration
	for i, name := range names {
		base := strings.TrimPrefix(name, "migrations/")
		prefix, _, ok := strings.Cut(base, "_")
		n, err := strconv.Atoi(prefix)
		if !ok || err != nil {
			return nil, fmt.Errorf("store: migration %s: name must start with a number and '_'", base)
		}
		if n != i+1 {
			return nil, fmt.Errorf("store: migration %s: expected number %d", base, i+1)
		}
		body, err := migrationFiles.ReadFile(name)
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: n, name: base, sql: string(body)})
	}
	return ms, nil
}

// SchemaVersion is the schema version this binary writes.
func SchemaVersion() int {
	ms, err := migrations()
	if err != nil {
		return 0
	}
	return len(ms)
}

// migrate applies every migration newer than the database's user_version,
// each in its own transaction together with the new user_version, so that
// a crash leaves the database at one version or the next, never between.
func migrate(ctx context.Context, db *sql.DB, path string, log *slog.Logger) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	var current int
	if err := db.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&current); err != nil {
		return fmt.Errorf("store: database %s: reading schema version: %w", path, err)
	}
	if current > len(ms) {
		return fmt.Errorf("store: database %s was written by a newer briefbot (schema %d, this binary knows %d); upgrade briefbot",
			path, current, len(ms))
	}
	for _, m := range ms[current:] {
		if err := applyMigration(ctx, db, m); err != nil {
			return fmt.Errorf("store: database %s: migration %s: %w", path, m.name, err)
		}
		log.LogAttrs(ctx, slog.LevelInfo, "schema migrated",
			slog.String("path", path), slog.String("migration", m.name), slog.Int("version", m.version))
	}
	return nil
}

func applyMigration(ctx context.Context, db *sql.DB, m migration) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// Check again inside the write lock: another process may have
	// migrated between our read of user_version and BEGIN IMMEDIATE.
	var current int
	if err := tx.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&current); err != nil {
		return err
	}
	if current >= m.version {
		return nil
	}
	if current != m.version-1 {
		return fmt.Errorf("database is at schema %d, expected %d", current, m.version-1)
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return err
	}
	// PRAGMA takes no bound parameters; the version is an int we made.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA user_version = %d`, m.version)); err != nil {
		return err
	}
	return tx.Commit()
}
