// Package corpusgen makes a fictional news corpus of any size for
// benchmarks and load tests: articles from many outlets, speakers quoted
// under several forms of their names (surname alone, with a title,
// transliteration variants), the same quote reported by several outlets of
// one story, and dated events. Everything is a pure function of the seed:
// article i is the same on every run and on every machine, and can be made
// without making the ones before it.
//
// The people, outlets and words are invented; any likeness is chance.
package corpusgen

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/briefbot/briefbot/briefing"
)

// Options size the corpus.
type Options struct {
	Seed     uint64
	Articles int       // how many articles
	Speakers int       // size of the speaker pool; 0 means Articles/40 within [40, 4000]
	Start    time.Time // first publication day; zero means 2024-01-01
	Days     int       // publication dates spread over this many days; 0 means 730
}

// Generator makes the articles of one corpus.
type Generator struct {
	opts     Options
	speakers []person
	zipf     []float64 // cumulative popularity of speakers
}

// person is one fictional speaker and the forms of their name.
type person struct {
	first, last string
	variant     string // another spelling of last ("" when none)
	role        string
	org         bool
}

// Name is the fullest form of the speaker's name.
func (p person) name() string {
	if p.org {
		return p.last
	}
	return p.first + " " + p.last
}

// New makes a generator; the speaker pool is drawn from the seed.
func New(opts Options) *Generator {
	if opts.Speakers <= 0 {
		opts.Speakers = min(max(opts.Articles/40, 40), 4000)
	}
	if opts.Start.IsZero() {
		opts.Start = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if opts.Days <= 0 {
		opts.Days = 730
	}
	g := &Generator{opts: opts}
	r := rand.New(rand.NewPCG(opts.Seed, 0x5eed))
	seen := map[string]bool{}
	for len(g.speakers) < opts.Speakers {
		var p person
		if r.IntN(25) == 0 {
			p = person{last: orgs[r.IntN(len(orgs))] + " " + places[r.IntN(len(places))], org: true}
		} else {
			p = person{first: firstNames[r.IntN(len(firstNames))], last: surname(r), role: roles[r.IntN(len(roles))]}
			p.variant = variantOf(p.last)
		}
		if seen[p.name()] {
			continue
		}
		seen[p.name()] = true
		g.speakers = append(g.speakers, p)
	}
	// Popularity falls off as 1/rank: a few speakers are quoted a lot.
	sum := 0.0
	g.zipf = make([]float64, len(g.speakers))
	for i := range g.speakers {
		sum += 1 / float64(i+1)
		g.zipf[i] = sum
	}
	for i := range g.zipf {
		g.zipf[i] /= sum
	}
	return g
}

// SpeakerNames lists the full names of the speaker pool, most quoted
// first (by expectation).
func (g *Generator) SpeakerNames() []string {
	out := make([]string, len(g.speakers))
	for i, p := range g.speakers {
		out[i] = p.name()
	}
	return out
}

// PickSpeaker draws a speaker index by popularity.
func (g *Generator) PickSpeaker(r *rand.Rand) int {
	x := r.Float64()
	lo, hi := 0, len(g.zipf)-1
	for lo < hi {
		mid := (lo + hi) / 2
		if g.zipf[mid] < x {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// Len is the number of articles.
func (g *Generator) Len() int { return g.opts.Articles }

// storySize is how many consecutive articles can share one story.
const storySize = 3

// Article makes article i (0 <= i < Len()). Articles come in blocks of
// three: the first one to three of a block report one story from
// different outlets, repeating some of its quotes word for word; the rest
// stand alone.
func (g *Generator) Article(i int) briefing.Article {
	block, member := i/storySize, i%storySize
	sr := rand.New(rand.NewPCG(g.opts.Seed, uint64(block)<<1))
	st := g.story(sr)
	r := rand.New(rand.NewPCG(g.opts.Seed, uint64(i)<<1|1))
	if member >= st.size {
		st = g.story(r)
		member = 0
	}
	return g.write(r, st, member, i)
}

// story is what the articles of one story share.
type story struct {
	size      int
	topic     int
	place     string
	day       int
	outlet    int
	quotes    []storyQuote
	eventDays []int
	thing     string
}

type storyQuote struct {
	speaker int
	text    string
}

func (g *Generator) story(r *rand.Rand) story {
	st := story{
		size:   1 + r.IntN(storySize),
		topic:  r.IntN(len(topics)),
		place:  places[r.IntN(len(places))],
		day:    r.IntN(g.opts.Days),
		outlet: r.IntN(len(outlets)),
		thing:  things[r.IntN(len(things))],
	}
	for range 2 + r.IntN(4) {
		st.quotes = append(st.quotes, storyQuote{speaker: g.PickSpeaker(r), text: sentence(r, topics[st.topic], 8+r.IntN(16))})
	}
	for range r.IntN(3) {
		st.eventDays = append(st.eventDays, -r.IntN(30))
	}
	return st
}

// write makes the member-th article of a story.
func (g *Generator) write(r *rand.Rand, st story, member, i int) briefing.Article {
	topic := topics[st.topic]
	pub := g.opts.Start.AddDate(0, 0, st.day+member*r.IntN(3))
	outlet := outlets[(st.outlet+member*7)%len(outlets)]
	title := fmt.Sprintf("%s %s %s in %s", capital(topic), verbs[r.IntN(len(verbs))], st.thing, st.place)
	a := briefing.Article{
		Title:     title,
		Source:    outlet,
		Author:    firstNames[r.IntN(len(firstNames))] + " " + surname(r),
		URL:       fmt.Sprintf("https://%s.example/news/%d", slug(outlet), i),
		Published: pub,
	}
	var b strings.Builder
	para := func(s string) (start, end int) {
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		start = b.Len()
		b.WriteString(s)
		return start, b.Len()
	}
	lead := fmt.Sprintf("Officials in %s %s the %s on %s, as talks on %s continued.",
		st.place, verbs[r.IntN(len(verbs))], st.thing, pub.Format("Monday"), topic)
	para(lead)
	a.Summary = lead
	spoken := map[int]bool{}
	for k, q := range st.quotes {
		if member > 0 && k > 0 && r.IntN(3) == 0 {
			continue // outlets pick different quotes
		}
		p := g.speakers[q.speaker]
		form, aliases := p.name(), []string(nil)
		if !p.org {
			aliases = []string{p.last}
			switch {
			case member > 0 && p.variant != "":
				// Another outlet spells the name its own way.
				form = p.first + " " + p.variant
				aliases = []string{p.variant}
			case spoken[q.speaker] || r.IntN(4) == 0:
				form = p.last
				aliases = nil
			}
		}
		said := saidVerbs[r.IntN(len(saidVerbs))]
		var start, end int
		if k%2 == 0 {
			start, _ = para("\"" + q.text + "\", " + form + " " + said + ".")
			start++
			end = start + len(q.text)
		} else {
			intro := form + " " + said + ": \""
			start, _ = para(intro + q.text + "\"")
			start += len(intro)
			end = start + len(q.text)
		}
		a.Quotes = append(a.Quotes, briefing.Quote{
			Speaker: form, Role: p.role, Text: q.text, Kind: briefing.KindDirect,
			Start: start, End: end, Evidence: "explicit: '" + form + " " + said + "'",
		})
		spoken[q.speaker] = true
		if !slicesHas(a.Speakers, form) {
			a.Speakers = append(a.Speakers, briefing.Speaker{Name: form, Aliases: aliases, Role: p.role, Org: p.org})
		}
		if r.IntN(2) == 0 {
			para(sentence(r, topic, 10+r.IntN(20)) + ".")
		}
	}
	for _, d := range st.eventDays {
		day := pub.AddDate(0, 0, d)
		text := fmt.Sprintf("On %s, delegates met in %s to discuss %s.", day.Format("January 2"), places[r.IntN(len(places))], topic)
		start, end := para(text)
		a.Events = append(a.Events, briefing.Event{Date: day, Text: text, Start: start, End: end})
	}
	para(sentence(r, topic, 12+r.IntN(20)) + ".")
	a.Text = b.String()
	return a
}

func slicesHas(sp []briefing.Speaker, name string) bool {
	for _, s := range sp {
		if s.Name == name {
			return true
		}
	}
	return false
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func slug(s string) string {
	return strings.ToLower(strings.NewReplacer(" ", "", "'", "").Replace(s))
}

// sentence makes n words on a topic, with common words more frequent.
func sentence(r *rand.Rand, topic string, n int) string {
	words := make([]string, n)
	for i := range words {
		switch {
		case i == n/2:
			words[i] = topic
		default:
			// Squaring the draw favours the head of the list.
			x := r.Float64()
			words[i] = vocabulary[int(x*x*float64(len(vocabulary)))]
		}
	}
	words[0] = capital(words[0])
	return strings.Join(words, " ")
}

// surname makes an invented surname from syllables.
func surname(r *rand.Rand) string {
	s := onsets[r.IntN(len(onsets))] + middles[r.IntN(len(middles))]
	if r.IntN(2) == 0 {
		s += middles[r.IntN(len(middles))]
	}
	return capital(s + endings[r.IntN(len(endings))])
}

// variantOf gives another common Latin spelling of a surname, or "".
func variantOf(last string) string {
	switch {
	case strings.HasSuffix(last, "sky"):
		return last + "y"
	case strings.HasSuffix(last, "ov"):
		return last[:len(last)-2] + "off"
	case strings.HasSuffix(last, "iy"):
		return last[:len(last)-2] + "ii"
	}
	return ""
}

var (
	firstNames = []string{"Anya", "Boris", "Celia", "Darko", "Elin", "Fedor", "Greta", "Halvard", "Ines", "Jovan",
		"Katri", "Lorin", "Mirela", "Nikolai", "Oona", "Pavel", "Quilla", "Radek", "Sabine", "Tomas", "Ulla",
		"Vesna", "Wendel", "Xenia", "Yuri", "Zora", "Aurel", "Bettina", "Casimir", "Dagny", "Emil", "Flora",
		"Goran", "Hedda", "Ivo", "Jarmila", "Kasper", "Ludmila", "Matteo", "Nadia"}
	onsets  = []string{"Vor", "Ostr", "Kal", "Bren", "Mar", "Tel", "Grud", "Pol", "Sar", "Dun", "Lev", "Rask", "Hol", "Zar", "Min", "Tor", "Bel", "Kov", "Vel", "Sorn"}
	middles = []string{"a", "e", "i", "o", "u", "an", "el", "ov", "in", "ar"}
	endings = []string{"enko", "sky", "ov", "iy", "ini", "ez", "sson", "berg", "ic", "ova", "ant", "ard"}
	roles   = []string{"", "", "Foreign Minister", "spokesperson", "Prime Minister", "President", "defence minister",
		"senior adviser", "ambassador", "party leader", "analyst", "mayor"}
	orgs   = []string{"Ministry of Roads of", "Council of", "Port Authority of", "Trade Office of", "Harbour Board of"}
	places = []string{"Valdoria", "Estmark", "Lunegard", "Orsova", "Brintal", "Kestrel Bay", "Norhaven", "Quarnby",
		"Silvenport", "Tamsk", "Umbria Nova", "Vey", "Westfold", "Yarrow", "Zell"}
	outlets = []string{"The Northern Ledger", "Daily Meridian", "Harbour Times", "Valdorian Post", "Estmark Herald",
		"The Quarnby Courier", "Signal Wire", "Coastline News", "The Observer of Tamsk", "Morning Compass",
		"Lunegard Today", "Riverside Gazette", "The Civic Record", "Atlas Newswire", "Fourth Estate Weekly",
		"Norhaven Chronicle", "Beacon Review", "The Independent Voice", "Westfold Mail", "Zell Bulletin",
		"Granite Press", "Orsova Daily", "Kestrel Report", "Silvenport Tribune", "Yarrow Dispatch",
		"Brintal Evening News", "Public Radio Estmark", "The Panorama", "Open Ledger", "Continental Wire"}
	topics = []string{"peacekeepers", "ceasefire", "sanctions", "grain exports", "energy prices", "elections",
		"border crossings", "fisheries", "railway links", "water rights", "tariffs", "refugees", "drone strikes",
		"reconstruction", "the budget", "pension reform", "port fees", "the summit", "airspace", "vaccines"}
	verbs     = []string{"discuss", "reject", "approve", "delay", "review", "welcome", "question", "back", "block", "revive"}
	things    = []string{"plan", "deal", "proposal", "treaty", "bill", "agreement", "offer", "framework", "roadmap", "package"}
	saidVerbs = []string{"said", "told reporters", "said on Tuesday", "added", "wrote", "stressed"}
	// vocabulary is ordinary English, roughly most common first.
	vocabulary = strings.Fields(`we the will not to and that a of in is for our on be this it with are
		they have as must by at from all can there an more people would need every time now should
		government country support security new talks plan work long make war peace agreement future
		partners allies price cost trade border rights children families winter troops aid help keep
		open clear fair strong ready together decision deal offer position weeks months days years
		promise respect law order region city state council parliament vote public minister leader
		economy jobs markets energy gas oil grain food water roads ports schools hospitals doctors
		farmers workers pensions taxes budget debt banks investors growth inflation wages housing
		cannot allow infrastructure close borders military threat attack defence guarantees pressure
		dialogue negotiations compromise sovereignty integrity independence territory occupied
		ceasefire withdrawal monitors observers inspectors corridors convoy shipments exports imports
		sanctions tariffs quotas licences permits contracts tenders suppliers shortages reserves
		emergency crisis recovery reconstruction damage losses victims survivors witnesses evidence
		court judges prosecutors investigation report findings audit review inquiry commission
		mandate majority coalition opposition campaign election ballot turnout results recount`)
)
