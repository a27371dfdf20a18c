//! Server-side plumbing for server functions: state, the signed-in user, sessions, passwords.
//! Only compiled with the `ssr` feature.

use crate::error::AppError;
use crate::i18n::Locale;
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, SaltString};
use argon2::{Argon2, PasswordVerifier};
use base64::Engine;
use domain::Role;
use http::header::{ACCEPT_LANGUAGE, COOKIE, SET_COOKIE};
use http::request::Parts;
use http::HeaderValue;
use leptos::prelude::*;
use leptos_axum::ResponseOptions;
use sha2::{Digest, Sha256};
use std::sync::Arc;
use storage::{now_ms, sessions, Db};
use tokio::sync::Semaphore;

/// Settings that shape sessions and cookies.
#[derive(Clone, Debug)]
pub struct AuthConfig {
    /// Whether cookies carry `Secure` (the public origin is https).
    pub secure_cookies: bool,
    /// A session unused this long ends.
    pub idle_timeout_ms: i64,
    /// A session ends this long after sign-in, used or not.
    pub absolute_timeout_ms: i64,
    /// Take the client address from the first `X-Forwarded-For` entry (behind a reverse proxy
    /// or load balancer that sets it); otherwise the peer address is the client's.
    pub trust_proxy: bool,
    /// Read-API requests a client address may make per minute.
    pub api_per_minute: u32,
}

impl Default for AuthConfig {
    fn default() -> Self {
        Self {
            secure_cookies: false,
            idle_timeout_ms: 7 * 24 * 3600 * 1000,
            absolute_timeout_ms: 30 * 24 * 3600 * 1000,
            trust_proxy: false,
            api_per_minute: 600,
        }
    }
}

/// Everything a request needs, shared by all requests; holds no per-user state.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub db: Db,
    /// Session and cookie settings.
    pub auth: Arc<AuthConfig>,
    /// Bounds concurrent password hashing, so a burst of logins cannot exhaust memory
    /// (19 MiB each) or starve the blocking pool.
    pub hashing: Arc<Semaphore>,
    /// A real hash of a random password, verified against when the username is unknown so
    /// that an unknown username costs the same time as a wrong password.
    pub dummy_hash: Arc<str>,
    /// The secret that turns (voter, round) into a ballot's slot. Kept outside the database
    /// (a file, see `convention serve --help`), so the database alone links no voter to a
    /// ballot; every server of one site must share it.
    pub ballot_key: Arc<[u8; 32]>,
}

impl AppState {
    /// Builds the state; computes the dummy hash once (about 25 ms).
    pub async fn new(db: Db, auth: AuthConfig) -> Result<Self, AppError> {
        let permits = std::thread::available_parallelism().map_or(2, |n| n.get());
        let hashing = Arc::new(Semaphore::new(permits));
        let random = SaltString::generate(&mut OsRng);
        let dummy_hash = hash_with(&hashing, random.as_str().to_owned()).await?;
        Ok(Self {
            db,
            auth: Arc::new(auth),
            hashing,
            dummy_hash: dummy_hash.into(),
            ballot_key: Arc::new(random_key()),
        })
    }
}

/// 32 bytes from the operating system's generator.
pub fn random_key() -> [u8; 32] {
    let mut key = [0u8; 32];
    rand::RngCore::fill_bytes(&mut OsRng, &mut key);
    key
}

/// The name of the session cookie.
pub const SESSION_COOKIE: &str = "convention_session";
/// The name of the language cookie.
pub const LANG_COOKIE: &str = "lang";

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
    let reference = uuid::Uuid::new_v4().simple().to_string()[..12].to_owned();
    tracing::error!(reference = %reference, "internal error: {cause}");
    AppError::Internal { reference }
}

impl From<storage::StorageError> for AppError {
    fn from(e: storage::StorageError) -> Self {
        match e {
            storage::StorageError::NotFound => AppError::NotFound,
            other => internal(other),
        }
    }
}

/// A write refused because the row changed meanwhile (an optimistic check failed) is the
/// caller's stale form: 409 with "reload"; anything else maps as usual.
pub fn stale_on_conflict(e: storage::StorageError) -> AppError {
    match e {
        storage::StorageError::Conflict(_) => AppError::Stale,
        other => other.into(),
    }
}

