package store

// The read side: every query the commands run, on the read-only pool.
//
// User input never reaches an FTS5 MATCH as syntax: MatchQuery and
// PhraseQuery turn it into double-quoted string tokens, so "NEAR(", "*",
// "-", "OR" and stray quotes are searched as text (or, holding no word,
// find nothing) and can never make a query fail.

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/briefing/speakers"
	"github.com/briefbot/briefbot/briefing/story"
)

// Highlight markers around the matched words in Snippet texts. They are
// private-use characters, which never occur in article text; the renderer
// escapes the snippet and then turns them into bold.
const (
	HighlightStart = "\uE000"
	HighlightEnd   = "\uE001"
)

// searchWords splits user input into the words FTS5's unicode61 tokenizer
// would index: runs of letters, digits and combining marks.
func searchWords(input string) []string {
	return strings.FieldsFunc(input, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r))
	})
}

// MatchQuery turns user input into an FTS5 query matching rows that hold
// every word of it, in any order. Each word becomes a double-quoted string
// token, so nothing the user types is read as FTS5 syntax. It returns ""
// when the input holds no word: the caller then finds nothing.
func MatchQuery(input string) string {
	words := searchWords(input)
	for i, w := range words {
		words[i] = `"` + w + `"`
	}
	return strings.Join(words, " AND ")
}

// PhraseQuery turns user input into an FTS5 phrase query: the words in
// this order, next to each other. "" when the input holds no word.
func PhraseQuery(input string) string {
	words := searchWords(input)
	if len(words) == 0 {
		return ""
	}
	return `"` + strings.Join(words, " ") + `"`
}

// titleOnly restricts a MatchQuery to the title column of articles_fts.
func titleOnly(match string) string {
	if match == "" {
		return ""
	}
	return "{title} : (" + match + ")"
}

// Source is one article reporting something: a quote or an event.
type Source struct {
	ArticleID int64
	Title     string
	Outlet    string
	URL       string
	Published time.Time // zero when unknown
}

// QuoteGroup is one quote as said once, with every article that reported
// it (the quotes sharing a group_id).
type QuoteGroup struct {
	ID        int64 // the group id: the id of the first stored quote of the group
	SpeakerID int64 // 0 when the text does not say who spoke
	Speaker   string
	Role      string // the speaker's role as the first report gives it, else the speaker's
	Text      string
	Kind      briefing.Kind
	Date      time.Time // the earliest publication date among Sources; zero when none known
	Sources   []Source  // oldest first
}

// Outlets counts the distinct outlets among Sources.
func (g QuoteGroup) Outlets() int { return distinctOutlets(g.Sources) }

func distinctOutlets(src []Source) int {
	seen := map[string]bool{}
	for _, s := range src {
		seen[speakers.Fold(s.Outlet)] = true
	}
	return len(seen)
}

// QuoteQuery selects a speaker's quotes.
type QuoteQuery struct {
	SpeakerID int64
	Topic     string    // words that the quote (FTS) or its article's title (LIKE, any case) must all hold; "" for any
	Since     time.Time // only quotes reported on or after this day; zero for any
	Outlet    string    // only quotes reported by an outlet whose name contains this (any case); "" for any
	Offset    int
	Limit     int // at most 100; 0 means 10
}

// QuotePage is one page of quote groups and how many there are in all.
type QuotePage struct {
	Quotes []QuoteGroup
	// Total is the number of quote groups matching, or -1 when it was not
	// counted: counting costs a pass over every quote of the speaker, which
	// for a speaker quoted tens of thousands of times is not worth making
	// a page wait for.
	Total int
	More  bool // there are quote groups after this page
}

func queryLimit(limit int) int {
	switch {
	case limit <= 0:
		return 10
	case limit > 100:
		return 100
	}
	return limit
}

func containsPattern(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(strings.TrimSpace(s)) + "%"
}

// manyReports is the number of reports of one speaker above which
// QuotesBySpeaker walks the corpus by date instead of reading all of the
// speaker's quotes.
const manyReports = 1000

// reportsCap bounds the count of a speaker's reports that chooses the plan.
const reportsCap = 5000

// QuotesBySpeaker returns the speaker's quotes, newest first (by the
// earliest report of each), each once with all the outlets that reported
// it. A topic with no word finds nothing.
//
// For most speakers it reads all their quotes, groups and sorts them. For
// a speaker with more than manyReports reports it reads the articles of
// a window of recent days instead, widening the window until the page is
// known for sure (a group belongs to a page only once its earliest report
// is inside the window), and leaves Total uncounted.
func (s *Store) QuotesBySpeaker(ctx context.Context, q QuoteQuery) (QuotePage, error) {
	return s.quotesBySpeaker(ctx, q, manyReports, false)
}

