//! Voting rounds over HTTP, on SQLite and PostgreSQL: permissions of every role, one ballot
//! per voter under concurrent submissions, the open period and the electorate, frozen
//! settings (in the app and in the database), secrecy, and results that the published
//! ballots re-count exactly.

mod support;

use app::error::AppError;
use axum::http::StatusCode;
use domain::voting::round::RoundError;
use domain::Role;
use support::{
    cast, error_of, exec, expect_statuses, json, ok_as as ok, role, scalar, Case, TestApp, PW,
};

backend_tests!(
    every_role_gets_exactly_its_round_permissions,
    fifty_concurrent_submissions_leave_one_ballot_and_one_participation,
    ballots_outside_the_open_period_or_the_electorate_are_refused,
    opened_rounds_are_frozen_in_the_app_and_in_the_database,
    no_answer_links_a_voter_to_a_ballot,
    a_database_holder_links_no_voter_to_a_ballot,
    every_method_counts_what_the_published_ballots_recount,
    both_electorates_are_counted_side_by_side_and_adopt,
    bad_settings_and_bad_ballots_are_refused_with_their_rule,
    results_report_and_exports_are_read_without_writing,
    racing_servers_count_a_round_exactly_once,
    a_hidden_candidate_keeps_its_place_but_not_its_title,
    organisers_open_cancel_and_delete_rounds,
    a_kept_round_page_ends_when_the_round_opens,
);

/// `n` published proposals in the first topic; their ids.
async fn proposals(t: &TestApp, n: usize) -> Vec<i64> {
    let author = t.register("autrice", PW).await;
    let mut ids = Vec::new();
    for i in 0..n {
        let id = ok(
            t,
            "create_proposal",
            &[
                ("topic", "education"),
                ("title", &format!("Proposition {i}")),
                ("summary", "Un résumé."),
                ("body", ""),
                ("intent", "publish"),
            ],
            Some(&author),
        )
        .await
        .as_i64()
        .unwrap();
        ids.push(id);
    }
    exec(
        t,
        "UPDATE proposals SET status = 'published', visibility = 'published'",
    )
    .await;
    ids
}

fn paris(ms: i64) -> String {
    domain::time::paris_input(ms)
}

/// The settings form of a round open from now for two hours.
fn settings(title: &str, method: &str, electorate: &str, ids: &[i64]) -> Vec<(String, String)> {
    let now = storage::now_ms();
    let mut f: Vec<(String, String)> = vec![
        ("form[title]".into(), title.into()),
        ("form[method]".into(), method.into()),
        ("form[electorate]".into(), electorate.into()),
        (
            "form[grades]".into(),
            domain::voting::round::FRENCH_SCALE.join("\n"),
        ),
        ("form[budget]".into(), "10".into()),
        ("form[threshold]".into(), "1/2".into()),
        ("form[strict]".into(), "true".into()),
        ("form[rule]".into(), "none".into()),
        ("form[opens_at]".into(), paris(now)),
        ("form[closes_at]".into(), paris(now + 2 * 3_600_000)),
    ];
    for id in ids {
        f.push((format!("form[candidates][{id}]"), "on".into()));
    }
    f
}

fn set(f: &mut Vec<(String, String)>, key: &str, value: &str) {
    f.retain(|(k, _)| k != key);
    f.push((key.to_owned(), value.to_owned()));
}

fn fields(f: &[(String, String)]) -> Vec<(&str, &str)> {
    f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

/// Creates a round as `organiser`; its id.
async fn create(t: &TestApp, organiser: &str, f: &[(String, String)]) -> i64 {
    ok(t, "create_round", &fields(f), Some(organiser)).await;
    scalar(t, "SELECT MAX(id) FROM rounds").await
}

async fn vote(t: &TestApp, round: i64, cookie: &str, ballot: &[(i64, &str)]) -> String {
    let mut f = vec![("round".to_owned(), round.to_string())];
    for (id, v) in ballot {
        f.push((format!("ballot[{id}]"), (*v).to_owned()));
    }
    ok(t, "cast_ballot", &fields(&f), Some(cookie))
        .await
        .as_str()
        .unwrap()
        .to_owned()
}

async fn vote_err(t: &TestApp, round: i64, cookie: &str, ballot: &[(i64, &str)]) -> AppError {
    let mut f = vec![("round".to_owned(), round.to_string())];
    for (id, v) in ballot {
        f.push((format!("ballot[{id}]"), (*v).to_owned()));
    }
    let r = t.call("cast_ballot", &fields(&f), Some(cookie)).await;
    assert_ne!(r.status, StatusCode::OK, "[{}] {}", t.backend, r.body);
    error_of(&r.body)
}

async fn close(t: &TestApp, round: i64) {
    exec(
        t,
        &format!(
            "UPDATE rounds SET closes_at = {} WHERE id = {round}",
            storage::now_ms() - 1
        ),
    )
    .await;
}

async fn every_role_gets_exactly_its_round_permissions(t: TestApp) {
    let ids = proposals(&t, 3).await;
    let people = cast(&t).await;
    let orga = people[1].1.clone().unwrap();
    let open = create(&t, &orga, &settings("Ouvert", "approval", "members", &ids)).await;
    let other = create(&t, &orga, &settings("Autre", "approval", "members", &ids)).await;
    // A round someone voted in: it can be neither cancelled nor deleted, by anyone.
    let voted = create(&t, &orga, &settings("Voté", "approval", "members", &ids)).await;
    let member = people.iter().find(|(w, _)| *w == "member").unwrap();
    vote(&t, voted, member.1.as_deref().unwrap(), &[(ids[0], "1")]).await;
    let s = |v: &str| v.to_owned();
    for (who, cookie) in &people {
        let (read_admin, write, vote_status) = match *who {
            "anonymous" | "suspended" => (
                StatusCode::UNAUTHORIZED,
                StatusCode::UNAUTHORIZED,
                StatusCode::UNAUTHORIZED,
            ),
            "organiser" => (StatusCode::OK, StatusCode::OK, StatusCode::FORBIDDEN),
            "member" => (StatusCode::FORBIDDEN, StatusCode::FORBIDDEN, StatusCode::OK),
            _ => (
                StatusCode::FORBIDDEN,
                StatusCode::FORBIDDEN,
                StatusCode::FORBIDDEN,
            ),
        };
        let refused_or = |status: StatusCode| {
            if write == StatusCode::OK {
                status
            } else {
                write
            }
        };
        let mut new_round = settings("Nouveau", "borda", "citizens", &ids);
        set(&mut new_round, "form[rule]", "top");
        set(&mut new_round, "form[rule_k]", "1");
        let mut cases: Vec<Case<'_>> = vec![
            ("rounds", vec![], StatusCode::OK),
            ("round", vec![("id", open.to_string())], StatusCode::OK),
            ("votable_proposals", vec![], read_admin),
            (
                "round_results",
                vec![("id", open.to_string())],
                StatusCode::CONFLICT,
            ),
            (
                "cast_ballot",
                vec![("round", open.to_string()), ("ballot[1]", s(""))],
                vote_status,
            ),
            (
                "edit_round",
                settings("Modifié", "borda", "members", &ids)
                    .into_iter()
                    .map(|(k, v)| (Box::leak(k.into_boxed_str()) as &str, v))
                    .chain([("id", open.to_string())])
                    .collect(),
                refused_or(StatusCode::CONFLICT),
            ),
            (
                "seal_round",
                vec![("id", open.to_string())],
                refused_or(StatusCode::CONFLICT),
            ),
            (
                "create_round",
                new_round
                    .into_iter()
                    .map(|(k, v)| (Box::leak(k.into_boxed_str()) as &str, v))
                    .collect(),
                write,
            ),
        ];
        cases.push((
            "open_round_now",
            vec![("id", open.to_string())],
            refused_or(StatusCode::CONFLICT),
        ));
        cases.push((
            "cancel_round",
            vec![("id", voted.to_string())],
            refused_or(StatusCode::CONFLICT),
        ));
        cases.push((
            "delete_round",
            vec![("id", voted.to_string())],
            refused_or(StatusCode::CONFLICT),
        ));
        // Closing is done once, by the organiser, at the end.
        cases.push(("close_round", vec![("id", other.to_string())], write));
        expect_statuses(&t, who, cookie.as_deref(), cases).await;
    }
    assert_eq!(
        scalar(&t, "SELECT COUNT(*) FROM rounds").await,
        4,
        "[{}] only the organiser created a round",
        t.backend
    );
    assert_eq!(
        scalar(&t, "SELECT COUNT(*) FROM round_participation").await,
        2,
        "[{}] only the member voted (here and before, in the voted round)",
        t.backend
    );
    // The round the organiser closed is now closed, and can be sealed by them only.
    let r = t
        .call("seal_round", &[("id", &other.to_string())], Some(&orga))
        .await;
    assert_eq!(r.status, StatusCode::OK, "[{}] {}", t.backend, r.body);
}

