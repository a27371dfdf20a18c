//! Server-side plumbing for server functions: state, the signed-in user, sessions, passwords.
//! Only compiled with the `ssr` feature.

use crate::error::AppError;
use crate::i18n::Locale;
pub use crate::request::{client_address, cookie_value, locale_of, session_cookie, LANG_COOKIE};
use http::header::SET_COOKIE;
use http::request::Parts;
use http::HeaderValue;
use leptos::prelude::*;
use leptos_axum::ResponseOptions;
use service::accounts::hash_token;

pub use service::{random_key, AppState, AuthConfig};

/// The state provided to every server function and page render.
pub fn state() -> Result<AppState, AppError> {
    if let Some(state) = use_context::<AppState>() {
        return Ok(state);
    }
    match use_context::<Parts>() {
        Some(p) => Err(internal(format!(
            "AppState missing from context ({} {})",
            p.method,
            p.uri.path()
        ))),
        // No request either: a resource re-ran after its render's owner was gone. Resources
        // whose fetcher runs through `RequestContext::run` never get here.
        None => Err(internal("a server function ran outside any request")),
    }
}

/// The request's contexts (state and request parts), taken when a resource is created, to be
/// given back to each run of its fetcher.
///
/// Leptos may run a resource again during server rendering after the owner that carried the
/// request's contexts is gone (the comment thread's, nested in a page's `Suspend`). Without its
/// contexts that run failed, and its error, not the value the page was rendered with, was the
/// one sent to the browser: hydration then met an error box where the page had comments, and
/// the page's script stopped (lost clicks in the browser tests). With the contexts given back,
/// the run answers what the first one did.
#[derive(Clone)]
pub struct RequestContext(Option<AppState>, Option<Parts>);

impl RequestContext {
    /// The contexts of the current render.
    pub fn capture() -> Self {
        Self(use_context::<AppState>(), use_context::<Parts>())
    }

    /// Runs `make`'s future under an owner that provides the captured contexts.
    pub fn run<F: std::future::Future>(
        &self,
        make: impl FnOnce() -> F,
    ) -> leptos::reactive::computed::ScopedFuture<F> {
        let owner = Owner::new();
        owner.with(|| {
            if let Some(st) = self.0.clone() {
                provide_context(st);
            }
            if let Some(parts) = self.1.clone() {
                provide_context(parts);
            }
            leptos::reactive::computed::ScopedFuture::new(make())
        })
    }
}

/// Logs `cause` with a fresh correlation id and returns the generic error carrying that id.
pub fn internal(cause: impl std::fmt::Display) -> AppError {
    service::internal(cause).into()
}

impl From<service::Error> for AppError {
    fn from(e: service::Error) -> Self {
        use service::{Conflict, Error as E, Invalid};
        match e {
            E::NotFound => AppError::NotFound,
            E::Unauthenticated => AppError::Unauthenticated,
            E::Forbidden => AppError::Forbidden,
            E::Suspended => AppError::Suspended,
            E::SuspendedAccount(n) => AppError::SuspendedAccount {
                until: n.until,
                reason: n.reason,
                appealed: n.appealed,
            },
            E::Invalid(Invalid::Account(e)) => AppError::Invalid(e),
            E::Invalid(Invalid::Round(e)) | E::Conflict(Conflict::Round(e)) => AppError::Round(e),
            E::Invalid(Invalid::Report(e)) => AppError::Report(e),
            E::Invalid(Invalid::Moderation(e)) => AppError::Moderation(e),
            E::Invalid(Invalid::Topic(e)) => AppError::Topic(e),
            E::Invalid(Invalid::Comment(e)) => AppError::Comment(e),
            E::Conflict(Conflict::UsernameTaken) => AppError::UsernameTaken,
            E::Conflict(Conflict::UsernameLookalike) => AppError::UsernameLookalike,
            E::Conflict(Conflict::OwnAccount) => AppError::OwnAccount,
            E::Conflict(Conflict::LastOrganiser) => AppError::LastOrganiser,
            E::Conflict(Conflict::Stale) => AppError::Stale,
            E::Conflict(Conflict::Closed) => AppError::Closed,
            E::Conflict(Conflict::TopicClosed) => AppError::TopicClosed,
            E::Conflict(Conflict::TooManyCoauthors) => AppError::BadRequest,
            E::Invalid(Invalid::Proposal(e)) => AppError::Proposal(e),
            E::BadCredentials => AppError::BadCredentials,
            E::WrongPassword => AppError::WrongCurrentPassword,
            E::RateLimited { retry_after_secs } => AppError::RateLimited { retry_after_secs },
            E::Internal { reference } => AppError::Internal { reference },
        }
    }
}

