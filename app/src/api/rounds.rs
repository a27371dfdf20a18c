//! Voting rounds: organisers set them up, eligible voters cast secret ballots (changeable
//! until the close), and after the close anyone reads the results and the published ballots.
//!
//! Secrecy: a ballot is stored under a slot, HMAC(server secret, round, voter), computed
//! here from the caller's own session and never returned; no answer of this module names a
//! voter beside a ballot, for any role. A voter sees only their own ballot and receipt.

use crate::error::AppError;
use domain::voting::round::{Electorate, Rule};
use domain::voting::Method;
use domain::{ProposalId, RoundId};
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
    pub id: RoundId,
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
    /// Cancelled by the organisers (only they see it).
    pub cancelled: bool,
}

/// A proposal on a ballot.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CandidateDto {
    /// Proposal id (its id on ballots, in decimal).
    pub id: ProposalId,
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
    /// The caller may cancel it (an organiser, before the close and the first ballot).
    pub can_cancel: bool,
}

/// One proposal's line in a result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultRowDto {
    /// Proposal id.
    pub id: ProposalId,
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
fn summary(r: &service::public::RoundRow) -> Result<RoundSummaryDto, AppError> {
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
        cancelled: r.cancelled_at.is_some(),
    })
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
    let user = server::current_user().await?;
    let actor = server::actor(user.as_ref());
    let rows = service::rounds::list_for(&state()?.db, actor).await?;
    let can_manage = service::rounds::may_create(actor).is_ok();
    Ok(RoundListDto {
        rounds: rows.iter().map(summary).collect::<Result<_, _>>()?,
        can_manage,
    })
}

#[cfg(feature = "ssr")]
async fn candidates_of(
    db: &service::Db,
    r: &service::public::RoundRow,
) -> Result<Vec<CandidateDto>, AppError> {
    Ok(service::rounds::candidates_named(db, r)
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
    r: &service::public::RoundRow,
) -> Result<RoundDto, AppError> {
    let spec = spec_of(r)?;
    let user = server::current_user().await?;
    let candidates = candidates_of(&st.db, r).await?;
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
        can_cancel: false,
    };
    let actor = server::actor(user.as_ref());
    if let Some(actor) = actor {
        dto.eligible = spec.electorate.side_of(actor.role).is_some();
        dto.can_manage = service::rounds::may_create(Some(actor)).is_ok();
        dto.can_cancel = service::rounds::may_cancel(&st.db, Some(actor), r).await?;
        let mine = service::rounds::my_ballot(st, actor, r).await?;
        dto.voted = mine.voted;
        dto.my_receipt = mine.receipt;
        dto.my_values = mine.values;
    }
    Ok(dto)
}

/// One round, with the caller's own ballot (never anyone else's). Anyone.
#[server(prefix = "/api", endpoint = "round")]
pub async fn round(id: RoundId) -> Result<RoundDto, AppError> {
    let st = state()?;
    let user = server::current_user().await?;
    let r = service::rounds::round_for(&st.db, server::actor(user.as_ref()), id).await?;
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
    let user = server::current_user().await?;
    let proposals = service::rounds::votable(&state()?.db, server::actor(user.as_ref()))
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
        now: service::now_ms(),
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

impl RoundForm {
    /// The form as the service's input.
    #[cfg(feature = "ssr")]
    fn input(&self) -> service::rounds::SettingsInput<'_> {
        service::rounds::SettingsInput {
            title: &self.title,
            spec: domain::voting::round::SpecForm {
                method: &self.method,
                grades: &self.grades,
                budget: &self.budget,
                threshold: &self.threshold,
                strict: crate::server::ticked(self.strict.as_deref()),
                electorate: &self.electorate,
                rule: &self.rule,
                rule_k: &self.rule_k,
                rule_grade: &self.rule_grade,
            },
            candidates: self
                .candidates
                .iter()
                .filter(|(_, v)| crate::server::ticked(Some(v)))
                .map(|(k, _)| k.as_str())
                .collect(),
            opens_at: &self.opens_at,
            closes_at: &self.closes_at,
        }
    }
}