async fn fifty_concurrent_submissions_leave_one_ballot_and_one_participation(t: TestApp) {
    let ids = proposals(&t, 3).await;
    let orga = role(&t, "orga", Role::Organiser).await;
    let member = role(&t, "membre", Role::Member).await;
    let round = create(&t, &orga, &settings("Cumul", "cumulative", "members", &ids)).await;
    let mut tasks = Vec::new();
    for i in 0..50 {
        let t = t.clone();
        let member = member.clone();
        let ids = ids.clone();
        tasks.push(tokio::spawn(async move {
            let points = (i % 10).to_string();
            let f = vec![
                ("round".to_owned(), round.to_string()),
                (format!("ballot[{}]", ids[0]), points),
            ];
            t.call("cast_ballot", &fields(&f), Some(&member)).await
        }));
    }
    let mut receipts = Vec::new();
    for task in tasks {
        let r = task.await.unwrap();
        assert_eq!(r.status, StatusCode::OK, "[{}] {}", t.backend, r.body);
        receipts.push(json(&r.body).as_str().unwrap().to_owned());
    }
    // Nothing reaches the ballot table before the count: the ballot waits, sealed.
    assert_eq!(
        scalar(&t, "SELECT COUNT(*) FROM ballots").await,
        0,
        "[{}]",
        t.backend
    );
    assert_eq!(
        scalar(
            &t,
            "SELECT COUNT(*) FROM round_participation WHERE pending IS NOT NULL"
        )
        .await,
        1,
        "[{}]",
        t.backend
    );
    // The stored ballot is one of the fifty, and its voter sees its receipt.
    let mine = ok(&t, "round", &[("id", &round.to_string())], Some(&member)).await;
    let receipt = mine["my_receipt"].as_str().unwrap().to_owned();
    assert!(receipts.contains(&receipt), "[{}]", t.backend);
    assert_eq!(mine["voted"], true);
    // Counted, it is the one ballot of the round.
    close(&t, round).await;
    ok(&t, "round_results", &[("id", &round.to_string())], None).await;
    assert_eq!(
        scalar(
            &t,
            &format!("SELECT COUNT(*) FROM ballots WHERE receipt = '{receipt}'")
        )
        .await,
        1,
        "[{}]",
        t.backend
    );
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM ballots").await, 1);
}

async fn ballots_outside_the_open_period_or_the_electorate_are_refused(t: TestApp) {
    let ids = proposals(&t, 2).await;
    let orga = role(&t, "orga", Role::Organiser).await;
    let member = role(&t, "membre", Role::Member).await;
    let citizen = role(&t, "citoyen", Role::Citizen).await;
    let mut later = settings("Plus tard", "approval", "members", &ids);
    let now = storage::now_ms();
    set(&mut later, "form[opens_at]", &paris(now + 3_600_000));
    set(&mut later, "form[closes_at]", &paris(now + 7_200_000));
    let round = create(&t, &orga, &later).await;
    let yes = [(ids[0], "on")];
    assert_eq!(
        vote_err(&t, round, &member, &yes).await,
        AppError::Round(RoundError::NotOpen)
    );
    exec(
        &t,
        &format!(
            "UPDATE rounds SET opens_at = {} WHERE id = {round}",
            now - 1000
        ),
    )
    .await;
    vote(&t, round, &member, &yes).await;
    assert_eq!(
        vote_err(&t, round, &citizen, &yes).await,
        AppError::Round(RoundError::NotEligible)
    );
    close(&t, round).await;
    assert_eq!(
        vote_err(&t, round, &member, &[(ids[1], "on")]).await,
        AppError::Round(RoundError::Closed)
    );
    // The refused change left the first ballot as it was (counted, so mixed into the table).
    ok(&t, "round_results", &[("id", &round.to_string())], None).await;
    let stored: String = storage::with_pool!(&t.db, p => sqlx::query_scalar("SELECT content FROM ballots").fetch_one(p).await.unwrap());
    assert_eq!(stored, format!("{{\"approve\":[\"{}\"]}}", ids[0]));
    // A citizens' round takes citizens and members alike.
    let open = create(&t, &orga, &settings("Public", "approval", "citizens", &ids)).await;
    vote(&t, open, &citizen, &yes).await;
    vote(&t, open, &member, &yes).await;
    assert_eq!(
        scalar(
            &t,
            &format!(
                "SELECT COUNT(*) FROM round_participation WHERE round_id = {open} \
                 AND side = 'public' AND pending IS NOT NULL"
            )
        )
        .await,
        2
    );
}

