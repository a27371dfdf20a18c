//! Proposals: the limits of their fields and the life cycle of their status.
//!
//! A proposal is edited by its authors while it is a draft or published; once under vote its
//! text is frozen, because the ballots refer to it. Every change of status goes through
//! [`ProposalStatus::apply`], which says who may do what from where.

use crate::Role;
use serde::{Deserialize, Serialize};

/// Most characters in a title.
pub const TITLE_MAX: usize = 150;
/// Most characters in a summary.
pub const SUMMARY_MAX: usize = 500;
/// Most characters in a body (Markdown).
pub const BODY_MAX: usize = 20_000;

/// Where a proposal stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProposalStatus {
    /// Visible to its authors only.
    Draft,
    /// Public, open to supports and comments.
    Published,
    /// In a voting round: the text is frozen.
    UnderVote,
    /// Adopted by a vote.
    Adopted,
    /// Rejected by a vote.
    Rejected,
    /// Withdrawn by its author.
    Withdrawn,
    /// Merged by an organiser into another proposal.
    Merged,
}

/// Something someone wants to do to a proposal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProposalAction {
    /// Make a draft public.
    Publish,
    /// Change the text (a new version).
    Edit,
    /// Take it back.
    Withdraw,
    /// Put it in a voting round.
    OpenVote,
    /// Record that the vote adopted it.
    Adopt,
    /// Record that the vote rejected it.
    Reject,
    /// Merge it into another proposal.
    Merge,
    /// Support it (or take the support back): anyone signed in but its author, while it is
    /// published.
    Support,
}

/// Who is acting, relative to the proposal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Actor {
    /// The actor's role.
    pub role: Role,
    /// Whether the actor is its author or an accepted co-author.
    pub is_author: bool,
}

/// Why a proposal action was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum ProposalError {
    /// The actor may not do this to this proposal.
    #[error("not allowed to {action:?} this proposal")]
    NotAllowed {
        /// The action refused.
        action: ProposalAction,
    },
    /// The action makes no sense from this status.
    #[error("cannot {action:?} a proposal that is {from:?}")]
    WrongStatus {
        /// The current status.
        from: ProposalStatus,
        /// The action refused.
        action: ProposalAction,
    },
    /// A field is empty or too long.
    #[error("{field} must be 1 to {max} characters long, not {actual}")]
    FieldLength {
        /// Which field.
        field: ProposalField,
        /// Allowed maximum.
        max: usize,
        /// Characters given (after trimming).
        actual: usize,
    },
    /// A Markdown field nests quotes and lists deeper than the rule allows.
    #[error("{field} may nest quotes and lists at most {max} deep")]
    FieldNesting {
        /// Which field.
        field: ProposalField,
        /// Allowed depth.
        max: usize,
    },
    /// A single-line field contains control characters.
    #[error("{field} may not contain control characters")]
    FieldCharacters {
        /// Which field.
        field: ProposalField,
    },
}

/// The fields of a proposal, for error messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProposalField {
    /// The title.
    Title,
    /// The summary.
    Summary,
    /// The body.
    Body,
}

impl std::fmt::Display for ProposalField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ProposalField::Title => "title",
            ProposalField::Summary => "summary",
            ProposalField::Body => "body",
        })
    }
}

impl ProposalStatus {
    /// The status after `action` by `actor`, or why it is refused.
    ///
    /// ```
    /// use domain::proposal::{Actor, ProposalAction, ProposalStatus};
    /// use domain::Role;
    /// let author = Actor { role: Role::Citizen, is_author: true };
    /// let organiser = Actor { role: Role::Organiser, is_author: false };
    /// let published = ProposalStatus::Draft.apply(ProposalAction::Publish, author).unwrap();
    /// let voting = published.apply(ProposalAction::OpenVote, organiser).unwrap();
    /// assert_eq!(voting, ProposalStatus::UnderVote);
    /// // Under vote, even its author can no longer edit it.
    /// assert!(voting.apply(ProposalAction::Edit, author).is_err());
    /// ```
    pub fn apply(self, action: ProposalAction, actor: Actor) -> Result<Self, ProposalError> {
        use ProposalAction as A;
        use ProposalStatus as S;
        let allowed = match action {
            A::Publish | A::Edit | A::Withdraw => actor.is_author,
            // Supporting one's own proposal would count its author twice.
            A::Support => !actor.is_author,
            A::OpenVote | A::Adopt | A::Reject | A::Merge => actor.role == Role::Organiser,
        };
        if !allowed {
            return Err(ProposalError::NotAllowed { action });
        }
        let next = match (self, action) {
            (S::Draft, A::Publish) => S::Published,
            (S::Draft | S::Published, A::Edit) => self,
            (S::Draft | S::Published, A::Withdraw) => S::Withdrawn,
            (S::Published, A::OpenVote) => S::UnderVote,
            (S::UnderVote, A::Adopt) => S::Adopted,
            (S::UnderVote, A::Reject) => S::Rejected,
            (S::Published, A::Merge) => S::Merged,
            (S::Published, A::Support) => S::Published,
            (from, action) => return Err(ProposalError::WrongStatus { from, action }),
        };
        Ok(next)
    }

