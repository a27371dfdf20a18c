//! Curation and the finer moderation tools over HTTP, on SQLite and PostgreSQL: topics
//! (create, edit, pin, archive, reorder), pre-moderation per topic and for young accounts, the
//! report threshold, "contested" labels, suspensions for a period and bans, and the organiser's
//! proposal transitions.

mod support;

use app::error::AppError;
use axum::http::StatusCode;
use domain::moderation::ModerationError;
use domain::topic::TopicError;
use domain::Role;
use serde_json::Value;
use support::{cast, error_of, exec, expect_statuses, json, role, scalar, Case, TestApp, PW};

backend_tests!(
    every_role_gets_exactly_its_curation_permissions,
    topics_are_created_edited_pinned_archived_and_reordered,
    a_premoderated_topic_holds_contributions_until_approved,
    young_accounts_and_the_report_threshold_follow_the_settings,
    moderators_label_a_claim_contested_with_sources,
    suspensions_last_their_period_and_bans_until_lifted,
    a_suspended_person_appeals_once_and_moderators_read_their_record,
    organisers_put_proposals_to_the_vote_and_merge_them,
    coauthors_join_by_invitation_and_share_the_pen,
    long_threads_are_paged_by_root_with_every_reply_once,
);

async fn ok(t: &TestApp, name: &str, fields: &[(&str, &str)], cookie: &str) -> Value {
    support::ok_as(t, name, fields, Some(cookie)).await
}

async fn propose(t: &TestApp, cookie: &str, topic: &str, title: &str) -> i64 {
    ok(
        t,
        "create_proposal",
        &[
            ("topic", topic),
            ("title", title),
            ("summary", "Un résumé."),
            ("body", ""),
        ],
        cookie,
    )
    .await
    .as_i64()
    .unwrap()
}

async fn comment(t: &TestApp, cookie: &str, topic: &str, proposal: i64, body: &str) -> i64 {
    ok(
        t,
        "post_comment",
        &[
            ("topic", topic),
            ("proposal", &proposal.to_string()),
            ("body", body),
        ],
        cookie,
    )
    .await
    .as_i64()
    .unwrap()
}

