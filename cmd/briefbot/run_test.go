package main

import (
	"bytes"
	"crypto/ed25519"
	"encoding/hex"
	"io"
	"net"
	"net/http"
	"strconv"

	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/discordtest"
)

// TestRunAgainstFakeDiscord runs `briefbot run` (a real subprocess,
// discordgo included) against the fake Discord over loopback: it registers
// the commands in the configured guild, schedules the configured digest,
// and stops cleanly on SIGTERM without ever logging the token.
func TestRunAgainstFakeDiscord(t *testing.T) {
	fake := discordtest.New(discordtest.Options{Token: "run-test-secret-token"})
	defer fake.Close()
	db := sampleCorpus(t)
	cfg := filepath.Join(t.TempDir(), "briefbot.toml")
	if err := os.WriteFile(cfg, []byte(`
[[digest]]
name = "morning"
cron = "0 8 * * 1-5"
channel = "100000000000000001"
command = "/brief"
timezone = "Europe/Berlin"
`), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(binary, "run", "--config", cfg)
	cmd.Env = cleanEnv("DISCORD_TOKEN="+fake.Token, "BRIEFBOT_DISCORD_API="+fake.URL, "BRIEFBOT_DB="+db,
		"BRIEFBOT_DISCORD_GUILD="+fake.GuildID, "BRIEFBOT_LOG_LEVEL=debug")
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	defer func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
		}
	}()
	if _, err := fake.Wait(30*time.Second, "PUT /applications/{app}/guilds/{guild}/commands", 1); err != nil {
		_ = cmd.Process.Kill()
		<-done
		t.Fatalf("the bot registered no guild commands: %v\n%s", err, stderr.String())
	}
	if _, err := fake.Wait(30*time.Second, "GATEWAY IDENTIFY", 1); err != nil {
		t.Fatalf("the bot never identified on the gateway: %v\n%s", err, stderr.String())
	}
	// A member asks /quotes over the gateway and sees the corpus's answer.
	in := fake.SendCommand("quotes", discordtest.String("speaker", "vask"))
	msg, err := in.Reply(20 * time.Second)
	if err != nil {
		t.Fatalf("no reply to /quotes: %v\n%s", err, stderr.String())
	}
	if len(msg.Embeds) == 0 || !strings.Contains(string(msg.Raw), "Water is not a weapon") {
		t.Errorf("/quotes speaker:vask over Discord: %s", msg.Raw)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run did not exit cleanly on SIGTERM: %v\n%s", err, stderr.String())
		}
	case <-time.After(30 * time.Second):
		_ = cmd.Process.Kill()
		<-done
		t.Fatalf("run did not stop within 30s of SIGTERM\n%s", stderr.String())
	}
	logs := stderr.String()
	if strings.Contains(logs, fake.Token) {
		t.Errorf("the token appears in the logs:\n%s", logs)
	}
	for _, want := range []string{"digest scheduled", "digest=morning", "briefbot stopped"} {
		if !strings.Contains(logs, want) {
			t.Errorf("logs lack %q:\n%s", want, logs)
		}
	}
	if p := fake.Problems(); len(p) > 0 {
		t.Errorf("the fake Discord saw rule breaks: %s", strings.Join(p, "; "))
	}
	if n := fake.Count("PUT /applications/{app}/commands"); n != 0 {
		t.Errorf("%d global registrations with a guild configured", n)
	}

}

// TestRunInteractionsEndpoint runs `briefbot run` with the HTTP
// interactions endpoint on and checks it as Discord does: a bad signature
// gets 401, a signed PING gets PONG, and a signed command gets its answer.
func TestRunInteractionsEndpoint(t *testing.T) {
	fake := discordtest.New(discordtest.Options{})
	defer fake.Close()
	db := sampleCorpus(t)
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(binary, "run")
	cmd.Env = cleanEnv("DISCORD_TOKEN="+fake.Token, "BRIEFBOT_DISCORD_API="+fake.URL, "BRIEFBOT_DB="+db,
		"BRIEFBOT_HTTP_ADDR="+addr, "BRIEFBOT_DISCORD_PUBLIC_KEY="+hex.EncodeToString(pub))
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	defer func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("run did not exit cleanly: %v\n%s", err, logs.String())
			}
		case <-time.After(30 * time.Second):
			_ = cmd.Process.Kill()
			t.Errorf("run did not stop on SIGTERM\n%s", logs.String())
		}
	}()
	base := "http://" + addr
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("the endpoint never answered /healthz: %v\n%s", err, logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	post := func(body string, sign bool) (int, string) {
		req, _ := http.NewRequest(http.MethodPost, base+"/interactions", strings.NewReader(body))
		ts := strconv.FormatInt(time.Now().Unix(), 10)
		sig := make([]byte, ed25519.SignatureSize)
		if sign {
			sig = ed25519.Sign(priv, []byte(ts+body))
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Signature-Timestamp", ts)
		req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(sig))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	ping := `{"type":1,"id":"1","application_id":"` + fake.AppID + `","token":"t"}`
	if code, _ := post(ping, false); code != http.StatusUnauthorized {
		t.Errorf("a badly signed request got %d, want 401", code)
	}
	if code, body := post(ping, true); code != http.StatusOK || !strings.Contains(strings.ReplaceAll(body, " ", ""), `"type":1`) {
		t.Errorf("PING: %d %s", code, body)
	}
	command := `{"type":2,"id":"2","application_id":"` + fake.AppID + `","token":"tok2","guild_id":"` + fake.GuildID +
		`","channel_id":"3","member":{"user":{"id":"4","username":"m"},"permissions":"0","roles":[]},"data":{"id":"5","name":"stats","type":1}}`
	code, body := post(command, true)
	if code != http.StatusOK || !strings.Contains(body, "Articles") {
		t.Errorf("/stats over the endpoint: %d %s", code, body)
	}
}
