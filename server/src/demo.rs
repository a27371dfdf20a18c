//! `convention demo`: a living convention to look at, in French.
//!
//! Idempotent: accounts that already exist are left as they are, so running it twice (or on a
//! database people already use) changes nothing that was there.

use anyhow::Context;
use app::server::AppState;
use domain::{DisplayName, Password, Role, Username};
use storage::users::find_user_by_key;

/// The password of every demo account, printed by the command and in the README.
pub const DEMO_PASSWORD: &str = "convention-demo-2026";

/// The demo accounts: username, display name, role.
pub const DEMO_USERS: &[(&str, &str, Role)] = &[
    ("organisation", "Équipe d’organisation", Role::Organiser),
    ("moderation", "Samia Benali (modération)", Role::Moderator),
    ("helene.m", "Hélène Marty", Role::Member),
    ("karim34", "Karim Haddad", Role::Member),
    ("lucie-p", "Lucie Perrin", Role::Member),
    ("thomas_r", "Thomas Roux", Role::Member),
    ("ines.v", "Inès Vidal", Role::Citizen),
    ("jean-baptiste", "Jean-Baptiste Fabre", Role::Citizen),
];

/// Creates what is missing of the demo content; returns how many accounts were created.
pub async fn seed(state: &AppState) -> anyhow::Result<usize> {
    let password = Password::parse(DEMO_PASSWORD).context("demo password")?;
    let mut created = 0;
    for (username, display_name, role) in DEMO_USERS {
        let username = Username::parse(username).context("demo username")?;
        if find_user_by_key(&state.db, &username.key())
            .await?
            .is_some()
        {
            continue;
        }
        let display_name = DisplayName::parse(display_name).context("demo display name")?;
        app::server::create_account(state, &username, &display_name, &password, *role)
            .await
            .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", username.as_str()))?;
        created += 1;
    }
    Ok(created)
}
