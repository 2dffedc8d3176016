// Package config reads briefbot's settings from the environment (BRIEFBOT_*,
// DISCORD_TOKEN) and an optional TOML file, the environment winning, and
// checks them. Every error names the setting as the user wrote it (the
// environment variable, or the key and file) and says how to fix it.
//
// The Discord token is read only from the environment or from a file named
// by a path; it is never accepted in the TOML file itself (config files get
// committed and pasted into chats) and its type never prints its value.
package config

import (
	"errors"
	"fmt"
	"log/slog"
	"net/netip"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/BurntSushi/toml"
)

// Defaults for settings left unset.
const (
	DefaultDB               = "briefbot.db"
	DefaultMaxDocumentBytes = 5 << 20 // 5 MiB
	DefaultDiscordAPI       = "https://discord.com"
	DefaultFetchTimeout     = 30 * time.Second
)

// Token is a secret (the Discord bot token). Its String, GoString, LogValue
// and JSON forms are redacted, so printing a Config or logging it with slog
// never shows the value; Reveal returns it for the one place that needs it.
type Token string

// Reveal returns the token's value.
func (t Token) Reveal() string { return string(t) }

// String is "[redacted]" for a set token and "" for an empty one.
func (t Token) String() string {
	if t == "" {
		return ""
	}
	return "[redacted]"
}

// GoString keeps %#v from printing the value.
func (t Token) GoString() string { return strconv.Quote(t.String()) }

// LogValue makes slog print the redacted form.
func (t Token) LogValue() slog.Value { return slog.StringValue(t.String()) }

// MarshalText redacts the token in JSON and other text encodings.
func (t Token) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// Digest is one scheduled post, as configured in [[digest]] tables.
type Digest struct {
	Name     string            // unique, for logs
	Cron     string            // "30 8 * * 1-5", "@daily", "@every 6h"
	Channel  string            // Discord channel id
	Command  string            // "/brief", "/quotes", "admin stats"
	Options  map[string]string // the command's options
	Timezone string            // IANA zone of Cron; "" means Config.Timezone
}

// Config is every setting of briefbot.
type Config struct {
	DB               string         // BRIEFBOT_DB: path of the SQLite corpus
	LogLevel         slog.Level     // BRIEFBOT_LOG_LEVEL: debug, info, warn, error
	LogFormat        string         // BRIEFBOT_LOG_FORMAT: text or json
	MaxDocumentBytes int64          // BRIEFBOT_MAX_DOCUMENT_BYTES: largest document accepted
	Timezone         string         // BRIEFBOT_TIMEZONE: IANA zone for digests and dates shown; default UTC
	FetchTimeout     time.Duration  // BRIEFBOT_FETCH_TIMEOUT: time limit of one URL or attachment download
	FetchAllow       []netip.Prefix // BRIEFBOT_FETCH_ALLOW: networks downloads may reach despite the SSRF guard
	BackupDir        string         // BRIEFBOT_BACKUP_DIR: where /admin backup writes; "" turns it off

	DiscordToken     Token    // DISCORD_TOKEN, or the contents of BRIEFBOT_DISCORD_TOKEN_FILE
	DiscordTokenFile string   // BRIEFBOT_DISCORD_TOKEN_FILE
	DiscordGuild     string   // BRIEFBOT_DISCORD_GUILD: register commands in this guild only
	DiscordAPI       string   // BRIEFBOT_DISCORD_API: base URL of Discord's API
	AdminRoles       []string // BRIEFBOT_ADMIN_ROLES: role ids allowed to use /admin
	HTTPAddr         string   // BRIEFBOT_HTTP_ADDR: listen address of the interactions endpoint; "" off
	PublicKey        string   // BRIEFBOT_DISCORD_PUBLIC_KEY: hex Ed25519 key for the endpoint

	Digests []Digest

	// origin maps a setting's key to where its value came from, for errors.
	origin map[string]string
}

// setting ties a key in the file to its environment variable.
type setting struct {
	key string // TOML key ("discord.guild")
	env string // environment variable
}

