-- A person's moderation page reads the log entries about their account and what they wrote;
-- a suspended person's appeal is found after their latest suspension.
CREATE INDEX moderation_log_item ON moderation_log (item_kind, item_id);
