package render

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/briefbot/briefbot/bot"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

func TestPlainTextGolden(t *testing.T) {
	quote := `"We cannot allow NATO's **military** infrastructure" — @everyone <@&123>`
	r := bot.Reply{
		Content: "2 quotes by " + EscapeMarkdown("Dmitry Peskov"),
		Embeds: []bot.Embed{{
			Title:       EscapeMarkdown("Peskov: *quotes*"),
			URL:         "https://example.com/a",
			Description: EscapeMarkdown(quote) + "\n[Reuters](https://reuters.com/x), 2024-05-11",
			Fields: []bot.EmbedField{
				{Name: "**Also reported by**", Value: "TASS\nAl Jazeera"},
				{Name: "Story", Value: "-# 3 outlets"},
			},
			Footer: &bot.EmbedFooter{Text: "Page 1 of 2"},
		}},
		Components: Pager("quotes", "12", 1, 2),
	}
	Fit(&r)
	got := PlainText(r)
	path := filepath.Join("testdata", "plaintext.golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("PlainText:\n%s\nwant:\n%s", got, want)
	}
}

func TestPlainTextChoicesAndModal(t *testing.T) {
	got := PlainText(bot.Reply{Choices: []bot.Choice{}})
	if got != "(no suggestions)" {
		t.Errorf("empty choices: %q", got)
	}
	got = PlainText(bot.Reply{Choices: []bot.Choice{{Name: "Dmitry Peskov (41 quotes)", Value: "12"}}})
	if want := "Suggestions:\n  Dmitry Peskov (41 quotes)  (12)"; got != want {
		t.Errorf("choices: %q, want %q", got, want)
	}
	got = PlainText(bot.Reply{Modal: &bot.Modal{Title: "Add an article", Fields: []bot.ModalField{{Label: "Body", Required: true}}}})
	if want := "Form: Add an article\n  Body (required)"; got != want {
		t.Errorf("modal: %q, want %q", got, want)
	}
}