var settings = []setting{
	{"db", "BRIEFBOT_DB"},
	{"log_level", "BRIEFBOT_LOG_LEVEL"},
	{"log_format", "BRIEFBOT_LOG_FORMAT"},
	{"max_document_bytes", "BRIEFBOT_MAX_DOCUMENT_BYTES"},
	{"timezone", "BRIEFBOT_TIMEZONE"},
	{"fetch_timeout", "BRIEFBOT_FETCH_TIMEOUT"},
	{"fetch_allow", "BRIEFBOT_FETCH_ALLOW"},
	{"backup_dir", "BRIEFBOT_BACKUP_DIR"},
	{"discord.token_file", "BRIEFBOT_DISCORD_TOKEN_FILE"},
	{"discord.guild", "BRIEFBOT_DISCORD_GUILD"},
	{"discord.api", "BRIEFBOT_DISCORD_API"},
	{"discord.admin_roles", "BRIEFBOT_ADMIN_ROLES"},
	{"discord.http_addr", "BRIEFBOT_HTTP_ADDR"},
	{"discord.public_key", "BRIEFBOT_DISCORD_PUBLIC_KEY"},
}

// EnvVars lists every environment variable Load reads, for help texts.
func EnvVars() []string {
	vars := []string{"BRIEFBOT_CONFIG", "DISCORD_TOKEN"}
	for _, s := range settings {
		vars = append(vars, s.env)
	}
	return vars
}

// fileConfig is the TOML file's shape. Values that need parsing are read as
// text (or a number, for sizes) so that errors can name the key.
type fileConfig struct {
	DB               string    `toml:"db"`
	LogLevel         string    `toml:"log_level"`
	LogFormat        string    `toml:"log_format"`
	MaxDocumentBytes sizeValue `toml:"max_document_bytes"`
	Timezone         string    `toml:"timezone"`
	FetchTimeout     string    `toml:"fetch_timeout"`
	FetchAllow       []string  `toml:"fetch_allow"`
	BackupDir        string    `toml:"backup_dir"`
	Discord          struct {
		TokenFile  string   `toml:"token_file"`
		Guild      string   `toml:"guild"`
		API        string   `toml:"api"`
		AdminRoles []string `toml:"admin_roles"`
		HTTPAddr   string   `toml:"http_addr"`
		PublicKey  string   `toml:"public_key"`
	} `toml:"discord"`
	Digest []struct {
		Name     string            `toml:"name"`
		Cron     string            `toml:"cron"`
		Channel  string            `toml:"channel"`
		Command  string            `toml:"command"`
		Options  map[string]string `toml:"options"`
		Timezone string            `toml:"timezone"`
	} `toml:"digest"`
}

// sizeValue accepts a size in the file as an integer (bytes) or a string ("5MiB").
type sizeValue string

func (s *sizeValue) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case int64:
		*s = sizeValue(strconv.FormatInt(v, 10))
	case string:
		*s = sizeValue(v)
	default:
		return fmt.Errorf("must be a size like \"5MiB\" or a number of bytes, got %v", v)
	}
	return nil
}

