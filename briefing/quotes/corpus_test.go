package quotes

import (
	"os"
	"path/filepath"
	"testing"
)

// corpusDir finds ../shared/corpus beside the repository root.
func corpusDir(t testing.TB) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "..", "shared", "corpus")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// corpusSeeds reads the corpus files; absent corpus is fatal under CI=true.
func corpusSeeds(t testing.TB) []string {
	dir := corpusDir(t)
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) == 0 {
		if os.Getenv("CI") == "true" {
			t.Fatalf("corpus not found in %s (needed under CI=true)", dir)
		}
		t.Logf("corpus not found in %s", dir)
	}
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(b))
	}
	return out
}
