//! Test harness: the whole router on a fresh database of each backend.

#![allow(dead_code)]

use app::error::AppError;
use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::Router;
use domain::Role;
use http_body_util::BodyExt;
use server::{leptos_options, router, ServerState};
use service::{AppState, AuthConfig};
use std::future::Future;
use storage::Db;
use tower::ServiceExt;

mod encode;
pub use encode::enc;

/// A router on a fresh database, and that database.
#[derive(Clone)]
pub struct TestApp {
    pub router: Router,
    pub db: Db,
    /// The use cases' state the router serves (its ballot key included).
    pub state: AppState,
    pub backend: &'static str,
}

impl TestApp {
    /// The same database served under other settings (behind a proxy, over https, with a
    /// stricter read-API budget).
    pub async fn configured(
        &self,
        auth: service::AuthConfig,
        public_origin: Option<&str>,
    ) -> TestApp {
        // The same ballot key: sealed ballots stay readable whichever router counts them.
        let app = service::AppState {
            ballot_key: self.state.ballot_key.clone(),
            ..service::AppState::new(self.db.clone(), auth).await.unwrap()
        };
        let state = server::ServerState::new(
            server::leptos_options(&std::env::temp_dir(), ([127, 0, 0, 1], 3000).into()),
            app.clone(),
            public_origin.map(Into::into),
        )
        .await;
        TestApp {
            router: server::router(state),
            db: self.db.clone(),
            state: app,
            backend: self.backend,
        }
    }
}

/// A response, read whole.
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Reply {
    /// The session token the response sets, if any (empty when it clears it).
    pub fn session_cookie(&self) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|c| c.strip_prefix("convention_session="))
            .map(|rest| rest.split(';').next().unwrap_or("").to_owned())
    }
}

/// Runs `test` once on SQLite and once on PostgreSQL (`TEST_POSTGRES_URL`).
pub async fn on_backend<F, Fut>(backend: &'static str, test: F)
where
    F: FnOnce(TestApp) -> Fut,
    Fut: Future<Output = ()>,
{
    let scratch = storage::scratch::Scratch::new(backend, "convention_test")
        .await
        .expect("a fresh database");
    test(build(scratch.db.clone(), scratch.backend).await).await;
    scratch.remove().await;
}

/// The one runtime every test of this binary runs on. Leptos hands work to a process-wide
/// executor (`any_spawner`), so with a runtime per test (`#[tokio::test]`) a page rendered in
/// one test could wait on a task stranded in another test's runtime after it shut down: about
/// one page in a few hundred then never finished. A server has one runtime; so do the tests.
pub fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: std::sync::OnceLock<tokio::runtime::Runtime> = std::sync::OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("test runtime")
    })
}

/// Declares one test per backend for an `async fn(TestApp)`, on the shared [`runtime`].
#[macro_export]
macro_rules! backend_tests {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[test]
            fn $name() {
                $crate::support::runtime()
                    .block_on($crate::support::on_backend("sqlite", super::$name))
            }
            )*
        }
        mod postgres {
            $(#[test]
            fn $name() {
                $crate::support::runtime()
                    .block_on($crate::support::on_backend("postgres", super::$name))
            }
            )*
        }
    };
}

pub async fn build(db: Db, backend: &'static str) -> TestApp {
    let app = AppState::new(db.clone(), AuthConfig::default())
        .await
        .expect("state");
    let state = ServerState::new(
        leptos_options(&std::env::temp_dir(), ([127, 0, 0, 1], 3000).into()),
        app.clone(),
        None,
    )
    .await;
    TestApp {
        router: router(state),
        db,
        state: app,
        backend,
    }
}

pub fn form(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k.as_bytes()), enc(v.as_bytes())))
        .collect::<Vec<_>>()
        .join("&")
}

