package discordtest

import (
	"bytes"
	"compress/zlib"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// gateway is the fake's one gateway session: the live connection, and
// the dispatched events kept for RESUME.
type gateway struct {
	conn      *wsConn
	sessionID string
	seq       int64
	events    []event
	conns     int // connections accepted so far
}

type event struct {
	Seq  int64
	Type string
	Data json.RawMessage
}

type wsConn struct {
	c        *websocket.Conn
	mu       sync.Mutex // serialises writes
	compress bool
}

func (c *wsConn) send(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.compress {
		var z bytes.Buffer
		w := zlib.NewWriter(&z)
		_, _ = w.Write(b)
		_ = w.Close()
		return c.c.WriteMessage(websocket.BinaryMessage, z.Bytes())
	}
	return c.c.WriteMessage(websocket.TextMessage, b)
}

type frame struct {
	Op int             `json:"op"`
	D  json.RawMessage `json:"d"`
}

func dispatch(seq int64, t string, d json.RawMessage) map[string]any {
	return map[string]any{"op": 0, "s": seq, "t": t, "d": d}
}

var opNames = map[int]string{1: "HEARTBEAT", 2: "IDENTIFY", 3: "PRESENCE_UPDATE", 4: "VOICE_STATE_UPDATE", 6: "RESUME", 8: "REQUEST_GUILD_MEMBERS"}

// serveGateway speaks the gateway protocol on one websocket connection.
func (s *Server) serveGateway(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if q.Get("v") != "9" || q.Get("encoding") != "json" {
		s.mu.Lock()
		s.problem("gateway dialled with %q: want v=9&encoding=json", r.URL.RawQuery)
		s.mu.Unlock()
		http.Error(w, "bad gateway query", http.StatusBadRequest)
		return
	}
	up := websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}
	c, err := up.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	conn := &wsConn{c: c}
	defer c.Close()
	s.mu.Lock()
	s.gw.conns++
	s.mu.Unlock()
	if err := conn.send(map[string]any{"op": 10, "d": map[string]any{"heartbeat_interval": s.opts.HeartbeatInterval.Milliseconds()}}); err != nil {
		return
	}
	for {
		_, msg, err := c.ReadMessage()
		if err != nil {
			s.mu.Lock()
			if s.gw.conn == conn {
				s.gw.conn = nil
			}
			s.notify()
			s.mu.Unlock()
			return
		}
		var f frame
		if err := json.Unmarshal(msg, &f); err != nil {
			s.mu.Lock()
			s.problem("gateway frame is not JSON: %v", err)
			s.mu.Unlock()
			continue
		}
		name := opNames[f.Op]
		if name == "" {
			name = "OP_" + strconv.Itoa(f.Op)
		}
		s.mu.Lock()
		s.requests = append(s.requests, Request{Method: "GATEWAY", Route: "GATEWAY " + name, Body: json.RawMessage(msg), Time: time.Now()})
		s.notify()
		s.mu.Unlock()
		switch f.Op {
		case 1:
			_ = conn.send(map[string]any{"op": 11})
		case 2:
			if !s.identify(conn, f.D) {
				return
			}
		case 6:
			if !s.resume(conn, f.D) {
				return
			}
		}
	}
}

func (s *Server) identify(conn *wsConn, d json.RawMessage) bool {
	var id struct {
		Token    string `json:"token"`
		Intents  *int   `json:"intents"`
		Compress bool   `json:"compress"`
	}
	_ = json.Unmarshal(d, &id)
	if id.Token != "Bot "+s.Token {
		_ = conn.c.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(4004, "Authentication failed."))
		return false
	}
	if id.Intents == nil {
		_ = conn.c.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(4013, "Invalid intent(s)."))
		return false
	}
	conn.compress = id.Compress
	s.mu.Lock()
	s.gw.sessionID = "session-" + s.newID()
	s.gw.seq = 0
	s.gw.events = nil
	s.gw.conn = conn
	ready, _ := json.Marshal(map[string]any{
		"v": 9, "session_id": s.gw.sessionID, "resume_gateway_url": "ws" + strings.TrimPrefix(s.URL, "http") + "/ws",
		"user":        map[string]any{"id": s.BotID, "username": "briefbot", "discriminator": "0", "bot": true},
		"application": map[string]any{"id": s.AppID, "flags": 0},
		"guilds":      []any{map[string]any{"id": s.GuildID, "unavailable": true}},
		"shard":       []int{0, 1},
	})
	s.gw.seq++
	err := conn.send(dispatch(s.gw.seq, "READY", ready))
	s.notify()
	s.mu.Unlock()
	return err == nil
}

func (s *Server) resume(conn *wsConn, d json.RawMessage) bool {
	var rs struct {
		Token     string `json:"token"`
		SessionID string `json:"session_id"`
		Seq       int64  `json:"seq"`
	}
	_ = json.Unmarshal(d, &rs)
	if rs.Token != "Bot "+s.Token {
		_ = conn.c.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(4004, "Authentication failed."))
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if rs.SessionID != s.gw.sessionID || rs.Seq > s.gw.seq {
		s.problem("RESUME of session %q at seq %d: the fake knows session %q at seq %d", rs.SessionID, rs.Seq, s.gw.sessionID, s.gw.seq)
		_ = conn.send(map[string]any{"op": 9, "d": false})
		return true
	}
	s.gw.conn = conn
	// Replay what the client missed, then RESUMED, as Discord does.
	for _, e := range s.gw.events {
		if e.Seq > rs.Seq {
			if err := conn.send(dispatch(e.Seq, e.Type, e.Data)); err != nil {
				return false
			}
		}
	}
	s.gw.seq++
	err := conn.send(dispatch(s.gw.seq, "RESUMED", json.RawMessage(`{}`)))
	s.notify()
	return err == nil
}

// Dispatch sends an event to the bot (queued for RESUME when the gateway
// is down).
func (s *Server) Dispatch(eventType string, data any) {
	b, _ := json.Marshal(data)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dispatchLocked(eventType, b)
}

func (s *Server) dispatchLocked(eventType string, b json.RawMessage) {
	s.gw.seq++
	s.gw.events = append(s.gw.events, event{Seq: s.gw.seq, Type: eventType, Data: b})
	if s.gw.conn != nil {
		_ = s.gw.conn.send(dispatch(s.gw.seq, eventType, b))
	}
}

// DropGateway closes the gateway connection abruptly (no close frame),
// as a network failure would; the bot should reconnect and RESUME.
func (s *Server) DropGateway() {
	s.mu.Lock()
	conn := s.gw.conn
	s.gw.conn = nil
	s.mu.Unlock()
	if conn != nil {
		_ = conn.c.NetConn().Close()
	}
}

// WaitReady waits until a gateway session is live (after READY or RESUMED).
func (s *Server) WaitReady(timeout time.Duration) error {
	return s.waitFor(timeout, func() bool { return s.gw.conn != nil })
}

// Connections counts the gateway connections accepted so far.
func (s *Server) Connections() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.gw.conns
}
