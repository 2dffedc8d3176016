package render

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestEscapeMarkdown(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text, nothing to do.", "plain text, nothing to do."},
		{"**bold** _it_ ~~s~~ `c` ||spoiler||", `\*\*bold\*\* \_it\_ \~\~s\~\~ \` + "`c\\`" + ` \|\|spoiler\|\|`},
		{"[click](https://evil.example)", `\[click\]\(https://evil.example\)`},
		{"# Heading\n- item\n> quote\n-# small", "\\# Heading\n\\- item\n\\> quote\n\\-# small"},
		{"mid-line - and # and > stay", "mid-line - and # and > stay"},
		{"  # indented heading", `  \# indented heading`},
		{"1. first\n22. second\nv1.2", "1\\. first\n22\\. second\nv1.2"},
		{"@everyone @here", "@\u200beveryone @\u200bhere"},
		{"<@123> <@!123> <@&456> <#789> </cmd:1> <t:1700000000>", `\<@` + "\u200b" + `123> \<@` + "\u200b" + `!123> \<@` + "\u200b" + `&456> \<#789> \</cmd:1> \<t:1700000000>`},
		{`back\slash`, `back\\slash`},
		{"see https://example.com/a_b/*c*?q=1~2 now", "see https://example.com/a_b/*c*?q=1~2 now"},
		{"(https://example.com/x_y).", `\(https://example.com/x_y\).`},
		{"https://x.com/@everyone", "https://x.com/@\u200beveryone"},
		{"xhttps://a_b", `xhttps://a\_b`},
		{"http://", "http://"},
	}
	for _, tt := range tests {
		got := EscapeMarkdown(tt.in)
		if got != tt.want {
			t.Errorf("EscapeMarkdown(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
		if back := unescapeMarkdown(got); back != tt.in {
			t.Errorf("unescapeMarkdown(EscapeMarkdown(%q)) = %q", tt.in, back)
		}
	}
}

func FuzzEscapeMarkdown(f *testing.F) {
	f.Add("**x** @everyone <@&1> [a](b)\n# h")
	f.Fuzz(func(t *testing.T, s string) {
		if utf8.ValidString(s) && !strings.Contains(s, "\u200b") && !strings.Contains(s, "\\") {
			if back := unescapeMarkdown(EscapeMarkdown(s)); back != s {
				t.Fatalf("round trip of %q gave %q", s, back)
			}
		}
		e := EscapeMarkdown(s)
		if m := pings.FindString(e); m != "" {
			t.Fatalf("EscapeMarkdown(%q) = %q still contains %q", s, e, m)
		}
		for i := 0; i < len(e); i++ {
			if e[i] == '<' && !escaped(e, i) {
				t.Fatalf("EscapeMarkdown(%q) = %q has an unescaped <", s, e)
			}
		}
	})
}

// pings are mention forms Discord would act on.
var pings = regexp.MustCompile(`@(everyone|here)|<@[!&]?\d|<#\d`)
