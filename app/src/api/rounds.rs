//! Voting rounds: organisers set them up, eligible voters cast secret ballots (changeable
//! until the close), and after the close anyone reads the results and the published ballots.
//!
//! Secrecy: a ballot is stored under a slot, HMAC(server secret, round, voter), computed
//! here from the caller's own session and never returned; no answer of this module names a
//! voter beside a ballot, for any role. A voter sees only their own ballot and receipt.

use crate::error::AppError;
use domain::voting::round::{Electorate, Rule};
use domain::voting::Method;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[cfg(feature = "ssr")]
use crate::server::{self, state};
#[cfg(feature = "ssr")]
use domain::voting::round::RoundError;

/// Where a round stands, for display.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PhaseDto {
    /// Not opened yet.
    Upcoming,
    /// Taking ballots.
    Open,
    /// Closed, results published.
    Closed,
}

/// A round in the list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundSummaryDto {
    /// Id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Method.
    pub method: Method,
    /// Electorate.
    pub electorate: Electorate,
    /// Opening, Unix ms.
    pub opens_at: i64,
    /// Close, Unix ms.
    pub closes_at: i64,
    /// Phase now.
    pub phase: PhaseDto,
    /// Number of proposals.
    pub candidates: usize,
}

/// A proposal on a ballot.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CandidateDto {
    /// Proposal id (its id on ballots, in decimal).
    pub id: i64,
    /// Title.
    pub title: String,
    /// Its topic's title.
    pub topic: String,
    /// Its status.
    pub status: String,
}

/// A round, its ballot and what the caller may do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundDto {
    /// The list's fields.
    pub summary: RoundSummaryDto,
    /// Majority judgment's scale, best first.
    pub grades: Vec<String>,
    /// Cumulative and quadratic budget.
    pub budget: i64,
    /// Measure threshold.
    pub threshold: (u64, u64),
    /// Measure: strictly above.
    pub strict: bool,
    /// Adoption rule.
    pub rule: Rule,
    /// The proposals, in ballot order.
    pub candidates: Vec<CandidateDto>,
    /// Signed in.
    pub signed_in: bool,
    /// In the electorate.
    pub eligible: bool,
    /// The caller took part.
    pub voted: bool,
    /// The caller's current ballot as form values (candidate id → value), while the round
    /// is open.
    pub my_values: HashMap<String, String>,
    /// The caller's receipt, while the round is open or closed but not sealed.
    pub my_receipt: Option<String>,
    /// Organiser.
    pub can_manage: bool,
    /// The voter–ballot link was destroyed.
    pub sealed: bool,
}

/// One proposal's line in a result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultRowDto {
    /// Proposal id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Place, 1 = best (shared by a tier).
    pub rank: usize,
    /// The method's score, as text (points, majority grade, candidates defeated, share).
    pub score: String,
    /// Per grade (majority judgment) or for/against/abstain (measure): weights.
    pub detail: Vec<String>,
    /// Adopted by the round's rule (official count only).
    pub adopted: bool,
}

/// The count of one side of the electorate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SideResultDto {
    /// "members" or "public".
    pub side: String,
    /// The count the adoption rule reads.
    pub official: bool,
    /// People who voted.
    pub voters: i64,
    /// Ballots counted.
    pub ballots_counted: usize,
    /// Ballots rejected.
    pub ballots_rejected: usize,
    /// Rows in ranking order.
    pub rows: Vec<ResultRowDto>,
    /// The chart, SVG text drawn by `domain::voting::chart` (escaped there).
    pub chart: String,
    /// Schulze: d[x][y] in candidate order, for the data table.
    pub pairwise: Vec<Vec<String>>,
    /// `convention tally`'s answer for this count.
    pub tally_json: String,
}

/// A closed round's results.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultsDto {
    /// The round.
    pub round: RoundDto,
    /// One count per side, official first.
    pub sides: Vec<SideResultDto>,
}

#[cfg(feature = "ssr")]
fn phase(r: &storage::rounds::RoundRow) -> PhaseDto {
    match r.phase(storage::now_ms()) {
        storage::rounds::Phase::Upcoming => PhaseDto::Upcoming,
        storage::rounds::Phase::Open => PhaseDto::Open,
        storage::rounds::Phase::Closed => PhaseDto::Closed,
    }
}

#[cfg(feature = "ssr")]
fn spec_of(r: &storage::rounds::RoundRow) -> Result<domain::voting::round::RoundSpec, AppError> {
    r.spec()
        .ok_or_else(|| server::internal(format!("round {} has unreadable settings", r.id)))
}

