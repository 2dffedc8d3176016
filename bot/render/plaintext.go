package render

import (
	"strings"

	"github.com/briefbot/briefbot/bot"
)

// PlainText renders r for a terminal: the content, then each embed as its
// title (and link), description, fields as "name" over an indented value,
// and footer; then the buttons as hints ("[◀ Prev]  Page 2/5  [Next ▶]",
// disabled ones without brackets), autocomplete choices, and the form a
// modal would open. Markdown escapes are undone, masked links become
// "text <url>" and bold markers are dropped, so the console shows text as
// it reads in Discord.
func PlainText(r bot.Reply) string {
	var b strings.Builder
	para := func(s string) {
		s = strings.TrimRight(s, "\n")
		if s == "" {
			return
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(s)
	}
	para(plainMarkdown(r.Content))
	for _, e := range r.Embeds {
		var head []string
		if e.Title != "" {
			head = append(head, plainMarkdown(e.Title))
		}
		if e.URL != "" {
			head = append(head, "<"+e.URL+">")
		}
		para(strings.Join(head, "\n"))
		para(plainMarkdown(e.Description))
		var fields []string
		for _, f := range e.Fields {
			name := strings.TrimSpace(plainMarkdown(f.Name))
			value := strings.TrimSpace(plainMarkdown(f.Value))
			fields = append(fields, strings.TrimRight(name+"\n"+indent(value, "  "), "\n "))
		}
		para(strings.Join(fields, "\n"))
		if e.Footer != nil {
			para("— " + plainMarkdown(e.Footer.Text))
		}
	}
	var rows []string
	for _, row := range r.Components {
		var hints []string
		for _, btn := range row.Buttons {
			switch {
			case btn.Style == StyleLink:
				hints = append(hints, "["+btn.Label+"] <"+btn.URL+">")
			case btn.Disabled:
				hints = append(hints, btn.Label)
			default:
				hints = append(hints, "["+btn.Label+"]")
			}
		}
		rows = append(rows, strings.Join(hints, "  "))
	}
	para(strings.Join(rows, "\n"))
	if r.Choices != nil {
		var lines []string
		for _, c := range r.Choices {
			line := "  " + c.Name
			if c.Value != c.Name {
				line += "  (" + c.Value + ")"
			}
			lines = append(lines, line)
		}
		if len(lines) == 0 {
			para("(no suggestions)")
		} else {
			para("Suggestions:\n" + strings.Join(lines, "\n"))
		}
	}
	if m := r.Modal; m != nil {
		lines := []string{"Form: " + m.Title}
		for _, f := range m.Fields {
			line := "  " + f.Label
			if f.Required {
				line += " (required)"
			}
			lines = append(lines, line)
		}
		para(strings.Join(lines, "\n"))
	}
	return b.String()
}

func indent(s, prefix string) string {
	if s == "" {
		return ""
	}
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}

// plainMarkdown turns Discord Markdown into plain text: escapes undone,
// "@"+zero-width space back to "@", masked links as "text <url>", "**"
// and "-# " dropped.
func plainMarkdown(s string) string {
	if !strings.ContainsAny(s, "\\[*-"+zeroWidthSpace) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	lineStart := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]):
			b.WriteByte(s[i+1])
			i++
		case c == '@' && strings.HasPrefix(s[i+1:], zeroWidthSpace):
			b.WriteByte('@')
			i += len(zeroWidthSpace)
		case c == '*' && i+1 < len(s) && s[i+1] == '*':
			i++
		case lineStart && strings.HasPrefix(s[i:], "-# "):
			i += 2
		case c == '[':
			if m := maskedLink.FindString(s[i:]); m != "" {
				text, url, _ := strings.Cut(m[1:len(m)-1], "](")
				b.WriteString(unescapeMarkdown(text) + " <" + url + ">")
				i += len(m) - 1
			} else {
				b.WriteByte(c)
			}
		default:
			b.WriteByte(c)
		}
		lineStart = c == '\n'
	}
	return b.String()
}
