package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/briefing/speakers"
	"github.com/briefbot/briefbot/briefing/story"
)

// RawDocument is one input as received, kept so that Reprocess can run a
// better pipeline over it later.
type RawDocument struct {
	Name    string // file name or URL as given; used in error messages
	Format  briefing.Format
	Body    []byte
	URL     string
	AddedBy string // who added it (a Discord user id, "cli", ...)
}

// IngestResult says what Ingest did.
type IngestResult struct {
	DocumentID int64
	ArticleID  int64
	StoryID    int64
	Duplicate  bool // the same bytes were already in the corpus; nothing changed
	Quotes     int  // quotes stored for the article (0 for a duplicate)
}

// Every lookup an ingest makes is bounded, so that it costs about the same
// at 100 articles and at 100,000. Story candidates: articles sharing a
// quote with the new one (at most storySharedQuoteLimit per query) and the
// simHashNearest closest by SimHash among the simHashRecent most recently
// added. Speaker candidates: at most speakerCandidateLimit per name. Near
// (not identical) repeats of a quote: among the speaker's quoteGroupRecent
// latest quotes.
const (
	storySharedQuoteLimit = 50
	simHashRecent         = 2000
	simHashNearest        = 20
	speakerCandidateLimit = 200
	quoteGroupRecent      = 200
)

// Hash is the content address of a document: hex SHA-256 of its bytes.
func Hash(body []byte) string {
	sum := sha256.Sum256(body)
	return hex.EncodeToString(sum[:])
}

// HasDocument reports whether a document with this hash is in the corpus,
// and the id of its article.
func (s *Store) HasDocument(ctx context.Context, sha string) (articleID int64, ok bool, err error) {
	res, ok, err := duplicate(ctx, s.read, sha)
	if err != nil {
		return 0, false, fmt.Errorf("looking up document %s: %w", sha, err)
	}
	return res.ArticleID, ok, nil
}

