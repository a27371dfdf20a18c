//! Voting rounds, their secret ballots and who took part.
//!
//! While a round is open a ballot waits in its voter's participation row, encrypted by the
//! service under a key the database never holds; one row per voter and round is the primary
//! key, so concurrent submissions leave one. At the count a mixer moves them all to the
//! ballot table in one transaction, in random order and under random slots: that table holds
//! no voter, no time and no sequential id, and no transaction id or row order links it to
//! the participation rows. [`scrub`] then erases the old row versions physically.

use crate::{with_pool, Db, Result, StorageError};
use domain::{ProposalId, RoundId, UserId};

/// A round as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RoundRow {
    /// Row id.
    #[sqlx(try_from = "i64")]
    pub id: RoundId,
    /// Title.
    pub title: String,
    /// Method name.
    pub method: String,
    /// Candidate proposal ids in ballot order, comma-separated.
    pub candidate_ids: String,
    /// Majority judgment's scale, one grade per line, best first.
    pub grades: String,
    /// Cumulative and quadratic budget.
    pub budget: i64,
    /// Measure threshold numerator.
    pub threshold_p: i64,
    /// Measure threshold denominator.
    pub threshold_q: i64,
    /// Measure: strictly above the threshold.
    pub strict: bool,
    /// Electorate name.
    pub electorate: String,
    /// Adoption rule name.
    pub rule: String,
    /// k or grade index of the rule.
    pub rule_value: i64,
    /// Opening, Unix ms.
    pub opens_at: i64,
    /// Close, Unix ms.
    pub closes_at: i64,
    /// Creation, Unix ms.
    pub created_at: i64,
    /// When the results were first counted and the adopted proposals marked.
    pub finalized_at: Option<i64>,
    /// When the voter–ballot link was destroyed.
    pub sealed_at: Option<i64>,
    /// When an organiser cancelled it (before any ballot); hidden from the public since.
    pub cancelled_at: Option<i64>,
    /// The stored result (JSON of `domain::voting::round::RoundResult`), once counted.
    pub result: Option<String>,
}

impl RoundRow {
    /// The candidate proposal ids, in ballot order.
    pub fn candidates(&self) -> Vec<ProposalId> {
        self.candidate_ids
            .split(',')
            .filter_map(|s| s.trim().parse().ok())
            .collect()
    }

    /// The counting settings; `None` only if the row was edited by hand into nonsense.
    pub fn spec(&self) -> Option<domain::voting::round::RoundSpec> {
        use domain::voting::round::{Electorate, RoundSpec, Rule};
        Some(RoundSpec {
            method: domain::voting::Method::parse(&self.method)?,
            grades: self
                .grades
                .lines()
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
            budget: self.budget,
            threshold: (
                u64::try_from(self.threshold_p).ok()?,
                u64::try_from(self.threshold_q).ok()?,
            ),
            strict: self.strict,
            electorate: Electorate::parse(&self.electorate)?,
            rule: Rule::from_stored(&self.rule, self.rule_value)?,
        })
    }

    /// Where the round stands at `now`.
    pub fn phase(&self, now: i64) -> Phase {
        Phase::at(now, self.opens_at, self.closes_at)
    }
}

pub use domain::voting::round::Phase;

const COLUMNS: &str = "id, title, method, candidate_ids, grades, budget, threshold_p, \
    threshold_q, threshold_strict AS strict, electorate, rule, rule_value, opens_at, closes_at, \
    created_at, finalized_at, sealed_at, cancelled_at, result";

/// A round's settings, checked by the domain.
pub struct RoundFields<'a> {
    /// Title.
    pub title: &'a str,
    /// Counting settings.
    pub spec: &'a domain::voting::round::RoundSpec,
    /// Candidate proposals, in ballot order.
    pub candidates: &'a [ProposalId],
    /// Opening, Unix ms.
    pub opens_at: i64,
    /// Close, Unix ms.
    pub closes_at: i64,
}

impl RoundFields<'_> {
    fn stored(&self) -> (String, String, i64, i64, &'static str, i64) {
        let ids = crate::id_list(self.candidates);
        let (rule, value) = self.spec.rule.stored();
        (
            ids,
            self.spec.grades.join("\n"),
            self.spec.threshold.0 as i64,
            self.spec.threshold.1 as i64,
            rule,
            value,
        )
    }
}

