//! The public read API, `/api/v1`: topics, proposals, comments, rounds and their results as
//! JSON. It answers everyone alike, as an anonymous visitor sees the pages (the open data's
//! rules: published content only, authors by display name, results once a round has closed),
//! and never reads a session cookie. Lists are paged by id (`after` the last id seen), every
//! answer carries an `ETag` and honours `If-None-Match`, and each client address gets a budget
//! of requests per minute, counted in the database so that every server of a site shares it.
//! The OpenAPI 3 document at `/api/v1/openapi.json` is generated from these handlers.

mod comments;
mod proposals;
mod rounds;
mod topics;

pub use comments::Comment;
pub use proposals::Proposal;
pub use rounds::{ResultLine, Round, RoundResults, SideResult};
pub use topics::Topic;

use crate::ServerState;
use app::error::AppError;
use app::i18n::Texts;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::{Deserialize, Serialize};
use service::public::Slice;
use sha2::{Digest, Sha256};
use utoipa::{IntoParams, OpenApi, ToSchema};

/// Items per page unless `limit` says otherwise.
pub const DEFAULT_LIMIT: i64 = 50;
/// Most items per page.
pub const MAX_LIMIT: i64 = 200;

/// The API's routes, rate-limited.
pub fn routes(state: ServerState) -> Router<ServerState> {
    Router::new()
        .route("/api/v1/openapi.json", get(openapi))
        .route("/api/v1/topics", get(topics::list_topics))
        .route("/api/v1/topics/{slug}", get(topics::get_topic))
        .route("/api/v1/proposals", get(proposals::list_proposals))
        .route("/api/v1/proposals/{id}", get(proposals::get_proposal))
        .route("/api/v1/comments", get(comments::list_comments))
        .route("/api/v1/comments/{id}", get(comments::get_comment))
        .route("/api/v1/rounds", get(rounds::list_rounds))
        .route("/api/v1/rounds/{id}", get(rounds::get_round))
        .route("/api/v1/rounds/{id}/results", get(rounds::round_results))
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
        topics::list_topics,
        topics::get_topic,
        proposals::list_proposals,
        proposals::get_proposal,
        comments::list_comments,
        comments::get_comment,
        rounds::list_rounds,
        rounds::get_round,
        rounds::round_results
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

/// A 400 answer whose message is one of the interface's texts, in the caller's language.
fn bad_request(headers: &HeaderMap, text: fn(&Texts) -> &'static str) -> Response {
    let message = text(app::request::locale_of(headers).texts());
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
    let key = domain::rate::address_key(address);
    match service::operator::api_request(&state.app.db, &key, limit).await {
        Ok(()) => next.run(req).await,
        Err(service::Error::RateLimited { retry_after_secs }) => {
            let mut res = failure(req.headers(), AppError::RateLimited { retry_after_secs });
            if let Ok(v) = HeaderValue::from_str(&retry_after_secs.to_string()) {
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

/// Why a request is refused with 400: which of the interface's texts says it.
struct Invalid(fn(&Texts) -> &'static str);

impl Invalid {
    fn answer(self, headers: &HeaderMap) -> Response {
        bad_request(headers, self.0)
    }
}

/// The page asked for.
fn page(q: Result<Query<PageQuery>, QueryRejection>) -> Result<(i64, i64), Invalid> {
    let Ok(Query(q)) = q else {
        return Err(Invalid(|t| t.error_api_page_numbers));
    };
    let after = q.after.unwrap_or(0);
    let limit = q.limit.unwrap_or(DEFAULT_LIMIT);
    if after < 0 || !(1..=MAX_LIMIT).contains(&limit) {
        return Err(Invalid(|t| t.error_api_page_range));
    }
    Ok((after, limit))
}

fn topic_filter(q: Result<Query<TopicQuery>, QueryRejection>) -> Result<Option<String>, Invalid> {
    match q {
        Ok(Query(TopicQuery { topic: None })) => Ok(None),
        Ok(Query(TopicQuery { topic: Some(t) })) if is_slug(&t) => Ok(Some(t)),
        _ => Err(Invalid(|t| t.error_api_topic_param)),
    }
}

/// The one row asked for, as JSON, or 404 when the slice found none.
fn first_or_404<R, T: Serialize>(
    headers: &HeaderMap,
    rows: Result<Vec<R>, service::Error>,
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
fn path_id<Id: From<i64>>(p: Result<Path<i64>, PathRejection>) -> Option<Id> {
    match p {
        Ok(Path(id)) if id >= 1 => Some(Id::from(id)),
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
fn page_of<R, T: Serialize, Id: Into<i64>>(
    headers: &HeaderMap,
    path: &str,
    rows: Vec<R>,
    id: impl Fn(&R) -> Id,
    limit: i64,
    extra: &[(&str, String)],
    item: impl Fn(R) -> T,
) -> Response {
    let next = next_link(
        path,
        rows.last().map(|r| id(r).into()),
        rows.len(),
        limit,
        extra,
    );
    let items: Vec<T> = rows.into_iter().map(item).collect();
    json(headers, &Page { items, next })
}
