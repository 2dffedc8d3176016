package page

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	xunicode "golang.org/x/text/encoding/unicode"
)

// Reasons a document is refused. Decode wraps them in an *InputError that
// names the input; test with errors.Is.
var (
	ErrEmpty    = errors.New("empty document")
	ErrBinary   = errors.New("binary content")
	ErrEncoding = errors.New("not valid text in its character encoding")
	ErrFormat   = errors.New("unsupported format")
	ErrNoText   = errors.New("no article text found")
)

// InputError is a document refused for a reason a user can act on.
type InputError struct {
	Name   string // the input as the user named it (file name or URL)
	Err    error  // one of the Err* reasons above
	Detail string // what exactly was wrong, for the message
}

func (e *InputError) Error() string {
	if e.Detail == "" {
		return fmt.Sprintf("%s: %v", e.Name, e.Err)
	}
	return fmt.Sprintf("%s: %v: %s", e.Name, e.Err, e.Detail)
}

func (e *InputError) Unwrap() error { return e.Err }

func inputErr(name string, reason error, format string, args ...any) error {
	return &InputError{Name: name, Err: reason, Detail: fmt.Sprintf(format, args...)}
}

// Decode turns a document's raw bytes into UTF-8 text. format is "text",
// "markdown" or "html". A byte-order mark (UTF-8, UTF-16 LE/BE) decides the
// encoding; HTML may declare its charset in a <meta> tag (bytes that are
// valid UTF-8 are read as UTF-8 whatever the tag says, since pages often
// declare Latin-1 and serve UTF-8); UTF-16 without a mark is recognised by
// its pattern of zero bytes; everything else must be UTF-8. The result has
// no byte-order mark and is otherwise the document as written.
//
// Errors are *InputError values naming the input and wrapping ErrEmpty
// (no bytes, or only white space), ErrBinary (NUL or other control bytes),
// ErrEncoding (not valid UTF-8 after detection) or ErrFormat.
func Decode(name string, body []byte, format string) (string, error) {
	switch format {
	case "text", "markdown", "html":
	default:
		return "", inputErr(name, ErrFormat, "format %q (want text, markdown or html)", format)
	}
	if len(body) == 0 {
		return "", inputErr(name, ErrEmpty, "0 bytes")
	}
	text, err := decodeBytes(name, body, format)
	if err != nil {
		return "", err
	}
	if strings.TrimFunc(text, unicode.IsSpace) == "" {
		return "", inputErr(name, ErrEmpty, "only white space in %d bytes", len(body))
	}
	if err := checkControl(name, text); err != nil {
		return "", err
	}
	return text, nil
}

func decodeBytes(name string, body []byte, format string) (string, error) {
	switch {
	case bytes.HasPrefix(body, []byte{0xEF, 0xBB, 0xBF}):
		return utf8Text(name, body[3:], "after its UTF-8 byte-order mark")
	case bytes.HasPrefix(body, []byte{0xFF, 0xFE}):
		return transcode(name, body, xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM), "UTF-16LE")
	case bytes.HasPrefix(body, []byte{0xFE, 0xFF}):
		return transcode(name, body, xunicode.UTF16(xunicode.BigEndian, xunicode.ExpectBOM), "UTF-16BE")
	}
	if order, ok := looksUTF16(body); ok {
		return transcode(name, body, xunicode.UTF16(order, xunicode.IgnoreBOM), "UTF-16 (no byte-order mark)")
	}
	if i := bytes.IndexByte(body, 0); i >= 0 {
		return "", inputErr(name, ErrBinary, "NUL byte at offset %d", i)
	}
	if utf8.Valid(body) {
		return string(body), nil
	}
	if format == "html" {
		if enc, label, declared := htmlCharset(body); enc != nil {
			how := "its declared charset"
			if !declared {
				how = "the HTML default charset"
			}
			return transcode(name, body, enc, label+" ("+how+")")
		}
	}
	return utf8Text(name, body, "")
}

// htmlCharset is the encoding an HTML document declares in its first 1024
// bytes, or the HTML default (windows-1252) when it declares none.
func htmlCharset(body []byte) (enc encoding.Encoding, label string, declared bool) {
	enc, label, _ = charset.DetermineEncoding(body, "text/html")
	head := body[:min(len(body), 1024)]
	declared = bytes.Contains(bytes.ToLower(head), []byte("charset"))
	if label == "utf-8" {
		return nil, "", false // declared UTF-8 but invalid: an encoding error, not a guess
	}
	return enc, label, declared
}

func utf8Text(name string, body []byte, where string) (string, error) {
	if utf8.Valid(body) {
		return string(body), nil
	}
	off := invalidOffset(body)
	if where != "" {
		where = " " + where
	}
	return "", inputErr(name, ErrEncoding, "invalid UTF-8 at byte offset %d%s", off, where)
}

func invalidOffset(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

func transcode(name string, body []byte, enc encoding.Encoding, label string) (string, error) {
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return "", inputErr(name, ErrEncoding, "cannot decode as %s: %v", label, err)
	}
	out = bytes.TrimPrefix(out, []byte{0xEF, 0xBB, 0xBF})
	if !utf8.Valid(out) {
		return "", inputErr(name, ErrEncoding, "invalid %s", label)
	}
	if bytes.ContainsRune(out, utf8.RuneError) && !bytes.ContainsRune(body, utf8.RuneError) {
		// The decoder replaced undecodable units: the bytes are not that encoding.
		return "", inputErr(name, ErrEncoding, "invalid %s (unpaired surrogates or truncated)", label)
	}
	return string(out), nil
}

// looksUTF16 recognises UTF-16 without a byte-order mark: an even length and
// zero bytes in most high bytes (70%) of the first code units and almost none
// (5%) in the low bytes, as Latin
// text in UTF-16 has. Binary files rarely alternate that regularly.
func looksUTF16(b []byte) (xunicode.Endianness, bool) {
	n := min(len(b), 4096) &^ 1
	if n < 4 || len(b)%2 != 0 {
		return xunicode.LittleEndian, false
	}
	var evenZero, oddZero int
	for i := 0; i < n; i += 2 {
		if b[i] == 0 {
			evenZero++
		}
		if b[i+1] == 0 {
			oddZero++
		}
	}
	units := n / 2
	switch {
	case oddZero*10 >= units*7 && evenZero*20 <= units:
		return xunicode.LittleEndian, true
	case evenZero*10 >= units*7 && oddZero*20 <= units:
		return xunicode.BigEndian, true
	}
	return xunicode.LittleEndian, false
}

// checkControl refuses text with NUL or many other control characters, the
// mark of a binary file that happens to decode.
func checkControl(name, s string) error {
	var control, total int
	for i, r := range s {
		total++
		switch {
		case r == 0:
			return inputErr(name, ErrBinary, "NUL character at offset %d", i)
		case r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f' && r != '\v', r == 0x7F:
			control++
		}
	}
	if control > 0 && control*100 > total { // more than 1%: no text file looks like that
		return inputErr(name, ErrBinary, "%d control characters in %d", control, total)
	}
	return nil
}
