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
}

/// All topics in display order.
pub async fn list_topics(db: &Db) -> Result<Vec<TopicRow>> {
    let sql = "SELECT id, slug, title, description, position FROM topics ORDER BY position, id";
    Ok(with_pool!(db, p => sqlx::query_as::<_, TopicRow>(sql).fetch_all(p).await?))
}

/// The topic with this slug.
pub async fn find_topic_by_slug(db: &Db, slug: &str) -> Result<TopicRow> {
    let sql = "SELECT id, slug, title, description, position FROM topics WHERE slug = $1";
    with_pool!(db, p => sqlx::query_as::<_, TopicRow>(sql).bind(slug).fetch_optional(p).await?)
        .ok_or(StorageError::NotFound)
}

/// The topic with this id.
pub async fn find_topic(db: &Db, id: i64) -> Result<TopicRow> {
    let sql = "SELECT id, slug, title, description, position FROM topics WHERE id = $1";
    with_pool!(db, p => sqlx::query_as::<_, TopicRow>(sql).bind(id).fetch_optional(p).await?)
        .ok_or(StorageError::NotFound)
}
