//! The `convention` server: the axum router around the Leptos app, and its middleware.
//!
//! [`router`] builds the whole HTTP surface from an [`AppState`], so integration tests drive
//! exactly what production serves, with `tower::ServiceExt::oneshot`.

pub mod api;
pub mod cli;
pub mod echo;
pub mod export;
pub mod listen;
pub mod page_cache;
pub mod pdf;

use app::error::AppError;
use app::request::{locale_of, LANG_COOKIE};
use app::{shell, App};
use axum::body::{to_bytes, Body};
use axum::extract::{DefaultBodyLimit, FromRef, Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use leptos::config::LeptosOptions;
use leptos::prelude::{provide_context, use_context};
use leptos_axum::{generate_route_list, LeptosRoutes};
use service::AppState;
use std::collections::HashMap;
use std::sync::Arc;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;

/// Largest request body accepted; a form with a 20,000-character proposal fits many times.
pub const BODY_LIMIT: usize = 1024 * 1024;

/// The router's state: Leptos' options and the app's shared state.
#[derive(Clone)]
pub struct ServerState {
    /// Where the site's files are and how the page links them.
    pub leptos: LeptosOptions,
    /// Database and settings.
    pub app: AppState,
    /// The exact origin (`scheme://host[:port]`) state-changing requests must come from, when
    /// configured; otherwise the request's own `Host` is trusted.
    pub public_origin: Option<Arc<str>>,
    /// Refused plain form posts waiting to be shown again ([`echo`]).
    pub echoes: Arc<echo::Echoes>,
    /// Rendered pages for anonymous readers ([`page_cache`]).
    pub pages: Arc<page_cache::PageCache>,
}

impl ServerState {
    /// The state of a server of the site in `leptos` on `app`'s database; `public_origin` as
    /// in [`ServerState::public_origin`].
    pub async fn new(
        leptos: LeptosOptions,
        app: AppState,
        public_origin: Option<Arc<str>>,
    ) -> Self {
        let pages = Arc::new(page_cache::PageCache::new(&app.db).await);
        ServerState {
            leptos,
            app,
            public_origin,
            echoes: Default::default(),
            pages,
        }
    }
}

impl FromRef<ServerState> for LeptosOptions {
    fn from_ref(s: &ServerState) -> Self {
        s.leptos.clone()
    }
}

/// The whole HTTP surface.
pub fn router(state: ServerState) -> Router {
    // Generated once per process: while `generate_route_list` runs it sets a process-wide flag
    // that parks any resource first polled meanwhile, for ever (leptos-rs/leptos#4773). A second
    // router built while another serves pages (the integration tests build one per test, in
    // parallel) left a page render hanging about once in six runs. `get_or_init` makes every
    // router wait for the one generation, so none renders while it runs.
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    let routes = ROUTES.get_or_init(|| generate_route_list(App)).clone();
    let app_state = state.app.clone();
    let context = move || {
        provide_context(app_state.clone());
        if let Some(echo::PendingEcho(echo)) = use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<echo::PendingEcho>().cloned())
        {
            echo::provide(&echo);
        }
    };
    let leptos = state.leptos.clone();
    Router::new()
        .route("/healthz", get(healthz))
        // Browsers that ask for the old name get the one icon there is.
        .route(
            "/favicon.ico",
            get(|| async { axum::response::Redirect::permanent("/favicon.svg") }),
        )
        .route("/lang/{tag}", get(switch_language))
        .route("/admin/audit.csv", get(audit_csv))
        .route("/rounds/{id}/ballots.json", get(published_ballots))
        .route("/admin/report/download", get(report_download))
        .route("/report/download", get(published_report_download))
        .route("/open-data/{file}", get(open_data_file))
        .route("/account/data.json", get(my_data))
        .merge(api::routes(state.clone()))
        .merge(build_files(&state.leptos))
        .leptos_routes_with_context(&state, routes, context.clone(), move || {
            shell(leptos.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            ServerState,
            _,
        >(context, shell))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            echo::keep_refused_forms,
        ))
        .layer(middleware::from_fn(server_fn_status))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            private_and_secure,
        ))
        .layer(middleware::from_fn(slow_requests))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            same_origin_only,
        ))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn(content_security_policy))
        .layer(middleware::from_fn_with_state(
            state.pages.clone(),
            page_cache::serve,
        ))
        // The WASM shrinks to about a third; pages and JSON too.
        .layer(CompressionLayer::new())
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        // No other site may frame the pages (clickjacking a vote or a role change).
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        // Same-origin requests keep their Referer, which plain form posts are redirected back
        // to; other sites learn nothing of the page a link was followed from.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .with_state(state)
}

