package store

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"strings"
	"time"
)

// QuoteQuery selects a speaker's quotes.
type QuoteQuery struct {
	SpeakerID int64
	// Topic: words that one report of the quote must all hold, in the
	// quote's words or in its article's title (as whole words, in any
	// case, diacritics ignored, as /search reads them); "" for any.
	Topic string
	// Since: only quotes first reported on or after this day (the day
	// each quote is shown with); zero for any.
	Since time.Time
	// Outlet: only quotes reported by an outlet whose name contains this
	// (ASCII letters in any case); "" for any.
	Outlet string
	Offset int
	Limit  int // at most 100; 0 means 10
}

// QuotePage is one page of quote groups and how many there are in all.
type QuotePage struct {
	Quotes []QuoteGroup
	// Total is the number of quote groups matching, or -1 when it was not
	// counted: counting would mean reading every quote of a speaker
	// quoted thousands of times, which is not worth making a page wait
	// for.
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

// How QuotesBySpeaker finds a page.
//
// A quote group is listed by its date, the earliest day any outlet
// reported it: quotes.group_first on the group's first quote, indexed per
// speaker by quotes_speaker_first (migrations/0004). So the speaker's
// groups come newest first straight from the index, and "since" is a
// range of it; a page without other filters costs a few index entries
// whoever the speaker is.
//
// A topic or an outlet is a test on a group's reports (a group matches
// when one of its reports passes). There are two ways to find the groups
// that pass:
//
//   - walk: read the speaker's groups newest first and test each, until
//     the page is full. It costs about one test per group read, that is
//     the page's size divided by the share of groups that pass: cheap for
//     common filters.
//   - matches: gather the reports that the filters' own indexes find (the
//     FTS5 indexes for a topic, articles_source for an outlet), keep the
//     speaker's that pass, and sort their groups. It costs about one row
//     per report found: cheap for rare filters, dear for common ones.
//
// A walk over the newest walkAll groups comes first (all of them for a
// small speaker, so that the page can be counted): for the common filters
// people ask for, the page is there. When it is not, counts that cost
// little estimate both plans, and a walk that goes on gives up once it
// has cost what the matches would have, when the speaker's groups pass
// much more rarely than the corpus's as a whole.
type quotePlan int

const (
	planAuto quotePlan = iota
	planWalk
	planMatches
)

const (
	// countCap bounds the count of a speaker's groups made for a page's
	// total; beyond it the total is not counted.
	countCap = 2000
	// walkAll is the number of groups up to which a walk reads all of a
	// speaker's groups, so that the total is known.
	walkAll = 250
	// matchCap bounds the counts of FTS5 matches that estimate how common
	// a topic is, and so what the matches plan would cost. Past it, a
	// walk costs less: the share of groups that pass is then at least
	// matchCap over the number of quotes.
	matchCap = 10000
	// groupCost and reportCost are the costs, in microseconds, of testing
	// one group on a walk (an index step, a quote row, an article row
	// and the tests) and of reading one report an index found in the
	// matches plan, measured on the 100k-article benchmark corpus.
	groupCost, reportCost = 4.0, 0.4
)

// QuotesBySpeaker returns one page of the speaker's quotes, newest first
// by the day each was first reported, each once with all the outlets that
// reported it. A topic with no word finds nothing.
func (s *Store) QuotesBySpeaker(ctx context.Context, q QuoteQuery) (QuotePage, error) {
	page, err := s.quotesBySpeaker(ctx, q, planAuto)
	if err != nil {
		return QuotePage{}, fmt.Errorf("quotes of speaker %d: %w", q.SpeakerID, err)
	}
	return page, nil
}

// reportTest is the SQL test of one report (quotes q joined with articles
// a) that a topic and an outlet make, with its arguments.
type reportTest struct {
	sql  string
	args []any
	// topic: the topic's FTS5 queries over quote text and article
	// titles; "" without a topic.
	topicMatch, titleMatch string
	// outlets: the outlets whose names the outlet filter matches; nil
	// without an outlet filter.
	outlets []string
}

// groupRange is the SQL that selects the speaker's groups (their first
// quotes, r) within the since filter, in the order of
// quotes_speaker_first.
type groupRange struct {
	where string
	args  []any
}

// groupsFrom reads the speaker's groups from quotes_speaker_first, which
// holds one entry per group: left to itself, the planner counts a
// speaker's groups on quotes_speaker, reading every quote row of theirs
// to tell the groups' first quotes.
const groupsFrom = `quotes r INDEXED BY quotes_speaker_first`

const groupOrder = ` ORDER BY r.group_first DESC, r.id DESC`

func (s *Store) quotesBySpeaker(ctx context.Context, q QuoteQuery, plan quotePlan) (QuotePage, error) {
	limit, offset := queryLimit(q.Limit), max(q.Offset, 0)
	groups := groupRange{where: `r.speaker_id = ? AND r.id = r.group_id`, args: []any{q.SpeakerID}}
	if !q.Since.IsZero() {
		groups.where += ` AND r.group_first >= ?`
		groups.args = append(groups.args, q.Since.UTC().Format(time.DateOnly))
	}
	test, ok, err := s.newReportTest(ctx, q)
	if err != nil || !ok {
		return QuotePage{}, err // no word in the topic, or no such outlet
	}
	// How many groups are in range, counted up to a cap (index entries
	// only: cheap whoever the speaker is).
	var inRange int
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM `+groupsFrom+` WHERE `+groups.where+` LIMIT ?)`,
		append(groups.args, countCap+1)...).Scan(&inRange); err != nil {
		return QuotePage{}, err
	}
	var ids []int64
	page := QuotePage{Total: -1}
	if test == nil {
		ids, err = queryIDs(ctx, s.read, `SELECT r.id FROM `+groupsFrom+` WHERE `+groups.where+groupOrder+` LIMIT ? OFFSET ?`,
			append(groups.args, limit+1, offset)...)
		if err != nil {
			return QuotePage{}, err
		}
		if inRange <= countCap {
			page.Total = inRange
		}
	} else {
		need := offset + limit + 1 // one more tells whether there is a next page
		w := &groupWalk{s: s, groups: groups, test: test, size: -1}
		if inRange <= countCap {
			w.size = inRange
		}
		done := false
		if plan != planMatches {
			// First walk the newest groups: for a common filter (most
			// asked for) they hold the page. A small speaker's groups
			// are all read, so that the page can say how many pass.
			stop := need
			if inRange <= walkAll {
				stop = math.MaxInt
			}
			if err := w.walk(ctx, walkAll, stop); err != nil {
				return QuotePage{}, err
			}
			done = w.all || len(w.matched) >= need
		}
		if !done && plan != planMatches {
			// A rarer filter: walk on while that is expected to cost
			// less than the matches, and give up once it has cost what
			// they would.
			walk, matches, err := s.estimate(ctx, test, need-len(w.matched), inRange)
			if err != nil {
				return QuotePage{}, err
			}
			if plan == planWalk || walk*groupCost <= matches*reportCost {
				if err := w.walk(ctx, w.read+int(max(256, matches*reportCost/groupCost)), need); err != nil {
					return QuotePage{}, err
				}
				done = w.all || len(w.matched) >= need
			}
		}
		if done {
			ids = w.matched[min(offset, len(w.matched)):]
			if w.all {
				page.Total = len(w.matched)
			}
		} else if ids, page.Total, err = s.matchGroups(ctx, groups, test, offset, limit+1); err != nil {
			return QuotePage{}, err
		}
	}
	if len(ids) > limit {
		ids, page.More = ids[:limit], true
	}
	page.Quotes, err = s.quoteGroups(ctx, ids)
	return page, err
}

// newReportTest makes the test that a query's topic and outlet put on
// each report; nil when it has neither. ok is false when nothing can
// pass: a topic with no word, or an outlet filter that no outlet matches.
func (s *Store) newReportTest(ctx context.Context, q QuoteQuery) (test *reportTest, ok bool, err error) {
	topic, outlet := strings.TrimSpace(q.Topic), strings.TrimSpace(q.Outlet)
	if topic == "" && outlet == "" {
		return nil, true, nil
	}
	t := &reportTest{}
	var conds []string
	if outlet != "" {
		pattern := containsPattern(outlet)
		// The distinct outlets, one index seek each (a loose scan of
		// articles_source), that the filter matches.
		rows, err := s.read.QueryContext(ctx, `
			WITH RECURSIVE o(source) AS (
				SELECT min(source) FROM articles
				UNION ALL
				SELECT (SELECT min(source) FROM articles WHERE source > o.source) FROM o WHERE o.source IS NOT NULL)
			SELECT source FROM o WHERE source IS NOT NULL AND source LIKE ? ESCAPE '\'`, pattern)
		if err != nil {
			return nil, false, err
		}
		for rows.Next() {
			var name string
			if err := rows.Scan(&name); err != nil {
				rows.Close()
				return nil, false, err
			}
			t.outlets = append(t.outlets, name)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, false, err
		}
		if len(t.outlets) == 0 {
			return nil, false, nil
		}
		conds = append(conds, `a.source LIKE ? ESCAPE '\'`)
		t.args = append(t.args, pattern)
	}
	if topic != "" {
		words := topicWords(topic)
		t.topicMatch = MatchQuery(topic)
		if words == "" || t.topicMatch == "" {
			return nil, false, nil
		}
		t.titleMatch = titleOnly(t.topicMatch)
		// The quote's words or the title's words hold every topic word.
		// instr over the stored key (folded words) is a cheap necessary
		// condition for the quote's text: a word FTS5 would find is part
		// of a word of the key.
		// The same for the title, lower-cased by SQLite (ASCII only):
		// when the title has other characters, only hasWords can tell.
		var inQuote, inTitle []string
		var quoteArgs, titleArgs []any
		for w := range strings.FieldsSeq(words) {
			inQuote = append(inQuote, `instr(q.norm, ?) > 0`)
			inTitle = append(inTitle, `instr(lower(a.title), ?) > 0`)
			quoteArgs, titleArgs = append(quoteArgs, w), append(titleArgs, w)
		}
		conds = append(conds, `(`+strings.Join(inQuote, ` AND `)+` AND `+hasWordsFunc+`(q.text, ?)
			OR (`+strings.Join(inTitle, ` AND `)+` OR a.title GLOB '*[^ -~]*') AND `+hasWordsFunc+`(a.title, ?))`)
		t.args = append(append(append(append(t.args, quoteArgs...), words), titleArgs...), words)
	}
	t.sql = strings.Join(conds, ` AND `)
	return t, true, nil
}