// Load reads the settings: the TOML file at path first (none when path is
// ""), then the environment through getenv (os.Getenv in production),
// which overrides the file. It returns every problem at once, each naming
// its setting. Load does not Validate.
func Load(path string, getenv func(string) string) (Config, error) {
	raw := map[string]string{}
	origin := map[string]string{}
	var roles []string
	var errs []error
	cfg := Config{origin: origin}
	if path != "" {
		fc, err := readFile(path)
		if err != nil {
			return Config{}, err
		}
		put := func(key, v string) {
			if v != "" {
				raw[key] = v
				origin[key] = fmt.Sprintf("%s in %s", key, path)
			}
		}
		put("db", fc.DB)
		put("log_level", fc.LogLevel)
		put("log_format", fc.LogFormat)
		put("max_document_bytes", string(fc.MaxDocumentBytes))
		put("timezone", fc.Timezone)
		put("fetch_timeout", fc.FetchTimeout)
		put("fetch_allow", strings.Join(fc.FetchAllow, ","))
		put("backup_dir", fc.BackupDir)
		put("discord.token_file", fc.Discord.TokenFile)
		put("discord.guild", fc.Discord.Guild)
		put("discord.api", fc.Discord.API)
		put("discord.http_addr", fc.Discord.HTTPAddr)
		put("discord.public_key", fc.Discord.PublicKey)
		if len(fc.Discord.AdminRoles) > 0 {
			roles = fc.Discord.AdminRoles
			origin["discord.admin_roles"] = "discord.admin_roles in " + path
		}
		for i, d := range fc.Digest {
			cfg.Digests = append(cfg.Digests, Digest{Name: d.Name, Cron: d.Cron, Channel: d.Channel,
				Command: d.Command, Options: d.Options, Timezone: d.Timezone})
			origin[fmt.Sprintf("digest.%d", i)] = fmt.Sprintf("[[digest]] #%d (%q) in %s", i+1, d.Name, path)
		}
	}
	for _, s := range settings {
		if v := strings.TrimSpace(getenv(s.env)); v != "" {
			raw[s.key] = v
			origin[s.key] = s.env
			if s.key == "discord.admin_roles" {
				roles = splitList(v)
			}
		}
	}
	name := func(key string) string {
		if o, ok := origin[key]; ok {
			return o
		}
		for _, s := range settings {
			if s.key == key {
				return s.env
			}
		}
		return key
	}
	fail := func(key, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: %s", name(key), fmt.Sprintf(format, args...)))
	}

	cfg.DB = or(raw["db"], DefaultDB)
	cfg.LogFormat = strings.ToLower(or(raw["log_format"], "text"))
	if v, ok := raw["log_level"]; ok {
		if err := cfg.LogLevel.UnmarshalText([]byte(v)); err != nil {
			fail("log_level", "must be debug, info, warn or error, got %q", v)
		}
	}
	cfg.MaxDocumentBytes = DefaultMaxDocumentBytes
	if v, ok := raw["max_document_bytes"]; ok {
		n, err := ParseSize(v)
		if err != nil {
			fail("max_document_bytes", "must be a positive size like 5MiB, got %q", v)
		} else {
			cfg.MaxDocumentBytes = n
		}
	}
	cfg.Timezone = or(raw["timezone"], "UTC")
	cfg.FetchTimeout = DefaultFetchTimeout
	if v, ok := raw["fetch_timeout"]; ok {
		d, err := time.ParseDuration(v)
		if err != nil {
			fail("fetch_timeout", "must be a duration like 30s or 2m, got %q", v)
		} else {
			cfg.FetchTimeout = d
		}
	}
	if v, ok := raw["fetch_allow"]; ok {
		for _, item := range splitList(v) {
			p, err := parsePrefix(item)
			if err != nil {
				fail("fetch_allow", "must be IP addresses or networks like 10.20.0.0/16 separated by commas, got %q", item)
				continue
			}
			cfg.FetchAllow = append(cfg.FetchAllow, p)
		}
	}
	cfg.BackupDir = raw["backup_dir"]
	cfg.DiscordGuild = raw["discord.guild"]
	cfg.DiscordAPI = strings.TrimRight(or(raw["discord.api"], DefaultDiscordAPI), "/")
	cfg.AdminRoles = roles
	cfg.HTTPAddr = raw["discord.http_addr"]
	cfg.PublicKey = raw["discord.public_key"]
	cfg.DiscordTokenFile = raw["discord.token_file"]

	envToken := strings.TrimSpace(getenv("DISCORD_TOKEN"))
	switch {
	case envToken != "" && cfg.DiscordTokenFile != "":
		errs = append(errs, fmt.Errorf("DISCORD_TOKEN and %s are both set: keep one of them", name("discord.token_file")))
	case envToken != "":
		cfg.DiscordToken = Token(envToken)
		origin["discord.token"] = "DISCORD_TOKEN"
	case cfg.DiscordTokenFile != "":
		b, err := os.ReadFile(cfg.DiscordTokenFile)
		if err != nil {
			fail("discord.token_file", "cannot read the token file: %v", err)
		} else {
			cfg.DiscordToken = Token(strings.TrimSpace(string(b)))
			origin["discord.token"] = name("discord.token_file")
		}
	}
	if len(errs) > 0 {
		return cfg, errors.Join(errs...)
	}
	return cfg, nil
}

