//! Proposals, their versions and their supports.
//!
//! Every text change writes a new row of `proposal_versions` in the same transaction as the
//! proposal, guarded by the version the editor started from, so two concurrent edits cannot
//! silently overwrite each other. Supports are idempotent (set on or off, never toggled), so a
//! double-submitted form or fifty concurrent requests leave one support.

use crate::{with_pool, Db, Result, StorageError};
use domain::proposal::ProposalStatus;
use domain::{ProposalId, TopicId, UserId};

/// A proposal as stored, with its author's display name.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ProposalRow {
    /// Row id.
    #[sqlx(try_from = "i64")]
    pub id: ProposalId,
    /// Its topic.
    #[sqlx(try_from = "i64")]
    pub topic_id: TopicId,
    /// Its author.
    #[sqlx(try_from = "i64")]
    pub author_id: UserId,
    /// The author's display name.
    pub author_name: String,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// Markdown body.
    pub body: String,
    /// Status name (`domain::proposal::ProposalStatus`, snake case).
    pub status: String,
    /// Moderation state name.
    pub visibility: String,
    /// The moderators' reason, when hidden.
    pub hidden_reason: Option<String>,
    /// Current version number, from 1.
    pub version: i64,
    /// Supports.
    pub support_count: i64,
    /// Published comments.
    pub comment_count: i64,
    /// Published comments "pour".
    pub for_count: i64,
    /// Published comments "contre".
    pub against_count: i64,
    /// Published comments "neutre".
    pub neutral_count: i64,
    /// Creation time, Unix ms.
    pub created_at: i64,
    /// Last change, Unix ms.
    pub updated_at: i64,
    /// 0 never appealed, 1 appeal waiting, 2 appeal answered.
    pub appeal: i64,
    /// The proposal it was merged into.
    #[sqlx(try_from = "crate::ids::NullableId")]
    pub merged_into: Option<ProposalId>,
    /// A moderator's "contested" note, if labelled.
    pub contested_note: Option<String>,
    /// The label's sources, one per line.
    pub contested_sources: String,
    /// Enough counted reports put it under review; it stays visible until a moderator decides.
    pub under_review: bool,
    /// Its author's role (staff get a badge beside their name).
    #[sqlx(try_from = "String")]
    pub author_role: domain::Role,
}

impl ProposalRow {
    /// Its moderation state; [`crate::StorageError::Corrupt`] on an unknown stored name.
    pub fn state(&self) -> crate::Result<domain::moderation::Visibility> {
        crate::visibility_of(
            "proposals.visibility",
            &self.visibility,
            self.hidden_reason.as_deref(),
        )
    }
}

impl ProposalRow {
    /// The label, if the moderators contested the item.
    pub fn contest(&self) -> Option<domain::moderation::ContestLabel> {
        domain::moderation::ContestLabel::from_stored(
            self.contested_note.as_deref(),
            &self.contested_sources,
        )
    }
}

const COLUMNS: &str = "p.id, p.topic_id, p.author_id, u.display_name AS author_name, p.title, \
    p.summary, p.body, p.status, p.visibility, p.hidden_reason, p.version, p.support_count, \
    p.comment_count, p.for_count, p.against_count, p.neutral_count, p.created_at, p.updated_at, \
    p.appeal, p.merged_into, p.contested_note, p.contested_sources, p.under_review, \
    u.role AS author_role";

/// A new proposal; fields validated by the caller.
pub struct NewProposal<'a> {
    /// Its topic.
    pub topic_id: TopicId,
    /// Its author.
    pub author_id: UserId,
    /// Title.
    pub title: &'a str,
    /// Summary.
    pub summary: &'a str,
    /// Markdown body.
    pub body: &'a str,
    /// Initial status name (draft or published).
    pub status: &'a str,
    /// Initial moderation state name.
    pub visibility: &'a str,
}

/// Creates a proposal and its first version; returns its id.
pub async fn create_proposal(db: &Db, new: &NewProposal<'_>) -> Result<ProposalId> {
    let now = crate::now_ms();
    Ok(with_pool!(db, p => {
        let mut tx = crate::BeginWrite::begin_write(p).await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO proposals (topic_id, author_id, title, summary, body, status, visibility, \
             created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
        )
        .bind(new.topic_id.0)
        .bind(new.author_id.0)
        .bind(new.title)
        .bind(new.summary)
        .bind(new.body)
        .bind(new.status)
        .bind(new.visibility)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO proposal_versions (proposal_id, version, title, summary, body, editor_id, \
             created_at) VALUES ($1, 1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(new.title)
        .bind(new.summary)
        .bind(new.body)
        .bind(new.author_id.0)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        ProposalId(id)
    }))
}

/// The proposal with this id.
pub async fn find_proposal(db: &Db, id: ProposalId) -> Result<ProposalRow> {
    let sql = format!(
        "SELECT {COLUMNS} FROM proposals p JOIN users u ON u.id = p.author_id WHERE p.id = $1"
    );
    with_pool!(db, p => sqlx::query_as::<_, ProposalRow>(&sql).bind(id.0).fetch_optional(p).await?)
        .ok_or(StorageError::NotFound)
}

/// The orders a topic's proposals can be listed in, each with proposals still open to
/// discussion (drafts, published, under vote) before closed ones (adopted, rejected, withdrawn,
/// merged), and newest first among equals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    /// Most recent first.
    Newest,
    /// Most supports first.
    MostSupported,
    /// Most comments first.
    MostDiscussed,
}

