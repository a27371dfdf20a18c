//! Who may do what: pure decisions from the actor (anonymous, or signed in with a role) and
//! the item's state. The service asks them before any effect, and the pages offer exactly the
//! actions they allow, so the two cannot drift apart.

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
}

impl RoundAction {
    /// Every action, for tables.
    pub const ALL: [RoundAction; 6] = [
        RoundAction::Create,
        RoundAction::Edit,
        RoundAction::Close,
        RoundAction::Seal,
        RoundAction::Vote,
        RoundAction::ReadResults,
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        // Columns: Create, Edit, Close, Seal, Vote, ReadResults, for a members' round.
        let table: [(Option<Role>, [&str; 3]); 5] = [
            (None, ["ssss sp", "ssss sp", "ssss sy"]),
            (Some(Role::Citizen), ["ffff ep", "ffff ep", "ffff ey"]),
            (Some(Role::Member), ["ffff pp", "ffff yp", "ffff py"]),
            (Some(Role::Moderator), ["ffff ep", "ffff ep", "ffff ey"]),
            (Some(Role::Organiser), ["yypp ep", "ypyp ep", "yppy ey"]),
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
