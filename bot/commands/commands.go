// Package commands holds briefbot's read-only slash commands: /quotes,
// /whosaid, /brief, /search, /timeline, /speakers, /sources and /stats.
// Each is a bot.Route: a request in, a reply of embeds, buttons and a
// plain-text rendering out, with no transport in sight.
//
// Long results page behind Prev/Next buttons (render.Pager). A button's
// custom_id carries the whole query, normalised ("speaker" as an id,
// "since" as a date), so a press answers the same query whichever process
// receives it; a query too long for Discord's 100 characters is kept in a
// small in-memory table instead and its button says so after a restart.
//
// Every reply is fitted to Discord's limits with render.Fit, and every
// piece of corpus text is escaped with render.EscapeMarkdown.
package commands

import (
	"container/list"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"log/slog"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/render"
	"github.com/briefbot/briefbot/store"
)

// Deps is what the commands need.
type Deps struct {
	Store *store.Store
	Now   func() time.Time
	Log   *slog.Logger
}

// handlers holds the commands' shared state: the speaker directory cache
// and the table of paging states too long for a custom_id.
type handlers struct {
	store    *store.Store
	now      func() time.Time
	log      *slog.Logger
	speakers *store.SpeakerCache
	states   *stateTable
	names    nameTable
}

// command is one command's logic: the options in (as typed, or as
// normalised into a paging state), one page of reply out, with the
// normalised state and the number of pages for the paging buttons.
type command func(ctx context.Context, opts url.Values, page int) (result, error)

type result struct {
	reply bot.Reply
	state url.Values // the query, normalised; nil when the reply does not page
	pages int
	// openEnded: the number of pages is not known, only whether there
	// is a next one (more).
	openEnded, more bool
}

// Register adds the commands to r.
func Register(r *bot.Router, deps Deps) {
	h := &handlers{
		store:  deps.Store,
		now:    deps.Now,
		log:    deps.Log,
		states: newStateTable(512),
	}
	if h.now == nil {
		h.now = time.Now
	}
	if h.log == nil {
		h.log = slog.New(slog.DiscardHandler)
	}
	h.speakers = deps.Store.NewSpeakerCache()
	add := func(spec bot.CommandSpec, run command, complete func(context.Context, bot.Request) (bot.Reply, error)) {
		r.Add(bot.Route{Spec: spec, Handler: h.handler(spec.Name, run, complete)})
	}
	add(quotesSpec, h.quotes, h.completeSpeaker)
	add(whosaidSpec, h.whosaid, nil)
	add(briefSpec, h.brief, nil)
	add(searchSpec, h.search, nil)
	add(timelineSpec, h.timeline, nil)
	add(speakersSpec, h.speakerList, h.completeSpeaker)
	add(sourcesSpec, h.sources, nil)
	add(statsSpec, h.stats, nil)
}

// handler adapts a command to bot.HandlerFunc: commands, paging buttons
// and autocomplete.
func (h *handlers) handler(name string, run command, complete func(context.Context, bot.Request) (bot.Reply, error)) bot.HandlerFunc {
	return func(ctx context.Context, req bot.Request) (bot.Reply, error) {
		var opts url.Values
		page := 1
		switch req.Interaction {
		case bot.InteractionAutocomplete:
			if complete == nil {
				return finish(bot.Reply{Choices: []bot.Choice{}}), nil
			}
			reply, err := complete(ctx, req)
			if err != nil {
				return bot.Reply{}, err
			}
			return finish(reply), nil
		case bot.InteractionComponent:
			_, state, p, err := render.ParsePage(req.CustomID)
			if err != nil {
				return bot.Reply{}, bot.Userf("That button no longer works; run /%s again.", name)
			}
			if opts, err = h.states.decode(state); err != nil {
				return bot.Reply{}, &bot.UserError{Message: fmt.Sprintf("These results are from before the bot restarted; run /%s again.", name)}
			}
			page = p
		default:
			opts = url.Values{}
			for k, v := range req.Options {
				opts.Set(k, v)
			}
		}
		start := time.Now()
		res, err := run(ctx, opts, page)
		if err != nil {
			return bot.Reply{}, err
		}
		h.log.LogAttrs(ctx, slog.LevelDebug, "command answered", slog.String("command", name),
			slog.Int("page", page), slog.Int("pages", res.pages), slog.Duration("took", time.Since(start)))
		switch {
		case res.state != nil && res.openEnded && (page > 1 || res.more):
			res.reply.Components = append(res.reply.Components, openPager(name, h.states.encode(name, res.state, page+1), page, res.more)...)
		case res.state != nil && res.pages > 1:
			res.reply.Components = append(res.reply.Components,
				render.Pager(name, h.states.encode(name, res.state, res.pages), page, res.pages)...)
		}
		return finish(res.reply), nil
	}
}

