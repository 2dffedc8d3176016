package page

import (
	"os"
	"path/filepath"
	"testing"
)

// findShared finds the shared data directory sub beside the repository:
// it walks up from the package directory to the module root (go.mod), then
// "../shared/sub".
func findShared(sub string) (string, bool) {
	dir, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
	p := filepath.Join(dir, "..", "shared", sub)
	if _, err := os.Stat(p); err != nil {
		return "", false
	}
	return p, true
}

// sharedDir is findShared for tests that need the data: they skip when it
// is absent, and fail when it is absent under CI=true.
func sharedDir(t testing.TB, sub string) string {
	t.Helper()
	if p, ok := findShared(sub); ok {
		return p
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("shared data %q not found beside the repository (../shared); it is required under CI=true", sub)
	}
	t.Skipf("shared data %q not found beside the repository (../shared): skipping", sub)
	return ""
}
