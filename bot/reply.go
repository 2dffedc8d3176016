// Package bot is briefbot's command layer: slash commands as plain Go
// (a Request in, a Reply out) with no transport in sight, so that the
// console, the Discord gateway and the HTTP interactions endpoint all run
// the same code. Sub-packages hold the transports and their test doubles.
package bot

// Interaction says what a Request is answering.
type Interaction int

// The kinds of interaction a Request can carry.
const (
	InteractionCommand      Interaction = iota + 1 // a slash command was run
	InteractionAutocomplete                        // the user is typing an option with autocomplete
	InteractionComponent                           // a button on an earlier reply was pressed
	InteractionModalSubmit                         // a modal (form) was submitted
)

// User is who sent a request, as the transport vouches for it.
type User struct {
	ID          string
	Name        string
	Permissions int64    // the member's effective permission bits in the channel; 0 in DMs
	RoleIDs     []string // the member's role ids in the guild
}

// Attachment is a file the user attached to a command option.
type Attachment struct {
	ID          string
	Filename    string
	URL         string
	Size        int
	ContentType string
}

// Request is one user action, stripped of its transport.
type Request struct {
	Interaction Interaction
	ID          string // the transport's id for the interaction, for logs
	Command     string // top-level command name: "quotes", "admin", ...
	Subcommand  string // "add" in "/admin add"; "" when none
	Options     map[string]string
	Focused     string                // with InteractionAutocomplete: the option being typed
	CustomID    string                // with InteractionComponent and InteractionModalSubmit
	Attachments map[string]Attachment // by option name
	User        User
	GuildID     string
	ChannelID   string
}

// Reply is what a command answers, in Discord's vocabulary. Its JSON form
// is the body of a Discord message (`query --json` prints it).
type Reply struct {
	Content         string          `json:"content,omitempty"`
	Embeds          []Embed         `json:"embeds,omitempty"`
	Components      []ActionRow     `json:"components,omitempty"`
	AllowedMentions AllowedMentions `json:"allowed_mentions"`
	Ephemeral       bool            `json:"-"`
	Choices         []Choice        `json:"choices,omitempty"` // autocomplete answers only
	Modal           *Modal          `json:"-"`                 // when set, the reply opens this form
	Text            string          `json:"-"`                 // plain-text rendering for the console
}

// AllowedMentions controls pings. Parse is always empty: corpus text must
// never ping anyone.
type AllowedMentions struct {
	Parse []string `json:"parse"`
}

// Embed is a Discord embed.
type Embed struct {
	Title       string       `json:"title,omitempty"`
	Description string       `json:"description,omitempty"`
	URL         string       `json:"url,omitempty"`
	Color       int          `json:"color,omitempty"`
	Fields      []EmbedField `json:"fields,omitempty"`
	Footer      *EmbedFooter `json:"footer,omitempty"`
	Timestamp   string       `json:"timestamp,omitempty"`
}

// EmbedField is one name/value pair of an embed.
type EmbedField struct {
	Name   string `json:"name"`
	Value  string `json:"value"`
	Inline bool   `json:"inline,omitempty"`
}

// EmbedFooter is an embed's footer line.
type EmbedFooter struct {
	Text string `json:"text"`
}

// ActionRow holds up to five buttons.
type ActionRow struct {
	Type    int      `json:"type"` // always 1
	Buttons []Button `json:"components"`
}

// Button is a message button; pressing it sends a Request with its CustomID.
type Button struct {
	Type     int    `json:"type"` // always 2
	Style    int    `json:"style"`
	Label    string `json:"label"`
	CustomID string `json:"custom_id,omitempty"`
	URL      string `json:"url,omitempty"`
	Disabled bool   `json:"disabled,omitempty"`
}

// Choice is one autocomplete suggestion.
type Choice struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Modal is a form the user fills in; submitting it sends a Request with
// InteractionModalSubmit, its CustomID and the fields as Options.
type Modal struct {
	CustomID string       `json:"custom_id"`
	Title    string       `json:"title"`
	Fields   []ModalField `json:"-"`
}

// ModalField is one text input of a Modal.
type ModalField struct {
	CustomID    string
	Label       string
	Placeholder string
	Paragraph   bool
	Required    bool
	MaxLength   int
}
