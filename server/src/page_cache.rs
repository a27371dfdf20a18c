//! The pages every anonymous reader of a language sees alike, kept rendered in memory.
//!
//! Most readers are not signed in, and for them a page depends only on its address, their
//! language and what the database holds. A rendered page is kept with the database's version
//! ([`service::pages::ChangeProbe`]) read before it was rendered, and served again only while that
//! version has not moved: any commit, by this server, another one or the command line, makes
//! every kept page stale at once, so no reader ever sees a page older than an acknowledged
//! write. What changes with time alone (a round opening or closing) ends a page's life at the
//! next such moment.
//!
//! Each answer still carries a Content-Security-Policy nonce of its own: the kept page's nonce
//! is replaced by the one drawn for this request ([`crate::content_security_policy`]).

use crate::PageNonce;
use app::request::{locale_of, LANG_COOKIE};
use axum::body::{to_bytes, Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::{Arc, Mutex};

/// How many bytes of pages are kept at most (the least recently served go first): addresses
/// are the reader's to choose (any query string), so the budget is in bytes, not pages.
const BUDGET: usize = 64 * 1024 * 1024;
/// Larger pages are rendered each time. A city's report (200 adopted proposals with their
/// arguments) is 2.5 MB of HTML, and is the page that most needs keeping.
const MAX_BODY: usize = 4 * 1024 * 1024;
/// The longest a page is kept, in case something shown depends on time in a way
/// [`service::pages::next_change_in_time`] does not know of.
const MAX_AGE_MS: i64 = 10 * 60 * 1000;
/// Says whether an answer came from the cache, for benchmarks and tests.
pub const CACHE_HEADER: &str = "x-page-cache";

/// One kept page.
struct Kept {
    version: i64,
    expires_at: i64,
    status: StatusCode,
    headers: HeaderMap,
    /// The body cut where its render's nonce stood, so an answer joins the pieces around
    /// its own nonce without searching the page again (slices of one buffer).
    pieces: Vec<Bytes>,
    /// The body's length as rendered: what it holds of the budget.
    len: usize,
}

/// The cache: kept pages and the probe that tells when they went stale.
pub struct PageCache {
    db: Option<service::Db>,
    probe: Option<service::pages::ChangeProbe>,
    pages: Mutex<KeptPages>,
}

/// The kept pages and the bytes they hold.
struct KeptPages {
    pages: lru::LruCache<String, Arc<Kept>>,
    bytes: usize,
}

impl PageCache {
    /// A cache watching `db`; it keeps nothing when the database cannot be watched.
    pub async fn new(db: &service::Db) -> Self {
        let probe = match service::pages::change_probe(db).await {
            Ok(probe) => probe,
            Err(e) => {
                tracing::warn!("pages will not be cached: {e}");
                None
            }
        };
        Self::with_probe(Some(db.clone()), probe)
    }

    /// A cache that keeps nothing.
    pub fn disabled() -> Self {
        Self::with_probe(None, None)
    }

    fn with_probe(db: Option<service::Db>, probe: Option<service::pages::ChangeProbe>) -> Self {
        PageCache {
            db,
            probe,
            pages: Mutex::new(KeptPages {
                pages: lru::LruCache::unbounded(),
                bytes: 0,
            }),
        }
    }

    fn get(&self, key: &str) -> Option<Arc<Kept>> {
        self.pages.lock().ok()?.pages.get(key).cloned()
    }

    fn put(&self, key: String, kept: Kept) {
        let Ok(mut kept_pages) = self.pages.lock() else {
            return;
        };
        let size = key.len() + kept.len;
        if let Some(old) = kept_pages.pages.put(key.clone(), Arc::new(kept)) {
            kept_pages.bytes -= key.len() + old.len;
        }
        kept_pages.bytes += size;
        while kept_pages.bytes > BUDGET {
            let Some((k, old)) = kept_pages.pages.pop_lru() else {
                break;
            };
            kept_pages.bytes -= k.len() + old.len;
        }
    }

    fn forget(&self, key: &str) {
        if let Ok(mut kept_pages) = self.pages.lock() {
            if let Some(old) = kept_pages.pages.pop(key) {
                kept_pages.bytes -= key.len() + old.len;
            }
        }
    }

    /// How many pages and bytes are kept.
    pub fn size(&self) -> (usize, usize) {
        self.pages
            .lock()
            .map(|k| (k.pages.len(), k.bytes))
            .unwrap_or_default()
    }
}

/// The cache key of a request whose page is the same for every anonymous reader of its
/// language, or `None`: only `GET` of a page (not the API, the files or search, whose
/// queries are the reader's own), without credentials, and with no cookie but the language.
fn key_of(req: &Request) -> Option<String> {
    if req.method() != Method::GET || req.headers().contains_key(header::AUTHORIZATION) {
        return None;
    }
    let path = req.uri().path();
    if ["/api/", "/pkg/", "/search"]
        .iter()
        .any(|p| path.starts_with(p))
    {
        return None;
    }
    for cookies in req.headers().get_all(header::COOKIE) {
        let only_language = cookies.to_str().is_ok_and(|c| {
            c.split(';')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .all(|c| c.split('=').next() == Some(LANG_COOKIE))
        });
        if !only_language {
            return None;
        }
    }
    let target = req.uri().path_and_query()?.as_str();
    Some(format!("{} {target}", locale_of(req.headers()).tag()))
}

/// Whether an answer may be kept: a whole HTML page that sets nothing on the client.
fn keepable(res: &Response) -> bool {
    let h = res.headers();
    res.status() == StatusCode::OK
        && h.get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|t| t.starts_with("text/html"))
        && !h.contains_key(header::SET_COOKIE)
        && !h.contains_key(header::CONTENT_ENCODING)
        && !h.contains_key(header::CACHE_CONTROL)
}