/// A cookie's value from request headers.
pub fn cookie_value(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

/// The locale for this request: the `lang` cookie, else `Accept-Language`, else French.
pub fn locale_of(headers: &http::HeaderMap) -> Locale {
    cookie_value(headers, LANG_COOKIE)
        .and_then(|v| Locale::from_tag(&v))
        .unwrap_or_else(|| {
            headers
                .get(ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .map(Locale::negotiate)
                .unwrap_or_default()
        })
}

/// The locale of the request being rendered.
pub fn request_locale() -> Locale {
    use_context::<Parts>()
        .map(|p| locale_of(&p.headers))
        .unwrap_or_default()
}

/// The client's address: the first `X-Forwarded-For` entry when the proxy is trusted, else the
/// peer address; `None` when neither is known (requests made in-process, as in tests).
pub fn client_address(parts: &Parts, trust_proxy: bool) -> Option<std::net::IpAddr> {
    if trust_proxy {
        let forwarded = parts
            .headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .and_then(|v| v.trim().parse().ok());
        if forwarded.is_some() {
            return forwarded;
        }
    }
    parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip())
}

/// The key an address is counted under: IPv4 as is, IPv6 by its /64 (one household or device
/// holds a whole /64, so counting single addresses would not limit anything).
pub fn address_key(ip: std::net::IpAddr) -> String {
    match ip {
        std::net::IpAddr::V4(v4) => v4.to_string(),
        std::net::IpAddr::V6(v6) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
    }
}

/// Counts one `action` for `account` (an account id, or a username for logins) and for the
/// client address, and refuses with [`AppError::RateLimited`] once either is past its limit.
pub async fn check_rate(
    action: domain::rate::Action,
    account: Option<&str>,
) -> Result<(), AppError> {
    let st = state()?;
    let now = now_ms();
    let address = use_context::<Parts>()
        .and_then(|p| client_address(&p, st.auth.trust_proxy))
        .map(address_key);
    let mut checks = Vec::with_capacity(2);
    if let (Some(limit), Some(key)) = (action.per_account(), account) {
        // Hashed: a username may hold bytes (NUL) a database refuses, and none is stored.
        checks.push((
            format!("{}:account", action.as_str()),
            hash_token(key),
            limit,
        ));
    }
    if let Some(key) = address {
        checks.push((
            format!("{}:address", action.as_str()),
            key,
            action.per_address(),
        ));
    }
    for (bucket, key, limit) in checks {
        let count =
            storage::rate_limits::hit(&st.db, &bucket, &key, limit.window_start(now)).await?;
        if !limit.allows(count) {
            return Err(AppError::RateLimited {
                retry_after_secs: limit.retry_after_secs(now),
            });
        }
    }
    Ok(())
}

/// The signed-in account of the current request.
#[derive(Clone, Debug)]
pub struct CurrentUser {
    /// Account id.
    pub id: i64,
    /// Username.
    pub username: String,
    /// Display name.
    pub display_name: String,
    /// Role, read from the database on this request.
    pub role: Role,
    /// SHA-256 of the session token, hex.
    pub token_hash: String,
    /// When the account was created, Unix ms (young accounts may be pre-moderated).
    pub created_at: i64,
}

fn hash_token(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

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
    let Some(token) = cookie_value(headers, SESSION_COOKIE) else {
        return Ok(None);
    };
    let token_hash = hash_token(&token);
    let now = now_ms();
    let Some(row) =
        sessions::find_session(&st.db, &token_hash, now, st.auth.idle_timeout_ms).await?
    else {
        return Ok(None);
    };
    if domain::moderation::is_suspended(row.suspended, row.suspended_until, now) {
        return Err(AppError::Suspended);
    }
    if now - row.last_seen_at > 60_000 {
        sessions::touch_session(&st.db, &token_hash, now).await?;
    }
    Ok(Some(CurrentUser {
        id: row.user_id,
        username: row.username,
        display_name: row.display_name,
        role: row.role.parse().unwrap_or(Role::Citizen),
        token_hash,
        created_at: row.created_at,
    }))
}

/// The signed-in account, or [`AppError::Unauthenticated`].
pub async fn require_user() -> Result<CurrentUser, AppError> {
    current_user().await?.ok_or(AppError::Unauthenticated)
}

/// The signed-in account if `allowed(role)`, else 401 or 403.
pub async fn require_role(allowed: impl Fn(Role) -> bool) -> Result<CurrentUser, AppError> {
    let user = require_user().await?;
    if allowed(user.role) {
        Ok(user)
    } else {
        Err(AppError::Forbidden)
    }
}

/// A new session token and its stored hash.
pub fn new_session_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::RngCore::fill_bytes(&mut OsRng, &mut bytes);
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let hash = hash_token(&token);
    (token, hash)
}