/// The whole moderation log as CSV, for moderators and organisers (a file download, so a plain
/// handler).
async fn audit_csv(State(state): State<ServerState>, headers: HeaderMap) -> Response {
    use app::error::AppError;
    let refuse = |e: AppError| refusal(&headers, e);
    if let Err(e) = caller(&state, &headers, domain::Role::can_moderate).await {
        return refuse(e);
    }
    let mut csv = String::from(domain::csv::BOM);
    csv.push_str(&domain::csv::line(&[
        "id",
        "date_utc",
        "actor",
        "action",
        "item_kind",
        "item_id",
        "reason",
    ]));
    let mut before = None;
    loop {
        let rows = match service::public::moderation_log(&state.app.db, before, 1000).await {
            Ok(rows) => rows,
            Err(e) => return refuse(e.into()),
        };
        let Some(last) = rows.last() else { break };
        before = Some(last.id);
        for r in &rows {
            csv.push_str(&domain::csv::line(&[
                &r.id.to_string(),
                &domain::time::iso_utc(r.created_at),
                r.actor_name.as_deref().unwrap_or(""),
                &r.action,
                &r.item_kind,
                &r.item_id.to_string(),
                &r.reason,
            ]));
        }
    }
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"journal-moderation.csv\"",
            ),
        ],
        csv,
    )
        .into_response()
}

/// A file download: the server names it, the browser saves it.
fn attachment(e: export::Export) -> Response {
    (
        [
            (header::CONTENT_TYPE, e.media_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", e.file_name),
            ),
            (
                header::LINK,
                format!("<{}>; rel=\"license\"", domain::opendata::LICENCE_URL),
            ),
            // An HTML report opened from the download runs and loads nothing either.
            (
                header::CONTENT_SECURITY_POLICY,
                domain::csp::OTHER.to_owned(),
            ),
        ],
        e.bytes,
    )
        .into_response()
}

/// An error as a plain-text answer in the reader's language.
fn refusal(headers: &HeaderMap, e: AppError) -> Response {
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, e.message(locale_of(headers))).into_response()
}

/// The signed-in caller if their role passes `allowed`; 401 without a session, 403 otherwise.
async fn caller(
    state: &ServerState,
    headers: &HeaderMap,
    allowed: impl Fn(domain::Role) -> bool,
) -> Result<service::accounts::CurrentUser, AppError> {
    let token = app::request::session_token(headers, state.app.auth.secure_cookies);
    match service::accounts::session_user(&state.app, token.as_deref()).await? {
        Some(user) if allowed(user.role) => Ok(user),
        Some(_) => Err(AppError::Forbidden),
        None => Err(AppError::Unauthenticated),
    }
}

/// `GET /admin/report/download?format=pdf|odt|md|html`: the report as it stands, for
/// organisers, published or not.
async fn report_download(
    State(state): State<ServerState>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    if let Err(e) = caller(&state, &headers, domain::Role::can_manage_accounts).await {
        return refusal(&headers, e);
    }
    report_file(&state, &query, &headers).await
}

