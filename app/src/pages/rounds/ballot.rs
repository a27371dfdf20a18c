//! One round and the caller's ballot, `/rounds/{id}`: a plain form per method, with live budgets and move buttons in islands once the page is live.

use super::*;

/// `/rounds/{id}`: the round, and the caller's ballot while it is open.
#[component]
pub fn RoundPage() -> impl IntoView {
    let locale = use_locale();
    let id = crate::pages::id_param::<RoundId>();
    let cast = ServerAction::<CastBallot>::new();
    let manage = Manage {
        close: ServerAction::new(),
        seal: ServerAction::new(),
        open_now: ServerAction::new(),
        cancel: ServerAction::new(),
        delete: ServerAction::new(),
    };
    let data = Resource::new(id, round);
    view! {
        <Suspense fallback=move || view! { <p>{locale.texts().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(r) => view! { <RoundView r=r locale=locale cast=cast manage=manage/> }.into_any(),
                    Err(e) => view! { <ErrorBox error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// An organiser's actions on a round.
#[derive(Clone, Copy)]
struct Manage {
    close: ServerAction<CloseRound>,
    seal: ServerAction<SealRound>,
    open_now: ServerAction<OpenRoundNow>,
    cancel: ServerAction<CancelRound>,
    delete: ServerAction<DeleteRound>,
}

#[component]
fn RoundView(
    r: RoundDto,
    locale: Locale,
    cast: ServerAction<CastBallot>,
    manage: Manage,
) -> impl IntoView {
    let Manage {
        close,
        seal,
        open_now,
        cancel,
        delete,
    } = manage;
    let cancelled = r.summary.cancelled;
    let query = use_query_map();
    let id = r.summary.id;
    let phase = r.summary.phase;
    let just_voted = move || {
        query.read().get("voted").is_some() || cast.value().get().is_some_and(|v| v.is_ok())
    };
    let receipt = r.my_receipt.clone().map(|code| {
        view! {
            <div class="notice" id="receipt" role="status">
                <p>
                    {move || if just_voted() { locale.texts().your_ballot_is_recorded } else { "" }}
                    {locale.texts().your_receipt}<strong class="receipt">{code}</strong>
                </p>
                <p class="hint">{locale.texts().write_it_down_after_the}</p>
            </div>
        }
    });
    let candidates_list = r
        .candidates
        .clone()
        .into_iter()
        .map(|c| {
            let href = format!("/proposals/{}", c.id);
            view! { <li><A href=href><span lang=CONTENT_LANG>{c.title}</span></A>" (n° "{c.id.get()}", "<span lang=CONTENT_LANG>{c.topic}</span>")"</li> }
        })
        .collect_view();
    let ballot = match phase {
        _ if cancelled => ().into_any(),
        Phase::Open if r.eligible => {
            view! { <BallotForm r=r.clone() locale=locale cast=cast/> }.into_any()
        }
        Phase::Open if !r.signed_in => view! {
            <p><a href="/login">{locale.texts().nav_login}</a>{locale.texts().to_vote}</p>
        }
        .into_any(),
        Phase::Open => {
            view! { <p class="notice">{locale.texts().this_round_is_for_another}</p> }.into_any()
        }
        Phase::Upcoming => {
            view! { <p class="notice">{locale.texts().voting_has_not_opened_yet}</p> }.into_any()
        }
        Phase::Closed => {
            let href = format!("/rounds/{id}/results");
            view! { <p><A href=href attr:class="button">{locale.texts().see_the_results}</A></p> }
                .into_any()
        }
    };
    let confirmed = |label: &'static str, warning: &'static str, form: AnyView| {
        view! { <Confirm label=label warning=warning>{form}</Confirm> }
    };
    let id_field = move || view! { <input type="hidden" name="id" value=id.to_string()/> };
    let tr = locale.texts();
    let manage = r.can_manage.then(|| {
        let edit = (phase == Phase::Upcoming && !cancelled).then(|| {
            let href = format!("/rounds/{id}/edit");
            view! { <A href=href attr:class="button secondary">{tr.edit_comment}</A> }
        });
        let open_form = (phase == Phase::Upcoming && !cancelled).then(|| confirmed(
            tr.open_the_round_now,
            tr.open_now_warning,
            view! {
                <ActionForm action=open_now attr:class="inline-form">
                    {id_field()}
                    <button type="submit" class="danger">{tr.open_now_confirm}</button>
                </ActionForm>
            }.into_any(),
        ));
        let close_form = (phase == Phase::Open && !cancelled).then(|| confirmed(
            tr.close_the_round_now,
            tr.close_warning,
            view! {
                <ActionForm action=close attr:class="inline-form">
                    {id_field()}
                    <button type="submit" class="danger">{tr.close_confirm}</button>
                </ActionForm>
            }.into_any(),
        ));
        let cancel_form = r.can_cancel.then(|| confirmed(
            tr.cancel_the_round,
            tr.cancel_warning,
            view! {
                <ActionForm action=cancel attr:class="inline-form">
                    {id_field()}
                    <button type="submit" class="danger">{tr.cancel_confirm}</button>
                </ActionForm>
            }.into_any(),
        ));
        let delete_form = cancelled.then(|| confirmed(
            tr.delete_the_round,
            tr.delete_round_warning,
            view! {
                <ActionForm action=delete attr:class="inline-form">
                    {id_field()}
                    <button type="submit" class="danger">{tr.delete_round_confirm}</button>
                </ActionForm>
            }.into_any(),
        ));
        let seal_form = (phase == Phase::Closed && !r.sealed && !cancelled).then(|| confirmed(
            tr.seal_destroy_the_voter_ballot,
            tr.seal_warning,
            view! {
                <ActionForm action=seal attr:class="inline-form">
                    {id_field()}
                    <button type="submit" class="danger">{tr.seal_confirm}</button>
                </ActionForm>
            }.into_any(),
        ));
        view! {
            <section aria-labelledby="manage-title">
                <h2 id="manage-title">{tr.organisation}</h2>
                <FormError error=action_error(close)/>
                <FormError error=action_error(seal)/>
                <FormError error=action_error(open_now)/>
                <FormError error=action_error(cancel)/>
                <FormError error=action_error(delete)/>
                <div class="actions">{edit}{open_form}{close_form}{seal_form}{cancel_form}{delete_form}</div>
            </section>
        }
    });
    let cancelled_notice =
        cancelled.then(|| view! { <p class="notice" role="note">{tr.round_cancelled_notice}</p> });
    let sealed = r
        .sealed
        .then(|| view! { <p class="meta">{locale.texts().sealed_round_no_link_left}</p> });
    let voted = (r.voted && r.my_receipt.is_none())
        .then(|| view! { <p class="notice">{locale.texts().you_voted}</p> });
    view! {
        <p class="breadcrumb"><A href="/rounds">{locale.texts().voting_rounds}</A></p>
        <h1 lang=CONTENT_LANG>{r.summary.title.clone()}</h1>
        <dl class="facts">
            <dt>{locale.texts().proposal_status}</dt><dd><span class="badge">{status_label(&r.summary, locale)}</span></dd>
            <dt>{locale.texts().method}</dt><dd>{method_label(r.summary.method, locale)}</dd>
            <dt>{locale.texts().who_votes}</dt><dd>{electorate_label(r.summary.electorate, locale)}</dd>
            <dt>{locale.texts().opens}</dt><dd>{when(r.summary.opens_at)}</dd>
            <dt>{locale.texts().closes}</dt><dd>{when(r.summary.closes_at)}</dd>
            <dt>{locale.texts().adoption}</dt><dd>{rule_text(&r, locale)}</dd>
        </dl>
        {cancelled_notice}
        {sealed}
        {receipt}
        {voted}
        <h2>{locale.texts().topic_proposals}</h2>
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
    let value = move |c: ProposalId| values.get(&c.to_string()).cloned().unwrap_or_default();
    let explain = match method {
        Method::Borda | Method::Schulze => locale.texts().number_the_proposals_in_your,
        Method::MajorityJudgment => locale.texts().give_every_proposal_a_grade,
        Method::Approval => locale.texts().tick_every_proposal_you_approve,
        Method::Cumulative => locale.texts().share_your_points_between_the,
        Method::Quadratic => locale.texts().give_votes_for_positive_or,
        Method::Measure => locale.texts().for_each_measure_for_against,
    };
    let budget = r.budget;
    let quadratic = method == Method::Quadratic;
    // The candidates as the islands below take them: each with its title and the voter's
    // current value.
    let ballot_rows = || {
        r.candidates
            .iter()
            .map(|c| BallotRow {
                cid: c.id,
                title: c.title.clone(),
                current: value(c.id),
            })
            .collect::<Vec<_>>()
    };
    let rows = r
        .candidates
        .iter()
        .map(|c| {
            let cid = c.id;
            let name = format!("ballot[{cid}]");
            let field_id = format!("ballot-{cid}");
            let title = view! { <span lang=CONTENT_LANG>{c.title.clone()}</span>" (n° "{cid.get()}")" };
            let current = value(cid);
            match method {
                // Drawn by the islands below.
                Method::Borda | Method::Schulze | Method::Cumulative | Method::Quadratic => {
                    ().into_any()
                }
                Method::MajorityJudgment => {
                    let choices = r.grades.iter().enumerate().map(|(g, grade)| (g.to_string(), grade.clone())).collect();
                    choice_row(title.into_any(), &field_id, &name, &current, choices)
                }
                Method::Approval => view! {
                    <div class="field checkbox ballot-row">
                        <input type="checkbox" id=field_id.clone() name=name value="on" checked=current == "on"/>
                        <label for=field_id>{title}</label>
                    </div>
                }.into_any(),
                Method::Measure => {
                    let t = locale.texts();
                    let choices = [("for", t.for_2), ("against", t.against_2), ("abstain", t.abstain)]
                        .into_iter()
                        .map(|(v, label)| (v.to_owned(), label.to_owned()))
                        .collect();
                    choice_row(title.into_any(), &field_id, &name, &current, choices)
                }
            }
        })
        .collect_view();
    let t = locale.texts();
    let ranking = matches!(method, Method::Borda | Method::Schulze).then(|| {
        view! {
            <RankList
                rows=ballot_rows()
                move_up=t.move_up.to_owned()
                move_down=t.move_down.to_owned()
                not_ranked=t.not_ranked.to_owned()
            />
        }
    });
    let budgeted = matches!(method, Method::Cumulative | Method::Quadratic).then(|| {
        view! {
            <BudgetRows
                rows=ballot_rows()
                budget=budget
                quadratic=quadratic
                budget_text=t.budget.to_owned()
                left_text=t.left.to_owned()
            />
        }
    });
    let submit = if r.voted {
        locale.texts().change_my_ballot
    } else {
        locale.texts().vote
    };
    view! {
        <h2 id="ballot-title">{locale.texts().your_ballot}</h2>
        <p class="hint">{explain}</p>
        <ActionForm action=cast attr:class="form wide ballot" attr:aria-labelledby="ballot-title" attr:novalidate=true>
            <FormError error=action_error(cast)/>
            <input type="hidden" name="round" value=id/>
            {budgeted}
            {ranking}
            {rows}
            <button type="submit">{submit}</button>
        </ActionForm>
        <p class="hint">{locale.texts().your_ballot_is_secret_it}</p>
    }
}

/// A candidate as a ballot island takes it.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct BallotRow {
    cid: ProposalId,
    title: String,
    /// The voter's current value for it (a rank, a number of points), empty when none.
    current: String,
}

/// A ranking ballot's rows, an island: numbered selects, which are the whole ballot without
/// JavaScript; once live, buttons move a candidate up or down, renumbering the ranking and
/// moving the row.
#[island]
fn RankList(
    rows: Vec<BallotRow>,
    move_up: String,
    move_down: String,
    not_ranked: String,
) -> impl IntoView {
    let n = rows.len();
    let ranks: RwSignal<HashMap<ProposalId, String>> =
        RwSignal::new(rows.iter().map(|c| (c.cid, c.current.clone())).collect());
    let order = StoredValue::new(rows.iter().map(|c| c.cid).collect::<Vec<_>>());
    // The rows as shown: by the voter's ranking, rearranged by the move buttons (not while a
    // number is being chosen, which would pull the row away from under the pointer).
    let shown = RwSignal::new(ranked(&ranks.get_untracked(), &order.get_value()));
    let live = RwSignal::new(false);
    // Effects run in the browser only, after hydration.
    Effect::new(move |_| live.set(true));
    let by_id: HashMap<ProposalId, BallotRow> = rows.into_iter().map(|c| (c.cid, c)).collect();
    let words = StoredValue::new((move_up, move_down, not_ranked));
    view! {
        <div class="rank-list">
            <For each=move || shown.get() key=|cid| *cid children=move |cid| {
                let row = by_id.get(&cid).cloned().unwrap_or(BallotRow {
                    cid,
                    title: String::new(),
                    current: String::new(),
                });
                rank_row(row, n, live, ranks, order, shown, words)
            }/>
        </div>
    }
}

/// A candidate's rank: a numbered select, with move buttons once the page is live.
fn rank_row(
    row: BallotRow,
    n: usize,
    live: RwSignal<bool>,
    ranks: RwSignal<HashMap<ProposalId, String>>,
    order: StoredValue<Vec<ProposalId>>,
    shown: RwSignal<Vec<ProposalId>>,
    words: StoredValue<(String, String, String)>,
) -> AnyView {
    let BallotRow {
        cid,
        title,
        current,
    } = row;
    let field_id = format!("ballot-{cid}");
    let options = (1..=n)
            .map(|k| view! { <option value=k.to_string() selected=current == k.to_string()>{k}</option> })
            .collect_view();
    let (move_up, move_down, not_ranked) = words.get_value();
    let up = format!("{move_up} : {title} (n° {cid})");
    let down = format!("{move_down} : {title} (n° {cid})");
    // Once the page is live, move buttons renumber the whole ranking and move the row;
    // without JavaScript the numbered selects do it all.
    let buttons = move || {
        live.get().then(|| {
            view! {
                <button type="button" class="secondary move" id=format!("up-{cid}") aria-label=up.clone()
                    on:click=move |_| move_rank(ranks, order, shown, cid, true)>"↑"</button>
                <button type="button" class="secondary move" id=format!("down-{cid}") aria-label=down.clone()
                    on:click=move |_| move_rank(ranks, order, shown, cid, false)>"↓"</button>
            }
        })
    };
    view! {
            <div class="field ballot-row">
                <label for=field_id.clone()><span lang=CONTENT_LANG>{title.clone()}</span>" (n° "{cid.get()}")"</label>
                <div class="rank-controls">
                    <select id=field_id name=format!("ballot[{cid}]")
                        prop:value=move || ranks.with(|m| m.get(&cid).cloned().unwrap_or_default())
                        on:change=move |ev| ranks.update(|m| { m.insert(cid, event_target_value(&ev)); })>
                        <option value="" selected=current.is_empty()>{not_ranked}</option>
                        {options}
                    </select>
                    {buttons}
                </div>
            </div>
        }
    .into_any()
}

/// A cumulative or quadratic ballot's rows, an island: a number per candidate, and the points
/// left, kept up to date as the voter types once the page is live (the server checks the
/// budget either way).
#[island]
fn BudgetRows(
    rows: Vec<BallotRow>,
    budget: i64,
    quadratic: bool,
    budget_text: String,
    left_text: String,
) -> impl IntoView {
    let amounts: RwSignal<HashMap<ProposalId, i128>> = RwSignal::new(
        rows.iter()
            .map(|c| (c.cid, c.current.parse::<i128>().unwrap_or(0)))
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
    let inputs = rows
        .into_iter()
        .map(|BallotRow { cid, title, current }| {
            let field_id = format!("ballot-{cid}");
            view! {
                <div class="field ballot-row">
                    <label for=field_id.clone()><span lang=CONTENT_LANG>{title}</span>" (n° "{cid.get()}")"</label>
                    <input type="number" id=field_id name=format!("ballot[{cid}]") step="1"
                        min=(!quadratic).then_some("0") value=current
                        on:input=move |ev| {
                            let v = event_target_value(&ev).trim().parse::<i128>().unwrap_or(0);
                            amounts.update(|a| { a.insert(cid, v); });
                        }/>
                </div>
            }
        })
        .collect_view();
    view! {
        <p class="budget" aria-live="polite">
            {budget_text}{budget}{left_text}<strong class="remaining">{remaining}</strong>
        </p>
        {inputs}
    }
}

/// A candidate's choice among labelled values (grades; for, against, abstain) as radio buttons.
fn choice_row(
    title: AnyView,
    field_id: &str,
    name: &str,
    current: &str,
    choices: Vec<(String, String)>,
) -> AnyView {
    let radios = choices
        .into_iter()
        .map(|(v, label)| {
            let rid = format!("{field_id}-{v}");
            let checked = current == v;
            view! {
                <span class="grade-choice">
                    <input type="radio" id=rid.clone() name=name.to_owned() value=v checked=checked/>
                    <label for=rid>{label}</label>
                </span>
            }
        })
        .collect_view();
    view! { <fieldset class="ballot-row grades"><legend>{title}</legend>{radios}</fieldset> }
        .into_any()
}

/// The candidates in the voter's order: by rank number, unranked last, ballot order among
/// equals (a stable sort).
fn ranked(ranks: &HashMap<ProposalId, String>, ballot_order: &[ProposalId]) -> Vec<ProposalId> {
    let mut ids = ballot_order.to_vec();
    ids.sort_by_key(|id| {
        ranks
            .get(id)
            .and_then(|v| v.parse::<usize>().ok())
            .unwrap_or(usize::MAX)
    });
    ids
}

/// Moves a candidate one place up or down the voter's ranking: the current order with the two
/// swapped, renumbered 1…n, and the rows redrawn in it. The button pressed keeps the focus,
/// so that a keyboard user can press it again.
fn move_rank(
    ranks: RwSignal<HashMap<ProposalId, String>>,
    order: StoredValue<Vec<ProposalId>>,
    shown: RwSignal<Vec<ProposalId>>,
    cid: ProposalId,
    up: bool,
) {
    let mut ids = ranks.with_untracked(|m| ranked(m, &order.get_value()));
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
    ranks.update(|m| {
        for (i, id) in ids.iter().enumerate() {
            m.insert(*id, (i + 1).to_string());
        }
    });
    shown.set(ids);
    #[cfg(not(feature = "ssr"))]
    {
        use leptos::wasm_bindgen::JsCast;
        let button = format!("{}-{cid}", if up { "up" } else { "down" });
        // After the rows are redrawn (a moved row's button is a new element only if the row
        // was re-created; focusing it by id works either way).
        set_timeout(
            move || {
                if let Some(b) = document()
                    .get_element_by_id(&button)
                    .and_then(|e| e.dyn_into::<leptos::web_sys::HtmlElement>().ok())
                {
                    let _ = b.focus();
                }
            },
            std::time::Duration::ZERO,
        );
    }
}
