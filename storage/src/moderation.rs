//! Reports, moderators' decisions and the append-only moderation log.
//!
//! Every change of an item's moderation state happens in one transaction with its log row and
//! with the counters it moves, so the log never misses a step and counts never drift.

use crate::{with_pool, Db, Result, StorageError};
use domain::moderation::{Settings, Visibility};
use domain::{CommentId, ProposalId, Role, UserId};

pub use domain::moderation::ItemKind;

/// The table of a kind readers can report; [`StorageError::NotFound`] for the others (no
/// round or account is ever reported, hidden or appealed).
fn table(kind: ItemKind) -> Result<&'static str> {
    match kind {
        ItemKind::Proposal => Ok("proposals"),
        ItemKind::Comment => Ok("comments"),
        _ => Err(StorageError::NotFound),
    }
}

/// A stored report's reason name, its note, and the reporter.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct ReportRow {
    /// Item kind name.
    pub item_kind: String,
    /// Item id.
    pub item_id: i64,
    /// Reason name.
    pub reason: String,
    /// Free text.
    pub note: String,
    /// Reporter's display name.
    pub reporter_name: String,
    /// When, Unix ms.
    pub created_at: i64,
}

/// Locks an item's row for this transaction (see [`crate::BeginWrite::for_update`]) and
/// reads its state: visibility, hidden reason, whether it is under review, and for comments
/// the proposal and stance its counters belong to.
macro_rules! lock_item {
    ($pool:expr, $tx:expr, $kind:expr, $id:expr) => {{
        let table = table($kind)?;
        let lock = crate::BeginWrite::for_update($pool);
        let extra = match $kind {
            ItemKind::Comment => "proposal_id, stance",
            _ => "NULL AS proposal_id, NULL AS stance",
        };
        let row: Option<(String, Option<String>, bool, Option<i64>, Option<String>)> =
            sqlx::query_as(&format!(
                "SELECT visibility, hidden_reason, under_review, {extra} FROM {table} \
                 WHERE id = $1{lock}"
            ))
            .bind($id)
            .fetch_optional(&mut *$tx)
            .await?;
        row.ok_or(StorageError::NotFound)?
    }};
}

/// Moves an item from `from` to `to`, keeping its proposal's comment counters right.
macro_rules! set_visibility {
    ($tx:expr, $kind:expr, $id:expr, $from:expr, $to:expr, $proposal:expr, $stance:expr) => {{
        let reason = match &$to {
            Visibility::Hidden(r) => Some(r.clone()),
            _ => None,
        };
        sqlx::query(&format!(
            "UPDATE {} SET visibility = $1, hidden_reason = $2 WHERE id = $3",
            table($kind)?
        ))
        .bind($to.stored_name())
        .bind(reason)
        .bind($id)
        .execute(&mut *$tx)
        .await?;
        let delta: i64 = match ($from.counts_publicly(), $to.counts_publicly()) {
            (true, false) => -1,
            (false, true) => 1,
            _ => 0,
        };
        if let (ItemKind::Comment, Some(pid), true) = ($kind, $proposal, delta != 0) {
            let stance_set = match $stance.as_deref() {
                Some("pour") => ", for_count = for_count + $1",
                Some("contre") => ", against_count = against_count + $1",
                Some("neutre") => ", neutral_count = neutral_count + $1",
                _ => "",
            };
            sqlx::query(&format!(
                "UPDATE proposals SET comment_count = comment_count + $1{stance_set} WHERE id = $2"
            ))
            .bind(delta)
            .bind(pid)
            .execute(&mut *$tx)
            .await?;
        }
    }};
}

/// Marks an item's open reports (or appeals: `$table`) answered at `$now`.
macro_rules! resolve_open {
    ($tx:expr, $table:literal, $kind:expr, $id:expr, $now:expr) => {
        sqlx::query(concat!(
            "UPDATE ",
            $table,
            " SET resolved_at = $1 WHERE item_kind = $2 AND item_id = $3 AND resolved_at IS NULL"
        ))
        .bind($now)
        .bind($kind.as_str())
        .bind($id)
        .execute(&mut *$tx)
        .await?
    };
}

