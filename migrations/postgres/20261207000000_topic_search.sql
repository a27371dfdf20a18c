-- Topics are searched too: their title, description and framing question, with the same
-- French stemming and accent folding as proposals and comments.
ALTER TABLE topics ADD COLUMN search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('convention_fr', title), 'A')
    || setweight(to_tsvector('convention_fr', description), 'B')
    || setweight(to_tsvector('convention_fr', question), 'B')
) STORED;
CREATE INDEX topics_search ON topics USING GIN (search);
