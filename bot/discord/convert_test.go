package discord

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot"
)

func interaction(t *testing.T, s string) *discordgo.Interaction {
	t.Helper()
	var i discordgo.Interaction
	if err := json.Unmarshal([]byte(s), &i); err != nil {
		t.Fatal(err)
	}
	return &i
}

func TestRequestFromInteraction(t *testing.T) {
	member := `"member":{"user":{"id":"9","username":"ann","global_name":"Ann"},"roles":["r1","r2"],"permissions":"40"}`
	for _, c := range []struct {
		name, json string
		want       bot.Request
		err        string
	}{
		{"command with options", `{"id":"1","type":2,"guild_id":"g","channel_id":"c",` + member + `,
			"data":{"name":"quotes","options":[{"name":"speaker","type":3,"value":"Peskov"},{"name":"page","type":4,"value":3},{"name":"all","type":5,"value":true}]}}`,
			bot.Request{Interaction: bot.InteractionCommand, ID: "1", Command: "quotes", GuildID: "g", ChannelID: "c",
				Options: map[string]string{"speaker": "Peskov", "page": "3", "all": "true"},
				User:    bot.User{ID: "9", Name: "Ann", Permissions: 40, RoleIDs: []string{"r1", "r2"}}}, ""},
		{"subcommand with attachment in a DM", `{"id":"2","type":2,"user":{"id":"8","username":"bob"},
			"data":{"name":"admin","options":[{"name":"add","type":1,"options":[{"name":"file","type":11,"value":"77"}]}],
			"resolved":{"attachments":{"77":{"id":"77","filename":"a.md","url":"https://cdn/a.md","size":5,"content_type":"text/markdown"}}}}}`,
			bot.Request{Interaction: bot.InteractionCommand, ID: "2", Command: "admin", Subcommand: "add",
				Options:     map[string]string{"file": "a.md"},
				Attachments: map[string]bot.Attachment{"file": {ID: "77", Filename: "a.md", URL: "https://cdn/a.md", Size: 5, ContentType: "text/markdown"}},
				User:        bot.User{ID: "8", Name: "bob"}}, ""},
		{"attachment missing from resolved", `{"id":"3","type":2,"data":{"name":"admin","options":[{"name":"file","type":11,"value":"77"}]}}`,
			bot.Request{}, "missing from data.resolved"},
		{"autocomplete", `{"id":"4","type":4,` + member + `,"data":{"name":"quotes","options":[{"name":"speaker","type":3,"value":"pes","focused":true}]}}`,
			bot.Request{Interaction: bot.InteractionAutocomplete, ID: "4", Command: "quotes", Focused: "speaker",
				Options: map[string]string{"speaker": "pes"}, User: bot.User{ID: "9", Name: "Ann", Permissions: 40, RoleIDs: []string{"r1", "r2"}}}, ""},
		{"button", `{"id":"5","type":3,"user":{"id":"8","username":"bob"},"data":{"custom_id":"quotes:s=1:2","component_type":2}}`,
			bot.Request{Interaction: bot.InteractionComponent, ID: "5", CustomID: "quotes:s=1:2", User: bot.User{ID: "8", Name: "bob"}}, ""},
		{"modal", `{"id":"6","type":5,"user":{"id":"8","username":"bob"},"data":{"custom_id":"admin:text","components":[
			{"type":1,"components":[{"type":4,"custom_id":"title","value":"T"}]},{"type":1,"components":[{"type":4,"custom_id":"body","value":"B"}]}]}}`,
			bot.Request{Interaction: bot.InteractionModalSubmit, ID: "6", CustomID: "admin:text",
				Options: map[string]string{"title": "T", "body": "B"}, User: bot.User{ID: "8", Name: "bob"}}, ""},
		{"ping", `{"id":"7","type":1}`, bot.Request{}, "not answered by the router"},
	} {
		got, err := RequestFromInteraction(interaction(t, c.json))
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%s: error %v; want %q", c.name, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", c.name, got, c.want)
		}
	}
}

