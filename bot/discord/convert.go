package discord

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/render"
)

// FlagEphemeral is the message flag that shows a reply only to the user
// who asked (Discord's EPHEMERAL, 1<<6).
const FlagEphemeral = discordgo.MessageFlagsEphemeral

// Discord's limits on an autocomplete answer.
const (
	maxChoices     = 25
	maxChoiceChars = 100
)

// RequestFromInteraction converts a Discord interaction into a transport-free
// bot.Request. It checks the interaction's type before reading its data
// (discordgo's data accessors panic on the wrong type) and fails for kinds
// the bot does not answer (PING is answered by the transport itself).
func RequestFromInteraction(i *discordgo.Interaction) (bot.Request, error) {
	req := bot.Request{ID: i.ID, GuildID: i.GuildID, ChannelID: i.ChannelID, User: userOf(i)}
	switch i.Type {
	case discordgo.InteractionApplicationCommand, discordgo.InteractionApplicationCommandAutocomplete:
		data, ok := i.Data.(discordgo.ApplicationCommandInteractionData)
		if !ok {
			return req, fmt.Errorf("interaction %s: command without command data", i.ID)
		}
		req.Interaction = bot.InteractionCommand
		if i.Type == discordgo.InteractionApplicationCommandAutocomplete {
			req.Interaction = bot.InteractionAutocomplete
		}
		req.Command = data.Name
		opts := data.Options
		// Subcommands (and groups of them) nest the options one or two levels down.
		for len(opts) == 1 && (opts[0].Type == discordgo.ApplicationCommandOptionSubCommand ||
			opts[0].Type == discordgo.ApplicationCommandOptionSubCommandGroup) {
			if req.Subcommand == "" {
				req.Subcommand = opts[0].Name
			} else {
				req.Subcommand += " " + opts[0].Name
			}
			opts = opts[0].Options
		}
		req.Options = make(map[string]string, len(opts))
		for _, o := range opts {
			req.Options[o.Name] = optionValue(o.Value)
			if o.Focused {
				req.Focused = o.Name
			}
			if o.Type == discordgo.ApplicationCommandOptionAttachment {
				id := optionValue(o.Value)
				if data.Resolved == nil || data.Resolved.Attachments[id] == nil {
					return req, fmt.Errorf("interaction %s: attachment option %q names attachment %q missing from data.resolved", i.ID, o.Name, id)
				}
				a := data.Resolved.Attachments[id]
				if req.Attachments == nil {
					req.Attachments = make(map[string]bot.Attachment)
				}
				req.Attachments[o.Name] = bot.Attachment{ID: a.ID, Filename: a.Filename, URL: a.URL, Size: a.Size, ContentType: a.ContentType}
				req.Options[o.Name] = a.Filename
			}
		}
	case discordgo.InteractionMessageComponent:
		data, ok := i.Data.(discordgo.MessageComponentInteractionData)
		if !ok {
			return req, fmt.Errorf("interaction %s: component without component data", i.ID)
		}
		req.Interaction = bot.InteractionComponent
		req.CustomID = data.CustomID
	case discordgo.InteractionModalSubmit:
		data, ok := i.Data.(discordgo.ModalSubmitInteractionData)
		if !ok {
			return req, fmt.Errorf("interaction %s: modal submit without modal data", i.ID)
		}
		req.Interaction = bot.InteractionModalSubmit
		req.CustomID = data.CustomID
		req.Options = make(map[string]string)
		collectInputs(data.Components, req.Options)
	default:
		return req, fmt.Errorf("interaction %s: type %s is not answered by the router", i.ID, i.Type)
	}
	return req, nil
}

// collectInputs gathers the text inputs of a submitted modal by custom id.
func collectInputs(cs []discordgo.MessageComponent, into map[string]string) {
	for _, c := range cs {
		switch c := c.(type) {
		case *discordgo.ActionsRow:
			collectInputs(c.Components, into)
		case discordgo.ActionsRow:
			collectInputs(c.Components, into)
		case *discordgo.TextInput:
			into[c.CustomID] = c.Value
		case discordgo.TextInput:
			into[c.CustomID] = c.Value
		}
	}
}

// optionValue renders an option value (JSON string, number or bool) as text.
func optionValue(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	case nil:
		return ""
	default:
		return fmt.Sprint(v)
	}
}

// userOf reads who sent the interaction: the member in a guild (with the
// permissions Discord computed for the channel), the user in DMs.
func userOf(i *discordgo.Interaction) bot.User {
	if m := i.Member; m != nil {
		u := bot.User{Permissions: m.Permissions, RoleIDs: m.Roles, Name: m.Nick}
		if m.User != nil {
			u.ID = m.User.ID
			if u.Name == "" {
				u.Name = displayName(m.User)
			}
		}
		return u
	}
	if i.User != nil {
		return bot.User{ID: i.User.ID, Name: displayName(i.User)}
	}
	return bot.User{}
}

