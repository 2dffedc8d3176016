package console

import (
	"context"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/render"
)

var testSpecs = []bot.CommandSpec{
	{Name: "quotes", Description: "A speaker's quotes", Options: []bot.OptionSpec{
		{Name: "speaker", Description: "who", Type: bot.OptionString, Required: true, Autocomplete: true},
		{Name: "topic", Description: "about what", Type: bot.OptionString},
		{Name: "limit", Description: "how many", Type: bot.OptionInteger},
		{Name: "exact", Description: "exact match", Type: bot.OptionBoolean},
	}},
	{Name: "search", Description: "Full-text search", Options: []bot.OptionSpec{
		{Name: "query", Description: "words", Type: bot.OptionString, Required: true, MaxLength: 20},
	}},
	{Name: "stats", Description: "Corpus statistics"},
	{Name: "whosaid", Description: "Who said it", Options: []bot.OptionSpec{
		{Name: "text", Description: "words of the quote", Type: bot.OptionString, Required: true},
		{Name: "speaker", Description: "who", Type: bot.OptionString},
	}},
	{Name: "admin", Description: "Administration", Subcommands: []bot.CommandSpec{
		{Name: "add", Description: "add a document", Options: []bot.OptionSpec{
			{Name: "file", Description: "a file", Type: bot.OptionAttachment},
			{Name: "url", Description: "a URL", Type: bot.OptionString},
		}},
		{Name: "remove", Description: "remove an article", Options: []bot.OptionSpec{
			{Name: "article", Description: "id", Type: bot.OptionInteger, Required: true},
		}},
	}},
}

func TestParseCommand(t *testing.T) {
	abs, _ := filepath.Abs("article.html")
	tests := []struct {
		line    string
		cmd     string
		sub     string
		opts    map[string]string
		wantErr string
	}{
		{line: "/quotes speaker:peskov topic:nato", cmd: "quotes", opts: map[string]string{"speaker": "peskov", "topic": "nato"}},
		{line: "quotes speaker:peskov", cmd: "quotes", opts: map[string]string{"speaker": "peskov"}},
		{line: "/quotes peskov", cmd: "quotes", opts: map[string]string{"speaker": "peskov"}},
		{line: "/quotes speaker:dmitry peskov topic:nato expansion", cmd: "quotes", opts: map[string]string{"speaker": "dmitry peskov", "topic": "nato expansion"}},
		{line: `/search query:"peace talks"`, cmd: "search", opts: map[string]string{"query": "peace talks"}},
		{line: `/search "query:x" y`, cmd: "search", opts: map[string]string{"query": "query:x y"}},
		{line: `/search query:"it's \"x\""`, cmd: "search", opts: map[string]string{"query": `it's "x"`}},
		{line: `/search query:meet at 10:30`, cmd: "search", opts: map[string]string{"query": "meet at 10:30"}},
		{line: "/QUOTES Speaker:Peskov limit:5 exact:yes", cmd: "quotes", opts: map[string]string{"speaker": "Peskov", "limit": "5", "exact": "true"}},
		{line: "/stats", cmd: "stats", opts: map[string]string{}},
		{line: "/admin add url:https://example.com/a?b=c", cmd: "admin", sub: "add", opts: map[string]string{"url": "https://example.com/a?b=c"}},
		{line: "/admin add file:article.html", cmd: "admin", sub: "add", opts: map[string]string{"file": "file://" + filepath.ToSlash(abs)}},
		{line: "/admin remove article:12", cmd: "admin", sub: "remove", opts: map[string]string{"article": "12"}},
		{line: "", wantErr: "empty command"},
		{line: "/nope x", wantErr: "unknown command /nope; commands: /quotes /search /stats /whosaid /admin"},
		{line: "/quotes topic:nato", wantErr: "needs option speaker:"},
		{line: "/quotes speaker:peskov topc:nato", wantErr: `no option "topc"`},
		{line: "/quotes speaker:peskov speaker:putin", wantErr: "given twice"},
		{line: "/quotes speaker:peskov limit:five", wantErr: `"five" is not a whole number`},
		{line: "/quotes speaker:peskov exact:maybe", wantErr: "not true or false"},
		{line: "/quotes speaker:", wantErr: "empty value"},
		{line: "/search query:" + strings.Repeat("a", 21), wantErr: "21 characters, at most 20"},
		{line: "/stats now", wantErr: `"now" is not an option`},
		{line: "/admin", wantErr: "needs a subcommand: add, remove"},
		{line: "/admin delete", wantErr: `no subcommand "delete"`},
		{line: "/admin remove", wantErr: "needs option article:"},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			req, err := ParseCommand(tt.line, testSpecs)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseCommand(%q) error = %v, want %q", tt.line, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseCommand(%q): %v", tt.line, err)
			}
			if req.Interaction != bot.InteractionCommand || req.Command != tt.cmd || req.Subcommand != tt.sub || !maps.Equal(req.Options, tt.opts) {
				t.Errorf("ParseCommand(%q) = %+v", tt.line, req)
			}
		})
	}
}

