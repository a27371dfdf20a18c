//! Moderation: who sees a proposal or comment in each moderation state, and how moderators,
//! reports and appeals move it between states.
//!
//! The rule every page, server function, search result and count must follow is
//! [`Visibility::shown_to`]: content that is pending, awaiting review or hidden is absent for
//! everyone but its author and the moderators; a hidden item shows the public only the
//! moderators' reason.

use serde::{Deserialize, Serialize};

/// How new contributions in a topic are handled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Policy {
    /// Published at once, moderated afterwards.
    #[default]
    PostModeration,
    /// Waits in the queue until a moderator approves it.
    PreModeration,
}

/// Settings of moderation that organisers tune.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// Distinct reports after which an item is hidden until a moderator reviews it.
    pub report_threshold: u32,
    /// Accounts younger than this (milliseconds) are pre-moderated everywhere; `None`: off.
    pub new_account_premoderation_ms: Option<i64>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            report_threshold: 3,
            new_account_premoderation_ms: None,
        }
    }
}

/// The moderation state of a proposal or comment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "state", content = "reason")]
pub enum Visibility {
    /// Waiting for approval (pre-moderation).
    Pending,
    /// Visible to all.
    Published,
    /// Hidden automatically after enough reports, until a moderator decides.
    AwaitingReview,
    /// Hidden by a moderator, who gave a reason shown in its place.
    Hidden(String),
    /// Deleted by its author: a tombstone keeps the thread's shape.
    Deleted,
}

/// Who is looking.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Viewer {
    /// The viewer wrote the item.
    pub is_author: bool,
    /// The viewer is a moderator or organiser.
    pub is_moderator: bool,
}

impl Viewer {
    /// Someone not signed in, or anyone without a tie to the item.
    pub const PUBLIC: Viewer = Viewer {
        is_author: false,
        is_moderator: false,
    };
}

/// What a viewer gets of an item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Shown {
    /// The content (with its state, for authors and moderators).
    Content,
    /// Only the moderators' reason, in place of the content.
    Placeholder(String),
    /// A tombstone: "deleted", without content.
    Tombstone,
    /// Nothing at all: the item does not exist for this viewer, not even in counts.
    Nothing,
}

/// A moderator's or author's decision about an item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Decision {
    /// Publish a pending or reported item.
    Approve,
    /// Hide with a reason.
    Hide(String),
    /// Put a hidden item back.
    Restore,
    /// The author deletes their own item.
    Delete,
}

/// Why a moderation step was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum ModerationError {
    /// The step does not apply to an item in this state.
    #[error("cannot do this to an item that is {0}")]
    WrongState(String),
    /// Hiding needs a reason, which is shown publicly.
    #[error("a reason of 1 to {max} characters is required")]
    ReasonRequired {
        /// Most characters in a reason.
        max: usize,
    },
    /// An author appeals a hidden item once only.
    #[error("this item was already appealed")]
    AlreadyAppealed,
    /// The report's reason is not one of [`ReportReason`].
    #[error("unknown report reason")]
    UnknownReason,
    /// "Autre" needs a few words; every note has a length limit.
    #[error("a note of at most {max} characters is required for this reason")]
    NoteRequired {
        /// Most characters in a note.
        max: usize,
    },
    /// One report per person and item.
    #[error("already reported")]
    AlreadyReported,
}

/// Why someone reports a proposal or comment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportReason {
    /// Spam or advertising.
    Spam,
    /// Abusive or hateful words.
    Abuse,
    /// Not about the topic.
    OffTopic,
    /// Misleading or false information.
    Misleading,
    /// Someone's personal data.
    PersonalData,
    /// Anything else, said in the note.
    Other,
}

/// Most characters in a report's note.
pub const NOTE_MAX: usize = 1_000;

impl ReportReason {
    /// Every reason, in the order forms offer them.
    pub const ALL: [ReportReason; 6] = [
        ReportReason::Spam,
        ReportReason::Abuse,
        ReportReason::OffTopic,
        ReportReason::Misleading,
        ReportReason::PersonalData,
        ReportReason::Other,
    ];

