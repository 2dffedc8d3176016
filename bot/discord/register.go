package discord

import (
	"context"
	"fmt"
	"log/slog"
	"reflect"
	"sort"

	"github.com/bwmarrin/discordgo"
)

// SyncCommands makes Discord's slash commands match the router's: it reads
// the registered ones and, only when they differ, replaces them all with a
// bulk overwrite (to the configured guild, or globally). It reports
// whether it wrote.
func (b *Bot) SyncCommands(ctx context.Context, appID string) (bool, error) {
	want := ApplicationCommands(b.cfg.Router.Specs())
	endpoint := discordgo.EndpointApplicationGlobalCommands(appID)
	if b.cfg.GuildID != "" {
		endpoint = discordgo.EndpointApplicationGuildCommands(appID, b.cfg.GuildID)
	}
	body, err := b.client.do(ctx, "GET", endpoint, "GET "+endpoint, nil, false)
	if err != nil {
		return false, err
	}
	var have []*discordgo.ApplicationCommand
	if err := discordgo.Unmarshal(body, &have); err != nil {
		return false, fmt.Errorf("reading the registered commands: %w", err)
	}
	scope := "global"
	if b.cfg.GuildID != "" {
		scope = "guild " + b.cfg.GuildID
	}
	if SameCommands(want, have) {
		b.log.Info("slash commands up to date", slog.String("scope", scope), slog.Int("commands", len(want)))
		return false, nil
	}
	if _, err := b.client.do(ctx, "PUT", endpoint, endpoint, want, false); err != nil {
		return false, err
	}
	b.log.Info("slash commands registered", slog.String("scope", scope), slog.Int("commands", len(want)))
	return true, nil
}

// SameCommands compares command definitions by what briefbot declares
// (names, descriptions, options, permissions), ignoring what Discord adds
// (ids, versions, defaults) and the order of the commands.
func SameCommands(a, b []*discordgo.ApplicationCommand) bool {
	return reflect.DeepEqual(commandKeys(a), commandKeys(b))
}

type commandKey struct {
	Name, Description string
	Type              discordgo.ApplicationCommandType
	Permissions       int64
	Options           []optionKey
}

type optionKey struct {
	Type                   discordgo.ApplicationCommandOptionType
	Name, Description      string
	Required, Autocomplete bool
	MaxLength              int
	Options                []optionKey
}

func commandKeys(cs []*discordgo.ApplicationCommand) []commandKey {
	keys := make([]commandKey, 0, len(cs))
	for _, c := range cs {
		k := commandKey{Name: c.Name, Description: c.Description, Type: c.Type, Options: optionKeys(c.Options)}
		if k.Type == 0 {
			k.Type = discordgo.ChatApplicationCommand
		}
		if c.DefaultMemberPermissions != nil {
			k.Permissions = *c.DefaultMemberPermissions
		}
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i].Name < keys[j].Name })
	return keys
}

func optionKeys(os []*discordgo.ApplicationCommandOption) []optionKey {
	if len(os) == 0 {
		return nil
	}
	keys := make([]optionKey, 0, len(os))
	for _, o := range os {
		keys = append(keys, optionKey{Type: o.Type, Name: o.Name, Description: o.Description, Required: o.Required,
			Autocomplete: o.Autocomplete, MaxLength: o.MaxLength, Options: optionKeys(o.Options)})
	}
	return keys
}
