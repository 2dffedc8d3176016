package config

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func writeFile(t *testing.T, name, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestDefaults(t *testing.T) {
	cfg, err := Load("", env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	if cfg.DB != DefaultDB || cfg.MaxDocumentBytes != 5<<20 || cfg.DiscordAPI != "https://discord.com" ||
		cfg.FetchTimeout != 30*time.Second || cfg.Timezone != "UTC" || cfg.LogLevel != slog.LevelInfo || cfg.LogFormat != "text" {
		t.Errorf("defaults: %+v", cfg)
	}
	if err := cfg.RequireDiscord(); err == nil || !strings.Contains(err.Error(), "DISCORD_TOKEN") {
		t.Errorf("RequireDiscord without a token: %v", err)
	}
}

func TestEnvErrors(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want string // substring of the error; "" means no error
	}{
		{"negative size", map[string]string{"BRIEFBOT_MAX_DOCUMENT_BYTES": "-3"}, `BRIEFBOT_MAX_DOCUMENT_BYTES: must be a positive size like 5MiB, got "-3"`},
		{"zero size", map[string]string{"BRIEFBOT_MAX_DOCUMENT_BYTES": "0"}, `BRIEFBOT_MAX_DOCUMENT_BYTES: must be a positive size`},
		{"garbage size", map[string]string{"BRIEFBOT_MAX_DOCUMENT_BYTES": "lots"}, `BRIEFBOT_MAX_DOCUMENT_BYTES: must be a positive size like 5MiB, got "lots"`},
		{"size with unit", map[string]string{"BRIEFBOT_MAX_DOCUMENT_BYTES": "512KiB"}, ""},
		{"level", map[string]string{"BRIEFBOT_LOG_LEVEL": "loud"}, `BRIEFBOT_LOG_LEVEL: must be debug, info, warn or error, got "loud"`},
		{"level ok", map[string]string{"BRIEFBOT_LOG_LEVEL": "debug"}, ""},
		{"format", map[string]string{"BRIEFBOT_LOG_FORMAT": "xml"}, `BRIEFBOT_LOG_FORMAT: must be text or json`},
		{"timezone", map[string]string{"BRIEFBOT_TIMEZONE": "Mars/Olympus"}, `BRIEFBOT_TIMEZONE: must be an IANA time zone`},
		{"timezone ok", map[string]string{"BRIEFBOT_TIMEZONE": "Europe/Kyiv"}, ""},
		{"fetch timeout", map[string]string{"BRIEFBOT_FETCH_TIMEOUT": "soon"}, `BRIEFBOT_FETCH_TIMEOUT: must be a duration like 30s`},
		{"fetch allow", map[string]string{"BRIEFBOT_FETCH_ALLOW": "10.20.0.0/16, intranet"}, `BRIEFBOT_FETCH_ALLOW: must be IP addresses or networks like 10.20.0.0/16 separated by commas, got "intranet"`},
		{"fetch allow bad prefix", map[string]string{"BRIEFBOT_FETCH_ALLOW": "10.20.0.0/99"}, `BRIEFBOT_FETCH_ALLOW: must be IP addresses or networks`},
		{"fetch allow ok", map[string]string{"BRIEFBOT_FETCH_ALLOW": "127.0.0.1 ::1,10.20.0.0/16"}, ""},
		{"fetch timeout negative", map[string]string{"BRIEFBOT_FETCH_TIMEOUT": "-1s"}, `BRIEFBOT_FETCH_TIMEOUT: must be a positive duration`},
		{"api", map[string]string{"BRIEFBOT_DISCORD_API": "discord.com"}, `BRIEFBOT_DISCORD_API: must be an http(s) base URL`},
		{"guild", map[string]string{"BRIEFBOT_DISCORD_GUILD": "my-server"}, `BRIEFBOT_DISCORD_GUILD: must be a guild id`},
		{"roles", map[string]string{"BRIEFBOT_ADMIN_ROLES": "123, admins"}, `BRIEFBOT_ADMIN_ROLES: must be role ids`},
		{"roles ok", map[string]string{"BRIEFBOT_ADMIN_ROLES": "123, 456"}, ""},
		{"endpoint without key", map[string]string{"BRIEFBOT_HTTP_ADDR": ":8080"}, `BRIEFBOT_HTTP_ADDR is set but BRIEFBOT_DISCORD_PUBLIC_KEY is not`},
		{"bad key", map[string]string{"BRIEFBOT_DISCORD_PUBLIC_KEY": "abc"}, `BRIEFBOT_DISCORD_PUBLIC_KEY: must be the application's public key`},
		{"token twice", map[string]string{"DISCORD_TOKEN": "x", "BRIEFBOT_DISCORD_TOKEN_FILE": "/nonexistent"}, `DISCORD_TOKEN and BRIEFBOT_DISCORD_TOKEN_FILE are both set`},
		{"token file missing", map[string]string{"BRIEFBOT_DISCORD_TOKEN_FILE": "/nonexistent/token"}, `BRIEFBOT_DISCORD_TOKEN_FILE: cannot read the token file`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := Load("", env(tt.env))
			if err == nil {
				err = cfg.Validate()
			}
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tt.want != "" && err == nil:
				t.Fatalf("no error; want %q", tt.want)
			case tt.want != "" && !strings.Contains(err.Error(), tt.want):
				t.Fatalf("error %q does not contain %q", err, tt.want)
			}
		})
	}
}

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"5242880", 5 << 20, true}, {"5MiB", 5 << 20, true}, {"5 mib", 5 << 20, true}, {"5MB", 5e6, true},
		{"1.5KiB", 1536, true}, {"10k", 10240, true}, {"1GiB", 1 << 30, true}, {"-3", -3, true},
		{"", 0, false}, {"MiB", 0, false}, {"5 parsecs", 0, false}, {"1e400", 0, false},
	}
	for _, tt := range tests {
		got, err := ParseSize(tt.in)
		if (err == nil) != tt.ok || (tt.ok && got != tt.want) {
			t.Errorf("ParseSize(%q) = %d, %v; want %d, ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestFileAndEnvOverride(t *testing.T) {
	tokenFile := writeFile(t, "token", "file-token-123\n")
	path := writeFile(t, "briefbot.toml", fmt.Sprintf(`
db = "/data/file.db"
max_document_bytes = 1048576
log_level = "warn"
timezone = "Europe/Berlin"
fetch_timeout = "10s"
fetch_allow = ["10.20.0.0/16", "10.30.0.7"]

[discord]
token_file = %q
guild = "111"
admin_roles = ["222", "333"]

[[digest]]
name = "morning"
cron = "0 8 * * 1-5"
channel = "444"
command = "/quotes"
options = { speaker = "peskov" }
timezone = "Europe/Kyiv"
`, tokenFile))
	cfg, err := Load(path, env(map[string]string{"BRIEFBOT_DB": "/env.db", "BRIEFBOT_ADMIN_ROLES": "999"}))
	if err != nil {
		t.Fatal(err)
	}
	if err := cfg.RequireDiscord(); err != nil {
		t.Fatal(err)
	}
	if cfg.DB != "/env.db" {
		t.Errorf("env should override the file: DB = %q", cfg.DB)
	}
	if cfg.MaxDocumentBytes != 1<<20 || cfg.LogLevel != slog.LevelWarn || cfg.FetchTimeout != 10*time.Second || cfg.Location().String() != "Europe/Berlin" {
		t.Errorf("file values: %+v", cfg)
	}
	if fmt.Sprint(cfg.FetchAllow) != "[10.20.0.0/16 10.30.0.7/32]" {
		t.Errorf("fetch_allow = %v", cfg.FetchAllow)
	}
	if cfg.DiscordToken.Reveal() != "file-token-123" || cfg.DiscordGuild != "111" {
		t.Errorf("discord: token %q guild %q", cfg.DiscordToken.Reveal(), cfg.DiscordGuild)
	}
	if len(cfg.AdminRoles) != 1 || cfg.AdminRoles[0] != "999" {
		t.Errorf("roles = %v", cfg.AdminRoles)
	}
	want := Digest{Name: "morning", Cron: "0 8 * * 1-5", Channel: "444", Command: "/quotes", Options: map[string]string{"speaker": "peskov"}, Timezone: "Europe/Kyiv"}
	if len(cfg.Digests) != 1 || fmt.Sprint(cfg.Digests[0]) != fmt.Sprint(want) {
		t.Errorf("digests = %+v", cfg.Digests)
	}
}

func TestFileErrors(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"unknown key", `dbb = "x"`, `unknown key "dbb"`},
		{"unknown nested key", "[discord]\ngild = \"1\"", `unknown key "discord.gild"`},
		{"token in file", "[discord]\ntoken = \"secret\"", `discord.token: the token is never read from the config file`},
		{"bad size names the key", `max_document_bytes = "huge"`, `max_document_bytes in `},
		{"syntax", `db = `, `config file`},
		{"digest without name", "[[digest]]\ncron = \"@daily\"\nchannel = \"1\"\ncommand = \"/brief\"", `name is missing`},
		{"digest bad channel", "[[digest]]\nname = \"a\"\ncron = \"@daily\"\nchannel = \"general\"\ncommand = \"/brief\"", `channel must be a channel id`},
		{"digest twice", "[[digest]]\nname = \"a\"\ncron = \"@daily\"\nchannel = \"1\"\ncommand = \"/brief\"\n[[digest]]\nname = \"a\"\ncron = \"@daily\"\nchannel = \"1\"\ncommand = \"/brief\"", `is used twice`},
		{"digest zone", "[[digest]]\nname = \"a\"\ncron = \"@daily\"\nchannel = \"1\"\ncommand = \"/brief\"\ntimezone = \"Nowhere\"", `timezone must be an IANA time zone`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, "c.toml", tt.body)
			cfg, err := Load(path, env(nil))
			if err == nil {
				err = cfg.Validate()
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v; want it to contain %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "secret") {
				t.Fatalf("error shows the token: %v", err)
			}
		})
	}
}

