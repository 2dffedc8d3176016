// Package console is briefbot's terminal transport: people type slash
// commands ("/quotes speaker:peskov topic:nato") and read the replies as
// plain text. It runs the same Router as Discord, so `briefbot demo` and
// `briefbot query` show exactly what the bot would answer.
package console

import (
	"fmt"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/briefbot/briefbot/bot"
)

// optionName is what can come before the ":" of an option ("speaker:").
var optionName = regexp.MustCompile(`^[\p{L}\p{N}_-]{1,32}$`)

// word is one whitespace-separated token of a command line; key is set
// when it was written "key:value" with an unquoted key.
type word struct {
	key, value string
	hasKey     bool
}

// lexer splits a command line into words, one at a time, because whether
// a quote mark is syntax depends on where the word falls: a quote opens a
// quoted value only at the start of a value (right after "name:", or the
// first bare word of a value). Anywhere else, as in NATO's, the allies'
// or he said "no", quote marks are text.
//
// A quoted value ends at a matching quote followed by white space or the
// end of the line (the last one before the next option), so
// `text:'it's here'` is "it's here". A quote that never closes that way is
// text too: `text:'tis the season` keeps its apostrophe. Outside quotes a
// backslash makes the next character literal; inside quotes it escapes
// only the quote mark itself (and, in "...", a backslash).
type lexer struct {
	r []rune
	i int
}

func isSpace(c rune) bool { return unicode.IsSpace(c) }

func isQuote(c rune) bool { return c == '"' || c == '\'' }

// next reads the next word; valueStart says the word would begin a value,
// so a leading quote may open a quoted value. ok is false at the end.
func (l *lexer) next(valueStart bool) (w word, ok bool) {
	for l.i < len(l.r) && isSpace(l.r[l.i]) {
		l.i++
	}
	if l.i >= len(l.r) {
		return word{}, false
	}
	if valueStart && isQuote(l.r[l.i]) {
		if v, ok := l.quoted(); ok {
			return word{value: v}, true
		}
	}
	var cur strings.Builder
	for l.i < len(l.r) && !isSpace(l.r[l.i]) {
		c := l.r[l.i]
		switch {
		case c == '\\' && l.i+1 < len(l.r):
			l.i++
			cur.WriteRune(l.r[l.i])
		case c == ':' && !w.hasKey && optionName.MatchString(cur.String()):
			w.key, w.hasKey = cur.String(), true
			cur.Reset()
			l.i++
			if l.i < len(l.r) && isQuote(l.r[l.i]) {
				if v, ok := l.quoted(); ok {
					w.value = v
					return w, true
				}
			}
			continue
		default:
			cur.WriteRune(c)
		}
		l.i++
	}
	w.value = cur.String()
	return w, true
}

// quoted reads the quoted value whose opening quote is at l.i. It ends at
// a matching quote followed by white space or the end of the line: the
// last such quote before the next "name:" word, so that quote marks inside
// the value need no escaping (`text:"it's "x" here" speaker:vask`). It
// reports false, leaving l.i alone, when there is no such quote.
func (l *lexer) quoted() (string, bool) {
	q := l.r[l.i]
	escaped := func(j int) bool { // r[j] is a backslash escaping r[j+1]
		return l.r[j] == '\\' && j+1 < len(l.r) && (l.r[j+1] == q || (q == '"' && l.r[j+1] == '\\'))
	}
	end := -1
	for j := l.i + 1; j < len(l.r); j++ {
		switch c := l.r[j]; {
		case escaped(j):
			j++
		case c == q && (j+1 == len(l.r) || isSpace(l.r[j+1])):
			end = j
		case isSpace(c) && end >= 0 && startsOption(l.r[j:]):
			j = len(l.r)
		}
	}
	if end < 0 {
		return "", false
	}
	var b strings.Builder
	for j := l.i + 1; j < end; j++ {
		if escaped(j) {
			j++
		}
		b.WriteRune(l.r[j])
	}
	l.i = end + 1
	return b.String(), true
}

// startsOption reports whether the word after white space at r[0] is a
// "name:" word that names an option, not a URL or a time. It looks at
// that word alone, so scanning a long line stays linear.
func startsOption(r []rune) bool {
	i := 0
	for i < len(r) && isSpace(r[i]) {
		i++
	}
	start := i
	for i < len(r) && !isSpace(r[i]) && r[i] != ':' && i-start <= 32 {
		i++
	}
	if i >= len(r) || r[i] != ':' {
		return false
	}
	name := string(r[start:i])
	after := string(r[i+1 : min(len(r), i+3)])
	return optionName.MatchString(name) && !notAKey(word{key: name, value: after, hasKey: true})
}

