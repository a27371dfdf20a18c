//! Voting rounds: `/rounds` (the list), `/rounds/new` and `/rounds/{id}/edit` (an organiser's
//! settings form), `/rounds/{id}` (the round and the caller's ballot) and
//! `/rounds/{id}/results` (ranking, participation, a chart and its data table per count).
//!
//! Every ballot form is a plain form that works without JavaScript; with it, points and
//! quadratic ballots show the remaining budget as the voter types.

use crate::api::rounds::{
    round, round_results, rounds, votable_proposals, CastBallot, CloseRound, CreateRound,
    EditRound, Phase, RoundDto, RoundSummaryDto, SealRound, SideResultDto, VotableDto,
};
use crate::components::form::{action_error, ErrorBox, FormError};
use crate::i18n::{tr, use_locale, Locale, CONTENT_LANG};
use domain::time::{iso_utc, paris_datetime, paris_input};
use domain::voting::round::{Electorate, Rule, FRENCH_SCALE};
use domain::voting::Method;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};
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
        Method::Borda => tr(locale, "Borda (points par rang)", "Borda (points by rank)"),
        Method::Schulze => tr(locale, "Schulze (Condorcet)", "Schulze (Condorcet)"),
        Method::MajorityJudgment => tr(locale, "Jugement majoritaire", "Majority judgment"),
        Method::Approval => tr(locale, "Vote par approbation", "Approval voting"),
        Method::Cumulative => tr(
            locale,
            "Vote cumulatif (points à répartir)",
            "Cumulative voting (points to share)",
        ),
        Method::Quadratic => tr(locale, "Vote quadratique", "Quadratic voting"),
        Method::Measure => tr(
            locale,
            "Vote par mesure (pour, contre, abstention)",
            "Vote by measure (for, against, abstain)",
        ),
    }
}

fn electorate_label(e: Electorate, locale: Locale) -> &'static str {
    match e {
        Electorate::Members => tr(locale, "Membres tirés au sort", "Drawn members"),
        Electorate::Citizens => tr(
            locale,
            "Tous les citoyens inscrits",
            "Every registered citizen",
        ),
        Electorate::Both => tr(
            locale,
            "Membres et public, résultats côte à côte",
            "Members and public, results side by side",
        ),
    }
}

fn side_label(side: &str, locale: Locale) -> &'static str {
    match side {
        "members" => tr(locale, "Membres tirés au sort", "Drawn members"),
        _ => tr(locale, "Public", "Public"),
    }
}

fn phase_label(p: Phase, locale: Locale) -> &'static str {
    match p {
        Phase::Upcoming => tr(locale, "À venir", "Upcoming"),
        Phase::Open => tr(locale, "Ouvert", "Open"),
        Phase::Closed => tr(locale, "Clos", "Closed"),
    }
}

fn rule_text(r: &RoundDto, locale: Locale) -> String {
    match r.rule {
        Rule::None => tr(locale, "Consultatif : aucune proposition n’est adoptée d’office.", "Consultative: no proposal is adopted by the round itself.").to_owned(),
        Rule::Top(k) => match locale {
            Locale::Fr => format!("Les {k} premières places sont adoptées (une égalité à la dernière place adopte toutes les ex æquo)."),
            Locale::En => format!("The first {k} places are adopted (a tie for the last place adopts every tied proposal)."),
        },
        Rule::Grade(g) => {
            let grade = r.grades.get(usize::from(g)).cloned().unwrap_or_default();
            match locale {
                Locale::Fr => format!("Adoptée avec une mention majoritaire « {grade} » ou meilleure."),
                Locale::En => format!("Adopted with a majority grade of “{grade}” or better."),
            }
        }
        Rule::Measure => {
            let (p, q) = r.threshold;
            let cmp = if r.strict { tr(locale, "plus de", "more than") } else { tr(locale, "au moins", "at least") };
            match locale {
                Locale::Fr => format!("Chaque mesure est adoptée avec {cmp} {p}/{q} de « pour » parmi les pour et contre."),
                Locale::En => format!("Each measure is adopted with {cmp} {p}/{q} of “for” among for and against votes."),
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
    view! {
        <h1>{tr(locale, "Scrutins", "Voting rounds")}</h1>
        <Suspense fallback=move || view! { <p>{locale.texts().loading}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(l) => {
                        let new_link = l.can_manage.then(|| view! {
                            <p><A href="/rounds/new" attr:class="button">{tr(locale, "Nouveau scrutin", "New round")}</A></p>
                        });
                        let items = if l.rounds.is_empty() {
                            view! { <p class="empty">{tr(locale, "Aucun scrutin pour l’instant.", "No voting round yet.")}</p> }.into_any()
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
    view! {
        <li class="card">
            <h2 class="card-title"><A href=href><span lang=CONTENT_LANG>{r.title}</span></A></h2>
            <p class="meta">
                <span class="badge">{phase_label(r.phase, locale)}</span>" "
                {method_label(r.method, locale)}" · "{electorate_label(r.electorate, locale)}" · "
                {r.candidates}" "{tr(locale, "propositions", "proposals")}
            </p>
            <p class="meta">{tr(locale, "Du ", "From ")}{when(r.opens_at)}{tr(locale, " au ", " to ")}{when(r.closes_at)}</p>
        </li>
    }
}
