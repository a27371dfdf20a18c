//! The site header: brand, main navigation (depends on who is signed in) and language switch.

use crate::i18n::{use_locale, Locale};
use crate::{AuthActions, CurrentUser};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

/// The header shown on every page.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let locale = use_locale();
    let tr = locale.texts();
    let user = expect_context::<CurrentUser>().0;
    let logout = expect_context::<AuthActions>().logout;
    let settings_label = locale.texts().settings;
    // Awaited inside `Suspend` rather than read with `.get()`: the latter pattern can stall
    // server rendering when several boundaries share resources (leptos-rs/leptos#4578).
    let signed_in_links = move || {
        Suspend::new(async move {
            match user.await {
                Ok(Some(u)) => {
                    let moderation = u.role.can_moderate().then(|| {
                        view! {
                            <li><A href="/moderation">{tr.nav_moderation}</A></li>
                            <li><A href="/admin/audit">{tr.nav_audit}</A></li>
                        }
                    });
                    let admin = u.role.can_manage_accounts().then(|| {
                        view! {
                            <li><A href="/admin/users">{tr.nav_admin_users}</A></li>
                            <li><A href="/admin/settings">{settings_label}</A></li>
                            <li><A href="/admin/report">{locale.texts().prepare_the_report}</A></li>
                        }
                    });
                    view! {
                    {moderation}
                    {admin}
                    <li><A href="/account">{tr.nav_account}</A></li>
                    <li>
                        <ActionForm action=logout attr:class="inline-form">
                            <button type="submit" class="link-button">{tr.logout_submit}</button>
                        </ActionForm>
                    </li>
                }
                .into_any()
                }
                _ => view! {
                    <li><A href="/login">{tr.nav_login}</A></li>
                    <li><A href="/register">{tr.nav_register}</A></li>
                }
                .into_any(),
            }
        })
    };
    view! {
        <header class="site-header">
            <A href="/" attr:class="brand">{tr.site_name}</A>
            <nav aria-label=tr.nav_label>
                <ul>
                    <li><A href="/">{tr.nav_home}</A></li>
                    <li><A href="/rounds">{locale.texts().votes}</A></li>
                    <li><A href="/report">{locale.texts().report}</A></li>
                    <li><A href="/search">{tr.nav_search}</A></li>
                    <Transition fallback=|| ()>{signed_in_links}</Transition>
                </ul>
            </nav>
            <LangSwitch/>
        </header>
    }
}

/// Links to the other languages. They go through the server (`/lang/{tag}`), which sets the
/// `lang` cookie and comes back to the same page, so they work with or without JavaScript.
#[component]
fn LangSwitch() -> impl IntoView {
    let current = use_locale();
    let location = use_location();
    let links = Locale::ALL
        .into_iter()
        .filter(move |l| *l != current)
        .map(move |l| {
            let href = move || {
                let next = location.pathname.get();
                format!("/lang/{}?next={}", l.tag(), encode_path(&next))
            };
            view! {
                <a href=href rel="external" hreflang=l.tag() lang=l.tag()>{l.native_name()}</a>
            }
        })
        .collect_view();
    view! {
        <div class="lang-switch">
            <span class="visually-hidden">{current.texts().lang_label}" : "</span>
            {links}
        </div>
    }
}

/// Percent-encodes a path for a query value (only what a path can hold that a query cannot).
fn encode_path(path: &str) -> String {
    path.chars()
        .map(|c| match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '/' | '-' | '_' | '.' | '~' => c.to_string(),
            other => {
                let mut buf = [0u8; 4];
                other
                    .encode_utf8(&mut buf)
                    .bytes()
                    .map(|b| format!("%{b:02X}"))
                    .collect()
            }
        })
        .collect()
}
