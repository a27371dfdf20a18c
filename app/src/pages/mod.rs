//! One module per page.

pub mod account;
pub mod admin_users;
pub mod curation;
pub mod home;
pub mod login;
pub mod moderation;
pub mod not_found;
pub mod open_data;
pub mod proposal;
pub mod register;
pub mod report;
pub mod rounds;
pub mod search;
pub mod topic;

/// The route's `:id` as a typed id, read reactively; an id that does not parse reads as 0,
/// which no row has, so the page shows "not found".
pub(crate) fn id_param<Id>() -> impl Fn() -> Id + Copy + Send + Sync + 'static
where
    Id: std::str::FromStr + Default,
{
    let params = leptos_router::hooks::use_params_map();
    move || {
        leptos::prelude::Read::read(&params)
            .get("id")
            .and_then(|s| s.parse().ok())
            .unwrap_or_default()
    }
}
