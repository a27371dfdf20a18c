//! The read API's published comments: the list (by topic or proposal) and one by id.

use super::*;

/// A published comment.
#[derive(Serialize, ToSchema)]
pub struct Comment {
    /// Id.
    pub id: i64,
    /// Its topic's slug.
    pub topic: String,
    /// The proposal it is about; null for a comment on the topic itself.
    pub proposal_id: Option<i64>,
    /// The comment it answers; null for a first-level comment.
    pub parent_id: Option<i64>,
    /// The author's display name if they agreed to be named, "participant·e" otherwise,
    /// "compte supprimé" once they deleted their account.
    pub author: String,
    /// `pour`, `contre`, `question`, or null.
    pub stance: Option<String>,
    /// Text (Markdown).
    pub body: String,
    /// Upvotes.
    pub upvotes: i64,
    /// Enough reports put it under review: still published until a moderator decides.
    pub under_review: bool,
    /// Written, UTC.
    #[schema(format = DateTime)]
    pub created_at: String,
}

impl From<service::public::CommentRow> for Comment {
    fn from(c: service::public::CommentRow) -> Self {
        Comment {
            id: c.id.get(),
            topic: c.topic_slug,
            proposal_id: c.proposal_id.map(i64::from),
            parent_id: c.parent_id.map(i64::from),
            author: c.author_name,
            stance: c.stance,
            body: c.body,
            upvotes: c.upvote_count,
            under_review: c.under_review,
            created_at: domain::time::iso_utc(c.created_at),
        }
    }
}

/// Published comments, by id.
#[utoipa::path(
    get,
    path = "/api/v1/comments",
    tag = "deliberation",
    params(PageQuery, TopicQuery, ProposalQuery),
    responses(
        (status = 200, description = "A page of comments.", body = Page<Comment>,
            headers(("ETag" = String, description = "Identifies this answer."))),
        (status = 304, description = "Unchanged since the ETag sent in If-None-Match."),
        (status = 400, description = "Invalid parameters.", body = ApiError),
        (status = 429, description = "Too many requests from this address.", body = ApiError,
            headers(("Retry-After" = i64, description = "Seconds to wait.")))
    )
)]
pub(super) async fn list_comments(
    State(state): State<ServerState>,
    headers: HeaderMap,
    q: Result<Query<PageQuery>, QueryRejection>,
    t: Result<Query<TopicQuery>, QueryRejection>,
    p: Result<Query<ProposalQuery>, QueryRejection>,
) -> Response {
    let ((after, limit), topic) = match (page(q), topic_filter(t)) {
        (Ok(p), Ok(t)) => (p, t),
        (Err(e), _) | (_, Err(e)) => return e.answer(&headers),
    };
    let proposal = match p {
        Ok(Query(ProposalQuery { proposal: None })) => None,
        Ok(Query(ProposalQuery { proposal: Some(id) })) if id >= 1 => Some(id),
        _ => return bad_request(&headers, |t| t.error_api_proposal_param),
    };
    let slice = Slice {
        after,
        limit: Some(limit),
        topic: topic.as_deref(),
        proposal,
        ..Slice::ALL
    };
    match service::public::comments(&state.app.db, &slice).await {
        Ok(rows) => {
            let mut extra: Vec<_> = topic.iter().map(|t| ("topic", t.clone())).collect();
            extra.extend(proposal.map(|p| ("proposal", p.to_string())));
            let path = "/api/v1/comments";
            page_of(&headers, path, rows, |c| c.id, limit, &extra, Comment::from)
        }
        Err(e) => failure(&headers, e.into()),
    }
}

/// One published comment.
#[utoipa::path(
    get,
    path = "/api/v1/comments/{id}",
    tag = "deliberation",
    params(("id" = i64, Path, description = "The comment's id.", minimum = 1)),
    responses(
        (status = 200, description = "The comment.", body = Comment,
            headers(("ETag" = String, description = "Identifies this answer."))),
        (status = 304, description = "Unchanged since the ETag sent in If-None-Match."),
        (status = 404, description = "No such published comment.", body = ApiError),
        (status = 429, description = "Too many requests from this address.", body = ApiError,
            headers(("Retry-After" = i64, description = "Seconds to wait.")))
    )
)]
pub(super) async fn get_comment(
    State(state): State<ServerState>,
    headers: HeaderMap,
    id: Result<Path<i64>, PathRejection>,
) -> Response {
    let Some(id) = path_id(id) else {
        return not_found(&headers);
    };
    let rows = service::public::comments(&state.app.db, &Slice::one(id)).await;
    first_or_404(&headers, rows, Comment::from)
}
