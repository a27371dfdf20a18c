//! Accounts: credentials, role and suspension.
//!
//! Uniqueness of usernames is enforced by the database on `username_key` (the lower-cased
//! username), so two concurrent registrations of "Léa" and "léa" cannot both succeed.

use crate::{conflict_among, now_ms, with_pool, Db, Result, StorageError};
use domain::Role;
use domain::UserId;

/// Name of the unique constraint on usernames.
pub const USERNAME_UNIQUE: &str = "users_username_key_unique";

/// An account as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UserRow {
    /// Row id.
    #[sqlx(try_from = "i64")]
    pub id: UserId,
    /// The username as its owner typed it.
    pub username: String,
    /// Its display name.
    pub display_name: String,
    /// The argon2id PHC string.
    pub password_hash: String,
    /// The stored role name; see [`UserRow::role`].
    pub role: String,
    /// Whether the account is suspended (see [`UserRow::is_suspended`]).
    pub suspended: bool,
    /// When a suspension ends, Unix ms; `None` with `suspended` is a ban.
    pub suspended_until: Option<i64>,
    /// Creation time, Unix milliseconds.
    pub created_at: i64,
}

impl UserRow {
    /// The role; an unknown stored name (impossible under the table's CHECK) reads as citizen,
    /// the least privileged.
    pub fn role(&self) -> Role {
        self.role.parse().unwrap_or(Role::Citizen)
    }

    /// Whether the account is suspended at `now_ms`.
    pub fn is_suspended(&self, now_ms: i64) -> bool {
        domain::moderation::is_suspended(self.suspended, self.suspended_until, now_ms)
    }
}

const COLUMNS: &str = "id, username, display_name, password_hash, role, suspended, \
                       suspended_until, created_at";

/// What it takes to create an account; the caller has validated every field.
pub struct NewUser<'a> {
    /// Username as typed.
    pub username: &'a str,
    /// Its case-insensitive key.
    pub username_key: &'a str,
    /// Its confusable skeleton (two look-alike names share it).
    pub username_skeleton: &'a str,
    /// Display name.
    pub display_name: &'a str,
    /// argon2id PHC string.
    pub password_hash: &'a str,
    /// Initial role.
    pub role: Role,
    /// Whether they agreed to be named in the open data, the API and the report.
    pub name_public: bool,
}

/// Creates an account; [`StorageError::Conflict`] when the username is taken.
pub async fn create_user(db: &Db, new: &NewUser<'_>) -> Result<UserRow> {
    let sql = format!(
        "INSERT INTO users (username, username_key, username_skeleton, display_name, \
         password_hash, role, suspended, created_at, name_public) \
         VALUES ($1, $2, $3, $4, $5, $6, FALSE, $7, $8) RETURNING {COLUMNS}"
    );
    let now = now_ms();
    with_pool!(db, p => sqlx::query_as::<_, UserRow>(&sql)
        .bind(new.username)
        .bind(new.username_key)
        .bind(new.username_skeleton)
        .bind(new.display_name)
        .bind(new.password_hash)
        .bind(new.role.as_str())
        .bind(now)
        .bind(new.name_public)
        .fetch_one(p)
        .await)
    .map_err(username_conflict)
}

/// Records whether account `id` agrees to be named in the open data, the API and the report;
/// false when there is no such live account.
pub async fn set_name_public(db: &Db, id: UserId, public: bool) -> Result<bool> {
    let changed = with_pool!(db, p => sqlx::query(
        "UPDATE users SET name_public = $1 WHERE id = $2 AND deleted_at IS NULL",
    )
    .bind(public)
    .bind(i64::from(id))
    .execute(p)
    .await?
    .rows_affected());
    Ok(changed == 1)
}

/// The unique index on confusable skeletons.
pub const SKELETON_UNIQUE: &str = "users_username_skeleton_unique";

/// A unique violation as the constraint it broke: [`USERNAME_UNIQUE`] or [`SKELETON_UNIQUE`].
fn username_conflict(e: sqlx::Error) -> StorageError {
    conflict_among([
        (SKELETON_UNIQUE, "users.username_skeleton"),
        (USERNAME_UNIQUE, "users.username_key"),
    ])(e)
}

