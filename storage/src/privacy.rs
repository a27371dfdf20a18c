//! A person's own data (RGPD): everything the platform holds about them, the deletion of their
//! account (their contributions stay, signed "compte supprimé"), and the purge of accounts
//! inactive for a long time, after a notice period.

use crate::{with_pool, Db, Result, StorageError};
use domain::{CommentId, ProposalId, RoundId, TopicId, UserId};
use serde::Serialize;

/// The account itself.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Profile {
    /// Id.
    #[sqlx(try_from = "i64")]
    pub id: UserId,
    /// Login name.
    pub username: String,
    /// Name shown.
    pub display_name: String,
    /// Role.
    pub role: String,
    /// Suspended.
    pub suspended: bool,
    /// Creation, Unix ms.
    pub created_at: i64,
    /// Last activity, Unix ms.
    pub last_active_at: Option<i64>,
    /// Whether they agreed to be named in the open data, the API and the report.
    pub name_public: bool,
}

/// A proposal the person wrote.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct MyProposal {
    /// Id.
    #[sqlx(try_from = "i64")]
    pub id: ProposalId,
    /// Topic.
    #[sqlx(try_from = "i64")]
    pub topic_id: TopicId,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// Markdown.
    pub body: String,
    /// Status.
    pub status: String,
    /// Moderation state.
    pub visibility: String,
    /// Creation, Unix ms.
    pub created_at: i64,
}

/// A comment the person wrote.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct MyComment {
    /// Id.
    #[sqlx(try_from = "i64")]
    pub id: CommentId,
    /// Topic.
    #[sqlx(try_from = "i64")]
    pub topic_id: TopicId,
    /// Proposal, if on one.
    #[sqlx(try_from = "crate::ids::NullableId")]
    pub proposal_id: Option<ProposalId>,
    /// The comment it answers.
    #[sqlx(try_from = "crate::ids::NullableId")]
    pub parent_id: Option<CommentId>,
    /// Markdown.
    pub body: String,
    /// Stance.
    pub stance: Option<String>,
    /// Moderation state.
    pub visibility: String,
    /// Creation, Unix ms.
    pub created_at: i64,
}

/// A report the person made.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct MyReport {
    /// "proposal" or "comment".
    pub item_kind: String,
    /// The item.
    pub item_id: i64,
    /// Reason.
    pub reason: String,
    /// Note.
    pub note: String,
    /// Creation, Unix ms.
    pub created_at: i64,
}

/// A round the person took part in (never the ballot: nothing links it to them).
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct MyParticipation {
    /// Round.
    #[sqlx(try_from = "i64")]
    pub round_id: RoundId,
    /// Its title.
    pub title: String,
    /// The count their ballot went into.
    pub side: String,
}

/// Everything about one person.
#[derive(Debug, Clone, Serialize)]
pub struct MyData {
    /// The account.
    pub profile: Profile,
    /// Proposals written.
    pub proposals: Vec<MyProposal>,
    /// Proposals co-authored (accepted invitations).
    pub coauthored: Vec<ProposalId>,
    /// Comments written.
    pub comments: Vec<MyComment>,
    /// Proposals supported.
    pub supports: Vec<ProposalId>,
    /// Comments upvoted.
    pub upvotes: Vec<CommentId>,
    /// Reports made.
    pub reports: Vec<MyReport>,
    /// Rounds voted in.
    pub rounds: Vec<MyParticipation>,
    /// Open sessions: (opened, last used), Unix ms.
    pub sessions: Vec<(i64, i64)>,
}

/// Reads everything the platform holds about `user_id`.
pub async fn my_data(db: &Db, user_id: UserId) -> Result<MyData> {
    with_pool!(db, p => {
        let profile = sqlx::query_as::<_, Profile>(
            "SELECT id, username, display_name, role, suspended, created_at, last_active_at, \
             name_public \
             FROM users WHERE id = $1 AND deleted_at IS NULL",
        )
        .bind(user_id.0)
        .fetch_optional(p)
        .await?
        .ok_or(StorageError::NotFound)?;
        Ok(MyData {
            profile,
            proposals: sqlx::query_as(
                "SELECT id, topic_id, title, summary, body, status, visibility, created_at \
                 FROM proposals WHERE author_id = $1 ORDER BY id",
            )
            .bind(user_id.0)
            .fetch_all(p)
            .await?,
            coauthored: crate::ids::typed(sqlx::query_scalar(
                "SELECT proposal_id FROM proposal_coauthors WHERE user_id = $1 \
                 AND accepted_at IS NOT NULL ORDER BY proposal_id",
            )
            .bind(user_id.0)
            .fetch_all(p)
            .await?),
            comments: sqlx::query_as(
                "SELECT id, topic_id, proposal_id, parent_id, body, stance, visibility, created_at \
                 FROM comments WHERE author_id = $1 ORDER BY id",
            )
            .bind(user_id.0)
            .fetch_all(p)
            .await?,
            supports: crate::ids::typed(sqlx::query_scalar(
                "SELECT proposal_id FROM supports WHERE user_id = $1 ORDER BY proposal_id",
            )
            .bind(user_id.0)
            .fetch_all(p)
            .await?),
            upvotes: crate::ids::typed(sqlx::query_scalar(
                "SELECT comment_id FROM comment_votes WHERE user_id = $1 ORDER BY comment_id",
            )
            .bind(user_id.0)
            .fetch_all(p)
            .await?),
            reports: sqlx::query_as(
                "SELECT item_kind, item_id, reason, note, created_at FROM reports \
                 WHERE reporter_id = $1 ORDER BY id",
            )
            .bind(user_id.0)
            .fetch_all(p)
            .await?,
            rounds: sqlx::query_as(
                "SELECT p.round_id, r.title, p.side FROM round_participation p \
                 JOIN rounds r ON r.id = p.round_id WHERE p.user_id = $1 ORDER BY p.round_id",
            )
            .bind(user_id.0)
            .fetch_all(p)
            .await?,
            sessions: sqlx::query_as(
                "SELECT created_at, last_seen_at FROM sessions WHERE user_id = $1 \
                 ORDER BY created_at",
            )
            .bind(user_id.0)
            .fetch_all(p)
            .await?,
        })
    })
}

