//! An organiser's settings form for a round: `/rounds/new` and `/rounds/{id}/edit`.

use super::*;

/// The settings fields, filled from `current` when editing.
#[component]
fn RoundFields(locale: Locale, votable: VotableDto, current: Option<RoundDto>) -> impl IntoView {
    let Prefill {
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
    } = prefill(current.as_ref(), votable.now);
    let method_options = Method::ALL
        .into_iter()
        .map(|m| view! { <option value=m.as_str() selected=m.as_str() == method>{method_label(m, locale)}</option> })
        .collect_view();
    let electorate_options = [Electorate::Members, Electorate::Citizens, Electorate::Both]
        .into_iter()
        .map(|e| view! { <option value=e.as_str() selected=e.as_str() == electorate>{electorate_label(e, locale)}</option> })
        .collect_view();
    let rules = [
        ("none", locale.texts().none_consultative),
        ("top", locale.texts().the_first_k_places),
        ("grade", locale.texts().majority_grade_at_least_majority),
        ("measure", locale.texts().each_measures_threshold_vote_by),
    ]
    .into_iter()
    .map(|(v, l)| view! { <option value=v selected=v == rule>{l}</option> })
    .collect_view();
    let candidates = candidate_boxes(votable.proposals, &chosen);
    view! {
        <div class="field">
            <label for="round-title">{locale.texts().field_title}</label>
            <input id="round-title" name="form[title]" maxlength="200" required value=title/>
            <FieldError name="form[title]" id="round-title"/>
        </div>
        <div class="field">
            <label for="round-method">{locale.texts().method}</label>
            <select id="round-method" name="form[method]">{method_options}</select>
            <FieldError name="form[method]" id="round-method"/>
        </div>
        <div class="field">
            <label for="round-grades">{locale.texts().grade_scale_majority_judgment_one}</label>
            <textarea id="round-grades" name="form[grades]" rows="7">{grades}</textarea>
            <FieldError name="form[grades]" id="round-grades"/>
        </div>
        <div class="field">
            <label for="round-budget">{locale.texts().budget_cumulative_points_quadratic_sum}</label>
            <input id="round-budget" name="form[budget]" type="number" min="1" value=budget/>
            <FieldError name="form[budget]" id="round-budget"/>
        </div>
        <div class="field">
            <label for="round-threshold">{locale.texts().adoption_threshold_vote_by_measure}</label>
            <input id="round-threshold" name="form[threshold]" value=threshold/>
            <FieldError name="form[threshold]" id="round-threshold"/>
        </div>
        <div class="field checkbox">
            <input type="checkbox" id="round-strict" name="form[strict]" value="true" checked=strict/>
            <label for="round-strict">{locale.texts().strictly_above_the_threshold}</label>
        </div>
        <div class="field">
            <label for="round-electorate">{locale.texts().who_votes}</label>
            <select id="round-electorate" name="form[electorate]">{electorate_options}</select>
            <FieldError name="form[electorate]" id="round-electorate"/>
        </div>
        <div class="field">
            <label for="round-rule">{locale.texts().adoption_rule}</label>
            <select id="round-rule" name="form[rule]">{rules}</select>
            <FieldError name="form[rule]" id="round-rule"/>
        </div>
        <div class="field">
            <label for="round-rule-k">{locale.texts().k_for_the_first_k}</label>
            <input id="round-rule-k" name="form[rule_k]" type="number" min="1" value=rule_k/>
        </div>
        <div class="field">
            <label for="round-rule-grade">{locale.texts().lowest_grade_for_the_grade}</label>
            <input id="round-rule-grade" name="form[rule_grade]" value=rule_grade/>
        </div>
        <div class="field">
            <label for="round-opens">{locale.texts().opening_paris_time}</label>
            <input id="round-opens" name="form[opens_at]" type="datetime-local" required value=opens/>
            <FieldError name="form[opens_at]" id="round-opens"/>
        </div>
        <div class="field">
            <label for="round-closes">{locale.texts().close_paris_time}</label>
            <input id="round-closes" name="form[closes_at]" type="datetime-local" required value=closes/>
            <FieldError name="form[closes_at]" id="round-closes"/>
        </div>
        <h2>{locale.texts().proposals_put_to_the_vote}</h2>
        <p class="hint">{locale.texts().published_or_already_under_vote}</p>
        <FieldError name="form[candidates]" id="round-candidates"/>
        {candidates}
    }
}