// TestParseCommandQuotes: people type apostrophes and quote marks inside
// words all the time; quotes are syntax only around a whole value.
func TestParseCommandQuotes(t *testing.T) {
	tests := []struct {
		line string
		opts map[string]string
	}{
		// Apostrophes inside words are text, and an unquoted value runs to
		// the next option.
		{`/whosaid text:NATO's military infrastructure`, map[string]string{"text": "NATO's military infrastructure"}},
		{`/whosaid NATO's military infrastructure`, map[string]string{"text": "NATO's military infrastructure"}},
		{`/whosaid text:the allies' position is clear speaker:vask`, map[string]string{"text": "the allies' position is clear", "speaker": "vask"}},
		{`/whosaid text:we won't go back speaker:O'Brien`, map[string]string{"text": "we won't go back", "speaker": "O'Brien"}},
		{`/whosaid text:don’t panic`, map[string]string{"text": "don’t panic"}},
		// Quote marks inside a value (not at its start) are text.
		{`/whosaid text:he said "no comment" today`, map[string]string{"text": `he said "no comment" today`}},
		{`/whosaid text:he said 'no'`, map[string]string{"text": `he said 'no'`}},
		// A quoted value closes only before white space or the end.
		{`/whosaid text:'NATO's military infrastructure'`, map[string]string{"text": "NATO's military infrastructure"}},
		{`/whosaid text:"it's "x" here" speaker:vask`, map[string]string{"text": `it's "x" here`, "speaker": "vask"}},
		{`/whosaid text:"it's "x" here"`, map[string]string{"text": `it's "x" here`}},
		{`/whosaid speaker:'O'Brien' text:'we won't'`, map[string]string{"text": "we won't", "speaker": "O'Brien"}},
		{`/whosaid text:"a note: this" speaker:vask`, map[string]string{"text": "a note: this", "speaker": "vask"}},
		{`/whosaid text:"meet at 10:30" speaker:"dmitry peskov"`, map[string]string{"text": "meet at 10:30", "speaker": "dmitry peskov"}},
		{`/whosaid text:"note: this" speaker:vask`, map[string]string{"text": "note: this", "speaker": "vask"}},
		{`/whosaid "text:x" y`, map[string]string{"text": "text:x y"}},
		{`/whosaid text:"a b" c`, map[string]string{"text": "a b c"}},
		{`/whosaid text:'it\'s'`, map[string]string{"text": "it's"}},
		{`/whosaid text:"say \"hi\""`, map[string]string{"text": `say "hi"`}},
		{`/whosaid text:don\'t`, map[string]string{"text": "don't"}},
		// A quote that never closes is taken literally rather than refused:
		// the words are what the user meant, and the next option still counts.
		{`/whosaid text:'tis the season`, map[string]string{"text": "'tis the season"}},
		{`/whosaid text:"water is not a weapon`, map[string]string{"text": `"water is not a weapon`}},
		{`/whosaid text:"water speaker:vask`, map[string]string{"text": `"water`, "speaker": "vask"}},
		{`/whosaid text:"`, map[string]string{"text": `"`}},
		{`/whosaid text:'`, map[string]string{"text": `'`}},
		{`/whosaid text:'a'b`, map[string]string{"text": `'a'b`}},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			req, err := ParseCommand(tt.line, testSpecs)
			if err != nil {
				t.Fatalf("ParseCommand(%q): %v", tt.line, err)
			}
			if !maps.Equal(req.Options, tt.opts) {
				t.Errorf("ParseCommand(%q) options = %q, want %q", tt.line, req.Options, tt.opts)
			}
		})
	}
	// An empty quoted value is still an empty value.
	if _, err := ParseCommand(`/whosaid text:""`, testSpecs); err == nil || !strings.Contains(err.Error(), "option text: empty value") {
		t.Errorf(`text:"" error = %v, want an empty value`, err)
	}
}

func TestParseCommandAttachment(t *testing.T) {
	req, err := ParseCommand("/admin add file:https://cdn.example.com/x/article.md", testSpecs)
	if err != nil {
		t.Fatal(err)
	}
	a := req.Attachments["file"]
	if a.Filename != "article.md" || a.URL != "https://cdn.example.com/x/article.md" {
		t.Errorf("attachment %+v", a)
	}
}

