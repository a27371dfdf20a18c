-- Reports past the threshold no longer hide an item: it stays visible, marked under review,
-- until a moderator decides. And only reports from accounts old and active enough count
-- toward that threshold (moderators' and organisers' always do).
ALTER TABLE proposals ADD COLUMN under_review BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE comments ADD COLUMN under_review BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE convention ADD COLUMN reporter_min_hours BIGINT NOT NULL DEFAULT 48
    CHECK (reporter_min_hours BETWEEN 0 AND 8760);
ALTER TABLE convention ADD COLUMN reporter_min_contributions BIGINT NOT NULL DEFAULT 1
    CHECK (reporter_min_contributions BETWEEN 0 AND 100);
