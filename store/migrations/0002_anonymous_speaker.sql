-- The one well-known speaker for unnamed sources ("a Western official
-- said"): briefing.Anonymous. Quotes whose text does not say who spoke keep
-- a NULL speaker_id instead. last_key '' keeps it out of name resolution
-- (no real name has an empty last name); the store never merges it and
-- never removes it as an orphan.
INSERT INTO speakers (name, name_key, last_key, role, is_org)
VALUES ('anonymous', 'anonymous', '', 'unnamed source', 0);