/// `GET /report/download?format=pdf|odt|md|html`: the report, for anyone once the organisers
/// have published it; 404 before.
async fn published_report_download(
    State(state): State<ServerState>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    match service::report::published_at(&state.app.db).await {
        Ok(Some(_)) => report_file(&state, &query, &headers).await,
        Ok(None) => refusal(&headers, AppError::NotFound),
        Err(e) => refusal(&headers, e.into()),
    }
}

/// The report in the format `?format=` names (400 for another).
async fn report_file(
    state: &ServerState,
    query: &HashMap<String, String>,
    headers: &HeaderMap,
) -> Response {
    let Some(format) = query
        .get("format")
        .and_then(|f| export::ReportFormat::parse(f))
    else {
        return refusal(headers, AppError::BadRequest);
    };
    // The report's own words in the reader's language; what people wrote stays as written.
    let lang = domain::report::Lang::from_tag(locale_of(headers).tag());
    match export::report(&state.app, format, lang).await {
        Ok(e) => attachment(e),
        Err(e) => refusal(headers, e.into()),
    }
}

/// `GET /account/data.json`: everything about the signed-in person.
async fn my_data(State(state): State<ServerState>, headers: HeaderMap) -> Response {
    let refuse = |e: AppError| refusal(&headers, e);
    let user = match caller(&state, &headers, |_| true).await {
        Ok(user) => user,
        Err(e) => return refuse(e),
    };
    match export::my_data(&state.app.db, user.id).await {
        Ok(e) => attachment(e),
        Err(e) => refuse(e.into()),
    }
}

/// `GET /open-data/{dataset}.{csv|ods|json}`: a public dataset under the Licence Ouverte.
async fn open_data_file(
    State(state): State<ServerState>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Response {
    let refuse = |e: AppError| refusal(&headers, e);
    let parsed = file.rsplit_once('.').and_then(|(name, ext)| {
        Some((
            domain::opendata::Dataset::parse(name)?,
            domain::opendata::Format::parse(ext)?,
        ))
    });
    let Some((dataset, format)) = parsed else {
        return refuse(AppError::NotFound);
    };
    match export::dataset(&state.app, dataset, format).await {
        Ok(e) => attachment(e),
        Err(e) => refuse(e.into()),
    }
}

/// `GET /rounds/{id}/ballots.json[?side=members|public]`: a closed round's anonymised ballots
/// as a `convention tally` document with receipts. Public, like the results.
async fn published_ballots(
    State(state): State<ServerState>,
    Path(id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let refuse = |e: AppError| refusal(&headers, e);
    let Ok(id) = id.parse::<domain::RoundId>() else {
        return refuse(AppError::NotFound);
    };
    let side = match query.get("side").map(String::as_str) {
        None | Some("") => None,
        Some(s @ ("members" | "public")) => Some(s),
        Some(_) => return refuse(AppError::BadRequest),
    };
    match service::rounds::published_ballots(&state.app, id, side).await {
        Ok(doc) => (
            [
                (
                    header::CONTENT_TYPE,
                    "application/json; charset=utf-8".to_owned(),
                ),
                (
                    header::CONTENT_DISPOSITION,
                    format!(
                        "attachment; filename=\"scrutin-{id}{}-bulletins.json\"",
                        side.map(|s| format!("-{s}")).unwrap_or_default()
                    ),
                ),
            ],
            doc,
        )
            .into_response(),
        Err(e) => refuse(e.into()),
    }
}

/// `GET /healthz`: 200 when the database answers, 503 otherwise.
async fn healthz(State(state): State<ServerState>) -> (StatusCode, &'static str) {
    if state.app.db.ping().await {
        (StatusCode::OK, "ok\n")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n")
    }
}

/// `GET /lang/{tag}?next=/path`: remembers the language in a cookie and goes back.
async fn switch_language(
    Path(tag): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let next = query
        .get("next")
        .filter(|n| is_local_path(n))
        .cloned()
        .unwrap_or_else(|| "/".to_owned());
    let mut res = Redirect::to(&next).into_response();
    if let Some(locale) = app::i18n::Locale::from_tag(&tag) {
        let cookie = format!(
            "{LANG_COOKIE}={}; Path=/; SameSite=Lax; Max-Age=31536000",
            locale.tag()
        );
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            res.headers_mut().insert(header::SET_COOKIE, v);
        }
    }
    res
}

/// `Cache-Control: no-store` on every answer to a signed-in person but static files (their
/// pages, data and downloads must stay out of shared caches and the back-button cache once
/// they sign out) and on every answer that sets a cookie; HSTS when the site is public over
/// https, so a browser that came once never tries plain http again.
async fn private_and_secure(
    State(state): State<ServerState>,
    req: Request,
    next: Next,
) -> Response {
    let secure = state.app.auth.secure_cookies;
    let signed_in = app::request::session_token(req.headers(), secure).is_some();
    let mut res = next.run(req).await;
    let headers = res.headers_mut();
    const STATIC: [&str; 6] = [
        "application/wasm",
        "text/javascript",
        "application/javascript",
        "text/css",
        "image/",
        "font/",
    ];
    let is_static = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| STATIC.iter().any(|s| t.starts_with(s)));
    if (signed_in && !is_static) || headers.contains_key(header::SET_COOKIE) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if secure {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    res
}

/// The base64 SHA-256 digest of each inline script's text in `html`, as a policy lists them
/// (each once). The text between the tags is what the browser hashes: a script's content is
/// raw text in HTML, never decoded.
pub fn inline_script_digests(html: &str) -> Vec<String> {
    use base64::Engine;
    use sha2::Digest;
    let mut digests = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let Some(open_end) = rest[start..].find('>').map(|i| start + i + 1) else {
            break;
        };
        let Some(close) = rest[open_end..].find("</script>").map(|i| open_end + i) else {
            break;
        };
        if !rest[start..open_end].contains(" src=") {
            let digest = sha2::Sha256::digest(&rest.as_bytes()[open_end..close]);
            let digest = base64::engine::general_purpose::STANDARD.encode(digest);
            if !digests.contains(&digest) {
                digests.push(digest);
            }
        }
        rest = &rest[close..];
    }
    digests
}