// openPager is render.Pager for results whose number of pages is not
// known: "◀ Prev", a disabled "Page 3" and "Next ▶", with custom ids in
// Pager's format so that render.ParsePage reads them.
func openPager(command, state string, page int, more bool) []bot.ActionRow {
	id := func(p string) string { return command + ":" + state + ":" + p }
	if render.Len(id("p"+strconv.Itoa(page+1))) > render.MaxCustomID {
		return nil
	}
	return []bot.ActionRow{{Type: 1, Buttons: []bot.Button{
		{Type: 2, Style: render.StyleSecondary, Label: render.PrevLabel, CustomID: id(strconv.Itoa(page - 1)), Disabled: page == 1},
		{Type: 2, Style: render.StyleSecondary, Label: "Page " + strconv.Itoa(page), CustomID: id("p" + strconv.Itoa(page)), Disabled: true},
		{Type: 2, Style: render.StyleSecondary, Label: render.NextLabel, CustomID: id(strconv.Itoa(page + 1)), Disabled: !more},
	}}}
}

// finish fits a reply to Discord's limits and renders its plain text.
func finish(r bot.Reply) bot.Reply {
	render.Fit(&r)
	r.Text = render.PlainText(r)
	return r
}

// pageOf clamps page to [1, pages] and returns the offset of its first
// item.
func pageOf(page, size, total int) (int, int, int) {
	pages := max(1, (total+size-1)/size)
	page = min(max(page, 1), pages)
	return page, pages, (page - 1) * size
}

// stateTable keeps paging states too long for a custom_id, by a short
// hash, the most recent n of them.
type stateTable struct {
	mu    sync.Mutex
	n     int
	order *list.List // of string keys, most recent first
	byKey map[string]*list.Element
	value map[string]string
}

func newStateTable(n int) *stateTable {
	return &stateTable{n: n, order: list.New(), byKey: map[string]*list.Element{}, value: map[string]string{}}
}

// stateKeyPrefix marks a state kept in the table; url-encoded states
// never start with it.
const stateKeyPrefix = "~"

// encode returns the state for a custom_id: the query itself when it
// fits, else a key into the table.
func (t *stateTable) encode(command string, state url.Values, pages int) string {
	s := state.Encode()
	if render.Len(s) <= render.MaxPagerState(command, pages) {
		return s
	}
	sum := sha256.Sum256([]byte(command + "\x00" + s))
	key := stateKeyPrefix + base64.RawURLEncoding.EncodeToString(sum[:12])
	t.mu.Lock()
	defer t.mu.Unlock()
	if e, ok := t.byKey[key]; ok {
		t.order.MoveToFront(e)
		return key
	}
	t.byKey[key] = t.order.PushFront(key)
	t.value[key] = s
	for t.order.Len() > t.n {
		last := t.order.Back()
		t.order.Remove(last)
		delete(t.byKey, last.Value.(string))
		delete(t.value, last.Value.(string))
	}
	return key
}

func (t *stateTable) decode(state string) (url.Values, error) {
	if strings.HasPrefix(state, stateKeyPrefix) {
		t.mu.Lock()
		s, ok := t.value[state]
		if e := t.byKey[state]; ok {
			t.order.MoveToFront(e)
		}
		t.mu.Unlock()
		if !ok {
			return nil, fmt.Errorf("paging state %s: not kept", state)
		}
		state = s
	}
	return url.ParseQuery(state)
}
