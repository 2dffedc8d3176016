package render

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// Len is the length of s as Discord counts it: Unicode code points.
func Len(s string) int { return utf8.RuneCountInString(s) }

// Truncate shortens s to at most max code points. Text that fits is
// returned unchanged (apart from invalid UTF-8, replaced by U+FFFD as JSON
// encoding would). Text that does not fit is cut at a grapheme cluster
// boundary (never inside an emoji sequence or between a letter and its
// combining accent), preferably at the end of a word, and always ends in
// "…" so a reader sees that something was left out. A cut never leaves a
// dangling Markdown escape or half a masked link.
func Truncate(s string, max int) string {
	if max <= 0 {
		return ""
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	if Len(s) <= max {
		return s
	}
	budget := max - Len(Ellipsis)
	head := s[:graphemePrefix(s, budget)]
	if len(head) < len(s) && !isSpaceAt(s, len(head)) && !endsInSpace(head) {
		// Mid-word: go back to the last space if that keeps at least half.
		if i := strings.LastIndexFunc(head, unicode.IsSpace); i > 0 && Len(head[:i]) >= budget/2 {
			head = head[:i]
		}
	}
	head = unfinishedLink(s, head)
	head = strings.TrimRightFunc(head, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(",;:-–—(", r)
	})
	head = dropDanglingEscape(head)
	return head + Ellipsis
}

// graphemePrefix returns the byte length of the longest prefix of s made
// of whole grapheme clusters and at most budget code points.
func graphemePrefix(s string, budget int) int {
	if budget <= 0 {
		return 0
	}
	// Fast path: between two ASCII characters (other than CR LF) there is
	// always a grapheme boundary, as no ASCII character extends, joins or
	// prepends (UAX #29 GB3, GB9-GB9b).
	cut, runes := 0, 0
	for cut < len(s) && runes < budget {
		_, size := utf8.DecodeRuneInString(s[cut:])
		cut += size
		runes++
	}
	if cut == len(s) {
		return cut
	}
	if cut > 0 && s[cut-1] < utf8.RuneSelf && s[cut] < utf8.RuneSelf && !(s[cut-1] == '\r' && s[cut] == '\n') {
		return cut
	}
	n := 0
	counted := 0
	state := -1
	rest := s
	for len(rest) > 0 {
		var cluster string
		cluster, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		c := Len(cluster)
		if counted+c > budget {
			break
		}
		counted += c
		n += len(cluster)
	}
	return n
}

func isSpaceAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsSpace(r)
}

func endsInSpace(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsSpace(r)
}

// dropDanglingEscape removes a final unpaired backslash, which would
// otherwise escape the ellipsis (or show as a stray "\").
func dropDanglingEscape(s string) string {
	n := 0
	for n < len(s) && s[len(s)-1-n] == '\\' {
		n++
	}
	if n%2 == 1 {
		return s[:len(s)-1]
	}
	return s
}

var maskedLink = regexp.MustCompile(`^\[[^\[\]\n]*\]\([^()\s]*\)`)

// unfinishedLink backs head up to before a masked link ("[text](url)") of
// s that head would cut in two, so a cut never shows a broken link.
func unfinishedLink(s, head string) string {
	for i := len(head) - 1; i >= 0; i-- {
		if head[i] != '[' || escaped(head, i) {
			continue
		}
		if m := maskedLink.FindString(s[i:]); m != "" && i+len(m) > len(head) {
			return head[:i]
		}
		return head
	}
	return head
}

// escaped reports whether s[i] is preceded by an odd number of backslashes.
func escaped(s string, i int) bool {
	n := 0
	for j := i - 1; j >= 0 && s[j] == '\\'; j-- {
		n++
	}
	return n%2 == 1
}
