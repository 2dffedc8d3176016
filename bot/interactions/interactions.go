// Package interactions serves Discord's HTTP interactions endpoint, the
// alternative to the gateway: Discord POSTs each interaction, signed with
// Ed25519, and the HTTP response is the first response. Requests are
// answered by the same Router, with the same conversions and the same
// deferral logic as the gateway bot (package discord): a slow command
// answers "deferred" (type 5) in the HTTP response and edits the original
// response over REST once its reply is ready.
package interactions

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/discord"
)

// maxBody bounds an interaction's size; Discord's are a few kilobytes.
const maxBody = 1 << 20

// Config is what the endpoint needs.
type Config struct {
	PublicKey ed25519.PublicKey // the application's public key (Developer Portal)
	Router    *bot.Router
	// Token is the bot token; interaction webhooks (edits, follow-ups)
	// need none, so it may be empty.
	Token   string
	APIBase string // Discord's REST base URL; discord.DefaultAPIBase when empty
	Log     *slog.Logger
	// DeferAfter is how long a command may run before the deferral is
	// sent; discord.DefaultDeferAfter when zero.
	DeferAfter time.Duration
	// Context is the parent of every answer's context: answers outlive
	// the HTTP request that brought them (a deferred reply is sent
	// later). context.Background when nil.
	Context context.Context
}

// Handler is the HTTP interactions endpoint.
type Handler struct {
	key      ed25519.PublicKey
	log      *slog.Logger
	ctx      context.Context
	answerer *discord.Answerer
}

// ParsePublicKey reads the application's public key as the Developer
// Portal shows it (64 hex digits).
func ParsePublicKey(s string) (ed25519.PublicKey, error) {
	b, err := hex.DecodeString(strings.TrimSpace(s))
	if err != nil || len(b) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("discord public key %q: want %d hex digits", s, 2*ed25519.PublicKeySize)
	}
	return ed25519.PublicKey(b), nil
}

// New makes the endpoint.
func New(cfg Config) (*Handler, error) {
	if len(cfg.PublicKey) != ed25519.PublicKeySize {
		return nil, errors.New("interactions: no valid public key (set BRIEFBOT_DISCORD_PUBLIC_KEY)")
	}
	if cfg.Router == nil {
		return nil, errors.New("interactions: no command router")
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Context == nil {
		cfg.Context = context.Background()
	}
	s, err := discord.NewSession(cfg.Token, cfg.APIBase)
	if err != nil {
		return nil, fmt.Errorf("interactions: %w", err)
	}
	log := cfg.Log.With(slog.String("transport", "interactions"))
	return &Handler{
		key: cfg.PublicKey,
		log: log,
		ctx: cfg.Context,
		answerer: &discord.Answerer{Router: cfg.Router, Client: discord.NewClient(s, log), Log: log,
			DeferAfter: cfg.DeferAfter},
	}, nil
}

// ServeHTTP verifies the request's signature (401 when it fails: Discord
// tests this with deliberately bad signatures), answers PING with PONG,
// and answers any other interaction through the router.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	if !discordgo.VerifyInteraction(r, h.key) {
		h.log.Warn("interaction with a bad signature refused", slog.String("remote", r.RemoteAddr))
		http.Error(w, "invalid request signature", http.StatusUnauthorized)
		return
	}
	body, err := io.ReadAll(r.Body) // VerifyInteraction put the body back
	if err != nil {
		http.Error(w, "cannot read the body", http.StatusBadRequest)
		return
	}
	var in discordgo.Interaction
	if err := json.Unmarshal(body, &in); err != nil {
		h.log.Warn("unreadable interaction", slog.Any("error", err))
		http.Error(w, "invalid interaction JSON", http.StatusBadRequest)
		return
	}
	if in.Type == discordgo.InteractionPing {
		writeJSON(w, discord.Callback{Type: discordgo.InteractionResponsePong})
		return
	}

	// The answer runs on its own context: after a deferral it goes on
	// (editing the original response) once this request is done.
	first := make(chan discord.Callback)
	written := make(chan error, 1)
	go h.answerer.Answer(h.ctx, &in, func(ctx context.Context, cb discord.Callback) error {
		select {
		case first <- cb:
			return <-written
		case <-r.Context().Done():
			return fmt.Errorf("the interactions request ended before the first response: %w", r.Context().Err())
		}
	})
	t := time.NewTimer(discord.ResponseDeadline)
	defer t.Stop()
	select {
	case cb := <-first:
		err := writeJSON(w, cb)
		if f, ok := w.(http.Flusher); ok && err == nil {
			f.Flush() // Discord has the first response before any edit of it
		}
		written <- err
	case <-t.C:
		h.log.Error("no first response within Discord's deadline", slog.String("interaction", in.ID))
		http.Error(w, "no response in time", http.StatusInternalServerError)
	}
}

func writeJSON(w http.ResponseWriter, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, "cannot encode the response", http.StatusInternalServerError)
		return err
	}
	w.Header().Set("Content-Type", "application/json")
	_, err = w.Write(b)
	return err
}
