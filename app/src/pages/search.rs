//! `/search?q=`: topics, proposals and comments matching a few words, grouped by kind.

use crate::api::search::{search, ResultKind, SearchResult};
use crate::components::form::ErrorBox;
use crate::i18n::{use_locale, CONTENT_LANG};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The search page: a plain GET form, so it works without JavaScript.
#[component]
pub fn SearchPage() -> impl IntoView {
    let locale = use_locale();
    let tr = locale.texts();
    let query = use_query_map();
    let q = move || query.read().get("q").unwrap_or_default();
    let results = Resource::new(q, search);
    view! {
        <h1>{tr.search_title}</h1>
        <form method="get" action="/search" class="form inline-fields" role="search">
            <div class="field">
                <label for="q">{tr.search_label}</label>
                <input id="q" type="search" name="q" value=q maxlength=domain::search::QUERY_MAX/>
            </div>
            <button type="submit">{tr.search_submit}</button>
        </form>
        <Suspense fallback=move || view! { <p>{tr.loading}</p> }>
            {move || Suspend::new(async move {
                match results.await {
                    Ok(r) if r.words.is_empty() => view! { <p class="hint">{tr.search_hint}</p> }.into_any(),
                    Ok(r) if r.results.is_empty() => view! {
                        <div role="status">
                            <p class="empty">{tr.search_empty}</p>
                            <p>{tr.search_suggest}</p>
                        </div>
                        <ul class="topic-links">
                            {r.suggestions.into_iter().map(|t| view! {
                                <li lang=CONTENT_LANG><a href=t.url>{t.title}</a></li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Ok(r) => {
                        let count = locale.texts().count_results(r.results.len());
                        let groups = ResultKind::ALL.map(|kind| {
                            let hits: Vec<SearchResult> =
                                r.results.iter().filter(|h| h.kind == kind).cloned().collect();
                            (!hits.is_empty()).then(|| view! { <ResultGroup kind hits/> })
                        });
                        view! {
                            <p class="hint" role="status">{count}</p>
                            {groups.into_iter().collect_view()}
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorBox error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The results of one kind, under a heading naming the kind and how many.
#[component]
fn ResultGroup(kind: ResultKind, hits: Vec<SearchResult>) -> impl IntoView {
    let tr = use_locale().texts();
    let heading = match kind {
        ResultKind::Topic => tr.search_group_topics,
        ResultKind::Proposal => tr.search_group_proposals,
        ResultKind::Comment => tr.search_group_comments,
    };
    let label = if kind == ResultKind::Comment {
        Some(tr.item_comment)
    } else {
        None
    };
    view! {
        <section class="result-group">
            <h2>{format!("{heading} ({})", hits.len())}</h2>
            <ol class="cards results">
                {hits.into_iter().map(|hit| view! {
                    <li class="card">
                        {label.map(|l| view! { <p class="meta">{l}</p> })}
                        <h3 class="small-heading" lang=CONTENT_LANG><a href=hit.url>{hit.title}</a></h3>
                        <p class="excerpt" lang=CONTENT_LANG>
                            {hit.excerpt.into_iter().map(|(text, marked)| if marked {
                                view! { <mark>{text}</mark> }.into_any()
                            } else {
                                view! { <span>{text}</span> }.into_any()
                            }).collect_view()}
                        </p>
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}