/// Creates a round. Organisers.
#[server(prefix = "/api", endpoint = "create_round")]
pub async fn create_round(form: RoundForm) -> Result<(), AppError> {
    let user = server::current_user().await?;
    let id =
        service::rounds::create(&state()?.db, server::actor(user.as_ref()), &form.input()).await?;
    server::redirect(&format!("/rounds/{id}"));
    Ok(())
}

/// Changes a round that has not opened (409 once it has). Organisers.
#[server(prefix = "/api", endpoint = "edit_round")]
pub async fn edit_round(id: RoundId, form: RoundForm) -> Result<(), AppError> {
    let user = server::current_user().await?;
    service::rounds::edit(
        &state()?.db,
        server::actor(user.as_ref()),
        id,
        &form.input(),
    )
    .await?;
    server::redirect(&format!("/rounds/{id}"));
    Ok(())
}

/// Ends an open round now and counts it. Organisers.
#[server(prefix = "/api", endpoint = "close_round")]
pub async fn close_round(id: RoundId) -> Result<(), AppError> {
    let user = server::current_user().await?;
    service::rounds::close(&state()?, server::actor(user.as_ref()), id).await?;
    server::redirect(&format!("/rounds/{id}/results"));
    Ok(())
}

/// Opens an upcoming round now. Organisers.
#[server(prefix = "/api", endpoint = "open_round_now")]
pub async fn open_round_now(id: RoundId) -> Result<(), AppError> {
    let user = server::current_user().await?;
    service::rounds::open_now(&state()?.db, server::actor(user.as_ref()), id).await?;
    server::redirect(&format!("/rounds/{id}"));
    Ok(())
}

/// Cancels a round before its first ballot: it leaves public view. Organisers.
#[server(prefix = "/api", endpoint = "cancel_round")]
pub async fn cancel_round(id: RoundId) -> Result<(), AppError> {
    let user = server::current_user().await?;
    service::rounds::cancel(&state()?.db, server::actor(user.as_ref()), id).await?;
    server::redirect(&format!("/rounds/{id}"));
    Ok(())
}

/// Deletes a cancelled round for good. Organisers.
#[server(prefix = "/api", endpoint = "delete_round")]
pub async fn delete_round(id: RoundId) -> Result<(), AppError> {
    let user = server::current_user().await?;
    service::rounds::delete(&state()?.db, server::actor(user.as_ref()), id).await?;
    server::redirect("/rounds?deleted=1");
    Ok(())
}

/// Destroys the voter–ballot link of a closed round for good. Organisers.
#[server(prefix = "/api", endpoint = "seal_round")]
pub async fn seal_round(id: RoundId) -> Result<usize, AppError> {
    let user = server::current_user().await?;
    let n = service::rounds::seal(&state()?, server::actor(user.as_ref()), id).await?;
    server::redirect(&format!("/rounds/{id}"));
    Ok(n)
}

/// Casts or replaces the caller's ballot (`ballot`: candidate id → form value); returns the
/// receipt. Signed-in voters of the round's electorate, while it is open.
#[server(prefix = "/api", endpoint = "cast_ballot")]
pub async fn cast_ballot(
    round: RoundId,
    #[server(default)] ballot: HashMap<String, String>,
) -> Result<String, AppError> {
    let user = server::current_user().await?;
    let st = state()?;
    let code = service::rounds::cast(&st, server::actor(user.as_ref()), round, &ballot).await?;
    server::redirect(&format!("/rounds/{round}?voted=1#receipt"));
    Ok(code)
}

/// A closed round's results, as stored when it was counted. Anyone.
#[server(prefix = "/api", endpoint = "round_results")]
pub async fn round_results(id: RoundId) -> Result<ResultsDto, AppError> {
    let st = state()?;
    let r = service::public::round(&st.db, id).await?;
    if phase(&r) != Phase::Closed {
        return Err(RoundError::NotClosed.into());
    }
    let counted = service::rounds::result(&st, &r).await?;
    let round = round_dto(&st, &r).await?;
    let candidates = r.candidates();
    let title_of = |id: ProposalId| {
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
            chart: domain::voting::chart::relabel(
                &c.summary.chart,
                &candidates
                    .iter()
                    .map(|id| (id.0, title_of(*id)))
                    .collect::<Vec<_>>(),
            ),
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
