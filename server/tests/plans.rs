//! The query plans of the request paths: every statement the pages and the read API run, for
//! each role, is captured as it runs and explained on both backends, and none may read a whole
//! table that grows with the debate (issue 16: no full scan on a request path).
//!
//! The statements are not listed here by hand: they are caught from sqlx's own statement log
//! while the pages are served, so a new query on a page is checked the day it is written.
//! On PostgreSQL, tiny test tables make the planner prefer sequential scans, and merge or hash
//! joins over whole indexes, whatever the indexes; so the plans are generic ones made with
//! those priced out (`enable_seqscan`, `enable_mergejoin`, `enable_hashjoin` off), as the
//! planner would choose for a page of rows out of a city's: a whole read that remains has no
//! index to replace it.

mod support;

use domain::Role;
use std::collections::BTreeSet;
use std::sync::Mutex;
use support::*;
use tracing::field::{Field, Visit};
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::Layer;

/// Tables read whole on purpose, and why that stays small.
const WHOLE_BY_DESIGN: &[(&str, &str)] = &[
    (
        "topics",
        "the curated themes: a handful, listed whole on the home page",
    ),
    ("settings", "one row of the convention's settings"),
    ("change_version", "one row: the page cache's change counter"),
    (
        "report_dissents",
        "the report's dissent notes: organisers write one per proposal at most",
    ),
];

/// What each backend's check found, reported together at the end.
static FOUND: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Every SQL statement sqlx runs while capture is on.
static STATEMENTS: Mutex<Option<BTreeSet<String>>> = Mutex::new(None);

struct Capture;

struct StatementOf(Option<String>, Option<String>);

impl Visit for StatementOf {
    fn record_str(&mut self, field: &Field, value: &str) {
        match field.name() {
            "db.statement" if !value.trim().is_empty() => self.0 = Some(value.trim().to_owned()),
            "summary" => self.1 = Some(value.to_owned()),
            _ => {}
        }
    }
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "summary" {
            self.1 = Some(format!("{value:?}").trim_matches('"').to_owned());
        }
    }
}

impl<S: tracing::Subscriber> Layer<S> for Capture {
    fn on_event(&self, event: &tracing::Event<'_>, _: Context<'_, S>) {
        if event.metadata().target() != "sqlx::query" {
            return;
        }
        let mut seen = StatementOf(None, None);
        event.record(&mut seen);
        // The summary is the whole statement when it is short; a long one comes whole in
        // `db.statement` and shortened (ending in "…") in the summary.
        let sql = seen.0.or(seen.1.filter(|s| !s.ends_with('…')));
        if let (Some(sql), Some(set)) = (sql, STATEMENTS.lock().unwrap().as_mut()) {
            set.insert(sql);
        }
    }
}

#[test]
fn request_paths_read_no_growing_table_whole() {
    let subscriber = tracing_subscriber::registry().with(
        Capture.with_filter(
            tracing_subscriber::filter::Targets::new()
                .with_target("sqlx::query", tracing::Level::TRACE),
        ),
    );
    tracing::subscriber::set_global_default(subscriber).unwrap();
    // One backend after the other: the capture is process-wide.
    runtime().block_on(on_backend("sqlite", check_plans));
    runtime().block_on(on_backend("postgres", check_plans));
    let found = FOUND.lock().unwrap();
    assert!(found.is_empty(), "{}", found.join("\n\n"));
}

