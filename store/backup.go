package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"time"
)

// Backup writes a consistent copy of the corpus to dest while the store
// stays in use. It refuses to overwrite an existing file.
//
// The copy is made with VACUUM INTO on a read connection: it reads one
// snapshot (WAL readers see the database as of their transaction start),
// so ingests go on meanwhile and the copy holds whole articles only. It is
// written to a temporary file next to dest and linked into place only when
// complete, so a crash or a full disk never leaves a truncated backup
// under dest's name.
func (s *Store) Backup(ctx context.Context, dest string) error {
	if dest == "" {
		return errors.New("backup: no destination path given")
	}
	abs, err := filepath.Abs(dest)
	if err != nil {
		return fmt.Errorf("backup %s: %w", dest, err)
	}
	if abs == s.path {
		return fmt.Errorf("backup %s: that is the database itself", dest)
	}
	if _, err := os.Lstat(abs); err == nil {
		return fmt.Errorf("backup %s: the file already exists; choose a new name or remove it first", dest)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("backup %s: %w", dest, err)
	}
	dir := filepath.Dir(abs)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return fmt.Errorf("backup %s: the folder %s does not exist", dest, dir)
	}

	// VACUUM INTO wants a path that does not exist yet; reserve a unique
	// name with CreateTemp and remove the empty file.
	f, err := os.CreateTemp(dir, "."+filepath.Base(abs)+".partial-*")
	if err != nil {
		return fmt.Errorf("backup %s: %w", dest, err)
	}
	tmp := f.Name()
	f.Close()
	os.Remove(tmp)
	defer os.Remove(tmp)

	start := time.Now() // a duration, not a timestamp: the real clock
	if err := s.vacuumInto(ctx, tmp); err != nil {
		return fmt.Errorf("backup %s: %w", dest, err)
	}
	// A hard link fails when dest exists, so a file created at dest since
	// the check above is never overwritten.
	if err := os.Link(tmp, abs); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("backup %s: the file already exists; choose a new name or remove it first", dest)
		}
		// Some file systems (network shares, some container volumes)
		// have no hard links: rename, checking once more just before.
		if _, err := os.Lstat(abs); err == nil {
			return fmt.Errorf("backup %s: the file already exists; choose a new name or remove it first", dest)
		}
		if err := os.Rename(tmp, abs); err != nil {
			return fmt.Errorf("backup %s: %w", dest, err)
		}
	}
	var size int64
	if fi, err := os.Stat(abs); err == nil {
		size = fi.Size()
	}
	s.log.LogAttrs(ctx, slog.LevelInfo, "backup written",
		slog.String("dest", abs), slog.Int64("bytes", size),
		slog.Duration("took", time.Since(start).Round(time.Millisecond)))
	return nil
}

// vacuumInto copies the database into path through a connection of its
// own: read-only (mode=ro) so it cannot change the corpus, but without the
// pool's query_only, which also forbids writing the VACUUM INTO target.
func (s *Store) vacuumInto(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite3", dsn(s.path, url.Values{
		"mode":          {"ro"},
		"_busy_timeout": {fmt.Sprint(busyTimeout.Milliseconds())},
	}))
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	_, err = db.ExecContext(ctx, `VACUUM INTO ?`, path)
	return err
}
