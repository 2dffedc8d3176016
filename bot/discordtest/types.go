package discordtest

import (
	"encoding/json"
)

// Callback is an interaction callback the bot sent.
type Callback struct {
	Type int             `json:"type"`
	Data CallbackData    `json:"data"`
	Raw  json.RawMessage `json:"-"`
}

// CallbackData is the data of any kind of callback.
type CallbackData struct {
	Message
	Choices  []Choice `json:"choices"`
	CustomID string   `json:"custom_id"`
	Title    string   `json:"title"`
}

func (c Callback) message() Message {
	m := c.Data.Message
	m.Raw = c.Raw
	return m
}

// Message is a message body as the bot sent it.
type Message struct {
	Content         string           `json:"content"`
	Embeds          []Embed          `json:"embeds"`
	Components      []Row            `json:"components"`
	AllowedMentions *AllowedMentions `json:"allowed_mentions"`
	Flags           int              `json:"flags"`
	TTS             bool             `json:"tts"`
	// Loading: the message is a deferral's "thinking..." not yet edited.
	Loading bool            `json:"-"`
	Raw     json.RawMessage `json:"-"`
}

// Ephemeral says whether only the user who asked sees the message.
func (m Message) Ephemeral() bool { return m.Flags&64 != 0 }

// Buttons lists the message's buttons, row by row.
func (m Message) Buttons() []Component {
	var out []Component
	for _, r := range m.Components {
		out = append(out, r.Components...)
	}
	return out
}

// Button finds a button by label.
func (m Message) Button(label string) (Component, bool) {
	for _, b := range m.Buttons() {
		if b.Label == label {
			return b, true
		}
	}
	return Component{}, false
}

// AllowedMentions is a message's ping policy.
type AllowedMentions struct {
	Parse       *[]string `json:"parse"`
	Users       []string  `json:"users"`
	Roles       []string  `json:"roles"`
	RepliedUser bool      `json:"replied_user"`
}

// Embed is a message embed.
type Embed struct {
	Type        string       `json:"type,omitempty"`
	Title       string       `json:"title,omitempty"`
	Description string       `json:"description,omitempty"`
	URL         string       `json:"url,omitempty"`
	Color       int          `json:"color,omitempty"`
	Timestamp   string       `json:"timestamp,omitempty"`
	Fields      []EmbedField `json:"fields,omitempty"`
	Footer      *struct {
		Text string `json:"text"`
	} `json:"footer,omitempty"`
	Author *struct {
		Name string `json:"name"`
	} `json:"author,omitempty"`
}

// EmbedField is one field of an embed.
type EmbedField struct {
	Name   string `json:"name"`
	Value  string `json:"value"`
	Inline bool   `json:"inline,omitempty"`
}

// Row is an action row (type 1) of components.
type Row struct {
	Type       int         `json:"type"`
	Components []Component `json:"components"`
}

// Component is a button (type 2) or a text input (type 4).
type Component struct {
	Type        int    `json:"type"`
	Style       int    `json:"style"`
	Label       string `json:"label"`
	CustomID    string `json:"custom_id"`
	URL         string `json:"url"`
	Disabled    bool   `json:"disabled"`
	Placeholder string `json:"placeholder"`
	Required    *bool  `json:"required"`
	MinLength   int    `json:"min_length"`
	MaxLength   int    `json:"max_length"`
	Value       string `json:"value"`
}

// Choice is an autocomplete suggestion.
type Choice struct {
	Name  string `json:"name"`
	Value any    `json:"value"`
}
