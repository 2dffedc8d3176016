package discord_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/discord"
	"github.com/briefbot/briefbot/bot/discordtest"
)

const manageServer = 0x20

// slowRoute answers only once release is closed; when ephemeral it is
// restricted like an admin command.
func slowRoute(name string, release <-chan struct{}, restricted bool, fail bool) bot.Route {
	spec := bot.CommandSpec{Name: name, Description: "A slow command"}
	if restricted {
		spec.DefaultMemberPermissions = manageServer
	}
	return bot.Route{Spec: spec, Handler: func(ctx context.Context, req bot.Request) (bot.Reply, error) {
		select {
		case <-release:
		case <-ctx.Done():
			return bot.Reply{}, ctx.Err()
		}
		if fail {
			return bot.Reply{}, bot.Userf("Nothing found for that.")
		}
		return bot.Reply{Embeds: []bot.Embed{{Title: "Done", Description: "slow answer"}}, Ephemeral: restricted}, nil
	}}
}

func TestSlowCommandDefersThenEdits(t *testing.T) {
	t.Parallel()
	release, releaseAdmin, releaseFail := make(chan struct{}), make(chan struct{}), make(chan struct{})
	r := bot.NewRouter(nil)
	r.Add(slowRoute("slow", release, false, false))
	r.Add(slowRoute("slowadmin", releaseAdmin, true, false))
	r.Add(slowRoute("slowfail", releaseFail, false, true))
	fake, _ := start(t, r, nil)

	cases := []struct {
		cmd       string
		release   chan struct{}
		ephemeral bool // the deferral
		private   bool // the final message
		title     string
		content   string
	}{
		{"slow", release, false, false, "Done", ""},
		{"slowadmin", releaseAdmin, true, true, "Done", ""},
		// A private error after a public deferral: the deferral is removed
		// and the error goes to the user alone.
		{"slowfail", releaseFail, false, true, "", "Nothing found for that."},
	}
	for _, c := range cases {
		in := fake.SendCommand(c.cmd, discordtest.Member("7", manageServer))
		cb, err := in.Callback(wait)
		if err != nil {
			t.Fatal(err)
		}
		if cb.Type != 5 || (cb.Data.Flags&64 != 0) != c.ephemeral {
			t.Errorf("/%s: first response type %d flags %d; want a deferral (5), ephemeral %v", c.cmd, cb.Type, cb.Data.Flags, c.ephemeral)
		}
		if el := in.Elapsed(); el > 2*time.Second {
			t.Errorf("/%s: deferral after %v: too close to Discord's 3s", c.cmd, el)
		}
		close(c.release)
		m, err := in.Reply(wait)
		if err != nil {
			t.Fatal(err)
		}
		title := ""
		if len(m.Embeds) > 0 {
			title = m.Embeds[0].Title
		}
		if m.Ephemeral() != c.private || title != c.title || m.Content != c.content {
			t.Errorf("/%s: final message ephemeral %v, title %q, content %q; want %v %q %q (%s)", c.cmd, m.Ephemeral(), title, m.Content, c.private, c.title, c.content, m.Raw)
		}
	}
	if n := fake.Count("DELETE /webhooks/{app}/{token}/messages/{msg}"); n != 1 {
		t.Errorf("%d deletions of a deferral; want 1 (for /slowfail)", n)
	}
}

// adminRoute is an /admin-like command: restricted by default and checked
// again from the member's permissions in the interaction.
func adminRoute() bot.Route {
	return bot.Route{
		Spec: bot.CommandSpec{Name: "admin", Description: "Manage the corpus", DefaultMemberPermissions: manageServer,
			Subcommands: []bot.CommandSpec{
				{Name: "stats", Description: "Corpus statistics"},
				{Name: "add", Description: "Add a document", Options: []bot.OptionSpec{
					{Name: "file", Description: "A .txt, .md or .html file", Type: bot.OptionAttachment},
					{Name: "url", Description: "A web page", Type: bot.OptionString},
				}},
			}},
		Handler: func(ctx context.Context, req bot.Request) (bot.Reply, error) {
			if req.User.Permissions&manageServer == 0 {
				return bot.Reply{}, bot.Userf("You need the Manage Server permission.")
			}
			var b strings.Builder
			b.WriteString(req.Subcommand)
			if a, ok := req.Attachments["file"]; ok {
				b.WriteString(" " + a.Filename + " " + a.URL + " " + a.ContentType)
			}
			b.WriteString(" by " + req.User.ID + " roles " + strings.Join(req.User.RoleIDs, ","))
			return bot.Reply{Content: b.String(), Ephemeral: true}, nil
		},
	}
}