/// Added to the sort key of a proposal still open to discussion, so that one key orders open
/// before closed and keyset pagination keeps one cursor; above any id or count.
const OPEN_FIRST: i64 = 1 << 48;

/// Whether a stored status is still open to discussion (a draft will be, once published).
fn open_to_discussion(status: ProposalStatus) -> bool {
    status == ProposalStatus::Draft || status.is_open()
}

impl Sort {
    fn column(self) -> &'static str {
        match self {
            Sort::Newest => "p.id",
            Sort::MostSupported => "p.support_count",
            Sort::MostDiscussed => "p.comment_count",
        }
    }

    /// The SQL of the sort key: [`OPEN_FIRST`] for open proposals, plus the column. The status
    /// names are the domain's constants.
    fn key(self) -> String {
        let open = crate::name_list(
            ProposalStatus::ALL
                .into_iter()
                .filter(|s| open_to_discussion(*s))
                .map(ProposalStatus::as_str),
        );
        format!(
            "(CASE WHEN p.status IN ({open}) THEN {OPEN_FIRST} ELSE 0 END + {})",
            self.column()
        )
    }

    /// The sort key of a row, for the cursor of the next page.
    pub fn key_of(self, row: &ProposalRow) -> i64 {
        let raw = match self {
            Sort::Newest => row.id.0,
            Sort::MostSupported => row.support_count,
            Sort::MostDiscussed => row.comment_count,
        };
        let open = ProposalStatus::parse(&row.status).is_some_and(open_to_discussion);
        raw + if open { OPEN_FIRST } else { 0 }
    }
}

/// What to list.
pub struct ListQuery<'a> {
    /// The topic.
    pub topic_id: TopicId,
    /// The order.
    pub sort: Sort,
    /// Only this status, if given.
    pub status: Option<&'a str>,
    /// The reader: their own drafts and pending proposals are listed for them.
    pub viewer_id: Option<UserId>,
    /// Start after this `(sort key, id)` (keyset pagination: no OFFSET).
    pub after: Option<(i64, i64)>,
    /// Most rows.
    pub limit: i64,
    /// The reader moderates: proposals waiting for review are listed too.
    pub moderator: bool,
}

/// One page of a topic's proposals. Drafts are absent except for their author; pending and
/// reported ones except for their author and moderators; hidden ones are listed (the caller
/// shows only the moderators' reason).
pub async fn list_proposals(db: &Db, q: &ListQuery<'_>) -> Result<Vec<ProposalRow>> {
    let key = q.sort.key();
    let (k, id) = q.after.unwrap_or((i64::MAX, i64::MAX));
    let sql = format!(
        "SELECT {COLUMNS} FROM proposals p JOIN users u ON u.id = p.author_id \
         WHERE p.topic_id = $1 \
           AND ((p.status <> 'draft' AND (p.visibility IN ('published', 'hidden') OR $7)) \
                OR p.author_id = $2) \
           AND ($3 = '' OR p.status = $3) \
           AND ({key} < $4 OR ({key} = $4 AND p.id < $5)) \
         ORDER BY {key} DESC, p.id DESC LIMIT $6"
    );
    Ok(with_pool!(db, p => sqlx::query_as::<_, ProposalRow>(&sql)
        .bind(q.topic_id.0)
        .bind(q.viewer_id.map_or(0, i64::from))
        .bind(q.status.unwrap_or(""))
        .bind(k)
        .bind(id)
        .bind(q.limit)
        .bind(q.moderator)
        .fetch_all(p)
        .await?))
}

/// A proposal's new text.
pub struct Edit<'a> {
    /// The proposal.
    pub id: ProposalId,
    /// The version the editor started from; the edit is refused if it is no longer current.
    pub expected_version: i64,
    /// Who edits.
    pub editor_id: UserId,
    /// New title.
    pub title: &'a str,
    /// New summary.
    pub summary: &'a str,
    /// New body.
    pub body: &'a str,
}

/// Name reported when an edit started from an outdated version.
pub const STALE_VERSION: &str = "proposals_version_stale";

