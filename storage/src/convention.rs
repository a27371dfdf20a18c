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
    let sql = "SELECT report_threshold, young_account_hours, reporter_min_hours, \
               reporter_min_contributions FROM convention WHERE id = 1";
    let (report_threshold, young_account_hours, reporter_min_hours, reporter_min_contributions): (
        i64,
        i64,
        i64,
        i64,
    ) = with_pool!(db, p => sqlx::query_as(sql).fetch_one(p).await?);
    // The table's CHECKs keep all in range; should they not, the defaults are the safe side.
    Ok(
        domain::moderation::Settings::parse(domain::moderation::SettingsForm {
            report_threshold,
            young_account_hours,
            reporter_min_hours,
            reporter_min_contributions,
        })
        .unwrap_or_default(),
    )
}

/// Stores the moderation settings and logs the change.
pub async fn set_moderation_settings(
    db: &Db,
    s: &domain::moderation::Settings,
    actor_id: UserId,
) -> Result<()> {
    let now = crate::now_ms();
    let f = s.form();
    let reason = f.log_reason();
    with_pool!(db, p => {
        let mut tx = crate::BeginWrite::begin_write(p).await?;
        sqlx::query(
            "UPDATE convention SET report_threshold = $1, young_account_hours = $2, \
             reporter_min_hours = $3, reporter_min_contributions = $4 WHERE id = 1",
        )
        .bind(f.report_threshold)
        .bind(f.young_account_hours)
        .bind(f.reporter_min_hours)
        .bind(f.reporter_min_contributions)
        .execute(&mut *tx)
        .await?;
        log_action!(tx, Some(actor_id), "settings", "convention", 1_i64, reason, now);
        tx.commit().await?;
    });
    Ok(())
}
