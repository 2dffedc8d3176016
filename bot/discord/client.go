package discord

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// DefaultAPIBase is where Discord's REST API lives.
const DefaultAPIBase = "https://discord.com"

// NewSession makes a discordgo session for a bot token whose every REST
// call, the gateway lookup included, goes to apiBase instead of
// https://discord.com. discordgo builds its endpoint strings once when the
// package initialises, so the redirection is done by the session's HTTP
// transport; the websocket then dials whatever gateway URL that API
// returns. An empty token makes a session that can only use interaction
// webhooks (the HTTP interactions endpoint needs no bot token for those).
func NewSession(token, apiBase string) (*discordgo.Session, error) {
	if apiBase == "" {
		apiBase = DefaultAPIBase
	}
	base, err := url.Parse(strings.TrimRight(apiBase, "/"))
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" {
		return nil, fmt.Errorf("discord API base %q: must be an http(s) URL such as %s", apiBase, DefaultAPIBase)
	}
	if token != "" && !strings.HasPrefix(token, "Bot ") {
		token = "Bot " + token
	}
	s, err := discordgo.New(token)
	if err != nil {
		return nil, err
	}
	from, _ := url.Parse(discordgo.EndpointDiscord)
	s.Client = &http.Client{
		Timeout:   20 * time.Second,
		Transport: &redirect{from: from.Host, to: base, next: http.DefaultTransport},
	}
	// The bot keeps no cache of guilds and channels, and receives plain
	// JSON text frames (no zlib payload compression).
	s.StateEnabled = false
	s.Compress = false
	s.Identify.Compress = false
	s.Identify.Intents = discordgo.IntentsNone
	s.ShouldRetryOnRateLimit = true // discordgo waits out a 429's retry_after, then retries
	s.ShouldReconnectOnError = true
	return s, nil
}

// redirect sends requests for Discord's host to another base URL.
type redirect struct {
	from string
	to   *url.URL
	next http.RoundTripper
}

func (r *redirect) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Host != r.from {
		return r.next.RoundTrip(req)
	}
	out := req.Clone(req.Context())
	u := *req.URL
	u.Scheme, u.Host = r.to.Scheme, r.to.Host
	u.Path = r.to.Path + req.URL.Path
	if req.URL.RawPath != "" {
		u.RawPath = r.to.Path + req.URL.RawPath
	}
	out.URL, out.Host = &u, ""
	return r.next.RoundTrip(out)
}

// Client makes the REST calls that answer interactions and post messages,
// through discordgo (so its per-route rate limiter and its 429 handling
// apply) with bounded retries of server errors on top.
type Client struct {
	Session *discordgo.Session
	Log     *slog.Logger
	// Retries is how many times a request that failed with a 5xx status
	// is repeated; Backoff is the wait before the first repeat, doubled
	// for each next one.
	Retries int
	Backoff time.Duration
}

// NewClient wraps a session with the default retry policy.
func NewClient(s *discordgo.Session, log *slog.Logger) *Client {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Client{Session: s, Log: log, Retries: 3, Backoff: 250 * time.Millisecond}
}

// Callback sends the first response to an interaction.
func (c *Client) Callback(ctx context.Context, i *discordgo.Interaction, cb Callback) error {
	endpoint := discordgo.EndpointInteractionResponse(i.ID, i.Token)
	_, err := c.do(ctx, "POST", endpoint, bucket("callback", i.ID), cb, true)
	return err
}

// EditOriginal replaces the interaction's first response (after a deferral).
func (c *Client) EditOriginal(ctx context.Context, i *discordgo.Interaction, m Message) error {
	m.Flags = 0 // an edit cannot change visibility
	_, err := c.do(ctx, "PATCH", discordgo.EndpointWebhookMessage(i.AppID, i.Token, "@original"),
		bucket("edit", i.ID), m, false)
	return err
}

