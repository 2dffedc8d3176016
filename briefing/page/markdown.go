package page

import (
	"regexp"
	"strings"
)

// FromMarkdown cleans a Markdown document: the Markdown syntax is removed
// (headings become lines and the first top-level heading the title; links
// keep their text; images, reference definitions and emphasis markers go;
// list items and quoted lines are kept as lines; soft-wrapped lines of one
// paragraph are joined), then the text is cleaned as FromText does.
func FromMarkdown(s string) Page {
	lines, title := markdownLines(s)
	c := clean(lines, cleanOptions{title: title})
	return c.page()
}

var (
	mdImageRe     = regexp.MustCompile(`!\[[^\]\n]*\]\([^)\n]*\)|!\[[^\]\n]*\]\[[^\]\n]*\]`)
	mdLinkRe      = regexp.MustCompile(`\[([^\]\n]*)\]\((?:[^()\n]|\([^()\n]*\))*\)|\[([^\]\n]+)\]\[[^\]\n]*\]`)
	mdAutoLinkRe  = regexp.MustCompile(`<(?:https?|mailto|ftp):[^>\s]*>`)
	mdRefDefRe    = regexp.MustCompile(`^\s{0,3}\[[^\]]+\]:\s*\S+`)
	mdStrongRe    = regexp.MustCompile(`(\*\*|__)(\S(?:.*?\S)?)(\*\*|__)`)
	mdEmStarRe    = regexp.MustCompile(`(^|[^\p{L}\p{N}*\\])\*(\S(?:[^*\n]*?\S)?)\*`)
	mdEmUnderRe   = regexp.MustCompile(`(^|[^\p{L}\p{N}_\\])_(\S(?:[^_\n]*?\S)?)_([^\p{L}\p{N}_]|$)`)
	mdStrikeRe    = regexp.MustCompile(`~~(\S(?:.*?\S)?)~~`)
	mdCodeRe      = regexp.MustCompile("`+([^`\n]+)`+")
	mdTagRe       = regexp.MustCompile(`</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>`)
	mdEscapeRe    = regexp.MustCompile(`\\([\\` + "`" + `*_{}\[\]()#+\-.!>|~"'])`)
	mdHeadingRe   = regexp.MustCompile(`^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$`)
	mdListRe      = regexp.MustCompile(`^\s*(?:[-*+]|\d{1,9}[.)])\s+(.*)$`)
	mdQuoteRe     = regexp.MustCompile(`^\s{0,3}>\s?`)
	mdRuleRe      = regexp.MustCompile(`^\s{0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$`)
	mdSetextRe    = regexp.MustCompile(`^\s{0,3}(=+|-+)\s*$`)
	mdFenceRe     = regexp.MustCompile("^\\s{0,3}(```+|~~~+)")
	mdTableSepRe  = regexp.MustCompile(`^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$`)
	mdTaskRe      = regexp.MustCompile(`^\[[ xX]\]\s+`)
	mdFootnoteRe  = regexp.MustCompile(`\[\^[^\]\s]+\]`)
	mdTableCellRe = regexp.MustCompile(`\s*\|\s*`)
)

// markdownLines turns Markdown into the line form the cleaner reads: one
// paragraph, heading, list item or table row per line, blank lines
// between blocks. It also returns the document's title heading.
func markdownLines(s string) (lines []string, title string) {
	src := splitLines(s)
	var para []string
	flush := func() {
		if len(para) > 0 {
			lines = append(lines, mdInline(strings.Join(para, " ")), "")
			para = para[:0]
		}
	}
	firstHeading, proseSeen := "", false
	inFence := ""
	for i := 0; i < len(src); i++ {
		l := src[i]
		if inFence != "" {
			if strings.HasPrefix(strings.TrimSpace(l), inFence) {
				inFence = ""
				lines = append(lines, "")
				continue
			}
			if l != "" {
				lines = append(lines, l)
			}
			continue
		}
		if m := mdFenceRe.FindStringSubmatch(l); m != nil {
			flush()
			inFence = m[1][:3]
			continue
		}
		if l == "" {
			flush()
			continue
		}
		if mdRefDefRe.MatchString(l) {
			continue
		}
		// Setext heading: a paragraph line underlined with === or ---.
		if len(para) == 1 && mdSetextRe.MatchString(l) {
			h := mdInline(para[0])
			para = para[:0]
			if strings.HasPrefix(strings.TrimSpace(l), "=") && title == "" && !proseSeen {
				title = normSpace(h)
			}
			if firstHeading == "" && !proseSeen {
				firstHeading = normSpace(h)
			}
			lines = append(lines, h, "")
			continue
		}
		if mdRuleRe.MatchString(l) {
			flush()
			continue
		}
		if m := mdHeadingRe.FindStringSubmatch(l); m != nil {
			flush()
			h := mdInline(m[2])
			if len(m[1]) == 1 && title == "" && !proseSeen {
				title = normSpace(h)
			}
			if firstHeading == "" && !proseSeen {
				firstHeading = normSpace(h)
			}
			lines = append(lines, h, "")
			continue
		}
		if loc := mdQuoteRe.FindStringIndex(l); loc != nil {
			l = strings.TrimSpace(l[loc[1]:])
			for mdQuoteRe.MatchString(l) {
				l = strings.TrimSpace(mdQuoteRe.ReplaceAllString(l, ""))
			}
			if l == "" {
				flush()
				continue
			}
		}
		if m := mdListRe.FindStringSubmatch(l); m != nil && !mdRuleRe.MatchString(l) {
			flush()
			item := mdTaskRe.ReplaceAllString(m[1], "")
			if item != "" {
				lines = append(lines, mdInline(item))
			}
			continue
		}
		if strings.HasPrefix(l, "|") || strings.Count(l, "|") >= 2 && len(para) == 0 {
			if mdTableSepRe.MatchString(l) {
				continue
			}
			flush()
			row := strings.Trim(mdTableCellRe.ReplaceAllString(l, " | "), " |")
			lines = append(lines, mdInline(row))
			continue
		}
		para = append(para, l)
		if countWords(l) >= 6 {
			proseSeen = true
		}
	}
	flush()
	if title == "" {
		title = firstHeading
	}
	if countWords(title) < 2 {
		title = ""
	}
	return lines, title
}

// mdInline removes inline Markdown: images, links (keeping their text),
// emphasis, code marks, HTML tags, footnote marks and escapes.
func mdInline(s string) string {
	s = mdImageRe.ReplaceAllString(s, "")
	s = mdLinkRe.ReplaceAllString(s, "$1$2")
	s = mdAutoLinkRe.ReplaceAllString(s, "")
	s = mdFootnoteRe.ReplaceAllString(s, "")
	s = mdCodeRe.ReplaceAllString(s, "$1")
	s = mdTagRe.ReplaceAllString(s, "")
	for range 3 { // nested emphasis: ***x***, **_x_**
		s = mdStrongRe.ReplaceAllString(s, "$2")
		s = mdStrikeRe.ReplaceAllString(s, "$1")
		s = mdEmStarRe.ReplaceAllString(s, "$1$2")
		s = mdEmUnderRe.ReplaceAllString(s, "$1$2$3")
	}
	s = mdEscapeRe.ReplaceAllString(s, "$1")
	return strings.TrimSpace(s)
}
