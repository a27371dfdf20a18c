-- The recommendations report: what organisers chose to put in it (one row), the comments they
-- pinned as arguments for or against a proposal (once per comment), and dissent notes.
-- NULL round or topic lists mean "every closed round" and "every topic".
CREATE TABLE report_settings (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    introduction TEXT   NOT NULL DEFAULT '',
    round_ids    TEXT,
    topic_ids    TEXT,
    updated_at   BIGINT NOT NULL DEFAULT 0
);
INSERT INTO report_settings (id) VALUES (1);

CREATE TABLE report_arguments (
    comment_id BIGINT NOT NULL PRIMARY KEY REFERENCES comments (id),
    side       TEXT   NOT NULL CHECK (side IN ('for', 'against')),
    pinned_by  BIGINT NOT NULL REFERENCES users (id),
    pinned_at  BIGINT NOT NULL
);

CREATE TABLE report_dissents (
    id          BIGSERIAL PRIMARY KEY,
    proposal_id BIGINT NOT NULL REFERENCES proposals (id),
    body        TEXT   NOT NULL,
    author_id   BIGINT NOT NULL REFERENCES users (id),
    created_at  BIGINT NOT NULL
);
CREATE INDEX report_dissents_proposal ON report_dissents (proposal_id, id);

-- Account deletion (RGPD): the row stays so that content keeps its author link, shown as
-- "compte supprimé"; personal fields are erased and deleted_at set.
ALTER TABLE users ADD COLUMN deleted_at BIGINT;
