//! `convention`: one binary to serve, migrate, manage accounts and seed demo content.

use anyhow::{bail, Context};
use clap::Parser;
use server::cli::{Cli, Command, RoundCommand, ServeArgs, UserCommand};
use service::Db;
use service::{AppState, AuthConfig};
use std::io::{BufRead, IsTerminal};
use std::sync::Arc;

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    if let Some(Command::Tally { input }) = &cli.command {
        std::process::exit(tally(input.as_deref()));
    }
    if let Err(e) = run(cli).await {
        eprintln!("convention: error: {e:#}");
        std::process::exit(1);
    }
}

/// `convention tally`: the whole answer on stdout, or a message on stderr and status 2.
fn tally(input: Option<&std::path::Path>) -> i32 {
    use std::io::{Read, Write};
    let mut bytes = Vec::new();
    let read = match input {
        Some(path) => std::fs::File::open(path).and_then(|mut f| f.read_to_end(&mut bytes)),
        None => std::io::stdin().read_to_end(&mut bytes),
    };
    if let Err(e) = read {
        eprintln!("convention tally: cannot read the document: {e}");
        return 2;
    }
    let Ok(text) = String::from_utf8(bytes) else {
        eprintln!("convention tally: the document is not UTF-8");
        return 2;
    };
    match domain::voting::run(&text) {
        Ok(out) => {
            let mut stdout = std::io::stdout().lock();
            if writeln!(stdout, "{out}")
                .and_then(|()| stdout.flush())
                .is_err()
            {
                return 1;
            }
            0
        }
        Err(e) => {
            eprintln!("convention tally: {e}");
            2
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let db = open_database(&cli.database_url).await?;
    let key_file = cli.ballot_key_file.clone();
    match cli.command.unwrap_or(Command::Serve(ServeArgs::default())) {
        Command::Serve(args) => serve(db, args, &key_file).await,
        Command::Round(RoundCommand::Seal { id }) => {
            service::public::round(&db, id)
                .await
                .with_context(|| format!("no round {id}"))?;
            let state = app_state(db, AuthConfig::default(), &key_file).await?;
            match service::rounds::seal_by_operator(&state, id).await {
                Ok(n) => println!("round {id} sealed: {n} ballots no longer linked to any voter"),
                Err(service::Error::Conflict(_)) => {
                    bail!("round {id} has not closed: it can be sealed after its close")
                }
                Err(e) => bail!("cannot seal round {id}: {e}"),
            }
            Ok(())
        }
        Command::Export {
            what,
            format,
            output,
        } => {
            let state = app_state(db, AuthConfig::default(), &key_file).await?;
            let file = if what == "report" {
                let Some(f) = server::export::ReportFormat::parse(&format) else {
                    bail!("unknown report format {format:?}: use pdf, odt, md or html");
                };
                server::export::report(&state, f, domain::report::Lang::Fr).await
            } else {
                let Some(d) = domain::opendata::Dataset::parse(&what) else {
                    bail!("unknown export {what:?}: use report, topics, proposals, comments, rounds or ballots");
                };
                let Some(f) = domain::opendata::Format::parse(&format) else {
                    bail!("unknown dataset format {format:?}: use csv, ods or json");
                };
                server::export::dataset(&state, d, f).await
            };
            let file = file.map_err(|e| {
                anyhow::anyhow!(
                    "cannot export: {}",
                    app::error::AppError::from(e).message(app::i18n::Locale::default())
                )
            })?;
            std::fs::write(&output, &file.bytes)
                .with_context(|| format!("cannot write {}", output.display()))?;
            println!("{} written ({} bytes)", output.display(), file.bytes.len());
            Ok(())
        }
        Command::PurgeInactive {
            months,
            notice_days,
        } => {
            const DAY: i64 = 86_400_000;
            let purge = service::operator::purge_inactive(
                &db,
                i64::from(months) * 30 * DAY,
                i64::from(notice_days) * DAY,
            )
            .await?;
            for (id, username, name) in &purge.noticed {
                println!("notice: account {id} ({username}, {name}) will be deleted in {notice_days} days unless it signs in");
            }
            println!(
                "{} accounts noticed, {} deleted",
                purge.noticed.len(),
                purge.deleted.len()
            );
            Ok(())
        }
        Command::Backup { output } => {
            service::operator::backup(&db, &output).await?;
            let size = std::fs::metadata(&output).map_or(0, |m| m.len());
            println!("{} written ({size} bytes)", output.display());
            Ok(())
        }
        Command::Migrate => {
            println!("migrations applied ({})", db.backend());
            Ok(())
        }
        Command::User(cmd) => user(db, cmd).await,
        Command::Tally { .. } => unreachable!("handled before the database opens"),
        Command::Demo { city, scale } => {
            let state = app_state(db, AuthConfig::default(), &key_file).await?;
            let created = service::demo::seed(&state)
                .await
                .map_err(|e| anyhow::anyhow!("cannot seed the demo: {e}"))?;
            println!(
                "demo content ready ({created} accounts created); every demo account's password is {}",
                service::demo::DEMO_PASSWORD
            );
            if city {
                match service::demo::city(&state.db)
                    .await
                    .map_err(|e| anyhow::anyhow!("cannot seed the city-sized debate: {e}"))?
                {
                    Some(p) => println!(
                        "city-sized debate ready: {} proposals in /topics/education, {} comments on /proposals/{p}",
                        service::demo::CITY_PROPOSALS,
                        service::demo::CITY_COMMENTS
                    ),
                    None => println!("the city-sized debate was there already"),
                }
            }
            if let Some(factor) = scale {
                let started = std::time::Instant::now();
                let scale = service::demo::Scale::CITY.times(factor);
                let filled = service::demo::city_scale(&state, scale)
                    .await
                    .map_err(|e| anyhow::anyhow!("cannot fill the city: {e}"))?;
                service::demo::analyze(&state)
                    .await
                    .map_err(|e| anyhow::anyhow!("cannot gather statistics: {e}"))?;
                match filled {
                    Some(s) => println!(
                        "city filled in {:.0} s: {} people, {} proposals, {} comments, {} closed rounds, {} ballots",
                        started.elapsed().as_secs_f64(),
                        s.users,
                        s.proposals,
                        s.comments,
                        s.rounds,
                        s.ballots
                    ),
                    None => println!("the city was there already"),
                }
            }
            Ok(())
        }
    }
}

async fn open_database(url: &str) -> anyhow::Result<Db> {
    let db = Db::connect(url)
        .await
        .with_context(|| format!("cannot open the database {}", redact(url)))?;
    db.migrate().await.context("cannot apply migrations")?;
    // Accounts created before look-alike names were refused get their skeleton now.
    service::accounts::backfill_skeletons(&db)
        .await
        .map_err(|e| anyhow::anyhow!("cannot prepare usernames: {e}"))?;
    Ok(db)
}

/// The URL without its password, for messages.
fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        _ => url.to_owned(),
    }
}