/// The middleware. It sits inside [`crate::content_security_policy`], which draws the nonce,
/// and outside compression, so kept pages are plain text whose nonce can be replaced.
pub async fn serve(State(cache): State<Arc<PageCache>>, req: Request, next: Next) -> Response {
    let (Some(probe), Some(key)) = (cache.probe.as_ref(), key_of(&req)) else {
        return next.run(req).await;
    };
    let Some(nonce) = req.extensions().get::<PageNonce>().map(|n| n.0.to_string()) else {
        return next.run(req).await;
    };
    // Read before rendering: a commit during the render moves the version, so the page
    // rendered from a mix of before and after is never served again.
    let Ok(version) = probe.version().await else {
        return next.run(req).await;
    };
    let now = service::now_ms();
    if let Some(kept) = cache.get(&key) {
        if kept.version == version && now < kept.expires_at {
            return answer(&kept, &nonce);
        }
        cache.forget(&key);
    }
    let res = next.run(req).await;
    if !keepable(&res) {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let body = match to_bytes(body, usize::MAX).await {
        Ok(body) => body,
        Err(e) => {
            // The render failed half-way; the reader would have had a broken page anyway.
            tracing::warn!("a page's render failed: {e}");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    // Browsers check again before showing it: the page changes with the next write.
    parts
        .headers
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if body.len() <= MAX_BODY {
        let next_change = match &cache.db {
            Some(db) => service::pages::next_change_in_time(db, now)
                .await
                .ok()
                .flatten(),
            None => None,
        };
        let expires_at = next_change.map_or(now + MAX_AGE_MS, |t| t.min(now + MAX_AGE_MS));
        cache.put(
            key,
            Kept {
                version,
                expires_at,
                status: parts.status,
                headers: parts.headers.clone(),
                pieces: pieces_around(&body, &nonce),
                len: body.len(),
            },
        );
    }
    parts
        .headers
        .insert(CACHE_HEADER, HeaderValue::from_static("miss"));
    Response::from_parts(parts, Body::from(body))
}

/// `body` cut at every occurrence of `nonce` (the whole body when there is none).
fn pieces_around(body: &Bytes, nonce: &str) -> Vec<Bytes> {
    let mut pieces = Vec::new();
    let mut start = 0;
    if !nonce.is_empty() {
        let needle = nonce.as_bytes();
        let mut i = 0;
        while i + needle.len() <= body.len() {
            if &body[i..i + needle.len()] == needle {
                pieces.push(body.slice(start..i));
                i += needle.len();
                start = i;
            } else {
                i += 1;
            }
        }
    }
    pieces.push(body.slice(start..));
    pieces
}

/// A kept page, with this request's nonce in place of the one it was rendered with.
fn answer(kept: &Kept, nonce: &str) -> Response {
    let mut body = Vec::with_capacity(kept.len);
    for (i, piece) in kept.pieces.iter().enumerate() {
        if i > 0 {
            body.extend_from_slice(nonce.as_bytes());
        }
        body.extend_from_slice(piece);
    }
    let mut res = Response::new(Body::from(body));
    *res.status_mut() = kept.status;
    *res.headers_mut() = kept.headers.clone();
    res.headers_mut()
        .insert(CACHE_HEADER, HeaderValue::from_static("hit"));
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(bytes: usize) -> Kept {
        Kept {
            version: 1,
            expires_at: i64::MAX,
            status: StatusCode::OK,
            headers: HeaderMap::new(),
            pieces: vec![Bytes::from(vec![b'x'; bytes])],
            len: bytes,
        }
    }

    #[test]
    fn the_least_recently_served_pages_go_when_the_budget_is_spent() {
        let cache = PageCache::disabled();
        let mb = 1024 * 1024;
        for i in 0..100 {
            cache.put(format!("fr /p/{i}"), page(mb));
            // The first page is served after every other one is kept: it stays.
            assert!(cache.get("fr /p/0").is_some(), "page 0 went at {i}");
        }
        let (pages, bytes) = cache.size();
        assert!(bytes <= BUDGET, "{bytes}");
        assert!(pages >= BUDGET / mb - 1 && pages < 100, "{pages}");
        assert!(
            cache.get("fr /p/1").is_none(),
            "the oldest unserved page went first"
        );
        assert!(cache.get("fr /p/99").is_some());
        // Replacing a page counts its bytes once.
        cache.put("fr /p/99".into(), page(10));
        cache.forget("fr /p/0");
        let (pages_after, bytes_after) = cache.size();
        assert_eq!(pages_after, pages - 1);
        assert_eq!(bytes_after, bytes - 2 * mb + 10 - "fr /p/0".len());
    }
}
