-- A closed round's result (ranking, scores, participation, adoption), counted once when the
-- round closes and read by every view afterwards: reading results never writes. Once stored
-- it never changes.
ALTER TABLE rounds ADD COLUMN result TEXT;

CREATE TRIGGER rounds_result_once BEFORE UPDATE OF result ON rounds
WHEN OLD.result IS NOT NULL AND NEW.result IS NOT OLD.result
BEGIN
    SELECT RAISE(ABORT, 'rounds_result_once');
END;
