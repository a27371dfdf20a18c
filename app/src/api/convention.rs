//! The convention's public face: its question and topics.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::server::state;

/// A topic as shown in lists and on its page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicDto {
    /// URL segment.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Short description (Markdown source, shown as plain text in lists).
    pub description: String,
    /// The framing question; may be empty.
    pub question: String,
    /// Shown first.
    pub pinned: bool,
}

/// What the home page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeDto {
    /// The convention's name.
    pub name: String,
    /// The question put to it.
    pub question: String,
    /// Its topics, in order (archived ones left out).
    pub topics: Vec<TopicDto>,
    /// The reader curates topics (a moderator or organiser).
    pub can_curate: bool,
}

#[cfg(feature = "ssr")]
impl From<service::topics::TopicRow> for TopicDto {
    fn from(r: service::topics::TopicRow) -> Self {
        Self {
            slug: r.slug,
            title: r.title,
            description: domain::markup::plain_text(&r.description),
            question: r.question,
            pinned: r.pinned,
        }
    }
}

/// The convention's question and topics. Public.
#[server(prefix = "/api", endpoint = "home")]
pub async fn get_home() -> Result<HomeDto, AppError> {
    let viewer = crate::server::current_user().await?;
    let st = state()?;
    let convention = service::public::convention(&st.db).await?;
    let topics = service::public::home_topics(&st.db).await?;
    Ok(HomeDto {
        name: convention.name,
        question: convention.question,
        topics: topics.into_iter().map(Into::into).collect(),
        can_curate: viewer.is_some_and(|v| v.role.can_moderate()),
    })
}