async fn check_plans(t: TestApp) {
    service::demo::seed(&t.state).await.unwrap();
    city_is_consistent(&t).await;
    let citizen = role(&t, "citoyenne", Role::Citizen).await;
    let member = role(&t, "membre", Role::Member).await;
    let moderator = role(&t, "moderatrice", Role::Moderator).await;
    let organiser = role(&t, "organisatrice", Role::Organiser).await;
    role(&t, "suspendu", Role::Citizen).await;
    let orga = t.user_id("organisatrice").await;
    let until = storage::users::Suspension::Until(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis() as i64
            + 30 * 86_400_000,
    );
    storage::users::set_suspended(&t.db, t.user_id("suspendu").await, until, orga, "essai")
        .await
        .unwrap();
    // A suspended person signs in to read why and to appeal.
    let suspended = t
        .login("suspendu", PW)
        .await
        .session_cookie()
        .unwrap_or_default();
    let author = storage::proposals::find_proposal(&t.db, domain::ProposalId(1))
        .await
        .unwrap()
        .author_id;
    let last_proposal = scalar(&t, "SELECT MAX(id) FROM proposals").await;
    let last_round = scalar(&t, "SELECT MAX(id) FROM rounds").await;
    *STATEMENTS.lock().unwrap() = Some(BTreeSet::new());
    let everyone = [
        None,
        Some(citizen.as_str()),
        Some(member.as_str()),
        Some(moderator.as_str()),
        Some(organiser.as_str()),
        Some(suspended.as_str()),
    ];
    let pages = [
        "/",
        "/topics/education",
        "/proposals/1",
        "/proposals/1/history",
        "/rounds",
        "/rounds/1",
        "/rounds/2",
        "/rounds/1/results",
        "/report",
        "/search?q=formation",
        "/open-data",
        "/account",
        "/moderation",
        "/moderation/users",
        &format!("/moderation/people/{}", i64::from(author)),
        "/curation",
        "/admin/users",
        "/admin/audit",
        "/admin/settings",
        "/admin/report",
        "/api/v1/topics",
        "/api/v1/topics/education",
        "/api/v1/proposals?topic=education",
        "/api/v1/proposals/1",
        "/api/v1/comments?proposal=1",
        "/api/v1/rounds",
        "/api/v1/rounds/1",
        "/api/v1/rounds/1/results",
        "/rounds/1/ballots.json",
        &format!("/proposals/{last_proposal}"),
        &format!("/rounds/{last_round}"),
        &format!("/rounds/{last_round}/results"),
        "/topics/culture",
    ];
    for page in pages {
        for who in everyone {
            let reply = t.get(page, who).await;
            assert!(
                reply.status.as_u16() < 500,
                "[{}] {page}: {}",
                t.backend,
                reply.status
            );
        }
    }
    let statements = STATEMENTS.lock().unwrap().take().unwrap();
    let mut full = Vec::new();
    let mut explained = 0;
    let partial = partial_indexes(&t).await;
    for sql in &statements {
        let head = sql.trim_start().to_ascii_uppercase();
        if !["SELECT", "WITH", "UPDATE", "DELETE"]
            .iter()
            .any(|k| head.starts_with(k))
        {
            continue;
        }
        explained += 1;
        for read in whole_reads(&t, sql, &partial).await {
            let table = read.split(' ').next().unwrap_or("");
            if !WHOLE_BY_DESIGN.iter().any(|(name, _)| *name == table) {
                full.push(format!("{read}: {sql}"));
            }
        }
    }
    assert!(
        explained > 30,
        "[{}] only {explained} statements seen",
        t.backend
    );
    if !full.is_empty() {
        FOUND.lock().unwrap().push(format!(
            "[{}] {} statements read a whole table:\n{}",
            t.backend,
            full.len(),
            full.join("\n\n")
        ));
    }
}

/// `convention demo --scale` at a five-hundredth of the city: once only, and every counter,
/// thread and result as the application would have written them.
async fn city_is_consistent(t: &TestApp) {
    let scale = service::demo::Scale::CITY.times(0.002);
    let filled = service::demo::city_scale(&t.state, scale)
        .await
        .unwrap()
        .expect("a first fill");
    assert!(service::demo::city_scale(&t.state, scale)
        .await
        .unwrap()
        .is_none());
    let b = t.backend;
    let habitants = "SELECT COUNT(*) FROM users WHERE username LIKE 'habitant%'";
    assert_eq!(scalar(t, habitants).await, filled.users, "[{b}]");
    for (what, sql) in [
        (
            "comment counters",
            "SELECT COUNT(*) FROM proposals p WHERE comment_count <> \
             (SELECT COUNT(*) FROM comments c WHERE c.proposal_id = p.id \
              AND c.visibility = 'published') \
             OR for_count <> (SELECT COUNT(*) FROM comments c WHERE c.proposal_id = p.id \
              AND c.stance = 'pour' AND c.visibility = 'published')",
        ),
        (
            "support counters",
            "SELECT COUNT(*) FROM proposals p WHERE support_count <> \
             (SELECT COUNT(*) FROM supports s WHERE s.proposal_id = p.id)",
        ),
        (
            "versions",
            "SELECT COUNT(*) FROM proposals p WHERE NOT EXISTS \
             (SELECT 1 FROM proposal_versions v WHERE v.proposal_id = p.id)",
        ),
        (
            "threads",
            "SELECT COUNT(*) FROM comments c LEFT JOIN comments parent ON parent.id = c.parent_id \
             WHERE (c.parent_id IS NULL AND c.root_id <> c.id) \
             OR (c.parent_id IS NOT NULL AND (parent.root_id <> c.root_id \
                 OR c.depth <> parent.depth + 1 OR parent.proposal_id <> c.proposal_id))",
        ),
        (
            "uncounted rounds",
            "SELECT COUNT(*) FROM rounds WHERE result IS NULL AND title LIKE 'Vote n°%'",
        ),
        (
            "ballots without their voter",
            "SELECT (SELECT COUNT(*) FROM ballots) - (SELECT COUNT(*) FROM round_participation)",
        ),
    ] {
        assert_eq!(scalar(t, sql).await, 0, "[{b}] {what}");
    }
    assert_eq!(
        scalar(
            t,
            "SELECT COUNT(*) FROM comments WHERE body LIKE 'Il faudrait%'"
        )
        .await,
        filled.comments / 3,
        "[{b}]"
    );
    // New rows after the fill take ids after its own.
    let cookie = role(t, "apres", Role::Citizen).await;
    assert!(!cookie.is_empty(), "[{b}]");
}

