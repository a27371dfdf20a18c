//! Topics: the threads the convention's debate is organised in, curated by moderators and
//! organisers. Pinned topics come first, then by `position`; archived topics leave the lists
//! but keep their pages.

use crate::{with_pool, Db, Result, StorageError};
use domain::{TopicId, UserId};

/// A topic as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TopicRow {
    /// Row id.
    #[sqlx(try_from = "i64")]
    pub id: TopicId,
    /// The URL segment, unique.
    pub slug: String,
    /// Its title.
    pub title: String,
    /// A description, Markdown.
    pub description: String,
    /// Display order, smallest first.
    pub position: i64,
    /// New proposals are accepted.
    pub open_for_proposals: bool,
    /// The question that frames the debate; may be empty.
    pub question: String,
    /// Shown before the others.
    pub pinned: bool,
    /// Out of the lists, read-only.
    pub archived: bool,
    /// New proposals and comments wait for a moderator.
    pub premoderated: bool,
}

const COLUMNS: &str =
    "id, slug, title, description, position, open_for_proposals, question, pinned, archived, premoderated";

/// Topics in display order: pinned first, then by position; archived ones only if asked.
pub async fn list_topics(db: &Db, with_archived: bool) -> Result<Vec<TopicRow>> {
    let filter = if with_archived {
        ""
    } else {
        "WHERE NOT archived"
    };
    let sql = format!("SELECT {COLUMNS} FROM topics {filter} ORDER BY pinned DESC, position, id");
    Ok(with_pool!(db, p => sqlx::query_as::<_, TopicRow>(&sql).fetch_all(p).await?))
}

/// The topic with this slug.
pub async fn find_topic_by_slug(db: &Db, slug: &str) -> Result<TopicRow> {
    let sql = format!("SELECT {COLUMNS} FROM topics WHERE slug = $1");
    with_pool!(db, p => sqlx::query_as::<_, TopicRow>(&sql).bind(slug).fetch_optional(p).await?)
        .ok_or(StorageError::NotFound)
}

/// The topic with this id.
pub async fn find_topic(db: &Db, id: TopicId) -> Result<TopicRow> {
    let sql = format!("SELECT {COLUMNS} FROM topics WHERE id = $1");
    with_pool!(db, p => sqlx::query_as::<_, TopicRow>(&sql).bind(id.0).fetch_optional(p).await?)
        .ok_or(StorageError::NotFound)
}

/// A topic's editable text and policy.
pub struct TopicFields<'a> {
    /// URL segment.
    pub slug: &'a str,
    /// Title.
    pub title: &'a str,
    /// Description, Markdown.
    pub description: &'a str,
    /// Framing question.
    pub question: &'a str,
    /// Pre-moderation.
    pub premoderated: bool,
}

/// The unique constraint on slugs.
pub const SLUG_UNIQUE: &str = "topics_slug_unique";

/// Creates a topic at the end of the list and logs it; returns its id.
/// [`StorageError::Conflict`] when the slug is taken.
pub async fn create_topic(db: &Db, f: &TopicFields<'_>, actor_id: UserId) -> Result<TopicId> {
    let now = crate::now_ms();
    with_pool!(db, p => {
        let mut tx = crate::BeginWrite::begin_write(p).await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO topics (slug, title, description, question, premoderated, position) \
             VALUES ($1, $2, $3, $4, $5, (SELECT COALESCE(MAX(position), 0) + 1 FROM topics)) \
             RETURNING id",
        )
        .bind(f.slug)
        .bind(f.title)
        .bind(f.description)
        .bind(f.question)
        .bind(f.premoderated)
        .fetch_one(&mut *tx)
        .await
        .map_err(crate::conflict_on(SLUG_UNIQUE))?;
        log_action!(tx, Some(actor_id), "create_topic", "topic", id, f.title, now);
        tx.commit().await?;
        Ok(TopicId(id))
    })
}

