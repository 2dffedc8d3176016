package store

import (
	"context"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// openTest opens a fresh corpus file in a temporary directory.
func openTest(t testing.TB) *Store {
	t.Helper()
	return openAt(t, filepath.Join(t.TempDir(), "corpus.db"))
}

func openAt(t testing.TB, path string) *Store {
	t.Helper()
	clock := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	s, err := Open(context.Background(), path, Options{Readers: 4, Now: func() time.Time { return clock }})
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

func TestOpenSettings(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	var mode string
	if err := s.write.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q, %v; want wal", mode, err)
	}
	var fk int
	if err := s.write.QueryRowContext(ctx, `PRAGMA foreign_keys`).Scan(&fk); err != nil || fk != 1 {
		t.Errorf("writer foreign_keys = %d, %v; want 1", fk, err)
	}
	if err := s.read.QueryRowContext(ctx, `PRAGMA foreign_keys`).Scan(&fk); err != nil || fk != 1 {
		t.Errorf("reader foreign_keys = %d, %v; want 1", fk, err)
	}
	// The readers must not be able to write.
	_, err := s.read.ExecContext(ctx, `INSERT INTO stories (title) VALUES ('x')`)
	if err == nil || !strings.Contains(err.Error(), "readonly") && !strings.Contains(err.Error(), "read-only") && !strings.Contains(err.Error(), "query_only") {
		t.Errorf("insert through a reader: err = %v; want a read-only error", err)
	}
	if got := s.write.Stats().MaxOpenConnections; got != 1 {
		t.Errorf("writer MaxOpenConnections = %d; want 1", got)
	}
}

func TestOpenRejectsMemory(t *testing.T) {
	_, err := Open(context.Background(), ":memory:", Options{})
	if err == nil || !strings.Contains(err.Error(), "file path") {
		t.Fatalf("Open(:memory:) err = %v; want an error asking for a file path", err)
	}
}

func TestOpenPathWithURISyntax(t *testing.T) {
	// '?' and '#' in a file name must not be read as a URI query or fragment.
	path := filepath.Join(t.TempDir(), "odd?name#1%20.db")
	s := openAt(t, path)
	if s.Path() != path {
		t.Errorf("Path() = %q; want %q", s.Path(), path)
	}
	var n int
	if err := s.read.QueryRow(`SELECT count(*) FROM speakers`).Scan(&n); err != nil || n != 1 {
		t.Errorf("speakers in a new corpus = %d, %v; want 1 (anonymous)", n, err)
	}
}

// TestBuildWithoutFTS5Fails checks the compile-time guard: without the
// sqlite_fts5 tag the package includes fts5_required.go, which uses a
// name that nothing declares, so the build stops with the fix in the
// error message instead of failing at the first search.
func TestBuildWithoutFTS5Fails(t *testing.T) {
	const guard = "briefbot_must_be_built_with_tags_sqlite_fts5"
	ctx := build.Default
	ctx.BuildTags = nil
	untagged, err := ctx.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	ctx.BuildTags = []string{"sqlite_fts5"}
	tagged, err := ctx.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(untagged.GoFiles, "fts5_required.go") || slices.Contains(tagged.GoFiles, "fts5_required.go") {
		t.Fatalf("fts5_required.go must be built exactly when the tag is absent: untagged %v, tagged %v", untagged.GoFiles, tagged.GoFiles)
	}
	fset := token.NewFileSet()
	used, declared := false, false
	for _, name := range untagged.GoFiles {
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.Ident:
				if n.Name == guard {
					used = true
				}
			case *ast.ValueSpec:
				for _, id := range n.Names {
					declared = declared || id.Name == guard
				}
			case *ast.FuncDecl:
				declared = declared || n.Name.Name == guard
			case *ast.TypeSpec:
				declared = declared || n.Name.Name == guard
			}
			return true
		})
	}
	if !used || declared {
		t.Errorf("without the tag the package must use the undeclared name %s (used %v, declared %v)", guard, used, declared)
	}
}

func TestOpenMissingFolder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nope", "corpus.db")
	_, err := Open(context.Background(), path, Options{})
	if err == nil || !strings.Contains(err.Error(), "does not exist") || !strings.Contains(err.Error(), path) {
		t.Fatalf("Open(%s) err = %v; want a missing-folder error naming the path", path, err)
	}
}
