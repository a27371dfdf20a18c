//! Who may do what: pure decisions from the actor (anonymous, or signed in with a role) and
//! the item's state. The service asks them before any effect, and the pages offer exactly the
//! actions they allow, so the two cannot drift apart.

use crate::moderation::{Shown, Viewer, Visibility};
use crate::proposal::{Actor, ProposalAction, ProposalStatus};
use crate::voting::round::{Electorate, Phase, RoundError};
use crate::Role;

/// Why an action is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Denied {
    /// Only a signed-in person may do it.
    SignIn,
    /// The actor's role does not allow it.
    Forbidden,
    /// The round's phase or electorate does not allow it now.
    Round(RoundError),
}

/// What can be done with a voting round.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoundAction {
    /// Set one up.
    Create,
    /// Change its settings (before it opens).
    Edit,
    /// End it now (while open).
    Close,
    /// Destroy the voter–ballot link (after the close).
    Seal,
    /// Cast or change one's ballot (while open, in the electorate).
    Vote,
    /// Read the results and the published ballots (after the close).
    ReadResults,
    /// Open it now rather than at the planned time (before it opens).
    OpenNow,
    /// Cancel it before its first ballot (before the close; the ballots are checked where
    /// they are stored).
    Cancel,
    /// Delete it once cancelled (checked where it is stored).
    Delete,
}

impl RoundAction {
    /// Every action, for tables.
    pub const ALL: [RoundAction; 9] = [
        RoundAction::Create,
        RoundAction::Edit,
        RoundAction::Close,
        RoundAction::Seal,
        RoundAction::Vote,
        RoundAction::ReadResults,
        RoundAction::OpenNow,
        RoundAction::Cancel,
        RoundAction::Delete,
    ];
}

/// Whether `actor` may take `action` on a round of `electorate` in `phase`.
pub fn round(
    actor: Option<Role>,
    electorate: Electorate,
    phase: Phase,
    action: RoundAction,
) -> Result<(), Denied> {
    let organiser = || match actor {
        None => Err(Denied::SignIn),
        Some(role) if role.can_manage_accounts() => Ok(()),
        Some(_) => Err(Denied::Forbidden),
    };
    let in_phase = |wanted: Phase| {
        if phase == wanted {
            return Ok(());
        }
        Err(Denied::Round(match (wanted, phase) {
            (Phase::Upcoming, _) => RoundError::Frozen,
            (Phase::Open, Phase::Upcoming) => RoundError::NotOpen,
            (Phase::Open, _) => RoundError::Closed,
            (Phase::Closed, _) => RoundError::NotClosed,
        }))
    };
    match action {
        RoundAction::Create => organiser(),
        RoundAction::Edit => organiser().and_then(|()| in_phase(Phase::Upcoming)),
        RoundAction::Close => organiser().and_then(|()| in_phase(Phase::Open)),
        RoundAction::Seal => organiser().and_then(|()| in_phase(Phase::Closed)),
        RoundAction::Vote => {
            let role = actor.ok_or(Denied::SignIn)?;
            if electorate.side_of(role).is_none() {
                return Err(Denied::Round(RoundError::NotEligible));
            }
            in_phase(Phase::Open)
        }
        RoundAction::ReadResults => in_phase(Phase::Closed),
        RoundAction::OpenNow => organiser().and_then(|()| in_phase(Phase::Upcoming)),
        RoundAction::Cancel => {
            organiser()?;
            match phase {
                Phase::Closed => Err(Denied::Round(RoundError::HasBallots)),
                Phase::Upcoming | Phase::Open => Ok(()),
            }
        }
        RoundAction::Delete => organiser(),
    }
}

/// A signed-in reader of a proposal, and how they relate to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reader {
    /// Their role.
    pub role: Role,
    /// They wrote it.
    pub is_author: bool,
    /// They accepted to co-author it.
    pub is_coauthor: bool,
}

/// What is known of a proposal when deciding who may act on it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProposalFacts {
    /// Its life-cycle status.
    pub status: ProposalStatus,
    /// Its moderation state.
    pub visibility: Visibility,
    /// Its author already appealed the moderators' decision.
    pub appealed: bool,
    /// Its topic is archived: kept for reading only.
    pub topic_archived: bool,
}

