package main

import (
	"database/sql"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/store"
)

// expectedQuotes runs the pipeline over every file once: the number of
// quotes a whole article must have in the corpus, by document hash.
func expectedQuotes(t *testing.T, paths []string) map[string]int {
	t.Helper()
	want := map[string]int{}
	for _, p := range paths {
		doc, rej := readDocument(p, 5<<20)
		if rej != nil {
			t.Fatal(rej)
		}
		art, err := briefing.Process(doc)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		want[store.Hash(doc.Body)] = len(art.Quotes)
	}
	return want
}

// checkWhole opens the database left behind (after a crash SQLite recovers
// from the WAL here) and checks that it is sound and holds whole articles
// only: every document has its article, every article has all the quotes
// the pipeline gives its document, nothing points at a missing row, and the
// full-text indexes agree with their tables. It returns the number of
// documents.
func checkWhole(t *testing.T, path string, want map[string]int) int {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?_foreign_keys=1")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var ok string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&ok); err != nil || ok != "ok" {
		t.Fatalf("integrity_check: %q, %v", ok, err)
	}
	// Killed before the first migration committed: no schema at all, which
	// the next Open creates. Anything else must be a whole schema.
	var version, tables int
	if err := db.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow("SELECT count(*) FROM sqlite_master WHERE type = 'table'").Scan(&tables); err != nil {
		t.Fatal(err)
	}
	if version == 0 {
		if tables != 0 {
			t.Fatalf("schema version 0 but %d tables: a half-applied migration", tables)
		}
		return 0
	}
	if version != store.SchemaVersion() {
		t.Fatalf("schema version %d, want %d", version, store.SchemaVersion())
	}
	rows, err := db.Query("PRAGMA foreign_key_check")
	if err != nil {
		t.Fatal(err)
	}
	if rows.Next() {
		t.Fatal("foreign_key_check found rows pointing at missing rows")
	}
	rows.Close()
	for _, fts := range []string{"articles_fts", "quotes_fts"} {
		if _, err := db.Exec("INSERT INTO " + fts + "(" + fts + ") VALUES ('integrity-check')"); err != nil {
			t.Fatalf("%s integrity-check: %v", fts, err)
		}
	}
	orphans := map[string]string{
		"documents without an article": `SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.document_id = d.id)`,
		"quotes without an article":    `SELECT count(*) FROM quotes q WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = q.article_id)`,
		"events without an article":    `SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = e.article_id)`,
		"speakers without a quote":     `SELECT count(*) FROM speakers s WHERE s.last_key <> '' AND NOT EXISTS (SELECT 1 FROM quotes q WHERE q.speaker_id = s.id)`,
		"duplicate documents":          `SELECT count(*) - count(DISTINCT sha256) FROM documents`,
	}
	for what, q := range orphans {
		var n int
		if err := db.QueryRow(q).Scan(&n); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if n != 0 {
			t.Errorf("%d %s", n, what)
		}
	}
	got, err := db.Query(`SELECT d.sha256, d.name, (SELECT count(*) FROM quotes q WHERE q.article_id = a.id)
		FROM documents d JOIN articles a ON a.document_id = d.id`)
	if err != nil {
		t.Fatal(err)
	}
	defer got.Close()
	n := 0
	for got.Next() {
		var sha, name string
		var quotes int
		if err := got.Scan(&sha, &name, &quotes); err != nil {
			t.Fatal(err)
		}
		n++
		w, known := want[sha]
		switch {
		case !known:
			t.Errorf("%s: a document that was never ingested", name)
		case quotes != w:
			t.Errorf("%s: %d quotes stored, the pipeline gives %d: a partial article", name, quotes, w)
		}
	}
	if err := got.Err(); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestIngestSurvivesSIGKILL kills `briefbot ingest` with SIGKILL at random
// moments, over and over, and checks after each kill that the corpus is
// sound and holds whole articles only; then the same ingest completes with
// every document once.
func TestIngestSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("kills real ingest processes; skipped with -short")
	}
	dir := t.TempDir()
	docs := filepath.Join(dir, "articles")
	paths := writeArticles(t, docs, 7, 0, 200)
	want := expectedQuotes(t, paths)
	db := filepath.Join(dir, "corpus.db")

	// How long starting up and a whole ingest take here, to kill within
	// the ingest's work.
	start := time.Now()
	if r := briefbot(t, nil, "ingest", "--db", filepath.Join(dir, "startup.db"), t.TempDir()); r.code != 0 {
		t.Fatalf("empty ingest: %s", r)
	}
	startup := time.Since(start)
	start = time.Now()
	if r := briefbot(t, nil, "ingest", "--db", filepath.Join(dir, "timing.db"), docs); r.code != 0 {
		t.Fatalf("reference ingest: %s", r)
	}
	full := time.Since(start)
	t.Logf("starting takes %v, a whole ingest of %d articles %v", startup, len(paths), full)
	work := max(full-startup, 100*time.Millisecond)

	rng := rand.New(rand.NewPCG(1, uint64(time.Now().UnixNano())))
	const rounds = 15
	killedMidway, partial := 0, 0
	for round := 0; round < rounds; round++ {
		if round%3 == 0 { // start over now and then, so kills land on a busy writer
			for _, suffix := range []string{"", "-wal", "-shm"} {
				os.Remove(db + suffix)
			}
		}
		cmd := exec.Command(binary, "ingest", "--db", db, docs)
		cmd.Env = cleanEnv()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		delay := startup/2 + time.Duration(rng.Int64N(int64(work+startup/2)))
		time.Sleep(delay)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		err := cmd.Wait()
		if signalled(err, syscall.SIGKILL) {
			killedMidway++
		}
		n := checkWhole(t, db, want)
		if n > 0 && n < len(paths) {
			partial++
		}
		t.Logf("round %d: killed after %v; %d whole articles in the corpus", round, delay.Round(time.Millisecond), n)
		if t.Failed() {
			t.FailNow()
		}
	}
	if killedMidway == 0 {
		t.Fatalf("no ingest was killed before it finished in %d rounds", rounds)
	}
	t.Logf("%d of %d ingests killed before they finished, %d leaving a partial corpus", killedMidway, rounds, partial)
	r := briefbot(t, nil, "ingest", "--db", db, docs)
	if r.code != 0 {
		t.Fatalf("ingest after the kills: %s", r)
	}
	if !strings.Contains(r.stdout, "200 files:") || !strings.Contains(r.stdout, "0 rejected") {
		t.Errorf("summary: %s", r.stdout)
	}
	if n := checkWhole(t, db, want); n != len(paths) {
		t.Errorf("%d documents in the corpus after a complete ingest, want %d", n, len(paths))
	}
	r = briefbot(t, nil, "ingest", "--db", db, docs)
	if r.code != 0 || !strings.Contains(r.stdout, "0 added (0 quotes), 200 already present") {
		t.Errorf("ingesting the same files again must add nothing: %s", r)
	}
	if n := checkWhole(t, db, want); n != len(paths) {
		t.Errorf("%d documents after a second ingest, want %d", n, len(paths))
	}
}

