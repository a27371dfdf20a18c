-- Whether the person agreed to be named in the open data, the read API and the report (off
-- until they say so, at registration or on their account page).
ALTER TABLE users ADD COLUMN name_public BOOLEAN NOT NULL DEFAULT FALSE;