/// Every answer's Content-Security-Policy: a page [`domain::csp::page`] with the digests of
/// its own inline scripts (the islands' bootstrap and Leptos' empty resource lists, the same
/// on every page); any other answer [`domain::csp::OTHER`], unless its handler chose one.
/// Digests rather than a nonce drawn per answer make a page the same bytes for every reader,
/// which the page cache then compresses once. (Leptos still writes a nonce of its own on the
/// scripts; the policy names none, so it allows nothing.) It sits inside the page cache, which
/// keeps a page with its policy, and inside compression, so it reads the page as rendered: a
/// page is whole before its first byte leaves anyway (every route renders asynchronously).
/// The header is decided here rather than by the page's render through `ResponseOptions`:
/// pages rendered that way were, about once in a hundred loads in the browser tests, answered
/// without their policy.
async fn content_security_policy(req: Request, next: Next) -> Response {
    let res = next.run(req).await;
    if res.headers().contains_key(header::CONTENT_SECURITY_POLICY) {
        return res;
    }
    let is_page = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    if !is_page {
        let mut res = res;
        res.headers_mut().insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(domain::csp::OTHER),
        );
        return res;
    }
    let (mut parts, body) = match whole_page(res).await {
        Ok(page) => page,
        Err(failed) => return failed,
    };
    let policy = domain::csp::page(&inline_script_digests(&String::from_utf8_lossy(&body)));
    parts.headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_str(&policy).unwrap_or(HeaderValue::from_static(domain::csp::OTHER)),
    );
    Response::from_parts(parts, Body::from(body))
}