/// What moderation needs of an item: its author, state, appeal and where it is read.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct ItemRow {
    /// Its author.
    #[sqlx(try_from = "i64")]
    pub author_id: UserId,
    /// Moderation state name.
    pub visibility: String,
    /// The moderators' reason, when hidden.
    pub hidden_reason: Option<String>,
    /// 0 never appealed, 1 appeal waiting, 2 appeal answered.
    pub appeal: i64,
    /// The proposal it is or belongs to, if any.
    #[sqlx(try_from = "crate::ids::NullableId")]
    pub proposal_id: Option<ProposalId>,
    /// Its topic's slug.
    pub topic_slug: String,
}

impl ItemRow {
    /// Its moderation state; [`crate::StorageError::Corrupt`] on an unknown stored name.
    pub fn state(&self) -> crate::Result<domain::moderation::Visibility> {
        crate::visibility_of(
            "visibility",
            &self.visibility,
            self.hidden_reason.as_deref(),
        )
    }
}

/// The item `kind` `id`, in one query.
pub async fn item(db: &Db, kind: ItemKind, id: i64) -> Result<ItemRow> {
    let proposal = match kind {
        ItemKind::Proposal => "i.id",
        _ => "i.proposal_id",
    };
    let sql = format!(
        "SELECT i.author_id, i.visibility, i.hidden_reason, i.appeal, {proposal} AS proposal_id, \
         t.slug AS topic_slug FROM {} i JOIN topics t ON t.id = i.topic_id WHERE i.id = $1",
        table(kind)?
    );
    with_pool!(db, p => sqlx::query_as::<_, ItemRow>(&sql).bind(id).fetch_optional(p).await?)
        .ok_or(StorageError::NotFound)
}

/// A new report.
pub struct NewReport<'a> {
    /// The item.
    pub kind: ItemKind,
    /// Its id.
    pub item_id: i64,
    /// Who reports it.
    pub reporter_id: UserId,
    /// Reason name.
    pub reason: &'a str,
    /// Free text.
    pub note: &'a str,
}

/// Stores a report. The item's open-report count rises; once the open reports that count
/// (from accounts `settings` trusts: old enough, with enough published contributions, or
/// moderators and organisers) reach the threshold, a published item is marked under review,
/// logged as an automatic step. Answers whether it is under review after;
/// [`StorageError::Conflict`] when this person already reported it.
pub async fn add_report(db: &Db, r: &NewReport<'_>, settings: &Settings) -> Result<bool> {
    let now = crate::now_ms();
    with_pool!(db, p => {
        let mut tx = crate::BeginWrite::begin_write(p).await?;
        let (visibility, reason, already, _, _) = lock_item!(p, tx, r.kind, r.item_id);
        let added = sqlx::query(
            "INSERT INTO reports (item_kind, item_id, reporter_id, reason, note, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
        )
        .bind(r.kind.as_str())
        .bind(r.item_id)
        .bind(r.reporter_id.0)
        .bind(r.reason)
        .bind(r.note)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if added == 0 {
            return Err(StorageError::Conflict("reports_one_per_person"));
        }
        let table = table(r.kind)?;
        // Staff reports always count; which roles are staff is the domain's rule (the names
        // are its constants, so the SQL is still built from constants only).
        let staff = crate::name_list(
            Role::ALL
                .into_iter()
                .filter(|role| role.can_moderate())
                .map(Role::as_str),
        );
        let counted: i64 = sqlx::query_scalar(&format!(
            "SELECT COUNT(*) FROM reports r JOIN users u ON u.id = r.reporter_id \
             WHERE r.item_kind = $1 AND r.item_id = $2 AND r.resolved_at IS NULL \
             AND (u.role IN ({staff}) OR (u.created_at <= $3 AND \
               (SELECT COUNT(*) FROM proposals p WHERE p.author_id = u.id \
                  AND p.visibility = 'published' AND p.status <> 'draft') + \
               (SELECT COUNT(*) FROM comments c WHERE c.author_id = u.id \
                  AND c.visibility = 'published') >= $4))"
        ))
        .bind(r.kind.as_str())
        .bind(r.item_id)
        .bind(now - settings.reporter_min_age_ms)
        .bind(i64::from(settings.reporter_min_contributions))
        .fetch_one(&mut *tx)
        .await?;
        let state = Visibility::from_stored(&visibility, reason.as_deref());
        let counted = u32::try_from(counted).unwrap_or(u32::MAX);
        let now_under_review = !already && state.goes_under_review(counted, settings);
        sqlx::query(&format!(
            "UPDATE {table} SET open_reports = open_reports + 1, \
             under_review = under_review OR $2 WHERE id = $1"
        ))
        .bind(r.item_id)
        .bind(now_under_review)
        .execute(&mut *tx)
        .await?;
        if now_under_review {
            log_action!(tx, None::<i64>, "under_review", r.kind.as_str(), r.item_id, "", now);
        }
        tx.commit().await?;
        Ok(already || now_under_review)
    })
}

