package bot

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
	"sync"
	"time"
)

// HandlerFunc answers one Request.
type HandlerFunc func(ctx context.Context, req Request) (Reply, error)

// Middleware wraps a handler; see Router.Use.
type Middleware func(HandlerFunc) HandlerFunc

// UserError is an error the user can act on. Its Message is shown as is;
// any other error is logged with detail and shown as a short apology with
// an error id.
type UserError struct {
	Message string
}

func (e *UserError) Error() string { return e.Message }

// Userf makes a UserError.
func Userf(format string, args ...any) error {
	return &UserError{Message: fmt.Sprintf(format, args...)}
}

// OptionType is the type of a command option, numbered as Discord numbers them.
type OptionType int

// The option types briefbot uses.
const (
	OptionString     OptionType = 3
	OptionInteger    OptionType = 4
	OptionBoolean    OptionType = 5
	OptionChannel    OptionType = 7
	OptionAttachment OptionType = 11
)

// OptionSpec declares one option of a command.
type OptionSpec struct {
	Name         string
	Description  string
	Type         OptionType
	Required     bool
	Autocomplete bool
	MaxLength    int // 0: Discord's default
}

// CommandSpec declares a slash command for registration with a transport.
type CommandSpec struct {
	Name        string
	Description string
	Options     []OptionSpec
	Subcommands []CommandSpec // for grouped commands such as /admin
	// DefaultMemberPermissions, when non-zero, is the permission bit set a
	// member needs by default (Manage Server is 0x20). Handlers still check
	// Request.User.Permissions themselves: server admins can override it.
	DefaultMemberPermissions int64
}

// Route is one command: its declaration and its handler. Components and
// modals whose CustomID starts with Name + ":" are routed to the same
// handler.
type Route struct {
	Spec    CommandSpec
	Handler HandlerFunc
}

// Router dispatches Requests to commands. It is safe for concurrent use.
type Router struct {
	log        *slog.Logger
	mu         sync.RWMutex
	routes     map[string]Route
	order      []string
	middleware []Middleware
}

// NewRouter makes an empty router that logs to log.
func NewRouter(log *slog.Logger) *Router {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Router{log: log, routes: make(map[string]Route)}
}

// Use adds middleware; the first added runs outermost.
func (r *Router) Use(mw ...Middleware) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.middleware = append(r.middleware, mw...)
}

// Add registers a command. Adding a name twice replaces the first.
func (r *Router) Add(route Route) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.routes[route.Spec.Name]; !ok {
		r.order = append(r.order, route.Spec.Name)
	}
	r.routes[route.Spec.Name] = route
}

// Specs lists the registered commands in the order they were added.
func (r *Router) Specs() []CommandSpec {
	r.mu.RLock()
	defer r.mu.RUnlock()
	specs := make([]CommandSpec, 0, len(r.order))
	for _, name := range r.order {
		specs = append(specs, r.routes[name].Spec)
	}
	return specs
}

// routeName finds the command a request belongs to.
func routeName(req Request) string {
	switch req.Interaction {
	case InteractionComponent, InteractionModalSubmit:
		name, _, _ := strings.Cut(req.CustomID, ":")
		return name
	default:
		return req.Command
	}
}

// Handle runs the request's command under the middleware and a recover,
// and always returns a reply fit to show: user errors as their message,
// anything else as an apology with an error id that is also logged.
// Autocomplete never shows an error: Discord cannot display one there, so
// a failed or panicking autocomplete answers an empty choice list.
// AllowedMentions always parses nothing, and Text is never empty when the
// reply has content (install render.Replies to render embeds into Text).
func (r *Router) Handle(ctx context.Context, req Request) (reply Reply) {
	if req.Command == "" && (req.Interaction == InteractionComponent || req.Interaction == InteractionModalSubmit) {
		req.Command = routeName(req) // so handlers and logs see which command a button belongs to
	}
	r.mu.RLock()
	route, ok := r.routes[routeName(req)]
	mws := r.middleware
	r.mu.RUnlock()
	autocomplete := req.Interaction == InteractionAutocomplete
	if !ok {
		if autocomplete {
			return noChoices()
		}
		return ErrorReply(&UserError{Message: fmt.Sprintf("Unknown command %q.", routeName(req))})
	}
	h := route.Handler
	for i := len(mws) - 1; i >= 0; i-- {
		h = mws[i](h)
	}
	defer func() {
		if p := recover(); p != nil {
			id := newErrorID()
			r.log.Error("command panicked", slog.String("error_id", id), slog.String("interaction", req.ID),
				slog.String("command", req.Command), slog.String("subcommand", req.Subcommand),
				slog.Any("panic", p), slog.String("stack", string(debug.Stack())))
			reply = apology(id)
			if autocomplete {
				reply = noChoices()
			}
		}
	}()
	reply, err := h(ctx, req)
	if err != nil {
		var ue *UserError
		if errors.As(err, &ue) {
			if autocomplete {
				return noChoices()
			}
			return ErrorReply(ue)
		}
		id := newErrorID()
		r.log.Error("command failed", slog.String("error_id", id), slog.String("interaction", req.ID),
			slog.String("command", req.Command), slog.String("subcommand", req.Subcommand), slog.Any("error", err))
		if autocomplete {
			return noChoices()
		}
		return apology(id)
	}
	if autocomplete && reply.Choices == nil {
		reply.Choices = []Choice{}
	}
	if reply.Text == "" {
		reply.Text = reply.Content
	}
	reply.AllowedMentions = AllowedMentions{Parse: []string{}}
	return reply
}