    /// The name stored in the `status` column.
    pub fn as_str(self) -> &'static str {
        match self {
            ProposalStatus::Draft => "draft",
            ProposalStatus::Published => "published",
            ProposalStatus::UnderVote => "under_vote",
            ProposalStatus::Adopted => "adopted",
            ProposalStatus::Rejected => "rejected",
            ProposalStatus::Withdrawn => "withdrawn",
            ProposalStatus::Merged => "merged",
        }
    }

    /// Every status, in life-cycle order.
    pub const ALL: [ProposalStatus; 7] = [
        ProposalStatus::Draft,
        ProposalStatus::Published,
        ProposalStatus::UnderVote,
        ProposalStatus::Adopted,
        ProposalStatus::Rejected,
        ProposalStatus::Withdrawn,
        ProposalStatus::Merged,
    ];

    /// Parses a stored name.
    ///
    /// ```
    /// use domain::proposal::ProposalStatus;
    /// for s in ProposalStatus::ALL {
    ///     assert_eq!(ProposalStatus::parse(s.as_str()), Some(s));
    /// }
    /// assert_eq!(ProposalStatus::parse("deleted"), None);
    /// ```
    pub fn parse(name: &str) -> Option<ProposalStatus> {
        ProposalStatus::ALL.into_iter().find(|s| s.as_str() == name)
    }

    /// Whether it still gathers supports and comments.
    pub fn is_open(self) -> bool {
        matches!(self, ProposalStatus::Published | ProposalStatus::UnderVote)
    }

    /// Whether people other than its authors can see it.
    pub fn is_public(self) -> bool {
        self != ProposalStatus::Draft
    }
}

/// The text of a proposal, validated: title and summary trimmed, body kept as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProposalText {
    /// One line, at most [`TITLE_MAX`] characters.
    pub title: String,
    /// At most [`SUMMARY_MAX`] characters.
    pub summary: String,
    /// Markdown, at most [`BODY_MAX`] characters; may be empty.
    pub body: String,
}

impl ProposalText {
    /// Validates the three fields.
    ///
    /// ```
    /// use domain::proposal::ProposalText;
    /// let text = ProposalText::parse(" Former les agents ", "Un plan de formation.", "").unwrap();
    /// assert_eq!(text.title, "Former les agents");
    /// assert!(ProposalText::parse("", "résumé", "").is_err());
    /// ```
    pub fn parse(title: &str, summary: &str, body: &str) -> Result<Self, ProposalError> {
        let title = title.trim();
        let summary = summary.trim();
        check_length(ProposalField::Title, title, 1, TITLE_MAX)?;
        if title.chars().any(char::is_control) {
            return Err(ProposalError::FieldCharacters {
                field: ProposalField::Title,
            });
        }
        check_length(ProposalField::Summary, summary, 1, SUMMARY_MAX)?;
        check_length(ProposalField::Body, body, 0, BODY_MAX)?;
        for (field, text) in [
            (ProposalField::Summary, summary),
            (ProposalField::Body, body),
        ] {
            if text
                .chars()
                .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
            {
                return Err(ProposalError::FieldCharacters { field });
            }
        }
        if !crate::markup::nesting_ok(body) {
            return Err(ProposalError::FieldNesting {
                field: ProposalField::Body,
                max: crate::markup::NESTING_MAX,
            });
        }
        Ok(Self {
            title: title.to_owned(),
            summary: summary.to_owned(),
            body: body.to_owned(),
        })
    }
}

fn check_length(
    field: ProposalField,
    text: &str,
    min: usize,
    max: usize,
) -> Result<(), ProposalError> {
    let actual = text.chars().count();
    if (min..=max).contains(&actual) {
        Ok(())
    } else {
        Err(ProposalError::FieldLength { field, max, actual })
    }
}

/// A status step as the moderation log keeps it in its reason column, written by storage and
/// read back by the audit page. The text is stored, so its shape never changes:
/// `published -> withdrawn`, `published -> merged #12`, `adopted by round #3`.
///
/// ```
/// use domain::proposal::{LoggedStep, ProposalStatus as S};
/// use domain::ids::{ProposalId, RoundId};
/// let merge = LoggedStep::Changed { from: S::Published, to: S::Merged, merged_into: Some(ProposalId(12)) };
/// assert_eq!(merge.reason(), "published -> merged #12");
/// assert_eq!(LoggedStep::parse("published -> merged #12"), Some(merge));
/// assert_eq!(LoggedStep::AdoptedBy(RoundId(3)).reason(), "adopted by round #3");
/// assert_eq!(LoggedStep::parse("adopted by round #3"), Some(LoggedStep::AdoptedBy(RoundId(3))));
/// assert_eq!(LoggedStep::parse("a moderator's own words"), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoggedStep {
    /// A person moved the proposal (an organiser's decision, a merge).
    Changed {
        /// The status it had.
        from: ProposalStatus,
        /// The status it took.
        to: ProposalStatus,
        /// For a merge, the proposal it went into.
        merged_into: Option<crate::ids::ProposalId>,
    },
    /// A round's count adopted it.
    AdoptedBy(crate::ids::RoundId),
}

