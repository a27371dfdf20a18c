//! Server functions, grouped by aggregate. Each is a public HTTP endpoint under `/api`: it
//! authenticates, checks the role, loads, decides in `domain`, persists and returns a DTO.

pub mod admin;
pub mod auth;
pub mod comments;
pub mod convention;
pub mod moderation;
pub mod proposals;
pub mod report;
pub mod rounds;
pub mod search;
pub mod topics;
