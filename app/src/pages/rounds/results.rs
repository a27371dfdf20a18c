//! A closed round's results, `/rounds/{id}/results`: ranking, participation, a chart and its data table per count.

use super::*;

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
