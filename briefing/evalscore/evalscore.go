// Package evalscore scores quote predictions against the gold annotations
// in shared/eval/gold. It is a faithful port of shared/eval/score.py, so the
// numbers a Go test holds are the numbers the Python script prints: a
// predicted quote matches a gold quote of the same article when their word
// tokens overlap with F1 >= 0.6 or one contains the other (greedy,
// one-to-one, attributed pairs first); the match is attributed when the
// speakers share their last name token after folding diacritics, or both are
// "anonymous".
package evalscore

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// The kinds scored together, as in score.py.
var (
	MainKinds = []string{"direct", "partial"}
	SideKinds = []string{"indirect", "unmarked"}
)

const (
	minWords = 4
	minF1    = 0.6
)

// GoldQuote is one annotated quote. Speaker is nil where the gold names no one.
type GoldQuote struct {
	Speaker *string `json:"speaker"`
	Text    string  `json:"text"`
	Kind    string  `json:"kind"`
	Body    *bool   `json:"body"`
}

// InBody reports the body flag, true when absent (as score.py does).
func (q GoldQuote) InBody() bool { return q.Body == nil || *q.Body }

// Gold is one annotated article.
type Gold struct {
	File      string      `json:"file"`
	Title     *string     `json:"title"`
	Source    *string     `json:"source"`
	Published *string     `json:"published"`
	Quotes    []GoldQuote `json:"quotes"`
}

// PredQuote is one predicted quote; an empty Kind counts as "direct".
type PredQuote struct {
	Speaker string `json:"speaker"`
	Text    string `json:"text"`
	Kind    string `json:"kind"`
}

// Prediction holds the quotes predicted for one article file.
type Prediction struct {
	File   string      `json:"file"`
	Quotes []PredQuote `json:"quotes"`
}

// Row is one article's counts.
type Row struct {
	File                         string
	Gold, Pred, Text, Attributed int
}

// Table is the score over the chosen kinds.
type Table struct {
	Gold, Pred, Text, Attributed int // Gold counts body quotes only
	Precision, Recall            float64
	SpeakerAccuracy, F1          float64
	Rows                         []Row
	// Details lists MISSED, SPEAKER and EXTRA lines like score.py --verbose.
	Details []string
}

// LoadGold reads every *.json file of dir, keyed by the article file name.
func LoadGold(dir string) (map[string]Gold, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, fmt.Errorf("evalscore: list %s: %w", dir, err)
	}
	gold := map[string]Gold{}
	for _, name := range names {
		b, err := os.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("evalscore: %w", err)
		}
		var g Gold
		if err := json.Unmarshal(b, &g); err != nil {
			return nil, fmt.Errorf("evalscore: %s: not gold JSON: %w", name, err)
		}
		gold[g.File] = g
	}
	if len(gold) == 0 {
		return nil, fmt.Errorf("evalscore: no gold files in %s", dir)
	}
	return gold, nil
}

// Fold lower-cases s after NFKD decomposition without combining marks.
func Fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFKD.String(s) {
		// unicodedata.combining(c) != 0: a non-zero combining class.
		if norm.NFKD.PropertiesString(string(r)).CCC() != 0 {
			continue
		}
		b.WriteString(strings.ToLower(string(r)))
	}
	return b.String()
}

// Tokens are the \w+ runs of the folded text.
func Tokens(s string) []string {
	var out []string
	f := Fold(s)
	start := -1
	for i, r := range f {
		w := unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_'
		if w && start < 0 {
			start = i
		} else if !w && start >= 0 {
			out = append(out, f[start:i])
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, f[start:])
	}
	return out
}

// TokenF1 is the multiset token F1 of two token lists.
func TokenF1(a, b []string) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	counts := map[string]int{}
	for _, t := range a {
		counts[t]++
	}
	common := 0
	for _, t := range b {
		if counts[t] > 0 {
			counts[t]--
			common++
		}
	}
	if common == 0 {
		return 0
	}
	p, r := float64(common)/float64(len(b)), float64(common)/float64(len(a))
	return 2 * p * r / (p + r)
}

func contains(a, b []string) bool {
	sa, sb := strings.Join(a, " "), strings.Join(b, " ")
	return sa != "" && sb != "" && (strings.Contains(sb, sa) || strings.Contains(sa, sb))
}

var nameSuffixes = map[string]bool{"jr": true, "sr": true, "ii": true, "iii": true, "iv": true}

func nameTokens(s string) []string {
	var out []string
	for _, t := range Tokens(s) {
		if !nameSuffixes[t] {
			out = append(out, t)
		}
	}
	return out
}

// SameSpeaker applies score.py's rule; a nil gold speaker always agrees.
func SameSpeaker(gold *string, pred string) bool {
	if gold == nil {
		return true
	}
	g, p := nameTokens(*gold), nameTokens(pred)
	if len(g) == 0 || len(p) == 0 {
		return false
	}
	isAnon := func(t []string) bool { return len(t) == 1 && t[0] == "anonymous" }
	if isAnon(g) || isAnon(p) {
		return isAnon(g) && isAnon(p)
	}
	has := func(list []string, t string) bool {
		for _, x := range list {
			if x == t {
				return true
			}
		}
		return false
	}
	return has(p, g[len(g)-1]) || has(g, p[len(p)-1])
}

