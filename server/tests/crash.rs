//! Crash test: clients on 127.0.0.1 cast and change ballots, post comments and report them
//! while `convention serve` is killed with SIGKILL at random moments and restarted, on SQLite
//! and PostgreSQL. The checker then proves that every acknowledged write is there, once and
//! whole, that refused ones left nothing, one ballot per voter, SQLite's integrity check, and
//! that the stored result equals a re-count of the stored ballots.
//!
//! 20 cycles per backend here (the suite's short form); `CONVENTION_CRASH_CYCLES=200 cargo
//! test -p server --test crash -- --nocapture` is the long run whose figures go in
//! RELIABILITY.md.

#[path = "support/encode.rs"]
mod encode;

use encode::enc;
use std::collections::{HashMap, HashSet};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The demo's voters (members and citizens), all eligible in its open round.
const VOTERS: &[&str] = &[
    "helene.m",
    "karim34",
    "lucie-p",
    "thomas_r",
    "ines.v",
    "jean-baptiste",
];

/// A small xorshift generator: the workload only needs varied timings, not good randomness,
/// and a seed printed on failure replays the same choices.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// What the clients were told, and what they tried without an answer.
#[derive(Default)]
struct Ledger {
    /// Comment tokens answered with their new id.
    comments: HashMap<String, i64>,
    /// Comment tokens refused (a 4xx): must not be stored.
    refused_comments: HashSet<String>,
    /// Comment tokens sent without an answer (the server died): stored at most once.
    unknown_comments: HashSet<String>,
    /// (reporter, comment id) answered 200.
    reports: HashSet<(String, i64)>,
    /// Per voter: the receipt of their last acknowledged ballot, and whether a ballot was
    /// sent after it without an answer (which may or may not have replaced it).
    ballots: HashMap<String, (String, bool)>,
    /// Voters with a ballot sent and never answered, before any acknowledged one.
    unanswered_voters: HashSet<String>,
    acknowledged: u64,
}

struct Reply {
    status: u16,
    body: String,
    cookie: Option<String>,
}

/// One HTTP/1.1 request on a fresh connection; `None` when the server is gone.
fn post(addr: &str, name: &str, form: &str, cookie: Option<&str>) -> Option<Reply> {
    let mut s = TcpStream::connect(addr).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(20))).ok()?;
    let cookie = cookie
        .map(|c| format!("Cookie: convention_session={c}\r\n"))
        .unwrap_or_default();
    write!(
        s,
        "POST /api/{name} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
         Accept: application/json\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         {cookie}Content-Length: {}\r\n\r\n{form}",
        form.len()
    )
    .ok()?;
    let mut raw = String::new();
    s.read_to_string(&mut raw).ok()?;
    let (head, body) = raw.split_once("\r\n\r\n")?;
    let status = head.get(9..12)?.parse().ok()?;
    let cookie = head
        .lines()
        .filter_map(|l| l.split_once(':'))
        .filter(|(k, _)| k.eq_ignore_ascii_case("set-cookie"))
        .find_map(|(_, v)| {
            v.trim()
                .strip_prefix("convention_session=")
                .map(|v| v.split(';').next().unwrap_or("").to_owned())
        });
    // Chunked bodies: the JSON answers here are short; keep the text between the sizes.
    let body = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        body.split("\r\n")
            .enumerate()
            .filter(|(i, _)| i % 2 == 1)
            .map(|(_, part)| part)
            .collect()
    } else {
        body.to_owned()
    };
    Some(Reply {
        status,
        body,
        cookie,
    })
}

struct Site {
    url: String,
    addr: String,
    dir: std::path::PathBuf,
}

impl Site {
    fn convention(&self, args: &[&str]) -> std::process::Output {
        Command::new(env!("CARGO_BIN_EXE_convention"))
            .args(args)
            .env("DATABASE_URL", &self.url)
            .env("RUST_LOG", "off")
            .env("CONVENTION_BALLOT_KEY_FILE", self.dir.join("ballot.key"))
            .output()
            .expect("convention runs")
    }