// readFile decodes the TOML file, refusing keys briefbot does not know so
// that a typo is an error instead of a setting silently ignored.
func readFile(path string) (fileConfig, error) {
	var fc fileConfig
	md, err := toml.DecodeFile(path, &fc)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return fc, fmt.Errorf("config file %s: %s", path, pe.ErrorWithPosition())
		}
		return fc, fmt.Errorf("config file %s: %w", path, err)
	}
	var errs []error
	for _, k := range md.Undecoded() {
		key := k.String()
		switch {
		case key == "discord.token":
			errs = append(errs, fmt.Errorf("config file %s: discord.token: the token is never read from the config file; set DISCORD_TOKEN or discord.token_file (a path to a file holding the token)", path))
		case len(k) >= 3 && k[0] == "digest" && k[len(k)-2] == "options":
			// an option of a digest's command: any name is allowed here, the
			// scheduler checks it against the command.
		default:
			errs = append(errs, fmt.Errorf("config file %s: unknown key %q (known keys: %s)", path, key, strings.Join(knownKeys(), ", ")))
		}
	}
	return fc, errors.Join(errs...)
}

func knownKeys() []string {
	var keys []string
	for _, s := range settings {
		keys = append(keys, s.key)
	}
	return append(keys, "[[digest]] name/cron/channel/command/options/timezone")
}

// Validate checks the settings for every use of briefbot; RequireDiscord
// adds the checks for running the bot. Errors name the setting and the fix,
// and all are returned at once.
func (c Config) Validate() error {
	var errs []error
	fail := func(key, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: %s", c.name(key), fmt.Sprintf(format, args...)))
	}
	if strings.TrimSpace(c.DB) == "" {
		fail("db", "must be the path of the database file, like /data/briefbot.db")
	}
	if c.MaxDocumentBytes <= 0 {
		fail("max_document_bytes", "must be a positive size like 5MiB, got %q", strconv.FormatInt(c.MaxDocumentBytes, 10))
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		fail("log_format", "must be text or json, got %q", c.LogFormat)
	}
	if _, err := time.LoadLocation(c.Timezone); err != nil {
		fail("timezone", "must be an IANA time zone like Europe/Berlin or UTC, got %q", c.Timezone)
	}
	if c.FetchTimeout <= 0 {
		fail("fetch_timeout", "must be a positive duration like 30s, got %q", c.FetchTimeout.String())
	}
	if !strings.HasPrefix(c.DiscordAPI, "https://") && !strings.HasPrefix(c.DiscordAPI, "http://") {
		fail("discord.api", "must be an http(s) base URL like %s, got %q", DefaultDiscordAPI, c.DiscordAPI)
	}
	if c.DiscordGuild != "" && !isSnowflake(c.DiscordGuild) {
		fail("discord.guild", "must be a guild id (digits; right-click the server with Developer Mode on, Copy Server ID), got %q", c.DiscordGuild)
	}
	for _, r := range c.AdminRoles {
		if !isSnowflake(r) {
			fail("discord.admin_roles", "must be role ids (digits) separated by commas, got %q", r)
		}
	}
	if c.PublicKey != "" && !isHex(c.PublicKey, 64) {
		fail("discord.public_key", "must be the application's public key: 64 hex digits from the Developer Portal's General Information page")
	}
	if c.HTTPAddr != "" && c.PublicKey == "" {
		errs = append(errs, fmt.Errorf("%s is set but %s is not: the interactions endpoint must verify Discord's signatures; set the application's public key",
			c.name("discord.http_addr"), c.name("discord.public_key")))
	}
	if strings.ContainsAny(c.DiscordToken.Reveal(), " \t\n") {
		fail("discord.token", "holds white space; paste only the token from the Developer Portal's Bot page")
	}
	seen := map[string]bool{}
	for i, d := range c.Digests {
		where := c.name(fmt.Sprintf("digest.%d", i))
		if d.Name == "" {
			errs = append(errs, fmt.Errorf("%s: name is missing; give each digest a unique name", where))
		} else if seen[d.Name] {
			errs = append(errs, fmt.Errorf("%s: name %q is used twice; names must be unique", where, d.Name))
		}
		seen[d.Name] = true
		if strings.TrimSpace(d.Cron) == "" {
			errs = append(errs, fmt.Errorf("%s: cron is missing; give a schedule like \"0 8 * * 1-5\" or \"@daily\"", where))
		}
		if !isSnowflake(d.Channel) {
			errs = append(errs, fmt.Errorf("%s: channel must be a channel id (digits), got %q", where, d.Channel))
		}
		if strings.TrimSpace(d.Command) == "" {
			errs = append(errs, fmt.Errorf("%s: command is missing; give a command like \"/brief\"", where))
		}
		if d.Timezone != "" {
			if _, err := time.LoadLocation(d.Timezone); err != nil {
				errs = append(errs, fmt.Errorf("%s: timezone must be an IANA time zone like Europe/Berlin, got %q", where, d.Timezone))
			}
		}
	}
	return errors.Join(errs...)
}

