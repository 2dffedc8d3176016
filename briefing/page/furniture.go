package page

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The patterns below describe news page furniture in general: the
// interface strings of site templates (navigation, sharing, newsletters,
// read-time badges), photo credits and captions, and the headings of
// link lists. None names a particular article.

// uiLines are whole lines that are only interface text. Compared after
// foldLine (lower case, outer punctuation and spaces trimmed).
var uiLines = map[string]bool{
	"skip to content": true, "skip to main content": true, "skip to navigation": true, "skip navigation": true,
	"skip to footer": true, "jump to content": true, "menu": true, "main menu": true, "open menu": true,
	"close menu": true, "close": true, "search": true, "open search": true, "home": true, "sections": true,
	"show more": true, "show less": true, "load more": true, "see more": true, "view more": true,
	"see all": true, "view all": true, "more": true, "read more": true, "read less": true,
	"continue reading": true, "keep reading": true, "read the full article": true, "read full story": true,
	"read full article": true, "advertisement": true, "advertising": true, "ad": true, "sponsored": true,
	"sponsored content": true, "paid content": true, "scroll to continue with content": true,
	"share": true, "share this": true, "share this article": true, "share this story": true,
	"share article": true, "share on facebook": true, "share on x": true, "share on twitter": true,
	"share on linkedin": true, "share via email": true, "tweet": true, "copy link": true, "link copied": true,
	"print": true, "email": true, "e-mail": true, "comments": true, "comment": true, "leave a comment": true,
	"view comments": true, "show comments": true, "contact us": true, "about us": true, "sign in": true,
	"log in": true, "login": true, "register": true, "sign up": true, "subscribe": true, "subscribe now": true,
	"newsletter": true, "newsletters": true, "back to top": true, "top": true, "follow us": true,
	"listen to this article": true, "listen": true, "listen to article": true, "audio": true, "avatar": true,
	"author": true, "authors": true, "about the author": true, "privacy policy": true, "terms of use": true,
	"terms of service": true, "cookie policy": true, "cookie settings": true, "accept cookies": true,
	"accept": true, "accept all": true, "manage cookies": true, "all rights reserved": true,
	"successfully subscribed": true, "thanks for subscribing": true,
	"thank you for subscribing": true, "donate": true, "support us": true, "become a member": true,
	"watch": true, "watch live": true, "live": true, "play video": true, "video": true, "photo": true,
	"gallery": true, "next": true, "previous": true, "next article": true, "previous article": true,
	"sign up for free": true, "get the app": true, "download the app": true, "open in app": true,
	"feedback": true, "send feedback": true, "report an error": true, "report a correction": true,
	"editor's note": false, "topics": true, "tags": true, "filed under": true,
}

// listHeadings start a block of links to other stories: the heading and
// the headline-like lines under it are furniture.
var listHeadings = map[string]bool{
	"related": true, "related content": true, "related articles": true, "related stories": true,
	"related news": true, "related coverage": true, "related posts": true, "related topics": true,
	"related links": true, "related reading": true, "explore": true, "explore more": true,
	"recommended": true, "recommended for you": true, "recommended stories": true, "recommended articles": true,
	"recommended reading": true, "more news": true, "more stories": true, "more articles": true,
	"more on this story": true, "more on this topic": true, "more to read": true, "more to explore": true,
	"most read": true, "most popular": true, "most viewed": true, "most shared": true, "popular": true,
	"popular now": true, "popular stories": true, "editors' picks": true, "editor's picks": true,
	"editors picks": true, "editors’ picks": true, "editor’s picks": true, "editor's choice": true,
	"editors' choice": true, "trending": true, "trending now": true, "trending stories": true,
	"top stories": true, "top news": true, "latest": true, "latest news": true, "latest stories": true,
	"latest articles": true, "you may also like": true, "you might also like": true, "you may like": true,
	"read next": true, "what to read next": true, "up next": true, "in other news": true,
	"further reading": true, "see also": true, "also read": true, "read also": true, "don't miss": true,
	"don’t miss": true, "must read": true, "must reads": true, "more from this author": true,
	"more from the author": true, "other news": true, "around the web": true, "elsewhere": true,
	"keep reading": false, "what others are reading": true, "news in brief": true,
}

