package speakers

import "strings"

// skeleton reduces one folded name token to a form shared by its common
// Latin spellings, chiefly the competing transliterations of Slavic names
// (BGN/PCGN, Ukrainian national, scholarly, German and Polish styles):
//
//   - adjectival endings -skyy/-skiy/-skii/-skyi/-skij/-sky/-ski → -ski,
//     other -iy/-yy/-ii/-yi/-ij → -i, -ey/-ej → -ei, a final -y after a
//     consonant → -i (Dmitry/Dmitriy/Dmitrii);
//   - German and Polish letters: w → v, sch → sh, tsch → ch; -off/-ow → -ov,
//     -eff → -ev (Gorbatschow/Gorbachov; Rachmaninoff/Rachmaninov);
//   - kh → h, x → ks; yo after a consonant → e (Pyotr/Petr, Fyodor/Fedor);
//   - an iotated start ju/iu, ja/ia, ie → yu, ya, ye, and ye → e
//     (Yevgeny/Evgeny, Yermak/Ermak); every other y → i;
//   - doubled letters written once.
//
// Endings that differ in more than these spellings stay apart, so
// Zelensky (zelenski) and Zelenska (zelenska) are different skeletons.
// The rules are generic: no name is listed.
func skeleton(tok string) string {
	if tok == "" {
		return tok
	}
	s := tok
	if strings.HasSuffix(s, "off") {
		s = s[:len(s)-3] + "ov"
	} else if strings.HasSuffix(s, "eff") {
		s = s[:len(s)-3] + "ev"
	}
	s = letters(s)

	// Endings, longest first.
	for _, e := range [...]string{"skyy", "skiy", "skii", "skyi", "skij", "skyj", "sky"} {
		if strings.HasSuffix(s, e) && len(s) > len(e) {
			s = s[:len(s)-len(e)] + "ski"
			break
		}
	}
	for _, e := range [...]string{"iy", "yy", "ii", "yi", "ij", "yj"} {
		if strings.HasSuffix(s, e) && len(s) > len(e)+1 {
			s = s[:len(s)-len(e)] + "i"
			break
		}
	}
	if n := len(s); n > 2 && (strings.HasSuffix(s, "ey") || strings.HasSuffix(s, "ej")) {
		s = s[:n-2] + "ei"
	}
	if n := len(s); n > 2 && s[n-1] == 'y' && isConsonant(s[n-2]) {
		s = s[:n-1] + "i"
	}

	b := []byte(s)
	// yo after a consonant → e.
	out := b[:0:0]
	for i := 0; i < len(b); i++ {
		if i > 0 && b[i] == 'y' && i+1 < len(b) && b[i+1] == 'o' && isConsonant(b[i-1]) {
			out = append(out, 'e')
			i++
			continue
		}
		out = append(out, b[i])
	}
	b = out
	// Iotated start (only for tokens of four or more letters, so that
	// short distinct names such as Ian and Jan stay apart).
	if len(b) >= 4 && (b[0] == 'j' || b[0] == 'i') && (b[1] == 'u' || b[1] == 'a') || len(b) >= 4 && b[0] == 'i' && b[1] == 'e' {
		b[0] = 'y' // not je: Jean, Jennifer and Jeremy are not iotated
	}
	if len(b) >= 4 && b[0] == 'y' && b[1] == 'e' {
		b = b[1:]
	}
	for i := 1; i < len(b); i++ {
		if b[i] == 'y' {
			b[i] = 'i'
		}
	}
	// Doubled letters once.
	w := 0
	for i := 0; i < len(b); i++ {
		if w > 0 && b[i] == b[w-1] && isLetter(b[i]) {
			continue
		}
		b[w] = b[i]
		w++
	}
	return string(b[:w])
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' }

func isConsonant(c byte) bool {
	if !isLetter(c) {
		return false
	}
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return false
	}
	return true
}

// letters rewrites, in one pass, tsch → ch, sch → sh, kh → h, x → ks and
// w → v.
func letters(s string) string {
	if !strings.ContainsAny(s, "schkxw") {
		return s
	}
	b := make([]byte, 0, len(s)+2)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == 't' && strings.HasPrefix(s[i:], "tsch"):
			b = append(b, 'c', 'h')
			i += 3
		case c == 's' && strings.HasPrefix(s[i:], "sch"):
			b = append(b, 's', 'h')
			i += 2
		case c == 'k' && i+1 < len(s) && s[i+1] == 'h':
			b = append(b, 'h')
			i++
		case c == 'x':
			b = append(b, 'k', 's')
		case c == 'w':
			b = append(b, 'v')
		default:
			b = append(b, c)
		}
	}
	return string(b)
}
