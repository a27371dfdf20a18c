//! The command line of the `convention` binary.

use clap::{Args, Parser, Subcommand};
use std::net::SocketAddr;
use std::path::PathBuf;

/// Convention: the platform of a citizens' convention.
#[derive(Debug, Parser)]
#[command(name = "convention", version, about)]
pub struct Cli {
    /// Database URL: sqlite://FILE (created when missing) or postgres://USER@HOST/DB.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/convention.db",
        global = true
    )]
    pub database_url: String,

    /// File holding the secret that keeps ballots apart from voters (64 hex digits), created
    /// on first use. It must not be in the database, and every server of one site must share
    /// it: losing it only means voters can no longer change a ballot already cast.
    #[arg(
        long,
        env = "CONVENTION_BALLOT_KEY_FILE",
        default_value = "data/ballot.key",
        global = true
    )]
    pub ballot_key_file: PathBuf,

    /// What to do (default: serve).
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the site (applies pending migrations first).
    Serve(ServeArgs),
    /// Apply pending migrations and exit.
    Migrate,
    /// Manage accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Fill the database with French demo content (safe to run again).
    Demo {
        /// Also a city-sized debate in `education` (1,000 proposals, a thread of 2,000
        /// comments), for benchmarks and trying the site at scale.
        #[arg(long)]
        city: bool,
        /// Also a whole city's convention: `city` is 100,000 people, 20,000 proposals, a
        /// million comments, 200 closed rounds and a million ballots; a number scales it
        /// (`0.01`: a hundredth). Takes minutes at full size.
        #[arg(long, value_parser = parse_scale)]
        scale: Option<f64>,
    },
    /// Voting rounds.
    #[command(subcommand)]
    Round(RoundCommand),
    /// Write the recommendations report (`report`) or an open-data dataset (topics,
    /// proposals, comments, rounds, ballots) to a file, as the site would serve it.
    Export {
        /// `report`, or a dataset: topics, proposals, comments, rounds, ballots.
        what: String,
        /// Report: pdf, odt, md or html. Dataset: csv, ods or json.
        #[arg(long)]
        format: String,
        /// The file to write.
        #[arg(long)]
        output: PathBuf,
    },
    /// Purge inactive accounts, in two steps: accounts with no activity for MONTHS get a
    /// notice (listed here, for the organisers to contact; signing in withdraws it), and
    /// accounts still inactive NOTICE_DAYS after their notice are deleted as if by their owner
    /// (contributions stay, signed "compte supprimé"). Organisers are never purged. Meant to
    /// run daily (cron or a systemd timer).
    PurgeInactive {
        /// Months without activity before the notice.
        #[arg(long, default_value_t = 24)]
        months: u32,
        /// Days between the notice and the deletion.
        #[arg(long, default_value_t = 30)]
        notice_days: u32,
    },
    /// Write a consistent copy of the SQLite database to a new file while the site keeps
    /// serving (restore: stop the site, put the copy in place of the database file, start).
    /// The ballot key is not in it: keep the key file apart. PostgreSQL: use pg_dump.
    Backup {
        /// The file to write; it must not exist.
        #[arg(long)]
        output: PathBuf,
    },
    /// Count a vote: read a tally document (JSON) and print the result as JSON. Exit status 2
    /// when the document cannot be tallied. Needs no database.
    Tally {
        /// The document to read (default: standard input).
        #[arg(long)]
        input: Option<PathBuf>,
    },
}

/// Options of `convention serve`.
#[derive(Debug, Args, Default)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "CONVENTION_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: Option<SocketAddr>,

    /// Public origin of the site, e.g. https://convention.example.org: state-changing requests
    /// must come from it, and cookies are marked Secure when it is https.
    #[arg(long, env = "CONVENTION_PUBLIC_URL")]
    pub public_url: Option<url::Url>,

    /// Folder holding the site's files (pkg/convention.js, .wasm, .css); found next to the
    /// executable when not given.
    #[arg(long, env = "LEPTOS_SITE_ROOT")]
    pub site_root: Option<PathBuf>,

    /// Behind a reverse proxy or load balancer: take each client's address (for rate limits)
    /// from the right-most X-Forwarded-For entry, which the proxy must append.
    #[arg(long, env = "CONVENTION_TRUST_PROXY")]
    pub trust_proxy: bool,

    /// Requests to the read API (/api/v1) one client address may make per minute [default:
    /// 600].
    #[arg(long, env = "CONVENTION_API_PER_MINUTE")]
    pub api_per_minute: Option<u32>,

    /// Seconds a client has to send a request's headers, and then its body, before the
    /// connection is closed (slow or stalled clients would otherwise hold connections open)
    /// [default: 10].
    #[arg(long, env = "CONVENTION_REQUEST_TIMEOUT")]
    pub request_timeout: Option<u64>,

    /// Render every page for every reader, keeping none for anonymous readers (to measure
    /// what the page cache saves; it is never stale, so there is no other reason).
    #[arg(long)]
    pub no_page_cache: bool,
}

/// `convention user …`.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account; the password is read from standard input (one line) or prompted.
    Create {
        /// Username (3 to 32 letters, digits, '.', '_' or '-').
        #[arg(long)]
        username: String,
        /// citizen, member, moderator or organiser.
        #[arg(long, default_value = "citizen")]
        role: String,
        /// Display name (defaults to the username).
        #[arg(long)]
        display_name: Option<String>,
    },
    /// Change an account's role.
    SetRole {
        /// Username (any case).
        username: String,
        /// citizen, member, moderator or organiser.
        role: String,
    },
}

/// `convention round …`.
#[derive(Debug, Subcommand)]
pub enum RoundCommand {
    /// Destroy for good the link between voters and ballots of a closed round (voters can no
    /// longer see or change their ballot; receipts still find ballots in the published file).
    Seal {
        /// The round's number.
        id: domain::RoundId,
    },
}

/// `city` (1) or a factor of it in (0, 1].
fn parse_scale(s: &str) -> Result<f64, String> {
    if s == "city" {
        return Ok(1.0);
    }
    match s.parse::<f64>() {
        Ok(f) if f > 0.0 && f <= 1.0 => Ok(f),
        _ => Err("expected `city` or a factor between 0 and 1, such as 0.01".into()),
    }
}
