-- Rate-limit counters: one row per action bucket, key (account, username or client address)
-- and fixed window. Kept in the database so that every server of a site counts together.
CREATE TABLE rate_hits (
    bucket       TEXT   NOT NULL,
    key          TEXT   NOT NULL,
    window_start BIGINT NOT NULL,
    count        BIGINT NOT NULL,
    CONSTRAINT rate_hits_pkey PRIMARY KEY (bucket, key, window_start)
);