// feedHeadings start a news-feed sidebar: timestamped items beside the
// article, not part of it.
var feedHeadings = map[string]bool{
	"news feed": true, "live feed": true, "newsfeed": true, "latest updates": true, "live updates": true,
	"breaking news": true, "just in": true, "news ticker": true, "latest headlines": true, "live news": true,
	"news wire": true, "newswire": true,
}

// feedEnds close a news-feed sidebar.
var feedEnds = map[string]bool{
	"show more": true, "load more": true, "see more": true, "view more": true, "see all": true,
	"view all": true, "all news": true, "more news": true, "see all news": true, "view all news": true,
	"read more news": true, "show all": true,
}

var (
	// "2 min read", "5 minute read", "3 mins listen", "Reading time: 4 minutes"
	readTimeRe = regexp.MustCompile(`(?i)^(?:reading time:?\s*)?(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)[\s-]*(?:min|mins|minute|minutes)(?:\s+(?:read|listen|watch|reading))?$`)
	// Feed timestamps: "10:48 AM", "9:51", "14:05 GMT", "2 hours ago", "Updated 5 mins ago"
	timestampRe = regexp.MustCompile(`(?i)^(?:(?:updated|posted|published)\s+)?(?:\d{1,2}[:.]\d{2}(?:\s*(?:am|pm|a\.m\.|p\.m\.))?(?:\s*(?:utc|gmt|cet|cest|eet|eest|bst|est|edt|pst|pdt|msk|local time))?|(?:\d+|an?|one)\s+(?:second|sec|minute|min|hour|hr|day|week)s?\s+ago|just now|yesterday)$`)
	// AI-voice and automated-summary notices.
	aiNoticeRe = regexp.MustCompile(`(?i)^(?:this|the)\s+(?:audio|article|summary|text|narration|voice|story)\s+(?:is|was|has been)\s+(?:created|generated|produced|narrated|read|voiced|summari[sz]ed|translated)\s+(?:with|by|using)\s+(?:the\s+)?(?:help\s+of\s+)?(?:ai|a\.i\.|artificial intelligence|machine|automated)`)
	// Newsletter and subscription prompts that start a line.
	newsletterStartRe = regexp.MustCompile(`(?i)^(?:\*\s*(?:indicates|denotes) (?:a )?required|(?:please,?\s+)?enter (?:your|a|a valid|correct|a correct|valid)\s+(?:e-?mail|email address)|` +
		`(?:you(?:'|’)re|you are) (?:now )?(?:subscribed|signed up)|` +
		`sign up (?:for|to) (?:our|the|a)\b.*\b(?:newsletter|briefing|digest|alerts?)\b|` +
		`subscribe (?:to|for) (?:our|the)\b.*\b(?:newsletter|briefing|digest|updates|alerts?)\b|get (?:our|the)\b.{0,60}\b(?:newsletter|in your inbox)\b|` +
		`(?:please,?\s+)?enter (?:a )?(?:correct|valid) e-?mail|invalid e-?mail|successful+y subscribed|` +
		`(?:your )?e-?mail address$|delivered to your inbox)`)
	// Share rows: "Share on Facebook | Share on X", "Share this article:".
	shareRe = regexp.MustCompile(`(?i)^(?:share|tweet|email|e-mail|print|copy link|facebook|twitter|x|linkedin|whatsapp|telegram|reddit|pinterest|flipboard)(?:\s*(?:on|via|this|article|story|to)\b[^.!?]{0,40})?(?:\s*[|/•·,]\s*(?:share|tweet|email|e-mail|print|copy link|facebook|twitter|x|linkedin|whatsapp|telegram|reddit|pinterest|flipboard)\b[^|/•·,]{0,20})*:?$`)
	// Teaser links: "Read more: ...", "READ ALSO: ...", "See also - ...".
	readMoreRe = regexp.MustCompile(`(?i)^(?:read more|read also|also read|see also|related|read next|more|watch|listen|recommended|explore)\s*[:|–—-]\s*\S`)
	// Link cards glued to their label by a copy from the browser:
	// "RelatedTRT Global - What's next ...", "Read moreKyiv ...".
	gluedCardRe = regexp.MustCompile(`^(?:Related|Recommended|Read more|Read also|See also|Also read|More|Explore|Watch|Listen|Trending|Opinion|Analysis|Video|Podcast|Exclusive)(\p{Lu}.*)$`)
	// The brand in a glued or labelled link card: "TRT Global - headline".
	cardBrandRe = regexp.MustCompile(`^(\p{Lu}[\p{L}\p{N}&.'’]*(?:\s+[\p{Lu}\p{N}&][\p{L}\p{N}&.'’]*){0,4})\s+[-–—|]\s+\S`)
	// Photo credits: "(Contributor/Getty Images)", "(AFP)", "(Photo: Reuters)".
	creditTailRe = regexp.MustCompile(`\((?:[^()]{0,80}/\s*)?(?:(?i:photo|image|picture|credit|source):?\s*)?[^()]{0,40}\b(?:Getty Images|Getty|AFP|Reuters|REUTERS|AP Photo|AP|Associated Press|EPA|EPA-EFE|Shutterstock|Anadolu|Anadolu Agency|SIPA|Sipa|Pool|POOL|iStock|Alamy|Bloomberg|Xinhua|TASS|RIA Novosti|Sputnik|Ukrinform|(?i:contributor|photographer|photo|handout|courtesy|getty images))\b[^()]{0,60}\)\s*$`)
	// Credit lines: "Images source: © Agency | Other Agency", "Photo: Reuters", "© 2025 ...", "Image credit ...".
	creditLineRe = regexp.MustCompile(`(?i)^(?:(?:images?|photos?|pictures?|photography|video|illustration|graphic|cover image|main image|top image|header image)\s*(?:source|credits?|by|courtesy(?: of)?)?\s*:|(?:photo|image|picture) (?:credit|source|by|courtesy)\b|©|\(c\)\s|copyright\b|source of (?:the )?(?:image|photo|picture)\b)`)
	// A caption signed by its agency after a slash: "Kremlin spokesman Dmitry Peskov. / Reuters".
	slashCreditRe = regexp.MustCompile(`(?:[.!?)"”’]|\p{L})\s+/\s+(?:\p{Lu}[\p{L}.&-]*(?:\s+\p{Lu}[\p{L}.&-]*){0,3})(?:\s*/\s*\p{Lu}[\p{L}.&-]*)?\s*$`)
	// A copyright notice names the publisher: "© 2024 Harbour Times. All
	// rights reserved." (a photo credit with © has no such clause).
	copyrightRe = regexp.MustCompile(`(?i)^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?,?\s+)?(\p{Lu}[^.|]{1,60}?)[.,]?\s+all rights reserved`)
	// "SOURCE: AFP", "Source: Reuters" lines.
	sourceLineRe = regexp.MustCompile(`(?i)^(?:source|sources|via|credit|agencies|with agencies)\s*:\s*(.{1,60})$`)
	// Bylines: "By Jane Doe", "By Jane Doe and John Roe", "Written by ...", "Words by ...".
	bylineRe = regexp.MustCompile(`^(?:[Bb]y|BY|[Ww]ritten by|[Ww]ords by|[Rr]eporting by|[Aa]uthor:)\s+(\p{Lu}[\p{L}'’.-]*(?:\s+(?:\p{Lu}[\p{L}'’.-]*|de|da|van|von|der|bin|al|and|&|,)){0,8})(?:\s*[,|–—-]\s*(.{2,60}))?$`)
	// Author bios: "Volodymyr Ivanyshyn is a news editor for The Kyiv Independent."
	bioRe = regexp.MustCompile(`^(\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){0,3})\s+(?:is|was|has been|serves as)\s+(?:an?|the)\s+(?:[\p{L}-]+\s+){0,4}?(?:editor|reporter|correspondent|journalist|writer|columnist|producer|contributor|analyst|intern|fellow|photographer|photojournalist|critic|anchor|host|editor-in-chief|blogger|commentator)s?\b(?:[^.]{0,80}?\s+(?:for|at|with|of)\s+(?:the\s+)?)?`)
	// The outlet a bio names: "... for The Kyiv Independent", "... at Reuters".
	bioOrgRe = regexp.MustCompile(`\b(?:for|at|with)\s+((?:[Tt]he\s+)?\p{Lu}[\p{L}\p{N}&.'’-]*(?:\s+(?:\p{Lu}[\p{L}\p{N}&.'’-]*|of|and|&|on|the)){0,5})`)
	// Role-title lines in an author card: "News Editor", "Senior Correspondent".
	roleLineRe = regexp.MustCompile(`(?i)^(?:[\p{L}-]+\s+){0,3}(?:editor|reporter|correspondent|journalist|writer|columnist|producer|contributor|analyst|intern|fellow|photographer|editor-in-chief|anchor|host)s?$`)
)

