package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"
)

func testServer(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/article.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=iso-8859-1")
		fmt.Fprint(w, "<html><body><p>Peskov said.</p></body></html>")
	})
	mux.HandleFunc("/notes.md", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		fmt.Fprint(w, "# Notes\n\nText.")
	})
	mux.HandleFunc("/download", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Header().Set("Content-Disposition", `attachment; filename="../../etc/report.txt"`)
		fmt.Fprint(w, "plain text")
	})
	mux.HandleFunc("/image.png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte("\x89PNG\r\n\x1a\n"))
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte(strings.Repeat("a", 2000)))
	})
	mux.HandleFunc("/big-chunked", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		for range 20 {
			w.Write([]byte(strings.Repeat("a", 100)))
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/missing", http.NotFound)
	mux.HandleFunc("/redirect/{n}", func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscan(r.PathValue("n"), &n)
		if n == 0 {
			http.Redirect(w, r, "/article.html", http.StatusFound)
			return
		}
		http.Redirect(w, r, fmt.Sprintf("/redirect/%d", n-1), http.StatusFound)
	})
	mux.HandleFunc("/to-metadata", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://169.254.169.254/latest/meta-data/", http.StatusFound)
	})
	mux.HandleFunc("/to-private", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://10.0.0.1/", http.StatusFound)
	})
	mux.HandleFunc("/to-file", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestGet(t *testing.T) {
	srv := testServer(t)
	c := New(Options{MaxBytes: 1000, Timeout: 2 * time.Second, AllowPrivate: true})
	tests := []struct {
		path      string
		wantType  string
		wantName  string
		wantFinal string
		wantErr   error
	}{
		{path: "/article.html", wantType: "text/html; charset=iso-8859-1", wantName: "article.html"},
		{path: "/notes.md", wantType: "text/markdown", wantName: "notes.md"},
		{path: "/download", wantType: "text/plain", wantName: "report.txt"},
		{path: "/redirect/4", wantType: "text/html; charset=iso-8859-1", wantName: "article.html", wantFinal: "/article.html"},
		{path: "/redirect/5", wantErr: ErrRedirects},
		{path: "/image.png", wantErr: ErrType},
		{path: "/big", wantErr: ErrTooBig},
		{path: "/big-chunked", wantErr: ErrTooBig},
		{path: "/missing", wantErr: ErrStatus},
		{path: "/to-file", wantErr: ErrScheme},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			res, err := c.Get(context.Background(), srv.URL+tt.path)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("Get(%s) error = %v, want %v", tt.path, err, tt.wantErr)
				}
				if !strings.Contains(err.Error(), srv.URL) {
					t.Errorf("error %q does not name the URL", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Get(%s): %v", tt.path, err)
			}
			if res.ContentType != tt.wantType || res.Filename != tt.wantName || len(res.Body) == 0 {
				t.Errorf("Get(%s) = type %q, name %q, %d bytes", tt.path, res.ContentType, res.Filename, len(res.Body))
			}
			if tt.wantFinal != "" && res.FinalURL != srv.URL+tt.wantFinal {
				t.Errorf("FinalURL = %q", res.FinalURL)
			}
		})
	}
}

func TestGetTimeout(t *testing.T) {
	srv := testServer(t)
	c := New(Options{Timeout: 100 * time.Millisecond, AllowPrivate: true})
	_, err := c.Get(context.Background(), srv.URL+"/slow")
	if !errors.Is(err, ErrTimeout) || !strings.Contains(err.Error(), "timed out after 100ms") {
		t.Errorf("err = %v, want a timeout", err)
	}
}

func TestGetRefusesSchemes(t *testing.T) {
	c := New(Options{})
	for _, u := range []string{"file:///etc/passwd", "ftp://example.com/a.txt", "gopher://x", "/relative", "javascript:alert(1)", "http://user:pw@example.com/"} {
		if _, err := c.Get(context.Background(), u); !errors.Is(err, ErrScheme) {
			t.Errorf("Get(%q) error = %v, want ErrScheme", u, err)
		}
	}
}

func TestSSRFGuard(t *testing.T) {
	c := New(Options{Timeout: 2 * time.Second})
	for _, u := range []string{
		"http://127.0.0.1/",
		"http://localhost/",              // checked after DNS resolution
		"http://169.254.169.254/latest/", // cloud metadata
		"http://10.1.2.3/",               // private
		"http://192.168.0.1/",            // private
		"http://[::1]/",                  // IPv6 loopback
		"http://[::ffff:127.0.0.1]/",     // IPv4-mapped loopback
		"http://0.0.0.0/",                // "this host"
		"https://127.0.0.1:8443/",        // port not allowed either
	} {
		_, err := c.Get(context.Background(), u)
		if !errors.Is(err, ErrBlocked) {
			t.Errorf("Get(%q) error = %v, want ErrBlocked", u, err)
		}
	}
}

// TestSSRFGuardAllow allows only the test server's loopback address and
// checks that the rest of loopback stays refused, as do redirects from the
// allowed server to the metadata service or a private address.
func TestSSRFGuardAllow(t *testing.T) {
	srv := testServer(t)
	c := New(Options{Timeout: 2 * time.Second, Allow: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}})
	if _, err := c.Get(context.Background(), srv.URL+"/article.html"); err != nil {
		t.Fatalf("allowed server refused: %v", err)
	}
	port := srv.URL[strings.LastIndexByte(srv.URL, ':'):]
	for _, u := range []string{srv.URL + "/to-metadata", srv.URL + "/to-private", "http://[::1]" + port + "/", "http://127.0.0.2" + port + "/", "http://10.0.0.1/"} {
		_, err := c.Get(context.Background(), u)
		if !errors.Is(err, ErrBlocked) {
			t.Errorf("Get(%s) error = %v, want ErrBlocked", u, err)
		}
	}
}
