//! A box that scrolls sideways on its own, so that a wide table never makes the whole page
//! wider than a phone's screen.

use leptos::prelude::*;

/// Holds a wide table. Named and focusable, so a keyboard can scroll it too (WCAG 2.1.1).
#[component]
pub fn ScrollBox(
    /// What the box holds, for screen readers (the table's caption or the page's subject).
    #[prop(into)]
    label: String,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="scroll-box" role="region" aria-label=label tabindex="0">
            {children()}
        </div>
    }
}
