//! The browser entry point: hydrates the islands of the server-rendered page.

// The islands are exported by the app crate; naming it links it into this bundle.
use app as _;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    // Leptos' bootstrap hydrates the islands once this returns, in the same turn of the event
    // loop: the mark that tells tests (and styles) the page is live goes on at the next turn.
    leptos::prelude::set_timeout(
        || {
            if let Some(body) = leptos::prelude::document().body() {
                let _ = body.set_attribute("data-hydrated", "");
            }
        },
        std::time::Duration::ZERO,
    );
}
