package speakers

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

var lookupKnown = []Known{
	{ID: 10, Name: "Dmitry Peskov", Aliases: []string{"Peskov", "Kremlin spokesman Dmitry Peskov"}},
	{ID: 11, Name: "Volodymyr Zelensky", Aliases: []string{"Zelensky", "Zelenskyy"}},
	{ID: 12, Name: "Olena Zelenska"},
	{ID: 13, Name: "Gitanas Nausėda"},
	{ID: 14, Name: "John Smith"},
	{ID: 15, Name: "Jane Smith"},
	{ID: 16, Name: "Kremlin", Org: true},
	{ID: 17, Name: "Pete Hegseth"},
	{ID: 18, Name: "Petr Pavel"},
	{ID: 19, Name: "Bashar al-Assad"},
}

func TestLookup(t *testing.T) {
	tests := []struct {
		query string
		first int64   // ID expected first; 0 = no result
		also  []int64 // IDs that must be present too
		none  []int64 // IDs that must be absent
	}{
		{"peskov", 10, nil, nil},
		{"PESKOV", 10, nil, nil},
		{"Dmitry Peskov", 10, nil, nil},
		{"pesk0v", 10, nil, nil},
		{"peksov", 10, nil, nil},
		{"pes", 10, nil, nil},
		{"zelenskyy", 11, nil, []int64{12}},
		{"zelenskii", 11, nil, []int64{12}},
		{"Zelenskiy", 11, nil, []int64{12}},
		{"zelenska", 12, nil, nil},
		{"zel", 11, []int64{12}, nil},
		{"nauseda", 13, nil, nil},
		{"Nausėda", 13, nil, nil},
		{"smith", 14, []int64{15}, nil},
		{"jane smith", 15, nil, []int64{14}},
		{"president zelensky", 11, nil, nil},
		{"kremlin", 16, nil, nil},
		{"pet", 17, []int64{18}, nil},
		{"xqzw", 0, nil, nil},
		{"assad", 19, nil, nil},
		{"al-assad", 19, nil, nil},
		{"---", 0, nil, nil},
		{"zelensky", 11, nil, []int64{12}},
	}
	ix := NewIndex(lookupKnown)
	for _, tt := range tests {
		got := ix.Lookup(tt.query, 5)
		if tt.first == 0 {
			if len(got) != 0 {
				t.Errorf("Lookup(%q) = %v, want none", tt.query, got)
			}
			continue
		}
		if len(got) == 0 || got[0].ID != tt.first {
			t.Errorf("Lookup(%q) = %v, want %d first", tt.query, got, tt.first)
			continue
		}
		ids := map[int64]bool{}
		for _, c := range got {
			ids[c.ID] = true
			if c.Reason == "" || c.Score <= 0 || c.Score > 1 {
				t.Errorf("Lookup(%q): candidate %+v lacks a reason or a score in (0,1]", tt.query, c)
			}
		}
		for _, id := range tt.also {
			if !ids[id] {
				t.Errorf("Lookup(%q) = %v, want %d among them", tt.query, got, id)
			}
		}
		for _, id := range tt.none {
			if ids[id] {
				t.Errorf("Lookup(%q) = %v, want no %d", tt.query, got, id)
			}
		}
	}
	// The free function agrees with the index, and limit is honoured.
	if a, b := Lookup("smith", lookupKnown, 1), ix.Lookup("smith", 1); len(a) != 1 || len(b) != 1 || a[0].ID != b[0].ID {
		t.Errorf("Lookup limit 1: %v vs %v", a, b)
	}
	if got := ix.Lookup("", 3); len(got) != 3 || got[0].ID != 10 {
		t.Errorf("empty query: %v, want the first 3 in order", got)
	}
}

// syntheticKnown makes n speakers with invented, reproducible names.
func syntheticKnown(n int) []Known {
	r := rand.New(rand.NewPCG(1, 2))
	syll := []string{"ka", "ro", "vi", "len", "mar", "to", "sha", "dri", "pe", "sko", "zel", "na", "min", "gor", "bu", "tes", "lav", "rik", "son", "ber"}
	word := func(k int) string {
		var b strings.Builder
		for i := 0; i < k; i++ {
			b.WriteString(syll[r.IntN(len(syll))])
		}
		s := b.String()
		return strings.ToUpper(s[:1]) + s[1:]
	}
	out := make([]Known, n)
	for i := range out {
		out[i] = Known{ID: int64(i + 1), Name: fmt.Sprintf("%s %s", word(2), word(3))}
		if i%3 == 0 {
			out[i].Aliases = []string{strings.Fields(out[i].Name)[1]}
		}
	}
	return out
}

func BenchmarkIndexLookupPrefix(b *testing.B) {
	ix := NewIndex(syntheticKnown(10000))
	qs := []string{"p", "pe", "zel", "marto", "ka"}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		ix.Lookup(qs[i%len(qs)], 25)
	}
}

func BenchmarkIndexLookupExact(b *testing.B) {
	known := syntheticKnown(10000)
	ix := NewIndex(known)
	q := strings.Fields(known[4321].Name)[1]
	for b.Loop() {
		ix.Lookup(q, 25)
	}
}

func BenchmarkIndexLookupTypo(b *testing.B) {
	known := syntheticKnown(10000)
	ix := NewIndex(known)
	q := []byte(strings.ToLower(strings.Fields(known[4321].Name)[1]))
	q[2] = 'q' // one substitution
	qs := string(q)
	for b.Loop() {
		ix.Lookup(qs, 25)
	}
}

func BenchmarkNewIndex(b *testing.B) {
	known := syntheticKnown(10000)
	for b.Loop() {
		NewIndex(known)
	}
}