func displayName(u *discordgo.User) string {
	if u.GlobalName != "" {
		return u.GlobalName
	}
	return u.Username
}

// ResponseKind says how a reply answers an interaction.
type ResponseKind int

// The ways a reply can answer an interaction.
const (
	RespondMessage ResponseKind = iota + 1 // a new message (type 4)
	RespondUpdate                          // replace the message whose button was pressed (type 7)
	RespondChoices                         // autocomplete suggestions (type 8)
	RespondModal                           // open a form (type 9)
)

// KindFor picks how reply answers req: choices for autocomplete, a modal
// when the reply opens one, an update of the paged message for a button
// press (unless the reply is private and the message is public: an error
// about a button goes to the presser alone), a new message otherwise.
func KindFor(req bot.Request, reply bot.Reply, messageEphemeral bool) ResponseKind {
	switch {
	case req.Interaction == bot.InteractionAutocomplete:
		return RespondChoices
	case reply.Modal != nil && req.Interaction != bot.InteractionModalSubmit:
		return RespondModal
	case req.Interaction == bot.InteractionComponent && (!reply.Ephemeral || messageEphemeral):
		return RespondUpdate
	default:
		return RespondMessage
	}
}

// Callback is the body of an interaction callback
// (POST /interactions/{id}/{token}/callback), which is also what the HTTP
// interactions endpoint writes as its response.
type Callback struct {
	Type discordgo.InteractionResponseType `json:"type"`
	Data any                               `json:"data,omitempty"`
}

// Message is the body of a message: a reply, an edit of @original, a
// follow-up or a channel message. Embeds and components are always sent
// (as [] when empty) so that an edit replaces what the message showed.
type Message struct {
	Content         string                            `json:"content"`
	Embeds          []*discordgo.MessageEmbed         `json:"embeds"`
	Components      []discordgo.MessageComponent      `json:"components"`
	AllowedMentions *discordgo.MessageAllowedMentions `json:"allowed_mentions"`
	Flags           discordgo.MessageFlags            `json:"flags,omitempty"`
}

type choicesData struct {
	Choices []*discordgo.ApplicationCommandOptionChoice `json:"choices"`
}

type flagsData struct {
	Flags discordgo.MessageFlags `json:"flags"`
}

type modalData struct {
	CustomID   string                       `json:"custom_id"`
	Title      string                       `json:"title"`
	Components []discordgo.MessageComponent `json:"components"`
}

// Response builds the interaction callback that answers with reply.
// The reply is first fitted to Discord's limits; mentions never ping.
func Response(kind ResponseKind, reply bot.Reply) Callback {
	render.Fit(&reply)
	switch kind {
	case RespondChoices:
		return Callback{Type: discordgo.InteractionApplicationCommandAutocompleteResult, Data: choicesData{Choices(reply.Choices)}}
	case RespondModal:
		return Callback{Type: discordgo.InteractionResponseModal, Data: modal(*reply.Modal)}
	case RespondUpdate:
		m := MessageOf(reply)
		m.Flags = 0 // an update cannot change a message's visibility
		return Callback{Type: discordgo.InteractionResponseUpdateMessage, Data: m}
	default:
		return Callback{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: MessageOf(reply)}
	}
}

// Deferral is the "thinking..." answer sent when a reply is slow: for a
// button press an acknowledgement that the message will be updated
// (type 6), otherwise a deferred message (type 5), private when ephemeral
// (the only flag a deferral may carry, and it cannot change later).
func Deferral(req bot.Request, ephemeral bool) Callback {
	if req.Interaction == bot.InteractionComponent {
		return Callback{Type: discordgo.InteractionResponseDeferredMessageUpdate}
	}
	c := Callback{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}
	if ephemeral {
		c.Data = flagsData{FlagEphemeral}
	}
	return c
}

// Choices converts autocomplete suggestions, at most 25 and each name and
// value within 100 characters (a longer value would not match what the
// user picks, so it is dropped rather than cut).
func Choices(cs []bot.Choice) []*discordgo.ApplicationCommandOptionChoice {
	out := make([]*discordgo.ApplicationCommandOptionChoice, 0, min(len(cs), maxChoices))
	for _, c := range cs {
		if len(out) == maxChoices {
			break
		}
		if c.Value == "" || render.Len(c.Value) > maxChoiceChars {
			continue
		}
		name := render.Truncate(c.Name, maxChoiceChars)
		if name == "" {
			name = render.Truncate(c.Value, maxChoiceChars)
		}
		out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: name, Value: c.Value})
	}
	return out
}

