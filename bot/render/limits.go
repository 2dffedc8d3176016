// Package render keeps bot replies inside Discord's limits and renders them
// for people: Truncate and EscapeMarkdown for text taken from the corpus,
// Fit and Validate for whole replies, PlainText for the console, and Pager
// for the Prev/Next buttons of long results.
//
// Lengths are counted as Discord counts them, in Unicode code points
// (Go runes), never in bytes.
package render

// Discord's limits, in characters (code points) unless noted. See
// /work/shared/notes/discord.md and Discord's "Message" and "Embed"
// documentation.
const (
	MaxContent          = 2000
	MaxEmbeds           = 10
	MaxEmbedTotal       = 6000 // title+description+field names+values+footer+author, over all embeds of one message
	MaxEmbedTitle       = 256
	MaxEmbedDescription = 4096
	MaxEmbedFields      = 25
	MaxFieldName        = 256
	MaxFieldValue       = 1024
	MaxFooter           = 2048
	MaxAuthor           = 256
	MaxActionRows       = 5
	MaxRowButtons       = 5
	MaxCustomID         = 100
	MaxButtonLabel      = 80
	MaxChoices          = 25
	MaxChoiceName       = 100
	MaxChoiceValue      = 100
	MaxModalTitle       = 45
	MaxModalFields      = 5
	MaxModalLabel       = 45
	MaxModalPlaceholder = 100
	MaxModalValue       = 4000 // a text input's max_length
	MaxColor            = 0xFFFFFF
)

// Discord's component type and button style numbers.
const (
	componentActionRow = 1
	componentButton    = 2

	StylePrimary   = 1
	StyleSecondary = 2
	StyleSuccess   = 3
	StyleDanger    = 4
	StyleLink      = 5
)

// Ellipsis marks text that was cut.
const Ellipsis = "…"
