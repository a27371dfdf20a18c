//! Server time per page on a city-sized topic: a topic with 1,000 proposals and a proposal with
//! 2,000 comments, rendered whole (HTML and hydration data) through the real router, on SQLite
//! and, when TEST_POSTGRES_URL is set, on PostgreSQL.
//!
//! `cargo bench -p server --bench pages` (or `bench/run.sh`). Every figure is compared with a
//! baseline measured in the same run on the same database: the home page, which renders the
//! same shell (header, session lookup, hydration script) around five topics. The last column
//! is the same page served again from the anonymous page cache.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use std::time::{Duration, Instant};
use storage::Db;
use tower::ServiceExt;

use service::demo::{CITY_COMMENTS as COMMENTS, CITY_PROPOSALS as PROPOSALS};
const ROUNDS: usize = 60;

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        for backend in ["sqlite", "postgres"] {
            if backend == "postgres" && std::env::var("TEST_POSTGRES_URL").is_err() {
                continue;
            }
            let scratch = storage::scratch::Scratch::new(backend, "convention_bench")
                .await
                .expect("a fresh database");
            run(backend, scratch.db.clone()).await;
            scratch.remove().await;
        }
    });
}

async fn run(backend: &str, db: Db) {
    let started = Instant::now();
    let proposal = i64::from(
        service::demo::city(&db)
            .await
            .expect("city-sized content")
            .expect("a fresh database"),
    );
    let seeded = started.elapsed();
    let state = server::ServerState::new(
        server::leptos_options(&std::env::temp_dir(), ([127, 0, 0, 1], 3000).into()),
        service::AppState::new(db.clone(), service::AuthConfig::default())
            .await
            .expect("state"),
        None,
    )
    .await;
    // Anonymous pages are kept rendered (`server::page_cache`): one router renders every
    // time, to measure the work itself, the other serves what it keeps.
    let kept_router = server::router(state.clone());
    let router = server::router(server::ServerState {
        pages: std::sync::Arc::new(server::page_cache::PageCache::disabled()),
        ..state
    });
    println!("\n{backend}: seeded {PROPOSALS} proposals and {COMMENTS} comments in {seeded:.1?}");
    println!(
        "{:<44} {:>10} {:>10} {:>10} {:>9} {:>10}",
        "page", "median", "p95", "bytes", "× home", "kept"
    );
    let base = measure(&router, "/").await;
    let pages = [
        ("/ (baseline: home)".to_owned(), "/".to_owned()),
        (
            format!("/topics/education ({PROPOSALS} proposals, first page)"),
            "/topics/education".to_owned(),
        ),
        (
            "/topics/education?sort=supported".to_owned(),
            "/topics/education?sort=supported".to_owned(),
        ),
        (
            format!("/proposals/{proposal} ({COMMENTS} comments)"),
            format!("/proposals/{proposal}"),
        ),
    ];
    for (label, path) in pages {
        let m = if path == "/" {
            base.clone()
        } else {
            measure(&router, &path).await
        };
        let kept = measure(&kept_router, &path).await;
        println!(
            "{:<44} {:>10.2?} {:>10.2?} {:>10} {:>9.1} {:>10.2?}",
            label,
            m.median,
            m.p95,
            m.bytes,
            m.median.as_secs_f64() / base.median.as_secs_f64(),
            kept.median,
        );
    }
    db.close().await;
}

#[derive(Clone)]
struct Measure {
    median: Duration,
    p95: Duration,
    bytes: usize,
}

async fn measure(router: &axum::Router, path: &str) -> Measure {
    let mut times = Vec::with_capacity(ROUNDS);
    let mut bytes = 0;
    // Two warm-up requests fill the connection pool and the statement caches.
    for round in 0..ROUNDS + 2 {
        let req = Request::get(path)
            .header(header::ACCEPT, "text/html")
            .body(Body::empty())
            .expect("request");
        let start = Instant::now();
        let res = router.clone().oneshot(req).await.expect("answer");
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        let body = res.into_body().collect().await.expect("body").to_bytes();
        let elapsed = start.elapsed();
        assert!(
            body.ends_with(b"</html>") || body.len() > 1000,
            "{path} incomplete"
        );
        if round >= 2 {
            times.push(elapsed);
            bytes = body.len();
        }
    }
    times.sort();
    Measure {
        median: times[times.len() / 2],
        p95: times[times.len() * 95 / 100],
        bytes,
    }
}
