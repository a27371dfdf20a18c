-- Full-text search over proposals and comments: French stemming with accents folded
-- (unaccent), so "ecole" finds "école" and "propositions" finds "proposition". The vectors are
-- generated columns with GIN indexes, kept in step by PostgreSQL itself; visibility is checked
-- when searching.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH CONFIGURATION convention_fr (COPY = french);
ALTER TEXT SEARCH CONFIGURATION convention_fr
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;

ALTER TABLE proposals ADD COLUMN search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('convention_fr', title), 'A')
    || setweight(to_tsvector('convention_fr', summary), 'B')
    || setweight(to_tsvector('convention_fr', body), 'C')
) STORED;
CREATE INDEX proposals_search ON proposals USING GIN (search);

ALTER TABLE comments ADD COLUMN search tsvector GENERATED ALWAYS AS (
    to_tsvector('convention_fr', body)
) STORED;
CREATE INDEX comments_search ON comments USING GIN (search);
