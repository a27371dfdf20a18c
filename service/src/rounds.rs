//! Voting rounds' use cases that the site and the CLI share: ballot slots and receipts,
//! closing, counting once and storing the result, reading it, the published ballots, sealing.
//!
//! A round is counted exactly once: when an organiser closes it, or, for a round that reached
//! its closing time, by the background task of `convention serve` or the first request that
//! needs the result, whichever comes first. The stored result is what every view reads, so
//! reading results never writes once it is stored.

use crate::{internal, Actor, Error, Result};
use domain::access::RoundAction;
use domain::voting::round::{RoundError, RoundResult, RoundSpec, Side, SpecForm};
use domain::{ProposalId, RoundId, UserId};
use std::collections::HashMap;
use storage::rounds::{Phase, RoundRow};
use storage::Db;

/// The voter's slot in a round: HMAC-SHA256 under the server's ballot key.
pub fn slot(key: &[u8; 32], round_id: RoundId, user_id: UserId) -> String {
    use hmac::{Hmac, Mac};
    // HMAC takes keys of any length, so this cannot fail.
    let mut mac = <Hmac<sha2::Sha256> as Mac>::new_from_slice(key).expect("any key length");
    mac.update(format!("convention-ballot-slot\0{round_id}\0{user_id}").as_bytes());
    hex(&mac.finalize().into_bytes())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A fresh random slot, for sealing.
pub fn random_slot() -> String {
    hex(&crate::random_key())
}

/// A receipt code: 12 characters from an alphabet without look-alikes, in groups of four
/// (about 59 bits).
pub fn receipt() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    let key = crate::random_key();
    let chars: Vec<char> = key[..12]
        .iter()
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// The counting settings of a stored round.
pub fn spec_of(r: &RoundRow) -> Result<RoundSpec> {
    r.spec()
        .ok_or_else(|| internal(format!("round {} has unreadable settings", r.id)))
}

/// The actor, once `domain::access` allows `action` on the round; the refusal otherwise.
/// Every use case that changes a round asks this first.
pub fn allowed(actor: Option<Actor>, r: &RoundRow, action: RoundAction) -> Result<Actor> {
    let spec = spec_of(r)?;
    domain::access::round(actor.map(|a| a.role), spec.electorate, phase(r), action)?;
    actor.ok_or(Error::Unauthenticated)
}

/// Where the round stands now.
pub fn phase(r: &RoundRow) -> Phase {
    r.phase(storage::now_ms())
}

/// Counts a closed round from its stored ballots (nothing is written).
async fn count(db: &Db, r: &RoundRow) -> Result<RoundResult> {
    let spec = spec_of(r)?;
    let stored = storage::rounds::ballots(db, r.id).await?;
    let mut ballots = Vec::with_capacity(stored.len());
    for b in &stored {
        let side = Side::parse(&b.side)
            .ok_or_else(|| internal(format!("ballots.side holds {:?}", b.side)))?;
        ballots.push((side, b.content.as_str()));
    }
    let voters = storage::rounds::participation(db, r.id).await?;
    Ok(RoundResult::count(
        &spec,
        &r.candidates(),
        &r.title,
        &ballots,
        |side| {
            voters
                .iter()
                .find(|(s, _)| s == side.as_str())
                .map_or(0, |(_, n)| u64::try_from(*n).unwrap_or(0))
        },
    ))
}

fn parse_result(r: &RoundRow, json: &str) -> Result<RoundResult> {
    serde_json::from_str(json).map_err(|e| {
        internal(format!(
            "rounds.result of round {} is unreadable: {e}",
            r.id
        ))
    })
}

/// A closed round's result: the stored one. Only a round that reached its closing time and
/// was not counted yet (no close action, the background task not run yet) is counted and
/// stored here, once; a racing server's result is answered when it stored first.
pub async fn result(db: &Db, r: &RoundRow) -> Result<RoundResult> {
    if let Some(json) = &r.result {
        return parse_result(r, json);
    }
    if phase(r) != Phase::Closed {
        return Err(RoundError::NotClosed.into());
    }
    let result = count(db, r).await?;
    let json = serde_json::to_string(&result).map_err(internal)?;
    if storage::rounds::store_result(db, r.id, &json, &result.adopted).await? {
        return Ok(result);
    }
    let again = storage::rounds::find_round(db, r.id).await?;
    match &again.result {
        Some(json) => parse_result(&again, json),
        None => Err(internal(format!(
            "round {} has no result after counting",
            r.id
        ))),
    }
}

/// Counts every closed round whose result is not stored yet; returns how many it counted.
/// `convention serve` runs it in the background, so results are stored soon after a round's
/// closing time even if nobody looks.
pub async fn count_due(db: &Db) -> Result<usize> {
    let due = storage::rounds::uncounted_closed(db, storage::now_ms()).await?;
    for id in &due {
        let r = storage::rounds::find_round(db, *id).await?;
        result(db, &r).await?;
    }
    Ok(due.len())
}

/// Ends an open round now and counts it. Organisers.
pub async fn close(db: &Db, actor: Option<Actor>, id: RoundId) -> Result<RoundResult> {
    let r = storage::rounds::find_round(db, id).await?;
    let actor = allowed(actor, &r, RoundAction::Close)?;
    storage::rounds::close_now(db, id, actor.id)
        .await
        .map_err(|e| conflict_as(e, RoundError::Closed))?;
    let r = storage::rounds::find_round(db, id).await?;
    result(db, &r).await
}

/// Destroys the voter–ballot link of a closed round for good; returns the number of ballots
/// sealed. Organisers.
pub async fn seal(db: &Db, actor: Option<Actor>, id: RoundId) -> Result<usize> {
    let r = storage::rounds::find_round(db, id).await?;
    let actor = allowed(actor, &r, RoundAction::Seal)?;
    seal_as(db, Some(actor.id), &r).await
}

/// [`seal`] by the operator of the server (`convention round seal`), logged without an actor.
pub async fn seal_by_operator(db: &Db, id: RoundId) -> Result<usize> {
    let r = storage::rounds::find_round(db, id).await?;
    seal_as(db, None, &r).await
}

async fn seal_as(db: &Db, logged: Option<UserId>, r: &RoundRow) -> Result<usize> {
    if phase(r) == Phase::Closed {
        // Counted before the slots change, so the stored result exists before any seal.
        result(db, r).await?;
    }
    storage::rounds::seal(db, r.id, logged, random_slot)
        .await
        .map_err(|e| conflict_as(e, RoundError::NotClosed))
}

/// A storage conflict as the round error the caller can act on; anything else as usual.
pub fn conflict_as(e: storage::StorageError, as_error: RoundError) -> Error {
    match e {
        storage::StorageError::Conflict(_) => as_error.into(),
        other => other.into(),
    }
}

/// The published ballots of a closed round as a `convention tally` document with receipts,
/// shuffled; `side` picks one count of a round with both electorates (default: every ballot).
/// [`RoundError::NotClosed`] before the close.
pub async fn published_ballots(db: &Db, id: RoundId, side: Option<&str>) -> Result<String> {
    use rand::seq::SliceRandom;
    let r = storage::rounds::find_round(db, id).await?;
    if phase(&r) != Phase::Closed {
        return Err(RoundError::NotClosed.into());
    }
    let spec = spec_of(&r)?;
    let ids: Vec<String> = r.candidates().iter().map(ToString::to_string).collect();
    let election = spec.election(ids);
    let candidates =
        storage::rounds::proposals_named(db, &r.candidates(), crate::report::MASKED).await?;
    let titles: Vec<String> = r
        .candidates()
        .iter()
        .map(|id| {
            candidates
                .iter()
                .find(|c| c.id == *id)
                .map(|c| c.title.clone())
                .unwrap_or_default()
        })
        .collect();
    let mut ballots: Vec<(String, String)> = storage::rounds::ballots(db, id)
        .await?
        .into_iter()
        .filter(|b| side.is_none_or(|s| s == b.side))
        .map(|b| (b.receipt, b.content))
        .collect();
    ballots.shuffle(&mut rand::rngs::OsRng);
    Ok(domain::voting::round::published_document(
        &election, &titles, &ballots,
    ))
}

/// A round's settings as submitted, before any check.
#[derive(Clone, Debug, Default)]
pub struct SettingsInput<'a> {
    /// Title.
    pub title: &'a str,
    /// Counting settings, as text.
    pub spec: SpecForm<'a>,
    /// Candidate proposal ids, as submitted (checked boxes' names).
    pub candidates: Vec<&'a str>,
    /// Opening, Paris time "YYYY-MM-DDTHH:MM".
    pub opens_at: &'a str,
    /// Close, same form.
    pub closes_at: &'a str,
}

