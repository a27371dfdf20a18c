//! The `convention` binary's commands and its startup errors: one clear line, non-zero exit.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn convention(db: &str, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_convention"))
        .args(args)
        .env("DATABASE_URL", db)
        .env("RUST_LOG", "off")
        .env(
            "CONVENTION_BALLOT_KEY_FILE",
            std::env::temp_dir().join(format!("convention-cli-{}.key", std::process::id())),
        )
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("convention runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("convention exits")
}

fn temp_db(name: &str) -> (std::path::PathBuf, String) {
    let dir = std::env::temp_dir().join(format!("convention-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let url = format!("sqlite://{}/nested/data.db", dir.display());
    (dir, url)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn user_create_bootstraps_an_organiser_and_refuses_duplicates() {
    let (dir, db) = temp_db("user");
    let args = [
        "user",
        "create",
        "--username",
        "Admin",
        "--role",
        "organiser",
    ];
    let ok = convention(&db, &args, "une phrase de passe solide\n");
    assert!(ok.status.success(), "{}", stderr(&ok));
    assert!(String::from_utf8_lossy(&ok.stdout).contains("organiser"));

    let dup = convention(
        &db,
        &["user", "create", "--username", "admin"],
        "une phrase de passe solide\n",
    );
    assert_eq!(dup.status.code(), Some(1));
    assert!(stderr(&dup).contains("already taken"), "{}", stderr(&dup));

    let short = convention(&db, &["user", "create", "--username", "court"], "court\n");
    assert_eq!(short.status.code(), Some(1));
    assert!(
        stderr(&short).contains("password must be"),
        "{}",
        stderr(&short)
    );

    let role = convention(&db, &["user", "set-role", "ADMIN", "moderator"], "");
    assert!(role.status.success(), "{}", stderr(&role));
    let bad_role = convention(&db, &["user", "set-role", "admin", "king"], "");
    assert_eq!(bad_role.status.code(), Some(1));
    assert!(stderr(&bad_role).contains("unknown role"));
    let nobody = convention(&db, &["user", "set-role", "nobody", "member"], "");
    assert!(stderr(&nobody).contains("no account named nobody"));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn demo_is_idempotent() {
    let (dir, db) = temp_db("demo");
    let first = convention(&db, &["demo"], "");
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(String::from_utf8_lossy(&first.stdout).contains("8 accounts created"));
    let again = convention(&db, &["demo"], "");
    assert!(String::from_utf8_lossy(&again.stdout).contains("0 accounts created"));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn the_city_sized_debate_is_added_once() {
    let (dir, db) = temp_db("city");
    let city = convention(&db, &["demo", "--city"], "");
    assert!(city.status.success(), "{}", stderr(&city));
    let out = String::from_utf8_lossy(&city.stdout);
    assert!(
        out.contains("1000 proposals in /topics/education, 2000 comments on /proposals/"),
        "{out}"
    );
    let again = convention(&db, &["demo", "--city"], "");
    assert!(String::from_utf8_lossy(&again.stdout).contains("was there already"));
    let counts = tokio::runtime::Runtime::new().unwrap().block_on(async {
        let db = storage::Db::connect(&db).await.unwrap();
        let count = |sql: &'static str| {
            let db = db.clone();
            async move {
                storage::with_pool!(&db, p => sqlx::query_scalar::<_, i64>(sql).fetch_one(p).await.unwrap())
            }
        };
        (
            count("SELECT COUNT(*) FROM proposals p JOIN topics t ON t.id = p.topic_id \
                   WHERE t.slug = 'education' AND p.status = 'published'")
            .await,
            count("SELECT MAX(n) FROM (SELECT COUNT(*) AS n FROM comments GROUP BY proposal_id) c")
                .await,
        )
    });
    assert!(counts.0 >= 1000, "{counts:?}");
    assert_eq!(counts.1, 2000, "{counts:?}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn round_seal_needs_a_closed_round() {
    let (dir, db) = temp_db("seal");
    let demo = convention(&db, &["demo"], "");
    assert!(demo.status.success(), "{}", stderr(&demo));
    // The demo's second round is closed, with four members' ballots; the first is open.
    let sealed = convention(&db, &["round", "seal", "2"], "");
    assert!(sealed.status.success(), "{}", stderr(&sealed));
    assert!(String::from_utf8_lossy(&sealed.stdout).contains("4 ballots"));
    let open = convention(&db, &["round", "seal", "1"], "");
    assert_eq!(open.status.code(), Some(1));
    assert!(
        stderr(&open).contains("has not closed"),
        "{}",
        stderr(&open)
    );
    let missing = convention(&db, &["round", "seal", "99"], "");
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        stderr(&missing).contains("no round 99"),
        "{}",
        stderr(&missing)
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn startup_errors_are_one_clear_line() {
    let cases = [
        (
            "mysql://localhost/x",
            "expected a URL starting with sqlite:// or postgres://",
        ),
        (
            "postgres://postgres@127.0.0.1:1/x",
            "cannot open the database",
        ),
        ("not a url", "invalid database URL"),
    ];
    for (url, expected) in cases {
        let o = convention(url, &["migrate"], "");
        assert_eq!(o.status.code(), Some(1), "{url}");
        let err = stderr(&o);
        assert_eq!(err.trim_end().lines().count(), 1, "{url}: {err}");
        assert!(err.contains(expected), "{url}: {err}");
    }
    let dir = std::env::temp_dir().join(format!("convention-cli-garbage-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("bad.db"), b"this is not a database, only text").unwrap();
    let o = convention(
        &format!("sqlite://{}/bad.db", dir.display()),
        &["migrate"],
        "",
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("file is not a database"),
        "{}",
        stderr(&o)
    );

    let (db_dir, db) = temp_db("port");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let site = dir.join("site");
    std::fs::create_dir_all(site.join("pkg")).unwrap();
    let o = convention(
        &db,
        &[
            "serve",
            "--addr",
            &addr,
            "--site-root",
            site.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(&format!("cannot listen on {addr}")),
        "{}",
        stderr(&o)
    );
    let _ = std::fs::remove_dir_all(dir);
    let _ = std::fs::remove_dir_all(db_dir);
}

#[test]
fn tally_reads_stdin_or_a_file_and_needs_no_database() {
    // An unreachable database: tally must not even try to open it.
    let db = "postgres://nobody@127.0.0.1:1/none";
    let doc = r#"{"method":"majority_judgment","candidates":["a","b"],"grades":["Bien","Passable","Insuffisant"],
        "ballots":[{"grades":{"a":"Bien","b":"Passable"}},{"grades":{"a":"Passable","b":"Passable"}},
                   {"grades":{"a":"Insuffisant","b":"Passable"}},{"grades":{"a":"Bien"},"weight":0}]}"#;
    let out = convention(db, &["tally"], doc);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.ends_with("}\n"));
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["ranking"], serde_json::json!([["b"], ["a"]]));
    assert_eq!(v["ballots_rejected"], 1);
    assert_eq!(v["scores"]["a"], "Passable");

    let dir = std::env::temp_dir().join(format!("convention-tally-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("doc.json");
    std::fs::write(&file, doc).unwrap();
    let again = convention(db, &["tally", "--input", file.to_str().unwrap()], "");
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(again.stdout).unwrap(),
        text,
        "byte-identical"
    );
    let _ = std::fs::remove_dir_all(&dir);

    for bad in ["", "{", r#"{"method":"borda"}"#, "[1]", r#"{"a":1,"a":2}"#] {
        let out = convention(db, &["tally"], bad);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert!(
            stderr(&out).starts_with("convention tally: "),
            "{}",
            stderr(&out)
        );
    }
    let missing = convention(db, &["tally", "--input", "/nonexistent/doc.json"], "");
    assert_eq!(missing.status.code(), Some(2));
}

/// Servers of one site started at the same moment share one ballot key: whichever creates the
/// file, the others read it whole (a half-written key once failed a concurrent start).
#[test]
fn concurrent_starts_share_one_ballot_key() {
    let dir = std::env::temp_dir().join(format!("convention-cli-key-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let key = dir.join("ballot.key");
    let starts: Vec<_> = (0..6)
        .map(|i| {
            Command::new(env!("CARGO_BIN_EXE_convention"))
                .arg("demo")
                .env(
                    "DATABASE_URL",
                    format!("sqlite://{}/db-{i}/data.db", dir.display()),
                )
                .env("RUST_LOG", "off")
                .env("CONVENTION_BALLOT_KEY_FILE", &key)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("convention runs")
        })
        .collect();
    for child in starts {
        let out = child.wait_with_output().expect("convention exits");
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let text = std::fs::read_to_string(&key).expect("the key exists");
    assert_eq!(text.trim().len(), 64, "{text:?}");
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .expect("dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains(".new-"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary key files left: {leftovers:?}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// `convention backup` under write load: the copy is consistent (integrity check, every user
/// either in or out whole), opens and migrates as a database of its own, holds the same
/// stored tallies and ballots, and never the ballot key; an existing file is never replaced,
/// and PostgreSQL is pointed to pg_dump.
#[test]
fn backup_under_write_load_restores_with_the_same_tallies() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    let (dir, db) = temp_db("backup");
    let demo = convention(&db, &["demo"], "");
    assert!(demo.status.success(), "{}", stderr(&demo));
    let rt = tokio::runtime::Runtime::new().unwrap();
    let live = rt.block_on(storage::Db::connect(&db)).unwrap();
    let storage::Db::Sqlite(pool) = &live else {
        unreachable!()
    };
    let users = |pool: &sqlx::SqlitePool| -> i64 {
        rt.block_on(sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(pool))
            .unwrap()
    };
    let before = users(pool);
    // Writers create accounts for as long as the backup runs.
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (pool, stop) = (pool.clone(), stop.clone());
        rt.spawn(async move {
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                sqlx::query(
                    "INSERT INTO users (username, username_key, display_name, password_hash, created_at) \
                     VALUES ($1, $1, $1, 'x', 0)",
                )
                .bind(format!("charge{n}"))
                .execute(&pool)
                .await
                .unwrap();
                n += 1;
            }
            n
        })
    };
    std::thread::sleep(std::time::Duration::from_millis(200));
    let copy = dir.join("copie.db");
    let out = convention(&db, &["backup", "--output", copy.to_str().unwrap()], "");
    stop.store(true, Ordering::Relaxed);
    let written = rt.block_on(writer).unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(written > 0, "the writers wrote during the backup");
    // The copy starts as a database of its own.
    let copy_url = format!("sqlite://{}", copy.display());
    let migrate = convention(&copy_url, &["migrate"], "");
    assert!(migrate.status.success(), "{}", stderr(&migrate));
    let restored = rt.block_on(storage::Db::connect(&copy_url)).unwrap();
    let storage::Db::Sqlite(copy_pool) = &restored else {
        unreachable!()
    };
    let check: String = rt
        .block_on(sqlx::query_scalar("PRAGMA integrity_check").fetch_one(copy_pool))
        .unwrap();
    assert_eq!(check, "ok");
    let in_copy = users(copy_pool);
    assert!(
        (before..=before + written).contains(&in_copy),
        "{before} ≤ {in_copy} ≤ {}",
        before + written
    );
    // Same stored tallies and ballots.
    let tallies = |pool: &sqlx::SqlitePool| -> Vec<(i64, Option<String>)> {
        rt.block_on(sqlx::query_as("SELECT id, result FROM rounds ORDER BY id").fetch_all(pool))
            .unwrap()
    };
    let ballots = |pool: &sqlx::SqlitePool| -> Vec<(String, String)> {
        rt.block_on(
            sqlx::query_as("SELECT receipt, content FROM ballots ORDER BY receipt").fetch_all(pool),
        )
        .unwrap()
    };
    assert!(
        tallies(pool).iter().any(|(_, r)| r.is_some()),
        "the demo counted a round"
    );
    assert_eq!(tallies(copy_pool), tallies(pool));
    assert_eq!(ballots(copy_pool), ballots(pool));
    // The ballot key is a file of its own, not in the copy.
    let key_file = std::env::temp_dir().join(format!("convention-cli-{}.key", std::process::id()));
    let key = std::fs::read_to_string(key_file).unwrap();
    let bytes = std::fs::read(&copy).unwrap();
    assert!(!bytes
        .windows(key.trim().len())
        .any(|w| w == key.trim().as_bytes()));
    // A backup never replaces a file, and says so.
    let again = convention(&db, &["backup", "--output", copy.to_str().unwrap()], "");
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("already exists"),
        "{}",
        stderr(&again)
    );
    assert_eq!(std::fs::read(&copy).unwrap(), bytes);
    if std::env::var("TEST_POSTGRES_URL").is_ok() {
        let pg = rt
            .block_on(storage::scratch::Scratch::new(
                "postgres",
                "convention_cli_backup",
            ))
            .unwrap();
        let target = dir.join("pg.db");
        let o = convention(
            &pg.url,
            &["backup", "--output", target.to_str().unwrap()],
            "",
        );
        assert_eq!(o.status.code(), Some(1));
        assert!(stderr(&o).contains("pg_dump"), "{}", stderr(&o));
        assert!(!target.exists());
        rt.block_on(pg.remove());
    }
    let _ = std::fs::remove_dir_all(dir);
}

/// `convention serve` closes a connection whose request headers do not arrive within
/// `--request-timeout`, answers a request whose body stalls with a client error (never a
/// 500), keeps serving others meanwhile, and exits cleanly on SIGTERM.
#[test]
fn slow_clients_are_cut_off_and_sigterm_finishes_requests_then_exits() {
    use std::io::{Read, Write};
    use std::net::TcpStream;
    use std::time::{Duration, Instant};
    let (dir, db) = temp_db("serve");
    let site = dir.join("site");
    std::fs::create_dir_all(site.join("pkg")).unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr = format!("127.0.0.1:{port}");
    let mut server = Command::new(env!("CARGO_BIN_EXE_convention"))
        .args(["serve", "--addr", &addr, "--request-timeout", "1"])
        .arg("--site-root")
        .arg(&site)
        .env("DATABASE_URL", &db)
        .env("RUST_LOG", "off")
        .env(
            "CONVENTION_BALLOT_KEY_FILE",
            dir.join("ballot.key").to_str().unwrap(),
        )
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("convention serve runs");
    let get = |path: &str| -> String {
        let mut s = TcpStream::connect(&addr).unwrap();
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut out = String::new();
        let _ = s.read_to_string(&mut out);
        out
    };
    let start = Instant::now();
    while TcpStream::connect(&addr).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the server never listened"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(get("/healthz").starts_with("HTTP/1.1 200"));
    // Headers that never end: the connection is closed after about a second.
    let mut slow = TcpStream::connect(&addr).unwrap();
    slow.set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(slow, "GET /healthz HTTP/1.1\r\nHost: {addr}\r\nX-Slow: 1").unwrap();
    let sent = Instant::now();
    // Others are served meanwhile.
    assert!(get("/healthz").starts_with("HTTP/1.1 200"));
    let mut buf = [0u8; 512];
    let n = slow.read(&mut buf).unwrap_or(0);
    let waited = sent.elapsed();
    assert!(
        waited < Duration::from_secs(5),
        "the half-sent request was held {waited:?}"
    );
    let answer = String::from_utf8_lossy(&buf[..n]).into_owned();
    assert!(n == 0 || answer.starts_with("HTTP/1.1 408"), "{answer}");
    // A body that stalls: a client error once the timeout passes, not a 500.
    let mut stalled = TcpStream::connect(&addr).unwrap();
    stalled
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stalled,
        "POST /api/login HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://{addr}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nusername="
    )
    .unwrap();
    let sent = Instant::now();
    let mut answer = String::new();
    let _ = stalled.read_to_string(&mut answer);
    assert!(
        sent.elapsed() < Duration::from_secs(5),
        "{:?}",
        sent.elapsed()
    );
    let status: u16 = answer.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0);
    assert!(
        answer.is_empty() || (400..500).contains(&status),
        "{answer}"
    );
    // SIGTERM under load: registrations (each an argon2 hash, so most are still running) are
    // in flight when the signal comes; every one of them is answered, then the server exits.
    const CLIENTS: usize = 24;
    let sent = std::sync::Arc::new(std::sync::Barrier::new(CLIENTS + 1));
    let clients: Vec<_> = (0..CLIENTS)
        .map(|i| {
            let (addr, sent) = (addr.clone(), sent.clone());
            std::thread::spawn(move || {
                let mut s = TcpStream::connect(&addr).unwrap();
                s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
                let body = format!(
                    "username=charge{i}&display_name=Charge+{i}&password=une+phrase+de+passe+solide"
                );
                write!(
                    s,
                    "POST /api/register HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://{addr}\r\n\
                     Content-Type: application/x-www-form-urlencoded\r\n\
                     Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                )
                .unwrap();
                sent.wait();
                let mut answer = String::new();
                let _ = s.read_to_string(&mut answer);
                (answer, Instant::now())
            })
        })
        .collect();
    sent.wait();
    std::thread::sleep(Duration::from_millis(100));
    let signalled = Instant::now();
    let killed = Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let answers: Vec<_> = clients.into_iter().map(|c| c.join().unwrap()).collect();
    for (answer, _) in &answers {
        let status: u16 = answer.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0);
        assert!(
            (200..400).contains(&status) && answer.contains("convention_session="),
            "a registration in flight was not finished: {answer:?}"
        );
    }
    assert!(
        answers.iter().any(|(_, at)| *at > signalled),
        "no registration was still running at the signal: the test proved nothing"
    );
    let start = Instant::now();
    let status = loop {
        if let Some(s) = server.try_wait().unwrap() {
            break s;
        }
        assert!(
            start.elapsed() < Duration::from_secs(35),
            "no exit after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut err = String::new();
    let _ = server.stderr.take().unwrap().read_to_string(&mut err);
    assert!(status.success(), "{status}: {err}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_scaled_city_is_filled_once_and_a_bad_scale_is_refused() {
    let (dir, db) = temp_db("scale");
    let city = convention(&db, &["demo", "--scale", "0.001"], "");
    assert!(city.status.success(), "{}", stderr(&city));
    let out = String::from_utf8_lossy(&city.stdout);
    assert!(
        out.contains("100 people, 20 proposals, 1000 comments, 1 closed rounds, 100 ballots"),
        "{out}"
    );
    let again = convention(&db, &["demo", "--scale", "0.001"], "");
    assert!(String::from_utf8_lossy(&again.stdout).contains("the city was there already"));
    let bad = convention(&db, &["demo", "--scale", "2"], "");
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("a factor between 0 and 1"),
        "{}",
        stderr(&bad)
    );
    let _ = std::fs::remove_dir_all(dir);
}
