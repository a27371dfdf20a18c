//! Searching published proposals and comments.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchResult {
    /// A comment (else a proposal).
    pub is_comment: bool,
    /// Where it is read.
    pub url: String,
    /// The proposal's title (for a comment, its proposal's or its topic's).
    pub title: String,
    /// An excerpt, in pieces; the marked ones match the query.
    pub excerpt: Vec<(String, bool)>,
}

/// The results of a query.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchDto {
    /// The query, as understood (its words).
    pub words: Vec<String>,
    /// Best first, at most [`RESULTS_MAX`].
    pub results: Vec<SearchResult>,
}

/// Results shown at most.
pub const RESULTS_MAX: i64 = 50;

/// Proposals and comments everyone may read that match `q` (accents and case ignored). Public.
#[server(prefix = "/api", endpoint = "search")]
pub async fn search(q: String) -> Result<SearchDto, AppError> {
    use domain::search::highlight;
    let st = crate::server::state()?;
    let (words, hits) = service::public::search(&st.db, &q, RESULTS_MAX).await?;
    let results = hits
        .into_iter()
        .map(|h| {
            let is_comment = h.kind == "comment";
            let url = match (is_comment, h.proposal_id) {
                (false, _) => format!("/proposals/{}", h.item_id),
                (true, Some(p)) => format!("/proposals/{p}#comment-{}", h.item_id),
                (true, None) => format!("/topics/{}#comment-{}", h.topic_slug, h.item_id),
            };
            SearchResult {
                is_comment,
                url,
                title: h.title,
                excerpt: highlight(&h.excerpt),
            }
        })
        .collect();
    Ok(SearchDto { words, results })
}
