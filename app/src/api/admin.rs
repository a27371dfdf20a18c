//! Managing accounts: organisers set roles; moderators and organisers suspend and ban.

use crate::error::AppError;
use domain::UserId;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::server::{self, state};

/// One account as listed on /admin/users.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSummary {
    /// Account id.
    pub id: UserId,
    /// Username.
    pub username: String,
    /// Display name.
    pub display_name: String,
    /// Role.
    pub role: domain::Role,
    /// Whether suspended now.
    pub suspended: bool,
    /// When the suspension ends, Unix ms; `None` while suspended is a ban.
    pub suspended_until: Option<i64>,
}

#[cfg(feature = "ssr")]
impl From<service::admin::UserSummary> for UserSummary {
    fn from(u: service::admin::UserSummary) -> Self {
        UserSummary {
            id: u.id,
            username: u.username,
            display_name: u.display_name,
            role: u.role,
            suspended: u.suspended,
            suspended_until: u.suspended_until,
        }
    }
}

/// A page of accounts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserPage {
    /// The accounts, by id.
    pub users: Vec<UserSummary>,
    /// The cursor of the next page, if there is one.
    pub next_after: Option<UserId>,
    /// The caller's own id, whose row offers no actions.
    pub me: UserId,
}

/// Lists accounts after the id `after` (keyset pagination). Organisers only.
#[server(prefix = "/api", endpoint = "admin_list_users")]
pub async fn list_users(after: Option<UserId>) -> Result<UserPage, AppError> {
    let me = server::require_user().await?;
    let page =
        service::admin::list_users(&state()?.db, Some(me.actor()), after.unwrap_or_default())
            .await?;
    Ok(UserPage {
        users: page.users.into_iter().map(UserSummary::from).collect(),
        next_after: page.next_after,
        me: me.id,
    })
}

/// Gives an account a role. Organisers only, and not on their own account (so the last
/// organiser cannot lock everyone out by mistake).
#[server(prefix = "/api", endpoint = "admin_set_role")]
pub async fn set_user_role(user_id: UserId, role: String) -> Result<(), AppError> {
    let me = server::require_user().await?;
    let role: domain::Role = role.parse().map_err(|_| AppError::BadRequest)?;
    Ok(service::admin::set_role(&state()?.db, Some(me.actor()), user_id, role).await?)
}

/// Bans (ending every session at once) or reinstates an account, logged. Organisers only.
#[server(prefix = "/api", endpoint = "admin_set_suspended")]
pub async fn set_user_suspended(user_id: UserId, suspended: bool) -> Result<(), AppError> {
    let me = server::require_user().await?;
    Ok(service::admin::set_banned(&state()?.db, Some(me.actor()), user_id, suspended).await?)
}

/// Suspends an account for `length` days (1 to 365) or bans it (`length` = "ban"), with a
/// reason kept in the moderation log (see [`service::admin::suspend`]); `back` as in
/// [`back_to`].
#[server(prefix = "/api", endpoint = "suspend_user")]
pub async fn suspend_user(
    user_id: UserId,
    length: String,
    reason: Option<String>,
    back: Option<String>,
) -> Result<(), AppError> {
    let me = server::require_user().await?;
    let reason = reason.unwrap_or_default();
    service::admin::suspend(&state()?.db, Some(me.actor()), user_id, &length, &reason).await?;
    leptos_axum::redirect(&back_to(back, user_id));
    Ok(())
}

/// Where a suspension form sends the moderator after acting: back to the person's page when
/// it was sent from there (`back` = "person"), else to the list of suspended accounts.
#[cfg(feature = "ssr")]
fn back_to(back: Option<String>, user_id: UserId) -> String {
    match back.as_deref() {
        Some("person") => format!("/moderation/people/{user_id}"),
        _ => "/moderation/users".to_owned(),
    }
}

/// Lifts a suspension or ban, logged. Moderators for citizens and members; organisers.
#[server(prefix = "/api", endpoint = "reinstate_user")]
pub async fn reinstate_user(user_id: UserId, back: Option<String>) -> Result<(), AppError> {
    let me = server::require_user().await?;
    service::admin::reinstate(&state()?.db, Some(me.actor()), user_id).await?;
    leptos_axum::redirect(&back_to(back, user_id));
    Ok(())
}

/// A suspended account, as moderators see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuspendedDto {
    /// Account id.
    pub id: UserId,
    /// Display name.
    pub display_name: String,
    /// Username.
    pub username: String,
    /// End of the suspension, Unix ms; `None`: banned.
    pub until: Option<i64>,
    /// Whether the person has appealed it.
    pub appealed: bool,
}

/// Accounts suspended or banned now, most recent first (at most 500). Moderators and
/// organisers.
#[server(prefix = "/api", endpoint = "suspended_users")]
pub async fn suspended_users() -> Result<Vec<SuspendedDto>, AppError> {
    let me = server::require_user().await?;
    let rows = service::admin::suspended(&state()?.db, Some(me.actor())).await?;
    Ok(rows
        .into_iter()
        .map(|r| SuspendedDto {
            id: r.id,
            display_name: r.display_name,
            username: r.username,
            until: r.until,
            appealed: r.appealed,
        })
        .collect())
}

/// One person as moderators see them (see [`service::admin::person`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonDto {
    /// The account.
    pub account: UserSummary,
    /// When the account was created, Unix ms.
    pub created_at: i64,
    /// While suspended or banned, the decision's stated reason.
    pub reason: Option<String>,
    /// Whether the reader may suspend, ban or reinstate them.
    pub may_act: bool,
    /// The log's entries about them and what they wrote, newest first.
    pub history: Vec<crate::api::moderation::LogEntry>,
}

/// A person's moderation page: account, state, history. Moderators and organisers.
#[server(prefix = "/api", endpoint = "person")]
pub async fn person(user_id: UserId) -> Result<PersonDto, AppError> {
    let me = server::require_user().await?;
    let p = service::admin::person(&state()?.db, Some(me.actor()), user_id).await?;
    Ok(PersonDto {
        account: p.account.into(),
        created_at: p.created_at,
        reason: p.reason,
        may_act: p.may_act,
        history: crate::api::moderation::log_entries(p.history)?,
    })
}