// Ingest stores a document and the article made from it in one
// transaction: the document, the article, all its quotes, their speakers
// (merged with the speakers already in the corpus), its events and its
// story, or nothing at all. The same bytes a second time change nothing
// and come back with Duplicate set and the existing ids.
func (s *Store) Ingest(ctx context.Context, raw RawDocument, art briefing.Article) (IngestResult, error) {
	if err := validateRaw(raw); err != nil {
		return IngestResult{}, fmt.Errorf("ingest %s: %w", raw.Name, err)
	}
	sha := Hash(raw.Body)
	start := time.Now()
	// A document already present is reported without taking the write
	// lock, so re-running a big batch does not hold up the bot's writes.
	if res, ok, err := duplicate(ctx, s.read, sha); err != nil || ok {
		if err != nil {
			return IngestResult{}, fmt.Errorf("ingest %s: %w", raw.Name, err)
		}
		return res, nil
	}
	// The text work happens before the write lock is taken.
	p := prepare(art)

	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return IngestResult{}, fmt.Errorf("ingest %s: %w", raw.Name, err)
	}
	defer tx.Rollback()
	w := &txWriter{ctx: ctx, tx: tx, s: s}

	// Checked again inside the write transaction, so that two ingests of
	// the same bytes cannot both pass.
	res, ok, err := duplicate(ctx, tx, sha)
	if err != nil || ok {
		if err != nil {
			return IngestResult{}, fmt.Errorf("ingest %s: %w", raw.Name, err)
		}
		return res, nil
	}

	now := s.now().UTC().Format(time.RFC3339)
	r, err := tx.ExecContext(ctx, `
		INSERT INTO documents (sha256, name, format, url, body, added_at, added_by)
		VALUES (?, ?, ?, ?, ?, ?, ?)`,
		sha, raw.Name, string(raw.Format), raw.URL, raw.Body, now, raw.AddedBy)
	if err != nil {
		return IngestResult{}, fmt.Errorf("ingest %s: storing the document: %w", raw.Name, err)
	}
	res.DocumentID, _ = r.LastInsertId()

	a := p.art
	r, err = tx.ExecContext(ctx, `
		INSERT INTO articles (document_id, title, source, author, url, published, text, summary, simhash, added_at, added_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		res.DocumentID, a.Title, a.Source, a.Author, a.URL, p.published, a.Text, a.Summary,
		int64(p.simhash), now, raw.AddedBy)
	if err != nil {
		return IngestResult{}, fmt.Errorf("ingest %s: storing the article: %w", raw.Name, err)
	}
	res.ArticleID, _ = r.LastInsertId()

	if err := p.validate(); err != nil {
		return IngestResult{}, fmt.Errorf("ingest %s: %w", raw.Name, err)
	}

	if res.Quotes, err = w.writeContent(res.ArticleID, p); err != nil {
		return IngestResult{}, fmt.Errorf("ingest %s: %w", raw.Name, err)
	}
	if res.StoryID, err = w.assignStory(res.ArticleID, p, 0); err != nil {
		return IngestResult{}, fmt.Errorf("ingest %s: choosing its story: %w", raw.Name, err)
	}
	if err := tx.Commit(); err != nil {
		return IngestResult{}, fmt.Errorf("ingest %s: %w", raw.Name, err)
	}
	s.log.LogAttrs(ctx, slog.LevelInfo, "document ingested",
		slog.String("name", raw.Name), slog.Int64("document_id", res.DocumentID),
		slog.Int64("article_id", res.ArticleID), slog.Int64("story_id", res.StoryID),
		slog.Int("quotes", res.Quotes), slog.Duration("took", time.Since(start)))
	return res, nil
}

// queryer is what reads need of a *sql.DB (the reader pool) or a *sql.Tx
// (the writer's transaction).
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// duplicate looks up a document by hash: the result of ingesting it again.
func duplicate(ctx context.Context, q queryer, sha string) (IngestResult, bool, error) {
	var res IngestResult
	var artID, storyID sql.NullInt64
	err := q.QueryRowContext(ctx, `
		SELECT d.id, a.id, a.story_id FROM documents d LEFT JOIN articles a ON a.document_id = d.id
		WHERE d.sha256 = ?`, sha).Scan(&res.DocumentID, &artID, &storyID)
	if errors.Is(err, sql.ErrNoRows) {
		return IngestResult{}, false, nil
	}
	if err != nil {
		return IngestResult{}, false, err
	}
	res.ArticleID, res.StoryID, res.Duplicate = artID.Int64, storyID.Int64, true
	return res, true, nil
}

func validateRaw(raw RawDocument) error {
	switch raw.Format {
	case briefing.FormatText, briefing.FormatMarkdown, briefing.FormatHTML:
	default:
		return fmt.Errorf("unknown format %q (want text, markdown or html)", raw.Format)
	}
	if len(raw.Body) == 0 {
		return errors.New("the document is empty")
	}
	return nil
}

// prepared is an article with everything the store derives from its text
// computed ahead of the write transaction.
type prepared struct {
	art       briefing.Article
	published sql.NullString
	simhash   uint64
	norms     []string      // story.QuoteKey of each quote
	speakerOf []int         // per quote: index into plans, or noSpeaker / anonymousSpeaker
	roles     []string      // per quote: the role to store
	plans     []speakerPlan // the distinct named speakers of the quotes
}

const (
	noSpeaker        = -1 // the text does not say who spoke: NULL speaker_id
	anonymousSpeaker = -2 // an unnamed source: the well-known anonymous row
)

// speakerPlan is one named speaker of the article, to be resolved against
// the corpus.
type speakerPlan struct {
	name    string
	aliases []string
	role    string
	org     bool
}

func prepare(art briefing.Article) *prepared {
	p := &prepared{art: art, simhash: story.SimHash(art.Text)}
	if !art.Published.IsZero() {
		// The calendar date where it was published: converting a local
		// midnight to UTC could move it to the day before.
		p.published = sql.NullString{String: art.Published.Format(time.DateOnly), Valid: true}
	}
	planOf := map[string]int{} // article speaker name or alias -> plan
	listed := func(name string) (int, bool) {
		if i, ok := planOf[name]; ok {
			return i, true
		}
		for _, sp := range art.Speakers {
			if sp.Name == name || slices.Contains(sp.Aliases, name) {
				p.plans = append(p.plans, speakerPlan{
					name: strings.TrimSpace(sp.Name), aliases: sp.Aliases, role: sp.Role, org: sp.Org,
				})
				i := len(p.plans) - 1
				planOf[sp.Name] = i
				for _, a := range sp.Aliases {
					if _, taken := planOf[a]; !taken {
						planOf[a] = i
					}
				}
				return i, true
			}
		}
		return 0, false
	}
	for _, q := range art.Quotes {
		p.norms = append(p.norms, story.QuoteKey(q.Text))
		p.roles = append(p.roles, q.Role)
		name := strings.TrimSpace(q.Speaker)
		switch {
		case name == "":
			p.speakerOf = append(p.speakerOf, noSpeaker)
			continue
		case isAnonymous(name):
			p.speakerOf = append(p.speakerOf, anonymousSpeaker)
			continue
		case speakers.Key(name) == "":
			// A role with no name ("the spokesman"): the text does not
			// say who; keep what it does say as the role.
			p.speakerOf = append(p.speakerOf, noSpeaker)
			if q.Role == "" {
				p.roles[len(p.roles)-1] = name
			}
			continue
		}
		i, ok := listed(q.Speaker)
		if !ok {
			// A quote's speaker missing from Article.Speakers is still a
			// speaker; it just has no other names.
			p.plans = append(p.plans, speakerPlan{name: name, role: q.Role})
			i = len(p.plans) - 1
			planOf[q.Speaker] = i
		}
		p.speakerOf = append(p.speakerOf, i)
	}
	return p
}

func isAnonymous(name string) bool {
	return speakers.Fold(strings.TrimSpace(name)) == briefing.Anonymous
}

// validate checks what the schema cannot say clearly. It runs inside the
// transaction, after the document is written, so a bad article also
// proves the rollback.
func (p *prepared) validate() error {
	a := p.art
	if strings.TrimSpace(a.Text) == "" {
		return errors.New("the article has no text")
	}
	for i, q := range a.Quotes {
		switch q.Kind {
		case briefing.KindDirect, briefing.KindPartial, briefing.KindIndirect, briefing.KindUnmarked:
		default:
			return fmt.Errorf("quote %d (%s): kind %q is not one of direct, partial, indirect, unmarked", i+1, clip(q.Text), q.Kind)
		}
		if strings.TrimSpace(q.Text) == "" {
			return fmt.Errorf("quote %d: empty text", i+1)
		}
		if q.Start < 0 || q.End < q.Start || q.End > len(a.Text) {
			return fmt.Errorf("quote %d (%s): offsets %d-%d are outside the article text (%d bytes)", i+1, clip(q.Text), q.Start, q.End, len(a.Text))
		}
	}
	for i, e := range a.Events {
		if e.Date.IsZero() {
			return fmt.Errorf("event %d (%s): no date", i+1, clip(e.Text))
		}
		if e.Start < 0 || e.End < e.Start || e.End > len(a.Text) {
			return fmt.Errorf("event %d (%s): offsets %d-%d are outside the article text (%d bytes)", i+1, clip(e.Text), e.Start, e.End, len(a.Text))
		}
	}
	return nil
}

// clip shortens s for an error message.
func clip(s string) string {
	const max = 40
	if len(s) <= max {
		return fmt.Sprintf("%q", s)
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return fmt.Sprintf("%q", s[:cut]+"...")
}

// txWriter does the writes of one document inside one transaction.
type txWriter struct {
	ctx context.Context
	tx  *sql.Tx
	s   *Store
}

func (w *txWriter) exec(query string, args ...any) (sql.Result, error) {
	return w.tx.ExecContext(w.ctx, query, args...)
}

// writeContent stores the quotes (resolving their speakers) and events of
// an article whose row exists and has none yet.
func (w *txWriter) writeContent(articleID int64, p *prepared) (int, error) {
	ids := make([]int64, len(p.plans))
	for i, plan := range p.plans {
		id, err := w.resolveSpeaker(plan)
		if err != nil {
			return 0, fmt.Errorf("speaker %q: %w", plan.name, err)
		}
		ids[i] = id
	}
	for i, q := range p.art.Quotes {
		var speaker sql.NullInt64
		switch k := p.speakerOf[i]; k {
		case noSpeaker:
		case anonymousSpeaker:
			speaker = sql.NullInt64{Int64: w.s.anonymousID, Valid: true}
		default:
			speaker = sql.NullInt64{Int64: ids[k], Valid: true}
		}
		group, err := w.quoteGroup(speaker, q.Text, p.norms[i])
		if err != nil {
			return 0, fmt.Errorf("quote %d: %w", i+1, err)
		}
		// published is the article's date (see migrations/0004); the
		// triggers keep the group's first date from it.
		r, err := w.exec(`
			INSERT INTO quotes (article_id, speaker_id, ordinal, text, norm, kind, role, evidence, start, end, group_id, published)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			articleID, speaker, i, q.Text, p.norms[i], string(q.Kind), p.roles[i], q.Evidence, q.Start, q.End, group, p.published)
		if err != nil {
			return 0, fmt.Errorf("quote %d (%s): %w", i+1, clip(q.Text), err)
		}
		if !group.Valid {
			id, _ := r.LastInsertId()
			if _, err := w.exec(`UPDATE quotes SET group_id = id WHERE id = ?`, id); err != nil {
				return 0, fmt.Errorf("quote %d: %w", i+1, err)
			}
		}
	}
	for i, e := range p.art.Events {
		_, err := w.exec(`INSERT INTO events (article_id, date, text, start, end, year_inferred) VALUES (?, ?, ?, ?, ?, ?)`,
			articleID, e.Date.Format(time.DateOnly), e.Text, e.Start, e.End, e.YearInferred)
		if err != nil {
			return 0, fmt.Errorf("event %d (%s): %w", i+1, clip(e.Text), err)
		}
	}
	return len(p.art.Quotes), nil
}

