-- The version of what pages show: a number that grows with every committed transaction that
-- wrote any table a page reads (sessions and rate counters aside). The page cache reads it
-- before a render and serves the kept page only while it has not moved, so no server ever
-- shows a page older than a write acknowledged by any server (storage::ChangeProbe).
--
-- The bump is a deferred constraint trigger: it runs at commit, after every other statement of
-- the transaction, so the version row is the last lock a writer takes and is held only while
-- it commits (no deadlock with row locks taken in other orders). Readers see the new number
-- exactly when they can see the transaction's rows. SQLite needs none of this: its
-- `PRAGMA data_version` does the same for the whole file.
CREATE TABLE change_version (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    n         BIGINT  NOT NULL,
    last_xact BIGINT
);
INSERT INTO change_version (id, n) VALUES (1, 0);

CREATE FUNCTION bump_change_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Once per transaction, however many rows it wrote.
    UPDATE change_version SET n = n + 1, last_xact = txid_current()
     WHERE id = 1 AND last_xact IS DISTINCT FROM txid_current();
    RETURN NULL;
END
$$;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY[
        'appeals', 'ballots', 'comment_votes', 'comments', 'convention', 'moderation_log',
        'proposal_coauthors', 'proposal_versions', 'proposals', 'report_arguments',
        'report_dissents', 'report_settings', 'reports', 'round_participation', 'rounds',
        'supports', 'topics', 'users'
    ] LOOP
        EXECUTE format(
            'CREATE CONSTRAINT TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I '
            'DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_change_version()',
            t || '_changed', t);
    END LOOP;
END
$$;
