//! Registration, sign-in, sign-out and password change.

use crate::error::AppError;
use domain::UserId;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::server::{self, state};

/// The signed-in person, as the UI needs them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionUser {
    /// Account id.
    pub id: UserId,
    /// Username.
    pub username: String,
    /// Display name.
    pub display_name: String,
    /// Role.
    pub role: domain::Role,
    /// Whether they agreed to be named in the open data, the API and the report.
    pub name_public: bool,
}

/// Who is signed in on this request, if anyone.
#[server(prefix = "/api", endpoint = "session")]
pub async fn get_session_user() -> Result<Option<SessionUser>, AppError> {
    let user = server::current_user().await?;
    Ok(user.map(|u| SessionUser {
        id: u.id,
        username: u.username,
        display_name: u.display_name,
        role: u.role,
        name_public: u.name_public,
    }))
}

/// Creates a citizen account and signs it in. `name_public` (a checkbox, absent when
/// unticked): whether they agree to be named in the open data and the report.
#[server(prefix = "/api", endpoint = "register")]
pub async fn register(
    username: String,
    display_name: String,
    password: String,
    #[server(default)] name_public: Option<String>,
) -> Result<(), AppError> {
    use domain::{DisplayName, Password, Role, Username};
    server::check_rate(domain::rate::Action::Register, None).await?;
    let username = Username::parse(&username)?;
    let display_name = DisplayName::parse(&display_name)?;
    let password = Password::parse(&password)?;
    let st = state()?;
    let user = service::accounts::create_account(
        &st,
        &username,
        &display_name,
        &password,
        Role::Citizen,
        server::ticked(name_public.as_deref()),
    )
    .await?;
    server::open_session(&st, user.id).await?;
    server::redirect("/");
    Ok(())
}

/// Records whether the caller agrees to be named in the open data, the read API and the
/// report (`name_public`: a checkbox, absent when unticked). Their own account only.
#[server(prefix = "/api", endpoint = "set_name_public")]
pub async fn set_name_public(
    #[server(default)] name_public: Option<String>,
) -> Result<(), AppError> {
    let user = server::require_user().await?;
    let st = state()?;
    service::accounts::set_name_public(
        &st.db,
        Some(user.actor()),
        server::ticked(name_public.as_deref()),
    )
    .await?;
    server::redirect("/account");
    Ok(())
}

/// Signs in. An unknown username and a wrong password give the same answer in the same time.
#[server(prefix = "/api", endpoint = "login")]
pub async fn login(username: String, password: String) -> Result<(), AppError> {
    let st = state()?;
    let address = server::address_key(&st);
    let user_id = service::accounts::sign_in_limited(&st, &username, &password, address).await?;
    // A fresh token on every sign-in: a token planted before sign-in is never promoted.
    if let Some(old) = server::current_token_hash() {
        service::accounts::end_session(&st.db, &old).await?;
    }
    server::open_session(&st, user_id).await?;
    server::redirect("/");
    Ok(())
}

/// A suspended person's appeal of their suspension (see
/// [`service::accounts::appeal_suspension`]): they cannot sign in, so they give their username
/// and password again with their words.
#[server(prefix = "/api", endpoint = "appeal_suspension")]
pub async fn appeal_suspension(
    username: String,
    password: String,
    text: String,
) -> Result<(), AppError> {
    let st = state()?;
    let address = server::address_key(&st);
    service::accounts::appeal_suspension(&st, &username, &password, &text, address).await?;
    Ok(())
}

/// Signs out: the session is deleted on the server, not only forgotten by the browser.
#[server(prefix = "/api", endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    let st = state()?;
    if let Some(hash) = server::current_token_hash() {
        service::accounts::end_session(&st.db, &hash).await?;
    }
    server::clear_session_cookie(&st.auth);
    server::redirect("/");
    Ok(())
}

/// Deletes the caller's own account once their password is confirmed (see
/// [`service::accounts::delete_own_account`]). Any signed-in person, for their own account.
#[server(prefix = "/api", endpoint = "delete_account")]
pub async fn delete_account(password: String) -> Result<(), AppError> {
    let user = server::require_user().await?;
    server::check_rate(
        domain::rate::Action::AccountDeletion,
        Some(&user.id.to_string()),
    )
    .await?;
    let st = state()?;
    service::accounts::delete_own_account(&st, Some(user.actor()), &password).await?;
    server::clear_session_cookie(&st.auth);
    server::redirect("/");
    Ok(())
}

/// Changes the password; every session of the account ends and this device gets a new one.
#[server(prefix = "/api", endpoint = "change_password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
) -> Result<(), AppError> {
    let user = server::require_user().await?;
    // A new password that cannot be used is refused before it counts: only attempts that cost
    // a hash are limited.
    domain::Password::parse(&new_password)?;
    server::check_rate(
        domain::rate::Action::PasswordChange,
        Some(&user.id.to_string()),
    )
    .await?;
    let st = state()?;
    let token = service::accounts::change_password(
        &st,
        Some(user.actor()),
        &current_password,
        &new_password,
    )
    .await?;
    server::set_session_cookie(&token, &st.auth);
    server::redirect("/account?changed=1");
    Ok(())
}
