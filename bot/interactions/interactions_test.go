package interactions_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/discordtest"
	"github.com/briefbot/briefbot/bot/interactions"
)

const wait = 10 * time.Second

// setup serves router on an HTTP interactions endpoint and points a fake
// Discord at it.
func setup(t *testing.T, router *bot.Router) *discordtest.Server {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	var h http.Handler
	endpoint := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { h.ServeHTTP(w, r) }))
	t.Cleanup(endpoint.Close)
	fake := discordtest.New(discordtest.Options{InteractionsURL: endpoint.URL, SigningKey: priv})
	t.Cleanup(func() {
		for _, p := range fake.Problems() {
			t.Errorf("fake Discord: %s", p)
		}
		fake.Close()
	})
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	key, err := interactions.ParsePublicKey(hex.EncodeToString(pub))
	if err != nil {
		t.Fatal(err)
	}
	h, err = interactions.New(interactions.Config{PublicKey: key, Router: router, APIBase: fake.URL,
		DeferAfter: 200 * time.Millisecond, Context: ctx})
	if err != nil {
		t.Fatal(err)
	}
	return fake
}

func TestSignatureAndPing(t *testing.T) {
	fake := setup(t, bot.NewRouter(nil))
	if err := fake.Ping(); err != nil {
		t.Fatal(err)
	}
	status, _, err := fake.Deliver([]byte(`{"id":"1","type":1,"token":"x","version":1}`), true)
	if err != nil || status != http.StatusUnauthorized {
		t.Errorf("tampered signature: status %d, %v; want 401", status, err)
	}
}

func TestBadRequests(t *testing.T) {
	pub, _, _ := ed25519.GenerateKey(rand.Reader)
	h, err := interactions.New(interactions.Config{PublicKey: pub, Router: bot.NewRouter(nil)})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, method, sig, ts string
		want                  int
	}{
		{"GET", "GET", "", "", 405},
		{"no signature", "POST", "", "1", 401},
		{"not hex", "POST", "zz", "1", 401},
		{"short signature", "POST", "abcd", "1", 401},
		{"no timestamp", "POST", strings.Repeat("ab", 64), "", 401},
		{"wrong key", "POST", strings.Repeat("ab", 64), "1", 401},
	} {
		req := httptest.NewRequest(c.method, "/interactions", strings.NewReader(`{"type":1}`))
		if c.sig != "" {
			req.Header.Set("X-Signature-Ed25519", c.sig)
		}
		if c.ts != "" {
			req.Header.Set("X-Signature-Timestamp", c.ts)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != c.want {
			t.Errorf("%s: %d; want %d", c.name, rec.Code, c.want)
		}
	}
	if _, err := interactions.ParsePublicKey("abc"); err == nil {
		t.Errorf("ParsePublicKey accepted a short key")
	}
	if _, err := interactions.New(interactions.Config{Router: bot.NewRouter(nil)}); err == nil {
		t.Errorf("New accepted no public key")
	}
}

func TestCommandsFastAndSlow(t *testing.T) {
	release := make(chan struct{})
	r := bot.NewRouter(nil)
	r.Add(bot.Route{Spec: bot.CommandSpec{Name: "hello", Description: "Hi"},
		Handler: func(ctx context.Context, req bot.Request) (bot.Reply, error) {
			if req.Interaction == bot.InteractionAutocomplete {
				return bot.Reply{Choices: []bot.Choice{{Name: "a", Value: "a"}}}, nil
			}
			return bot.Reply{Content: "hello " + req.User.ID + " " + req.Options["who"]}, nil
		}})
	r.Add(bot.Route{Spec: bot.CommandSpec{Name: "slow", Description: "Slow"},
		Handler: func(ctx context.Context, req bot.Request) (bot.Reply, error) {
			<-release
			return bot.Reply{Embeds: []bot.Embed{{Title: "late"}}}, nil
		}})
	fake := setup(t, r)

	in := fake.SendCommand("hello", discordtest.String("who", "world"), discordtest.Member("77", 0))
	m, err := in.Reply(wait)
	if err != nil {
		t.Fatal(err)
	}
	if m.Content != "hello 77 world" {
		t.Errorf("fast command: %q", m.Content)
	}
	cb, err := fake.SendAutocomplete("hello", "who", "a").Callback(wait)
	if err != nil || cb.Type != 8 || len(cb.Data.Choices) != 1 {
		t.Errorf("autocomplete: %+v, %v", cb, err)
	}

	in = fake.SendCommand("slow")
	cb, err = in.Callback(wait)
	if err != nil {
		t.Fatal(err)
	}
	if cb.Type != 5 {
		t.Errorf("slow command answered type %d first; want 5", cb.Type)
	}
	close(release)
	m, err = in.Reply(wait)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Embeds) != 1 || m.Embeds[0].Title != "late" || in.Edits() != 1 {
		t.Errorf("slow command's edit: %s (%d edits)", m.Raw, in.Edits())
	}
}
