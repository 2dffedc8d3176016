package page

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/briefing/evalscore"
)

// BenchmarkFromText reports the plain-text cleaner's throughput (MB/s, one
// core) over the shared corpus dumps.
func BenchmarkFromText(b *testing.B) {
	dir := evalscore.SharedDir(b, "corpus")
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	var docs []string
	var size int64
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, string(raw))
		size += int64(len(raw))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			FromText(d)
		}
	}
}

// BenchmarkFromTextLarge runs the cleaner over pathological inputs to show
// the time stays linear: one 5 MiB paragraph, ten thousand quote marks,
// and 100,000 short lines that all look like furniture.
func BenchmarkFromTextLarge(b *testing.B) {
	inputs := map[string]string{
		"paragraph-5MiB": strings.Repeat("word “quote” again, ", 5<<20/22),
		"quotes-10k":     strings.Repeat("\"", 10000),
		"lines-100k":     strings.Repeat("News Feed\n10:48 AM\nSubscribe\nPhoto: A. Credit\n", 25000),
	}
	for name, in := range inputs {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				FromText(in)
			}
		})
	}
}

// TestLargeInputsFinish guards against quadratic passes: large inputs must
// finish (the time limit is generous, for slow CI machines; the benchmark
// above gives the real figures).
func TestLargeInputsFinish(t *testing.T) {
	if testing.Short() {
		t.Skip("large inputs: skipped with -short")
	}
	for name, in := range map[string]string{
		"one 5 MiB paragraph":     strings.Repeat("word “quote” again, ", 5<<20/22),
		"10,000 quote marks":      strings.Repeat("«", 10000),
		"200,000 furniture lines": strings.Repeat("News Feed\n10:48 AM\nRelated\nImages source: x\n", 50000),
		"mixed scripts and RTL":   strings.Repeat("مرحبا بالعالم שלום עולם 你好世界 Hello.\n", 50000),
	} {
		done := make(chan Page, 1)
		go func() { done <- FromText(in) }()
		select {
		case <-done:
		case <-time.After(60 * time.Second):
			t.Fatalf("%s: FromText did not finish in 60s", name)
		}
	}
}