impl TestApp {
    /// Sends a request and reads the whole answer.
    pub async fn send(&self, req: Request<Body>) -> Reply {
        let what = format!("{} {}", req.method(), req.uri());
        // A request that never completes must fail the test, not hang the whole suite.
        let res = tokio::time::timeout(
            std::time::Duration::from_secs(30),
            self.router.clone().oneshot(req),
        )
        .await
        .unwrap_or_else(|_| panic!("{what} did not answer within 30 s"))
        .expect("router answers");
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.expect("body").to_bytes();
        Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    /// Calls a server function the way the hydrated page does (form-encoded, no `text/html`).
    pub async fn call_raw(&self, name: &str, body: impl Into<Body>, cookie: Option<&str>) -> Reply {
        let mut req = Request::post(format!("/api/{name}"))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, format!("convention_session={c}"));
        }
        self.send(req.body(body.into()).expect("request")).await
    }

    /// Calls a server function as a client connected from `ip`.
    pub async fn call_from(&self, ip: &str, name: &str, fields: &[(&str, &str)]) -> Reply {
        let ip: std::net::IpAddr = ip.parse().expect("an IP address");
        let addr = std::net::SocketAddr::new(ip, 40000);
        let mut req = Request::post(format!("/api/{name}"))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .body(Body::from(form(fields)))
            .expect("request");
        req.extensions_mut()
            .insert(axum::extract::ConnectInfo(addr));
        self.send(req).await
    }

    pub async fn call(&self, name: &str, fields: &[(&str, &str)], cookie: Option<&str>) -> Reply {
        self.call_raw(name, form(fields), cookie).await
    }

    pub async fn get(&self, path: &str, cookie: Option<&str>) -> Reply {
        let mut req = Request::get(path).header(header::ACCEPT, "text/html");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, format!("convention_session={c}"));
        }
        self.send(req.body(Body::empty()).expect("request")).await
    }

    /// Registers an account and returns its session token.
    pub async fn register(&self, username: &str, password: &str) -> String {
        let r = self
            .call(
                "register",
                &[
                    ("username", username),
                    ("display_name", username),
                    ("password", password),
                ],
                None,
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "register {username}: {}", r.body);
        r.session_cookie().expect("register sets a session cookie")
    }

    pub async fn login(&self, username: &str, password: &str) -> Reply {
        self.call(
            "login",
            &[("username", username), ("password", password)],
            None,
        )
        .await
    }

    pub async fn user_count(&self) -> i64 {
        storage::with_pool!(&self.db, p => sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM users").fetch_one(p).await.expect("count"))
    }

    pub async fn user_id(&self, username: &str) -> domain::UserId {
        storage::users::find_user_by_key(&self.db, &username.to_lowercase())
            .await
            .expect("lookup")
            .expect("user exists")
            .id
    }

    pub async fn whoami(&self, cookie: &str) -> Option<String> {
        let r = self.call("session", &[], Some(cookie)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let v: serde_json::Value = serde_json::from_str(&r.body).expect("json");
        v.get("username")
            .and_then(|u| u.as_str())
            .map(str::to_owned)
    }
}

/// Waits, when needed, until the next `secs` seconds cross no rate-limit window edge. The limits
/// count in fixed windows, so a test filling one and expecting the refusal fails whenever the
/// clock turns a window over midway (it did once in CI). Every window is a multiple of their
/// greatest common divisor, so staying inside one span of that grid stays inside all windows.
pub async fn clear_of_window_edges(secs: i64) {
    use domain::rate::Action;
    fn gcd(a: i64, b: i64) -> i64 {
        if b == 0 {
            a
        } else {
            gcd(b, a % b)
        }
    }
    let grid = Action::ALL
        .iter()
        .flat_map(|a| a.per_account().into_iter().chain([a.per_address()]))
        .fold(0, |g, l| gcd(g, l.window_ms));
    assert!(
        secs * 1000 < grid / 2,
        "a test needing {secs} s would wait too long"
    );
    let now = storage::now_ms();
    let left = grid - now.rem_euclid(grid);
    if left < secs * 1000 {
        tokio::time::sleep(std::time::Duration::from_millis((left + 50) as u64)).await;
    }
}

/// The password every test account uses.
pub const PW: &str = "une phrase de passe solide";

/// The error a server function answered with.
pub fn error_of(body: &str) -> AppError {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("not an AppError ({e}): {body}"))
}

/// One account per role, plus a suspended one (whose session was ended by the suspension).
pub async fn cast(t: &TestApp) -> Vec<(&'static str, Option<String>)> {
    let organiser = t.register("orga", PW).await;
    storage::users::set_role(&t.db, t.user_id("orga").await, Role::Organiser, None)
        .await
        .unwrap();
    let mut cast = vec![("anonymous", None), ("organiser", Some(organiser))];
    for (name, role) in [
        ("citizen", Role::Citizen),
        ("member", Role::Member),
        ("moderator", Role::Moderator),
    ] {
        let cookie = t.register(name, PW).await;
        storage::users::set_role(&t.db, t.user_id(name).await, role, None)
            .await
            .unwrap();
        cast.push((name, Some(cookie)));
    }
    let suspended = t.register("suspendu", PW).await;
    let orga_id = t.user_id("orga").await;
    storage::users::set_suspended(
        &t.db,
        t.user_id("suspendu").await,
        storage::users::Suspension::Ban,
        orga_id,
        "",
    )
    .await
    .unwrap();
    cast.push(("suspended", Some(suspended)));
    cast
}

/// A server function, its arguments, and the status the caller must get.
pub type Case<'a> = (&'a str, Vec<(&'a str, String)>, StatusCode);

/// Calls every case as `who` (with `cookie`) and checks each status, in order.
pub async fn expect_statuses(t: &TestApp, who: &str, cookie: Option<&str>, cases: Vec<Case<'_>>) {
    for (name, fields, expected) in cases {
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let r = t.call(name, &fields, cookie).await;
        assert_eq!(
            r.status, expected,
            "[{}] {who} calling {name}: {}",
            t.backend, r.body
        );
    }
}

/// A JSON answer.
pub fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("not JSON ({e}): {body}"))
}

/// One number from the test database.
pub async fn scalar(t: &TestApp, sql: &str) -> i64 {
    storage::with_pool!(&t.db, p => sqlx::query_scalar::<_, i64>(sql).fetch_one(p).await.expect(sql))
}

/// A statement on the test database, for states no server function reaches directly.
pub async fn exec(t: &TestApp, sql: &str) {
    storage::with_pool!(&t.db, p => { sqlx::query(sql).execute(p).await.expect(sql); });
}

/// An account with `role`, signed in; its session token.
pub async fn role(t: &TestApp, name: &str, role: Role) -> String {
    let cookie = t.register(name, PW).await;
    storage::users::set_role(&t.db, t.user_id(name).await, role, None)
        .await
        .unwrap();
    cookie
}

/// Calls a server function that must answer 200; its JSON answer (`null` when empty).
pub async fn ok_as(
    t: &TestApp,
    name: &str,
    fields: &[(&str, &str)],
    cookie: Option<&str>,
) -> serde_json::Value {
    let r = t.call(name, fields, cookie).await;
    assert_eq!(
        r.status,
        StatusCode::OK,
        "[{}] {name}: {}",
        t.backend,
        r.body
    );
    if r.body.is_empty() {
        serde_json::Value::Null
    } else {
        json(&r.body)
    }
}
