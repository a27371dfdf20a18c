//! Citizens' own data (RGPD), on SQLite and PostgreSQL: the download holds what is theirs and
//! nothing else, deletion erases the person but keeps their contributions and ballots, and the
//! purge of inactive accounts gives notice before it deletes.

mod support;

use axum::http::StatusCode;
use domain::Role;
use support::{cast, exec, ok_as as ok, role, scalar, TestApp, PW};

backend_tests!(
    my_data_is_mine_only_and_needs_my_session,
    deleting_my_account_erases_me_and_keeps_my_contributions,
    inactive_accounts_are_noticed_then_purged,
    every_role_may_read_and_delete_its_own_account_only,
    names_are_published_only_with_their_owners_consent,
);

async fn comment(t: &TestApp, cookie: &str, body: &str) -> i64 {
    ok(
        t,
        "post_comment",
        &[("topic", "culture"), ("body", body)],
        Some(cookie),
    )
    .await
    .as_i64()
    .unwrap()
}

async fn my_data_is_mine_only_and_needs_my_session(t: TestApp) {
    let me = t.register("moi-meme", PW).await;
    let other = t.register("quelquun", PW).await;
    comment(&t, &me, "Mon avis à moi.").await;
    let theirs = comment(&t, &other, "L’avis de quelqu’un d’autre.").await;
    let proposal = ok(
        &t,
        "create_proposal",
        &[
            ("topic", "emploi"),
            ("title", "Former aux métiers de demain"),
            ("summary", "Un résumé."),
            ("body", "Le texte."),
            ("intent", "publish"),
        ],
        Some(&other),
    )
    .await
    .as_i64()
    .unwrap();
    ok(
        &t,
        "support",
        &[("id", &proposal.to_string()), ("on", "true")],
        Some(&me),
    )
    .await;
    ok(
        &t,
        "upvote",
        &[("id", &theirs.to_string()), ("on", "true")],
        Some(&me),
    )
    .await;
    let r = t.get("/account/data.json", None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "[{}]", t.backend);
    let r = t.get("/account/data.json", Some(&me)).await;
    assert_eq!(r.status, StatusCode::OK, "[{}] {}", t.backend, r.body);
    let cd = r
        .headers
        .get("content-disposition")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(
        cd.starts_with("attachment; filename=\"mes-donnees-"),
        "{cd}"
    );
    let data = support::json(&r.body);
    assert_eq!(data["data"]["profile"]["username"], "moi-meme");
    // Readable by its owner: dates in ISO 8601, titles beside ids.
    let d = &data["data"];
    let iso = |v: &serde_json::Value| {
        let s = v.as_str().unwrap_or_else(|| panic!("not a date: {v}"));
        assert!(
            s.len() == 20
                && s.as_bytes()[4] == b'-'
                && s.as_bytes()[10] == b'T'
                && s.ends_with('Z'),
            "not ISO 8601: {s}"
        );
    };
    iso(&d["profile"]["created_at"]);
    iso(&d["comments"][0]["created_at"]);
    iso(&d["sessions"][0]["opened_at"]);
    iso(&d["sessions"][0]["last_used_at"]);
    assert_eq!(d["comments"][0]["topic"], "Culture", "[{}]", t.backend);
    assert_eq!(d["supports"][0]["id"], proposal, "[{}]", t.backend);
    assert_eq!(
        d["supports"][0]["title"], "Former aux métiers de demain",
        "[{}]",
        t.backend
    );
    assert_eq!(d["upvotes"][0]["id"], theirs, "[{}]", t.backend);
    assert_eq!(d["upvotes"][0]["topic"], "Culture", "[{}]", t.backend);
    assert!(r.body.contains("Mon avis à moi."), "[{}]", t.backend);
    assert!(
        !r.body.contains("quelqu’un d’autre"),
        "[{}] someone else's comment",
        t.backend
    );
    assert!(
        !r.body.contains("argon2") && !r.body.contains("token"),
        "[{}] secrets",
        t.backend
    );
}

