//! Deliberation over HTTP, on SQLite and PostgreSQL: proposals, versions, supports, comments.

mod support;

use app::error::AppError;
use axum::http::StatusCode;
use domain::comment::CommentError;
use serde_json::Value;
use support::{
    cast, clear_of_window_edges, error_of, exec, expect_statuses, json, scalar, Case, TestApp, PW,
};

backend_tests!(
    every_role_gets_exactly_its_deliberation_permissions,
    proposals_keep_every_version_and_refuse_stale_edits,
    bad_proposals_are_refused_without_writing,
    drafts_stay_private_until_published,
    concurrent_supports_count_once,
    topic_lists_page_through_every_proposal_once,
    comments_nest_and_keep_their_rules,
    deleted_comments_leave_a_tombstone_and_fix_counters,
    upvotes_are_one_per_person_and_never_ones_own,
    hidden_and_pending_content_is_withheld,
    user_text_in_proposals_and_comments_is_escaped,
    rate_limits_answer_429_with_when_to_retry,
    edits_upvotes_and_password_changes_are_rate_limited,
    search_folds_accents_and_case_and_never_shows_hidden_content,
    search_finds_topics_and_word_families_grouped_by_kind,
);

/// Publishes (or drafts) a proposal in `education` and returns its id.
async fn propose(t: &TestApp, cookie: &str, title: &str, intent: &str) -> i64 {
    let r = t
        .call(
            "create_proposal",
            &[
                ("topic", "education"),
                ("title", title),
                ("summary", "Un résumé de la proposition."),
                ("body", "Le texte complet de la proposition."),
                ("intent", intent),
            ],
            Some(cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "create {title}: {}", r.body);
    json(&r.body).as_i64().expect("an id")
}

/// Comments on a proposal (or the topic when `proposal` is None) and returns the comment id.
async fn comment(
    t: &TestApp,
    cookie: &str,
    proposal: Option<i64>,
    parent: Option<i64>,
    body: &str,
) -> i64 {
    let p = proposal.map(|p| p.to_string());
    let parent = parent.map(|p| p.to_string());
    let mut fields = vec![("topic", "education"), ("body", body)];
    if let Some(p) = &p {
        fields.push(("proposal", p));
    }
    if let Some(parent) = &parent {
        fields.push(("parent", parent));
    }
    let r = t.call("post_comment", &fields, Some(cookie)).await;
    assert_eq!(r.status, StatusCode::OK, "comment {body}: {}", r.body);
    json(&r.body).as_i64().expect("an id")
}

async fn proposal_as(t: &TestApp, id: i64, cookie: Option<&str>) -> (StatusCode, Value) {
    let r = t.call("proposal", &[("id", &id.to_string())], cookie).await;
    let v = if r.status == StatusCode::OK {
        json(&r.body)
    } else {
        Value::Null
    };
    (r.status, v)
}

async fn thread_as(t: &TestApp, proposal: Option<i64>, cookie: Option<&str>) -> Vec<Value> {
    let p = proposal.map(|p| p.to_string());
    let mut fields = vec![("topic", "education")];
    if let Some(p) = &p {
        fields.push(("proposal", p));
    }
    let r = t.call("thread", &fields, cookie).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    json(&r.body)["comments"].as_array().unwrap().clone()
}

async fn every_role_gets_exactly_its_deliberation_permissions(t: TestApp) {
    let cast = cast(&t).await;
    let author = t.register("autrice", PW).await;
    let p = propose(&t, &author, "Former les agents", "publish").await;
    let c = comment(&t, &author, Some(p), None, "Premier avis.").await;
    let (p, c) = (p.to_string(), c.to_string());
    for (who, cookie) in &cast {
        let signed_in = |ok: StatusCode| match *who {
            "anonymous" | "suspended" => StatusCode::UNAUTHORIZED,
            _ => ok,
        };
        let cases: Vec<Case<'_>> = vec![
            ("topic", vec![("slug", "education".into())], StatusCode::OK),
            (
                "topic",
                vec![
                    ("slug", "education".into()),
                    ("sort", "supported".into()),
                    ("status", "published".into()),
                ],
                StatusCode::OK,
            ),
            ("proposal", vec![("id", p.clone())], StatusCode::OK),
            ("proposal_diff", vec![("id", p.clone())], StatusCode::OK),
            (
                "thread",
                vec![("topic", "education".into()), ("proposal", p.clone())],
                StatusCode::OK,
            ),
            (
                "create_proposal",
                vec![
                    ("topic", "education".into()),
                    ("title", format!("Proposition de {who}")),
                    ("summary", "Résumé.".into()),
                    ("body", String::new()),
                ],
                signed_in(StatusCode::OK),
            ),
            // Only its author edits, publishes or withdraws a proposal: not even organisers.
            (
                "edit_proposal",
                vec![
                    ("id", p.clone()),
                    ("version", "1".into()),
                    ("title", "Détourné".into()),
                    ("summary", "Détourné.".into()),
                    ("body", String::new()),
                ],
                signed_in(StatusCode::FORBIDDEN),
            ),
            (
                "proposal_status",
                vec![("id", p.clone()), ("action", "withdraw".into())],
                signed_in(StatusCode::FORBIDDEN),
            ),
            (
                "support",
                vec![("id", p.clone()), ("on", "true".into())],
                signed_in(StatusCode::OK),
            ),
            (
                "post_comment",
                vec![
                    ("topic", "education".into()),
                    ("proposal", p.clone()),
                    ("parent", c.clone()),
                    ("body", format!("Réponse de {who}")),
                    ("stance", "contre".into()),
                ],
                signed_in(StatusCode::OK),
            ),
            (
                "upvote",
                vec![("id", c.clone()), ("on", "true".into())],
                signed_in(StatusCode::OK),
            ),
            (
                "edit_comment",
                vec![("id", c.clone()), ("body", "Détourné".into())],
                signed_in(StatusCode::FORBIDDEN),
            ),
            (
                "delete_comment",
                vec![("id", c.clone())],
                signed_in(StatusCode::FORBIDDEN),
            ),
        ];
        expect_statuses(&t, who, cookie.as_deref(), cases).await;
    }
    // Nothing the refused calls asked for happened.
    let (_, v) = proposal_as(&t, p.parse().unwrap(), None).await;
    assert_eq!(v["title"], "Former les agents");
    assert_eq!(v["version"], 1);
    assert_eq!(v["status"], "published");
    assert_eq!(
        v["support_count"], 4,
        "citizen, member, moderator, organiser"
    );
    assert_eq!(v["stances"][1], 4);
    let thread = thread_as(&t, p.parse().ok(), None).await;
    assert_eq!(thread[0]["body_html"], "<p>Premier avis.</p>\n");
    assert_eq!(thread[0]["upvotes"], 4);
    assert_eq!(thread.len(), 5);
}