func TestAdminRefusedWithoutPermission(t *testing.T) {
	t.Parallel()
	r := bot.NewRouter(nil)
	r.Add(adminRoute())
	fake, _ := start(t, r, nil)

	// Registered with default_member_permissions as a string.
	cmds := fake.Commands("global")
	if len(cmds) != 1 || !strings.Contains(string(cmds[0]), `"default_member_permissions":"32"`) {
		t.Fatalf("registered commands: %s", cmds)
	}

	in := fake.SendCommand("admin", discordtest.Subcommand("stats"), discordtest.Member("8", 0, "role-a"))
	m, err := in.Reply(wait)
	if err != nil {
		t.Fatal(err)
	}
	if !m.Ephemeral() || m.Content != "You need the Manage Server permission." {
		t.Errorf("member without permission: ephemeral %v, %q", m.Ephemeral(), m.Content)
	}

	in = fake.SendCommand("admin", discordtest.Subcommand("add"),
		discordtest.File("file", discordtest.Attachment{Filename: "a.md", URL: "http://127.0.0.1:1/a.md", Size: 12, ContentType: "text/markdown"}),
		discordtest.Member("9", manageServer|0x8, "role-a", "role-b"))
	if m, err = in.Reply(wait); err != nil {
		t.Fatal(err)
	}
	want := "add a.md http://127.0.0.1:1/a.md text/markdown by 9 roles role-a,role-b"
	if !m.Ephemeral() || m.Content != want {
		t.Errorf("admin with permission: ephemeral %v, %q; want %q", m.Ephemeral(), m.Content, want)
	}

	in = fake.SendCommand("admin", discordtest.Subcommand("stats"), discordtest.DM("10"))
	if m, err = in.Reply(wait); err != nil {
		t.Fatal(err)
	}
	if m.Content != "You need the Manage Server permission." {
		t.Errorf("admin in a DM: %q", m.Content)
	}
}

func echoRoute() bot.Route {
	return bot.Route{Spec: bot.CommandSpec{Name: "echo", Description: "Echo"},
		Handler: func(ctx context.Context, req bot.Request) (bot.Reply, error) {
			return bot.Reply{Content: "echo " + req.ID}, nil
		}}
}

func TestReconnectAndResume(t *testing.T) {
	t.Parallel()
	r := bot.NewRouter(nil)
	r.Add(echoRoute())
	fake, _ := start(t, r, nil)

	if _, err := fake.SendCommand("echo").Reply(wait); err != nil {
		t.Fatal(err)
	}
	fake.DropGateway()
	// Sent while the bot is disconnected: replayed on RESUME.
	in := fake.SendCommand("echo")
	m, err := in.Reply(wait)
	if err != nil {
		t.Fatal(err)
	}
	if m.Content != "echo "+in.ID {
		t.Errorf("after the drop: %q", m.Content)
	}
	if n := fake.Count("GATEWAY RESUME"); n != 1 {
		t.Errorf("%d RESUMEs; want 1", n)
	}
	if n := fake.Count("GATEWAY IDENTIFY"); n != 1 {
		t.Errorf("%d IDENTIFYs; want 1 (a resume must not identify again)", n)
	}
	if id, err := fake.Wait(wait, "GATEWAY IDENTIFY", 1); err != nil || !strings.Contains(string(id.Body), `"compress":false`) || !strings.Contains(string(id.Body), `"intents":0`) {
		t.Errorf("IDENTIFY %s (%v): want no payload compression and no intents", id.Body, err)
	}
	if n := fake.Connections(); n != 2 {
		t.Errorf("%d gateway connections; want 2", n)
	}
	if _, err := fake.Wait(wait, "GATEWAY HEARTBEAT", 2); err != nil {
		t.Errorf("heartbeats: %v", err)
	}
}