    /// The name stored and sent by forms.
    pub fn as_str(self) -> &'static str {
        match self {
            ReportReason::Spam => "spam",
            ReportReason::Abuse => "injurieux",
            ReportReason::OffTopic => "hors_sujet",
            ReportReason::Misleading => "trompeur",
            ReportReason::PersonalData => "donnees_personnelles",
            ReportReason::Other => "autre",
        }
    }

    /// A reason and its note from a form: the note is trimmed, at most [`NOTE_MAX`]
    /// characters, free of control characters, and required for [`ReportReason::Other`].
    ///
    /// ```
    /// use domain::moderation::ReportReason;
    /// assert_eq!(ReportReason::parse("trompeur", ""), Ok((ReportReason::Misleading, String::new())));
    /// assert!(ReportReason::parse("autre", "  ").is_err());
    /// assert!(ReportReason::parse("bof", "").is_err());
    /// ```
    pub fn parse(reason: &str, note: &str) -> Result<(ReportReason, String), ModerationError> {
        let reason = ReportReason::ALL
            .into_iter()
            .find(|r| r.as_str() == reason)
            .ok_or(ModerationError::UnknownReason)?;
        Ok((reason, parse_note(note, reason == ReportReason::Other)?))
    }
}

/// A free-text note (a report's details, an appeal): trimmed, at most [`NOTE_MAX`] characters,
/// no control characters but line breaks and tabs, and not empty when `required`.
///
/// ```
/// use domain::moderation::parse_note;
/// assert_eq!(parse_note("  La source citée dit le contraire. ", true).unwrap(), "La source citée dit le contraire.");
/// assert!(parse_note("", true).is_err());
/// assert_eq!(parse_note("", false).unwrap(), "");
/// ```
pub fn parse_note(note: &str, required: bool) -> Result<String, ModerationError> {
    let note = note.trim();
    let n = note.chars().count();
    let bad_chars = note
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'));
    if n > NOTE_MAX || bad_chars || (required && n == 0) {
        return Err(ModerationError::NoteRequired { max: NOTE_MAX });
    }
    Ok(note.to_owned())
}

/// Most characters in a moderator's public reason.
pub const REASON_MAX: usize = 500;

impl Visibility {
    /// The state of a new contribution.
    ///
    /// ```
    /// use domain::moderation::{Policy, Settings, Visibility};
    /// let settings = Settings { report_threshold: 3, new_account_premoderation_ms: Some(86_400_000) };
    /// assert_eq!(Visibility::initial(Policy::PostModeration, 90_000_000, &settings), Visibility::Published);
    /// // An account less than a day old is pre-moderated even in a post-moderated topic.
    /// assert_eq!(Visibility::initial(Policy::PostModeration, 1_000, &settings), Visibility::Pending);
    /// ```
    pub fn initial(policy: Policy, account_age_ms: i64, settings: &Settings) -> Visibility {
        let young = settings
            .new_account_premoderation_ms
            .is_some_and(|limit| account_age_ms < limit);
        if policy == Policy::PreModeration || young {
            Visibility::Pending
        } else {
            Visibility::Published
        }
    }

    /// What `viewer` gets of an item in this state.
    pub fn shown_to(&self, viewer: Viewer) -> Shown {
        let privileged = viewer.is_author || viewer.is_moderator;
        match self {
            Visibility::Published => Shown::Content,
            Visibility::Deleted => Shown::Tombstone,
            Visibility::Pending | Visibility::AwaitingReview if privileged => Shown::Content,
            Visibility::Pending | Visibility::AwaitingReview => Shown::Nothing,
            Visibility::Hidden(_) if privileged => Shown::Content,
            Visibility::Hidden(reason) => Shown::Placeholder(reason.clone()),
        }
    }

    /// Whether the item counts in public numbers (supports, comments, stances).
    pub fn counts_publicly(&self) -> bool {
        *self == Visibility::Published
    }

