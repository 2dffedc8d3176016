package render

import (
	"fmt"

	"github.com/briefbot/briefbot/bot"
)

// Fit changes r, as little as it can, so that Validate(*r) returns nil,
// keeping the reply meaningful: per-part limits are met by cutting text
// with Truncate; the 6000-character total is met first by dropping
// trailing fields (last embed first), then by shortening the longest
// texts, and only then by dropping trailing embeds. Whatever is dropped is
// counted in the footer of the last embed shown ("+3 more not shown").
// Buttons, choices and modal inputs that cannot be repaired without
// changing what they do (a custom_id that is too long or missing, an
// autocomplete value over 100 characters) are removed rather than cut.
// allowed_mentions is always set to parse nothing.
func Fit(r *bot.Reply) {
	r.AllowedMentions = bot.AllowedMentions{Parse: []string{}}
	r.Content = Truncate(r.Content, MaxContent)
	r.Embeds = fitEmbeds(r.Embeds)
	r.Components = fitComponents(r.Components)
	r.Choices = fitChoices(r.Choices)
	r.Modal = fitModal(r.Modal)
}

// fitting is an embed being fitted: its footer is kept apart from the
// "more not shown" note so that cutting the footer never cuts the note.
type fitting struct {
	e         bot.Embed
	footer    string
	hasFooter bool
	hidden    int

	// footerText's last answer, for the loops that call it per field.
	cacheFooter string
	cacheHidden int
	cacheText   string
	cached      bool
}

func (f *fitting) footerText() string {
	if f.cached && f.cacheHidden == f.hidden && f.cacheFooter == f.footer {
		return f.cacheText
	}
	f.cacheFooter, f.cacheHidden, f.cacheText, f.cached = f.footer, f.hidden, f.composeFooter(), true
	return f.cacheText
}

func (f *fitting) composeFooter() string {
	note := ""
	if f.hidden > 0 {
		note = fmt.Sprintf("+%d more not shown", f.hidden)
	}
	switch {
	case note == "":
		return f.footer
	case f.footer == "":
		return note
	default:
		return Truncate(f.footer, MaxFooter-Len(note)-3) + " · " + note
	}
}

func (f *fitting) len() int {
	n := Len(f.e.Title) + Len(f.e.Description) + Len(f.footerText())
	for _, fl := range f.e.Fields {
		n += Len(fl.Name) + Len(fl.Value)
	}
	return n
}

func (f *fitting) embed() bot.Embed {
	e := f.e
	if t := f.footerText(); t != "" || f.hasFooter {
		if t == "" {
			e.Footer = nil
		} else {
			e.Footer = &bot.EmbedFooter{Text: t}
		}
	}
	return e
}

// emptyField stands in for a missing field name or value, which Discord
// requires; a zero-width space shows as nothing.
const emptyField = zeroWidthSpace

func fitEmbeds(in []bot.Embed) []bot.Embed {
	if len(in) == 0 {
		return in
	}
	fs := make([]*fitting, 0, len(in))
	hiddenEmbeds := 0
	for _, e := range in {
		f := &fitting{e: e}
		f.e.Fields = append([]bot.EmbedField(nil), e.Fields...)
		if e.Footer != nil {
			f.hasFooter = true
			f.footer = e.Footer.Text
		}
		f.e.Footer = nil
		if f.e.Color < 0 || f.e.Color > MaxColor {
			f.e.Color = 0
		}
		f.e.Title = Truncate(f.e.Title, MaxEmbedTitle)
		f.e.Description = Truncate(f.e.Description, MaxEmbedDescription)
		f.footer = Truncate(f.footer, MaxFooter)
		if n := len(f.e.Fields); n > MaxEmbedFields {
			f.hidden += n - MaxEmbedFields
			f.e.Fields = f.e.Fields[:MaxEmbedFields]
		}
		for i := range f.e.Fields {
			fl := &f.e.Fields[i]
			fl.Name = orEmptyField(Truncate(fl.Name, MaxFieldName))
			fl.Value = orEmptyField(Truncate(fl.Value, MaxFieldValue))
		}
		if f.len() == 0 && f.hidden == 0 {
			continue // Discord refuses an empty embed; it said nothing anyway
		}
		if len(fs) == MaxEmbeds {
			hiddenEmbeds++
			continue
		}
		fs = append(fs, f)
	}
	if len(fs) == 0 {
		return nil
	}
	fs[len(fs)-1].hidden += hiddenEmbeds

	total := func() int {
		n := 0
		for _, f := range fs {
			n += f.len()
		}
		return n
	}
	// 1. Drop trailing fields, last embed first.
	for n := total(); n > MaxEmbedTotal; {
		last := -1
		for i := len(fs) - 1; i >= 0; i-- {
			if len(fs[i].e.Fields) > 0 {
				last = i
				break
			}
		}
		if last < 0 {
			break
		}
		f := fs[last]
		dropped := f.e.Fields[len(f.e.Fields)-1]
		footer := Len(f.footerText())
		f.e.Fields = f.e.Fields[:len(f.e.Fields)-1]
		f.hidden++
		n += Len(f.footerText()) - footer - Len(dropped.Name) - Len(dropped.Value)
	}
	// 2. Shorten the longest long text; 3. drop trailing embeds.
	const keep = 1024 // texts longer than this are cut before embeds are dropped
	for excess := total() - MaxEmbedTotal; excess > 0; excess = total() - MaxEmbedTotal {
		var longest *string
		for _, f := range fs {
			for _, s := range []*string{&f.e.Description, &f.footer, &f.e.Title} {
				if longest == nil || Len(*s) > Len(*longest) {
					longest = s
				}
			}
		}
		n := Len(*longest)
		switch {
		case n > keep:
			*longest = Truncate(*longest, max(keep, n-excess))
		case len(fs) > 1:
			dropped := fs[len(fs)-1]
			fs = fs[:len(fs)-1]
			fs[len(fs)-1].hidden += 1 + dropped.hidden
		default:
			*longest = Truncate(*longest, max(0, n-excess))
		}
	}
	out := make([]bot.Embed, len(fs))
	for i, f := range fs {
		out[i] = f.embed()
	}
	return out
}

