//! What the recommendations report is made of: the organisers' choices (introduction, rounds,
//! topics), pinned arguments and dissent notes, and the convention-wide figures on its cover.
//! Only visible content is ever read for it.

use crate::{with_pool, Db, Result, StorageError};
use domain::{CommentId, ProposalId, RoundId, TopicId, UserId};

/// The organisers' choices.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    /// Introduction, Markdown.
    pub introduction: String,
    /// Chosen rounds; `None` = every closed round.
    pub rounds: Option<Vec<RoundId>>,
    /// Chosen topics; `None` = every topic.
    pub topics: Option<Vec<TopicId>>,
}

fn ids<T: std::str::FromStr>(list: Option<String>) -> Option<Vec<T>> {
    list.map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
}

fn list<T: std::fmt::Display>(ids: &Option<Vec<T>>) -> Option<String> {
    ids.as_deref().map(crate::id_list)
}

/// Reads the settings.
pub async fn settings(db: &Db) -> Result<Settings> {
    let sql = "SELECT introduction, round_ids, topic_ids FROM report_settings WHERE id = 1";
    let (introduction, rounds, topics): (String, Option<String>, Option<String>) =
        with_pool!(db, p => sqlx::query_as(sql).fetch_one(p).await?);
    Ok(Settings {
        introduction,
        rounds: ids(rounds),
        topics: ids(topics),
    })
}

/// When the report was published, if it is (anyone may then download it).
pub async fn published_at(db: &Db) -> Result<Option<i64>> {
    let sql = "SELECT published_at FROM report_settings WHERE id = 1";
    Ok(with_pool!(db, p => sqlx::query_scalar(sql).fetch_one(p).await?))
}

/// Publishes the report (`on`) or withdraws it from the public, and logs who did it.
pub async fn set_published(db: &Db, on: bool, actor: UserId) -> Result<()> {
    let now = crate::now_ms();
    let action = if on {
        "report_publish"
    } else {
        "report_unpublish"
    };
    with_pool!(db, p => {
        let mut tx = crate::BeginWrite::begin_write(p).await?;
        sqlx::query("UPDATE report_settings SET published_at = $1 WHERE id = 1")
            .bind(on.then_some(now))
            .execute(&mut *tx)
            .await?;
        log_action!(tx, Some(actor), action, "report", 1i64, "", now);
        tx.commit().await?;
        Ok(())
    })
}

/// Stores the settings and logs who changed them.
pub async fn set_settings(db: &Db, s: &Settings, actor: UserId) -> Result<()> {
    let now = crate::now_ms();
    with_pool!(db, p => {
        let mut tx = crate::BeginWrite::begin_write(p).await?;
        sqlx::query(
            "UPDATE report_settings SET introduction = $1, round_ids = $2, topic_ids = $3, \
             updated_at = $4 WHERE id = 1",
        )
        .bind(&s.introduction)
        .bind(list(&s.rounds))
        .bind(list(&s.topics))
        .bind(now)
        .execute(&mut *tx)
        .await?;
        log_action!(tx, Some(actor), "report_settings", "report", 1i64, "", now);
        tx.commit().await?;
        Ok(())
    })
}

/// Pins a visible comment on a proposal as an argument `side` ("for" or "against"), or
/// changes its side; [`StorageError::NotFound`] when the comment is not a visible comment on
/// a proposal.
pub async fn pin(db: &Db, comment_id: CommentId, side: &str, actor: UserId) -> Result<()> {
    let now = crate::now_ms();
    with_pool!(db, p => {
        let mut tx = crate::BeginWrite::begin_write(p).await?;
        let ok: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM comments WHERE id = $1 AND proposal_id IS NOT NULL \
             AND visibility = 'published'",
        )
        .bind(comment_id.0)
        .fetch_one(&mut *tx)
        .await?;
        if ok == 0 {
            return Err(StorageError::NotFound);
        }
        sqlx::query(
            "INSERT INTO report_arguments (comment_id, side, pinned_by, pinned_at) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (comment_id) DO UPDATE SET side = $2, \
             pinned_by = $3, pinned_at = $4",
        )
        .bind(comment_id.0)
        .bind(side)
        .bind(actor.0)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        log_action!(tx, Some(actor), "report_pin", "comment", comment_id, side, now);
        tx.commit().await?;
        Ok(())
    })
}

/// Unpins a comment (nothing happens if it was not pinned).
pub async fn unpin(db: &Db, comment_id: CommentId, actor: UserId) -> Result<()> {
    let now = crate::now_ms();
    with_pool!(db, p => {
        let mut tx = crate::BeginWrite::begin_write(p).await?;
        let n = sqlx::query("DELETE FROM report_arguments WHERE comment_id = $1")
            .bind(comment_id.0)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if n > 0 {
            log_action!(tx, Some(actor), "report_unpin", "comment", comment_id, "", now);
        }
        tx.commit().await?;
        Ok(())
    })
}

