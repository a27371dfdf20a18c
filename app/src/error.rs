//! The one error type every server function returns, serialisable so the browser can show it
//! in the reader's language.

use crate::i18n::Locale;
use domain::AccountError;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// What went wrong, in terms the UI can translate. Internal causes never travel: only a
/// correlation id that points to the server log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// No valid session: sign in first.
    #[error("unauthenticated")]
    Unauthenticated,
    /// Signed in, but the role does not allow this.
    #[error("forbidden")]
    Forbidden,
    /// The account is suspended.
    #[error("suspended")]
    Suspended,
    /// Signing in with the right password to a suspended account: until when, why, and
    /// whether the person has already appealed.
    #[error("suspended account")]
    SuspendedAccount {
        /// When it ends, Unix ms; `None`: banned until lifted.
        until: Option<i64>,
        /// The moderator's stated reason, possibly empty.
        reason: String,
        /// Whether this suspension has already been appealed.
        appealed: bool,
    },
    /// The thing asked for does not exist (or is not visible to the caller).
    #[error("not found")]
    NotFound,
    /// A field broke a rule.
    #[error("invalid: {0}")]
    Invalid(AccountError),
    /// Unknown username or wrong password: deliberately the same error.
    #[error("bad credentials")]
    BadCredentials,
    /// The current password given to change it is wrong.
    #[error("wrong current password")]
    WrongCurrentPassword,
    /// Another account already has this username (case-insensitively).
    #[error("username taken")]
    UsernameTaken,
    /// The username looks like another account's.
    #[error("username looks like another")]
    UsernameLookalike,
    /// An organiser tried to change their own role or suspend themselves.
    #[error("cannot change own account")]
    OwnAccount,
    /// The last organiser tried to delete their account: no one could run the site after.
    #[error("last organiser")]
    LastOrganiser,
    /// A proposal's field or a step of its life cycle was refused.
    #[error("proposal: {0}")]
    Proposal(domain::proposal::ProposalError),
    /// A comment was refused.
    #[error("comment: {0}")]
    Comment(domain::comment::CommentError),
    /// A report or moderation step was refused.
    #[error("moderation: {0}")]
    Moderation(domain::moderation::ModerationError),
    /// A topic's text was refused.
    #[error("topic: {0}")]
    Topic(domain::topic::TopicError),
    /// A voting round's settings, a ballot, or a step of a round was refused.
    #[error("round: {0}")]
    Round(domain::voting::round::RoundError),
    /// A report text or choice was refused.
    #[error("report: {0}")]
    Report(domain::report::ReportError),
    /// The proposal no longer takes comments, supports or upvotes (closed, withdrawn, hidden…).
    #[error("closed")]
    Closed,
    /// Too many attempts: the caller may try again after this many seconds.
    #[error("rate limited")]
    RateLimited {
        /// Seconds until the limit resets.
        retry_after_secs: u64,
    },
    /// The topic takes no new proposals.
    #[error("topic closed")]
    TopicClosed,
    /// Someone else changed the item since the form was loaded.
    #[error("changed meanwhile")]
    Stale,
    /// The request itself was malformed (missing or undecodable arguments).
    #[error("bad request")]
    BadRequest,
    /// The request could not reach the server (browser side only).
    #[error("network")]
    Network,
    /// Something failed on the server; `reference` is in the server log.
    #[error("internal error {reference}")]
    Internal {
        /// Correlation id, logged with the cause.
        reference: String,
    },
}

