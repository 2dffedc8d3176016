package speakers

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Nausėda", "nauseda"},
		{"  Jean–Noël   Barrot ", "jean-noel barrot"},
		{"Zelenskyy’s", "zelenskyy's"},
		{"Łukasz Ødegaard Straße", "lukasz odegaard strasse"},
		{"ÉMMANUEL\u00a0MACRON", "emmanuel macron"},
		{"Dmitry\u200b Peskov", "dmitry peskov"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestKeys(t *testing.T) {
	tests := []struct{ in, key, last string }{
		{"Kremlin spokesman Dmitry Peskov", "dmitri peskov", "peskov"},
		{"Dmitry Peskov, the Kremlin spokesman", "dmitri peskov", "peskov"},
		{"Russian President Vladimir Putin's Press Secretary, Dmitry Peskov", "dmitri peskov", "peskov"},
		{"the spokesman for the Russian leader, Dmitry Peskov", "dmitri peskov", "peskov"},
		{"The President of Russia, Vladimir Putin", "vladimir putin", "putin"},
		{"U.S. Secretary of State Marco Rubio", "marco rubio", "rubio"},
		{"Czech President Petr Pavel", "petr pavel", "pavel"},
		{"Italian Prime Minister Giorgia Meloni", "giorgia meloni", "meloni"},
		{"NATO Secretary General Mark Rutte", "mark rute", "rute"},
		{"Presidential Office head Andriy Yermak", "andri ermak", "ermak"},
		{"President Volodymyr Zelenskyy", "volodimir zelenski", "zelenski"},
		{"Zelenskiy", "zelenski", "zelenski"},
		{"Olena Zelenska", "olena zelenska", "zelenska"},
		{"Prime Minister John Major", "john major", "major"},
		{"Martin Luther King Jr.", "martin luther king jr", "king"},
		{"Donald Trump, Jr.", "donald trump jr", "trump"},
		{"Ursula von der Leyen", "ursula von der leien", "von der leien"},
		{"Bashar al-Assad", "bashar asad", "asad"},
		{"Gen. Mark Milley", "mark milei", "milei"},
		{"Mrs. Smith", "smith", "smith"},
		{"German Gref", "german gref", "gref"},
		{"the Kremlin", "kremlin", "kremlin"},
		{"British government", "british government", "british government"},
		{"White House Press Secretary Karoline Leavitt", "karoline leavit", "leavit"},
		{"European Council President Antonio Costa", "antonio costa", "costa"},
		{"Canadian Defense Minister Bill Blair", "bil blair", "blair"},
		{"U.S. Congressman Brian Fitzpatrick", "brian fitzpatrick", "fitzpatrick"},
		{"Russian Deputy Foreign Minister Alexander Grushko", "aleksander grushko", "grushko"},
		{"French Foreign Minister Jean-Noel Barrot", "jean-noel barot", "barot"},
		{"Maria Zakharova, the spokeswoman for the Russian Ministry of Foreign Affairs", "maria zaharova", "zaharova"},
		{"U.S. Defense Secretary Pete Hegseth", "pete hegseth", "hegseth"},
		{"U.K. Prime Minister Keir Starmer", "keir starmer", "starmer"},
		{"Russian Foreign Ministry", "russian foreign ministry", "russian foreign ministry"},
		{"ABC News", "abc news", "abc news"},
		{"the Associated Press", "associated press", "associated press"},
		{"the Kremlin spokesman", "", ""},
		{"", "", ""},
	}
	for _, tt := range tests {
		if got := Key(tt.in); got != tt.key {
			t.Errorf("Key(%q) = %q, want %q", tt.in, got, tt.key)
		}
		if got := LastKey(tt.in); got != tt.last {
			t.Errorf("LastKey(%q) = %q, want %q", tt.in, got, tt.last)
		}
	}
}

func TestTransliterationVariantsShareLastKey(t *testing.T) {
	groups := [][]string{
		{"Zelensky", "Zelenskyy", "Zelenskiy", "Zelenskii", "Zelenskyi", "Zelenskij", "Zelenski"},
		{"Dmitry Peskov", "Dmitriy Peskov", "Dmitrii Peskov"},
		{"Lavrov", "Lawrow"},
		{"Rachmaninoff", "Rachmaninov"}, {"Gorbachov", "Gorbatschow"},
		{"Yevgeny Prigozhin", "Evgeny Prigozhin", "Yevgeniy Prigozhin"},
		{"Pyotr Tolstoy", "Petr Tolstoy", "Pyotr Tolstoi"},
		{"Aleksei Navalny", "Alexei Navalny", "Alexey Navalny", "Aleksey Navalnyy"},
		{"Sergei Shoigu", "Sergey Shoigu"},
		{"Tykhyi", "Tykhyy", "Tikhiy"},
	}
	for _, g := range groups {
		k := Key(g[0])
		for _, v := range g[1:] {
			if got := Key(v); got != k {
				t.Errorf("Key(%q) = %q, want %q (as %q)", v, got, k, g[0])
			}
		}
	}
	apart := [][2]string{
		{"Zelensky", "Zelenska"},
		{"Dmytro Kuleba", "Dmitry Kuleba"},
		{"Ian Smith", "Jan Smith"},
		{"Peskov", "Pesko"},
	}
	for _, p := range apart {
		if Key(p[0]) == Key(p[1]) {
			t.Errorf("Key(%q) == Key(%q) = %q, want different", p[0], p[1], Key(p[0]))
		}
	}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		a, b   string
		same   bool
		reason string // substring of the reason
	}{
		{"Peskov", "Dmitry Peskov", true, "given name absent"},
		{"Kremlin spokesman Dmitry Peskov", "Dmitry Peskov", true, "same given name and surname"},
		{"Kremlin spokesperson Dmitry Peskov", "Peskov", true, "given name absent"},
		{"Zelensky", "Zelenskyy", true, "transliteration variant zelensky~zelenskyy"},
		{"President Volodymyr Zelensky", "Volodymyr Zelenskiy", true, "transliteration"},
		{"Zelenskii", "Volodymyr Zelenskyy", true, "given name absent"},
		{"Zelensky", "Zelenska", false, "different surnames"},
		{"Volodymyr Zelensky", "Olena Zelenska", false, "different surnames"},
		{"John Smith", "Jane Smith", false, "different given names john and jane"},
		{"J. Smith", "John Smith", true, "initial j matches john"},
		{"J. Smith", "Mary Smith", false, "different given names"},
		{"George W. Bush", "George Bush", true, "same given name"},
		{"George H. W. Bush", "George W. Bush", false, "different given names h and w"},
		{"Nauseda", "Nausėda", true, "given name absent"},
		{"Lithuanian President Gitanas Nauseda", "Gitanas Nausėda", true, "same given name"},
		{"Kremlin", "the Kremlin", true, "same organisation"},
		{"Kremlin", "Kremlin spokesman Dmitry Peskov", false, "organisation matches only itself"},
		{"British government", "the British government", true, "same organisation"},
		{"British government", "Russian government", false, "different organisations"},
		{"Italian Prime Minister Giorgia Meloni", "Meloni", true, "given name absent"},
		{"Donald Trump", "Donald Tusk", false, "different surnames"},
		{"the Kremlin spokesman", "Peskov", false, "no name"},
		{"Martin Luther King Jr.", "King", true, "given name absent"},
		{"Donald Trump Jr.", "Donald Trump", false, "different generations"},
		{"Donald Trump, Jr.", "Donald Trump Jr", true, "same given name"},
		{"Zelenskyy's", "Zelensky", true, "given name absent"},
	}
	for _, tt := range tests {
		same, reason := Match(tt.a, tt.b)
		if same != tt.same || !strings.Contains(reason, tt.reason) {
			t.Errorf("Match(%q, %q) = %v, %q; want %v, ~%q", tt.a, tt.b, same, reason, tt.same, tt.reason)
		}
		// Symmetric in the decision.
		if same2, _ := Match(tt.b, tt.a); same2 != same {
			t.Errorf("Match(%q, %q) = %v but reversed = %v", tt.a, tt.b, same, same2)
		}
	}
}