func TestTokenNeverPrinted(t *testing.T) {
	cfg, err := Load("", env(map[string]string{"DISCORD_TOKEN": "MTIz.super-secret"}))
	if err != nil {
		t.Fatal(err)
	}
	var logged strings.Builder
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("config", slog.Any("token", cfg.DiscordToken), slog.Any("cfg", cfg))
	js, _ := json.Marshal(cfg)
	for _, s := range []string{fmt.Sprint(cfg), fmt.Sprintf("%+v", cfg), fmt.Sprintf("%#v", cfg), fmt.Sprintf("%v", cfg.DiscordToken), logged.String(), string(js)} {
		if strings.Contains(s, "super-secret") {
			t.Errorf("token leaked: %s", s)
		}
	}
	if cfg.DiscordToken.Reveal() != "MTIz.super-secret" {
		t.Error("Reveal lost the token")
	}
}

// TestREADMEExample keeps the README's example configuration valid.
func TestREADMEExample(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(readme), "```toml\n")
	if !ok {
		t.Fatal("README.md has no ```toml example")
	}
	example, _, _ := strings.Cut(rest, "```")
	tokenFile := writeFile(t, "token", "x")
	example = strings.ReplaceAll(example, "/run/secrets/discord_token", tokenFile)
	cfg, err := Load(writeFile(t, "example.toml", example), env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if err := cfg.RequireDiscord(); err != nil {
		t.Fatal(err)
	}
	if len(cfg.Digests) != 2 || cfg.Digests[1].Timezone != "Europe/Moscow" {
		t.Errorf("digests: %+v", cfg.Digests)
	}
}

// TestREADMEEnvVars keeps the README's settings and Load's in step: every
// variable Load reads is documented, and every documented one is read.
func TestREADMEEnvVars(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, v := range EnvVars() {
		known[v] = true
		if !strings.Contains(string(readme), "`"+v+"`") {
			t.Errorf("README.md does not document %s", v)
		}
	}
	for _, v := range regexp.MustCompile(`\b(?:BRIEFBOT|DISCORD)_[A-Z_]+\b`).FindAllString(string(readme), -1) {
		if !known[v] {
			t.Errorf("README.md documents %s, which briefbot does not read", v)
		}
	}
}