/// A moderator's decision, already checked by the domain: the item moves from `from` to `to`,
/// its open reports are closed, and the log gets a row. [`StorageError::Conflict`] when the
/// item changed state meanwhile.
pub struct Decision<'a> {
    /// The item.
    pub kind: ItemKind,
    /// Its id.
    pub item_id: i64,
    /// The moderator.
    pub actor_id: UserId,
    /// Logged action name (approve, hide, restore).
    pub action: &'a str,
    /// The state the moderator saw.
    pub from: &'a Visibility,
    /// The state after.
    pub to: &'a Visibility,
    /// The reason, logged (and shown publicly for a hide).
    pub reason: &'a str,
}

/// Applies a moderator's decision; see [`Decision`].
pub async fn decide(db: &Db, d: &Decision<'_>) -> Result<()> {
    let now = crate::now_ms();
    with_pool!(db, p => {
        let mut tx = crate::BeginWrite::begin_write(p).await?;
        let (visibility, reason, _, proposal, stance) = lock_item!(p, tx, d.kind, d.item_id);
        if Visibility::from_stored(&visibility, reason.as_deref()) != *d.from {
            return Err(StorageError::Conflict("moderation_state"));
        }
        set_visibility!(tx, d.kind, d.item_id, d.from, d.to, proposal, stance);
        sqlx::query(&format!(
            "UPDATE {} SET open_reports = 0, under_review = FALSE, \
             appeal = CASE WHEN appeal = 1 THEN 2 ELSE appeal END WHERE id = $1",
            table(d.kind)?
        ))
        .bind(d.item_id)
        .execute(&mut *tx)
        .await?;
        resolve_open!(tx, "appeals", d.kind, d.item_id, now);
        resolve_open!(tx, "reports", d.kind, d.item_id, now);
        log_action!(tx, Some(d.actor_id), d.action, d.kind.as_str(), d.item_id, d.reason, now);
        tx.commit().await?;
        Ok(())
    })
}

/// Labels an item "contested" with a moderator's note and sources, or removes the label
/// (`None`), and logs it. Labelling a published item answers its open reports: the claim stays
/// readable, informed by the label.
pub async fn set_contest(
    db: &Db,
    kind: ItemKind,
    item_id: i64,
    label: Option<&domain::moderation::ContestLabel>,
    actor_id: UserId,
) -> Result<()> {
    let now = crate::now_ms();
    with_pool!(db, p => {
        let mut tx = crate::BeginWrite::begin_write(p).await?;
        let (visibility, _, _, _, _) = lock_item!(p, tx, kind, item_id);
        if visibility == "deleted" {
            return Err(StorageError::NotFound);
        }
        sqlx::query(&format!(
            "UPDATE {} SET contested_note = $1, contested_sources = $2 WHERE id = $3",
            table(kind)?
        ))
        .bind(label.map(|l| l.note.clone()))
        .bind(label.map(|l| l.stored_sources()).unwrap_or_default())
        .bind(item_id)
        .execute(&mut *tx)
        .await?;
        if label.is_some() && visibility == "published" {
            sqlx::query(&format!("UPDATE {} SET open_reports = 0, under_review = FALSE WHERE id = $1", table(kind)?))
                .bind(item_id)
                .execute(&mut *tx)
                .await?;
            resolve_open!(tx, "reports", kind, item_id, now);
        }
        let (action, reason) = match label {
            Some(l) => ("contest", format!("{}\n{}", l.note, l.stored_sources())),
            None => ("uncontest", String::new()),
        };
        log_action!(tx, Some(actor_id), action, kind.as_str(), item_id, reason, now);
        tx.commit().await?;
        Ok(())
    })
}

