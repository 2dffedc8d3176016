package bot

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"
)

func newTestRouter(t *testing.T, logs *bytes.Buffer) *Router {
	t.Helper()
	log := slog.New(slog.NewTextHandler(logs, nil))
	r := NewRouter(log)
	r.Use(Logging(log))
	r.Add(Route{Spec: CommandSpec{Name: "ok"}, Handler: func(_ context.Context, req Request) (Reply, error) {
		if req.Interaction == InteractionAutocomplete {
			return Reply{Choices: []Choice{{Name: "a", Value: "a"}}}, nil
		}
		return Reply{Content: "fine @everyone", AllowedMentions: AllowedMentions{Parse: []string{"everyone"}}}, nil
	}})
	r.Add(Route{Spec: CommandSpec{Name: "user"}, Handler: func(context.Context, Request) (Reply, error) {
		return Reply{}, Userf("no speaker matches %q", "pesk0v")
	}})
	r.Add(Route{Spec: CommandSpec{Name: "fail"}, Handler: func(context.Context, Request) (Reply, error) {
		return Reply{}, errors.New("database is locked")
	}})
	r.Add(Route{Spec: CommandSpec{Name: "panic"}, Handler: func(context.Context, Request) (Reply, error) {
		panic("boom")
	}})
	r.Add(Route{Spec: CommandSpec{Name: "nochoices"}, Handler: func(context.Context, Request) (Reply, error) {
		return Reply{}, nil
	}})
	return r
}

func TestHandle(t *testing.T) {
	tests := []struct {
		name        string
		req         Request
		wantText    string // prefix of Reply.Text
		wantChoices int    // -1: Choices must be nil
		wantLog     string
	}{
		{"ok", Request{Interaction: InteractionCommand, Command: "ok", ID: "i1"}, "fine @everyone", -1, "interaction=i1"},
		{"user error", Request{Interaction: InteractionCommand, Command: "user"}, `no speaker matches "pesk0v"`, -1, "request refused"},
		{"internal error", Request{Interaction: InteractionCommand, Command: "fail", ID: "i2"}, "Sorry, something went wrong on our side. Error id: ", -1, "database is locked"},
		{"panic", Request{Interaction: InteractionCommand, Command: "panic"}, "Sorry, something went wrong", -1, "command panicked"},
		{"unknown", Request{Interaction: InteractionCommand, Command: "nope"}, `Unknown command "nope".`, -1, ""},
		{"component routed by custom id", Request{Interaction: InteractionComponent, Command: "", CustomID: "ok:state:2"}, "fine", -1, "custom_id=ok:state:2"},
		{"autocomplete ok", Request{Interaction: InteractionAutocomplete, Command: "ok"}, "", 1, ""},
		{"autocomplete user error", Request{Interaction: InteractionAutocomplete, Command: "user"}, "", 0, ""},
		{"autocomplete internal error", Request{Interaction: InteractionAutocomplete, Command: "fail"}, "", 0, "database is locked"},
		{"autocomplete panic", Request{Interaction: InteractionAutocomplete, Command: "panic"}, "", 0, "command panicked"},
		{"autocomplete unknown", Request{Interaction: InteractionAutocomplete, Command: "nope"}, "", 0, ""},
		{"autocomplete nil choices", Request{Interaction: InteractionAutocomplete, Command: "nochoices"}, "", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logs bytes.Buffer
			r := newTestRouter(t, &logs)
			got := r.Handle(context.Background(), tt.req)
			if !strings.HasPrefix(got.Text, tt.wantText) || (tt.wantText == "" && got.Text != "") {
				t.Errorf("Text = %q, want prefix %q", got.Text, tt.wantText)
			}
			if got.Text != "" && got.Content != got.Text {
				t.Errorf("Content %q != Text %q", got.Content, got.Text)
			}
			if tt.wantChoices < 0 && got.Choices != nil {
				t.Errorf("Choices = %v, want nil", got.Choices)
			}
			if tt.wantChoices >= 0 && (got.Choices == nil || len(got.Choices) != tt.wantChoices) {
				t.Errorf("Choices = %#v, want %d", got.Choices, tt.wantChoices)
			}
			if got.AllowedMentions.Parse == nil || len(got.AllowedMentions.Parse) != 0 {
				t.Errorf("AllowedMentions = %#v", got.AllowedMentions)
			}
			if tt.wantLog != "" && !strings.Contains(logs.String(), tt.wantLog) {
				t.Errorf("logs lack %q:\n%s", tt.wantLog, logs.String())
			}
		})
	}
}