/// The name of the frozen-settings refusal, from the trigger or the guarded update.
pub const FROZEN: &str = "rounds_frozen";

fn frozen(e: sqlx::Error) -> StorageError {
    match &e {
        sqlx::Error::Database(db) if db.message().contains(FROZEN) => {
            StorageError::Conflict(FROZEN)
        }
        _ => StorageError::Db(e),
    }
}

/// Creates a round; returns its id. Logged.
pub async fn create_round(db: &Db, f: &RoundFields<'_>, actor: UserId) -> Result<RoundId> {
    let now = crate::now_ms();
    let (ids, grades, tp, tq, rule, value) = f.stored();
    with_pool!(db, p => {
        let mut tx = crate::BeginWrite::begin_write(p).await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO rounds (title, method, candidate_ids, grades, budget, threshold_p, \
             threshold_q, threshold_strict, electorate, rule, rule_value, opens_at, closes_at, created_by, \
             created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) \
             RETURNING id",
        )
        .bind(f.title)
        .bind(f.spec.method.as_str())
        .bind(&ids)
        .bind(&grades)
        .bind(f.spec.budget)
        .bind(tp)
        .bind(tq)
        .bind(f.spec.strict)
        .bind(f.spec.electorate.as_str())
        .bind(rule)
        .bind(value)
        .bind(f.opens_at)
        .bind(f.closes_at)
        .bind(actor.0)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        log_action!(tx, Some(actor), "round_create", "round", id, f.spec.method.as_str(), now);
        tx.commit().await?;
        Ok(RoundId(id))
    })
}

/// Changes a round that has not opened; [`StorageError::Conflict`] ([`FROZEN`]) once it has
/// (checked in the statement, and by the table's trigger).
pub async fn update_round(db: &Db, id: RoundId, f: &RoundFields<'_>, actor: UserId) -> Result<()> {
    let now = crate::now_ms();
    let (ids, grades, tp, tq, rule, value) = f.stored();
    with_pool!(db, p => {
        let mut tx = crate::BeginWrite::begin_write(p).await?;
        let done = sqlx::query(
            "UPDATE rounds SET title = $1, method = $2, candidate_ids = $3, grades = $4, \
             budget = $5, threshold_p = $6, threshold_q = $7, threshold_strict = $8, electorate = $9, \
             rule = $10, rule_value = $11, opens_at = $12, closes_at = $13 \
             WHERE id = $14 AND opens_at > $15",
        )
        .bind(f.title)
        .bind(f.spec.method.as_str())
        .bind(&ids)
        .bind(&grades)
        .bind(f.spec.budget)
        .bind(tp)
        .bind(tq)
        .bind(f.spec.strict)
        .bind(f.spec.electorate.as_str())
        .bind(rule)
        .bind(value)
        .bind(f.opens_at)
        .bind(f.closes_at)
        .bind(id.0)
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(frozen)?
        .rows_affected();
        if done == 0 {
            return Err(StorageError::Conflict(FROZEN));
        }
        log_action!(tx, Some(actor), "round_edit", "round", id, "", now);
        tx.commit().await?;
        Ok(())
    })
}

/// Closes an open round now (an organiser ending the vote). [`StorageError::Conflict`] when
/// it is not open.
pub async fn close_now(db: &Db, id: RoundId, actor: UserId) -> Result<()> {
    let now = crate::now_ms();
    with_pool!(db, p => {
        let mut tx = crate::BeginWrite::begin_write(p).await?;
        let done = sqlx::query(
            "UPDATE rounds SET closes_at = $1 WHERE id = $2 AND opens_at < $1 AND closes_at > $1",
        )
        .bind(now)
        .bind(id.0)
        .execute(&mut *tx)
        .await
        .map_err(frozen)?
        .rows_affected();
        if done == 0 {
            return Err(StorageError::Conflict("round_not_open"));
        }
        log_action!(tx, Some(actor), "round_close", "round", id, "", now);
        tx.commit().await?;
        Ok(())
    })
}