func TestResolve(t *testing.T) {
	known := []Known{
		{ID: 1, Name: "Dmitry Peskov", Aliases: []string{"Peskov", "Kremlin spokesman Dmitry Peskov"}},
		{ID: 2, Name: "Volodymyr Zelensky", Aliases: []string{"Zelensky"}},
		{ID: 3, Name: "Olena Zelenska"},
		{ID: 4, Name: "John Smith"},
		{ID: 5, Name: "Jane Smith", Aliases: []string{"Smith"}},
		{ID: 6, Name: "Kremlin", Org: true},
		{ID: 7, Name: "Meloni"},
		{ID: 8, Name: "Giorgia Meloni"},
		{ID: 9, Name: "Axios", Org: true},
	}
	tests := []struct {
		name   string
		id     int64
		ok     bool
		reason string
	}{
		{"Peskov", 1, true, "given name absent"},
		{"Kremlin spokesperson Dmitry Peskov", 1, true, "same given name"},
		{"Dmitriy Peskov", 1, true, "same given name"},
		{"Zelenskyy", 2, true, "transliteration"},
		{"President Volodymyr Zelenskiy", 2, true, ""},
		{"Zelenska", 3, true, "given name absent"},
		{"Smith", 0, false, "ambiguous"},
		{"John Smith", 4, true, "same given name"},
		{"J. Smith", 0, false, "ambiguous"},
		{"Mary Smith", 0, false, "no known speaker"},
		{"the Kremlin", 6, true, "same organisation"},
		{"Italian Prime Minister Giorgia Meloni", 8, true, ""},
		{"Axios", 9, true, "same organisation"},
		{"Sergey Lavrov", 0, false, "no known speaker"},
		{"the spokesman", 0, false, "holds no name"},
	}
	for _, tt := range tests {
		id, reason, ok := Resolve(tt.name, known)
		if id != tt.id || ok != tt.ok || !strings.Contains(reason, tt.reason) {
			t.Errorf("Resolve(%q) = %d, %q, %v; want %d, ~%q, %v", tt.name, id, reason, ok, tt.id, tt.reason, tt.ok)
		}
	}
}

