package discordtest

import (
	"fmt"
	"regexp"
	"unicode/utf8"
)

// Discord's limits, from its developer documentation.
const (
	maxContent     = 2000
	maxEmbeds      = 10
	maxEmbedTitle  = 256
	maxEmbedDesc   = 4096
	maxFields      = 25
	maxFieldName   = 256
	maxFieldValue  = 1024
	maxFooter      = 2048
	maxEmbedsTotal = 6000
	maxRows        = 5
	maxButtons     = 5
	maxCustomID    = 100
	maxLabel       = 80
	maxChoices     = 25
	maxChoiceLen   = 100
	maxModalTitle  = 45
	maxInputLabel  = 45
	maxCommands    = 100
	maxOptions     = 25
	maxCommandSize = 8000
)

var commandName = regexp.MustCompile(`^[-_\p{Ll}\p{N}\p{Lo}]{1,32}$`)

func n(s string) int { return utf8.RuneCountInString(s) }

// validateMessage checks a message body against Discord's limits and
// briefbot's rule that no message may ping (allowed_mentions.parse = []).
func validateMessage(m Message, edit bool) []string {
	var errs []string
	bad := func(format string, args ...any) { errs = append(errs, fmt.Sprintf(format, args...)) }
	if n(m.Content) > maxContent {
		bad("content is %d characters (max %d)", n(m.Content), maxContent)
	}
	if !edit && m.Content == "" && len(m.Embeds) == 0 && len(m.Components) == 0 {
		bad("empty message (no content, embeds or components)")
	}
	if m.AllowedMentions == nil || m.AllowedMentions.Parse == nil || len(*m.AllowedMentions.Parse) != 0 ||
		len(m.AllowedMentions.Users) > 0 || len(m.AllowedMentions.Roles) > 0 {
		bad(`allowed_mentions must be {"parse": []} (corpus text must never ping)`)
	}
	if m.TTS {
		bad("tts set")
	}
	if len(m.Embeds) > maxEmbeds {
		bad("%d embeds (max %d)", len(m.Embeds), maxEmbeds)
	}
	total := 0
	for i, e := range m.Embeds {
		if e.Type != "" && e.Type != "rich" {
			bad("embeds[%d].type %q: bots send rich embeds", i, e.Type)
		}
		if n(e.Title) > maxEmbedTitle {
			bad("embeds[%d].title is %d characters (max %d)", i, n(e.Title), maxEmbedTitle)
		}
		if n(e.Description) > maxEmbedDesc {
			bad("embeds[%d].description is %d characters (max %d)", i, n(e.Description), maxEmbedDesc)
		}
		if len(e.Fields) > maxFields {
			bad("embeds[%d] has %d fields (max %d)", i, len(e.Fields), maxFields)
		}
		total += n(e.Title) + n(e.Description)
		for j, f := range e.Fields {
			if f.Name == "" || n(f.Name) > maxFieldName {
				bad("embeds[%d].fields[%d].name is %d characters (1-%d)", i, j, n(f.Name), maxFieldName)
			}
			if f.Value == "" || n(f.Value) > maxFieldValue {
				bad("embeds[%d].fields[%d].value is %d characters (1-%d)", i, j, n(f.Value), maxFieldValue)
			}
			total += n(f.Name) + n(f.Value)
		}
		if e.Footer != nil {
			if n(e.Footer.Text) > maxFooter {
				bad("embeds[%d].footer.text is %d characters (max %d)", i, n(e.Footer.Text), maxFooter)
			}
			total += n(e.Footer.Text)
		}
		if e.Author != nil {
			total += n(e.Author.Name)
		}
		if e.Color < 0 || e.Color > 0xFFFFFF {
			bad("embeds[%d].color %#x out of range", i, e.Color)
		}
	}
	if total > maxEmbedsTotal {
		bad("embeds total %d characters (max %d)", total, maxEmbedsTotal)
	}
	errs = append(errs, validateRows(m.Components, 2)...)
	return errs
}

