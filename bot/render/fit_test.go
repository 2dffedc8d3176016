package render

import (
	"context"
	"errors"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/bot"
)

func TestFitKeepsValidReplyUnchanged(t *testing.T) {
	r := bot.Reply{
		Content:         "hello",
		Embeds:          []bot.Embed{{Title: "T", Description: "D", Fields: []bot.EmbedField{{Name: "n", Value: "v"}}, Footer: &bot.EmbedFooter{Text: "f"}}},
		Components:      Pager("quotes", "s", 2, 3),
		AllowedMentions: bot.AllowedMentions{Parse: []string{}},
	}
	if err := Validate(r); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	got := r
	Fit(&got)
	if PlainText(got) != PlainText(r) || len(got.Embeds[0].Fields) != 1 || got.Embeds[0].Footer.Text != "f" {
		t.Errorf("Fit changed a valid reply:\n%s\nto\n%s", PlainText(r), PlainText(got))
	}
}

func TestFitDropsTrailingFieldsBeforeCuttingText(t *testing.T) {
	desc := strings.Repeat("word ", 800) // 4000 characters
	var fields []bot.EmbedField
	for i := range 25 {
		fields = append(fields, bot.EmbedField{Name: "Quote " + string(rune('A'+i)), Value: strings.Repeat("x", 190)})
	}
	r := bot.Reply{Embeds: []bot.Embed{{Title: "Peskov", Description: desc, Fields: fields}}}
	Fit(&r)
	if err := Validate(r); err != nil {
		t.Fatalf("Validate after Fit: %v", err)
	}
	e := r.Embeds[0]
	if e.Description != desc {
		t.Errorf("description was cut although dropping fields was enough")
	}
	if len(e.Fields) == 0 || len(e.Fields) == 25 {
		t.Fatalf("kept %d fields", len(e.Fields))
	}
	if e.Fields[0].Name != "Quote A" {
		t.Errorf("first field %q, want the leading fields kept", e.Fields[0].Name)
	}
	want := "+" + itoa(25-len(e.Fields)) + " more not shown"
	if e.Footer == nil || e.Footer.Text != want {
		t.Errorf("footer %+v, want %q", e.Footer, want)
	}
}

func TestFitManyEmbeds(t *testing.T) {
	var embeds []bot.Embed
	for range 14 {
		embeds = append(embeds, bot.Embed{Title: "t", Description: strings.Repeat("long text ", 400), Footer: &bot.EmbedFooter{Text: "source"}})
	}
	r := bot.Reply{Embeds: embeds}
	Fit(&r)
	if err := Validate(r); err != nil {
		t.Fatalf("Validate after Fit: %v", err)
	}
	last := r.Embeds[len(r.Embeds)-1]
	if !strings.Contains(last.Footer.Text, "more not shown") || !strings.HasPrefix(last.Footer.Text, "source · ") {
		t.Errorf("last footer %q does not say that embeds were dropped", last.Footer.Text)
	}
	for _, e := range r.Embeds {
		if !strings.HasSuffix(e.Description, Ellipsis) {
			t.Errorf("cut description %q… does not end in an ellipsis", e.Description[:20])
		}
	}
}

func TestFitRepairsParts(t *testing.T) {
	long := strings.Repeat("a", 150)
	r := bot.Reply{
		Content: strings.Repeat("word ", 500),
		Embeds:  []bot.Embed{{}, {Fields: []bot.EmbedField{{Name: "", Value: ""}}, Color: -1}},
		Components: []bot.ActionRow{
			{Buttons: []bot.Button{{Label: "ok", CustomID: "a:1"}, {Label: "dup", CustomID: "a:1"}, {Label: "long", CustomID: long}, {Label: strings.Repeat("l", 90), CustomID: "a:2"}, {Label: "link", URL: "https://example.com"}, {Label: "sixth", CustomID: "a:6"}}},
			{}, {Buttons: []bot.Button{{Label: "r2", CustomID: "b"}}}, {Buttons: []bot.Button{{Label: "r3", CustomID: "c"}}},
			{Buttons: []bot.Button{{Label: "r4", CustomID: "d"}}}, {Buttons: []bot.Button{{Label: "r5", CustomID: "e"}}}, {Buttons: []bot.Button{{Label: "r6", CustomID: "f"}}},
		},
		Choices: []bot.Choice{{Name: "", Value: "v"}, {Name: "n", Value: long}, {Name: long, Value: "w"}},
		Modal:   &bot.Modal{CustomID: "admin:text", Title: strings.Repeat("t", 60), Fields: []bot.ModalField{{CustomID: "body", Label: "Body", MaxLength: 9000}, {CustomID: "", Label: "x"}}},
	}
	Fit(&r)
	if err := Validate(r); err != nil {
		t.Fatalf("Validate after Fit: %v", err)
	}
	if Len(r.Content) > MaxContent || !strings.HasSuffix(r.Content, "word…") {
		t.Errorf("content %d characters ending %q", Len(r.Content), r.Content[len(r.Content)-10:])
	}
	if len(r.Embeds) != 1 || r.Embeds[0].Fields[0].Name != emptyField || r.Embeds[0].Color != 0 {
		t.Errorf("embeds %+v", r.Embeds)
	}
	if len(r.Components) != 5 || len(r.Components[0].Buttons) != 4 {
		t.Errorf("components %+v", r.Components)
	}
	if b := r.Components[0].Buttons[2]; b.Style != StyleLink || b.URL == "" {
		t.Errorf("link button %+v", b)
	}
	if len(r.Choices) != 2 || r.Choices[0].Name != "v" || Len(r.Choices[1].Name) != 100 {
		t.Errorf("choices %+v", r.Choices)
	}
	if r.Modal == nil || len(r.Modal.Fields) != 1 || r.Modal.Fields[0].MaxLength != MaxModalValue {
		t.Errorf("modal %+v", r.Modal)
	}
}