async fn opened_rounds_are_frozen_in_the_app_and_in_the_database(t: TestApp) {
    let ids = proposals(&t, 3).await;
    let orga = role(&t, "orga", Role::Organiser).await;
    let now = storage::now_ms();
    let mut f = settings("À venir", "approval", "members", &ids);
    set(&mut f, "form[opens_at]", &paris(now + 3_600_000));
    set(&mut f, "form[closes_at]", &paris(now + 7_200_000));
    let round = create(&t, &orga, &f).await;
    // Before the opening, everything may change.
    let mut edited = f.clone();
    set(&mut edited, "form[method]", "schulze");
    edited.retain(|(k, _)| k != &format!("form[candidates][{}]", ids[2]));
    edited.push(("id".into(), round.to_string()));
    ok(&t, "edit_round", &fields(&edited), Some(&orga)).await;
    let r = storage::rounds::find_round(&t.db, domain::RoundId(round))
        .await
        .unwrap();
    assert_eq!(
        (r.method.as_str(), r.candidates()),
        (
            "schulze",
            vec![domain::ProposalId(ids[0]), domain::ProposalId(ids[1])]
        )
    );
    // Opened: the app answers 409 and writes nothing.
    exec(
        &t,
        &format!(
            "UPDATE rounds SET opens_at = {} WHERE id = {round}",
            now - 1000
        ),
    )
    .await;
    set(&mut edited, "form[method]", "borda");
    let res = t.call("edit_round", &fields(&edited), Some(&orga)).await;
    assert_eq!(
        res.status,
        StatusCode::CONFLICT,
        "[{}] {}",
        t.backend,
        res.body
    );
    assert_eq!(error_of(&res.body), AppError::Round(RoundError::Frozen));
    // And the database refuses whoever writes.
    for change in [
        "method = 'borda'",
        "candidate_ids = '1,2,3'",
        "electorate = 'both'",
        "budget = 5",
        "rule = 'top'",
        "opens_at = opens_at + 1",
        "closes_at = closes_at + 1",
    ] {
        let sql = format!("UPDATE rounds SET {change} WHERE id = {round}");
        let refused = storage::with_pool!(&t.db, p => sqlx::query(&sql).execute(p).await.is_err());
        assert!(refused, "[{}] the database accepted {change}", t.backend);
    }
    let r = storage::rounds::find_round(&t.db, domain::RoundId(round))
        .await
        .unwrap();
    assert_eq!(r.method, "schulze");
    // The title and an earlier close remain possible.
    exec(
        &t,
        &format!("UPDATE rounds SET title = 'Titre', closes_at = closes_at - 1 WHERE id = {round}"),
    )
    .await;
}

async fn no_answer_links_a_voter_to_a_ballot(t: TestApp) {
    let ids = proposals(&t, 3).await;
    let orga = role(&t, "orga", Role::Organiser).await;
    let moderator = role(&t, "modo", Role::Moderator).await;
    let round = create(&t, &orga, &settings("Secret", "borda", "members", &ids)).await;
    let mut receipts = Vec::new();
    for name in ["alice-m", "bruno-m", "chloe-m"] {
        let c = role(&t, name, Role::Member).await;
        receipts.push(vote(&t, round, &c, &[(ids[0], "1"), (ids[1], "2")]).await);
    }
    // The ballot table has no voter, no time and no id.
    let columns: Vec<String> = match &t.db {
        storage::Db::Sqlite(p) => sqlx::query_scalar("SELECT name FROM pragma_table_info('ballots') ORDER BY name")
            .fetch_all(p)
            .await
            .unwrap(),
        storage::Db::Postgres(p) => sqlx::query_scalar(
            "SELECT column_name::text FROM information_schema.columns WHERE table_name = 'ballots' ORDER BY column_name",
        )
        .fetch_all(p)
        .await
        .unwrap(),
    };
    assert_eq!(
        columns,
        ["content", "receipt", "round_id", "side", "slot"],
        "[{}]",
        t.backend
    );
    // While the round is open the ballots wait sealed: the table is empty.
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM ballots").await, 0);
    let sealed: Vec<String> = storage::with_pool!(&t.db, p => sqlx::query_scalar("SELECT pending FROM round_participation").fetch_all(p).await.unwrap());
    assert_eq!(sealed.len(), 3);
    // The voter finds their own receipt while the round is open.
    let alice = t.login("alice-m", PW).await.session_cookie().unwrap();
    let rid = round.to_string();
    let before = ok(&t, "round", &[("id", &rid)], Some(&alice)).await;
    assert_eq!(before["my_receipt"].as_str(), Some(receipts[0].as_str()));
    close(&t, round).await;
    let mut answers = Vec::new();
    for cookie in [&orga, &moderator] {
        for (name, f) in [
            ("round", vec![("id", rid.as_str())]),
            ("rounds", vec![]),
            ("round_results", vec![("id", rid.as_str())]),
            ("admin_list_users", vec![]),
            ("audit_log", vec![]),
        ] {
            answers.push(t.call(name, &f, Some(cookie)).await.body);
        }
        answers.push(
            t.get(&format!("/rounds/{round}/results"), Some(cookie))
                .await
                .body,
        );
        answers.push(t.get("/admin/audit.csv", Some(cookie)).await.body);
    }
    let published = t.get(&format!("/rounds/{round}/ballots.json"), None).await;
    assert_eq!(published.status, StatusCode::OK);
    answers.push(published.body.clone());
    let slots: Vec<String> = storage::with_pool!(&t.db, p => sqlx::query_scalar("SELECT slot FROM ballots").fetch_all(p).await.unwrap());
    for a in &answers {
        for s in slots.iter().chain(&sealed) {
            assert!(
                !a.contains(s.as_str()),
                "[{}] a slot or a sealed ballot left the server",
                t.backend
            );
        }
        let names = ["alice-m", "bruno-m", "chloe-m"]
            .iter()
            .any(|n| a.contains(n));
        let receipt = receipts.iter().any(|r| a.contains(r.as_str()));
        assert!(
            !(names && receipt),
            "[{}] an answer names a voter and a receipt",
            t.backend
        );
    }
    // The published file has every receipt and no account number beside it.
    for r in &receipts {
        assert!(published.body.contains(r.as_str()));
    }
    let doc = json(&published.body);
    assert_eq!(doc["ballots"].as_array().unwrap().len(), 3);
    assert!(doc.get("voters").is_none() && doc.get("users").is_none());
    // Counting sealed the round: the voter no longer finds their ballot, even through the
    // site that holds the key, and no slot is a voter's.
    let after = ok(&t, "round", &[("id", &rid)], Some(&alice)).await;
    assert!(
        after["my_receipt"].is_null() && after["sealed"] == true,
        "[{}] {after}",
        t.backend
    );
    for name in ["alice-m", "bruno-m", "chloe-m"] {
        let mine = service::rounds::slot(
            &t.state.ballot_key,
            domain::RoundId(round),
            t.user_id(name).await,
        );
        assert!(!slots.contains(&mine), "[{}]", t.backend);
    }
    // Sealing again (for rounds counted before counting sealed) draws new slots.
    ok(&t, "seal_round", &[("id", &rid)], Some(&orga)).await;
    let resealed: Vec<String> = storage::with_pool!(&t.db, p => sqlx::query_scalar("SELECT slot FROM ballots").fetch_all(p).await.unwrap());
    assert!(
        resealed.iter().all(|s| !slots.contains(s)),
        "[{}]",
        t.backend
    );
    assert_eq!(resealed.len(), 3);
}

