package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

func TestMigrateEmptyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "corpus.db")
	s := openAt(t, path)
	ctx := context.Background()
	var v int
	if err := s.read.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&v); err != nil {
		t.Fatal(err)
	}
	if v != SchemaVersion() || v < 2 {
		t.Fatalf("user_version = %d; want %d", v, SchemaVersion())
	}
	for _, table := range []string{"documents", "articles", "stories", "speakers", "speaker_aliases", "quotes", "events", "articles_fts", "quotes_fts"} {
		var n int
		if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE name = ?`, table).Scan(&n); err != nil || n != 1 {
			t.Errorf("table %s: count %d, err %v", table, n, err)
		}
	}
	if s.anonymousID == 0 {
		t.Error("no anonymous speaker row")
	}
	// Opening again applies nothing and keeps the one anonymous row.
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s2 := openAt(t, path)
	var n int
	if err := s2.read.QueryRowContext(ctx, `SELECT count(*) FROM speakers WHERE name_key = 'anonymous'`).Scan(&n); err != nil || n != 1 {
		t.Errorf("anonymous rows after reopening = %d, %v; want 1", n, err)
	}
	if s2.anonymousID != s.anonymousID {
		t.Errorf("anonymous id changed: %d then %d", s.anonymousID, s2.anonymousID)
	}
}

func TestMigrateRefusesNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "corpus.db")
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	newer := SchemaVersion() + 5
	if _, err := db.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, newer)); err != nil {
		t.Fatal(err)
	}
	db.Close()
	_, err = Open(context.Background(), path, Options{})
	if err == nil {
		t.Fatal("Open accepted a database from a newer briefbot")
	}
	want := fmt.Sprintf("written by a newer briefbot (schema %d, this binary knows %d); upgrade briefbot", newer, SchemaVersion())
	if !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), path) {
		t.Errorf("err = %q; want it to name %s and say %q", err, path, want)
	}
}

func TestMigrateFromVersionOne(t *testing.T) {
	// A database made by the first schema alone gets the later steps.
	path := filepath.Join(t.TempDir(), "corpus.db")
	db, ms := dbAtVersion(t, path, 1)
	db.Close()
	s := openAt(t, path)
	var v int
	if err := s.read.QueryRow(`PRAGMA user_version`).Scan(&v); err != nil || v != len(ms) {
		t.Errorf("user_version = %d, %v; want %d", v, err, len(ms))
	}
}

// dbAtVersion makes a database at path with only the first n migrations
// applied, as an older briefbot left it, and returns it with every
// migration there is.
func dbAtVersion(t *testing.T, path string, n int) (*sql.DB, []migration) {
	t.Helper()
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	for _, m := range ms[:n] {
		if err := applyMigration(context.Background(), db, m); err != nil {
			t.Fatal(err)
		}
	}
	return db, ms
}

func TestMigrationFailureRollsBack(t *testing.T) {
	path := filepath.Join(t.TempDir(), "corpus.db")
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	bad := migration{version: 1, name: "0001_bad.sql", sql: `CREATE TABLE a (x INTEGER); CREATE TABLE a (y INTEGER);`}
	if err := applyMigration(context.Background(), db, bad); err == nil {
		t.Fatal("a failing migration reported success")
	}
	var n, v int
	db.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE name = 'a'`).Scan(&n)
	db.QueryRow(`PRAGMA user_version`).Scan(&v)
	if n != 0 || v != 0 {
		t.Errorf("after a failed migration: table a count %d, user_version %d; want 0, 0", n, v)
	}
}
