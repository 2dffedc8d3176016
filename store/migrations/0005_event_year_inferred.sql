-- events.year_inferred is 1 when the article printed no publication date
-- and no year for the event ("on May 11"): the year was taken from the
-- latest full date the article prints (briefing.Event.YearInferred), and
-- the timeline says so.
ALTER TABLE events ADD COLUMN year_inferred INTEGER NOT NULL DEFAULT 0 CHECK (year_inferred IN (0, 1));
