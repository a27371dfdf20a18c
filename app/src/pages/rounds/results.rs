//! A closed round's results, `/rounds/{id}/results`: ranking, participation, a chart and its data table per count.

use super::*;
use crate::components::scroll::ScrollBox;

/// `/rounds/{id}/results`: after the close.
#[component]
pub fn ResultsPage() -> impl IntoView {
    let locale = use_locale();
    let data = Resource::new(crate::pages::id_param::<RoundId>(), round_results);
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
                            <h1>{locale.texts().results}<span lang=CONTENT_LANG>{r.summary.title.clone()}</span></h1>
                            <p>{method_label(r.summary.method, locale)}" · "{rule_text(&r, locale)}</p>
                            <p class="hint">{how_it_ranks(r.summary.method, locale)}</p>
                            <div class="sides">{sides}</div>
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorBox error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// One sentence on how a method ranks, so that the table reads without a manual.
fn how_it_ranks(method: Method, locale: Locale) -> &'static str {
    let tr = locale.texts();
    match method {
        Method::Borda => tr.ranks_borda,
        Method::Schulze => tr.ranks_schulze,
        Method::MajorityJudgment => tr.ranks_majority_judgment,
        Method::Approval => tr.ranks_approval,
        Method::Cumulative => tr.ranks_cumulative,
        Method::Quadratic => tr.ranks_quadratic,
        Method::Measure => tr.ranks_measure,
    }
}

/// Condorcet methods' head-to-head matrix: how many ballots rank the row above the column.
fn pairwise_table(s: &SideResultDto, r: &RoundDto, locale: Locale) -> Option<impl IntoView> {
    (!s.pairwise.is_empty()).then(|| {
        let ids: Vec<ProposalId> = r.candidates.iter().map(|c| c.id).collect();
        let titles: Vec<String> = r.candidates.iter().map(|c| c.title.clone()).collect();
        // Columns keep the short number (the row names it in full, with its title).
        let head = r
            .candidates
            .iter()
            .map(|c| view! { <th scope="col" title=c.title.clone()>"n° "{c.id.get()}</th> })
            .collect_view();
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
                view! {
                    <tr>
                        <th scope="row">"n° "{ids[x].get()}" · "<span lang=CONTENT_LANG>{titles[x].clone()}</span></th>
                        {cells}
                    </tr>
                }
            })
            .collect_view();
        view! {
            <ScrollBox label=locale.texts().head_to_head_ballots_ranking>
                <table class="results pairwise">
                    <caption>{locale.texts().head_to_head_ballots_ranking}</caption>
                    <thead><tr><td></td>{head}</tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </ScrollBox>
        }
    })
}

#[component]
fn SideResult(s: SideResultDto, r: RoundDto, locale: Locale, both: bool) -> impl IntoView {
    let method = r.summary.method;
    let heading = if both {
        format!(
            "{}{}",
            side_label(&s.side, locale),
            if s.official {
                locale.texts().official_result
            } else {
                locale.texts().advisory
            }
        )
    } else {
        locale.texts().ranking.to_owned()
    };
    let heading_id = format!("side-{}", s.side);
    let score_head = match method {
        Method::Borda => locale.texts().borda_points,
        Method::Schulze => locale.texts().proposals_defeated,
        Method::MajorityJudgment => locale.texts().majority_grade,
        Method::Approval => locale.texts().approvals,
        Method::Cumulative => locale.texts().points,
        Method::Quadratic => locale.texts().votes_2,
        Method::Measure => locale.texts().share_of_for,
    };
    let extra_heads: Vec<String> = match method {
        Method::MajorityJudgment => r.grades.clone(),
        Method::Measure => vec![
            locale.texts().for_2.into(),
            locale.texts().against_2.into(),
            locale.texts().abstain.into(),
        ],
        _ => Vec::new(),
    };
    let heads = extra_heads
        .iter()
        .map(|h| view! { <th scope="col">{h.clone()}</th> })
        .collect_view();
    let ranks: Vec<_> = s.rows.iter().map(|row| row.rank).collect();
    let rows = s
        .rows
        .clone()
        .into_iter()
        .map(|row| {
            // Ties are shown as ties: the rank is shared, and said to be.
            let tied = (ranks.iter().filter(|r| **r == row.rank).count() > 1)
                .then(|| view! { " " <span class="tie">{locale.texts().tied}</span> });
            let href = format!("/proposals/{}", row.id);
            let adopted = row.adopted.then(|| view! { " " <span class="badge adopted">{locale.texts().adopted}</span> });
            let details = row.detail.into_iter().map(|d| view! { <td class="num">{d}</td> }).collect_view();
            view! {
                <tr>
                    <td class="num">{row.rank}{tied}</td>
                    <th scope="row"><A href=href><span lang=CONTENT_LANG>{row.title}</span></A>" (n° "{row.id.get()}")"{adopted}</th>
                    <td>{row.score}</td>
                    {details}
                </tr>
            }
        })
        .collect_view();
    let pairwise = pairwise_table(&s, &r, locale);
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
                {s.voters}{locale.texts().voters}
                {s.ballots_counted}{locale.texts().ballots_counted}
                {(s.ballots_rejected > 0).then(|| format!(" · {} {}", s.ballots_rejected, locale.texts().rejected))}
            </p>
            // At its own width, so its text stays readable; it scrolls sideways on a phone.
            <figure class="chart" tabindex="0">
                <div inner_html=s.chart.clone()></div>
                <figcaption>{locale.texts().chart_the_table_below_gives}</figcaption>
            </figure>
            <ScrollBox label=locale.texts().ranking_and_scores>
                <table class="results">
                    <caption>{locale.texts().ranking_and_scores}</caption>
                    <thead><tr>
                        <th scope="col">{locale.texts().rank}</th>
                        <th scope="col">{locale.texts().item_proposal}</th>
                        <th scope="col">{score_head}</th>
                        {heads}
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </ScrollBox>
            {pairwise}
            <p>
                <a href=download download="" rel="external">{locale.texts().download_the_published_ballots_json}</a>
            </p>
            <details>
                <summary>{locale.texts().re_count_it_yourself}</summary>
                <p>{locale.texts().the_ballots_file_is_a}<code>"convention tally --input bulletins.json"</code>{locale.texts().gives_exactly}</p>
                <pre class="tally">{s.tally_json.clone()}</pre>
            </details>
        </section>
    }
}
