//! Organisers' management of accounts: roles and suspensions.

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
    /// Whether suspended.
    pub suspended: bool,
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
                role: r.role(),
                id: r.id,
                username: r.username,
                display_name: r.display_name,
                suspended: r.suspended,
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

/// Suspends (ending every session at once) or reinstates an account. Organisers only.
#[server(prefix = "/api", endpoint = "admin_set_suspended")]
pub async fn set_user_suspended(user_id: i64, suspended: bool) -> Result<(), AppError> {
    let me = server::require_role(domain::Role::can_manage_accounts).await?;
    if me.id == user_id {
        return Err(AppError::OwnAccount);
    }
    storage::users::set_suspended(&state()?.db, user_id, suspended).await?;
    Ok(())
}