// ParseCommand reads a typed slash command, "/name [subcommand]
// option:value ...", into a Request with InteractionCommand, checking it
// against specs: the command, subcommand and option names must exist,
// required options must be given, integers and booleans must parse, and
// values must respect MaxLength. The leading "/" is optional.
//
// A value runs until the next "name:" word, so `/quotes speaker:dmitry
// peskov topic:nato` and `/whosaid text:NATO's military infrastructure`
// work unquoted. Quote a value ("..." or '...') to put a "word:" in it
// (`/whosaid text:"note: this"`); apostrophes and quote marks inside a
// value are text (see lexer). Words before the first option fill the
// command's first required option (else its first text option), so
// `/quotes peskov` means `/quotes speaker:peskov`. An attachment option
// takes a local path or an http(s) URL; a local path becomes a file://
// URL in the Attachment.
func ParseCommand(line string, specs []bot.CommandSpec) (bot.Request, error) {
	req, _, err := parse(line, specs, false)
	return req, err
}

// parse is ParseCommand; partial is for a line still being typed
// (autocomplete): required options may be missing and values empty.
// last is the option the end of the line fills ("" when none), the one
// autocomplete is asked about.
func parse(line string, specs []bot.CommandSpec, partial bool) (req bot.Request, last string, err error) {
	lx := &lexer{r: []rune(strings.TrimSpace(line))}
	first, ok := lx.next(false)
	if !ok {
		return bot.Request{}, "", fmt.Errorf("empty command: type /<command>, or help")
	}
	if first.hasKey {
		return bot.Request{}, "", fmt.Errorf("%q is not a command: commands look like /quotes speaker:peskov", first.text())
	}
	name := strings.ToLower(strings.TrimPrefix(first.value, "/"))
	spec, ok := findSpec(specs, name)
	if !ok {
		return bot.Request{}, "", fmt.Errorf("unknown command /%s; commands: %s", name, commandList(specs))
	}
	req = bot.Request{Interaction: bot.InteractionCommand, Command: spec.Name, Options: map[string]string{}}
	cmd := spec
	if len(spec.Subcommands) > 0 {
		var subs []string
		for _, s := range spec.Subcommands {
			subs = append(subs, s.Name)
		}
		w, ok := lx.next(false)
		if !ok || w.hasKey {
			return bot.Request{}, "", fmt.Errorf("/%s needs a subcommand: %s", spec.Name, strings.Join(subs, ", "))
		}
		sub, ok := findSpec(spec.Subcommands, strings.ToLower(w.value))
		if !ok {
			return bot.Request{}, "", fmt.Errorf("/%s has no subcommand %q; subcommands: %s", spec.Name, w.value, strings.Join(subs, ", "))
		}
		req.Subcommand = sub.Name
		cmd = sub
	}
	usage := "usage: " + Usage(spec.Name, cmd)

	current := "" // the option a bare word continues
	var values = map[string][]string{}
	var order []string
	for {
		// A bare word starts a value only before any option is named.
		w, ok := lx.next(current == "")
		if !ok {
			break
		}
		if w.hasKey && !notAKey(w) {
			opt, ok := findOption(cmd, strings.ToLower(w.key))
			if !ok {
				return bot.Request{}, "", fmt.Errorf("/%s has no option %q (quote the value if %q is part of it); %s", commandPath(req), w.key, w.key+":", usage)
			}
			if _, dup := values[opt.Name]; dup {
				return bot.Request{}, "", fmt.Errorf("option %s: given twice", opt.Name)
			}
			current = opt.Name
			order = append(order, opt.Name)
			values[opt.Name] = []string{w.value}
			continue
		}
		if current == "" {
			opt, ok := positional(cmd)
			if !ok {
				return bot.Request{}, "", fmt.Errorf("/%s: %q is not an option (write name:value); %s", commandPath(req), w.text(), usage)
			}
			current = opt.Name
			order = append(order, current)
		}
		values[current] = append(values[current], w.text())
	}
	for _, name := range order {
		opt, _ := findOption(cmd, name)
		v := strings.Join(values[name], " ")
		if partial && v == "" {
			req.Options[opt.Name] = ""
			continue
		}
		if err := setOption(&req, opt, v); err != nil {
			return bot.Request{}, "", err
		}
	}
	for _, opt := range cmd.Options {
		if _, ok := values[opt.Name]; opt.Required && !ok && !partial {
			return bot.Request{}, "", fmt.Errorf("/%s needs option %s: (%s); %s", commandPath(req), opt.Name, opt.Description, usage)
		}
	}
	return req, current, nil
}