// wireAgencies credit where a story came from; a "SOURCE:" line naming one
// is not the outlet that published the page.
var wireAgencies = map[string]bool{
	"afp": true, "agence france-presse": true, "agence france presse": true, "reuters": true, "ap": true,
	"associated press": true, "the associated press": true, "dpa": true, "efe": true, "ansa": true,
	"anadolu": true, "anadolu agency": true, "aa": true, "xinhua": true, "tass": true, "interfax": true,
	"ria novosti": true, "ukrinform": true, "pti": true, "ani": true, "upi": true, "kyodo": true,
	"yonhap": true, "bloomberg": true, "sputnik": true, "pap": true, "ctk": true, "apa": true, "bernama": true,
	"antara": true, "irna": true, "wafa": true, "mena": true, "agencies": true, "news agencies": true,
	"wires": true, "wire services": true, "afp, reuters": true, "reuters, afp": true,
}

// foldLine is a line reduced for comparison with interface strings:
// lower case, curly apostrophes straightened, and outer punctuation,
// arrows and spaces trimmed.
func foldLine(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.ReplaceAll(s, "’", "'")
	s = strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) && r != '\'' || unicode.IsSymbol(r)
	})
	return strings.Join(strings.Fields(s), " ")
}

func isUILine(f string) bool { return uiLines[f] }
func isListHeading(f string) bool {
	return listHeadings[f] || listHeadings[strings.ReplaceAll(f, "'", "’")]
}
func isFeedHeading(f string) bool { return feedHeadings[f] }
func isFeedEnd(f string) bool     { return feedEnds[f] }
func isWireAgency(s string) bool  { return wireAgencies[foldLine(s)] }