// noChoices is the answer to an autocomplete that failed.
func noChoices() Reply {
	return Reply{Choices: []Choice{}, AllowedMentions: AllowedMentions{Parse: []string{}}}
}

// ErrorReply renders a user error as an ephemeral reply.
func ErrorReply(e *UserError) Reply {
	return Reply{
		Content:         e.Message,
		Text:            e.Message,
		Ephemeral:       true,
		AllowedMentions: AllowedMentions{Parse: []string{}},
	}
}

func apology(id string) Reply {
	msg := "Sorry, something went wrong on our side. Error id: " + id
	return Reply{Content: msg, Text: msg, Ephemeral: true, AllowedMentions: AllowedMentions{Parse: []string{}}}
}

func newErrorID() string {
	var b [4]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// Lookup returns the spec of the command called name.
func (r *Router) Lookup(name string) (CommandSpec, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	route, ok := r.routes[name]
	return route.Spec, ok
}

// Logging is middleware that logs every request once it is answered, with
// the interaction id, kind, command, user id and duration: at Info when it
// succeeded (Debug for autocomplete, which runs on every keystroke) or
// was refused with a UserError (with the reason), at Warn
// with the error otherwise (Handle then logs it again with its error id).
func Logging(log *slog.Logger) Middleware {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return func(next HandlerFunc) HandlerFunc {
		return func(ctx context.Context, req Request) (Reply, error) {
			start := time.Now()
			reply, err := next(ctx, req)
			attrs := []slog.Attr{
				slog.String("interaction", req.ID),
				slog.String("kind", req.Interaction.String()),
				slog.String("command", req.Command),
				slog.String("user", req.User.ID),
				slog.Duration("duration", time.Since(start)),
			}
			if req.Subcommand != "" {
				attrs = append(attrs, slog.String("subcommand", req.Subcommand))
			}
			if req.CustomID != "" {
				attrs = append(attrs, slog.String("custom_id", req.CustomID))
			}
			var ue *UserError
			switch {
			case err == nil && req.Interaction == InteractionAutocomplete:
				log.LogAttrs(ctx, slog.LevelDebug, "request", attrs...) // one per keystroke
			case err == nil:
				log.LogAttrs(ctx, slog.LevelInfo, "request", attrs...)
			case errors.As(err, &ue):
				log.LogAttrs(ctx, slog.LevelInfo, "request refused", append(attrs, slog.String("reason", ue.Message))...)
			default:
				log.LogAttrs(ctx, slog.LevelWarn, "request failed", append(attrs, slog.String("error", err.Error()))...)
			}
			return reply, err
		}
	}
}

// Timeout is middleware that gives each request a context that ends after
// d, so a handler stuck on a slow query stops instead of piling up.
func Timeout(d time.Duration) Middleware {
	return func(next HandlerFunc) HandlerFunc {
		return func(ctx context.Context, req Request) (Reply, error) {
			ctx, cancel := context.WithTimeout(ctx, d)
			defer cancel()
			return next(ctx, req)
		}
	}
}

// String names the interaction kind for logs.
func (i Interaction) String() string {
	switch i {
	case InteractionCommand:
		return "command"
	case InteractionAutocomplete:
		return "autocomplete"
	case InteractionComponent:
		return "component"
	case InteractionModalSubmit:
		return "modal_submit"
	default:
		return fmt.Sprintf("Interaction(%d)", int(i))
	}
}