/// What the settings fields start with: the round's settings when editing, defaults otherwise.
struct Prefill {
    title: String,
    method: &'static str,
    grades: String,
    budget: String,
    threshold: String,
    strict: bool,
    electorate: &'static str,
    rule: &'static str,
    rule_k: String,
    rule_grade: String,
    opens: String,
    closes: String,
    chosen: Vec<ProposalId>,
}

fn prefill(current: Option<&RoundDto>, now: i64) -> Prefill {
    let hour = 3_600_000;
    let Some(r) = current else {
        // By default a round opens at once (the minute the form was loaded) for a week.
        return Prefill {
            title: String::new(),
            method: "majority_judgment",
            grades: FRENCH_SCALE.join("\n"),
            budget: "100".to_owned(),
            threshold: "1/2".to_owned(),
            strict: true,
            electorate: "members",
            rule: "none",
            rule_k: String::new(),
            rule_grade: "Assez bien".to_owned(),
            opens: paris_input(now),
            closes: paris_input(now + 7 * 24 * hour),
            chosen: Vec::new(),
        };
    };
    let (rule, rule_k, rule_grade) = match r.rule {
        Rule::None => ("none", String::new(), String::new()),
        Rule::Top(k) => ("top", k.to_string(), String::new()),
        Rule::Grade(g) => (
            "grade",
            String::new(),
            r.grades.get(usize::from(g)).cloned().unwrap_or_default(),
        ),
        Rule::Measure => ("measure", String::new(), String::new()),
    };
    Prefill {
        title: r.summary.title.clone(),
        method: r.summary.method.as_str(),
        grades: if r.grades.is_empty() {
            FRENCH_SCALE.join("\n")
        } else {
            r.grades.join("\n")
        },
        budget: if r.budget == 0 {
            "100".to_owned()
        } else {
            r.budget.to_string()
        },
        threshold: format!("{}/{}", r.threshold.0, r.threshold.1),
        strict: r.strict,
        electorate: r.summary.electorate.as_str(),
        rule,
        rule_k,
        rule_grade,
        opens: paris_input(r.summary.opens_at),
        closes: paris_input(r.summary.closes_at),
        chosen: r.candidates.iter().map(|c| c.id).collect(),
    }
}

/// The proposals that may be put to the vote, as checkboxes grouped by topic.
fn candidate_boxes(
    proposals: Vec<crate::api::rounds::CandidateDto>,
    chosen: &[ProposalId],
) -> impl IntoView {
    let mut by_topic: Vec<(String, Vec<crate::api::rounds::CandidateDto>)> = Vec::new();
    for c in proposals {
        match by_topic.last_mut() {
            Some((t, list)) if *t == c.topic => list.push(c),
            _ => by_topic.push((c.topic.clone(), vec![c])),
        }
    }
    by_topic
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
                            <label for=id><span lang=CONTENT_LANG>{c.title}</span>" (n° "{c.id.get()}")"</label>
                        </div>
                    }
                })
                .collect_view();
            view! { <fieldset class="candidates"><legend lang=CONTENT_LANG>{topic}</legend>{boxes}</fieldset> }
        })
        .collect_view()
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
                        <p class="breadcrumb"><A href="/rounds">{locale.texts().voting_rounds}</A></p>
                        <h1>{locale.texts().new_round}</h1>
                        <ActionForm action=create attr:class="form wide" attr:novalidate=true>
                            <FormError error=action_error(create)>
                                <RoundFields locale=locale votable=v current=None/>
                            </FormError>
                            <button type="submit">{locale.texts().create_the_round}</button>
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
    let edit = ServerAction::<EditRound>::new();
    let data = Resource::new(crate::pages::id_param::<RoundId>(), |id| async move {
        Ok::<_, crate::error::AppError>((votable_proposals().await?, round(id).await?))
    });
    view! {
        <Suspense fallback=move || view! { <p>{locale.texts().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((v, r)) if r.summary.phase == Phase::Upcoming && !r.summary.cancelled => {
                        let back = format!("/rounds/{}", r.summary.id);
                        let id = r.summary.id.to_string();
                        let title = r.summary.title.clone();
                        view! {
                            <p class="breadcrumb"><A href=back><span lang=CONTENT_LANG>{title}</span></A></p>
                            <h1>{locale.texts().edit_the_round}</h1>
                            <ActionForm action=edit attr:class="form wide" attr:novalidate=true>
                                <input type="hidden" name="id" value=id/>
                                <FormError error=action_error(edit)>
                                    <RoundFields locale=locale votable=v current=Some(r)/>
                                </FormError>
                                <button type="submit">{locale.texts().save}</button>
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
