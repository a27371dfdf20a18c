//! Persistence for the convention on SQLite or PostgreSQL, chosen at run time by the URL.
//!
//! One code path serves both backends: [`Db`] wraps a native pool of either kind and the
//! [`with_pool!`] macro runs the same portable query text (`$n` placeholders, `RETURNING`,
//! timestamps as Unix milliseconds) on whichever pool is live, so both get native types and
//! speed. Every storage test runs on both.

/// Appends a row to the moderation log inside transaction `$tx` (kind: the item kind name;
/// actor and id: typed ids or bare integers).
macro_rules! log_action {
    ($tx:expr, $actor:expr, $action:expr, $kind:expr, $id:expr, $reason:expr, $now:expr) => {
        sqlx::query(
            "INSERT INTO moderation_log (actor_id, action, item_kind, item_id, reason, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(($actor).map(i64::from))
        .bind($action)
        .bind($kind)
        .bind(i64::from($id))
        .bind($reason)
        .bind($now)
        .execute(&mut *$tx)
        .await?
    };
}

/// The name an author (`users u`) is published under, in the open data, the read API and the
/// report: their display name only if they consented (`name_public`), "compte supprimé" once
/// the account is gone, otherwise "participant·e". Done in the query, so no export can forget.
macro_rules! public_author {
    () => {
        "CASE WHEN u.deleted_at IS NOT NULL THEN 'compte supprimé' \
         WHEN u.name_public THEN u.display_name ELSE 'participant·e' END"
    };
}

/// The opening of a `CASE` naming the item a row of `$t` points at (`$t.item_kind`,
/// `$t.item_id`): a proposal's title, or a comment's proposal's title (its topic's for a topic
/// comment). Callers add their own kinds and the `END`.
macro_rules! item_title_case {
    ($t:literal) => {
        concat!(
            "CASE ",
            $t,
            ".item_kind \
             WHEN 'proposal' THEN (SELECT x.title FROM proposals x WHERE x.id = ",
            $t,
            ".item_id) \
             WHEN 'comment' THEN (SELECT COALESCE(p.title, t.title) FROM comments c \
               JOIN topics t ON t.id = c.topic_id \
               LEFT JOIN proposals p ON p.id = c.proposal_id WHERE c.id = ",
            $t,
            ".item_id) "
        )
    };
}

pub mod city;
pub mod comments;
pub mod convention;
pub mod ids;
pub mod moderation;
pub mod opendata;
pub mod privacy;
pub mod proposals;
pub mod rate_limits;
pub mod report;
pub mod rounds;
pub mod scratch;
pub mod search;
pub mod sessions;
pub mod topics;
pub mod users;

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use std::str::FromStr;
use std::time::Duration;

/// Runs `$body` with `$pool` bound to the live native pool; the body is compiled once per
/// backend, so it must only use portable SQL.
#[macro_export]
macro_rules! with_pool {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::Db::Sqlite($pool) => $body,
            $crate::Db::Postgres($pool) => $body,
        }
    };
}

/// Opens a transaction that will write. On SQLite the write lock is taken at BEGIN (`BEGIN
/// IMMEDIATE`): a deferred transaction that reads first and writes later fails at once with
/// "database is locked" when another connection wrote meanwhile, whatever the busy timeout,
/// which the crash test's concurrent comments hit. Waiting for the lock at BEGIN lets the busy
/// timeout apply. PostgreSQL's row locks need nothing of the kind.
pub(crate) trait BeginWrite {
    /// The backend.
    type Backend: sqlx::Database;
    /// The transaction, its write lock held where the backend has one.
    async fn begin_write(&self) -> sqlx::Result<sqlx::Transaction<'static, Self::Backend>>;
    /// What ends a `SELECT` whose rows must stay locked until the commit: nothing on SQLite,
    /// whose write lock (taken at BEGIN) covers the whole database; ` FOR UPDATE` on
    /// PostgreSQL. A no-op `UPDATE` would lock too, but leaves a dead row version each time.
    fn for_update(&self) -> &'static str;
}

