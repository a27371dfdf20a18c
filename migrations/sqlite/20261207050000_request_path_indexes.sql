-- No request reads a growing table whole (issue 16; checked by server/tests/plans.rs).
--
-- The rounds page lists the newest rounds first, and the report's cover reads the first
-- opening: both walk this index.
CREATE INDEX rounds_opened ON rounds (opens_at, id);
-- A topic's proposals are listed open ones first, in each order, by a key that adds 2^48 to
-- the open ones' column (storage::proposals::Sort::key, the same expression to the letter):
-- a page of a topic of thousands is then a walk of the index, not a sort of all of them.
CREATE INDEX proposals_topic_open_newest ON proposals (topic_id,
    (CASE WHEN status IN ('draft', 'published', 'under_vote') THEN 281474976710656 ELSE 0 END + id), id);
CREATE INDEX proposals_topic_open_supported ON proposals (topic_id,
    (CASE WHEN status IN ('draft', 'published', 'under_vote') THEN 281474976710656 ELSE 0 END + support_count), id);
CREATE INDEX proposals_topic_open_discussed ON proposals (topic_id,
    (CASE WHEN status IN ('draft', 'published', 'under_vote') THEN 281474976710656 ELSE 0 END + comment_count), id);
-- Partial indexes hold only the rows their page lists: the drawn members (counted on the
-- report's cover), the suspended accounts (the moderators' list), the adopted proposals (the
-- report).
CREATE INDEX users_members ON users (id) WHERE role = 'member' AND deleted_at IS NULL;
CREATE INDEX users_suspended ON users (id) WHERE suspended;
CREATE INDEX proposals_adopted ON proposals (id) WHERE status = 'adopted';

-- Whether a person ever proposed, commented, supported or voted: the report's cover counts
-- them, which would otherwise read every proposal, comment, support and participation. Set by
-- the writes themselves (these triggers), never unset, like the rows it summarises.
ALTER TABLE users ADD COLUMN took_part BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE users SET took_part = TRUE WHERE id IN (
    SELECT author_id FROM proposals UNION SELECT author_id FROM comments
    UNION SELECT user_id FROM supports UNION SELECT user_id FROM round_participation);
CREATE INDEX users_took_part ON users (id) WHERE took_part;
CREATE TRIGGER proposals_took_part AFTER INSERT ON proposals BEGIN
    UPDATE users SET took_part = TRUE WHERE id = NEW.author_id AND NOT took_part;
END;
CREATE TRIGGER comments_took_part AFTER INSERT ON comments BEGIN
    UPDATE users SET took_part = TRUE WHERE id = NEW.author_id AND NOT took_part;
END;
CREATE TRIGGER supports_took_part AFTER INSERT ON supports BEGIN
    UPDATE users SET took_part = TRUE WHERE id = NEW.user_id AND NOT took_part;
END;
CREATE TRIGGER round_participation_took_part AFTER INSERT ON round_participation BEGIN
    UPDATE users SET took_part = TRUE WHERE id = NEW.user_id AND NOT took_part;
END;