/// An item in the moderation queue.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct QueueRow {
    /// proposal or comment.
    pub item_kind: String,
    /// Item id.
    pub item_id: i64,
    /// The proposal it is or belongs to, if any.
    #[sqlx(try_from = "crate::ids::NullableId")]
    pub proposal_id: Option<ProposalId>,
    /// Its topic's slug.
    pub topic_slug: String,
    /// Title (proposals) or empty.
    pub title: String,
    /// Text: a proposal's summary, a comment's body.
    pub body: String,
    /// Author's display name.
    pub author_name: String,
    /// Author's id.
    #[sqlx(try_from = "i64")]
    pub author_id: UserId,
    /// Moderation state name.
    pub visibility: String,
    /// The moderators' reason, when hidden.
    pub hidden_reason: Option<String>,
    /// A "contested" note, if labelled.
    pub contested_note: Option<String>,
    /// The label's sources, one per line.
    pub contested_sources: String,
    /// Reports not yet answered.
    pub open_reports: i64,
    /// Written, Unix ms.
    pub created_at: i64,
    /// The author's appeal, when one waits for a moderator.
    pub appeal: Option<String>,
    /// Counted reports put it under review (it is still shown).
    pub under_review: bool,
}

const QUEUE_COLUMNS: &str = "\
    SELECT 'proposal' AS item_kind, p.id AS item_id, p.id AS proposal_id, t.slug AS topic_slug, \
           p.title, p.summary AS body, u.display_name AS author_name, p.author_id, p.visibility, \
           p.hidden_reason, p.contested_note, p.contested_sources, p.open_reports, p.created_at, \
           (SELECT a.text FROM appeals a WHERE a.item_kind = 'proposal' AND a.item_id = p.id \
             AND a.resolved_at IS NULL) AS appeal, p.under_review \
      FROM proposals p JOIN users u ON u.id = p.author_id JOIN topics t ON t.id = p.topic_id \
     WHERE {P} \
    UNION ALL \
    SELECT 'comment', c.id, c.proposal_id, t.slug, '', c.body, u.display_name, c.author_id, \
           c.visibility, c.hidden_reason, c.contested_note, c.contested_sources, c.open_reports, \
           c.created_at, \
           (SELECT a.text FROM appeals a WHERE a.item_kind = 'comment' AND a.item_id = c.id \
             AND a.resolved_at IS NULL), c.under_review \
      FROM comments c JOIN users u ON u.id = c.author_id JOIN topics t ON t.id = c.topic_id \
     WHERE {C}";

/// Items waiting for a moderator (pending, awaiting review, or with open reports), those under
/// review first, then newest first; or, with `hidden`, the items hidden by moderators, newest first. At most `limit`.
pub async fn queue(db: &Db, hidden: bool, limit: i64) -> Result<Vec<QueueRow>> {
    let (p, c) = if hidden {
        ("p.visibility = 'hidden'", "c.visibility = 'hidden'")
    } else {
        (
            "(p.visibility IN ('pending', 'awaiting_review') OR p.open_reports > 0 \
              OR p.appeal = 1) AND p.status <> 'draft'",
            "(c.visibility IN ('pending', 'awaiting_review') OR c.open_reports > 0 \
              OR c.appeal = 1) AND c.visibility <> 'deleted'",
        )
    };
    let sql = format!(
        "SELECT * FROM ({}) q ORDER BY under_review DESC, created_at DESC, item_id DESC LIMIT $1",
        QUEUE_COLUMNS.replace("{P}", p).replace("{C}", c)
    );
    Ok(
        with_pool!(db, pool => sqlx::query_as::<_, QueueRow>(&sql).bind(limit).fetch_all(pool).await?),
    )
}