type pair struct {
	ok     bool
	f1     float64
	gi, pi int
}

// match pairs gold and predicted quotes greedily, one to one.
func match(golds []GoldQuote, preds []PredQuote) []pair {
	var pairs []pair
	for gi, g := range golds {
		gt := Tokens(g.Text)
		for pi, p := range preds {
			pt := Tokens(p.Text)
			f1 := TokenF1(gt, pt)
			if f1 >= minF1 || contains(gt, pt) {
				pairs = append(pairs, pair{SameSpeaker(g.Speaker, p.Speaker), f1, gi, pi})
			}
		}
	}
	// Python: sort by (ok, f1) descending, stable.
	sort.SliceStable(pairs, func(i, j int) bool {
		if pairs[i].ok != pairs[j].ok {
			return pairs[i].ok
		}
		return pairs[i].f1 > pairs[j].f1
	})
	usedG, usedP := map[int]bool{}, map[int]bool{}
	var out []pair
	for _, p := range pairs {
		if usedG[p.gi] || usedP[p.pi] {
			continue
		}
		usedG[p.gi], usedP[p.pi] = true, true
		out = append(out, p)
	}
	return out
}

// Score scores the predictions of the given kinds (MainKinds when none).
func Score(gold map[string]Gold, preds []Prediction, kinds ...string) Table {
	if len(kinds) == 0 {
		kinds = MainKinds
	}
	want := map[string]bool{}
	for _, k := range kinds {
		want[k] = true
	}
	byFile := map[string]Prediction{}
	for _, p := range preds {
		byFile[filepath.Base(p.File)] = p
	}
	names := make([]string, 0, len(gold))
	for n := range gold {
		names = append(names, n)
	}
	sort.Strings(names)
	var t Table
	named, namedOK, attrBody := 0, 0, 0
	for _, name := range names {
		var gq []GoldQuote
		for _, q := range gold[name].Quotes {
			if want[q.Kind] {
				gq = append(gq, q)
			}
		}
		var pq []PredQuote
		for _, q := range byFile[name].Quotes {
			k := q.Kind
			if k == "" {
				k = "direct"
			}
			if want[k] && len(strings.Fields(q.Text)) >= minWords {
				pq = append(pq, q)
			}
		}
		m := match(gq, pq)
		row := Row{File: name, Gold: len(gq), Pred: len(pq), Text: len(m)}
		for _, q := range gq {
			if q.InBody() {
				t.Gold++
			}
		}
		t.Pred += len(pq)
		t.Text += len(m)
		matchedG := map[int]pair{}
		matchedP := map[int]bool{}
		for _, p := range m {
			matchedG[p.gi] = p
			matchedP[p.pi] = true
			if p.ok {
				row.Attributed++
				if gq[p.gi].InBody() {
					attrBody++
				}
			}
			if gq[p.gi].Speaker != nil {
				named++
				if p.ok {
					namedOK++
				}
			}
		}
		t.Attributed += row.Attributed
		t.Rows = append(t.Rows, row)
		for gi, q := range gq {
			p, ok := matchedG[gi]
			switch {
			case !ok:
				t.Details = append(t.Details, fmt.Sprintf("MISSED  %s: [%s] %s", name, speakerText(q.Speaker), q.Text))
			case !p.ok:
				t.Details = append(t.Details, fmt.Sprintf("SPEAKER %s: gold [%s] got [%s] %s", name, speakerText(q.Speaker), pq[p.pi].Speaker, q.Text))
			}
		}
		for pi, q := range pq {
			if !matchedP[pi] {
				t.Details = append(t.Details, fmt.Sprintf("EXTRA   %s: [%s] %s", name, q.Speaker, q.Text))
			}
		}
	}
	if t.Pred > 0 {
		t.Precision = float64(t.Attributed) / float64(t.Pred)
	}
	if t.Gold > 0 {
		t.Recall = float64(attrBody) / float64(t.Gold)
	}
	if named > 0 {
		t.SpeakerAccuracy = float64(namedOK) / float64(named)
	}
	if t.Precision+t.Recall > 0 {
		t.F1 = 2 * t.Precision * t.Recall / (t.Precision + t.Recall)
	}
	return t
}

func speakerText(s *string) string {
	if s == nil {
		return "None"
	}
	return *s
}

// String formats the summary like score.py's last line.
func (t Table) String() string {
	return fmt.Sprintf("precision %.3f recall %.3f f1 %.3f speaker-accuracy %.3f (gold %d, predicted %d)",
		t.Precision, t.Recall, t.F1, t.SpeakerAccuracy, t.Gold, t.Pred)
}

// ReadPredictions parses JSON lines as printed by the extract command
// (one {"file": ..., "quotes": [...]} object a line; blank lines skipped).
func ReadPredictions(data []byte) ([]Prediction, error) {
	var out []Prediction
	for n, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		var p Prediction
		if err := json.Unmarshal([]byte(line), &p); err != nil {
			return nil, fmt.Errorf("evalscore: line %d: not JSON: %w", n+1, err)
		}
		out = append(out, p)
	}
	return out, nil
}
