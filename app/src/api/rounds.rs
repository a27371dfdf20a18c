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

pub use domain::voting::round::Phase;

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
    pub phase: Phase,
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
use service::rounds::{phase, spec_of};

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

#[cfg(feature = "ssr")]
use service::rounds::{receipt, slot};

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
                if ph == Phase::Open {
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

#[cfg(feature = "ssr")]
fn conflict_as(e: storage::StorageError, as_error: RoundError) -> AppError {
    service::rounds::conflict_as(e, as_error).into()
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
    if phase(&r) != Phase::Upcoming {
        return Err(RoundError::Frozen.into());
    }
    let checked = check_form(&st.db, &form).await?;
    storage::rounds::update_round(&st.db, id, &checked.fields(), user.id)
        .await
        .map_err(|e| conflict_as(e, RoundError::Frozen))?;
    server::redirect(&format!("/rounds/{id}"));
    Ok(())
}

/// Ends an open round now and counts it. Organisers.
#[server(prefix = "/api", endpoint = "close_round")]
pub async fn close_round(id: i64) -> Result<(), AppError> {
    let user = server::current_user().await?;
    service::rounds::close(&state()?.db, server::actor(user.as_ref()), id).await?;
    server::redirect(&format!("/rounds/{id}/results"));
    Ok(())
}

/// Destroys the voter–ballot link of a closed round for good. Organisers.
#[server(prefix = "/api", endpoint = "seal_round")]
pub async fn seal_round(id: i64) -> Result<usize, AppError> {
    let user = server::current_user().await?;
    let n = service::rounds::seal(&state()?.db, server::actor(user.as_ref()), id).await?;
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
        Phase::Upcoming => return Err(RoundError::NotOpen.into()),
        Phase::Closed => return Err(RoundError::Closed.into()),
        Phase::Open => {}
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

/// A closed round's results, as stored when it was counted. Anyone.
#[server(prefix = "/api", endpoint = "round_results")]
pub async fn round_results(id: i64) -> Result<ResultsDto, AppError> {
    let st = state()?;
    let r = storage::rounds::find_round(&st.db, id).await?;
    if phase(&r) != Phase::Closed {
        return Err(RoundError::NotClosed.into());
    }
    let counted = service::rounds::result(&st.db, &r).await?;
    let round = round_dto(&st, &r).await?;
    let candidates = r.candidates();
    let title_of = |id: i64| {
        round
            .candidates
            .iter()
            .find(|x| x.id == id)
            .map(|x| x.title.clone())
            .unwrap_or_default()
    };
    let sides = counted
        .sides
        .into_iter()
        .map(|c| SideResultDto {
            side: c.side.as_str().to_owned(),
            official: c.official,
            voters: i64::try_from(c.voters).unwrap_or(i64::MAX),
            ballots_counted: c.ballots_counted,
            ballots_rejected: c.ballots_rejected,
            rows: c
                .summary
                .lines
                .iter()
                .map(|l| ResultRowDto {
                    id: candidates[l.index],
                    title: title_of(candidates[l.index]),
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
            tally_json: c.tally,
        })
        .collect();
    Ok(ResultsDto { round, sides })
}
