package commands

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/render"
	"github.com/briefbot/briefbot/briefing/speakers"
	"github.com/briefbot/briefbot/store"
)

// Lookup scores (see speakers.Index.Lookup): at least scoreSure means
// every word typed is a name word or a spelling variant of one; at least
// scorePrefix, a prefix of one. Below that only typos matched, and the
// speaker is offered, never assumed.
const (
	scoreSure   = 0.9
	scorePrefix = 0.75
)

// speakerMatch is what a speaker option resolved to: one speaker, or the
// candidates to choose from.
type speakerMatch struct {
	dir        *store.SpeakerDirectory
	speaker    store.SpeakerStat
	candidates []speakers.Candidate // when ambiguous
}

// resolveSpeaker finds the speaker a user meant. "#12" names a speaker by
// id (what autocomplete and buttons send). A name resolves when exactly
// one speaker has it as a full form, or exactly one matches best; several
// equally good matches are ambiguous; matches by typo only are offered in
// the error ("did you mean ...?") but never assumed.
func (h *handlers) resolveSpeaker(ctx context.Context, input string) (speakerMatch, error) {
	dir, err := h.speakers.Directory(ctx)
	if err != nil {
		return speakerMatch{}, err
	}
	m := speakerMatch{dir: dir}
	input = strings.TrimSpace(input)
	if input == "" {
		return m, bot.Userf("Give a speaker's name, for example `speaker: peskov`.")
	}
	if strings.HasPrefix(input, "#") {
		if id, ok := store.ParseID(input); ok {
			if st, ok := dir.Stat(id); ok {
				m.speaker = st
				return m, nil
			}
		}
		return m, bot.Userf("There is no speaker %s in the corpus.", echo(input))
	}
	cands := dir.Lookup(input, 10)
	if len(cands) == 0 {
		return m, bot.Userf("No speaker matches '%s'.", echo(input))
	}
	// A full form typed out ("Dmitry Peskov", "Zelenskyy") that names one
	// speaker wins outright.
	folded := speakers.Fold(input)
	var full []speakers.Candidate
	for _, c := range cands {
		if speakers.Fold(c.Name) == folded || containsFold(c.Aliases, folded) {
			full = append(full, c)
		}
	}
	if len(full) == 1 {
		m.speaker, _ = dir.Stat(full[0].ID)
		return m, nil
	}
	for _, floor := range []float64{scoreSure, scorePrefix} {
		var good []speakers.Candidate
		for _, c := range cands {
			if c.Score >= floor {
				good = append(good, c)
			}
		}
		switch {
		case len(good) == 1, len(good) > 1 && good[0].Score > good[1].Score:
			m.speaker, _ = dir.Stat(good[0].ID)
			return m, nil
		case len(good) > 1:
			m.candidates = good
			return m, nil
		}
	}
	var names []string
	for _, c := range cands[:min(3, len(cands))] {
		names = append(names, esc(c.Name, 80))
	}
	return m, bot.Userf("No speaker matches '%s'; did you mean %s?", echo(input), orList(names))
}

func containsFold(forms []string, folded string) bool {
	for _, f := range forms {
		if speakers.Fold(f) == folded {
			return true
		}
	}
	return false
}

// orList joins "A", "A or B", "A, B or C".
func orList(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}

// maxChoices is Discord's limit on autocomplete suggestions.
const maxChoices = 25

// completeSpeaker suggests speakers for the option being typed: prefix
// and fuzzy matches, most quoted first among equals, at most 25.
func (h *handlers) completeSpeaker(ctx context.Context, req bot.Request) (bot.Reply, error) {
	dir, err := h.speakers.Directory(ctx)
	if err != nil {
		return bot.Reply{}, err
	}
	typed := req.Options[req.Focused]
	cands := dir.Lookup(typed, maxChoices)
	unique := h.names.unique(dir)
	choices := make([]bot.Choice, 0, len(cands))
	for _, c := range cands {
		st, _ := dir.Stat(c.ID)
		label := st.Name
		if st.Role != "" {
			label += " — " + st.Role
		}
		count := " (" + plural(st.Quotes, "quote", "quotes") + ")"
		name := render.Truncate(defuse(oneLine(label)), render.MaxChoiceName-render.Len(count)) + count
		// The value is what the command receives: the name when it names
		// one speaker and fits, else the id.
		value := st.Name
		if render.Len(value) > render.MaxChoiceValue || !unique[speakers.Fold(value)] {
			value = store.FormatID(st.ID)
		}
		choices = append(choices, bot.Choice{Name: name, Value: value})
	}
	return bot.Reply{Choices: choices}, nil
}

// nameTable remembers, for the current speaker directory, which folded
// names belong to exactly one speaker.
type nameTable struct {
	mu   sync.Mutex
	dir  *store.SpeakerDirectory
	once map[string]bool
}

func (t *nameTable) unique(dir *store.SpeakerDirectory) map[string]bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.dir == dir {
		return t.once
	}
	counts := map[string]int{}
	for _, k := range dir.Known {
		counts[speakers.Fold(k.Name)]++
		for _, a := range k.Aliases {
			if speakers.Fold(a) != speakers.Fold(k.Name) {
				counts[speakers.Fold(a)]++
			}
		}
	}
	once := make(map[string]bool, len(counts))
	for k, n := range counts {
		once[k] = n == 1
	}
	t.dir, t.once = dir, once
	return once
}

// ambiguousReply lists the speakers a name could mean, with a button for
// each that runs the command for that speaker.
func ambiguousReply(command, input string, m speakerMatch, state func(id int64) string) bot.Reply {
	var lines []string
	var buttons []bot.Button
	for i, c := range m.candidates {
		if i == 10 {
			lines = append(lines, fmt.Sprintf("…and %d more", len(m.candidates)-i))
			break
		}
		st, _ := m.dir.Stat(c.ID)
		line := "**" + esc(st.Name, 100) + "**"
		if st.Role != "" {
			line += " — " + esc(st.Role, 80)
		}
		line += " · " + plural(st.Quotes, "quote", "quotes") + " · `" + store.FormatID(st.ID) + "`"
		lines = append(lines, line)
		if len(buttons) < render.MaxRowButtons {
			buttons = append(buttons, bot.Button{Type: 2, Style: render.StylePrimary,
				Label: render.Truncate(defuse(oneLine(st.Name)), render.MaxButtonLabel), CustomID: state(st.ID)})
		}
	}
	r := bot.Reply{
		Content: fmt.Sprintf("'%s' could be %d speakers; which one?", echo(input), len(m.candidates)),
		Embeds: []bot.Embed{{Title: "Speakers matching '" + echo(input) + "'",
			Description: strings.Join(lines, "\n"), Color: colorList}},
	}
	if len(buttons) > 0 {
		r.Components = []bot.ActionRow{{Type: 1, Buttons: buttons}}
	}
	return r
}

// defuse keeps text that Discord shows without Markdown (autocomplete
// choices, button labels) from reading as a mention: a zero-width space
// after every "@", as render.EscapeMarkdown does.
func defuse(s string) string {
	return strings.ReplaceAll(s, "@", "@\u200b")
}
