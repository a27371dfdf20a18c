//! What the server's operator does from the command line or what the server does on its own:
//! roles set without a signed-in organiser, inactive accounts purged, dead sessions and old
//! rate-limit counters deleted, the read API's rate limit counted, backups taken.

use crate::{Error, Result};
use storage::Db;

pub use storage::privacy::Purge;

/// Gives the account named `username` a role; `NotFound` when no account has that name.
pub async fn set_role(
    db: &Db,
    username: &str,
    role: domain::Role,
) -> Result<storage::users::UserRow> {
    let name = domain::Username::parse(username).map_err(|_| Error::NotFound)?;
    let user = storage::users::find_user_by_key(db, &name.key())
        .await?
        .ok_or(Error::NotFound)?;
    storage::users::set_role(db, user.id, role, None).await?;
    Ok(user)
}

/// Notices accounts inactive for `inactive_ms`, and deletes those noticed `notice_ms` ago that
/// have not signed in since (organisers are never purged).
pub async fn purge_inactive(db: &Db, inactive_ms: i64, notice_ms: i64) -> Result<Purge> {
    Ok(storage::privacy::purge_inactive(db, storage::now_ms(), inactive_ms, notice_ms).await?)
}

/// Deletes sessions past their idle or absolute timeout; any number of servers may run it.
pub async fn purge_sessions(db: &Db, idle_timeout_ms: i64) -> Result<u64> {
    Ok(storage::sessions::purge_expired_sessions(db, storage::now_ms(), idle_timeout_ms).await?)
}

/// Deletes rate-limit counters of windows long over (no window is longer than an hour); any
/// number of servers may run it.
pub async fn purge_rate_counters(db: &Db) -> Result<u64> {
    const TWO_HOURS_MS: i64 = 2 * 3_600_000;
    Ok(storage::rate_limits::purge(db, storage::now_ms() - TWO_HOURS_MS).await?)
}

/// Counts one read-API request from a client address in the limit's current window, and
/// answers whether it is allowed, or else in how many seconds to retry.
pub async fn api_request(db: &Db, address_key: &str, limit: domain::rate::Limit) -> Result<()> {
    crate::accounts::count_hit(db, "api:address", address_key, limit, storage::now_ms()).await
}

/// Why `convention backup` wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// A backup never replaces a file.
    #[error("{0} already exists: choose a new file name (a backup never replaces a file)")]
    Exists(String),
    /// PostgreSQL has its own tools.
    #[error("on PostgreSQL, back up with pg_dump (see the README's Backups section)")]
    Postgres,
    /// The database or the disk refused.
    #[error("cannot write the backup: {0}")]
    Failed(String),
}

/// Writes a consistent snapshot of the SQLite database to `path` while the site keeps
/// serving. The ballot key is a file of its own, never in the database, so never in a
/// backup: keep it apart (see the README).
pub async fn backup(db: &Db, path: &std::path::Path) -> Result<(), BackupError> {
    match db.backup(path).await {
        Ok(()) => Ok(()),
        Err(storage::StorageError::Conflict("backup_exists")) => {
            Err(BackupError::Exists(path.display().to_string()))
        }
        Err(storage::StorageError::Conflict("backup_postgres")) => Err(BackupError::Postgres),
        Err(e) => Err(BackupError::Failed(e.to_string())),
    }
}
