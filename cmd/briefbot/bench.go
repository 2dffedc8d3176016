package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/briefbot/briefbot/briefing"
)

func runBench(ctx context.Context, a *app, args []string) int {
	c := a.command("bench", "[--time D] [--workers N] PATH...",
		"Runs the article pipeline (briefing.Process: decoding, cleaning, quotes,\n"+
			"summary, dates) over files and folders, repeatedly for at least --time, and\n"+
			"prints its throughput in MB/s per core and articles/s, naming the machine.\n"+
			"Files are read into memory first, so only the pipeline is timed.")
	cfgPath := c.configFlag()
	minTime := c.fs.Duration("time", 3*time.Second, "run for at least this long")
	workers := c.fs.Int("workers", 1, "articles processed in parallel (at most the number of cores is useful)")
	if code, ok := c.parse(args); !ok {
		return code
	}
	if c.fs.NArg() == 0 {
		return c.badUsage("name at least one file or folder")
	}
	if *workers < 1 || *minTime <= 0 {
		return c.badUsage("--workers must be at least 1 and --time positive")
	}
	cfg, ok := a.loadConfig("bench", *cfgPath)
	if !ok {
		return exitFailed
	}
	var docs []briefing.Document
	var size int64
	failed := 0
	bad := func(r *rejection) {
		failed++
		fmt.Fprintf(a.stderr, "briefbot bench: skipped %s: %s\n", r.Path, r.Reason)
	}
	err := walkInputs(ctx, c.fs.Args(), func(path string) error {
		doc, rej := readDocument(path, cfg.MaxDocumentBytes)
		if rej != nil {
			bad(rej)
			return nil
		}
		if _, err := safely(a.process, doc); err != nil { // warm-up and a check that it is usable
			bad(pipelineRejection(path, err))
			return nil
		}
		docs = append(docs, doc)
		size += int64(len(doc.Body))
		return nil
	}, bad)
	if err != nil {
		fmt.Fprintf(a.stderr, "briefbot bench: %v\n", err)
		return exitFailed
	}
	if len(docs) == 0 {
		fmt.Fprintf(a.stderr, "briefbot bench: no document to measure\n")
		return exitFailed
	}

	var processed atomic.Int64
	var cpu time.Duration
	start := time.Now()
	passes := 0
	for time.Since(start) < *minTime && ctx.Err() == nil {
		next := atomic.Int64{}
		var wg sync.WaitGroup
		var busy atomic.Int64
		for w := 0; w < *workers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				t := time.Now()
				for {
					i := next.Add(1) - 1
					if i >= int64(len(docs)) {
						break
					}
					_, _ = a.process(docs[i])
					processed.Add(1)
				}
				busy.Add(int64(time.Since(t)))
			}()
		}
		wg.Wait()
		cpu += time.Duration(busy.Load())
		passes++
	}
	elapsed := time.Since(start)
	mb := float64(size) * float64(passes) / 1e6
	fmt.Fprintf(a.stdout, "machine: %s/%s, %s, %d cores (GOMAXPROCS %d), %s\n",
		runtime.GOOS, runtime.GOARCH, cpuModel(), runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version())
	fmt.Fprintf(a.stdout, "input: %d documents, %s; %d passes in %s with %d worker(s)\n",
		len(docs), formatBytes(size), passes, elapsed.Round(time.Millisecond), *workers)
	fmt.Fprintf(a.stdout, "throughput: %.2f MB/s per core, %.2f MB/s in all, %.1f articles/s\n",
		mb/cpu.Seconds(), mb/elapsed.Seconds(), float64(processed.Load())/elapsed.Seconds())
	if failed > 0 {
		return exitFailed
	}
	return exitOK
}

// cpuModel reads the processor's name from /proc/cpuinfo (Linux); elsewhere
// it says it does not know.
func cpuModel() string {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return "unknown CPU"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		key, value, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		switch strings.TrimSpace(key) {
		case "model name", "Model", "cpu model", "Processor":
			return strings.TrimSpace(value)
		}
	}
	return "unknown CPU"
}
