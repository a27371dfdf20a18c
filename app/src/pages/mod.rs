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
