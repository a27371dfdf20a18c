//! The rules of a convention citoyenne, free of any web or database concern.
//!
//! Everything here is pure and deterministic so that the server and the browser (wasm32) apply
//! the very same rules, and so that every rule can be unit-tested in isolation.
#![warn(missing_docs)]

pub mod access;
pub mod account;
pub mod comment;
pub mod csp;
pub mod csv;
pub mod diff;
pub mod ids;
pub mod markup;
pub mod moderation;
pub mod opendata;
pub mod proposal;
pub mod rate;
pub mod report;
pub mod role;
pub mod search;
pub mod time;
pub mod topic;
pub mod voting;
pub mod zip;

pub use account::{AccountError, DisplayName, Password, Username};
pub use ids::{CommentId, ProposalId, RoundId, TopicId, UserId};
pub use role::{Role, UnknownRole};
