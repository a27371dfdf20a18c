//! The recommendations report of a city-sized convention: 500 proposals, 20 closed rounds of
//! 25 proposals with 150 members' ballots each, 50,000 comments, 100 adopted proposals with
//! pinned arguments. Time and peak memory of each format, on SQLite and, when
//! TEST_POSTGRES_URL is set, on PostgreSQL. Each export is measured in a process of its own.
//!
//! `cargo bench -p server --bench report`. The baseline, measured in the same run on the same
//! database, is the open-data export of the proposals as CSV (one query over the same rows,
//! plus the same counts of every round for their vote results).

use server::export::{self, ReportFormat};
use std::time::{Duration, Instant};
use storage::Db;

const PROPOSALS: usize = 500;
const ROUNDS: usize = 20;
const BALLOTS: usize = 150;
const COMMENTS: usize = 50_000;

/// Set in the child processes that measure one export each: "<database url> <format>".
const CHILD: &str = "CONVENTION_REPORT_BENCH_MEASURE";

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    if let Ok(job) = std::env::var(CHILD) {
        let (url, format) = job.split_once(' ').expect("url and format");
        let format = (format != "csv").then(|| ReportFormat::parse(format).expect("format"));
        let (median, bytes) = rt.block_on(async {
            let db = Db::connect(url).await.expect("database");
            measure(&db, format).await
        });
        println!("{} {bytes} {}", median.as_nanos(), peak_mib());
        return;
    }
    rt.block_on(async {
        for backend in ["sqlite", "postgres"] {
            if backend == "postgres" && std::env::var("TEST_POSTGRES_URL").is_err() {
                continue;
            }
            let scratch = storage::scratch::Scratch::new(backend, "convention_report_bench")
                .await
                .expect("a fresh database");
            run(backend, scratch.db.clone(), &scratch.url).await;
            scratch.remove().await;
        }
    });
}

/// Peak resident memory of this process, in MiB (Linux).
fn peak_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

async fn run(backend: &str, db: Db, url: &str) {
    let seeded = seed(&db).await;
    db.close().await;
    println!(
        "\n{backend}: seeded {PROPOSALS} proposals, {ROUNDS} rounds × {BALLOTS} ballots, {COMMENTS} comments in {seeded:.1?}"
    );
    println!(
        "{:<38} {:>10} {:>10} {:>12} {:>10}",
        "export", "median", "× base", "bytes", "peak MiB"
    );
    let mut base = None;
    for (label, format) in [
        ("open data: proposals.csv (baseline)", "csv"),
        ("report: Markdown", "md"),
        ("report: HTML", "html"),
        ("report: ODT", "odt"),
        ("report: PDF (Typst)", "pdf"),
    ] {
        // One process per export: a process's peak memory never comes down (the allocator
        // keeps what it freed), so in one process every export after the PDF would show its peak.
        let out = std::process::Command::new(std::env::current_exe().expect("this bench"))
            .env(CHILD, format!("{url} {format}"))
            .output()
            .expect("child");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).expect("utf-8");
        let fields: Vec<&str> = text.split_whitespace().collect();
        let median = Duration::from_nanos(fields[0].parse().expect("ns"));
        let base = *base.get_or_insert(median);
        println!(
            "{:<38} {:>10.2?} {:>10.1} {:>12} {:>10.1}",
            label,
            median,
            median.as_secs_f64() / base.as_secs_f64(),
            fields[1],
            fields[2].parse::<f64>().expect("MiB")
        );
    }
}

/// Median of 5 runs (after one warm-up) and the size.
async fn measure(db: &Db, format: Option<ReportFormat>) -> (Duration, usize) {
    // The rounds were counted while seeding: no ballot key is needed to read their results.
    let st = service::AppState::new(db.clone(), service::AuthConfig::default())
        .await
        .expect("state");
    let mut times = Vec::new();
    let mut bytes = 0;
    for round in 0..6 {
        let start = Instant::now();
        let file = match format {
            Some(f) => export::report(&st, f, domain::report::Lang::Fr).await,
            None => {
                export::dataset(
                    &st,
                    domain::opendata::Dataset::Proposals,
                    domain::opendata::Format::Csv,
                )
                .await
            }
        };
        let elapsed = start.elapsed();
        let file = file.unwrap_or_else(|e| panic!("export failed: {e}"));
        if round > 0 {
            times.push(elapsed);
        }
        bytes = file.bytes.len();
    }
    times.sort();
    (times[times.len() / 2], bytes)
}

async fn exec(db: &Db, sql: &str) {
    storage::with_pool!(db, p => { sqlx::query(sql).execute(p).await.expect(sql); });
}

