//! Reads for the open-data datasets: visible content only, and never a personal field (no
//! e-mail, address, username, or anything that links a voter to a ballot is selected).

use crate::{with_pool, Db, Result};
use domain::{CommentId, ProposalId, RoundId, TopicId};

/// Which rows of a dataset: all of them (the downloads) or one page of the read API, always in
/// id order so that a page ends where the next one starts (keyset pagination).
#[derive(Clone, Copy, Debug, Default)]
pub struct Slice<'a> {
    /// Only rows with a larger id.
    pub after: i64,
    /// At most this many rows; `None`: all.
    pub limit: Option<i64>,
    /// Only this row.
    pub id: Option<i64>,
    /// Only rows of this topic (its slug).
    pub topic: Option<&'a str>,
    /// Only comments on this proposal.
    pub proposal: Option<i64>,
}

impl Slice<'_> {
    /// Every row.
    pub const ALL: Slice<'static> = Slice {
        after: 0,
        limit: None,
        id: None,
        topic: None,
        proposal: None,
    };

    /// Only the row with this id.
    pub fn one(id: i64) -> Slice<'static> {
        Slice {
            id: Some(id),
            ..Slice::ALL
        }
    }

    fn limit(&self) -> i64 {
        self.limit.unwrap_or(i64::MAX)
    }
}

/// A topic.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TopicRow {
    /// Id.
    #[sqlx(try_from = "i64")]
    pub id: TopicId,
    /// Address.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Its question.
    pub question: String,
    /// Description.
    pub description: String,
    /// Order.
    pub position: i64,
    /// Archived.
    pub archived: bool,
}

/// Every topic, in order.
pub async fn topics(db: &Db) -> Result<Vec<TopicRow>> {
    let sql = "SELECT id, slug, title, question, description, position, archived FROM topics \
               ORDER BY position, id";
    Ok(with_pool!(db, p => sqlx::query_as::<_, TopicRow>(sql).fetch_all(p).await?))
}

/// Topics by id (`slice.topic` picks one by slug).
pub async fn topics_by_id(db: &Db, slice: &Slice<'_>) -> Result<Vec<TopicRow>> {
    let sql = "SELECT id, slug, title, question, description, position, archived FROM topics \
               WHERE id > $1 AND ($2 IS NULL OR slug = $2) ORDER BY id LIMIT $3";
    Ok(with_pool!(db, p => sqlx::query_as::<_, TopicRow>(sql)
        .bind(slice.after)
        .bind(slice.topic)
        .bind(slice.limit())
        .fetch_all(p)
        .await?))
}

/// A visible proposal.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ProposalRow {
    /// Id.
    #[sqlx(try_from = "i64")]
    pub id: ProposalId,
    /// Its topic's slug.
    pub topic_slug: String,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// Markdown.
    pub body: String,
    /// Status name.
    pub status: String,
    /// The author's name as published (see `public_author!`).
    pub author_name: String,
    /// Supports.
    pub support_count: i64,
    /// Visible comments.
    pub comment_count: i64,
    /// Comments for.
    pub for_count: i64,
    /// Comments against.
    pub against_count: i64,
    /// Under review after enough reports (still published).
    pub under_review: bool,
    /// Creation, Unix ms.
    pub created_at: i64,
    /// Last change, Unix ms.
    pub updated_at: i64,
}

/// Published proposals (not drafts, not pending or hidden), by id.
pub async fn proposals(db: &Db, slice: &Slice<'_>) -> Result<Vec<ProposalRow>> {
    let sql = concat!(
        "SELECT p.id, t.slug AS topic_slug, p.title, p.summary, p.body, p.status, ",
        public_author!(),
        " AS author_name, p.support_count, p.comment_count, p.for_count, p.against_count, p.under_review, \
               p.created_at, \
               p.updated_at FROM proposals p JOIN topics t ON t.id = p.topic_id \
               JOIN users u ON u.id = p.author_id \
               WHERE p.visibility = 'published' AND p.status <> 'draft' AND p.id > $1 \
               AND ($2 IS NULL OR p.id = $2) AND ($3 IS NULL OR t.slug = $3) \
               ORDER BY p.id LIMIT $4"
    );
    Ok(with_pool!(db, p => sqlx::query_as::<_, ProposalRow>(sql)
        .bind(slice.after)
        .bind(slice.id)
        .bind(slice.topic)
        .bind(slice.limit())
        .fetch_all(p)
        .await?))
}

/// A visible comment.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CommentRow {
    /// Id.
    #[sqlx(try_from = "i64")]
    pub id: CommentId,
    /// Its topic's slug.
    pub topic_slug: String,
    /// Its proposal, if on one.
    #[sqlx(try_from = "crate::ids::NullableId")]
    pub proposal_id: Option<ProposalId>,
    /// The comment it answers.
    #[sqlx(try_from = "crate::ids::NullableId")]
    pub parent_id: Option<CommentId>,
    /// The author's name as published (see `public_author!`).
    pub author_name: String,
    /// Stance name.
    pub stance: Option<String>,
    /// Markdown.
    pub body: String,
    /// Upvotes.
    pub upvote_count: i64,
    /// Under review after enough reports (still published).
    pub under_review: bool,
    /// Creation, Unix ms.
    pub created_at: i64,
}

/// Published comments on topics or on published, non-draft proposals, by id.
pub async fn comments(db: &Db, slice: &Slice<'_>) -> Result<Vec<CommentRow>> {
    let sql = concat!(
        "SELECT c.id, t.slug AS topic_slug, c.proposal_id, c.parent_id, ",
        public_author!(),
        " AS author_name, c.stance, c.body, c.upvote_count, c.under_review, c.created_at \
               FROM comments c \
               JOIN topics t ON t.id = c.topic_id JOIN users u ON u.id = c.author_id \
               LEFT JOIN proposals p ON p.id = c.proposal_id \
               WHERE c.visibility = 'published' AND (c.proposal_id IS NULL OR \
               (p.visibility = 'published' AND p.status <> 'draft')) AND c.id > $1 \
               AND ($2 IS NULL OR c.id = $2) AND ($3 IS NULL OR t.slug = $3) \
               AND ($4 IS NULL OR c.proposal_id = $4) ORDER BY c.id LIMIT $5"
    );
    Ok(with_pool!(db, p => sqlx::query_as::<_, CommentRow>(sql)
        .bind(slice.after)
        .bind(slice.id)
        .bind(slice.topic)
        .bind(slice.proposal)
        .bind(slice.limit())
        .fetch_all(p)
        .await?))
}

/// A published ballot.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BallotRow {
    /// Its round.
    #[sqlx(try_from = "i64")]
    pub round_id: RoundId,
    /// The count it went into.
    pub side: String,
    /// Its receipt.
    pub receipt: String,
    /// Its JSON.
    pub content: String,
}

/// Ballots of the rounds closed by `now`, by round then receipt (receipts are random, so the
/// order follows no voter and no time).
pub async fn ballots(db: &Db, now: i64) -> Result<Vec<BallotRow>> {
    let sql = "SELECT b.round_id, b.side, b.receipt, b.content FROM ballots b \
               JOIN rounds r ON r.id = b.round_id WHERE r.closes_at <= $1 \
               ORDER BY b.round_id, b.receipt";
    Ok(with_pool!(db, p => sqlx::query_as::<_, BallotRow>(sql).bind(now).fetch_all(p).await?))
}
