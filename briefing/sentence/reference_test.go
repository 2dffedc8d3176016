package sentence

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/briefbot/briefbot/briefing/evalscore"
)

// The splitter as first written, one rune at a time: Split and
// DoubleQuoteRegions must find exactly what it finds.

func refSplit(text string) []Span {
	var out []Span
	lineStart := 0
	for lineStart <= len(text) {
		nl := strings.IndexByte(text[lineStart:], '\n')
		lineEnd := len(text)
		if nl >= 0 {
			lineEnd = lineStart + nl
		}
		out = refSplitLine(text, lineStart, lineEnd, out)
		if nl < 0 {
			break
		}
		lineStart = lineEnd + 1
	}
	return out
}

func refDoubleQuoteRegions(text string, start, end int) []Region {
	var out []Region
	open := -1
	var openMark rune
	for i := start; i < end; {
		r, size := utf8.DecodeRuneInString(text[i:end])
		switch r {
		case '“':
			if open >= 0 && openMark == '„' {
				out = append(out, Region{open, i, size})
				open = -1
			} else {
				open, openMark = i, r
			}
		case '„', '«':
			open, openMark = i, r
		case '”':
			if open >= 0 && openMark != '«' {
				out = append(out, Region{open, i, size})
				open = -1
			}
		case '»':
			if open >= 0 && openMark == '«' {
				out = append(out, Region{open, i, size})
				open = -1
			}
		case '"':
			if open < 0 {
				if opensQuote(text, start, end, i) {
					open, openMark = i, r
				}
			} else if openMark == '"' || openMark == '“' || openMark == '„' {
				if closesQuote(text, start, end, i, size) {
					out = append(out, Region{open, i, size})
					open = -1
				} else {
					open, openMark = i, r
				}
			}
		}
		i += size
	}
	return out
}

func refSplitLine(text string, start, end int, out []Span) []Span {
	regions := refDoubleQuoteRegions(text, start, end)
	ri := 0
	sentStart := -1
	emit := func(s, e int) {
		s, e = trim(text, s, e)
		if s < e {
			out = append(out, Span{s, e})
		}
	}
	for i := start; i < end; {
		r, size := utf8.DecodeRuneInString(text[i:end])
		if sentStart < 0 {
			if unicode.IsSpace(r) {
				i += size
				continue
			}
			sentStart = i
		}
		for ri < len(regions) && regions[ri].Close < i {
			ri++
		}
		inQuote := ri < len(regions) && regions[ri].Open < i && i < regions[ri].Close
		// Flattened bullet list: " * " or " • " starts a new sentence.
		if (r == '*' || r == '•') && !inQuote && i > sentStart && i+size < end &&
			text[i-1] == ' ' && text[i+size] == ' ' {
			emit(sentStart, i)
			sentStart = -1
			i += size
			continue
		}
		// The closing mark of a quotation that ends with a terminator
		// ends the sentence too, unless the attribution follows in lower
		// case ("Is it over?" he asked.).
		if ri < len(regions) && i == regions[ri].Close && i > sentStart {
			prev, _ := utf8.DecodeLastRuneInString(text[start:i])
			k := i + regions[ri].CloseLen
			if (prev == '.' || prev == '!' || prev == '?' || prev == '…') &&
				(k >= end || text[k] == ' ' || text[k] == '\t') && nextUpper(text, k, end) {
				emit(sentStart, k)
				sentStart = -1
			}
			i = k
			continue
		}
		if inQuote || !(r == '.' || r == '!' || r == '?' || r == '…') {
			i += size
			continue
		}
		// Consume the run of terminators, then closing marks.
		j := i
		for j < end {
			c, n := utf8.DecodeRuneInString(text[j:end])
			if c == '.' || c == '!' || c == '?' || c == '…' {
				j += n
				continue
			}
			break
		}
		k := j
		for k < end {
			c, n := utf8.DecodeRuneInString(text[k:end])
			if strings.ContainsRune("\"”’')]»", c) {
				k += n
				continue
			}
			break
		}
		if k < end {
			c, _ := utf8.DecodeRuneInString(text[k:end])
			if !unicode.IsSpace(c) {
				i = j
				continue
			}
		}
		if boundary(text, start, end, i, j, k) {
			emit(sentStart, k)
			sentStart = -1
		}
		i = k
	}
	if sentStart >= 0 {
		emit(sentStart, end)
	}
	return out
}

var equalCases = []string{
	"",
	"The vote passed. Critics were silent.",
	`"We will stay. We will not leave. Never," the mayor said. Crowds cheered.`,
	`He said: “We are ready.” The talks resume today. „Wir schaffen das“, sagte sie. «Non.» Fin…`,
	"Key points: * Talks resume on Friday • Aid to be discussed later * ",
	"Unbalanced “quote. And \"another. Mr. X. J. R. R. Tolkien… wait!? (Yes.) [No.]",
	"bad \xe2\x80 bytes\xe2\x80\xa6 here. \xff\xfe. \xe2\x80\xa2 • done",
	"Line one.\nLine two \"open\n“close” here.\r\n\tTabbed. U.S. The end",
}

func TestSplitMatchesReference(t *testing.T) {
	cases := slices.Clone(equalCases)
	for _, doc := range evalscore.SharedSeeds(t, "corpus", "*.txt") {
		cases = append(cases, doc)
	}
	for _, s := range cases {
		checkSame(t, s)
	}
}

func checkSame(t *testing.T, s string) {
	t.Helper()
	if got, want := Split(s), refSplit(s); !slices.Equal(got, want) {
		t.Fatalf("Split(%q)\n = %v\nwant %v", s, got, want)
	}
	if got, want := DoubleQuoteRegions(s, 0, len(s)), refDoubleQuoteRegions(s, 0, len(s)); !slices.Equal(got, want) {
		t.Fatalf("DoubleQuoteRegions(%q)\n = %v\nwant %v", s, got, want)
	}
}

func FuzzSplitMatchesReference(f *testing.F) {
	for _, s := range equalCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkSame(t, s) })
}