/// A comment that may be, or is, an argument in the report.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ArgumentRow {
    /// The comment.
    #[sqlx(try_from = "i64")]
    pub comment_id: CommentId,
    /// Its proposal.
    #[sqlx(try_from = "i64")]
    pub proposal_id: ProposalId,
    /// Its author's name as published (see `public_author!`).
    pub author_name: String,
    /// Markdown.
    pub body: String,
    /// The stance the author took ("pour", "contre", "neutre"), if any.
    pub stance: Option<String>,
    /// Upvotes.
    pub upvote_count: i64,
    /// "for" or "against" once pinned.
    pub pinned: Option<String>,
}

/// Visible comments on the given proposals that could be arguments: pinned ones, and the
/// others that took a stance; the pinned first, then by upvotes. At most `per_proposal` of
/// the unpinned per proposal.
pub async fn arguments(
    db: &Db,
    proposals: &[ProposalId],
    per_proposal: usize,
) -> Result<Vec<ArgumentRow>> {
    if proposals.is_empty() {
        return Ok(Vec::new());
    }
    // Integers formatted here, never caller text.
    let list = crate::id_list(proposals);
    let sql = format!(
        "SELECT c.id AS comment_id, c.proposal_id AS proposal_id, {author} AS author_name, \
         c.body, c.stance, c.upvote_count, \
         a.side AS pinned FROM comments c JOIN users u ON u.id = c.author_id \
         LEFT JOIN report_arguments a ON a.comment_id = c.id \
         WHERE c.proposal_id IN ({list}) AND c.visibility = 'published' \
         AND (a.side IS NOT NULL OR c.stance IN ('pour', 'contre')) \
         ORDER BY c.proposal_id, (a.side IS NULL), c.upvote_count DESC, c.id",
        author = public_author!()
    );
    let rows: Vec<ArgumentRow> =
        with_pool!(db, p => sqlx::query_as::<_, ArgumentRow>(&sql).fetch_all(p).await?);
    let mut out = Vec::new();
    let mut seen: Vec<(ProposalId, usize)> = Vec::new();
    for r in rows {
        if r.pinned.is_none() {
            let n = match seen.iter_mut().find(|(id, _)| *id == r.proposal_id) {
                Some((_, n)) => n,
                None => {
                    seen.push((r.proposal_id, 0));
                    &mut seen.last_mut().expect("just pushed").1
                }
            };
            if *n >= per_proposal {
                continue;
            }
            *n += 1;
        }
        out.push(r);
    }
    Ok(out)
}

/// A dissent note.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DissentRow {
    /// Row id.
    pub id: i64,
    /// The proposal it nuances.
    #[sqlx(try_from = "i64")]
    pub proposal_id: ProposalId,
    /// Markdown.
    pub body: String,
}

/// Adds a dissent note to a visible proposal; [`StorageError::NotFound`] otherwise.
pub async fn add_dissent(
    db: &Db,
    proposal_id: ProposalId,
    body: &str,
    actor: UserId,
) -> Result<i64> {
    let now = crate::now_ms();
    with_pool!(db, p => {
        let mut tx = crate::BeginWrite::begin_write(p).await?;
        let ok: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM proposals WHERE id = $1 AND visibility = 'published'",
        )
        .bind(proposal_id.0)
        .fetch_one(&mut *tx)
        .await?;
        if ok == 0 {
            return Err(StorageError::NotFound);
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO report_dissents (proposal_id, body, author_id, created_at) \
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(proposal_id.0)
        .bind(body)
        .bind(actor.0)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        log_action!(tx, Some(actor), "report_dissent", "proposal", proposal_id, "", now);
        tx.commit().await?;
        Ok(id)
    })
}

/// Deletes a dissent note; [`StorageError::NotFound`] if there is none with that id.
pub async fn delete_dissent(db: &Db, id: i64, actor: UserId) -> Result<()> {
    let now = crate::now_ms();
    with_pool!(db, p => {
        let mut tx = crate::BeginWrite::begin_write(p).await?;
        let proposal: Option<i64> =
            sqlx::query_scalar("DELETE FROM report_dissents WHERE id = $1 RETURNING proposal_id")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
        let Some(proposal) = proposal else {
            return Err(StorageError::NotFound);
        };
        log_action!(tx, Some(actor), "report_dissent_delete", "proposal", proposal, "", now);
        tx.commit().await?;
        Ok(())
    })
}

/// Every dissent note, by proposal then order of writing.
pub async fn dissents(db: &Db) -> Result<Vec<DissentRow>> {
    let sql = "SELECT id, proposal_id, body FROM report_dissents ORDER BY proposal_id, id";
    Ok(with_pool!(db, p => sqlx::query_as::<_, DissentRow>(sql).fetch_all(p).await?))
}

/// A proposal as the report prints it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ReportProposalRow {
    /// Number.
    #[sqlx(try_from = "i64")]
    pub id: ProposalId,
    /// Topic.
    #[sqlx(try_from = "i64")]
    pub topic_id: TopicId,
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
}

