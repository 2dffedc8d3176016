package console

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/render"
)

// Operator is the user the console acts as: the person at the terminal,
// who runs the process and so may use the admin commands.
func Operator() bot.User {
	return bot.User{ID: "console", Name: "console", Permissions: permAdministrator}
}

const permAdministrator = 0x8

// maxLine is the longest line the console reads (a pasted article body).
const maxLine = 4 << 20

// Run reads commands from in, one a line, runs them through r and writes
// the replies' Text to out, until in ends, the user types "quit", or ctx
// is done. Interactive mode prints a greeting and a "> " prompt; otherwise
// each command is echoed after "> " so the output reads as a transcript.
//
// Besides slash commands (see ParseCommand) it understands:
//
//	help [command]         the commands, or one command's options
//	next, prev             press the paging buttons of the last reply
//	press <label|number>   press any button of the last reply
//	complete /cmd opt:val  show the autocomplete choices for the last option
//	quit, exit             leave
//
// A reply that opens a form (modal) asks for its fields in turn; a
// paragraph field reads lines until a line holding only ".".
// Mistakes (an unknown command, a missing option) print a message and the
// console goes on; Run returns an error only when reading or writing fails.
func Run(ctx context.Context, r *bot.Router, in io.Reader, out io.Writer, interactive bool) error {
	c := &session{ctx: ctx, router: r, out: out, interactive: interactive, lines: readLines(ctx, in)}
	if interactive {
		c.printf("briefbot console: type a command such as /quotes speaker:peskov, help, or quit.\n")
	}
	for {
		if interactive {
			c.printf("> ")
		}
		line, ok := c.next()
		if !ok {
			if interactive {
				c.printf("\n")
			}
			return c.finish()
		}
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if !interactive {
			c.printf("> %s\n", line)
		}
		if done := c.run(line); done {
			return c.finish()
		}
		if c.err != nil {
			return c.err
		}
	}
}

// session is the state of one console run.
type session struct {
	ctx         context.Context
	router      *bot.Router
	out         io.Writer
	interactive bool
	lines       <-chan lineOrErr
	last        bot.Reply // the last reply, for next/prev/press
	err         error     // the first read or write error
	seq         int       // interaction ids
}

type lineOrErr struct {
	line string
	err  error
}

// readLines reads in on its own goroutine, so that a cancelled ctx ends
// Run even while the terminal waits for a line.
func readLines(ctx context.Context, in io.Reader) <-chan lineOrErr {
	ch := make(chan lineOrErr)
	go func() {
		defer close(ch)
		sc := bufio.NewScanner(in)
		sc.Buffer(make([]byte, 64*1024), maxLine)
		for sc.Scan() {
			select {
			case ch <- lineOrErr{line: sc.Text()}:
			case <-ctx.Done():
				return
			}
		}
		if err := sc.Err(); err != nil {
			select {
			case ch <- lineOrErr{err: fmt.Errorf("reading commands: %w", err)}:
			case <-ctx.Done():
			}
		}
	}()
	return ch
}

func (c *session) next() (string, bool) {
	select {
	case <-c.ctx.Done():
		return "", false
	case l, ok := <-c.lines:
		if !ok {
			return "", false
		}
		if l.err != nil {
			c.err = l.err
			return "", false
		}
		return l.line, true
	}
}

func (c *session) finish() error {
	if c.err != nil {
		return c.err
	}
	if err := c.ctx.Err(); err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	return nil
}

func (c *session) printf(format string, args ...any) {
	if c.err != nil {
		return
	}
	if _, err := fmt.Fprintf(c.out, format, args...); err != nil {
		c.err = fmt.Errorf("writing replies: %w", err)
	}
}

// run handles one line; it reports whether the user asked to leave.
func (c *session) run(line string) bool {
	verb, rest, _ := strings.Cut(line, " ")
	rest = strings.TrimSpace(rest)
	switch strings.ToLower(verb) {
	case "quit", "exit", "/quit", "/exit":
		return true
	case "help", "/help", "?":
		c.printf("%s\n", Help(c.router.Specs(), rest))
	case "next", "n":
		c.pressLabel(render.NextLabel, "There is no next page.")
	case "prev", "p", "previous":
		c.pressLabel(render.PrevLabel, "There is no previous page.")
	case "press":
		c.press(rest)
	case "complete":
		c.complete(rest)
	default:
		req, err := ParseCommand(line, c.router.Specs())
		if err != nil {
			c.printf("error: %v\n", err)
			return false
		}
		c.send(req)
	}
	return false
}

func (c *session) send(req bot.Request) {
	c.seq++
	req.ID = "console-" + strconv.Itoa(c.seq)
	req.User = Operator()
	if req.Command == "" {
		req.Command, _, _ = strings.Cut(req.CustomID, ":")
	}
	reply := c.router.Handle(c.ctx, req)
	if reply.Modal != nil {
		c.fillModal(req, *reply.Modal)
		return
	}
	if req.Interaction != bot.InteractionAutocomplete {
		c.last = reply
	}
	text := reply.Text
	if text == "" {
		text = render.PlainText(reply)
	}
	c.printf("%s\n\n", strings.TrimRight(text, "\n"))
}

