package discordtest

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
	"time"
)

func post(t *testing.T, url, body string, auth bool, token string) int {
	t.Helper()
	req, _ := http.NewRequest("POST", url, bytes.NewReader([]byte(body)))
	req.Header.Set("Content-Type", "application/json")
	if auth {
		req.Header.Set("Authorization", "Bot "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// The fake refuses what Discord refuses, and says why in Problems.
func TestFakeEnforcesTheProtocol(t *testing.T) {
	s := New(Options{ResponseDeadline: time.Minute})
	defer s.Close()
	api := s.URL + "/api/v9"
	msg := `{"content":"hi","allowed_mentions":{"parse":[]}}`

	if got := post(t, api+"/channels/1/messages", msg, false, ""); got != 401 {
		t.Errorf("no token: %d; want 401", got)
	}
	if got := post(t, api+"/channels/1/messages", msg, true, s.Token); got != 200 {
		t.Errorf("good message: %d; want 200", got)
	}
	if got := post(t, api+"/channels/1/messages", `{"content":"hi @everyone"}`, true, s.Token); got != 400 {
		t.Errorf("message that could ping: %d; want 400", got)
	}
	if got := post(t, api+"/nowhere", `{}`, true, s.Token); got != 404 {
		t.Errorf("unknown route: %d; want 404", got)
	}

	in := s.SendCommand("x") // queued: no gateway yet
	cb := api + "/interactions/" + in.ID + "/" + in.Token + "/callback"
	if got := post(t, cb, `{"type":5}`, false, ""); got != 204 {
		t.Errorf("deferral: %d; want 204", got)
	}
	if got := post(t, cb, `{"type":4,"data":`+msg+`}`, false, ""); got != 400 {
		t.Errorf("second response: %d; want 400", got)
	}
	// A fake whose deadline has always passed: every response is late.
	strict := New(Options{ResponseDeadline: time.Nanosecond})
	defer strict.Close()
	late := strict.SendCommand("x")
	if got := post(t, strict.URL+"/api/v9/interactions/"+late.ID+"/"+late.Token+"/callback", `{"type":4,"data":`+msg+`}`, false, ""); got != 404 {
		t.Errorf("late response: %d; want 404 Unknown interaction", got)
	}
	if p := strict.Problems(); len(p) != 1 || !strings.Contains(p[0], "answered after") {
		t.Errorf("late response problems: %q", p)
	}

	s.FailNext("POST /channels/{channel}/messages", 1, RateLimited(200*time.Millisecond))
	if got := post(t, api+"/channels/1/messages", msg, true, s.Token); got != 429 {
		t.Errorf("rate limited: %d; want 429", got)
	}
	if got := post(t, api+"/channels/1/messages", msg, true, s.Token); got != 429 {
		t.Errorf("retry before Retry-After: %d; want 429", got)
	}

	want := []string{"unexpected request", "allowed_mentions", "answered twice", "before its rate limit reset"}
	got := strings.Join(s.Problems(), "\n")
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("problems do not mention %q:\n%s", w, got)
		}
	}
	if n := s.Count("POST /channels/{channel}/messages"); n != 5 {
		t.Errorf("%d recorded channel messages; want 5", n)
	}
}
