package render

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// zeroWidthSpace after "@" stops "@everyone", "@here" and "@name" from
// being read as mentions while looking the same.
const zeroWidthSpace = "\u200b"

// EscapeMarkdown makes corpus text safe to put in a Discord message or
// embed: it shows as typed and can neither format nor ping.
//
//   - \ * _ ~ ` | [ ] ( ) are backslash-escaped everywhere (bold, italics,
//     strike-through, code, spoilers, masked links);
//   - # - > are escaped where Markdown reads them: at the start of a line
//     (headings, "-#" subtext, lists, block quotes); elsewhere they are
//     plain text and escaping them would only cost characters;
//   - "<" is escaped, so <@id>, <@!id>, <@&id>, <#id>, </cmd:id>, <t:..>
//     and <:emoji:id> show as text;
//   - "@" is followed by a zero-width space, so @everyone, @here and
//     @name never ping, even where a client ignores allowed_mentions;
//   - bare http(s) URLs are left as they are (Discord links them whole
//     before reading Markdown, and an escape would break the link),
//     except for @everyone and @here in them.
//
// Replies also carry allowed_mentions {"parse": []}; this is the second
// line of defence, and it keeps the text looking as typed.
func EscapeMarkdown(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	lineStart := true
	leadingDigits := false // "12" at the start of a line: "12. " would be a list item
	for i := 0; i < len(s); {
		if n := urlAt(s, i); n > 0 {
			writeURL(&b, s[i:i+n])
			i += n
			lineStart, leadingDigits = false, false
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if leadingDigits && r == '.' {
			b.WriteString(`\.`)
			leadingDigits = false
			continue
		}
		leadingDigits = (lineStart || leadingDigits) && r >= '0' && r <= '9'
		switch {
		case r == '\n':
			b.WriteRune(r)
			lineStart = true
			continue
		case lineStart && (r == ' ' || r == '\t'):
			b.WriteRune(r)
			continue
		case strings.ContainsRune("\\*_~`|[]()<", r):
			b.WriteByte('\\')
			b.WriteRune(r)
		case lineStart && strings.ContainsRune("#->+", r):
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '@':
			b.WriteString("@" + zeroWidthSpace)
		default:
			b.WriteRune(r)
		}
		lineStart = false
	}
	return b.String()
}

// urlAt returns the length of the bare http(s) URL starting at s[i], or 0.
// Discord links a bare URL as a whole before reading Markdown in it, so
// its characters need no escaping, and escaping them would break the link.
func urlAt(s string, i int) int {
	if s[i] != 'h' && s[i] != 'H' {
		return 0
	}
	rest := s[i:]
	if !hasPrefixFold(rest, "https://") && !hasPrefixFold(rest, "http://") {
		return 0
	}
	if i > 0 {
		if r, _ := utf8.DecodeLastRuneInString(s[:i]); unicode.IsLetter(r) || unicode.IsDigit(r) {
			return 0
		}
	}
	n := strings.IndexFunc(rest, func(r rune) bool {
		return unicode.IsSpace(r) || r == '<' || r == '>' || r == '"' || r == '`' || r == '|' || r == '\\'
	})
	if n < 0 {
		n = len(rest)
	}
	// A closing bracket or sentence punctuation at the end belongs to the text.
	for n > 0 && strings.IndexByte(".,;:!?)]*_~'", rest[n-1]) >= 0 {
		n--
	}
	if n <= len("http://") {
		return 0
	}
	return n
}

// writeURL copies a URL as is, except that "@everyone" and "@here" in it
// still get a zero-width space.
func writeURL(b *strings.Builder, u string) {
	for {
		i := strings.IndexByte(u, '@')
		if i < 0 {
			b.WriteString(u)
			return
		}
		b.WriteString(u[:i+1])
		u = u[i+1:]
		if hasPrefixFold(u, "everyone") || hasPrefixFold(u, "here") {
			b.WriteString(zeroWidthSpace)
		}
	}
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// unescapeMarkdown undoes EscapeMarkdown for plain-text output: it drops
// backslashes before ASCII punctuation and zero-width spaces after "@".
func unescapeMarkdown(s string) string {
	if !strings.ContainsAny(s, "\\"+zeroWidthSpace) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]) {
			b.WriteByte(s[i+1])
			i++
			continue
		}
		if c == '@' && strings.HasPrefix(s[i+1:], zeroWidthSpace) {
			b.WriteByte('@')
			i += len(zeroWidthSpace)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}
