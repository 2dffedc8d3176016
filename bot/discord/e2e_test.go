package discord_test

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/discord"
	"github.com/briefbot/briefbot/bot/discordtest"
)

// wait bounds every wait for the bot: generous, since the machine is shared.
const wait = 10 * time.Second

// testLog logs to the test output when -v is given.
func testLog(t *testing.T) *slog.Logger {
	if testing.Verbose() {
		return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug})).With("test", t.Name())
	}
	return slog.New(slog.DiscardHandler)
}

// start runs a bot with router against a new fake Discord until the test ends.
func start(t *testing.T, router *bot.Router, edit func(*discord.Config)) (*discordtest.Server, *discord.Bot) {
	t.Helper()
	fake := discordtest.New(discordtest.Options{})
	cfg := discord.Config{Token: fake.Token, APIBase: fake.URL, Router: router, Log: testLog(t), DeferAfter: 200 * time.Millisecond}
	if edit != nil {
		edit(&cfg)
	}
	b, err := discord.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run: %v", err)
			}
		case <-time.After(wait):
			t.Errorf("Run did not return within %v of its context ending", wait)
		}
		for _, p := range fake.Problems() {
			t.Errorf("fake Discord: %s", p)
		}
		fake.Close()
	})
	if err := fake.WaitReady(wait); err != nil {
		select {
		case err := <-done:
			t.Fatalf("Run: %v", err)
		default:
		}
		t.Fatal(err)
	}
	return fake, b
}

// speakers is the test corpus for a /quotes-like command.
var speakers = []string{"Dmitry Peskov", "Dmitry Medvedev", "Volodymyr Zelenskyy", "Olena Zelenska", "Sergei Lavrov"}

const quotesPerPage, quotePages = 2, 3

// quotesRoute is a /quotes-like command: autocomplete on speaker, pages of
// quotes behind Prev/Next buttons whose custom ids carry the query.
func quotesRoute() bot.Route {
	page := func(speaker string, p int) bot.Reply {
		var fields []bot.EmbedField
		for i := range quotesPerPage {
			fields = append(fields, bot.EmbedField{Name: fmt.Sprintf("Quote %d", (p-1)*quotesPerPage+i+1), Value: speaker + " said something <@123> @everyone"})
		}
		return bot.Reply{
			Embeds: []bot.Embed{{Title: "Quotes by " + speaker, Fields: fields, Footer: &bot.EmbedFooter{Text: fmt.Sprintf("Page %d/%d", p, quotePages)}}},
			Components: []bot.ActionRow{{Type: 1, Buttons: []bot.Button{
				{Type: 2, Style: 2, Label: "Prev", CustomID: fmt.Sprintf("quotes:%s:%d", speaker, p-1), Disabled: p == 1},
				{Type: 2, Style: 2, Label: "Next", CustomID: fmt.Sprintf("quotes:%s:%d", speaker, p+1), Disabled: p == quotePages},
			}}},
		}
	}
	return bot.Route{
		Spec: bot.CommandSpec{Name: "quotes", Description: "Quotes by a speaker", Options: []bot.OptionSpec{
			{Name: "speaker", Description: "Who", Type: bot.OptionString, Required: true, Autocomplete: true, MaxLength: 100},
		}},
		Handler: func(ctx context.Context, req bot.Request) (bot.Reply, error) {
			switch req.Interaction {
			case bot.InteractionAutocomplete:
				var cs []bot.Choice
				typed := strings.ToLower(req.Options[req.Focused])
				for range 10 { // more than Discord's 25 choices
					for _, s := range speakers {
						if strings.Contains(strings.ToLower(s), typed) {
							cs = append(cs, bot.Choice{Name: s, Value: s})
						}
					}
				}
				return bot.Reply{Choices: cs}, nil
			case bot.InteractionComponent:
				parts := strings.Split(req.CustomID, ":")
				p, err := strconv.Atoi(parts[2])
				if err != nil || p < 1 || p > quotePages {
					return bot.Reply{}, bot.Userf("No such page.")
				}
				return page(parts[1], p), nil
			default:
				return page(req.Options["speaker"], 1), nil
			}
		},
	}
}

func TestQuotesAutocompleteAndPaging(t *testing.T) {
	t.Parallel()
	r := bot.NewRouter(nil)
	r.Add(quotesRoute())
	fake, _ := start(t, r, nil)

	ac := fake.SendAutocomplete("quotes", "speaker", "dmi")
	cb, err := ac.Callback(wait)
	if err != nil {
		t.Fatal(err)
	}
	if cb.Type != 8 || len(cb.Data.Choices) != 20 || cb.Data.Choices[0].Value != "Dmitry Peskov" {
		t.Fatalf("autocomplete answered type %d with %d choices %v; want type 8 with 20 (2 speakers x 10)", cb.Type, len(cb.Data.Choices), cb.Data.Choices)
	}
	ac = fake.SendAutocomplete("quotes", "speaker", "")
	if cb, err = ac.Callback(wait); err != nil || len(cb.Data.Choices) != 25 {
		t.Fatalf("autocomplete of everything: %d choices, err %v; want 25 (Discord's maximum)", len(cb.Data.Choices), err)
	}

	cmd := fake.SendCommand("quotes", discordtest.String("speaker", "Dmitry Peskov"))
	first, err := cmd.Reply(wait)
	if err != nil {
		t.Fatal(err)
	}
	if c, _ := cmd.Callback(wait); c.Type != 4 || first.Ephemeral() {
		t.Errorf("fast command answered with type %d, ephemeral %v; want a public message (4)", c.Type, first.Ephemeral())
	}
	if len(first.Embeds) != 1 || first.Embeds[0].Title != "Quotes by Dmitry Peskov" || first.Embeds[0].Footer.Text != "Page 1/3" {
		t.Fatalf("first page: %s", first.Raw)
	}
	next, ok := first.Button("Next")
	if !ok || next.Disabled {
		t.Fatalf("first page has no enabled Next button: %s", first.Raw)
	}
	press := fake.SendComponent(next.CustomID)
	second, err := press.Reply(wait)
	if err != nil {
		t.Fatal(err)
	}
	if c, _ := press.Callback(wait); c.Type != 7 {
		t.Errorf("button press answered with type %d; want 7 (update the message)", c.Type)
	}
	if second.Embeds[0].Footer.Text != "Page 2/3" || second.Embeds[0].Fields[0].Name != "Quote 3" {
		t.Errorf("second page: %s", second.Raw)
	}
	if prev, _ := second.Button("Prev"); prev.Disabled {
		t.Errorf("second page: Prev disabled")
	}

	// A stale button (page out of range) answers the presser privately
	// instead of replacing the page with an error.
	stale := fake.SendComponent("quotes:Dmitry Peskov:9")
	m, err := stale.Reply(wait)
	if err != nil {
		t.Fatal(err)
	}
	if c, _ := stale.Callback(wait); c.Type != 4 || !m.Ephemeral() || m.Content != "No such page." {
		t.Errorf("stale button: type %d, ephemeral %v, content %q; want a private message", c.Type, m.Ephemeral(), m.Content)
	}
}
