//! Voting rounds' use cases that the site and the CLI share: sealed ballots and receipts,
//! closing, mixing and counting once and storing the result, reading it, the published
//! ballots, sealing.
//!
//! Ballot secrecy: a cast ballot is encrypted under a key derived from the ballot key (kept
//! outside the database) and bound to its voter and round, and waits in the voter's
//! participation row, so the database alone shows who voted, never how. At the count the
//! mixer decrypts them all and writes them, shuffled and under random slots, in one
//! transaction of its own; then the old row versions are erased physically. From then on
//! nothing links a ballot to a voter, even with the key.
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

/// The key that seals waiting ballots: derived from the ballot key, so one secret serves
/// both uses without the same bytes doing two jobs.
fn sealing_key(key: &[u8; 32]) -> chacha20poly1305::Key {
    use hmac::{Hmac, Mac};
    let mut mac = <Hmac<sha2::Sha256> as Mac>::new_from_slice(key).expect("any key length");
    mac.update(b"convention-ballot-seal");
    chacha20poly1305::Key::clone_from_slice(&mac.finalize().into_bytes())
}

/// What a sealed ballot is bound to: opening it for another voter or round fails.
fn sealed_for(round_id: RoundId, user_id: UserId) -> String {
    format!("convention-ballot\0{round_id}\0{user_id}")
}

/// Encrypts a ballot (receipt and content) for the time it waits in its voter's row: hex of
/// a random nonce followed by the ciphertext and tag.
pub fn seal_ballot(
    key: &[u8; 32],
    round_id: RoundId,
    user_id: UserId,
    receipt: &str,
    content: &str,
) -> Result<String> {
    use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, Payload};
    use chacha20poly1305::XChaCha20Poly1305;
    let cipher = XChaCha20Poly1305::new(&sealing_key(key));
    let nonce = XChaCha20Poly1305::generate_nonce(&mut rand::rngs::OsRng);
    let plain = serde_json::to_string(&(receipt, content)).map_err(internal)?;
    let aad = sealed_for(round_id, user_id);
    let sealed = cipher
        .encrypt(
            &nonce,
            Payload {
                msg: plain.as_bytes(),
                aad: aad.as_bytes(),
            },
        )
        .map_err(|_| internal("a ballot could not be sealed"))?;
    Ok(hex(&[nonce.as_slice(), &sealed].concat()))
}

/// The (receipt, content) of a ballot sealed by [`seal_ballot`] for this voter and round;
/// `None` when it was sealed under another key, for someone else, or altered.
pub fn open_ballot(
    key: &[u8; 32],
    round_id: RoundId,
    user_id: UserId,
    sealed: &str,
) -> Option<(String, String)> {
    use chacha20poly1305::aead::{Aead, KeyInit, Payload};
    use chacha20poly1305::{XChaCha20Poly1305, XNonce};
    let bytes = unhex(sealed)?;
    if bytes.len() < 24 {
        return None;
    }
    let (nonce, body) = bytes.split_at(24);
    let aad = sealed_for(round_id, user_id);
    let plain = XChaCha20Poly1305::new(&sealing_key(key))
        .decrypt(
            XNonce::from_slice(nonce),
            Payload {
                msg: body,
                aad: aad.as_bytes(),
            },
        )
        .ok()?;
    serde_json::from_slice(&plain).ok()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
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
    // A cancelled round waits only for its deletion.
    if r.cancelled_at.is_some() && action != RoundAction::Delete {
        return Err(RoundError::Cancelled.into());
    }
    actor.ok_or(Error::Unauthenticated)
}

/// One round as `actor` may see it: a cancelled round is the organisers' only (`NotFound` to
/// anyone else, as if it never existed).
pub async fn round_for(db: &Db, actor: Option<Actor>, id: RoundId) -> Result<RoundRow> {
    let r = storage::rounds::find_round(db, id).await?;
    if r.cancelled_at.is_some() && may_create(actor).is_err() {
        return Err(Error::NotFound);
    }
    Ok(r)
}

/// Every round `actor` may see, latest opening first (cancelled ones for organisers only).
pub async fn list_for(db: &Db, actor: Option<Actor>) -> Result<Vec<RoundRow>> {
    let organiser = may_create(actor).is_ok();
    Ok(storage::rounds::list_rounds(db)
        .await?
        .into_iter()
        .filter(|r| organiser || r.cancelled_at.is_none())
        .collect())
}

/// Whether `actor` may cancel the round now: an organiser, before the close, nobody has voted.
pub async fn may_cancel(db: &Db, actor: Option<Actor>, r: &RoundRow) -> Result<bool> {
    if allowed(actor, r, RoundAction::Cancel).is_err() {
        return Ok(false);
    }
    Ok(storage::rounds::participation(db, r.id).await?.is_empty() && r.finalized_at.is_none())
}

