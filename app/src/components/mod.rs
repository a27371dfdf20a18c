//! Components shared by several pages.

pub mod form;
pub mod header;
pub mod report;
pub mod scroll;
pub mod thread;