async fn deleting_my_account_erases_me_and_keeps_my_contributions(t: TestApp) {
    let me = role(&t, "a-effacer", Role::Member).await;
    exec(
        &t,
        "UPDATE users SET display_name = 'Nom Très Personnel' WHERE username = 'a-effacer'",
    )
    .await;
    let id = t.user_id("a-effacer").await;
    let said = comment(&t, &me, "Ce que je laisse derrière moi.").await;
    let r = t.call("delete_account", &[("password", "")], None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "[{}]", t.backend);
    for bad in ["pas le bon mot de passe", "", &"x".repeat(2000)] {
        let r = t
            .call("delete_account", &[("password", bad)], Some(&me))
            .await;
        assert!(r.status.is_client_error(), "[{}] {}", t.backend, r.body);
    }
    assert_eq!(
        t.whoami(&me).await.as_deref(),
        Some("a-effacer"),
        "[{}] wrong password changed nothing",
        t.backend
    );
    ok(&t, "delete_account", &[("password", PW)], Some(&me)).await;
    assert_eq!(
        t.whoami(&me).await,
        None,
        "[{}] the session ended",
        t.backend
    );
    assert_eq!(
        scalar(
            &t,
            &format!("SELECT COUNT(*) FROM sessions WHERE user_id = {id}")
        )
        .await,
        0
    );
    assert_eq!(
        scalar(&t, &format!("SELECT COUNT(*) FROM users WHERE id = {id} AND deleted_at IS NOT NULL AND password_hash = '!' AND display_name = 'compte supprimé'")).await,
        1,
        "[{}] personal fields erased",
        t.backend
    );
    assert_eq!(
        scalar(
            &t,
            &format!("SELECT COUNT(*) FROM comments WHERE id = {said}")
        )
        .await,
        1
    );
    let comments = t.get("/open-data/comments.csv", None).await.body;
    assert!(
        comments.contains("Ce que je laisse derrière moi."),
        "[{}]",
        t.backend
    );
    assert!(
        comments.contains("compte supprimé") && !comments.contains("Nom Très Personnel"),
        "[{}] {comments}",
        t.backend
    );
    let r = t.login("a-effacer", PW).await;
    assert!(
        r.status.is_client_error(),
        "[{}] signed in after deletion",
        t.backend
    );
    // The name is free again; the old account stays deleted.
    t.register("a-effacer", PW).await;
    assert_eq!(
        scalar(
            &t,
            "SELECT COUNT(*) FROM users WHERE deleted_at IS NOT NULL"
        )
        .await,
        1
    );
}

async fn inactive_accounts_are_noticed_then_purged(t: TestApp) {
    const DAY: i64 = 86_400_000;
    let months24 = 24 * 30 * DAY;
    let now = storage::now_ms();
    t.register("dormeur", PW).await;
    t.register("revenant", PW).await;
    t.register("actif", PW).await;
    role(&t, "orga-dormant", Role::Organiser).await;
    let dormeur = t.user_id("dormeur").await;
    let old = now - months24 - DAY;
    exec(&t, &format!("UPDATE users SET last_active_at = {old} WHERE username IN ('dormeur', 'revenant', 'orga-dormant')")).await;
    let purge = storage::privacy::purge_inactive(&t.db, now, months24, 30 * DAY)
        .await
        .unwrap();
    let mut noticed: Vec<String> = purge.noticed.iter().map(|(_, u, _)| u.clone()).collect();
    noticed.sort();
    assert_eq!(
        noticed,
        vec!["dormeur", "revenant"],
        "[{}] organisers are never purged",
        t.backend
    );
    assert!(purge.deleted.is_empty());
    // A second run the same day changes nothing.
    let again = storage::privacy::purge_inactive(&t.db, now, months24, 30 * DAY)
        .await
        .unwrap();
    assert!(
        again.noticed.is_empty() && again.deleted.is_empty(),
        "[{}]",
        t.backend
    );
    // "revenant" signs in during the notice period: the notice is withdrawn.
    let r = t.login("revenant", PW).await;
    assert_eq!(r.status, StatusCode::OK, "[{}]", t.backend);
    let later = now + 31 * DAY;
    let run = storage::privacy::purge_inactive(&t.db, later, months24, 30 * DAY)
        .await
        .unwrap();
    assert_eq!(run.deleted, vec![dormeur], "[{}]", t.backend);
    assert_eq!(
        scalar(
            &t,
            "SELECT COUNT(*) FROM users WHERE deleted_at IS NOT NULL"
        )
        .await,
        1
    );
}

