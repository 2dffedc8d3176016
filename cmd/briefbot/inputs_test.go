package main

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/briefing"
)

func TestWalkInputs(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"b.txt": "x", "a.md": "x", "sub/c.html": "x", "sub/d.HTM": "x", ".hidden.txt": "x",
		".git/config.txt": "x", "notes.pdf": "x", "sub/deeper/e.txt": "x",
	}
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(dir, "sub"), filepath.Join(dir, "link-to-sub")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "b.txt"), filepath.Join(dir, "link.txt")); err != nil {
		t.Fatal(err)
	}
	var visited, rejected []string
	err := walkInputs(context.Background(), []string{dir, filepath.Join(dir, "missing.txt")},
		func(p string) error { visited = append(visited, strings.TrimPrefix(p, dir+"/")); return nil },
		func(r *rejection) { rejected = append(rejected, strings.TrimPrefix(r.Path, dir+"/")+": "+r.Reason) })
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"a.md", "b.txt", "link.txt", "sub/c.html", "sub/d.HTM", "sub/deeper/e.txt"}
	if !reflect.DeepEqual(visited, want) {
		t.Errorf("visited %v, want %v", visited, want)
	}
	if len(rejected) != 3 || !strings.HasPrefix(rejected[0], "link-to-sub: is a symbolic link to a folder") ||
		!strings.HasPrefix(rejected[1], `notes.pdf: unsupported extension ".pdf"`) ||
		!strings.Contains(rejected[2], "missing.txt: unreadable: no such file or folder") {
		t.Errorf("rejected: %q", rejected)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := walkInputs(ctx, []string{dir}, func(string) error { return nil }, func(*rejection) {}); err == nil {
		t.Error("a cancelled walk must stop with the context's error")
	}
}

func TestReadDocumentLimits(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(p, []byte("12345"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, rej := readDocument(p, 5); rej != nil {
		t.Errorf("a file of exactly the limit: %v", rej)
	}
	if _, rej := readDocument(p, 4); rej == nil || !strings.Contains(rej.Reason, "over the size limit: 5 bytes is more than 4 bytes") {
		t.Errorf("over the limit: %v", rej)
	}
	if _, rej := readDocument(dir, 10); rej == nil {
		t.Error("a folder read as a document")
	}
}

func TestProgressLine(t *testing.T) {
	var out strings.Builder
	clock := time.Unix(0, 0)
	now := func() time.Time { clock = clock.Add(300 * time.Millisecond); return clock }
	p := &progress{out: &out, now: now, start: clock}
	in := &ingester{progress: p}
	for i := 0; i < 10; i++ {
		in.added++
		p.update(in, "folder/file.txt")
	}
	if !strings.Contains(out.String(), "\r\033[Kingesting: 10 added, 0 already present, 0 rejected") {
		t.Errorf("progress line: %q", out.String())
	}
	p.clear()
	if !strings.HasSuffix(out.String(), "\r\033[K") {
		t.Errorf("clear must erase the line: %q", out.String())
	}
	var none *progress // no terminal: nothing drawn, nothing panics
	none.update(in, "x")
	none.clear()
}

func TestPipelinePanicIsARejection(t *testing.T) {
	var out strings.Builder
	a := &app{stdin: strings.NewReader(""), stdout: &out, stderr: &out, getenv: func(string) string { return "" }, now: time.Now,
		process: func(doc briefing.Document) (briefing.Article, error) {
			if strings.Contains(string(doc.Body), "boom") {
				panic("index out of range")
			}
			return briefing.Article{Title: "ok", Text: string(doc.Body)}, nil
		}}
	dir := t.TempDir()
	for name, body := range map[string]string{"a.txt": "boom", "b.txt": "fine"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code := a.main(context.Background(), []string{"extract", "--json", dir})
	if code != exitFailed || !strings.Contains(out.String(), "a.txt: internal error in the article pipeline") ||
		!strings.Contains(out.String(), `"file":"b.txt"`) {
		t.Errorf("exit %d, output:\n%s", code, out.String())
	}
}