/// The partial indexes: each holds only the rows it is for, so walking all of it is a
/// selective read.
async fn partial_indexes(t: &TestApp) -> Vec<String> {
    let sql = match &t.db {
        storage::Db::Sqlite(_) => {
            "SELECT name FROM sqlite_master WHERE type = 'index' AND sql LIKE '% WHERE %'"
        }
        storage::Db::Postgres(_) => {
            "SELECT indexrelid::regclass::text FROM pg_index WHERE indpred IS NOT NULL"
        }
    };
    storage::with_pool!(&t.db, p => sqlx::query_scalar(sql).fetch_all(p).await.unwrap())
}

/// The tables a statement reads whole, by its plan.
async fn whole_reads(t: &TestApp, sql: &str, partial: &[String]) -> Vec<String> {
    match &t.db {
        storage::Db::Sqlite(p) => {
            let rows: Vec<(i64, i64, i64, String)> =
                sqlx::query_as(&format!("EXPLAIN QUERY PLAN {sql}"))
                    .fetch_all(p)
                    .await
                    .unwrap_or_else(|e| panic!("[sqlite] {e}: {sql}"));
            // "SCAN x" reads x whole, "SCAN x USING [COVERING] INDEX i" walks all of index i
            // (only the rows it holds when it is partial); "SEARCH" looks up by index. x is the
            // name the statement gives: subqueries it materialises are its own rows.
            let own: Vec<&str> = rows
                .iter()
                .filter_map(|(_, _, _, d)| {
                    d.strip_prefix("MATERIALIZE ")
                        .or_else(|| d.strip_prefix("CO-ROUTINE "))
                })
                .collect();
            // An index walked in its order under a LIMIT stops after the rows asked for.
            let ordered_limit = sql.to_ascii_uppercase().contains(" LIMIT ")
                && !rows.iter().any(|(_, _, _, d)| d.contains("TEMP B-TREE"));
            // Ordered by id, a table is walked in rowid order: the same as an index.
            let by_rowid = ordered_limit && {
                let upper = sql.to_ascii_uppercase();
                upper.split("ORDER BY ").skip(1).any(|rest| {
                    let key = rest.split([' ', ',']).next().unwrap_or("");
                    key == "ID" || key.ends_with(".ID")
                })
            };
            let tables = names(sql);
            rows.iter()
                .filter_map(|(_, _, _, detail)| {
                    let mut words = detail.strip_prefix("SCAN ")?.split(' ');
                    let name = words.next()?;
                    let index = detail.split(" INDEX ").nth(1).map(|i| i.trim());
                    let skip = own.contains(&name)
                        || name.starts_with('(')
                        || name == "CONSTANT"
                        || detail.contains("VIRTUAL TABLE")
                        || index.is_some_and(|i| partial.iter().any(|p| p == i) || ordered_limit)
                        || (index.is_none() && by_rowid);
                    let table = tables
                        .iter()
                        .find(|(_, alias)| alias == name)
                        .map_or(name, |(t, _)| t.as_str());
                    (!skip).then(|| format!("{table} ({detail})"))
                })
                .collect()
        }
        storage::Db::Postgres(p) => {
            let mut c = p.acquire().await.unwrap();
            sqlx::raw_sql("SET enable_seqscan = off; SET plan_cache_mode = force_generic_plan")
                .execute(&mut *c)
                .await
                .unwrap();
            // A parameter first tested for NULL (`$2 IS NULL OR c.id = $2`) has no type
            // PostgreSQL infers: it is declared bigint, or text if that fails.
            let mut declared: Vec<&str> = Vec::new();
            let mut last = None;
            loop {
                let types = if declared.is_empty() {
                    String::new()
                } else {
                    format!("({})", declared.join(", "))
                };
                let Err(e) = sqlx::raw_sql(&format!("PREPARE plan_check{types} AS {sql}"))
                    .execute(&mut *c)
                    .await
                else {
                    break;
                };
                let text = e.to_string();
                assert!(declared.len() < 20, "[postgres] {text}: {sql}");
                match (text.split("data type of parameter $").nth(1), last) {
                    (Some(rest), _) => {
                        let n: usize = rest
                            .split(|ch: char| !ch.is_ascii_digit())
                            .next()
                            .and_then(|d| d.parse().ok())
                            .unwrap_or_else(|| panic!("[postgres] {text}: {sql}"));
                        if declared.len() < n {
                            declared.resize(n, "unknown");
                        }
                        declared[n - 1] = "bigint";
                        last = Some(n - 1);
                    }
                    (None, Some(k)) if declared[k] == "bigint" => declared[k] = "text",
                    _ => panic!("[postgres] {text}: {sql}"),
                }
            }
            let params: Option<i32> = sqlx::query_scalar(
                "SELECT array_length(parameter_types, 1) FROM pg_prepared_statements \
                 WHERE name = 'plan_check'",
            )
            .persistent(false)
            .fetch_one(&mut *c)
            .await
            .unwrap();
            let nulls = vec!["NULL"; params.unwrap_or(0) as usize].join(", ");
            let args = if nulls.is_empty() {
                String::new()
            } else {
                format!("({nulls})")
            };
            let plan: serde_json::Value =
                sqlx::query_scalar(&format!("EXPLAIN (FORMAT JSON) EXECUTE plan_check{args}"))
                    .persistent(false)
                    .fetch_one(&mut *c)
                    .await
                    .unwrap_or_else(|e| panic!("[postgres] {e}: {sql}"));
            sqlx::raw_sql("DEALLOCATE plan_check; RESET ALL")
                .execute(&mut *c)
                .await
                .unwrap();
            let mut whole = Vec::new();
            scans(&plan[0]["Plan"], false, partial, &mut whole);
            whole
        }
    }
}