/// The visible proposals with the given ids (any status), by id.
pub async fn proposals(db: &Db, ids: &[ProposalId]) -> Result<Vec<ReportProposalRow>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = crate::id_list(ids);
    let sql = format!(
        "SELECT p.id, p.topic_id, p.title, p.summary, p.body, p.status, \
         {author} AS author_name FROM proposals p JOIN users u ON u.id = p.author_id \
         WHERE p.id IN ({list}) AND p.visibility = 'published' ORDER BY p.id",
        author = public_author!()
    );
    Ok(with_pool!(db, p => sqlx::query_as::<_, ReportProposalRow>(&sql).fetch_all(p).await?))
}

/// (id, title) of the given proposals, the title replaced by `masked` for those not visible:
/// a round's results keep every line, but a hidden proposal's title is not published again.
pub async fn public_titles(
    db: &Db,
    ids: &[ProposalId],
    masked: &str,
) -> Result<Vec<(ProposalId, String)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = crate::id_list(ids);
    let sql = format!(
        "SELECT id, CASE WHEN visibility = 'published' AND status <> 'draft' THEN title \
         ELSE $1 END FROM proposals WHERE id IN ({list})"
    );
    let rows: Vec<(i64, String)> =
        with_pool!(db, p => sqlx::query_as(&sql).bind(masked).fetch_all(p).await?);
    Ok(rows
        .into_iter()
        .map(|(id, t)| (ProposalId(id), t))
        .collect())
}

/// Ids of the visible adopted proposals.
pub async fn adopted_ids(db: &Db) -> Result<Vec<ProposalId>> {
    let sql = "SELECT id FROM proposals WHERE status = 'adopted' AND visibility = 'published' \
               ORDER BY id";
    let ids: Vec<i64> = with_pool!(db, p => sqlx::query_scalar(sql).fetch_all(p).await?);
    Ok(ids.into_iter().map(ProposalId).collect())
}

/// (proposal, co-author's published name) for accepted co-authors of the given proposals.
pub async fn coauthors(db: &Db, ids: &[ProposalId]) -> Result<Vec<(ProposalId, String)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = crate::id_list(ids);
    let sql = format!(
        "SELECT c.proposal_id, {author} FROM proposal_coauthors c \
         JOIN users u ON u.id = c.user_id \
         WHERE c.proposal_id IN ({list}) AND c.accepted_at IS NOT NULL \
         ORDER BY c.proposal_id, c.accepted_at, c.user_id",
        author = public_author!()
    );
    let rows: Vec<(i64, String)> = with_pool!(db, p => sqlx::query_as(&sql).fetch_all(p).await?);
    Ok(rows
        .into_iter()
        .map(|(id, name)| (ProposalId(id), name))
        .collect())
}

/// The figures on the report's cover.
#[derive(Debug, Clone, Copy, Default)]
pub struct Figures {
    /// Members drawn by lot.
    pub members: i64,
    /// Distinct people who proposed, commented, supported or voted.
    pub participants: i64,
    /// First proposal or first round's opening, whichever came first, Unix ms.
    pub first: Option<i64>,
    /// Last closed round's close or last comment, Unix ms.
    pub last: Option<i64>,
}

/// Reads the cover figures.
pub async fn figures(db: &Db) -> Result<Figures> {
    let now = crate::now_ms();
    with_pool!(db, p => {
        let members: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM users WHERE role = 'member' AND deleted_at IS NULL",
        )
        .fetch_one(p)
        .await?;
        let participants: i64 = sqlx::query_scalar(
            // Set by the writes (migration `request_path_indexes`), not counted here from
            // every proposal, comment, support and ballot.
            "SELECT COUNT(*) FROM users WHERE took_part",
        )
        .fetch_one(p)
        .await?;
        let first_proposal: Option<i64> =
            // Ids grow with time: the first row is the earliest, found without reading all.
            sqlx::query_scalar("SELECT created_at FROM proposals ORDER BY id LIMIT 1")
                .fetch_optional(p)
                .await?;
        // A round may have opened before the proposals it holds were written (imported).
        let first_round: Option<i64> =
            sqlx::query_scalar(
                "SELECT MIN(opens_at) FROM rounds WHERE opens_at <= $1 AND cancelled_at IS NULL",
            )
                .bind(now)
                .fetch_one(p)
                .await?;
        let first = match (first_proposal, first_round) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let last_round: Option<i64> =
            sqlx::query_scalar(
                "SELECT MAX(closes_at) FROM rounds WHERE closes_at <= $1 AND cancelled_at IS NULL",
            )
                .bind(now)
                .fetch_one(p)
                .await?;
        let last_comment: Option<i64> = sqlx::query_scalar("SELECT created_at FROM comments ORDER BY id DESC LIMIT 1")
            .fetch_optional(p)
            .await?;
        Ok(Figures {
            members,
            participants,
            first,
            last: last_round.max(last_comment),
        })
    })
}
