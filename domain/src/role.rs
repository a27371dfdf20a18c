//! Roles a person can hold in the convention, and what each role may do.
//!
//! Roles are ordered by trust (citizen < member < moderator < organiser) but permissions are
//! spelled out per action instead of derived from that order: a member (drawn by lot) votes in
//! member rounds, which a moderator does not do by virtue of being a moderator.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The role of an account. Suspension is a separate flag, not a role, so that lifting a
/// suspension gives back the role the person had.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Anyone who registered: debates, proposes, votes in public rounds.
    Citizen,
    /// A person drawn by lot to sit in the convention: also votes in member rounds.
    Member,
    /// Curates topics and moderates proposals and comments.
    Moderator,
    /// Runs the convention: roles, rounds, reports.
    Organiser,
}

/// A role name that is not one of [`Role::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role `{0}` (expected citizen, member, moderator or organiser)")]
pub struct UnknownRole(pub String);

impl Role {
    /// Every role, from the least to the most trusted.
    pub const ALL: [Role; 4] = [
        Role::Citizen,
        Role::Member,
        Role::Moderator,
        Role::Organiser,
    ];

    /// The stable name stored in the database and used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Citizen => "citizen",
            Role::Member => "member",
            Role::Moderator => "moderator",
            Role::Organiser => "organiser",
        }
    }

    /// Whether this role may change other accounts' roles and suspensions.
    ///
    /// ```
    /// use domain::Role;
    /// assert!(Role::Organiser.can_manage_accounts());
    /// assert!(!Role::Moderator.can_manage_accounts());
    /// ```
    pub fn can_manage_accounts(self) -> bool {
        self == Role::Organiser
    }

    /// Whether this role sees the moderation queue and acts on contributions.
    ///
    /// ```
    /// use domain::Role;
    /// assert!(Role::Moderator.can_moderate() && Role::Organiser.can_moderate());
    /// assert!(!Role::Member.can_moderate());
    /// ```
    pub fn can_moderate(self) -> bool {
        matches!(self, Role::Moderator | Role::Organiser)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl TryFrom<String> for Role {
    type Error = UnknownRole;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl FromStr for Role {
    type Err = UnknownRole;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| UnknownRole(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_round_trips_through_its_name() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
        }
    }

    #[test]
    fn rejects_unknown_and_differently_cased_role_names() {
        assert!("admin".parse::<Role>().is_err());
        assert!("Organiser".parse::<Role>().is_err());
        assert!("".parse::<Role>().is_err());
    }

    #[test]
    fn only_organisers_manage_accounts() {
        let managers: Vec<_> = Role::ALL
            .into_iter()
            .filter(|r| r.can_manage_accounts())
            .collect();
        assert_eq!(managers, vec![Role::Organiser]);
    }
}
