package store

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBackupRefusesExistingFile(t *testing.T) {
	s := openTest(t)
	dest := filepath.Join(t.TempDir(), "exists.db")
	if err := os.WriteFile(dest, []byte("keep me"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := s.Backup(context.Background(), dest)
	if err == nil || !strings.Contains(err.Error(), "already exists") || !strings.Contains(err.Error(), dest) {
		t.Fatalf("Backup over an existing file: err = %v; want an 'already exists' error naming it", err)
	}
	if b, _ := os.ReadFile(dest); string(b) != "keep me" {
		t.Errorf("existing file changed to %q", b)
	}
}

func TestBackupMissingFolder(t *testing.T) {
	s := openTest(t)
	dest := filepath.Join(t.TempDir(), "no", "such", "dir", "b.db")
	if err := s.Backup(context.Background(), dest); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Fatalf("err = %v; want a missing-folder error", err)
	}
}

// checkIntegrity opens a database file directly and runs integrity_check.
func checkIntegrity(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	var res string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&res); err != nil || res != "ok" {
		t.Fatalf("integrity_check(%s) = %q, %v", path, res, err)
	}
	return db
}

func TestBackupEmpty(t *testing.T) {
	s := openTest(t)
	dest := filepath.Join(t.TempDir(), "b.db")
	if err := s.Backup(context.Background(), dest); err != nil {
		t.Fatal(err)
	}
	db := checkIntegrity(t, dest)
	var v int
	if err := db.QueryRow(`PRAGMA user_version`).Scan(&v); err != nil || v != SchemaVersion() {
		t.Errorf("backup user_version = %d, %v; want %d", v, err, SchemaVersion())
	}
	entries, _ := os.ReadDir(filepath.Dir(dest))
	if len(entries) != 1 {
		t.Errorf("backup folder holds %d entries; want only the backup (no temporary files)", len(entries))
	}
}

func TestBackupWhileReadingAndWriting(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	r := rand.New(rand.NewPCG(7, 8))
	quotesOf := map[string]int{} // title -> quotes, to check whole articles
	ingest := func(i int) {
		a := genArticle(r, i)
		quotesOf[a.Title] = len(a.Quotes)
		mustIngest(t, s, fmt.Sprintf("doc%d", i), a)
	}
	for i := range 30 {
		ingest(i)
	}
	// A reader holds a snapshot open for the whole backup.
	rtx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer rtx.Rollback()
	var seen int
	if err := rtx.QueryRow(`SELECT count(*) FROM articles`).Scan(&seen); err != nil || seen != 30 {
		t.Fatalf("reader sees %d articles, %v", seen, err)
	}
	titles := make(chan map[string]int, 1)
	go func() {
		// Writes go on meanwhile (the generator is not shared).
		r2 := rand.New(rand.NewPCG(9, 10))
		more := map[string]int{}
		for i := 30; i < 60; i++ {
			a := genArticle(r2, i)
			more[a.Title] = len(a.Quotes)
			if _, err := s.Ingest(ctx, rawFor(fmt.Sprintf("doc%d", i), a), a); err != nil {
				t.Error(err)
			}
		}
		titles <- more
	}()
	dest := filepath.Join(t.TempDir(), "backup.db")
	if err := s.Backup(ctx, dest); err != nil {
		t.Fatal(err)
	}
	for k, v := range <-titles {
		quotesOf[k] = v
	}
	db := checkIntegrity(t, dest)
	var articles int
	if err := db.QueryRow(`SELECT count(*) FROM articles`).Scan(&articles); err != nil || articles < 30 || articles > 60 {
		t.Fatalf("backup holds %d articles, %v; want 30..60", articles, err)
	}
	// Only whole articles: each has every one of its quotes.
	rows, err := db.Query(`SELECT a.title, (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) FROM articles a`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var title string
		var n int
		rows.Scan(&title, &n)
		if n != quotesOf[title] {
			t.Errorf("backup article %q has %d of its %d quotes", title, n, quotesOf[title])
		}
	}
	// The copy opens as a corpus and is searchable.
	db.Close()
	c := openAt(t, dest)
	if n := count(t, c, `SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH 'the'`); n == 0 {
		t.Error("the backup's quote index finds nothing")
	}
	checkInvariants(t, c)
}
