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
    /// Short description.
    pub description: String,
}

/// What the home page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeDto {
    /// The convention's name.
    pub name: String,
    /// The question put to it.
    pub question: String,
    /// Its topics, in order.
    pub topics: Vec<TopicDto>,
}

#[cfg(feature = "ssr")]
impl From<storage::topics::TopicRow> for TopicDto {
    fn from(r: storage::topics::TopicRow) -> Self {
        Self {
            slug: r.slug,
            title: r.title,
            description: r.description,
        }
    }
}

/// The convention's question and topics. Public.
#[server(prefix = "/api", endpoint = "home")]
pub async fn get_home() -> Result<HomeDto, AppError> {
    let st = state()?;
    let convention = storage::convention::get_convention(&st.db).await?;
    let topics = storage::topics::list_topics(&st.db).await?;
    Ok(HomeDto {
        name: convention.name,
        question: convention.question,
        topics: topics.into_iter().map(Into::into).collect(),
    })
}
