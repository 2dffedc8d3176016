package main

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestExtractJSONContract checks `extract --json` against issue 2's
// contract on the demo's sample articles plus one bad file.
func TestExtractJSONContract(t *testing.T) {
	samplesDir, err := filepath.Abs("samples")
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(samplesDir)
	if err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(t.TempDir(), "empty.txt")
	if err := os.WriteFile(bad, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	r := briefbot(t, nil, "extract", "--json", samplesDir, bad)
	if r.code != exitFailed || !strings.Contains(r.stderr, bad+": empty file") {
		t.Fatalf("want exit 1 and the bad file named on stderr; got %s", r)
	}
	date := regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	kinds := map[string]bool{"direct": true, "partial": true, "indirect": true, "unmarked": true}
	sc := bufio.NewScanner(strings.NewReader(r.stdout))
	sc.Buffer(nil, 16<<20)
	var files []string
	quotes := 0
	for sc.Scan() {
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(sc.Bytes(), &obj); err != nil {
			t.Fatalf("not one JSON object a line: %v\n%s", err, sc.Text())
		}
		var out struct {
			File      string  `json:"file"`
			Title     *string `json:"title"`
			Source    *string `json:"source"`
			Published *string `json:"published"`
			Author    *string `json:"author"`
			Text      string  `json:"text"`
			Summary   string  `json:"summary"`
			Quotes    []struct {
				Speaker *string `json:"speaker"`
				Text    string  `json:"text"`
				Kind    string  `json:"kind"`
				Start   *int    `json:"start"`
				End     *int    `json:"end"`
			} `json:"quotes"`
		}
		if err := json.Unmarshal(sc.Bytes(), &out); err != nil {
			t.Fatalf("fields of the wrong type: %v\n%s", err, sc.Text())
		}
		for _, key := range []string{"file", "title", "source", "published", "author", "text", "summary", "quotes"} {
			if _, ok := obj[key]; !ok {
				t.Errorf("%s: field %q missing", out.File, key)
			}
		}
		if string(obj["quotes"]) == "null" {
			t.Errorf("%s: quotes is null, want a list", out.File)
		}
		files = append(files, out.File)
		if strings.Contains(out.File, "/") {
			t.Errorf("file %q is not a base name", out.File)
		}
		for name, v := range map[string]*string{"title": out.Title, "source": out.Source, "author": out.Author, "published": out.Published} {
			if v != nil && strings.TrimSpace(*v) == "" {
				t.Errorf("%s: %s is an empty string, want null", out.File, name)
			}
		}
		if out.Published != nil && !date.MatchString(*out.Published) {
			t.Errorf("%s: published %q is not YYYY-MM-DD", out.File, *out.Published)
		}
		if out.Text == "" || out.Summary == "" {
			t.Errorf("%s: empty text or summary", out.File)
		}
		for _, q := range out.Quotes {
			quotes++
			if !kinds[q.Kind] {
				t.Errorf("%s: quote kind %q", out.File, q.Kind)
			}
			if q.Speaker != nil && *q.Speaker == "" {
				t.Errorf("%s: speaker is an empty string, want null", out.File)
			}
			if q.Start == nil || q.End == nil || *q.Start < 0 || *q.End > len(out.Text) || *q.Start > *q.End || out.Text[*q.Start:*q.End] != q.Text {
				t.Errorf("%s: quote %q is not text[start:end]", out.File, q.Text)
			}
		}
	}
	if len(files) != len(entries) {
		t.Errorf("printed %d objects (%v), want one per sample (%d)", len(files), files, len(entries))
	}
	if quotes < 20 {
		t.Errorf("only %d quotes in the samples", quotes)
	}
	if !strings.Contains(r.stdout, "Water is not a weapon, and we will not let it become one") {
		t.Error("the samples' best-known quote is missing")
	}
}