func TestRateLimitedReplyRetriedAfterRetryAfter(t *testing.T) {
	t.Parallel()
	r := bot.NewRouter(nil)
	r.Add(echoRoute())
	fake, b := start(t, r, nil)

	const retryAfter = 300 * time.Millisecond
	callback := "POST /interactions/{id}/{token}/callback"
	fake.FailNext(callback, 1, discordtest.RateLimited(retryAfter))
	in := fake.SendCommand("echo")
	if _, err := in.Reply(wait); err != nil {
		t.Fatal(err)
	}
	first, _ := fake.Wait(wait, callback, 1)
	second, _ := fake.Wait(wait, callback, 2)
	if first.Status != 429 || second.Status != 204 {
		t.Fatalf("callback statuses %d, %d; want 429 then 204", first.Status, second.Status)
	}
	if gap := second.Time.Sub(first.Time); gap < retryAfter {
		t.Errorf("retried %v after the 429; want at least Retry-After %v", gap, retryAfter)
	}

	// Channel messages (digests): the same through Send.
	messages := "POST /channels/{channel}/messages"
	fake.FailNext(messages, 1, discordtest.RateLimited(retryAfter))
	if err := b.Send(context.Background(), "42", bot.Reply{Content: "digest <@&1> @everyone"}); err != nil {
		t.Fatal(err)
	}
	first, _ = fake.Wait(wait, messages, 1)
	second, _ = fake.Wait(wait, messages, 2)
	if gap := second.Time.Sub(first.Time); first.Status != 429 || second.Status != 200 || gap < retryAfter {
		t.Errorf("send: statuses %d, %d, %v apart; want 429 then 200 at least %v apart", first.Status, second.Status, gap, retryAfter)
	}
	got := fake.ChannelMessages("42")
	if len(got) != 1 || got[0].Content != "digest <@&1> @everyone" || got[0].AllowedMentions == nil || got[0].AllowedMentions.Parse == nil || len(*got[0].AllowedMentions.Parse) != 0 {
		t.Errorf("channel 42 got %d messages: %s", len(got), fake.Requests()[len(fake.Requests())-1].Body)
	}
}

// discordgo's per-route rate limiter must be in effect: after a response
// saying the bucket is empty, the next request on the route waits for the
// reset (the fake answers 429 and records a problem otherwise).
func TestRateLimitBucketHonoured(t *testing.T) {
	t.Parallel()
	r := bot.NewRouter(nil)
	fake, b := start(t, r, nil)
	const reset = 400 * time.Millisecond
	messages := "POST /channels/{channel}/messages"
	fake.LimitNext(messages, reset)
	ctx := context.Background()
	if err := b.Send(ctx, "42", bot.Reply{Content: "one"}); err != nil {
		t.Fatal(err)
	}
	if err := b.Send(ctx, "42", bot.Reply{Content: "two"}); err != nil {
		t.Fatal(err)
	}
	first, _ := fake.Wait(wait, messages, 1)
	second, _ := fake.Wait(wait, messages, 2)
	if gap := second.Time.Sub(first.Time); gap < reset || second.Status != 200 {
		t.Errorf("second message %v after the first (status %d); want after the bucket reset %v", gap, second.Status, reset)
	}
}

func TestServerErrorsRetriedBounded(t *testing.T) {
	t.Parallel()
	r := bot.NewRouter(nil)
	fake, b := start(t, r, func(c *discord.Config) { c.RetryBackoff = 20 * time.Millisecond })
	messages := "POST /channels/{channel}/messages"
	ctx := context.Background()

	fake.FailNext(messages, 2, discordtest.ServerError(503))
	if err := b.Send(ctx, "43", bot.Reply{Content: "after two 503s"}); err != nil {
		t.Fatalf("send after two 503s: %v", err)
	}
	if n := len(fake.ChannelMessages("43")); n != 1 {
		t.Errorf("%d messages delivered; want 1", n)
	}
	fake.FailNext(messages, 10, discordtest.ServerError(500))
	err := b.Send(ctx, "44", bot.Reply{Content: "never"})
	if err == nil || !strings.Contains(err.Error(), "500") {
		t.Errorf("send during an outage: %v; want an error naming the 500", err)
	}
	if n := fake.Count(messages); n != 3+4 {
		t.Errorf("%d attempts; want 3 (2 failed + 1) and 4 (1 + 3 retries)", n)
	}
}