impl BeginWrite for SqlitePool {
    type Backend = sqlx::Sqlite;
    async fn begin_write(&self) -> sqlx::Result<sqlx::Transaction<'static, sqlx::Sqlite>> {
        self.begin_with("BEGIN IMMEDIATE").await
    }
    fn for_update(&self) -> &'static str {
        ""
    }
}

impl BeginWrite for PgPool {
    type Backend = sqlx::Postgres;
    async fn begin_write(&self) -> sqlx::Result<sqlx::Transaction<'static, sqlx::Postgres>> {
        self.begin().await
    }
    fn for_update(&self) -> &'static str {
        " FOR UPDATE"
    }
}

/// A connection pool on one of the two supported backends.
#[derive(Clone, Debug)]
pub enum Db {
    /// The embedded default.
    Sqlite(SqlitePool),
    /// For production and for several app servers sharing one database.
    Postgres(PgPool),
}

/// What can go wrong in storage, in terms the callers can act on.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    /// The row asked for does not exist.
    #[error("not found")]
    NotFound,
    /// A unique or foreign-key constraint refused the write; carries the constraint's name.
    #[error("conflict on {0}")]
    Conflict(&'static str),
    /// A stored value names no domain state (a row edited by hand, or written by a newer
    /// version); carries the column and the value.
    #[error("{column} holds an unknown value {value:?}")]
    Corrupt {
        /// `table.column`.
        column: &'static str,
        /// What it holds.
        value: String,
    },
    /// The database URL cannot be understood.
    #[error("invalid database URL: {0}")]
    BadUrl(String),
    /// Anything else the database said.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
    /// A migration failed to apply.
    #[error(transparent)]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// Result of a storage call.
pub type Result<T, E = StorageError> = std::result::Result<T, E>;

/// Ids joined by commas for an `IN (…)` list. Only integers formatted here go into such a
/// list, never caller text, so the statement stays injection-free without a bind per id.
pub(crate) fn id_list<T: std::fmt::Display>(ids: &[T]) -> String {
    ids.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// Names quoted and joined by commas for an `IN (…)` list. Only the domain's constant names
/// (roles, statuses) go in, never caller text, so the statement stays injection-free.
pub(crate) fn name_list<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    names
        .into_iter()
        .map(|n| format!("'{n}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Maps a unique violation of `constraint` (the only unique one the statement can break) to
/// [`StorageError::Conflict`]; other errors pass through as [`StorageError::Db`].
pub(crate) fn conflict_on(constraint: &'static str) -> impl Fn(sqlx::Error) -> StorageError {
    conflict_among([(constraint, "")])
}

/// Maps a unique violation to the [`StorageError::Conflict`] of the constraint it broke among
/// `constraints`, each given as PostgreSQL names it and as the `table.column` SQLite's message
/// names instead (`""`: any message); other errors pass through as [`StorageError::Db`].
pub(crate) fn conflict_among<const N: usize>(
    constraints: [(&'static str, &'static str); N],
) -> impl Fn(sqlx::Error) -> StorageError {
    move |e| match &e {
        sqlx::Error::Database(db) if db.is_unique_violation() => {
            let broke = constraints
                .iter()
                .find(|(name, column)| match db.constraint() {
                    Some(c) => c == *name,
                    None => db.message().ends_with(column),
                });
            match broke {
                Some((name, _)) => StorageError::Conflict(name),
                None => StorageError::Db(e),
            }
        }
        _ => StorageError::Db(e),
    }
}

/// A stored moderation state as the domain's; [`StorageError::Corrupt`] names `column` when the
/// name is unknown.
pub(crate) fn visibility_of(
    column: &'static str,
    name: &str,
    reason: Option<&str>,
) -> Result<domain::moderation::Visibility> {
    domain::moderation::Visibility::parse_stored(name, reason).ok_or_else(|| {
        StorageError::Corrupt {
            column,
            value: name.to_owned(),
        }
    })
}

/// Current time in Unix milliseconds, the one time representation stored.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

impl Db {
    /// Connects to `url`: `sqlite://path` (the file and its folder are created when missing)
    /// or `postgres://…`.
    pub async fn connect(url: &str) -> Result<Self> {
        if url.starts_with("sqlite:") {
            let opts = SqliteConnectOptions::from_str(url)
                .map_err(|e| StorageError::BadUrl(e.to_string()))?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                // Freed space is zeroed, so a sealed ballot's old row cannot be read back
                // from the file's free pages (see `rounds::scrub`).
                .pragma("secure_delete", "on")
                .busy_timeout(Duration::from_secs(10));
            let file = opts.get_filename();
            if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
                if file.as_os_str() != ":memory:" {
                    std::fs::create_dir_all(dir).map_err(|e| {
                        StorageError::BadUrl(format!("cannot create {}: {e}", dir.display()))
                    })?;
                }
            }
            let pool = SqlitePoolOptions::new()
                .max_connections(8)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(opts)
                .await?;
            Ok(Db::Sqlite(pool))
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let opts =
                PgConnectOptions::from_str(url).map_err(|e| StorageError::BadUrl(e.to_string()))?;
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(opts)
                .await?;
            Ok(Db::Postgres(pool))
        } else {
            Err(StorageError::BadUrl(
                "expected a URL starting with sqlite:// or postgres://".into(),
            ))
        }
    }

    /// Applies the pending migrations of this backend.
    pub async fn migrate(&self) -> Result<()> {
        match self {
            Db::Sqlite(p) => sqlx::migrate!("../migrations/sqlite").run(p).await?,
            Db::Postgres(p) => sqlx::migrate!("../migrations/postgres").run(p).await?,
        }
        Ok(())
    }

    /// Whether the database answers a trivial query.
    pub async fn ping(&self) -> bool {
        with_pool!(self, p => sqlx::query("SELECT 1").execute(p).await.is_ok())
    }

    /// A probe telling whether anything was committed since it last looked (see
    /// [`ChangeProbe`]); `None` for an in-memory SQLite database, which no second connection
    /// can watch.
    pub async fn change_probe(&self) -> Result<Option<ChangeProbe>> {
        Ok(match self {
            Db::Sqlite(p) => {
                let opts = p.connect_options();
                if opts.get_filename().as_os_str() == ":memory:" {
                    return Ok(None);
                }
                use sqlx::ConnectOptions;
                let conn = (*opts).clone().connect().await?;
                Some(ChangeProbe::Sqlite(tokio::sync::Mutex::new(conn)))
            }
            Db::Postgres(p) => Some(ChangeProbe::Postgres(p.clone())),
        })
    }

    /// The backend's name, for logs.
    pub fn backend(&self) -> &'static str {
        match self {
            Db::Sqlite(_) => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }

    /// SQLite: writes a consistent copy of the whole database to `path` while it keeps
    /// serving (`VACUUM INTO` reads one snapshot; writers go on meanwhile). The copy is
    /// written under a temporary name beside `path` and linked into place when complete, so
    /// `path` never holds half a backup and an existing file is never replaced. [`StorageError::Conflict`] ("backup_exists") when `path`
    /// exists, ("backup_postgres") on PostgreSQL, whose own tools do this (`pg_dump`).
    pub async fn backup(&self, path: &std::path::Path) -> Result<()> {
        let Db::Sqlite(p) = self else {
            return Err(StorageError::Conflict("backup_postgres"));
        };
        if path.exists() {
            return Err(StorageError::Conflict("backup_exists"));
        }
        let partial = path.with_extension(format!("partial-{}", std::process::id()));
        let _ = std::fs::remove_file(&partial);
        let text = partial
            .to_str()
            .ok_or_else(|| StorageError::BadUrl("the backup path is not UTF-8".into()))?;
        let done = sqlx::query("VACUUM INTO $1").bind(text).execute(p).await;
        if let Err(e) = done {
            let _ = std::fs::remove_file(&partial);
            return Err(e.into());
        }
        let linked = std::fs::hard_link(&partial, path);
        let _ = std::fs::remove_file(&partial);
        match linked {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                Err(StorageError::Conflict("backup_exists"))
            }
            Err(e) => Err(StorageError::Db(sqlx::Error::Io(e))),
        }
    }

    /// Closes every connection of the pool.
    pub async fn close(&self) {
        with_pool!(self, p => p.close().await)
    }
}

/// A one-per-person mark on an item (a support, an upvote) and the counter it moves.
pub(crate) struct Mark {
    /// The table of marks, keyed by (item, user_id).
    pub table: &'static str,
    /// Its column naming the item.
    pub item_column: &'static str,
    /// The table of items.
    pub items: &'static str,
    /// The items' counter column.
    pub counter: &'static str,
}

/// Sets whether `user_id` marks `item_id`; returns the item's count after. Idempotent: the
/// primary key admits one mark, and the counter moves only when a row was added or removed,
/// in the same transaction.
pub(crate) async fn set_mark(
    db: &Db,
    m: &Mark,
    item_id: i64,
    user_id: i64,
    on: bool,
) -> Result<i64> {
    let now = now_ms();
    let Mark {
        table,
        item_column,
        items,
        counter,
    } = m;
    Ok(with_pool!(db, p => {
        let mut tx = crate::BeginWrite::begin_write(p).await?;
        let changed = if on {
            sqlx::query(&format!(
                "INSERT INTO {table} ({item_column}, user_id, created_at) VALUES ($1, $2, $3) \
                 ON CONFLICT DO NOTHING"
            ))
            .bind(item_id)
            .bind(user_id)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected()
        } else {
            sqlx::query(&format!("DELETE FROM {table} WHERE {item_column} = $1 AND user_id = $2"))
                .bind(item_id)
                .bind(user_id)
                .execute(&mut *tx)
                .await?
                .rows_affected()
        };
        let delta: i64 = if changed == 0 { 0 } else if on { 1 } else { -1 };
        let count: i64 = sqlx::query_scalar(&format!(
            "UPDATE {items} SET {counter} = {counter} + $1 WHERE id = $2 RETURNING {counter}"
        ))
        .bind(delta)
        .bind(item_id)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        count
    }))
}

/// Tells whether anything was committed to the database since an earlier look, whoever wrote
/// it (this process, another server, the command line): [`ChangeProbe::version`] answers the
/// same number exactly as long as nothing was. A cache of rendered pages keyed by it is never
/// stale, at the price of one trivial query per use.
///
/// SQLite: `PRAGMA data_version` on a connection of the probe's own, which changes whenever
/// another connection commits. PostgreSQL: the number its `change_version` triggers raise in
/// every transaction that writes what pages show (migration `change_version`); the cluster's
/// own counters (snapshots, WAL positions) move with every other database's writes too.
pub enum ChangeProbe {
    /// Its own connection, never used to write.
    Sqlite(tokio::sync::Mutex<sqlx::SqliteConnection>),
    /// Any pooled connection does.
    Postgres(PgPool),
}

impl ChangeProbe {
    /// What the database holds, as an opaque version number; equal versions mean no commit
    /// between.
    pub async fn version(&self) -> Result<i64> {
        Ok(match self {
            ChangeProbe::Sqlite(conn) => {
                let mut conn = conn.lock().await;
                sqlx::query_scalar("PRAGMA data_version")
                    .fetch_one(&mut *conn)
                    .await?
            }
            ChangeProbe::Postgres(p) => {
                sqlx::query_scalar("SELECT n FROM change_version WHERE id = 1")
                    .fetch_one(p)
                    .await?
            }
        })
    }
}