    fn start(&self) -> Child {
        let child = Command::new(env!("CARGO_BIN_EXE_convention"))
            .args(["serve", "--addr", &self.addr])
            .arg("--site-root")
            .arg(self.dir.join("site"))
            .env("DATABASE_URL", &self.url)
            .env("RUST_LOG", "warn")
            .env("CONVENTION_BALLOT_KEY_FILE", self.dir.join("ballot.key"))
            .stdout(Stdio::null())
            // Every run's warnings, kept for a failure's diagnosis.
            .stderr(
                std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(self.dir.join("server.log"))
                    .expect("the server log"),
            )
            .spawn()
            .expect("convention serve runs");
        let start = Instant::now();
        while TcpStream::connect(&self.addr).is_err() {
            assert!(start.elapsed() < Duration::from_secs(60), "no restart");
            std::thread::sleep(Duration::from_millis(20));
        }
        child
    }
}

/// One client's random operations until the server stops answering.
fn client(
    addr: &str,
    who: usize,
    cookie: &str,
    fixture: &Fixture,
    ledger: &Mutex<Ledger>,
    seed: u64,
) {
    let mut rng = Rng(seed | 1);
    let voter = VOTERS[who];
    for n in 0.. {
        match rng.below(3) {
            0 => {
                let token = format!("jeton-{seed:x}-{who}-{n}");
                let proposal =
                    fixture.proposals[rng.below(fixture.proposals.len() as u64) as usize];
                let form = format!(
                    "topic={}&proposal={proposal}&body={}",
                    enc(fixture.topic.as_bytes()),
                    enc(format!("Avis {token} : d'accord.").as_bytes())
                );
                let reply = post(addr, "post_comment", &form, Some(cookie));
                let mut l = ledger.lock().unwrap();
                match reply {
                    None => {
                        l.unknown_comments.insert(token);
                        return;
                    }
                    Some(r) if r.status == 200 => {
                        l.comments
                            .insert(token, r.body.trim().parse().expect("an id"));
                        l.acknowledged += 1;
                    }
                    Some(r) if (400..500).contains(&r.status) => {
                        l.refused_comments.insert(token);
                    }
                    Some(r) => panic!("post_comment answered {}: {}", r.status, r.body),
                }
            }
            1 => {
                let grades: Vec<String> = fixture
                    .candidates
                    .iter()
                    .map(|c| format!("ballot%5B{c}%5D={}", rng.below(7)))
                    .collect();
                let form = format!("round={}&{}", fixture.round, grades.join("&"));
                {
                    let mut l = ledger.lock().unwrap();
                    match l.ballots.get_mut(voter) {
                        Some(entry) => entry.1 = true,
                        None => {
                            l.unanswered_voters.insert(voter.to_owned());
                        }
                    }
                }
                let reply = post(addr, "cast_ballot", &form, Some(cookie));
                let mut l = ledger.lock().unwrap();
                match reply {
                    None => return,
                    Some(r) if r.status == 200 => {
                        let receipt: String = r.body.trim().trim_matches('"').to_owned();
                        l.ballots.insert(voter.to_owned(), (receipt, false));
                        l.unanswered_voters.remove(voter);
                        l.acknowledged += 1;
                    }
                    // Refused (rate limit): the earlier ballot stands. An unanswered one sent
                    // before may still have replaced it, so the mark stays.
                    Some(r) if (400..500).contains(&r.status) => {}
                    Some(r) => panic!("cast_ballot answered {}: {}", r.status, r.body),
                }
            }
            _ => {
                let target = {
                    let l = ledger.lock().unwrap();
                    let ids: Vec<i64> = l.comments.values().copied().collect();
                    if ids.is_empty() {
                        continue;
                    }
                    ids[rng.below(ids.len() as u64) as usize]
                };
                let form = format!("kind=comment&id={target}&reason=spam&note=");
                let reply = post(addr, "report", &form, Some(cookie));
                let mut l = ledger.lock().unwrap();
                match reply {
                    None => return,
                    Some(r) if r.status == 200 => {
                        l.reports.insert((voter.to_owned(), target));
                        l.acknowledged += 1;
                    }
                    Some(r) if (400..500).contains(&r.status) => {}
                    Some(r) => panic!("report answered {}: {}", r.status, r.body),
                }
            }
        }
    }
}

struct Fixture {
    topic: String,
    proposals: Vec<i64>,
    round: i64,
    candidates: Vec<i64>,
}

