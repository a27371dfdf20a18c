-- Co-authors of a proposal, by invitation: a row is an invitation until accepted_at is set.
-- One row per person and proposal (the primary key); declining deletes the row.
CREATE TABLE proposal_coauthors (
    proposal_id BIGINT NOT NULL REFERENCES proposals (id),
    user_id     BIGINT NOT NULL REFERENCES users (id),
    invited_by  BIGINT NOT NULL REFERENCES users (id),
    invited_at  BIGINT NOT NULL,
    accepted_at BIGINT,
    CONSTRAINT proposal_coauthors_pkey PRIMARY KEY (proposal_id, user_id)
);
CREATE INDEX proposal_coauthors_user ON proposal_coauthors (user_id);