/// Everything a reader may do with a proposal: the page offers exactly these, and the
/// server functions refuse what is not here.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ProposalRights {
    /// Read its text (otherwise only the moderators' reason, or nothing).
    pub content: bool,
    /// Save a new version of its text (authors and co-authors).
    pub edit: bool,
    /// Publish a draft (its author).
    pub publish: bool,
    /// Withdraw it (its author).
    pub withdraw: bool,
    /// Support it.
    pub support: bool,
    /// Report it to the moderators.
    pub report: bool,
    /// Hide it (moderators).
    pub hide: bool,
    /// Appeal its hiding, once (its author).
    pub appeal: bool,
    /// Label it contested (moderators).
    pub contest: bool,
    /// Invite a co-author (its author).
    pub invite: bool,
    /// Organisers' steps: put to the vote, adopt, reject, merge.
    pub open_vote: bool,
    /// See `open_vote`.
    pub adopt: bool,
    /// See `open_vote`.
    pub reject: bool,
    /// See `open_vote`.
    pub merge: bool,
}

/// What `reader` (`None`: anonymous) may do with a proposal.
pub fn proposal(reader: Option<Reader>, p: &ProposalFacts) -> ProposalRights {
    let is_author = reader.is_some_and(|r| r.is_author);
    let moderator = reader.is_some_and(|r| r.role.can_moderate());
    let content = p.visibility.shown_to(Viewer {
        is_author,
        is_moderator: moderator,
    }) == Shown::Content;
    let published = p.visibility == Visibility::Published;
    // The life cycle decides for the author alone; co-authors share the pen, not the
    // decisions (publishing and withdrawing stay with the author).
    let may = |action| {
        reader.is_some_and(|r| {
            let actor = Actor {
                role: r.role,
                is_author: r.is_author,
            };
            p.status.apply(action, actor).is_ok()
        })
    };
    let editor_may = reader.is_some_and(|r| {
        let actor = Actor {
            role: r.role,
            is_author: r.is_author || r.is_coauthor,
        };
        p.status.apply(ProposalAction::Edit, actor).is_ok()
    });
    let organiser_step = |action| content && published && may(action);
    ProposalRights {
        content,
        edit: content && editor_may,
        publish: may(ProposalAction::Publish),
        withdraw: content && may(ProposalAction::Withdraw),
        // Co-authors neither: their support would be their own.
        support: may(ProposalAction::Support)
            && !reader.is_some_and(|r| r.is_coauthor)
            && published
            && !p.topic_archived,
        report: reader.is_some() && !is_author && published,
        hide: moderator && !matches!(p.visibility, Visibility::Hidden(_)),
        appeal: is_author && matches!(p.visibility, Visibility::Hidden(_)) && !p.appealed,
        contest: moderator,
        invite: is_author
            && content
            && matches!(p.status, ProposalStatus::Draft | ProposalStatus::Published),
        open_vote: organiser_step(ProposalAction::OpenVote),
        adopt: organiser_step(ProposalAction::Adopt),
        reject: organiser_step(ProposalAction::Reject),
        merge: organiser_step(ProposalAction::Merge),
    }
}

/// What is known of a comment when deciding who may act on it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommentFacts {
    /// Its moderation state.
    pub visibility: Visibility,
    /// Its author already appealed the moderators' decision.
    pub appealed: bool,
    /// Its thread takes contributions (the proposal or topic is open and not archived).
    pub thread_open: bool,
    /// Its author's edit window is still open.
    pub editable: bool,
}

/// Everything a reader may do with a comment.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CommentRights {
    /// Read its text.
    pub content: bool,
    /// Upvote it (not one's own).
    pub upvote: bool,
    /// Reply to it.
    pub reply: bool,
    /// Edit it (its author, within the edit window).
    pub edit: bool,
    /// Delete it (its author).
    pub delete: bool,
    /// Report it.
    pub report: bool,
    /// Hide it (moderators).
    pub hide: bool,
    /// Appeal its hiding, once (its author).
    pub appeal: bool,
    /// Label it contested (moderators).
    pub contest: bool,
}