impl LoggedStep {
    /// The reason as stored.
    pub fn reason(self) -> String {
        match self {
            LoggedStep::Changed {
                from,
                to,
                merged_into: Some(target),
            } => format!("{} -> {} #{target}", from.as_str(), to.as_str()),
            LoggedStep::Changed { from, to, .. } => format!("{} -> {}", from.as_str(), to.as_str()),
            LoggedStep::AdoptedBy(round) => format!("adopted by round #{round}"),
        }
    }

    /// Reads a stored reason back; `None` for any other text.
    pub fn parse(reason: &str) -> Option<LoggedStep> {
        if let Some(round) = reason.strip_prefix("adopted by round #") {
            return round.parse().ok().map(LoggedStep::AdoptedBy);
        }
        let (from, rest) = reason.split_once(" -> ")?;
        let (to, merged_into) = match rest.split_once(" #") {
            Some((to, target)) => (to, Some(target.parse().ok()?)),
            None => (rest, None),
        };
        Some(LoggedStep::Changed {
            from: ProposalStatus::parse(from)?,
            to: ProposalStatus::parse(to)?,
            merged_into,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ProposalAction as A;
    use ProposalStatus as S;

    const AUTHOR: Actor = Actor {
        role: Role::Citizen,
        is_author: true,
    };
    const STRANGER: Actor = Actor {
        role: Role::Moderator,
        is_author: false,
    };
    const ORGANISER: Actor = Actor {
        role: Role::Organiser,
        is_author: false,
    };

    #[test]
    fn nobody_but_an_author_edits_publishes_or_withdraws() {
        for action in [A::Publish, A::Edit, A::Withdraw] {
            assert_eq!(
                S::Draft.apply(action, STRANGER),
                Err(ProposalError::NotAllowed { action })
            );
            assert_eq!(
                S::Draft.apply(action, ORGANISER),
                Err(ProposalError::NotAllowed { action })
            );
        }
    }

    #[test]
    fn only_organisers_run_votes_and_merges() {
        for action in [A::OpenVote, A::Adopt, A::Reject, A::Merge] {
            assert!(matches!(
                S::Published.apply(action, AUTHOR),
                Err(ProposalError::NotAllowed { .. })
            ));
        }
    }

    #[test]
    fn the_text_freezes_once_under_vote() {
        for from in [
            S::UnderVote,
            S::Adopted,
            S::Rejected,
            S::Withdrawn,
            S::Merged,
        ] {
            assert!(
                matches!(
                    from.apply(A::Edit, AUTHOR),
                    Err(ProposalError::WrongStatus { .. })
                ),
                "{from:?}"
            );
            assert!(from.apply(A::Withdraw, AUTHOR).is_err(), "{from:?}");
        }
    }

    #[test]
    fn follows_the_whole_life_cycle() {
        let s = S::Draft.apply(A::Edit, AUTHOR).unwrap();
        let s = s.apply(A::Publish, AUTHOR).unwrap();
        let s = s.apply(A::Edit, AUTHOR).unwrap();
        assert_eq!(s, S::Published);
        assert_eq!(s.apply(A::Merge, ORGANISER), Ok(S::Merged));
        let s = s.apply(A::OpenVote, ORGANISER).unwrap();
        assert_eq!(s.apply(A::Adopt, ORGANISER), Ok(S::Adopted));
        assert_eq!(s.apply(A::Reject, ORGANISER), Ok(S::Rejected));
        assert!(
            S::Draft.apply(A::OpenVote, ORGANISER).is_err(),
            "a draft is not voted on"
        );
        assert!(S::Published.apply(A::Publish, AUTHOR).is_err());
    }

    #[test]
    fn drafts_are_private() {
        assert!(!S::Draft.is_public());
        assert!(S::Withdrawn.is_public());
    }

    #[test]
    fn validates_lengths_in_characters() {
        assert!(ProposalText::parse(&"é".repeat(TITLE_MAX), "s", "").is_ok());
        assert!(matches!(
            ProposalText::parse(&"é".repeat(TITLE_MAX + 1), "s", ""),
            Err(ProposalError::FieldLength {
                field: ProposalField::Title,
                ..
            })
        ));
        assert!(ProposalText::parse("t", &"x".repeat(SUMMARY_MAX + 1), "").is_err());
        assert!(ProposalText::parse("t", "s", &"x".repeat(BODY_MAX)).is_ok());
        assert!(ProposalText::parse("t", "s", &"x".repeat(BODY_MAX + 1)).is_err());
        assert!(ProposalText::parse("t", "   ", "").is_err());
    }

    #[test]
    fn refuses_control_characters_but_keeps_line_breaks() {
        assert!(ProposalText::parse("a\0b", "s", "").is_err());
        assert!(ProposalText::parse("a\nb", "s", "").is_err());
        assert!(ProposalText::parse("t", "ligne 1\nligne 2", "para\n\n\tcode").is_ok());
        assert!(ProposalText::parse("t", "s", "nul\0").is_err());
    }
}
