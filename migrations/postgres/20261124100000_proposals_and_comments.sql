-- Proposals with their versions and supports, and threaded comments on proposals and topics.
-- Counters (supports, comments, stances, upvotes) are kept up to date in the same transaction
-- as the rows they count, so lists sort and paginate on indexed columns, never on COUNT(*).
-- `visibility` is the moderation state (domain::moderation::Visibility); only 'published'
-- items count publicly.

CREATE TABLE proposals (
    id            BIGSERIAL PRIMARY KEY,
    topic_id      BIGINT  NOT NULL REFERENCES topics (id),
    author_id     BIGINT  NOT NULL REFERENCES users (id),
    title         TEXT    NOT NULL,
    summary       TEXT    NOT NULL,
    body          TEXT    NOT NULL,
    status        TEXT    NOT NULL CHECK (status IN
                  ('draft', 'published', 'under_vote', 'adopted', 'rejected', 'withdrawn', 'merged')),
    merged_into   BIGINT  REFERENCES proposals (id),
    visibility    TEXT    NOT NULL DEFAULT 'published'
                  CHECK (visibility IN ('pending', 'published', 'awaiting_review', 'hidden')),
    hidden_reason TEXT,
    version       BIGINT  NOT NULL DEFAULT 1,
    support_count BIGINT  NOT NULL DEFAULT 0,
    comment_count BIGINT  NOT NULL DEFAULT 0,
    for_count     BIGINT  NOT NULL DEFAULT 0,
    against_count BIGINT  NOT NULL DEFAULT 0,
    neutral_count BIGINT  NOT NULL DEFAULT 0,
    created_at    BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL
);
-- One index per sort order of a topic's list, each ending in id for keyset pagination.
CREATE INDEX proposals_topic_newest ON proposals (topic_id, id);
CREATE INDEX proposals_topic_supported ON proposals (topic_id, support_count, id);
CREATE INDEX proposals_topic_discussed ON proposals (topic_id, comment_count, id);
CREATE INDEX proposals_author ON proposals (author_id);

-- Every version of a proposal's text, the first included; never updated.
CREATE TABLE proposal_versions (
    proposal_id BIGINT NOT NULL REFERENCES proposals (id),
    version     BIGINT NOT NULL,
    title       TEXT   NOT NULL,
    summary     TEXT   NOT NULL,
    body        TEXT   NOT NULL,
    editor_id   BIGINT NOT NULL REFERENCES users (id),
    created_at  BIGINT NOT NULL,
    CONSTRAINT proposal_versions_pkey PRIMARY KEY (proposal_id, version)
);

-- One support per person per proposal: the primary key is the rule.
CREATE TABLE supports (
    proposal_id BIGINT NOT NULL REFERENCES proposals (id),
    user_id     BIGINT NOT NULL REFERENCES users (id),
    created_at  BIGINT NOT NULL,
    CONSTRAINT supports_pkey PRIMARY KEY (proposal_id, user_id)
);
CREATE INDEX supports_user ON supports (user_id);

-- A comment belongs to a topic, and to one of its proposals unless it is on the topic itself.
CREATE TABLE comments (
    id            BIGSERIAL PRIMARY KEY,
    topic_id      BIGINT NOT NULL REFERENCES topics (id),
    proposal_id   BIGINT REFERENCES proposals (id),
    parent_id     BIGINT REFERENCES comments (id),
    depth         BIGINT NOT NULL DEFAULT 0,
    author_id     BIGINT NOT NULL REFERENCES users (id),
    body          TEXT   NOT NULL,
    stance        TEXT   CHECK (stance IN ('pour', 'contre', 'neutre')),
    visibility    TEXT   NOT NULL DEFAULT 'published'
                  CHECK (visibility IN ('pending', 'published', 'awaiting_review', 'hidden', 'deleted')),
    hidden_reason TEXT,
    upvote_count  BIGINT NOT NULL DEFAULT 0,
    created_at    BIGINT NOT NULL,
    edited_at     BIGINT,
    CHECK (stance IS NULL OR proposal_id IS NOT NULL)
);
CREATE INDEX comments_proposal ON comments (proposal_id, id);
CREATE INDEX comments_topic_level ON comments (topic_id, id) WHERE proposal_id IS NULL;
CREATE INDEX comments_author ON comments (author_id);

-- One upvote per person per comment.
CREATE TABLE comment_votes (
    comment_id BIGINT NOT NULL REFERENCES comments (id),
    user_id    BIGINT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    CONSTRAINT comment_votes_pkey PRIMARY KEY (comment_id, user_id)
);
CREATE INDEX comment_votes_user ON comment_votes (user_id);