#[cfg(feature = "ssr")]
fn summary(r: &storage::rounds::RoundRow) -> Result<RoundSummaryDto, AppError> {
    let spec = spec_of(r)?;
    Ok(RoundSummaryDto {
        id: r.id,
        title: r.title.clone(),
        method: spec.method,
        electorate: spec.electorate,
        opens_at: r.opens_at,
        closes_at: r.closes_at,
        phase: phase(r),
        candidates: r.candidates().len(),
    })
}

/// The voter's slot in a round: HMAC-SHA256 under the server's ballot key.
#[cfg(feature = "ssr")]
pub fn slot(key: &[u8; 32], round_id: i64, user_id: i64) -> String {
    use hmac::{Hmac, Mac};
    let mut mac = <Hmac<sha2::Sha256> as Mac>::new_from_slice(key).expect("any key length");
    mac.update(format!("convention-ballot-slot\0{round_id}\0{user_id}").as_bytes());
    hex(&mac.finalize().into_bytes())
}

#[cfg(feature = "ssr")]
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A fresh random slot, for sealing.
#[cfg(feature = "ssr")]
pub fn random_slot() -> String {
    hex(&server::random_key())
}

/// A receipt code: 12 characters from an alphabet without look-alikes, in groups of four
/// (about 59 bits).
#[cfg(feature = "ssr")]
pub fn receipt() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    let key = server::random_key();
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

/// The list of rounds, and whether the reader may create one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundListDto {
    /// Latest opening first.
    pub rounds: Vec<RoundSummaryDto>,
    /// Organiser.
    pub can_manage: bool,
}

/// Every round, latest opening first. Anyone.
#[server(prefix = "/api", endpoint = "rounds")]
pub async fn rounds() -> Result<RoundListDto, AppError> {
    let rows = storage::rounds::list_rounds(&state()?.db).await?;
    let can_manage = server::current_user()
        .await?
        .is_some_and(|u| u.role.can_manage_accounts());
    Ok(RoundListDto {
        rounds: rows.iter().map(summary).collect::<Result<_, _>>()?,
        can_manage,
    })
}

#[cfg(feature = "ssr")]
async fn candidates_of(
    db: &storage::Db,
    r: &storage::rounds::RoundRow,
) -> Result<Vec<CandidateDto>, AppError> {
    Ok(storage::rounds::proposals_named(db, &r.candidates())
        .await?
        .into_iter()
        .map(|c| CandidateDto {
            id: c.id,
            title: c.title,
            topic: c.topic_title,
            status: c.status,
        })
        .collect())
}

#[cfg(feature = "ssr")]
async fn round_dto(
    st: &crate::server::AppState,
    r: &storage::rounds::RoundRow,
) -> Result<RoundDto, AppError> {
    let spec = spec_of(r)?;
    let user = server::current_user().await?;
    let candidates = candidates_of(&st.db, r).await?;
    let ph = phase(r);
    let mut dto = RoundDto {
        summary: summary(r)?,
        grades: spec.grades.clone(),
        budget: spec.budget,
        threshold: spec.threshold,
        strict: spec.strict,
        rule: spec.rule,
        candidates,
        signed_in: user.is_some(),
        eligible: false,
        voted: false,
        my_values: HashMap::new(),
        my_receipt: None,
        can_manage: false,
        sealed: r.sealed_at.is_some(),
    };
    if let Some(u) = user {
        dto.eligible = spec.electorate.side_of(u.role).is_some();
        dto.can_manage = u.role.can_manage_accounts();
        dto.voted = storage::rounds::took_part(&st.db, r.id, u.id).await?;
        if dto.voted && r.sealed_at.is_none() {
            let mine =
                storage::rounds::ballot_in_slot(&st.db, r.id, &slot(&st.ballot_key, r.id, u.id))
                    .await?;
            if let Some((receipt, content)) = mine {
                if ph == PhaseDto::Open {
                    let ids = ids_of(r);
                    dto.my_values = domain::voting::round::form_values(&spec, &ids, &content);
                }
                dto.my_receipt = Some(receipt);
            }
        }
    }
    Ok(dto)
}

#[cfg(feature = "ssr")]
fn ids_of(r: &storage::rounds::RoundRow) -> Vec<String> {
    r.candidates().iter().map(i64::to_string).collect()
}

/// One round, with the caller's own ballot (never anyone else's). Anyone.
#[server(prefix = "/api", endpoint = "round")]
pub async fn round(id: i64) -> Result<RoundDto, AppError> {
    let st = state()?;
    let r = storage::rounds::find_round(&st.db, id).await?;
    round_dto(&st, &r).await
}