/// The round with this id.
pub async fn find_round(db: &Db, id: RoundId) -> Result<RoundRow> {
    let sql = format!("SELECT {COLUMNS} FROM rounds WHERE id = $1");
    with_pool!(db, p => sqlx::query_as::<_, RoundRow>(&sql).bind(id.0).fetch_optional(p).await?)
        .ok_or(StorageError::NotFound)
}

/// Every round, latest opening first (at most 500).
pub async fn list_rounds(db: &Db) -> Result<Vec<RoundRow>> {
    let sql = format!("SELECT {COLUMNS} FROM rounds ORDER BY opens_at DESC, id DESC LIMIT 500");
    Ok(with_pool!(db, p => sqlx::query_as::<_, RoundRow>(&sql).fetch_all(p).await?))
}

/// Rounds by id, after `after`, at most `limit` (the read API's pages).
pub async fn rounds_by_id(db: &Db, after: RoundId, limit: i64) -> Result<Vec<RoundRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM rounds WHERE id > $1 AND cancelled_at IS NULL ORDER BY id LIMIT $2"
    );
    Ok(with_pool!(db, p => sqlx::query_as::<_, RoundRow>(&sql)
        .bind(after.0)
        .bind(limit)
        .fetch_all(p)
        .await?))
}

/// A ballot to store until the count, sealed by the caller.
pub struct Cast<'a> {
    /// The round.
    pub round_id: RoundId,
    /// The voter.
    pub voter_id: UserId,
    /// The count it goes into.
    pub side: &'a str,
    /// The ballot (receipt and content) encrypted under a key the database never holds.
    pub sealed: &'a str,
}

/// The refusal of a ballot cast outside the round's open period.
pub const NOT_OPEN: &str = "round_not_open";

/// Locks the round's row for transaction `$tx` (the write waits for any other holder) and
/// evaluates to its (opening, closing, sealing) times read after the lock, `None` when there
/// is no such round. Casting and mixing both start here, so a ballot is either written
/// before the mixer reads the round's ballots or sees the round closed: none can slip in
/// after the count. A macro because the body is compiled once per backend.
macro_rules! lock_round {
    ($pool:expr, $tx:expr, $id:expr) => {{
        // A cancelled round takes no ballot, like a sealed one: both end its voting for good.
        let times: Option<(i64, i64, Option<i64>)> = sqlx::query_as(&format!(
            "SELECT opens_at, closes_at, COALESCE(sealed_at, cancelled_at) FROM rounds \
             WHERE id = $1{}",
            crate::BeginWrite::for_update($pool)
        ))
        .bind($id.0)
        .fetch_optional(&mut *$tx)
        .await?;
        times
    }};
}

/// Records that the voter took part and keeps their sealed ballot, replacing the one they
/// cast before; refused ([`NOT_OPEN`]) unless the round is open at this instant. The ballot
/// table is not touched: the ballot waits in the participation row until the count.
pub async fn cast_ballot(db: &Db, c: &Cast<'_>) -> Result<()> {
    with_pool!(db, p => {
        let mut tx = crate::BeginWrite::begin_write(p).await?;
        let times = lock_round!(p, tx, c.round_id);
        // Read after the lock, so a cast that waited for the mixer sees the round closed.
        let now = crate::now_ms();
        match times {
            Some((opens, closes, None)) if opens <= now && now < closes => {}
            _ => return Err(StorageError::Conflict(NOT_OPEN)),
        }
        sqlx::query(
            "INSERT INTO round_participation (round_id, user_id, side, pending) \
             VALUES ($1, $2, $3, $4) \
             ON CONFLICT (round_id, user_id) DO UPDATE SET side = excluded.side, \
                 pending = excluded.pending",
        )
        .bind(c.round_id.0)
        .bind(c.voter_id.0)
        .bind(c.side)
        .bind(c.sealed)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    })
}

/// Opens an upcoming round now (the organiser needs not wait for the planned time).
/// [`StorageError::Conflict`] ([`FROZEN`]) once it has opened, or when cancelled.
pub async fn open_now(db: &Db, id: RoundId, actor: UserId) -> Result<()> {
    let now = crate::now_ms();
    with_pool!(db, p => {
        let mut tx = crate::BeginWrite::begin_write(p).await?;
        let done = sqlx::query(
            "UPDATE rounds SET opens_at = $1 WHERE id = $2 AND opens_at > $1 \
             AND cancelled_at IS NULL",
        )
        .bind(now)
        .bind(id.0)
        .execute(&mut *tx)
        .await
        .map_err(frozen)?
        .rows_affected();
        if done == 0 {
            return Err(StorageError::Conflict(FROZEN));
        }
        log_action!(tx, Some(actor), "round_open", "round", id, "", now);
        tx.commit().await?;
        Ok(())
    })
}