// RequireDiscord checks what `briefbot run` needs beyond Validate: a token.
func (c Config) RequireDiscord() error {
	if err := c.Validate(); err != nil {
		return err
	}
	if c.DiscordToken == "" {
		return errors.New("DISCORD_TOKEN: not set; set it to the bot token from the Developer Portal's Bot page, or set BRIEFBOT_DISCORD_TOKEN_FILE to a file holding it")
	}
	return nil
}

// Location is the configured time zone (UTC when it cannot be loaded;
// Validate reports that).
func (c Config) Location() *time.Location {
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// name is how errors call a setting: where its value came from, else its
// environment variable.
func (c Config) name(key string) string {
	if o, ok := c.origin[key]; ok {
		return o
	}
	if key == "discord.token" {
		return "DISCORD_TOKEN"
	}
	for _, s := range settings {
		if s.key == key {
			return s.env
		}
	}
	if strings.HasPrefix(key, "digest.") {
		return "[[digest]] #" + strings.TrimPrefix(key, "digest.")
	}
	return key
}

// ParseSize reads a size: a number of bytes ("5242880") or a number with a
// unit (B, KB, MB, GB in powers of 1000; KiB, MiB, GiB in powers of 1024;
// case and a space before the unit do not matter): "5MiB", "512 kib".
func ParseSize(s string) (int64, error) {
	s = strings.TrimSpace(s)
	i := strings.IndexFunc(s, func(r rune) bool { return !(unicode.IsDigit(r) || r == '.' || r == '-' || r == '+') })
	num, unit := s, ""
	if i >= 0 {
		num, unit = strings.TrimSpace(s[:i]), strings.ToLower(strings.TrimSpace(s[i:]))
	}
	mult := map[string]float64{"": 1, "b": 1, "k": 1 << 10, "kb": 1e3, "kib": 1 << 10, "m": 1 << 20, "mb": 1e6,
		"mib": 1 << 20, "g": 1 << 30, "gb": 1e9, "gib": 1 << 30}[unit]
	if mult == 0 {
		return 0, fmt.Errorf("unknown unit %q", unit)
	}
	if n, err := strconv.ParseInt(num, 10, 64); err == nil && unit == "" {
		return n, nil
	}
	f, err := strconv.ParseFloat(num, 64)
	if err != nil || f != f || f*mult > 1<<62 || f*mult < -(1<<62) {
		return 0, fmt.Errorf("not a size: %q", s)
	}
	return int64(f * mult), nil
}

// parsePrefix reads a network ("10.20.0.0/16") or one address ("10.20.0.5",
// "::1") as the network of that address alone.
func parsePrefix(s string) (netip.Prefix, error) {
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		return p.Masked(), err
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, err
	}
	a = a.Unmap()
	return netip.PrefixFrom(a, a.BitLen()), nil
}

func or(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || unicode.IsSpace(r) }) {
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

func isSnowflake(s string) bool {
	if len(s) < 1 || len(s) > 20 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func isHex(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for _, r := range s {
		if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
			return false
		}
	}
	return true
}

// IsSet reports whether a setting (by its file key, like "log_level") was
// given in the file or the environment rather than left at its default.
func (c Config) IsSet(key string) bool {
	_, ok := c.origin[key]
	return ok
}
