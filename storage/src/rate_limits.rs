//! Rate-limit counters in fixed windows, shared by every server of a site.

use crate::{with_pool, Db, Result};

/// Counts one more action for (`bucket`, `key`) in the window starting at `window_start` and
/// returns the window's count, this one included. Older windows of the same key are dropped.
pub async fn hit(db: &Db, bucket: &str, key: &str, window_start: i64) -> Result<i64> {
    Ok(with_pool!(db, p => {
        let mut tx = crate::BeginWrite::begin_write(p).await?;
        let count: i64 = sqlx::query_scalar(
            "INSERT INTO rate_hits (bucket, key, window_start, count) VALUES ($1, $2, $3, 1) \
             ON CONFLICT (bucket, key, window_start) \
             DO UPDATE SET count = rate_hits.count + 1 RETURNING count",
        )
        .bind(bucket)
        .bind(key)
        .bind(window_start)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM rate_hits WHERE bucket = $1 AND key = $2 AND window_start < $3")
            .bind(bucket)
            .bind(key)
            .bind(window_start)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        count
    }))
}

/// The count of (`bucket`, `key`) in the window starting at `window_start`, counting nothing.
pub async fn count(db: &Db, bucket: &str, key: &str, window_start: i64) -> Result<i64> {
    let n: Option<i64> = with_pool!(db, p => sqlx::query_scalar(
        "SELECT count FROM rate_hits WHERE bucket = $1 AND key = $2 AND window_start = $3",
    )
    .bind(bucket)
    .bind(key)
    .bind(window_start)
    .fetch_optional(p)
    .await?);
    Ok(n.unwrap_or(0))
}

/// Deletes every counter of a window that started before `before` (a key seen once and never
/// again would otherwise stay for ever); answers how many went.
pub async fn purge(db: &Db, before: i64) -> Result<u64> {
    Ok(
        with_pool!(db, p => sqlx::query("DELETE FROM rate_hits WHERE window_start < $1")
        .bind(before)
        .execute(p)
        .await?
        .rows_affected()),
    )
}
