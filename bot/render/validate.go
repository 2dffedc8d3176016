package render

import (
	"errors"
	"fmt"

	"github.com/briefbot/briefbot/bot"
)

// LimitError is one way a reply breaks Discord's rules.
type LimitError struct {
	Where string // e.g. "embeds[1].fields[3].value"
	Limit string // what is allowed, e.g. "at most 1024 characters"
	Got   string // what the reply has, e.g. "1100 characters"
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("%s: %s, limit %s", e.Where, e.Got, e.Limit)
}

// Validate reports every way r would be refused by Discord (or would ping
// someone), each as a *LimitError naming the part and the limit, joined
// with errors.Join; nil when r can be sent as is. Fit makes any reply
// valid.
func Validate(r bot.Reply) error {
	var errs []error
	bad := func(where, limit, got string) {
		errs = append(errs, &LimitError{Where: where, Limit: limit, Got: got})
	}
	maxLen := func(where, s string, max int) {
		if n := Len(s); n > max {
			bad(where, fmt.Sprintf("%d characters", max), fmt.Sprintf("%d characters", n))
		}
	}
	required := func(where, s string, max int) {
		if s == "" {
			bad(where, fmt.Sprintf("1-%d characters", max), "empty")
		}
		maxLen(where, s, max)
	}

	if r.AllowedMentions.Parse == nil || len(r.AllowedMentions.Parse) != 0 {
		bad("allowed_mentions.parse", "an empty list (no pings)", fmt.Sprintf("%q", r.AllowedMentions.Parse))
	}
	maxLen("content", r.Content, MaxContent)

	if n := len(r.Embeds); n > MaxEmbeds {
		bad("embeds", fmt.Sprintf("%d embeds", MaxEmbeds), fmt.Sprintf("%d embeds", n))
	}
	for i, e := range r.Embeds {
		p := fmt.Sprintf("embeds[%d]", i)
		maxLen(p+".title", e.Title, MaxEmbedTitle)
		maxLen(p+".description", e.Description, MaxEmbedDescription)
		if e.Color < 0 || e.Color > MaxColor {
			bad(p+".color", "0-0xFFFFFF", fmt.Sprintf("%#x", e.Color))
		}
		if n := len(e.Fields); n > MaxEmbedFields {
			bad(p+".fields", fmt.Sprintf("%d fields", MaxEmbedFields), fmt.Sprintf("%d fields", n))
		}
		for j, f := range e.Fields {
			q := fmt.Sprintf("%s.fields[%d]", p, j)
			required(q+".name", f.Name, MaxFieldName)
			required(q+".value", f.Value, MaxFieldValue)
		}
		if e.Footer != nil {
			maxLen(p+".footer.text", e.Footer.Text, MaxFooter)
		}
		if embedLen(e) == 0 {
			bad(p, "some text", "an empty embed")
		}
	}
	if n := totalEmbedLen(r.Embeds); n > MaxEmbedTotal {
		bad("embeds (all together)", fmt.Sprintf("%d characters", MaxEmbedTotal), fmt.Sprintf("%d characters", n))
	}

	if n := len(r.Components); n > MaxActionRows {
		bad("components", fmt.Sprintf("%d action rows", MaxActionRows), fmt.Sprintf("%d rows", n))
	}
	ids := map[string]string{}
	for i, row := range r.Components {
		p := fmt.Sprintf("components[%d]", i)
		if row.Type != componentActionRow {
			bad(p+".type", "1 (action row)", fmt.Sprint(row.Type))
		}
		if n := len(row.Buttons); n == 0 || n > MaxRowButtons {
			bad(p+".components", fmt.Sprintf("1-%d buttons", MaxRowButtons), fmt.Sprintf("%d buttons", n))
		}
		for j, b := range row.Buttons {
			q := fmt.Sprintf("%s.components[%d]", p, j)
			if b.Type != componentButton {
				bad(q+".type", "2 (button)", fmt.Sprint(b.Type))
			}
			required(q+".label", b.Label, MaxButtonLabel)
			switch {
			case b.Style == StyleLink:
				if b.URL == "" || b.CustomID != "" {
					bad(q, "a link button has a url and no custom_id", fmt.Sprintf("url %q, custom_id %q", b.URL, b.CustomID))
				}
			case b.Style >= StylePrimary && b.Style <= StyleDanger:
				required(q+".custom_id", b.CustomID, MaxCustomID)
				if b.URL != "" {
					bad(q+".url", "none on a non-link button", fmt.Sprintf("%q", b.URL))
				}
				if other, dup := ids[b.CustomID]; dup && b.CustomID != "" {
					bad(q+".custom_id", "unique in the message", "the same as "+other)
				}
				ids[b.CustomID] = q
			default:
				bad(q+".style", "1-5", fmt.Sprint(b.Style))
			}
		}
	}

	if n := len(r.Choices); n > MaxChoices {
		bad("choices", fmt.Sprintf("%d choices", MaxChoices), fmt.Sprintf("%d choices", n))
	}
	for i, c := range r.Choices {
		p := fmt.Sprintf("choices[%d]", i)
		required(p+".name", c.Name, MaxChoiceName)
		required(p+".value", c.Value, MaxChoiceValue)
	}

	if m := r.Modal; m != nil {
		required("modal.custom_id", m.CustomID, MaxCustomID)
		required("modal.title", m.Title, MaxModalTitle)
		if n := len(m.Fields); n == 0 || n > MaxModalFields {
			bad("modal.components", fmt.Sprintf("1-%d text inputs", MaxModalFields), fmt.Sprintf("%d", n))
		}
		for i, f := range m.Fields {
			p := fmt.Sprintf("modal.fields[%d]", i)
			required(p+".custom_id", f.CustomID, MaxCustomID)
			required(p+".label", f.Label, MaxModalLabel)
			maxLen(p+".placeholder", f.Placeholder, MaxModalPlaceholder)
			if f.MaxLength < 0 || f.MaxLength > MaxModalValue {
				bad(p+".max_length", fmt.Sprintf("0-%d", MaxModalValue), fmt.Sprint(f.MaxLength))
			}
		}
	}
	return errors.Join(errs...)
}

// embedLen counts an embed's characters the way Discord's 6000 limit does.
func embedLen(e bot.Embed) int {
	n := Len(e.Title) + Len(e.Description)
	for _, f := range e.Fields {
		n += Len(f.Name) + Len(f.Value)
	}
	if e.Footer != nil {
		n += Len(e.Footer.Text)
	}
	return n
}

func totalEmbedLen(es []bot.Embed) int {
	n := 0
	for _, e := range es {
		n += embedLen(e)
	}
	return n
}