    /// The state after `decision`.
    ///
    /// ```
    /// use domain::moderation::{Decision, Visibility};
    /// let hidden = Visibility::Published.decide(Decision::Hide("Propos injurieux".into())).unwrap();
    /// assert_eq!(hidden, Visibility::Hidden("Propos injurieux".into()));
    /// assert_eq!(hidden.decide(Decision::Restore), Ok(Visibility::Published));
    /// ```
    pub fn decide(&self, decision: Decision) -> Result<Visibility, ModerationError> {
        use Visibility as V;
        match (self, decision) {
            (V::Deleted, _) => Err(self.wrong_state()),
            (V::Pending | V::AwaitingReview, Decision::Approve) => Ok(V::Published),
            (_, Decision::Hide(reason)) => {
                let reason = reason.trim();
                let n = reason.chars().count();
                if n == 0 || n > REASON_MAX {
                    return Err(ModerationError::ReasonRequired { max: REASON_MAX });
                }
                Ok(V::Hidden(reason.to_owned()))
            }
            (V::Hidden(_) | V::AwaitingReview, Decision::Restore) => Ok(V::Published),
            (_, Decision::Delete) => Ok(V::Deleted),
            _ => Err(self.wrong_state()),
        }
    }

    /// The state after a new distinct report brought the item's count to `reports`.
    ///
    /// ```
    /// use domain::moderation::{Settings, Visibility};
    /// let s = Settings::default(); // threshold 3
    /// assert_eq!(Visibility::Published.after_report(2, &s), Visibility::Published);
    /// assert_eq!(Visibility::Published.after_report(3, &s), Visibility::AwaitingReview);
    /// ```
    pub fn after_report(&self, reports: u32, settings: &Settings) -> Visibility {
        if *self == Visibility::Published && reports >= settings.report_threshold.max(1) {
            Visibility::AwaitingReview
        } else {
            self.clone()
        }
    }

    /// Checks that the author may appeal: the item is hidden and was not appealed before.
    pub fn check_appeal(&self, already_appealed: bool) -> Result<(), ModerationError> {
        match self {
            Visibility::Hidden(_) if already_appealed => Err(ModerationError::AlreadyAppealed),
            Visibility::Hidden(_) => Ok(()),
            _ => Err(self.wrong_state()),
        }
    }

    /// The name stored in the `visibility` column.
    pub fn stored_name(&self) -> &'static str {
        match self {
            Visibility::Pending => "pending",
            Visibility::Published => "published",
            Visibility::AwaitingReview => "awaiting_review",
            Visibility::Hidden(_) => "hidden",
            Visibility::Deleted => "deleted",
        }
    }

    /// The state from its stored name and the stored reason. An unknown name reads as
    /// pending, the state that shows the least.
    ///
    /// ```
    /// use domain::moderation::Visibility;
    /// let v = Visibility::from_stored("hidden", Some("Hors sujet"));
    /// assert_eq!(v, Visibility::Hidden("Hors sujet".into()));
    /// assert_eq!(Visibility::from_stored(v.stored_name(), Some("Hors sujet")), v);
    /// ```
    pub fn from_stored(name: &str, reason: Option<&str>) -> Visibility {
        match name {
            "published" => Visibility::Published,
            "awaiting_review" => Visibility::AwaitingReview,
            "hidden" => Visibility::Hidden(reason.unwrap_or_default().to_owned()),
            "deleted" => Visibility::Deleted,
            _ => Visibility::Pending,
        }
    }

    fn wrong_state(&self) -> ModerationError {
        ModerationError::WrongState(
            match self {
                Visibility::Pending => "pending",
                Visibility::Published => "published",
                Visibility::AwaitingReview => "awaiting review",
                Visibility::Hidden(_) => "hidden",
                Visibility::Deleted => "deleted",
            }
            .to_owned(),
        )
    }
}

/// Whether an author may still edit a comment written at `created_ms`, at `now_ms`: for
/// 15 minutes, so that replies do not end up answering words that changed.
pub fn comment_editable(created_ms: i64, now_ms: i64) -> bool {
    const WINDOW_MS: i64 = 15 * 60 * 1000;
    (0..WINDOW_MS).contains(&(now_ms - created_ms))
}

