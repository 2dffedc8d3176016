package discordtest

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// Interaction is one interaction the fake sent to the bot, with what the
// bot answered.
type Interaction struct {
	ID    string
	Token string
	Type  int // 2 command, 3 component, 4 autocomplete, 5 modal submit
	srv   *Server

	created      time.Time
	callback     *Callback
	callbackAt   time.Time
	original     *Message // what the interaction's first message shows now
	deleted      bool
	messageFlags int // flags of the message a component belongs to
	edits        int
	followups    []Message
}

// Attachment is a file attached to a command option.
type Attachment struct {
	Filename    string
	URL         string
	Size        int
	ContentType string
}

// Opt shapes an injected interaction.
type Opt func(*spec)

type spec struct {
	sub         string
	options     []map[string]any
	attachments map[string]any
	member      map[string]any
	user        map[string]any
	guild       bool
	message     map[string]any
}

// String adds a string option.
func String(name, value string) Opt {
	return func(s *spec) { s.options = append(s.options, map[string]any{"name": name, "type": 3, "value": value}) }
}

// Int adds an integer option.
func Int(name string, value int) Opt {
	return func(s *spec) { s.options = append(s.options, map[string]any{"name": name, "type": 4, "value": value}) }
}

// Bool adds a boolean option.
func Bool(name string, value bool) Opt {
	return func(s *spec) { s.options = append(s.options, map[string]any{"name": name, "type": 5, "value": value}) }
}

// Subcommand puts the options under a subcommand ("/admin add ...").
func Subcommand(name string) Opt { return func(s *spec) { s.sub = name } }

// File adds an attachment option, its file in data.resolved.attachments.
func File(option string, a Attachment) Opt {
	return func(s *spec) {
		id := "3" + strconv.Itoa(len(s.attachments)+100000000000000000)
		s.options = append(s.options, map[string]any{"name": option, "type": 11, "value": id})
		if s.attachments == nil {
			s.attachments = map[string]any{}
		}
		s.attachments[id] = map[string]any{"id": id, "filename": a.Filename, "url": a.URL, "proxy_url": a.URL,
			"size": a.Size, "content_type": a.ContentType}
	}
}

// Member sends the interaction from a guild member with these effective
// permissions and roles (the default is a member with no permissions).
func Member(userID string, permissions int64, roles ...string) Opt {
	return func(s *spec) {
		if roles == nil {
			roles = []string{}
		}
		s.member = map[string]any{"user": map[string]any{"id": userID, "username": "user" + userID, "discriminator": "0"},
			"roles": roles, "permissions": strconv.FormatInt(permissions, 10), "joined_at": "2024-01-01T00:00:00Z"}
		s.guild, s.user = true, nil
	}
}

// DM sends the interaction from a user in a direct message (no member, no guild).
func DM(userID string) Opt {
	return func(s *spec) {
		s.user = map[string]any{"id": userID, "username": "user" + userID, "discriminator": "0"}
		s.member, s.guild = nil, false
	}
}

// OnMessage sets the message a component belongs to (its flags: 64 for ephemeral).
func OnMessage(flags int) Opt {
	return func(s *spec) { s.message = map[string]any{"flags": flags} }
}

func (s *Server) newSpec(opts []Opt) *spec {
	sp := &spec{guild: true}
	Member("500000000000000001", 0)(sp)
	for _, o := range opts {
		o(sp)
	}
	return sp
}

// send dispatches an INTERACTION_CREATE.
func (s *Server) send(kind int, data map[string]any, sp *spec) *Interaction {
	s.mu.Lock()
	defer s.mu.Unlock()
	in := &Interaction{ID: s.newID(), Type: kind, srv: s, created: time.Now()}
	in.Token = "itoken-" + in.ID
	if f, ok := sp.message["flags"].(int); ok {
		in.messageFlags = f
	}
	payload := map[string]any{
		"id": in.ID, "application_id": s.AppID, "type": kind, "data": data, "token": in.Token, "version": 1,
		"channel_id": "100000000000000010", "locale": "en-US", "app_permissions": "2147483648",
	}
	if sp.guild {
		payload["guild_id"] = s.GuildID
		payload["guild_locale"] = "en-US"
	}
	if sp.member != nil {
		payload["member"] = sp.member
	} else {
		payload["user"] = sp.user
	}
	if sp.message != nil {
		m := map[string]any{"id": s.newID(), "channel_id": "100000000000000010", "content": "", "type": 0,
			"author": map[string]any{"id": s.BotID, "username": "briefbot", "bot": true}}
		for k, v := range sp.message {
			m[k] = v
		}
		payload["message"] = m
	}
	b, _ := json.Marshal(payload)
	s.inter[in.ID] = in
	if s.opts.InteractionsURL != "" {
		go s.deliver(in, b)
		return in
	}
	s.dispatchLocked("INTERACTION_CREATE", b)
	return in
}

