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
//! A kept page is the same bytes for every reader (its scripts are allowed by their digests,
//! not a nonce per answer), so it is compressed once, in the background after it is kept, and
//! each later answer sends those bytes as they are.

use app::request::{locale_of, LANG_COOKIE};
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

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
    body: Bytes,
    /// The body compressed with brotli and with gzip, once made.
    compressed: OnceLock<Compressed>,
}

/// A kept page's body in each encoding browsers ask for.
struct Compressed {
    br: Bytes,
    gzip: Bytes,
}

impl Kept {
    /// What it holds of the budget: its body, and room for its compressed copies (HTML
    /// compresses to well under a quarter of its size).
    fn cost(&self) -> usize {
        self.body.len() + self.body.len() / 4
    }
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

    fn put(&self, key: String, kept: Arc<Kept>) {
        let Ok(mut kept_pages) = self.pages.lock() else {
            return;
        };
        let size = key.len() + kept.cost();
        if let Some(old) = kept_pages.pages.put(key.clone(), kept) {
            kept_pages.bytes -= key.len() + old.cost();
        }
        kept_pages.bytes += size;
        while kept_pages.bytes > BUDGET {
            let Some((k, old)) = kept_pages.pages.pop_lru() else {
                break;
            };
            kept_pages.bytes -= k.len() + old.cost();
        }
    }

