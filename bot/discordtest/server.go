// Package discordtest is a fake Discord for end-to-end tests: an
// httptest server on 127.0.0.1 that speaks enough of Discord's REST API
// (v9) and gateway for discordgo v0.28.1 to run against it unchanged.
//
// It records every request the bot sends (method, route, JSON body, time)
// and every gateway frame it receives, validates what the bot sends
// against Discord's rules (callback types per interaction, flags, message
// and embed limits, 25 choices, command definitions) and answers a
// violation with Discord's 400, as Discord would; see Problems. Tests can
// make the next requests on a route fail with 429 or 5xx, attach
// rate-limit headers to a response (and check the bot honours them), drop
// the websocket so the bot reconnects and resumes, and inject
// interactions (SendCommand, SendAutocomplete, SendComponent,
// SendModalSubmit).
package discordtest

import (
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Options configure a fake Discord.
type Options struct {
	Token             string        // the bot token the fake accepts (without "Bot "); "test-token" when empty
	HeartbeatInterval time.Duration // sent in HELLO; 250ms when zero (Discord's is ~41s)
	// ResponseDeadline is how long an interaction accepts its first
	// response (Discord: 3s); later callbacks get 404 Unknown interaction.
	ResponseDeadline time.Duration
	// InteractionsURL, when set, makes the fake deliver interactions as
	// Discord does to an HTTP interactions endpoint: a POST signed with
	// SigningKey, whose response is the first response.
	InteractionsURL string
	SigningKey      ed25519.PrivateKey
}

// Request is one request the bot sent: a REST call, or a gateway frame
// (Method "GATEWAY", Route the opcode's name: IDENTIFY, RESUME, HEARTBEAT).
type Request struct {
	Method string
	Path   string // as sent, with /api/v9
	Route  string // the matched route, e.g. "POST /interactions/{id}/{token}/callback"
	Query  string
	Header http.Header
	Body   json.RawMessage
	Time   time.Time
	Status int // what the fake answered
}

// Fault is how the fake answers a request instead of serving it.
type Fault struct {
	Status     int           // 429 or 5xx
	RetryAfter time.Duration // with 429
	Global     bool          // with 429: a global rate limit
}

// RateLimited is a 429 asking the client to wait d.
func RateLimited(d time.Duration) Fault {
	return Fault{Status: http.StatusTooManyRequests, RetryAfter: d}
}

// ServerError is a 5xx answer.
func ServerError(status int) Fault { return Fault{Status: status} }

// Server is a fake Discord.
type Server struct {
	HTTP    *httptest.Server
	URL     string // the REST base URL (http://127.0.0.1:port): give it as the bot's API base
	Token   string
	AppID   string
	BotID   string
	GuildID string
	opts    Options

	mux *http.ServeMux

	mu       sync.Mutex
	changed  chan struct{} // closed and replaced on every recorded change
	requests []Request
	problems []string
	faults   map[string][]Fault
	limits   map[string]time.Duration // route -> reset-after for the next successful response
	blocked  map[string]time.Time     // route -> the client must not call before
	commands map[string][]json.RawMessage
	inter    map[string]*Interaction
	messages map[string][]json.RawMessage // channel id -> messages posted
	nextID   int64
	gw       gateway
}

// New starts a fake Discord on 127.0.0.1. Close it when done.
func New(opts Options) *Server {
	if opts.Token == "" {
		opts.Token = "test-token"
	}
	if opts.HeartbeatInterval <= 0 {
		opts.HeartbeatInterval = 250 * time.Millisecond
	}
	if opts.ResponseDeadline <= 0 {
		opts.ResponseDeadline = 3 * time.Second
	}
	s := &Server{
		Token:    opts.Token,
		AppID:    "100000000000000001",
		BotID:    "100000000000000002",
		GuildID:  "100000000000000003",
		opts:     opts,
		mux:      http.NewServeMux(),
		changed:  make(chan struct{}),
		faults:   make(map[string][]Fault),
		limits:   make(map[string]time.Duration),
		blocked:  make(map[string]time.Time),
		commands: make(map[string][]json.RawMessage),
		inter:    make(map[string]*Interaction),
		messages: make(map[string][]json.RawMessage),
		nextID:   200000000000000000,
	}
	s.routes()
	s.HTTP = httptest.NewServer(http.HandlerFunc(s.serve)) // httptest listens on 127.0.0.1
	s.URL = s.HTTP.URL
	return s
}

// Close drops the gateway connection and stops the server.
func (s *Server) Close() {
	s.DropGateway()
	s.HTTP.CloseClientConnections()
	s.HTTP.Close()
}

func (s *Server) newID() string {
	s.nextID++
	return strconv.FormatInt(s.nextID, 10)
}

// notify wakes the waiters; call with s.mu held.
func (s *Server) notify() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// problem records a rule the bot broke; call with s.mu held.
func (s *Server) problem(format string, args ...any) {
	s.problems = append(s.problems, fmt.Sprintf(format, args...))
	s.notify()
}

// Problems lists every rule the bot broke: payloads Discord would refuse,
// rate limits not honoured, interactions answered twice or too late,
// messages that could ping.
func (s *Server) Problems() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.problems...)
}

// Requests lists what the bot sent so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Count counts the recorded requests on a route ("PUT /applications/{app}/commands",
// or "GATEWAY RESUME").
func (s *Server) Count(route string) int {
	n := 0
	for _, r := range s.Requests() {
		if r.Route == route {
			n++
		}
	}
	return n
}

