//! The HTTP surface, on SQLite and PostgreSQL: accounts, sessions, roles, bad input, origins.

mod support;

use app::error::AppError;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use domain::Role;
use http_body_util::BodyExt;
use support::{cast, clear_of_window_edges, error_of, exec, form, scalar, Case, TestApp, PW};
use tower::ServiceExt;

backend_tests!(
    pages_render_while_other_routers_are_built,
    anonymous_pages_are_kept_yet_never_stale,
    build_files_live_under_their_digest_for_good,
    every_role_gets_exactly_its_permissions,
    registration_refuses_bad_input_without_writing,
    duplicate_username_differing_in_case_is_refused,
    login_rotates_the_session_token,
    logout_ends_the_session_on_the_server,
    password_change_ends_every_other_session,
    unknown_user_and_wrong_password_look_alike,
    suspension_signs_out_and_blocks_login,
    organiser_cannot_change_own_account,
    cross_origin_state_changes_are_refused,
    home_page_lists_the_five_topics,
    display_names_are_escaped_in_pages,
    internal_errors_reveal_nothing,
    healthz_reflects_the_database,
    demotion_takes_effect_on_the_next_request,
    hostile_input_in_login_and_password_change_is_a_client_error,
    sessions_end_when_idle_or_past_their_lifetime,
    an_https_public_origin_makes_cookies_secure_and_origins_exact,
    language_switch_remembers_and_never_leaves_the_site,
    login_limits_count_failures_and_never_lock_the_owner_out,
    behind_a_trusted_proxy_the_client_cannot_choose_its_address,
    signed_in_answers_are_never_cached_and_plain_http_has_no_hsts,
    every_answer_has_a_content_security_policy_and_pages_list_their_scripts,
    pages_carry_protective_headers_and_compress,
    signed_in_pages_always_complete,
);

async fn every_role_gets_exactly_its_permissions(t: TestApp) {
    let cast = cast(&t).await;
    t.register("cible", PW).await;
    let target_id = t.user_id("cible").await.to_string();
    for (who, cookie) in &cast {
        let c = cookie.as_deref();
        let expect_org = |ok: StatusCode| match *who {
            "organiser" => ok,
            "anonymous" | "suspended" => StatusCode::UNAUTHORIZED,
            _ => StatusCode::FORBIDDEN,
        };
        let signed_in = |ok: StatusCode| match *who {
            "anonymous" | "suspended" => StatusCode::UNAUTHORIZED,
            _ => ok,
        };
        let cases: Vec<Case<'_>> = vec![
            ("session", vec![], StatusCode::OK),
            ("home", vec![], StatusCode::OK),
            ("topic", vec![("slug", "education".into())], StatusCode::OK),
            ("admin_list_users", vec![], expect_org(StatusCode::OK)),
            (
                "admin_set_role",
                vec![("user_id", target_id.clone()), ("role", "member".into())],
                expect_org(StatusCode::OK),
            ),
            (
                "admin_set_suspended",
                vec![
                    ("user_id", target_id.clone()),
                    ("suspended", "false".into()),
                ],
                expect_org(StatusCode::OK),
            ),
            (
                "change_password",
                vec![
                    ("current_password", "wrong password here".into()),
                    ("new_password", PW.into()),
                ],
                signed_in(StatusCode::FORBIDDEN),
            ),
            ("logout", vec![], StatusCode::OK),
            (
                "login",
                vec![("username", "nobody".into()), ("password", PW.into())],
                StatusCode::UNAUTHORIZED,
            ),
            (
                "register",
                vec![
                    ("username", format!("new-{who}")),
                    ("display_name", "X".into()),
                    ("password", PW.into()),
                ],
                StatusCode::OK,
            ),
        ];
        for (name, fields, expected) in cases {
            // logout and register would change whose session this is: run them last, on a
            // copy of the cookie that is not reused.
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let r = t.call(name, &fields, c).await;
            assert_eq!(
                r.status, expected,
                "[{}] {who} calling {name}: {}",
                t.backend, r.body
            );
        }
    }
}