/// What an attacker holding the database reads on disk: on SQLite the database file and its
/// write-ahead log; on PostgreSQL the files of the participation and ballot tables, dead row
/// versions included (after a checkpoint, so what is written is on disk).
async fn raw_bytes(t: &TestApp) -> Vec<u8> {
    match &t.db {
        storage::Db::Sqlite(p) => {
            let file = p.connect_options().get_filename().to_owned();
            let mut bytes = std::fs::read(&file).unwrap();
            let wal = format!("{}-wal", file.display());
            bytes.extend(std::fs::read(wal).unwrap_or_default());
            bytes
        }
        storage::Db::Postgres(p) => {
            sqlx::query("CHECKPOINT").execute(p).await.unwrap();
            let mut bytes = Vec::new();
            for table in ["round_participation", "ballots"] {
                let file: Vec<u8> = sqlx::query_scalar(&format!(
                    "SELECT pg_read_binary_file(pg_relation_filepath('{table}'))"
                ))
                .fetch_one(p)
                .await
                .unwrap();
                bytes.extend(file);
            }
            bytes
        }
    }
}

fn holds(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// The attacker of issue 14 with full access to the database (and, after the seal, the key
/// too): twelve members vote, three change their minds; neither before the count nor after
/// it does any trace (plain ballots, slots, transaction ids, physical order, dead versions,
/// the raw file and its log) link a voter to a ballot.
async fn a_database_holder_links_no_voter_to_a_ballot(t: TestApp) {
    let ids = proposals(&t, 3).await;
    let orga = role(&t, "orga", Role::Organiser).await;
    let round = create(&t, &orga, &settings("Mélange", "borda", "members", &ids)).await;
    let mut voters = Vec::new();
    for i in 0..12 {
        let name = format!("votant-{i:02}");
        let cookie = role(&t, &name, Role::Member).await;
        let mut receipt = vote(
            &t,
            round,
            &cookie,
            &[(ids[i % 3], "1"), (ids[(i + 1) % 3], "2")],
        )
        .await;
        if i % 4 == 0 {
            receipt = vote(&t, round, &cookie, &[(ids[(i + 2) % 3], "1")]).await;
        }
        voters.push((t.user_id(&name).await, receipt));
    }
    let in_round = |sql: &str| sql.replace("$round", &round.to_string());
    // Before the count, without the key: no ballot in the clear, no receipt on disk, and
    // the waiting ballots are ciphertexts that differ even for equal ballots.
    assert_eq!(
        scalar(
            &t,
            &in_round("SELECT COUNT(*) FROM ballots WHERE round_id = $round")
        )
        .await,
        0
    );
    let sealed: Vec<String> = storage::with_pool!(&t.db, p => sqlx::query_scalar(&in_round(
        "SELECT pending FROM round_participation WHERE round_id = $round"
    )).fetch_all(p).await.unwrap());
    assert_eq!(sealed.len(), 12);
    let raw = raw_bytes(&t).await;
    for (_, receipt) in &voters {
        assert!(
            !holds(&raw, receipt),
            "[{}] a receipt is on disk before the count",
            t.backend
        );
        assert!(sealed.iter().all(|s| !s.contains(receipt.as_str())));
    }
    for s in &sealed {
        assert!(
            !s.contains("ranking") && !s.contains("{"),
            "[{}] {s}",
            t.backend
        );
    }
    // The count mixes and seals.
    close(&t, round).await;
    ok(&t, "round_results", &[("id", &round.to_string())], None).await;
    let receipts: Vec<String> = storage::with_pool!(&t.db, p => sqlx::query_scalar(&in_round(
        "SELECT receipt FROM ballots WHERE round_id = $round ORDER BY receipt"
    )).fetch_all(p).await.unwrap());
    let mut expected: Vec<String> = voters.iter().map(|(_, r)| r.clone()).collect();
    expected.sort();
    assert_eq!(
        receipts, expected,
        "[{}] every last ballot, once",
        t.backend
    );
    assert_eq!(
        scalar(
            &t,
            "SELECT COUNT(*) FROM round_participation WHERE pending IS NOT NULL"
        )
        .await,
        0
    );
    // After the seal, with the key: no slot is a voter's, and no sealed ballot (which the key
    // would open) is left anywhere on disk, dead versions and log included.
    let slots: Vec<String> = storage::with_pool!(&t.db, p => sqlx::query_scalar(&in_round(
        "SELECT slot FROM ballots WHERE round_id = $round"
    )).fetch_all(p).await.unwrap());
    for (voter, _) in &voters {
        let theirs = service::rounds::slot(&t.state.ballot_key, domain::RoundId(round), *voter);
        assert!(!slots.contains(&theirs), "[{}]", t.backend);
    }
    let raw = raw_bytes(&t).await;
    for s in &sealed {
        assert!(
            !holds(&raw, s),
            "[{}] a sealed ballot survived the seal",
            t.backend
        );
    }
    if let storage::Db::Postgres(p) = &t.db {
        // Transaction ids: every ballot and every participation row carries the mixer's
        // one transaction, so none tells a voter apart.
        for table in ["ballots", "round_participation"] {
            let xmins: Vec<String> = sqlx::query_scalar(&in_round(&format!(
                "SELECT DISTINCT xmin::text FROM {table} WHERE round_id = $round"
            )))
            .fetch_all(p)
            .await
            .unwrap();
            assert_eq!(xmins.len(), 1, "[postgres] {table}: {xmins:?}");
        }
        // Physical order: the ballots' order on disk is not the voters'.
        let by_place: Vec<String> = sqlx::query_scalar(&in_round(
            "SELECT receipt FROM ballots WHERE round_id = $round ORDER BY ctid",
        ))
        .fetch_all(p)
        .await
        .unwrap();
        let voters_by_place: Vec<i64> = sqlx::query_scalar(&in_round(
            "SELECT user_id FROM round_participation WHERE round_id = $round ORDER BY ctid",
        ))
        .fetch_all(p)
        .await
        .unwrap();
        let linked: Vec<String> = voters_by_place
            .iter()
            .map(|u| {
                voters
                    .iter()
                    .find(|(v, _)| v.get() == *u)
                    .unwrap()
                    .1
                    .clone()
            })
            .collect();
        // A random order of 12 equals a given one once in 479 million draws.
        assert_ne!(
            by_place, linked,
            "[postgres] ballots lie in the voters' order"
        );
    }
}

/// Three ballots per method, built from form values.
fn ballots_for(method: &str, ids: &[i64]) -> Vec<Vec<(i64, &'static str)>> {
    let (a, b, c) = (ids[0], ids[1], ids[2]);
    match method {
        "borda" | "schulze" => vec![
            vec![(a, "1"), (b, "2"), (c, "3")],
            vec![(b, "1"), (c, "2")],
            vec![(c, "1"), (a, "1"), (b, "2")],
        ],
        "majority_judgment" => vec![
            vec![(a, "0"), (b, "2"), (c, "6")],
            vec![(a, "3"), (b, "2"), (c, "1")],
            vec![(a, "1"), (b, "4"), (c, "5")],
        ],
        "approval" => vec![vec![(a, "on")], vec![(a, "on"), (b, "on")], vec![(c, "on")]],
        "cumulative" => vec![vec![(a, "10")], vec![(b, "6"), (c, "4")], vec![(c, "3")]],
        "quadratic" => vec![
            vec![(a, "3"), (b, "-1")],
            vec![(b, "2"), (c, "-2")],
            vec![(c, "1")],
        ],
        _ => vec![
            vec![(a, "for"), (b, "against")],
            vec![(a, "for"), (b, "for"), (c, "abstain")],
            vec![(a, "against"), (c, "for")],
        ],
    }
}

async fn every_method_counts_what_the_published_ballots_recount(t: TestApp) {
    let ids = proposals(&t, 3).await;
    let orga = role(&t, "orga", Role::Organiser).await;
    let mut voters = Vec::new();
    for name in ["v-un", "v-deux", "v-trois"] {
        voters.push(role(&t, name, Role::Citizen).await);
    }
    for method in domain::voting::Method::ALL {
        let m = method.as_str();
        let mut f = settings(m, m, "citizens", &ids);
        if m == "measure" {
            set(&mut f, "form[rule]", "measure");
        }
        let round = create(&t, &orga, &f).await;
        let mut receipts = Vec::new();
        for (voter, ballot) in voters.iter().zip(ballots_for(m, &ids)) {
            receipts.push(vote(&t, round, voter, &ballot).await);
        }
        // One voter changes their mind: only the new ballot counts.
        let changed = ballots_for(m, &ids).remove(2);
        receipts[0] = vote(&t, round, &voters[0], &changed).await;
        close(&t, round).await;
        let results = ok(&t, "round_results", &[("id", &round.to_string())], None).await;
        let side = &results["sides"][0];
        assert_eq!(side["ballots_counted"], 3, "[{}] {m}", t.backend);
        assert_eq!(side["voters"], 3, "[{}] {m}", t.backend);
        let published = t.get(&format!("/rounds/{round}/ballots.json"), None).await;
        assert_eq!(published.status, StatusCode::OK);
        assert!(published.headers["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment"));
        let recount = domain::voting::run(&published.body).expect("the published file tallies");
        assert_eq!(
            recount,
            side["tally_json"].as_str().unwrap(),
            "[{}] {m}",
            t.backend
        );
        // What the page showed is the result stored in the database, counted once.
        let stored: domain::voting::round::RoundResult = serde_json::from_str(
            &stored_result(&t, round)
                .await
                .expect("stored at first view"),
        )
        .unwrap();
        assert_eq!(stored.sides[0].tally, recount, "[{}] {m}", t.backend);
        let doc = json(&published.body);
        for r in &receipts {
            assert!(
                doc["receipts"].as_array().unwrap().iter().any(|x| x == r),
                "[{}] {m}: receipt {r} missing",
                t.backend
            );
        }
        // The page renders the chart and the table.
        let page = t.get(&format!("/rounds/{round}/results"), None).await;
        assert_eq!(page.status, StatusCode::OK, "[{}] {m}", t.backend);
        assert!(
            page.body.contains("<svg") && page.body.contains("<table class=\"results"),
            "[{}] {m}",
            t.backend
        );
    }
    // Spot check against the definition. Approval, after the change: [c], [a, b], [c] → c 2.
    let approval = ok(&t, "round_results", &[("id", "4")], None).await;
    let first = &approval["sides"][0]["rows"][0];
    assert_eq!(
        (first["id"].as_i64(), first["score"].as_str()),
        (Some(ids[2]), Some("2"))
    );
}

async fn both_electorates_are_counted_side_by_side_and_adopt(t: TestApp) {
    let ids = proposals(&t, 3).await;
    let orga = role(&t, "orga", Role::Organiser).await;
    let mut f = settings("Jugement", "majority_judgment", "both", &ids);
    set(&mut f, "form[rule]", "grade");
    set(&mut f, "form[rule_grade]", "Bien");
    let round = create(&t, &orga, &f).await;
    let m1 = role(&t, "membre-1", Role::Member).await;
    let m2 = role(&t, "membre-2", Role::Member).await;
    let c1 = role(&t, "citoyen-1", Role::Citizen).await;
    // Members: a gets Excellent and Bien (lower median Bien → adopted); b Passable twice.
    vote(
        &t,
        round,
        &m1,
        &[(ids[0], "0"), (ids[1], "4"), (ids[2], "6")],
    )
    .await;
    vote(
        &t,
        round,
        &m2,
        &[(ids[0], "2"), (ids[1], "4"), (ids[2], "5")],
    )
    .await;
    // The public loves b, which changes nothing official.
    vote(
        &t,
        round,
        &c1,
        &[(ids[0], "6"), (ids[1], "0"), (ids[2], "6")],
    )
    .await;
    close(&t, round).await;
    let res = ok(&t, "round_results", &[("id", &round.to_string())], None).await;
    let sides = res["sides"].as_array().unwrap();
    assert_eq!(sides.len(), 2);
    assert_eq!(
        (sides[0]["side"].as_str(), sides[0]["official"].as_bool()),
        (Some("members"), Some(true))
    );
    assert_eq!(sides[0]["voters"], 2);
    assert_eq!(sides[1]["voters"], 1);
    assert_eq!(sides[0]["rows"][0]["id"].as_i64(), Some(ids[0]));
    assert_eq!(sides[0]["rows"][0]["score"], "Bien");
    assert_eq!(sides[0]["rows"][0]["adopted"], true);
    assert_eq!(sides[1]["rows"][0]["id"].as_i64(), Some(ids[1]));
    let status = |id: i64| {
        let t = t.clone();
        async move {
            storage::proposals::find_proposal(&t.db, domain::ProposalId(id))
                .await
                .unwrap()
                .status
        }
    };
    assert_eq!(status(ids[0]).await, "adopted", "[{}]", t.backend);
    assert_eq!(status(ids[1]).await, "published");
    // Each side's published ballots re-count to its own result.
    for side in sides {
        let name = side["side"].as_str().unwrap();
        let doc = t
            .get(&format!("/rounds/{round}/ballots.json?side={name}"), None)
            .await;
        assert_eq!(
            domain::voting::run(&doc.body).unwrap(),
            side["tally_json"].as_str().unwrap()
        );
    }
    // Counting again adopts nothing twice (the status change is logged once).
    ok(&t, "round_results", &[("id", &round.to_string())], None).await;
    assert_eq!(
        scalar(&t, "SELECT COUNT(*) FROM moderation_log WHERE action = 'status' AND reason LIKE 'adopted by round%'").await,
        1
    );
}

async fn bad_settings_and_bad_ballots_are_refused_with_their_rule(t: TestApp) {
    let ids = proposals(&t, 3).await;
    let orga = role(&t, "orga", Role::Organiser).await;
    let base = settings("Réglages", "cumulative", "members", &ids);
    let now = storage::now_ms();
    let cases: Vec<(&str, &str, RoundError)> = vec![
        ("form[title]", "   ", RoundError::Title { max: 200 }),
        ("form[method]", "condorcet", RoundError::Method),
        ("form[budget]", "0", RoundError::Budget),
        ("form[budget]", "abc", RoundError::Budget),
        ("form[electorate]", "tout-le-monde", RoundError::Electorate),
        ("form[closes_at]", "2020-01-01T10:00", RoundError::Times),
        ("form[opens_at]", "bientôt", RoundError::Times),
        ("form[rule]", "grade", RoundError::Rule),
    ];
    for (key, value, expected) in cases {
        let mut f = base.clone();
        set(&mut f, key, value);
        let r = t.call("create_round", &fields(&f), Some(&orga)).await;
        assert_eq!(
            r.status,
            StatusCode::BAD_REQUEST,
            "[{}] {key}={value}: {}",
            t.backend,
            r.body
        );
        assert_eq!(
            error_of(&r.body),
            AppError::Round(expected),
            "[{}] {key}",
            t.backend
        );
    }
    // One candidate, or a draft among them.
    let one = settings("Seul", "cumulative", "members", &ids[..1]);
    let r = t.call("create_round", &fields(&one), Some(&orga)).await;
    assert_eq!(
        error_of(&r.body),
        AppError::Round(RoundError::Candidates { max: 100 })
    );
    exec(
        &t,
        &format!(
            "UPDATE proposals SET status = 'draft' WHERE id = {}",
            ids[2]
        ),
    )
    .await;
    let r = t.call("create_round", &fields(&base), Some(&orga)).await;
    assert_eq!(
        error_of(&r.body),
        AppError::Round(RoundError::Candidates { max: 100 })
    );
    let _ = now;
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM rounds").await, 0);
    exec(
        &t,
        &format!(
            "UPDATE proposals SET status = 'published' WHERE id = {}",
            ids[2]
        ),
    )
    .await;
    // Ballots that break a rule are refused, named, and nothing is stored.
    let round = create(&t, &orga, &base).await;
    let member = role(&t, "membre", Role::Member).await;
    assert_eq!(
        vote_err(&t, round, &member, &[(ids[0], "7"), (ids[1], "4")]).await,
        AppError::Round(RoundError::BallotOverBudget {
            spent: "11".into(),
            budget: 10
        })
    );
    assert_eq!(
        vote_err(&t, round, &member, &[(ids[0], "-1")]).await,
        AppError::Round(RoundError::BallotAmount)
    );
    assert_eq!(
        vote_err(&t, round, &member, &[(ids[0], "1.5")]).await,
        AppError::Round(RoundError::BallotAmount)
    );
    let mut mj = settings("Mentions", "majority_judgment", "members", &ids);
    set(&mut mj, "form[title]", "Mentions");
    let mj = create(&t, &orga, &mj).await;
    assert_eq!(
        vote_err(&t, mj, &member, &[(ids[0], "0"), (ids[1], "1")]).await,
        AppError::Round(RoundError::BallotIncomplete)
    );
    assert_eq!(
        vote_err(
            &t,
            mj,
            &member,
            &[(ids[0], "0"), (ids[1], "1"), (ids[2], "9")]
        )
        .await,
        AppError::Round(RoundError::BallotField)
    );
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM ballots").await, 0);
    assert_eq!(
        scalar(&t, "SELECT COUNT(*) FROM round_participation").await,
        0
    );
    // An unknown round is a 404.
    let r = t
        .call("cast_ballot", &[("round", "999")], Some(&member))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = t.get("/rounds/999/ballots.json", None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = t.get(&format!("/rounds/{round}/ballots.json"), None).await;
    assert_eq!(
        r.status,
        StatusCode::CONFLICT,
        "published after the close only"
    );
}

/// The stored result of a round (JSON), if counted.
async fn stored_result(t: &TestApp, round: i64) -> Option<String> {
    let sql = "SELECT result FROM rounds WHERE id = $1";
    storage::with_pool!(&t.db, p => sqlx::query_scalar::<_, Option<String>>(sql)
        .bind(round)
        .fetch_one(p)
        .await
        .unwrap())
}

/// The same site on the same database through connections that cannot write: every
/// PostgreSQL transaction read-only, every SQLite connection `query_only`. Any write a view
/// attempted would fail there.
async fn read_only(t: &TestApp) -> TestApp {
    use storage::Db;
    let db = match &t.db {
        Db::Sqlite(p) => {
            let opts = (*p.connect_options()).clone().pragma("query_only", "ON");
            Db::Sqlite(
                sqlx::sqlite::SqlitePoolOptions::new()
                    .max_connections(2)
                    .connect_with(opts)
                    .await
                    .unwrap(),
            )
        }
        Db::Postgres(p) => {
            let opts = (*p.connect_options())
                .clone()
                .options([("default_transaction_read_only", "on")]);
            Db::Postgres(
                sqlx::postgres::PgPoolOptions::new()
                    .max_connections(2)
                    .connect_with(opts)
                    .await
                    .unwrap(),
            )
        }
    };
    support::build(db, t.backend).await
}

async fn results_report_and_exports_are_read_without_writing(t: TestApp) {
    let ids = proposals(&t, 3).await;
    let orga = role(&t, "orga", Role::Organiser).await;
    let mut f = settings("Lecture seule", "borda", "citizens", &ids);
    set(&mut f, "form[rule]", "top");
    set(&mut f, "form[rule_k]", "1");
    let round = create(&t, &orga, &f).await;
    for (name, order) in [("v-un", ["1", "2", "3"]), ("v-deux", ["1", "3", "2"])] {
        let voter = role(&t, name, Role::Citizen).await;
        let ballot: Vec<(i64, &str)> = ids.iter().copied().zip(order).collect();
        vote(&t, round, &voter, &ballot).await;
    }
    assert_eq!(stored_result(&t, round).await, None, "[{}]", t.backend);
    // Closing counts the round, stores its result and marks the winner adopted, once.
    ok(
        &t,
        "close_round",
        &[("id", &round.to_string())],
        Some(&orga),
    )
    .await;
    let stored = stored_result(&t, round)
        .await
        .expect("counted at the close");
    let adopted = scalar(
        &t,
        "SELECT COUNT(*) FROM proposals WHERE status = 'adopted'",
    )
    .await;
    assert_eq!(adopted, 1, "[{}]", t.backend);

    let ro = read_only(&t).await;
    // The control: this handle really cannot write.
    let refused = storage::with_pool!(&ro.db, p => sqlx::query("UPDATE rounds SET title = title")
        .execute(p)
        .await
        .is_err());
    assert!(refused, "[{}] the read-only handle wrote", t.backend);
    for path in [
        format!("/rounds/{round}/results"),
        format!("/rounds/{round}"),
        "/rounds".to_owned(),
        "/report".to_owned(),
        format!("/rounds/{round}/ballots.json"),
        "/open-data/rounds.csv".to_owned(),
        "/open-data/rounds.json".to_owned(),
        "/open-data/ballots.json".to_owned(),
        "/api/v1/rounds".to_owned(),
        format!("/api/v1/rounds/{round}"),
        format!("/api/v1/rounds/{round}/results"),
    ] {
        let r = ro.get(&path, None).await;
        assert_eq!(
            r.status,
            StatusCode::OK,
            "[{}] {path}: {}",
            t.backend,
            r.body
        );
    }
    let page = ro.get(&format!("/rounds/{round}/results"), None).await;
    assert!(page.body.contains("Proposition 0"), "[{}]", t.backend);
    let results = ok(&ro, "round_results", &[("id", &round.to_string())], None).await;
    assert_eq!(results["sides"][0]["ballots_counted"], 2, "[{}]", t.backend);
    // The CLI's exports read the same stored result.
    for format in [
        server::export::ReportFormat::Md,
        server::export::ReportFormat::Html,
    ] {
        if let Err(e) = server::export::report(&ro.state, format, domain::report::Lang::Fr).await {
            panic!("[{}] {format:?}: {e}", t.backend);
        }
    }
    let file = server::export::dataset(
        &ro.state,
        domain::opendata::Dataset::Rounds,
        domain::opendata::Format::Csv,
    )
    .await
    .expect("rounds dataset");
    assert!(String::from_utf8_lossy(&file.bytes).contains("Lecture seule"));
    assert_eq!(
        stored_result(&t, round).await,
        Some(stored),
        "[{}]",
        t.backend
    );
}

async fn racing_servers_count_a_round_exactly_once(t: TestApp) {
    use storage::Db;
    let ids = proposals(&t, 3).await;
    let orga = role(&t, "orga", Role::Organiser).await;
    let voter = role(&t, "v-un", Role::Citizen).await;
    // A second server: its own pool on the same database.
    let other = match &t.db {
        Db::Sqlite(p) => Db::Sqlite(
            sqlx::sqlite::SqlitePoolOptions::new()
                .connect_with((*p.connect_options()).clone())
                .await
                .unwrap(),
        ),
        Db::Postgres(p) => Db::Postgres(
            sqlx::postgres::PgPoolOptions::new()
                .connect_with((*p.connect_options()).clone())
                .await
                .unwrap(),
        ),
    };
    let mut rounds = Vec::new();
    for n in 0..8 {
        let mut f = settings(&format!("Course {n}"), "approval", "citizens", &ids);
        set(&mut f, "form[rule]", "top");
        set(&mut f, "form[rule_k]", "1");
        let round = create(&t, &orga, &f).await;
        vote(&t, round, &voter, &[(ids[n % 3], "on")]).await;
        close(&t, round).await;
        rounds.push(round);
    }
    // Each round closed by time: both servers' background counts and a first view race.
    let mut tasks = Vec::new();
    for round in &rounds {
        for db in [t.db.clone(), other.clone(), t.db.clone()] {
            let round = *round;
            // Every server of one site shares the ballot key.
            let st = service::AppState {
                db,
                ..t.state.clone()
            };
            tasks.push(tokio::spawn(async move {
                let r = storage::rounds::find_round(&st.db, domain::RoundId(round))
                    .await
                    .unwrap();
                service::rounds::result(&st, &r).await
            }));
        }
    }
    let mut answers = Vec::new();
    for task in tasks {
        answers.push(task.await.unwrap().expect("every racer gets the result"));
    }
    for (n, round) in rounds.iter().enumerate() {
        let mine = &answers[n * 3..n * 3 + 3];
        assert!(
            mine.iter().all(|a| a == &mine[0]),
            "[{}] racers disagree",
            t.backend
        );
        let stored: domain::voting::round::RoundResult =
            serde_json::from_str(&stored_result(&t, *round).await.unwrap()).unwrap();
        assert_eq!(stored, mine[0], "[{}]", t.backend);
        // Adoption is logged once per round, whoever won the race.
        let logged = scalar(
            &t,
            &format!(
                "SELECT COUNT(*) FROM moderation_log WHERE action = 'status' \
                 AND reason = 'adopted by round #{round}'"
            ),
        )
        .await;
        assert!(
            logged <= 1,
            "[{}] round {round} adopted {logged} times",
            t.backend
        );
    }
    // Once stored, the result cannot be rewritten, even by hand.
    let rewrite = storage::with_pool!(&t.db, p => sqlx::query("UPDATE rounds SET result = '{}' WHERE id = $1")
        .bind(rounds[0])
        .execute(p)
        .await
        .map(|_| ()));
    assert!(
        rewrite.is_err(),
        "[{}] a stored result was rewritten",
        t.backend
    );
    assert_eq!(service::rounds::count_due(&t.state).await.unwrap(), 0);
    other.close().await;
}

async fn a_hidden_candidate_keeps_its_place_but_not_its_title(t: TestApp) {
    let ids = proposals(&t, 3).await;
    let orga = role(&t, "orga", Role::Organiser).await;
    let round = create(&t, &orga, &settings("Masque", "borda", "citizens", &ids)).await;
    exec(
        &t,
        &format!(
            "UPDATE proposals SET visibility = 'hidden', hidden_reason = 'spam' WHERE id = {}",
            ids[1]
        ),
    )
    .await;
    let masked = service::report::MASKED;
    let page = t.call("round", &[("id", &round.to_string())], None).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(!page.body.contains("Proposition 1"), "{}", page.body);
    assert!(page.body.contains(masked), "{}", page.body);
    assert!(page.body.contains("Proposition 0") && page.body.contains("Proposition 2"));
    let html = t.get(&format!("/rounds/{round}"), None).await;
    assert!(!html.body.contains("Proposition 1"));
    close(&t, round).await;
    let published = t.get(&format!("/rounds/{round}/ballots.json"), None).await;
    assert_eq!(published.status, StatusCode::OK, "{}", published.body);
    assert!(
        !published.body.contains("Proposition 1"),
        "{}",
        published.body
    );
    assert!(published.body.contains(masked), "{}", published.body);
}

async fn organisers_open_cancel_and_delete_rounds(t: TestApp) {
    let ids = proposals(&t, 3).await;
    let people = cast(&t).await;
    let orga = people[1].1.clone().unwrap();
    let member = people.iter().find(|(w, _)| *w == "member").unwrap();
    let member = member.1.clone().unwrap();
    let hour = 3_600_000;
    let later = |title: &str| {
        let mut f = settings(title, "approval", "members", &ids);
        let now = storage::now_ms();
        set(&mut f, "form[opens_at]", &paris(now + hour));
        set(&mut f, "form[closes_at]", &paris(now + 3 * hour));
        f
    };
    let phase_of = |r: serde_json::Value| r["summary"]["phase"].as_str().unwrap().to_owned();
    let read = |id: i64, who: Option<String>| {
        let t = &t;
        async move {
            t.call("round", &[("id", &id.to_string())], who.as_deref())
                .await
        }
    };

    // Opened ahead of time: voting starts at once, and the log says so.
    let early = create(&t, &orga, &later("Ouvert plus tôt")).await;
    assert_eq!(phase_of(json(&read(early, None).await.body)), "Upcoming");
    ok(
        &t,
        "open_round_now",
        &[("id", &early.to_string())],
        Some(&orga),
    )
    .await;
    assert_eq!(phase_of(json(&read(early, None).await.body)), "Open");
    vote(&t, early, &member, &[(ids[0], "1")]).await;
    let again = t
        .call("open_round_now", &[("id", &early.to_string())], Some(&orga))
        .await;
    assert_eq!(
        again.status,
        StatusCode::CONFLICT,
        "[{}] already open",
        t.backend
    );
    // Someone voted: it can no longer be cancelled.
    let refused = t
        .call("cancel_round", &[("id", &early.to_string())], Some(&orga))
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "[{}]", t.backend);
    assert_eq!(
        error_of(&refused.body),
        AppError::Round(RoundError::HasBallots)
    );

    // Cancelled before its first ballot: gone from public view, never counted.
    let test_round = create(&t, &orga, &settings("Essai", "approval", "members", &ids)).await;
    let delete = |who: &str| {
        let who = who.to_owned();
        let t = &t;
        async move {
            t.call(
                "delete_round",
                &[("id", &test_round.to_string())],
                Some(&who),
            )
            .await
        }
    };
    let early_delete = delete(&orga).await;
    assert_eq!(
        early_delete.status,
        StatusCode::CONFLICT,
        "[{}] not cancelled",
        t.backend
    );
    assert_eq!(
        error_of(&early_delete.body),
        AppError::Round(RoundError::NotCancelled)
    );
    ok(
        &t,
        "cancel_round",
        &[("id", &test_round.to_string())],
        Some(&orga),
    )
    .await;
    for who in [None, Some(member.clone())] {
        assert_eq!(
            read(test_round, who.clone()).await.status,
            StatusCode::NOT_FOUND,
            "[{}] a cancelled round is not public",
            t.backend
        );
        let list = json(&t.call("rounds", &[], who.as_deref()).await.body);
        assert!(
            list["rounds"]
                .as_array()
                .unwrap()
                .iter()
                .all(|r| r["id"] != test_round),
            "[{}] {list}",
            t.backend
        );
    }
    let api = t.get("/api/v1/rounds", None).await;
    assert!(!api.body.contains("Essai"), "[{}] {}", t.backend, api.body);
    let seen = json(&t.call("rounds", &[], Some(&orga)).await.body);
    let mine = seen["rounds"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == test_round)
        .cloned()
        .unwrap();
    assert_eq!(
        mine["cancelled"], true,
        "[{}] organisers still see it",
        t.backend
    );
    let no_vote = vote_err(&t, test_round, &member, &[(ids[0], "1")]).await;
    assert_eq!(no_vote, AppError::NotFound, "[{}]", t.backend);
    close(&t, test_round).await;
    service::rounds::count_due(&t.state).await.unwrap();
    assert_eq!(
        stored_result(&t, test_round).await,
        None,
        "[{}] never counted",
        t.backend
    );
    let closed = service::public::closed_rounds(&t.db, None).await.unwrap();
    assert!(
        closed.iter().all(|r| r.id.0 != test_round),
        "[{}] not in the report",
        t.backend
    );

    // Then deleted, by an organiser only; the log keeps its title.
    for (who, cookie) in &people {
        if *who == "organiser" {
            continue;
        }
        let r = t
            .call(
                "delete_round",
                &[("id", &test_round.to_string())],
                cookie.as_deref(),
            )
            .await;
        assert_ne!(r.status, StatusCode::OK, "[{}] {who}", t.backend);
    }
    let gone = delete(&orga).await;
    assert_eq!(gone.status, StatusCode::OK, "[{}] {}", t.backend, gone.body);
    assert_eq!(
        scalar(
            &t,
            &format!("SELECT COUNT(*) FROM rounds WHERE id = {test_round}")
        )
        .await,
        0
    );
    for (action, reason) in [("round_cancel", ""), ("round_delete", "Essai")] {
        assert_eq!(
            scalar(
                &t,
                &format!(
                    "SELECT COUNT(*) FROM moderation_log WHERE action = '{action}' \
                     AND item_id = {test_round} AND reason = '{reason}'"
                ),
            )
            .await,
            1,
            "[{}] {action}",
            t.backend
        );
    }
    assert_eq!(
        scalar(
            &t,
            "SELECT COUNT(*) FROM moderation_log WHERE action = 'round_open'"
        )
        .await,
        1
    );
}

/// A round's page kept for anonymous readers ends at the round's opening time, although
/// nothing is written then.
async fn a_kept_round_page_ends_when_the_round_opens(t: TestApp) {
    let ids = proposals(&t, 2).await;
    let orga = role(&t, "orga", Role::Organiser).await;
    let mut f = settings("Scrutin à venir", "approval", "members", &ids);
    set(
        &mut f,
        "form[opens_at]",
        &paris(storage::now_ms() + 24 * 3_600_000),
    );
    set(
        &mut f,
        "form[closes_at]",
        &paris(storage::now_ms() + 48 * 3_600_000),
    );
    let round = create(&t, &orga, &f).await;
    let opens = storage::now_ms() + 1500;
    exec(
        &t,
        &format!("UPDATE rounds SET opens_at = {opens} WHERE id = {round}"),
    )
    .await;
    let path = format!("/rounds/{round}");
    let kept = |r: &support::Reply| r.headers[server::page_cache::CACHE_HEADER].clone();
    let upcoming = t.get(&path, None).await;
    assert_eq!(upcoming.status, StatusCode::OK);
    assert_eq!(kept(&upcoming), "miss");
    let again = t.get(&path, None).await;
    assert_eq!(kept(&again), "hit", "[{}]", t.backend);
    let wait = opens - storage::now_ms() + 50;
    tokio::time::sleep(std::time::Duration::from_millis(wait.max(0) as u64)).await;
    let open = t.get(&path, None).await;
    assert_eq!(kept(&open), "miss", "[{}]", t.backend);
    let upcoming_word = "À venir";
    assert!(upcoming.body.contains(upcoming_word), "{}", upcoming.body);
    assert!(!open.body.contains(upcoming_word), "{}", open.body);
}
