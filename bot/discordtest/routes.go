package discordtest

import (
	"encoding/json"
	"io"
	"net/http"
	"sort"
	"strings"
	"time"
)

func (s *Server) routes() {
	m := s.mux
	m.HandleFunc("GET /api/v9/gateway", s.getGateway)
	m.HandleFunc("GET /api/v9/gateway/bot", s.getGateway)
	m.HandleFunc("GET /api/v9/users/@me", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, map[string]any{"id": s.BotID, "username": "briefbot", "discriminator": "0", "bot": true})
	})
	m.HandleFunc("GET /api/v9/oauth2/applications/@me", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, map[string]any{"id": s.AppID, "name": "briefbot", "bot_public": true,
			"bot": map[string]any{"id": s.BotID, "username": "briefbot", "bot": true}})
	})
	m.HandleFunc("GET /api/v9/applications/{app}/commands", s.getCommands)
	m.HandleFunc("PUT /api/v9/applications/{app}/commands", s.putCommands)
	m.HandleFunc("GET /api/v9/applications/{app}/guilds/{guild}/commands", s.getCommands)
	m.HandleFunc("PUT /api/v9/applications/{app}/guilds/{guild}/commands", s.putCommands)
	m.HandleFunc("POST /api/v9/interactions/{id}/{token}/callback", s.callback)
	m.HandleFunc("GET /api/v9/webhooks/{app}/{token}/messages/{msg}", s.webhookMessage)
	m.HandleFunc("PATCH /api/v9/webhooks/{app}/{token}/messages/{msg}", s.webhookMessage)
	m.HandleFunc("DELETE /api/v9/webhooks/{app}/{token}/messages/{msg}", s.webhookMessage)
	m.HandleFunc("POST /api/v9/webhooks/{app}/{token}", s.followup)
	m.HandleFunc("POST /api/v9/channels/{channel}/messages", s.channelMessage)
}

func (s *Server) getGateway(w http.ResponseWriter, r *http.Request) {
	url := "ws" + strings.TrimPrefix(s.URL, "http") + "/ws"
	writeJSON(w, 200, map[string]any{"url": url, "shards": 1,
		"session_start_limit": map[string]any{"total": 1000, "remaining": 999, "reset_after": 86400000, "max_concurrency": 1}})
}

func scopeOf(r *http.Request) string {
	if g := r.PathValue("guild"); g != "" {
		return "guild:" + g
	}
	return "global"
}

// Commands returns the registered commands of a scope ("global" or
// "guild:<id>").
func (s *Server) Commands(scope string) []json.RawMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]json.RawMessage(nil), s.commands[scope]...)
}

func (s *Server) getCommands(w http.ResponseWriter, r *http.Request) {
	if r.PathValue("app") != s.AppID {
		apiError(w, 403, 50001, "Missing Access")
		return
	}
	s.mu.Lock()
	cmds := append([]json.RawMessage{}, s.commands[scopeOf(r)]...)
	s.mu.Unlock()
	writeJSON(w, 200, cmds)
}

func (s *Server) putCommands(w http.ResponseWriter, r *http.Request) {
	if r.PathValue("app") != s.AppID {
		apiError(w, 403, 50001, "Missing Access")
		return
	}
	var cmds []map[string]any
	if err := json.NewDecoder(r.Body).Decode(&cmds); err != nil {
		s.refuse(w, "PUT commands: body is not a JSON array of commands: %v", err)
		return
	}
	if errs := validateCommands(cmds); len(errs) > 0 {
		s.refuse(w, "PUT commands: %s", strings.Join(errs, "; "))
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]json.RawMessage, 0, len(cmds))
	sort.Slice(cmds, func(i, j int) bool { return cmds[i]["name"].(string) < cmds[j]["name"].(string) })
	for _, c := range cmds {
		// What Discord stores and returns: the definition plus ids and defaults.
		c["id"] = s.newID()
		c["application_id"] = s.AppID
		c["version"] = s.newID()
		if _, ok := c["type"]; !ok {
			c["type"] = 1
		}
		c["dm_permission"] = true
		c["nsfw"] = false
		if g := r.PathValue("guild"); g != "" {
			c["guild_id"] = g
		}
		stripDefaults(c)
		b, _ := json.Marshal(c)
		out = append(out, b)
	}
	s.commands[scopeOf(r)] = out
	writeJSON(w, 200, out)
}

