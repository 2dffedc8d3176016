package commands

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/store"
	"github.com/briefbot/briefbot/store/corpusgen"
)

// Benchmarks run over a generated corpus of BRIEFBOT_BENCH_ARTICLES
// articles (default 100,000), built once per run through store.Ingest into
// a temporary file. BRIEFBOT_BENCH_DB names a file to keep it in instead:
// when that file and its "<file>.complete" marker exist it is used as it
// is, so a second run skips the build (delete both after changing the
// store or the generator).
const benchSeed = 20250511

func benchArticles() int {
	if n, err := strconv.Atoi(os.Getenv("BRIEFBOT_BENCH_ARTICLES")); err == nil && n > 0 {
		return n
	}
	return 100_000
}

var benchCorpus struct {
	once sync.Once
	path string
	err  error
}

// benchStorePath returns the path of the benchmark corpus, building it
// the first time.
func benchStorePath(tb testing.TB) string {
	benchCorpus.once.Do(func() {
		path := os.Getenv("BRIEFBOT_BENCH_DB")
		if path != "" {
			if _, err := os.Stat(path + ".complete"); err == nil {
				benchCorpus.path = path
				return
			}
			for _, suffix := range []string{"", "-wal", "-shm"} {
				os.Remove(path + suffix) // a build that did not finish
			}
		} else {
			dir, err := os.MkdirTemp("", "briefbot-bench-")
			if err != nil {
				benchCorpus.err = err
				return
			}
			path = filepath.Join(dir, "corpus.db")
		}
		benchCorpus.path, benchCorpus.err = path, buildBenchCorpus(path, benchArticles())
	})
	if benchCorpus.err != nil {
		tb.Fatalf("building the benchmark corpus: %v", benchCorpus.err)
	}
	return benchCorpus.path
}

func buildBenchCorpus(path string, n int) error {
	ctx := context.Background()
	s, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		return err
	}
	g := corpusgen.New(corpusgen.Options{Seed: benchSeed, Articles: n})
	start := time.Now()
	for i := range n {
		a := g.Article(i)
		name := fmt.Sprintf("gen-%d", i)
		if _, err := s.Ingest(ctx, store.RawDocument{Name: name, Format: briefing.FormatText,
			Body: []byte(name + "\n" + a.Text), AddedBy: "bench"}, a); err != nil {
			s.Close()
			return err
		}
		if (i+1)%10000 == 0 {
			fmt.Fprintf(os.Stderr, "bench corpus: %d/%d articles in %v\n", i+1, n, time.Since(start).Round(time.Second))
		}
	}
	if err := s.Close(); err != nil {
		return err
	}
	return os.WriteFile(path+".complete", []byte(fmt.Sprintf("%d articles, seed %d\n", n, benchSeed)), 0o644)
}

// TestBuildBenchCorpus builds the corpus ahead of the benchmarks when
// BRIEFBOT_BENCH_DB is set and BRIEFBOT_BUILD_BENCH=1.
func TestBuildBenchCorpus(t *testing.T) {
	if os.Getenv("BRIEFBOT_BUILD_BENCH") != "1" || os.Getenv("BRIEFBOT_BENCH_DB") == "" {
		t.Skip("set BRIEFBOT_BUILD_BENCH=1 and BRIEFBOT_BENCH_DB=path to build the benchmark corpus")
	}
	t.Logf("corpus at %s", benchStorePath(t))
}