/// Saves a new version; [`StorageError::Conflict`] ([`STALE_VERSION`]) if someone else saved
/// one since `expected_version`, or if the proposal left the editable statuses meanwhile.
pub async fn edit_proposal(db: &Db, e: &Edit<'_>) -> Result<i64> {
    let now = crate::now_ms();
    with_pool!(db, p => {
        let mut tx = crate::BeginWrite::begin_write(p).await?;
        let done = sqlx::query(
            "UPDATE proposals SET title = $1, summary = $2, body = $3, version = version + 1, \
             updated_at = $4 WHERE id = $5 AND version = $6 AND status IN ('draft', 'published')",
        )
        .bind(e.title)
        .bind(e.summary)
        .bind(e.body)
        .bind(now)
        .bind(e.id.0)
        .bind(e.expected_version)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if done == 0 {
            return Err(StorageError::Conflict(STALE_VERSION));
        }
        let version = e.expected_version + 1;
        sqlx::query(
            "INSERT INTO proposal_versions (proposal_id, version, title, summary, body, editor_id, \
             created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(e.id.0)
        .bind(version)
        .bind(e.title)
        .bind(e.summary)
        .bind(e.body)
        .bind(e.editor_id.0)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(version)
    })
}

/// A change of a proposal's status, checked by the domain.
pub struct StatusChange {
    /// The proposal.
    pub id: ProposalId,
    /// The status the caller saw.
    pub from: domain::proposal::ProposalStatus,
    /// The new status.
    pub to: domain::proposal::ProposalStatus,
    /// For a merge: the proposal it goes into.
    pub merged_into: Option<ProposalId>,
    /// An organiser's decision is logged with its actor; an author's own step is not.
    pub logged_actor: Option<UserId>,
}

/// Moves a proposal from one status to another; [`StorageError::Conflict`] when its status
/// changed meanwhile.
pub async fn set_status(db: &Db, c: &StatusChange) -> Result<()> {
    let now = crate::now_ms();
    with_pool!(db, p => {
        let mut tx = crate::BeginWrite::begin_write(p).await?;
        let done = sqlx::query(
            "UPDATE proposals SET status = $1, updated_at = $2, merged_into = COALESCE($3, merged_into) \
             WHERE id = $4 AND status = $5",
        )
        .bind(c.to.as_str())
        .bind(now)
        .bind(c.merged_into.map(i64::from))
        .bind(c.id.0)
        .bind(c.from.as_str())
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if done == 0 {
            return Err(StorageError::Conflict("proposals_status_changed"));
        }
        if let Some(actor) = c.logged_actor {
            let reason = domain::proposal::LoggedStep::Changed {
                from: c.from,
                to: c.to,
                merged_into: c.merged_into,
            }
            .reason();
            log_action!(tx, Some(actor), "status", "proposal", c.id, reason, now);
        }
        tx.commit().await?;
        Ok(())
    })
}

/// One stored version of a proposal's text.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct VersionRow {
    /// Version number, from 1.
    pub version: i64,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// Body.
    pub body: String,
    /// Who saved it.
    pub editor_name: String,
    /// When, Unix ms.
    pub created_at: i64,
}

/// Every version of a proposal, oldest first.
pub async fn versions(db: &Db, proposal_id: ProposalId) -> Result<Vec<VersionRow>> {
    let sql = "SELECT v.version, v.title, v.summary, v.body, u.display_name AS editor_name, \
               v.created_at FROM proposal_versions v JOIN users u ON u.id = v.editor_id \
               WHERE v.proposal_id = $1 ORDER BY v.version";
    Ok(
        with_pool!(db, p => sqlx::query_as::<_, VersionRow>(sql).bind(proposal_id.0).fetch_all(p).await?),
    )
}

/// Sets whether `user_id` supports `proposal_id`; returns the support count after. Idempotent.
pub async fn set_support(
    db: &Db,
    proposal_id: ProposalId,
    user_id: UserId,
    on: bool,
) -> Result<i64> {
    let mark = crate::Mark {
        table: "supports",
        item_column: "proposal_id",
        items: "proposals",
        counter: "support_count",
    };
    crate::set_mark(db, &mark, proposal_id.0, user_id.0, on).await
}

/// Whether `user_id` supports `proposal_id`.
pub async fn supports(db: &Db, proposal_id: ProposalId, user_id: UserId) -> Result<bool> {
    let sql = "SELECT COUNT(*) FROM supports WHERE proposal_id = $1 AND user_id = $2";
    let n: i64 = with_pool!(db, p => sqlx::query_scalar(sql).bind(proposal_id.0).bind(user_id.0).fetch_one(p).await?);
    Ok(n > 0)
}