/// The locale of the request being rendered.
pub fn request_locale() -> Locale {
    use_context::<Parts>()
        .map(|p| locale_of(&p.headers))
        .unwrap_or_default()
}

/// Counts one `action` for `account` (an account id, or a username for logins) and for the
/// client address, and refuses with [`AppError::RateLimited`] once either is past its limit.
pub async fn check_rate(
    action: domain::rate::Action,
    account: Option<&str>,
) -> Result<(), AppError> {
    let st = state()?;
    Ok(service::accounts::check_rate(&st.db, action, account, address_key(&st)).await?)
}

/// The key the request's client address is counted under, when the address is known.
pub fn address_key(st: &AppState) -> Option<String> {
    use_context::<Parts>()
        .and_then(|p| client_address(&p, st.auth.trust_proxy))
        .map(domain::rate::address_key)
}

pub use service::accounts::CurrentUser;

/// The signed-in account, from the session cookie; `None` when there is no live session.
/// Suspended accounts have no live session (suspension deletes them), and are refused here
/// too in case one is created concurrently.
pub async fn current_user() -> Result<Option<CurrentUser>, AppError> {
    let Some(parts) = use_context::<Parts>() else {
        return Ok(None);
    };
    session_user(&state()?, &parts.headers).await
}

/// The signed-in account of a request with these headers, for handlers outside Leptos (file
/// downloads); see [`current_user`].
pub async fn session_user(
    st: &AppState,
    headers: &http::HeaderMap,
) -> Result<Option<CurrentUser>, AppError> {
    let token = crate::request::session_token(headers, st.auth.secure_cookies);
    Ok(service::accounts::session_user(st, token.as_deref()).await?)
}

/// The signed-in account, or [`AppError::Unauthenticated`].
pub async fn require_user() -> Result<CurrentUser, AppError> {
    current_user().await?.ok_or(AppError::Unauthenticated)
}

/// Sets the session cookie on the response.
pub fn set_session_cookie(token: &str, auth: &AuthConfig) {
    let max_age = auth.absolute_timeout_ms / 1000;
    let secure = if auth.secure_cookies { "; Secure" } else { "" };
    let name = session_cookie(auth.secure_cookies);
    let cookie =
        format!("{name}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}");
    append_cookie(&cookie);
}

/// Removes the session cookie from the browser.
pub fn clear_session_cookie(auth: &AuthConfig) {
    let secure = if auth.secure_cookies { "; Secure" } else { "" };
    let name = session_cookie(auth.secure_cookies);
    append_cookie(&format!(
        "{name}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"
    ));
}

fn append_cookie(cookie: &str) {
    if let (Some(res), Ok(value)) = (
        use_context::<ResponseOptions>(),
        HeaderValue::from_str(cookie),
    ) {
        res.append_header(SET_COOKIE, value);
    }
}

/// Opens a session for `user_id` and sets its cookie.
pub async fn open_session(st: &AppState, user_id: domain::UserId) -> Result<(), AppError> {
    let token = service::accounts::open_session(st, user_id).await?;
    set_session_cookie(&token, &st.auth);
    Ok(())
}

/// Sends the browser to `path` after a successful action: a 302 for a plain form post, a
/// client-side navigation when the page has hydrated.
pub fn redirect(path: &str) {
    leptos_axum::redirect(path);
}

/// The stored hash of the session token the request carries, live or not.
pub fn current_token_hash() -> Option<String> {
    let parts = use_context::<Parts>()?;
    let secure = state().ok()?.auth.secure_cookies;
    crate::request::session_token(&parts.headers, secure).map(|t| hash_token(&t))
}

/// The acting person of this request, for the service layer.
pub fn actor(user: Option<&CurrentUser>) -> Option<service::Actor> {
    user.map(CurrentUser::actor)
}

/// Whether a checkbox was ticked: browsers send its value ("on" unless the form sets one) or
/// nothing at all; scripts may send "false".
pub fn ticked(value: Option<&str>) -> bool {
    value.is_some_and(|v| v != "false" && v != "off")
}