// quoteGroup finds the group of an earlier quote of the same words by the
// same speaker: the same quote reported by another outlet, perhaps cut
// shorter or printed a little differently (story.SameQuote, which reads
// the quotes as printed). NULL (not valid) means the quote starts a group
// of its own. An identical key is looked up in the whole corpus; near
// matches among the speaker's quoteGroupRecent latest quotes, which keeps
// a prolific speaker's ingest bounded. Quotes whose text does not name a
// speaker are never grouped: the same words from two unknown speakers are
// not known to be one statement.
func (w *txWriter) quoteGroup(speaker sql.NullInt64, text, norm string) (sql.NullInt64, error) {
	var group sql.NullInt64
	if !speaker.Valid || norm == "" {
		return group, nil
	}
	err := w.tx.QueryRowContext(w.ctx,
		`SELECT group_id FROM quotes WHERE speaker_id = ? AND norm = ? ORDER BY id LIMIT 1`,
		speaker.Int64, norm).Scan(&group)
	if err == nil || !errors.Is(err, sql.ErrNoRows) {
		return group, err
	}
	rows, err := w.tx.QueryContext(w.ctx,
		`SELECT group_id, norm, text FROM quotes WHERE speaker_id = ? AND group_id IS NOT NULL ORDER BY id DESC LIMIT ?`,
		speaker.Int64, quoteGroupRecent)
	if err != nil {
		return group, err
	}
	defer rows.Close()
	words := strings.Fields(norm)
	mine := make(map[string]bool, len(words))
	for _, w := range words {
		mine[w] = true
	}
	for rows.Next() {
		var g int64
		var otherNorm, otherText string
		if err := rows.Scan(&g, &otherNorm, &otherText); err != nil {
			return sql.NullInt64{}, err
		}
		// The earliest group wins (rows come newest first).
		if group.Valid && g >= group.Int64 || !mayBeSameQuote(mine, len(words), otherNorm) {
			continue
		}
		if story.SameQuote(text, otherText) {
			group = sql.NullInt64{Int64: g, Valid: true}
		}
	}
	return group, rows.Err()
}

