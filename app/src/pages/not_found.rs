//! The page for any unknown address, answered with a 404.

use crate::i18n::use_texts;
use leptos::prelude::*;

/// The 404 page.
#[component]
pub fn NotFound() -> impl IntoView {
    let tr = use_texts();
    crate::set_page_status(404);
    view! {
        <h1>{tr.not_found_title}</h1>
        <p>{tr.not_found_body}</p>
        <p><a href="/">{tr.nav_home}</a></p>
    }
}