    fn forget(&self, key: &str) {
        if let Ok(mut kept_pages) = self.pages.lock() {
            if let Some(old) = kept_pages.pages.pop(key) {
                kept_pages.bytes -= key.len() + old.cost();
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

/// The middleware. The compression layer wraps it: a page is kept as rendered, and a kept page
/// sent already compressed passes through that layer untouched.
pub async fn serve(State(cache): State<Arc<PageCache>>, req: Request, next: Next) -> Response {
    let (Some(probe), Some(key)) = (cache.probe.as_ref(), key_of(&req)) else {
        return next.run(req).await;
    };
    let encoding = Encoding::accepted(req.headers());
    // Read before rendering: a commit during the render moves the version, so the page
    // rendered from a mix of before and after is never served again.
    let Ok(version) = probe.version().await else {
        return next.run(req).await;
    };
    let now = service::now_ms();
    if let Some(kept) = cache.get(&key) {
        if kept.version == version && now < kept.expires_at {
            return answer(&kept, encoding);
        }
        cache.forget(&key);
    }
    let res = next.run(req).await;
    if !keepable(&res) {
        return res;
    }
    let (mut parts, body) = match crate::whole_page(res).await {
        Ok(page) => page,
        Err(failed) => return failed,
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
        let kept = Arc::new(Kept {
            version,
            expires_at,
            status: parts.status,
            headers: parts.headers.clone(),
            body: body.clone(),
            compressed: OnceLock::new(),
        });
        cache.put(key, kept.clone());
        // Off the request's path: until it is done, answers are compressed as they go out.
        tokio::task::spawn_blocking(move || {
            let _ = kept.compressed.set(Compressed::of(&kept.body));
        });
    }
    parts
        .headers
        .insert(CACHE_HEADER, HeaderValue::from_static("miss"));
    Response::from_parts(parts, Body::from(body))
}

/// The encodings a kept page is sent in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Encoding {
    Brotli,
    Gzip,
    /// As rendered (the compression layer may still compress it).
    Identity,
}

impl Encoding {
    /// The best encoding `Accept-Encoding` allows: brotli, then gzip (either refused by a zero
    /// quality).
    fn accepted(headers: &HeaderMap) -> Encoding {
        // Written here: tower-http negotiates the same header, but only inside its compression
        // layer (private), which compresses each answer anew; it cannot send bytes kept
        // compressed in memory.
        let mut brotli = false;
        let mut gzip = false;
        for value in headers.get_all(header::ACCEPT_ENCODING) {
            for part in value.to_str().unwrap_or("").split(',') {
                let mut fields = part.split(';');
                let name = fields.next().unwrap_or("").trim().to_ascii_lowercase();
                let refused = fields
                    .filter_map(|f| f.trim().strip_prefix("q="))
                    .any(|q| q.trim().parse::<f32>().is_ok_and(|q| q <= 0.0));
                match name.as_str() {
                    "br" => brotli = !refused,
                    "gzip" => gzip = !refused,
                    _ => {}
                }
            }
        }
        if brotli {
            Encoding::Brotli
        } else if gzip {
            Encoding::Gzip
        } else {
            Encoding::Identity
        }
    }
}

impl Compressed {
    /// Both encodings of `body`, at levels worth their time for bytes sent many times.
    fn of(body: &[u8]) -> Compressed {
        let mut br = Vec::with_capacity(body.len() / 5);
        {
            let mut w = brotli::CompressorWriter::new(&mut br, 4096, 7, 22);
            // Writing into memory cannot fail.
            let _ = w.write_all(body);
        }
        let mut gz = flate2::write::GzEncoder::new(
            Vec::with_capacity(body.len() / 4),
            flate2::Compression::new(7),
        );
        let _ = gz.write_all(body);
        Compressed {
            br: Bytes::from(br),
            gzip: Bytes::from(gz.finish().unwrap_or_default()),
        }
    }
}

/// A kept page, compressed in the reader's encoding when its compressed copies are made.
fn answer(kept: &Kept, encoding: Encoding) -> Response {
    let compressed = kept.compressed.get();
    let (body, name) = match (encoding, compressed) {
        (Encoding::Brotli, Some(c)) => (c.br.clone(), Some("br")),
        (Encoding::Gzip, Some(c)) => (c.gzip.clone(), Some("gzip")),
        _ => (kept.body.clone(), None),
    };
    let body_len = body.len();
    let mut res = Response::new(Body::from(body));
    *res.status_mut() = kept.status;
    *res.headers_mut() = kept.headers.clone();
    let headers = res.headers_mut();
    if let Some(name) = name {
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(name));
        headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
        // Known in advance, unlike a copy compressed on the way out.
        headers.insert(header::CONTENT_LENGTH, HeaderValue::from(body_len));
    }
    headers.insert(CACHE_HEADER, HeaderValue::from_static("hit"));
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(bytes: usize) -> Arc<Kept> {
        Arc::new(Kept {
            version: 1,
            expires_at: i64::MAX,
            status: StatusCode::OK,
            headers: HeaderMap::new(),
            body: Bytes::from(vec![b'x'; bytes]),
            compressed: OnceLock::new(),
        })
    }

    #[test]
    fn the_least_recently_served_pages_go_when_the_budget_is_spent() {
        let cache = PageCache::disabled();
        let mb = 1024 * 1024;
        let cost = page(mb).cost();
        for i in 0..100 {
            cache.put(format!("fr /p/{i}"), page(mb));
            // The first page is served after every other one is kept: it stays.
            assert!(cache.get("fr /p/0").is_some(), "page 0 went at {i}");
        }
        let (pages, bytes) = cache.size();
        assert!(bytes <= BUDGET, "{bytes}");
        assert!(pages >= BUDGET / cost - 1 && pages < 100, "{pages}");
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
        assert_eq!(
            bytes_after,
            bytes - 2 * cost + page(10).cost() - "fr /p/0".len()
        );
    }

    fn accepting(value: &str) -> Encoding {
        let mut h = HeaderMap::new();
        h.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_str(value).unwrap(),
        );
        Encoding::accepted(&h)
    }

    #[test]
    fn the_encoding_is_the_best_the_reader_accepts() {
        assert_eq!(accepting("gzip, deflate, br, zstd"), Encoding::Brotli);
        assert_eq!(accepting("gzip, deflate"), Encoding::Gzip);
        assert_eq!(accepting("BR;q=0.5, gzip;q=1"), Encoding::Brotli);
        assert_eq!(accepting("br;q=0, gzip"), Encoding::Gzip);
        assert_eq!(accepting("br;q=0.0, gzip; q=0"), Encoding::Identity);
        assert_eq!(accepting("identity"), Encoding::Identity);
        assert_eq!(Encoding::accepted(&HeaderMap::new()), Encoding::Identity);
    }

    #[test]
    fn a_kept_page_is_sent_compressed_once_its_copies_are_made() {
        use std::io::Read;
        let html = "<!DOCTYPE html><p>Débat citoyen</p>".repeat(500);
        let kept = Kept {
            version: 1,
            expires_at: i64::MAX,
            status: StatusCode::OK,
            headers: HeaderMap::new(),
            body: Bytes::from(html.clone()),
            compressed: OnceLock::new(),
        };
        // Before the copies are made, the page goes out as rendered.
        let res = answer(&kept, Encoding::Brotli);
        assert!(!res.headers().contains_key(header::CONTENT_ENCODING));
        let _ = kept.compressed.set(Compressed::of(&kept.body));
        let c = kept.compressed.get().unwrap();
        assert!(c.br.len() < html.len() / 20 && c.gzip.len() < html.len() / 10);
        let mut back = String::new();
        brotli::Decompressor::new(&c.br[..], 4096)
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, html);
        back.clear();
        flate2::read::GzDecoder::new(&c.gzip[..])
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, html);
        for (encoding, name) in [(Encoding::Brotli, "br"), (Encoding::Gzip, "gzip")] {
            let res = answer(&kept, encoding);
            assert_eq!(res.headers()[header::CONTENT_ENCODING], name);
            assert_eq!(res.headers()[header::VARY], "accept-encoding");
            assert_eq!(res.headers()[CACHE_HEADER], "hit");
            let len = if name == "br" {
                c.br.len()
            } else {
                c.gzip.len()
            };
            assert_eq!(
                res.headers()[header::CONTENT_LENGTH],
                len.to_string().as_str()
            );
        }
        let res = answer(&kept, Encoding::Identity);
        assert!(!res.headers().contains_key(header::CONTENT_ENCODING));
    }
}