/// Settings, checked.
struct Checked {
    title: String,
    spec: RoundSpec,
    ids: Vec<ProposalId>,
    opens_at: i64,
    closes_at: i64,
}

impl Checked {
    fn fields(&self) -> storage::rounds::RoundFields<'_> {
        storage::rounds::RoundFields {
            title: &self.title,
            spec: &self.spec,
            candidates: &self.ids,
            opens_at: self.opens_at,
            closes_at: self.closes_at,
        }
    }
}

/// Checks settings: title, spec, candidates (each visible and published or under vote) and
/// times (close after opening, and in the future).
async fn check(db: &Db, f: &SettingsInput<'_>) -> Result<Checked> {
    let title = domain::voting::round::check_title(f.title)?;
    let too_many = || RoundError::Candidates {
        max: domain::voting::round::CANDIDATES_MAX,
    };
    let mut ids = Vec::with_capacity(f.candidates.len());
    for c in &f.candidates {
        ids.push(c.parse::<ProposalId>().map_err(|_| too_many())?);
    }
    ids.sort_unstable();
    ids.dedup();
    let spec = RoundSpec::parse(&f.spec, ids.len())?;
    let votable = storage::rounds::votable_proposals(db).await?;
    if !ids.iter().all(|id| votable.iter().any(|c| c.id == *id)) {
        return Err(too_many().into());
    }
    let opens = domain::time::parse_paris_input(f.opens_at).ok_or(RoundError::Times)?;
    let closes = domain::time::parse_paris_input(f.closes_at).ok_or(RoundError::Times)?;
    if closes <= opens || closes <= storage::now_ms() {
        return Err(RoundError::Times.into());
    }
    Ok(Checked {
        title,
        spec,
        ids,
        opens_at: opens,
        closes_at: closes,
    })
}

