//! The public read API, `/api/v1`: topics, proposals, comments, rounds and their results as
//! JSON. It answers everyone alike, as an anonymous visitor sees the pages (the open data's
//! rules: published content only, authors by display name, results once a round has closed),
//! and never reads a session cookie. Lists are paged by id (`after` the last id seen), every
//! answer carries an `ETag` and honours `If-None-Match`, and each client address gets a budget
//! of requests per minute, counted in the database so that every server of a site shares it.
//! The OpenAPI 3 document at `/api/v1/openapi.json` is generated from these handlers.

use crate::ServerState;
use app::error::AppError;
use app::i18n::Locale;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use storage::opendata::Slice;
use utoipa::{IntoParams, OpenApi, ToSchema};

/// Items per page unless `limit` says otherwise.
pub const DEFAULT_LIMIT: i64 = 50;
/// Most items per page.
pub const MAX_LIMIT: i64 = 200;

/// The API's routes, rate-limited.
pub fn routes(state: ServerState) -> Router<ServerState> {
    Router::new()
        .route("/api/v1/openapi.json", get(openapi))
        .route("/api/v1/topics", get(list_topics))
        .route("/api/v1/topics/{slug}", get(get_topic))
        .route("/api/v1/proposals", get(list_proposals))
        .route("/api/v1/proposals/{id}", get(get_proposal))
        .route("/api/v1/comments", get(list_comments))
        .route("/api/v1/comments/{id}", get(get_comment))
        .route("/api/v1/rounds", get(list_rounds))
        .route("/api/v1/rounds/{id}", get(get_round))
        .route("/api/v1/rounds/{id}/results", get(round_results))
        .layer(middleware::from_fn_with_state(state, rate_limit))
}

/// The OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Convention — API de lecture",
        version = "1.0.0",
        description = "Read-only access to a convention's public content: what an anonymous \
            visitor sees on the site. Lists are paged by id: pass the last item's id as `after` \
            to get the next page, or follow `next`. Every answer carries an ETag; send it back \
            in If-None-Match to get 304 when nothing changed. Each client address may make a \
            limited number of requests per minute (429 with Retry-After beyond). Content is \
            published under the Licence Ouverte / Open Licence 2.0 (Etalab).",
        license(name = "Licence Ouverte / Open Licence 2.0", url = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/")
    ),
    paths(
        list_topics,
        get_topic,
        list_proposals,
        get_proposal,
        list_comments,
        get_comment,
        list_rounds,
        get_round,
        round_results
    ),
    tags(
        (name = "deliberation", description = "Topics, proposals and comments."),
        (name = "votes", description = "Voting rounds and their results.")
    )
)]
pub struct ApiDoc;

/// The OpenAPI document as JSON.
pub fn openapi_json() -> String {
    ApiDoc::openapi()
        .to_pretty_json()
        .unwrap_or_else(|_| "{}".to_owned())
}

async fn openapi(headers: HeaderMap) -> Response {
    let doc: serde_json::Value = serde_json::from_str(&openapi_json()).unwrap_or_default();
    json(&headers, &doc)
}

/// An error: a stable code for programs and a sentence for people.
#[derive(Serialize, ToSchema)]
pub struct ApiError {
    /// `bad_request`, `not_found`, `rate_limited` or `internal`.
    pub error: String,
    /// What went wrong, in the language of `Accept-Language` (French by default).
    pub message: String,
}

fn error(status: StatusCode, code: &str, message: String) -> Response {
    let body = ApiError {
        error: code.to_owned(),
        message,
    };
    (status, axum::Json(body)).into_response()
}

fn bad_request(headers: &HeaderMap, fr: &str, en: &str) -> Response {
    let message = match app::request::locale_of(headers) {
        Locale::Fr => fr,
        Locale::En => en,
    };
    error(StatusCode::BAD_REQUEST, "bad_request", message.to_owned())
}

fn not_found(headers: &HeaderMap) -> Response {
    failure(headers, AppError::NotFound)
}

fn failure(headers: &HeaderMap, e: AppError) -> Response {
    let locale = app::request::locale_of(headers);
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let code = match status {
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::TOO_MANY_REQUESTS => "rate_limited",
        s if s.is_client_error() => "bad_request",
        _ => "internal",
    };
    error(status, code, e.message(locale))
}