/// The use cases' state, with the ballot key from `key_file` (the mixer opens the sealed
/// ballots with it when a round is counted).
async fn app_state(
    db: Db,
    auth: AuthConfig,
    key_file: &std::path::Path,
) -> anyhow::Result<AppState> {
    let state = AppState::new(db, auth)
        .await
        .map_err(|e| anyhow::anyhow!("cannot initialise: {e}"))?;
    Ok(AppState {
        ballot_key: Arc::new(ballot_key(key_file)?),
        ..state
    })
}

/// The ballot key from `path`, created (64 random hex digits, readable by the owner only)
/// when the file does not exist.
fn ballot_key(path: &std::path::Path) -> anyhow::Result<[u8; 32]> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let key = service::random_key();
            let hex: String = key.iter().map(|b| format!("{b:02x}")).collect();
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("cannot create {}", dir.display()))?;
            }
            // Written in full under a name of this process's own, then linked into place: a
            // server starting at the same moment finds either no key or the whole key (never
            // a half-written file), and the first link wins.
            let tmp = path.with_extension(format!("new-{}", std::process::id()));
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create(true).truncate(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            let written = options
                .open(&tmp)
                .and_then(|mut f| std::io::Write::write_all(&mut f, format!("{hex}\n").as_bytes()));
            if let Err(e) = written {
                let _ = std::fs::remove_file(&tmp);
                return Err(e).with_context(|| format!("cannot write {}", tmp.display()));
            }
            let linked = std::fs::hard_link(&tmp, path);
            let _ = std::fs::remove_file(&tmp);
            match linked {
                Ok(()) => {
                    tracing::info!("created the ballot key {}", path.display());
                    hex
                }
                // Another server created it meanwhile: use theirs.
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    std::fs::read_to_string(path)?
                }
                Err(e) => {
                    return Err(e).with_context(|| format!("cannot create {}", path.display()))
                }
            }
        }
        Err(e) => {
            return Err(e).with_context(|| format!("cannot read the ballot key {}", path.display()))
        }
    };
    let t = text.trim();
    let mut key = [0u8; 32];
    if t.len() != 64 || !t.bytes().all(|b| b.is_ascii_hexdigit()) {
        bail!("the ballot key {} must hold 64 hex digits", path.display());
    }
    for (i, k) in key.iter_mut().enumerate() {
        *k = u8::from_str_radix(&t[2 * i..2 * i + 2], 16)?;
    }
    Ok(key)
}