/// The tables a statement reads, each with the name it gives it (`FROM comments c`).
fn names(sql: &str) -> Vec<(String, String)> {
    let words: Vec<&str> = sql
        .split(|ch: char| ch.is_whitespace() || ch == ',' || ch == '(' || ch == ')')
        .filter(|w| !w.is_empty())
        .collect();
    let mut found = Vec::new();
    for (k, w) in words.iter().enumerate() {
        if !(w.eq_ignore_ascii_case("FROM") || w.eq_ignore_ascii_case("JOIN")) {
            continue;
        }
        let Some(table) = words.get(k + 1) else {
            continue;
        };
        let mut alias = words.get(k + 2).copied().unwrap_or("");
        if alias.eq_ignore_ascii_case("AS") {
            alias = words.get(k + 3).copied().unwrap_or("");
        }
        let keyword =
            alias.is_empty() || alias.chars().all(|ch| ch.is_ascii_uppercase() || ch == '_');
        let alias = if keyword { table } else { alias };
        found.push(((*table).to_owned(), alias.to_owned()));
    }
    found
}

/// Walks a PostgreSQL plan: a sequential scan reads its table whole, and so does an index scan
/// without a condition unless a limit stops it early (the newest ten, in index order).
/// A partial index holds only the rows it is for, so walking all of it is a selective read.
fn scans(node: &serde_json::Value, limited: bool, partial: &[String], whole: &mut Vec<String>) {
    let kind = node["Node Type"].as_str().unwrap_or("");
    let table = node["Relation Name"].as_str().unwrap_or("");
    let index = node["Index Name"].as_str().unwrap_or("");
    match kind {
        "Seq Scan" => whole.push(format!("{table} (Seq Scan)")),
        "Index Scan" | "Index Only Scan"
            if node.get("Index Cond").is_none()
                && !limited
                && !partial.iter().any(|p| p == index) =>
        {
            whole.push(format!("{table} ({kind} on {index})"))
        }
        _ => {}
    }
    let limited = limited || kind == "Limit";
    for child in node["Plans"].as_array().into_iter().flatten() {
        scans(child, limited, partial, whole);
    }
}