func commandData(name string, sp *spec) map[string]any {
	opts := make([]any, 0, len(sp.options))
	for _, o := range sp.options {
		opts = append(opts, o)
	}
	if sp.sub != "" {
		opts = []any{map[string]any{"name": sp.sub, "type": 1, "options": opts}}
	}
	d := map[string]any{"id": "400000000000000001", "name": name, "type": 1, "options": opts}
	if len(sp.attachments) > 0 {
		d["resolved"] = map[string]any{"attachments": sp.attachments}
	}
	return d
}

// SendCommand sends a slash command (/name with options).
func (s *Server) SendCommand(name string, opts ...Opt) *Interaction {
	sp := s.newSpec(opts)
	return s.send(2, commandData(name, sp), sp)
}

// SendAutocomplete sends an autocomplete request for the option focused,
// which holds typed; other options come from opts.
func (s *Server) SendAutocomplete(name, focused, typed string, opts ...Opt) *Interaction {
	sp := s.newSpec(opts)
	sp.options = append(sp.options, map[string]any{"name": focused, "type": 3, "value": typed, "focused": true})
	return s.send(4, commandData(name, sp), sp)
}

// SendComponent sends a button press with customID.
func (s *Server) SendComponent(customID string, opts ...Opt) *Interaction {
	sp := s.newSpec(append([]Opt{OnMessage(0)}, opts...))
	return s.send(3, map[string]any{"custom_id": customID, "component_type": 2}, sp)
}

// SendModalSubmit sends a submitted form: fields maps each text input's
// custom id to what the user typed.
func (s *Server) SendModalSubmit(customID string, fields map[string]string, opts ...Opt) *Interaction {
	sp := s.newSpec(opts)
	rows := []any{}
	for id, v := range fields {
		rows = append(rows, map[string]any{"type": 1, "components": []any{map[string]any{"type": 4, "custom_id": id, "value": v}}})
	}
	return s.send(5, map[string]any{"custom_id": customID, "components": rows}, sp)
}

// Callback waits for the bot's first response to the interaction.
func (in *Interaction) Callback(timeout time.Duration) (Callback, error) {
	var cb Callback
	err := in.srv.waitFor(timeout, func() bool {
		if in.callback != nil {
			cb = *in.callback
			return true
		}
		return false
	})
	if err != nil {
		return Callback{}, fmt.Errorf("interaction %s: no response: %w", in.ID, err)
	}
	return cb, nil
}

// Elapsed is how long after the interaction was sent the bot responded.
func (in *Interaction) Elapsed() time.Duration {
	in.srv.mu.Lock()
	defer in.srv.mu.Unlock()
	if in.callback == nil {
		return 0
	}
	return in.callbackAt.Sub(in.created)
}

// Reply waits until the interaction's answer is complete and returns the
// message the user sees: the first message (after a deferral, once
// edited), or a follow-up when the first message was deleted or a button
// error went to the presser alone.
func (in *Interaction) Reply(timeout time.Duration) (Message, error) {
	var m Message
	err := in.srv.waitFor(timeout, func() bool {
		if len(in.followups) > 0 {
			m = in.followups[len(in.followups)-1]
			return true
		}
		if in.original != nil && !in.original.Loading && (in.callback.Type == 4 || in.callback.Type == 7 || in.edits > 0) {
			m = *in.original
			return true
		}
		return false
	})
	if err != nil {
		return Message{}, fmt.Errorf("interaction %s: no reply: %w", in.ID, err)
	}
	return m, nil
}

// Edits counts the edits of the first message.
func (in *Interaction) Edits() int {
	in.srv.mu.Lock()
	defer in.srv.mu.Unlock()
	return in.edits
}
