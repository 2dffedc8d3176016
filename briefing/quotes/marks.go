package quotes

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// qspan is one outer quotation in a paragraph.
type qspan struct {
	open  int // offset of the opening mark
	start int // first byte of the quoted words
	end   int // just past the quoted words
	close int // just past the closing mark (== end when the quote runs on)
	// runOn: no closing mark in this paragraph; the quotation continues in
	// the next paragraph, which opens with a mark (multi-paragraph quote).
	runOn bool
}

type openMark struct {
	pos, size int
	mark      rune
	children  []qspan // quotations closed inside this one (dropped if it closes)
}

const maxDepth = 8

// findQuotes pairs the quotation marks of the paragraph text[ps:pe] and
// returns its outer quotations in order. Marks that cannot be paired are
// ignored; quotations found inside an unpaired mark are kept. One pass.
func findQuotes(text string, ps, pe int) []qspan {
	var out []qspan
	var stack []openMark
	emit := func(q qspan) {
		if len(stack) > 0 {
			top := &stack[len(stack)-1]
			if len(top.children) < 64 {
				top.children = append(top.children, q)
			}
			return
		}
		out = append(out, q)
	}
	// drop discards the top open mark as unpaired, promoting its children.
	drop := func() {
		top := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, c := range top.children {
			emit(c)
		}
	}
	push := func(i, size int, r rune) {
		if len(stack) < maxDepth {
			stack = append(stack, openMark{pos: i, size: size, mark: r})
		}
	}
	// closeAt pairs the closing mark at i with the nearest open mark that
	// accepts it, dropping unpaired marks above it.
	closeAt := func(i, size int, accepts func(rune) bool) bool {
		k := len(stack) - 1
		for k >= 0 && !accepts(stack[k].mark) {
			k--
		}
		if k < 0 {
			return false
		}
		for len(stack)-1 > k {
			drop()
		}
		top := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		emit(qspan{open: top.pos, start: top.pos + top.size, end: i, close: i + size})
		return true
	}
	isDoubleOpen := func(m rune) bool { return m == '"' || m == '“' || m == '„' }
	for i := ps; i < pe; {
		// Of ASCII, only the straight marks are quotation marks: skip the
		// rest (nearly all the text) without decoding it.
		if c := text[i]; c < utf8.RuneSelf && c != '"' && c != '\'' {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:pe])
		switch r {
		case '“':
			if len(stack) > 0 && stack[len(stack)-1].mark == '„' {
				closeAt(i, size, func(m rune) bool { return m == '„' })
			} else {
				push(i, size, r)
			}
		case '„', '«', '‹':
			push(i, size, r)
		case '”':
			closeAt(i, size, isDoubleOpen)
		case '»':
			closeAt(i, size, func(m rune) bool { return m == '«' })
		case '›':
			closeAt(i, size, func(m rune) bool { return m == '‹' })
		case '"':
			prevSpace, nextSpace := spaceBefore(text, ps, i), spaceAfter(text, pe, i+size)
			inDouble := false
			for k := len(stack) - 1; k >= 0; k-- {
				if stack[k].mark == '"' {
					inDouble = true
					break
				}
			}
			switch {
			case inDouble && !prevSpace:
				closeAt(i, size, func(m rune) bool { return m == '"' })
			case inDouble && nextSpace:
				closeAt(i, size, func(m rune) bool { return m == '"' })
			case !nextSpace && (prevSpace || openerBefore(text, ps, i)):
				push(i, size, r)
			}
		case '‘':
			if !nextDigit(text, pe, i+size) && (spaceBefore(text, ps, i) || openerBefore(text, ps, i)) {
				push(i, size, r)
			}
		case '’':
			if !letterAfter(text, pe, i+size) && !spaceBefore(text, ps, i) {
				closeAt(i, size, func(m rune) bool { return m == '‘' })
			}
		case '\'':
			if !letterAfter(text, pe, i+size) && !spaceBefore(text, ps, i) {
				if closeAt(i, size, func(m rune) bool { return m == '\'' }) {
					break
				}
			}
			if (spaceBefore(text, ps, i) || openerBefore(text, ps, i)) && letterAfter(text, pe, i+size) {
				push(i, size, r)
			}
		}
		i += size
	}
	// Unpaired marks at the end of the paragraph: a double mark that opens
	// the paragraph runs on into the next one (checked by the caller).
	for len(stack) > 1 {
		drop()
	}
	if len(stack) == 1 {
		top := stack[0]
		if isDoubleOpen(top.mark) || top.mark == '«' {
			before := strings.TrimSpace(text[ps:top.pos])
			if before == "" || strings.HasSuffix(before, ".") || strings.HasSuffix(before, ":") || strings.HasSuffix(before, "?") || strings.HasSuffix(before, "!") {
				stack = stack[:0]
				out = append(out, qspan{open: top.pos, start: top.pos + top.size, end: pe, close: pe, runOn: true})
				return out
			}
		}
		drop()
	}
	return out
}

func spaceBefore(text string, ps, i int) bool {
	if i <= ps {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(text[ps:i])
	return unicode.IsSpace(r)
}

func spaceAfter(text string, pe, i int) bool {
	if i >= pe {
		return true
	}
	r, _ := utf8.DecodeRuneInString(text[i:pe])
	return unicode.IsSpace(r) || r == ',' || r == '.' || r == ';' || r == ':' || r == '?' || r == '!' || r == ')' || r == '—' || r == '–'
}

// openerBefore: a mark right after an opening bracket, dash or another mark.
func openerBefore(text string, ps, i int) bool {
	if i <= ps {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(text[ps:i])
	return strings.ContainsRune("([{—–-:/“„«‘\"'*•", r)
}

func letterAfter(text string, pe, i int) bool {
	if i >= pe {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[i:pe])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func nextDigit(text string, pe, i int) bool {
	if i >= pe {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[i:pe])
	return unicode.IsDigit(r)
}