// quotesBySpeaker is QuotesBySpeaker with the choices of plan as
// parameters, so that tests can run every plan over a small corpus: many
// is the threshold of the date-window plan, topicInGo checks a topic row
// by row whatever the counts.
func (s *Store) quotesBySpeaker(ctx context.Context, q QuoteQuery, many int, topicInGo bool) (QuotePage, error) {
	var where []string
	var args []any
	if !q.Since.IsZero() {
		where = append(where, "a.published >= ?")
		args = append(args, q.Since.UTC().Format(time.DateOnly))
	}
	if strings.TrimSpace(q.Outlet) != "" {
		where = append(where, `a.source LIKE ? ESCAPE '\'`)
		args = append(args, containsPattern(q.Outlet))
	}
	// How many reports the speaker has, counted up to a cap (an index-only
	// count: cheap even for a speaker quoted tens of thousands of times).
	var reports int
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM quotes WHERE speaker_id = ? LIMIT ?)`,
		q.SpeakerID, max(many+1, reportsCap)).Scan(&reports); err != nil {
		return QuotePage{}, fmt.Errorf("quotes of speaker %d: %w", q.SpeakerID, err)
	}
	var tm *topicMatcher
	if strings.TrimSpace(q.Topic) != "" {
		m := MatchQuery(q.Topic)
		if m == "" {
			return QuotePage{}, nil
		}
		// A topic is held by the quote's words or its article's title
		// (any case, as LIKE reads it). When fewer quotes in the corpus
		// hold it than the speaker has reports, FTS5 finds them; else
		// reading them costs more than checking the speaker's rows one
		// by one, here in Go.
		// A speaker counted up to the cap may have many more reports.
		enough := reports
		if reports >= reportsCap {
			enough = 4 * reportsCap
		}
		var matches int
		if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM quotes_fts WHERE quotes_fts MATCH ? LIMIT ?)`,
			m, enough+1).Scan(&matches); err != nil {
			return QuotePage{}, fmt.Errorf("quotes of speaker %d: %w", q.SpeakerID, err)
		}
		if matches > enough || topicInGo {
			tm = newTopicMatcher(q.Topic)
			// The share of all quotes holding the topic scales the date
			// window: a rarer topic needs a wider one.
			var all, quotes int
			if err := s.read.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH ?),
				(SELECT coalesce(max(id), 0) FROM quotes)`, m).Scan(&all, &quotes); err != nil {
				return QuotePage{}, fmt.Errorf("quotes of speaker %d: %w", q.SpeakerID, err)
			}
			tm.share = min(1, float64(max(all, 1))/float64(max(quotes, 1)))
		} else {
			title := make([]string, 0, 4)
			for _, w := range searchWords(q.Topic) {
				title = append(title, `a.title LIKE ? ESCAPE '\'`)
				args = append(args, containsPattern(w))
			}
			where = append(where, `(`+strings.Join(title, " AND ")+` OR q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?))`)
			args = append(args, m)
		}
	}
	cond := ""
	if len(where) > 0 {
		cond = " AND " + strings.Join(where, " AND ")
	}
	limit, offset := queryLimit(q.Limit), max(q.Offset, 0)
	var page QuotePage
	var ids []int64
	var err error
	if reports > many {
		since := ""
		if !q.Since.IsZero() {
			since = q.Since.UTC().Format(time.DateOnly)
		}
		ids, page.Total, page.More, err = s.recentQuoteGroups(ctx, q.SpeakerID, reports, since, cond, args, tm, offset, limit)
	} else {
		ids, page.Total, err = s.allQuoteGroups(ctx, q.SpeakerID, cond, args, tm, offset, limit)
		page.More = offset+len(ids) < page.Total
	}
	if err != nil {
		return QuotePage{}, fmt.Errorf("quotes of speaker %d: %w", q.SpeakerID, err)
	}
	page.Quotes, err = s.quoteGroups(ctx, ids)
	if err != nil {
		return QuotePage{}, fmt.Errorf("quotes of speaker %d: %w", q.SpeakerID, err)
	}
	return page, nil
}

// allQuoteGroups reads every matching quote of the speaker and returns
// one page of group ids, newest first, and the number of groups.
func (s *Store) allQuoteGroups(ctx context.Context, speakerID int64, cond string, args []any, tm *topicMatcher, offset, limit int) ([]int64, int, error) {
	all := append([]any{speakerID}, args...)
	if tm != nil {
		rows, err := s.read.QueryContext(ctx, `
			SELECT q.group_id, coalesce(a.published, ''), q.text, a.title
			FROM quotes q JOIN articles a ON a.id = q.article_id
			WHERE q.speaker_id = ?`+cond, all...)
		if err != nil {
			return nil, 0, err
		}
		firsts, err := tm.firsts(rows)
		if err != nil {
			return nil, 0, err
		}
		groups := make([]datedGroup, 0, len(firsts))
		for g, f := range firsts {
			groups = append(groups, datedGroup{g, f})
		}
		return pageOfGroups(groups, offset, limit), len(groups), nil
	}
	rows, err := s.read.QueryContext(ctx, `
		SELECT g, count(*) OVER () FROM (
			SELECT q.group_id AS g, min(coalesce(a.published, '')) AS first
			FROM quotes q JOIN articles a ON a.id = q.article_id
			WHERE q.speaker_id = ?`+cond+`
			GROUP BY q.group_id)
		ORDER BY first DESC, g DESC LIMIT ? OFFSET ?`, append(all, limit, offset)...)
	if err != nil {
		return nil, 0, err
	}
	total := 0
	ids, err := scanGroupIDs(rows, &total)
	if err != nil {
		return nil, 0, err
	}
	if len(ids) == 0 && offset > 0 {
		// Past the end: still say how many there are.
		err = s.read.QueryRowContext(ctx, `SELECT count(DISTINCT q.group_id)
			FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.speaker_id = ?`+cond, all...).Scan(&total)
	}
	return ids, total, err
}