// validateRows checks action rows holding components of kind (2 buttons, 4 text inputs).
func validateRows(rows []Row, kind int) []string {
	var errs []string
	bad := func(format string, args ...any) { errs = append(errs, fmt.Sprintf(format, args...)) }
	if len(rows) > maxRows {
		bad("%d action rows (max %d)", len(rows), maxRows)
	}
	ids := map[string]bool{}
	for i, r := range rows {
		if r.Type != 1 {
			bad("components[%d] has type %d, want an action row (1)", i, r.Type)
		}
		if len(r.Components) == 0 || len(r.Components) > maxButtons || (kind == 4 && len(r.Components) != 1) {
			bad("components[%d] holds %d components", i, len(r.Components))
		}
		for j, c := range r.Components {
			where := fmt.Sprintf("components[%d].components[%d]", i, j)
			if c.Type != kind {
				bad("%s has type %d, want %d", where, c.Type, kind)
				continue
			}
			if kind == 2 {
				switch {
				case c.Style < 1 || c.Style > 5:
					bad("%s: button style %d", where, c.Style)
				case c.Style == 5 && (c.URL == "" || c.CustomID != ""):
					bad("%s: a link button needs a url and no custom_id", where)
				case c.Style != 5 && (c.CustomID == "" || c.URL != ""):
					bad("%s: a button needs a custom_id and no url", where)
				}
				if n(c.Label) > maxLabel {
					bad("%s: label is %d characters (max %d)", where, n(c.Label), maxLabel)
				}
			} else {
				if c.Style != 1 && c.Style != 2 {
					bad("%s: text input style %d", where, c.Style)
				}
				if c.Label == "" || n(c.Label) > maxInputLabel {
					bad("%s: label is %d characters (1-%d)", where, n(c.Label), maxInputLabel)
				}
				if c.MaxLength < 0 || c.MaxLength > 4000 {
					bad("%s: max_length %d (0-4000)", where, c.MaxLength)
				}
			}
			if c.CustomID != "" {
				if n(c.CustomID) > maxCustomID {
					bad("%s: custom_id is %d characters (max %d)", where, n(c.CustomID), maxCustomID)
				}
				if ids[c.CustomID] {
					bad("%s: duplicate custom_id %q", where, c.CustomID)
				}
				ids[c.CustomID] = true
			}
		}
	}
	return errs
}

// allowedCallbacks lists the callback types Discord accepts per interaction type.
var allowedCallbacks = map[int][]int{
	2: {4, 5, 9},       // application command
	3: {4, 5, 6, 7, 9}, // message component
	4: {8},             // autocomplete
	5: {4, 5, 6, 7},    // modal submit
}

func validateCallback(interactionType int, cb Callback) []string {
	var errs []string
	bad := func(format string, args ...any) { errs = append(errs, fmt.Sprintf(format, args...)) }
	ok := false
	for _, t := range allowedCallbacks[interactionType] {
		ok = ok || t == cb.Type
	}
	if !ok {
		bad("callback type %d is not allowed for interaction type %d (allowed %v)", cb.Type, interactionType, allowedCallbacks[interactionType])
		return errs
	}
	d := cb.Data
	switch cb.Type {
	case 4, 7:
		errs = append(errs, validateMessage(d.Message, cb.Type == 7)...)
		if d.Flags&^(4|64|4096) != 0 {
			bad("flags %d: only EPHEMERAL, SUPPRESS_EMBEDS and SUPPRESS_NOTIFICATIONS", d.Flags)
		}
		if cb.Type == 7 && d.Flags&64 != 0 {
			bad("an update (type 7) cannot set EPHEMERAL")
		}
	case 5, 6:
		if d.Flags&^64 != 0 {
			bad("a deferral may only carry the EPHEMERAL flag, got %d", d.Flags)
		}
		if d.Content != "" || len(d.Embeds) > 0 || len(d.Components) > 0 {
			bad("a deferral carries no message")
		}
	case 8:
		if d.Choices == nil {
			bad("autocomplete result without choices")
		}
		if len(d.Choices) > maxChoices {
			bad("%d choices (max %d)", len(d.Choices), maxChoices)
		}
		for i, c := range d.Choices {
			if c.Name == "" || n(c.Name) > maxChoiceLen {
				bad("choices[%d].name is %d characters (1-%d)", i, n(c.Name), maxChoiceLen)
			}
			if s, ok := c.Value.(string); ok && n(s) > maxChoiceLen {
				bad("choices[%d].value is %d characters (max %d)", i, n(s), maxChoiceLen)
			}
		}
		if d.Content != "" || len(d.Embeds) > 0 || len(d.Components) > 0 {
			bad("an autocomplete result carries no message")
		}
	case 9:
		if d.CustomID == "" || n(d.CustomID) > maxCustomID {
			bad("modal custom_id is %d characters (1-%d)", n(d.CustomID), maxCustomID)
		}
		if d.Title == "" || n(d.Title) > maxModalTitle {
			bad("modal title is %d characters (1-%d)", n(d.Title), maxModalTitle)
		}
		if len(d.Components) == 0 {
			bad("modal without text inputs")
		}
		errs = append(errs, validateRows(d.Components, 4)...)
	}
	return errs
}