// stripDefaults drops what Discord does not echo back: options' false
// "required"/"autocomplete" and null lists.
func stripDefaults(m map[string]any) {
	for k, v := range m {
		switch v := v.(type) {
		case nil:
			delete(m, k)
		case bool:
			if !v && (k == "required" || k == "autocomplete") {
				delete(m, k)
			}
		case []any:
			for _, e := range v {
				if em, ok := e.(map[string]any); ok {
					stripDefaults(em)
				}
			}
		}
	}
}

// refuse answers 400 Invalid Form Body and records the problem.
func (s *Server) refuse(w http.ResponseWriter, format string, args ...any) {
	s.mu.Lock()
	s.problem(format, args...)
	s.mu.Unlock()
	apiError(w, 400, 50035, "Invalid Form Body")
}

func (s *Server) callback(w http.ResponseWriter, r *http.Request) {
	raw, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	in := s.inter[r.PathValue("id")]
	if in != nil && in.Token != r.PathValue("token") {
		in = nil
	}
	s.mu.Unlock()
	if status, code, msg := s.recordCallback(in, r.PathValue("id"), raw); status != 0 {
		apiError(w, status, code, msg)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// recordCallback validates and records an interaction's first response
// (from the callback endpoint, or the HTTP interactions endpoint's
// answer). It returns the error status, code and message Discord would
// answer, or status 0.
func (s *Server) recordCallback(in *Interaction, id string, raw []byte) (status, code int, msg string) {
	var cb Callback
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := json.Unmarshal(raw, &cb); err != nil {
		s.problem("callback for interaction %s: body is not JSON: %v", id, err)
		return 400, 50035, "Invalid Form Body"
	}
	cb.Raw = raw
	switch {
	case in == nil:
		s.problem("callback for unknown interaction %s", id)
		return 404, 10062, "Unknown interaction"
	case in.callback != nil:
		s.problem("interaction %s answered twice (types %d then %d)", in.ID, in.callback.Type, cb.Type)
		return 400, 40060, "Interaction has already been acknowledged."
	case time.Since(in.created) > s.opts.ResponseDeadline:
		s.problem("interaction %s answered after %v (deadline %v)", in.ID, time.Since(in.created).Round(time.Millisecond), s.opts.ResponseDeadline)
		return 404, 10062, "Unknown interaction"
	}
	if errs := validateCallback(in.Type, cb); len(errs) > 0 {
		s.problem("callback for interaction %s (type %d): %s", in.ID, in.Type, strings.Join(errs, "; "))
		return 400, 50035, "Invalid Form Body"
	}
	in.callback = &cb
	in.callbackAt = time.Now()
	switch cb.Type {
	case 4, 7:
		m := cb.message()
		in.original = &m
	case 5:
		in.original = &Message{Flags: cb.Data.Flags, Loading: true}
	case 6:
		in.original = &Message{Flags: in.messageFlags, Loading: true}
	}
	s.notify()
	return 0, 0, ""
}

// interactionFor finds the interaction a webhook URL belongs to; call with s.mu held.
func (s *Server) interactionFor(r *http.Request) *Interaction {
	if r.PathValue("app") != s.AppID {
		return nil
	}
	for _, in := range s.inter {
		if in.Token == r.PathValue("token") {
			return in
		}
	}
	return nil
}

func (s *Server) webhookMessage(w http.ResponseWriter, r *http.Request) {
	s.awaitHTTPCallback(r)
	s.mu.Lock()
	in := s.interactionFor(r)
	if in == nil {
		s.problem("%s on the webhook of an unknown interaction", r.Method)
		s.mu.Unlock()
		apiError(w, 404, 10015, "Unknown Webhook")
		return
	}
	if r.PathValue("msg") != "@original" {
		s.problem("%s on follow-up message %s: not supported by the fake", r.Method, r.PathValue("msg"))
		s.mu.Unlock()
		apiError(w, 404, 10008, "Unknown Message")
		return
	}
	if in.callback == nil || in.original == nil {
		s.problem("%s @original of interaction %s before any response", r.Method, in.ID)
		s.mu.Unlock()
		apiError(w, 404, 10008, "Unknown Message")
		return
	}
	switch r.Method {
	case "GET":
		m := *in.original
		s.mu.Unlock()
		writeJSON(w, 200, s.messageObject(m, ""))
		return
	case "DELETE":
		in.original = nil
		in.deleted = true
		s.notify()
		s.mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
		return
	}
	s.mu.Unlock()
	raw, _ := io.ReadAll(r.Body)
	var m Message
	if err := json.Unmarshal(raw, &m); err != nil {
		s.refuse(w, "edit @original: body is not JSON: %v", err)
		return
	}
	m.Raw = raw
	if errs := validateMessage(m, true); len(errs) > 0 {
		s.refuse(w, "edit @original of interaction %s: %s", in.ID, strings.Join(errs, "; "))
		return
	}
	if m.Flags != 0 {
		s.refuse(w, "edit @original of interaction %s: flags %d cannot be edited", in.ID, m.Flags)
		return
	}
	s.mu.Lock()
	m.Flags = in.original.Flags
	in.original = &m
	in.edits++
	s.notify()
	s.mu.Unlock()
	writeJSON(w, 200, s.messageObject(m, ""))
}

func (s *Server) followup(w http.ResponseWriter, r *http.Request) {
	s.awaitHTTPCallback(r)
	s.mu.Lock()
	in := s.interactionFor(r)
	if in == nil || in.callback == nil {
		s.problem("follow-up on an unknown or unanswered interaction")
		s.mu.Unlock()
		apiError(w, 404, 10015, "Unknown Webhook")
		return
	}
	s.mu.Unlock()
	raw, _ := io.ReadAll(r.Body)
	var m Message
	if err := json.Unmarshal(raw, &m); err != nil {
		s.refuse(w, "follow-up: body is not JSON: %v", err)
		return
	}
	m.Raw = raw
	if errs := validateMessage(m, false); len(errs) > 0 {
		s.refuse(w, "follow-up of interaction %s: %s", in.ID, strings.Join(errs, "; "))
		return
	}
	s.mu.Lock()
	in.followups = append(in.followups, m)
	s.notify()
	s.mu.Unlock()
	if r.URL.Query().Get("wait") == "true" {
		writeJSON(w, 200, s.messageObject(m, ""))
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) channelMessage(w http.ResponseWriter, r *http.Request) {
	raw, _ := io.ReadAll(r.Body)
	var m struct {
		Message
		Nonce        any  `json:"nonce"`
		EnforceNonce bool `json:"enforce_nonce"`
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		s.refuse(w, "channel message: body is not JSON: %v", err)
		return
	}
	m.Raw = raw
	errs := validateMessage(m.Message, false)
	if n, ok := m.Nonce.(string); ok && len(n) > 25 {
		errs = append(errs, "nonce longer than 25 characters")
	}
	if m.Flags&^(4|4096) != 0 {
		errs = append(errs, "channel messages may only carry flags SUPPRESS_EMBEDS and SUPPRESS_NOTIFICATIONS")
	}
	if len(errs) > 0 {
		s.refuse(w, "message to channel %s: %s", r.PathValue("channel"), strings.Join(errs, "; "))
		return
	}
	s.mu.Lock()
	ch := r.PathValue("channel")
	s.messages[ch] = append(s.messages[ch], raw)
	s.notify()
	s.mu.Unlock()
	writeJSON(w, 200, s.messageObject(m.Message, ch))
}

// ChannelMessages returns the messages posted to a channel.
func (s *Server) ChannelMessages(channelID string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Message
	for _, raw := range s.messages[channelID] {
		var m Message
		_ = json.Unmarshal(raw, &m)
		m.Raw = raw
		out = append(out, m)
	}
	return out
}

func (s *Server) messageObject(m Message, channel string) map[string]any {
	s.mu.Lock()
	id := s.newID()
	s.mu.Unlock()
	if channel == "" {
		channel = "100000000000000010"
	}
	return map[string]any{"id": id, "channel_id": channel, "type": 0, "content": m.Content, "embeds": m.Embeds,
		"components": m.Components, "flags": m.Flags, "timestamp": time.Now().UTC().Format(time.RFC3339),
		"author": map[string]any{"id": s.BotID, "username": "briefbot", "bot": true}}
}

// awaitHTTPCallback gives an interaction delivered to an HTTP endpoint a
// moment for its HTTP response (the first response) to be recorded: the
// bot may edit it as soon as it has written that response, before the
// fake has read it.
func (s *Server) awaitHTTPCallback(r *http.Request) {
	if s.opts.InteractionsURL == "" {
		return
	}
	_ = s.waitFor(2*time.Second, func() bool {
		in := s.interactionFor(r)
		return in == nil || in.callback != nil
	})
}
