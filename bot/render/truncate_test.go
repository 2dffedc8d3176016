package render

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

func TestTruncate(t *testing.T) {
	tests := []struct {
		name string
		in   string
		max  int
		want string
	}{
		{"fits", "hello world", 11, "hello world"},
		{"fits in runes not bytes", "Zelenskyy ü é ñ", 15, "Zelenskyy ü é ñ"},
		{"word boundary", "hello wonderful world", 12, "hello…"},
		{"word boundary keeps more", "the quick brown fox jumps", 20, "the quick brown fox…"},
		{"word boundary mid word", "the quick brown fox jumps", 18, "the quick brown…"},
		{"long word cut with ellipsis", "Donaudampfschifffahrtsgesellschaft", 10, "Donaudamp…"},
		{"trailing punctuation dropped", "We said, then left", 10, "We said…"},
		{"zero", "abc", 0, ""},
		{"one", "abc", 1, "…"},
		{"exactly max", "abcdef", 6, "abcdef"},
		{"combining accent kept whole", "cafe\u0301s are open", 6, "cafe\u0301…"},
		{"combining accent not split", "cafe\u0301s", 5, "caf…"},
		{"flag not split", "go 🇺🇦🇺🇦🇺🇦", 5, "go…"},
		{"family emoji not split", "x 👨‍👩‍👧‍👦 y", 6, "x…"},
		{"no dangling escape", `aaaa \*bold\*`, 7, `aaaa…`},
		{"no dangling escape mid word", `abcdef\*ghijkl`, 8, `abcdef…`},
		{"masked link not cut", "see [the full article](https://example.com/a) now", 30, "see…"},
		{"invalid utf8 replaced", "ab\xffcd", 10, "ab\uFFFDcd"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Truncate(tt.in, tt.max)
			if got != tt.want {
				t.Errorf("Truncate(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
			}
			if Len(got) > tt.max {
				t.Errorf("Truncate(%q, %d) has %d characters", tt.in, tt.max, Len(got))
			}
		})
	}
}

func FuzzTruncate(f *testing.F) {
	for _, s := range []string{"hello world", "🇺🇦🇺🇦 x", `a\*b`, "[t](u) v", "e\u0301\u0301\u0301"} {
		f.Add(s, 5)
	}
	f.Fuzz(func(t *testing.T, s string, max int) {
		max %= 300
		got := Truncate(s, max)
		if max <= 0 {
			if got != "" {
				t.Fatalf("Truncate(%q, %d) = %q, want empty", s, max, got)
			}
			return
		}
		if Len(got) > max {
			t.Fatalf("Truncate(%q, %d) = %q: %d characters", s, max, got, Len(got))
		}
		if !utf8.ValidString(got) {
			t.Fatalf("Truncate(%q, %d) = %q: invalid UTF-8", s, max, got)
		}
		valid := strings.ToValidUTF8(s, "\uFFFD")
		if got == valid {
			return
		}
		if !strings.HasSuffix(got, Ellipsis) {
			t.Fatalf("Truncate(%q, %d) = %q: cut without an ellipsis", s, max, got)
		}
		head := strings.TrimSuffix(got, Ellipsis)
		if !strings.HasPrefix(valid, head) {
			t.Fatalf("Truncate(%q, %d) = %q: not a prefix", s, max, got)
		}
		// The cut is at a grapheme boundary of the original.
		if head != "" {
			at := 0
			g := uniseg.NewGraphemes(valid)
			for g.Next() {
				_, to := g.Positions()
				if to == len(head) {
					at = to
					break
				}
				if to > len(head) {
					break
				}
			}
			if at != len(head) {
				t.Fatalf("Truncate(%q, %d) = %q: cut inside a grapheme cluster", s, max, got)
			}
		}
	})
}
