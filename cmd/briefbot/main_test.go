package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/store/corpusgen"
)

// binary is the briefbot executable the subprocess tests run, built once
// by TestMain with the same tags as production.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "briefbot-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "briefbot")
	goTool := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(goTool); err != nil {
		goTool = "go"
	}
	build := exec.Command(goTool, "build", "-tags", "sqlite_fts5", "-o", binary, ".")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintf(os.Stderr, "building briefbot: %v\n", err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// result is what one run of the binary did.
type result struct {
	stdout, stderr string
	code           int
}

func (r result) String() string {
	return fmt.Sprintf("exit %d\n--- stdout:\n%s\n--- stderr:\n%s", r.code, r.stdout, r.stderr)
}

// cleanEnv is the test process's environment without briefbot's settings,
// so that a developer's own configuration cannot change a test.
func cleanEnv(extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "BRIEFBOT_") || strings.HasPrefix(kv, "DISCORD_") {
			continue
		}
		env = append(env, kv)
	}
	return append(env, extra...)
}

// briefbot runs the binary to completion (at most two minutes).
func briefbot(t *testing.T, env []string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Env = cleanEnv(env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		code = ee.ExitCode()
	case err != nil:
		t.Fatalf("running briefbot %v: %v", args, err)
	}
	return result{stdout: stdout.String(), stderr: stderr.String(), code: code}
}

// writeArticles writes n fictional articles from the seeded generator as
// plain-text page dumps (headline, byline, date line, paragraphs) into dir,
// starting at article first, and returns their paths.
func writeArticles(t testing.TB, dir string, seed uint64, first, n int) []string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	gen := corpusgen.New(corpusgen.Options{Seed: seed, Articles: first + n})
	var paths []string
	for i := first; i < first+n; i++ {
		art := gen.Article(i)
		var b strings.Builder
		fmt.Fprintf(&b, "%s\n\nBy %s, %s\nPublished %s\n\n%s\n", art.Title, orDash(art.Author), art.Source,
			art.Published.Format("January 2, 2006"), art.Text)
		path := filepath.Join(dir, fmt.Sprintf("article-%05d.txt", i))
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, path)
	}
	return paths
}

// inProcess runs a subcommand in this process, for the cheap checks of
// usage and flags (the subprocess tests cover the real binary).
func inProcess(args ...string) result {
	var stdout, stderr bytes.Buffer
	a := &app{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr,
		getenv: func(string) string { return "" }, process: briefing.Process, now: time.Now}
	code := a.main(context.Background(), args)
	return result{stdout: stdout.String(), stderr: stderr.String(), code: code}
}

func TestUsage(t *testing.T) {
	if r := briefbot(t, nil); r.code != exitBadUsage || !strings.Contains(r.stderr, "usage: briefbot <command>") {
		t.Errorf("no arguments: want exit 2 with usage; got %s", r)
	}
	if r := inProcess("frobnicate"); r.code != exitBadUsage || !strings.Contains(r.stderr, `unknown command "frobnicate"`) {
		t.Errorf("unknown command: %s", r)
	}
	if r := inProcess("help"); r.code != 0 || !strings.Contains(r.stdout, "ingest") {
		t.Errorf("help: %s", r)
	}
	for _, c := range subcommands() {
		r := inProcess(c.name, "--help")
		if r.code != 0 || !strings.Contains(r.stdout, "usage: briefbot "+c.name) {
			t.Errorf("%s --help: want exit 0 and its usage on stdout; got %s", c.name, r)
		}
		r = inProcess(c.name, "--no-such-flag")
		if r.code != exitBadUsage || !strings.Contains(r.stderr, "flag provided but not defined") {
			t.Errorf("%s with a bad flag: want exit 2; got %s", c.name, r)
		}
	}
	for _, args := range [][]string{{"ingest"}, {"extract"}, {"query"}, {"backup"}, {"bench"}, {"reprocess", "extra"}} {
		if r := inProcess(args...); r.code != exitBadUsage || !strings.Contains(r.stderr, "usage: briefbot "+args[0]) {
			t.Errorf("%v: want exit 2 with the usage; got %s", args, r)
		}
	}
	if r := briefbot(t, nil, "version"); r.code != 0 || !strings.HasPrefix(r.stdout, "briefbot ") || !strings.Contains(r.stdout, runtime.Version()) {
		t.Errorf("version: %s", r)
	}
}

func TestInvalidSettings(t *testing.T) {
	r := briefbot(t, []string{"BRIEFBOT_MAX_DOCUMENT_BYTES=-3"}, "extract", "x.txt")
	if r.code != exitFailed || !strings.Contains(r.stderr, `BRIEFBOT_MAX_DOCUMENT_BYTES: must be a positive size like 5MiB, got "-3"`) {
		t.Errorf("bad size: %s", r)
	}
	cfg := filepath.Join(t.TempDir(), "briefbot.toml")
	if err := os.WriteFile(cfg, []byte("databse = \"x.db\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = briefbot(t, nil, "query", "--config", cfg, "/stats")
	if r.code != exitFailed || !strings.Contains(r.stderr, `unknown key "databse"`) {
		t.Errorf("unknown key in config file: %s", r)
	}
}

func TestRunNeedsToken(t *testing.T) {
	r := briefbot(t, []string{"BRIEFBOT_DB=" + filepath.Join(t.TempDir(), "bot.db")}, "run")
	if r.code != exitFailed || !strings.Contains(r.stderr, "DISCORD_TOKEN") {
		t.Errorf("run without a token: %s", r)
	}
}

// signalled reports whether err is a process killed by sig.
func signalled(err error, sig syscall.Signal) bool {
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		return false
	}
	ws, ok := ee.Sys().(syscall.WaitStatus)
	return ok && ws.Signaled() && ws.Signal() == sig
}
