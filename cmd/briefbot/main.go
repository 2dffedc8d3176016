// Command briefbot is the briefbot binary: the Discord bot (run), and the
// tools around its corpus (ingest, extract, query, demo, backup, reprocess,
// bench, version). Each subcommand lives in its own file and parses its own
// flags with the standard flag package; `briefbot help` lists them.
//
// Exit status: 0 on success, 1 when the work failed or some input was
// rejected, 2 on bad usage.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
	"time"
	_ "time/tzdata" // time zones work in a container without system zone files

	"golang.org/x/term"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/config"
)

// Exit statuses.
const (
	exitOK       = 0
	exitFailed   = 1
	exitBadUsage = 2
)

// app is what every subcommand gets: its streams, environment and the
// article pipeline, passed in so that tests can run subcommands in-process.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	process        func(briefing.Document) (briefing.Article, error)
	now            func() time.Time
	// stdinTerminal and stderrTerminal say whether those streams are a terminal.
	stdinTerminal, stderrTerminal bool
}

// subcommand is one verb of the binary.
type subcommand struct {
	name    string
	summary string
	run     func(ctx context.Context, a *app, args []string) int
}

func subcommands() []subcommand {
	return []subcommand{
		{"run", "run the Discord bot", runBot},
		{"demo", "try briefbot on built-in sample articles, no set-up needed", runDemo},
		{"ingest", "add documents (.txt, .md, .html, .htm files and folders) to the corpus", runIngest},
		{"extract", "print what the article pipeline makes of files, without a database", runExtract},
		{"query", "run a slash command against the corpus and print the reply", runQuery},
		{"backup", "write a consistent copy of the corpus, even while the bot runs", runBackup},
		{"reprocess", "run the current article pipeline again over every stored document", runReprocess},
		{"bench", "measure the article pipeline's throughput on files", runBench},
		{"version", "print the version", runVersion},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	a := &app{
		stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr,
		getenv:         os.Getenv,
		process:        briefing.Process,
		now:            time.Now,
		stdinTerminal:  term.IsTerminal(int(os.Stdin.Fd())),
		stderrTerminal: term.IsTerminal(int(os.Stderr.Fd())),
	}
	code := a.main(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}

func (a *app) main(ctx context.Context, args []string) int {
	if len(args) == 0 {
		a.usage(a.stderr)
		return exitBadUsage
	}
	name := args[0]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 {
			return a.main(ctx, []string{args[1], "--help"})
		}
		a.usage(a.stdout)
		return exitOK
	case "-version", "--version":
		name = "version"
	}
	for _, c := range subcommands() {
		if c.name == name {
			return c.run(ctx, a, args[1:])
		}
	}
	fmt.Fprintf(a.stderr, "briefbot: unknown command %q\n\n", name)
	a.usage(a.stderr)
	return exitBadUsage
}

func (a *app) usage(w io.Writer) {
	fmt.Fprintf(w, "briefbot turns news articles into briefings a Discord community can question.\n\nusage: briefbot <command> [flags] [arguments]\n\ncommands:\n")
	for _, c := range subcommands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, "\n`briefbot <command> --help` describes a command's flags.\n")
	fmt.Fprintf(w, "Settings come from the environment (%s)\nand an optional TOML file (--config or BRIEFBOT_CONFIG); see README.md.\n",
		strings.Join(sortedEnv(), ", "))
}

func sortedEnv() []string {
	vars := config.EnvVars()
	sort.Strings(vars)
	return vars
}

// command is one subcommand's flag set with briefbot's conventions: --help
// prints the usage on stdout and exits 0; a bad flag prints the error and
// the usage on stderr and exits 2.
type command struct {
	a        *app
	fs       *flag.FlagSet
	synopsis string
	about    string
}

func (a *app) command(name, synopsis, about string) *command {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return &command{a: a, fs: fs, synopsis: synopsis, about: about}
}

func (c *command) printUsage(w io.Writer) {
	fmt.Fprintf(w, "usage: briefbot %s %s\n\n%s\n", c.fs.Name(), c.synopsis, c.about)
	hasFlags := false
	c.fs.VisitAll(func(*flag.Flag) { hasFlags = true })
	if hasFlags {
		fmt.Fprintf(w, "\nflags:\n")
		c.fs.SetOutput(w)
		c.fs.PrintDefaults()
		c.fs.SetOutput(io.Discard)
	}
}

// parse parses args; ok=false means return code now.
func (c *command) parse(args []string) (code int, ok bool) {
	err := c.fs.Parse(args)
	switch {
	case err == nil:
		return 0, true
	case errors.Is(err, flag.ErrHelp):
		c.printUsage(c.a.stdout)
		return exitOK, false
	default:
		fmt.Fprintf(c.a.stderr, "briefbot %s: %v\n", c.fs.Name(), err)
		c.printUsage(c.a.stderr)
		return exitBadUsage, false
	}
}

// badUsage reports a usage mistake found after parsing.
func (c *command) badUsage(format string, args ...any) int {
	fmt.Fprintf(c.a.stderr, "briefbot %s: %s\n", c.fs.Name(), fmt.Sprintf(format, args...))
	c.printUsage(c.a.stderr)
	return exitBadUsage
}

// configFlag adds --config; the value defaults to BRIEFBOT_CONFIG.
func (c *command) configFlag() *string {
	return c.fs.String("config", c.a.getenv("BRIEFBOT_CONFIG"), "TOML settings `file` (default $BRIEFBOT_CONFIG); the environment overrides it")
}

// dbFlag adds --db; "" means the configured BRIEFBOT_DB.
func (c *command) dbFlag() *string {
	return c.fs.String("db", "", "database `path` (default $BRIEFBOT_DB, else "+config.DefaultDB+")")
}

// loadConfig reads and validates the settings, reporting errors on stderr.
func (a *app) loadConfig(name, path string) (config.Config, bool) {
	cfg, err := config.Load(path, a.getenv)
	if err == nil {
		err = cfg.Validate()
	}
	if err != nil {
		fmt.Fprintf(a.stderr, "briefbot %s: invalid settings:\n", name)
		for _, line := range strings.Split(err.Error(), "\n") {
			fmt.Fprintf(a.stderr, "  %s\n", line)
		}
		return cfg, false
	}
	return cfg, true
}

// logger makes the slog logger for a subcommand. Tools that talk to a
// person (everything but run) log warnings and errors only unless a level
// was configured, so that their output stays readable.
func (a *app) logger(cfg config.Config, tool bool) *slog.Logger {
	level := cfg.LogLevel
	if tool && !cfg.IsSet("log_level") {
		level = slog.LevelWarn
	}
	opts := &slog.HandlerOptions{Level: level}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(a.stderr, opts))
	}
	return slog.New(slog.NewTextHandler(a.stderr, opts))
}