/// What the settings form offers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VotableDto {
    /// Proposals a round may include.
    pub proposals: Vec<CandidateDto>,
    /// The server's time, Unix ms (for the default opening and close).
    pub now: i64,
}

/// The proposals a round may include (published or under vote). Organisers.
#[server(prefix = "/api", endpoint = "votable_proposals")]
pub async fn votable_proposals() -> Result<VotableDto, AppError> {
    server::require_role(domain::Role::can_manage_accounts).await?;
    let proposals = storage::rounds::votable_proposals(&state()?.db)
        .await?
        .into_iter()
        .map(|c| CandidateDto {
            id: c.id,
            title: c.title,
            topic: c.topic_title,
            status: c.status,
        })
        .collect();
    Ok(VotableDto {
        proposals,
        now: storage::now_ms(),
    })
}

/// A round's settings form, as submitted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundForm {
    /// Title.
    pub title: String,
    /// Method name.
    pub method: String,
    /// Checked proposals: id → "on".
    #[serde(default)]
    pub candidates: HashMap<String, String>,
    /// Scale, one grade per line.
    #[serde(default)]
    pub grades: String,
    /// Budget.
    #[serde(default)]
    pub budget: String,
    /// Threshold "p/q".
    #[serde(default)]
    pub threshold: String,
    /// Strictly above the threshold (checkbox).
    #[serde(default)]
    pub strict: Option<String>,
    /// Electorate name.
    pub electorate: String,
    /// Rule name.
    #[serde(default)]
    pub rule: String,
    /// k for "top".
    #[serde(default)]
    pub rule_k: String,
    /// Grade for "grade".
    #[serde(default)]
    pub rule_grade: String,
    /// Opening, Paris time "YYYY-MM-DDTHH:MM".
    pub opens_at: String,
    /// Close, same form.
    pub closes_at: String,
}

/// A settings form, checked.
#[cfg(feature = "ssr")]
struct Checked {
    title: String,
    spec: domain::voting::round::RoundSpec,
    ids: Vec<i64>,
    opens_at: i64,
    closes_at: i64,
}

#[cfg(feature = "ssr")]
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

/// A storage conflict as the round error the caller can act on; anything else as usual.
#[cfg(feature = "ssr")]
fn conflict_as(e: storage::StorageError, as_error: RoundError) -> AppError {
    match e {
        storage::StorageError::Conflict(_) => as_error.into(),
        other => other.into(),
    }
}

