package commands

import (
	"cmp"
	"context"
	"math/rand/v2"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/store"
	"github.com/briefbot/briefbot/store/corpusgen"
)

// benchRouter opens the benchmark corpus and registers the commands.
func benchRouter(b *testing.B) (*bot.Router, *corpusgen.Generator) {
	b.Helper()
	path := benchStorePath(b)
	s, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	r := bot.NewRouter(nil)
	Register(r, Deps{Store: s, Now: func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }})
	return r, corpusgen.New(corpusgen.Options{Seed: benchSeed, Articles: benchArticles()})
}

// measure runs b.N requests made by next, fails on an error reply, and
// reports the 50th and 99th percentile latency.
func measure(b *testing.B, r *bot.Router, next func(i int) bot.Request) {
	b.Helper()
	ctx := context.Background()
	// Warm up: the speaker directory and SQLite's page cache.
	for i := range 20 {
		r.Handle(ctx, next(i))
	}
	lat := make([]time.Duration, 0, b.N)
	type timed struct {
		took time.Duration
		req  bot.Request
	}
	var slow []timed // the slowest few, to name them with BRIEFBOT_BENCH_SLOW=1
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		req := next(i)
		start := time.Now()
		reply := r.Handle(ctx, req)
		took := time.Since(start)
		lat = append(lat, took)
		if strings.Contains(reply.Content, "Error id") {
			b.Fatalf("%+v: %s", req, reply.Content)
		}
		slow = append(slow, timed{took, req})
		slices.SortFunc(slow, func(a, b timed) int { return cmp.Compare(b.took, a.took) })
		slow = slow[:min(len(slow), 5)]
	}
	b.StopTimer()
	if os.Getenv("BRIEFBOT_BENCH_SLOW") == "1" {
		for _, s := range slow {
			b.Logf("%v: %s %v %s", s.took, s.req.Command, s.req.Options, s.req.CustomID)
		}
	}
	slices.Sort(lat)
	pct := func(p float64) float64 {
		return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
}

// quotesRequests makes /quotes requests for speakers drawn as users
// would ask for them, the most quoted most often, by full name or surname,
// with the options that filter adds.
func quotesRequests(g *corpusgen.Generator, seed uint64, filter func(*rand.Rand) []string) func(int) bot.Request {
	names := g.SpeakerNames()
	rng := rand.New(rand.NewPCG(seed, 2))
	return func(int) bot.Request {
		name := names[g.PickSpeaker(rng)]
		if rng.IntN(2) == 0 {
			name = name[strings.LastIndexByte(name, ' ')+1:]
		}
		return cmd("quotes", append([]string{"speaker", name}, filter(rng)...)...)
	}
}

// BenchmarkQuotes is "/quotes speaker:<name>".
func BenchmarkQuotes(b *testing.B) {
	r, g := benchRouter(b)
	measure(b, r, quotesRequests(g, 1, func(*rand.Rand) []string { return nil }))
}

// BenchmarkQuotesFiltered adds a topic, an outlet or a since date.
func BenchmarkQuotesFiltered(b *testing.B) {
	r, g := benchRouter(b)
	topics := []string{"peacekeepers", "sanctions", "ceasefire", "budget", "energy prices"}
	measure(b, r, quotesRequests(g, 2, func(rng *rand.Rand) []string {
		switch rng.IntN(3) {
		case 0:
			return []string{"topic", topics[rng.IntN(len(topics))]}
		case 1:
			return []string{"outlet", "Harbour"}
		}
		return []string{"since", "30d"}
	}))
}

// BenchmarkQuotesPage3 presses a paging button: page 3 of a speaker's
// quotes, the speaker drawn by popularity.
func BenchmarkQuotesPage3(b *testing.B) {
	r, g := benchRouter(b)
	s, err := store.Open(context.Background(), benchStorePath(b), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	dir, err := s.Speakers(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	measure(b, r, func(i int) bot.Request {
		st := dir.Stats[g.PickSpeaker(rng)%len(dir.Stats)]
		return press("quotes:s=" + url.QueryEscape(store.FormatID(st.ID)) + ":3")
	})
}

// BenchmarkAutocomplete completes speaker names as typed: prefixes of one
// to six letters of a first name or surname, and now and then a typo.
func BenchmarkAutocomplete(b *testing.B) {
	r, g := benchRouter(b)
	names := g.SpeakerNames()
	rng := rand.New(rand.NewPCG(5, 6))
	measure(b, r, func(i int) bot.Request {
		words := strings.Fields(names[rng.IntN(len(names))])
		w := strings.ToLower(words[rng.IntN(len(words))])
		typed := w[:min(len(w), 1+rng.IntN(6))]
		if rng.IntN(5) == 0 && len(w) > 4 {
			typed = w[:2] + "x" + w[3:] // a typo
		}
		return autocomplete("quotes", "speaker", typed)
	})
}

// BenchmarkSearch searches one or two words of the corpus vocabulary.
func BenchmarkSearch(b *testing.B) {
	r, _ := benchRouter(b)
	rng := rand.New(rand.NewPCG(7, 8))
	words := strings.Fields("peacekeepers ceasefire sanctions grain energy elections border fisheries railway " +
		"tariffs refugees reconstruction budget pension summit airspace vaccines minister infrastructure " +
		"negotiations sovereignty corridors shortages inquiry coalition recount turnout Valdoria Estmark")
	measure(b, r, func(i int) bot.Request {
		q := words[rng.IntN(len(words))]
		if rng.IntN(2) == 0 {
			q += " " + words[rng.IntN(len(words))]
		}
		return cmd("search", "query", q)
	})
}
