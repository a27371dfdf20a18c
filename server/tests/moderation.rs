//! Moderation over HTTP, on SQLite and PostgreSQL: reports, the queue, decisions, the log.

mod support;

use app::error::AppError;
use axum::http::StatusCode;
use domain::moderation::ModerationError;
use domain::Role;
use serde_json::Value;
use support::{cast, error_of, exec, expect_statuses, json, scalar, Case, TestApp, PW};

backend_tests!(
    every_role_gets_exactly_its_moderation_permissions,
    reports_are_one_per_person_and_enough_trusted_ones_put_the_item_under_review,
    bad_reports_are_refused_without_writing,
    moderators_hide_with_a_public_reason_and_restore,
    the_moderation_log_is_append_only,
    an_author_appeals_a_hidden_item_once,
    a_closed_topic_takes_no_new_proposals_but_keeps_its_discussion,
    the_audit_log_names_every_kind_and_links_what_still_exists,
);

/// A published proposal in `education` by `cookie`'s account, with one comment on it by the
/// same account; returns (proposal, comment).
async fn proposal_with_comment(t: &TestApp, cookie: &str, text: &str) -> (i64, i64) {
    let r = t
        .call(
            "create_proposal",
            &[
                ("topic", "education"),
                ("title", "Une proposition discutée"),
                ("summary", "Son résumé."),
                ("body", ""),
            ],
            Some(cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let p = json(&r.body).as_i64().unwrap();
    let r = t
        .call(
            "post_comment",
            &[
                ("topic", "education"),
                ("proposal", &p.to_string()),
                ("body", text),
                ("stance", "contre"),
            ],
            Some(cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    (p, json(&r.body).as_i64().unwrap())
}

async fn report(t: &TestApp, cookie: &str, kind: &str, id: i64, reason: &str, note: &str) -> u16 {
    t.call(
        "report",
        &[
            ("kind", kind),
            ("id", &id.to_string()),
            ("reason", reason),
            ("note", note),
        ],
        Some(cookie),
    )
    .await
    .status
    .as_u16()
}

async fn public_thread(t: &TestApp, p: i64) -> Vec<Value> {
    let r = t
        .call(
            "thread",
            &[("topic", "education"), ("proposal", &p.to_string())],
            None,
        )
        .await;
    json(&r.body)["comments"].as_array().unwrap().clone()
}

async fn comment_count(t: &TestApp, p: i64) -> (i64, i64) {
    let r = t.call("proposal", &[("id", &p.to_string())], None).await;
    let v = json(&r.body);
    (
        v["comment_count"].as_i64().unwrap(),
        v["stances"][1].as_i64().unwrap(),
    )
}

async fn every_role_gets_exactly_its_moderation_permissions(t: TestApp) {
    let cast = cast(&t).await;
    let author = t.register("autrice", PW).await;
    let (p, c) = proposal_with_comment(&t, &author, "Un avis tranché.").await;
    for (who, cookie) in &cast {
        let signed_in = |ok: StatusCode| match *who {
            "anonymous" | "suspended" => StatusCode::UNAUTHORIZED,
            _ => ok,
        };
        let moderators = |ok: StatusCode| match *who {
            "moderator" | "organiser" => ok,
            "anonymous" | "suspended" => StatusCode::UNAUTHORIZED,
            _ => StatusCode::FORBIDDEN,
        };
        // A proposal of its own for each reporter, so the threshold is never reached.
        let (target, _) = proposal_with_comment(&t, &author, "Un autre avis.").await;
        let cases: Vec<Case<'_>> = vec![
            (
                "report",
                vec![
                    ("kind", "proposal".into()),
                    ("id", target.to_string()),
                    ("reason", "hors_sujet".into()),
                ],
                signed_in(StatusCode::OK),
            ),
            ("moderation_queue", vec![], moderators(StatusCode::OK)),
            (
                "moderation_queue",
                vec![("hidden", "true".into())],
                moderators(StatusCode::OK),
            ),
            (
                "moderate",
                vec![
                    ("kind", "comment".into()),
                    ("id", c.to_string()),
                    ("action", "hide".into()),
                    ("reason", "Hors sujet".into()),
                ],
                moderators(StatusCode::OK),
            ),
            (
                "moderate",
                vec![
                    ("kind", "comment".into()),
                    ("id", c.to_string()),
                    ("action", "restore".into()),
                ],
                moderators(StatusCode::OK),
            ),
            ("audit_log", vec![], moderators(StatusCode::OK)),
            // Closing then reopening a topic to new proposals.
            (
                "topic_open",
                vec![("slug", "culture".into()), ("open", "false".into())],
                moderators(StatusCode::OK),
            ),
            (
                "topic_open",
                vec![("slug", "culture".into()), ("open", "true".into())],
                moderators(StatusCode::OK),
            ),
            // Only its author appeals an item.
            (
                "appeal",
                vec![
                    ("kind", "comment".into()),
                    ("id", c.to_string()),
                    ("text", "Relisez-moi".into()),
                ],
                signed_in(StatusCode::FORBIDDEN),
            ),
        ];
        expect_statuses(&t, who, cookie.as_deref(), cases).await;
    }
    // Nobody reports their own item.
    assert_eq!(
        report(&t, &author, "comment", c, "spam", "").await,
        403,
        "own comment"
    );
    // Two moderators hid and restored, closed and reopened: eight log rows, each with its
    // moderator.
    assert_eq!(
        scalar(
            &t,
            "SELECT COUNT(*) FROM moderation_log WHERE actor_id IS NOT NULL AND item_kind <> 'user'"
        )
        .await,
        8
    );
    // One report from each signed-in role.
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM reports").await, 4);
    let _ = p;
}

/// An account that counts as a reporter under the default settings: two days old or more,
/// with a published contribution (a comment on the topic, not on the proposal under test).
async fn established(t: &TestApp, name: &str) -> String {
    let cookie = t.register(name, PW).await;
    exec(
        t,
        &format!(
            "UPDATE users SET created_at = created_at - 3 * 86400000 WHERE id = {}",
            t.user_id(name).await
        ),
    )
    .await;
    let r = t
        .call(
            "post_comment",
            &[("topic", "culture"), ("body", "Une première contribution.")],
            Some(&cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    cookie
}

async fn reports_are_one_per_person_and_enough_trusted_ones_put_the_item_under_review(t: TestApp) {
    let author = t.register("autrice", PW).await;
    let readers = [
        established(&t, "lecteur1").await,
        established(&t, "lecteur2").await,
        established(&t, "lecteur3").await,
    ];
    let moderator = t.register("moderatrice", PW).await;
    storage::users::set_role(&t.db, t.user_id("moderatrice").await, Role::Moderator, None)
        .await
        .unwrap();
    let (p, c) = proposal_with_comment(&t, &author, "Le vaccin contient une puce.").await;
    assert_eq!(comment_count(&t, p).await, (1, 1));

    // Accounts made to report count for nothing: new, or old with nothing published.
    let mut throwaways = Vec::new();
    for i in 0..4 {
        throwaways.push(t.register(&format!("jetable{i}"), PW).await);
    }
    exec(
        &t,
        "UPDATE users SET created_at = created_at - 2592000000 WHERE username = 'jetable3'",
    )
    .await;
    for who in &throwaways {
        assert_eq!(report(&t, who, "comment", c, "spam", "").await, 200);
    }
    let thread = public_thread(&t, p).await;
    assert_eq!(thread[0]["state"], "Published");
    assert_eq!(thread[0]["under_review"], false, "four throwaway reports");
    let q = json(&t.call("moderation_queue", &[], Some(&moderator)).await.body);
    assert_eq!(
        q["items"][0]["reports"].as_array().unwrap().len(),
        4,
        "yet the moderators see every report"
    );

    assert_eq!(
        report(&t, &readers[0], "comment", c, "trompeur", "").await,
        200
    );
    let r = t
        .call(
            "report",
            &[
                ("kind", "comment"),
                ("id", &c.to_string()),
                ("reason", "spam"),
            ],
            Some(&readers[0]),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert_eq!(
        error_of(&r.body),
        AppError::Moderation(ModerationError::AlreadyReported)
    );
    assert_eq!(
        report(&t, &readers[1], "comment", c, "trompeur", "").await,
        200
    );
    // Two counted reports: not yet under review.
    assert_eq!(public_thread(&t, p).await[0]["under_review"], false);

    // Concurrent duplicates from the third reader count once, and the third counted report
    // puts the comment under review: still public, counted, marked.
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..10 {
        let (t, who) = (t.clone(), readers[2].clone());
        tasks.spawn(async move { report(&t, &who, "comment", c, "injurieux", "").await });
    }
    let mut ok = 0;
    while let Some(s) = tasks.join_next().await {
        match s.unwrap() {
            200 => ok += 1,
            409 => {}
            other => panic!("unexpected {other}"),
        }
    }
    assert_eq!(ok, 1);
    assert_eq!(
        scalar(
            &t,
            &format!("SELECT COUNT(*) FROM reports WHERE item_id = {c}")
        )
        .await,
        7
    );
    let thread = public_thread(&t, p).await;
    assert_eq!(thread[0]["state"], "Published");
    assert_eq!(thread[0]["under_review"], true);
    assert_eq!(comment_count(&t, p).await, (1, 1), "still counted");
    let page = t.get(&format!("/proposals/{p}"), None).await;
    assert!(
        page.body.contains("puce") && page.body.contains("en cours d’examen"),
        "shown with a notice"
    );
    let q = json(&t.call("moderation_queue", &[], Some(&moderator)).await.body);
    assert_eq!(q["items"][0]["under_review"], true, "first in the queue");
    assert_eq!(
        scalar(
            &t,
            "SELECT COUNT(*) FROM moderation_log WHERE action = 'under_review' AND actor_id IS NULL"
        )
        .await,
        1
    );

    // The moderator keeps it: no longer under review, reports closed, queue empty.
    let r = t
        .call(
            "moderate",
            &[
                ("kind", "comment"),
                ("id", &c.to_string()),
                ("action", "approve"),
            ],
            Some(&moderator),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(public_thread(&t, p).await[0]["under_review"], false);
    assert_eq!(comment_count(&t, p).await, (1, 1));
    let q = json(&t.call("moderation_queue", &[], Some(&moderator)).await.body);
    assert_eq!(q["items"].as_array().unwrap().len(), 0);
    // Approving twice is harmless; a stale restore of a published item is refused.
    let r = t
        .call(
            "moderate",
            &[
                ("kind", "comment"),
                ("id", &c.to_string()),
                ("action", "restore"),
            ],
            Some(&moderator),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);

    // A moderator's own report counts at once, whatever the account's age.
    let other = proposal_with_comment(&t, &author, "Une autre affirmation.")
        .await
        .1;
    exec(&t, "UPDATE convention SET report_threshold = 1").await;
    assert_eq!(
        report(&t, &moderator, "comment", other, "trompeur", "").await,
        200
    );
    let under: i64 = scalar(
        &t,
        &format!("SELECT COUNT(*) FROM comments WHERE id = {other} AND under_review"),
    )
    .await;
    assert_eq!(under, 1);

    // Staff carry their role beside their name; a citizen calling themself the organisers
    // does not.
    exec(
        &t,
        "UPDATE users SET display_name = 'Équipe d''organisation' WHERE username = 'autrice'",
    )
    .await;
    let r = t
        .call(
            "post_comment",
            &[
                ("topic", "education"),
                ("proposal", &p.to_string()),
                ("body", "Rappel de la charte."),
            ],
            Some(&moderator),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let thread = public_thread(&t, p).await;
    let by = |text: &str| {
        thread
            .iter()
            .find(|c| c["body_html"].as_str().unwrap_or("").contains(text))
            .unwrap_or_else(|| panic!("{text} not in {thread:?}"))["author_badge"]
            .clone()
    };
    assert_eq!(by("Rappel de la charte."), "moderator");
    assert_eq!(by("puce"), Value::Null, "a display name earns no badge");
    let page = t.get(&format!("/proposals/{p}"), None).await.body;
    assert!(page.contains("badge staff"), "the badge on the page");
}

async fn bad_reports_are_refused_without_writing(t: TestApp) {
    let author = t.register("autrice", PW).await;
    let reader = t.register("lecteur", PW).await;
    let (p, c) = proposal_with_comment(&t, &author, "Un avis.").await;
    let long = "a".repeat(1001);
    for (kind, id, reason, note, expected) in [
        ("comment", c, "bof", "", 400),
        ("comment", c, "autre", "   ", 400),
        ("comment", c, "spam", long.as_str(), 400),
        ("comment", c, "spam", "nul\u{0}", 400),
        ("article", c, "spam", "", 400),
        ("comment", 999_999, "spam", "", 404),
        ("proposal", 999_999, "spam", "", 404),
    ] {
        assert_eq!(
            report(&t, &reader, kind, id, reason, note).await,
            expected,
            "{kind} {id} {reason} {note:.20}"
        );
    }
    for (name, fields) in [
        ("moderate", vec![("kind", "comment"), ("action", "hide")]),
        ("report", vec![("kind", "comment")]),
    ] {
        let r = t.call(name, &fields, Some(&reader)).await;
        assert!(r.status.is_client_error(), "{name}: {}", r.status);
    }
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM reports").await, 0);
    // "Autre" with a note is accepted.
    assert_eq!(
        report(
            &t,
            &reader,
            "proposal",
            p,
            "autre",
            "Doublon d’une autre proposition"
        )
        .await,
        200
    );
}

async fn moderators_hide_with_a_public_reason_and_restore(t: TestApp) {
    let author = t.register("autrice", PW).await;
    let moderator = t.register("moderatrice", PW).await;
    storage::users::set_role(&t.db, t.user_id("moderatrice").await, Role::Moderator, None)
        .await
        .unwrap();
    let (p, c) = proposal_with_comment(&t, &author, "Des insultes ici.").await;
    let moderate = |action: &'static str, reason: &'static str| {
        let (t, moderator) = (t.clone(), moderator.clone());
        async move {
            t.call(
                "moderate",
                &[
                    ("kind", "comment"),
                    ("id", &c.to_string()),
                    ("action", action),
                    ("reason", reason),
                ],
                Some(&moderator),
            )
            .await
        }
    };
    let r = moderate("hide", "  ").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "a reason is required");
    let r = moderate("hide", "Propos injurieux").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let thread = public_thread(&t, p).await;
    assert_eq!(thread[0]["state"]["Hidden"], "Propos injurieux");
    assert_eq!(thread[0]["body_html"], "");
    assert_eq!(comment_count(&t, p).await, (0, 0));
    let page = t.get(&format!("/proposals/{p}"), None).await;
    assert!(!page.body.contains("insultes"));
    assert!(page.body.contains("Propos injurieux"));
    // Its author still sees the text, and why it was hidden.
    let r = t
        .call(
            "thread",
            &[("topic", "education"), ("proposal", &p.to_string())],
            Some(&author),
        )
        .await;
    let mine = &json(&r.body)["comments"][0];
    assert!(mine["body_html"].as_str().unwrap().contains("insultes"));
    assert_eq!(mine["state"]["Hidden"], "Propos injurieux");
    // Hidden items are listed for moderators.
    let q = json(
        &t.call("moderation_queue", &[("hidden", "true")], Some(&moderator))
            .await
            .body,
    );
    assert_eq!(q["items"][0]["id"], c);

    let r = moderate("restore", "").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(public_thread(&t, p).await[0]["state"], "Published");
    assert_eq!(comment_count(&t, p).await, (1, 1));

    // Proposals too: hidden, their title and text leave every answer.
    let r = t
        .call(
            "moderate",
            &[
                ("kind", "proposal"),
                ("id", &p.to_string()),
                ("action", "hide"),
                ("reason", "Publicité"),
            ],
            Some(&moderator),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let list = t.call("topic", &[("slug", "education")], None).await;
    assert!(!list.body.contains("Une proposition discutée"));
    assert!(list.body.contains("Publicité"));

    let r = t.call("audit_log", &[], Some(&moderator)).await;
    assert_eq!(
        r.status,
        StatusCode::OK,
        "moderators read the log: {}",
        r.body
    );
    assert_eq!(
        t.get("/admin/audit.csv", Some(&moderator)).await.status,
        StatusCode::OK
    );
    let rows = scalar(
        &t,
        "SELECT COUNT(*) FROM moderation_log WHERE action <> 'role'",
    )
    .await;
    assert_eq!(
        rows, 3,
        "hide, restore, hide (after the set-up's role change)"
    );
}

async fn the_moderation_log_is_append_only(t: TestApp) {
    let author = t.register("autrice", PW).await;
    let organiser = t.register("orga", PW).await;
    storage::users::set_role(&t.db, t.user_id("orga").await, Role::Organiser, None)
        .await
        .unwrap();
    let (_, c) = proposal_with_comment(&t, &author, "Un avis.").await;
    let r = t
        .call(
            "moderate",
            &[
                ("kind", "comment"),
                ("id", &c.to_string()),
                ("action", "hide"),
                ("reason", "Hors sujet"),
            ],
            Some(&organiser),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    for sql in [
        "UPDATE moderation_log SET reason = 'effacé'",
        "DELETE FROM moderation_log",
    ] {
        let refused = storage::with_pool!(&t.db, p => sqlx::query(sql).execute(p).await.is_err());
        assert!(refused, "{sql} must be refused");
    }
    let log = json(&t.call("audit_log", &[], Some(&organiser)).await.body);
    let entry = &log["entries"][0];
    assert_eq!(entry["action"], "hide");
    assert_eq!(entry["reason"], "Hors sujet");
    assert_eq!(entry["actor"], "orga");
    assert_eq!(entry["item_id"], c);
    let page = t.get("/admin/audit", Some(&organiser)).await;
    assert!(page.body.contains("Hors sujet"));

    // The CSV export: organisers only, every row, and no cell a spreadsheet would run.
    let r = t
        .call(
            "moderate",
            &[
                ("kind", "comment"),
                ("id", &c.to_string()),
                ("action", "restore"),
                ("reason", "=HYPERLINK(\"http://evil\")"),
            ],
            Some(&organiser),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let csv = t.get("/admin/audit.csv", Some(&organiser)).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.headers[axum::http::header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    // The set-up's role changes are logged too; the moderation actions follow them.
    let lines: Vec<&str> = csv
        .body
        .trim_end()
        .split("\r\n")
        .filter(|l| !l.contains("\"role\""))
        .collect();
    assert_eq!(lines.len(), 3, "a header and two actions: {lines:?}");
    assert!(
        lines[1].contains("\"restore\"")
            && lines[1].contains("\"'=HYPERLINK(\"\"http://evil\"\")\"")
    );
    assert!(lines[2].contains("\"hide\"") && lines[2].contains("\"Hors sujet\""));
    assert_eq!(
        t.get("/admin/audit.csv", None).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        t.get("/admin/audit.csv", Some(&author)).await.status,
        StatusCode::FORBIDDEN
    );
}

async fn an_author_appeals_a_hidden_item_once(t: TestApp) {
    let author = t.register("autrice", PW).await;
    let moderator = t.register("moderatrice", PW).await;
    storage::users::set_role(&t.db, t.user_id("moderatrice").await, Role::Moderator, None)
        .await
        .unwrap();
    let (p, c) = proposal_with_comment(&t, &author, "Une critique vive mais fondée.").await;
    let appeal = |text: &'static str| {
        let (t, author) = (t.clone(), author.clone());
        async move {
            t.call(
                "appeal",
                &[("kind", "comment"), ("id", &c.to_string()), ("text", text)],
                Some(&author),
            )
            .await
        }
    };
    // Nothing to appeal while it is published.
    let r = appeal("Pourquoi ?").await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    let r = t
        .call(
            "moderate",
            &[
                ("kind", "comment"),
                ("id", &c.to_string()),
                ("action", "hide"),
                ("reason", "Propos injurieux"),
            ],
            Some(&moderator),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = appeal("   ").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "an appeal says why");
    let r = appeal("Je critique une idée, pas une personne.").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = appeal("Encore une fois.").await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert_eq!(
        error_of(&r.body),
        AppError::Moderation(ModerationError::AlreadyAppealed)
    );
    // The author sees where the appeal stands; the moderators see it in the queue.
    let mine = json(
        &t.call(
            "thread",
            &[("topic", "education"), ("proposal", &p.to_string())],
            Some(&author),
        )
        .await
        .body,
    )["comments"][0]
        .clone();
    assert_eq!(
        (mine["can_appeal"].as_bool(), mine["appeal"].as_i64()),
        (Some(false), Some(1))
    );
    let q = json(&t.call("moderation_queue", &[], Some(&moderator)).await.body);
    assert_eq!(q["items"][0]["id"], c);
    assert_eq!(
        q["items"][0]["appeal"],
        "Je critique une idée, pas une personne."
    );
    // Restoring answers the appeal: out of the queue, back in public, never appealable again.
    let r = t
        .call(
            "moderate",
            &[
                ("kind", "comment"),
                ("id", &c.to_string()),
                ("action", "restore"),
            ],
            Some(&moderator),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let q = json(&t.call("moderation_queue", &[], Some(&moderator)).await.body);
    assert_eq!(q["items"].as_array().unwrap().len(), 0);
    assert_eq!(public_thread(&t, p).await[0]["state"], "Published");
    assert_eq!(
        scalar(
            &t,
            "SELECT COUNT(*) FROM moderation_log WHERE action = 'appeal'"
        )
        .await,
        1
    );
    assert_eq!(
        scalar(
            &t,
            "SELECT COUNT(*) FROM appeals WHERE resolved_at IS NOT NULL"
        )
        .await,
        1
    );
}

async fn a_closed_topic_takes_no_new_proposals_but_keeps_its_discussion(t: TestApp) {
    let author = t.register("autrice", PW).await;
    let moderator = t.register("moderatrice", PW).await;
    storage::users::set_role(&t.db, t.user_id("moderatrice").await, Role::Moderator, None)
        .await
        .unwrap();
    let (p, _) = proposal_with_comment(&t, &author, "Avant la fermeture.").await;
    let set_open = |open: &'static str| {
        let (t, moderator) = (t.clone(), moderator.clone());
        async move {
            t.call(
                "topic_open",
                &[("slug", "education"), ("open", open)],
                Some(&moderator),
            )
            .await
        }
    };
    assert_eq!(set_open("false").await.status, StatusCode::OK);
    let page = json(
        &t.call("topic", &[("slug", "education")], Some(&author))
            .await
            .body,
    );
    assert_eq!(
        (page["open"].as_bool(), page["can_propose"].as_bool()),
        (Some(false), Some(false))
    );
    let r = t
        .call(
            "create_proposal",
            &[
                ("topic", "education"),
                ("title", "Trop tard"),
                ("summary", "Résumé."),
                ("body", ""),
            ],
            Some(&author),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert_eq!(error_of(&r.body), AppError::TopicClosed);
    // Its proposals still gather comments and supports.
    let r = t
        .call(
            "post_comment",
            &[
                ("topic", "education"),
                ("proposal", &p.to_string()),
                ("body", "Toujours ouvert"),
            ],
            Some(&author),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        t.call(
            "topic_open",
            &[("slug", "nulle-part"), ("open", "true")],
            Some(&moderator)
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(set_open("true").await.status, StatusCode::OK);
    let r = t
        .call(
            "create_proposal",
            &[
                ("topic", "education"),
                ("title", "Rouvert"),
                ("summary", "Résumé."),
                ("body", ""),
            ],
            Some(&author),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        scalar(
            &t,
            "SELECT COUNT(*) FROM moderation_log WHERE item_kind = 'topic'"
        )
        .await,
        2
    );
}

async fn the_audit_log_names_every_kind_and_links_what_still_exists(t: TestApp) {
    let author = t.register("autrice", PW).await;
    let organiser = t.register("orga", PW).await;
    let orga_id = t.user_id("orga").await;
    storage::users::set_role(&t.db, orga_id, Role::Organiser, None)
        .await
        .unwrap();
    let (p, c) = proposal_with_comment(&t, &author, "Un avis.").await;
    let topic = scalar(&t, "SELECT id FROM topics WHERE slug = 'education'").await;
    // One entry of every kind the log records; round 999 no longer exists.
    let entries = [
        ("proposal", p, "status"),
        ("comment", c, "hide"),
        ("topic", topic, "edit_topic"),
        ("round", 999, "round_create"),
        ("report", 1, "report_settings"),
        ("user", orga_id.into(), "suspend"),
        ("convention", 1, "settings"),
    ];
    // 2027-01-12T10:00:00Z, as a suspension logs its end.
    let until = 1_799_748_000_000_i64;
    for (kind, id, action) in entries {
        let reason = match action {
            "suspend" => domain::moderation::suspension_reason(Some(until), "Insultes répétées"),
            "round_create" => "schulze".to_owned(),
            _ => String::new(),
        };
        log_entry(&t, Some(orga_id.0), action, kind, id, &reason).await;
    }
    let log = json(&t.call("audit_log", &[], Some(&organiser)).await.body);
    // Skipping the set-up's role change, logged before everything else.
    let got: Vec<(String, Value)> = log["entries"]
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .filter(|e| e["action"] != "role")
        .map(|e| (e["kind"].as_str().unwrap().to_owned(), e["url"].clone()))
        .collect();
    let want = [
        ("proposal", Value::from(format!("/proposals/{p}"))),
        (
            "comment",
            Value::from(format!("/proposals/{p}#comment-{c}")),
        ),
        ("topic", Value::from("/topics/education")),
        ("round", Value::Null),
        ("report", Value::from("/report")),
        // A person's moderation page.
        (
            "account",
            Value::from(format!("/moderation/people/{orga_id}")),
        ),
        ("convention", Value::Null),
    ];
    let want: Vec<(String, Value)> = want.into_iter().map(|(k, u)| (k.to_owned(), u)).collect();
    assert_eq!(got, want, "[{}]", t.backend);
    // Each entry names its item while it exists: a title, a comment's proposal, a person.
    let names: Vec<Value> = log["entries"]
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .filter(|e| e["action"] != "role")
        .map(|e| e["item_name"].clone())
        .collect();
    assert_eq!(
        names,
        [
            Value::from("Une proposition discutée"),
            Value::from("Une proposition discutée"),
            Value::from("Éducation"),
            Value::Null,
            Value::Null,
            Value::from("orga (orga)"),
            Value::Null,
        ],
        "[{}]",
        t.backend
    );
    let suspension = log["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "suspend")
        .unwrap();
    assert_eq!(suspension["until"], until, "[{}]", t.backend);
    assert_eq!(suspension["reason"], "Insultes répétées", "[{}]", t.backend);

    // Reasons the software writes itself: status steps (as storage words them) and a seal.
    let steps = [
        (
            "status",
            domain::proposal::LoggedStep::AdoptedBy(7.into()).reason(),
        ),
        ("status", "published -> withdrawn".to_owned()),
        ("status", format!("published -> merged #{p}")),
        ("round_seal", "12".to_owned()),
        (
            "settings",
            domain::moderation::SettingsForm {
                report_threshold: 3,
                young_account_hours: 24,
                reporter_min_hours: 0,
                reporter_min_contributions: 1,
            }
            .log_reason(),
        ),
    ];
    for (action, reason) in steps {
        log_entry(&t, None, action, "proposal", p, &reason).await;
    }

    let fr = t.get("/admin/audit", Some(&organiser)).await;
    assert_eq!(fr.status, StatusCode::OK);
    // Kinds and names in words, no raw codes or epoch milliseconds.
    let text = visible_text(&fr.body);
    for want in [
        "Proposition Une proposition discutée".to_owned(),
        "Scrutin n° 999".to_owned(),
        "Compte orga (orga)".to_owned(),
        "jusqu’au 12/01/2027".to_owned(),
        "Insultes répétées".to_owned(),
        "Schulze (Condorcet)".to_owned(),
        "Adoptée à l’issue du scrutin n° 7".to_owned(),
        "Publiée → Retirée".to_owned(),
        format!("Publiée → Fusionnée (fusionnée dans la proposition n° {p})"),
        "12 bulletins scellés".to_owned(),
        "Signalements qui soumettent un contenu à l’examen : 3 · Pré-modérer partout les \
         comptes de moins de (heures) : 24"
            .to_owned(),
    ] {
        assert!(
            text.contains(&want),
            "[{}] {want} missing: {text}",
            t.backend
        );
    }
    assert!(
        fr.body.contains(&format!(
            "href=\"/proposals/{p}\" lang=\"fr\">Une proposition discutée"
        )),
        "[{}] the name links to the item",
        t.backend
    );
    assert!(
        fr.body.contains(&format!(
            "href=\"/moderation/people/{orga_id}\" lang=\"fr\">orga (orga)"
        )),
        "[{}] an account links to its moderation page",
        t.backend
    );
    assert!(
        fr.body.contains("href=\"/rounds/7\">n° 7</a>")
            && fr
                .body
                .contains(&format!("href=\"/proposals/{p}\">n° {p}</a>")),
        "[{}] a step links the round or proposal it came from",
        t.backend
    );
    assert!(!text.contains("until="), "[{}] {text}", t.backend);
    assert!(!text.contains("schulze"), "[{}] {text}", t.backend);
    assert!(
        !text.contains("->") && !text.contains("adopted by") && !text.contains("threshold="),
        "[{}] {text}",
        t.backend
    );
    assert!(!fr.body.contains("href=\"/rounds/999\""), "[{}]", t.backend);
    let en = t
        .get("/admin/audit", Some(&format!("{organiser}; lang=en")))
        .await;
    let text = visible_text(&en.body);
    for want in [
        "Voting round n° 999",
        "Adopted at the end of round n° 7",
        "Published → Withdrawn",
        "12 ballots sealed",
        "Reports that put an item under review: 3 · ",
    ] {
        assert!(text.contains(want), "[{}] {want}: {text}", t.backend);
    }

    // A kind no version wrote is an error naming the column, never a guess.
    log_entry(&t, None, "x", "ballot", 1, "").await;
    let rows = storage::moderation::log(&t.db, None, 1).await.unwrap();
    let err = rows[0].kind().unwrap_err().to_string();
    assert!(err.contains("moderation_log.item_kind"), "{err}");
}

/// Writes a moderation log entry as some version of the software did.
async fn log_entry(
    t: &TestApp,
    actor: Option<i64>,
    action: &str,
    kind: &str,
    id: i64,
    reason: &str,
) {
    storage::with_pool!(&t.db, pool => sqlx::query(
        "INSERT INTO moderation_log (actor_id, action, item_kind, item_id, reason, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(actor)
    .bind(action)
    .bind(kind)
    .bind(id)
    .bind(reason)
    .bind(storage::now_ms())
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap());
}

/// A page's text as read: scripts (the hydration data), tags and hydration markers removed,
/// entities of quotes decoded, runs of white space made one space.
fn visible_text(html: &str) -> String {
    let mut body = html.split_once("<body").map_or(html, |(_, b)| b).to_owned();
    while let Some(start) = body.find("<script") {
        let end = body[start..]
            .find("</script>")
            .map_or(body.len(), |e| start + e + "</script>".len());
        body.replace_range(start..end, " ");
    }
    let mut out = String::new();
    let mut in_tag = false;
    for ch in body.chars() {
        match ch {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
