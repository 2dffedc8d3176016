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
func (r *Router) Handle(ctx context.Context, req Request) (reply Reply) {
	r.mu.RLock()
	route, ok := r.routes[routeName(req)]
	mws := r.middleware
	r.mu.RUnlock()
	if !ok {
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
				slog.String("command", req.Command), slog.Any("panic", p), slog.String("stack", string(debug.Stack())))
			reply = apology(id)
		}
	}()
	reply, err := h(ctx, req)
	if err != nil {
		var ue *UserError
		if errors.As(err, &ue) {
			return ErrorReply(ue)
		}
		id := newErrorID()
		r.log.Error("command failed", slog.String("error_id", id), slog.String("interaction", req.ID),
			slog.String("command", req.Command), slog.Any("error", err))
		return apology(id)
	}
	reply.AllowedMentions = AllowedMentions{Parse: []string{}}
	return reply
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