// DeleteOriginal removes the interaction's first response.
func (c *Client) DeleteOriginal(ctx context.Context, i *discordgo.Interaction) error {
	endpoint := discordgo.EndpointWebhookMessage(i.AppID, i.Token, "@original")
	_, err := c.do(ctx, "DELETE", endpoint, bucket("delete", i.ID), nil, false)
	return err
}

// Followup posts another message answering the interaction.
func (c *Client) Followup(ctx context.Context, i *discordgo.Interaction, m Message) error {
	endpoint := discordgo.EndpointWebhookToken(i.AppID, i.Token)
	_, err := c.do(ctx, "POST", endpoint, bucket("followup", i.ID), m, false)
	return err
}

// channelMessage is a message posted to a channel, with a nonce that
// Discord uses to drop a retried duplicate.
type channelMessage struct {
	Message
	Nonce        string `json:"nonce"`
	EnforceNonce bool   `json:"enforce_nonce"`
}

// SendMessage posts a message to a channel.
func (c *Client) SendMessage(ctx context.Context, channelID string, m Message) error {
	if channelID == "" {
		return errors.New("send message: no channel id")
	}
	m.Flags = 0
	var nonce [12]byte
	_, _ = rand.Read(nonce[:])
	endpoint := discordgo.EndpointChannelMessages(channelID)
	_, err := c.do(ctx, "POST", endpoint, endpoint, channelMessage{Message: m, Nonce: hex.EncodeToString(nonce[:]), EnforceNonce: true}, false)
	return err
}

// do makes one REST call, repeating it after a server error (5xx) up to
// c.Retries times with a doubling wait. Rate limits (429) are handled
// inside discordgo. For an interaction callback, "already acknowledged"
// after a repeat means an earlier attempt did arrive.
func (c *Client) do(ctx context.Context, method, endpoint, bucket string, body any, callback bool) ([]byte, error) {
	wait := c.Backoff
	for attempt := 0; ; attempt++ {
		resp, err := c.Session.RequestWithBucketID(method, endpoint, body, bucket, discordgo.WithContext(ctx))
		if err == nil {
			return resp, nil
		}
		if callback && attempt > 0 && apiCode(err) == discordgo.ErrCodeInteractionHasAlreadyBeenAcknowledged {
			return nil, nil
		}
		status := statusOf(err)
		if status < 500 || attempt >= c.Retries {
			return nil, fmt.Errorf("%s %s: %w", method, route(endpoint), err)
		}
		c.Log.Warn("discord server error, retrying", slog.String("method", method), slog.String("route", route(endpoint)),
			slog.Int("status", status), slog.Int("attempt", attempt+1), slog.Duration("wait", wait))
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return nil, fmt.Errorf("%s %s: %w (gave up: %v)", method, route(endpoint), err, ctx.Err())
		}
		wait *= 2
	}
}

// route names an endpoint for errors and logs without its secrets
// (interaction and webhook tokens).
func route(endpoint string) string {
	u, err := url.Parse(endpoint)
	if err != nil {
		return "?"
	}
	parts := strings.Split(u.Path, "/")
	for i := range parts {
		if i > 0 && (parts[i-1] == "webhooks" || parts[i-1] == "interactions") && i+1 < len(parts) {
			parts[i+1] = "{token}"
		}
	}
	return strings.Join(parts, "/")
}

func statusOf(err error) int {
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Response != nil {
		return re.Response.StatusCode
	}
	return 0
}

func apiCode(err error) int {
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Message != nil {
		return re.Message.Code
	}
	return 0
}

// bucketShards bounds the rate-limit buckets used for interaction
// webhooks. discordgo keeps a bucket per key forever; keyed by the URL
// (which holds the interaction's token) that would be one more bucket per
// interaction for the life of the process. Sharding by interaction keeps
// concurrent answers apart without that growth.
const bucketShards = 32

func bucket(kind, interactionID string) string {
	h := fnv.New32a()
	_, _ = h.Write([]byte(interactionID))
	return kind + "#" + strconv.Itoa(int(h.Sum32()%bucketShards))
}
