//! One round and the caller's ballot, `/rounds/{id}`: a plain form per method, with live budgets and move buttons once the page has hydrated.

use super::*;

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
