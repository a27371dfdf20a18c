//! The convention itself: its name and the question it answers (one row).

use crate::{with_pool, Db, Result};
use domain::UserId;

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

/// The moderation settings organisers tune.
pub async fn moderation_settings(db: &Db) -> Result<domain::moderation::Settings> {
    let sql = "SELECT report_threshold, young_account_hours FROM convention WHERE id = 1";
    let (threshold, hours): (i64, i64) =
        with_pool!(db, p => sqlx::query_as(sql).fetch_one(p).await?);
    // The table's CHECKs keep both in range; should they not, the defaults are the safe side.
    Ok(domain::moderation::Settings::parse(threshold, hours).unwrap_or_default())
}

/// Stores the moderation settings and logs the change.
pub async fn set_moderation_settings(
    db: &Db,
    s: &domain::moderation::Settings,
    actor_id: UserId,
) -> Result<()> {
    let now = crate::now_ms();
    let reason = format!(
        "report_threshold={} young_account_hours={}",
        s.report_threshold,
        s.young_account_hours()
    );
    with_pool!(db, p => {
        let mut tx = crate::BeginWrite::begin_write(p).await?;
        sqlx::query("UPDATE convention SET report_threshold = $1, young_account_hours = $2 WHERE id = 1")
            .bind(i64::from(s.report_threshold))
            .bind(s.young_account_hours())
            .execute(&mut *tx)
            .await?;
        log_action!(tx, Some(actor_id), "settings", "convention", 1_i64, reason, now);
        tx.commit().await?;
    });
    Ok(())
}
