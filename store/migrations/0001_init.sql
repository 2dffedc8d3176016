-- The corpus: raw documents as received, the article made from each, the
-- speakers across the whole corpus, their quotes, dated events and stories.
-- Times are RFC 3339 UTC text; publication dates are YYYY-MM-DD text.

CREATE TABLE documents (
	id        INTEGER PRIMARY KEY,
	sha256    TEXT    NOT NULL UNIQUE,   -- hex digest of body: the same bytes are one document
	name      TEXT    NOT NULL,          -- file name or URL as given
	format    TEXT    NOT NULL CHECK (format IN ('text', 'markdown', 'html')),
	url       TEXT    NOT NULL DEFAULT '',
	body      BLOB    NOT NULL,          -- kept so that reprocess can run a better pipeline later
	added_at  TEXT    NOT NULL,
	added_by  TEXT    NOT NULL DEFAULT ''
);

-- A story is a group of articles from different outlets about one event.
CREATE TABLE stories (
	id    INTEGER PRIMARY KEY,
	title TEXT NOT NULL DEFAULT ''
);

CREATE TABLE articles (
	id          INTEGER PRIMARY KEY,
	document_id INTEGER NOT NULL UNIQUE REFERENCES documents(id) ON DELETE CASCADE,
	story_id    INTEGER REFERENCES stories(id) ON DELETE SET NULL,
	title       TEXT    NOT NULL DEFAULT '',
	source      TEXT    NOT NULL DEFAULT '',
	author      TEXT    NOT NULL DEFAULT '',
	url         TEXT    NOT NULL DEFAULT '',
	published   TEXT,                    -- YYYY-MM-DD, NULL when unknown
	text        TEXT    NOT NULL,
	summary     TEXT    NOT NULL DEFAULT '',
	simhash     INTEGER NOT NULL DEFAULT 0, -- 64-bit SimHash of word shingles, for story clustering
	added_at    TEXT    NOT NULL,
	added_by    TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX articles_story ON articles(story_id);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_source ON articles(source);

-- One row per real-world speaker across the corpus.
CREATE TABLE speakers (
	id      INTEGER PRIMARY KEY,
	name    TEXT    NOT NULL,            -- canonical (fullest) name
	name_key TEXT   NOT NULL,            -- folded name (lower case, no diacritics)
	last_key TEXT   NOT NULL,            -- folded last name token, for candidate lookup
	role    TEXT    NOT NULL DEFAULT '',
	is_org  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX speakers_name_key ON speakers(name_key);
CREATE INDEX speakers_last_key ON speakers(last_key);

-- Every form of a name seen for a speaker, and why it was merged.
CREATE TABLE speaker_aliases (
	speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
	alias      TEXT    NOT NULL,
	alias_key  TEXT    NOT NULL,
	reason     TEXT    NOT NULL DEFAULT '',
	PRIMARY KEY (speaker_id, alias_key)
) WITHOUT ROWID;
CREATE INDEX speaker_aliases_key ON speaker_aliases(alias_key);

CREATE TABLE quotes (
	id         INTEGER PRIMARY KEY,
	article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
	speaker_id INTEGER REFERENCES speakers(id) ON DELETE SET NULL, -- NULL: the text does not say
	ordinal    INTEGER NOT NULL,          -- position in the article
	text       TEXT    NOT NULL,
	norm       TEXT    NOT NULL,          -- folded word tokens joined by spaces, for matching the same quote across outlets
	kind       TEXT    NOT NULL CHECK (kind IN ('direct', 'partial', 'indirect', 'unmarked')),
	role       TEXT    NOT NULL DEFAULT '',
	evidence   TEXT    NOT NULL DEFAULT '',
	start      INTEGER NOT NULL,
	end        INTEGER NOT NULL,
	group_id   INTEGER                    -- id of the first quote of the same words by the same speaker (itself when first)
);
CREATE INDEX quotes_article ON quotes(article_id);
CREATE INDEX quotes_speaker ON quotes(speaker_id);
CREATE INDEX quotes_norm ON quotes(norm);
CREATE INDEX quotes_group ON quotes(group_id);

CREATE TABLE events (
	id         INTEGER PRIMARY KEY,
	article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
	date       TEXT    NOT NULL,          -- YYYY-MM-DD
	text       TEXT    NOT NULL,
	start      INTEGER NOT NULL,
	end        INTEGER NOT NULL
);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_article ON events(article_id);

-- Full-text search, kept in step with its table by triggers.
CREATE VIRTUAL TABLE articles_fts USING fts5(
	title, text, content='articles', content_rowid='id',
	tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
	INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
	INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
	INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
	INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;

CREATE VIRTUAL TABLE quotes_fts USING fts5(
	text, content='quotes', content_rowid='id',
	tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER quotes_ai AFTER INSERT ON quotes BEGIN
	INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER quotes_ad AFTER DELETE ON quotes BEGIN
	INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER quotes_au AFTER UPDATE OF text ON quotes BEGIN
	INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
	INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
END;
