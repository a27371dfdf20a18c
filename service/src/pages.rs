//! What a cache of rendered pages must know of the database: whether anything was committed
//! since a page was rendered, and when what pages show changes with time alone.

use crate::{Db, Result};

pub use storage::ChangeProbe;

/// A probe of `db`'s commits ([`ChangeProbe`]); `None` when the database cannot be watched
/// (an in-memory SQLite database).
pub async fn change_probe(db: &Db) -> Result<Option<ChangeProbe>> {
    Ok(db.change_probe().await?)
}

/// The next moment after `now` (Unix ms) at which a round opens or closes.
pub async fn next_change_in_time(db: &Db, now: i64) -> Result<Option<i64>> {
    Ok(storage::rounds::next_boundary(db, now).await?)
}