/// 200 with the JSON and its ETag, or 304 when the client already holds this very answer.
fn json<T: Serialize>(headers: &HeaderMap, value: &T) -> Response {
    let Ok(body) = serde_json::to_vec(value) else {
        return failure(
            headers,
            service::internal("cannot serialise an API answer").into(),
        );
    };
    let digest = Sha256::digest(&body);
    let tag: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    let etag = format!("\"{tag}\"");
    let etag_value = HeaderValue::from_str(&etag).unwrap_or(HeaderValue::from_static("\"\""));
    let cache = (header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if matches_etag(headers, &etag) {
        return (
            StatusCode::NOT_MODIFIED,
            [(header::ETAG, etag_value), cache],
        )
            .into_response();
    }
    (
        StatusCode::OK,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            ),
            (header::ETAG, etag_value),
            cache,
            // Open data: any site may read it from a browser (no cookie is ever used).
            (
                header::ACCESS_CONTROL_ALLOW_ORIGIN,
                HeaderValue::from_static("*"),
            ),
        ],
        body,
    )
        .into_response()
}

/// Whether `If-None-Match` names `etag` (weak comparison, as RFC 9110 asks for GET).
fn matches_etag(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .any(|t| t == "*" || t.strip_prefix("W/").unwrap_or(t) == etag)
}

/// Counts the request against its address's budget for this minute.
async fn rate_limit(State(state): State<ServerState>, req: Request, next: Next) -> Response {
    let (parts, body) = req.into_parts();
    let address = app::request::client_address(&parts, state.app.auth.trust_proxy);
    let req = Request::from_parts(parts, body);
    let Some(address) = address else {
        return next.run(req).await;
    };
    let limit = domain::rate::Limit {
        max: state.app.auth.api_per_minute,
        window_ms: 60_000,
    };
    let now = storage::now_ms();
    let key = domain::rate::address_key(address);
    match storage::rate_limits::hit(&state.app.db, "api:address", &key, limit.window_start(now))
        .await
    {
        Ok(count) if limit.allows(count) => next.run(req).await,
        Ok(_) => {
            let retry = limit.retry_after_secs(now);
            let mut res = failure(
                req.headers(),
                AppError::RateLimited {
                    retry_after_secs: retry,
                },
            );
            if let Ok(v) = HeaderValue::from_str(&retry.to_string()) {
                res.headers_mut().insert(header::RETRY_AFTER, v);
            }
            res
        }
        Err(e) => failure(req.headers(), e.into()),
    }
}

/// A page of a list.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Only items whose id is greater: the last id of the previous page.
    #[param(minimum = 0)]
    pub after: Option<i64>,
    /// How many items, 1 to 200 (50 by default).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
}

/// Only one topic's items.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TopicQuery {
    /// The topic's slug, as in `/topics/{slug}` on the site.
    #[param(pattern = r"^[a-z0-9-]{1,80}$")]
    pub topic: Option<String>,
}

/// Only one proposal's comments.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProposalQuery {
    /// The proposal's id.
    #[param(minimum = 1)]
    pub proposal: Option<i64>,
}

