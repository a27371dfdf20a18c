-- Inactivity (RGPD): the last sign-in or use of a session, and when an inactive account was
-- told it would be purged (`convention purge-inactive`); signing in again clears the notice.
ALTER TABLE users ADD COLUMN last_active_at BIGINT;
ALTER TABLE users ADD COLUMN purge_notice_at BIGINT;
-- Accounts that already used a session count as active then, not as inactive since sign-up.
UPDATE users SET last_active_at = (SELECT MAX(s.last_seen_at) FROM sessions s WHERE s.user_id = users.id);