/// What `reader` (`None`: anonymous; `is_author` and `is_coauthor` as for proposals, the
/// latter unused) may do with a comment.
pub fn comment(reader: Option<Reader>, c: &CommentFacts) -> CommentRights {
    let mine = reader.is_some_and(|r| r.is_author);
    let moderator = reader.is_some_and(|r| r.role.can_moderate());
    let content = c.visibility.shown_to(Viewer {
        is_author: mine,
        is_moderator: moderator,
    }) == Shown::Content;
    let published = c.visibility == Visibility::Published;
    let hidden = matches!(c.visibility, Visibility::Hidden(_));
    let deleted = c.visibility == Visibility::Deleted;
    let signed_in = reader.is_some();
    CommentRights {
        content,
        upvote: signed_in && !mine && published && c.thread_open,
        reply: signed_in && published && c.thread_open,
        edit: mine && content && !hidden && c.editable,
        delete: mine && !deleted,
        report: signed_in && !mine && published,
        hide: moderator && !hidden && !deleted,
        appeal: mine && hidden && !c.appealed,
        contest: moderator && !deleted,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comment_letters(r: CommentRights) -> String {
        [
            (r.content, 'c'),
            (r.upvote, 'u'),
            (r.reply, 'r'),
            (r.edit, 'e'),
            (r.delete, 'd'),
            (r.report, 'p'),
            (r.hide, 'h'),
            (r.appeal, 'a'),
            (r.contest, 'x'),
        ]
        .into_iter()
        .map(|(on, c)| if on { c } else { '.' })
        .collect()
    }

    #[test]
    fn every_reader_gets_exactly_its_comment_rights() {
        let facts = |visibility, thread_open| CommentFacts {
            visibility,
            appealed: false,
            thread_open,
            editable: true,
        };
        let reader = |role, is_author| {
            Some(Reader {
                role,
                is_author,
                is_coauthor: false,
            })
        };
        let open = facts(Visibility::Published, true);
        let closed = facts(Visibility::Published, false);
        let hidden = facts(Visibility::Hidden("hors sujet".into()), true);
        let deleted = facts(Visibility::Deleted, true);
        let table = [
            (None, &open, "c........"),
            (reader(Role::Citizen, false), &open, "cur..p..."),
            (reader(Role::Citizen, true), &open, "c.red...."),
            (reader(Role::Moderator, false), &open, "cur..ph.x"),
            (reader(Role::Citizen, false), &closed, "c....p..."),
            (None, &hidden, "........."),
            (reader(Role::Citizen, true), &hidden, "c...d..a."),
            (reader(Role::Moderator, false), &hidden, "c.......x"),
            (reader(Role::Citizen, true), &deleted, "........."),
            (reader(Role::Moderator, false), &deleted, "........."),
        ];
        for (n, (reader, facts, want)) in table.into_iter().enumerate() {
            assert_eq!(
                comment_letters(comment(reader, facts)),
                want,
                "row {n}: {reader:?}"
            );
        }
    }

    /// The rights as letters, in field order: c content, e edit, p publish, w withdraw,
    /// s support, r report, h hide, a appeal, x contest, i invite, v open vote, d adopt,
    /// j reject, m merge; '.' where refused.
    fn rights(r: ProposalRights) -> String {
        [
            (r.content, 'c'),
            (r.edit, 'e'),
            (r.publish, 'p'),
            (r.withdraw, 'w'),
            (r.support, 's'),
            (r.report, 'r'),
            (r.hide, 'h'),
            (r.appeal, 'a'),
            (r.contest, 'x'),
            (r.invite, 'i'),
            (r.open_vote, 'v'),
            (r.adopt, 'd'),
            (r.reject, 'j'),
            (r.merge, 'm'),
        ]
        .into_iter()
        .map(|(on, c)| if on { c } else { '.' })
        .collect()
    }

    #[test]
    fn every_reader_gets_exactly_its_proposal_rights() {
        let facts = |status, visibility| ProposalFacts {
            status,
            visibility,
            appealed: false,
            topic_archived: false,
        };
        let reader = |role, is_author, is_coauthor| {
            Some(Reader {
                role,
                is_author,
                is_coauthor,
            })
        };
        let published = facts(ProposalStatus::Published, Visibility::Published);
        let draft = facts(ProposalStatus::Draft, Visibility::Published);
        let hidden = facts(ProposalStatus::Published, Visibility::Hidden("spam".into()));
        let under_vote = facts(ProposalStatus::UnderVote, Visibility::Published);
        let table = [
            (None, &published, "c............."),
            (
                reader(Role::Citizen, false, false),
                &published,
                "c...sr........",
            ),
            (
                reader(Role::Member, false, false),
                &published,
                "c...sr........",
            ),
            (
                reader(Role::Citizen, true, false),
                &published,
                "ce.w.....i....",
            ),
            (
                reader(Role::Citizen, false, true),
                &published,
                "ce...r........",
            ),
            (
                reader(Role::Moderator, false, false),
                &published,
                "c...srh.x.....",
            ),
            (
                reader(Role::Organiser, false, false),
                &published,
                "c...srh.x.v..m",
            ),
            (reader(Role::Citizen, true, false), &draft, "cepw.....i...."),
            // Co-authors may report what they share: the rule reads only authorship.
            (reader(Role::Citizen, false, true), &draft, "ce...r........"),
            (
                reader(Role::Organiser, false, false),
                &under_vote,
                "c....rh.x..dj.",
            ),
            (None, &hidden, ".............."),
            (
                reader(Role::Citizen, true, false),
                &hidden,
                "ce.w...a.i....",
            ),
            (
                reader(Role::Moderator, false, false),
                &hidden,
                "c.......x.....",
            ),
        ];
        for (n, (reader, facts, want)) in table.into_iter().enumerate() {
            assert_eq!(rights(proposal(reader, facts)), want, "row {n}: {reader:?}");
        }
    }

    #[test]
    fn archived_topics_and_appeals_close_their_rights() {
        let reader = Reader {
            role: Role::Citizen,
            is_author: false,
            is_coauthor: false,
        };
        let author = Some(reader);
        let archived = ProposalFacts {
            status: ProposalStatus::Published,
            visibility: Visibility::Published,
            appealed: false,
            topic_archived: true,
        };
        assert!(!proposal(author, &archived).support);
        let appealed = ProposalFacts {
            visibility: Visibility::Hidden("hors sujet".into()),
            appealed: true,
            ..archived
        };
        let own = Some(Reader {
            is_author: true,
            ..reader
        });
        assert!(!proposal(own, &appealed).appeal);
    }

    /// One letter per outcome, so the table reads at a glance: y allowed, s sign in, f
    /// forbidden, e not eligible, p wrong phase.
    fn letter(r: Result<(), Denied>) -> char {
        match r {
            Ok(()) => 'y',
            Err(Denied::SignIn) => 's',
            Err(Denied::Forbidden) => 'f',
            Err(Denied::Round(RoundError::NotEligible)) => 'e',
            Err(Denied::Round(_)) => 'p',
        }
    }

    #[test]
    fn every_actor_gets_exactly_its_round_actions() {
        // Columns: Create, Edit, Close, Seal, Vote, ReadResults, then OpenNow, Cancel, Delete,
        // for a members' round.
        let table: [(Option<Role>, [&str; 3]); 5] = [
            (None, ["ssss sp sss", "ssss sp sss", "ssss sy sss"]),
            (
                Some(Role::Citizen),
                ["ffff ep fff", "ffff ep fff", "ffff ey fff"],
            ),
            (
                Some(Role::Member),
                ["ffff pp fff", "ffff yp fff", "ffff py fff"],
            ),
            (
                Some(Role::Moderator),
                ["ffff ep fff", "ffff ep fff", "ffff ey fff"],
            ),
            (
                Some(Role::Organiser),
                ["yypp ep yyy", "ypyp ep pyy", "yppy ey ppy"],
            ),
        ];
        for (actor, rows) in table {
            for (phase, row) in [Phase::Upcoming, Phase::Open, Phase::Closed]
                .into_iter()
                .zip(rows)
            {
                let got: String = RoundAction::ALL
                    .into_iter()
                    .map(|a| letter(round(actor, Electorate::Members, phase, a)))
                    .collect();
                let want: String = row.chars().filter(|c| *c != ' ').collect();
                assert_eq!(got, want, "{actor:?} in {phase:?}");
            }
        }
    }

    #[test]
    fn the_wrong_phase_says_which() {
        let org = Some(Role::Organiser);
        let e = Electorate::Citizens;
        let refused = |phase, action| round(org, e, phase, action).unwrap_err();
        assert_eq!(
            refused(Phase::Open, RoundAction::Edit),
            Denied::Round(RoundError::Frozen)
        );
        assert_eq!(
            refused(Phase::Upcoming, RoundAction::Close),
            Denied::Round(RoundError::NotOpen)
        );
        assert_eq!(
            refused(Phase::Closed, RoundAction::Close),
            Denied::Round(RoundError::Closed)
        );
        assert_eq!(
            refused(Phase::Open, RoundAction::Seal),
            Denied::Round(RoundError::NotClosed)
        );
        assert_eq!(
            refused(Phase::Upcoming, RoundAction::Vote),
            Denied::Round(RoundError::NotOpen)
        );
        assert_eq!(
            refused(Phase::Closed, RoundAction::Vote),
            Denied::Round(RoundError::Closed)
        );
    }
}