/// Deletes an account: its sessions end, its login, name and password are erased (the name
/// becomes "compte supprimé", the login something no one can type), pending co-author
/// invitations go; its proposals, comments, supports and ballots stay. `actor` is who did
/// it (the person, or `None` for the purge). [`StorageError::NotFound`] if already deleted.
pub async fn delete_account(db: &Db, user_id: UserId, actor: Option<UserId>) -> Result<()> {
    let now = crate::now_ms();
    // '#' is never in a username, so no one can register or sign in as this.
    let gone = format!("#supprime-{user_id}");
    with_pool!(db, p => {
        let mut tx = crate::BeginWrite::begin_write(p).await?;
        let n = sqlx::query(
            "UPDATE users SET username = $1, username_key = $1, username_skeleton = $1, \
             display_name = 'compte supprimé', \
             password_hash = '!', role = 'citizen', suspended = FALSE, suspended_until = NULL, \
             purge_notice_at = NULL, deleted_at = $2 WHERE id = $3 AND deleted_at IS NULL",
        )
        .bind(&gone)
        .bind(now)
        .bind(user_id.0)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if n == 0 {
            return Err(StorageError::NotFound);
        }
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user_id.0)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM proposal_coauthors WHERE user_id = $1 AND accepted_at IS NULL")
            .bind(user_id.0)
            .execute(&mut *tx)
            .await?;
        let action = if actor.is_some() { "account_delete" } else { "account_purge" };
        log_action!(tx, actor, action, "user", user_id, "", now);
        tx.commit().await?;
        Ok(())
    })
}

/// Accounts with the organiser role, deleted ones aside.
pub async fn organisers(db: &Db) -> Result<i64> {
    let sql = "SELECT COUNT(*) FROM users WHERE role = 'organiser' AND deleted_at IS NULL";
    Ok(with_pool!(db, p => sqlx::query_scalar::<_, i64>(sql).fetch_one(p).await?))
}

/// What one run of the purge did.
#[derive(Debug, Clone, Default)]
pub struct Purge {
    /// Accounts told now that they will be purged: (id, username, display name).
    pub noticed: Vec<(UserId, String, String)>,
    /// Accounts deleted now.
    pub deleted: Vec<UserId>,
}

/// Purges inactive accounts in two steps: an account with no activity for `inactive_ms` gets
/// a notice (signing in withdraws it); one still inactive `notice_ms` after its notice is
/// deleted as by [`delete_account`]. Organisers are never purged (someone must keep the keys).
pub async fn purge_inactive(db: &Db, now: i64, inactive_ms: i64, notice_ms: i64) -> Result<Purge> {
    let deleted: Vec<UserId> = with_pool!(db, p => sqlx::query_scalar::<_, i64>(
        "SELECT id FROM users WHERE deleted_at IS NULL AND role <> 'organiser' \
         AND purge_notice_at IS NOT NULL AND purge_notice_at <= $1 \
         AND COALESCE(last_active_at, created_at) < purge_notice_at ORDER BY id",
    )
    .bind(now - notice_ms)
    .fetch_all(p)
    .await?)
    .into_iter()
    .map(UserId)
    .collect();
    for id in &deleted {
        delete_account(db, *id, None).await?;
    }
    let noticed: Vec<(i64, String, String)> = with_pool!(db, p => sqlx::query_as(
        "UPDATE users SET purge_notice_at = $1 WHERE deleted_at IS NULL AND role <> 'organiser' \
         AND purge_notice_at IS NULL AND COALESCE(last_active_at, created_at) < $2 \
         RETURNING id, username, display_name",
    )
    .bind(now)
    .bind(now - inactive_ms)
    .fetch_all(p)
    .await?);
    let noticed = noticed
        .into_iter()
        .map(|(id, username, name)| (UserId(id), username, name))
        .collect();
    Ok(Purge { noticed, deleted })
}