/// The open reports of the listed proposals and comments, oldest first.
pub async fn open_reports(
    db: &Db,
    proposals: &[ProposalId],
    comments: &[CommentId],
) -> Result<Vec<ReportRow>> {
    let among = |kind: &str, list: String| {
        if list.is_empty() {
            "FALSE".to_owned()
        } else {
            format!("(r.item_kind = '{kind}' AND r.item_id IN ({list}))")
        }
    };
    if proposals.is_empty() && comments.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT r.item_kind, r.item_id, r.reason, r.note, u.display_name AS reporter_name, \
         r.created_at FROM reports r JOIN users u ON u.id = r.reporter_id \
         WHERE r.resolved_at IS NULL AND ({} OR {}) ORDER BY r.created_at, r.id",
        among("proposal", crate::id_list(proposals)),
        among("comment", crate::id_list(comments))
    );
    Ok(with_pool!(db, p => sqlx::query_as::<_, ReportRow>(&sql).fetch_all(p).await?))
}

/// Records the author's appeal of a hidden item and puts the item back in the queue; logged.
/// [`StorageError::Conflict`] when the item was already appealed (an appeal is made once).
pub async fn add_appeal(
    db: &Db,
    kind: ItemKind,
    item_id: i64,
    author_id: UserId,
    text: &str,
) -> Result<()> {
    let now = crate::now_ms();
    with_pool!(db, p => {
        let mut tx = crate::BeginWrite::begin_write(p).await?;
        let added = sqlx::query(
            "INSERT INTO appeals (item_kind, item_id, author_id, text, created_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
        )
        .bind(kind.as_str())
        .bind(item_id)
        .bind(author_id.0)
        .bind(text)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if added == 0 {
            return Err(StorageError::Conflict("appeals_once"));
        }
        sqlx::query(&format!("UPDATE {} SET appeal = 1 WHERE id = $1", table(kind)?))
            .bind(item_id)
            .execute(&mut *tx)
            .await?;
        log_action!(tx, Some(author_id), "appeal", kind.as_str(), item_id, text, now);
        tx.commit().await?;
        Ok(())
    })
}

/// Whether `user_id` reported this item.
pub async fn has_reported(db: &Db, kind: ItemKind, item_id: i64, user_id: UserId) -> Result<bool> {
    let sql =
        "SELECT COUNT(*) FROM reports WHERE item_kind = $1 AND item_id = $2 AND reporter_id = $3";
    let n: i64 = with_pool!(db, p => sqlx::query_scalar(sql)
        .bind(kind.as_str()).bind(item_id).bind(user_id.0).fetch_one(p).await?);
    Ok(n > 0)
}

/// A row of the moderation log.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct LogRow {
    /// Row id.
    pub id: i64,
    /// The moderator's display name; None for automatic steps.
    pub actor_name: Option<String>,
    /// Action name.
    pub action: String,
    /// Item kind name.
    pub item_kind: String,
    /// Item id.
    pub item_id: i64,
    /// Why.
    pub reason: String,
    /// When, Unix ms.
    pub created_at: i64,
    /// 1 while the item still exists (always for the report, never for the settings).
    pub present: i64,
    /// A comment's proposal.
    #[sqlx(try_from = "crate::ids::NullableId")]
    pub proposal_id: Option<ProposalId>,
    /// A topic's slug, or a comment's topic's.
    pub topic_slug: Option<String>,
    /// What the item is called: a proposal's, topic's or round's title, a comment's proposal's
    /// (or topic's) title, an account's display name and username; None for the rest or once
    /// deleted.
    pub item_name: Option<String>,
}

impl LogRow {
    /// The kind of item the entry is about; [`StorageError::Corrupt`] names the column when
    /// the stored name is unknown.
    pub fn kind(&self) -> Result<ItemKind> {
        self.item_kind.parse().map_err(|_| StorageError::Corrupt {
            column: "moderation_log.item_kind",
            value: self.item_kind.clone(),
        })
    }
}