/// Accounts created before skeletons were stored: (id, username).
pub async fn without_skeleton(db: &Db) -> Result<Vec<(UserId, String)>> {
    let sql = "SELECT id, username FROM users WHERE username_skeleton IS NULL ORDER BY id";
    let rows: Vec<(i64, String)> = with_pool!(db, p => sqlx::query_as(sql).fetch_all(p).await?);
    Ok(rows
        .into_iter()
        .map(|(id, name)| (UserId(id), name))
        .collect())
}

/// Stores an account's skeleton; false when an older account already has it (the two
/// look alike; the older keeps it, and the newer stays without, as before).
pub async fn set_skeleton(db: &Db, id: UserId, skeleton: &str) -> Result<bool> {
    let sql = "UPDATE users SET username_skeleton = $1 WHERE id = $2";
    let done = with_pool!(db, p => sqlx::query(sql)
        .bind(skeleton)
        .bind(id.0)
        .execute(p)
        .await
        .map(|r| r.rows_affected()));
    match done.map_err(username_conflict) {
        Ok(_) => Ok(true),
        Err(StorageError::Conflict(SKELETON_UNIQUE)) => Ok(false),
        Err(e) => Err(e),
    }
}

/// The account whose username has this case-insensitive key.
pub async fn find_user_by_key(db: &Db, username_key: &str) -> Result<Option<UserRow>> {
    let sql = format!("SELECT {COLUMNS} FROM users WHERE username_key = $1");
    Ok(
        with_pool!(db, p => sqlx::query_as::<_, UserRow>(&sql).bind(username_key).fetch_optional(p).await?),
    )
}

/// The account with this id.
pub async fn find_user(db: &Db, id: UserId) -> Result<UserRow> {
    let sql = format!("SELECT {COLUMNS} FROM users WHERE id = $1");
    with_pool!(db, p => sqlx::query_as::<_, UserRow>(&sql).bind(id.0).fetch_optional(p).await?)
        .ok_or(StorageError::NotFound)
}

/// One page of accounts ordered by id, starting after `after_id` (keyset pagination).
pub async fn list_users(db: &Db, after_id: UserId, limit: i64) -> Result<Vec<UserRow>> {
    let sql = format!("SELECT {COLUMNS} FROM users WHERE id > $1 ORDER BY id LIMIT $2");
    Ok(
        with_pool!(db, p => sqlx::query_as::<_, UserRow>(&sql).bind(after_id.0).bind(limit).fetch_all(p).await?),
    )
}

/// Accounts suspended at `now` (bans and suspensions not yet over), most recently changed first.
pub async fn list_suspended(db: &Db, now: i64, limit: i64) -> Result<Vec<UserRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM users WHERE suspended AND (suspended_until IS NULL OR suspended_until > $1) \
         ORDER BY id DESC LIMIT $2"
    );
    Ok(
        with_pool!(db, p => sqlx::query_as::<_, UserRow>(&sql).bind(now).bind(limit).fetch_all(p).await?),
    )
}

/// Sets an account's role and logs it with the new role as reason; `actor` is who decided
/// (`None`: the operator, from the command line).
pub async fn set_role(db: &Db, id: UserId, role: Role, actor: Option<UserId>) -> Result<()> {
    let now = now_ms();
    with_pool!(db, p => {
        let mut tx = crate::BeginWrite::begin_write(p).await?;
        let done = sqlx::query("UPDATE users SET role = $1 WHERE id = $2")
            .bind(role.as_str())
            .bind(id.0)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if done == 0 {
            return Err(StorageError::NotFound);
        }
        log_action!(tx, actor, "role", "user", id, role.as_str(), now);
        tx.commit().await?;
    });
    Ok(())
}

/// What happens to an account's right to take part.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Suspension {
    /// Suspended until this time, Unix ms.
    Until(i64),
    /// Suspended until lifted.
    Ban,
    /// Takes part again.
    Lifted,
}