/// Sets the session cookie on the response.
pub fn set_session_cookie(token: &str, auth: &AuthConfig) {
    let max_age = auth.absolute_timeout_ms / 1000;
    let secure = if auth.secure_cookies { "; Secure" } else { "" };
    let cookie = format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}"
    );
    append_cookie(&cookie);
}

/// Removes the session cookie from the browser.
pub fn clear_session_cookie(auth: &AuthConfig) {
    let secure = if auth.secure_cookies { "; Secure" } else { "" };
    append_cookie(&format!(
        "{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"
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
pub async fn open_session(st: &AppState, user_id: i64) -> Result<(), AppError> {
    let (token, token_hash) = new_session_token();
    let now = now_ms();
    sessions::create_session(
        &st.db,
        &sessions::NewSession {
            token_hash: &token_hash,
            user_id,
            now,
            expires_at: now + st.auth.absolute_timeout_ms,
        },
    )
    .await?;
    set_session_cookie(&token, &st.auth);
    Ok(())
}

async fn hash_with(hashing: &Semaphore, password: String) -> Result<String, AppError> {
    let _permit = hashing.acquire().await.map_err(internal)?;
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
    })
    .await
    .map_err(internal)?
    .map_err(internal)
}

/// Hashes a password with argon2id (m=19456 KiB, t=2, p=1) on the blocking pool.
pub async fn hash_password(st: &AppState, password: &str) -> Result<String, AppError> {
    hash_with(&st.hashing, password.to_owned()).await
}

/// Verifies a password against a stored PHC string, or against the dummy hash when there is
/// no account, so both cases take the same time.
pub async fn verify_password(
    st: &AppState,
    stored: Option<String>,
    password: &str,
) -> Result<bool, AppError> {
    let known = stored.is_some();
    let hash = stored.unwrap_or_else(|| st.dummy_hash.to_string());
    let password = password.to_owned();
    let _permit = st.hashing.acquire().await.map_err(internal)?;
    let ok = tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .map_err(internal)?;
    Ok(known && ok)
}

/// Sends the browser to `path` after a successful action: a 302 for a plain form post, a
/// client-side navigation when the page has hydrated.
pub fn redirect(path: &str) {
    leptos_axum::redirect(path);
}

/// The stored hash of the session token the request carries, live or not.
pub fn current_token_hash() -> Option<String> {
    let parts = use_context::<Parts>()?;
    cookie_value(&parts.headers, SESSION_COOKIE).map(|t| hash_token(&t))
}

/// Creates an account: hashes the password and stores it, refusing a username already taken
/// in any case. The one way accounts are made, from the site, the CLI and the demo.
pub async fn create_account(
    st: &AppState,
    username: &domain::Username,
    display_name: &domain::DisplayName,
    password: &domain::Password,
    role: Role,
) -> Result<storage::users::UserRow, AppError> {
    let hash = hash_password(st, password.expose()).await?;
    storage::users::create_user(
        &st.db,
        &storage::users::NewUser {
            username: username.as_str(),
            username_key: &username.key(),
            display_name: display_name.as_str(),
            password_hash: &hash,
            role,
        },
    )
    .await
    .map_err(|e| match e {
        storage::StorageError::Conflict(_) => AppError::UsernameTaken,
        other => other.into(),
    })
}