/// Checks a settings form: title, spec, candidates (each visible and published or under
/// vote) and times (close after opening, and in the future).
#[cfg(feature = "ssr")]
async fn check_form(db: &storage::Db, f: &RoundForm) -> Result<Checked, AppError> {
    let title = domain::voting::round::check_title(&f.title)?;
    let mut ids: Vec<i64> = Vec::new();
    for (k, v) in &f.candidates {
        if v == "false" {
            continue;
        }
        let id = k.parse::<i64>().map_err(|_| RoundError::Candidates {
            max: domain::voting::round::CANDIDATES_MAX,
        })?;
        ids.push(id);
    }
    ids.sort_unstable();
    ids.dedup();
    let spec = domain::voting::round::RoundSpec::parse(
        &domain::voting::round::SpecForm {
            method: &f.method,
            grades: &f.grades,
            budget: &f.budget,
            threshold: &f.threshold,
            strict: f.strict.as_deref().is_some_and(|v| v != "false"),
            electorate: &f.electorate,
            rule: &f.rule,
            rule_k: &f.rule_k,
            rule_grade: &f.rule_grade,
        },
        ids.len(),
    )?;
    let votable = storage::rounds::votable_proposals(db).await?;
    if !ids.iter().all(|id| votable.iter().any(|c| c.id == *id)) {
        return Err(RoundError::Candidates {
            max: domain::voting::round::CANDIDATES_MAX,
        }
        .into());
    }
    let opens = domain::time::parse_paris_input(&f.opens_at).ok_or(RoundError::Times)?;
    let closes = domain::time::parse_paris_input(&f.closes_at).ok_or(RoundError::Times)?;
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

/// Creates a round. Organisers.
#[server(prefix = "/api", endpoint = "create_round")]
pub async fn create_round(form: RoundForm) -> Result<(), AppError> {
    let user = server::require_role(domain::Role::can_manage_accounts).await?;
    let st = state()?;
    let checked = check_form(&st.db, &form).await?;
    let id = storage::rounds::create_round(&st.db, &checked.fields(), user.id).await?;
    server::redirect(&format!("/rounds/{id}"));
    Ok(())
}

/// Changes a round that has not opened (409 once it has). Organisers.
#[server(prefix = "/api", endpoint = "edit_round")]
pub async fn edit_round(id: i64, form: RoundForm) -> Result<(), AppError> {
    let user = server::require_role(domain::Role::can_manage_accounts).await?;
    let st = state()?;
    let r = storage::rounds::find_round(&st.db, id).await?;
    if phase(&r) != PhaseDto::Upcoming {
        return Err(RoundError::Frozen.into());
    }
    let checked = check_form(&st.db, &form).await?;
    storage::rounds::update_round(&st.db, id, &checked.fields(), user.id)
        .await
        .map_err(|e| conflict_as(e, RoundError::Frozen))?;
    server::redirect(&format!("/rounds/{id}"));
    Ok(())
}

/// Ends an open round now. Organisers.
#[server(prefix = "/api", endpoint = "close_round")]
pub async fn close_round(id: i64) -> Result<(), AppError> {
    let user = server::require_role(domain::Role::can_manage_accounts).await?;
    let st = state()?;
    let r = storage::rounds::find_round(&st.db, id).await?;
    match phase(&r) {
        PhaseDto::Upcoming => return Err(RoundError::NotOpen.into()),
        PhaseDto::Closed => return Err(RoundError::Closed.into()),
        PhaseDto::Open => {}
    }
    storage::rounds::close_now(&st.db, id, user.id)
        .await
        .map_err(|e| conflict_as(e, RoundError::Closed))?;
    server::redirect(&format!("/rounds/{id}/results"));
    Ok(())
}

/// Destroys the voter–ballot link of a closed round for good. Organisers.
#[server(prefix = "/api", endpoint = "seal_round")]
pub async fn seal_round(id: i64) -> Result<usize, AppError> {
    let user = server::require_role(domain::Role::can_manage_accounts).await?;
    let st = state()?;
    storage::rounds::find_round(&st.db, id).await?;
    let n = storage::rounds::seal(&st.db, id, Some(user.id), random_slot)
        .await
        .map_err(|e| conflict_as(e, RoundError::NotClosed))?;
    server::redirect(&format!("/rounds/{id}"));
    Ok(n)
}

/// Casts or replaces the caller's ballot (`ballot`: candidate id → form value); returns the
/// receipt. Signed-in voters of the round's electorate, while it is open.
#[server(prefix = "/api", endpoint = "cast_ballot")]
pub async fn cast_ballot(
    round: i64,
    #[server(default)] ballot: HashMap<String, String>,
) -> Result<String, AppError> {
    let user = server::require_user().await?;
    let st = state()?;
    let r = storage::rounds::find_round(&st.db, round).await?;
    let spec = spec_of(&r)?;
    let side = spec
        .electorate
        .side_of(user.role)
        .ok_or(RoundError::NotEligible)?;
    match phase(&r) {
        PhaseDto::Upcoming => return Err(RoundError::NotOpen.into()),
        PhaseDto::Closed => return Err(RoundError::Closed.into()),
        PhaseDto::Open => {}
    }
    let content = domain::voting::round::ballot_from_form(&spec, &ids_of(&r), &ballot)?;
    let code = receipt();
    let my_slot = slot(&st.ballot_key, r.id, user.id);
    // A voter who took part but whose ballot is not under their slot would otherwise cast a
    // second ballot: the key changed since. Their first ballot stands.
    if storage::rounds::took_part(&st.db, r.id, user.id).await?
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
            voter_id: user.id,
        },
    )
    .await
    .map_err(|e| conflict_as(e, RoundError::Closed))?;
    server::redirect(&format!("/rounds/{}?voted=1#receipt", r.id));
    Ok(code)
}

/// Counts a closed round: one result per side of the electorate, the adoption rule applied
/// to the official one (and, the first time, the adopted proposals marked adopted).
#[cfg(feature = "ssr")]
pub async fn count_round(
    db: &storage::Db,
    r: &storage::rounds::RoundRow,
) -> Result<
    Vec<(
        domain::voting::round::Side,
        domain::voting::Election,
        domain::voting::Outcome,
        Vec<domain::voting::Weighted>,
    )>,
    AppError,
> {
    let spec = spec_of(r)?;
    let election = spec.election(ids_of(r));
    let stored = storage::rounds::ballots(db, r.id).await?;
    let mut out = Vec::new();
    for side in spec.electorate.sides() {
        let mine: Vec<String> = stored
            .iter()
            .filter(|b| b.side == side.as_str())
            .map(|b| b.content.clone())
            .collect();
        let (outcome, valid) = domain::voting::round::count(&election, &mine);
        out.push((*side, election.clone(), outcome, valid));
    }
    if r.finalized_at.is_none() {
        let adopted: Vec<i64> = out
            .first()
            .map(|(_, _, o, _)| spec.adopted(o))
            .unwrap_or_default()
            .into_iter()
            .map(|i| r.candidates()[i])
            .collect();
        storage::rounds::finalize(db, r.id, &adopted).await?;
    }
    Ok(out)
}