async fn registration_refuses_bad_input_without_writing(t: TestApp) {
    let before = t.user_count().await;
    let huge = "a".repeat(10 * 1024 * 1024);
    let long_name = "a".repeat(1000);
    let good = [
        ("username", "valide"),
        ("display_name", "Valide"),
        ("password", PW),
    ];
    let bad_values: Vec<(&str, &str)> = vec![
        ("username", ""),
        ("username", &long_name),
        ("username", "ab\0cd"),
        ("username", "<script>alert(1)</script>"),
        ("username", "x'; DROP TABLE users;--"),
        // A Cyrillic "а" among Latin letters, passing for "paul".
        ("username", "p\u{430}ul"),
        ("display_name", ""),
        ("display_name", "   "),
        ("display_name", "nul\0byte"),
        ("display_name", &long_name),
        ("password", ""),
        ("password", "short"),
        ("password", "twelve chars\0 with nul"),
    ];
    for (field, value) in bad_values {
        let fields: Vec<(&str, &str)> = good
            .iter()
            .map(|(k, v)| if *k == field { (*k, value) } else { (*k, *v) })
            .collect();
        let r = t.call("register", &fields, None).await;
        assert_eq!(
            r.status,
            StatusCode::BAD_REQUEST,
            "{field}={:.40?}: {}",
            value,
            r.body
        );
        assert!(
            matches!(error_of(&r.body), AppError::Invalid(_)),
            "{}",
            r.body
        );
        assert!(r.session_cookie().is_none());
    }
    // 10 MB in each field: refused before anything is parsed.
    for field in ["username", "display_name", "password"] {
        let fields: Vec<(&str, &str)> = good
            .iter()
            .map(|(k, v)| {
                if *k == field {
                    (*k, huge.as_str())
                } else {
                    (*k, *v)
                }
            })
            .collect();
        let r = t.call("register", &fields, None).await;
        assert!(r.status.is_client_error(), "10 MB {field}: {}", r.status);
    }
    // Invalid UTF-8 and missing fields.
    for body in [
        "username=%FF%FEab&display_name=x&password=une%20phrase%20de%20passe".to_owned(),
        form(&[("username", "valide")]),
        String::new(),
    ] {
        let r = t.call_raw("register", body.clone(), None).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{body:.60}: {}", r.body);
        assert!(
            matches!(
                error_of(&r.body),
                AppError::BadRequest | AppError::Invalid(_)
            ),
            "{}",
            r.body
        );
    }
    let raw = Request::post("/api/register")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(vec![b'u', b'=', 0xff, 0xfe, b'&']))
        .unwrap();
    assert!(t.send(raw).await.status.is_client_error());
    assert_eq!(t.user_count().await, before, "no account half-written");
    // One alphabet per name, whichever it is.
    let r = t
        .call(
            "register",
            &[
                ("username", "p\u{430}ul"),
                ("display_name", "P"),
                ("password", PW),
            ],
            None,
        )
        .await;
    let message = error_of(&r.body).message(app::i18n::Locale::Fr);
    assert!(message.contains("alphabets"), "{message}");
    for name in ["Жанна", "jean-marc_2", "Élodie.B"] {
        let r = t
            .call(
                "register",
                &[("username", name), ("display_name", "N"), ("password", PW)],
                None,
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{name}: {}", r.body);
    }
}