func TestCommandRegistrationOnlyWhenChanged(t *testing.T) {
	t.Parallel()
	r := bot.NewRouter(nil)
	r.Add(quotesRoute())
	r.Add(adminRoute())
	fake, b := start(t, r, func(c *discord.Config) { c.GuildID = "555" })
	put := "PUT /applications/{app}/guilds/{guild}/commands"
	if n := fake.Count(put); n != 1 {
		t.Fatalf("%d bulk overwrites at start; want 1", n)
	}
	if got := fake.Commands("guild:555"); len(got) != 2 || len(fake.Commands("global")) != 0 {
		t.Fatalf("guild commands %d, global %d; want 2 and 0", len(got), len(fake.Commands("global")))
	}
	ctx := context.Background()
	changed, err := b.SyncCommands(ctx, fake.AppID)
	if err != nil || changed || fake.Count(put) != 1 {
		t.Errorf("unchanged definitions: changed %v, err %v, %d overwrites; want no new overwrite", changed, err, fake.Count(put))
	}
	r.Add(echoRoute())
	changed, err = b.SyncCommands(ctx, fake.AppID)
	if err != nil || !changed || fake.Count(put) != 2 || len(fake.Commands("guild:555")) != 3 {
		t.Errorf("a new command: changed %v, err %v, %d overwrites; want a second overwrite", changed, err, fake.Count(put))
	}
	if changed, _ = b.SyncCommands(ctx, fake.AppID); changed {
		t.Errorf("registration repeated without a change")
	}
}

func TestModalAndPanics(t *testing.T) {
	t.Parallel()
	r := bot.NewRouter(nil)
	r.Add(bot.Route{Spec: bot.CommandSpec{Name: "paste", Description: "Paste an article"},
		Handler: func(ctx context.Context, req bot.Request) (bot.Reply, error) {
			if req.Interaction == bot.InteractionModalSubmit {
				return bot.Reply{Content: "got " + req.Options["title"] + " / " + req.Options["body"], Ephemeral: true}, nil
			}
			return bot.Reply{Modal: &bot.Modal{CustomID: "paste:form", Title: "Paste an article", Fields: []bot.ModalField{
				{CustomID: "title", Label: "Title", Required: true, MaxLength: 200},
				{CustomID: "body", Label: "Body", Paragraph: true, Required: true, MaxLength: 4000},
			}}}, nil
		}})
	r.Add(bot.Route{Spec: bot.CommandSpec{Name: "boom", Description: "Panics"},
		Handler: func(ctx context.Context, req bot.Request) (bot.Reply, error) { panic("kaboom") }})
	fake, _ := start(t, r, nil)

	cb, err := fake.SendCommand("paste").Callback(wait)
	if err != nil {
		t.Fatal(err)
	}
	if cb.Type != 9 || cb.Data.CustomID != "paste:form" || len(cb.Data.Components) != 2 || cb.Data.Components[1].Components[0].Style != 2 {
		t.Fatalf("modal: %s", cb.Raw)
	}
	m, err := fake.SendModalSubmit("paste:form", map[string]string{"title": "T", "body": "B"}).Reply(wait)
	if err != nil {
		t.Fatal(err)
	}
	if m.Content != "got T / B" || !m.Ephemeral() {
		t.Errorf("modal submit: %q ephemeral %v", m.Content, m.Ephemeral())
	}

	m, err = fake.SendCommand("boom").Reply(wait)
	if err != nil {
		t.Fatal(err)
	}
	if !m.Ephemeral() || !strings.Contains(m.Content, "Error id") {
		t.Errorf("panicking command: %q", m.Content)
	}
	// The bot is still serving.
	if _, err := fake.SendCommand("paste").Callback(wait); err != nil {
		t.Errorf("after a panic: %v", err)
	}
	if m, _ := fake.SendCommand("nosuch").Reply(wait); !strings.Contains(m.Content, "Unknown command") {
		t.Errorf("unknown command: %q", m.Content)
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	r := bot.NewRouter(nil)
	for _, c := range []struct {
		cfg  discord.Config
		want string
	}{
		{discord.Config{Router: r}, "no bot token"},
		{discord.Config{Token: "x"}, "no command router"},
		{discord.Config{Token: "x", Router: r, APIBase: "discord.com"}, "must be an http(s) URL"},
	} {
		_, err := discord.New(c.cfg)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("New(%+v): %v; want %q", c.cfg, err, c.want)
		}
	}
}

func TestRunRefusedToken(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(discordtest.Options{})
	defer fake.Close()
	b, err := discord.New(discord.Config{Token: "wrong", APIBase: fake.URL, Router: bot.NewRouter(nil)})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	err = b.Run(ctx)
	if err == nil || !strings.Contains(err.Error(), "token was refused") || errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Run with a bad token: %v", err)
	}
}
