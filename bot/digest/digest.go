// Package digest posts scheduled digests to channels: on a cron schedule
// each digest runs a command (for example /brief or /quotes) through the
// same Router as interactive use and sends the reply to its channel.
//
// Schedules are checked by ParseSpec before robfig/cron (unmaintained)
// sees them; times are read in one configured location; every run is
// guarded against panics (in the run itself and by cron.Recover) and
// overlapping runs of one digest are skipped.
package digest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/robfig/cron/v3"
)

// Digest is one scheduled post.
type Digest struct {
	Name      string            // unique; used in logs
	Spec      string            // when: see ParseSpec
	ChannelID string            // where the reply is posted
	Command   string            // what: "brief", "/quotes", or "admin stats" with a subcommand
	Options   map[string]string // the command's options, as a user would give them
}

// Sender posts a reply to a channel (the Discord bot in production).
type Sender interface {
	Send(ctx context.Context, channelID string, r bot.Reply) error
}

// Options configure a Scheduler.
type Options struct {
	Router   *bot.Router
	Sender   Sender
	Location *time.Location   // time zone of the schedules; nil: UTC
	Now      func() time.Time // clock for request ids and Entries; nil: time.Now
	Log      *slog.Logger
	Timeout  time.Duration // per run; 0: 2 minutes
}

// Scheduler runs digests. Build it with New, then Run it.
type Scheduler struct {
	opts    Options
	digests []Digest
	sched   []cron.Schedule
	cron    *cron.Cron

	mu      sync.Mutex
	baseCtx context.Context // Run's context, for the runs cron starts
	seq     int
}

// The user a digest's requests come from.
const (
	digestUserID   = "digest"
	digestUserName = "scheduled digest"
)

// New checks every digest (schedule, channel, command and option names
// against the router's specs, unique names) and reports all problems at
// once, each naming its digest.
func New(opts Options, digests []Digest) (*Scheduler, error) {
	if opts.Router == nil || opts.Sender == nil {
		return nil, errors.New("digest scheduler: Router and Sender are required")
	}
	if opts.Location == nil {
		opts.Location = time.UTC
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 2 * time.Minute
	}
	s := &Scheduler{opts: opts, baseCtx: context.Background()}
	var errs []error
	seen := map[string]bool{}
	for i, d := range digests {
		d.Command = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(d.Command), "/"))
		d.Options = maps.Clone(d.Options)
		name := d.Name
		if name == "" {
			name = "#" + strconv.Itoa(i+1)
			errs = append(errs, fmt.Errorf("digest %s: no name", name))
		} else if seen[name] {
			errs = append(errs, fmt.Errorf("digest %q: the name is used twice", name))
		}
		seen[name] = true
		sched, err := ParseSpec(d.Spec)
		if err != nil {
			errs = append(errs, fmt.Errorf("digest %q: %w", name, err))
		}
		if strings.TrimSpace(d.ChannelID) == "" {
			errs = append(errs, fmt.Errorf("digest %q: no channel", name))
		}
		if err := checkCommand(opts.Router, d); err != nil {
			errs = append(errs, fmt.Errorf("digest %q: %w", name, err))
		}
		s.digests = append(s.digests, d)
		s.sched = append(s.sched, sched)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	logger := cronLogger{opts.Log}
	s.cron = cron.New(
		cron.WithLocation(opts.Location),
		cron.WithLogger(logger),
		cron.WithChain(cron.Recover(logger), cron.SkipIfStillRunning(logger)),
	)
	for i, d := range s.digests {
		s.cron.Schedule(s.sched[i], s.job(d))
	}
	return s, nil
}

// checkCommand makes sure a digest names a command the router has, with
// options that command declares and every required one given.
func checkCommand(r *bot.Router, d Digest) error {
	name, sub, _ := strings.Cut(d.Command, " ")
	sub = strings.TrimSpace(sub)
	if name == "" {
		return errors.New("no command")
	}
	spec, ok := r.Lookup(name)
	if !ok {
		return fmt.Errorf("unknown command /%s", name)
	}
	if sub != "" || len(spec.Subcommands) > 0 {
		found := false
		for _, sc := range spec.Subcommands {
			if sc.Name == sub {
				spec, found = sc, true
			}
		}
		if !found {
			return fmt.Errorf("/%s has no subcommand %q", name, sub)
		}
	}
	declared := map[string]bot.OptionSpec{}
	for _, o := range spec.Options {
		declared[o.Name] = o
	}
	for k := range d.Options {
		o, ok := declared[k]
		if !ok {
			return fmt.Errorf("/%s has no option %q", d.Command, k)
		}
		if o.Type == bot.OptionAttachment {
			return fmt.Errorf("option %q: a digest cannot attach files", k)
		}
	}
	for _, o := range spec.Options {
		if _, ok := d.Options[o.Name]; o.Required && !ok {
			return fmt.Errorf("/%s needs option %q", d.Command, o.Name)
		}
	}
	return nil
}

