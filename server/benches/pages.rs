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

const PROPOSALS: usize = 1_000;
const COMMENTS: usize = 2_000;
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
    let (proposal, seeded) = seed(&db).await;
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

/// 1,000 published proposals in `education` by 50 authors, and 2,000 comments (threads of
/// replies, some with stances) on one of them; returns that proposal and the seeding time.
async fn seed(db: &Db) -> (i64, Duration) {
    let start = Instant::now();
    let mut authors = Vec::new();
    for i in 0..50 {
        let name = format!("auteur{i}");
        let id = storage::users::create_user(
            db,
            &storage::users::NewUser {
                username: &name,
                username_key: &name,
                username_skeleton: &name,
                display_name: &format!("Auteur {i}"),
                password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
                role: domain::Role::Citizen,
                name_public: false,
            },
        )
        .await
        .expect("user");
        authors.push(id.id);
    }
    let mut target = 0;
    for i in 0..PROPOSALS {
        let title = format!("Proposition n° {i} : former, informer et équiper les écoles");
        let id = storage::proposals::create_proposal(
            db,
            &storage::proposals::NewProposal {
                topic_id: domain::TopicId(1),
                author_id: authors[i % authors.len()],
                title: &title,
                summary: "Un résumé d’une ou deux phrases, comme en écrivent les citoyens pour \
                          présenter leur proposition.",
                body: "Un texte plus long, en **Markdown**, avec une liste :\n\n- un\n- deux\n",
                status: "published",
                visibility: "published",
            },
        )
        .await
        .expect("proposal");
        for fan in authors.iter().take(i % 7) {
            storage::proposals::set_support(db, id, *fan, true)
                .await
                .expect("support");
        }
        if i == 0 {
            target = id.into();
        }
    }
    let mut parents: Vec<(i64, i64, i64)> = Vec::new();
    for i in 0..COMMENTS {
        // Every fourth comment opens a thread; the others answer a recent one, to depth 4.
        let (parent, depth, root) = if i % 4 == 0 || parents.is_empty() {
            (None, 0, None)
        } else {
            let (p, d, r) = parents[parents.len() - 1 - (i % parents.len().min(3))];
            if d >= 4 {
                (Some(p), 4, Some(r))
            } else {
                (Some(p), d + 1, Some(r))
            }
        };
        let stance = [Some("pour"), Some("contre"), Some("neutre"), None][i % 4];
        let id = storage::comments::create_comment(
            db,
            &storage::comments::NewComment {
                topic_id: domain::TopicId(1),
                proposal_id: Some(domain::ProposalId(target)),
                parent_id: parent.map(domain::CommentId),
                depth,
                author_id: authors[i % authors.len()],
                body: "Un commentaire de quelques lignes, avec un [lien](https://example.org) \
                       et un peu de *mise en forme*, comme dans un vrai débat.",
                stance: if parent.is_none() { stance } else { None },
                visibility: "published",
                root_id: root.map(domain::CommentId),
            },
        )
        .await
        .expect("comment");
        parents.push((id.into(), depth, root.unwrap_or(id.into())));
    }
    (target, start.elapsed())
}
