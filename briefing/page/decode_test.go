package page

import (
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
)

func utf16(t *testing.T, s string, order xunicode.Endianness, bom xunicode.BOMPolicy) []byte {
	t.Helper()
	b, err := xunicode.UTF16(order, bom).NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func latin1(t *testing.T, s string) []byte {
	t.Helper()
	b, err := charmap.Windows1252.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDecode(t *testing.T) {
	const text = "Zürich café – “quoted” text\n"
	tests := []struct {
		name   string
		body   []byte
		format string
		want   string
	}{
		{"utf8", []byte(text), "text", text},
		{"utf8 bom", append([]byte{0xEF, 0xBB, 0xBF}, text...), "text", text},
		{"utf16le bom", utf16(t, text, xunicode.LittleEndian, xunicode.UseBOM), "text", text},
		{"utf16be bom", utf16(t, text, xunicode.BigEndian, xunicode.UseBOM), "markdown", text},
		{"utf16le no bom", utf16(t, text, xunicode.LittleEndian, xunicode.IgnoreBOM), "text", text},
		{"html meta charset latin1", append([]byte(`<html><head><meta charset="iso-8859-1"></head><body>`), latin1(t, "Zürich café</body></html>")...), "html",
			`<html><head><meta charset="iso-8859-1"></head><body>Zürich café</body></html>`},
		{"html http-equiv windows-1252", append([]byte(`<meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><p>`), latin1(t, "“quoted”")...), "html",
			`<meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><p>“quoted”`},
		{"html declares latin1 but is utf8", []byte(`<meta charset="iso-8859-1"><p>Zürich</p>`), "html", `<meta charset="iso-8859-1"><p>Zürich</p>`},
		{"html no declaration, not utf8", append([]byte("<p>"), latin1(t, "café")...), "html", "<p>café"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Decode("doc.txt", tc.body, tc.format)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name   string
		body   []byte
		format string
		reason error
		detail string
	}{
		{"empty", nil, "text", ErrEmpty, "0 bytes"},
		{"whitespace", []byte(" \n\t\r\n "), "markdown", ErrEmpty, "white space"},
		{"utf16 whitespace", utf16(t, "  \n", xunicode.LittleEndian, xunicode.UseBOM), "text", ErrEmpty, "white space"},
		{"nul", []byte("hello\x00world, this is not text"), "text", ErrBinary, "offset 5"},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "html", ErrBinary, "NUL"},
		{"control bytes", []byte(strings.Repeat("ab\x01\x02\x03", 20)), "text", ErrBinary, "control"},
		{"latin1 text", latin1(t, "café au lait"), "text", ErrEncoding, "offset 3"},
		{"bad utf8 after bom", []byte("\xEF\xBB\xBFok \xff"), "text", ErrEncoding, "byte-order mark"},
		{"html declared utf8 but invalid", []byte("<meta charset=utf-8><p>caf\xe9"), "html", ErrEncoding, "invalid UTF-8"},
		{"format", []byte("x"), "pdf", ErrFormat, "pdf"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decode("input/file-7.txt", tc.body, tc.format)
			if !errors.Is(err, tc.reason) {
				t.Fatalf("err = %v, want %v", err, tc.reason)
			}
			var ie *InputError
			if !errors.As(err, &ie) || ie.Name != "input/file-7.txt" {
				t.Errorf("error does not carry the input name: %#v", err)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "input/file-7.txt: ") || !strings.Contains(msg, tc.detail) {
				t.Errorf("message %q: want the name first and %q in it", msg, tc.detail)
			}
		})
	}
}