fn is_slug(s: &str) -> bool {
    (1..=80).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Why a request is refused with 400: the sentence in French and in English.
struct Invalid(&'static str, &'static str);

impl Invalid {
    fn answer(self, headers: &HeaderMap) -> Response {
        bad_request(headers, self.0, self.1)
    }
}

/// The page asked for.
fn page(q: Result<Query<PageQuery>, QueryRejection>) -> Result<(i64, i64), Invalid> {
    let Ok(Query(q)) = q else {
        return Err(Invalid(
            "Paramètres invalides : `after` et `limit` sont des nombres entiers.",
            "Invalid parameters: `after` and `limit` are whole numbers.",
        ));
    };
    let after = q.after.unwrap_or(0);
    let limit = q.limit.unwrap_or(DEFAULT_LIMIT);
    if after < 0 || !(1..=MAX_LIMIT).contains(&limit) {
        return Err(Invalid(
            "Paramètres invalides : `after` est positif, `limit` va de 1 à 200.",
            "Invalid parameters: `after` is not negative, `limit` is 1 to 200.",
        ));
    }
    Ok((after, limit))
}

fn topic_filter(q: Result<Query<TopicQuery>, QueryRejection>) -> Result<Option<String>, Invalid> {
    match q {
        Ok(Query(TopicQuery { topic: None })) => Ok(None),
        Ok(Query(TopicQuery { topic: Some(t) })) if is_slug(&t) => Ok(Some(t)),
        _ => Err(Invalid(
            "Paramètre `topic` invalide : l’adresse d’un thème (lettres minuscules, chiffres, tirets).",
            "Invalid `topic`: a topic's slug (lower-case letters, digits, hyphens).",
        )),
    }
}

/// The one row asked for, as JSON, or 404 when the slice found none.
fn first_or_404<R, T: Serialize>(
    headers: &HeaderMap,
    rows: Result<Vec<R>, storage::StorageError>,
    to_json: impl FnOnce(R) -> T,
) -> Response {
    match rows {
        Ok(rows) => match rows.into_iter().next() {
            Some(row) => json(headers, &to_json(row)),
            None => not_found(headers),
        },
        Err(e) => failure(headers, e.into()),
    }
}

/// The id in the path, when it can name a row: an address whose id is not a positive whole
/// number names nothing, so it answers 404 like any other missing resource (clients that
/// follow links built from a null field land here, and expect "not found", not "bad request").
fn path_id(p: Result<Path<i64>, PathRejection>) -> Option<i64> {
    match p {
        Ok(Path(id)) if id >= 1 => Some(id),
        _ => None,
    }
}

/// The next page's address, when this one is full.
fn next_link(
    path: &str,
    last: Option<i64>,
    count: usize,
    limit: i64,
    extra: &[(&str, String)],
) -> Option<String> {
    let last = last?;
    if i64::try_from(count).ok()? < limit {
        return None;
    }
    let mut url = format!("{path}?after={last}&limit={limit}");
    for (k, v) in extra {
        url.push_str(&format!("&{k}={v}"));
    }
    Some(url)
}

/// A page of a list.
#[derive(Serialize, ToSchema)]
pub struct Page<T> {
    /// The items, by id.
    pub items: Vec<T>,
    /// The next page's address, or null on the last page.
    pub next: Option<String>,
}

/// A page's answer: its items, and the next page's address when this one is full (a shorter
/// page is the last).
fn page_of<R, T: Serialize>(
    headers: &HeaderMap,
    path: &str,
    rows: Vec<R>,
    id: impl Fn(&R) -> i64,
    limit: i64,
    extra: &[(&str, String)],
    item: impl Fn(R) -> T,
) -> Response {
    let next = next_link(path, rows.last().map(id), rows.len(), limit, extra);
    let items: Vec<T> = rows.into_iter().map(item).collect();
    json(headers, &Page { items, next })
}

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

impl From<storage::opendata::TopicRow> for Topic {
    fn from(t: storage::opendata::TopicRow) -> Self {
        Topic {
            id: t.id,
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
async fn list_topics(
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
    match storage::opendata::topics_by_id(&state.app.db, &slice).await {
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
async fn get_topic(
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
    let rows = storage::opendata::topics_by_id(&state.app.db, &slice).await;
    first_or_404(&headers, rows, Topic::from)
}

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
    /// The author's display name ("compte supprimé" once they deleted their account).
    pub author: String,
    /// Supports.
    pub supports: i64,
    /// Published comments.
    pub comments: i64,
    /// Comments taking a stance for.
    pub comments_for: i64,
    /// Comments taking a stance against.
    pub comments_against: i64,
    /// Written, UTC.
    #[schema(format = DateTime)]
    pub created_at: String,
    /// Last changed, UTC.
    #[schema(format = DateTime)]
    pub updated_at: String,
}

impl From<storage::opendata::ProposalRow> for Proposal {
    fn from(p: storage::opendata::ProposalRow) -> Self {
        Proposal {
            id: p.id,
            topic: p.topic_slug,
            title: p.title,
            summary: p.summary,
            body: p.body,
            status: p.status,
            author: service::report::shown(&p.author_name, p.author_deleted),
            supports: p.support_count,
            comments: p.comment_count,
            comments_for: p.for_count,
            comments_against: p.against_count,
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
async fn list_proposals(
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
    match storage::opendata::proposals(&state.app.db, &slice).await {
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
async fn get_proposal(
    State(state): State<ServerState>,
    headers: HeaderMap,
    id: Result<Path<i64>, PathRejection>,
) -> Response {
    let Some(id) = path_id(id) else {
        return not_found(&headers);
    };
    let rows = storage::opendata::proposals(&state.app.db, &Slice::one(id)).await;
    first_or_404(&headers, rows, Proposal::from)
}

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
    /// The author's display name ("compte supprimé" once they deleted their account).
    pub author: String,
    /// `pour`, `contre`, `question`, or null.
    pub stance: Option<String>,
    /// Text (Markdown).
    pub body: String,
    /// Upvotes.
    pub upvotes: i64,
    /// Written, UTC.
    #[schema(format = DateTime)]
    pub created_at: String,
}

impl From<storage::opendata::CommentRow> for Comment {
    fn from(c: storage::opendata::CommentRow) -> Self {
        Comment {
            id: c.id,
            topic: c.topic_slug,
            proposal_id: c.proposal_id,
            parent_id: c.parent_id,
            author: service::report::shown(&c.author_name, c.author_deleted),
            stance: c.stance,
            body: c.body,
            upvotes: c.upvote_count,
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
async fn list_comments(
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
        _ => {
            return bad_request(
                &headers,
                "Paramètre `proposal` invalide : un identifiant, nombre entier positif.",
                "Invalid `proposal`: an id, a positive whole number.",
            )
        }
    };
    let slice = Slice {
        after,
        limit: Some(limit),
        topic: topic.as_deref(),
        proposal,
        ..Slice::ALL
    };
    match storage::opendata::comments(&state.app.db, &slice).await {
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
async fn get_comment(
    State(state): State<ServerState>,
    headers: HeaderMap,
    id: Result<Path<i64>, PathRejection>,
) -> Response {
    let Some(id) = path_id(id) else {
        return not_found(&headers);
    };
    let rows = storage::opendata::comments(&state.app.db, &Slice::one(id)).await;
    first_or_404(&headers, rows, Comment::from)
}

/// A voting round.
#[derive(Serialize, ToSchema)]
pub struct Round {
    /// Id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// `approval`, `borda`, `schulze`, `majority_judgment`, `cumulative`, `quadratic` or
    /// `measure`.
    pub method: String,
    /// Who votes: `members`, `public` or `both` (counted side by side).
    pub electorate: String,
    /// How proposals are adopted, in plain French.
    pub rule: String,
    /// Opening, UTC.
    #[schema(format = DateTime)]
    pub opens_at: String,
    /// Close, UTC.
    #[schema(format = DateTime)]
    pub closes_at: String,
    /// `upcoming`, `open` or `closed`; results are published once closed.
    pub state: String,
    /// The candidate proposals' ids, in ballot order.
    pub candidates: Vec<i64>,
}

fn round(r: &storage::rounds::RoundRow, now: i64) -> Round {
    let rule = r
        .spec()
        .map(|spec| domain::report::adoption_rule(spec.rule, &spec.grades))
        .unwrap_or_default();
    Round {
        id: r.id,
        title: r.title.clone(),
        method: r.method.clone(),
        electorate: r.electorate.clone(),
        rule,
        opens_at: domain::time::iso_utc(r.opens_at),
        closes_at: domain::time::iso_utc(r.closes_at),
        state: match r.phase(now) {
            storage::rounds::Phase::Upcoming => "upcoming",
            storage::rounds::Phase::Open => "open",
            storage::rounds::Phase::Closed => "closed",
        }
        .to_owned(),
        candidates: r.candidates(),
    }
}

/// Voting rounds, by id.
#[utoipa::path(
    get,
    path = "/api/v1/rounds",
    tag = "votes",
    params(PageQuery),
    responses(
        (status = 200, description = "A page of rounds.", body = Page<Round>,
            headers(("ETag" = String, description = "Identifies this answer."))),
        (status = 304, description = "Unchanged since the ETag sent in If-None-Match."),
        (status = 400, description = "Invalid parameters.", body = ApiError),
        (status = 429, description = "Too many requests from this address.", body = ApiError,
            headers(("Retry-After" = i64, description = "Seconds to wait.")))
    )
)]
async fn list_rounds(
    State(state): State<ServerState>,
    headers: HeaderMap,
    q: Result<Query<PageQuery>, QueryRejection>,
) -> Response {
    let (after, limit) = match page(q) {
        Ok(p) => p,
        Err(e) => return e.answer(&headers),
    };
    let now = storage::now_ms();
    match storage::rounds::rounds_by_id(&state.app.db, after, limit).await {
        Ok(rows) => {
            let path = "/api/v1/rounds";
            page_of(
                &headers,
                path,
                rows,
                |r| r.id,
                limit,
                &[],
                |r| round(&r, now),
            )
        }
        Err(e) => failure(&headers, e.into()),
    }
}

/// One voting round.
#[utoipa::path(
    get,
    path = "/api/v1/rounds/{id}",
    tag = "votes",
    params(("id" = i64, Path, description = "The round's id.", minimum = 1)),
    responses(
        (status = 200, description = "The round.", body = Round,
            headers(("ETag" = String, description = "Identifies this answer."))),
        (status = 304, description = "Unchanged since the ETag sent in If-None-Match."),
        (status = 404, description = "No such round.", body = ApiError),
        (status = 429, description = "Too many requests from this address.", body = ApiError,
            headers(("Retry-After" = i64, description = "Seconds to wait.")))
    )
)]
async fn get_round(
    State(state): State<ServerState>,
    headers: HeaderMap,
    id: Result<Path<i64>, PathRejection>,
) -> Response {
    let Some(id) = path_id(id) else {
        return not_found(&headers);
    };
    match storage::rounds::find_round(&state.app.db, id).await {
        Ok(r) => json(&headers, &round(&r, storage::now_ms())),
        Err(e) => failure(&headers, e.into()),
    }
}

/// One proposal's line in one count.
#[derive(Serialize, ToSchema)]
pub struct ResultLine {
    /// The proposal.
    pub proposal_id: i64,
    /// Its title, or "(proposition retirée par la modération)".
    pub title: String,
    /// 1 for the first; tied proposals share a rank.
    pub rank: i64,
    /// The score as the method states it.
    pub score: String,
    /// Adopted by this count (only the official count adopts).
    pub adopted: bool,
}

/// One side's count.
#[derive(Serialize, ToSchema)]
pub struct SideResult {
    /// `members` or `public`.
    pub side: String,
    /// Whether this count decides adoption.
    pub official: bool,
    /// People who voted on this side.
    pub voters: i64,
    /// Ballots counted.
    pub ballots_counted: i64,
    /// Ballots set aside as invalid.
    pub ballots_rejected: i64,
    /// Every candidate, best first.
    pub lines: Vec<ResultLine>,
}

/// A closed round's results.
#[derive(Serialize, ToSchema)]
pub struct RoundResults {
    /// The round.
    pub round_id: i64,
    /// The official count first, then the other side's, if both voted.
    pub sides: Vec<SideResult>,
}

/// A closed round's results.
#[utoipa::path(
    get,
    path = "/api/v1/rounds/{id}/results",
    tag = "votes",
    params(("id" = i64, Path, description = "The round's id.", minimum = 1)),
    responses(
        (status = 200, description = "The results.", body = RoundResults,
            headers(("ETag" = String, description = "Identifies this answer."))),
        (status = 304, description = "Unchanged since the ETag sent in If-None-Match."),
        (status = 404, description = "No such round, or not closed yet.", body = ApiError),
        (status = 429, description = "Too many requests from this address.", body = ApiError,
            headers(("Retry-After" = i64, description = "Seconds to wait.")))
    )
)]
async fn round_results(
    State(state): State<ServerState>,
    headers: HeaderMap,
    id: Result<Path<i64>, PathRejection>,
) -> Response {
    let Some(id) = path_id(id) else {
        return not_found(&headers);
    };
    let db = &state.app.db;
    let r = match storage::rounds::find_round(db, id).await {
        Ok(r) if r.phase(storage::now_ms()) == storage::rounds::Phase::Closed => r,
        Ok(_) => return not_found(&headers),
        Err(e) => return failure(&headers, e.into()),
    };
    let lines = match crate::export::round_result_lines(db, &r).await {
        Ok(lines) => lines,
        Err(e) => return failure(&headers, e.into()),
    };
    let mut sides: Vec<SideResult> = Vec::new();
    for l in lines {
        if sides.last().is_none_or(|s| s.side != l.side) {
            sides.push(SideResult {
                side: l.side.clone(),
                official: l.official,
                voters: l.voters,
                ballots_counted: l.counted,
                ballots_rejected: l.rejected,
                lines: Vec::new(),
            });
        }
        if let Some(side) = sides.last_mut() {
            side.lines.push(ResultLine {
                proposal_id: l.proposal_id,
                title: l.proposal_title,
                rank: l.rank,
                score: l.score,
                adopted: l.adopted,
            });
        }
    }
    json(
        &headers,
        &RoundResults {
            round_id: id,
            sides,
        },
    )
}