/// A rendered page read whole, with its head; a render that failed half-way is a 500 (the
/// reader would have had a broken page anyway).
pub(crate) async fn whole_page(
    res: Response,
) -> Result<(http::response::Parts, axum::body::Bytes), Response> {
    let (parts, body) = res.into_parts();
    match to_bytes(body, usize::MAX).await {
        Ok(body) => Ok((parts, body)),
        Err(e) => {
            tracing::warn!("a page's render failed: {e}");
            Err(StatusCode::INTERNAL_SERVER_ERROR.into_response())
        }
    }
}

/// Only paths on this site: never `//host` or a scheme, which would make an open redirect.
/// Control characters and spaces are refused too: browsers drop tabs and line breaks from a
/// `Location` (so `/<TAB>/host` becomes `//host`), and a line break cannot go in a header.
fn is_local_path(p: &str) -> bool {
    p.starts_with('/')
        && !p.starts_with("//")
        && !p.contains('\\')
        && !p.contains(':')
        && !p.chars().any(|c| c.is_control() || c.is_whitespace())
}

/// Refuses state-changing requests sent by another site: `Sec-Fetch-Site` when the browser
/// sends it, otherwise an exact `Origin` match. Requests with neither header do not come from
/// a browser page and cannot carry a victim's cookies on its behalf.
async fn same_origin_only(State(state): State<ServerState>, req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    if is_same_origin(req.headers(), state.public_origin.as_deref()) {
        next.run(req).await
    } else {
        let msg = locale_of(req.headers()).texts().error_cross_origin;
        (StatusCode::FORBIDDEN, format!("{msg}\n")).into_response()
    }
}

/// Whether the request's headers show it comes from this site (see [`same_origin_only`]).
pub fn is_same_origin(headers: &HeaderMap, public_origin: Option<&str>) -> bool {
    if let Some(site) = headers.get("sec-fetch-site") {
        return matches!(site.to_str(), Ok("same-origin") | Ok("none"));
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        return true;
    };
    let Ok(origin) = origin.to_str() else {
        return false;
    };
    match public_origin {
        Some(expected) => origin == expected,
        None => headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .is_some_and(|host| {
                origin == format!("http://{host}") || origin == format!("https://{host}")
            }),
    }
}

/// A request unanswered after this long is logged while it is still running, so that a hang
/// shows in the log (a request that never ends would never be logged at its end).
const SLOW_REQUEST: std::time::Duration = std::time::Duration::from_secs(3);

/// Logs requests slower than [`SLOW_REQUEST`]: once when the threshold passes, once at the end.
/// Only the method and path are logged, never the query string, which may carry search terms.
async fn slow_requests(req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let started = std::time::Instant::now();
    let run = next.run(req);
    tokio::pin!(run);
    let res = tokio::select! {
        res = &mut run => return res,
        () = tokio::time::sleep(SLOW_REQUEST) => {
            tracing::warn!(%method, %path, "request unanswered after {} s", SLOW_REQUEST.as_secs());
            run.await
        }
    };
    tracing::warn!(
        %method,
        %path,
        status = res.status().as_u16(),
        elapsed_ms = started.elapsed().as_millis() as u64,
        "slow request answered"
    );
    res
}

/// Gives server-function errors (every `/api/…` route, which `leptos_routes_with_context`
/// registers) their real status (server_fn answers every error with a
/// 500) and makes sure no internal detail leaves: an internal error is logged and replaced by
/// a generic one carrying a correlation id.
async fn server_fn_status(req: Request, next: Next) -> Response {
    let res = next.run(req).await;
    if res.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !res.headers().contains_key(server_fn_error_header())
    {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let bytes = to_bytes(body, BODY_LIMIT).await.unwrap_or_default();
    let error = match serde_json::from_slice::<AppError>(&bytes) {
        Ok(AppError::Internal { reference }) if !reference.is_empty() => {
            AppError::Internal { reference }
        }
        Ok(AppError::Internal { .. }) | Err(_) => {
            service::internal("server function failed").into()
        }
        Ok(other) => other,
    };
    parts.status =
        StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = serde_json::to_vec(&error).unwrap_or_default();
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(body))
}