async fn every_role_may_read_and_delete_its_own_account_only(t: TestApp) {
    let people = cast(&t).await;
    for (who, cookie) in &people {
        let r = t.get("/account/data.json", cookie.as_deref()).await;
        let consent = t
            .call(
                "set_name_public",
                &[("name_public", "on")],
                cookie.as_deref(),
            )
            .await;
        let wrong = t
            .call(
                "delete_account",
                &[("password", "pas le mien")],
                cookie.as_deref(),
            )
            .await;
        match *who {
            // No session, or the suspension ended it.
            "anonymous" | "suspended" => {
                assert_eq!(r.status, StatusCode::UNAUTHORIZED, "[{}] {who}", t.backend);
                assert_eq!(
                    consent.status,
                    StatusCode::UNAUTHORIZED,
                    "[{}] {who}",
                    t.backend
                );
                assert_eq!(
                    wrong.status,
                    StatusCode::UNAUTHORIZED,
                    "[{}] {who}",
                    t.backend
                );
            }
            _ => {
                assert_eq!(r.status, StatusCode::OK, "[{}] {who}", t.backend);
                assert_eq!(consent.status, StatusCode::OK, "[{}] {who}", t.backend);
                let username = support::json(&r.body)["data"]["profile"]["username"].clone();
                let expected = if *who == "organiser" { "orga" } else { who };
                assert_eq!(username, expected, "[{}] {who}", t.backend);
                assert_eq!(wrong.status, StatusCode::FORBIDDEN, "[{}] {who}", t.backend);
            }
        }
    }
    // The only organiser cannot leave the site without one.
    let orga = people[1].1.clone().unwrap();
    let r = t
        .call("delete_account", &[("password", PW)], Some(&orga))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "[{}] {}", t.backend, r.body);
    for (who, cookie) in &people {
        if matches!(*who, "citizen" | "member" | "moderator") {
            ok(&t, "delete_account", &[("password", PW)], cookie.as_deref()).await;
        }
    }
    assert_eq!(
        scalar(
            &t,
            "SELECT COUNT(*) FROM users WHERE deleted_at IS NOT NULL"
        )
        .await,
        3,
        "[{}]",
        t.backend
    );
    // With a second organiser, the first may go.
    role(&t, "orga-bis", Role::Organiser).await;
    ok(&t, "delete_account", &[("password", PW)], Some(&orga)).await;
}

async fn names_are_published_only_with_their_owners_consent(t: TestApp) {
    let discreet = t.register("discrete", PW).await;
    let r = t
        .call(
            "register",
            &[
                ("username", "signataire"),
                ("display_name", "Nom Affiché"),
                ("password", PW),
                ("name_public", "on"),
            ],
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "[{}] {}", t.backend, r.body);
    let named = r.session_cookie().unwrap();
    let quiet_id = comment(&t, &discreet, "Un avis sans signature.").await;
    let named_id = comment(&t, &named, "Un avis signé.").await;
    // Every public copy: the open-data file, the API's list and its single comment.
    let author_of = |body: String, text: &str| {
        let line = body
            .lines()
            .find(|l| l.contains(text))
            .unwrap_or_else(|| panic!("{text} missing from {body}"))
            .to_owned();
        (line, body)
    };
    let published = |id: i64, text: &'static str| {
        let t = &t;
        async move {
            let csv = t.get("/open-data/comments.csv", None).await.body;
            let list = t.get("/api/v1/comments?topic=culture", None).await.body;
            let list: serde_json::Value = support::json(&list);
            let in_list = list["items"]
                .as_array()
                .unwrap_or_else(|| panic!("{list}"))
                .iter()
                .find(|c| c["id"] == id)
                .unwrap_or_else(|| panic!("{id} not in {list}"))["author"]
                .clone();
            let one = support::json(&t.get(&format!("/api/v1/comments/{id}"), None).await.body);
            (author_of(csv, text).0, in_list, one["author"].clone())
        }
    };
    let (line, listed, single) = published(quiet_id, "Un avis sans signature.").await;
    assert!(
        line.contains("participant·e") && !line.contains("discrete"),
        "[{}] {line}",
        t.backend
    );
    assert_eq!(listed, "participant·e", "[{}]", t.backend);
    assert_eq!(single, "participant·e", "[{}]", t.backend);
    let (line, listed, single) = published(named_id, "Un avis signé.").await;
    assert!(line.contains("Nom Affiché"), "[{}] {line}", t.backend);
    assert_eq!(listed, "Nom Affiché", "[{}]", t.backend);
    assert_eq!(single, "Nom Affiché", "[{}]", t.backend);
    let csv = t.get("/open-data/comments.csv", None).await.body;
    assert!(!csv.contains("discrete"), "[{}] {csv}", t.backend);

    // Each may change their mind, and their own data says what they chose.
    ok(&t, "set_name_public", &[], Some(&named)).await;
    ok(
        &t,
        "set_name_public",
        &[("name_public", "on")],
        Some(&discreet),
    )
    .await;
    let (_, listed, _) = published(named_id, "Un avis signé.").await;
    assert_eq!(listed, "participant·e", "[{}]", t.backend);
    let (_, listed, _) = published(quiet_id, "Un avis sans signature.").await;
    assert_eq!(listed, "discrete", "[{}]", t.backend);
    let mine = support::json(&t.get("/account/data.json", Some(&named)).await.body);
    assert_eq!(
        mine["data"]["profile"]["name_public"], false,
        "[{}]",
        t.backend
    );
    // The site itself still shows who wrote what to those taking part.
    let page = t.get("/topics/culture", None).await.body;
    assert!(page.contains("Nom Affiché"), "[{}]", t.backend);
}
