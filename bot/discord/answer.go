package discord

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/render"
)

// Discord's clock for interactions.
const (
	// ResponseDeadline is how long Discord waits for the first response.
	ResponseDeadline = 3 * time.Second
	// TokenLifetime is how long an interaction token can edit and follow up.
	TokenLifetime = 15 * time.Minute
	// DefaultDeferAfter is how long a command may run before the bot sends
	// a deferral ("thinking...") to keep within ResponseDeadline.
	DefaultDeferAfter = 1500 * time.Millisecond
	// autocompleteBudget is how long an autocomplete may take: it has no
	// deferred form, so a late one answers no suggestions.
	autocompleteBudget = 2500 * time.Millisecond
)

// Answerer answers interactions with a Router within Discord's deadline.
// It is the part the gateway bot and the HTTP interactions endpoint share;
// they differ only in how the first response travels (a REST callback, or
// the HTTP response), given to Answer as respond.
type Answerer struct {
	Router *bot.Router
	Client *Client
	Log    *slog.Logger
	// DeferAfter is how long a handler may run before a deferral is sent;
	// DefaultDeferAfter when zero.
	DeferAfter time.Duration
}

// Answer runs the interaction's handler and answers it. A reply ready
// within DeferAfter is the first response; otherwise a deferral is sent
// and the reply edits it once ready (or, when the reply must be private
// and the deferral was public, replaces it with a private follow-up).
// Autocomplete answers directly within its budget. Answer returns when the
// interaction is fully answered; it never panics.
func (a *Answerer) Answer(ctx context.Context, i *discordgo.Interaction, respond func(context.Context, Callback) error) {
	log := a.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	log = log.With(slog.String("interaction", i.ID))
	defer func() {
		if p := recover(); p != nil {
			log.Error("answering interaction panicked", slog.Any("panic", p), slog.String("stack", string(debug.Stack())))
		}
	}()
	req, err := RequestFromInteraction(i)
	if err != nil {
		log.Warn("unreadable interaction", slog.String("type", i.Type.String()), slog.Any("error", err))
		if i.Type == discordgo.InteractionApplicationCommandAutocomplete {
			_ = respond(ctx, Response(RespondChoices, bot.Reply{}))
		} else if i.Type != discordgo.InteractionPing {
			msg := "Sorry, this request could not be read."
			_ = respond(ctx, Response(RespondMessage, bot.Reply{Content: msg, Ephemeral: true}))
		}
		return
	}
	log = log.With(slog.String("kind", req.Interaction.String()))
	start := time.Now()

	hctx, cancel := context.WithTimeout(ctx, TokenLifetime-time.Minute)
	defer cancel()
	done := make(chan bot.Reply, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				log.Error("handler panicked", slog.Any("panic", p), slog.String("stack", string(debug.Stack())))
				done <- bot.ErrorReply(&bot.UserError{Message: "Sorry, something went wrong on our side."})
			}
		}()
		done <- a.Router.Handle(hctx, req)
	}()

	if req.Interaction == bot.InteractionAutocomplete {
		t := time.NewTimer(autocompleteBudget)
		defer t.Stop()
		var reply bot.Reply
		select {
		case reply = <-done:
		case <-t.C:
			log.Warn("autocomplete too slow: answering no suggestions", slog.Duration("budget", autocompleteBudget))
		}
		if err := respond(ctx, Response(RespondChoices, reply)); err != nil {
			log.Warn("autocomplete answer failed", slog.Any("error", err))
		}
		return
	}

	messageEphemeral := i.Message != nil && i.Message.Flags&FlagEphemeral != 0
	deferAfter := a.DeferAfter
	if deferAfter <= 0 {
		deferAfter = DefaultDeferAfter
	}
	t := time.NewTimer(deferAfter)
	defer t.Stop()
	select {
	case reply := <-done:
		if err := respond(ctx, Response(KindFor(req, reply, messageEphemeral), reply)); err != nil {
			log.Warn("interaction response failed", slog.Any("error", err))
		}
		log.Debug("answered", slog.Duration("elapsed", time.Since(start)))
		return
	case <-t.C:
	}

	ephemeral := ephemeralCommand(a.Router, req)
	if req.Interaction == bot.InteractionComponent {
		ephemeral = messageEphemeral
	}
	if err := respond(ctx, Deferral(req, ephemeral)); err != nil {
		log.Warn("deferral failed", slog.Any("error", err))
		cancel() // the reply has nowhere to go: stop the handler
		<-done
		return
	}
	log.Debug("deferred", slog.Bool("ephemeral", ephemeral))
	var reply bot.Reply
	select {
	case reply = <-done:
	case <-hctx.Done():
		log.Warn("handler outlived the interaction token", slog.Any("error", hctx.Err()))
		return
	}
	if err := a.finish(hctx, i, req, reply, ephemeral, messageEphemeral); err != nil {
		log.Warn("deferred reply failed", slog.Any("error", err), slog.Duration("elapsed", time.Since(start)))
		return
	}
	log.Debug("answered after deferral", slog.Duration("elapsed", time.Since(start)))
}

// finish delivers a reply after a deferral.
func (a *Answerer) finish(ctx context.Context, i *discordgo.Interaction, req bot.Request, reply bot.Reply, deferredEphemeral, messageEphemeral bool) error {
	if reply.Modal != nil && req.Interaction != bot.InteractionModalSubmit {
		// A form can only open as the first response.
		msg := "That took too long to open the form. Please try again."
		reply = bot.Reply{Content: msg, Text: msg, Ephemeral: true}
	}
	render.Fit(&reply)
	m := MessageOf(reply)
	if req.Interaction == bot.InteractionComponent {
		if reply.Ephemeral && !messageEphemeral {
			return a.Client.Followup(ctx, i, m) // an error about a button goes to the presser only
		}
		return a.Client.EditOriginal(ctx, i, m)
	}
	if reply.Ephemeral && !deferredEphemeral {
		// A public deferral cannot turn private: remove it and answer privately.
		if err := a.Client.DeleteOriginal(ctx, i); err != nil {
			return fmt.Errorf("removing the public deferral: %w", err)
		}
		return a.Client.Followup(ctx, i, m)
	}
	return a.Client.EditOriginal(ctx, i, m)
}
