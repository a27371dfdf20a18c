//! Topics: the threads the convention's debate is organised in, ordered by `position`.

use crate::{with_pool, Db, Result, StorageError};

/// A topic as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TopicRow {
    /// Row id.
    pub id: i64,
    /// The URL segment, unique.
    pub slug: String,
    /// Its title.
    pub title: String,
    /// A short description.
    pub description: String,
    /// Display order, smallest first.
    pub position: i64,
    /// New proposals are accepted.
    pub open_for_proposals: bool,
}

/// All topics in display order.
pub async fn list_topics(db: &Db) -> Result<Vec<TopicRow>> {
    let sql = "SELECT id, slug, title, description, position, open_for_proposals FROM topics ORDER BY position, id";
    Ok(with_pool!(db, p => sqlx::query_as::<_, TopicRow>(sql).fetch_all(p).await?))
}

/// The topic with this slug.
pub async fn find_topic_by_slug(db: &Db, slug: &str) -> Result<TopicRow> {
    let sql = "SELECT id, slug, title, description, position, open_for_proposals FROM topics WHERE slug = $1";
    with_pool!(db, p => sqlx::query_as::<_, TopicRow>(sql).bind(slug).fetch_optional(p).await?)
        .ok_or(StorageError::NotFound)
}

/// The topic with this id.
pub async fn find_topic(db: &Db, id: i64) -> Result<TopicRow> {
    let sql = "SELECT id, slug, title, description, position, open_for_proposals FROM topics WHERE id = $1";
    with_pool!(db, p => sqlx::query_as::<_, TopicRow>(sql).bind(id).fetch_optional(p).await?)
        .ok_or(StorageError::NotFound)
}

/// Opens or closes a topic to new proposals, and logs who did it.
pub async fn set_open(db: &Db, topic_id: i64, open: bool, actor_id: i64) -> Result<()> {
    let now = crate::now_ms();
    crate::with_pool!(db, p => {
        let mut tx = p.begin().await?;
        let done = sqlx::query("UPDATE topics SET open_for_proposals = $1 WHERE id = $2")
            .bind(open)
            .bind(topic_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if done == 0 {
            return Err(crate::StorageError::NotFound);
        }
        let action = if open { "open_topic" } else { "close_topic" };
        log_action!(tx, Some(actor_id), action, "topic", topic_id, "", now);
        tx.commit().await?;
    });
    Ok(())
}
