//! What anyone may read without signing in: published topics, proposals and comments, the
//! rounds and the stored results of closed ones, and the moderation log (public by design).
//! The read API, the open-data files and the CLI exports read through here.

use crate::{Error, Result};
use domain::{ProposalId, RoundId};
use storage::Db;

pub use storage::moderation::LogRow;
pub use storage::opendata::{BallotRow, CommentRow, ProposalRow, Slice, TopicRow};
pub use storage::rounds::RoundRow;

/// The convention's name (the publisher of its data) and question.
pub async fn convention(db: &Db) -> Result<storage::convention::ConventionRow> {
    Ok(storage::convention::get_convention(db).await?)
}

/// Every topic, archived ones included, in the order the site shows them.
pub async fn all_topics(db: &Db) -> Result<Vec<TopicRow>> {
    Ok(storage::opendata::topics(db).await?)
}

/// Topics by id, archived ones included.
pub async fn topics(db: &Db, slice: &Slice<'_>) -> Result<Vec<TopicRow>> {
    Ok(storage::opendata::topics_by_id(db, slice).await?)
}

/// Published proposals by id.
pub async fn proposals(db: &Db, slice: &Slice<'_>) -> Result<Vec<ProposalRow>> {
    Ok(storage::opendata::proposals(db, slice).await?)
}

/// Published comments by id.
pub async fn comments(db: &Db, slice: &Slice<'_>) -> Result<Vec<CommentRow>> {
    Ok(storage::opendata::comments(db, slice).await?)
}

/// The ballots of rounds closed at `now`, with their receipts and nothing about voters.
pub async fn ballots(db: &Db, now: i64) -> Result<Vec<BallotRow>> {
    Ok(storage::opendata::ballots(db, now).await?)
}

/// Rounds by id, after `after`, at most `limit`.
pub async fn rounds(db: &Db, after: RoundId, limit: i64) -> Result<Vec<RoundRow>> {
    Ok(storage::rounds::rounds_by_id(db, after, limit).await?)
}

/// Every round the public sees (none cancelled), latest opening first.
pub async fn all_rounds(db: &Db) -> Result<Vec<RoundRow>> {
    crate::rounds::list_for(db, None).await
}

/// The rounds closed now (all, or those in `chosen`), in the order they closed.
pub async fn closed_rounds(db: &Db, chosen: Option<&[RoundId]>) -> Result<Vec<RoundRow>> {
    let now = storage::now_ms();
    let mut rows: Vec<_> = storage::rounds::list_rounds(db)
        .await?
        .into_iter()
        .filter(|r| r.closes_at <= now && r.cancelled_at.is_none())
        .filter(|r| chosen.is_none_or(|c| c.contains(&r.id)))
        .collect();
    rows.sort_by_key(|r| (r.closes_at, r.id));
    Ok(rows)
}

/// The titles of a round's candidates as the public may see them: a proposal hidden since
/// shows as [`crate::report::MASKED`].
pub async fn candidate_titles(db: &Db, ids: &[ProposalId]) -> Result<Vec<(ProposalId, String)>> {
    Ok(storage::report::public_titles(db, ids, crate::report::MASKED).await?)
}

/// One round, whatever its phase, unless cancelled (`NotFound`).
pub async fn round(db: &Db, id: RoundId) -> Result<RoundRow> {
    crate::rounds::round_for(db, None, id).await
}

/// One round whose results are public: `NotFound` until it has closed.
pub async fn closed_round(db: &Db, id: RoundId) -> Result<RoundRow> {
    let r = round(db, id).await?;
    if r.phase(storage::now_ms()) == domain::voting::round::Phase::Closed {
        Ok(r)
    } else {
        Err(Error::NotFound)
    }
}

/// A page of the moderation log, newest first, before the entry `before`.
pub async fn moderation_log(db: &Db, before: Option<i64>, limit: i64) -> Result<Vec<LogRow>> {
    Ok(storage::moderation::log(db, before, limit).await?)
}

/// The topics on the home page: not archived, in display order.
pub async fn home_topics(db: &Db) -> Result<Vec<storage::topics::TopicRow>> {
    Ok(storage::topics::list_topics(db, false).await?)
}

/// Published proposals and comments matching a query (accents and case ignored), best first,
/// at most `limit`; with the query's words as understood.
pub async fn search(
    db: &Db,
    query: &str,
    limit: i64,
) -> Result<(Vec<String>, Vec<storage::search::Hit>)> {
    use domain::search::{fts5_query, words};
    let words = words(query);
    let Some(fts5) = fts5_query(query) else {
        return Ok((words, Vec::new()));
    };
    let hits = storage::search::search(db, &fts5, &words.join(" "), limit).await?;
    Ok((words, hits))
}