// Wait waits up to timeout for the n-th (1-based) recorded request
// matching route and returns it.
func (s *Server) Wait(timeout time.Duration, route string, n int) (Request, error) {
	var got Request
	err := s.waitFor(timeout, func() bool {
		k := 0
		for _, r := range s.requests {
			if r.Route == route {
				k++
				if k == n {
					got = r
					return true
				}
			}
		}
		return false
	})
	if err != nil {
		return Request{}, fmt.Errorf("waiting for request %d on %q: %w", n, route, err)
	}
	return got, nil
}

// waitFor waits until cond (called with s.mu held) is true.
func (s *Server) waitFor(timeout time.Duration, cond func() bool) error {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		ok := cond()
		ch := s.changed
		s.mu.Unlock()
		if ok {
			return nil
		}
		select {
		case <-ch:
		case <-deadline.C:
			return fmt.Errorf("timed out after %v", timeout)
		}
	}
}

// FailNext makes the next n requests on route (e.g. "POST /channels/{channel}/messages")
// fail with f.
func (s *Server) FailNext(route string, n int, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.faults[route] = append(s.faults[route], f)
	}
}

// LimitNext makes the next successful response on route say the route's
// bucket is empty for resetAfter (X-RateLimit-Remaining: 0,
// X-RateLimit-Reset-After). A request on the route before then is
// answered 429 and recorded as a problem.
func (s *Server) LimitNext(route string, resetAfter time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.limits[route] = resetAfter
}

// apiError writes one of Discord's JSON errors.
func apiError(w http.ResponseWriter, status, code int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"code": code, "message": msg})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func seconds(d time.Duration) string {
	return strconv.FormatFloat(d.Seconds(), 'f', 3, 64)
}

// serve records the request, applies faults and rate limits, checks the
// token, then serves the route.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/ws" || r.URL.Path == "/ws/" {
		s.serveGateway(w, r)
		return
	}
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	_, pattern := s.mux.Handler(r)
	route := strings.Replace(pattern, "/api/v9", "", 1)
	if pattern == "" {
		route = r.Method + " ?" + r.URL.Path
	}
	rec := Request{Method: r.Method, Path: r.URL.Path, Route: route, Query: r.URL.RawQuery,
		Header: r.Header.Clone(), Time: time.Now()}
	if len(body) > 0 {
		rec.Body = json.RawMessage(bytes.Clone(body))
	}
	status := s.answer(w, r, route, pattern, body, rec.Time)
	rec.Status = status
	s.mu.Lock()
	s.requests = append(s.requests, rec)
	s.notify()
	s.mu.Unlock()
}

func (s *Server) answer(w http.ResponseWriter, r *http.Request, route, pattern string, body []byte, now time.Time) int {
	if pattern == "" {
		s.mu.Lock()
		s.problem("unexpected request %s %s", r.Method, r.URL.Path)
		s.mu.Unlock()
		apiError(w, 404, 0, "404: Not Found")
		return 404
	}
	s.mu.Lock()
	if until, ok := s.blocked[route]; ok {
		if now.Before(until) {
			s.problem("%s sent %v before its rate limit reset", route, until.Sub(now).Round(time.Millisecond))
			s.mu.Unlock()
			s.rateLimit(w, until.Sub(now), false)
			return 429
		}
		delete(s.blocked, route)
	}
	var fault *Fault
	if fs := s.faults[route]; len(fs) > 0 {
		fault = &fs[0]
		s.faults[route] = fs[1:]
		if fault.Status == 429 {
			s.blocked[route] = now.Add(fault.RetryAfter)
		}
	}
	limit, limited := s.limits[route]
	s.mu.Unlock()

	if fault != nil {
		if fault.Status == 429 {
			s.rateLimit(w, fault.RetryAfter, fault.Global)
		} else {
			apiError(w, fault.Status, 0, http.StatusText(fault.Status))
		}
		return fault.Status
	}
	webhook := strings.HasPrefix(route, r.Method+" /webhooks/") || strings.HasPrefix(route, r.Method+" /interactions/")
	if !webhook && r.Header.Get("Authorization") != "Bot "+s.Token {
		apiError(w, 401, 0, "401: Unauthorized")
		return 401
	}
	if len(body) > 0 && !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		apiError(w, 400, 50035, "Invalid Form Body: expected application/json")
		return 400
	}
	sw := &statusWriter{ResponseWriter: w}
	if limited {
		h := w.Header()
		h.Set("X-RateLimit-Limit", "5")
		h.Set("X-RateLimit-Remaining", "0")
		h.Set("X-RateLimit-Reset-After", seconds(limit))
		h.Set("X-RateLimit-Reset", strconv.FormatFloat(float64(now.Add(limit).UnixMilli())/1000, 'f', 3, 64))
		h.Set("X-RateLimit-Bucket", "fake-"+strconv.Itoa(len(route)))
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	s.mux.ServeHTTP(sw, r)
	if limited && sw.status < 300 {
		s.mu.Lock()
		delete(s.limits, route)
		s.blocked[route] = now.Add(limit)
		s.mu.Unlock()
	}
	return sw.status
}

func (s *Server) rateLimit(w http.ResponseWriter, d time.Duration, global bool) {
	h := w.Header()
	h.Set("Retry-After", strconv.Itoa(int(math.Ceil(d.Seconds()))))
	h.Set("X-RateLimit-Limit", "5")
	h.Set("X-RateLimit-Remaining", "0")
	h.Set("X-RateLimit-Reset-After", seconds(d))
	h.Set("X-RateLimit-Scope", "user")
	if global {
		h.Set("X-RateLimit-Global", "true")
		h.Set("X-RateLimit-Scope", "global")
	}
	writeJSON(w, 429, map[string]any{"message": "You are being rate limited.", "retry_after": d.Seconds(), "global": global})
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = 200
	}
	return w.ResponseWriter.Write(b)
}
