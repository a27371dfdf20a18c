//! The read API's published proposals: the list (by topic) and one by id.

use super::*;

/// A published proposal.
#[derive(Serialize, ToSchema)]
pub struct Proposal {
    /// Id.
    pub id: i64,
    /// Its topic's slug.
    pub topic: String,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// Text (Markdown).
    pub body: String,
    /// `published`, `under_vote`, `adopted`, `rejected`, `withdrawn`…
    pub status: String,
    /// The author's display name if they agreed to be named, "participant·e" otherwise,
    /// "compte supprimé" once they deleted their account.
    pub author: String,
    /// Supports.
    pub supports: i64,
    /// Published comments.
    pub comments: i64,
    /// Comments taking a stance for.
    pub comments_for: i64,
    /// Comments taking a stance against.
    pub comments_against: i64,
    /// Enough reports put it under review: still published until a moderator decides.
    pub under_review: bool,
    /// Written, UTC.
    #[schema(format = DateTime)]
    pub created_at: String,
    /// Last changed, UTC.
    #[schema(format = DateTime)]
    pub updated_at: String,
}

impl From<service::public::ProposalRow> for Proposal {
    fn from(p: service::public::ProposalRow) -> Self {
        Proposal {
            id: p.id.get(),
            topic: p.topic_slug,
            title: p.title,
            summary: p.summary,
            body: p.body,
            status: p.status,
            author: p.author_name,
            supports: p.support_count,
            comments: p.comment_count,
            comments_for: p.for_count,
            comments_against: p.against_count,
            under_review: p.under_review,
            created_at: domain::time::iso_utc(p.created_at),
            updated_at: domain::time::iso_utc(p.updated_at),
        }
    }
}

/// Published proposals, by id.
#[utoipa::path(
    get,
    path = "/api/v1/proposals",
    tag = "deliberation",
    params(PageQuery, TopicQuery),
    responses(
        (status = 200, description = "A page of proposals.", body = Page<Proposal>,
            headers(("ETag" = String, description = "Identifies this answer."))),
        (status = 304, description = "Unchanged since the ETag sent in If-None-Match."),
        (status = 400, description = "Invalid parameters.", body = ApiError),
        (status = 429, description = "Too many requests from this address.", body = ApiError,
            headers(("Retry-After" = i64, description = "Seconds to wait.")))
    )
)]
pub(super) async fn list_proposals(
    State(state): State<ServerState>,
    headers: HeaderMap,
    q: Result<Query<PageQuery>, QueryRejection>,
    t: Result<Query<TopicQuery>, QueryRejection>,
) -> Response {
    let ((after, limit), topic) = match (page(q), topic_filter(t)) {
        (Ok(p), Ok(t)) => (p, t),
        (Err(e), _) | (_, Err(e)) => return e.answer(&headers),
    };
    let slice = Slice {
        after,
        limit: Some(limit),
        topic: topic.as_deref(),
        ..Slice::ALL
    };
    match service::public::proposals(&state.app.db, &slice).await {
        Ok(rows) => {
            let extra: Vec<_> = topic.iter().map(|t| ("topic", t.clone())).collect();
            let path = "/api/v1/proposals";
            page_of(
                &headers,
                path,
                rows,
                |p| p.id,
                limit,
                &extra,
                Proposal::from,
            )
        }
        Err(e) => failure(&headers, e.into()),
    }
}

/// One published proposal.
#[utoipa::path(
    get,
    path = "/api/v1/proposals/{id}",
    tag = "deliberation",
    params(("id" = i64, Path, description = "The proposal's id.", minimum = 1)),
    responses(
        (status = 200, description = "The proposal.", body = Proposal,
            headers(("ETag" = String, description = "Identifies this answer."))),
        (status = 304, description = "Unchanged since the ETag sent in If-None-Match."),
        (status = 404, description = "No such published proposal.", body = ApiError),
        (status = 429, description = "Too many requests from this address.", body = ApiError,
            headers(("Retry-After" = i64, description = "Seconds to wait.")))
    )
)]
pub(super) async fn get_proposal(
    State(state): State<ServerState>,
    headers: HeaderMap,
    id: Result<Path<i64>, PathRejection>,
) -> Response {
    let Some(id) = path_id(id) else {
        return not_found(&headers);
    };
    let rows = service::public::proposals(&state.app.db, &Slice::one(id)).await;
    first_or_404(&headers, rows, Proposal::from)
}