func FuzzFoldMatch(f *testing.F) {
	for _, s := range []string{"Kremlin spokesman Dmitry Peskov", "Zelenskyy", "Nausėda", ", , ,", "al-", "von der",
		"'s", "\xff\xfe", "Jr.", "Putin's Press Secretary, ", "ﬁ ǅ İ"} {
		f.Add(s, "Peskov")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		fa := Fold(a)
		if !utf8.ValidString(fa) {
			t.Fatalf("Fold(%q) = %q is not valid UTF-8", a, fa)
		}
		if Fold(fa) != fa {
			t.Fatalf("Fold not idempotent on %q: %q then %q", a, fa, Fold(fa))
		}
		s1, _ := Match(a, b)
		s2, _ := Match(b, a)
		if s1 != s2 {
			t.Fatalf("Match(%q, %q) not symmetric", a, b)
		}
		if Key(a) != "" {
			if same, why := Match(a, a); !same {
				t.Fatalf("Match(%q, itself) = false: %s", a, why)
			}
		}
		Resolve(a, []Known{{ID: 1, Name: b}, {ID: 2, Name: a, Org: true}})
		LastKey(a)
	})
}

func BenchmarkMatch(b *testing.B) {
	for b.Loop() {
		Match("Kremlin spokesman Dmitry Peskov", "Dmitriy Peskov")
	}
}

func BenchmarkResolve(b *testing.B) {
	cands := []Known{
		{ID: 1, Name: "Dmitry Peskov", Aliases: []string{"Peskov", "Kremlin spokesman Dmitry Peskov"}},
		{ID: 2, Name: "Vasily Peskov"},
	}
	for b.Loop() {
		Resolve("Kremlin spokesperson Dmitry Peskov", cands)
	}
}
