-- The Unicode confusable skeleton (UTS #39) of each username, lower-cased first: two names
-- that look alike ("martin" and "rnartin", a Latin and a Cyrillic spelling) have the same
-- skeleton, and the unique index refuses the second. Filled by the app for accounts created
-- before this column (NULLs never collide).
ALTER TABLE users ADD COLUMN username_skeleton TEXT;
CREATE UNIQUE INDEX users_username_skeleton_unique ON users (username_skeleton);