// validateCommands checks a bulk overwrite of slash commands.
func validateCommands(cmds []map[string]any) []string {
	var errs []string
	bad := func(format string, args ...any) { errs = append(errs, fmt.Sprintf(format, args...)) }
	if len(cmds) > maxCommands {
		bad("%d commands (max %d)", len(cmds), maxCommands)
	}
	names := map[string]bool{}
	for i, c := range cmds {
		name, _ := c["name"].(string)
		where := fmt.Sprintf("commands[%d] (%q)", i, name)
		if !commandName.MatchString(name) {
			bad("%s: name must be 1-32 lowercase letters, digits, - or _", where)
		}
		if names[name] {
			bad("%s: duplicate name", where)
		}
		names[name] = true
		desc, _ := c["description"].(string)
		if desc == "" || n(desc) > 100 {
			bad("%s: description is %d characters (1-100)", where, n(desc))
		}
		if p, ok := c["default_member_permissions"]; ok && p != nil {
			s, isString := p.(string)
			if !isString || !regexp.MustCompile(`^[0-9]+$`).MatchString(s) {
				bad("%s: default_member_permissions must be a string of digits, got %v", where, p)
			}
		}
		size := n(name) + n(desc)
		errs = append(errs, validateOptions(where, c["options"], 0, &size)...)
		if size > maxCommandSize {
			bad("%s: %d characters of names and descriptions (max %d)", where, size, maxCommandSize)
		}
	}
	return errs
}

func validateOptions(where string, raw any, depth int, size *int) []string {
	var errs []string
	bad := func(format string, args ...any) { errs = append(errs, fmt.Sprintf(format, args...)) }
	if raw == nil {
		return nil
	}
	opts, ok := raw.([]any)
	if !ok {
		return []string{where + ": options must be a list"}
	}
	if len(opts) > maxOptions {
		bad("%s: %d options (max %d)", where, len(opts), maxOptions)
	}
	subs, plain, optional := 0, 0, false
	for i, o := range opts {
		m, _ := o.(map[string]any)
		name, _ := m["name"].(string)
		desc, _ := m["description"].(string)
		t, _ := m["type"].(float64)
		w := fmt.Sprintf("%s.options[%d] (%q)", where, i, name)
		*size += n(name) + n(desc)
		if !commandName.MatchString(name) {
			bad("%s: bad name", w)
		}
		if desc == "" || n(desc) > 100 {
			bad("%s: description is %d characters (1-100)", w, n(desc))
		}
		req, _ := m["required"].(bool)
		auto, _ := m["autocomplete"].(bool)
		choices, _ := m["choices"].([]any)
		switch {
		case t == 1 || t == 2:
			subs++
			if depth > 0 && t == 2 || depth > 1 {
				bad("%s: subcommands nested too deep", w)
			}
			errs = append(errs, validateOptions(w, m["options"], depth+1, size)...)
		case t >= 3 && t <= 11:
			plain++
			if req && optional {
				bad("%s: required options must come before optional ones", w)
			}
			optional = optional || !req
			if auto && len(choices) > 0 {
				bad("%s: autocomplete cannot be combined with choices", w)
			}
			if auto && t != 3 && t != 4 && t != 10 {
				bad("%s: autocomplete only on string, integer and number options", w)
			}
			if ml, ok := m["max_length"].(float64); ok && (ml < 1 || ml > 6000 || t != 3) {
				bad("%s: max_length %v (1-6000, string options only)", w, ml)
			}
		default:
			bad("%s: option type %v", w, m["type"])
		}
	}
	if subs > 0 && plain > 0 {
		bad("%s: subcommands cannot be mixed with other options", where)
	}
	return errs
}