// creditStarts are the starts of the lower-case forms of every line
// creditLineRe matches whose first byte is ASCII. They stop before any "s"
// or "k" after the first letter, the letters that case-insensitive
// matching also reads from other runes ("ſ", the Kelvin sign), so the test
// is exact.
var creditStarts = []string{"image", "photo", "picture", "video", "illu", "graphic", "cover image", "main image", "top image", "header image", "(c)", "copyright", "source of"}

// isCreditLine reports a credit line. lower is the line in lower case (at
// least its first 64 bytes): the regexp runs only on lines that start like
// a credit, which most prose does not.
func isCreditLine(lower, s string) bool {
	if s == "" {
		return false
	}
	if s[0] < utf8.RuneSelf && !hasAnyPrefix(lower, creditStarts) {
		return false
	}
	return creditLineRe.MatchString(s)
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// The checks below run on every line, so each first looks for a cheap
// sign (a keyword, a first or last character) before its regexp runs.

func isTimestamp(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 40 {
		return false
	}
	return timestampRe.MatchString(s)
}

func isReadTime(s string) bool {
	s = strings.TrimSpace(s)
	if len(s) > 40 || !strings.Contains(strings.ToLower(s), "min") {
		return false
	}
	return readTimeRe.MatchString(s)
}

func hasCreditTail(s string) bool {
	t := strings.TrimSpace(s)
	return strings.HasSuffix(t, ")") && creditTailRe.MatchString(t) ||
		strings.Contains(t, "/ ") && slashCreditRe.MatchString(t)
}

var newsletterWords = []string{"mail", "required", "thank", "subscri", "sign", "newsletter", "inbox", "feedback", "registering", "denotes"}

// newsletterInside are the prompts found anywhere in a line, each with a
// word it must contain. An unanchored pattern is tried at every position,
// so each runs only on the lines that have its word. The test is exact:
// every rune these case-insensitive patterns accept for a letter of the
// word lower-cases to that letter.
var newsletterInside = []struct {
	word string
	re   *regexp.Regexp
}{
	{"thank", regexp.MustCompile(`(?i)\b(?:thank you|thanks) for (?:signing up|subscribing|registering)`)},
	{"confirmation", regexp.MustCompile(`(?i)\bsent you a confirmation e-?mail`)},
	{"you agree", regexp.MustCompile(`(?i)\bby (?:signing up|subscribing),? you agree\b`)},
	{"feedback", regexp.MustCompile(`(?i)\bshare your feedback\b`)},
}

func isNewsletter(lower, s string) bool {
	for _, w := range newsletterWords {
		if strings.Contains(lower, w) {
			return matchesNewsletter(lower, s)
		}
	}
	return false
}

func matchesNewsletter(lower, s string) bool {
	if newsletterStartRe.MatchString(s) {
		return true
	}
	for _, p := range newsletterInside {
		if strings.Contains(lower, p.word) && p.re.MatchString(s) {
			return true
		}
	}
	return false
}

func isAINotice(lower, s string) bool {
	return (strings.HasPrefix(lower, "this ") || strings.HasPrefix(lower, "the ")) && aiNoticeRe.MatchString(s)
}

var shareWords = []string{"share", "tweet", "email", "e-mail", "print", "copy link", "facebook", "twitter", "x", "linkedin", "whatsapp", "telegram", "reddit", "pinterest", "flipboard"}

func isShareLine(lower, s string) bool {
	if len(s) >= 120 {
		return false
	}
	if !hasAnyPrefix(lower, shareWords) {
		return false
	}
	return shareRe.MatchString(s)
}

var socialWords = map[string]bool{
	"whatsapp": true, "facebook": true, "twitter": true, "x": true, "linkedin": true, "pinterest": true,
	"pin": true, "pint": true, "telegram": true, "reddit": true, "email": true, "e-mail": true, "mail": true,
	"print": true, "share": true, "tweet": true, "copy": true, "link": true, "messenger": true,
	"flipboard": true, "tumblr": true, "vk": true, "viber": true, "sms": true, "threads": true,
	"bluesky": true, "mastodon": true, "instagram": true, "youtube": true, "tiktok": true, "rss": true,
}

var socialNetworks = map[string]bool{
	"whatsapp": true, "facebook": true, "twitter": true, "linkedin": true, "pinterest": true, "pint": true,
	"telegram": true, "reddit": true, "messenger": true, "flipboard": true, "tumblr": true, "vk": true,
	"viber": true, "threads": true, "bluesky": true, "mastodon": true, "instagram": true, "youtube": true, "tiktok": true,
}

// isSocialRow recognises a row of share or follow buttons printed as
// words: "Whatsapp Facebook Pinterest Email", "Facebook | X | LinkedIn".
func isSocialRow(f string) bool {
	isSep := func(r rune) bool {
		return unicode.IsSpace(r) || r == '|' || r == '/' || r == '•' || r == '·' || r == ','
	}
	words, known, networks := 0, 0, 0
	for rest := f; rest != ""; {
		// The words are walked in place: most lines are not share rows,
		// and a slice of words for each was a garbage-collector cost.
		start := strings.IndexFunc(rest, func(r rune) bool { return !isSep(r) })
		if start < 0 {
			break
		}
		rest = rest[start:]
		end := strings.IndexFunc(rest, isSep)
		if end < 0 {
			end = len(rest)
		}
		w := rest[:end]
		rest = rest[end:]
		if words++; words > 10 {
			return false
		}
		if socialWords[w] {
			known++
		}
		if socialNetworks[w] {
			networks++
		}
	}
	return words >= 2 && networks >= 2 && known*4 >= words*3
}

var readMoreWords = []string{"read ", "also ", "see ", "related", "more", "watch", "listen", "recommended", "explore"}

func isReadMoreLink(lower, s string) bool {
	if len(s) >= 300 {
		return false
	}
	if !hasAnyPrefix(lower, readMoreWords) {
		return false
	}
	return readMoreRe.MatchString(s)
}

var cardLabels = []string{"Related", "Recommended", "Read more", "Read also", "See also", "Also read", "More", "Explore", "Watch", "Listen", "Trending", "Opinion", "Analysis", "Video", "Podcast", "Exclusive"}

func gluedCard(s string) []string {
	if !hasAnyPrefix(s, cardLabels) {
		return nil
	}
	return gluedCardRe.FindStringSubmatch(s)
}

var sourceWords = []string{"source", "via", "credit", "agencies", "with agencies"}

func sourceLine(lower, s string) []string {
	if len(s) > 80 {
		return nil
	}
	if !hasAnyPrefix(lower, sourceWords) {
		return nil
	}
	return sourceLineRe.FindStringSubmatch(s)
}

var bylineWords = []string{"by ", "written by", "words by", "reporting by", "author:"}

func byline(lower, s string) []string {
	if len(s) > 200 {
		return nil
	}
	if !hasAnyPrefix(lower, bylineWords) {
		return nil
	}
	return bylineRe.FindStringSubmatch(s)
}
