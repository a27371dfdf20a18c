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

/// The settings fields, filled from `current` when editing.
#[component]
fn RoundFields(locale: Locale, votable: VotableDto, current: Option<RoundDto>) -> impl IntoView {
    let hour = 3_600_000;
    // By default a round opens at once (the minute the form was loaded) for a week.
    let now = votable.now;
    let (
        title,
        method,
        grades,
        budget,
        threshold,
        strict,
        electorate,
        rule,
        rule_k,
        rule_grade,
        opens,
        closes,
        chosen,
    ) = match &current {
        Some(r) => {
            let (rule, k, g) = match r.rule {
                Rule::None => ("none", String::new(), String::new()),
                Rule::Top(k) => ("top", k.to_string(), String::new()),
                Rule::Grade(g) => (
                    "grade",
                    String::new(),
                    r.grades.get(usize::from(g)).cloned().unwrap_or_default(),
                ),
                Rule::Measure => ("measure", String::new(), String::new()),
            };
            (
                r.summary.title.clone(),
                r.summary.method.as_str(),
                if r.grades.is_empty() {
                    FRENCH_SCALE.join("\n")
                } else {
                    r.grades.join("\n")
                },
                if r.budget == 0 {
                    "100".to_owned()
                } else {
                    r.budget.to_string()
                },
                format!("{}/{}", r.threshold.0, r.threshold.1),
                r.strict,
                r.summary.electorate.as_str(),
                rule,
                k,
                g,
                paris_input(r.summary.opens_at),
                paris_input(r.summary.closes_at),
                r.candidates.iter().map(|c| c.id).collect::<Vec<_>>(),
            )
        }
        None => (
            String::new(),
            "majority_judgment",
            FRENCH_SCALE.join("\n"),
            "100".to_owned(),
            "1/2".to_owned(),
            true,
            "members",
            "none",
            String::new(),
            "Assez bien".to_owned(),
            paris_input(now),
            paris_input(now + 7 * 24 * hour),
            Vec::new(),
        ),
    };
    let method_options = Method::ALL
        .into_iter()
        .map(|m| view! { <option value=m.as_str() selected=m.as_str() == method>{method_label(m, locale)}</option> })
        .collect_view();
    let electorate_options = [Electorate::Members, Electorate::Citizens, Electorate::Both]
        .into_iter()
        .map(|e| view! { <option value=e.as_str() selected=e.as_str() == electorate>{electorate_label(e, locale)}</option> })
        .collect_view();
    let rules = [
        (
            "none",
            tr(locale, "Aucune (consultatif)", "None (consultative)"),
        ),
        (
            "top",
            tr(locale, "Les k premières places", "The first k places"),
        ),
        (
            "grade",
            tr(
                locale,
                "Mention majoritaire au moins égale à… (jugement majoritaire)",
                "Majority grade at least… (majority judgment)",
            ),
        ),
        (
            "measure",
            tr(
                locale,
                "Seuil de chaque mesure (vote par mesure)",
                "Each measure's threshold (vote by measure)",
            ),
        ),
    ]
    .into_iter()
    .map(|(v, l)| view! { <option value=v selected=v == rule>{l}</option> })
    .collect_view();
    let mut by_topic: Vec<(String, Vec<crate::api::rounds::CandidateDto>)> = Vec::new();
    for c in votable.proposals {
        match by_topic.last_mut() {
            Some((t, list)) if *t == c.topic => list.push(c),
            _ => by_topic.push((c.topic.clone(), vec![c])),
        }
    }
    let candidates = by_topic
        .into_iter()
        .map(|(topic, list)| {
            let boxes = list
                .into_iter()
                .map(|c| {
                    let id = format!("candidate-{}", c.id);
                    let name = format!("form[candidates][{}]", c.id);
                    let checked = chosen.contains(&c.id);
                    view! {
                        <div class="field checkbox">
                            <input type="checkbox" id=id.clone() name=name value="on" checked=checked/>
                            <label for=id><span lang=CONTENT_LANG>{c.title}</span>" (n° "{c.id}")"</label>
                        </div>
                    }
                })
                .collect_view();
            view! { <fieldset class="candidates"><legend lang=CONTENT_LANG>{topic}</legend>{boxes}</fieldset> }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for="round-title">{tr(locale, "Titre", "Title")}</label>
            <input id="round-title" name="form[title]" maxlength="200" required value=title/>
        </div>
        <div class="field">
            <label for="round-method">{tr(locale, "Méthode", "Method")}</label>
            <select id="round-method" name="form[method]">{method_options}</select>
        </div>
        <div class="field">
            <label for="round-grades">{tr(locale, "Échelle de mentions (jugement majoritaire), une par ligne, de la meilleure à la pire", "Grade scale (majority judgment), one per line, best first")}</label>
            <textarea id="round-grades" name="form[grades]" rows="7">{grades}</textarea>
        </div>
        <div class="field">
            <label for="round-budget">{tr(locale, "Budget (vote cumulatif : points ; quadratique : somme des carrés)", "Budget (cumulative: points; quadratic: sum of squares)")}</label>
            <input id="round-budget" name="form[budget]" type="number" min="1" value=budget/>
        </div>
        <div class="field">
            <label for="round-threshold">{tr(locale, "Seuil d’adoption (vote par mesure), p/q", "Adoption threshold (vote by measure), p/q")}</label>
            <input id="round-threshold" name="form[threshold]" value=threshold/>
        </div>
        <div class="field checkbox">
            <input type="checkbox" id="round-strict" name="form[strict]" value="true" checked=strict/>
            <label for="round-strict">{tr(locale, "Strictement au-dessus du seuil", "Strictly above the threshold")}</label>
        </div>
        <div class="field">
            <label for="round-electorate">{tr(locale, "Qui vote", "Who votes")}</label>
            <select id="round-electorate" name="form[electorate]">{electorate_options}</select>
        </div>
        <div class="field">
            <label for="round-rule">{tr(locale, "Règle d’adoption", "Adoption rule")}</label>
            <select id="round-rule" name="form[rule]">{rules}</select>
        </div>
        <div class="field">
            <label for="round-rule-k">{tr(locale, "k (pour « les k premières places »)", "k (for “the first k places”)")}</label>
            <input id="round-rule-k" name="form[rule_k]" type="number" min="1" value=rule_k/>
        </div>
        <div class="field">
            <label for="round-rule-grade">{tr(locale, "Mention minimale (pour la règle de mention)", "Lowest grade (for the grade rule)")}</label>
            <input id="round-rule-grade" name="form[rule_grade]" value=rule_grade/>
        </div>
        <div class="field">
            <label for="round-opens">{tr(locale, "Ouverture (heure de Paris)", "Opening (Paris time)")}</label>
            <input id="round-opens" name="form[opens_at]" type="datetime-local" required value=opens/>
        </div>
        <div class="field">
            <label for="round-closes">{tr(locale, "Clôture (heure de Paris)", "Close (Paris time)")}</label>
            <input id="round-closes" name="form[closes_at]" type="datetime-local" required value=closes/>
        </div>
        <h2>{tr(locale, "Propositions soumises au vote", "Proposals put to the vote")}</h2>
        <p class="hint">{tr(locale, "Publiées ou déjà en vote ; de 2 à 100. Elles figurent sur le bulletin par ordre de numéro.", "Published or already under vote; 2 to 100. They appear on the ballot in number order.")}</p>
        {candidates}
    }
}

/// `/rounds/new`: an organiser sets up a round.
#[component]
pub fn NewRoundPage() -> impl IntoView {
    let locale = use_locale();
    let create = ServerAction::<CreateRound>::new();
    let votable = Resource::new(|| (), |_| votable_proposals());
    view! {
        <Suspense fallback=move || view! { <p>{locale.texts().loading}</p> }>
            {move || Suspend::new(async move {
                match votable.await {
                    Ok(v) => view! {
                        <p class="breadcrumb"><A href="/rounds">{tr(locale, "Scrutins", "Voting rounds")}</A></p>
                        <h1>{tr(locale, "Nouveau scrutin", "New round")}</h1>
                        <ActionForm action=create attr:class="form wide" attr:novalidate=true>
                            <FormError error=action_error(create)/>
                            <RoundFields locale=locale votable=v current=None/>
                            <button type="submit">{tr(locale, "Créer le scrutin", "Create the round")}</button>
                        </ActionForm>
                    }.into_any(),
                    Err(e) => view! { <ErrorBox error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/rounds/{id}/edit`: settings of a round that has not opened.
#[component]
pub fn EditRoundPage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let edit = ServerAction::<EditRound>::new();
    let data = Resource::new(
        move || {
            params
                .read()
                .get("id")
                .and_then(|s| s.parse::<i64>().ok())
                .unwrap_or(0)
        },
        |id| async move {
            Ok::<_, crate::error::AppError>((votable_proposals().await?, round(id).await?))
        },
    );
    view! {
        <Suspense fallback=move || view! { <p>{locale.texts().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((v, r)) if r.summary.phase == Phase::Upcoming => {
                        let back = format!("/rounds/{}", r.summary.id);
                        let id = r.summary.id.to_string();
                        let title = r.summary.title.clone();
                        view! {
                            <p class="breadcrumb"><A href=back><span lang=CONTENT_LANG>{title}</span></A></p>
                            <h1>{tr(locale, "Modifier le scrutin", "Edit the round")}</h1>
                            <ActionForm action=edit attr:class="form wide" attr:novalidate=true>
                                <FormError error=action_error(edit)/>
                                <input type="hidden" name="id" value=id/>
                                <RoundFields locale=locale votable=v current=Some(r)/>
                                <button type="submit">{tr(locale, "Enregistrer", "Save")}</button>
                            </ActionForm>
                        }.into_any()
                    }
                    Ok(_) => view! { <ErrorBox error=crate::error::AppError::Round(domain::voting::round::RoundError::Frozen)/> }.into_any(),
                    Err(e) => view! { <ErrorBox error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/rounds/{id}`: the round, and the caller's ballot while it is open.
#[component]
pub fn RoundPage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let cast = ServerAction::<CastBallot>::new();
    let close = ServerAction::<CloseRound>::new();
    let seal = ServerAction::<SealRound>::new();
    let data = Resource::new(
        move || {
            (
                params
                    .read()
                    .get("id")
                    .and_then(|s| s.parse::<i64>().ok())
                    .unwrap_or(0),
                cast.version().get(),
                seal.version().get(),
            )
        },
        |(id, _, _)| round(id),
    );
    view! {
        <Suspense fallback=move || view! { <p>{locale.texts().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(r) => view! { <RoundView r=r locale=locale cast=cast close=close seal=seal/> }.into_any(),
                    Err(e) => view! { <ErrorBox error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn RoundView(
    r: RoundDto,
    locale: Locale,
    cast: ServerAction<CastBallot>,
    close: ServerAction<CloseRound>,
    seal: ServerAction<SealRound>,
) -> impl IntoView {
    let query = use_query_map();
    let id = r.summary.id;
    let phase = r.summary.phase;
    let just_voted = move || {
        query.read().get("voted").is_some() || cast.value().get().is_some_and(|v| v.is_ok())
    };
    let receipt = r.my_receipt.clone().map(|code| view! {
        <div class="notice" id="receipt" role="status">
            <p>
                {move || if just_voted() { tr(locale, "Votre bulletin est enregistré. ", "Your ballot is recorded. ") } else { "" }}
                {tr(locale, "Votre reçu : ", "Your receipt: ")}<strong class="receipt">{code}</strong>
            </p>
            <p class="hint">{tr(locale, "Notez-le : après la clôture, il vous permet de retrouver votre bulletin dans la liste publiée, sans que personne d’autre sache qu’il est le vôtre.", "Write it down: after the close it lets you find your ballot in the published list, without anyone else knowing it is yours.")}</p>
        </div>
    });
    let candidates_list = r
        .candidates
        .clone()
        .into_iter()
        .map(|c| {
            let href = format!("/proposals/{}", c.id);
            view! { <li><A href=href><span lang=CONTENT_LANG>{c.title}</span></A>" (n° "{c.id}", "<span lang=CONTENT_LANG>{c.topic}</span>")"</li> }
        })
        .collect_view();
    let ballot = match phase {
        Phase::Open if r.eligible => view! { <BallotForm r=r.clone() locale=locale cast=cast/> }.into_any(),
        Phase::Open if !r.signed_in => view! {
            <p><a href="/login">{locale.texts().nav_login}</a>{tr(locale, " pour voter.", " to vote.")}</p>
        }.into_any(),
        Phase::Open => view! { <p class="notice">{tr(locale, "Ce scrutin est réservé à un autre corps électoral.", "This round is for another electorate.")}</p> }.into_any(),
        Phase::Upcoming => view! { <p class="notice">{tr(locale, "Le vote n’est pas encore ouvert.", "Voting has not opened yet.")}</p> }.into_any(),
        Phase::Closed => {
            let href = format!("/rounds/{id}/results");
            view! { <p><A href=href attr:class="button">{tr(locale, "Voir les résultats", "See the results")}</A></p> }.into_any()
        }
    };
    let manage = r.can_manage.then(|| {
        let edit = (phase == Phase::Upcoming).then(|| {
            let href = format!("/rounds/{id}/edit");
            view! { <A href=href attr:class="button secondary">{tr(locale, "Modifier", "Edit")}</A> }
        });
        let close_form = (phase == Phase::Open).then(|| view! {
            <ActionForm action=close attr:class="inline-form">
                <input type="hidden" name="id" value=id.to_string()/>
                <button type="submit" class="secondary">{tr(locale, "Clore le scrutin maintenant", "Close the round now")}</button>
            </ActionForm>
        });
        let seal_form = (phase == Phase::Closed && !r.sealed).then(|| view! {
            <ActionForm action=seal attr:class="inline-form">
                <input type="hidden" name="id" value=id.to_string()/>
                <button type="submit" class="secondary">{tr(locale, "Sceller : détruire le lien votants–bulletins", "Seal: destroy the voter–ballot link")}</button>
            </ActionForm>
        });
        view! {
            <section aria-labelledby="manage-title">
                <h2 id="manage-title">{tr(locale, "Organisation", "Organisation")}</h2>
                <FormError error=action_error(close)/>
                <FormError error=action_error(seal)/>
                <div class="actions">{edit}{close_form}{seal_form}</div>
            </section>
        }
    });
    let sealed = r.sealed.then(|| view! { <p class="meta">{tr(locale, "Scrutin scellé : plus aucun lien entre votants et bulletins.", "Sealed round: no link left between voters and ballots.")}</p> });
    let voted = (r.voted && r.my_receipt.is_none())
        .then(|| view! { <p class="notice">{tr(locale, "Vous avez voté.", "You voted.")}</p> });
    view! {
        <p class="breadcrumb"><A href="/rounds">{tr(locale, "Scrutins", "Voting rounds")}</A></p>
        <h1 lang=CONTENT_LANG>{r.summary.title.clone()}</h1>
        <dl class="facts">
            <dt>{tr(locale, "État", "Status")}</dt><dd><span class="badge">{phase_label(phase, locale)}</span></dd>
            <dt>{tr(locale, "Méthode", "Method")}</dt><dd>{method_label(r.summary.method, locale)}</dd>
            <dt>{tr(locale, "Qui vote", "Who votes")}</dt><dd>{electorate_label(r.summary.electorate, locale)}</dd>
            <dt>{tr(locale, "Ouverture", "Opens")}</dt><dd>{when(r.summary.opens_at)}</dd>
            <dt>{tr(locale, "Clôture", "Closes")}</dt><dd>{when(r.summary.closes_at)}</dd>
            <dt>{tr(locale, "Adoption", "Adoption")}</dt><dd>{rule_text(&r, locale)}</dd>
        </dl>
        {sealed}
        {receipt}
        {voted}
        <h2>{tr(locale, "Propositions", "Proposals")}</h2>
        <ol>{candidates_list}</ol>
        {ballot}
        {manage}
    }
}

/// The ballot of the round's method, pre-filled with the voter's current ballot.
#[component]
fn BallotForm(r: RoundDto, locale: Locale, cast: ServerAction<CastBallot>) -> impl IntoView {
    let id = r.summary.id.to_string();
    let method = r.summary.method;
    let values = r.my_values.clone();
    let value = move |c: i64| values.get(&c.to_string()).cloned().unwrap_or_default();
    let n = r.candidates.len();
    let explain = match method {
        Method::Borda | Method::Schulze => tr(locale, "Numérotez les propositions dans l’ordre de votre préférence (1 = préférée). Un même numéro pour plusieurs propositions les met à égalité ; « non classée » les place ensemble après toutes les autres.", "Number the proposals in your order of preference (1 = preferred). The same number for several proposals ties them; “not ranked” puts them together after all the others."),
        Method::MajorityJudgment => tr(locale, "Donnez une mention à chaque proposition.", "Give every proposal a grade."),
        Method::Approval => tr(locale, "Cochez chaque proposition que vous approuvez.", "Tick every proposal you approve of."),
        Method::Cumulative => tr(locale, "Répartissez vos points entre les propositions (nombres entiers, 0 ou plus).", "Share your points between the proposals (whole numbers, 0 or more)."),
        Method::Quadratic => tr(locale, "Donnez des votes pour (positifs) ou contre (négatifs) : chaque proposition coûte le carré de ses votes.", "Give votes for (positive) or against (negative): each proposal costs the square of its votes."),
        Method::Measure => tr(locale, "Pour chaque mesure : pour, contre ou abstention.", "For each measure: for, against or abstain."),
    };
    let budget = r.budget;
    let quadratic = method == Method::Quadratic;
    let amounts: RwSignal<HashMap<i64, i128>> = RwSignal::new(
        r.candidates
            .iter()
            .map(|c| (c.id, value(c.id).parse::<i128>().unwrap_or(0)))
            .collect(),
    );
    let remaining = move || {
        let spent: Option<i128> = amounts.with(|a| {
            a.values().try_fold(0i128, |s, v| {
                let cost = if quadratic { v.checked_mul(*v)? } else { *v };
                s.checked_add(cost)
            })
        });
        match spent {
            Some(s) => (i128::from(budget) - s).to_string(),
            None => "−∞".to_owned(),
        }
    };
    let ranks: RwSignal<HashMap<i64, String>> =
        RwSignal::new(r.candidates.iter().map(|c| (c.id, value(c.id))).collect());
    let order = StoredValue::new(r.candidates.iter().map(|c| c.id).collect::<Vec<_>>());
    let live = RwSignal::new(false);
    // Effects run in the browser only, after hydration.
    Effect::new(move |_| live.set(true));
    let rows = r
        .candidates
        .iter()
        .map(|c| {
            let cid = c.id;
            let name = format!("ballot[{cid}]");
            let field_id = format!("ballot-{cid}");
            let title = view! { <span lang=CONTENT_LANG>{c.title.clone()}</span>" (n° "{cid}")" };
            let current = value(cid);
            match method {
                Method::Borda | Method::Schulze => {
                    let options = (1..=n)
                        .map(|k| view! { <option value=k.to_string() selected=current == k.to_string()>{k}</option> })
                        .collect_view();
                    let up = format!("{} : {} (n° {cid})", tr(locale, "Monter", "Move up"), c.title);
                    let down = format!("{} : {} (n° {cid})", tr(locale, "Descendre", "Move down"), c.title);
                    // Once the page is live, move buttons renumber the whole ranking; without
                    // JavaScript the numbered selects do it all.
                    let buttons = move || live.get().then(|| view! {
                        <button type="button" class="secondary move" aria-label=up.clone()
                            on:click=move |_| move_rank(ranks, order, cid, true)>"↑"</button>
                        <button type="button" class="secondary move" aria-label=down.clone()
                            on:click=move |_| move_rank(ranks, order, cid, false)>"↓"</button>
                    });
                    view! {
                        <div class="field ballot-row">
                            <label for=field_id.clone()>{title}</label>
                            <div class="rank-controls">
                                <select id=field_id name=name
                                    prop:value=move || ranks.with(|m| m.get(&cid).cloned().unwrap_or_default())
                                    on:change=move |ev| ranks.update(|m| { m.insert(cid, event_target_value(&ev)); })>
                                    <option value="" selected=current.is_empty()>{tr(locale, "non classée", "not ranked")}</option>
                                    {options}
                                </select>
                                {buttons}
                            </div>
                        </div>
                    }.into_any()
                }
                Method::MajorityJudgment => {
                    let radios = r
                        .grades
                        .iter()
                        .enumerate()
                        .map(|(g, grade)| {
                            let rid = format!("{field_id}-{g}");
                            view! {
                                <span class="grade-choice">
                                    <input type="radio" id=rid.clone() name=name.clone() value=g.to_string() checked=current == g.to_string()/>
                                    <label for=rid>{grade.clone()}</label>
                                </span>
                            }
                        })
                        .collect_view();
                    view! { <fieldset class="ballot-row grades"><legend>{title}</legend>{radios}</fieldset> }.into_any()
                }
                Method::Approval => view! {
                    <div class="field checkbox ballot-row">
                        <input type="checkbox" id=field_id.clone() name=name value="on" checked=current == "on"/>
                        <label for=field_id>{title}</label>
                    </div>
                }.into_any(),
                Method::Cumulative | Method::Quadratic => view! {
                    <div class="field ballot-row">
                        <label for=field_id.clone()>{title}</label>
                        <input type="number" id=field_id name=name step="1" min=(!quadratic).then_some("0") value=current
                            on:input=move |ev| {
                                let v = event_target_value(&ev).trim().parse::<i128>().unwrap_or(0);
                                amounts.update(|a| { a.insert(cid, v); });
                            }/>
                    </div>
                }.into_any(),
                Method::Measure => {
                    let radios = [("for", tr(locale, "Pour", "For")), ("against", tr(locale, "Contre", "Against")), ("abstain", tr(locale, "Abstention", "Abstain"))]
                        .into_iter()
                        .map(|(v, label)| {
                            let rid = format!("{field_id}-{v}");
                            view! {
                                <span class="grade-choice">
                                    <input type="radio" id=rid.clone() name=name.clone() value=v checked=current == v/>
                                    <label for=rid>{label}</label>
                                </span>
                            }
                        })
                        .collect_view();
                    view! { <fieldset class="ballot-row grades"><legend>{title}</legend>{radios}</fieldset> }.into_any()
                }
            }
        })
        .collect_view();
    let budget_line = matches!(method, Method::Cumulative | Method::Quadratic).then(|| view! {
        <p class="budget" aria-live="polite">
            {tr(locale, "Budget : ", "Budget: ")}{budget}{tr(locale, " — reste : ", " — left: ")}<strong class="remaining">{remaining}</strong>
        </p>
    });
    let submit = if r.voted {
        tr(locale, "Changer mon bulletin", "Change my ballot")
    } else {
        tr(locale, "Voter", "Vote")
    };
    view! {
        <h2 id="ballot-title">{tr(locale, "Votre bulletin", "Your ballot")}</h2>
        <p class="hint">{explain}</p>
        <ActionForm action=cast attr:class="form wide ballot" attr:aria-labelledby="ballot-title" attr:novalidate=true>
            <FormError error=action_error(cast)/>
            <input type="hidden" name="round" value=id/>
            {budget_line}
            {rows}
            <button type="submit">{submit}</button>
        </ActionForm>
        <p class="hint">{tr(locale, "Votre bulletin est secret : il est enregistré sans votre nom. Vous pouvez le changer jusqu’à la clôture.", "Your ballot is secret: it is stored without your name. You can change it until the close.")}</p>
    }
}

/// Moves a candidate one place up or down the voter's ranking: the current order (by rank
/// number, unranked last, ballot order among equals) with the two swapped, renumbered 1…n.
fn move_rank(
    ranks: RwSignal<HashMap<i64, String>>,
    order: StoredValue<Vec<i64>>,
    cid: i64,
    up: bool,
) {
    ranks.update(|m| {
        let mut ids = order.get_value();
        // A stable sort keeps the ballot order among equal numbers.
        ids.sort_by_key(|id| {
            m.get(id)
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(usize::MAX)
        });
        if let Some(pos) = ids.iter().position(|id| *id == cid) {
            let other = if up {
                pos.checked_sub(1)
            } else {
                Some(pos + 1)
            };
            if let Some(other) = other.filter(|o| *o < ids.len()) {
                ids.swap(pos, other);
            }
        }
        for (i, id) in ids.iter().enumerate() {
            m.insert(*id, (i + 1).to_string());
        }
    });
}

/// `/rounds/{id}/results`: after the close.
#[component]
pub fn ResultsPage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let data = Resource::new(
        move || {
            params
                .read()
                .get("id")
                .and_then(|s| s.parse::<i64>().ok())
                .unwrap_or(0)
        },
        round_results,
    );
    view! {
        <Suspense fallback=move || view! { <p>{locale.texts().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(res) => {
                        let r = res.round;
                        let back = format!("/rounds/{}", r.summary.id);
                        let both = res.sides.len() > 1;
                        let title = r.summary.title.clone();
                        let sides = res.sides.into_iter().map(|s| view! { <SideResult s=s r=r.clone() locale=locale both=both/> }.into_any()).collect_view();
                        view! {
                            <p class="breadcrumb"><A href=back><span lang=CONTENT_LANG>{title}</span></A></p>
                            <h1>{tr(locale, "Résultats : ", "Results: ")}<span lang=CONTENT_LANG>{r.summary.title.clone()}</span></h1>
                            <p>{method_label(r.summary.method, locale)}" · "{rule_text(&r, locale)}</p>
                            <div class="sides">{sides}</div>
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorBox error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SideResult(s: SideResultDto, r: RoundDto, locale: Locale, both: bool) -> impl IntoView {
    let method = r.summary.method;
    let heading = if both {
        format!(
            "{}{}",
            side_label(&s.side, locale),
            if s.official {
                tr(locale, " (résultat officiel)", " (official result)")
            } else {
                tr(locale, " (consultatif)", " (advisory)")
            }
        )
    } else {
        tr(locale, "Classement", "Ranking").to_owned()
    };
    let heading_id = format!("side-{}", s.side);
    let score_head = match method {
        Method::Borda => tr(locale, "Points Borda", "Borda points"),
        Method::Schulze => tr(locale, "Propositions battues", "Proposals defeated"),
        Method::MajorityJudgment => tr(locale, "Mention majoritaire", "Majority grade"),
        Method::Approval => tr(locale, "Approbations", "Approvals"),
        Method::Cumulative => tr(locale, "Points", "Points"),
        Method::Quadratic => tr(locale, "Votes", "Votes"),
        Method::Measure => tr(locale, "Part de « pour »", "Share of “for”"),
    };
    let extra_heads: Vec<String> = match method {
        Method::MajorityJudgment => r.grades.clone(),
        Method::Measure => vec![
            tr(locale, "Pour", "For").into(),
            tr(locale, "Contre", "Against").into(),
            tr(locale, "Abstention", "Abstain").into(),
        ],
        _ => Vec::new(),
    };
    let heads = extra_heads
        .iter()
        .map(|h| view! { <th scope="col">{h.clone()}</th> })
        .collect_view();
    let rows = s
        .rows
        .clone()
        .into_iter()
        .map(|row| {
            let href = format!("/proposals/{}", row.id);
            let adopted = row.adopted.then(|| view! { " " <span class="badge adopted">{tr(locale, "Adoptée", "Adopted")}</span> });
            let details = row.detail.into_iter().map(|d| view! { <td class="num">{d}</td> }).collect_view();
            view! {
                <tr>
                    <td class="num">{row.rank}</td>
                    <th scope="row"><A href=href><span lang=CONTENT_LANG>{row.title}</span></A>" (n° "{row.id}")"{adopted}</th>
                    <td>{row.score}</td>
                    {details}
                </tr>
            }
        })
        .collect_view();
    let pairwise = (!s.pairwise.is_empty()).then(|| {
        let ids: Vec<i64> = r.candidates.iter().map(|c| c.id).collect();
        let head = ids.iter().map(|i| view! { <th scope="col">"n° "{*i}</th> }).collect_view();
        let body = s
            .pairwise
            .iter()
            .enumerate()
            .map(|(x, row)| {
                let cells = row
                    .iter()
                    .enumerate()
                    .map(|(y, v)| view! { <td class="num">{if x == y { "—".to_owned() } else { v.clone() }}</td> })
                    .collect_view();
                view! { <tr><th scope="row">"n° "{ids[x]}</th>{cells}</tr> }
            })
            .collect_view();
        view! {
            <table class="results pairwise">
                <caption>{tr(locale, "Duels : nombre de bulletins qui classent la proposition de la ligne avant celle de la colonne", "Head to head: ballots ranking the row's proposal above the column's")}</caption>
                <thead><tr><td></td>{head}</tr></thead>
                <tbody>{body}</tbody>
            </table>
        }
    });
    let download = {
        let suffix = if both {
            format!("?side={}", s.side)
        } else {
            String::new()
        };
        format!("/rounds/{}/ballots.json{suffix}", r.summary.id)
    };
    view! {
        <section class="side-result" aria-labelledby=heading_id.clone()>
            <h2 id=heading_id.clone()>{heading}</h2>
            <p class="meta">
                {s.voters}{tr(locale, " votants · ", " voters · ")}
                {s.ballots_counted}{tr(locale, " bulletins comptés", " ballots counted")}
                {(s.ballots_rejected > 0).then(|| format!(" · {} {}", s.ballots_rejected, tr(locale, "rejetés", "rejected")))}
            </p>
            <figure class="chart">
                <div inner_html=s.chart.clone()></div>
                <figcaption>{tr(locale, "Graphique ; le tableau ci-dessous donne les mêmes chiffres.", "Chart; the table below gives the same figures.")}</figcaption>
            </figure>
            <table class="results">
                <caption>{tr(locale, "Classement et scores", "Ranking and scores")}</caption>
                <thead><tr>
                    <th scope="col">{tr(locale, "Rang", "Rank")}</th>
                    <th scope="col">{tr(locale, "Proposition", "Proposal")}</th>
                    <th scope="col">{score_head}</th>
                    {heads}
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
            {pairwise}
            <p>
                <a href=download download="" rel="external">{tr(locale, "Télécharger les bulletins publiés (JSON, avec les reçus)", "Download the published ballots (JSON, with receipts)")}</a>
            </p>
            <details>
                <summary>{tr(locale, "Recompter soi-même", "Re-count it yourself")}</summary>
                <p>{tr(locale, "Le fichier des bulletins est un document de « convention tally » : ", "The ballots file is a “convention tally” document: ")}<code>"convention tally --input bulletins.json"</code>{tr(locale, " donne exactement :", " gives exactly:")}</p>
                <pre class="tally">{s.tally_json.clone()}</pre>
            </details>
        </section>
    }
}