// Run starts the schedule and blocks until ctx is done, then stops it and
// waits for runs in progress (which see ctx cancelled) to finish.
func (s *Scheduler) Run(ctx context.Context) error {
	s.mu.Lock()
	s.baseCtx = ctx
	s.mu.Unlock()
	s.cron.Start()
	for _, e := range s.Entries() {
		s.opts.Log.LogAttrs(ctx, slog.LevelInfo, "digest scheduled", slog.String("digest", e.Digest.Name),
			slog.String("spec", e.Digest.Spec), slog.String("channel", e.Digest.ChannelID), slog.Time("next", e.Next))
	}
	<-ctx.Done()
	<-s.cron.Stop().Done()
	return nil
}

// Entry is a digest and when it next runs.
type Entry struct {
	Digest Digest
	Next   time.Time
}

// Entries lists the digests with their next run after the clock's now, in
// the scheduler's location.
func (s *Scheduler) Entries() []Entry {
	now := s.opts.Now().In(s.opts.Location)
	out := make([]Entry, len(s.digests))
	for i, d := range s.digests {
		out[i] = Entry{Digest: d, Next: s.sched[i].Next(now)}
	}
	return out
}

// RunNow runs the digest called name once, now.
func (s *Scheduler) RunNow(ctx context.Context, name string) error {
	for _, d := range s.digests {
		if d.Name == name {
			return s.RunDigest(ctx, d)
		}
	}
	return fmt.Errorf("no digest named %q", name)
}

// RunDigest runs d once: it asks the router for d's command and sends the
// reply to d's channel. A reply that is ephemeral (an error message, or a
// command answering privately) is not posted: it is logged and returned
// as an error.
func (s *Scheduler) RunDigest(ctx context.Context, d Digest) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("digest %q panicked: %v\n%s", d.Name, p, debug.Stack())
		}
	}()
	ctx, cancel := context.WithTimeout(ctx, s.opts.Timeout)
	defer cancel()
	s.mu.Lock()
	s.seq++
	id := fmt.Sprintf("digest-%s-%d-%d", d.Name, s.opts.Now().Unix(), s.seq)
	s.mu.Unlock()
	name, sub, _ := strings.Cut(d.Command, " ")
	req := bot.Request{
		Interaction: bot.InteractionCommand,
		ID:          id,
		Command:     name,
		Subcommand:  strings.TrimSpace(sub),
		Options:     maps.Clone(d.Options),
		User:        bot.User{ID: digestUserID, Name: digestUserName},
		ChannelID:   d.ChannelID,
	}
	if req.Options == nil {
		req.Options = map[string]string{}
	}
	start := s.opts.Now()
	reply := s.opts.Router.Handle(ctx, req)
	if reply.Ephemeral {
		return fmt.Errorf("digest %q: /%s answered privately, not posted: %s", d.Name, d.Command, reply.Text)
	}
	reply.AllowedMentions = bot.AllowedMentions{Parse: []string{}}
	if err := s.opts.Sender.Send(ctx, d.ChannelID, reply); err != nil {
		return fmt.Errorf("digest %q: sending to channel %s: %w", d.Name, d.ChannelID, err)
	}
	s.opts.Log.LogAttrs(ctx, slog.LevelInfo, "digest sent", slog.String("digest", d.Name), slog.String("interaction", id),
		slog.String("channel", d.ChannelID), slog.Duration("duration", s.opts.Now().Sub(start)))
	return nil
}

// cronLogger passes cron's own messages (including recovered panics) to slog.
type cronLogger struct{ log *slog.Logger }

func (l cronLogger) Info(msg string, kv ...any) {
	l.log.Debug("cron: "+msg, kv...)
}

func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error("cron: "+msg, append([]any{slog.Any("error", err)}, kv...)...)
}

// job is what cron runs for d: RunDigest under Run's context, with
// failures logged.
func (s *Scheduler) job(d Digest) cron.Job {
	return cron.FuncJob(func() {
		s.mu.Lock()
		ctx := s.baseCtx
		s.mu.Unlock()
		if err := s.RunDigest(ctx, d); err != nil {
			s.opts.Log.LogAttrs(ctx, slog.LevelError, "digest failed", slog.String("digest", d.Name), slog.String("error", err.Error()))
		}
	})
}
