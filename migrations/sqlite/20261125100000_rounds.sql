-- Voting rounds. From its opening time on, a round's counting settings and candidates are
-- frozen: the trigger refuses any change to them whatever the caller (the app answers 409
-- first), and the closing time may then only move earlier. Candidates are a list of proposal
-- ids in ballot order, kept in the row so that the one trigger freezes them too.
CREATE TABLE rounds (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    title         TEXT NOT NULL,
    method        TEXT NOT NULL CHECK (method IN ('borda', 'schulze', 'majority_judgment',
                      'approval', 'cumulative', 'quadratic', 'measure')),
    candidate_ids TEXT NOT NULL,
    grades        TEXT NOT NULL DEFAULT '',
    budget        BIGINT NOT NULL DEFAULT 0,
    threshold_p   BIGINT NOT NULL DEFAULT 0,
    threshold_q   BIGINT NOT NULL DEFAULT 1,
    threshold_strict BOOLEAN NOT NULL DEFAULT TRUE,
    electorate    TEXT NOT NULL CHECK (electorate IN ('members', 'citizens', 'both')),
    rule          TEXT NOT NULL CHECK (rule IN ('none', 'top', 'grade', 'measure')),
    rule_value    BIGINT NOT NULL DEFAULT 0,
    opens_at      BIGINT NOT NULL,
    closes_at     BIGINT NOT NULL,
    created_by    BIGINT NOT NULL REFERENCES users (id),
    created_at    BIGINT NOT NULL,
    finalized_at  BIGINT,
    sealed_at     BIGINT,
    CHECK (closes_at > opens_at)
);
CREATE INDEX rounds_closes ON rounds (closes_at);

CREATE TRIGGER rounds_frozen BEFORE UPDATE ON rounds
WHEN OLD.opens_at <= CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
 AND (NEW.method IS NOT OLD.method OR NEW.candidate_ids IS NOT OLD.candidate_ids
      OR NEW.grades IS NOT OLD.grades OR NEW.budget IS NOT OLD.budget
      OR NEW.threshold_p IS NOT OLD.threshold_p OR NEW.threshold_q IS NOT OLD.threshold_q
      OR NEW.threshold_strict IS NOT OLD.threshold_strict OR NEW.electorate IS NOT OLD.electorate
      OR NEW.rule IS NOT OLD.rule OR NEW.rule_value IS NOT OLD.rule_value
      OR NEW.opens_at IS NOT OLD.opens_at OR NEW.closes_at > OLD.closes_at)
BEGIN
    SELECT RAISE(ABORT, 'rounds_frozen');
END;

-- A secret ballot: no voter, no time, no sequential id (WITHOUT ROWID: rows are kept in key
-- order, and the key is an HMAC, so not even the storage order follows the order of voting).
-- slot = HMAC(server secret kept outside the database, voter and round): one ballot per voter
-- and round by the primary key, changeable by its voter until the close. Sealing a round
-- replaces every slot by random bytes, which destroys the link for good.
CREATE TABLE ballots (
    round_id BIGINT NOT NULL REFERENCES rounds (id),
    slot     TEXT NOT NULL,
    side     TEXT NOT NULL CHECK (side IN ('members', 'public')),
    receipt  TEXT NOT NULL,
    content  TEXT NOT NULL,
    CONSTRAINT ballots_pkey PRIMARY KEY (round_id, slot),
    CONSTRAINT ballots_receipt UNIQUE (round_id, receipt)
) WITHOUT ROWID;

-- Who voted (not how): one row per voter and round.
CREATE TABLE round_participation (
    round_id BIGINT NOT NULL REFERENCES rounds (id),
    user_id  BIGINT NOT NULL REFERENCES users (id),
    side     TEXT NOT NULL CHECK (side IN ('members', 'public')),
    CONSTRAINT round_participation_pkey PRIMARY KEY (round_id, user_id)
) WITHOUT ROWID;
CREATE INDEX round_participation_user ON round_participation (user_id);