// recentQuoteGroups finds one page of the speaker's quote groups, newest
// first, from the articles of a window of recent days, widened until the
// page is certain; see QuotesBySpeaker.
// The total is counted (else -1) only when the window covers the since
// filter, so that every matching group was seen.
// When the filters are so selective that the window would hold more
// articles than the speaker has reports, reading the speaker's reports is
// cheaper, and the plain plan finishes the job.
func (s *Store) recentQuoteGroups(ctx context.Context, speakerID int64, reports int, since, cond string, args []any, tm *topicMatcher, offset, limit int) (ids []int64, total int, more bool, err error) {
	var articles int64
	if err := s.read.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM articles`).Scan(&articles); err != nil {
		return nil, 0, false, err
	}
	need := offset + limit + 1 // one more tells whether there is a next page
	// Start with the newest articles that should hold three times the
	// page's reports at the speaker's average rate (max(id) stands in for
	// the number of articles; groups are fewer than reports, and those
	// straddling the window's start do not count), and double them while
	// they fall short. Reading
	// a window costs about one quote row per quote of its articles (some
	// three per article); reading all the speaker's reports costs about
	// two rows per report: past that, the plain plan is cheaper (for a
	// speaker counted up to the cap, only once the window holds every
	// dated article).
	share := 1.0
	if tm != nil {
		share = tm.share
	}
	want := int64(math.Ceil(3 * float64(need) * float64(articles) / float64(max(reports, 1)) / share))
	for ; ; want *= 2 {
		var lo sql.NullString
		err := s.read.QueryRowContext(ctx, `SELECT published FROM articles WHERE published IS NOT NULL
			ORDER BY published DESC LIMIT 1 OFFSET ?`, want).Scan(&lo)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, 0, false, err
		}
		// The window is every article published on or after loText;
		// "" when it reaches back to the first dated article.
		loText := lo.String
		complete := !lo.Valid || reports < reportsCap && 3*want > 2*int64(reports)
		// With a since filter inside the window, the window holds every
		// matching report.
		exhaustive := since != "" && loText <= since
		if complete && !exhaustive {
			// The window would cost more than the speaker's reports, or
			// holds every dated article: the plain plan is cheaper, exact,
			// and also places undated reports.
			ids, total, err := s.allQuoteGroups(ctx, speakerID, cond, args, tm, offset, limit)
			return ids, total, offset+len(ids) < total, err
		}
		// Drive the join from the articles of the window (the published
		// index), not from the speaker's quotes.
		rows, err := s.read.QueryContext(ctx, `
			SELECT q.group_id, '', `+tm.columns()+` FROM articles a CROSS JOIN quotes q
			WHERE a.published >= ? AND q.article_id = a.id AND +q.speaker_id = ?`+cond,
			append([]any{loText, speakerID}, args...)...)
		if err != nil {
			return nil, 0, false, err
		}
		inWindow, err := tm.firsts(rows)
		if err != nil {
			return nil, 0, false, err
		}
		found := make([]int64, 0, len(inWindow))
		for g := range inWindow {
			found = append(found, g)
		}
		slices.Sort(found)
		// A group counts once its earliest report (over all outlets, not
		// only those in the window) is inside the window.
		firsts := map[int64]string{}
		for chunk := range slices.Chunk(found, 500) {
			rows, err := s.read.QueryContext(ctx, `SELECT q.group_id, coalesce(a.published, ''), `+tm.columns()+`
				FROM quotes q JOIN articles a ON a.id = q.article_id
				WHERE q.group_id IN (`+sqlList(len(chunk))+`)`+cond, append(idArgs(chunk), args...)...)
			if err != nil {
				return nil, 0, false, err
			}
			got, err := tm.firsts(rows)
			if err != nil {
				return nil, 0, false, err
			}
			maps.Copy(firsts, got)
		}
		var inside []datedGroup
		for _, g := range found {
			if f, ok := firsts[g]; ok && f >= loText {
				inside = append(inside, datedGroup{g, f})
			}
		}
		if len(inside) < need && !exhaustive {
			continue
		}
		total = -1
		if exhaustive {
			total = len(inside)
		}
		return pageOfGroups(inside, offset, limit), total, len(inside) > offset+limit, nil
	}
}

// datedGroup is a quote group and the day of its earliest report
// ("" when undated).
type datedGroup struct {
	id    int64
	first string
}

// pageOfGroups sorts groups newest first (ties: the later group first)
// and returns the ids of one page.
func pageOfGroups(groups []datedGroup, offset, limit int) []int64 {
	slices.SortFunc(groups, func(a, b datedGroup) int {
		return cmp.Or(strings.Compare(b.first, a.first), cmp.Compare(b.id, a.id))
	})
	var ids []int64
	for _, g := range groups[min(offset, len(groups)):min(len(groups), offset+limit)] {
		ids = append(ids, g.id)
	}
	return ids
}

// topicMatcher checks a topic against quotes row by row: the quote's
// words (folded as FTS5's unicode61 tokenizer with remove_diacritics
// folds them) hold every topic word, or the article's title holds each
// topic word in any case, as a.title LIKE '%word%' does.
type topicMatcher struct {
	words map[string]bool
	title []string // lower-cased topic words
	share float64  // about what share of all quotes holds the topic
}

func newTopicMatcher(topic string) *topicMatcher {
	tm := &topicMatcher{words: foldedWordSet(topic)}
	for _, w := range searchWords(topic) {
		tm.title = append(tm.title, strings.ToLower(w))
	}
	return tm
}

func (tm *topicMatcher) match(text, title string) bool {
	title = strings.ToLower(title)
	inTitle := true
	for _, w := range tm.title {
		if !strings.Contains(title, w) {
			inTitle = false
			break
		}
	}
	return inTitle || hasAllWords(foldedWordSet(text), tm.words)
}

// columns are the columns firsts needs after the group and the day: the
// quote's text and the article's title, or nothing for a nil matcher.
func (tm *topicMatcher) columns() string {
	if tm == nil {
		return "'', ''"
	}
	return "q.text, a.title"
}

// firsts reads rows of (group id, published, quote text, title) and
// returns each group's earliest day among the rows that match; a nil
// matcher matches every row.
func (tm *topicMatcher) firsts(rows *sql.Rows) (map[int64]string, error) {
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var g int64
		var published, text, title string
		if err := rows.Scan(&g, &published, &text, &title); err != nil {
			return nil, err
		}
		if tm != nil && !tm.match(text, title) {
			continue
		}
		if f, ok := out[g]; !ok || published < f {
			out[g] = published
		}
	}
	return out, rows.Err()
}

// scanGroupIDs reads rows of (id, total).
func scanGroupIDs(rows *sql.Rows, total *int) ([]int64, error) {
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id, total); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

func sqlList(n int) string {
	if n <= 0 {
		return "NULL"
	}
	return strings.Repeat("?, ", n-1) + "?"
}

func idArgs(ids []int64) []any {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return args
}

func dayOf(ns sql.NullString) time.Time {
	if !ns.Valid {
		return time.Time{}
	}
	t, err := time.Parse(time.DateOnly, ns.String)
	if err != nil {
		return time.Time{}
	}
	return t
}

// quoteGroups loads the groups with these ids, in this order, with all
// their sources.
func (s *Store) quoteGroups(ctx context.Context, ids []int64) ([]QuoteGroup, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := s.read.QueryContext(ctx, `
		SELECT q.group_id, q.id, q.text, q.kind, q.role, coalesce(q.speaker_id, 0),
		       coalesce(sp.name, ''), coalesce(sp.role, ''),
		       a.id, a.title, a.source, a.url, a.published
		FROM quotes q JOIN articles a ON a.id = q.article_id
		LEFT JOIN speakers sp ON sp.id = q.speaker_id
		WHERE q.group_id IN (`+sqlList(len(ids))+`)
		ORDER BY q.group_id, coalesce(a.published, '9999'), q.id`, idArgs(ids)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	byID := make(map[int64]*QuoteGroup, len(ids))
	for rows.Next() {
		var (
			gid, qid, spID       int64
			text, kind, role     string
			spName, spRole       string
			src                  Source
			published            sql.NullString
			haveGroup, firstText bool
		)
		if err := rows.Scan(&gid, &qid, &text, &kind, &role, &spID, &spName, &spRole,
			&src.ArticleID, &src.Title, &src.Outlet, &src.URL, &published); err != nil {
			return nil, err
		}
		src.Published = dayOf(published)
		g, haveGroup := byID[gid]
		if !haveGroup {
			g = &QuoteGroup{ID: gid, SpeakerID: spID, Speaker: spName, Role: role, Kind: briefing.Kind(kind), Text: text}
			if g.Role == "" {
				g.Role = spRole
			}
			byID[gid] = g
			firstText = true
		}
		if qid == gid && !firstText {
			// The group's first quote gives the words shown.
			g.Text, g.Kind = text, briefing.Kind(kind)
		}
		if !slices.ContainsFunc(g.Sources, func(o Source) bool { return o.ArticleID == src.ArticleID }) {
			g.Sources = append(g.Sources, src)
		}
		if !src.Published.IsZero() && (g.Date.IsZero() || src.Published.Before(g.Date)) {
			g.Date = src.Published
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]QuoteGroup, 0, len(ids))
	for _, id := range ids {
		if g, ok := byID[id]; ok {
			out = append(out, *g)
		}
	}
	return out, nil
}

// WhoSaidHit is one quote holding the words asked about.
type WhoSaidHit struct {
	QuoteGroup
	Exact bool // the words appear as a phrase, in this order
}

// WhoSaid finds who said a phrase: quotes holding the phrase exactly come
// first, then quotes holding all its words, each ranked by BM25, each
// quote once with all its outlets. Input with no word finds nothing.
func (s *Store) WhoSaid(ctx context.Context, phrase string, offset, limit int) ([]WhoSaidHit, int, error) {
	all, exact := MatchQuery(phrase), PhraseQuery(phrase)
	if all == "" {
		return nil, 0, nil
	}
	rows, err := s.read.QueryContext(ctx, `
		WITH hits AS MATERIALIZED (SELECT rowid AS id, bm25(quotes_fts) AS r FROM quotes_fts WHERE quotes_fts MATCH ?1),
		     exact AS MATERIALIZED (SELECT rowid AS id FROM quotes_fts WHERE quotes_fts MATCH ?2),
		     grouped AS (
				SELECT q.group_id AS g, max(h.id IN exact) AS ex, min(h.r) AS r
				FROM hits h JOIN quotes q ON q.id = h.id GROUP BY q.group_id)
		SELECT g, ex, count(*) OVER () FROM grouped ORDER BY ex DESC, r, g LIMIT ?3 OFFSET ?4`,
		all, exact, queryLimit(limit), max(offset, 0))
	if err != nil {
		return nil, 0, fmt.Errorf("who said %q: %w", phrase, err)
	}
	var ids []int64
	isExact := map[int64]bool{}
	total := 0
	for rows.Next() {
		var id int64
		var ex bool
		if err := rows.Scan(&id, &ex, &total); err != nil {
			rows.Close()
			return nil, 0, fmt.Errorf("who said %q: %w", phrase, err)
		}
		ids = append(ids, id)
		isExact[id] = ex
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("who said %q: %w", phrase, err)
	}
	if len(ids) == 0 && offset > 0 {
		if err := s.read.QueryRowContext(ctx, `SELECT count(DISTINCT q.group_id) FROM quotes_fts f
			JOIN quotes q ON q.id = f.rowid WHERE quotes_fts MATCH ?`, all).Scan(&total); err != nil {
			return nil, 0, fmt.Errorf("who said %q: %w", phrase, err)
		}
	}
	groups, err := s.quoteGroups(ctx, ids)
	if err != nil {
		return nil, 0, fmt.Errorf("who said %q: %w", phrase, err)
	}
	hits := make([]WhoSaidHit, len(groups))
	for i, g := range groups {
		hits[i] = WhoSaidHit{QuoteGroup: g, Exact: isExact[g.ID]}
	}
	return hits, total, nil
}

// ArticleInfo is an article's metadata.
type ArticleInfo struct {
	ID        int64
	StoryID   int64 // 0 when none
	Title     string
	Outlet    string
	Author    string
	URL       string
	Published time.Time // zero when unknown
	Summary   string
}

func (a ArticleInfo) source() Source {
	return Source{ArticleID: a.ID, Title: a.Title, Outlet: a.Outlet, URL: a.URL, Published: a.Published}
}

const articleInfoColumns = `a.id, coalesce(a.story_id, 0), a.title, a.source, a.author, a.url, a.published, a.summary`

func scanArticleInfo(sc interface{ Scan(...any) error }, a *ArticleInfo, extra ...any) error {
	var published sql.NullString
	if err := sc.Scan(append([]any{&a.ID, &a.StoryID, &a.Title, &a.Outlet, &a.Author, &a.URL, &published, &a.Summary}, extra...)...); err != nil {
		return err
	}
	a.Published = dayOf(published)
	return nil
}

// Article returns one article's metadata; the error wraps ErrNotFound
// when there is no article with that id.
func (s *Store) Article(ctx context.Context, id int64) (ArticleInfo, error) {
	var a ArticleInfo
	err := scanArticleInfo(s.read.QueryRowContext(ctx, `SELECT `+articleInfoColumns+` FROM articles a WHERE a.id = ?`, id), &a)
	if errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("article %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return a, fmt.Errorf("article %d: %w", id, err)
	}
	return a, nil
}

// LatestArticle returns the most recently published article (the last
// added among equals); the error wraps ErrNotFound for an empty corpus.
func (s *Store) LatestArticle(ctx context.Context) (ArticleInfo, error) {
	var a ArticleInfo
	err := scanArticleInfo(s.read.QueryRowContext(ctx,
		`SELECT `+articleInfoColumns+` FROM articles a ORDER BY coalesce(a.published, '') DESC, a.id DESC LIMIT 1`), &a)
	if errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("latest article: the corpus is empty: %w", ErrNotFound)
	}
	if err != nil {
		return a, fmt.Errorf("latest article: %w", err)
	}
	return a, nil
}

// FindArticles finds articles by words: those whose title holds them all
// first, then those whose text does, by BM25 with the title weighing ten
// times the text, at most limit. Input with no word finds nothing.
func (s *Store) FindArticles(ctx context.Context, words string, limit int) ([]ArticleInfo, error) {
	m := MatchQuery(words)
	if m == "" {
		return nil, nil
	}
	rows, err := s.read.QueryContext(ctx, `
		WITH hits AS MATERIALIZED (SELECT rowid AS id, bm25(articles_fts, 10.0, 1.0) AS r FROM articles_fts WHERE articles_fts MATCH ?1),
		     titled AS (SELECT rowid AS id FROM articles_fts WHERE articles_fts MATCH ?2)
		SELECT `+articleInfoColumns+` FROM hits h JOIN articles a ON a.id = h.id
		ORDER BY h.id IN titled DESC, h.r, a.id DESC LIMIT ?3`, m, titleOnly(m), queryLimit(limit))
	if err != nil {
		return nil, fmt.Errorf("finding articles for %q: %w", words, err)
	}
	defer rows.Close()
	var out []ArticleInfo
	for rows.Next() {
		var a ArticleInfo
		if err := scanArticleInfo(rows, &a); err != nil {
			return nil, fmt.Errorf("finding articles for %q: %w", words, err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// SpeakerRef is a speaker as a briefing names them.
type SpeakerRef struct {
	ID     int64
	Name   string
	Role   string
	Org    bool
	Quotes int // quotes of theirs in the article
}

// Briefing is everything /brief shows about one article.
type Briefing struct {
	Article   ArticleInfo
	KeyQuotes []QuoteGroup // direct quotes by named speakers first, in article order
	Quotes    int          // quotes in the article in all
	People    []SpeakerRef // by number of quotes
	Orgs      []SpeakerRef
	Coverage  []Source // the other articles of the same story, oldest first
}

// Briefing gathers an article's briefing with at most keyQuotes key quotes.
func (s *Store) Briefing(ctx context.Context, articleID int64, keyQuotes int) (Briefing, error) {
	var b Briefing
	var err error
	if b.Article, err = s.Article(ctx, articleID); err != nil {
		return b, err
	}
	rows, err := s.read.QueryContext(ctx, `
		SELECT q.group_id, q.speaker_id IS NOT NULL AND sp.name != ?2, q.kind = 'direct'
		FROM quotes q LEFT JOIN speakers sp ON sp.id = q.speaker_id
		WHERE q.article_id = ?1 ORDER BY q.ordinal`, articleID, briefing.Anonymous)
	if err != nil {
		return b, fmt.Errorf("briefing of article %d: %w", articleID, err)
	}
	type cand struct {
		g             int64
		named, direct bool
		at            int
	}
	var cands []cand
	seen := map[int64]bool{}
	for rows.Next() {
		var c cand
		if err := rows.Scan(&c.g, &c.named, &c.direct); err != nil {
			rows.Close()
			return b, fmt.Errorf("briefing of article %d: %w", articleID, err)
		}
		b.Quotes++
		if !seen[c.g] {
			seen[c.g] = true
			c.at = len(cands)
			cands = append(cands, c)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return b, fmt.Errorf("briefing of article %d: %w", articleID, err)
	}
	rank := func(c cand) int {
		switch {
		case c.named && c.direct:
			return 0
		case c.named:
			return 1
		}
		return 2
	}
	slices.SortStableFunc(cands, func(x, y cand) int { return cmp.Compare(rank(x), rank(y)) })
	cands = cands[:min(len(cands), max(keyQuotes, 0))]
	slices.SortFunc(cands, func(x, y cand) int { return cmp.Compare(x.at, y.at) })
	ids := make([]int64, len(cands))
	for i, c := range cands {
		ids[i] = c.g
	}
	if b.KeyQuotes, err = s.quoteGroups(ctx, ids); err != nil {
		return b, fmt.Errorf("briefing of article %d: %w", articleID, err)
	}

	rows, err = s.read.QueryContext(ctx, `
		SELECT sp.id, sp.name, coalesce(nullif(max(q.role), ''), sp.role), sp.is_org, count(*) AS n
		FROM quotes q JOIN speakers sp ON sp.id = q.speaker_id
		WHERE q.article_id = ? AND sp.name != ?
		GROUP BY sp.id ORDER BY n DESC, min(q.ordinal)`, articleID, briefing.Anonymous)
	if err != nil {
		return b, fmt.Errorf("briefing of article %d: %w", articleID, err)
	}
	for rows.Next() {
		var r SpeakerRef
		if err := rows.Scan(&r.ID, &r.Name, &r.Role, &r.Org, &r.Quotes); err != nil {
			rows.Close()
			return b, fmt.Errorf("briefing of article %d: %w", articleID, err)
		}
		if r.Org {
			b.Orgs = append(b.Orgs, r)
		} else {
			b.People = append(b.People, r)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return b, fmt.Errorf("briefing of article %d: %w", articleID, err)
	}

	if b.Article.StoryID != 0 {
		rows, err = s.read.QueryContext(ctx, `SELECT `+articleInfoColumns+` FROM articles a
			WHERE a.story_id = ? AND a.id != ? ORDER BY coalesce(a.published, '9999'), a.id LIMIT 50`,
			b.Article.StoryID, articleID)
		if err != nil {
			return b, fmt.Errorf("briefing of article %d: %w", articleID, err)
		}
		defer rows.Close()
		for rows.Next() {
			var a ArticleInfo
			if err := scanArticleInfo(rows, &a); err != nil {
				return b, fmt.Errorf("briefing of article %d: %w", articleID, err)
			}
			b.Coverage = append(b.Coverage, a.source())
		}
		if err := rows.Err(); err != nil {
			return b, fmt.Errorf("briefing of article %d: %w", articleID, err)
		}
	}
	return b, nil
}

// ArticleHit is an article found by Search.
type ArticleHit struct {
	ArticleInfo
	Snippet string // words around the match, matches between HighlightStart and HighlightEnd
}

// QuoteHit is a quote found by Search.
type QuoteHit struct {
	QuoteGroup
	Snippet string // as in ArticleHit
}

// SearchResults is one page of Search.
type SearchResults struct {
	Articles      []ArticleHit
	Quotes        []QuoteHit
	TotalArticles int
	// TotalQuotes counts matching quote reports: a quote reported by
	// several outlets counts once per report, though it is listed once.
	TotalQuotes int
}

// Search runs a full-text search over articles (title weighing five times
// the text) and quotes, each ranked by BM25, one page of each. Quotes are
// listed once per quote with all the outlets that reported it. Input with
// no word finds nothing.
//
// Ranking reads only the FTS index; rows, snippets and sources are read
// for the page alone, so the cost grows with the number of matches only
// through BM25 itself.
func (s *Store) Search(ctx context.Context, query string, offset, limit int) (SearchResults, error) {
	var res SearchResults
	m := MatchQuery(query)
	if m == "" {
		return res, nil
	}
	limit, offset = queryLimit(limit), max(offset, 0)
	err := s.read.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?1),
		(SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH ?1)`, m).Scan(&res.TotalArticles, &res.TotalQuotes)
	if err != nil {
		return res, fmt.Errorf("search %q: %w", query, err)
	}
	if res.Articles, err = s.searchArticles(ctx, m, offset, limit); err != nil {
		return res, fmt.Errorf("search %q: %w", query, err)
	}
	if res.Quotes, err = s.searchQuotes(ctx, m, offset, limit); err != nil {
		return res, fmt.Errorf("search %q: %w", query, err)
	}
	return res, nil
}

