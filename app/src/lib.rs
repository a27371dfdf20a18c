//! The Convention web application: pages, components and server functions, rendered on the
//! server; only its islands (the parts JavaScript improves) are hydrated in the browser.

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
    moderation::{AuditPage, ModerationPage, PersonPage, SuspendedPage},
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
use leptos_meta::{provide_meta_context, Link, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes, A},
    path, SsrMode,
};

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let locale = initial_locale();
    view! {
        <!DOCTYPE html>
        <html lang=locale.tag()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                // In the shell, not the app: its address names the site's build (see the
                // server's static files), which only the server knows.
                <link rel="stylesheet" id="leptos" href=format!("/{}/convention.css", options.site_pkg_dir)/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options islands=true/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The locale of this page: chosen from the request on the server. (The browser branch reads
/// `<html lang>`; no page is hydrated any more, islands take the locale as a prop.)
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

/// The forms that change who is signed in, for the pages and the header that show them (each
/// form posts to its server function, which sends the browser on to the next page).
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
    let user = Resource::new(|| (), |_| get_session_user());
    provide_context(CurrentUser(user));
    view! {
        <Link rel="icon" href="/favicon.svg" type_="image/svg+xml"/>
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
                    <Route path=path!("/moderation/people/:id") view=PersonPage ssr=SsrMode::Async/>
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