/// Whether the actor may set up rounds (and so see the settings form and its proposals).
pub fn may_create(actor: Option<Actor>) -> Result<Actor> {
    // Creating depends on no round's state: any electorate and phase give the same answer.
    domain::access::round(
        actor.map(|a| a.role),
        domain::voting::round::Electorate::Citizens,
        Phase::Upcoming,
        RoundAction::Create,
    )?;
    crate::signed_in(actor)
}

/// Sets up a round; returns its id. Organisers.
pub async fn create(
    db: &Db,
    actor: Option<Actor>,
    settings: &SettingsInput<'_>,
) -> Result<RoundId> {
    let actor = may_create(actor)?;
    let checked = check(db, settings).await?;
    Ok(storage::rounds::create_round(db, &checked.fields(), actor.id).await?)
}

/// Changes a round that has not opened ([`RoundError::Frozen`] once it has). Organisers.
pub async fn edit(
    db: &Db,
    actor: Option<Actor>,
    id: RoundId,
    settings: &SettingsInput<'_>,
) -> Result<()> {
    let r = storage::rounds::find_round(db, id).await?;
    let actor = allowed(actor, &r, RoundAction::Edit)?;
    let checked = check(db, settings).await?;
    storage::rounds::update_round(db, id, &checked.fields(), actor.id)
        .await
        .map_err(|e| conflict_as(e, RoundError::Frozen))
}

