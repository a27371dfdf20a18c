//! The use cases of the convention: what the site, the CLI, the benches and the tests do,
//! each one public function taking the shared [`AppState`] (or the database), the acting
//! person and typed input, and answering domain types or one typed [`Error`].
//!
//! No Leptos, axum or http type reaches this crate: pages and server functions (in `app`) and
//! the `convention` binary (in `server`) are thin adapters over it.

pub mod accounts;
pub mod admin;
pub mod comments;
pub mod demo;
pub mod markup;
pub mod moderation;
pub mod operator;
pub mod pages;
pub mod proposals;
pub mod public;
pub mod report;
pub mod rounds;
pub mod topics;

use std::sync::Arc;
use tokio::sync::Semaphore;

pub use storage::{now_ms, Db};

/// Settings that shape sessions and cookies.
#[derive(Clone, Debug)]
pub struct AuthConfig {
    /// Whether cookies carry `Secure` (the public origin is https).
    pub secure_cookies: bool,
    /// A session unused this long ends.
    pub idle_timeout_ms: i64,
    /// A session ends this long after sign-in, used or not.
    pub absolute_timeout_ms: i64,
    /// Take the client address from the right-most `X-Forwarded-For` entry (behind a reverse
    /// proxy or load balancer that appends it); otherwise the peer address is the client's.
    pub trust_proxy: bool,
    /// Read-API requests a client address may make per minute.
    pub api_per_minute: u32,
}

impl Default for AuthConfig {
    fn default() -> Self {
        Self {
            secure_cookies: false,
            idle_timeout_ms: 7 * 24 * 3600 * 1000,
            absolute_timeout_ms: 30 * 24 * 3600 * 1000,
            trust_proxy: false,
            api_per_minute: 600,
        }
    }
}

/// Everything a use case needs, shared by all requests; holds no per-user state.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub db: Db,
    /// Session and cookie settings.
    pub auth: Arc<AuthConfig>,
    /// Bounds concurrent password hashing, so a burst of logins cannot exhaust memory
    /// (19 MiB each) or starve the blocking pool.
    pub hashing: Arc<Semaphore>,
    /// A real hash of a random password, verified against when the username is unknown so
    /// that an unknown username costs the same time as a wrong password.
    pub dummy_hash: Arc<str>,
    /// The secret that turns (voter, round) into a ballot's slot. Kept outside the database
    /// (a file, see `convention serve --help`), so the database alone links no voter to a
    /// ballot; every server of one site must share it.
    pub ballot_key: Arc<[u8; 32]>,
}

impl AppState {
    /// Builds the state with a random ballot key; computes the dummy hash once (about 25 ms).
    pub async fn new(db: Db, auth: AuthConfig) -> Result<Self, Error> {
        let permits = std::thread::available_parallelism().map_or(2, |n| n.get());
        let hashing = Arc::new(Semaphore::new(permits));
        let dummy_hash = accounts::hash_with(&hashing, accounts::random_token()).await?;
        Ok(Self {
            db,
            auth: Arc::new(auth),
            hashing,
            dummy_hash: dummy_hash.into(),
            ballot_key: Arc::new(random_key()),
        })
    }
}

/// The person a use case acts for: `None` stands for an anonymous visitor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Actor {
    /// Their account.
    pub id: domain::UserId,
    /// Their role, read from the database on this request.
    pub role: domain::Role,
    /// When their account was created, Unix ms: a young account's contributions may wait for
    /// a moderator.
    pub registered_at: i64,
}

/// The signed-in actor, or [`Error::Unauthenticated`].
pub fn signed_in(actor: Option<Actor>) -> Result<Actor> {
    actor.ok_or(Error::Unauthenticated)
}

/// The signed-in actor when their role passes `allowed` (a `domain::Role` rule such as
/// `Role::can_moderate`): [`Error::Unauthenticated`] for an anonymous visitor,
/// [`Error::Forbidden`] for another role.
pub fn with_role(actor: Option<Actor>, allowed: fn(domain::Role) -> bool) -> Result<Actor> {
    let a = signed_in(actor)?;
    if allowed(a.role) {
        Ok(a)
    } else {
        Err(Error::Forbidden)
    }
}

impl From<domain::access::Denied> for Error {
    fn from(d: domain::access::Denied) -> Self {
        match d {
            domain::access::Denied::SignIn => Error::Unauthenticated,
            domain::access::Denied::Forbidden => Error::Forbidden,
            domain::access::Denied::Round(e) => e.into(),
        }
    }
}

/// 32 bytes from the operating system's generator.
pub fn random_key() -> [u8; 32] {
    let mut key = [0u8; 32];
    rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut key);
    key
}

