//! `/topics/{slug}`: one topic of the debate.

use crate::api::convention::get_topic;
use crate::components::form::ErrorBox;
use crate::i18n::{use_texts, CONTENT_LANG};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// A topic's page.
#[component]
pub fn TopicPage() -> impl IntoView {
    let tr = use_texts();
    let params = use_params_map();
    let topic = Resource::new(
        move || params.read().get("slug").unwrap_or_default(),
        get_topic,
    );
    view! {
        <Suspense fallback=move || view! { <p>{tr.loading}</p> }>
            {move || Suspend::new(async move {
                match topic.await {
                    Ok(t) => view! {
                        <p class="breadcrumb"><A href="/">{tr.topic_back}</A></p>
                        <h1 lang=CONTENT_LANG>{t.title}</h1>
                        <p class="lead" lang=CONTENT_LANG>{t.description}</p>
                        <p class="empty">{tr.topic_empty}</p>
                    }.into_any(),
                    Err(e) => view! { <ErrorBox error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