async fn proposals_keep_every_version_and_refuse_stale_edits(t: TestApp) {
    let author = t.register("autrice", PW).await;
    let id = propose(&t, &author, "Former les agents", "publish").await;
    let sid = id.to_string();
    let edit = |version: &'static str, title: &'static str| {
        let (t, author, sid) = (t.clone(), author.clone(), sid.clone());
        async move {
            t.call(
                "edit_proposal",
                &[
                    ("id", &sid),
                    ("version", version),
                    ("title", title),
                    ("summary", "Un résumé de la proposition."),
                    ("body", "Le texte complet et corrigé de la proposition."),
                ],
                Some(&author),
            )
            .await
        }
    };
    let r = edit("1", "Former tous les agents").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // A second editor who loaded version 1 meanwhile must not overwrite version 2.
    let r = edit("1", "Former quelques agents").await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert_eq!(error_of(&r.body), AppError::Stale);
    let (_, v) = proposal_as(&t, id, Some(&author)).await;
    assert_eq!(v["version"], 2);
    assert_eq!(v["title"], "Former tous les agents");
    assert_eq!(v["versions"].as_array().unwrap().len(), 2);
    let versions = scalar(
        &t,
        &format!("SELECT COUNT(*) FROM proposal_versions WHERE proposal_id = {id}"),
    )
    .await;
    assert_eq!(versions, 2, "the refused edit wrote no version");

    let r = t
        .call(
            "proposal_diff",
            &[("id", &sid), ("from", "1"), ("to", "2")],
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let d = json(&r.body);
    assert_eq!(
        d["title"],
        serde_json::json!([{"Same": "Former "}, {"Added": "tous "}, {"Same": "les agents"}])
    );
    assert!(d["body"].to_string().contains("corrigé"), "{}", d["body"]);
    for (from, to) in [("0", "1"), ("1", "9"), ("x", "1")] {
        let r = t
            .call(
                "proposal_diff",
                &[("id", &sid), ("from", from), ("to", to)],
                None,
            )
            .await;
        assert!(r.status.is_client_error(), "{from}->{to}: {}", r.status);
    }
    let page = t
        .get(&format!("/proposals/{id}/history?from=1&to=2"), None)
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<ins>tous </ins>"), "{}", page.body);

    // Withdrawn: no more edits, supports or comments.
    let r = t
        .call(
            "proposal_status",
            &[("id", &sid), ("action", "withdraw")],
            Some(&author),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = edit("2", "Encore").await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    let other = t.register("lecteur", PW).await;
    let r = t
        .call("support", &[("id", &sid), ("on", "true")], Some(&other))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    let r = t
        .call(
            "post_comment",
            &[
                ("topic", "education"),
                ("proposal", &sid),
                ("body", "Trop tard ?"),
            ],
            Some(&other),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert_eq!(error_of(&r.body), AppError::Closed);
}

async fn bad_proposals_are_refused_without_writing(t: TestApp) {
    let author = t.register("autrice", PW).await;
    let long = "a".repeat(200_000);
    let cases: Vec<[(&str, &str); 4]> = vec![
        [
            ("topic", "education"),
            ("title", ""),
            ("summary", "s"),
            ("body", ""),
        ],
        [
            ("topic", "education"),
            ("title", "   "),
            ("summary", "s"),
            ("body", ""),
        ],
        [
            ("topic", "education"),
            ("title", "t"),
            ("summary", ""),
            ("body", ""),
        ],
        [
            ("topic", "education"),
            ("title", &long),
            ("summary", "s"),
            ("body", ""),
        ],
        [
            ("topic", "education"),
            ("title", "t"),
            ("summary", "s"),
            ("body", &long),
        ],
        [
            ("topic", "education"),
            ("title", "nul\0"),
            ("summary", "s"),
            ("body", ""),
        ],
    ];
    for fields in &cases {
        let r = t.call("create_proposal", fields, Some(&author)).await;
        assert_eq!(
            r.status,
            StatusCode::BAD_REQUEST,
            "{fields:.60?}: {}",
            r.body
        );
        assert!(
            matches!(error_of(&r.body), AppError::Proposal(_)),
            "{}",
            r.body
        );
    }
    let r = t
        .call(
            "create_proposal",
            &[
                ("topic", "nulle-part"),
                ("title", "t"),
                ("summary", "s"),
                ("body", ""),
            ],
            Some(&author),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    // Quotes nested past the rule: refused with the rule, in both languages, as a proposal's
    // text and as a comment (12 levels pass).
    let deep = format!("{}trop profond", "> ".repeat(13));
    let fine = format!("{}assez", "> ".repeat(12));
    let r = t
        .call(
            "create_proposal",
            &[
                ("topic", "education"),
                ("title", "t"),
                ("summary", "s"),
                ("body", &deep),
            ],
            Some(&author),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    let e = error_of(&r.body);
    assert_eq!(
        e.message(app::i18n::Locale::Fr),
        "Le texte imbrique citations et listes sur plus de 12 niveaux : aplatissez-le."
    );
    assert!(e
        .message(app::i18n::Locale::En)
        .contains("more than 12 levels"));
    let r = t
        .call(
            "post_comment",
            &[("topic", "education"), ("body", &deep)],
            Some(&author),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    assert!(error_of(&r.body)
        .message(app::i18n::Locale::Fr)
        .starts_with("Le commentaire imbrique"));
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM comments").await, 0);
    let r = t
        .call(
            "post_comment",
            &[("topic", "education"), ("body", &fine)],
            Some(&author),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM comments").await, 1);
    for (name, fields) in [
        ("proposal", vec![("id", "abc")]),
        ("proposal", vec![]),
        ("proposal_status", vec![("id", "1"), ("action", "adopt")]),
        ("topic", vec![("slug", "education"), ("sort", "random")]),
        ("topic", vec![("slug", "education"), ("after", "12")]),
        ("topic", vec![("slug", "education"), ("status", "nope")]),
    ] {
        let r = t.call(name, &fields, Some(&author)).await;
        assert!(
            r.status.is_client_error(),
            "{name} {fields:?}: {} {}",
            r.status,
            r.body
        );
    }
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM proposals").await, 0);
    assert_eq!(
        scalar(&t, "SELECT COUNT(*) FROM proposal_versions").await,
        0
    );
}

async fn drafts_stay_private_until_published(t: TestApp) {
    let author = t.register("autrice", PW).await;
    let reader = t.register("lecteur", PW).await;
    let id = propose(&t, &author, "Brouillon secret", "draft").await;
    let (status, v) = proposal_as(&t, id, Some(&author)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(v["status"], "draft");
    assert_eq!(v["can_publish"], true);
    for cookie in [None, Some(reader.as_str())] {
        assert_eq!(proposal_as(&t, id, cookie).await.0, StatusCode::NOT_FOUND);
        let list = t.call("topic", &[("slug", "education")], cookie).await;
        assert!(!list.body.contains("Brouillon secret"));
        let page = t.get(&format!("/proposals/{id}"), cookie).await;
        assert!(!page.body.contains("Brouillon secret"));
    }
    let r = t
        .call(
            "support",
            &[("id", &id.to_string()), ("on", "true")],
            Some(&reader),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    let r = t
        .call(
            "proposal_status",
            &[("id", &id.to_string()), ("action", "publish")],
            Some(&reader),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    let r = t
        .call(
            "proposal_status",
            &[("id", &id.to_string()), ("action", "publish")],
            Some(&author),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let list = t.call("topic", &[("slug", "education")], None).await;
    assert!(list.body.contains("Brouillon secret"));
    // Publishing twice is a life-cycle error, not a second transition.
    let r = t
        .call(
            "proposal_status",
            &[("id", &id.to_string()), ("action", "publish")],
            Some(&author),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
}

async fn concurrent_supports_count_once(t: TestApp) {
    let author = t.register("autrice", PW).await;
    let fan = t.register("soutien", PW).await;
    let id = propose(&t, &author, "Soutenue", "publish").await;
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..50 {
        let (t, fan) = (t.clone(), fan.clone());
        tasks.spawn(async move {
            t.call(
                "support",
                &[("id", &id.to_string()), ("on", "true")],
                Some(&fan),
            )
            .await
        });
    }
    while let Some(r) = tasks.join_next().await {
        let r = r.unwrap();
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(r.body, "1");
    }
    assert_eq!(
        storage::proposals::count_support_rows(&t.db, domain::ProposalId(id))
            .await
            .unwrap(),
        1
    );
    let (_, v) = proposal_as(&t, id, Some(&fan)).await;
    assert_eq!(v["support_count"], 1);
    assert_eq!(v["supported"], true);
    // Its author may not support it (that would count them twice); taking a support back
    // twice removes one.
    let call = |cookie: &str, on: &str| {
        let (t, cookie, on) = (t.clone(), cookie.to_owned(), on.to_owned());
        async move {
            t.call(
                "support",
                &[("id", &id.to_string()), ("on", &on)],
                Some(&cookie),
            )
            .await
            .body
        }
    };
    let r = t
        .call(
            "support",
            &[("id", &id.to_string()), ("on", "true")],
            Some(&author),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert_eq!(call(&fan, "false").await, "0");
    assert_eq!(call(&fan, "false").await, "0");
    assert_eq!(
        storage::proposals::count_support_rows(&t.db, domain::ProposalId(id))
            .await
            .unwrap(),
        0
    );
}

async fn topic_lists_page_through_every_proposal_once(t: TestApp) {
    let author = t.register("autrice", PW).await;
    // Written straight into storage: one account may not publish 45 proposals in an hour.
    let _ = author;
    let author_id = t.user_id("autrice").await;
    let mut ids = Vec::new();
    for i in 0..45 {
        let title = format!("Proposition {i:02}");
        let id = storage::proposals::create_proposal(
            &t.db,
            &storage::proposals::NewProposal {
                topic_id: domain::TopicId(1),
                author_id,
                title: &title,
                summary: "Résumé.",
                body: "",
                status: "published",
                visibility: "published",
            },
        )
        .await
        .unwrap();
        ids.push(id);
    }
    // Ties on purpose: supports 0, 1 or 2, so the id must break them.
    let fans = [t.register("fan1", PW).await, t.register("fan2", PW).await];
    for (n, id) in ids.iter().enumerate() {
        for fan in fans.iter().take(n % 3) {
            let r = t
                .call(
                    "support",
                    &[("id", &id.to_string()), ("on", "true")],
                    Some(fan),
                )
                .await;
            assert_eq!(r.status, StatusCode::OK);
        }
    }
    // Closed ones (here adopted, the best supported among them) come after every open one.
    let closed: Vec<String> = ids.iter().step_by(5).map(|id| id.to_string()).collect();
    exec(
        &t,
        &format!(
            "UPDATE proposals SET status = 'adopted' WHERE id IN ({})",
            closed.join(", ")
        ),
    )
    .await;
    for sort in ["newest", "supported", "discussed"] {
        let mut seen: Vec<(bool, i64, i64)> = Vec::new();
        let mut after = String::new();
        let mut pages = 0;
        loop {
            let r = t
                .call(
                    "topic",
                    &[("slug", "education"), ("sort", sort), ("after", &after)],
                    None,
                )
                .await;
            assert_eq!(r.status, StatusCode::OK, "{}", r.body);
            let v = json(&r.body);
            let page = v["proposals"].as_array().unwrap();
            assert!(page.len() <= 20);
            for p in page {
                let key = match sort {
                    "supported" => p["support_count"].as_i64().unwrap(),
                    "discussed" => p["comment_count"].as_i64().unwrap(),
                    _ => p["created_at"].as_i64().unwrap(),
                };
                let open = p["status"] != "adopted";
                seen.push((open, key, p["id"].as_i64().unwrap()));
            }
            pages += 1;
            match v["next"].as_str() {
                Some(n) => after = n.to_owned(),
                None => break,
            }
        }
        assert_eq!(pages, 3, "{sort}");
        let mut sorted = seen.clone();
        sorted.sort_by(|a, b| b.cmp(a));
        assert_eq!(
            seen, sorted,
            "{sort}: open first, then descending by key, then id"
        );
        assert_eq!(seen.iter().filter(|s| !s.0).count(), closed.len(), "{sort}");
        let mut unique: Vec<i64> = seen.iter().map(|s| s.2).collect();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), 45, "{sort}: every proposal exactly once");
    }
    let v = json(
        &t.call(
            "topic",
            &[("slug", "education"), ("status", "withdrawn")],
            None,
        )
        .await
        .body,
    );
    assert_eq!(v["proposals"].as_array().unwrap().len(), 0);
}

async fn comments_nest_and_keep_their_rules(t: TestApp) {
    let author = t.register("autrice", PW).await;
    let other = t.register("lecteur", PW).await;
    let p = propose(&t, &author, "Débattue", "publish").await;
    let sp = p.to_string();
    // A chain of replies deeper than the limit: the deepest stay at the last level.
    let mut parent = None;
    let mut chain = Vec::new();
    for i in 0..7 {
        let who = if i % 2 == 0 { &author } else { &other };
        let id = comment(&t, who, Some(p), parent, &format!("Niveau {i}")).await;
        chain.push(id);
        parent = Some(id);
    }
    let topic_level = comment(&t, &other, None, None, "Sur le thème en général").await;
    let thread = thread_as(&t, Some(p), None).await;
    let depths: Vec<i64> = thread
        .iter()
        .map(|c| c["depth"].as_i64().unwrap())
        .collect();
    assert_eq!(depths, [0, 1, 2, 3, 4, 4, 4]);
    let ids: Vec<i64> = thread.iter().map(|c| c["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, chain, "replies follow what they answer");
    let topic_thread = thread_as(&t, None, None).await;
    assert_eq!(topic_thread.len(), 1);
    assert_eq!(topic_thread[0]["id"], topic_level);
    assert_eq!(proposal_as(&t, p, None).await.1["comment_count"], 7);

    let too_long = AppError::Comment(CommentError::Length {
        max: 5000,
        actual: 5001,
    });
    let bad: Vec<(Vec<(&str, String)>, AppError)> = vec![
        (
            vec![("body", "   ".into()), ("proposal", sp.clone())],
            AppError::Comment(CommentError::Length {
                max: 5000,
                actual: 0,
            }),
        ),
        (
            vec![("body", "é".repeat(5001)), ("proposal", sp.clone())],
            too_long,
        ),
        (
            vec![("body", "bip\u{7}".into()), ("proposal", sp.clone())],
            AppError::Comment(CommentError::Characters),
        ),
        (
            vec![
                ("body", "ok".into()),
                ("proposal", sp.clone()),
                ("stance", "peut-être".into()),
            ],
            AppError::Comment(CommentError::UnknownStance),
        ),
        (
            vec![("body", "ok".into()), ("stance", "pour".into())],
            AppError::Comment(CommentError::StanceWithoutProposal),
        ),
    ];
    for (extra, expected) in bad {
        let mut fields = vec![("topic", "education")];
        fields.extend(extra.iter().map(|(k, v)| (*k, v.as_str())));
        let r = t.call("post_comment", &fields, Some(&other)).await;
        assert_eq!(
            r.status,
            StatusCode::BAD_REQUEST,
            "{fields:.80?}: {}",
            r.body
        );
        assert_eq!(error_of(&r.body), expected);
    }
    // 5000 characters, multi-byte, is the limit and accepted.
    comment(&t, &other, Some(p), None, &"é".repeat(5000)).await;
    // A reply must stay in the thread of what it answers.
    let r = t
        .call(
            "post_comment",
            &[
                ("topic", "education"),
                ("parent", &chain[0].to_string()),
                ("body", "Ailleurs"),
            ],
            Some(&other),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    let r = t
        .call(
            "post_comment",
            &[
                ("topic", "sante"),
                ("proposal", &sp),
                ("body", "Mauvais thème"),
            ],
            Some(&other),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    assert_eq!(
        scalar(&t, "SELECT COUNT(*) FROM comments").await,
        9,
        "refused comments wrote nothing"
    );

    // Editing: its author, within 15 minutes.
    let first = chain[0].to_string();
    let r = t
        .call(
            "edit_comment",
            &[("id", &first), ("body", "Niveau 0, précisé")],
            Some(&author),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let thread = thread_as(&t, Some(p), Some(&author)).await;
    assert_eq!(thread[0]["body_html"], "<p>Niveau 0, précisé</p>\n");
    assert_eq!(thread[0]["edited"], true);
    assert_eq!(thread[0]["can_edit"], true);
    exec(
        &t,
        &format!("UPDATE comments SET created_at = created_at - 16 * 60 * 1000 WHERE id = {first}"),
    )
    .await;
    let r = t
        .call(
            "edit_comment",
            &[("id", &first), ("body", "Trop tard")],
            Some(&author),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert_eq!(
        error_of(&r.body),
        AppError::Comment(CommentError::EditWindowClosed)
    );
    assert_eq!(
        thread_as(&t, Some(p), Some(&author)).await[0]["can_edit"],
        false
    );
}

async fn deleted_comments_leave_a_tombstone_and_fix_counters(t: TestApp) {
    let author = t.register("autrice", PW).await;
    let other = t.register("lecteur", PW).await;
    let p = propose(&t, &author, "Débattue", "publish").await;
    let sp = p.to_string();
    let r = t
        .call(
            "post_comment",
            &[
                ("topic", "education"),
                ("proposal", &sp),
                ("body", "Je suis contre, et voici pourquoi."),
                ("stance", "contre"),
            ],
            Some(&other),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let c = json(&r.body).as_i64().unwrap();
    let reply = comment(&t, &author, Some(p), Some(c), "Pourtant…").await;
    let (_, v) = proposal_as(&t, p, None).await;
    assert_eq!(
        (v["comment_count"].as_i64(), v["stances"][1].as_i64()),
        (Some(2), Some(1))
    );

    let r = t
        .call("delete_comment", &[("id", &c.to_string())], Some(&other))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let thread = thread_as(&t, Some(p), None).await;
    assert_eq!(
        thread.len(),
        2,
        "the reply keeps its place under a tombstone"
    );
    assert_eq!(thread[0]["state"], "Deleted");
    assert_eq!(thread[0]["body_html"], "");
    assert_eq!(thread[0]["author_name"], "");
    assert_eq!(thread[1]["id"], reply);
    assert!(!t
        .get(&format!("/proposals/{p}"), None)
        .await
        .body
        .contains("voici pourquoi"));
    let (_, v) = proposal_as(&t, p, None).await;
    assert_eq!(
        (v["comment_count"].as_i64(), v["stances"][1].as_i64()),
        (Some(1), Some(0))
    );
    // Deleting again changes nothing; a deleted comment is neither edited nor answered.
    let r = t
        .call("delete_comment", &[("id", &c.to_string())], Some(&other))
        .await;
    assert!(
        r.status.is_success() || r.status.is_client_error(),
        "{}",
        r.status
    );
    assert_eq!(proposal_as(&t, p, None).await.1["comment_count"], 1);
    let r = t
        .call(
            "edit_comment",
            &[("id", &c.to_string()), ("body", "Revenu")],
            Some(&other),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    let r = t
        .call(
            "post_comment",
            &[
                ("topic", "education"),
                ("proposal", &sp),
                ("parent", &c.to_string()),
                ("body", "À qui ?"),
            ],
            Some(&author),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
}

async fn upvotes_are_one_per_person_and_never_ones_own(t: TestApp) {
    let author = t.register("autrice", PW).await;
    let fan = t.register("fan", PW).await;
    let p = propose(&t, &author, "Débattue", "publish").await;
    let c = comment(&t, &author, Some(p), None, "Mon argument")
        .await
        .to_string();
    let r = t
        .call("upvote", &[("id", &c), ("on", "true")], Some(&author))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..30 {
        let (t, fan, c) = (t.clone(), fan.clone(), c.clone());
        tasks.spawn(async move {
            t.call("upvote", &[("id", &c), ("on", "true")], Some(&fan))
                .await
        });
    }
    while let Some(r) = tasks.join_next().await {
        let r = r.unwrap();
        assert_eq!((r.status, r.body.as_str()), (StatusCode::OK, "1"));
    }
    let thread = thread_as(&t, Some(p), Some(&fan)).await;
    assert_eq!(thread[0]["upvotes"], 1);
    assert_eq!(thread[0]["upvoted"], true);
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM comment_votes").await, 1);
    let r = t
        .call("upvote", &[("id", &c), ("on", "false")], Some(&fan))
        .await;
    assert_eq!(r.body, "0");
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM comment_votes").await, 0);
}

async fn hidden_and_pending_content_is_withheld(t: TestApp) {
    let author = t.register("autrice", PW).await;
    let reader = t.register("lecteur", PW).await;
    let moderator = t.register("moderatrice", PW).await;
    storage::users::set_role(
        &t.db,
        t.user_id("moderatrice").await,
        domain::Role::Moderator,
        None,
    )
    .await
    .unwrap();
    let hidden = propose(&t, &author, "Texte injurieux", "publish").await;
    let pending = propose(&t, &author, "Texte en attente", "publish").await;
    exec(
        &t,
        &format!(
            "UPDATE proposals SET visibility = 'hidden', hidden_reason = 'Propos injurieux' \
             WHERE id = {hidden}"
        ),
    )
    .await;
    exec(
        &t,
        &format!("UPDATE proposals SET visibility = 'pending' WHERE id = {pending}"),
    )
    .await;
    let c = comment(&t, &reader, None, None, "Un commentaire masqué").await;
    exec(
        &t,
        &format!(
            "UPDATE comments SET visibility = 'hidden', hidden_reason = 'Hors sujet' WHERE id = {c}"
        ),
    )
    .await;
    for cookie in [None, Some(reader.as_str())] {
        let list = t.call("topic", &[("slug", "education")], cookie).await;
        assert!(!list.body.contains("Texte injurieux"));
        assert!(
            list.body.contains("Propos injurieux"),
            "the reason is shown"
        );
        assert!(!list.body.contains("Texte en attente"));
        let (status, v) = proposal_as(&t, hidden, cookie).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            (v["title"].as_str(), v["body_html"].as_str()),
            (Some(""), Some(""))
        );
        assert_eq!(
            proposal_as(&t, pending, cookie).await.0,
            StatusCode::NOT_FOUND
        );
        let page = t.get(&format!("/proposals/{hidden}"), cookie).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(!page.body.contains("Texte injurieux"));
        let topic_thread = thread_as(&t, None, cookie).await;
        // The reader wrote it, so sees it; an anonymous reader sees only the reason.
        let own = cookie.is_some();
        assert_eq!(
            topic_thread[0]["body_html"]
                .as_str()
                .unwrap()
                .contains("masqué"),
            own
        );
        if !own {
            assert_eq!(topic_thread[0]["state"]["Hidden"], "Hors sujet");
        }
    }
    for cookie in [&author, &moderator] {
        let list = t
            .call("topic", &[("slug", "education")], Some(cookie))
            .await;
        assert!(list.body.contains("Texte injurieux"));
        assert!(list.body.contains("Texte en attente"));
    }
    // Hidden or pending proposals take no support, comment or version from others.
    for id in [hidden, pending] {
        let r = t
            .call(
                "support",
                &[("id", &id.to_string()), ("on", "true")],
                Some(&reader),
            )
            .await;
        assert!(r.status.is_client_error(), "{}", r.body);
        let r = t
            .call(
                "post_comment",
                &[
                    ("topic", "education"),
                    ("proposal", &id.to_string()),
                    ("body", "x"),
                ],
                Some(&reader),
            )
            .await;
        assert!(r.status.is_client_error(), "{}", r.body);
    }
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM supports").await, 0);
}

async fn user_text_in_proposals_and_comments_is_escaped(t: TestApp) {
    let author = t.register("autrice", PW).await;
    let attack = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    let r = t
        .call(
            "create_proposal",
            &[
                ("topic", "education"),
                ("title", attack),
                ("summary", attack),
                ("body", &format!("{attack}\n\n[lien](javascript:alert(3))")),
            ],
            Some(&author),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let p = json(&r.body).as_i64().unwrap();
    comment(&t, &author, Some(p), None, attack).await;
    for path in [
        format!("/proposals/{p}"),
        "/topics/education".to_owned(),
        format!("/proposals/{p}/history"),
        format!("/proposals/{p}/edit"),
    ] {
        let page = t.get(&path, Some(&author)).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        let lower = page.body.to_lowercase();
        if let Some(at) = lower.find("<script>alert") {
            panic!(
                "{path}: raw script: {}",
                &page.body[at.saturating_sub(300)..at + 60]
            );
        }
        assert!(!lower.contains("<img src=x"), "{path}: raw img");
        assert!(
            !lower.contains("href=\"javascript"),
            "{path}: javascript URL"
        );
    }
}

async fn rate_limits_answer_429_with_when_to_retry(t: TestApp) {
    use domain::rate::Action;
    clear_of_window_edges(90).await;
    // Per account: comments.
    let writer = t.register("bavard", PW).await;
    let p = propose(&t, &writer, "Très commentée", "publish").await;
    let max = Action::Comment.per_account().unwrap().max;
    for i in 0..max {
        comment(&t, &writer, Some(p), None, &format!("Remarque {i}")).await;
    }
    let r = t
        .call(
            "post_comment",
            &[
                ("topic", "education"),
                ("proposal", &p.to_string()),
                ("body", "Encore une"),
            ],
            Some(&writer),
        )
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.body);
    match error_of(&r.body) {
        AppError::RateLimited { retry_after_secs } => {
            assert!((1..=600).contains(&retry_after_secs))
        }
        other => panic!("expected RateLimited, got {other:?}"),
    }
    let msg = error_of(&r.body).message(app::i18n::Locale::Fr);
    assert!(msg.contains("réessayez dans"), "{msg}");
    assert_eq!(
        scalar(&t, "SELECT COUNT(*) FROM comments").await,
        i64::from(max),
        "the refused comment was not written"
    );
    // Another account is not affected.
    let other = t.register("calme", PW).await;
    comment(&t, &other, Some(p), None, "Moi aussi").await;

    // Per address: registrations, counted even when refused, for one address only.
    let max = Action::Register.per_address().max;
    for i in 0..max {
        let r = t
            .call_from(
                "203.0.113.7",
                "register",
                &[
                    ("username", ""),
                    ("display_name", &i.to_string()),
                    ("password", PW),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    }
    let fields = [
        ("username", "nouvelle"),
        ("display_name", "Nouvelle"),
        ("password", PW),
    ];
    let r = t.call_from("203.0.113.7", "register", &fields).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.body);
    let r = t.call_from("2001:db8::1", "register", &fields).await;
    assert_eq!(r.status, StatusCode::OK, "another address: {}", r.body);

    // Per username and caller: whoever guessed one account's password is stopped, even with
    // the right one (the owner elsewhere is not: see api.rs).
    let max = Action::Login.per_account().unwrap().max;
    for _ in 0..max {
        let r = t.login("calme", "pas le bon mot de passe").await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(
        t.login("calme", PW).await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        t.login("bavard", PW).await.status,
        StatusCode::OK,
        "other accounts log in"
    );
}

async fn edits_upvotes_and_password_changes_are_rate_limited(t: TestApp) {
    use domain::rate::Action;
    clear_of_window_edges(90).await;
    let writer = t.register("retouche", PW).await;
    let reader = t.register("lectrice", PW).await;
    let p = propose(&t, &writer, "Souvent retouchée", "publish").await;
    let c = comment(&t, &writer, Some(p), None, "Premier jet").await;
    let (id, c_id) = (p.to_string(), c.to_string());
    let edit = |n: u32| {
        let (t, writer, c_id) = (&t, &writer, &c_id);
        async move {
            let body = format!("Version {n}");
            t.call(
                "edit_comment",
                &[("id", c_id), ("body", &body)],
                Some(writer),
            )
            .await
            .status
        }
    };
    let max = Action::Edit.per_account().unwrap().max;
    for n in 0..max {
        assert_eq!(edit(n).await, StatusCode::OK);
    }
    assert_eq!(edit(max).await, StatusCode::TOO_MANY_REQUESTS);
    let r = t.call("proposal", &[("id", &id)], None).await;
    assert_eq!(r.status, StatusCode::OK);
    let upvote = |on: &'static str| {
        let (t, reader, c_id) = (&t, &reader, &c_id);
        async move {
            t.call("upvote", &[("id", c_id), ("on", on)], Some(reader))
                .await
                .status
        }
    };
    let max = Action::Upvote.per_account().unwrap().max;
    for n in 0..max {
        let on = if n % 2 == 0 { "true" } else { "false" };
        assert_eq!(upvote(on).await, StatusCode::OK);
    }
    assert_eq!(upvote("true").await, StatusCode::TOO_MANY_REQUESTS);
    // Each password change costs a hash: a handful an hour, right or wrong.
    let max = Action::PasswordChange.per_account().unwrap().max;
    for _ in 0..max {
        let r = t
            .call(
                "change_password",
                &[
                    ("current_password", "pas le bon"),
                    ("new_password", "une nouvelle phrase"),
                ],
                Some(&reader),
            )
            .await;
        assert!(
            matches!(error_of(&r.body), AppError::WrongCurrentPassword),
            "{}",
            r.body
        );
    }
    let r = t
        .call(
            "change_password",
            &[
                ("current_password", PW),
                ("new_password", "une nouvelle phrase"),
            ],
            Some(&reader),
        )
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.body);
}

async fn search_folds_accents_and_case_and_never_shows_hidden_content(t: TestApp) {
    let author = t.register("autrice", PW).await;
    let reader = t.register("lecteur", PW).await;
    let r = t
        .call(
            "create_proposal",
            &[
                ("topic", "education"),
                ("title", "Une École Numérique ouverte"),
                (
                    "summary",
                    "Des ordinateurs pour chaque élève <script>alert(1)</script>.",
                ),
                (
                    "body",
                    "Former les enseignants aux usages de l’intelligence artificielle.",
                ),
            ],
            Some(&author),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let visible = json(&r.body).as_i64().unwrap();
    let c = comment(
        &t,
        &reader,
        Some(visible),
        None,
        "Les écoles rurales d’abord !",
    )
    .await;
    let draft = propose(&t, &author, "Brouillon sur l’école secrète", "draft").await;
    let hidden = propose(&t, &author, "École cachée par la modération", "publish").await;
    exec(
        &t,
        &format!(
            "UPDATE proposals SET visibility = 'hidden', hidden_reason = 'x' WHERE id = {hidden}"
        ),
    )
    .await;
    let topic_comment = comment(&t, &reader, None, None, "Un commentaire numérique masqué").await;
    exec(
        &t,
        &format!("UPDATE comments SET visibility = 'hidden' WHERE id = {topic_comment}"),
    )
    .await;

    let find = |q: &'static str| {
        let t = t.clone();
        async move {
            let r = t.call("search", &[("q", q)], None).await;
            assert_eq!(r.status, StatusCode::OK, "{q}: {}", r.body);
            json(&r.body)["results"].as_array().unwrap().clone()
        }
    };
    for q in ["ecole", "ÉCOLE", "numerique", "Numérique", "enseignants"] {
        let hits = find(q).await;
        assert!(
            hits.iter()
                .any(|h| h["url"] == format!("/proposals/{visible}")),
            "{q}: {hits:?}"
        );
        let text = serde_json::to_string(&hits).unwrap();
        assert!(
            !text.contains("secrète") && !text.contains("cachée"),
            "{q}: {text}"
        );
        assert!(!text.contains("masqué"), "{q}: {text}");
    }
    // A comment is found and linked in its thread; matches are marked.
    let hits = find("rurales").await;
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0]["url"], format!("/proposals/{visible}#comment-{c}"));
    assert!(hits[0]["excerpt"]
        .as_array()
        .unwrap()
        .iter()
        .any(|piece| piece[1] == true
            && piece[0]
                .as_str()
                .unwrap()
                .to_lowercase()
                .contains("rurales")));
    // Search syntax and hostile input are only words.
    for q in [
        "\"",
        "*",
        "NEAR(a b)",
        "école -numérique",
        "a OR b",
        "' OR 1=1 --",
        "\u{0}",
        "",
    ] {
        let r = t.call("search", &[("q", q)], None).await;
        assert_eq!(r.status, StatusCode::OK, "{q:?}: {}", r.body);
    }
    let page = t.get("/search?q=ecole", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<mark>"), "highlighted");
    assert!(!page.body.contains("<script>alert"), "escaped");
    let _ = draft;
}

async fn search_finds_topics_and_word_families_grouped_by_kind(t: TestApp) {
    let author = t.register("autrice", PW).await;
    let reconversion = propose(&t, &author, "Reconversion des salariés", "publish").await;
    let ecologique = propose(&t, &author, "Un numérique écologique", "publish").await;
    let find = |q: &'static str| {
        let t = t.clone();
        async move {
            let r = t.call("search", &[("q", q)], None).await;
            assert_eq!(r.status, StatusCode::OK, "{q}: {}", r.body);
            json(&r.body)
        }
    };
    let urls = |v: &serde_json::Value| -> Vec<String> {
        v["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["url"].as_str().unwrap().to_owned())
            .collect()
    };
    // A topic is found by its title, its description or its framing question, accents and
    // endings aside, and comes before proposals.
    for q in [
        "desinformation",
        "désinformations",
        "hypertrucages",
        "trompeur",
    ] {
        let r = find(q).await;
        assert_eq!(
            urls(&r).first().map(String::as_str),
            Some("/topics/desinformation"),
            "{q}: {r}"
        );
        assert_eq!(r["results"][0]["kind"], "Topic", "{q}");
        assert!(r["suggestions"].as_array().unwrap().is_empty());
    }
    // Words of one family find each other, both ways.
    for (q, id) in [
        ("reconversions", reconversion),
        ("reconversion", reconversion),
        ("écologie", ecologique),
        ("ecologiques", ecologique),
    ] {
        let r = find(q).await;
        assert!(urls(&r).contains(&format!("/proposals/{id}")), "{q}: {r}");
    }
    // An archived topic is no longer offered.
    exec(
        &t,
        "UPDATE topics SET archived = TRUE WHERE slug = 'culture'",
    )
    .await;
    let r = find("artistes").await;
    assert!(!urls(&r).contains(&"/topics/culture".to_owned()), "{r}");
    // Nothing found: the topics are suggested instead (not the archived one).
    let r = find("xylophonistes").await;
    assert!(r["results"].as_array().unwrap().is_empty());
    let suggested: Vec<&str> = r["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["url"].as_str().unwrap())
        .collect();
    assert!(suggested.contains(&"/topics/education"), "{r}");
    assert!(!suggested.contains(&"/topics/culture"), "{r}");
    // The page groups results under a heading per kind, and suggests topics when empty.
    let page = t.get("/search?q=desinformation", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Thèmes (1)"), "{}", page.body);
    assert!(page.body.contains("<mark>"), "highlighted");
    let page = t.get("/search?q=xylophonistes", None).await;
    assert!(
        page.body.contains("href=\"/topics/education\""),
        "{}",
        page.body
    );
}