#[cfg(test)]
mod tests {
    use super::*;

    const AUTHOR: Viewer = Viewer {
        is_author: true,
        is_moderator: false,
    };
    const MODERATOR: Viewer = Viewer {
        is_author: false,
        is_moderator: true,
    };

    #[test]
    fn hidden_and_pending_content_reaches_only_author_and_moderators() {
        for v in [Visibility::Pending, Visibility::AwaitingReview] {
            assert_eq!(v.shown_to(Viewer::PUBLIC), Shown::Nothing);
            assert_eq!(v.shown_to(AUTHOR), Shown::Content);
            assert_eq!(v.shown_to(MODERATOR), Shown::Content);
            assert!(!v.counts_publicly());
        }
        let hidden = Visibility::Hidden("Hors sujet".into());
        assert_eq!(
            hidden.shown_to(Viewer::PUBLIC),
            Shown::Placeholder("Hors sujet".into())
        );
        assert_eq!(hidden.shown_to(AUTHOR), Shown::Content);
        assert!(!hidden.counts_publicly());
        assert_eq!(Visibility::Deleted.shown_to(MODERATOR), Shown::Tombstone);
        assert_eq!(
            Visibility::Published.shown_to(Viewer::PUBLIC),
            Shown::Content
        );
    }

    #[test]
    fn pre_moderation_holds_new_items() {
        let s = Settings::default();
        assert_eq!(
            Visibility::initial(Policy::PreModeration, i64::MAX, &s),
            Visibility::Pending
        );
        assert_eq!(
            Visibility::initial(Policy::PostModeration, 0, &s),
            Visibility::Published
        );
    }

    #[test]
    fn reports_hide_only_published_items_at_the_threshold() {
        let s = Settings {
            report_threshold: 2,
            new_account_premoderation_ms: None,
        };
        assert_eq!(
            Visibility::Published.after_report(1, &s),
            Visibility::Published
        );
        assert_eq!(
            Visibility::Published.after_report(2, &s),
            Visibility::AwaitingReview
        );
        let hidden = Visibility::Hidden("x".into());
        assert_eq!(
            hidden.after_report(10, &s),
            hidden,
            "a moderator's decision stands"
        );
        let zero = Settings {
            report_threshold: 0,
            new_account_premoderation_ms: None,
        };
        assert_eq!(
            Visibility::Published.after_report(0, &zero),
            Visibility::Published
        );
    }

    #[test]
    fn hiding_needs_a_reason() {
        assert_eq!(
            Visibility::Published.decide(Decision::Hide("  ".into())),
            Err(ModerationError::ReasonRequired { max: REASON_MAX })
        );
        assert!(Visibility::Published
            .decide(Decision::Hide("x".repeat(REASON_MAX + 1)))
            .is_err());
    }

    #[test]
    fn deleted_items_stay_deleted() {
        for d in [
            Decision::Approve,
            Decision::Restore,
            Decision::Hide("r".into()),
            Decision::Delete,
        ] {
            assert!(Visibility::Deleted.decide(d).is_err());
        }
        assert!(Visibility::Published.decide(Decision::Approve).is_err());
        assert!(Visibility::Published.decide(Decision::Restore).is_err());
    }

    #[test]
    fn an_author_appeals_a_hidden_item_once() {
        let hidden = Visibility::Hidden("r".into());
        assert_eq!(hidden.check_appeal(false), Ok(()));
        assert_eq!(
            hidden.check_appeal(true),
            Err(ModerationError::AlreadyAppealed)
        );
        assert!(Visibility::Published.check_appeal(false).is_err());
    }

    #[test]
    fn comments_are_editable_for_fifteen_minutes() {
        let t = 1_700_000_000_000;
        assert!(comment_editable(t, t));
        assert!(comment_editable(t, t + 15 * 60 * 1000 - 1));
        assert!(!comment_editable(t, t + 15 * 60 * 1000));
        assert!(
            !comment_editable(t, t - 1),
            "a clock running backwards grants nothing"
        );
    }
}