async fn fixture(db: &storage::Db) -> Fixture {
    storage::with_pool!(db, p => {
        let (round, ids): (i64, String) = sqlx::query_as(
            "SELECT id, candidate_ids FROM rounds WHERE result IS NULL ORDER BY id LIMIT 1",
        )
        .fetch_one(p)
        .await
        .unwrap();
        let (topic_id, topic): (i64, String) = sqlx::query_as(
            "SELECT t.id, t.slug FROM topics t JOIN proposals p ON p.topic_id = t.id \
             WHERE p.status = 'published' AND t.archived = FALSE ORDER BY t.id LIMIT 1",
        )
        .fetch_one(p)
        .await
        .unwrap();
        let proposals: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM proposals WHERE topic_id = $1 AND status = 'published'",
        )
        .bind(topic_id)
        .fetch_all(p)
        .await
        .unwrap();
        Fixture {
            topic,
            proposals,
            round,
            candidates: ids.split(',').map(|i| i.parse().unwrap()).collect(),
        }
    })
}

fn run(backend: &'static str, port: u16) {
    let cycles: u64 = std::env::var("CONVENTION_CRASH_CYCLES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(20);
    let seed = std::env::var("CONVENTION_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        });
    println!("[{backend}] seed {seed} (CONVENTION_CRASH_SEED replays it), {cycles} cycles");
    let rt = tokio::runtime::Runtime::new().unwrap();
    let scratch = rt
        .block_on(storage::scratch::Scratch::new(backend, "convention_crash"))
        .expect("a fresh database");
    let dir =
        std::env::temp_dir().join(format!("convention-crash-{backend}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("site/pkg")).unwrap();
    let site = Site {
        url: scratch.url.clone(),
        addr: format!("127.0.0.1:{port}"),
        dir: dir.clone(),
    };
    let demo = site.convention(&["demo"]);
    assert!(
        demo.status.success(),
        "{}",
        String::from_utf8_lossy(&demo.stderr)
    );
    let fixture = rt.block_on(fixture(&scratch.db));
    let mut server = site.start();
    let cookies: Vec<String> = VOTERS
        .iter()
        .map(|u| {
            let form = format!(
                "username={u}&password={}",
                enc(service::demo::DEMO_PASSWORD.as_bytes())
            );
            let r = post(&site.addr, "login", &form, None).expect("login");
            assert_eq!(r.status, 200, "login {u}: {}", r.body);
            r.cookie.expect("a session cookie")
        })
        .collect();
    let ledger = Arc::new(Mutex::new(Ledger::default()));
    let fixture = Arc::new(fixture);
    let mut rng = Rng(seed | 1);
    for cycle in 0..cycles {
        let clients: Vec<_> = (0..3)
            .map(|k| {
                let who = ((cycle * 3 + k) % VOTERS.len() as u64) as usize;
                let (addr, cookie, fixture, ledger) = (
                    site.addr.clone(),
                    cookies[who].clone(),
                    fixture.clone(),
                    ledger.clone(),
                );
                let seed = seed.wrapping_add(cycle * 7 + k);
                std::thread::spawn(move || client(&addr, who, &cookie, &fixture, &ledger, seed))
            })
            .collect();
        std::thread::sleep(Duration::from_millis(50 + rng.below(400)));
        // SIGKILL, this server's own PID only.
        server.kill().unwrap();
        server.wait().unwrap();
        for c in clients {
            c.join().expect("a client panicked: see its message above");
        }
        server = site.start();
    }
    // The checker, on the restarted site.
    let l = ledger.lock().unwrap();
    let db = &scratch.db;
    let comments: Vec<(i64, String)> = rt.block_on(async {
        storage::with_pool!(db, p => sqlx::query_as("SELECT id, body FROM comments")
            .fetch_all(p).await.unwrap())
    });
    let count_of = |token: &str| {
        let needle = format!("Avis {token} :");
        comments
            .iter()
            .filter(|(_, b)| b.contains(&needle))
            .collect::<Vec<_>>()
    };
    let (mut missing, mut duplicated, mut partial) = (0, 0, 0);
    for (token, id) in &l.comments {
        let found = count_of(token);
        match found.as_slice() {
            [] => missing += 1,
            [(stored, body)] => {
                if stored != id || *body != format!("Avis {token} : d'accord.") {
                    partial += 1;
                }
            }
            _ => duplicated += 1,
        }
    }
    for token in &l.unknown_comments {
        if count_of(token).len() > 1 {
            duplicated += 1;
        }
    }
    for token in &l.refused_comments {
        assert!(count_of(token).is_empty(), "a refused comment was stored");
    }
    let reports: HashSet<(String, i64)> = rt.block_on(async {
        storage::with_pool!(db, p => sqlx::query_as::<_, (String, i64)>(
            "SELECT u.username, r.item_id FROM reports r JOIN users u ON u.id = r.reporter_id \
             WHERE r.item_kind = 'comment'",
        )
        .fetch_all(p).await.unwrap())
        .into_iter()
        .collect()
    });
    missing += l.reports.difference(&reports).count();
    // Ballots: each voter's stored one is their last acknowledged, unless a later one was
    // sent without an answer.
    let key = std::fs::read_to_string(dir.join("ballot.key")).unwrap();
    let key: Vec<u8> = (0..32)
        .map(|i| u8::from_str_radix(&key.trim()[2 * i..2 * i + 2], 16).unwrap())
        .collect();
    let key: [u8; 32] = key.try_into().unwrap();
    let waiting: Vec<(i64, String, Option<String>)> = rt.block_on(async {
        storage::with_pool!(db, p => sqlx::query_as(
            "SELECT p.user_id, u.username, p.pending FROM round_participation p \
             JOIN users u ON u.id = p.user_id WHERE p.round_id = $1",
        )
        .bind(fixture.round)
        .fetch_all(p).await.unwrap())
    });
    let round = domain::RoundId(fixture.round);
    for (user, name, sealed) in &waiting {
        let sealed = sealed
            .as_deref()
            .expect("the round is open: the ballot waits");
        let Some((receipt, _)) =
            service::rounds::open_ballot(&key, round, domain::UserId(*user), sealed)
        else {
            partial += 1;
            continue;
        };
        match l.ballots.get(name) {
            Some((last, false)) if *last != receipt => missing += 1,
            Some(_) => {}
            None => assert!(l.unanswered_voters.contains(name), "{name} never voted"),
        }
    }
    for name in l.ballots.keys() {
        if !waiting.iter().any(|(_, n, _)| n == name) {
            missing += 1;
        }
    }
    if let storage::Db::Sqlite(p) = db {
        let check: String = rt
            .block_on(sqlx::query_scalar("PRAGMA integrity_check").fetch_one(p))
            .unwrap();
        assert_eq!(check, "ok", "[sqlite] integrity check");
    }
    // Close the round; the stored result equals a re-count of the stored ballots, one per voter.
    rt.block_on(async {
        storage::with_pool!(db, p => sqlx::query("UPDATE rounds SET closes_at = $1 WHERE id = $2")
            .bind(storage::now_ms() - 1)
            .bind(fixture.round)
            .execute(p).await.unwrap().rows_affected())
    });
    let results = post(
        &site.addr,
        "round_results",
        &format!("id={}", fixture.round),
        None,
    )
    .expect("results");
    assert_eq!(results.status, 200, "{}", results.body);
    server.kill().unwrap();
    server.wait().unwrap();
    let (stored, recounted, ballots) = rt.block_on(async {
        let r = storage::rounds::find_round(db, round).await.unwrap();
        let stored: domain::voting::round::RoundResult =
            serde_json::from_str(r.result.as_deref().expect("a stored result")).unwrap();
        let recounted = service::rounds::recount(db, &r).await.unwrap();
        let ballots = storage::rounds::ballots(db, round).await.unwrap().len();
        (stored, recounted, ballots)
    });
    assert_eq!(
        stored, recounted,
        "[{backend}] the stored result is the re-count"
    );
    assert_eq!(ballots, waiting.len(), "[{backend}] one ballot per voter");
    println!(
        "[{backend}] {cycles} cycles, {} acknowledged writes: missing {missing}, duplicated {duplicated}, partial {partial}; {} ballots re-counted",
        l.acknowledged, ballots
    );
    assert!(l.acknowledged > 0, "the clients wrote nothing");
    assert_eq!((missing, duplicated, partial), (0, 0, 0), "[{backend}]");
    drop(l);
    rt.block_on(scratch.remove());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn sqlite_loses_no_acknowledged_write_across_crashes() {
    run("sqlite", 39_417);
}

#[test]
fn postgres_loses_no_acknowledged_write_across_crashes() {
    if std::env::var("TEST_POSTGRES_URL").is_err() {
        panic!("TEST_POSTGRES_URL must name a PostgreSQL server for the postgres half");
    }
    run("postgres", 39_418);
}
