//! Voting rounds: `/rounds` (the list), `/rounds/new` and `/rounds/{id}/edit` (an organiser's
//! settings form), `/rounds/{id}` (the round and the caller's ballot) and
//! `/rounds/{id}/results` (ranking, participation, a chart and its data table per count).
//!
//! Every ballot form is a plain form that works without JavaScript; with it, points and
//! quadratic ballots show the remaining budget as the voter types.

use crate::api::rounds::{
    round, round_results, rounds, votable_proposals, CancelRound, CastBallot, CloseRound,
    CreateRound, DeleteRound, EditRound, OpenRoundNow, Phase, RoundDto, RoundSummaryDto, SealRound,
    SideResultDto, VotableDto,
};
use crate::components::form::{action_error, Confirm, ErrorBox, FieldError, FormError};
use crate::i18n::{use_locale, Locale, CONTENT_LANG};
use domain::time::{iso_utc, paris_datetime, paris_input};
use domain::voting::round::{Electorate, Rule, FRENCH_SCALE};
use domain::voting::Method;
use domain::{ProposalId, RoundId};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use std::collections::HashMap;

mod ballot;
mod results;
mod settings;

pub use ballot::RoundPage;
pub use results::ResultsPage;
pub use settings::{EditRoundPage, NewRoundPage};

/// A method's name for people.
pub fn method_label(m: Method, locale: Locale) -> &'static str {
    match m {
        Method::Borda => locale.texts().borda_points_by_rank,
        Method::Schulze => locale.texts().schulze_condorcet,
        Method::MajorityJudgment => locale.texts().majority_judgment,
        Method::Approval => locale.texts().approval_voting,
        Method::Cumulative => locale.texts().cumulative_voting_points_to_share,
        Method::Quadratic => locale.texts().quadratic_voting,
        Method::Measure => locale.texts().vote_by_measure_for_against,
    }
}

fn electorate_label(e: Electorate, locale: Locale) -> &'static str {
    match e {
        Electorate::Members => locale.texts().drawn_members,
        Electorate::Citizens => locale.texts().every_registered_citizen,
        Electorate::Both => locale.texts().members_and_public_results_side,
    }
}

fn side_label(side: &str, locale: Locale) -> &'static str {
    match side {
        "members" => locale.texts().drawn_members,
        _ => locale.texts().public,
    }
}

/// A round's state in words: its phase, or "cancelled".
fn status_label(r: &RoundSummaryDto, locale: Locale) -> &'static str {
    if r.cancelled {
        locale.texts().round_cancelled
    } else {
        phase_label(r.phase, locale)
    }
}

fn phase_label(p: Phase, locale: Locale) -> &'static str {
    match p {
        Phase::Upcoming => locale.texts().upcoming,
        Phase::Open => locale.texts().open,
        Phase::Closed => locale.texts().closed,
    }
}

fn rule_text(r: &RoundDto, locale: Locale) -> String {
    let t = locale.texts();
    match r.rule {
        Rule::None => t.consultative_no_proposal_is_adopted.to_owned(),
        Rule::Top(k) => t.rule_top(k),
        Rule::Grade(g) => t.rule_grade(r.grades.get(usize::from(g)).cloned().unwrap_or_default()),
        Rule::Measure => {
            let (p, q) = r.threshold;
            if r.strict {
                t.rule_measure_strict(p, q)
            } else {
                t.rule_measure(p, q)
            }
        }
    }
}

fn when(ms: i64) -> impl IntoView {
    view! { <time datetime=iso_utc(ms)>{paris_datetime(ms)}</time> }
}

/// `/rounds`: every round.
#[component]
pub fn RoundsPage() -> impl IntoView {
    let locale = use_locale();
    let list = Resource::new(|| (), |_| rounds());
    let query = leptos_router::hooks::use_query_map();
    let deleted = move || {
        query
            .read()
            .get("deleted")
            .map(|_| locale.texts().round_deleted_notice)
    };
    view! {
        <h1>{locale.texts().voting_rounds}</h1>
        <p class="form-done" role="status">{deleted}</p>
        <Suspense fallback=move || view! { <p>{locale.texts().loading}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(l) => {
                        let new_link = l.can_manage.then(|| view! {
                            <p><A href="/rounds/new" attr:class="button">{locale.texts().new_round}</A></p>
                        });
                        let items = if l.rounds.is_empty() {
                            view! { <p class="empty">{locale.texts().no_voting_round_yet}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="cards">
                                    {l.rounds.into_iter().map(|r| view! { <RoundCard r=r locale=locale/> }).collect_view()}
                                </ul>
                            }.into_any()
                        };
                        view! { {new_link} {items} }.into_any()
                    }
                    Err(e) => view! { <ErrorBox error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn RoundCard(r: RoundSummaryDto, locale: Locale) -> impl IntoView {
    let href = format!("/rounds/{}", r.id);
    let status = status_label(&r, locale);
    view! {
        <li class="card" class:closed=r.cancelled>
            <h2 class="card-title"><A href=href><span lang=CONTENT_LANG>{r.title}</span></A></h2>
            <p class="meta">
                <span class="badge">{status}</span>" "
                {method_label(r.method, locale)}" · "{electorate_label(r.electorate, locale)}" · "
                {r.candidates}" "{locale.texts().proposals}
            </p>
            <p class="meta">{locale.texts().from_2}{when(r.opens_at)}{locale.texts().to}{when(r.closes_at)}</p>
        </li>
    }
}