func TestValidateNamesTheLimit(t *testing.T) {
	r := bot.Reply{
		AllowedMentions: bot.AllowedMentions{Parse: []string{}},
		Embeds:          []bot.Embed{{Title: "t", Fields: []bot.EmbedField{{Name: "n", Value: strings.Repeat("v", 1100)}}}},
	}
	err := Validate(r)
	var le *LimitError
	if !errors.As(err, &le) {
		t.Fatalf("Validate = %v, want a *LimitError", err)
	}
	if le.Where != "embeds[0].fields[0].value" || !strings.Contains(err.Error(), "1100 characters, limit 1024 characters") {
		t.Errorf("Validate = %v", err)
	}
	if err := Validate(bot.Reply{Content: "x"}); err == nil || !strings.Contains(err.Error(), "allowed_mentions") {
		t.Errorf("a reply that may ping: Validate = %v", err)
	}
}

func FuzzFit(f *testing.F) {
	f.Add(uint64(1), "hello **world** @everyone", 3000)
	f.Add(uint64(2), "🇺🇦 é [a](b) \\", 9000)
	f.Add(uint64(3), "", 0)
	f.Fuzz(func(t *testing.T, seed uint64, text string, size int) {
		r := randomReply(rand.New(rand.NewPCG(seed, 7)), text, size%10000)
		Fit(&r)
		if err := Validate(r); err != nil {
			t.Fatalf("Validate after Fit: %v", err)
		}
		again := r
		Fit(&again)
		if PlainText(again) != PlainText(r) {
			t.Fatalf("Fit is not idempotent")
		}
	})
}

// randomReply builds an adversarial reply from text: parts of random
// lengths, some over every limit.
func randomReply(rng *rand.Rand, text string, size int) bot.Reply {
	if text == "" {
		text = "x"
	}
	piece := func() string {
		n := rng.IntN(max(size, 1) + 1)
		var b strings.Builder
		for have := 0; have < n; have += Len(text) {
			b.WriteString(text)
			if rng.IntN(4) == 0 {
				b.WriteString(" ")
			}
		}
		return b.String()
	}
	maybe := func() string {
		if rng.IntN(3) == 0 {
			return ""
		}
		return piece()
	}
	var r bot.Reply
	r.Content = maybe()
	for range rng.IntN(14) {
		e := bot.Embed{Title: maybe(), Description: maybe(), Color: rng.IntN(0x2000000) - 10}
		for range rng.IntN(30) {
			e.Fields = append(e.Fields, bot.EmbedField{Name: maybe(), Value: maybe()})
		}
		if rng.IntN(2) == 0 {
			e.Footer = &bot.EmbedFooter{Text: maybe()}
		}
		r.Embeds = append(r.Embeds, e)
	}
	for range rng.IntN(7) {
		var row bot.ActionRow
		for range rng.IntN(7) {
			b := bot.Button{Label: maybe(), Style: rng.IntN(7), Disabled: rng.IntN(2) == 0}
			switch rng.IntN(3) {
			case 0:
				b.URL = "https://example.com/" + maybe()
			case 1:
				b.CustomID = maybe()
			default:
				b.CustomID = "c:" + itoa(rng.IntN(5))
			}
			row.Buttons = append(row.Buttons, b)
		}
		r.Components = append(r.Components, row)
	}
	if rng.IntN(2) == 0 {
		r.Choices = []bot.Choice{}
		for range rng.IntN(40) {
			r.Choices = append(r.Choices, bot.Choice{Name: maybe(), Value: maybe()})
		}
	}
	if rng.IntN(3) == 0 {
		m := &bot.Modal{CustomID: maybe(), Title: maybe()}
		for range rng.IntN(8) {
			m.Fields = append(m.Fields, bot.ModalField{CustomID: maybe(), Label: maybe(), Placeholder: maybe(), MaxLength: rng.IntN(9000) - 100})
		}
		r.Modal = m
	}
	return r
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestRepliesMiddleware(t *testing.T) {
	r := bot.NewRouter(nil)
	r.Use(Replies)
	r.Add(bot.Route{Spec: bot.CommandSpec{Name: "big"}, Handler: func(context.Context, bot.Request) (bot.Reply, error) {
		return bot.Reply{Embeds: []bot.Embed{{Title: "T", Description: strings.Repeat("word ", 2000)}}}, nil
	}})
	got := r.Handle(context.Background(), bot.Request{Interaction: bot.InteractionCommand, Command: "big"})
	if err := Validate(got); err != nil {
		t.Errorf("Validate: %v", err)
	}
	if !strings.HasPrefix(got.Text, "T\n\nword word") {
		t.Errorf("Text = %.40q", got.Text)
	}
}
