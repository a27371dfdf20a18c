//! `/search?q=`: proposals and comments matching a few words.

use crate::api::search::search;
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
                    Ok(r) if r.results.is_empty() => view! { <p class="empty">{tr.search_empty}</p> }.into_any(),
                    Ok(r) => view! {
                        <p class="hint" role="status">{locale.texts().count_results(r.results.len())}</p>
                        <ol class="cards results">
                            {r.results.into_iter().map(|hit| view! {
                                <li class="card">
                                    <p class="meta">{if hit.is_comment { tr.item_comment } else { tr.item_proposal }}</p>
                                    <h2 class="small-heading" lang=CONTENT_LANG><a href=hit.url>{hit.title}</a></h2>
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
                    }.into_any(),
                    Err(e) => view! { <ErrorBox error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