func TestErrorIDIsLogged(t *testing.T) {
	var logs bytes.Buffer
	r := newTestRouter(t, &logs)
	got := r.Handle(context.Background(), Request{Interaction: InteractionCommand, Command: "fail"})
	id := got.Text[strings.LastIndex(got.Text, " ")+1:]
	if len(id) != 8 || !strings.Contains(logs.String(), "error_id="+id) {
		t.Errorf("error id %q not in logs:\n%s", id, logs.String())
	}
	if !got.Ephemeral {
		t.Errorf("apology is not ephemeral")
	}
}

func TestTimeout(t *testing.T) {
	r := NewRouter(nil)
	r.Use(Timeout(10 * time.Millisecond))
	r.Add(Route{Spec: CommandSpec{Name: "slow"}, Handler: func(ctx context.Context, _ Request) (Reply, error) {
		<-ctx.Done()
		return Reply{}, ctx.Err()
	}})
	got := r.Handle(context.Background(), Request{Interaction: InteractionCommand, Command: "slow"})
	if !strings.HasPrefix(got.Text, "Sorry") {
		t.Errorf("Text = %q", got.Text)
	}
}

func TestSpecsAndLookup(t *testing.T) {
	r := NewRouter(nil)
	h := func(context.Context, Request) (Reply, error) { return Reply{}, nil }
	for _, name := range []string{"quotes", "brief", "admin", "quotes"} {
		r.Add(Route{Spec: CommandSpec{Name: name, Description: "d " + name}, Handler: h})
	}
	var names []string
	for _, s := range r.Specs() {
		names = append(names, s.Name)
	}
	if got := strings.Join(names, ","); got != "quotes,brief,admin" {
		t.Errorf("Specs order %s", got)
	}
	if s, ok := r.Lookup("brief"); !ok || s.Description != "d brief" {
		t.Errorf("Lookup(brief) = %+v, %v", s, ok)
	}
	if _, ok := r.Lookup("nope"); ok {
		t.Errorf("Lookup(nope) found")
	}
}

func TestMiddlewareOrder(t *testing.T) {
	r := NewRouter(nil)
	var order []string
	mw := func(name string) Middleware {
		return func(next HandlerFunc) HandlerFunc {
			return func(ctx context.Context, req Request) (Reply, error) {
				order = append(order, name)
				return next(ctx, req)
			}
		}
	}
	r.Use(mw("outer"), mw("inner"))
	r.Add(Route{Spec: CommandSpec{Name: "x"}, Handler: func(context.Context, Request) (Reply, error) { return Reply{}, nil }})
	r.Handle(context.Background(), Request{Interaction: InteractionCommand, Command: "x"})
	if strings.Join(order, ",") != "outer,inner" {
		t.Errorf("order %v", order)
	}
}

func TestComponentGetsCommand(t *testing.T) {
	r := NewRouter(nil)
	var got Request
	r.Add(Route{Spec: CommandSpec{Name: "quotes"}, Handler: func(_ context.Context, req Request) (Reply, error) {
		got = req
		return Reply{Content: "ok"}, nil
	}})
	r.Handle(context.Background(), Request{Interaction: InteractionComponent, CustomID: "quotes:12:2"})
	if got.Command != "quotes" {
		t.Errorf("Command = %q, want quotes", got.Command)
	}
}