fn server_fn_error_header() -> &'static str {
    leptos::server_fn::error::SERVER_FN_ERROR_HEADER
}

/// Builds Leptos' options for a site whose files are in `site_root`. The pages link the
/// files of `site_root/pkg` under `/pkg/<digest of their contents>/` ([`build_digest`]), so
/// browsers may keep them for good and a new build is fetched under a new address.
pub fn leptos_options(site_root: &std::path::Path, addr: std::net::SocketAddr) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("convention")
        .site_root(site_root.to_string_lossy().into_owned())
        .site_pkg_dir(format!("pkg/{}", build_digest(&site_root.join("pkg"))))
        .site_addr(addr)
        .build()
}

/// The first 16 hex digits of a SHA-256 over the names and contents of the files in `dir`
/// (their precompressed copies aside), in name order; that of nothing when `dir` is missing.
pub fn build_digest(dir: &std::path::Path) -> String {
    use sha2::{Digest, Sha256};
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let path = e.path();
            if path.is_dir() {
                walk(&path, out);
            } else if !matches!(path.extension().and_then(|x| x.to_str()), Some("br" | "gz")) {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(dir, &mut files);
    files.sort();
    let mut hash = Sha256::new();
    for f in &files {
        hash.update(
            f.strip_prefix(dir)
                .unwrap_or(f)
                .to_string_lossy()
                .as_bytes(),
        );
        hash.update([0]);
        hash.update(std::fs::read(f).unwrap_or_default());
        hash.update([0]);
    }
    hash.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The site's build files under their digest address: kept by browsers for a year without
/// asking again, and sent as the `.br` or `.gz` copy made at build time when the browser
/// takes it (`cargo leptos build --release --precompress`); compressed on the fly otherwise.
fn build_files(leptos: &LeptosOptions) -> Router<ServerState> {
    let dir = std::path::Path::new(leptos.site_root.as_ref()).join("pkg");
    let files = tower_http::services::ServeDir::new(dir)
        .precompressed_br()
        .precompressed_gzip();
    Router::new().nest_service(
        &format!("/{}", leptos.site_pkg_dir),
        tower::ServiceBuilder::new()
            .layer(SetResponseHeaderLayer::overriding(
                header::CACHE_CONTROL,
                |res: &Response<tower_http::services::fs::ServeFileSystemResponseBody>| {
                    res.status()
                        .is_success()
                        .then_some(HeaderValue::from_static(
                            "public, max-age=31536000, immutable",
                        ))
                },
            ))
            .service(files),
    )
}

/// Finds the site's files (WASM, JS, CSS): `LEPTOS_SITE_ROOT` when set (cargo-leptos sets
/// it), else `site/` next to the executable, else `../site` (the `target/` layout), so a
/// deployment is the binary plus its `site` folder, from any working directory.
pub fn find_site_root() -> Option<std::path::PathBuf> {
    if let Some(root) = std::env::var_os("LEPTOS_SITE_ROOT") {
        return Some(root.into());
    }
    let exe = std::env::current_exe().ok()?;
    let dir = exe.parent()?;
    [dir.join("site"), dir.join("../site")]
        .into_iter()
        .find(|d| d.join("pkg").is_dir())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_are_listed_by_the_digest_of_their_raw_text() {
        // Digests from Python's hashlib, as a browser computes them.
        let html = r#"<head><script type="module" nonce="x">__INCOMPLETE_CHUNKS=[];</script>
            <script src="/pkg/app.js"></script><script>let a = "<b>";</script>
            <script nonce="y">__INCOMPLETE_CHUNKS=[];</script></head>"#;
        assert_eq!(
            inline_script_digests(html),
            [
                "PEoA+SZ6ZbFCusLsUEMftpXvTp6Abhw9kvgQnCC8l3U=",
                "Yec60kKRbfUEVY+af2er7srYeGCy7INO1VppjnXhVdM=",
            ]
        );
        assert!(inline_script_digests("<p>no script</p>").is_empty());
    }
}
