//! `/`: the convention's question and its topics.

use crate::api::convention::get_home;
use crate::components::form::ErrorBox;
use crate::i18n::{use_texts, CONTENT_LANG};
use leptos::prelude::*;
use leptos_router::components::A;

/// The home page.
#[component]
pub fn HomePage() -> impl IntoView {
    let tr = use_texts();
    let home = Resource::new(|| (), |_| get_home());
    view! {
        <Suspense fallback=move || view! { <p>{tr.loading}</p> }>
            {move || Suspend::new(async move {
                match home.await {
                    Ok(h) => view! {
                        <h1 lang=CONTENT_LANG>{h.name}</h1>
                        <section class="question" aria-labelledby="question-heading">
                            <h2 id="question-heading">{tr.home_question}</h2>
                            <p class="question-text" lang=CONTENT_LANG>{h.question}</p>
                        </section>
                        <section aria-labelledby="topics-heading">
                            <h2 id="topics-heading">{tr.home_topics}</h2>
                            {h.can_curate.then(|| view! { <p><A href="/curation">{crate::i18n::use_texts().manage_topics}</A></p> })}
                            <ul class="topics">
                                {h.topics.into_iter().map(|t| view! {
                                    <li class="topic-card" lang=CONTENT_LANG>
                                        <h3><A href=format!("/topics/{}", t.slug)>{t.title}</A></h3>
                                        {(!t.question.is_empty()).then(|| view! { <p class="topic-question">{t.question}</p> })}
                                        <p>{t.description}</p>
                                    </li>
                                }).collect_view()}
                            </ul>
                        </section>
                    }.into_any(),
                    Err(e) => view! { <ErrorBox error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