/// The number of support rows of a proposal, counted (for checking the kept counter).
pub async fn count_support_rows(db: &Db, proposal_id: ProposalId) -> Result<i64> {
    let sql = "SELECT COUNT(*) FROM supports WHERE proposal_id = $1";
    Ok(with_pool!(db, p => sqlx::query_scalar(sql).bind(proposal_id.0).fetch_one(p).await?))
}

/// The proposal titled `title` in a topic, if there is one (the demo content uses it to stay
/// idempotent).
pub async fn find_by_title(db: &Db, topic_id: TopicId, title: &str) -> Result<Option<ProposalId>> {
    let sql = "SELECT id FROM proposals WHERE topic_id = $1 AND title = $2 ORDER BY id LIMIT 1";
    let id: Option<i64> = with_pool!(db, p => sqlx::query_scalar(sql).bind(topic_id.0).bind(title).fetch_optional(p).await?);
    Ok(id.map(ProposalId))
}

/// A co-author of a proposal, or someone invited to become one.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CoauthorRow {
    /// The account.
    #[sqlx(try_from = "i64")]
    pub user_id: UserId,
    /// Its display name.
    pub display_name: String,
    /// Accepted: a co-author; not yet: an invitation.
    pub accepted: bool,
}

/// Co-authors and invitations of a proposal, in invitation order.
pub async fn coauthors(db: &Db, proposal_id: ProposalId) -> Result<Vec<CoauthorRow>> {
    let sql = "SELECT c.user_id, u.display_name, c.accepted_at IS NOT NULL AS accepted \
               FROM proposal_coauthors c JOIN users u ON u.id = c.user_id \
               WHERE c.proposal_id = $1 ORDER BY c.invited_at, c.user_id";
    Ok(
        with_pool!(db, p => sqlx::query_as::<_, CoauthorRow>(sql).bind(proposal_id.0).fetch_all(p).await?),
    )
}

/// The unique key of co-authorship: one row per person and proposal.
pub const COAUTHOR_UNIQUE: &str = "proposal_coauthors_pkey";

/// Invites `user_id` to co-author; [`StorageError::Conflict`] when already invited or a
/// co-author.
pub async fn invite_coauthor(
    db: &Db,
    proposal_id: ProposalId,
    user_id: UserId,
    invited_by: UserId,
) -> Result<()> {
    let sql = "INSERT INTO proposal_coauthors (proposal_id, user_id, invited_by, invited_at) \
               VALUES ($1, $2, $3, $4)";
    with_pool!(db, p => sqlx::query(sql)
        .bind(proposal_id.0)
        .bind(user_id.0)
        .bind(invited_by.0)
        .bind(crate::now_ms())
        .execute(p)
        .await
        .map(|_| ()))
    .map_err(crate::conflict_on(COAUTHOR_UNIQUE))
}

/// Accepts (`accept`) or declines an invitation; a co-author who declines leaves.
/// [`StorageError::NotFound`] when there is no such invitation.
pub async fn answer_invitation(
    db: &Db,
    proposal_id: ProposalId,
    user_id: UserId,
    accept: bool,
) -> Result<()> {
    let done = if accept {
        let sql = "UPDATE proposal_coauthors SET accepted_at = $1 \
                   WHERE proposal_id = $2 AND user_id = $3 AND accepted_at IS NULL";
        with_pool!(db, p => sqlx::query(sql).bind(crate::now_ms()).bind(proposal_id.0).bind(user_id.0).execute(p).await?.rows_affected())
    } else {
        let sql = "DELETE FROM proposal_coauthors WHERE proposal_id = $1 AND user_id = $2";
        with_pool!(db, p => sqlx::query(sql).bind(proposal_id.0).bind(user_id.0).execute(p).await?.rows_affected())
    };
    if done == 0 {
        return Err(StorageError::NotFound);
    }
    Ok(())
}

/// An invitation waiting for its invitee's answer.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct InvitationRow {
    /// The proposal.
    #[sqlx(try_from = "i64")]
    pub proposal_id: ProposalId,
    /// Its title.
    pub title: String,
    /// Who invited.
    pub inviter_name: String,
}

/// The invitations `user_id` has not answered, newest first (at most 100).
pub async fn invitations_for(db: &Db, user_id: UserId) -> Result<Vec<InvitationRow>> {
    let sql = "SELECT c.proposal_id, p.title, u.display_name AS inviter_name \
               FROM proposal_coauthors c JOIN proposals p ON p.id = c.proposal_id \
               JOIN users u ON u.id = c.invited_by \
               WHERE c.user_id = $1 AND c.accepted_at IS NULL \
               ORDER BY c.invited_at DESC LIMIT 100";
    Ok(
        with_pool!(db, p => sqlx::query_as::<_, InvitationRow>(sql).bind(user_id.0).fetch_all(p).await?),
    )
}