/// Suspends, bans or reinstates an account and logs who did it and why. Suspending also ends
/// all its sessions in the same transaction, so the person is signed out at once on every
/// device; their pending items stay in the moderation queue.
pub async fn set_suspended(
    db: &Db,
    id: UserId,
    s: Suspension,
    actor_id: UserId,
    reason: &str,
) -> Result<()> {
    let now = now_ms();
    let (flag, until, action) = match s {
        Suspension::Until(t) => (true, Some(t), "suspend"),
        Suspension::Ban => (true, None, "ban"),
        Suspension::Lifted => (false, None, "reinstate"),
    };
    let logged = domain::moderation::suspension_reason(until, reason);
    with_pool!(db, p => {
        let mut tx = crate::BeginWrite::begin_write(p).await?;
        let done = sqlx::query("UPDATE users SET suspended = $1, suspended_until = $2 WHERE id = $3")
            .bind(flag)
            .bind(until)
            .bind(id.0)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if done == 0 {
            return Err(StorageError::NotFound);
        }
        if flag {
            sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                .bind(id.0)
                .execute(&mut *tx)
                .await?;
        }
        log_action!(tx, Some(actor_id), action, "user", id, &logged, now);
        tx.commit().await?;
    });
    Ok(())
}

/// The latest suspension or ban of an account as logged: its stored reason (read it with
/// [`domain::moderation::read_suspension_reason`]) and whether the person has appealed it;
/// `None` if the account was never suspended.
pub async fn latest_suspension(db: &Db, id: UserId) -> Result<Option<(String, bool)>> {
    let sql = "SELECT l.reason, \
                      (SELECT COUNT(*) FROM moderation_log a WHERE a.item_kind = 'user' \
                         AND a.item_id = l.item_id AND a.action = 'suspension_appeal' \
                         AND a.id > l.id) AS appeals \
               FROM moderation_log l \
               WHERE l.item_kind = 'user' AND l.item_id = $1 AND l.action IN ('suspend', 'ban') \
               ORDER BY l.id DESC LIMIT 1";
    let row: Option<(String, i64)> = with_pool!(db, p => sqlx::query_as::<_, (String, i64)>(sql).bind(id.0).fetch_optional(p).await?);
    Ok(row.map(|(reason, appeals)| (reason, appeals > 0)))
}

/// Accounts whose latest suspension or ban has been appealed (whether or not still in force).
pub async fn appealed_suspensions(db: &Db) -> Result<Vec<UserId>> {
    let sql = "SELECT DISTINCT a.item_id FROM moderation_log a \
               WHERE a.item_kind = 'user' AND a.action = 'suspension_appeal' \
                 AND a.id > (SELECT MAX(l.id) FROM moderation_log l WHERE l.item_kind = 'user' \
                             AND l.item_id = a.item_id AND l.action IN ('suspend', 'ban'))";
    let ids: Vec<i64> = with_pool!(db, p => sqlx::query_scalar(sql).fetch_all(p).await?);
    Ok(ids.into_iter().map(UserId).collect())
}

/// Logs a suspended person's appeal of their latest suspension, in their words, for the
/// moderators; `false` (nothing written) if that suspension was already appealed. The log is
/// the appeal's record: it is append-only, so neither side can rewrite what was asked.
pub async fn appeal_suspension(db: &Db, id: UserId, text: &str) -> Result<bool> {
    let now = now_ms();
    with_pool!(db, p => {
        let mut tx = crate::BeginWrite::begin_write(p).await?;
        // The account's row lock makes two appeals sent at once count one after the other.
        let lock = format!("SELECT id FROM users WHERE id = $1{}", crate::BeginWrite::for_update(p));
        sqlx::query(&lock).bind(id.0).fetch_one(&mut *tx).await?;
        let appeals: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM moderation_log a WHERE a.item_kind = 'user' AND a.item_id = $1 \
               AND a.action = 'suspension_appeal' AND a.id > COALESCE((SELECT MAX(l.id) \
               FROM moderation_log l WHERE l.item_kind = 'user' AND l.item_id = $1 \
               AND l.action IN ('suspend', 'ban')), 0)",
        )
        .bind(id.0)
        .fetch_one(&mut *tx)
        .await?;
        if appeals > 0 {
            return Ok(false);
        }
        log_action!(tx, Some(id), "suspension_appeal", "user", id, text, now);
        tx.commit().await?;
    });
    Ok(true)
}

/// Replaces the password hash, ends every session of the account and opens `new_session` in
/// its place, atomically: after a password change only the device that made it stays signed in.
pub async fn change_password(
    db: &Db,
    id: UserId,
    password_hash: &str,
    new_session: &crate::sessions::NewSession<'_>,
) -> Result<()> {
    with_pool!(db, p => {
        let mut tx = crate::BeginWrite::begin_write(p).await?;
        sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(password_hash)
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        crate::sessions::insert_session_sql(new_session)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
    });
    Ok(())
}
