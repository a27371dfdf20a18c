//! Typed row ids: a proposal's id cannot be passed where a comment's is expected.
//!
//! Each id is the database's integer key behind a distinct type, from the row read in storage
//! up to the page that links to it. They serialise as the bare number (JSON, forms, URLs), so
//! the read API and the open data keep their shape.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize,
            Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl $name {
            /// The stored integer, for queries and arithmetic-free uses (URLs print it anyway).
            pub const fn get(self) -> i64 {
                self.0
            }
        }

        impl From<i64> for $name {
            fn from(n: i64) -> Self {
                $name(n)
            }
        }

        impl From<$name> for i64 {
            fn from(id: $name) -> i64 {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse().map($name)
            }
        }
    )*};
}

ids! {
    /// An account.
    UserId;
    /// A curated topic.
    TopicId;
    /// A proposal.
    ProposalId;
    /// A comment, on a topic or a proposal.
    CommentId;
    /// A voting round.
    RoundId;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_read_and_print_as_their_number() {
        assert_eq!("42".parse::<ProposalId>(), Ok(ProposalId(42)));
        assert!("4x".parse::<RoundId>().is_err());
        assert_eq!(CommentId(7).to_string(), "7");
        assert_eq!(serde_json::to_string(&UserId(3)).unwrap(), "3");
        assert_eq!(serde_json::from_str::<TopicId>("5").unwrap(), TopicId(5));
    }
}
