//! Sign-in sessions, kept in the database so that any app server can serve any request.
//!
//! Only the SHA-256 of the cookie's token is stored. A session ends at its absolute expiry, or
//! earlier when unused for longer than the idle limit; `last_seen_at` is refreshed at most once
//! a minute so that reads do not turn into a write per request.

use crate::{with_pool, Db, Result};
use domain::UserId;

/// A session joined with its account, as loaded on each request.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionUserRow {
    /// The account's id.
    #[sqlx(try_from = "i64")]
    pub user_id: UserId,
    /// Username.
    pub username: String,
    /// Display name.
    pub display_name: String,
    /// Role name.
    pub role: String,
    /// Whether the account is suspended (with `suspended_until`: see
    /// [`domain::moderation::is_suspended`]).
    pub suspended: bool,
    /// When a suspension ends, Unix ms; `None` with `suspended` is a ban.
    pub suspended_until: Option<i64>,
    /// When the account was created, Unix ms.
    pub created_at: i64,
    /// Whether they agreed to be named in the open data, the API and the report.
    pub name_public: bool,
    /// When the session was last used, Unix milliseconds.
    pub last_seen_at: i64,
}

/// A session about to be created.
pub struct NewSession<'a> {
    /// SHA-256 of the cookie token, hex.
    pub token_hash: &'a str,
    /// Its account.
    pub user_id: UserId,
    /// Creation time, Unix milliseconds.
    pub now: i64,
    /// Absolute expiry, Unix milliseconds.
    pub expires_at: i64,
}

pub(crate) fn insert_session_sql<'q, DB: sqlx::Database>(
    s: &'q NewSession<'q>,
) -> sqlx::query::Query<'q, DB, <DB as sqlx::Database>::Arguments<'q>>
where
    &'q str: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    i64: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
{
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at) \
         VALUES ($1, $2, $3, $3, $4)",
    )
    .bind(s.token_hash)
    .bind(s.user_id.0)
    .bind(s.now)
    .bind(s.expires_at)
}

/// Opens a session; the account is active now, and any purge notice is withdrawn.
pub async fn create_session(db: &Db, s: &NewSession<'_>) -> Result<()> {
    with_pool!(db, p => {
        insert_session_sql(s).execute(p).await?;
        sqlx::query("UPDATE users SET last_active_at = $1, purge_notice_at = NULL WHERE id = $2")
            .bind(s.now)
            .bind(s.user_id.0)
            .execute(p)
            .await?;
    });
    Ok(())
}

/// The live session with this token hash: not past its absolute expiry, used within `idle_ms`.
pub async fn find_session(
    db: &Db,
    token_hash: &str,
    now: i64,
    idle_ms: i64,
) -> Result<Option<SessionUserRow>> {
    let sql =
        "SELECT s.user_id, u.username, u.display_name, u.role, u.suspended, u.suspended_until, \
               u.created_at, u.name_public, s.last_seen_at \
               FROM sessions s JOIN users u ON u.id = s.user_id \
               WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.last_seen_at > $3";
    Ok(with_pool!(db, p => sqlx::query_as::<_, SessionUserRow>(sql)
        .bind(token_hash)
        .bind(now)
        .bind(now - idle_ms)
        .fetch_optional(p)
        .await?))
}

/// Marks the session, and its account, used now.
pub async fn touch_session(db: &Db, token_hash: &str, now: i64) -> Result<()> {
    let sql = "UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2";
    let account = "UPDATE users SET last_active_at = $1 \
                   WHERE id = (SELECT user_id FROM sessions WHERE token_hash = $2)";
    with_pool!(db, p => {
        sqlx::query(sql).bind(now).bind(token_hash).execute(p).await?;
        sqlx::query(account).bind(now).bind(token_hash).execute(p).await?;
    });
    Ok(())
}

/// Ends one session.
pub async fn delete_session(db: &Db, token_hash: &str) -> Result<()> {
    let sql = "DELETE FROM sessions WHERE token_hash = $1";
    with_pool!(db, p => sqlx::query(sql).bind(token_hash).execute(p).await?.rows_affected());
    Ok(())
}

/// Removes sessions that can no longer be used; returns how many.
pub async fn purge_expired_sessions(db: &Db, now: i64, idle_ms: i64) -> Result<u64> {
    let sql = "DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2";
    Ok(
        with_pool!(db, p => sqlx::query(sql).bind(now).bind(now - idle_ms).execute(p).await?.rows_affected()),
    )
}
