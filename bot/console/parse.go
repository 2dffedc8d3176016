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

// split tokenises a line like a shell: whitespace separates words, "..."
// and '...' group (a quote may start mid-word, as in query:"peace talks"),
// and a backslash escapes the next character outside single quotes.
func split(line string) ([]word, error) {
	var words []word
	var cur strings.Builder
	var w word
	inWord := false
	quote := rune(0)
	quoted := false // part of the current word was quoted
	flush := func() {
		if inWord {
			w.value = cur.String()
			words = append(words, w)
		}
		cur.Reset()
		w = word{}
		inWord, quoted = false, false
	}
	runes := []rune(line)
	for i := 0; i < len(runes); i++ {
		c := runes[i]
		switch {
		case quote != 0 && c == quote:
			quote = 0
		case quote == '\'':
			cur.WriteRune(c)
		case c == '\\' && i+1 < len(runes):
			i++
			cur.WriteRune(runes[i])
			inWord = true
		case quote == '"':
			cur.WriteRune(c)
		case c == '"' || c == '\'':
			quote, inWord, quoted = c, true, true
		case c == ' ' || c == '\t':
			flush()
		case c == ':' && !w.hasKey && !quoted && optionName.MatchString(cur.String()):
			w.key, w.hasKey = cur.String(), true
			cur.Reset()
			inWord = true
		default:
			cur.WriteRune(c)
			inWord = true
		}
	}
	if quote != 0 {
		return nil, fmt.Errorf("unclosed %c quote", quote)
	}
	flush()
	return words, nil
}

// ParseCommand reads a typed slash command, "/name [subcommand]
// option:value ...", into a Request with InteractionCommand, checking it
// against specs: the command, subcommand and option names must exist,
// required options must be given, integers and booleans must parse, and
// values must respect MaxLength. The leading "/" is optional.
//
// A value runs until the next "name:" word, so `/quotes speaker:dmitry
// peskov topic:nato` works; quote a value to put a "word:" in it
// (`/whosaid text:"note: this"`). Words before the first option fill the
// command's first required option (else its first text option), so
// `/quotes peskov` means `/quotes speaker:peskov`. An attachment option
// takes a local path or an http(s) URL; a local path becomes a file://
// URL in the Attachment.
func ParseCommand(line string, specs []bot.CommandSpec) (bot.Request, error) {
	return parse(line, specs, false)
}

// parse is ParseCommand; partial is for a line still being typed
// (autocomplete): required options may be missing and values empty.
func parse(line string, specs []bot.CommandSpec, partial bool) (bot.Request, error) {
	words, err := split(strings.TrimSpace(line))
	if err != nil {
		return bot.Request{}, err
	}
	if len(words) == 0 {
		return bot.Request{}, fmt.Errorf("empty command: type /<command>, or help")
	}
	first := words[0]
	if first.hasKey {
		return bot.Request{}, fmt.Errorf("%q is not a command: commands look like /quotes speaker:peskov", first.key+":"+first.value)
	}
	name := strings.ToLower(strings.TrimPrefix(first.value, "/"))
	spec, ok := findSpec(specs, name)
	if !ok {
		return bot.Request{}, fmt.Errorf("unknown command /%s; commands: %s", name, commandList(specs))
	}
	req := bot.Request{Interaction: bot.InteractionCommand, Command: spec.Name, Options: map[string]string{}}
	words = words[1:]
	cmd := spec
	if len(spec.Subcommands) > 0 {
		var subs []string
		for _, s := range spec.Subcommands {
			subs = append(subs, s.Name)
		}
		if len(words) == 0 || words[0].hasKey {
			return bot.Request{}, fmt.Errorf("/%s needs a subcommand: %s", spec.Name, strings.Join(subs, ", "))
		}
		sub, ok := findSpec(spec.Subcommands, strings.ToLower(words[0].value))
		if !ok {
			return bot.Request{}, fmt.Errorf("/%s has no subcommand %q; subcommands: %s", spec.Name, words[0].value, strings.Join(subs, ", "))
		}
		req.Subcommand = sub.Name
		cmd = sub
		words = words[1:]
	}
	usage := "usage: " + Usage(spec.Name, cmd)

	current := "" // the option a bare word continues
	var values = map[string][]string{}
	var order []string
	for _, w := range words {
		if w.hasKey && !notAKey(w) {
			opt, ok := findOption(cmd, strings.ToLower(w.key))
			if !ok {
				return bot.Request{}, fmt.Errorf("/%s has no option %q (quote the value if %q is part of it); %s", commandPath(req), w.key, w.key+":", usage)
			}
			if _, dup := values[opt.Name]; dup {
				return bot.Request{}, fmt.Errorf("option %s: given twice", opt.Name)
			}
			current = opt.Name
			order = append(order, opt.Name)
			values[opt.Name] = []string{w.value}
			continue
		}
		if current == "" {
			opt, ok := positional(cmd)
			if !ok {
				return bot.Request{}, fmt.Errorf("/%s: %q is not an option (write name:value); %s", commandPath(req), w.text(), usage)
			}
			current = opt.Name
			if _, dup := values[current]; dup {
				return bot.Request{}, fmt.Errorf("option %s: given twice", current)
			}
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
			return bot.Request{}, err
		}
	}
	for _, opt := range cmd.Options {
		if _, ok := values[opt.Name]; opt.Required && !ok && !partial {
			return bot.Request{}, fmt.Errorf("/%s needs option %s: (%s); %s", commandPath(req), opt.Name, opt.Description, usage)
		}
	}
	return req, nil
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