/// Changes a topic's text and policy, and logs it (with the policy when it changed).
pub async fn update_topic(
    db: &Db,
    id: TopicId,
    f: &TopicFields<'_>,
    actor_id: UserId,
) -> Result<()> {
    let now = crate::now_ms();
    with_pool!(db, p => {
        let mut tx = crate::BeginWrite::begin_write(p).await?;
        let before: Option<bool> = sqlx::query_scalar("SELECT premoderated FROM topics WHERE id = $1")
            .bind(id.0)
            .fetch_optional(&mut *tx)
            .await?;
        let before = before.ok_or(StorageError::NotFound)?;
        sqlx::query(
            "UPDATE topics SET slug = $1, title = $2, description = $3, question = $4, \
             premoderated = $5 WHERE id = $6",
        )
        .bind(f.slug)
        .bind(f.title)
        .bind(f.description)
        .bind(f.question)
        .bind(f.premoderated)
        .bind(id.0)
        .execute(&mut *tx)
        .await
        .map_err(crate::conflict_on(SLUG_UNIQUE))?;
        log_action!(tx, Some(actor_id), "edit_topic", "topic", id, f.title, now);
        if before != f.premoderated {
            let action = if f.premoderated { "premoderate_topic" } else { "postmoderate_topic" };
            log_action!(tx, Some(actor_id), action, "topic", id, "", now);
        }
        tx.commit().await?;
    });
    Ok(())
}

/// A yes/no property of a topic that curators switch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flag {
    /// Takes new proposals.
    Open,
    /// Shown first.
    Pinned,
    /// Out of the lists.
    Archived,
}

impl Flag {
    fn column(self) -> &'static str {
        match self {
            Flag::Open => "open_for_proposals",
            Flag::Pinned => "pinned",
            Flag::Archived => "archived",
        }
    }

    fn action(self, on: bool) -> &'static str {
        match (self, on) {
            (Flag::Open, true) => "open_topic",
            (Flag::Open, false) => "close_topic",
            (Flag::Pinned, true) => "pin_topic",
            (Flag::Pinned, false) => "unpin_topic",
            (Flag::Archived, true) => "archive_topic",
            (Flag::Archived, false) => "unarchive_topic",
        }
    }
}

/// Switches a topic's flag and logs who did it.
pub async fn set_flag(
    db: &Db,
    topic_id: TopicId,
    flag: Flag,
    on: bool,
    actor_id: UserId,
) -> Result<()> {
    let now = crate::now_ms();
    with_pool!(db, p => {
        let mut tx = crate::BeginWrite::begin_write(p).await?;
        let done = sqlx::query(&format!("UPDATE topics SET {} = $1 WHERE id = $2", flag.column()))
            .bind(on)
            .bind(topic_id.0)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if done == 0 {
            return Err(StorageError::NotFound);
        }
        log_action!(tx, Some(actor_id), flag.action(on), "topic", topic_id, "", now);
        tx.commit().await?;
    });
    Ok(())
}

/// Moves a topic one place up or down among all topics, renumbering positions in one
/// transaction (so two curators reordering at once cannot leave duplicates behind).
pub async fn move_topic(
    db: &Db,
    topic_id: TopicId,
    m: domain::topic::Move,
    actor_id: UserId,
) -> Result<()> {
    let now = crate::now_ms();
    with_pool!(db, p => {
        let mut tx = crate::BeginWrite::begin_write(p).await?;
        // A no-op write first, so SQLite takes its write lock before reading the order.
        sqlx::query("UPDATE topics SET position = position WHERE id = $1")
            .bind(topic_id.0)
            .execute(&mut *tx)
            .await?;
        let ids: Vec<TopicId> = sqlx::query_scalar::<_, i64>("SELECT id FROM topics ORDER BY position, id")
            .fetch_all(&mut *tx)
            .await?
            .into_iter()
            .map(TopicId)
            .collect();
        if !ids.contains(&topic_id) {
            return Err(StorageError::NotFound);
        }
        for (id, position) in domain::topic::reorder(&ids, topic_id, m) {
            sqlx::query("UPDATE topics SET position = $1 WHERE id = $2")
                .bind(position)
                .bind(id.0)
                .execute(&mut *tx)
                .await?;
        }
        let action = match m {
            domain::topic::Move::Up => "move_topic_up",
            domain::topic::Move::Down => "move_topic_down",
        };
        log_action!(tx, Some(actor_id), action, "topic", topic_id, "", now);
        tx.commit().await?;
    });
    Ok(())
}