/// [`cancel`] refused: someone voted, or the round was counted.
pub const HAS_BALLOTS: &str = "round_has_ballots";

/// [`delete_cancelled`] refused: the round is not cancelled.
pub const NOT_CANCELLED: &str = "round_not_cancelled";

/// Cancels a round nobody has voted in yet: it takes no ballot, is never counted, and leaves
/// public view. [`StorageError::Conflict`] ([`HAS_BALLOTS`]) once someone voted or it was
/// counted. The round's row is locked first, so a ballot cast meanwhile either lands before
/// (and the cancel is refused) or is refused.
pub async fn cancel(db: &Db, id: RoundId, actor: UserId) -> Result<()> {
    with_pool!(db, p => {
        let mut tx = crate::BeginWrite::begin_write(p).await?;
        if lock_round!(p, tx, id).is_none() {
            return Err(StorageError::NotFound);
        }
        let now = crate::now_ms();
        let done = sqlx::query(
            "UPDATE rounds SET cancelled_at = $1 WHERE id = $2 AND cancelled_at IS NULL \
             AND finalized_at IS NULL AND result IS NULL \
             AND NOT EXISTS (SELECT 1 FROM round_participation WHERE round_id = $2) \
             AND NOT EXISTS (SELECT 1 FROM ballots WHERE round_id = $2)",
        )
        .bind(now)
        .bind(id.0)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if done == 0 {
            return Err(StorageError::Conflict(HAS_BALLOTS));
        }
        log_action!(tx, Some(actor), "round_cancel", "round", id, "", now);
        tx.commit().await?;
        Ok(())
    })
}

/// Deletes a cancelled round for good; the log keeps its title. [`StorageError::Conflict`]
/// ([`NOT_CANCELLED`]) for any other round.
pub async fn delete_cancelled(db: &Db, id: RoundId, actor: UserId) -> Result<()> {
    let now = crate::now_ms();
    with_pool!(db, p => {
        let mut tx = crate::BeginWrite::begin_write(p).await?;
        let title: Option<String> = sqlx::query_scalar(
            "DELETE FROM rounds WHERE id = $1 AND cancelled_at IS NOT NULL RETURNING title",
        )
        .bind(id.0)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(title) = title else {
            return Err(StorageError::Conflict(NOT_CANCELLED));
        };
        log_action!(tx, Some(actor), "round_delete", "round", id, &title, now);
        tx.commit().await?;
        Ok(())
    })
}

/// The voter's part in a round: `None` when they did not take part, else their sealed
/// ballot while it waits for the count (`None` inside once counted, or for a ballot cast
/// before ballots waited sealed, which sits under its slot in `ballots`).
pub async fn my_part(
    db: &Db,
    round_id: RoundId,
    user_id: UserId,
) -> Result<Option<Option<String>>> {
    let sql = "SELECT pending FROM round_participation WHERE round_id = $1 AND user_id = $2";
    let row: Option<(Option<String>,)> = with_pool!(db, p => sqlx::query_as(sql)
        .bind(round_id.0)
        .bind(user_id.0)
        .fetch_optional(p)
        .await?);
    Ok(row.map(|(pending,)| pending))
}

/// The ballot in a slot (receipt, content): a ballot cast before ballots waited sealed, found
/// by the slot only the voter's session can compute.
pub async fn ballot_in_slot(
    db: &Db,
    round_id: RoundId,
    slot: &str,
) -> Result<Option<(String, String)>> {
    let sql = "SELECT receipt, content FROM ballots WHERE round_id = $1 AND slot = $2";
    Ok(
        with_pool!(db, p => sqlx::query_as(sql).bind(round_id.0).bind(slot).fetch_optional(p).await?),
    )
}