// MessageOf converts a reply into a message body (fitted to Discord's
// limits by the caller or by Response).
func MessageOf(r bot.Reply) Message {
	m := Message{Content: r.Content, Embeds: Embeds(r.Embeds), Components: Components(r.Components), AllowedMentions: NoMentions()}
	if r.Ephemeral {
		m.Flags = FlagEphemeral
	}
	return m
}

func modal(m bot.Modal) modalData {
	rows := make([]discordgo.MessageComponent, 0, len(m.Fields))
	for _, f := range m.Fields {
		style := discordgo.TextInputShort
		if f.Paragraph {
			style = discordgo.TextInputParagraph
		}
		rows = append(rows, discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{
			CustomID: f.CustomID, Label: f.Label, Style: style, Placeholder: f.Placeholder,
			Required: f.Required, MaxLength: f.MaxLength,
		}}})
	}
	return modalData{CustomID: m.CustomID, Title: m.Title, Components: rows}
}

// NoMentions is allowed_mentions with an empty parse list: nothing in the
// message pings anyone, whatever text the corpus holds.
func NoMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// Embeds converts the reply's embeds.
func Embeds(es []bot.Embed) []*discordgo.MessageEmbed {
	out := make([]*discordgo.MessageEmbed, 0, len(es))
	for _, e := range es {
		me := &discordgo.MessageEmbed{Type: discordgo.EmbedTypeRich, Title: e.Title, Description: e.Description,
			URL: e.URL, Color: e.Color, Timestamp: e.Timestamp}
		for _, f := range e.Fields {
			me.Fields = append(me.Fields, &discordgo.MessageEmbedField{Name: f.Name, Value: f.Value, Inline: f.Inline})
		}
		if e.Footer != nil {
			me.Footer = &discordgo.MessageEmbedFooter{Text: e.Footer.Text}
		}
		out = append(out, me)
	}
	return out
}

// Components converts the reply's rows of buttons.
func Components(rows []bot.ActionRow) []discordgo.MessageComponent {
	out := make([]discordgo.MessageComponent, 0, len(rows))
	for _, row := range rows {
		var bs []discordgo.MessageComponent
		for _, b := range row.Buttons {
			btn := discordgo.Button{Label: b.Label, Style: discordgo.ButtonStyle(b.Style), Disabled: b.Disabled}
			if b.URL != "" {
				btn.URL, btn.Style = b.URL, discordgo.LinkButton
			} else {
				btn.CustomID = b.CustomID
			}
			bs = append(bs, btn)
		}
		if len(bs) > 0 {
			out = append(out, discordgo.ActionsRow{Components: bs})
		}
	}
	return out
}

// ApplicationCommands converts the router's command specs into Discord's
// slash command definitions, sorted by name.
func ApplicationCommands(specs []bot.CommandSpec) []*discordgo.ApplicationCommand {
	out := make([]*discordgo.ApplicationCommand, 0, len(specs))
	for _, s := range specs {
		c := &discordgo.ApplicationCommand{
			Type:        discordgo.ChatApplicationCommand,
			Name:        s.Name,
			Description: s.Description,
			Options:     commandOptions(s),
		}
		if s.DefaultMemberPermissions != 0 {
			p := s.DefaultMemberPermissions
			c.DefaultMemberPermissions = &p
		}
		out = append(out, c)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].Name < out[b].Name })
	return out
}

func commandOptions(s bot.CommandSpec) []*discordgo.ApplicationCommandOption {
	var out []*discordgo.ApplicationCommandOption
	for _, sub := range s.Subcommands {
		out = append(out, &discordgo.ApplicationCommandOption{
			Type:        discordgo.ApplicationCommandOptionSubCommand,
			Name:        sub.Name,
			Description: sub.Description,
			Options:     commandOptions(sub),
		})
	}
	for _, o := range s.Options {
		out = append(out, &discordgo.ApplicationCommandOption{
			Type:         discordgo.ApplicationCommandOptionType(o.Type),
			Name:         o.Name,
			Description:  o.Description,
			Required:     o.Required,
			Autocomplete: o.Autocomplete,
			MaxLength:    o.MaxLength,
		})
	}
	return out
}

// ephemeralCommand says whether a command's deferral should be private:
// commands restricted by default_member_permissions (such as /admin)
// answer privately, so their "thinking..." must be private too.
func ephemeralCommand(r *bot.Router, req bot.Request) bool {
	name := req.Command
	if req.Interaction == bot.InteractionModalSubmit || req.Interaction == bot.InteractionComponent {
		name, _, _ = strings.Cut(req.CustomID, ":")
	}
	spec, ok := r.Lookup(name)
	return ok && spec.DefaultMemberPermissions != 0
}
