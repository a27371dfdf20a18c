-- A ballot waits, sealed, in its voter's participation row until the round closes: encrypted
-- under a key derived from the ballot key kept outside the database, so the database alone
-- shows who voted but not how. At the count, one transaction (the mixer) decrypts them all,
-- writes them to `ballots` in random order under random slots and clears this column, so no
-- transaction id, row order or slot links a ballot to a voter; the seal then erases the old
-- row versions physically (SQLite: secure_delete, VACUUM and a truncated WAL; PostgreSQL:
-- VACUUM FULL).
ALTER TABLE round_participation ADD COLUMN pending TEXT;