// pagedRouter answers /quotes with one page of 3, paging with render.Pager,
// /admin add with a modal, and autocomplete of speakers.
func pagedRouter() *bot.Router {
	r := bot.NewRouter(nil)
	r.Use(render.Replies)
	page := func(n int) bot.Reply {
		return bot.Reply{
			Embeds:     []bot.Embed{{Title: "Quotes by Peskov", Description: fmt.Sprintf("quote number %d", n)}},
			Components: render.Pager("quotes", "peskov", n, 3),
		}
	}
	r.Add(bot.Route{Spec: testSpecs[0], Handler: func(_ context.Context, req bot.Request) (bot.Reply, error) {
		switch req.Interaction {
		case bot.InteractionAutocomplete:
			var cs []bot.Choice
			for _, name := range []string{"Dmitry Peskov", "Vladimir Putin"} {
				if strings.Contains(strings.ToLower(name), strings.ToLower(req.Options[req.Focused])) {
					cs = append(cs, bot.Choice{Name: name, Value: name})
				}
			}
			return bot.Reply{Choices: cs}, nil
		case bot.InteractionComponent:
			_, _, p, err := render.ParsePage(req.CustomID)
			if err != nil {
				return bot.Reply{}, err
			}
			return page(p), nil
		}
		if req.Options["speaker"] != "peskov" {
			return bot.Reply{}, bot.Userf("no speaker matches %q", req.Options["speaker"])
		}
		return page(1), nil
	}})
	r.Add(bot.Route{Spec: testSpecs[4], Handler: func(_ context.Context, req bot.Request) (bot.Reply, error) {
		if req.Interaction == bot.InteractionModalSubmit {
			keys := slices.Sorted(maps.Keys(req.Options))
			var parts []string
			for _, k := range keys {
				parts = append(parts, k+"="+strconv.Quote(req.Options[k]))
			}
			return bot.Reply{Content: "submitted " + req.CustomID + " by " + req.User.ID + ": " + strings.Join(parts, " ")}, nil
		}
		return bot.Reply{Modal: &bot.Modal{CustomID: "admin:text", Title: "Add an article", Fields: []bot.ModalField{
			{CustomID: "title", Label: "Title", Required: true},
			{CustomID: "body", Label: "Body", Paragraph: true, Required: true},
		}}}, nil
	}})
	return r
}

func TestRunTranscript(t *testing.T) {
	input := strings.Join([]string{
		"# a comment",
		"/quotes speaker:peskov",
		"prev",
		"next",
		"next",
		"next",
		"press 1",
		"/quotes speaker:pesk0v",
		"complete /quotes speaker:put",
		"complete /quotes dmitry pe",
		"complete /quotes topic:nato",
		"complete /quotes",
		"/nope",
		"/admin add",
		"Peace talks",
		"First paragraph.",
		"",
		"Second paragraph.",
		".",
		"help",
		"help admin",
		"quit",
		"/quotes speaker:peskov",
	}, "\n")
	var out strings.Builder
	if err := Run(context.Background(), pagedRouter(), strings.NewReader(input), &out, false); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{
		"> /quotes speaker:peskov\nQuotes by Peskov\n\nquote number 1\n\n◀ Prev  Page 1/3  [Next ▶]\n",
		"> prev\nThere is no previous page.\n",
		"> next\nQuotes by Peskov\n\nquote number 2\n\n[◀ Prev]  Page 2/3  [Next ▶]\n",
		"> next\nQuotes by Peskov\n\nquote number 3\n\n[◀ Prev]  Page 3/3  Next ▶\n\n> next\nThere is no next page.\n",
		"> press 1\nQuotes by Peskov\n\nquote number 2\n",
		`no speaker matches "pesk0v"`,
		"> complete /quotes speaker:put\nSuggestions:\n  Vladimir Putin\n",
		"> complete /quotes dmitry pe\nSuggestions:\n  Dmitry Peskov\n",
		"> complete /quotes topic:nato\n(no suggestions)\n",
		"> complete /quotes\nusage: complete /command option:partial-value\n",
		"error: unknown command /nope; commands: /quotes /admin",
		`submitted admin:text by console: body="First paragraph.\n\nSecond paragraph." title="Peace talks"`,
		"Commands:\n  /quotes speaker:<text> [topic:<text>] [limit:<number>] [exact:<true|false>]\n      A speaker's quotes\n  /admin add|remove\n",
		"/admin: Administration\n  /admin add [file:<file>] [url:<text>]\n      add a document\n      file: a file\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("transcript lacks %q\n--- transcript:\n%s", want, got)
		}
	}
	if strings.Count(got, "> /quotes speaker:peskov") != 1 {
		t.Errorf("commands after quit were run:\n%s", got)
	}
}

func TestRunInteractivePromptAndCancel(t *testing.T) {
	var out strings.Builder
	if err := Run(context.Background(), pagedRouter(), strings.NewReader("/quotes peskov\n"), &out, true); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), "briefbot console") || !strings.Contains(out.String(), "> Quotes by Peskov") {
		t.Errorf("interactive output:\n%s", out.String())
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	blocked := blockingReader{}
	if err := Run(ctx, pagedRouter(), blocked, &out, true); err != nil {
		t.Errorf("cancelled Run = %v, want nil", err)
	}
}

// blockingReader never returns, like a terminal nobody types into.
type blockingReader struct{}

func (blockingReader) Read([]byte) (int, error) { select {} }
