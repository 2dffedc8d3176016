package evalscore

import (
	"os"
	"path/filepath"
	"testing"
)

// SharedDir returns the shared data folder sub ("corpus", "eval/gold",
// "bench/article-extraction") that sits beside the repository in
// ../shared, found by walking up from the test's folder to go.mod. Tests
// that need it skip when it is absent, and fail when it is absent under
// CI=true, where CI promises it is there.
func SharedDir(tb testing.TB, sub string) string {
	tb.Helper()
	if p, ok := findShared(sub); ok {
		return p
	}
	missing(tb, sub)
	tb.Skipf("shared data %q not found in ../shared beside the repository: skipping", sub)
	return ""
}

// SharedSeeds returns the contents of the files matching pattern in the
// shared folder sub, for seeding fuzz tests. When the folder is absent it
// returns nothing, so the fuzz test still runs on its own seeds, except
// under CI=true, where that is a failure.
func SharedSeeds(tb testing.TB, sub, pattern string) []string {
	tb.Helper()
	dir, ok := findShared(sub)
	if !ok {
		missing(tb, sub)
		tb.Logf("shared data %q not found in ../shared: fuzzing without its seeds", sub)
		return nil
	}
	files, err := filepath.Glob(filepath.Join(dir, pattern))
	if err != nil {
		tb.Fatalf("seeds %s: %v", pattern, err)
	}
	var seeds []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatalf("seed %s: %v", f, err)
		}
		seeds = append(seeds, string(b))
	}
	return seeds
}

// missing fails the test under CI=true.
func missing(tb testing.TB, sub string) {
	tb.Helper()
	if os.Getenv("CI") == "true" {
		tb.Fatalf("shared data %q not found in ../shared beside the repository; it is required under CI=true", sub)
	}
}

// findShared walks up from the working directory (a test runs in its
// package's folder) to the module root and looks for ../shared/sub.
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
	p := filepath.Join(dir, "..", "shared", filepath.FromSlash(sub))
	if _, err := os.Stat(p); err != nil {
		return "", false
	}
	return p, true
}

// The bar for quotes on the dev gold: direct and partial quotes
// found and attributed with precision and recall at least these; reported
// speech with precision at least SidePrecision.
const (
	MainPrecision = 0.97
	MainRecall    = 0.95
	SidePrecision = 0.85
)

// CheckTargets scores preds against gold, logs both tables with their
// details, and fails the test when a score is below the bar.
func CheckTargets(tb testing.TB, gold map[string]Gold, preds []Prediction) {
	tb.Helper()
	main := Score(gold, preds, MainKinds...)
	side := Score(gold, preds, SideKinds...)
	tb.Logf("direct+partial:    %s", main)
	tb.Logf("indirect+unmarked: %s", side)
	for _, d := range append(main.Details, side.Details...) {
		tb.Log(d)
	}
	if main.Precision < MainPrecision || main.Recall < MainRecall {
		tb.Errorf("direct+partial below target (precision >= %.2f, recall >= %.2f): %s", MainPrecision, MainRecall, main)
	}
	if side.Precision < SidePrecision {
		tb.Errorf("indirect+unmarked precision below %.2f: %s", SidePrecision, side)
	}
}
