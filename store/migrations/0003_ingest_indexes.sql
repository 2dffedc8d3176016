-- Indexes for the lookups every ingest makes.

-- Story matching reads the SimHash of the most recent articles. simhash
-- sits after text in the row, so reading it from the table walks each
-- article's text; this covering index, in id order, is a few pages.
CREATE INDEX articles_recent_simhash ON articles(id, simhash);

-- The same quote by the same speaker in another outlet (quotes.group_id);
-- without it the lookup scans all of a prolific speaker's quotes.
CREATE INDEX quotes_speaker_norm ON quotes(speaker_id, norm);
