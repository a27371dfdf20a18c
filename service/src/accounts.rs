//! Accounts and credentials: creating an account, hashing and checking passwords (argon2id,
//! off the async threads), session tokens.

use crate::{internal, Actor, AppState, Conflict, Error, Result};
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, SaltString};
use argon2::{Argon2, PasswordVerifier};
use base64::Engine;
use domain::Role;
use domain::UserId;
use sha2::{Digest, Sha256};
use tokio::sync::Semaphore;

/// A random URL-safe token of 32 bytes.
pub(crate) fn random_token() -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(crate::random_key())
}

/// SHA-256 of a token (or any key that must not be stored as is), hex.
pub fn hash_token(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// A new session token and its stored hash.
pub fn new_session_token() -> (String, String) {
    let token = random_token();
    let hash = hash_token(&token);
    (token, hash)
}

pub(crate) async fn hash_with(hashing: &Semaphore, password: String) -> Result<String> {
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
pub async fn hash_password(st: &AppState, password: &str) -> Result<String> {
    hash_with(&st.hashing, password.to_owned()).await
}

/// Verifies a password against a stored PHC string, or against the dummy hash when there is
/// no account, so both cases take the same time.
pub async fn verify_password(
    st: &AppState,
    stored: Option<String>,
    password: &str,
) -> Result<bool> {
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

/// Creates an account: hashes the password and stores it, refusing a username already taken
/// in any case. The one way accounts are made, from the site, the CLI and the demo.
/// `name_public`: whether the person agreed to be named in the open data and the report.
pub async fn create_account(
    st: &AppState,
    username: &domain::Username,
    display_name: &domain::DisplayName,
    password: &domain::Password,
    role: Role,
    name_public: bool,
) -> Result<storage::users::UserRow> {
    // One writing system per name (digits and `._-` go with any): "pаul" with a Cyrillic "а"
    // would otherwise sit beside "paul" and pass for it.
    if !unicode_security::MixedScript::is_single_script(username.as_str()) {
        return Err(domain::AccountError::UsernameMixedScripts.into());
    }
    let hash = hash_password(st, password.expose()).await?;
    let created = storage::users::create_user(
        &st.db,
        &storage::users::NewUser {
            username: username.as_str(),
            username_key: &username.key(),
            username_skeleton: &skeleton(username.as_str()),
            display_name: display_name.as_str(),
            password_hash: &hash,
            role,
            name_public,
        },
    )
    .await;
    match created {
        Ok(user) => Ok(user),
        // The same name (in any case) is "taken"; another that only looks like it is a
        // look-alike.
        Err(storage::StorageError::Conflict(storage::users::SKELETON_UNIQUE))
            if storage::users::find_user_by_key(&st.db, &username.key())
                .await?
                .is_none() =>
        {
            Err(Error::Conflict(Conflict::UsernameLookalike))
        }
        Err(storage::StorageError::Conflict(_)) => Err(Error::Conflict(Conflict::UsernameTaken)),
        Err(other) => Err(other.into()),
    }
}

/// Records whether the signed-in caller agrees to be named in the open data, the read API and
/// the report (their own choice: any signed-in person, for their own account only).
pub async fn set_name_public(db: &storage::Db, actor: Option<Actor>, public: bool) -> Result<()> {
    let me = crate::signed_in(actor)?;
    if storage::users::set_name_public(db, me.id, public).await? {
        Ok(())
    } else {
        Err(Error::NotFound)
    }
}

/// A username's confusable skeleton (UTS #39), lower-cased first: "Martin", "rnartin" and a
/// Cyrillic "Маrtin" share one, so only the first of them can be registered.
pub fn skeleton(username: &str) -> String {
    unicode_security::skeleton(&username.to_lowercase()).collect()
}

/// Stores the skeleton of accounts created before skeletons were (run at startup); returns
/// how many it stored. An account that looks like an older one keeps its name but no
/// skeleton.
pub async fn backfill_skeletons(db: &storage::Db) -> Result<usize> {
    let mut stored = 0;
    for (id, name) in storage::users::without_skeleton(db).await? {
        if storage::users::set_skeleton(db, id, &skeleton(&name)).await? {
            stored += 1;
        } else {
            tracing::warn!("account {id} ({name}) looks like an older account's name");
        }
    }
    Ok(stored)
}

/// The signed-in account of a request.
#[derive(Clone, Debug)]
pub struct CurrentUser {
    /// Account id.
    pub id: domain::UserId,
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
    /// Whether they agreed to be named in the open data, the API and the report.
    pub name_public: bool,
}

impl CurrentUser {
    /// The person the use cases act for.
    pub fn actor(&self) -> crate::Actor {
        crate::Actor {
            id: self.id,
            role: self.role,
            registered_at: self.created_at,
        }
    }
}

/// The account of a live session token; `None` without a token or a live session. Suspended
/// accounts have no live session (suspension deletes them), and are refused here too in case
/// one is created concurrently. Marks the session used at most once a minute.
pub async fn session_user(st: &AppState, token: Option<&str>) -> Result<Option<CurrentUser>> {
    let Some(token) = token else {
        return Ok(None);
    };
    let token_hash = hash_token(token);
    let now = storage::now_ms();
    let Some(row) =
        storage::sessions::find_session(&st.db, &token_hash, now, st.auth.idle_timeout_ms).await?
    else {
        return Ok(None);
    };
    if domain::moderation::is_suspended(row.suspended, row.suspended_until, now) {
        return Err(Error::Suspended);
    }
    if now - row.last_seen_at > 60_000 {
        storage::sessions::touch_session(&st.db, &token_hash, now).await?;
    }
    let role = row
        .role
        .parse()
        .map_err(|_| internal(format!("users.role holds {:?}", row.role)))?;
    Ok(Some(CurrentUser {
        id: row.user_id,
        username: row.username,
        display_name: row.display_name,
        role,
        token_hash,
        created_at: row.created_at,
        name_public: row.name_public,
    }))
}

/// Everything the platform holds about one person (the RGPD access right), as JSON values;
/// ballots are not in it: nothing links them to anyone.
pub async fn my_data(db: &storage::Db, user_id: UserId) -> Result<storage::privacy::MyData> {
    Ok(storage::privacy::my_data(db, user_id).await?)
}

/// Checks a username and password, and answers the account's id. An unknown or malformed
/// username costs the same hashing work as a wrong password and gets the same answer; an
/// over-long password is refused before any hashing; a suspended account is refused after.
pub async fn sign_in(st: &AppState, username: &str, password: &str) -> Result<UserId> {
    if password.chars().count() > domain::account::PASSWORD_MAX {
        return Err(Error::BadCredentials);
    }
    // A malformed username may hold bytes (NUL) a database refuses: it names no account.
    let row = match domain::Username::parse(username) {
        Ok(name) => storage::users::find_user_by_key(&st.db, &name.key()).await?,
        Err(_) => None,
    };
    let ok = verify_password(st, row.as_ref().map(|r| r.password_hash.clone()), password).await?;
    let Some(row) = row.filter(|_| ok) else {
        return Err(Error::BadCredentials);
    };
    if row.is_suspended(storage::now_ms()) {
        let (logged, appealed) = storage::users::latest_suspension(&st.db, row.id)
            .await?
            .unwrap_or_default();
        let (_, reason) = domain::moderation::read_suspension_reason(&logged);
        return Err(Error::SuspendedAccount(crate::SuspensionNotice {
            user_id: row.id,
            until: row.suspended_until,
            reason: reason.to_owned(),
            appealed,
        }));
    }
    Ok(row.id)
}

/// A suspended person's appeal of their suspension, for the moderators (logged, once per
/// suspension). They cannot sign in, so the appeal carries their username and password,
/// checked under the same limits as signing in; an account that is not suspended has nothing
/// to appeal ([`Error::Forbidden`]: it can simply sign in).
pub async fn appeal_suspension(
    st: &AppState,
    username: &str,
    password: &str,
    text: &str,
    address_key: Option<String>,
) -> Result<()> {
    use domain::moderation::ModerationError;
    let text = domain::moderation::parse_note(text, true)?;
    let notice = match sign_in_limited(st, username, password, address_key).await {
        Err(Error::SuspendedAccount(notice)) => notice,
        Ok(_) => return Err(Error::Forbidden),
        Err(other) => return Err(other),
    };
    // Whether this suspension was already appealed is checked in the write's transaction.
    if !storage::users::appeal_suspension(&st.db, notice.user_id, &text).await? {
        return Err(ModerationError::AlreadyAppealed.into());
    }
    Ok(())
}

/// [`sign_in`] under the login limits, which count failures only. An address that failed too
/// often (on any accounts, or on this one) is refused for the rest of the window; an account
/// that failed too often from everywhere answers more and more slowly
/// ([`domain::rate::login_delay_ms`]) but is never locked: its owner, with the right
/// password, gets in from any address that has not itself been guessing.
pub async fn sign_in_limited(
    st: &AppState,
    username: &str,
    password: &str,
    address_key: Option<String>,
) -> Result<UserId> {
    use domain::rate::Action;
    let db = &st.db;
    let now = storage::now_ms();
    let account = hash_token(&username.trim().to_lowercase());
    let per_account = Action::Login
        .per_account()
        .unwrap_or(Action::Login.per_address());
    let per_address = Action::Login.per_address();
    // Hashed: an address key never sits next to the account it tried.
    let pair = hash_token(&format!(
        "{account}|{}",
        address_key.as_deref().unwrap_or("")
    ));
    // Refused for the window: this address failed too often, on this account or on any.
    let mut refusing = vec![("login_fail:pair", pair, per_account)];
    if let Some(address) = address_key {
        refusing.push(("login_fail:address", address, per_address));
    }
    for (bucket, key, limit) in &refusing {
        let failures =
            storage::rate_limits::count(db, bucket, key, limit.window_start(now)).await?;
        if !limit.allows(failures + 1) {
            return Err(Error::RateLimited {
                retry_after_secs: limit.retry_after_secs(now),
            });
        }
    }
    // Slowed, never refused: the account itself, whoever guesses.
    let slowing = ("login_fail:account", account, per_account);
    let failures =
        storage::rate_limits::count(db, slowing.0, &slowing.1, per_account.window_start(now))
            .await?;
    let delay = domain::rate::login_delay_ms(failures, per_account);
    if delay > 0 {
        tokio::time::sleep(std::time::Duration::from_millis(delay)).await;
    }
    let outcome = sign_in(st, username, password).await;
    if matches!(outcome, Err(Error::BadCredentials)) {
        for (bucket, key, limit) in refusing.iter().chain([&slowing]) {
            storage::rate_limits::hit(db, bucket, key, limit.window_start(now)).await?;
        }
    }
    outcome
}

/// Ends a session on the server (sign-out, or a token replaced at sign-in).
pub async fn end_session(db: &storage::Db, token_hash: &str) -> Result<()> {
    Ok(storage::sessions::delete_session(db, token_hash).await?)
}

/// The caller's password, checked again before a sensitive change.
async fn confirm_password(st: &AppState, user_id: UserId, password: &str) -> Result<()> {
    let row = storage::users::find_user(&st.db, user_id).await?;
    if password.chars().count() > domain::account::PASSWORD_MAX
        || !verify_password(st, Some(row.password_hash), password).await?
    {
        return Err(Error::WrongPassword);
    }
    Ok(())
}

/// Deletes the actor's own account once their password is confirmed: sessions end, login,
/// name and password are erased; proposals, comments, supports and ballots stay, signed
/// "compte supprimé". Never the last organiser's.
pub async fn delete_own_account(st: &AppState, actor: Option<Actor>, password: &str) -> Result<()> {
    let me = crate::signed_in(actor)?;
    confirm_password(st, me.id, password).await?;
    if me.role == domain::Role::Organiser && storage::privacy::organisers(&st.db).await? <= 1 {
        return Err(Error::Conflict(Conflict::LastOrganiser));
    }
    Ok(storage::privacy::delete_account(&st.db, me.id, Some(me.id)).await?)
}

/// Changes the actor's password: every session of the account ends, and the new session's
/// token (for this device's cookie) is returned.
pub async fn change_password(
    st: &AppState,
    actor: Option<Actor>,
    current: &str,
    new: &str,
) -> Result<String> {
    let me = crate::signed_in(actor)?;
    let new = domain::Password::parse(new)?;
    confirm_password(st, me.id, current).await?;
    let hash = hash_password(st, new.expose()).await?;
    let (token, token_hash) = new_session_token();
    let now = storage::now_ms();
    let session = storage::sessions::NewSession {
        token_hash: &token_hash,
        user_id: me.id,
        now,
        expires_at: now + st.auth.absolute_timeout_ms,
    };
    storage::users::change_password(&st.db, me.id, &hash, &session).await?;
    Ok(token)
}

/// Opens a session for `user_id` and answers its token, for the cookie.
pub async fn open_session(st: &AppState, user_id: UserId) -> Result<String> {
    let (token, token_hash) = new_session_token();
    let now = storage::now_ms();
    let session = storage::sessions::NewSession {
        token_hash: &token_hash,
        user_id,
        now,
        expires_at: now + st.auth.absolute_timeout_ms,
    };
    storage::sessions::create_session(&st.db, &session).await?;
    Ok(token)
}

/// Counts one `action` for `account` (an account id, or a username for sign-ins) and for the
/// client address (its [`domain::rate::address_key`]), and refuses with
/// [`Error::RateLimited`] once either is past its limit.
pub async fn check_rate(
    db: &storage::Db,
    action: domain::rate::Action,
    account: Option<&str>,
    address_key: Option<String>,
) -> Result<()> {
    let now = storage::now_ms();
    let mut checks = Vec::with_capacity(2);
    if let (Some(limit), Some(key)) = (action.per_account(), account) {
        // Hashed: a username may hold bytes (NUL) a database refuses, and none is stored.
        checks.push((
            format!("{}:account", action.as_str()),
            hash_token(key),
            limit,
        ));
    }
    if let Some(key) = address_key {
        checks.push((
            format!("{}:address", action.as_str()),
            key,
            action.per_address(),
        ));
    }
    for (bucket, key, limit) in checks {
        count_hit(db, &bucket, &key, limit, now).await?;
    }
    Ok(())
}

/// Counts one hit of `key` in `bucket`'s current window of `limit`; [`Error::RateLimited`]
/// once the window is full.
pub(crate) async fn count_hit(
    db: &storage::Db,
    bucket: &str,
    key: &str,
    limit: domain::rate::Limit,
    now: i64,
) -> Result<()> {
    let count = storage::rate_limits::hit(db, bucket, key, limit.window_start(now)).await?;
    if limit.allows(count) {
        Ok(())
    } else {
        Err(Error::RateLimited {
            retry_after_secs: limit.retry_after_secs(now),
        })
    }
}