// buttons lists the last reply's enabled, non-link buttons.
func (c *session) buttons() []bot.Button {
	var bs []bot.Button
	for _, row := range c.last.Components {
		for _, b := range row.Buttons {
			if !b.Disabled && b.CustomID != "" && b.URL == "" {
				bs = append(bs, b)
			}
		}
	}
	return bs
}

func (c *session) pressLabel(label, none string) {
	for _, b := range c.buttons() {
		if b.Label == label {
			c.send(bot.Request{Interaction: bot.InteractionComponent, CustomID: b.CustomID})
			return
		}
	}
	c.printf("%s\n", none)
}

func (c *session) press(which string) {
	bs := c.buttons()
	if len(bs) == 0 {
		c.printf("The last reply has no buttons to press.\n")
		return
	}
	if n, err := strconv.Atoi(which); err == nil && n >= 1 && n <= len(bs) {
		c.send(bot.Request{Interaction: bot.InteractionComponent, CustomID: bs[n-1].CustomID})
		return
	}
	var labels []string
	for i, b := range bs {
		if strings.EqualFold(b.Label, which) {
			c.send(bot.Request{Interaction: bot.InteractionComponent, CustomID: b.CustomID})
			return
		}
		labels = append(labels, fmt.Sprintf("%d [%s]", i+1, b.Label))
	}
	c.printf("No button %q; buttons: %s\n", which, strings.Join(labels, ", "))
}

// complete asks for the autocomplete choices of the option the line ends
// in ("complete /quotes speaker:dmi", or "complete /quotes dmi").
func (c *session) complete(line string) {
	req, focused, err := parse(line, c.router.Specs(), true)
	if err != nil {
		c.printf("error: %v\n", err)
		return
	}
	if focused == "" {
		c.printf("usage: complete /command option:partial-value\n")
		return
	}
	req.Interaction = bot.InteractionAutocomplete
	req.Focused = focused
	c.send(req)
}

// fillModal asks for each field of a form and submits it.
func (c *session) fillModal(req bot.Request, m bot.Modal) {
	c.printf("%s\n", m.Title)
	opts := map[string]string{}
	for _, f := range m.Fields {
		hint := ""
		if f.Paragraph {
			hint = " (end with a line holding only \".\")"
		}
		if !f.Required {
			hint += " (optional, Enter to skip)"
		}
		c.printf("%s%s:\n", f.Label, hint)
		var lines []string
		for {
			line, ok := c.next()
			if !ok {
				c.printf("Form %q cancelled: input ended.\n", m.Title)
				return
			}
			if !f.Paragraph {
				lines = append(lines, line)
				break
			}
			if strings.TrimSpace(line) == "." {
				break
			}
			lines = append(lines, line)
		}
		opts[f.CustomID] = strings.TrimSpace(strings.Join(lines, "\n"))
	}
	c.send(bot.Request{
		Interaction: bot.InteractionModalSubmit,
		CustomID:    m.CustomID,
		Options:     opts,
		GuildID:     req.GuildID,
		ChannelID:   req.ChannelID,
	})
}

// Help lists the commands with their synopses, or, given a command name,
// that command's options with their descriptions.
func Help(specs []bot.CommandSpec, command string) string {
	var b strings.Builder
	command = strings.TrimPrefix(strings.ToLower(strings.TrimSpace(command)), "/")
	if command != "" {
		spec, ok := findSpec(specs, command)
		if !ok {
			return fmt.Sprintf("unknown command /%s; commands: %s", command, commandList(specs))
		}
		fmt.Fprintf(&b, "/%s: %s\n", spec.Name, spec.Description)
		subs := spec.Subcommands
		if len(subs) == 0 {
			subs = []bot.CommandSpec{spec}
		}
		for _, s := range subs {
			fmt.Fprintf(&b, "  %s\n", Usage(spec.Name, s))
			if s.Name != spec.Name && s.Description != "" {
				fmt.Fprintf(&b, "      %s\n", s.Description)
			}
			for _, o := range s.Options {
				req := ""
				if o.Required {
					req = " (required)"
				}
				fmt.Fprintf(&b, "      %s: %s%s\n", o.Name, o.Description, req)
			}
		}
		return strings.TrimRight(b.String(), "\n")
	}
	b.WriteString("Commands:\n")
	for _, s := range specs {
		if len(s.Subcommands) == 0 {
			fmt.Fprintf(&b, "  %s\n      %s\n", Usage(s.Name, s), s.Description)
			continue
		}
		fmt.Fprintf(&b, "  /%s %s\n      %s\n", s.Name, subNames(s), s.Description)
	}
	b.WriteString("Also: help <command>, next, prev, press <button>, complete /command option:text, quit.")
	return b.String()
}

func subNames(s bot.CommandSpec) string {
	var names []string
	for _, sub := range s.Subcommands {
		names = append(names, sub.Name)
	}
	return strings.Join(names, "|")
}