/// Proposals spread over the five topics, 50 authors and 150 members, 20 Borda or Schulze
/// rounds adopting their first five, 50,000 comments in batches.
async fn seed(db: &Db) -> Duration {
    let start = Instant::now();
    let st = service::AppState::new(db.clone(), service::AuthConfig::default())
        .await
        .expect("state");
    let hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA";
    let mut people = Vec::new();
    for i in 0..(50 + BALLOTS) {
        let name = format!("personne{i}");
        let role = if i >= 50 {
            domain::Role::Member
        } else {
            domain::Role::Citizen
        };
        let u = storage::users::create_user(
            db,
            &storage::users::NewUser {
                username: &name,
                username_key: &name,
                username_skeleton: &name,
                display_name: &format!("Personne {i}"),
                password_hash: hash,
                role,
                name_public: false,
            },
        )
        .await
        .expect("user");
        people.push(u.id);
    }
    let organiser = people[0];
    let mut proposals = Vec::new();
    for i in 0..PROPOSALS {
        let title =
            format!("Proposition n° {i} : former, informer et équiper les services publics");
        let id = storage::proposals::create_proposal(
            db,
            &storage::proposals::NewProposal {
                topic_id: domain::TopicId(1 + (i % 5) as i64),
                author_id: people[i % 50],
                title: &title,
                summary: "Un résumé d’une ou deux phrases, comme en écrivent les citoyens.",
                body: "Un texte plus long, en **Markdown**, avec une liste :\n\n- un point ;\n- un \
                       autre point, plus développé, qui explique pourquoi la Métropole devrait agir.\n\n\
                       Et un paragraphe de conclusion avec un [lien](https://example.org).",
                status: "published",
                visibility: "published",
            },
        )
        .await
        .expect("proposal");
        proposals.push(id);
    }
    // Comments in multi-row inserts: 50,000 single transactions would time the disk, not us.
    let mut values = Vec::new();
    for i in 0..COMMENTS {
        let p = proposals[i % PROPOSALS];
        let topic = 1 + (i % PROPOSALS % 5);
        let stance = ["'pour'", "'contre'", "'neutre'", "NULL"][i % 4];
        values.push(format!(
            "({topic}, {p}, {}, 'Commentaire {i} : un avis argumenté de quelques lignes, avec de la *mise en forme*.', {stance}, 'published', {}, 0)",
            people[i % people.len()],
            1_784_023_200_000i64 + i as i64
        ));
        if values.len() == 500 || i + 1 == COMMENTS {
            exec(
                db,
                &format!(
                    "INSERT INTO comments (topic_id, proposal_id, author_id, body, stance, visibility, created_at, depth) VALUES {}",
                    values.join(",")
                ),
            )
            .await;
            values.clear();
        }
    }
    exec(db, "UPDATE comments SET root_id = id").await;
    let now = storage::now_ms();
    let day = 86_400_000;
    let per_round = PROPOSALS / ROUNDS;
    for r in 0..ROUNDS {
        use domain::voting::round::{Electorate, RoundSpec, Rule};
        use domain::voting::Method;
        let candidates: Vec<domain::ProposalId> =
            proposals[r * per_round..(r + 1) * per_round].to_vec();
        let spec = RoundSpec {
            method: if r % 2 == 0 {
                Method::Schulze
            } else {
                Method::Borda
            },
            grades: Vec::new(),
            budget: 0,
            threshold: (0, 1),
            strict: true,
            electorate: Electorate::Members,
            rule: Rule::Top(5),
        };
        let title = format!("Scrutin {r}");
        let round = storage::rounds::create_round(
            db,
            &storage::rounds::RoundFields {
                title: &title,
                spec: &spec,
                candidates: &candidates,
                opens_at: now - day,
                closes_at: now + day,
            },
            organiser,
        )
        .await
        .expect("round");
        for b in 0..BALLOTS {
            // A rotation of the candidates, different per voter.
            let order: Vec<String> = (0..per_round)
                .map(|k| format!("\"{}\"", candidates[(k * 7 + b * 3 + r) % per_round]))
                .collect();
            let content = format!("{{\"ranking\":[{}]}}", order.join(","));
            let receipt = format!("R{r:02}{b:05}");
            let voter = people[50 + b];
            let sealed =
                service::rounds::seal_ballot(&st.ballot_key, round, voter, &receipt, &content)
                    .expect("sealed");
            storage::rounds::cast_ballot(
                db,
                &storage::rounds::Cast {
                    round_id: round,
                    voter_id: voter,
                    side: "members",
                    sealed: &sealed,
                },
            )
            .await
            .expect("ballot");
        }
        storage::rounds::close_now(db, round, organiser)
            .await
            .expect("close");
    }
    // The first count marks adopted proposals; then two pinned arguments each.
    export::report(&st, ReportFormat::Md, domain::report::Lang::Fr)
        .await
        .expect("first count");
    let adopted = storage::report::adopted_ids(db).await.expect("adopted");
    let arguments = storage::report::arguments(db, &adopted, 2)
        .await
        .expect("arguments");
    for a in &arguments {
        let side = if a.stance.as_deref() == Some("contre") {
            "against"
        } else {
            "for"
        };
        storage::report::pin(db, a.comment_id, side, organiser)
            .await
            .expect("pin");
    }
    start.elapsed()
}