func TestResponseJSON(t *testing.T) {
	for _, c := range []struct {
		name string
		cb   Callback
		want string
	}{
		{"no choices", Response(RespondChoices, bot.Reply{}), `{"type":8,"data":{"choices":[]}}`},
		{"public deferral", Deferral(bot.Request{Interaction: bot.InteractionCommand}, false), `{"type":5}`},
		{"private deferral", Deferral(bot.Request{Interaction: bot.InteractionCommand}, true), `{"type":5,"data":{"flags":64}}`},
		{"button deferral", Deferral(bot.Request{Interaction: bot.InteractionComponent}, true), `{"type":6}`},
		{"ephemeral message", Response(RespondMessage, bot.Reply{Content: "@everyone hi", Ephemeral: true}),
			`{"type":4,"data":{"content":"@everyone hi","embeds":[],"components":[],"allowed_mentions":{"parse":[],"replied_user":false},"flags":64}}`},
		{"update drops ephemeral", Response(RespondUpdate, bot.Reply{Content: "p2", Ephemeral: true}),
			`{"type":7,"data":{"content":"p2","embeds":[],"components":[],"allowed_mentions":{"parse":[],"replied_user":false}}}`},
	} {
		b, err := json.Marshal(c.cb)
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, b, c.want)
		}
	}
}

func TestChoicesWithinLimits(t *testing.T) {
	var in []bot.Choice
	in = append(in, bot.Choice{Name: "long value", Value: strings.Repeat("v", 101)}, bot.Choice{Name: "", Value: "named by value"})
	for range 40 {
		in = append(in, bot.Choice{Name: strings.Repeat("n", 150), Value: "x"})
	}
	out := Choices(in)
	if len(out) != 25 {
		t.Fatalf("%d choices; want 25", len(out))
	}
	if out[0].Name != "named by value" || out[0].Value != "named by value" {
		t.Errorf("first choice %+v: the over-long value should be dropped and an empty name filled", out[0])
	}
	for _, c := range out {
		if len([]rune(c.Name)) > 100 {
			t.Errorf("choice name of %d characters", len([]rune(c.Name)))
		}
	}
}

func TestApplicationCommands(t *testing.T) {
	specs := []bot.CommandSpec{
		{Name: "quotes", Description: "Q", Options: []bot.OptionSpec{{Name: "speaker", Description: "S", Type: bot.OptionString, Required: true, Autocomplete: true, MaxLength: 100}}},
		{Name: "admin", Description: "A", DefaultMemberPermissions: 0x20, Subcommands: []bot.CommandSpec{
			{Name: "add", Description: "Add", Options: []bot.OptionSpec{{Name: "file", Description: "F", Type: bot.OptionAttachment}}}}},
	}
	b, _ := json.Marshal(ApplicationCommands(specs))
	want := `[{"type":1,"name":"admin","default_member_permissions":"32","description":"A","options":[{"type":1,"name":"add","description":"Add","channel_types":null,"required":false,"options":[{"type":11,"name":"file","description":"F","channel_types":null,"required":false,"options":null,"autocomplete":false,"choices":null}],"autocomplete":false,"choices":null}]},` +
		`{"type":1,"name":"quotes","description":"Q","options":[{"type":3,"name":"speaker","description":"S","channel_types":null,"required":true,"options":null,"autocomplete":true,"choices":null,"max_length":100}]}]`
	if string(b) != want {
		t.Errorf("commands:\n got %s\nwant %s", b, want)
	}
	cmds := ApplicationCommands(specs)
	if !SameCommands(cmds, []*discordgo.ApplicationCommand{cmds[1], cmds[0]}) {
		t.Errorf("SameCommands depends on order")
	}
	other := ApplicationCommands(specs)
	other[1].Options[0].Description = "changed"
	if SameCommands(cmds, other) {
		t.Errorf("SameCommands missed a changed description")
	}
}

func TestRedirectTransport(t *testing.T) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.Host+" "+r.URL.Path)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"url":"wss://gateway.example"}`))
	}))
	defer srv.Close()
	s, err := NewSession("tok", srv.URL+"/proxy/")
	if err != nil {
		t.Fatal(err)
	}
	gw, err := s.Gateway()
	if err != nil {
		t.Fatal(err)
	}
	if gw != "wss://gateway.example/" || len(got) != 1 || !strings.HasSuffix(got[0], " /proxy/api/v9/gateway") {
		t.Errorf("gateway %q via %v; want the lookup sent to the base URL's /proxy/api/v9/gateway", gw, got)
	}
	if s.Token != "Bot tok" {
		t.Errorf("token %q; want the Bot prefix added", s.Token)
	}
}

func TestRouteHidesTokens(t *testing.T) {
	got := route(discordgo.EndpointWebhookMessage("app", "secret-token", "@original"))
	if strings.Contains(got, "secret") || got != "/api/v9/webhooks/app/{token}/messages/@original" {
		t.Errorf("route %q", got)
	}
	got = route(discordgo.EndpointInteractionResponse("1", "secret-token"))
	if got != "/api/v9/interactions/1/{token}/callback" {
		t.Errorf("route %q", got)
	}
}
