//! The read API's topics: the list and one by slug.

use super::*;

/// A topic of the convention.
#[derive(Serialize, ToSchema)]
pub struct Topic {
    /// Id.
    pub id: i64,
    /// Address on the site: `/topics/{slug}`.
    pub slug: String,
    /// Title.
    pub title: String,
    /// The question it asks.
    pub question: String,
    /// Description (Markdown).
    pub description: String,
    /// Order on the home page.
    pub position: i64,
    /// Archived topics are kept for reading only.
    pub archived: bool,
}

impl From<service::public::TopicRow> for Topic {
    fn from(t: service::public::TopicRow) -> Self {
        Topic {
            id: t.id.get(),
            slug: t.slug,
            title: t.title,
            question: t.question,
            description: t.description,
            position: t.position,
            archived: t.archived,
        }
    }
}

/// Topics, by id.
#[utoipa::path(
    get,
    path = "/api/v1/topics",
    tag = "deliberation",
    params(PageQuery),
    responses(
        (status = 200, description = "A page of topics.", body = Page<Topic>,
            headers(("ETag" = String, description = "Identifies this answer."))),
        (status = 304, description = "Unchanged since the ETag sent in If-None-Match."),
        (status = 400, description = "Invalid parameters.", body = ApiError),
        (status = 429, description = "Too many requests from this address.", body = ApiError,
            headers(("Retry-After" = i64, description = "Seconds to wait.")))
    )
)]
pub(super) async fn list_topics(
    State(state): State<ServerState>,
    headers: HeaderMap,
    q: Result<Query<PageQuery>, QueryRejection>,
) -> Response {
    let (after, limit) = match page(q) {
        Ok(p) => p,
        Err(e) => return e.answer(&headers),
    };
    let slice = Slice {
        after,
        limit: Some(limit),
        ..Slice::ALL
    };
    match service::public::topics(&state.app.db, &slice).await {
        Ok(rows) => page_of(
            &headers,
            "/api/v1/topics",
            rows,
            |t| t.id,
            limit,
            &[],
            Topic::from,
        ),
        Err(e) => failure(&headers, e.into()),
    }
}

/// One topic.
#[utoipa::path(
    get,
    path = "/api/v1/topics/{slug}",
    tag = "deliberation",
    params(("slug" = String, Path, description = "The topic's slug.", pattern = r"^[a-z0-9-]{1,80}$")),
    responses(
        (status = 200, description = "The topic.", body = Topic,
            headers(("ETag" = String, description = "Identifies this answer."))),
        (status = 304, description = "Unchanged since the ETag sent in If-None-Match."),
        (status = 404, description = "No such topic.", body = ApiError),
        (status = 429, description = "Too many requests from this address.", body = ApiError,
            headers(("Retry-After" = i64, description = "Seconds to wait.")))
    )
)]
pub(super) async fn get_topic(
    State(state): State<ServerState>,
    headers: HeaderMap,
    slug: Result<Path<String>, PathRejection>,
) -> Response {
    // Like an id that is not one, a slug that cannot be one names nothing.
    let slug = match slug {
        Ok(Path(s)) if is_slug(&s) => s,
        _ => return not_found(&headers),
    };
    let slice = Slice {
        topic: Some(&slug),
        ..Slice::ALL
    };
    let rows = service::public::topics(&state.app.db, &slice).await;
    first_or_404(&headers, rows, Topic::from)
}
