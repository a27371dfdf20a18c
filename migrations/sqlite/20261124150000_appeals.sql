-- Appeals: the author of a hidden item may ask the moderators, once, to look again.
-- `appeal` on each item: 0 never appealed, 1 waiting for a moderator, 2 answered.
CREATE TABLE appeals (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    item_kind   TEXT   NOT NULL CHECK (item_kind IN ('proposal', 'comment')),
    item_id     BIGINT NOT NULL,
    author_id   BIGINT NOT NULL REFERENCES users (id),
    text        TEXT   NOT NULL,
    created_at  BIGINT NOT NULL,
    resolved_at BIGINT,
    CONSTRAINT appeals_once UNIQUE (item_kind, item_id)
);

ALTER TABLE proposals ADD COLUMN appeal BIGINT NOT NULL DEFAULT 0;
ALTER TABLE comments ADD COLUMN appeal BIGINT NOT NULL DEFAULT 0;

DROP INDEX proposals_queue;
DROP INDEX comments_queue;
CREATE INDEX proposals_queue ON proposals (id)
    WHERE visibility IN ('pending', 'awaiting_review') OR open_reports > 0 OR appeal = 1;
CREATE INDEX comments_queue ON comments (id)
    WHERE visibility IN ('pending', 'awaiting_review') OR open_reports > 0 OR appeal = 1;
