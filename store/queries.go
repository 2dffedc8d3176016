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
	// Text and Kind are the words shown and how they were reported: the
	// words of a report that quotes the speaker (direct or partial) when
	// there is one, so that reported speech is shown only when no outlet
	// printed the words themselves; among equals, the group's first
	// quote.
	Text    string
	Kind    briefing.Kind
	Date    time.Time // the earliest publication date among Sources; zero when none known
	Sources []Source  // oldest first
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
	shown := make(map[int64]int, len(ids)) // group -> textRank of the report whose words are shown
	for rows.Next() {
		var (
			gid, qid, spID   int64
			text, kind, role string
			spName, spRole   string
			src              Source
			published        sql.NullString
		)
		if err := rows.Scan(&gid, &qid, &text, &kind, &role, &spID, &spName, &spRole,
			&src.ArticleID, &src.Title, &src.Outlet, &src.URL, &published); err != nil {
			return nil, err
		}
		src.Published = dayOf(published)
		g, haveGroup := byID[gid]
		if !haveGroup {
			g = &QuoteGroup{ID: gid, SpeakerID: spID, Speaker: spName, Role: role}
			if g.Role == "" {
				g.Role = spRole
			}
			byID[gid] = g
		}
		if r := textRank(briefing.Kind(kind), qid == gid); !haveGroup || r < shown[gid] {
			g.Text, g.Kind, shown[gid] = text, briefing.Kind(kind), r
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

// textRank orders the reports of a group for the words shown: quoted
// words (direct, then partial) before reported speech, and the group's
// first quote before the others of its kind.
func textRank(kind briefing.Kind, first bool) int {
	r := 3
	switch kind {
	case briefing.KindDirect:
		r = 0
	case briefing.KindPartial:
		r = 1
	case briefing.KindUnmarked:
		r = 2
	}
	if !first {
		return 2*r + 1
	}
	return 2 * r
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
	Date time.Time
	// YearInferred: no source printed the year (nor a publication date);
	// it was taken from the latest full date the article prints
	// (briefing.Event.YearInferred), and readers must be told.
	YearInferred bool
	Text         string
	Sources      []Source // oldest first
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
		SELECT e.date, e.year_inferred, e.text, a.id, a.title, a.source, a.url, a.published
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
		var inferred bool
		var src Source
		var published sql.NullString
		if err := rows.Scan(&date, &inferred, &text, &src.ArticleID, &src.Title, &src.Outlet, &src.URL, &published); err != nil {
			return nil, 0, fmt.Errorf("timeline of %q: %w", topic, err)
		}
		src.Published = dayOf(published)
		key := date + "|" + story.QuoteKey(text)
		if i, ok := index[key]; ok {
			if !slices.ContainsFunc(all[i].Sources, func(o Source) bool { return o.ArticleID == src.ArticleID }) {
				all[i].Sources = append(all[i].Sources, src)
			}
			// One source that printed the year (or its date) settles it.
			all[i].YearInferred = all[i].YearInferred && inferred
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
		all = append(all, TimelineEvent{Date: d, YearInferred: inferred, Text: text, Sources: []Source{src}})
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
	// Counted on indexes alone (see migrations/0004): a speaker's
	// distinct quotes are their groups, one entry each in
	// quotes_speaker_first; reports and articles come from
	// quotes_speaker_article. Reading the quote rows instead takes most of
	// a second on a corpus of 100,000 articles, and this runs after every
	// change to the corpus.
	rows, err := db.QueryContext(ctx, `
		SELECT sp.id, sp.name, sp.role, sp.is_org, g.groups, c.reports, c.articles
		FROM speakers sp
		JOIN (SELECT speaker_id, count(*) AS reports, count(DISTINCT article_id) AS articles
			FROM quotes INDEXED BY quotes_speaker_article WHERE speaker_id IS NOT NULL GROUP BY speaker_id) c ON c.speaker_id = sp.id
		JOIN (SELECT speaker_id, count(*) AS groups
			FROM quotes INDEXED BY quotes_speaker_first WHERE id = group_id AND speaker_id IS NOT NULL GROUP BY speaker_id) g ON g.speaker_id = sp.id
		ORDER BY g.groups DESC, c.reports DESC, sp.name, sp.id`)
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