/// Voters per side of a round.
pub async fn participation(db: &Db, round_id: RoundId) -> Result<Vec<(String, i64)>> {
    let sql = "SELECT side, COUNT(*) FROM round_participation WHERE round_id = $1 \
               GROUP BY side ORDER BY side";
    Ok(with_pool!(db, p => sqlx::query_as(sql).bind(round_id.0).fetch_all(p).await?))
}

/// A stored ballot, without any link to its voter.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BallotRow {
    /// The count it goes into.
    pub side: String,
    /// Its receipt code.
    pub receipt: String,
    /// Its JSON.
    pub content: String,
}

/// Every ballot of a round, in slot order (which follows no voter and no time).
pub async fn ballots(db: &Db, round_id: RoundId) -> Result<Vec<BallotRow>> {
    let sql = "SELECT side, receipt, content FROM ballots WHERE round_id = $1 ORDER BY slot";
    Ok(
        with_pool!(db, p => sqlx::query_as::<_, BallotRow>(sql).bind(round_id.0).fetch_all(p).await?),
    )
}
/// Stores a closed round's result and marks its adopted proposals (those still published or
/// under vote) as adopted, exactly once: returns false, writing nothing, when another request
/// or server stored it first or the round has not closed. Both updates write before anything
/// is read, so racing servers queue on the row (PostgreSQL re-checks the condition after the
/// first commits; SQLite serialises writers) and the loser's count is discarded.
pub async fn store_result(
    db: &Db,
    round_id: RoundId,
    result: &str,
    adopted: &[ProposalId],
) -> Result<bool> {
    let now = crate::now_ms();
    with_pool!(db, p => {
        let mut tx = crate::BeginWrite::begin_write(p).await?;
        // finalized_at alone may be set on rounds counted before results were stored; their
        // proposals were marked then and are not marked again.
        let first = sqlx::query(
            "UPDATE rounds SET finalized_at = $1 WHERE id = $2 AND finalized_at IS NULL \
             AND result IS NULL AND closes_at <= $1",
        )
        .bind(now)
        .bind(round_id.0)
        .execute(&mut *tx)
        .await?
        .rows_affected() == 1;
        let stored = sqlx::query(
            "UPDATE rounds SET result = $1 WHERE id = $2 AND result IS NULL AND closes_at <= $3",
        )
        .bind(result)
        .bind(round_id.0)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected() == 1;
        if !stored {
            return Ok(false);
        }
        if first {
            for id in adopted {
                let changed = sqlx::query(
                    "UPDATE proposals SET status = 'adopted', updated_at = $1 \
                     WHERE id = $2 AND status IN ('published', 'under_vote')",
                )
                .bind(now)
                .bind(id.0)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if changed > 0 {
                    let reason = domain::proposal::LoggedStep::AdoptedBy(round_id).reason();
                    log_action!(tx, None::<i64>, "status", "proposal", *id, reason, now);
                }
            }
        }
        tx.commit().await?;
        Ok(true)
    })
}

/// The first moment after `now` at which a round (cancelled or not) opens or closes: what a
/// page shows of rounds may change then without any write.
pub async fn next_boundary(db: &Db, now: i64) -> Result<Option<i64>> {
    let sql = "SELECT MIN(CASE WHEN opens_at > $1 THEN opens_at ELSE closes_at END) \
               FROM rounds WHERE closes_at > $1";
    Ok(with_pool!(db, p => sqlx::query_scalar(sql).bind(now).fetch_one(p).await?))
}

/// Closed rounds whose result has not been stored yet (at most 100 a call).
pub async fn uncounted_closed(db: &Db, now: i64) -> Result<Vec<RoundId>> {
    let sql =
        "SELECT id FROM rounds WHERE result IS NULL AND closes_at <= $1 AND cancelled_at IS NULL \
         ORDER BY id LIMIT 100";
    let ids: Vec<i64> = with_pool!(db, p => sqlx::query_scalar(sql).bind(now).fetch_all(p).await?);
    Ok(ids.into_iter().map(RoundId).collect())
}

/// A sealed ballot waiting in a participation row, as the mixer reads it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Waiting {
    /// Its voter (the decryption checks the ballot was sealed for them).
    #[sqlx(try_from = "i64")]
    pub user_id: UserId,
    /// The count it goes into.
    pub side: String,
    /// The sealed ballot.
    pub sealed: String,
}