func orEmptyField(s string) string {
	if s == "" {
		return emptyField
	}
	return s
}

func fitComponents(in []bot.ActionRow) []bot.ActionRow {
	var out []bot.ActionRow
	seen := map[string]bool{}
	for _, row := range in {
		if len(out) == MaxActionRows {
			break
		}
		var buttons []bot.Button
		for _, b := range row.Buttons {
			if len(buttons) == MaxRowButtons {
				break
			}
			b.Type = componentButton
			if b.Style == 0 {
				b.Style = StylePrimary
				if b.URL != "" && b.CustomID == "" {
					b.Style = StyleLink
				}
			}
			b.Label = Truncate(b.Label, MaxButtonLabel)
			if b.Label == "" {
				b.Label = Ellipsis
			}
			switch {
			case b.Style == StyleLink:
				b.CustomID = ""
				if b.URL == "" {
					continue
				}
			case b.Style >= StylePrimary && b.Style <= StyleDanger:
				b.URL = ""
				if b.CustomID == "" || Len(b.CustomID) > MaxCustomID || seen[b.CustomID] {
					continue // a cut or duplicated custom_id would route the press wrongly
				}
				seen[b.CustomID] = true
			default:
				continue
			}
			buttons = append(buttons, b)
		}
		if len(buttons) > 0 {
			out = append(out, bot.ActionRow{Type: componentActionRow, Buttons: buttons})
		}
	}
	return out
}

func fitChoices(in []bot.Choice) []bot.Choice {
	if in == nil {
		return nil
	}
	out := make([]bot.Choice, 0, min(len(in), MaxChoices))
	for _, c := range in {
		if len(out) == MaxChoices {
			break
		}
		if c.Value == "" || Len(c.Value) > MaxChoiceValue {
			continue // a cut value would be a different value
		}
		if c.Name == "" {
			c.Name = c.Value
		}
		c.Name = Truncate(c.Name, MaxChoiceName)
		out = append(out, c)
	}
	return out
}

func fitModal(m *bot.Modal) *bot.Modal {
	if m == nil {
		return nil
	}
	if m.CustomID == "" || Len(m.CustomID) > MaxCustomID {
		return nil
	}
	out := *m
	out.Title = Truncate(out.Title, MaxModalTitle)
	if out.Title == "" {
		out.Title = Ellipsis
	}
	out.Fields = nil
	for _, f := range m.Fields {
		if len(out.Fields) == MaxModalFields {
			break
		}
		if f.CustomID == "" || Len(f.CustomID) > MaxCustomID {
			continue
		}
		f.Label = Truncate(f.Label, MaxModalLabel)
		if f.Label == "" {
			f.Label = Ellipsis
		}
		f.Placeholder = Truncate(f.Placeholder, MaxModalPlaceholder)
		f.MaxLength = min(max(f.MaxLength, 0), MaxModalValue)
		out.Fields = append(out.Fields, f)
	}
	if len(out.Fields) == 0 {
		return nil
	}
	return &out
}
