//! Searching topics and published proposals and comments.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What a result is; the page groups results by it, in this order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ResultKind {
    /// A topic (its title, description or framing question matched).
    Topic,
    /// A proposal.
    Proposal,
    /// A comment.
    Comment,
}

impl ResultKind {
    /// Every kind, in the page's order.
    pub const ALL: [ResultKind; 3] = [ResultKind::Topic, ResultKind::Proposal, ResultKind::Comment];
}

/// One result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchResult {
    /// What it is.
    pub kind: ResultKind,
    /// Where it is read.
    pub url: String,
    /// The topic's or proposal's title (for a comment, its proposal's or its topic's).
    pub title: String,
    /// An excerpt, in pieces; the marked ones match the query.
    pub excerpt: Vec<(String, bool)>,
}

/// A topic to suggest when nothing matched.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicLink {
    /// Its address.
    pub url: String,
    /// Its title.
    pub title: String,
}

/// The results of a query.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchDto {
    /// The query, as understood (its words).
    pub words: Vec<String>,
    /// Topics first, then the best proposals and comments, at most [`RESULTS_MAX`].
    pub results: Vec<SearchResult>,
    /// When nothing matched a real query: the topics, to browse instead.
    pub suggestions: Vec<TopicLink>,
}

/// Results shown at most.
pub const RESULTS_MAX: i64 = 50;

/// Topics, proposals and comments everyone may read that match `q` (accents, case and word
/// endings ignored). Public.
#[server(prefix = "/api", endpoint = "search")]
pub async fn search(q: String) -> Result<SearchDto, AppError> {
    use domain::search::highlight;
    let st = crate::server::state()?;
    let (words, hits) = service::public::search(&st.db, &q, RESULTS_MAX).await?;
    let results: Vec<SearchResult> = hits
        .into_iter()
        .map(|h| {
            let (kind, url) = match (h.kind.as_str(), h.proposal_id) {
                ("topic", _) => (ResultKind::Topic, format!("/topics/{}", h.topic_slug)),
                ("comment", Some(p)) => (
                    ResultKind::Comment,
                    format!("/proposals/{p}#comment-{}", h.item_id),
                ),
                ("comment", None) => (
                    ResultKind::Comment,
                    format!("/topics/{}#comment-{}", h.topic_slug, h.item_id),
                ),
                _ => (ResultKind::Proposal, format!("/proposals/{}", h.item_id)),
            };
            SearchResult {
                kind,
                url,
                title: h.title,
                excerpt: highlight(&h.excerpt),
            }
        })
        .collect();
    let suggestions = if results.is_empty() && !words.is_empty() {
        service::public::home_topics(&st.db)
            .await?
            .into_iter()
            .map(|t| TopicLink {
                url: format!("/topics/{}", t.slug),
                title: t.title,
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(SearchDto {
        words,
        results,
        suggestions,
    })
}