// mayBeSameQuote is a cheap necessary condition for story.SameQuote on two
// quote keys, to skip re-folding the many quotes that share few words:
// SameQuote needs one key inside the other (all of the shorter's words
// shared) or a token F1 of 0.8 (at least 0.4*(na+nb) words shared), and
// the number of the other's words found in mine bounds the shared count.
func mayBeSameQuote(mine map[string]bool, na int, other string) bool {
	nb, common := 0, 0
	for w := range strings.FieldsSeq(other) {
		nb++
		if mine[w] {
			common++
		}
	}
	return common >= min(na, nb) || 5*common >= 2*(na+nb)
}

// resolveSpeaker finds the corpus speaker this article's speaker is, or
// adds a new one. The candidates are the speakers with the same
// speakers.LastKey (spelling variants share it: Zelensky, Zelenskyy) or
// with this exact form among their aliases; speakers.Resolve decides, and
// refuses to guess when a surname alone fits two people, in which case the
// name becomes a speaker of its own.
//
// Keys: name_key and alias_key are speakers.Fold of the form (so every
// spelling seen is kept as an alias), last_key is speakers.LastKey.
func (w *txWriter) resolveSpeaker(plan speakerPlan) (int64, error) {
	last := speakers.LastKey(plan.name)
	folded := speakers.Fold(plan.name)
	cands, err := w.speakerCandidates(folded, last)
	if err != nil {
		return 0, err
	}
	id, reason, ok := speakers.Resolve(plan.name, cands)
	if ok {
		i := slices.IndexFunc(cands, func(k speakers.Known) bool { return k.ID == id })
		if i < 0 {
			return 0, fmt.Errorf("speakers.Resolve chose id %d, which is not a candidate", id)
		}
		return id, w.mergeSpeaker(cands[i], plan, reason)
	}
	// Not resolved: new, or ambiguous ("Smith" with John and Jane Smith
	// known). An ambiguous form gets one speaker of its own, named just
	// so, and later identical forms join it rather than making another.
	for _, k := range cands {
		if speakers.Fold(k.Name) == folded {
			return k.ID, w.mergeSpeaker(k, plan, "same form, "+reason)
		}
	}
	r, err := w.exec(`INSERT INTO speakers (name, name_key, last_key, role, is_org) VALUES (?, ?, ?, ?, ?)`,
		plan.name, folded, last, plan.role, plan.org || speakers.IsOrg(plan.name))
	if err != nil {
		return 0, err
	}
	id, _ = r.LastInsertId()
	if len(cands) > 0 {
		reason = "new speaker: " + reason
	} else {
		reason = "new speaker"
	}
	if err := w.addAlias(id, plan.name, reason); err != nil {
		return 0, err
	}
	for _, a := range plan.aliases {
		if err := w.addAlias(id, a, fmt.Sprintf("same article as %q", plan.name)); err != nil {
			return 0, err
		}
	}
	return id, nil
}