async fn home_slugs(t: &TestApp) -> Vec<String> {
    let r = t.call("home", &[], None).await;
    json(&r.body)["topics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["slug"].as_str().unwrap().to_owned())
        .collect()
}

async fn public_titles(t: &TestApp, topic: &str) -> Vec<String> {
    let r = t.call("topic", &[("slug", topic)], None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    json(&r.body)["proposals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["title"].as_str().unwrap().to_owned())
        .collect()
}

async fn public_comment_ids(t: &TestApp, topic: &str, proposal: i64) -> Vec<i64> {
    let r = t
        .call(
            "thread",
            &[("topic", topic), ("proposal", &proposal.to_string())],
            None,
        )
        .await;
    json(&r.body)["comments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect()
}

async fn every_role_gets_exactly_its_curation_permissions(t: TestApp) {
    let cast = cast(&t).await;
    let author = t.register("autrice", PW).await;
    let author_id = t.user_id("autrice").await.to_string();
    let p = propose(&t, &author, "education", "Une proposition à étiqueter").await;
    for (i, (who, cookie)) in cast.iter().enumerate() {
        let moderators = |ok: StatusCode| match *who {
            "moderator" | "organiser" => ok,
            "anonymous" | "suspended" => StatusCode::UNAUTHORIZED,
            _ => StatusCode::FORBIDDEN,
        };
        let organisers = |ok: StatusCode| match *who {
            "organiser" => ok,
            "anonymous" | "suspended" => StatusCode::UNAUTHORIZED,
            _ => StatusCode::FORBIDDEN,
        };
        let signed_in = |ok: StatusCode| match *who {
            "anonymous" | "suspended" => StatusCode::UNAUTHORIZED,
            _ => ok,
        };
        let slug = format!("theme-{i}");
        let cases: Vec<Case<'_>> = vec![
            ("manage_topics", vec![], moderators(StatusCode::OK)),
            (
                "topic_fields",
                vec![("slug", "culture".into())],
                moderators(StatusCode::OK),
            ),
            (
                "create_topic",
                vec![
                    ("slug", slug.clone()),
                    ("title", "Santé".into()),
                    ("description", "L’IA à l’hôpital.".into()),
                ],
                moderators(StatusCode::OK),
            ),
            (
                "edit_topic",
                vec![
                    ("current", "culture".into()),
                    ("slug", "culture".into()),
                    ("title", "Culture".into()),
                    ("description", "Création et **droits**.".into()),
                    ("question", "Que protéger ?".into()),
                ],
                moderators(StatusCode::OK),
            ),
            (
                "topic_flag",
                vec![
                    ("slug", "emploi".into()),
                    ("flag", "pinned".into()),
                    ("on", "false".into()),
                ],
                moderators(StatusCode::OK),
            ),
            (
                "move_topic",
                vec![("slug", "emploi".into()), ("direction", "down".into())],
                moderators(StatusCode::OK),
            ),
            (
                "contest",
                vec![
                    ("kind", "proposal".into()),
                    ("id", p.to_string()),
                    ("note", "Chiffre ancien.".into()),
                    ("sources", "https://www.insee.fr/".into()),
                ],
                moderators(StatusCode::OK),
            ),
            ("suspended_users", vec![], moderators(StatusCode::OK)),
            // Public: search; signed-in: one's invitations; only an author invites, and only
            // the invited answer.
            ("search", vec![("q", "ecole".into())], StatusCode::OK),
            ("my_invitations", vec![], signed_in(StatusCode::OK)),
            (
                "invite_coauthor",
                vec![("id", p.to_string()), ("username", "autrice".into())],
                signed_in(StatusCode::FORBIDDEN),
            ),
            (
                "answer_invitation",
                vec![("id", p.to_string()), ("accept", "true".into())],
                signed_in(StatusCode::NOT_FOUND),
            ),
            (
                "suspend_user",
                vec![
                    ("user_id", author_id.clone()),
                    ("length", "7".into()),
                    ("reason", "Insultes répétées".into()),
                ],
                moderators(StatusCode::OK),
            ),
            (
                "reinstate_user",
                vec![("user_id", author_id.clone())],
                moderators(StatusCode::OK),
            ),
            ("moderation_settings", vec![], organisers(StatusCode::OK)),
            (
                "set_moderation_settings",
                vec![
                    ("report_threshold", "3".into()),
                    ("young_account_hours", "0".into()),
                    ("reporter_min_hours", "48".into()),
                    ("reporter_min_contributions", "1".into()),
                ],
                organisers(StatusCode::OK),
            ),
            // Organisers' transitions on someone else's proposal; the author's own steps are
            // refused to everyone else.
            (
                "proposal_status",
                vec![("id", p.to_string()), ("action", "withdraw".into())],
                match *who {
                    "anonymous" | "suspended" => StatusCode::UNAUTHORIZED,
                    _ => StatusCode::FORBIDDEN,
                },
            ),
        ];
        expect_statuses(&t, who, cookie.as_deref(), cases).await;
    }
    // Putting a proposal to the vote: organisers only.
    for (who, cookie) in &cast {
        let expected = match *who {
            "organiser" => continue,
            "anonymous" | "suspended" => StatusCode::UNAUTHORIZED,
            _ => StatusCode::FORBIDDEN,
        };
        let r = t
            .call(
                "proposal_status",
                &[("id", &p.to_string()), ("action", "open_vote")],
                cookie.as_deref(),
            )
            .await;
        assert_eq!(r.status, expected, "{who} opens the vote: {}", r.body);
    }
    // A moderator suspends participants, not other moderators or organisers.
    let moderator = role(&t, "modo2", Role::Moderator).await;
    let orga_id = t.user_id("orga").await.to_string();
    let modo_id = t.user_id("moderator").await.to_string();
    for target in [&orga_id, &modo_id] {
        let r = t
            .call(
                "suspend_user",
                &[("user_id", target), ("length", "1")],
                Some(&moderator),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    }
    let me = t.user_id("modo2").await.to_string();
    let r = t
        .call(
            "suspend_user",
            &[("user_id", &me), ("length", "1")],
            Some(&moderator),
        )
        .await;
    assert_eq!(error_of(&r.body), AppError::OwnAccount);
    // Two moderators each created a topic.
    assert_eq!(
        scalar(&t, "SELECT COUNT(*) FROM topics WHERE slug LIKE 'theme-%'").await,
        2
    );
}

async fn topics_are_created_edited_pinned_archived_and_reordered(t: TestApp) {
    let moderator = role(&t, "moderatrice", Role::Moderator).await;
    let citizen = t.register("citoyen", PW).await;
    let bad = |slug: &'static str, title: &'static str| {
        vec![
            ("slug", slug),
            ("title", title),
            ("description", "Texte"),
            ("question", ""),
        ]
    };
    for (fields, expected) in [
        (bad("Santé", "Santé"), AppError::Topic(TopicError::Slug)),
        (bad("sante", ""), {
            AppError::Topic(TopicError::Field {
                field: domain::topic::TopicField::Title,
                min: 1,
                max: domain::topic::TITLE_MAX,
            })
        }),
        (
            bad("culture", "Doublon"),
            AppError::Topic(TopicError::SlugTaken),
        ),
    ] {
        let r = t.call("create_topic", &fields, Some(&moderator)).await;
        assert_eq!(error_of(&r.body), expected, "{fields:?}");
    }
    assert_eq!(
        scalar(&t, "SELECT COUNT(*) FROM topics").await,
        5,
        "nothing written"
    );

    ok(
        &t,
        "create_topic",
        &[
            ("slug", "sante"),
            ("title", "Santé"),
            (
                "description",
                "L’IA à l’**hôpital** <script>alert(1)</script>",
            ),
            ("question", "Quels usages à l’hôpital ?"),
        ],
        &moderator,
    )
    .await;
    assert_eq!(home_slugs(&t).await.last().unwrap(), "sante");
    let page = json(&t.call("topic", &[("slug", "sante")], None).await.body);
    assert_eq!(page["question"], "Quels usages à l’hôpital ?");
    let html = page["description_html"].as_str().unwrap();
    assert!(html.contains("<strong>hôpital</strong>"), "{html}");
    assert!(!html.contains("<script"), "{html}");

    // Pinned: first on the home page. Moved up: before the topic above it.
    ok(
        &t,
        "topic_flag",
        &[("slug", "sante"), ("flag", "pinned"), ("on", "true")],
        &moderator,
    )
    .await;
    assert_eq!(home_slugs(&t).await[0], "sante");
    ok(
        &t,
        "move_topic",
        &[("slug", "culture"), ("direction", "up")],
        &moderator,
    )
    .await;
    assert_eq!(
        home_slugs(&t).await,
        [
            "sante",
            "culture",
            "education",
            "transition-ecologique",
            "emploi",
            "desinformation"
        ]
    );
    let r = t
        .call(
            "move_topic",
            &[("slug", "culture"), ("direction", "sideways")],
            Some(&moderator),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);

    // Renamed: the new address answers, the old one no longer does.
    ok(
        &t,
        "edit_topic",
        &[
            ("current", "sante"),
            ("slug", "sante-publique"),
            ("title", "Santé publique"),
            ("description", ""),
            ("question", ""),
        ],
        &moderator,
    )
    .await;
    assert_eq!(
        t.call("topic", &[("slug", "sante")], None).await.status,
        StatusCode::NOT_FOUND
    );
    let r = t
        .call(
            "edit_topic",
            &[
                ("current", "sante-publique"),
                ("slug", "emploi"),
                ("title", "Santé"),
                ("description", ""),
            ],
            Some(&moderator),
        )
        .await;
    assert_eq!(error_of(&r.body), AppError::Topic(TopicError::SlugTaken));

    // Archived: out of the home page, still readable, closed to contributions.
    let p = propose(&t, &citizen, "sante-publique", "Une proposition d’avant").await;
    let c = comment(
        &t,
        &moderator,
        "sante-publique",
        p,
        "Un commentaire d’avant",
    )
    .await;
    let support = [("id", p.to_string()), ("on", "true".to_owned())];
    let upvote = [("id", c.to_string()), ("on", "true".to_owned())];
    let reader = t.register("lectrice", PW).await;
    // Until the topic is archived, the proposal takes supports and the comment upvotes.
    for (name, fields) in [("support", &support), ("upvote", &upvote)] {
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(
            ok(&t, name, &fields, &reader).await,
            1,
            "{name} before archiving"
        );
    }
    ok(
        &t,
        "topic_flag",
        &[
            ("slug", "sante-publique"),
            ("flag", "archived"),
            ("on", "true"),
        ],
        &moderator,
    )
    .await;
    assert!(!home_slugs(&t).await.contains(&"sante-publique".to_owned()));
    assert_eq!(
        public_titles(&t, "sante-publique").await,
        ["Une proposition d’avant"]
    );
    let r = t
        .call(
            "create_proposal",
            &[
                ("topic", "sante-publique"),
                ("title", "Trop tard"),
                ("summary", "Non."),
                ("body", ""),
            ],
            Some(&citizen),
        )
        .await;
    assert_eq!(error_of(&r.body), AppError::TopicClosed);
    let r = t
        .call(
            "post_comment",
            &[
                ("topic", "sante-publique"),
                ("proposal", &p.to_string()),
                ("body", "Trop tard aussi"),
            ],
            Some(&citizen),
        )
        .await;
    assert_eq!(error_of(&r.body), AppError::Closed);
    // Nor supports nor upvotes, given or taken back; the pages offer neither.
    for (name, fields) in [("support", &support), ("upvote", &upvote)] {
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let r = t.call(name, &fields, Some(&reader)).await;
        assert_eq!(
            error_of(&r.body),
            AppError::Closed,
            "{name} after archiving"
        );
    }
    let page = ok(&t, "proposal", &[("id", &p.to_string())], &reader).await;
    assert_eq!(page["can_support"], false);
    let thread = ok(
        &t,
        "thread",
        &[("topic", "sante-publique"), ("proposal", &p.to_string())],
        &reader,
    )
    .await;
    assert_eq!(thread["comments"][0]["can_upvote"], false);
    assert_eq!(
        scalar(
            &t,
            &format!("SELECT support_count FROM proposals WHERE id = {p}")
        )
        .await,
        1
    );
    let managed = ok(&t, "manage_topics", &[], &moderator).await;
    assert_eq!(
        managed.as_array().unwrap().len(),
        6,
        "curators see archived topics"
    );
    // Every step is in the log.
    assert_eq!(
        scalar(
            &t,
            "SELECT COUNT(*) FROM moderation_log WHERE item_kind = 'topic'"
        )
        .await,
        5
    );
}

async fn a_premoderated_topic_holds_contributions_until_approved(t: TestApp) {
    let moderator = role(&t, "moderatrice", Role::Moderator).await;
    let citizen = t.register("citoyenne", PW).await;
    let reader = t.register("lecteur", PW).await;
    // A proposal published before the switch stays visible and takes comments.
    let before = propose(&t, &citizen, "emploi", "Publiée avant").await;
    ok(
        &t,
        "edit_topic",
        &[
            ("current", "emploi"),
            ("slug", "emploi"),
            ("title", "Emploi"),
            ("description", "Métiers."),
            ("question", ""),
            ("premoderated", "true"),
        ],
        &moderator,
    )
    .await;
    let held = propose(&t, &citizen, "emploi", "En attente de relecture").await;
    let c = comment(&t, &citizen, "emploi", before, "Un commentaire à relire.").await;
    // Absent for the public and for another reader, in lists, pages, threads and counts.
    assert_eq!(public_titles(&t, "emploi").await, ["Publiée avant"]);
    for cookie in [None, Some(reader.as_str())] {
        let r = t
            .call("proposal", &[("id", &held.to_string())], cookie)
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
    }
    assert!(public_comment_ids(&t, "emploi", before).await.is_empty());
    let r = t
        .call("proposal", &[("id", &before.to_string())], None)
        .await;
    assert_eq!(json(&r.body)["comment_count"], 0);
    // Its author sees it marked pending; it waits in the queue.
    let mine = ok(&t, "proposal", &[("id", &held.to_string())], &citizen).await;
    assert_eq!(mine["pending"], true);
    let queue = ok(&t, "moderation_queue", &[], &moderator).await;
    let waiting: Vec<i64> = queue["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect();
    assert!(waiting.contains(&held) && waiting.contains(&c), "{queue}");
    // Approved: public, and counted.
    for (kind, id) in [("proposal", held), ("comment", c)] {
        ok(
            &t,
            "moderate",
            &[
                ("kind", kind),
                ("id", &id.to_string()),
                ("action", "approve"),
            ],
            &moderator,
        )
        .await;
    }
    assert_eq!(public_titles(&t, "emploi").await.len(), 2);
    assert_eq!(public_comment_ids(&t, "emploi", before).await, [c]);
    let r = t
        .call("proposal", &[("id", &before.to_string())], None)
        .await;
    assert_eq!(json(&r.body)["comment_count"], 1);
    assert_eq!(
        scalar(
            &t,
            "SELECT COUNT(*) FROM moderation_log WHERE action = 'premoderate_topic'"
        )
        .await,
        1
    );
}

async fn young_accounts_and_the_report_threshold_follow_the_settings(t: TestApp) {
    let organiser = role(&t, "orga", Role::Organiser).await;
    let set = |fields: [&'static str; 4]| {
        let organiser = organiser.clone();
        let t = &t;
        async move {
            t.call(
                "set_moderation_settings",
                &[
                    ("report_threshold", fields[0]),
                    ("young_account_hours", fields[1]),
                    ("reporter_min_hours", fields[2]),
                    ("reporter_min_contributions", fields[3]),
                ],
                Some(&organiser),
            )
            .await
        }
    };
    let before = ok(&t, "moderation_settings", &[], &organiser).await;
    for fields in [
        ["0", "0", "0", "0"],
        ["101", "0", "0", "0"],
        ["3", "-1", "0", "0"],
        ["3", "8761", "0", "0"],
        ["trois", "0", "0", "0"],
        ["3", "0", "8761", "0"],
        ["3", "0", "-2", "0"],
        ["3", "0", "0", "101"],
        ["3", "0", "0", "1.5"],
    ] {
        let r = set(fields).await;
        assert!(
            matches!(
                error_of(&r.body),
                AppError::Moderation(ModerationError::SettingOutOfRange { .. })
            ),
            "{fields:?}: {}",
            r.body
        );
    }
    assert_eq!(
        ok(&t, "moderation_settings", &[], &organiser).await,
        before,
        "nothing half-written"
    );
    assert_eq!(set(["1", "24", "0", "0"]).await.status, StatusCode::OK);
    let s = ok(&t, "moderation_settings", &[], &organiser).await;
    assert_eq!(
        (
            s["report_threshold"].as_i64(),
            s["young_account_hours"].as_i64(),
            s["reporter_min_hours"].as_i64(),
            s["reporter_min_contributions"].as_i64()
        ),
        (Some(1), Some(24), Some(0), Some(0))
    );

    // An account a day old or less is pre-moderated in every topic.
    let newcomer = t.register("nouvelle", PW).await;
    let p = propose(&t, &newcomer, "culture", "Proposition d’une nouvelle venue").await;
    assert!(public_titles(&t, "culture").await.is_empty());
    // Aged by two days, the same account publishes at once.
    exec(
        &t,
        &format!(
            "UPDATE users SET created_at = created_at - 172800000 WHERE id = {}",
            t.user_id("nouvelle").await
        ),
    )
    .await;
    let q = propose(&t, &newcomer, "culture", "Proposition d’un compte établi").await;
    assert_eq!(
        public_titles(&t, "culture").await,
        ["Proposition d’un compte établi"]
    );

    // Threshold 1, any reporter counting: a single report puts the item under review, and it
    // stays listed.
    let reader = t.register("lectrice", PW).await;
    let r = t
        .call(
            "report",
            &[
                ("kind", "proposal"),
                ("id", &q.to_string()),
                ("reason", "spam"),
            ],
            Some(&reader),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        public_titles(&t, "culture").await,
        ["Proposition d’un compte établi"]
    );
    assert_eq!(
        scalar(
            &t,
            &format!("SELECT COUNT(*) FROM proposals WHERE id = {q} AND under_review")
        )
        .await,
        1
    );
    let _ = p;
    assert_eq!(
        scalar(
            &t,
            "SELECT COUNT(*) FROM moderation_log WHERE action = 'settings'"
        )
        .await,
        1
    );
}

async fn moderators_label_a_claim_contested_with_sources(t: TestApp) {
    let moderator = role(&t, "moderatrice", Role::Moderator).await;
    let author = t.register("auteur", PW).await;
    let reader = t.register("lectrice", PW).await;
    let p = propose(&t, &author, "desinformation", "Une proposition").await;
    let c = comment(&t, &author, "desinformation", p, "La 5G propage les virus.").await;
    let r = t
        .call(
            "report",
            &[
                ("kind", "comment"),
                ("id", &c.to_string()),
                ("reason", "trompeur"),
            ],
            Some(&reader),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    let contest = |note: &'static str, sources: &'static str| {
        let moderator = moderator.clone();
        let t = &t;
        let id = c.to_string();
        async move {
            t.call(
                "contest",
                &[
                    ("kind", "comment"),
                    ("id", &id),
                    ("note", note),
                    ("sources", sources),
                ],
                Some(&moderator),
            )
            .await
        }
    };
    for (note, sources) in [
        ("", "https://www.who.int/"),
        ("Faux.", ""),
        ("Faux.", "javascript:alert(1)"),
        ("Faux.", "https://a.org/\"><script>"),
        ("Faux.", "data:text/html,x"),
    ] {
        let r = contest(note, sources).await;
        assert_eq!(
            r.status,
            StatusCode::BAD_REQUEST,
            "{note} {sources}: {}",
            r.body
        );
    }
    assert_eq!(
        scalar(
            &t,
            "SELECT COUNT(*) FROM comments WHERE contested_note IS NOT NULL"
        )
        .await,
        0,
        "nothing written"
    );
    let r = contest(
        "Aucune étude ne relie la 5G aux virus.",
        "https://www.who.int/fr/news-room/questions-and-answers\nhttps://www.anfr.fr/",
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // Shown to everyone beside the comment, which stays readable; the report is answered.
    let thread = json(
        &t.call(
            "thread",
            &[("topic", "desinformation"), ("proposal", &p.to_string())],
            None,
        )
        .await
        .body,
    );
    let label = &thread["comments"][0]["contested"];
    assert_eq!(label["note"], "Aucune étude ne relie la 5G aux virus.");
    assert_eq!(label["sources"].as_array().unwrap().len(), 2);
    assert_eq!(thread["comments"][0]["can_contest"], false);
    assert_eq!(
        scalar(&t, "SELECT COUNT(*) FROM reports WHERE resolved_at IS NULL").await,
        0
    );
    // The page itself carries the label and links that give no referrer.
    let page = t.get(&format!("/proposals/{p}"), None).await;
    assert!(page.body.contains("Aucune étude ne relie la 5G aux virus."));
    assert!(page
        .body
        .contains(r#"href="https://www.anfr.fr/" rel="nofollow noopener noreferrer external""#));
    // Taken off again; both steps logged.
    let r = t
        .call(
            "contest",
            &[
                ("kind", "comment"),
                ("id", &c.to_string()),
                ("remove", "true"),
            ],
            Some(&moderator),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        scalar(
            &t,
            "SELECT COUNT(*) FROM moderation_log WHERE action IN ('contest', 'uncontest')"
        )
        .await,
        2
    );
    let thread = json(
        &t.call(
            "thread",
            &[("topic", "desinformation"), ("proposal", &p.to_string())],
            None,
        )
        .await
        .body,
    );
    assert!(thread["comments"][0]["contested"].is_null());
}

async fn suspensions_last_their_period_and_bans_until_lifted(t: TestApp) {
    let moderator = role(&t, "moderatrice", Role::Moderator).await;
    let citizen = t.register("citoyen", PW).await;
    let id = t.user_id("citoyen").await;
    let p = propose(&t, &citizen, "education", "Avant la suspension").await;
    for length in ["0", "366", "-3", "toujours"] {
        let r = t
            .call(
                "suspend_user",
                &[("user_id", &id.to_string()), ("length", length)],
                Some(&moderator),
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{length}: {}", r.body);
    }
    ok(
        &t,
        "suspend_user",
        &[
            ("user_id", &id.to_string()),
            ("length", "7"),
            ("reason", "Insultes"),
        ],
        &moderator,
    )
    .await;
    // Signed out at once, and refused at sign-in.
    assert_eq!(t.whoami(&citizen).await, None);
    assert_eq!(
        t.call(
            "support",
            &[("id", &p.to_string()), ("on", "true")],
            Some(&citizen)
        )
        .await
        .status,
        StatusCode::UNAUTHORIZED
    );
    // Told until when and why; a wrong password tells nothing.
    let listed = ok(&t, "suspended_users", &[], &moderator).await;
    assert_eq!(listed[0]["id"], id.get());
    let until = listed[0]["until"].as_i64().unwrap();
    assert!(until > storage::now_ms() + 6 * 86_400_000);
    assert_eq!(
        error_of(&t.login("citoyen", PW).await.body),
        AppError::SuspendedAccount {
            until: Some(until),
            reason: "Insultes".into(),
            appealed: false
        }
    );
    assert_eq!(
        error_of(&t.login("citoyen", "pas le bon mot de passe").await.body),
        AppError::BadCredentials
    );
    // Their content stays, and stays reviewable.
    assert_eq!(
        public_titles(&t, "education").await,
        ["Avant la suspension"]
    );

    // Past its end the suspension lapses by itself.
    exec(
        &t,
        &format!("UPDATE users SET suspended_until = 1000 WHERE id = {id}"),
    )
    .await;
    assert_eq!(t.login("citoyen", PW).await.status, StatusCode::OK);
    assert!(ok(&t, "suspended_users", &[], &moderator)
        .await
        .as_array()
        .unwrap()
        .is_empty());

    // A ban has no end until a moderator lifts it.
    ok(
        &t,
        "suspend_user",
        &[("user_id", &id.to_string()), ("length", "ban")],
        &moderator,
    )
    .await;
    assert!(matches!(
        error_of(&t.login("citoyen", PW).await.body),
        AppError::SuspendedAccount { until: None, .. }
    ));
    ok(
        &t,
        "reinstate_user",
        &[("user_id", &id.to_string())],
        &moderator,
    )
    .await;
    assert_eq!(t.login("citoyen", PW).await.status, StatusCode::OK);
    assert_eq!(
        scalar(
            &t,
            "SELECT COUNT(*) FROM moderation_log WHERE item_kind = 'user' AND action IN ('suspend', 'ban', 'reinstate')"
        )
        .await,
        3
    );
}

async fn a_suspended_person_appeals_once_and_moderators_read_their_record(t: TestApp) {
    let cast = support::cast(&t).await;
    let moderator = cast
        .iter()
        .find(|(w, _)| *w == "moderator")
        .unwrap()
        .1
        .clone()
        .unwrap();
    let citizen = t.register("citoyen", PW).await;
    let id = t.user_id("citoyen").await.to_string();
    let p = propose(&t, &citizen, "education", "Avant la suspension").await;
    // Appealing needs a suspension: an account in good standing just signs in.
    let appeal = |password: &'static str, text: &'static str| {
        vec![
            ("username", "citoyen".to_owned()),
            ("password", password.to_owned()),
            ("text", text.to_owned()),
        ]
    };
    let send = |fields: Vec<(&'static str, String)>| {
        let t = &t;
        async move {
            let f: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            t.call("appeal_suspension", &f, None).await
        }
    };
    assert_eq!(
        send(appeal(PW, "Pourquoi ?")).await.status,
        StatusCode::FORBIDDEN
    );
    ok(
        &t,
        "moderate",
        &[
            ("kind", "proposal"),
            ("id", &p.to_string()),
            ("action", "hide"),
            ("reason", "Propos injurieux"),
        ],
        &moderator,
    )
    .await;
    ok(
        &t,
        "suspend_user",
        &[
            ("user_id", &id),
            ("length", "30"),
            ("reason", "Insultes répétées"),
        ],
        &moderator,
    )
    .await;
    // Refused without writing: a wrong password, an empty or over-long text.
    let long = "x".repeat(domain::moderation::NOTE_MAX + 1);
    let r = send(appeal("mauvais mot de passe", "Pourquoi ?")).await;
    assert_eq!(error_of(&r.body), AppError::BadCredentials);
    for text in ["", "   ", long.as_str()] {
        let f = vec![
            ("username", "citoyen".to_owned()),
            ("password", PW.to_owned()),
            ("text", text.to_owned()),
        ];
        assert_eq!(
            send(f).await.status,
            StatusCode::BAD_REQUEST,
            "{}",
            text.len()
        );
    }
    let appeals = "SELECT COUNT(*) FROM moderation_log WHERE action = 'suspension_appeal'";
    assert_eq!(scalar(&t, appeals).await, 0);
    // Once per suspension; sign-in then says it was appealed.
    let r = send(appeal(PW, "Je conteste : relisez mon texte.")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = send(appeal(PW, "Encore moi.")).await;
    assert_eq!(
        error_of(&r.body),
        AppError::Moderation(domain::moderation::ModerationError::AlreadyAppealed)
    );
    assert_eq!(scalar(&t, appeals).await, 1);
    assert!(matches!(
        error_of(&t.login("citoyen", PW).await.body),
        AppError::SuspendedAccount { appealed: true, .. }
    ));
    // The record: only moderators and organisers read it.
    for (who, cookie) in &cast {
        let expected = match *who {
            "moderator" | "organiser" => StatusCode::OK,
            "anonymous" | "suspended" => StatusCode::UNAUTHORIZED,
            _ => StatusCode::FORBIDDEN,
        };
        let r = t
            .call("person", &[("user_id", &id)], cookie.as_deref())
            .await;
        assert_eq!(r.status, expected, "{who}: {}", r.body);
    }
    let record = ok(&t, "person", &[("user_id", &id)], &moderator).await;
    assert_eq!(record["account"]["username"], "citoyen");
    assert_eq!(record["reason"], "Insultes répétées");
    assert_eq!(record["may_act"], true);
    let actions: Vec<&str> = record["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["suspension_appeal", "suspend", "hide"]);
    assert_eq!(
        record["history"][0]["reason"],
        "Je conteste : relisez mon texte."
    );
    assert_eq!(record["history"][2]["url"], format!("/proposals/{p}"));
    // Reinstated from the record, coming back to it; a new suspension may be appealed again.
    let r = t
        .call(
            "reinstate_user",
            &[("user_id", &id), ("back", "person")],
            Some(&moderator),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(t.login("citoyen", PW).await.status, StatusCode::OK);
    ok(
        &t,
        "suspend_user",
        &[("user_id", &id), ("length", "ban")],
        &moderator,
    )
    .await;
    assert_eq!(
        send(appeal(PW, "Et cette fois ?")).await.status,
        StatusCode::OK
    );
    assert_eq!(scalar(&t, appeals).await, 2);
    // A moderator's record of another moderator offers no step; an unknown account is 404.
    let modo_id = t.user_id("moderator").await.to_string();
    let other = role(&t, "modo2", Role::Moderator).await;
    let record = ok(&t, "person", &[("user_id", &modo_id)], &other).await;
    assert_eq!(record["may_act"], false);
    let r = t
        .call("person", &[("user_id", "999999")], Some(&other))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // The page itself, with the person's name and the appeal in words.
    let page = t
        .get(&format!("/moderation/people/{id}"), Some(&moderator))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Et cette fois ?"), "{}", page.body);
    assert!(page.body.contains("Contestation d’une suspension"));
}

async fn organisers_put_proposals_to_the_vote_and_merge_them(t: TestApp) {
    let organiser = role(&t, "orga", Role::Organiser).await;
    let author = t.register("autrice", PW).await;
    let p = propose(&t, &author, "education", "Former les enseignants").await;
    let q = propose(&t, &author, "education", "Former aussi les formateurs").await;
    let elsewhere = propose(&t, &author, "culture", "Ailleurs").await;
    let step = |id: i64, action: &'static str, into: Option<i64>| {
        let organiser = organiser.clone();
        let t = &t;
        async move {
            let id = id.to_string();
            let into = into.map(|i| i.to_string()).unwrap_or_default();
            let mut fields = vec![("id", id.as_str()), ("action", action)];
            if !into.is_empty() {
                fields.push(("into", into.as_str()));
            }
            t.call("proposal_status", &fields, Some(&organiser)).await
        }
    };
    // Adopting needs a vote first.
    assert_eq!(step(p, "adopt", None).await.status, StatusCode::CONFLICT);
    assert_eq!(step(p, "open_vote", None).await.status, StatusCode::OK);
    // Under vote, its author can no longer edit it.
    let r = t
        .call(
            "edit_proposal",
            &[
                ("id", &p.to_string()),
                ("version", "1"),
                ("title", "Changée"),
                ("summary", "x"),
                ("body", ""),
            ],
            Some(&author),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert_eq!(step(p, "adopt", None).await.status, StatusCode::OK);
    let v = ok(&t, "proposal", &[("id", &p.to_string())], &organiser).await;
    assert_eq!(v["status"], "adopted");

    // Merging: into a live proposal of the same topic only, never into itself.
    for (into, expected) in [
        (None, StatusCode::BAD_REQUEST),
        (Some(q), StatusCode::NOT_FOUND),
        (Some(elsewhere), StatusCode::NOT_FOUND),
        (Some(999_999), StatusCode::NOT_FOUND),
    ] {
        assert_eq!(step(q, "merge", into).await.status, expected, "{into:?}");
    }
    assert_eq!(step(q, "merge", Some(p)).await.status, StatusCode::OK);
    let v = json(
        &t.call("proposal", &[("id", &q.to_string())], None)
            .await
            .body,
    );
    assert_eq!(
        (v["status"].as_str(), v["merged_into"].as_i64()),
        (Some("merged"), Some(p))
    );
    assert_eq!(
        scalar(
            &t,
            "SELECT COUNT(*) FROM moderation_log WHERE action = 'status'"
        )
        .await,
        3
    );
}

async fn coauthors_join_by_invitation_and_share_the_pen(t: TestApp) {
    let author = t.register("autrice", PW).await;
    let friend = t.register("ami", PW).await;
    let stranger = t.register("inconnu", PW).await;
    // A draft: only its author reads it, until someone is invited.
    let r = t
        .call(
            "create_proposal",
            &[
                ("topic", "education"),
                ("title", "Écrite à deux"),
                ("summary", "Un brouillon."),
                ("body", ""),
                ("intent", "draft"),
            ],
            Some(&author),
        )
        .await;
    let p = json(&r.body).as_i64().unwrap();
    let id = p.to_string();
    let read = |cookie: &str| {
        let cookie = cookie.to_owned();
        let id = id.clone();
        let t = &t;
        async move { t.call("proposal", &[("id", &id)], Some(&cookie)).await }
    };
    assert_eq!(read(&friend).await.status, StatusCode::NOT_FOUND);
    let edit = |cookie: &str, version: i64, title: &'static str| {
        let cookie = cookie.to_owned();
        let id = id.clone();
        let t = &t;
        async move {
            t.call(
                "edit_proposal",
                &[
                    ("id", &id),
                    ("version", &version.to_string()),
                    ("title", title),
                    ("summary", "Un brouillon."),
                    ("body", ""),
                ],
                Some(&cookie),
            )
            .await
        }
    };
    assert_eq!(
        edit(&friend, 1, "Prise").await.status,
        StatusCode::NOT_FOUND
    );

    // Only its author invites; not oneself, not an unknown account, not twice.
    for (cookie, username, expected) in [
        (&stranger, "ami", StatusCode::NOT_FOUND),
        (&author, "autrice", StatusCode::FORBIDDEN),
        (&author, "personne", StatusCode::NOT_FOUND),
        (&author, "a b", StatusCode::BAD_REQUEST),
    ] {
        let r = t
            .call(
                "invite_coauthor",
                &[("id", &id), ("username", username)],
                Some(cookie),
            )
            .await;
        assert_eq!(r.status, expected, "{username}: {}", r.body);
    }
    let invite = |username: &'static str| {
        let author = author.clone();
        let id = id.clone();
        let t = &t;
        async move {
            t.call(
                "invite_coauthor",
                &[("id", &id), ("username", username)],
                Some(&author),
            )
            .await
        }
    };
    assert_eq!(
        invite("AMI").await.status,
        StatusCode::OK,
        "usernames are case-insensitive"
    );
    assert_eq!(invite("ami").await.status, StatusCode::CONFLICT);

    // Invited: reads the draft, sees the invitation, cannot edit yet.
    let v = json(&read(&friend).await.body);
    assert_eq!(
        (v["invited"].as_bool(), v["can_edit"].as_bool()),
        (Some(true), Some(false))
    );
    let mine = json(&t.call("my_invitations", &[], Some(&friend)).await.body);
    assert_eq!(mine[0]["proposal_id"], p);
    assert_eq!(json(&read(&author).await.body)["invitations"][0], "ami");
    assert_eq!(
        edit(&friend, 1, "Prise").await.status,
        StatusCode::FORBIDDEN
    );
    // A stranger cannot answer an invitation that is not theirs.
    let r = t
        .call(
            "answer_invitation",
            &[("id", &id), ("accept", "true")],
            Some(&stranger),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    // Accepted: a co-author, who edits (a new version) but neither publishes nor withdraws.
    let r = t
        .call(
            "answer_invitation",
            &[("id", &id), ("accept", "true")],
            Some(&friend),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        edit(&friend, 1, "Écrite à quatre mains").await.status,
        StatusCode::OK
    );
    for action in ["publish", "withdraw"] {
        let r = t
            .call(
                "proposal_status",
                &[("id", &id), ("action", action)],
                Some(&friend),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{action}");
    }
    let r = t
        .call(
            "proposal_status",
            &[("id", &id), ("action", "publish")],
            Some(&author),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let public = json(&t.call("proposal", &[("id", &id)], None).await.body);
    assert_eq!(public["title"], "Écrite à quatre mains");
    assert_eq!(public["coauthors"][0], "ami");
    assert!(
        public["invitations"].as_array().unwrap().is_empty(),
        "only its author sees invitations"
    );
    // Leaving: declining afterwards removes the co-author.
    let r = t
        .call(
            "answer_invitation",
            &[("id", &id), ("accept", "false")],
            Some(&friend),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        edit(&friend, 2, "Reprise").await.status,
        StatusCode::FORBIDDEN
    );
}

async fn long_threads_are_paged_by_root_with_every_reply_once(t: TestApp) {
    use domain::{CommentId, ProposalId, TopicId};
    use storage::comments::{create_comment, NewComment};
    let author = t.register("autrice", PW).await;
    let author_id = t.user_id("autrice").await;
    let p = propose(&t, &author, "emploi", "Un long débat").await;
    // 120 roots, each with a reply and a reply to the reply; every tenth root pending (its
    // author's only), to check that hidden roots neither show nor break the paging.
    let mut expected = Vec::new();
    for i in 0..120 {
        let new = |parent: Option<CommentId>,
                   depth: i64,
                   root: Option<CommentId>,
                   visibility: &'static str| {
            NewComment {
                topic_id: TopicId(4),
                proposal_id: Some(ProposalId(p)),
                parent_id: parent,
                depth,
                author_id,
                body: "Un avis.",
                stance: None,
                visibility,
                root_id: root,
            }
        };
        let shown = i % 10 != 0;
        let visibility = if shown { "published" } else { "pending" };
        let root = create_comment(&t.db, &new(None, 0, None, visibility))
            .await
            .unwrap();
        if !shown {
            continue;
        }
        let reply = create_comment(&t.db, &new(Some(root), 1, Some(root), "published"))
            .await
            .unwrap();
        let deeper = create_comment(&t.db, &new(Some(reply), 2, Some(root), "published"))
            .await
            .unwrap();
        expected.extend([root, reply, deeper]);
    }
    let mut seen = Vec::new();
    let mut from: Option<i64> = None;
    let mut pages = 0;
    loop {
        let mut fields = vec![("topic", "emploi".to_owned()), ("proposal", p.to_string())];
        if let Some(f) = from {
            fields.push(("from", f.to_string()));
        }
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let page = json(&t.call("thread", &fields, None).await.body);
        let comments = page["comments"].as_array().unwrap();
        let roots = comments.iter().filter(|c| c["depth"] == 0).count() as i64;
        assert!(roots <= service::comments::ROOTS_PER_PAGE);
        seen.extend(comments.iter().map(|c| c["id"].as_i64().unwrap()));
        pages += 1;
        match page["next_from"].as_i64() {
            Some(n) => from = Some(n),
            None => break,
        }
    }
    assert_eq!(pages, 3, "108 shown roots at 50 a page");
    assert_eq!(
        seen,
        expected.iter().map(|c| c.get()).collect::<Vec<_>>(),
        "every shown comment once, in reading order"
    );

    // A reply to a root on the third page sends its author back to that page.
    let late_root = expected[expected.len() - 3];
    let r = t
        .call(
            "post_comment",
            &[
                ("topic", "emploi"),
                ("proposal", &p.to_string()),
                ("parent", &late_root.to_string()),
                ("body", "Une réponse tardive."),
            ],
            Some(&author),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let id = json(&r.body).as_i64().unwrap();
    let location = r
        .headers
        .get(axum::http::header::LOCATION)
        .unwrap()
        .to_str()
        .unwrap();
    assert_eq!(
        location,
        format!("/proposals/{p}?from={late_root}#comment-{id}")
    );
    let page = json(
        &t.call(
            "thread",
            &[
                ("topic", "emploi"),
                ("proposal", &p.to_string()),
                ("from", &late_root.to_string()),
            ],
            None,
        )
        .await
        .body,
    );
    assert!(page["comments"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["id"] == id));
}
