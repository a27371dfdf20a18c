-- A closed round's result (ranking, scores, participation, adoption), counted once when the
-- round closes and read by every view afterwards: reading results never writes. Once stored
-- it never changes.
ALTER TABLE rounds ADD COLUMN result TEXT;

CREATE FUNCTION rounds_result_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.result IS NOT NULL AND NEW.result IS DISTINCT FROM OLD.result THEN
        RAISE EXCEPTION 'rounds_result_once';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER rounds_result_once BEFORE UPDATE OF result ON rounds
    FOR EACH ROW EXECUTE FUNCTION rounds_result_once();