/// One side's count of a closed round, summarised for people.
#[cfg(feature = "ssr")]
pub struct Counted {
    /// Members or public.
    pub side: domain::voting::round::Side,
    /// The count the adoption rule reads.
    pub official: bool,
    /// People who voted on that side.
    pub voters: i64,
    /// The tally.
    pub outcome: domain::voting::Outcome,
    /// Ranked lines, chart and matrix.
    pub summary: domain::voting::round::Summary,
}

/// Counts a closed round (marking its adopted proposals the first time) and summarises each
/// side: what the results page and the report both show. `titles` get the proposals' titles
/// in candidate order.
#[cfg(feature = "ssr")]
pub async fn counted(
    db: &storage::Db,
    r: &storage::rounds::RoundRow,
) -> Result<Vec<Counted>, AppError> {
    let spec = spec_of(r)?;
    let counts = count_round(db, r).await?;
    let voters = storage::rounds::participation(db, r.id).await?;
    let labels: Vec<String> = r.candidates().iter().map(|c| format!("n° {c}")).collect();
    Ok(counts
        .into_iter()
        .enumerate()
        .map(|(n, (side, election, outcome, valid))| {
            let caption = format!("{} — {}", r.title, side.as_str());
            let summary = domain::voting::round::summarise(
                &spec,
                &election,
                &outcome,
                &valid,
                n == 0,
                &caption,
                &labels,
            );
            Counted {
                side,
                official: n == 0,
                voters: voters
                    .iter()
                    .find(|(s, _)| s == side.as_str())
                    .map_or(0, |(_, v)| *v),
                outcome,
                summary,
            }
        })
        .collect())
}

/// A closed round's results. Anyone.
#[server(prefix = "/api", endpoint = "round_results")]
pub async fn round_results(id: i64) -> Result<ResultsDto, AppError> {
    let st = state()?;
    let r = storage::rounds::find_round(&st.db, id).await?;
    if phase(&r) != PhaseDto::Closed {
        return Err(RoundError::NotClosed.into());
    }
    let spec = spec_of(&r)?;
    let counts = counted(&st.db, &r).await?;
    // Re-read: the count may just have marked proposals adopted.
    let r = storage::rounds::find_round(&st.db, id).await?;
    let round = round_dto(&st, &r).await?;
    let election = spec.election(ids_of(&r));
    let sides = counts
        .into_iter()
        .map(|c| SideResultDto {
            side: c.side.as_str().to_owned(),
            official: c.official,
            voters: c.voters,
            ballots_counted: c.outcome.ballots_counted,
            ballots_rejected: c.outcome.ballots_rejected,
            rows: c
                .summary
                .lines
                .iter()
                .map(|l| ResultRowDto {
                    id: r.candidates()[l.index],
                    title: round
                        .candidates
                        .iter()
                        .find(|x| x.id == r.candidates()[l.index])
                        .map(|x| x.title.clone())
                        .unwrap_or_default(),
                    rank: l.rank,
                    score: l.score.clone(),
                    detail: l.detail.iter().map(u128::to_string).collect(),
                    adopted: l.adopted,
                })
                .collect(),
            chart: c.summary.chart,
            pairwise: c
                .summary
                .pairwise
                .iter()
                .map(|row| row.iter().map(u128::to_string).collect())
                .collect(),
            tally_json: c.outcome.to_json(&election),
        })
        .collect();
    Ok(ResultsDto { round, sides })
}

/// The published ballots of a closed round as a `convention tally` document with receipts,
/// shuffled; `side` picks one count of a round with both electorates (default: all ballots
/// of the official count's electorate, i.e. every ballot). `None` before the close.
#[cfg(feature = "ssr")]
pub async fn published_ballots(
    db: &storage::Db,
    id: i64,
    side: Option<&str>,
) -> Result<String, AppError> {
    use rand::seq::SliceRandom;
    let r = storage::rounds::find_round(db, id).await?;
    if phase(&r) != PhaseDto::Closed {
        return Err(RoundError::NotClosed.into());
    }
    let spec = spec_of(&r)?;
    let election = spec.election(ids_of(&r));
    let candidates = storage::rounds::proposals_named(db, &r.candidates()).await?;
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
