package render

import (
	"context"

	"github.com/briefbot/briefbot/bot"
)

// Replies is a bot.Middleware that makes every reply a handler returns
// sendable and printable: Fit brings it within Discord's limits, and Text
// is set to PlainText of the fitted reply when the handler left it empty.
// Install it with Router.Use in every transport (package bot cannot import
// render, so the router cannot do this itself).
func Replies(next bot.HandlerFunc) bot.HandlerFunc {
	return func(ctx context.Context, req bot.Request) (bot.Reply, error) {
		reply, err := next(ctx, req)
		if err != nil {
			return reply, err
		}
		Fit(&reply)
		if reply.Text == "" {
			reply.Text = PlainText(reply)
		}
		return reply, nil
	}
}

var _ bot.Middleware = Replies
