package briefing

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/briefbot/briefbot/briefing/evalscore"
)

// corpusDocs reads the plain-text corpus in ../shared/corpus as Documents.
func corpusDocs(tb testing.TB) []Document {
	tb.Helper()
	dir := evalscore.SharedDir(tb, "corpus")
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("no corpus files in %s (%v)", dir, err)
	}
	docs := make([]Document, 0, len(files))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		docs = append(docs, Document{Name: filepath.Base(f), Format: FormatText, Body: b})
	}
	return docs
}

// BenchmarkProcess reports the plain-text pipeline's throughput over the
// corpus; run with -cpu 1 to read it as MB/s per core. The target is
// 10 MB/s per core (issue 3).
func BenchmarkProcess(b *testing.B) {
	docs := corpusDocs(b)
	var n int64
	for _, d := range docs {
		n += int64(len(d.Body))
	}
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			if _, err := Process(d); err != nil {
				b.Fatal(err)
			}
		}
	}
}