/// Opens an upcoming round now. Organisers.
pub async fn open_now(db: &Db, actor: Option<Actor>, id: RoundId) -> Result<()> {
    let r = round_for(db, actor, id).await?;
    let actor = allowed(actor, &r, RoundAction::OpenNow)?;
    storage::rounds::open_now(db, id, actor.id)
        .await
        .map_err(|e| conflict_as(e, RoundError::Frozen))
}

/// Cancels a round before its first ballot ([`RoundError::HasBallots`] after). Organisers.
pub async fn cancel(db: &Db, actor: Option<Actor>, id: RoundId) -> Result<()> {
    let r = round_for(db, actor, id).await?;
    let actor = allowed(actor, &r, RoundAction::Cancel)?;
    storage::rounds::cancel(db, id, actor.id)
        .await
        .map_err(|e| conflict_as(e, RoundError::HasBallots))
}

/// Deletes a cancelled round for good ([`RoundError::NotCancelled`] for any other); the
/// moderation log keeps its title. Organisers.
pub async fn delete(db: &Db, actor: Option<Actor>, id: RoundId) -> Result<()> {
    let r = round_for(db, actor, id).await?;
    let actor = allowed(actor, &r, RoundAction::Delete)?;
    storage::rounds::delete_cancelled(db, id, actor.id)
        .await
        .map_err(|e| conflict_as(e, RoundError::NotCancelled))
}

/// Where the round stands now.
pub fn phase(r: &RoundRow) -> Phase {
    r.phase(storage::now_ms())
}

