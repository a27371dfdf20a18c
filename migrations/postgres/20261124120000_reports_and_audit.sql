-- Reports on proposals and comments, and the append-only log of moderation actions.
-- One report per person and item (the unique key); `open_reports` on each item counts the
-- reports no moderator has answered yet, kept in the same transaction as the reports.

CREATE TABLE reports (
    id          BIGSERIAL PRIMARY KEY,
    item_kind   TEXT   NOT NULL CHECK (item_kind IN ('proposal', 'comment')),
    item_id     BIGINT NOT NULL,
    reporter_id BIGINT NOT NULL REFERENCES users (id),
    reason      TEXT   NOT NULL CHECK (reason IN
                ('spam', 'injurieux', 'hors_sujet', 'trompeur', 'donnees_personnelles', 'autre')),
    note        TEXT   NOT NULL DEFAULT '',
    created_at  BIGINT NOT NULL,
    resolved_at BIGINT,
    CONSTRAINT reports_one_per_person UNIQUE (item_kind, item_id, reporter_id)
);
CREATE INDEX reports_open ON reports (item_kind, item_id) WHERE resolved_at IS NULL;

ALTER TABLE proposals ADD COLUMN open_reports BIGINT NOT NULL DEFAULT 0;
ALTER TABLE comments ADD COLUMN open_reports BIGINT NOT NULL DEFAULT 0;
-- The moderation queue: items waiting for a decision, newest first.
CREATE INDEX proposals_queue ON proposals (id) WHERE visibility IN ('pending', 'awaiting_review') OR open_reports > 0;
CREATE INDEX comments_queue ON comments (id) WHERE visibility IN ('pending', 'awaiting_review') OR open_reports > 0;

-- Who did what to which item, when and why. actor_id is NULL for automatic steps (an item
-- hidden after enough reports). Rows are never changed or removed: triggers refuse it.
CREATE TABLE moderation_log (
    id         BIGSERIAL PRIMARY KEY,
    actor_id   BIGINT REFERENCES users (id),
    action     TEXT   NOT NULL,
    item_kind  TEXT   NOT NULL,
    item_id    BIGINT NOT NULL,
    reason     TEXT   NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE FUNCTION moderation_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'moderation_log is append-only';
END;
$$;
CREATE TRIGGER moderation_log_no_change BEFORE UPDATE OR DELETE ON moderation_log
FOR EACH ROW EXECUTE FUNCTION moderation_log_append_only();
CREATE TRIGGER moderation_log_no_truncate BEFORE TRUNCATE ON moderation_log
FOR EACH STATEMENT EXECUTE FUNCTION moderation_log_append_only();
