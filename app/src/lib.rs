//! The Convention web application: pages, components and server functions, rendered on the
//! server and hydrated in the browser.

pub mod api;
pub mod components;
pub mod error;
pub mod i18n;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod request;
#[cfg(feature = "ssr")]
pub mod server;

use crate::api::auth::{
    get_session_user, ChangePassword, DeleteAccount, Login, Logout, Register, SessionUser,
};
use crate::components::header::SiteHeader;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::pages::{
    account::AccountPage,
    admin_users::AdminUsersPage,
    curation::{CurationPage, EditTopicPage, NewTopicPage, SettingsPage},
    home::HomePage,
    login::LoginPage,
    moderation::{AuditPage, ModerationPage, SuspendedPage},
    not_found::NotFound,
    open_data::OpenDataPage,
    proposal::{EditProposalPage, NewProposalPage, ProposalHistoryPage, ProposalPage},
    register::RegisterPage,
    report::{ReportAdminPage, ReportPage},
    rounds::{EditRoundPage, NewRoundPage, ResultsPage, RoundPage, RoundsPage},
    search::SearchPage,
    topic::TopicPage,
};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::{
    components::{Route, Router, Routes, A},
    path, SsrMode,
};

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let locale = initial_locale();
    #[cfg(feature = "ssr")]
    content_security_policy();
    view! {
        <!DOCTYPE html>
        <html lang=locale.tag()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// Sends this page's Content-Security-Policy with the nonce leptos_axum drew for its inline
/// scripts (the server's other answers get [`domain::csp::OTHER`]).
#[cfg(feature = "ssr")]
fn content_security_policy() {
    use axum::http::{header, HeaderValue};
    let (Some(nonce), Some(res)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    if let Ok(v) = HeaderValue::from_str(&domain::csp::page(&nonce)) {
        res.insert_header(header::CONTENT_SECURITY_POLICY, v);
    }
}

/// The locale of this page: chosen from the request on the server, read back from
/// `<html lang>` in the browser so that hydration renders the same text.
fn initial_locale() -> Locale {
    #[cfg(feature = "ssr")]
    {
        crate::server::request_locale()
    }
    #[cfg(not(feature = "ssr"))]
    {
        document()
            .document_element()
            .and_then(|e| e.get_attribute("lang"))
            .and_then(|t| Locale::from_tag(&t))
            .unwrap_or_default()
    }
}

/// The actions that change who is signed in; the current-user resource refetches after each.
#[derive(Clone, Copy)]
pub struct AuthActions {
    /// Sign in.
    pub login: ServerAction<Login>,
    /// Create an account.
    pub register: ServerAction<Register>,
    /// Sign out.
    pub logout: ServerAction<Logout>,
    /// Change password.
    pub change_password: ServerAction<ChangePassword>,
    /// Delete one's own account.
    pub delete_account: ServerAction<DeleteAccount>,
}

/// The signed-in user, for the header only: a page that needs the user loads its own resource
/// (one resource read under two Suspense boundaries can stall SSR, leptos-rs/leptos#4851).
#[derive(Clone, Copy)]
pub struct CurrentUser(pub Resource<Result<Option<SessionUser>, AppError>>);

/// The application: header, routes, footer.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let locale = initial_locale();
    provide_context(locale);
    let tr = locale.texts();

    let actions = AuthActions {
        login: ServerAction::new(),
        register: ServerAction::new(),
        logout: ServerAction::new(),
        change_password: ServerAction::new(),
        delete_account: ServerAction::new(),
    };
    provide_context(actions);
    let user = Resource::new(
        move || {
            (
                actions.login.version().get(),
                actions.register.version().get(),
                actions.logout.version().get(),
                actions.change_password.version().get(),
                actions.delete_account.version().get(),
            )
        },
        |_| get_session_user(),
    );
    provide_context(CurrentUser(user));
    // Effects run only in the browser, after hydration: the mark tells tests (and styles)
    // that the page is live.
    Effect::new(|_| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "");
        }
    });

    view! {
        <Stylesheet id="leptos" href="/pkg/convention.css"/>
        <Title text=tr.site_name/>
        <Router>
            <a class="skip-link" href="#main">{tr.skip_link}</a>
            <SiteHeader/>
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/topics/:slug") view=TopicPage ssr=SsrMode::Async/>
                    <Route path=path!("/topics/:slug/new") view=NewProposalPage ssr=SsrMode::Async/>
                    <Route path=path!("/topics/:slug/edit") view=EditTopicPage ssr=SsrMode::Async/>
                    <Route path=path!("/curation") view=CurationPage ssr=SsrMode::Async/>
                    <Route path=path!("/curation/new") view=NewTopicPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/settings") view=SettingsPage ssr=SsrMode::Async/>
                    <Route path=path!("/moderation/users") view=SuspendedPage ssr=SsrMode::Async/>
                    <Route path=path!("/proposals/:id") view=ProposalPage ssr=SsrMode::Async/>
                    <Route path=path!("/proposals/:id/edit") view=EditProposalPage ssr=SsrMode::Async/>
                    <Route path=path!("/proposals/:id/history") view=ProposalHistoryPage ssr=SsrMode::Async/>
                    <Route path=path!("/register") view=RegisterPage ssr=SsrMode::Async/>
                    <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async/>
                    <Route path=path!("/account") view=AccountPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/users") view=AdminUsersPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/audit") view=AuditPage ssr=SsrMode::Async/>
                    <Route path=path!("/moderation") view=ModerationPage ssr=SsrMode::Async/>
                    <Route path=path!("/search") view=SearchPage ssr=SsrMode::Async/>
                    <Route path=path!("/rounds") view=RoundsPage ssr=SsrMode::Async/>
                    <Route path=path!("/rounds/new") view=NewRoundPage ssr=SsrMode::Async/>
                    <Route path=path!("/rounds/:id") view=RoundPage ssr=SsrMode::Async/>
                    <Route path=path!("/rounds/:id/edit") view=EditRoundPage ssr=SsrMode::Async/>
                    <Route path=path!("/rounds/:id/results") view=ResultsPage ssr=SsrMode::Async/>
                    <Route path=path!("/report") view=ReportPage ssr=SsrMode::Async/>
                    <Route path=path!("/open-data") view=OpenDataPage/>
                    <Route path=path!("/admin/report") view=ReportAdminPage ssr=SsrMode::Async/>
                </Routes>
            </main>
            <footer class="site-footer">
                <p>{tr.footer}</p>
                <p><A href="/open-data">{locale.texts().open_data}</A></p>
            </footer>
        </Router>
    }
}

/// Sets the HTTP status of the page being rendered on the server; nothing in the browser.
pub fn set_page_status(_code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(res), Ok(code)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(_code),
    ) {
        res.set_status(code);
    }
}
