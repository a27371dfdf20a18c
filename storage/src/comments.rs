//! Comments on proposals and on topics, threaded, with stances and upvotes.
//!
//! A proposal's `comment_count` and stance counters count its published comments; they move
//! in the same transaction as the comment that changes them.

use crate::{with_pool, Db, Result, StorageError};
use domain::{CommentId, ProposalId, TopicId, UserId};

/// A comment as stored, with its author's display name.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CommentRow {
    /// Row id.
    #[sqlx(try_from = "i64")]
    pub id: CommentId,
    /// Its topic.
    #[sqlx(try_from = "i64")]
    pub topic_id: TopicId,
    /// Its proposal, unless it is on the topic itself.
    #[sqlx(try_from = "crate::ids::NullableId")]
    pub proposal_id: Option<ProposalId>,
    /// The comment it answers.
    #[sqlx(try_from = "crate::ids::NullableId")]
    pub parent_id: Option<CommentId>,
    /// Nesting level, 0 for top-level comments.
    pub depth: i64,
    /// Its author.
    #[sqlx(try_from = "i64")]
    pub author_id: UserId,
    /// The author's display name.
    pub author_name: String,
    /// Markdown text (empty once deleted).
    pub body: String,
    /// Stance name, if one was taken.
    pub stance: Option<String>,
    /// Moderation state name.
    pub visibility: String,
    /// The moderators' reason, when hidden.
    pub hidden_reason: Option<String>,
    /// Upvotes.
    pub upvote_count: i64,
    /// Creation time, Unix ms.
    pub created_at: i64,
    /// Last edit, Unix ms.
    pub edited_at: Option<i64>,
    /// 0 never appealed, 1 appeal waiting, 2 appeal answered.
    pub appeal: i64,
    /// A moderator's "contested" note, if labelled.
    pub contested_note: Option<String>,
    /// The label's sources, one per line.
    pub contested_sources: String,
    /// The root comment of its branch.
    #[sqlx(try_from = "crate::ids::NullableId")]
    pub root_id: Option<CommentId>,
    /// Enough counted reports put it under review; it stays visible until a moderator decides.
    pub under_review: bool,
    /// Its author's role (staff get a badge beside their name).
    #[sqlx(try_from = "String")]
    pub author_role: domain::Role,
}

impl CommentRow {
    /// Its moderation state; [`crate::StorageError::Corrupt`] on an unknown stored name.
    pub fn state(&self) -> crate::Result<domain::moderation::Visibility> {
        crate::visibility_of(
            "comments.visibility",
            &self.visibility,
            self.hidden_reason.as_deref(),
        )
    }
}

impl CommentRow {
    /// The label, if the moderators contested the item.
    pub fn contest(&self) -> Option<domain::moderation::ContestLabel> {
        domain::moderation::ContestLabel::from_stored(
            self.contested_note.as_deref(),
            &self.contested_sources,
        )
    }
}

const COLUMNS: &str = "c.id, c.topic_id, c.proposal_id, c.parent_id, c.depth, c.author_id, \
    u.display_name AS author_name, c.body, c.stance, c.visibility, c.hidden_reason, \
    c.upvote_count, c.created_at, c.edited_at, c.appeal, c.contested_note, c.contested_sources, c.root_id, \
    c.under_review, u.role AS author_role";

/// A new comment; fields validated and placed by the caller.
pub struct NewComment<'a> {
    /// Its topic.
    pub topic_id: TopicId,
    /// Its proposal, if any.
    pub proposal_id: Option<ProposalId>,
    /// The comment it answers, if any.
    pub parent_id: Option<CommentId>,
    /// Nesting level.
    pub depth: i64,
    /// Author.
    pub author_id: UserId,
    /// Markdown text.
    pub body: &'a str,
    /// Stance name.
    pub stance: Option<&'a str>,
    /// Initial moderation state name.
    pub visibility: &'a str,
    /// The root of the branch it joins (its parent's root); `None` for a new root.
    pub root_id: Option<CommentId>,
}

fn stance_column(stance: Option<&str>) -> Option<&'static str> {
    match stance {
        Some("pour") => Some("for_count"),
        Some("contre") => Some("against_count"),
        Some("neutre") => Some("neutral_count"),
        _ => None,
    }
}