/// A ballot as the mixer writes it.
pub struct Mixed {
    /// A fresh random slot.
    pub slot: String,
    /// The count it goes into.
    pub side: String,
    /// Its receipt code.
    pub receipt: String,
    /// Its JSON.
    pub content: String,
}

/// What the mixer's caller decided, given the waiting ballots.
pub struct Mix {
    /// The ballots to write, in the (random) order to write them.
    pub ballots: Vec<Mixed>,
    /// Slots of ballots cast before ballots waited sealed, which the new ones replace.
    pub replaced: Vec<String>,
}

/// Mixes and seals a closed round, in one transaction that holds the round's lock: the
/// waiting ballots are handed to `open` (which decrypts and shuffles them), written to
/// `ballots` in its order, cleared from the participation rows, and every slot of the round
/// becomes a fresh value from `fresh_slot` (taken in random order, so the rows' physical
/// order follows no former slot); the round is marked sealed. Nothing is written when `open`
/// fails. Returns the number of ballots the round holds; [`StorageError::Conflict`] when the
/// round has not closed. Run it again and it only re-draws the slots.
pub async fn mix(
    db: &Db,
    round_id: RoundId,
    actor: Option<UserId>,
    open: impl FnOnce(Vec<Waiting>) -> Result<Mix>,
    mut fresh_slot: impl FnMut() -> String,
    shuffle: impl FnOnce(&mut Vec<String>),
) -> Result<usize> {
    with_pool!(db, p => {
        let mut tx = crate::BeginWrite::begin_write(p).await?;
        let times = lock_round!(p, tx, round_id);
        let now = crate::now_ms();
        match times {
            Some((_, closes, _)) if closes <= now => {}
            Some(_) => return Err(StorageError::Conflict("round_not_closed")),
            None => return Err(StorageError::NotFound),
        }
        let waiting: Vec<Waiting> = sqlx::query_as(
            "SELECT user_id, side, pending AS sealed FROM round_participation \
             WHERE round_id = $1 AND pending IS NOT NULL",
        )
        .bind(round_id.0)
        .fetch_all(&mut *tx)
        .await?;
        let mix = open(waiting)?;
        for slot in &mix.replaced {
            sqlx::query("DELETE FROM ballots WHERE round_id = $1 AND slot = $2")
                .bind(round_id.0)
                .bind(slot)
                .execute(&mut *tx)
                .await?;
        }
        for b in &mix.ballots {
            sqlx::query(
                "INSERT INTO ballots (round_id, slot, side, receipt, content) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(round_id.0)
            .bind(&b.slot)
            .bind(&b.side)
            .bind(&b.receipt)
            .bind(&b.content)
            .execute(&mut *tx)
            .await
            .map_err(crate::conflict_on("ballots_receipt"))?;
        }
        sqlx::query(
            "UPDATE round_participation SET pending = NULL \
             WHERE round_id = $1 AND pending IS NOT NULL",
        )
        .bind(round_id.0)
        .execute(&mut *tx)
        .await?;
        let mut slots: Vec<String> = sqlx::query_scalar("SELECT slot FROM ballots WHERE round_id = $1")
            .bind(round_id.0)
            .fetch_all(&mut *tx)
            .await?;
        shuffle(&mut slots);
        for slot in &slots {
            sqlx::query("UPDATE ballots SET slot = $1 WHERE round_id = $2 AND slot = $3")
                .bind(fresh_slot())
                .bind(round_id.0)
                .bind(slot)
                .execute(&mut *tx)
                .await?;
        }
        let first = sqlx::query("UPDATE rounds SET sealed_at = $1 WHERE id = $2 AND sealed_at IS NULL")
            .bind(now)
            .bind(round_id.0)
            .execute(&mut *tx)
            .await?
            .rows_affected() == 1;
        if first || !mix.ballots.is_empty() {
            log_action!(tx, actor, "round_seal", "round", round_id, slots.len().to_string(), now);
        }
        tx.commit().await?;
        Ok(slots.len())
    })
}

/// Erases what a seal left behind physically: on SQLite the freed pages (already zeroed by
/// `secure_delete`) are dropped by VACUUM and the write-ahead log, which still holds the old
/// page images, is checkpointed and truncated ([`truncate_log`]); on PostgreSQL the two
/// tables are rewritten (VACUUM FULL), so no dead row version keeps a sealed ballot or its
/// voter's transaction id. Returns false when SQLite could not truncate the log because a
/// reader held it: call [`truncate_log`] again a little later.
pub async fn scrub(db: &Db) -> Result<bool> {
    match db {
        Db::Sqlite(p) => {
            sqlx::query("VACUUM").execute(p).await?;
            truncate_log(db).await
        }
        Db::Postgres(p) => {
            // VACUUM FULL copies the row versions that some snapshot may still see, sealed
            // ballots included. The horizon it keeps to is the oldest snapshot of this
            // database's sessions *and of its own*, and its own snapshot reaches back to the
            // oldest transaction still running in any database of the cluster (seen in the
            // test suite under load: another database's transaction kept the seal's dead
            // versions alive). So wait (up to 10 s) until no session anywhere holds a
            // transaction or snapshot older than this moment, which is after the seal.
            let now: String =
                sqlx::query_scalar("SELECT pg_snapshot_xmax(pg_current_snapshot())::text")
                    .fetch_one(p)
                    .await?;
            for _ in 0..100 {
                let older: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM pg_stat_activity \
                     WHERE pid <> pg_backend_pid() AND backend_type = 'client backend' \
                     AND (age(backend_xid) > age($1::xid) OR age(backend_xmin) > age($1::xid))",
                )
                .bind(&now)
                .fetch_one(p)
                .await?;
                if older == 0 {
                    break;
                }
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
            sqlx::query("VACUUM FULL round_participation, ballots")
                .execute(p)
                .await?;
            Ok(true)
        }
    }
}

/// SQLite: copies the write-ahead log into the database and truncates it to zero bytes;
/// false when a reader kept part of it. PostgreSQL manages its own log: true.
pub async fn truncate_log(db: &Db) -> Result<bool> {
    match db {
        Db::Sqlite(p) => {
            let (busy, _, _): (i64, i64, i64) = sqlx::query_as("PRAGMA wal_checkpoint(TRUNCATE)")
                .fetch_one(p)
                .await?;
            Ok(busy == 0)
        }
        Db::Postgres(_) => Ok(true),
    }
}

/// A proposal that can be put to a vote, with its topic.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CandidateRow {
    /// The proposal.
    #[sqlx(try_from = "i64")]
    pub id: ProposalId,
    /// Its title.
    pub title: String,
    /// Its status.
    pub status: String,
    /// Its topic's title.
    pub topic_title: String,
}

