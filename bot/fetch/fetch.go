// Package fetch downloads documents that admins add by URL or attachment,
// safely: http(s) only, behind an SSRF guard that refuses loopback,
// private, link-local and cloud-metadata addresses (checked on the
// resolved IP of every connection, redirects included), with limits on
// size, time, redirects and content type.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"path"
	"strings"
	"syscall"
	"time"

	"code.dny.dev/ssrf"
)

// Defaults for zero Options fields.
const (
	DefaultMaxBytes = 5 << 20
	DefaultTimeout  = 15 * time.Second
	MaxRedirects    = 5
)

// Options configure a Client.
type Options struct {
	MaxBytes int64         // largest body accepted; 0: DefaultMaxBytes
	Timeout  time.Duration // for the whole download, redirects included; 0: DefaultTimeout
	// AllowPrivate turns the SSRF guard off, so tests can reach an
	// httptest server on loopback. Never set it in production.
	AllowPrivate bool
	// Allow lists networks that downloads may reach on any port although
	// the guard refuses them: a document server on the intranet, or a
	// test's server on loopback. Every other address stays guarded,
	// redirects included.
	Allow []netip.Prefix
	// UserAgent sent with requests; "" means "briefbot".
	UserAgent string
}

// allowedTypes are the media types Get accepts.
var allowedTypes = map[string]bool{
	"text/html":             true,
	"text/plain":            true,
	"text/markdown":         true,
	"application/xhtml+xml": true,
}

// byExtension guesses a media type when the server sends none (or a
// generic one), from the file name.
var byExtension = map[string]string{
	".html": "text/html", ".htm": "text/html", ".xhtml": "application/xhtml+xml",
	".txt": "text/plain", ".text": "text/plain",
	".md": "text/markdown", ".markdown": "text/markdown",
}

// Errors Get wraps, so callers can tell refusals apart with errors.Is.
var (
	ErrScheme      = errors.New("only http and https URLs can be fetched")
	ErrBlocked     = errors.New("address not allowed") // the SSRF guard refused it
	ErrTooBig      = errors.New("document too big")
	ErrType        = errors.New("unsupported content type")
	ErrStatus      = errors.New("server refused")
	ErrRedirects   = errors.New("too many redirects")
	ErrTimeout     = errors.New("download timed out")
	ErrUnreachable = errors.New("could not connect")
)

// Result is a downloaded document.
type Result struct {
	Body        []byte
	ContentType string // media type with its parameters, e.g. "text/html; charset=iso-8859-1"
	FinalURL    string // after redirects
	Filename    string // from Content-Disposition, else the URL path's last part
}

// Client downloads documents. It is safe for concurrent use.
type Client struct {
	http *http.Client
	opts Options
}

// New makes a Client.
func New(opts Options) *Client {
	var control func(network, address string, c syscall.RawConn) error
	if !opts.AllowPrivate {
		control = guard(ssrf.New(), opts.Allow)
	}
	return newClient(opts, control)
}

// guard is the dialer's Control hook: addresses in allow pass, the
// Guardian checks the rest.
func guard(g *ssrf.Guardian, allow []netip.Prefix) func(network, address string, c syscall.RawConn) error {
	if len(allow) == 0 {
		return g.Safe
	}
	return func(network, address string, c syscall.RawConn) error {
		if ap, err := netip.ParseAddrPort(address); err == nil {
			ip := ap.Addr().Unmap()
			for _, p := range allow {
				if p.Contains(ip) {
					return nil
				}
			}
		}
		return g.Safe(network, address, c)
	}
}

// newClient makes a Client whose dialer runs control (nil: none) on every
// connection.
func newClient(opts Options, control func(network, address string, c syscall.RawConn) error) *Client {
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.UserAgent == "" {
		opts.UserAgent = "briefbot"
	}
	// Control runs after DNS resolution, on the IP actually dialled, for
	// every connection: a hostname resolving to 127.0.0.1 and a redirect
	// to 169.254.169.254 are both caught there.
	dialer := &net.Dialer{Timeout: opts.Timeout, Control: control}
	transport := &http.Transport{
		Proxy:                 nil, // a proxy would be dialled instead of the target and defeat the guard
		DialContext:           dialer.DialContext,
		ForceAttemptHTTP2:     true,
		TLSHandshakeTimeout:   opts.Timeout,
		ResponseHeaderTimeout: opts.Timeout,
		MaxIdleConns:          4,
		IdleConnTimeout:       30 * time.Second,
	}
	return &Client{opts: opts, http: &http.Client{
		Transport: transport,
		Timeout:   opts.Timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > MaxRedirects {
				return fmt.Errorf("%w: more than %d", ErrRedirects, MaxRedirects)
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return fmt.Errorf("redirect to %s: %w", req.URL.Redacted(), ErrScheme)
			}
			return nil
		},
	}}
}