async fn duplicate_username_differing_in_case_is_refused(t: TestApp) {
    t.register("Camille", PW).await;
    let before = t.user_count().await;
    let r = t
        .call(
            "register",
            &[
                ("username", "cAMILLE"),
                ("display_name", "Autre"),
                ("password", PW),
            ],
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert_eq!(error_of(&r.body), AppError::UsernameTaken);
    assert_eq!(t.user_count().await, before);
    // The original keeps its case and logs in with any case.
    assert_eq!(t.login("CAMILLE", PW).await.status, StatusCode::OK);
    // Names that only look alike are refused too, with their own message: "rn" for "m", a
    // "1" for an "l", a name written wholly in Cyrillic letters that pass for Latin ones.
    t.register("martin", PW).await;
    t.register("paull", PW).await;
    t.register("coco", PW).await;
    let before = t.user_count().await;
    for lookalike in ["rnartin", "RNARTIN", "paul1", "сосо"] {
        let r = t
            .call(
                "register",
                &[
                    ("username", lookalike),
                    ("display_name", "Autre"),
                    ("password", PW),
                ],
                None,
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{lookalike}: {}", r.body);
        let e = error_of(&r.body);
        assert_eq!(e, AppError::UsernameLookalike, "{lookalike}");
        assert!(e
            .message(app::i18n::Locale::Fr)
            .starts_with("Ce nom d’utilisateur ressemble"));
        assert!(e
            .message(app::i18n::Locale::En)
            .starts_with("This username looks"));
    }
    assert_eq!(t.user_count().await, before);
    // Accounts from before skeletons were stored get theirs; a look-alike of an older one
    // keeps its name and stays without.
    for (name, key) in [("moulin", "moulin"), ("rnoulin", "rnoulin")] {
        exec(
            &t,
            &format!(
                "INSERT INTO users (username, username_key, display_name, password_hash, created_at) \
                 VALUES ('{name}', '{key}', '{name}', 'x', 0)"
            ),
        )
        .await;
    }
    assert_eq!(
        service::accounts::backfill_skeletons(&t.db).await.unwrap(),
        1
    );
    assert_eq!(
        scalar(
            &t,
            "SELECT COUNT(*) FROM users WHERE username_skeleton IS NULL"
        )
        .await,
        1
    );
}

async fn login_rotates_the_session_token(t: TestApp) {
    let first = t.register("lea", PW).await;
    // A token planted before sign-in (session fixation) is never promoted.
    let r = t
        .call(
            "login",
            &[("username", "lea"), ("password", PW)],
            Some("planted-token"),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let second = r.session_cookie().unwrap();
    assert_ne!(second, "planted-token");
    assert_eq!(t.whoami("planted-token").await, None);
    // Signing in again from a signed-in browser replaces that browser's session.
    let r = t
        .call(
            "login",
            &[("username", "lea"), ("password", PW)],
            Some(&first),
        )
        .await;
    let third = r.session_cookie().unwrap();
    assert_ne!(third, first);
    assert_eq!(t.whoami(&first).await, None);
    assert_eq!(t.whoami(&third).await.as_deref(), Some("lea"));
    let set_cookie = r.headers.get(header::SET_COOKIE).unwrap().to_str().unwrap();
    assert!(
        set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"),
        "{set_cookie}"
    );
}

async fn logout_ends_the_session_on_the_server(t: TestApp) {
    let cookie = t.register("marc", PW).await;
    assert_eq!(t.whoami(&cookie).await.as_deref(), Some("marc"));
    let r = t.call("logout", &[], Some(&cookie)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.session_cookie().as_deref(), Some(""), "cookie cleared");
    // Replaying the old cookie does not work: the server forgot the session.
    assert_eq!(t.whoami(&cookie).await, None);
    let r = t
        .call(
            "change_password",
            &[
                ("current_password", PW),
                ("new_password", "autre phrase de passe"),
            ],
            Some(&cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
}

async fn password_change_ends_every_other_session(t: TestApp) {
    let laptop = t.register("nadia", PW).await;
    let phone = t.login("nadia", PW).await.session_cookie().unwrap();
    let new_pw = "une toute nouvelle phrase";
    let r = t
        .call(
            "change_password",
            &[("current_password", PW), ("new_password", new_pw)],
            Some(&laptop),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let rotated = r.session_cookie().unwrap();
    assert_eq!(t.whoami(&laptop).await, None);
    assert_eq!(t.whoami(&phone).await, None);
    assert_eq!(t.whoami(&rotated).await.as_deref(), Some("nadia"));
    assert_eq!(t.login("nadia", PW).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(t.login("nadia", new_pw).await.status, StatusCode::OK);
    // A wrong current password or a too-short new one changes nothing.
    let r = t
        .call(
            "change_password",
            &[
                ("current_password", PW),
                ("new_password", "encore une autre"),
            ],
            Some(&rotated),
        )
        .await;
    assert_eq!(error_of(&r.body), AppError::WrongCurrentPassword);
    let r = t
        .call(
            "change_password",
            &[("current_password", new_pw), ("new_password", "court")],
            Some(&rotated),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(t.login("nadia", new_pw).await.status, StatusCode::OK);
}

async fn unknown_user_and_wrong_password_look_alike(t: TestApp) {
    t.register("paul", PW).await;
    let wrong = t.login("paul", "pas le bon mot de passe").await;
    let unknown = t.login("personne", "pas le bon mot de passe").await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.status, wrong.status);
    assert_eq!(unknown.body, wrong.body);
    assert!(wrong.session_cookie().is_none());
}

async fn suspension_signs_out_and_blocks_login(t: TestApp) {
    let orga = t.register("orga", PW).await;
    storage::users::set_role(&t.db, t.user_id("orga").await, Role::Organiser, None)
        .await
        .unwrap();
    let victim = t.register("suspect", PW).await;
    let id = t.user_id("suspect").await.to_string();
    let r = t
        .call(
            "admin_set_suspended",
            &[("user_id", &id), ("suspended", "true")],
            Some(&orga),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(t.whoami(&victim).await, None);
    let r = t.login("suspect", PW).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // A ban from the organisers' list: no end, no reason given.
    assert_eq!(
        error_of(&r.body),
        AppError::SuspendedAccount {
            until: None,
            reason: String::new(),
            appealed: false
        }
    );
    t.call(
        "admin_set_suspended",
        &[("user_id", &id), ("suspended", "false")],
        Some(&orga),
    )
    .await;
    assert_eq!(t.login("suspect", PW).await.status, StatusCode::OK);
}

async fn organiser_cannot_change_own_account(t: TestApp) {
    let orga = t.register("orga", PW).await;
    let id = t.user_id("orga").await;
    storage::users::set_role(&t.db, id, Role::Organiser, None)
        .await
        .unwrap();
    let id = id.to_string();
    let r = t
        .call(
            "admin_set_role",
            &[("user_id", &id), ("role", "citizen")],
            Some(&orga),
        )
        .await;
    assert_eq!(error_of(&r.body), AppError::OwnAccount);
    let r = t
        .call(
            "admin_set_suspended",
            &[("user_id", &id), ("suspended", "true")],
            Some(&orga),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    t.register("autre", PW).await;
    let other = t.user_id("autre").await.to_string();
    for role in ["admin", "Organiser", "", "citizen\0"] {
        let r = t
            .call(
                "admin_set_role",
                &[("user_id", &other), ("role", role)],
                Some(&orga),
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "role {role:?}");
    }
    let r = t
        .call(
            "admin_set_role",
            &[("user_id", "999999"), ("role", "member")],
            Some(&orga),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // A role change that happens is logged, with who decided it.
    let r = t
        .call(
            "admin_set_role",
            &[("user_id", &other), ("role", "moderator")],
            Some(&orga),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        scalar(
            &t,
            &format!(
                "SELECT COUNT(*) FROM moderation_log WHERE action = 'role' AND item_kind = 'user' \
                 AND item_id = {other} AND reason = 'moderator' AND actor_id = {id}"
            )
        )
        .await,
        1
    );
    let audit = t.get("/admin/audit", Some(&orga)).await;
    assert!(audit.body.contains("Rôle changé"), "{}", audit.body);
    let r = t
        .call(
            "admin_set_role",
            &[("user_id", "abc"), ("role", "member")],
            Some(&orga),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}

async fn cross_origin_state_changes_are_refused(t: TestApp) {
    t.register("zoe", PW).await;
    let body = form(&[("username", "zoe"), ("password", PW)]);
    let post = |headers: &[(&str, &str)]| {
        let mut req = Request::post("/api/login")
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        req.body(Body::from(body.clone())).unwrap()
    };
    for headers in [
        vec![("sec-fetch-site", "cross-site")],
        vec![("sec-fetch-site", "same-site")],
        vec![("origin", "http://evil.example")],
        vec![("origin", "http://127.0.0.1:3000.evil.example")],
        vec![("origin", "null")],
    ] {
        let r = t.send(post(&headers)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{headers:?}");
        assert!(r.session_cookie().is_none());
    }
    for headers in [
        vec![
            ("sec-fetch-site", "same-origin"),
            ("origin", "http://127.0.0.1:3000"),
        ],
        vec![("origin", "http://127.0.0.1:3000")],
    ] {
        let r = t.send(post(&headers)).await;
        assert_eq!(r.status, StatusCode::OK, "{headers:?}");
    }
}

async fn home_page_lists_the_five_topics(t: TestApp) {
    let r = t.get("/", None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("<html lang=\"fr\""), "French by default");
    for (slug, title) in [
        ("education", "Éducation"),
        ("culture", "Culture"),
        ("transition-ecologique", "Transition écologique"),
        ("emploi", "Emploi"),
        ("desinformation", "Lutte contre la désinformation"),
    ] {
        assert!(
            r.body.contains(&format!("href=\"/topics/{slug}\"")),
            "{slug}"
        );
        assert!(r.body.contains(title), "{title}");
        let page = t.get(&format!("/topics/{slug}"), None).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains(title));
    }
    assert_eq!(
        t.get("/topics/nope", None).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        t.get("/no/such/page", None).await.status,
        StatusCode::NOT_FOUND
    );
    let en = t
        .send(
            Request::get("/")
                .header(header::ACCEPT_LANGUAGE, "en-GB,en;q=0.9")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert!(en.body.contains("<html lang=\"en\"") && en.body.contains("Topics of the debate"));
}

async fn display_names_are_escaped_in_pages(t: TestApp) {
    let r = t
        .call(
            "register",
            &[
                ("username", "xss"),
                ("display_name", "<script>alert(1)</script>"),
                ("password", PW),
            ],
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let cookie = r.session_cookie().unwrap();
    let page = t.get("/account", Some(&cookie)).await;
    assert!(
        !page.body.contains("<script>alert(1)"),
        "raw markup in page"
    );
    assert!(page.body.contains("&lt;script&gt;alert(1)"));
}

async fn internal_errors_reveal_nothing(t: TestApp) {
    t.db.close().await;
    let r = t.call("home", &[], None).await;
    assert_eq!(r.status, StatusCode::INTERNAL_SERVER_ERROR);
    match error_of(&r.body) {
        AppError::Internal { reference } => assert!(!reference.is_empty()),
        other => panic!("expected Internal, got {other:?}"),
    }
    let lower = r.body.to_lowercase();
    for leak in ["pool", "sqlx", "closed", "database", "panicked"] {
        assert!(!lower.contains(leak), "{leak} leaked: {}", r.body);
    }
}

async fn healthz_reflects_the_database(t: TestApp) {
    // The old icon name leads to the one icon there is, which every page links.
    let icon = t.get("/favicon.ico", None).await;
    assert_eq!(icon.status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(icon.headers["location"], "/favicon.svg");
    let page = t.get("/open-data", None).await;
    assert!(
        page.body
            .contains("<link href=\"/favicon.svg\" rel=\"icon\""),
        "{}",
        page.body
    );
    assert_eq!(t.get("/healthz", None).await.status, StatusCode::OK);
    t.db.close().await;
    assert_eq!(
        t.get("/healthz", None).await.status,
        StatusCode::SERVICE_UNAVAILABLE
    );
}

async fn demotion_takes_effect_on_the_next_request(t: TestApp) {
    let orga = t.register("orga", PW).await;
    let id = t.user_id("orga").await;
    storage::users::set_role(&t.db, id, Role::Organiser, None)
        .await
        .unwrap();
    assert_eq!(
        t.call("admin_list_users", &[], Some(&orga)).await.status,
        StatusCode::OK
    );
    storage::users::set_role(&t.db, id, Role::Moderator, None)
        .await
        .unwrap();
    assert_eq!(
        t.call("admin_list_users", &[], Some(&orga)).await.status,
        StatusCode::FORBIDDEN
    );
}

async fn hostile_input_in_login_and_password_change_is_a_client_error(t: TestApp) {
    let cookie = t.register("cible", PW).await;
    let huge = "a".repeat(10 * 1024 * 1024);
    let long = "é".repeat(1025);
    let values = [
        "",
        huge.as_str(),
        long.as_str(),
        "nul\0byte",
        "<script>alert(1)</script>",
        "' OR '1'='1' --",
        "cible\0",
        "CIBLE ",
    ];
    for v in values {
        for fields in [
            vec![("username", v), ("password", PW)],
            vec![("username", "cible"), ("password", v)],
        ] {
            let r = t.call("login", &fields, None).await;
            assert!(
                r.status.is_client_error(),
                "login {fields:.60?}: {}",
                r.status
            );
            assert!(r.session_cookie().is_none());
        }
        let r = t
            .call(
                "change_password",
                &[
                    ("current_password", v),
                    ("new_password", "une nouvelle phrase"),
                ],
                Some(&cookie),
            )
            .await;
        assert!(r.status.is_client_error(), "current {v:.60?}: {}", r.status);
    }
    // Markup and quotes are fine inside a new password; these are not.
    for v in [
        "",
        huge.as_str(),
        long.as_str(),
        "nul\0byte but long enough",
    ] {
        let r = t
            .call(
                "change_password",
                &[("current_password", PW), ("new_password", v)],
                Some(&cookie),
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "new {v:.60?}");
    }
    // Nothing changed: the password is still the original one.
    assert_eq!(t.login("cible", PW).await.status, StatusCode::OK);
}

async fn sessions_end_when_idle_or_past_their_lifetime(t: TestApp) {
    use storage::sessions::{create_session, find_session, purge_expired_sessions, NewSession};
    t.register("horloge", PW).await;
    let user_id = t.user_id("horloge").await;
    let now = storage::now_ms();
    let hour = 3_600_000;
    create_session(
        &t.db,
        &NewSession {
            token_hash: "h",
            user_id,
            now,
            expires_at: now + 10 * hour,
        },
    )
    .await
    .unwrap();
    let idle = 2 * hour;
    assert!(find_session(&t.db, "h", now + hour, idle)
        .await
        .unwrap()
        .is_some());
    assert!(
        find_session(&t.db, "h", now + 3 * hour, idle)
            .await
            .unwrap()
            .is_none(),
        "idle"
    );
    assert!(
        find_session(&t.db, "h", now + 11 * hour, 100 * hour)
            .await
            .unwrap()
            .is_none(),
        "absolute"
    );
    assert_eq!(
        purge_expired_sessions(&t.db, now + 11 * hour, idle)
            .await
            .unwrap(),
        2
    );
    assert!(find_session(&t.db, "h", now + hour, idle)
        .await
        .unwrap()
        .is_none());
}

async fn an_https_public_origin_makes_cookies_secure_and_origins_exact(t: TestApp) {
    let site = t
        .configured(
            service::AuthConfig {
                secure_cookies: true,
                ..service::AuthConfig::default()
            },
            Some("https://convention.example.org"),
        )
        .await;
    let body = form(&[
        ("username", "sécu"),
        ("display_name", "S"),
        ("password", PW),
    ]);
    let post = |origin: &str| {
        Request::post("/api/register")
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::ORIGIN, origin)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body.clone()))
            .unwrap()
    };
    // Behind a proxy the Host is internal: only the configured origin counts.
    let r = site.send(post("http://127.0.0.1:3000")).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = site.send(post("https://convention.example.org")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let cookie = r.headers.get(header::SET_COOKIE).unwrap().to_str().unwrap();
    for attribute in ["HttpOnly", "SameSite=Lax", "Secure", "Path=/"] {
        assert!(cookie.contains(attribute), "{attribute} missing: {cookie}");
    }
    // Under https the cookie carries the __Host- prefix, and only that name signs in.
    assert!(cookie.starts_with("__Host-convention_session="), "{cookie}");
    assert!(!cookie.contains("Domain"), "{cookie}");
    assert_eq!(
        r.headers.get(header::STRICT_TRANSPORT_SECURITY).unwrap(),
        "max-age=31536000"
    );
    assert_eq!(r.headers.get(header::CACHE_CONTROL).unwrap(), "no-store");
    let pair = cookie.split(';').next().unwrap().to_owned();
    let token = pair.split_once('=').unwrap().1.to_owned();
    let data = |cookie: String| {
        Request::get("/account/data.json")
            .header(header::COOKIE, cookie)
            .body(Body::empty())
            .unwrap()
    };
    let r = site.send(data(pair)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.headers.get(header::CACHE_CONTROL).unwrap(), "no-store");
    let r = site.send(data(format!("convention_session={token}"))).await;
    assert_eq!(
        r.status,
        StatusCode::UNAUTHORIZED,
        "the unprefixed name is not read under https"
    );
}

async fn signed_in_answers_are_never_cached_and_plain_http_has_no_hsts(t: TestApp) {
    let anonymous = t.get("/", None).await;
    assert_eq!(anonymous.status, StatusCode::OK);
    // Anyone may keep an anonymous page, asking again before showing it.
    assert_eq!(anonymous.headers[header::CACHE_CONTROL], "no-cache");
    assert!(anonymous
        .headers
        .get(header::STRICT_TRANSPORT_SECURITY)
        .is_none());
    let cookie = t.register("prive", PW).await;
    for path in ["/", "/account", "/account/data.json", "/topics/education"] {
        let r = t.get(path, Some(&cookie)).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
        assert_eq!(
            r.headers.get(header::CACHE_CONTROL).unwrap(),
            "no-store",
            "{path}"
        );
    }
    let r = t.call("my_invitations", &[], Some(&cookie)).await;
    assert_eq!(r.headers.get(header::CACHE_CONTROL).unwrap(), "no-store");
}

async fn every_answer_has_a_content_security_policy_and_pages_list_their_scripts(t: TestApp) {
    let cookie = t.register("prudente", PW).await;
    let csp = |r: &support::Reply| {
        r.headers
            .get(header::CONTENT_SECURITY_POLICY)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    // Every inline script of a page is allowed by its digest, or the browser would refuse to
    // run it; no nonce is allowed (a page is the same bytes for everyone).
    let allows_its_scripts = |path: &str, r: &support::Reply| {
        let policy = csp(r).unwrap_or_else(|| panic!("{path}: no CSP"));
        let digests = server::inline_script_digests(&r.body);
        assert!(!digests.is_empty(), "{path}: the islands' bootstrap");
        assert_eq!(policy, domain::csp::page(&digests), "{path}");
        assert!(!policy.contains("nonce"), "{path}");
    };
    for (path, who) in [
        ("/", None),
        ("/login", None),
        ("/topics/education", None),
        ("/account", Some(cookie.as_str())),
        ("/une-page-qui-n-existe-pas", None),
    ] {
        let r = t.get(path, who).await;
        allows_its_scripts(path, &r);
    }
    // Many pages rendered at once (the browser tests load several in parallel): each keeps
    // its policy.
    let mut pages = tokio::task::JoinSet::new();
    for i in 0..48 {
        let t = t.clone();
        let cookie = cookie.clone();
        pages.spawn(async move {
            let path = ["/account", "/proposals/1/history", "/", "/rounds"][i % 4];
            let r = t.get(path, (i % 2 == 0).then_some(cookie.as_str())).await;
            (path, r)
        });
    }
    while let Some(done) = pages.join_next().await {
        let (path, r) = done.unwrap();
        allows_its_scripts(path, &r);
    }
    let call = t.call("my_invitations", &[], Some(&cookie)).await;
    for (what, r) in [
        ("healthz", t.get("/healthz", None).await),
        ("api", t.get("/api/v1/topics", None).await),
        ("open data", t.get("/open-data/proposals.csv", None).await),
        (
            "personal data",
            t.get("/account/data.json", Some(&cookie)).await,
        ),
        ("server function", call),
        ("refusal", t.get("/admin/audit.csv", Some(&cookie)).await),
    ] {
        assert_eq!(csp(&r).as_deref(), Some(domain::csp::OTHER), "{what}");
    }
}

async fn login_limits_count_failures_and_never_lock_the_owner_out(t: TestApp) {
    use domain::rate::{login_delay_ms, Action};
    clear_of_window_edges(60).await;
    t.register("proprietaire", PW).await;
    let login_from = |ip: &'static str, password: &'static str| {
        let t = &t;
        async move {
            t.call_from(
                ip,
                "login",
                &[("username", "proprietaire"), ("password", password)],
            )
            .await
            .status
        }
    };
    let limit = Action::Login.per_account().unwrap();
    // Signing in with the right password is never counted.
    for _ in 0..limit.max + 2 {
        assert_eq!(login_from("198.51.100.1", PW).await, StatusCode::OK);
    }
    // One address guessing this account is stopped, even when it then finds the password.
    for _ in 0..limit.max {
        assert_eq!(
            login_from("203.0.113.66", "devine").await,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        login_from("203.0.113.66", "devine").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        login_from("203.0.113.66", PW).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // Guessing spread over more addresses slows every sign-in to the account, and locks none:
    // the owner, from an address that was not guessing, gets in.
    for ip in ["203.0.113.67", "203.0.113.68"] {
        assert_eq!(login_from(ip, "devine").await, StatusCode::UNAUTHORIZED);
    }
    let failures = i64::from(limit.max) + 2;
    let expected = login_delay_ms(failures, limit);
    assert!(expected >= 1000, "{expected}");
    let started = std::time::Instant::now();
    assert_eq!(login_from("198.51.100.1", PW).await, StatusCode::OK);
    assert!(
        started.elapsed() >= std::time::Duration::from_millis(expected),
        "the account's sign-ins are slowed: {:?}",
        started.elapsed()
    );
    assert_eq!(
        scalar(
            &t,
            "SELECT CAST(SUM(count) AS BIGINT) FROM rate_hits WHERE bucket = 'login_fail:account'"
        )
        .await,
        failures,
        "only the failures were counted"
    );
    // Counters of windows long over are purged; the current ones stay.
    exec(
        &t,
        "UPDATE rate_hits SET window_start = window_start - 10800000 \
         WHERE bucket = 'login_fail:pair'",
    )
    .await;
    let purged = service::operator::purge_rate_counters(&t.db).await.unwrap();
    assert_eq!(purged, 3, "one per guessing address");
    assert_eq!(
        scalar(
            &t,
            "SELECT COUNT(*) FROM rate_hits WHERE bucket = 'login_fail:pair'"
        )
        .await,
        0
    );
    assert!(scalar(&t, "SELECT COUNT(*) FROM rate_hits").await > 0);
}

async fn behind_a_trusted_proxy_the_client_cannot_choose_its_address(t: TestApp) {
    clear_of_window_edges(60).await;
    let site = t
        .configured(
            service::AuthConfig {
                trust_proxy: true,
                ..service::AuthConfig::default()
            },
            None,
        )
        .await;
    t.register("cible", PW).await;
    // The proxy appends the address it saw; whatever the client wrote to its left is ignored,
    // so a client changing that part on every request is still one address.
    let attempt =
        |forged: usize| {
            let site = &site;
            async move {
                let mut req = Request::post("/api/login")
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .header(header::ACCEPT, "application/json")
                    .header("x-forwarded-for", format!("10.9.{forged}.1, 192.0.2.200"))
                    .body(Body::from(form(&[
                        ("username", "cible"),
                        ("password", "devine"),
                    ])))
                    .unwrap();
                req.extensions_mut().insert(axum::extract::ConnectInfo(
                    std::net::SocketAddr::from(([127, 0, 0, 1], 50000)),
                ));
                site.send(req).await.status
            }
        };
    let max = domain::rate::Action::Login.per_account().unwrap().max as usize;
    for i in 0..max {
        assert_eq!(attempt(i).await, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(attempt(max).await, StatusCode::TOO_MANY_REQUESTS);
}

async fn language_switch_remembers_and_never_leaves_the_site(t: TestApp) {
    let r = t.get("/lang/en?next=/login", None).await;
    assert!(r.status.is_redirection());
    assert_eq!(r.headers.get(header::LOCATION).unwrap(), "/login");
    let cookie = r.headers.get(header::SET_COOKIE).unwrap().to_str().unwrap();
    assert!(cookie.starts_with("lang=en;"), "{cookie}");
    for evil in [
        "//evil.example",
        "https://evil.example",
        "/\\evil.example",
        "javascript:alert(1)",
        "/\t/evil.example",
        "/\n/evil.example",
        "/\r\n/evil.example",
        "/ /evil.example",
        "/\u{0}",
    ] {
        let r = t
            .get(
                &format!("/lang/fr?next={}", support::enc(evil.as_bytes())),
                None,
            )
            .await;
        assert!(r.status.is_redirection(), "{evil:?}: {}", r.status);
        assert_eq!(r.headers.get(header::LOCATION).unwrap(), "/", "{evil:?}");
    }
    let r = t.get("/lang/xx?next=/", None).await;
    assert!(
        r.headers.get(header::SET_COOKIE).is_none(),
        "unknown language ignored"
    );
    let page = t
        .send(
            Request::get("/login")
                .header(header::COOKIE, "lang=en")
                .header(header::ACCEPT_LANGUAGE, "fr")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert!(
        page.body.contains("<html lang=\"en\""),
        "the cookie wins over Accept-Language"
    );
}

async fn pages_carry_protective_headers_and_compress(t: TestApp) {
    let r = t
        .send(
            Request::get("/")
                .header(header::ACCEPT_ENCODING, "gzip")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.headers.get(header::X_FRAME_OPTIONS).unwrap(), "DENY");
    assert_eq!(
        r.headers.get(header::X_CONTENT_TYPE_OPTIONS).unwrap(),
        "nosniff"
    );
    assert_eq!(
        r.headers.get(header::REFERRER_POLICY).unwrap(),
        "same-origin"
    );
    assert_eq!(r.headers.get(header::CONTENT_ENCODING).unwrap(), "gzip");
}

/// Regression: a page reading one resource under two Suspense boundaries sometimes never
/// finished on the server (about one response in a dozen). Many concurrent renders of every
/// signed-in page must all complete.
async fn signed_in_pages_always_complete(t: TestApp) {
    let cookie = t.register("orga", PW).await;
    storage::users::set_role(&t.db, t.user_id("orga").await, Role::Organiser, None)
        .await
        .unwrap();
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..120 {
        let t = t.clone();
        let cookie = cookie.clone();
        let path = ["/account", "/admin/users", "/", "/topics/education"][i % 4];
        tasks.spawn(async move { (path, t.get(path, Some(&cookie)).await) });
    }
    while let Some(done) = tasks.join_next().await {
        let (path, page) = done.unwrap();
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(page.body.contains("</html>"), "{path} cut short");
    }
}

/// Regression: building a router generates Leptos' route list, which parks every resource first
/// polled meanwhile, in the whole process (leptos-rs/leptos#4773); with one router built per
/// test and tests in parallel, a page render now and then never finished. Routers built while
/// pages render must leave every render complete.
async fn pages_render_while_other_routers_are_built(t: TestApp) {
    let state = server::ServerState::new(
        server::leptos_options(&std::env::temp_dir(), ([127, 0, 0, 1], 3000).into()),
        service::AppState::new(t.db.clone(), service::AuthConfig::default())
            .await
            .unwrap(),
        None,
    )
    .await;
    let builder = std::thread::spawn(move || {
        for _ in 0..40 {
            drop(server::router(state.clone()));
        }
    });
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..80 {
        let t = t.clone();
        let path = ["/", "/topics/education", "/search?q=ecole", "/login"][i % 4];
        tasks.spawn(async move { (path, t.get(path, None).await) });
    }
    while let Some(done) = tasks.join_next().await {
        let (path, page) = done.unwrap();
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(page.body.contains("</html>"), "{path} cut short");
    }
    builder.join().unwrap();
}

/// An anonymous page load with only `cookie` (the language) on `t`'s router.
async fn anonymous(t: &TestApp, path: &str, cookie: Option<&str>) -> support::Reply {
    let mut req = Request::get(path).header(header::ACCEPT, "text/html");
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    t.send(req.body(Body::empty()).unwrap()).await
}

/// Anonymous pages are served again from memory, compressed once, and a write by anyone (this
/// server, another server on the same database, a hand-written statement) is seen by the very
/// next load; signed-in pages are never kept.
async fn anonymous_pages_are_kept_yet_never_stale(t: TestApp) {
    let cache = |r: &support::Reply| {
        r.headers
            .get(server::page_cache::CACHE_HEADER)
            .map(|v| v.to_str().unwrap().to_owned())
    };
    let first = anonymous(&t, "/", None).await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(cache(&first).as_deref(), Some("miss"), "[{}]", t.backend);
    let second = anonymous(&t, "/", None).await;
    assert_eq!(cache(&second).as_deref(), Some("hit"), "[{}]", t.backend);
    assert_eq!(second.body, first.body);
    assert_eq!(
        second.headers[header::CONTENT_SECURITY_POLICY],
        first.headers[header::CONTENT_SECURITY_POLICY]
    );
    assert_eq!(second.headers[header::CACHE_CONTROL], "no-cache");
    // Compressed once, in the background: a reader asking for gzip soon gets the kept copy
    // (whose length is known in advance, unlike a copy compressed on the way out).
    let mut kept_copy = None;
    for _ in 0..200 {
        let req = Request::get("/")
            .header(header::ACCEPT, "text/html")
            .header(header::ACCEPT_ENCODING, "gzip")
            .body(Body::empty())
            .unwrap();
        let res = t.router.clone().oneshot(req).await.unwrap();
        assert_eq!(res.headers()[header::CONTENT_ENCODING], "gzip");
        let length = res.headers().get(header::CONTENT_LENGTH).cloned();
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        if let Some(length) = length {
            assert_eq!(length, bytes.len().to_string().as_str());
            kept_copy = Some(bytes);
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    let mut html = String::new();
    std::io::Read::read_to_string(
        &mut flate2::read::GzDecoder::new(&kept_copy.expect("a kept answer")[..]),
        &mut html,
    )
    .unwrap();
    assert_eq!(html, first.body);

    // Another language is another page.
    let en = anonymous(&t, "/", Some("lang=en")).await;
    assert!(en.body.contains("<html lang=\"en\""), "{}", en.body);
    assert_eq!(cache(&en).as_deref(), Some("miss"));
    assert_eq!(
        cache(&anonymous(&t, "/", Some("lang=en")).await).as_deref(),
        Some("hit")
    );

    // A second server on the same database, with its own memory.
    let other = t.configured(service::AuthConfig::default(), None).await;
    anonymous(&other, "/", None).await;
    assert_eq!(
        cache(&anonymous(&other, "/", None).await).as_deref(),
        Some("hit")
    );
    // Written behind both servers' backs, as another process would.
    exec(&t, "UPDATE convention SET name = 'Convention renommée'").await;
    for server in [&t, &other] {
        let after = anonymous(server, "/", None).await;
        assert_eq!(cache(&after).as_deref(), Some("miss"), "[{}]", t.backend);
        assert!(
            after.body.contains("Convention renommée"),
            "[{}]",
            t.backend
        );
    }
    // Written through one server: the other sees it at once too.
    let orga = support::role(&t, "orga", Role::Organiser).await;
    anonymous(&other, "/open-data", None).await;
    assert_eq!(
        cache(&anonymous(&other, "/open-data", None).await).as_deref(),
        Some("hit")
    );
    let before = anonymous(&other, "/", None).await;
    assert!(!before.body.contains("Le climat"));
    let r = t
        .call(
            "create_topic",
            &[
                ("slug", "climat"),
                ("title", "Le climat"),
                ("description", "Une description."),
                ("question", ""),
            ],
            Some(&orga),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "[{}] {}", t.backend, r.body);
    let after = anonymous(&other, "/", None).await;
    assert!(after.body.contains("Le climat"), "[{}]", t.backend);

    // Signed in: rendered for the reader every time, never kept.
    let signed_in = t.get("/", Some(&orga)).await;
    assert_eq!(cache(&signed_in), None);
    assert!(!signed_in.body.contains("href=\"/login\""));
    assert_eq!(cache(&t.get("/", Some(&orga)).await), None);
    // Nor a search, whose words are the reader's own.
    assert_eq!(cache(&anonymous(&t, "/search?q=climat", None).await), None);
}

/// The pages link the site's files under a digest of their contents, served with a year's
/// caching; the digest changes with the files.
async fn build_files_live_under_their_digest_for_good(t: TestApp) {
    let site = std::env::temp_dir().join(format!(
        "convention-site-{}-{}",
        t.backend,
        std::process::id()
    ));
    let pkg = site.join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(pkg.join("convention.css"), "body { color: black }").unwrap();
    std::fs::write(pkg.join("convention.js"), "export default 1;").unwrap();
    let options = server::leptos_options(&site, ([127, 0, 0, 1], 3000).into());
    let digest = options.site_pkg_dir.to_string();
    assert!(digest.starts_with("pkg/") && digest.len() == 20, "{digest}");
    let app = service::AppState::new(t.db.clone(), service::AuthConfig::default())
        .await
        .unwrap();
    let served = TestApp {
        router: server::router(server::ServerState::new(options, app.clone(), None).await),
        db: t.db.clone(),
        state: app,
        backend: t.backend,
    };
    let page = anonymous(&served, "/", None).await;
    assert!(
        page.body
            .contains(&format!("href=\"/{digest}/convention.css\"")),
        "{}",
        page.body
    );
    assert!(page.body.contains(&format!("/{digest}/convention.js")));
    let css = anonymous(&served, &format!("/{digest}/convention.css"), None).await;
    assert_eq!(css.status, StatusCode::OK);
    assert_eq!(css.body, "body { color: black }");
    assert_eq!(
        css.headers[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    let missing = anonymous(&served, &format!("/{digest}/nothing.js"), None).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(!missing.headers.contains_key(header::CACHE_CONTROL));
    // A precompressed copy is sent as it is to a browser that takes it.
    std::fs::write(pkg.join("convention.css.br"), b"not really brotli").unwrap();
    let req = Request::get(format!("/{digest}/convention.css"))
        .header(header::ACCEPT_ENCODING, "br")
        .body(Body::empty())
        .unwrap();
    let br = served.send(req).await;
    assert_eq!(br.headers[header::CONTENT_ENCODING], "br");
    assert_eq!(br.body, "not really brotli");
    // New contents, new address; the precompressed copies do not count.
    std::fs::write(pkg.join("convention.css"), "body { color: navy }").unwrap();
    let changed = server::leptos_options(&site, ([127, 0, 0, 1], 3000).into());
    assert_ne!(changed.site_pkg_dir.to_string(), digest);
    std::fs::remove_file(pkg.join("convention.css.br")).unwrap();
    assert_eq!(
        server::leptos_options(&site, ([127, 0, 0, 1], 3000).into()).site_pkg_dir,
        changed.site_pkg_dir
    );
    std::fs::remove_dir_all(&site).unwrap();
}
