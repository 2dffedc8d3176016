-- Dates on quotes, so that a speaker's quotes come newest first from an
-- index instead of a join and a sort.
--
-- quotes.published is the date of the article that reported the quote
-- (YYYY-MM-DD, NULL when unknown), kept equal to articles.published.
-- quotes.group_first, on the first quote of a group (id = group_id), is
-- the earliest date among all the group's reports: the date a quote group
-- is listed and filtered by. Other rows leave it NULL. Triggers keep both
-- right whatever writes the rows (ingest, reprocess, removal).
ALTER TABLE quotes ADD COLUMN published TEXT;
ALTER TABLE quotes ADD COLUMN group_first TEXT;

UPDATE quotes SET published = (SELECT published FROM articles WHERE id = quotes.article_id);

-- Replaces quotes_group(group_id): the earliest report of a group is the
-- first entry of its range.
DROP INDEX quotes_group;
CREATE INDEX quotes_group ON quotes(group_id, published);

UPDATE quotes SET group_first = (SELECT min(published) FROM quotes g WHERE g.group_id = quotes.id)
WHERE id = group_id;

-- A speaker's quote groups, newest first: one entry per group. Counting
-- its entries per speaker counts their distinct quotes.
CREATE INDEX quotes_speaker_first ON quotes(speaker_id, group_first DESC, id DESC) WHERE id = group_id;

-- The speaker directory counts each speaker's reports and articles from
-- this index alone, instead of reading every quote row.
CREATE INDEX quotes_speaker_article ON quotes(speaker_id, article_id);

CREATE TRIGGER articles_published_au AFTER UPDATE OF published ON articles
WHEN new.published IS NOT old.published BEGIN
	UPDATE quotes SET published = new.published WHERE article_id = new.id;
END;

CREATE TRIGGER quotes_group_first_ai AFTER INSERT ON quotes WHEN new.group_id IS NOT NULL BEGIN
	UPDATE quotes SET group_first = (SELECT min(published) FROM quotes WHERE group_id = new.group_id)
	WHERE id = new.group_id;
END;

CREATE TRIGGER quotes_group_first_au AFTER UPDATE OF group_id, published ON quotes BEGIN
	UPDATE quotes SET group_first = (SELECT min(published) FROM quotes WHERE group_id = new.group_id)
	WHERE id = new.group_id;
	UPDATE quotes SET group_first = (SELECT min(published) FROM quotes WHERE group_id = old.group_id)
	WHERE id = old.group_id AND old.group_id IS NOT new.group_id;
END;

CREATE TRIGGER quotes_group_first_ad AFTER DELETE ON quotes BEGIN
	UPDATE quotes SET group_first = (SELECT min(published) FROM quotes WHERE group_id = old.group_id)
	WHERE id = old.group_id;
END;