// TestIngestBadInput gives ingest every kind of bad input among good files:
// each is named with its reason, every good file is still added, and the
// exit status is 1.
func TestIngestBadInput(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	good := writeArticles(t, in, 11, 0, 3)
	write := func(name string, body []byte) string {
		p := filepath.Join(in, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, body, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	empty := write("empty.txt", nil)
	blank := write("blank.md", []byte("  \n\n\t \n"))
	binaryFile := write("photo.txt", append([]byte("GIF89a"), make([]byte, 200)...))
	latin1 := write("latin1.txt", []byte("Caf\xe9 owner said prices would rise.\n"))
	big := write("big.txt", []byte(strings.Repeat("All work and no play. ", 4000))) // 88 KB
	pdf := write("report.pdf", []byte("%PDF-1.4"))
	dangling := filepath.Join(in, "moved.txt")
	if err := os.Symlink(filepath.Join(dir, "nowhere.txt"), dangling); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(in, "pipe.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "no-such-file.txt")
	nested := writeArticles(t, filepath.Join(in, "sub", "folder.txt"), 12, 0, 1) // a folder with a document name is walked

	db := filepath.Join(dir, "corpus.db")
	r := briefbot(t, []string{"BRIEFBOT_MAX_DOCUMENT_BYTES=64KiB"}, "ingest", "--db", db, in, missing)
	if r.code != exitFailed {
		t.Fatalf("want exit 1 when files were rejected; got %s", r)
	}
	for _, tc := range []struct{ path, reason string }{
		{empty, "empty file"},
		{blank, "empty document"},
		{binaryFile, "binary content"},
		{latin1, "not valid text"},
		{big, "over the size limit"},
		{pdf, `unsupported extension ".pdf"`},
		{dangling, "unreadable: a symbolic link to a file that does not exist"},
		{fifo, "not a regular file"},
		{missing, "unreadable: no such file or folder"},
	} {
		line := tc.path + ": " + tc.reason
		if !strings.Contains(r.stderr, "rejected: "+line) || !strings.Contains(r.stdout, line) {
			t.Errorf("want %q on stderr and in the summary; got %s", line, r)
		}
	}
	if !strings.Contains(r.stdout, "4 added") || !strings.Contains(r.stdout, "9 rejected") {
		t.Errorf("summary: %s", r.stdout)
	}
	want := expectedQuotes(t, append(good, nested...))
	if n := checkWhole(t, db, want); n != 4 {
		t.Errorf("%d documents stored, want the 4 good ones", n)
	}
}

// TestIngestThousandsOfFiles ingests a folder of 3,000 small files with one
// bad file among them.
func TestIngestThousandsOfFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("3,000 files; skipped with -short")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "many")
	const n = 3000
	for i := 0; i < n; i++ {
		body := []byte("Harbour board approves berth " + itoa(i) + "\n\nBy Lena Ask, Port Gazette\nPublished May 4, 2026\n\n" +
			"The harbour board approved berth " + itoa(i) + " on Monday. \"We expect the first ships in June,\" said Ivo Marek, the board's chair.\n")
		if err := os.MkdirAll(filepath.Join(in, itoa(i%7)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(in, itoa(i%7), "berth-"+itoa(i)+".txt"), body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	bad := filepath.Join(in, "3", "zero.txt")
	if err := os.WriteFile(bad, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "corpus.db")
	r := briefbot(t, nil, "ingest", "--db", db, in)
	if r.code != exitFailed || !strings.Contains(r.stderr, bad+": empty file") {
		t.Fatalf("want exit 1 naming %s; got %s", bad, r)
	}
	if !strings.Contains(r.stdout, itoa(n+1)+" files: "+itoa(n)+" added") {
		t.Errorf("summary: %s", r.stdout)
	}
	q := briefbot(t, nil, "query", "--db", db, "/stats")
	if q.code != 0 || !strings.Contains(q.stdout, itoa(n)) {
		t.Errorf("/stats after ingesting %d files: %s", n, q)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }
