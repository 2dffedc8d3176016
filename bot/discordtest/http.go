package discordtest

import (
	"bytes"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"
)

// Deliver POSTs body to Options.InteractionsURL signed as Discord signs
// it (Ed25519 over X-Signature-Timestamp + body); with tamper the
// signature is for different bytes. It returns the endpoint's answer.
func (s *Server) Deliver(body []byte, tamper bool) (status int, answer []byte, err error) {
	if s.opts.InteractionsURL == "" || s.opts.SigningKey == nil {
		return 0, nil, fmt.Errorf("fake Discord: no InteractionsURL and SigningKey to deliver to")
	}
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	signed := append([]byte(ts), body...)
	if tamper {
		signed = append(signed, ' ')
	}
	sig := ed25519.Sign(s.opts.SigningKey, signed)
	req, err := http.NewRequest("POST", s.opts.InteractionsURL, bytes.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Discord-Interactions/1.0 (+https://discord.com)")
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(sig))
	req.Header.Set("X-Signature-Timestamp", ts)
	client := &http.Client{Timeout: s.opts.ResponseDeadline + time.Second}
	resp, err := client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	answer, err = io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	return resp.StatusCode, answer, err
}

// Ping sends a PING (type 1) and checks the endpoint answers {"type": 1}.
func (s *Server) Ping() error {
	body, _ := json.Marshal(map[string]any{"id": "1", "application_id": s.AppID, "type": 1, "token": "ping", "version": 1})
	status, answer, err := s.Deliver(body, false)
	if err != nil {
		return err
	}
	var pong struct{ Type int }
	if status != 200 || json.Unmarshal(answer, &pong) != nil || pong.Type != 1 {
		return fmt.Errorf("PING answered %d %s; want 200 {\"type\":1}", status, answer)
	}
	return nil
}

// deliver sends an interaction to the HTTP endpoint and records its
// answer as the interaction's first response.
func (s *Server) deliver(in *Interaction, body []byte) {
	status, answer, err := s.Deliver(body, false)
	if err == nil && status != 200 {
		err = fmt.Errorf("status %d: %s", status, answer)
	}
	if err != nil {
		s.mu.Lock()
		s.problem("interaction %s: the HTTP endpoint failed: %v", in.ID, err)
		s.mu.Unlock()
		return
	}
	s.recordCallback(in, in.ID, answer)
}