func setOption(req *bot.Request, opt bot.OptionSpec, v string) error {
	if v == "" {
		return fmt.Errorf("option %s: empty value", opt.Name)
	}
	if opt.MaxLength > 0 && len([]rune(v)) > opt.MaxLength {
		return fmt.Errorf("option %s: %d characters, at most %d allowed", opt.Name, len([]rune(v)), opt.MaxLength)
	}
	switch opt.Type {
	case bot.OptionInteger:
		if _, err := strconv.ParseInt(v, 10, 64); err != nil {
			return fmt.Errorf("option %s: %q is not a whole number", opt.Name, v)
		}
	case bot.OptionBoolean:
		b, err := strconv.ParseBool(strings.ToLower(v))
		switch strings.ToLower(v) {
		case "yes", "y", "on":
			b, err = true, nil
		case "no", "n", "off":
			b, err = false, nil
		}
		if err != nil {
			return fmt.Errorf("option %s: %q is not true or false", opt.Name, v)
		}
		v = strconv.FormatBool(b)
	case bot.OptionAttachment:
		a, err := attachment(v)
		if err != nil {
			return fmt.Errorf("option %s: %w", opt.Name, err)
		}
		if req.Attachments == nil {
			req.Attachments = map[string]bot.Attachment{}
		}
		req.Attachments[opt.Name] = a
		v = a.ID
	}
	req.Options[opt.Name] = v
	return nil
}

// attachment describes a file named on the console: an http(s) URL, or a
// local path turned into a file:// URL (only console-fed handlers may
// choose to read those; Discord attachments are always https).
func attachment(v string) (bot.Attachment, error) {
	if u, err := url.Parse(v); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		return bot.Attachment{ID: v, Filename: filepath.Base(u.Path), URL: v}, nil
	}
	abs, err := filepath.Abs(v)
	if err != nil {
		return bot.Attachment{}, fmt.Errorf("%q: %w", v, err)
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}
	return bot.Attachment{ID: u.String(), Filename: filepath.Base(abs), URL: u.String()}, nil
}

func findSpec(specs []bot.CommandSpec, name string) (bot.CommandSpec, bool) {
	for _, s := range specs {
		if s.Name == name {
			return s, true
		}
	}
	return bot.CommandSpec{}, false
}

func findOption(spec bot.CommandSpec, name string) (bot.OptionSpec, bool) {
	for _, o := range spec.Options {
		if o.Name == name {
			return o, true
		}
	}
	return bot.OptionSpec{}, false
}

// positional is the option that bare words before any "name:" fill.
func positional(spec bot.CommandSpec) (bot.OptionSpec, bool) {
	for _, o := range spec.Options {
		if o.Required && o.Type == bot.OptionString {
			return o, true
		}
	}
	for _, o := range spec.Options {
		if o.Type == bot.OptionString {
			return o, true
		}
	}
	return bot.OptionSpec{}, false
}

func commandPath(req bot.Request) string {
	if req.Subcommand != "" {
		return req.Command + " " + req.Subcommand
	}
	return req.Command
}

func commandList(specs []bot.CommandSpec) string {
	var names []string
	for _, s := range specs {
		names = append(names, "/"+s.Name)
	}
	if len(names) == 0 {
		return "(none)"
	}
	return strings.Join(names, " ")
}

// Usage is a one-line synopsis of a command (or of one subcommand, with
// sub set): "/quotes speaker:<text> [topic:<text>] ...".
func Usage(command string, sub bot.CommandSpec) string {
	parts := []string{"/" + command}
	if sub.Name != command {
		parts = append(parts, sub.Name)
	}
	for _, o := range sub.Options {
		p := o.Name + ":<" + typeName(o.Type) + ">"
		if !o.Required {
			p = "[" + p + "]"
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, " ")
}

func typeName(t bot.OptionType) string {
	switch t {
	case bot.OptionInteger:
		return "number"
	case bot.OptionBoolean:
		return "true|false"
	case bot.OptionChannel:
		return "channel"
	case bot.OptionAttachment:
		return "file"
	default:
		return "text"
	}
}

// notAKey reports words whose "x:" is part of the text, not an option
// name: URLs ("https://...") and times ("10:30").
func notAKey(w word) bool {
	if strings.HasPrefix(w.value, "//") {
		return true
	}
	_, err := strconv.Atoi(w.key)
	return err == nil
}

// text is the word as typed (minus quotes), with its "key:" if any.
func (w word) text() string {
	if w.hasKey {
		return w.key + ":" + w.value
	}
	return w.value
}