/// Visible proposals that are published or under vote (what a round may include), by topic
/// position then number; at most 1,000.
pub async fn votable_proposals(db: &Db) -> Result<Vec<CandidateRow>> {
    let sql = "SELECT p.id, p.title, p.status, t.title AS topic_title FROM proposals p \
               JOIN topics t ON t.id = p.topic_id \
               WHERE p.status IN ('published', 'under_vote') AND p.visibility = 'published' \
               ORDER BY t.position, t.id, p.id LIMIT 1000";
    Ok(with_pool!(db, p => sqlx::query_as::<_, CandidateRow>(sql).fetch_all(p).await?))
}

/// The given proposals (any status), with their topics, in the given order; missing ids are
/// left out. The title of one the public may not see (hidden by moderation, or back to draft)
/// reads `masked`: a round keeps every candidate, but does not publish a withdrawn title again.
pub async fn proposals_named(
    db: &Db,
    ids: &[ProposalId],
    masked: &str,
) -> Result<Vec<CandidateRow>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = crate::id_list(ids);
    let sql = format!(
        "SELECT p.id, CASE WHEN p.visibility = 'published' AND p.status <> 'draft' THEN p.title \
         ELSE $1 END AS title, p.status, t.title AS topic_title FROM proposals p \
         JOIN topics t ON t.id = p.topic_id WHERE p.id IN ({list})"
    );
    let rows: Vec<CandidateRow> = with_pool!(db, p => sqlx::query_as::<_, CandidateRow>(&sql)
        .bind(masked)
        .fetch_all(p)
        .await?);
    Ok(ids
        .iter()
        .filter_map(|id| rows.iter().find(|r| r.id == *id).cloned())
        .collect())
}