/// The proposal ids of a round in ballot order, as ballots name them.
pub fn candidate_keys(r: &RoundRow) -> Vec<String> {
    r.candidates().iter().map(ToString::to_string).collect()
}

/// Casts or replaces the actor's ballot (`ballot`: candidate id → form value); returns the
/// receipt. Signed-in voters of the round's electorate, while it is open.
pub async fn cast(
    st: &crate::AppState,
    actor: Option<Actor>,
    round: RoundId,
    ballot: &HashMap<String, String>,
) -> Result<String> {
    let r = storage::rounds::find_round(&st.db, round).await?;
    let actor = allowed(actor, &r, RoundAction::Vote)?;
    let spec = spec_of(&r)?;
    let side = spec
        .electorate
        .side_of(actor.role)
        .ok_or(RoundError::NotEligible)?;
    let content = domain::voting::round::ballot_from_form(&spec, &candidate_keys(&r), ballot)?;
    let code = receipt();
    let my_slot = slot(&st.ballot_key, r.id, actor.id);
    // A voter who took part but whose ballot is not under their slot would otherwise cast a
    // second ballot: the key changed since. Their first ballot stands.
    if storage::rounds::took_part(&st.db, r.id, actor.id).await?
        && storage::rounds::ballot_in_slot(&st.db, r.id, &my_slot)
            .await?
            .is_none()
    {
        return Err(RoundError::Locked.into());
    }
    storage::rounds::cast_ballot(
        &st.db,
        &storage::rounds::Cast {
            round_id: r.id,
            slot: &my_slot,
            side: side.as_str(),
            receipt: &code,
            content: &content,
            voter_id: actor.id,
        },
    )
    .await
    .map_err(|e| conflict_as(e, RoundError::Closed))?;
    Ok(code)
}

/// The actor's own part in a round: whether they took part, and while the link exists their
/// receipt and (while open) their ballot as form values. Nobody else's is ever read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MyBallot {
    /// They took part.
    pub voted: bool,
    /// Their receipt, until the seal.
    pub receipt: Option<String>,
    /// Their ballot as form values (candidate id → value), while the round is open.
    pub values: HashMap<String, String>,
}

/// The actor's own ballot in a round (see [`MyBallot`]).
pub async fn my_ballot(st: &crate::AppState, actor: Actor, r: &RoundRow) -> Result<MyBallot> {
    let mut mine = MyBallot {
        voted: storage::rounds::took_part(&st.db, r.id, actor.id).await?,
        ..MyBallot::default()
    };
    if mine.voted && r.sealed_at.is_none() {
        let stored =
            storage::rounds::ballot_in_slot(&st.db, r.id, &slot(&st.ballot_key, r.id, actor.id))
                .await?;
        if let Some((receipt, content)) = stored {
            if phase(r) == Phase::Open {
                let spec = spec_of(r)?;
                mine.values =
                    domain::voting::round::form_values(&spec, &candidate_keys(r), &content);
            }
            mine.receipt = Some(receipt);
        }
    }
    Ok(mine)
}

/// A round's candidates with their titles, topics and statuses, as the ballot names them.
pub async fn candidates_named(db: &Db, r: &RoundRow) -> Result<Vec<storage::rounds::CandidateRow>> {
    Ok(storage::rounds::proposals_named(db, &r.candidates(), crate::report::MASKED).await?)
}

/// The proposals a round may include (published or under vote). Organisers.
pub async fn votable(db: &Db, actor: Option<Actor>) -> Result<Vec<storage::rounds::CandidateRow>> {
    may_create(actor)?;
    Ok(storage::rounds::votable_proposals(db).await?)
}