func (w *txWriter) speakerCandidates(folded, last string) ([]speakers.Known, error) {
	rows, err := w.tx.QueryContext(w.ctx, `
		SELECT id, name, is_org FROM speakers WHERE last_key = ?1 AND id != ?3
		UNION
		SELECT sp.id, sp.name, sp.is_org FROM speaker_aliases a JOIN speakers sp ON sp.id = a.speaker_id
		WHERE a.alias_key = ?2 AND sp.id != ?3
		ORDER BY 1 LIMIT ?4`,
		last, folded, w.s.anonymousID, speakerCandidateLimit)
	if err != nil {
		return nil, err
	}
	var cands []speakers.Known
	byID := map[int64]int{}
	for rows.Next() {
		var k speakers.Known
		if err := rows.Scan(&k.ID, &k.Name, &k.Org); err != nil {
			rows.Close()
			return nil, err
		}
		byID[k.ID] = len(cands)
		cands = append(cands, k)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(cands) == 0 {
		return cands, err
	}
	args := make([]any, 0, len(cands))
	for _, k := range cands {
		args = append(args, k.ID)
	}
	rows, err = w.tx.QueryContext(w.ctx,
		`SELECT speaker_id, alias FROM speaker_aliases WHERE speaker_id IN (`+placeholders(len(args))+`) ORDER BY speaker_id, alias`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var alias string
		if err := rows.Scan(&id, &alias); err != nil {
			return nil, err
		}
		k := &cands[byID[id]]
		if alias != k.Name {
			k.Aliases = append(k.Aliases, alias)
		}
	}
	return cands, rows.Err()
}

// mergeSpeaker records a new form of a known speaker's name. A fuller
// form (more name words, roles aside: "Dmitry Peskov" after "Peskov")
// becomes the canonical name; a role is filled in when the speaker had
// none.
func (w *txWriter) mergeSpeaker(known speakers.Known, plan speakerPlan, reason string) error {
	if len(strings.Fields(speakers.Key(plan.name))) > len(strings.Fields(speakers.Key(known.Name))) {
		if _, err := w.exec(`UPDATE speakers SET name = ?, name_key = ?, last_key = ? WHERE id = ?`,
			plan.name, speakers.Fold(plan.name), speakers.LastKey(plan.name), known.ID); err != nil {
			return err
		}
	}
	if plan.role != "" {
		if _, err := w.exec(`UPDATE speakers SET role = ? WHERE id = ? AND role = ''`, plan.role, known.ID); err != nil {
			return err
		}
	}
	if reason == "" {
		reason = "same speaker"
	}
	if err := w.addAlias(known.ID, plan.name, reason); err != nil {
		return err
	}
	for _, a := range plan.aliases {
		if err := w.addAlias(known.ID, a, fmt.Sprintf("same article as %q", plan.name)); err != nil {
			return err
		}
	}
	return nil
}

// addAlias records one form of a speaker's name; a form already known
// (by folded key) keeps its first reason.
func (w *txWriter) addAlias(speakerID int64, alias, reason string) error {
	alias = strings.TrimSpace(alias)
	key := speakers.Fold(alias)
	if key == "" {
		return nil
	}
	_, err := w.exec(`INSERT INTO speaker_aliases (speaker_id, alias, alias_key, reason) VALUES (?, ?, ?, ?)
		ON CONFLICT (speaker_id, alias_key) DO NOTHING`, speakerID, alias, key, reason)
	return err
}

// storyMatch is an earlier article considered for the new one's story.
type storyMatch struct {
	id      int64
	storyID sql.NullInt64
	cand    story.Candidate
}

// assignStory puts the article into the story of the earlier articles
// that story.SameStory says report the same event, chosen from a bounded
// candidate set, or into a story of its own: keep when that story has no
// other article (so Reprocess keeps story ids), else a new one.
func (w *txWriter) assignStory(articleID int64, p *prepared, keep int64) (int64, error) {
	self := story.Candidate{SimHash: p.simhash, Title: p.art.Title, Published: p.art.Published}
	seen := map[string]bool{}
	var long []any // keys long enough for SameStory to count as shared
	for _, n := range p.norms {
		if n != "" && !seen[n] {
			seen[n] = true
			self.QuoteKeys = append(self.QuoteKeys, n)
			if len(strings.Fields(n)) >= story.MinSharedQuoteWords {
				long = append(long, n)
			}
		}
	}

	matches := map[int64]*storyMatch{}
	var order []int64
	add := func(id int64) {
		if _, ok := matches[id]; !ok {
			matches[id] = &storyMatch{id: id}
			order = append(order, id)
		}
	}
	if len(long) > 0 {
		args := append(append([]any{articleID}, long...), storySharedQuoteLimit)
		ids, err := w.int64s(`SELECT DISTINCT article_id FROM quotes WHERE article_id != ? AND norm IN (`+
			placeholders(len(long))+`) ORDER BY article_id DESC LIMIT ?`, args...)
		if err != nil {
			return 0, err
		}
		for _, id := range ids {
			add(id)
		}
	}
	// Articles holding the same quotes by the same speakers, also when an
	// outlet printed a shorter cut (the groups written just before).
	grouped, err := w.int64s(`SELECT DISTINCT article_id FROM quotes
		WHERE group_id IN (SELECT group_id FROM quotes WHERE article_id = ?) AND article_id != ?
		ORDER BY article_id DESC LIMIT ?`, articleID, articleID, storySharedQuoteLimit)
	if err != nil {
		return 0, err
	}
	for _, id := range grouped {
		add(id)
	}
	near, err := w.nearestBySimHash(articleID, p.simhash)
	if err != nil {
		return 0, err
	}
	for _, id := range near {
		add(id)
	}

	if len(order) > 0 {
		if err := w.loadStoryCandidates(matches, order); err != nil {
			return 0, err
		}
	}
	// Every matching article's story is this article's story; when the
	// article links two stories (it shares a quote with one and is a near
	// copy of another), they are one story: the oldest absorbs the others.
	var stories []int64 // of the matches, ascending
	var unassigned []int64
	for _, id := range order {
		m := matches[id]
		if same, _ := story.SameStory(self, m.cand); !same {
			continue
		}
		if !m.storyID.Valid {
			unassigned = append(unassigned, m.id)
		} else if !slices.Contains(stories, m.storyID.Int64) {
			stories = append(stories, m.storyID.Int64)
		}
	}
	slices.Sort(stories)

	var storyID int64
	switch {
	case len(stories) > 0:
		storyID = stories[0]
	case len(unassigned) == 0 && keep != 0:
		// No match: keep the story it had if no other article is in it.
		var others int
		if err := w.tx.QueryRowContext(w.ctx,
			`SELECT count(*) FROM articles WHERE story_id = ? AND id != ?`, keep, articleID).Scan(&others); err != nil {
			return 0, err
		}
		if others == 0 {
			storyID = keep
		}
	}
	if storyID == 0 {
		if storyID, err = w.newStory(p.art.Title); err != nil {
			return 0, err
		}
	}
	for _, other := range stories[min(1, len(stories)):] {
		if _, err := w.exec(`UPDATE articles SET story_id = ? WHERE story_id = ?`, storyID, other); err != nil {
			return 0, err
		}
		if _, err := w.exec(`DELETE FROM stories WHERE id = ?`, other); err != nil {
			return 0, err
		}
		w.s.log.LogAttrs(w.ctx, slog.LevelDebug, "stories merged",
			slog.Int64("story_id", storyID), slog.Int64("merged", other), slog.Int64("article_id", articleID))
	}
	for _, id := range unassigned {
		// A match from before stories were assigned joins too.
		if _, err := w.exec(`UPDATE articles SET story_id = ? WHERE id = ?`, storyID, id); err != nil {
			return 0, err
		}
	}
	if _, err := w.exec(`UPDATE articles SET story_id = ? WHERE id = ?`, storyID, articleID); err != nil {
		return 0, err
	}
	if err := w.retitleStory(storyID); err != nil {
		return 0, err
	}
	if keep != 0 && keep != storyID {
		if err := w.deleteEmptyStories(keep); err != nil {
			return 0, err
		}
		if err := w.retitleStory(keep); err != nil {
			return 0, err
		}
	}
	return storyID, nil
}

// retitleStory names a story after its earliest article, the one that
// started it; nothing happens to a story that no longer exists.
func (w *txWriter) retitleStory(id int64) error {
	_, err := w.exec(`UPDATE stories SET title = coalesce(
		(SELECT title FROM articles WHERE story_id = ?1 ORDER BY id LIMIT 1), title) WHERE id = ?1`, id)
	return err
}

func (w *txWriter) newStory(title string) (int64, error) {
	r, err := w.exec(`INSERT INTO stories (title) VALUES (?)`, title)
	if err != nil {
		return 0, err
	}
	return r.LastInsertId()
}

// nearestBySimHash returns the simHashNearest articles closest to h among
// the simHashRecent most recently added ones. The pairs come back as one
// "id:simhash,..." string: one row instead of thousands keeps this to a
// fraction of a millisecond (each row costs a cgo call).
func (w *txWriter) nearestBySimHash(articleID int64, h uint64) ([]int64, error) {
	var packed sql.NullString
	err := w.tx.QueryRowContext(w.ctx, `
		SELECT group_concat(id || ':' || simhash) FROM
		(SELECT id, simhash FROM articles INDEXED BY articles_recent_simhash
		 WHERE id != ? ORDER BY id DESC LIMIT ?)`,
		articleID, simHashRecent).Scan(&packed)
	if err != nil || !packed.Valid {
		return nil, err
	}
	type near struct {
		id   int64
		dist int
	}
	all := make([]near, 0, simHashRecent)
	for pair := range strings.SplitSeq(packed.String, ",") {
		idText, shText, _ := strings.Cut(pair, ":")
		id, err1 := strconv.ParseInt(idText, 10, 64)
		sh, err2 := strconv.ParseInt(shText, 10, 64)
		if err := errors.Join(err1, err2); err != nil {
			return nil, fmt.Errorf("reading simhashes: %w", err)
		}
		all = append(all, near{id, bits.OnesCount64(h ^ uint64(sh))})
	}
	slices.SortStableFunc(all, func(a, b near) int { return a.dist - b.dist })
	ids := make([]int64, 0, simHashNearest)
	for _, n := range all[:min(len(all), simHashNearest)] {
		ids = append(ids, n.id)
	}
	return ids, nil
}

func (w *txWriter) loadStoryCandidates(matches map[int64]*storyMatch, order []int64) error {
	args := make([]any, len(order))
	for i, id := range order {
		args[i] = id
	}
	in := placeholders(len(order))
	rows, err := w.tx.QueryContext(w.ctx,
		`SELECT id, story_id, title, published, simhash FROM articles WHERE id IN (`+in+`)`, args...)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id, sh int64
		var storyID sql.NullInt64
		var title string
		var published sql.NullString
		if err := rows.Scan(&id, &storyID, &title, &published, &sh); err != nil {
			rows.Close()
			return err
		}
		m := matches[id]
		m.storyID = storyID
		m.cand.Title = title
		m.cand.SimHash = uint64(sh)
		if published.Valid {
			m.cand.Published, _ = time.Parse(time.DateOnly, published.String)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = w.tx.QueryContext(w.ctx,
		`SELECT DISTINCT article_id, norm FROM quotes WHERE article_id IN (`+in+`) AND norm != ''`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var norm string
		if err := rows.Scan(&id, &norm); err != nil {
			return err
		}
		matches[id].cand.QuoteKeys = append(matches[id].cand.QuoteKeys, norm)
	}
	return rows.Err()
}

// RemoveArticle removes an article and its document, so that the same
// bytes can be added again, with its quotes and events. Speakers left with
// no quote and a story left with no article go too.
func (s *Store) RemoveArticle(ctx context.Context, id int64) error {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("remove article %d: %w", id, err)
	}
	defer tx.Rollback()
	w := &txWriter{ctx: ctx, tx: tx, s: s}
	var docID int64
	var storyID sql.NullInt64
	err = tx.QueryRowContext(ctx, `SELECT document_id, story_id FROM articles WHERE id = ?`, id).Scan(&docID, &storyID)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("remove article %d: there is no article with that id: %w", id, ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("remove article %d: %w", id, err)
	}
	spk, err := w.clearContent(id, func() error {
		_, err := w.exec(`DELETE FROM documents WHERE id = ?`, docID) // cascades to the article
		return err
	})
	if err == nil {
		err = w.deleteOrphanSpeakers(spk)
	}
	if err != nil {
		return fmt.Errorf("remove article %d: %w", id, err)
	}
	if storyID.Valid {
		if err := w.deleteEmptyStories(storyID.Int64); err != nil {
			return fmt.Errorf("remove article %d: %w", id, err)
		}
		if err := w.retitleStory(storyID.Int64); err != nil {
			return fmt.Errorf("remove article %d: %w", id, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("remove article %d: %w", id, err)
	}
	s.log.LogAttrs(ctx, slog.LevelInfo, "article removed",
		slog.Int64("article_id", id), slog.Int64("document_id", docID))
	return nil
}

// clearContent runs remove, which deletes the article's quotes (directly
// or by cascade), then repairs the groups that pointed at them: a group
// whose first quote went gets its earliest remaining quote as the new
// first. It returns the speakers the removed quotes had, for the caller
// to pass to deleteOrphanSpeakers once it has written what replaces them
// (so that a speaker quoted again keeps its id).
func (w *txWriter) clearContent(articleID int64, remove func() error) (speakerIDs []int64, err error) {
	roots, err := w.int64s(`SELECT id FROM quotes WHERE article_id = ? AND group_id = id`, articleID)
	if err != nil {
		return nil, err
	}
	speakerIDs, err = w.int64s(`SELECT DISTINCT speaker_id FROM quotes WHERE article_id = ? AND speaker_id IS NOT NULL`, articleID)
	if err != nil {
		return nil, err
	}
	if err := remove(); err != nil {
		return nil, err
	}
	for _, root := range roots {
		var first sql.NullInt64
		if err := w.tx.QueryRowContext(w.ctx, `SELECT min(id) FROM quotes WHERE group_id = ?`, root).Scan(&first); err != nil {
			return nil, err
		}
		if first.Valid {
			if _, err := w.exec(`UPDATE quotes SET group_id = ? WHERE group_id = ?`, first.Int64, root); err != nil {
				return nil, err
			}
		}
	}
	return speakerIDs, nil
}

// deleteOrphanSpeakers removes those of ids that no quote refers to (all
// such speakers when ids is nil), never the anonymous row.
func (w *txWriter) deleteOrphanSpeakers(ids []int64) error {
	const orphan = `DELETE FROM speakers WHERE id != ? AND NOT EXISTS (SELECT 1 FROM quotes WHERE speaker_id = speakers.id)`
	if ids == nil {
		_, err := w.exec(orphan, w.s.anonymousID)
		return err
	}
	for _, id := range ids {
		if _, err := w.exec(orphan+` AND id = ?`, w.s.anonymousID, id); err != nil {
			return err
		}
	}
	return nil
}

// deleteEmptyStories removes the given stories (all stories when none are
// given) that have no article.
func (w *txWriter) deleteEmptyStories(ids ...int64) error {
	const empty = `DELETE FROM stories WHERE NOT EXISTS (SELECT 1 FROM articles WHERE story_id = stories.id)`
	if len(ids) == 0 {
		_, err := w.exec(empty)
		return err
	}
	for _, id := range ids {
		if _, err := w.exec(empty+` AND id = ?`, id); err != nil {
			return err
		}
	}
	return nil
}

func (w *txWriter) int64s(query string, args ...any) ([]int64, error) {
	return queryIDs(w.ctx, w.tx, query, args...)
}

// placeholders returns "?, ?, ?" for n arguments.
func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?, ", n-1) + "?"
}
