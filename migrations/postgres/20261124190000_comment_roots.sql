-- Each comment records the root of its thread branch, so a page of a long discussion loads a
-- bounded number of root comments with their replies (keyset pagination on root ids).
ALTER TABLE comments ADD COLUMN root_id BIGINT;
UPDATE comments SET root_id = id WHERE parent_id IS NULL;
UPDATE comments SET root_id = (SELECT p.root_id FROM comments p WHERE p.id = comments.parent_id) WHERE depth = 1;
UPDATE comments SET root_id = (SELECT p.root_id FROM comments p WHERE p.id = comments.parent_id) WHERE depth = 2;
UPDATE comments SET root_id = (SELECT p.root_id FROM comments p WHERE p.id = comments.parent_id) WHERE depth = 3;
UPDATE comments SET root_id = (SELECT p.root_id FROM comments p WHERE p.id = comments.parent_id) WHERE depth >= 4;
UPDATE comments SET root_id = (SELECT p.root_id FROM comments p WHERE p.id = comments.parent_id) WHERE root_id IS NULL;
CREATE INDEX comments_proposal_root ON comments (proposal_id, root_id);
CREATE INDEX comments_topic_root ON comments (topic_id, root_id) WHERE proposal_id IS NULL;
