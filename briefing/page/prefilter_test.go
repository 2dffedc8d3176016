package page

import (
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/briefbot/briefbot/briefing/evalscore"
)

// The cleaner's fast paths (prefilters before its regexps, one pass for
// normSpace and countWords, a lower-cased prefix of long lines) must give
// exactly the answers of the slow paths they skip. These tests hold each
// one against its slow path on the seeds and, under -fuzz, on anything.

// newsletterReference is the newsletter pattern as one regexp, as it was
// before it was split into anchored and keyword-gated parts.
var newsletterReference = regexp.MustCompile(`(?i)(?:^\*\s*(?:indicates|denotes) (?:a )?required|^(?:please,?\s+)?enter (?:your|a|a valid|correct|a correct|valid)\s+(?:e-?mail|email address)|` +
	`\b(?:thank you|thanks) for (?:signing up|subscribing|registering)|^(?:you(?:'|’)re|you are) (?:now )?(?:subscribed|signed up)|` +
	`\bsent you a confirmation e-?mail|^sign up (?:for|to) (?:our|the|a)\b.*\b(?:newsletter|briefing|digest|alerts?)\b|` +
	`^subscribe (?:to|for) (?:our|the)\b.*\b(?:newsletter|briefing|digest|updates|alerts?)\b|^get (?:our|the)\b.{0,60}\b(?:newsletter|in your inbox)\b|` +
	`^(?:please,?\s+)?enter (?:a )?(?:correct|valid) e-?mail|^invalid e-?mail|^successful+y subscribed|` +
	`\bby (?:signing up|subscribing),? you agree\b|^(?:your )?e-?mail address$|^delivered to your inbox|` +
	`\bshare your feedback\b)`)

// countWordsReference is countWords as first written: rune by rune.
func countWordsReference(s string) int {
	n, in := 0, false
	for _, r := range s {
		if r >= 0x2E80 && isUnspacedScript(r) {
			n++
			in = false
			continue
		}
		if unicode.IsSpace(r) {
			in = false
		} else if !in {
			in = true
			n++
		}
	}
	return n
}

// checkFastPaths fails t when a fast path and its slow path disagree on s.
func checkFastPaths(t *testing.T, s string) {
	t.Helper()
	wantNorm := strings.Join(strings.Fields(s), " ")
	wantWords := countWordsReference(s)
	if got := normSpace(s); got != wantNorm {
		t.Fatalf("normSpace(%q) = %q, want %q", s, got, wantNorm)
	}
	if got := countWords(s); got != wantWords {
		t.Fatalf("countWords(%q) = %d, want %d", s, got, wantWords)
	}
	if norm, words := normAndCount(s); norm != wantNorm || words != wantWords {
		t.Fatalf("normAndCount(%q) = %q, %d, want %q, %d", s, norm, words, wantNorm, wantWords)
	}

	lower := strings.ToLower(s)
	prefix := lineLower(s, wantWords)
	for _, words := range [][]string{shareWords, readMoreWords, sourceWords, bylineWords, creditStarts, {"this ", "the "}} {
		for _, w := range words {
			if strings.HasPrefix(prefix, w) != strings.HasPrefix(lower, w) {
				t.Fatalf("lineLower(%q) = %q: prefix %q found %v, in the whole line %v", s, prefix, w, strings.HasPrefix(prefix, w), strings.HasPrefix(lower, w))
			}
		}
	}
	if got, want := isCreditLine(prefix, s), creditLineRe.MatchString(s); got != want {
		t.Fatalf("isCreditLine(%q) = %v, the regexp says %v", s, got, want)
	}
	if got, want := matchesNewsletter(lower, s), newsletterReference.MatchString(s); got != want {
		t.Fatalf("matchesNewsletter(%q) = %v, the one regexp says %v", s, got, want)
	}
	if bioRe.MatchString(s) && !bioVerbEarly(s) {
		t.Fatalf("bioVerbEarly(%q) is false but bioRe matches", s)
	}
	if !hasDigitRun(s, 4) && (mdyRe.MatchString(s) || dmyRe.MatchString(s) || isoRe.MatchString(s) || dotRe.MatchString(s)) {
		t.Fatalf("hasDigitRun(%q, 4) is false but a date pattern matches", s)
	}
}

// fastPathSeeds reach each fast path and its edge cases: runes that case
// folding or lower-casing maps onto ASCII letters (ſ, the Kelvin sign, İ),
// white space of every kind, and scripts written without spaces.
var fastPathSeeds = []string{
	"", " ", "a", " a", "a ", "a  b", "a\tb", "a\u00a0b", "a\u2009b", "\u3000x", "漢字 かな", "漢 字", "x漢", "\xff \xfe",
	"Photo credit: Jane Doe", "PHOTO: Reuters", "photos by AFP:", "Illustration: X", "Illuſtration: X", "© 2024 Harbour Times. All rights reserved.",
	"(c) 2024 X", "Copyright 2024 X", "ſource of image X", "Source of the photo: X", "Cover Image: x", "Top image credit: y",
	"* indicates required", "Enter your email", "Thanks for signing up!", "THANK YOU FOR SUBSCRIBING", "Thanᴋ you", "thanK you for registering",
	"We sent you a confirmation email", "By signing up, you agree to our terms", "BY SUBSCRIBING YOU AGREE", "Share your feedback",
	"Sign up for our newsletter today", "ſign up for our newsletter", "Subscribe to our daily briefing", "Get our newsletter in your inbox",
	"Your email address", "e-mail address", "Delivered to your inbox", "You’re now subscribed", "Successfully subscribed",
	"Jane Doe is a reporter for The Daily Example.", "Jane Mary Ann Doe was a correspondent at Reuters", "Jane\tDoe has been an editor",
	"One Two Three Four Five is a reporter", "Ann serves as the editor", "The reporter is here", "İmage: x",
	"Posted March 3, 2024", "3 March 2024", "2024-03-03T10:00Z", "03.03.2024", "March 3, 24", "２０２４-03-03",
	"This article was generated with the help of AI and then some more words to make a long line of more than twenty-five words in all, which is long enough to be cut at sixty-four bytes.",
	"Reporting by " + strings.Repeat("Kelvin ", 20),
	strings.Repeat("K", 30) + "this is a long line" + strings.Repeat(" word", 30),
	strings.Repeat("ſ", 40) + strings.Repeat(" word", 30),
}

func TestFastPathsMatchSlowPaths(t *testing.T) {
	seeds := append([]string(nil), fastPathSeeds...)
	for _, doc := range evalscore.SharedSeeds(t, "corpus", "*.txt") {
		seeds = append(seeds, splitLines(doc)...)
	}
	for _, s := range seeds {
		checkFastPaths(t, s)
	}
}

func FuzzFastPaths(f *testing.F) {
	for _, s := range fastPathSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		// Lines longer than this add nothing to what the fast paths see
		// (the longest looks at 64 bytes), and the slow paths' regexps
		// take seconds on the megabyte inputs the fuzzer grows.
		if len(s) > 4096 {
			return
		}
		checkFastPaths(t, s)
	})
}