// Get downloads rawURL. Its errors name the URL and the reason, and wrap
// one of the Err values above.
func (c *Client) Get(ctx context.Context, rawURL string) (Result, error) {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil {
		return Result{}, fmt.Errorf("%q is not a URL: %w", rawURL, err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return Result{}, fmt.Errorf("%s: %w", u.Redacted(), ErrScheme)
	}
	if u.User != nil {
		return Result{}, fmt.Errorf("%s: URLs with a user name or password are not fetched: %w", u.Redacted(), ErrScheme)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return Result{}, fmt.Errorf("%s: %w", u.Redacted(), err)
	}
	req.Header.Set("User-Agent", c.opts.UserAgent)
	req.Header.Set("Accept", "text/html, application/xhtml+xml, text/markdown, text/plain;q=0.9")
	resp, err := c.http.Do(req)
	if err != nil {
		return Result{}, c.explain(u, err)
	}
	defer resp.Body.Close()
	final := resp.Request.URL
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return Result{}, fmt.Errorf("%s: %w with HTTP %s", final.Redacted(), ErrStatus, resp.Status)
	}
	if resp.ContentLength > c.opts.MaxBytes {
		return Result{}, fmt.Errorf("%s: %w: %d bytes, limit %d", final.Redacted(), ErrTooBig, resp.ContentLength, c.opts.MaxBytes)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.opts.MaxBytes+1))
	if err != nil {
		return Result{}, c.explain(final, err)
	}
	if int64(len(body)) > c.opts.MaxBytes {
		return Result{}, fmt.Errorf("%s: %w: more than %d bytes", final.Redacted(), ErrTooBig, c.opts.MaxBytes)
	}
	name := filename(resp.Header.Get("Content-Disposition"), final)
	ctype, err := contentType(resp.Header.Get("Content-Type"), name, body)
	if err != nil {
		return Result{}, fmt.Errorf("%s: %w", final.Redacted(), err)
	}
	return Result{Body: body, ContentType: ctype, FinalURL: final.String(), Filename: name}, nil
}

// explain turns a transport error into one that says what happened.
func (c *Client) explain(u *url.URL, err error) error {
	switch {
	case errors.Is(err, ssrf.ErrProhibitedIP), errors.Is(err, ssrf.ErrProhibitedPort), errors.Is(err, ssrf.ErrProhibitedNetwork):
		return fmt.Errorf("%s: %w (%v)", u.Redacted(), ErrBlocked, unwrapURLError(err))
	case errors.Is(err, ErrRedirects), errors.Is(err, ErrScheme):
		return fmt.Errorf("%s: %w", u.Redacted(), unwrapURLError(err))
	case errors.Is(err, context.DeadlineExceeded) || isTimeout(err):
		return fmt.Errorf("%s: %w after %s", u.Redacted(), ErrTimeout, c.opts.Timeout)
	case errors.Is(err, context.Canceled):
		return fmt.Errorf("%s: %w", u.Redacted(), err)
	default:
		return fmt.Errorf("%s: %w: %v", u.Redacted(), ErrUnreachable, unwrapURLError(err))
	}
}

func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

func isTimeout(err error) bool {
	var te interface{ Timeout() bool }
	return errors.As(err, &te) && te.Timeout()
}

// contentType settles the document's media type: the server's, unless it
// is missing or generic, then the file extension's, then a sniff.
func contentType(header, name string, body []byte) (string, error) {
	mt, params, err := mime.ParseMediaType(header)
	if err != nil || mt == "" || mt == "application/octet-stream" || mt == "binary/octet-stream" {
		mt, params = "", nil
		if guess, ok := byExtension[strings.ToLower(path.Ext(name))]; ok {
			mt = guess
		} else {
			mt, params, _ = mime.ParseMediaType(http.DetectContentType(body))
		}
	}
	if mt == "text/x-markdown" {
		mt = "text/markdown"
	}
	if !allowedTypes[mt] {
		return "", fmt.Errorf("%w %q: only HTML, plain text and Markdown documents can be added", ErrType, mt)
	}
	if s := mime.FormatMediaType(mt, params); s != "" {
		return s, nil
	}
	return mt, nil
}

// filename is the name the server gave the file, else the last part of
// the URL path, else the host.
func filename(disposition string, u *url.URL) string {
	if _, params, err := mime.ParseMediaType(disposition); err == nil {
		if n := path.Base(strings.ReplaceAll(params["filename"], `\`, "/")); n != "" && n != "." && n != "/" {
			return n
		}
	}
	if n := path.Base(u.Path); n != "" && n != "." && n != "/" {
		return n
	}
	return u.Hostname()
}

// MaxBytes is the largest body Get accepts, so callers can refuse an
// attachment whose announced size is over it before downloading.
func (c *Client) MaxBytes() int64 { return c.opts.MaxBytes }