impl AppError {
    /// The form fields (by `name`) this error is about, for the field to say it under itself
    /// (see `components::form::FormError`); empty for errors about the whole form.
    pub fn fields(&self) -> &'static [&'static str] {
        use domain::proposal::{ProposalError as P, ProposalField as PF};
        use domain::topic::{TopicError as T, TopicField as TF};
        use domain::voting::round::RoundError as R;
        use AccountError as A;
        match self {
            AppError::Invalid(
                A::UsernameLength { .. } | A::UsernameCharacters | A::UsernameMixedScripts,
            )
            | AppError::UsernameTaken
            | AppError::UsernameLookalike => &["username"],
            AppError::Invalid(A::DisplayNameLength { .. } | A::DisplayNameCharacters) => {
                &["display_name"]
            }
            // A new account's password, or the new one on the account page.
            AppError::Invalid(A::PasswordLength { .. } | A::PasswordNul) => {
                &["password", "new_password"]
            }
            // The current password asked before a change, or to confirm a deletion.
            AppError::WrongCurrentPassword => &["current_password", "password"],
            AppError::Proposal(
                P::FieldLength { field, .. }
                | P::FieldCharacters { field, .. }
                | P::FieldNesting { field, .. },
            ) => match field {
                PF::Title => &["title"],
                PF::Summary => &["summary"],
                PF::Body => &["body"],
            },
            AppError::Topic(T::Slug | T::SlugTaken) => &["slug"],
            AppError::Topic(T::Field { field, .. }) => match field {
                TF::Slug => &["slug"],
                TF::Title => &["title"],
                TF::Description => &["description"],
                TF::Question => &["question"],
            },
            AppError::Comment(domain::comment::CommentError::EditWindowClosed) => &[],
            AppError::Comment(domain::comment::CommentError::UnknownStance) => &["stance"],
            AppError::Comment(_) => &["body"],
            AppError::Report(domain::report::ReportError::Introduction { .. }) => &["introduction"],
            AppError::Report(domain::report::ReportError::Dissent { .. }) => &["body"],
            AppError::Round(e) => match e {
                R::Title { .. } => &["form[title]"],
                R::Method => &["form[method]"],
                R::Grades => &["form[grades]"],
                R::Budget => &["form[budget]"],
                R::Threshold => &["form[threshold]"],
                R::Electorate => &["form[electorate]"],
                R::Candidates { .. } => &["form[candidates]"],
                R::Times => &["form[opens_at]", "form[closes_at]"],
                R::Rule => &["form[rule]"],
                _ => &[],
            },
            _ => &[],
        }
    }

    /// The HTTP status this error is answered with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthenticated | AppError::BadCredentials => 401,
            AppError::Forbidden | AppError::Suspended | AppError::OwnAccount => 403,
            AppError::SuspendedAccount { .. } => 403,
            AppError::WrongCurrentPassword => 403,
            AppError::NotFound => 404,
            AppError::UsernameTaken | AppError::Stale | AppError::Closed => 409,
            AppError::UsernameLookalike => 409,
            AppError::LastOrganiser => 409,
            AppError::TopicClosed => 409,
            AppError::Proposal(e) => {
                use domain::proposal::ProposalError as P;
                match e {
                    P::NotAllowed { .. } => 403,
                    P::WrongStatus { .. } => 409,
                    P::FieldLength { .. } | P::FieldCharacters { .. } | P::FieldNesting { .. } => {
                        400
                    }
                }
            }
            AppError::Comment(domain::comment::CommentError::EditWindowClosed) => 403,
            AppError::Comment(_) => 400,
            AppError::Moderation(e) => {
                use domain::moderation::ModerationError as M;
                match e {
                    M::UnknownReason | M::NoteRequired { .. } | M::ReasonRequired { .. } => 400,
                    M::AlreadyReported | M::AlreadyAppealed | M::WrongState(_) => 409,
                    M::ContestNote { .. }
                    | M::ContestSources { .. }
                    | M::SuspensionLength { .. }
                    | M::SettingOutOfRange { .. } => 400,
                }
            }
            AppError::Topic(domain::topic::TopicError::SlugTaken) => 409,
            AppError::Topic(_) => 400,
            AppError::Round(e) => {
                use domain::voting::round::RoundError as R;
                match e {
                    R::Frozen
                    | R::NotOpen
                    | R::Closed
                    | R::NotClosed
                    | R::Locked
                    | R::HasBallots
                    | R::NotCancelled
                    | R::Cancelled => 409,
                    R::NotEligible => 403,
                    _ => 400,
                }
            }
            AppError::Report(_) => 400,
            AppError::Invalid(_) | AppError::BadRequest => 400,
            AppError::Network => 503,
            AppError::RateLimited { .. } => 429,
            AppError::Internal { .. } => 500,
        }
    }

    /// The message shown to the user.
    pub fn message(&self, locale: Locale) -> String {
        crate::i18n::error_message(self, locale)
    }
}

impl From<AccountError> for AppError {
    fn from(e: AccountError) -> Self {
        AppError::Invalid(e)
    }
}

impl From<domain::proposal::ProposalError> for AppError {
    fn from(e: domain::proposal::ProposalError) -> Self {
        AppError::Proposal(e)
    }
}

impl From<domain::comment::CommentError> for AppError {
    fn from(e: domain::comment::CommentError) -> Self {
        AppError::Comment(e)
    }
}

impl From<domain::voting::round::RoundError> for AppError {
    fn from(e: domain::voting::round::RoundError) -> Self {
        AppError::Round(e)
    }
}

impl From<domain::report::ReportError> for AppError {
    fn from(e: domain::report::ReportError) -> Self {
        AppError::Report(e)
    }
}

impl From<domain::topic::TopicError> for AppError {
    fn from(e: domain::topic::TopicError) -> Self {
        AppError::Topic(e)
    }
}

impl From<domain::moderation::ModerationError> for AppError {
    fn from(e: domain::moderation::ModerationError) -> Self {
        AppError::Moderation(e)
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_) => AppError::BadRequest,
            ServerFnErrorErr::Request(_) => AppError::Network,
            _ => AppError::Internal {
                reference: String::new(),
            },
        }
    }
}
