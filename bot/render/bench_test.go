package render

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func BenchmarkFitAdversarial(b *testing.B) {
	r0 := randomReply(rand.New(rand.NewPCG(1, 7)), "peace talks *now* @everyone ", 9000)
	b.ReportAllocs()
	for b.Loop() {
		r := r0
		Fit(&r)
	}
}

func BenchmarkTruncate(b *testing.B) {
	s := strings.Repeat("We cannot allow NATO's military infrastructure to get that close. ", 100)
	for b.Loop() {
		Truncate(s, MaxFieldValue)
	}
}

func BenchmarkEscapeMarkdown(b *testing.B) {
	s := strings.Repeat(`"We *cannot* allow @everyone <@&1> [x](https://example.com/a_b)" `, 20)
	for b.Loop() {
		EscapeMarkdown(s)
	}
}
