//! The convention itself: its name and the question it answers (one row).

use crate::{with_pool, Db, Result};

/// The convention's identity, as shown on the home page.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ConventionRow {
    /// Its name.
    pub name: String,
    /// The question put to the citizens.
    pub question: String,
}

/// Loads the convention's one row, seeded by the first migration.
pub async fn get_convention(db: &Db) -> Result<ConventionRow> {
    let sql = "SELECT name, question FROM convention WHERE id = 1";
    Ok(with_pool!(db, p => sqlx::query_as::<_, ConventionRow>(sql).fetch_one(p).await?))
}