impl QueueRow {
    /// The kind of the waiting item (proposal or comment).
    pub fn kind(&self) -> Result<ItemKind> {
        self.item_kind.parse().map_err(|_| StorageError::Corrupt {
            column: "item_kind",
            value: self.item_kind.clone(),
        })
    }
}

/// The log's columns as [`LogRow`] reads them, from `moderation_log l`; the caller adds its
/// WHERE, ORDER and LIMIT.
macro_rules! log_select {
    () => {
        concat!(
            "SELECT l.id, u.display_name AS actor_name, l.action, l.item_kind, l.item_id, \
               l.reason, l.created_at, \
               CASE WHEN l.item_kind = 'proposal' \
                        THEN (SELECT COUNT(*) FROM proposals x WHERE x.id = l.item_id) \
                    WHEN l.item_kind = 'comment' \
                        THEN (SELECT COUNT(*) FROM comments x WHERE x.id = l.item_id) \
                    WHEN l.item_kind = 'topic' \
                        THEN (SELECT COUNT(*) FROM topics x WHERE x.id = l.item_id) \
                    WHEN l.item_kind = 'round' \
                        THEN (SELECT COUNT(*) FROM rounds x WHERE x.id = l.item_id) \
                    WHEN l.item_kind = 'user' \
                        THEN (SELECT COUNT(*) FROM users x WHERE x.id = l.item_id \
                              AND x.deleted_at IS NULL) \
                    WHEN l.item_kind = 'report' THEN 1 ELSE 0 END AS present, \
               CASE WHEN l.item_kind = 'comment' \
                    THEN (SELECT c.proposal_id FROM comments c WHERE c.id = l.item_id) \
               END AS proposal_id, \
               CASE WHEN l.item_kind = 'topic' \
                        THEN (SELECT t.slug FROM topics t WHERE t.id = l.item_id) \
                    WHEN l.item_kind = 'comment' \
                        THEN (SELECT t.slug FROM comments c JOIN topics t ON t.id = c.topic_id \
                              WHERE c.id = l.item_id) \
               END AS topic_slug, ",
            item_title_case!("l"),
            "WHEN 'topic' THEN (SELECT x.title FROM topics x WHERE x.id = l.item_id) \
                    WHEN 'round' THEN (SELECT x.title FROM rounds x WHERE x.id = l.item_id) \
                    WHEN 'user' THEN (SELECT x.display_name || ' (' || x.username || ')' \
                         FROM users x WHERE x.id = l.item_id AND x.deleted_at IS NULL) \
               END AS item_name \
               FROM moderation_log l LEFT JOIN users u ON u.id = l.actor_id "
        )
    };
}

/// The log, newest first, `limit` rows before the row id `before` (keyset pagination).
pub async fn log(db: &Db, before: Option<i64>, limit: i64) -> Result<Vec<LogRow>> {
    let sql = concat!(log_select!(), "WHERE l.id < $1 ORDER BY l.id DESC LIMIT $2");
    Ok(with_pool!(db, p => sqlx::query_as::<_, LogRow>(sql)
        .bind(before.unwrap_or(i64::MAX)).bind(limit).fetch_all(p).await?))
}

/// What the log says about one person, newest first (at most `limit` rows): steps on their
/// account (suspensions, role changes, their own appeals of a suspension) and on what they
/// wrote (hidden, restored, approved, labelled).
pub async fn log_of_user(db: &Db, user_id: UserId, limit: i64) -> Result<Vec<LogRow>> {
    let sql = concat!(
        log_select!(),
        "WHERE (l.item_kind = 'user' AND l.item_id = $1) \
            OR (l.item_kind = 'proposal' AND l.item_id IN \
                (SELECT x.id FROM proposals x WHERE x.author_id = $1)) \
            OR (l.item_kind = 'comment' AND l.item_id IN \
                (SELECT x.id FROM comments x WHERE x.author_id = $1)) \
         ORDER BY l.id DESC LIMIT $2"
    );
    Ok(with_pool!(db, p => sqlx::query_as::<_, LogRow>(sql)
        .bind(user_id.0).bind(limit).fetch_all(p).await?))
}