// estimate guesses how many groups a walk reads to find need that pass,
// and how many reports the matches plan reads, from the corpus's counts.
func (s *Store) estimate(ctx context.Context, t *reportTest, need, inRange int) (walk, matches float64, err error) {
	var quotes, articles float64
	if err := s.read.QueryRowContext(ctx, `SELECT (SELECT coalesce(max(id), 0) FROM quotes), (SELECT coalesce(max(id), 0) FROM articles)`).
		Scan(&quotes, &articles); err != nil {
		return 0, 0, err
	}
	quotes, articles = max(quotes, 1), max(articles, 1)
	perArticle := quotes / articles
	share := 1.0 // of all reports, those that pass
	matches = math.Inf(1)
	if t.topicMatch != "" {
		var inQuotes, inTitles float64
		err := s.read.QueryRowContext(ctx, `SELECT
			(SELECT count(*) FROM (SELECT 1 FROM quotes_fts WHERE quotes_fts MATCH ?1 LIMIT ?3)),
			(SELECT count(*) FROM (SELECT 1 FROM articles_fts WHERE articles_fts MATCH ?2 LIMIT ?3))`,
			t.topicMatch, t.titleMatch, matchCap).Scan(&inQuotes, &inTitles)
		if err != nil {
			return 0, 0, err
		}
		found := inQuotes + inTitles*perArticle // at least, when a count reached the cap
		matches = min(matches, found)
		share *= min(1, found/quotes)
	}
	if t.outlets != nil {
		var n float64
		if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM articles WHERE source IN (`+
			sqlList(len(t.outlets))+`) LIMIT ?)`, append(stringArgs(t.outlets), matchCap)...).Scan(&n); err != nil {
			return 0, 0, err
		}
		found := n * perArticle
		matches = min(matches, found)
		share *= min(1, found/quotes)
	}
	walk = float64(need) / max(share, 1e-9)
	if inRange <= countCap {
		walk = min(walk, float64(inRange)) // all of them, counted
	}
	return walk, matches, nil
}

func stringArgs(ss []string) []any {
	args := make([]any, len(ss))
	for i, s := range ss {
		args[i] = s
	}
	return args
}

// groupWalk reads a speaker's groups newest first and keeps those with a
// report that passes a test.
type groupWalk struct {
	s       *Store
	groups  groupRange
	test    *reportTest
	size    int     // the number of groups in range when known, else -1
	read    int     // groups read so far
	matched []int64 // those that pass, in order
	all     bool    // every group in range has been read
}

// walk reads on until it has read upTo groups in all, or every group, or
// found stop that pass.
func (w *groupWalk) walk(ctx context.Context, upTo, stop int) error {
	for !w.all && w.read < upTo && len(w.matched) < stop {
		// In batches that grow as the walk goes on. Each batch reads
		// the range from its start, but up to the batch only index
		// entries: cheap next to the tests.
		batch := upTo - w.read
		if stop != math.MaxInt {
			batch = min(batch, max(64, w.read, 16*(stop-len(w.matched))))
		}
		rows, err := w.s.read.QueryContext(ctx, `SELECT r.id, EXISTS (SELECT 1 FROM quotes q JOIN articles a ON a.id = q.article_id
			WHERE q.group_id = r.id AND `+w.test.sql+`) FROM `+groupsFrom+` WHERE `+w.groups.where+groupOrder+` LIMIT ? OFFSET ?`,
			append(append(append([]any{}, w.test.args...), w.groups.args...), batch, w.read)...)
		if err != nil {
			return err
		}
		n := 0
		for rows.Next() {
			var id int64
			var pass bool
			if err := rows.Scan(&id, &pass); err != nil {
				rows.Close()
				return err
			}
			n++
			if pass {
				w.matched = append(w.matched, id)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		w.read += n
		w.all = n < batch || w.size >= 0 && w.read >= w.size
	}
	return nil
}

// matchGroups finds the groups with a report that passes the test from
// the reports the filters' indexes find, and returns one page of them and
// how many there are.
func (s *Store) matchGroups(ctx context.Context, groups groupRange, t *reportTest, offset, limit int) ([]int64, int, error) {
	var found string
	var args []any
	switch {
	case t.topicMatch != "":
		found = `SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?
			UNION SELECT q.id FROM articles_fts f JOIN quotes q ON q.article_id = f.rowid WHERE articles_fts MATCH ?`
		args = []any{t.topicMatch, t.titleMatch}
	default:
		found = `SELECT q.id FROM articles a JOIN quotes q ON q.article_id = a.id WHERE a.source IN (` + sqlList(len(t.outlets)) + `)`
		args = stringArgs(t.outlets)
	}
	matching := `WITH found(id) AS (` + found + `),
		passed(g) AS (
			-- CROSS JOIN keeps this order: from the reports found to
			-- the speaker's among them, and only then the tests; the
			-- planner would rather test every report of a much quoted
			-- speaker.
			SELECT DISTINCT q.group_id FROM found CROSS JOIN quotes q ON q.id = found.id CROSS JOIN articles a ON a.id = q.article_id
			WHERE q.speaker_id = ? AND ` + t.sql + `)
		SELECT r.id, count(*) OVER () FROM passed JOIN quotes r ON r.id = passed.g WHERE ` + groups.where
	args = append(append(append(args, groups.args[0]), t.args...), groups.args...)
	rows, err := s.read.QueryContext(ctx, matching+groupOrder+` LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var ids []int64
	total := 0
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id, &total); err != nil {
			return nil, 0, err
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	if len(ids) == 0 && offset > 0 {
		// Past the end: still say how many there are.
		var n sql.NullInt64
		if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM (`+matching+`)`, args...).Scan(&n); err != nil {
			return nil, 0, err
		}
		total = int(n.Int64)
	}
	return ids, total, nil
}