async fn serve(db: Db, args: ServeArgs, key_file: &std::path::Path) -> anyhow::Result<()> {
    let addr = args.addr.unwrap_or(([127, 0, 0, 1], 3000).into());
    let site_root = args
        .site_root
        .or_else(server::find_site_root)
        .context("cannot find the site's files (pkg/convention.wasm): build with `cargo leptos build --release`, or pass --site-root")?;
    let public_origin = args
        .public_url
        .as_ref()
        .map(|u| u.origin().ascii_serialization());
    let auth = AuthConfig {
        secure_cookies: args
            .public_url
            .as_ref()
            .is_some_and(|u| u.scheme() == "https"),
        trust_proxy: args.trust_proxy,
        api_per_minute: args
            .api_per_minute
            .unwrap_or(AuthConfig::default().api_per_minute),
        ..AuthConfig::default()
    };
    let mut state = server::ServerState::new(
        server::leptos_options(&site_root, addr),
        app_state(db.clone(), auth.clone(), key_file).await?,
        public_origin.map(Arc::from),
    )
    .await;
    if args.no_page_cache {
        state.pages = Arc::new(server::page_cache::PageCache::disabled());
    }
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr}"))?;
    tokio::spawn(purge_hourly(db.clone(), auth));
    tokio::spawn(count_closed_rounds(state.app.clone()));
    tracing::info!("serving on http://{addr} ({} database)", db.backend());
    let timeout = std::time::Duration::from_secs(args.request_timeout.unwrap_or(10).max(1));
    server::listen::serve(listener, server::router(state), timeout, shutdown_signal()).await;
    db.close().await;
    Ok(())
}

/// Counts rounds that reached their closing time, every 15 seconds, so their stored results
/// exist before anyone asks; a round is counted exactly once however many servers run this.
async fn count_closed_rounds(state: AppState) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(15));
    loop {
        tick.tick().await;
        match service::rounds::count_due(&state).await {
            Ok(0) => {}
            Ok(n) => tracing::info!("counted {n} closed round(s)"),
            Err(e) => tracing::warn!("counting closed rounds failed: {e}"),
        }
    }
}

/// Deletes dead sessions and old rate-limit counters hourly; any number of servers may do it
/// concurrently.
async fn purge_hourly(db: Db, auth: AuthConfig) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        tick.tick().await;
        if let Err(e) = service::operator::purge_sessions(&db, auth.idle_timeout_ms).await {
            tracing::warn!("session purge failed: {e}");
        }
        if let Err(e) = service::operator::purge_rate_counters(&db).await {
            tracing::warn!("rate counter purge failed: {e}");
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}

async fn user(db: Db, cmd: UserCommand) -> anyhow::Result<()> {
    match cmd {
        UserCommand::Create {
            username,
            role,
            display_name,
        } => {
            let role: domain::Role = role.parse()?;
            let name = domain::Username::parse(&username)?;
            let display = domain::DisplayName::parse(display_name.as_deref().unwrap_or(&username))?;
            let password = domain::Password::parse(&read_password()?)?;
            // Creating an account needs no ballot key (nor creates the key file).
            let state = AppState::new(db, AuthConfig::default())
                .await
                .map_err(|e| anyhow::anyhow!("cannot initialise: {e}"))?;
            // Named in the open data only once its owner agrees, on their account page.
            match service::accounts::create_account(&state, &name, &display, &password, role, false)
                .await
            {
                Ok(u) => println!("created {} ({}) with id {}", u.username, role, u.id),
                Err(service::Error::Conflict(service::Conflict::UsernameTaken)) => {
                    bail!("the username {username} is already taken")
                }
                Err(service::Error::Conflict(service::Conflict::UsernameLookalike)) => {
                    bail!("the username {username} looks like another account's: choose another")
                }
                Err(e) => bail!("cannot create the account: {e}"),
            }
        }
        UserCommand::SetRole { username, role } => {
            let role: domain::Role = role.parse()?;
            match service::operator::set_role(&db, &username, role).await {
                Ok(user) => println!("{} is now {role}", user.username),
                Err(service::Error::NotFound) => bail!("no account named {username}"),
                Err(e) => bail!("cannot set the role: {e}"),
            }
        }
    }
    Ok(())
}

/// One line from standard input, or a hidden prompt when it is a terminal.
fn read_password() -> anyhow::Result<String> {
    if std::io::stdin().is_terminal() {
        let p = rpassword::prompt_password("Password: ")?;
        let again = rpassword::prompt_password("Password again: ")?;
        if p != again {
            bail!("the two passwords differ");
        }
        Ok(p)
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("cannot read the password")?;
        Ok(line.trim_end_matches(['\n', '\r']).to_owned())
    }
}
