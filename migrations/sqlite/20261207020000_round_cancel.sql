-- Organisers may cancel a round before its first ballot (it leaves public view and is never
-- counted), then delete it. NULL: not cancelled.
ALTER TABLE rounds ADD COLUMN cancelled_at BIGINT;