/// Counts a closed round from its stored ballots (nothing is written): what the stored result
/// must equal, as the crash test checks.
pub async fn recount(db: &Db, r: &RoundRow) -> Result<RoundResult> {
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
pub async fn result(st: &crate::AppState, r: &RoundRow) -> Result<RoundResult> {
    if let Some(json) = &r.result {
        return parse_result(r, json);
    }
    if phase(r) != Phase::Closed {
        return Err(RoundError::NotClosed.into());
    }
    let db = &st.db;
    mix(st, None, r).await?;
    let result = recount(db, r).await?;
    let json = serde_json::to_string(&result).map_err(internal)?;
    if storage::rounds::store_result(db, r.id, &json, &result.adopted).await? {
        scrub(db).await;
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
pub async fn count_due(st: &crate::AppState) -> Result<usize> {
    let due = storage::rounds::uncounted_closed(&st.db, storage::now_ms()).await?;
    for id in &due {
        let r = storage::rounds::find_round(&st.db, *id).await?;
        result(st, &r).await?;
    }
    Ok(due.len())
}

/// Ends an open round now and counts it. Organisers.
pub async fn close(st: &crate::AppState, actor: Option<Actor>, id: RoundId) -> Result<RoundResult> {
    let db = &st.db;
    let r = storage::rounds::find_round(db, id).await?;
    let actor = allowed(actor, &r, RoundAction::Close)?;
    storage::rounds::close_now(db, id, actor.id)
        .await
        .map_err(|e| conflict_as(e, RoundError::Closed))?;
    let r = storage::rounds::find_round(db, id).await?;
    result(st, &r).await
}

/// Destroys the voter–ballot link of a closed round for good; returns the number of ballots
/// sealed. Organisers. Counting already seals; this serves rounds counted before it did.
pub async fn seal(st: &crate::AppState, actor: Option<Actor>, id: RoundId) -> Result<usize> {
    let r = storage::rounds::find_round(&st.db, id).await?;
    let actor = allowed(actor, &r, RoundAction::Seal)?;
    seal_as(st, Some(actor.id), &r).await
}

/// [`seal`] by the operator of the server (`convention round seal`), logged without an actor.
pub async fn seal_by_operator(st: &crate::AppState, id: RoundId) -> Result<usize> {
    let r = storage::rounds::find_round(&st.db, id).await?;
    seal_as(st, None, &r).await
}

async fn seal_as(st: &crate::AppState, logged: Option<UserId>, r: &RoundRow) -> Result<usize> {
    if phase(r) != Phase::Closed {
        return Err(RoundError::NotClosed.into());
    }
    // Counted first, so the stored result exists before any seal.
    result(st, r).await?;
    let n = mix(st, logged, r).await?;
    scrub(&st.db).await;
    Ok(n)
}

/// Runs the mixer on a closed round (see the module's introduction): every waiting ballot is
/// opened with the key, and they are written shuffled under random slots, replacing any
/// ballot of the same voter cast before ballots waited sealed.
async fn mix(st: &crate::AppState, logged: Option<UserId>, r: &RoundRow) -> Result<usize> {
    use rand::seq::SliceRandom;
    let key = *st.ballot_key;
    let round = r.id;
    let open = |waiting: Vec<storage::rounds::Waiting>| {
        let mut ballots = Vec::with_capacity(waiting.len());
        let mut replaced = Vec::with_capacity(waiting.len());
        for w in waiting {
            let (receipt, content) = open_ballot(&key, round, w.user_id, &w.sealed).ok_or(
                // The value is not echoed: it is a voter's sealed ballot.
                storage::StorageError::Corrupt {
                    column: "round_participation.pending",
                    value: format!("a ballot of round {round} that this ballot key cannot open"),
                },
            )?;
            replaced.push(slot(&key, round, w.user_id));
            ballots.push(storage::rounds::Mixed {
                slot: random_slot(),
                side: w.side,
                receipt,
                content,
            });
        }
        ballots.shuffle(&mut rand::rngs::OsRng);
        Ok(storage::rounds::Mix { ballots, replaced })
    };
    storage::rounds::mix(&st.db, r.id, logged, open, random_slot, |slots| {
        slots.shuffle(&mut rand::rngs::OsRng)
    })
    .await
    .map_err(|e| conflict_as(e, RoundError::NotClosed))
}

/// Erases the old row versions a seal left behind; a failure is logged, not answered (the
/// result stands, and the next seal tries again).
pub async fn scrub(db: &Db) {
    let mut done = storage::rounds::scrub(db).await;
    // A reader in the middle of the log keeps it; readers are short, so wait a little.
    for _ in 0..40 {
        if !matches!(done, Ok(false)) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        done = storage::rounds::truncate_log(db).await;
    }
    match done {
        Ok(true) => {}
        Ok(false) => tracing::warn!("the write-ahead log could not be truncated after a seal"),
        Err(e) => tracing::warn!("erasing sealed ballots' old versions failed: {e}"),
    }
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
pub async fn published_ballots(
    st: &crate::AppState,
    id: RoundId,
    side: Option<&str>,
) -> Result<String> {
    use rand::seq::SliceRandom;
    let db = &st.db;
    let r = storage::rounds::find_round(db, id).await?;
    if phase(&r) != Phase::Closed {
        return Err(RoundError::NotClosed.into());
    }
    // Ballots still waiting sealed are mixed in first.
    result(st, &r).await?;
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
    let r = round_for(&st.db, actor, round).await?;
    let actor = allowed(actor, &r, RoundAction::Vote)?;
    let spec = spec_of(&r)?;
    let side = spec
        .electorate
        .side_of(actor.role)
        .ok_or(RoundError::NotEligible)?;
    let content = domain::voting::round::ballot_from_form(&spec, &candidate_keys(&r), ballot)?;
    let code = receipt();
    // A ballot cast before ballots waited sealed sits under the voter's slot, which the mixer
    // replaces; when it is not there the key changed since, and a new ballot would be a
    // second one. Their first ballot stands.
    if storage::rounds::my_part(&st.db, r.id, actor.id).await? == Some(None)
        && storage::rounds::ballot_in_slot(&st.db, r.id, &slot(&st.ballot_key, r.id, actor.id))
            .await?
            .is_none()
    {
        return Err(RoundError::Locked.into());
    }
    let sealed = seal_ballot(&st.ballot_key, r.id, actor.id, &code, &content)?;
    storage::rounds::cast_ballot(
        &st.db,
        &storage::rounds::Cast {
            round_id: r.id,
            voter_id: actor.id,
            side: side.as_str(),
            sealed: &sealed,
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
    /// Their receipt, until the count.
    pub receipt: Option<String>,
    /// Their ballot as form values (candidate id → value), while the round is open.
    pub values: HashMap<String, String>,
}

/// The actor's own ballot in a round (see [`MyBallot`]).
pub async fn my_ballot(st: &crate::AppState, actor: Actor, r: &RoundRow) -> Result<MyBallot> {
    let Some(waiting) = storage::rounds::my_part(&st.db, r.id, actor.id).await? else {
        return Ok(MyBallot::default());
    };
    let mut mine = MyBallot {
        voted: true,
        ..MyBallot::default()
    };
    let stored = match waiting {
        Some(sealed) => open_ballot(&st.ballot_key, r.id, actor.id, &sealed),
        None if r.sealed_at.is_none() => {
            let my_slot = slot(&st.ballot_key, r.id, actor.id);
            storage::rounds::ballot_in_slot(&st.db, r.id, &my_slot).await?
        }
        None => None,
    };
    if let Some((receipt, content)) = stored {
        if phase(r) == Phase::Open {
            let spec = spec_of(r)?;
            mine.values = domain::voting::round::form_values(&spec, &candidate_keys(r), &content);
        }
        mine.receipt = Some(receipt);
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
