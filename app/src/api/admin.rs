//! Managing accounts: organisers set roles; moderators and organisers suspend and ban.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::server::{self, state};

/// One account as listed on /admin/users.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSummary {
    /// Account id.
    pub id: i64,
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

/// A page of accounts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserPage {
    /// The accounts, by id.
    pub users: Vec<UserSummary>,
    /// The cursor of the next page, if there is one.
    pub next_after: Option<i64>,
    /// The caller's own id, whose row offers no actions.
    pub me: i64,
}

/// Accounts shown per page.
pub const USERS_PER_PAGE: i64 = 100;

/// Lists accounts after the id `after` (keyset pagination). Organisers only.
#[server(prefix = "/api", endpoint = "admin_list_users")]
pub async fn list_users(after: Option<i64>) -> Result<UserPage, AppError> {
    let me = server::require_role(domain::Role::can_manage_accounts).await?;
    let st = state()?;
    let now = storage::now_ms();
    let mut rows =
        storage::users::list_users(&st.db, after.unwrap_or(0), USERS_PER_PAGE + 1).await?;
    let next_after = if rows.len() as i64 > USERS_PER_PAGE {
        rows.truncate(USERS_PER_PAGE as usize);
        rows.last().map(|r| r.id)
    } else {
        None
    };
    Ok(UserPage {
        users: rows
            .into_iter()
            .map(|r| UserSummary {
                suspended: r.is_suspended(now),
                suspended_until: r.suspended_until,
                role: r.role(),
                id: r.id,
                username: r.username,
                display_name: r.display_name,
            })
            .collect(),
        next_after,
        me: me.id,
    })
}

/// Gives an account a role. Organisers only, and not on their own account (so the last
/// organiser cannot lock everyone out by mistake).
#[server(prefix = "/api", endpoint = "admin_set_role")]
pub async fn set_user_role(user_id: i64, role: String) -> Result<(), AppError> {
    let me = server::require_role(domain::Role::can_manage_accounts).await?;
    let role: domain::Role = role.parse().map_err(|_| AppError::BadRequest)?;
    if me.id == user_id {
        return Err(AppError::OwnAccount);
    }
    storage::users::set_role(&state()?.db, user_id, role).await?;
    Ok(())
}

/// Bans (ending every session at once) or reinstates an account, logged. Organisers only.
#[server(prefix = "/api", endpoint = "admin_set_suspended")]
pub async fn set_user_suspended(user_id: i64, suspended: bool) -> Result<(), AppError> {
    use storage::users::Suspension;
    let me = server::require_role(domain::Role::can_manage_accounts).await?;
    if me.id == user_id {
        return Err(AppError::OwnAccount);
    }
    let s = if suspended {
        Suspension::Ban
    } else {
        Suspension::Lifted
    };
    storage::users::set_suspended(&state()?.db, user_id, s, me.id, "").await?;
    Ok(())
}

/// Suspends an account for `length` days (1 to 365) or bans it (`length` = "ban"), with a
/// reason kept in the moderation log; its sessions end at once and its pending items stay in
/// the queue. Moderators suspend citizens and members; organisers anyone but themselves.
#[server(prefix = "/api", endpoint = "suspend_user")]
pub async fn suspend_user(
    user_id: i64,
    length: String,
    reason: Option<String>,
) -> Result<(), AppError> {
    use domain::moderation::{parse_note, SuspensionLength};
    use storage::users::Suspension;
    let me = server::require_role(domain::Role::can_moderate).await?;
    let length = SuspensionLength::parse(&length)?;
    let reason = parse_note(reason.as_deref().unwrap_or(""), false)?;
    let st = state()?;
    check_target(&st, &me, user_id).await?;
    let now = storage::now_ms();
    let s = match length.ends_at(now) {
        Some(t) => Suspension::Until(t),
        None => Suspension::Ban,
    };
    storage::users::set_suspended(&st.db, user_id, s, me.id, &reason).await?;
    leptos_axum::redirect("/moderation/users");
    Ok(())
}

/// Lifts a suspension or ban, logged. Moderators for citizens and members; organisers.
#[server(prefix = "/api", endpoint = "reinstate_user")]
pub async fn reinstate_user(user_id: i64) -> Result<(), AppError> {
    let me = server::require_role(domain::Role::can_moderate).await?;
    let st = state()?;
    check_target(&st, &me, user_id).await?;
    storage::users::set_suspended(
        &st.db,
        user_id,
        storage::users::Suspension::Lifted,
        me.id,
        "",
    )
    .await?;
    leptos_axum::redirect("/moderation/users");
    Ok(())
}

/// Moderators act on participants only; nobody acts on their own account.
#[cfg(feature = "ssr")]
async fn check_target(
    st: &server::AppState,
    me: &server::CurrentUser,
    user_id: i64,
) -> Result<(), AppError> {
    if me.id == user_id {
        return Err(AppError::OwnAccount);
    }
    let target = storage::users::find_user(&st.db, user_id).await?;
    if target.role().can_moderate() && !me.role.can_manage_accounts() {
        return Err(AppError::Forbidden);
    }
    Ok(())
}

/// A suspended account, as moderators see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuspendedDto {
    /// Account id.
    pub id: i64,
    /// Display name.
    pub display_name: String,
    /// Username.
    pub username: String,
    /// End of the suspension, Unix ms; `None`: banned.
    pub until: Option<i64>,
}

/// Accounts suspended or banned now, most recent first (at most 500). Moderators and
/// organisers.
#[server(prefix = "/api", endpoint = "suspended_users")]
pub async fn suspended_users() -> Result<Vec<SuspendedDto>, AppError> {
    server::require_role(domain::Role::can_moderate).await?;
    let st = state()?;
    let rows = storage::users::list_suspended(&st.db, storage::now_ms(), 500).await?;
    Ok(rows
        .into_iter()
        .map(|r| SuspendedDto {
            id: r.id,
            display_name: r.display_name,
            username: r.username,
            until: r.suspended_until,
        })
        .collect())
}