// ftsIDs runs one FTS query that returns ids.
func (s *Store) ftsIDs(ctx context.Context, query string, args ...any) ([]int64, error) {
	return queryIDs(ctx, s.read, query, args...)
}

// queryIDs runs a query whose rows are one integer id each.
func queryIDs(ctx context.Context, q queryer, query string, args ...any) ([]int64, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// snippets returns the snippet of each of ids in an FTS table's column.
func (s *Store) snippets(ctx context.Context, table string, column int, match string, ids []int64, tokens int) (map[int64]string, error) {
	out := make(map[int64]string, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	args := append([]any{match, HighlightStart, HighlightEnd}, idArgs(ids)...)
	rows, err := s.read.QueryContext(ctx, fmt.Sprintf(`SELECT rowid, snippet(%[1]s, %[2]d, ?2, ?3, '…', %[3]d)
		FROM %[1]s WHERE %[1]s MATCH ?1 AND rowid IN (`+sqlList(len(ids))+`)`, table, column, tokens), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var snip string
		if err := rows.Scan(&id, &snip); err != nil {
			return nil, err
		}
		out[id] = snip
	}
	return out, rows.Err()
}

func (s *Store) searchArticles(ctx context.Context, m string, offset, limit int) ([]ArticleHit, error) {
	ids, err := s.ftsIDs(ctx, `SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?
		ORDER BY bm25(articles_fts, 5.0, 1.0), rowid DESC LIMIT ? OFFSET ?`, m, limit, offset)
	if err != nil || len(ids) == 0 {
		return nil, err
	}
	snips, err := s.snippets(ctx, "articles_fts", 1, m, ids, 24)
	if err != nil {
		return nil, err
	}
	rows, err := s.read.QueryContext(ctx, `SELECT `+articleInfoColumns+` FROM articles a WHERE a.id IN (`+sqlList(len(ids))+`)`, idArgs(ids)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	byID := map[int64]ArticleInfo{}
	for rows.Next() {
		var a ArticleInfo
		if err := scanArticleInfo(rows, &a); err != nil {
			return nil, err
		}
		byID[a.ID] = a
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	hits := make([]ArticleHit, 0, len(ids))
	for _, id := range ids {
		if a, ok := byID[id]; ok {
			hits = append(hits, ArticleHit{ArticleInfo: a, Snippet: snips[id]})
		}
	}
	return hits, nil
}

// searchQuotes ranks matching quotes and lists each quote group once, at
// the rank of its best report. It reads ranked reports in growing batches
// until the page of groups is full or the matches run out.
func (s *Store) searchQuotes(ctx context.Context, m string, offset, limit int) ([]QuoteHit, error) {
	need := offset + limit
	var order []int64         // group ids, best first
	best := map[int64]int64{} // group -> its best-ranked quote id
	for batch := need * 2; ; batch *= 4 {
		ids, err := s.ftsIDs(ctx, `SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ? ORDER BY rank, rowid LIMIT ?`, m, batch)
		if err != nil {
			return nil, err
		}
		order, best = order[:0], map[int64]int64{}
		for chunk := range slices.Chunk(ids, 500) {
			rows, err := s.read.QueryContext(ctx, `SELECT id, group_id FROM quotes WHERE id IN (`+sqlList(len(chunk))+`)`, idArgs(chunk)...)
			if err != nil {
				return nil, err
			}
			groupOf := map[int64]int64{}
			for rows.Next() {
				var id, g int64
				if err := rows.Scan(&id, &g); err != nil {
					rows.Close()
					return nil, err
				}
				groupOf[id] = g
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return nil, err
			}
			for _, id := range chunk {
				g, ok := groupOf[id]
				if !ok {
					continue
				}
				if _, seen := best[g]; !seen {
					best[g] = id
					order = append(order, g)
				}
			}
		}
		if len(order) >= need || len(ids) < batch {
			break
		}
	}
	if offset >= len(order) {
		return nil, nil
	}
	order = order[offset:min(len(order), need)]
	var quoteIDs []int64
	for _, g := range order {
		quoteIDs = append(quoteIDs, best[g])
	}
	snips, err := s.snippets(ctx, "quotes_fts", 0, m, quoteIDs, 32)
	if err != nil {
		return nil, err
	}
	groups, err := s.quoteGroups(ctx, order)
	if err != nil {
		return nil, err
	}
	hits := make([]QuoteHit, len(groups))
	for i, g := range groups {
		hits[i] = QuoteHit{QuoteGroup: g, Snippet: snips[best[g.ID]]}
	}
	return hits, nil
}

// TimelineEvent is one dated event, once, with every article that
// reported it.
type TimelineEvent struct {
	Date    time.Time
	Text    string
	Sources []Source // oldest first
}

// timelineArticles bounds how many matching articles a timeline draws its
// events from (the best ranked), so its cost does not grow with the corpus.
const timelineArticles = 300

// Timeline returns the dated events about a topic in date order: from
// the best-matching articles, the events whose sentence holds every topic
// word and all the events of articles whose title does; when there are
// none, all the dated events of those articles. The same
// sentence on the same date from several outlets is one event. It returns
// one page and the number of events in all. Input with no word finds
// nothing.
func (s *Store) Timeline(ctx context.Context, topic string, offset, limit int) ([]TimelineEvent, int, error) {
	m := MatchQuery(topic)
	if m == "" {
		return nil, 0, nil
	}
	rows, err := s.read.QueryContext(ctx, `
		SELECT e.date, e.text, a.id, a.title, a.source, a.url, a.published
		FROM events e JOIN articles a ON a.id = e.article_id
		WHERE e.article_id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?)
		ORDER BY e.date, coalesce(a.published, '9999'), e.article_id, e.start`, m, timelineArticles)
	if err != nil {
		return nil, 0, fmt.Errorf("timeline of %q: %w", topic, err)
	}
	defer rows.Close()
	want := foldedWordSet(topic)
	var all, matching []TimelineEvent
	index := map[string]int{} // date + folded words -> position in all
	var matchIdx []int
	for rows.Next() {
		var date string
		var text string
		var src Source
		var published sql.NullString
		if err := rows.Scan(&date, &text, &src.ArticleID, &src.Title, &src.Outlet, &src.URL, &published); err != nil {
			return nil, 0, fmt.Errorf("timeline of %q: %w", topic, err)
		}
		src.Published = dayOf(published)
		key := date + "|" + story.QuoteKey(text)
		if i, ok := index[key]; ok {
			if !slices.ContainsFunc(all[i].Sources, func(o Source) bool { return o.ArticleID == src.ArticleID }) {
				all[i].Sources = append(all[i].Sources, src)
			}
			continue
		}
		d, err := time.Parse(time.DateOnly, date)
		if err != nil {
			continue // not a date: nothing to place on a timeline
		}
		index[key] = len(all)
		if hasAllWords(foldedWordSet(text), want) || hasAllWords(foldedWordSet(src.Title), want) {
			matchIdx = append(matchIdx, len(all))
		}
		all = append(all, TimelineEvent{Date: d, Text: text, Sources: []Source{src}})
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("timeline of %q: %w", topic, err)
	}
	if len(matchIdx) > 0 {
		for _, i := range matchIdx {
			matching = append(matching, all[i])
		}
		all = matching
	}
	total := len(all)
	offset = min(max(offset, 0), total)
	return all[offset:min(total, offset+queryLimit(limit))], total, nil
}

func foldedWordSet(s string) map[string]bool {
	set := map[string]bool{}
	for _, w := range searchWords(speakers.Fold(s)) {
		set[w] = true
	}
	return set
}

func hasAllWords(have, want map[string]bool) bool {
	for w := range want {
		if !have[w] {
			return false
		}
	}
	return true
}

// SpeakerStat is a speaker with how often they are quoted.
type SpeakerStat struct {
	ID       int64
	Name     string
	Role     string
	Org      bool
	Aliases  []string // other forms of the name seen
	Quotes   int      // distinct quotes (a quote reported by several outlets counts once)
	Reports  int      // quotes counting every outlet's report
	Articles int
}

// SpeakerDirectory is the corpus's speakers ready for forgiving lookup:
// Known and Stats most quoted first, Index built over Known (so equal
// scores rank the most quoted first). It is read-only once made.
type SpeakerDirectory struct {
	Known []speakers.Known
	Stats []SpeakerStat // Stats[i] is Known[i]
	Index *speakers.Index
	byID  map[int64]int
}

// Stat returns the speaker with this id.
func (d *SpeakerDirectory) Stat(id int64) (SpeakerStat, bool) {
	i, ok := d.byID[id]
	if !ok {
		return SpeakerStat{}, false
	}
	return d.Stats[i], true
}

// Lookup ranks speakers for what a user typed; see speakers.Index.Lookup.
func (d *SpeakerDirectory) Lookup(query string, limit int) []speakers.Candidate {
	return d.Index.Lookup(query, limit)
}

// Speakers loads every speaker with quotes, with their aliases and
// counts, most quoted first, and indexes them for lookup. It reads the
// whole speakers table: callers that look up often keep a SpeakerCache.
func (s *Store) Speakers(ctx context.Context) (*SpeakerDirectory, error) {
	conn, err := s.read.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("loading speakers: %w", err)
	}
	defer conn.Close()
	return loadSpeakerDirectory(ctx, conn)
}

type rowQueryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func loadSpeakerDirectory(ctx context.Context, db rowQueryer) (*SpeakerDirectory, error) {
	rows, err := db.QueryContext(ctx, `
		SELECT sp.id, sp.name, sp.role, sp.is_org, c.groups, c.reports, c.articles
		FROM speakers sp JOIN (
			SELECT speaker_id, count(DISTINCT group_id) AS groups, count(*) AS reports,
			       count(DISTINCT article_id) AS articles
			FROM quotes WHERE speaker_id IS NOT NULL GROUP BY speaker_id) c ON c.speaker_id = sp.id
		ORDER BY c.groups DESC, c.reports DESC, sp.name, sp.id`)
	if err != nil {
		return nil, fmt.Errorf("loading speakers: %w", err)
	}
	d := &SpeakerDirectory{byID: map[int64]int{}}
	for rows.Next() {
		var st SpeakerStat
		if err := rows.Scan(&st.ID, &st.Name, &st.Role, &st.Org, &st.Quotes, &st.Reports, &st.Articles); err != nil {
			rows.Close()
			return nil, fmt.Errorf("loading speakers: %w", err)
		}
		d.byID[st.ID] = len(d.Stats)
		d.Stats = append(d.Stats, st)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("loading speakers: %w", err)
	}
	rows, err = db.QueryContext(ctx, `SELECT speaker_id, alias FROM speaker_aliases ORDER BY speaker_id, alias`)
	if err != nil {
		return nil, fmt.Errorf("loading speaker aliases: %w", err)
	}
	for rows.Next() {
		var id int64
		var alias string
		if err := rows.Scan(&id, &alias); err != nil {
			rows.Close()
			return nil, fmt.Errorf("loading speaker aliases: %w", err)
		}
		if i, ok := d.byID[id]; ok && alias != d.Stats[i].Name {
			d.Stats[i].Aliases = append(d.Stats[i].Aliases, alias)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("loading speaker aliases: %w", err)
	}
	d.Known = make([]speakers.Known, len(d.Stats))
	for i, st := range d.Stats {
		d.Known[i] = speakers.Known{ID: st.ID, Name: st.Name, Aliases: st.Aliases, Org: st.Org}
	}
	d.Index = speakers.NewIndex(d.Known)
	return d, nil
}

// SpeakerCache keeps a SpeakerDirectory and rebuilds it only when the
// corpus has changed. It knows by PRAGMA data_version, which changes on a
// connection when another connection has committed; as the value means
// something only on the connection that read it, the cache remembers it
// per pooled connection, and a connection it has not seen yet counts as a
// change. Safe for concurrent use.
type SpeakerCache struct {
	s  *Store
	mu sync.Mutex
	// dir is the current directory; seen maps each pooled connection's
	// driver connection to the data_version it read when dir was known
	// to be current.
	dir  *SpeakerDirectory
	seen map[any]int64
}

// NewSpeakerCache makes an empty cache over s.
func (s *Store) NewSpeakerCache() *SpeakerCache {
	return &SpeakerCache{s: s, seen: map[any]int64{}}
}

// maxSeenConns bounds the per-connection memory: past it (the pool has
// replaced connections many times) the cache starts afresh.
const maxSeenConns = 256

// Directory returns the speakers as of now, rebuilding the directory when
// the corpus changed since it was built.
func (c *SpeakerCache) Directory(ctx context.Context) (*SpeakerDirectory, error) {
	conn, err := c.s.read.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("loading speakers: %w", err)
	}
	defer conn.Close()
	var version int64
	if err := conn.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&version); err != nil {
		return nil, fmt.Errorf("loading speakers: reading data_version: %w", err)
	}
	var key any
	if err := conn.Raw(func(dc any) error { key = dc; return nil }); err != nil {
		return nil, fmt.Errorf("loading speakers: %w", err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if v, ok := c.seen[key]; ok && v == version && c.dir != nil {
		return c.dir, nil
	}
	// Changed, or a connection with no record: rebuild. The version was
	// read before the speakers, so a commit in between only makes the
	// next call rebuild again, never keeps a stale directory.
	dir, err := loadSpeakerDirectory(ctx, conn)
	if err != nil {
		return nil, err
	}
	c.dir = dir
	// The other connections keep their records: each still tells a
	// change on its own connection (a commit since it was read), so at
	// worst every connection rebuilds once after a commit.
	if len(c.seen) >= maxSeenConns {
		clear(c.seen)
	}
	c.seen[key] = version
	return dir, nil
}

// SourceCount is an outlet with its number of articles.
type SourceCount struct {
	Outlet   string
	Articles int
	Latest   time.Time // latest publication date; zero when none known
}

// Sources lists the outlets by number of articles, most first, one page
// of them and how many there are.
func (s *Store) Sources(ctx context.Context, offset, limit int) ([]SourceCount, int, error) {
	rows, err := s.read.QueryContext(ctx, `
		SELECT source, count(*) AS n, max(published), count(*) OVER ()
		FROM articles GROUP BY source ORDER BY n DESC, source LIMIT ? OFFSET ?`, queryLimit(limit), max(offset, 0))
	if err != nil {
		return nil, 0, fmt.Errorf("listing sources: %w", err)
	}
	defer rows.Close()
	var out []SourceCount
	total := 0
	for rows.Next() {
		var sc SourceCount
		var latest sql.NullString
		if err := rows.Scan(&sc.Outlet, &sc.Articles, &latest, &total); err != nil {
			return nil, 0, fmt.Errorf("listing sources: %w", err)
		}
		sc.Latest = dayOf(latest)
		out = append(out, sc)
	}
	return out, total, rows.Err()
}

// Stats are the corpus's totals.
type Stats struct {
	Documents int
	Articles  int
	Quotes    int // distinct quotes
	Reports   int // stored quotes, one per outlet's report
	Speakers  int // speakers with at least one quote
	Stories   int
	Events    int
	Outlets   int
	First     time.Time // earliest publication date; zero when none
	Last      time.Time
}

// Stats counts the corpus.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	var st Stats
	var first, last sql.NullString
	err := s.read.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM documents),
		(SELECT count(*) FROM articles),
		(SELECT count(DISTINCT group_id) FROM quotes),
		(SELECT count(*) FROM quotes),
		(SELECT count(DISTINCT speaker_id) FROM quotes),
		(SELECT count(*) FROM stories),
		(SELECT count(*) FROM events),
		(SELECT count(DISTINCT source) FROM articles),
		(SELECT min(published) FROM articles),
		(SELECT max(published) FROM articles)`).Scan(
		&st.Documents, &st.Articles, &st.Quotes, &st.Reports, &st.Speakers,
		&st.Stories, &st.Events, &st.Outlets, &first, &last)
	if err != nil {
		return st, fmt.Errorf("counting the corpus: %w", err)
	}
	st.First, st.Last = dayOf(first), dayOf(last)
	return st, nil
}

// FormatID is how commands print ids ("#12"); ParseID reads it back.
func FormatID(id int64) string { return "#" + strconv.FormatInt(id, 10) }

// ParseID reads "#12" or "12" as an id.
func ParseID(s string) (int64, bool) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "#")
	id, err := strconv.ParseInt(s, 10, 64)
	return id, err == nil && id > 0
}