/// Adds (`delta` 1) or removes (-1) a published comment from its proposal's counters.
macro_rules! count_on_proposal {
    ($tx:expr, $proposal_id:expr, $stance:expr, $delta:expr) => {
        if let Some(pid) = $proposal_id {
            let stance_set = match stance_column($stance) {
                Some(col) => format!(", {col} = {col} + $1"),
                None => String::new(),
            };
            sqlx::query(&format!(
                "UPDATE proposals SET comment_count = comment_count + $1{stance_set} WHERE id = $2"
            ))
            .bind($delta as i64)
            .bind(i64::from(pid))
            .execute(&mut *$tx)
            .await?;
        }
    };
}

/// Stores a comment and updates its proposal's counters; returns its id.
pub async fn create_comment(db: &Db, new: &NewComment<'_>) -> Result<CommentId> {
    let now = crate::now_ms();
    Ok(with_pool!(db, p => {
        let mut tx = crate::BeginWrite::begin_write(p).await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO comments (topic_id, proposal_id, parent_id, depth, author_id, body, \
             stance, visibility, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(new.topic_id.0)
        .bind(new.proposal_id.map(i64::from))
        .bind(new.parent_id.map(i64::from))
        .bind(new.depth)
        .bind(new.author_id.0)
        .bind(new.body)
        .bind(new.stance)
        .bind(new.visibility)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query("UPDATE comments SET root_id = $1 WHERE id = $2")
            .bind(new.root_id.map_or(id, i64::from))
            .bind(id)
            .execute(&mut *tx)
            .await?;
        if new.visibility == "published" {
            count_on_proposal!(tx, new.proposal_id, new.stance, 1);
        }
        tx.commit().await?;
        CommentId(id)
    }))
}

/// The comment with this id.
pub async fn find_comment(db: &Db, id: CommentId) -> Result<CommentRow> {
    let sql = format!(
        "SELECT {COLUMNS} FROM comments c JOIN users u ON u.id = c.author_id WHERE c.id = $1"
    );
    with_pool!(db, p => sqlx::query_as::<_, CommentRow>(&sql).bind(id.0).fetch_optional(p).await?)
        .ok_or(StorageError::NotFound)
}

/// One page of a thread: up to `roots` root comments of a proposal (or of a topic itself when
/// `proposal_id` is `None`) from the root `from` on, in id order, each with all its replies.
/// Returns the comments in id order and the first root of the next page. Pending and
/// reported comments are included only for `viewer_id`'s own; the caller applies the
/// visibility rule to the rest.
pub async fn list_thread(
    db: &Db,
    topic_id: TopicId,
    proposal_id: Option<ProposalId>,
    viewer_id: Option<UserId>,
    from: Option<CommentId>,
    roots: i64,
) -> Result<(Vec<CommentRow>, Option<CommentId>)> {
    let filter = if proposal_id.is_some() {
        "c.proposal_id = $1"
    } else {
        "c.topic_id = $1 AND c.proposal_id IS NULL"
    };
    let shown = "(c.visibility IN ('published', 'hidden', 'deleted') OR c.author_id = $2)";
    let roots_sql = format!(
        "SELECT c.id FROM comments c WHERE {filter} AND c.parent_id IS NULL AND {shown} \
         AND c.id >= $3 ORDER BY c.id LIMIT $4"
    );
    let thread = proposal_id.map_or(topic_id.0, |p| p.0);
    let viewer = viewer_id.map_or(0, |v| v.0);
    let mut ids: Vec<i64> = with_pool!(db, p => sqlx::query_scalar(&roots_sql)
        .bind(thread)
        .bind(viewer)
        .bind(from.map_or(0, i64::from))
        .bind(roots + 1)
        .fetch_all(p)
        .await?);
    let next = if ids.len() as i64 > roots {
        ids.pop().map(CommentId)
    } else {
        None
    };
    let (Some(first), Some(last)) = (ids.first().copied(), ids.last().copied()) else {
        return Ok((Vec::new(), None));
    };
    // The page's roots are consecutive among the shown roots, so a range on root_id selects
    // exactly their branches, on the (thread, root_id) index.
    let sql = format!(
        "SELECT {COLUMNS} FROM comments c JOIN users u ON u.id = c.author_id WHERE {filter} \
         AND {shown} AND c.root_id BETWEEN $3 AND $4 ORDER BY c.id"
    );
    let rows = with_pool!(db, p => sqlx::query_as::<_, CommentRow>(&sql)
        .bind(thread)
        .bind(viewer)
        .bind(first)
        .bind(last)
        .fetch_all(p)
        .await?);
    Ok((rows, next))
}

/// How many root comments of the thread come before the root `root` (all states counted).
pub async fn roots_before(
    db: &Db,
    topic_id: TopicId,
    proposal_id: Option<ProposalId>,
    root: CommentId,
) -> Result<i64> {
    let filter = if proposal_id.is_some() {
        "c.proposal_id = $1"
    } else {
        "c.topic_id = $1 AND c.proposal_id IS NULL"
    };
    let sql = format!(
        "SELECT COUNT(*) FROM comments c WHERE {filter} AND c.parent_id IS NULL AND c.id < $2"
    );
    Ok(with_pool!(db, p => sqlx::query_scalar::<_, i64>(&sql)
        .bind(proposal_id.map_or(topic_id.0, |p| p.0))
        .bind(root.0)
        .fetch_one(p)
        .await?))
}

/// Replaces a comment's text and marks it edited; refused once deleted.
pub async fn edit_comment(db: &Db, id: CommentId, body: &str) -> Result<()> {
    let sql =
        "UPDATE comments SET body = $1, edited_at = $2 WHERE id = $3 AND visibility <> 'deleted'";
    let done = with_pool!(db, p => sqlx::query(sql).bind(body).bind(crate::now_ms()).bind(id.0).execute(p).await?.rows_affected());
    if done == 0 {
        return Err(StorageError::NotFound);
    }
    Ok(())
}

/// Deletes a comment's text, keeping a tombstone so that its replies keep their place, and
/// takes it out of its proposal's counters if it was counted.
pub async fn delete_comment(db: &Db, id: CommentId) -> Result<()> {
    with_pool!(db, p => {
        let mut tx = crate::BeginWrite::begin_write(p).await?;
        // Take the row's write lock before reading it (a no-op write: on SQLite a transaction
        // that reads first cannot always upgrade to writing), so a concurrent second delete
        // waits and then finds the tombstone: the counters move once.
        sqlx::query("UPDATE comments SET visibility = visibility WHERE id = $1")
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        let row: Option<(String, Option<i64>, Option<String>)> = sqlx::query_as(
            "SELECT visibility, proposal_id, stance FROM comments WHERE id = $1",
        )
        .bind(id.0)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((visibility, proposal_id, stance)) = row else {
            return Err(StorageError::NotFound);
        };
        let done = sqlx::query(
            "UPDATE comments SET body = '', visibility = 'deleted', stance = NULL \
             WHERE id = $1 AND visibility = $2",
        )
        .bind(id.0)
        .bind(&visibility)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if done == 0 {
            return Err(StorageError::NotFound);
        }
        if visibility == "published" {
            count_on_proposal!(tx, proposal_id, stance.as_deref(), -1);
        }
        tx.commit().await?;
    });
    Ok(())
}

/// Sets whether `user_id` upvotes `comment_id`; returns the count after. Idempotent.
pub async fn set_upvote(db: &Db, comment_id: CommentId, user_id: UserId, on: bool) -> Result<i64> {
    let mark = crate::Mark {
        table: "comment_votes",
        item_column: "comment_id",
        items: "comments",
        counter: "upvote_count",
    };
    crate::set_mark(db, &mark, comment_id.0, user_id.0, on).await
}

/// The comments among a thread's that `user_id` upvoted.
pub async fn upvoted_in_thread(
    db: &Db,
    topic_id: TopicId,
    proposal_id: Option<ProposalId>,
    user_id: UserId,
) -> Result<Vec<CommentId>> {
    let filter = if proposal_id.is_some() {
        "c.proposal_id = $1"
    } else {
        "c.topic_id = $1 AND c.proposal_id IS NULL"
    };
    let sql = format!(
        "SELECT v.comment_id FROM comment_votes v JOIN comments c ON c.id = v.comment_id \
         WHERE v.user_id = $2 AND {filter}"
    );
    let ids: Vec<i64> = with_pool!(db, p => sqlx::query_scalar(&sql)
        .bind(proposal_id.map_or(topic_id.0, |p| p.0))
        .bind(user_id.0)
        .fetch_all(p)
        .await?);
    Ok(ids.into_iter().map(CommentId).collect())
}
