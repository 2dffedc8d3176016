package speakers

import (
	"fmt"
	"strings"
)

// Key returns the identity key of a name: for a person, the transliteration
// skeletons of the name's words with titles and roles removed and a
// generational suffix kept ("Kremlin spokesman Dmitry Peskov" →
// "dmitri peskov"; "Donald Trump Jr." → "donald trump jr"; "Volodymyr
// Zelenskyy" and "Volodymyr Zelensky" share "volodimir zelenski"); for an
// organisation, its folded words without "the" ("the Kremlin" → "kremlin").
// Key is "" when the string holds no name ("the spokesman").
func Key(name string) string {
	p := parse(name)
	return p.key()
}

func (p parsed) key() string {
	if p.org {
		return p.orgKey
	}
	if p.last == "" {
		return ""
	}
	k := p.last
	if len(p.given) > 0 {
		k = strings.Join(p.given, " ") + " " + k
	}
	if p.suffix != "" {
		k += " " + p.suffix // Donald Trump Jr. is not Donald Trump
	}
	return k
}

// LastKey returns the key the store groups speakers by: the transliteration
// skeleton of the surname, with particles ("von der leyen") and without an
// Arabic article ("al-Assad" → "assad"), skipping suffixes (Jr, Sr, II,
// III). Spelling variants share it: LastKey of "Zelensky", "Zelenskyy",
// "Zelenskiy" and "Zelenskii" is "zelenski", while "Zelenska" is
// "zelenska". For an organisation LastKey is its Key; "" when there is no
// name.
func LastKey(name string) string {
	p := parse(name)
	if p.org {
		return p.orgKey
	}
	return p.last
}

// IsOrg reports whether name reads as an organisation or body ("Kremlin",
// "British government", "Russian Foreign Ministry") rather than a person.
func IsOrg(name string) bool { return parse(name).org }

// Match reports whether a and b name the same person (or organisation) and
// why. People match when their surname skeletons are equal and their given
// names agree: one is absent ("Peskov" and "Dmitry Peskov"), equal up to
// transliteration, or an initial of the other ("J. Smith" and "John
// Smith"). Organisations match only an equal organisation key.
func Match(a, b string) (same bool, reason string) {
	return matchParsed(parse(a), parse(b))
}

func matchParsed(pa, pb parsed) (bool, string) {
	if pa.org || pb.org {
		if pa.org && pb.org && pa.orgKey != "" && pa.orgKey == pb.orgKey {
			return true, "same organisation name"
		}
		if pa.org != pb.org {
			return false, "an organisation matches only itself"
		}
		return false, fmt.Sprintf("different organisations %q and %q", pa.orgKey, pb.orgKey)
	}
	if pa.last == "" || pb.last == "" {
		return false, "no name to compare"
	}
	if pa.last != pb.last {
		return false, fmt.Sprintf("different surnames %s and %s", pa.raw, pb.raw)
	}
	var notes []string
	if pa.raw != pb.raw {
		notes = append(notes, fmt.Sprintf("transliteration variant %s~%s", pa.raw, pb.raw))
	}
	if len(pa.given) == 0 || len(pb.given) == 0 {
		notes = append([]string{"same surname, given name absent"}, notes...)
		return true, strings.Join(notes, "; ")
	}
	if pa.suffix != pb.suffix {
		return false, fmt.Sprintf("same name, different generations %q and %q", pa.suffix, pb.suffix)
	}
	ok, why := givenCompatible(pa, pb)
	if !ok {
		return false, "same surname, " + why
	}
	notes = append([]string{why}, notes...)
	return true, strings.Join(notes, "; ")
}

// givenCompatible compares given names word by word as far as both go: each
// pair must be equal skeletons or an initial and a name starting with it.
// "George W. Bush" and "George Bush" agree; "George H. W. Bush" and
// "George W. Bush" do not.
func givenCompatible(pa, pb parsed) (bool, string) {
	a, b := pa.given, pb.given
	n := min(len(a), len(b))
	initial := ""
	for i := 0; i < n; i++ {
		x, y := a[i], b[i]
		if x == y {
			continue
		}
		rx, ry := pa.givenRaw[i], pb.givenRaw[i]
		if len(rx) == 1 && strings.HasPrefix(ry, rx) || len(ry) == 1 && strings.HasPrefix(rx, ry) {
			if initial == "" {
				initial = fmt.Sprintf("initial %s matches %s", shorter(pa.givenRaw[i], pb.givenRaw[i]), longer(pa.givenRaw[i], pb.givenRaw[i]))
			}
			continue
		}
		return false, fmt.Sprintf("different given names %s and %s", pa.givenRaw[i], pb.givenRaw[i])
	}
	if initial != "" {
		return true, "same surname, " + initial
	}
	return true, "same given name and surname"
}

func shorter(x, y string) string {
	if len(x) <= len(y) {
		return x
	}
	return y
}

func longer(x, y string) string {
	if len(x) > len(y) {
		return x
	}
	return y
}