/// Why a use case refused, in terms every caller can act on. Internal causes never travel:
/// [`Error::Internal`] carries only a reference that is in the log.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The thing asked for does not exist (or is not visible to the caller).
    #[error("not found")]
    NotFound,
    /// The use case needs a signed-in person.
    #[error("not signed in")]
    Unauthenticated,
    /// The actor's role or state does not allow this.
    #[error("forbidden")]
    Forbidden,
    /// The actor's account is suspended.
    #[error("suspended")]
    Suspended,
    /// Signing in with the right password to a suspended account: what the person is told.
    #[error("suspended account")]
    SuspendedAccount(SuspensionNotice),
    /// The input broke a rule; says which.
    #[error("invalid: {0}")]
    Invalid(Invalid),
    /// The item's state does not allow this now; says why.
    #[error("conflict: {0}")]
    Conflict(Conflict),
    /// Signing in: no account has this username and password (which of the two is wrong is
    /// not said).
    #[error("bad credentials")]
    BadCredentials,
    /// A sensitive change asked for the current password, and it is wrong.
    #[error("wrong current password")]
    WrongPassword,
    /// Too many attempts: try again after this many seconds.
    #[error("rate limited")]
    RateLimited {
        /// Seconds until the limit resets.
        retry_after_secs: u64,
    },
    /// Something failed inside; `reference` is in the log with the cause.
    #[error("internal error {reference}")]
    Internal {
        /// Correlation id, logged with the cause.
        reference: String,
    },
}

/// What a suspended person is told on signing in: until when, why, and whether they have
/// already appealed (they may appeal each suspension once).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuspensionNotice {
    /// The account (only the person themselves, having given its password, is told).
    pub user_id: domain::UserId,
    /// When it ends, Unix ms; `None`: banned until lifted.
    pub until: Option<i64>,
    /// The moderator's stated reason, possibly empty.
    pub reason: String,
    /// Whether this suspension has been appealed.
    pub appealed: bool,
}

/// The rule an input broke.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Invalid {
    /// An account field (username, display name, password).
    #[error("{0}")]
    Account(domain::AccountError),
    /// A round's settings or a ballot.
    #[error("{0}")]
    Round(domain::voting::round::RoundError),
    /// A report text or choice.
    #[error("{0}")]
    Report(domain::report::ReportError),
    /// A proposal's text, or a step its status or the actor's part does not allow.
    #[error("{0}")]
    Proposal(domain::proposal::ProposalError),
    /// A comment's text or stance, or an edit after its window.
    #[error("{0}")]
    Comment(domain::comment::CommentError),
    /// A topic's fields, or its address taken by another topic.
    #[error("{0}")]
    Topic(domain::topic::TopicError),
    /// A moderation input (a reason, a note, a suspension's length).
    #[error("{0}")]
    Moderation(domain::moderation::ModerationError),
}

/// Why the current state refuses.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Conflict {
    /// Another account already has this username (case-insensitively).
    #[error("username taken")]
    UsernameTaken,
    /// The username looks like another account's (Unicode confusables).
    #[error("username looks like another")]
    UsernameLookalike,
    /// A round's phase, electorate or seal.
    #[error("{0}")]
    Round(domain::voting::round::RoundError),
    /// Nobody changes their own role or suspends themselves (so the last organiser cannot lock
    /// everyone out by mistake).
    #[error("own account")]
    OwnAccount,
    /// The last organiser cannot delete their account: nobody could run the convention.
    #[error("last organiser")]
    LastOrganiser,
    /// The item changed between the form's reading and this write: reload and decide again.
    #[error("stale")]
    Stale,
    /// The thread takes no more comments or upvotes (its proposal's status, or an archived
    /// topic).
    #[error("closed")]
    Closed,
    /// The topic takes no new proposals (closed or archived); its discussion may stay open.
    #[error("topic closed")]
    TopicClosed,
    /// A proposal has as many co-authors and invitations as it may.
    #[error("too many co-authors")]
    TooManyCoauthors,
}

/// Logs `cause` with a fresh correlation id and returns the generic error carrying that id.
pub fn internal(cause: impl std::fmt::Display) -> Error {
    let reference = uuid::Uuid::new_v4().simple().to_string()[..12].to_owned();
    tracing::error!(reference = %reference, "internal error: {cause}");
    Error::Internal { reference }
}

impl From<storage::StorageError> for Error {
    fn from(e: storage::StorageError) -> Self {
        match e {
            storage::StorageError::NotFound => Error::NotFound,
            other => internal(other),
        }
    }
}

impl From<domain::AccountError> for Error {
    fn from(e: domain::AccountError) -> Self {
        Error::Invalid(Invalid::Account(e))
    }
}

impl From<domain::proposal::ProposalError> for Error {
    fn from(e: domain::proposal::ProposalError) -> Self {
        Error::Invalid(Invalid::Proposal(e))
    }
}

impl From<domain::comment::CommentError> for Error {
    fn from(e: domain::comment::CommentError) -> Self {
        Error::Invalid(Invalid::Comment(e))
    }
}

impl From<domain::topic::TopicError> for Error {
    fn from(e: domain::topic::TopicError) -> Self {
        Error::Invalid(Invalid::Topic(e))
    }
}

impl From<domain::moderation::ModerationError> for Error {
    fn from(e: domain::moderation::ModerationError) -> Self {
        Error::Invalid(Invalid::Moderation(e))
    }
}

impl From<domain::report::ReportError> for Error {
    fn from(e: domain::report::ReportError) -> Self {
        Error::Invalid(Invalid::Report(e))
    }
}

impl From<domain::voting::round::RoundError> for Error {
    fn from(e: domain::voting::round::RoundError) -> Self {
        use domain::voting::round::RoundError as R;
        match e {
            R::Frozen | R::NotOpen | R::Closed | R::NotClosed | R::Locked | R::NotEligible => {
                Error::Conflict(Conflict::Round(e))
            }
            _ => Error::Invalid(Invalid::Round(e)),
        }
    }
}

/// The result of a use case.
pub type Result<T, E = Error> = std::result::Result<T, E>;
