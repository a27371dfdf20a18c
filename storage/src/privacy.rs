//! A person's own data (RGPD): everything the platform holds about them, the deletion of their
//! account (their contributions stay, signed "compte supprimé"), and the purge of accounts
//! inactive for a long time, after a notice period.

use crate::{with_pool, Db, Result, StorageError};
use domain::{CommentId, ProposalId, RoundId, TopicId, UserId};
use serde::{Serialize, Serializer};

/// A time as its owner reads it and programs parse it: ISO 8601, UTC.
fn iso<S: Serializer>(ms: &i64, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&domain::time::iso_utc(*ms))
}

/// [`iso`], or null.
fn iso_opt<S: Serializer>(ms: &Option<i64>, s: S) -> std::result::Result<S::Ok, S::Error> {
    match ms {
        Some(ms) => iso(ms, s),
        None => s.serialize_none(),
    }
}

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
    /// Creation (Unix ms; ISO 8601 in the export).
    #[serde(serialize_with = "iso")]
    pub created_at: i64,
    /// Last activity.
    #[serde(serialize_with = "iso_opt")]
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
    /// The topic's title.
    pub topic: String,
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
    /// Creation.
    #[serde(serialize_with = "iso")]
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
    /// The topic's title.
    pub topic: String,
    /// Proposal, if on one.
    #[sqlx(try_from = "crate::ids::NullableId")]
    pub proposal_id: Option<ProposalId>,
    /// That proposal's title.
    pub proposal: Option<String>,
    /// The comment it answers.
    #[sqlx(try_from = "crate::ids::NullableId")]
    pub parent_id: Option<CommentId>,
    /// Markdown.
    pub body: String,
    /// Stance.
    pub stance: Option<String>,
    /// Moderation state.
    pub visibility: String,
    /// Creation.
    #[serde(serialize_with = "iso")]
    pub created_at: i64,
}

/// A report the person made.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct MyReport {
    /// "proposal" or "comment".
    pub item_kind: String,
    /// The item.
    pub item_id: i64,
    /// The proposal's title, or for a comment its proposal's or topic's.
    pub item_title: Option<String>,
    /// Reason.
    pub reason: String,
    /// Note.
    pub note: String,
    /// Creation.
    #[serde(serialize_with = "iso")]
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

/// A proposal named beside its id.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct ProposalRef {
    /// Id.
    #[sqlx(try_from = "i64")]
    pub id: ProposalId,
    /// Title.
    pub title: String,
}

/// A comment someone upvoted, with where it was written.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct CommentRef {
    /// Id.
    #[sqlx(try_from = "i64")]
    pub id: CommentId,
    /// Its topic's title.
    pub topic: String,
    /// Its proposal's title, if on one.
    pub proposal: Option<String>,
}

/// A session still open.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct MySession {
    /// When it was opened.
    #[serde(serialize_with = "iso")]
    pub opened_at: i64,
    /// When it was last used.
    #[serde(serialize_with = "iso")]
    pub last_used_at: i64,
}

/// Everything about one person.
#[derive(Debug, Clone, Serialize)]
pub struct MyData {
    /// The account.
    pub profile: Profile,
    /// Proposals written.
    pub proposals: Vec<MyProposal>,
    /// Proposals co-authored (accepted invitations).
    pub coauthored: Vec<ProposalRef>,
    /// Comments written.
    pub comments: Vec<MyComment>,
    /// Proposals supported.
    pub supports: Vec<ProposalRef>,
    /// Comments upvoted.
    pub upvotes: Vec<CommentRef>,
    /// Reports made.
    pub reports: Vec<MyReport>,
    /// Rounds voted in.
    pub rounds: Vec<MyParticipation>,
    /// Open sessions.
    pub sessions: Vec<MySession>,
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
                "SELECT p.id, p.topic_id, t.title AS topic, p.title, p.summary, p.body, p.status, \
                 p.visibility, p.created_at \
                 FROM proposals p JOIN topics t ON t.id = p.topic_id \
                 WHERE p.author_id = $1 ORDER BY p.id",
            )
            .bind(user_id.0)
            .fetch_all(p)
            .await?,
            coauthored: sqlx::query_as(
                "SELECT p.id, p.title FROM proposal_coauthors a \
                 JOIN proposals p ON p.id = a.proposal_id \
                 WHERE a.user_id = $1 AND a.accepted_at IS NOT NULL ORDER BY p.id",
            )
            .bind(user_id.0)
            .fetch_all(p)
            .await?,
            comments: sqlx::query_as(
                "SELECT c.id, c.topic_id, t.title AS topic, c.proposal_id, p.title AS proposal, \
                 c.parent_id, c.body, c.stance, c.visibility, c.created_at \
                 FROM comments c JOIN topics t ON t.id = c.topic_id \
                 LEFT JOIN proposals p ON p.id = c.proposal_id \
                 WHERE c.author_id = $1 ORDER BY c.id",
            )
            .bind(user_id.0)
            .fetch_all(p)
            .await?,
            supports: sqlx::query_as(
                "SELECT p.id, p.title FROM supports s JOIN proposals p ON p.id = s.proposal_id \
                 WHERE s.user_id = $1 ORDER BY p.id",
            )
            .bind(user_id.0)
            .fetch_all(p)
            .await?,
            upvotes: sqlx::query_as(
                "SELECT c.id, t.title AS topic, p.title AS proposal FROM comment_votes v \
                 JOIN comments c ON c.id = v.comment_id JOIN topics t ON t.id = c.topic_id \
                 LEFT JOIN proposals p ON p.id = c.proposal_id \
                 WHERE v.user_id = $1 ORDER BY c.id",
            )
            .bind(user_id.0)
            .fetch_all(p)
            .await?,
            reports: sqlx::query_as(
                concat!(
                    "SELECT r.item_kind, r.item_id, ",
                    item_title_case!("r"),
                    "END AS item_title, r.reason, r.note, r.created_at FROM reports r \
                     WHERE r.reporter_id = $1 ORDER BY r.id"
                ),
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
                "SELECT created_at AS opened_at, last_seen_at AS last_used_at FROM sessions \
                 WHERE user_id = $1 ORDER BY created_at",
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
