//! Comments: their text, the stance an author may take, and where a reply sits in a thread.

use serde::{Deserialize, Serialize};

/// Most characters in a comment.
pub const COMMENT_MAX: usize = 5_000;

/// Deepest nesting level shown; a reply to a comment at this depth joins its parent's replies,
/// so threads stay readable on a phone while still allowing replies to replies to replies.
pub const MAX_DEPTH: u32 = 4;

/// The position an author takes on the proposal they comment on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    /// Pour.
    For,
    /// Contre.
    Against,
    /// Neutre.
    Neutral,
}

impl Stance {
    /// Every stance, in the order forms list them.
    pub const ALL: [Stance; 3] = [Stance::For, Stance::Against, Stance::Neutral];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::For => "pour",
            Stance::Against => "contre",
            Stance::Neutral => "neutre",
        }
    }

    /// Parses a stored or submitted name; an empty string is no stance.
    ///
    /// ```
    /// use domain::comment::Stance;
    /// assert_eq!(Stance::parse("contre"), Ok(Some(Stance::Against)));
    /// assert_eq!(Stance::parse(""), Ok(None));
    /// assert!(Stance::parse("peut-être").is_err());
    /// ```
    pub fn parse(s: &str) -> Result<Option<Stance>, CommentError> {
        match s.trim() {
            "" => Ok(None),
            "pour" => Ok(Some(Stance::For)),
            "contre" => Ok(Some(Stance::Against)),
            "neutre" => Ok(Some(Stance::Neutral)),
            _ => Err(CommentError::UnknownStance),
        }
    }
}

/// Why a comment was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum CommentError {
    /// Empty or too long.
    #[error("a comment must be 1 to {max} characters long, not {actual}")]
    Length {
        /// Allowed maximum.
        max: usize,
        /// Characters given (after trimming).
        actual: usize,
    },
    /// Holds control characters other than line breaks and tabs.
    #[error("a comment may not contain control characters")]
    Characters,
    /// Quotes and lists nested deeper than the rule allows.
    #[error("a comment may nest quotes and lists at most {max} deep")]
    Nesting {
        /// Allowed depth.
        max: usize,
    },
    /// A stance other than pour, contre or neutre.
    #[error("unknown stance")]
    UnknownStance,
    /// A stance on a topic-level comment, where there is no proposal to be for or against.
    #[error("a stance is only taken on a proposal")]
    StanceWithoutProposal,
    /// The 15 minutes in which an author may edit have passed.
    #[error("the comment can no longer be edited")]
    EditWindowClosed,
}

/// Validates a comment's Markdown text; surrounding blank space is trimmed.
///
/// ```
/// use domain::comment::parse_body;
/// assert_eq!(parse_body("  D'accord.\n").unwrap(), "D'accord.");
/// assert!(parse_body("   ").is_err());
/// ```
pub fn parse_body(body: &str) -> Result<String, CommentError> {
    let body = body.trim();
    let actual = body.chars().count();
    if actual == 0 || actual > COMMENT_MAX {
        return Err(CommentError::Length {
            max: COMMENT_MAX,
            actual,
        });
    }
    if body
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(CommentError::Characters);
    }
    if !crate::markup::nesting_ok(body) {
        return Err(CommentError::Nesting {
            max: crate::markup::NESTING_MAX,
        });
    }
    Ok(body.to_owned())
}

/// Where a reply goes: the comment it hangs under and its depth. Replies to a comment at
/// [`MAX_DEPTH`] hang under that comment's own parent instead, at the same depth.
///
/// ```
/// use domain::comment::{reply_position, MAX_DEPTH};
/// assert_eq!(reply_position(7, Some(3), 0), (7, 1));
/// assert_eq!(reply_position(9, Some(8), MAX_DEPTH), (8, MAX_DEPTH));
/// ```
pub fn reply_position<Id: Copy>(
    parent_id: Id,
    grandparent_id: Option<Id>,
    parent_depth: u32,
) -> (Id, u32) {
    match grandparent_id {
        Some(gp) if parent_depth >= MAX_DEPTH => (gp, MAX_DEPTH),
        _ => (parent_id, (parent_depth + 1).min(MAX_DEPTH)),
    }
}

/// Orders comments as a thread: each comment followed by its replies, oldest first at every
/// level. `items` are `(id, parent)` pairs in any order; comments whose parent is missing
/// (not visible to this reader) are dropped with their replies, so nothing is shown out of
/// context. Returns indexes into `items` with their depth.
///
/// ```
/// use domain::comment::thread_order;
/// let items = [(1, None), (2, None), (3, Some(1)), (4, Some(3)), (5, Some(99))];
/// let order: Vec<(i64, u32)> = thread_order(&items).into_iter().map(|(i, d)| (items[i].0, d)).collect();
/// assert_eq!(order, [(1, 0), (3, 1), (4, 2), (2, 0)]);
/// ```
pub fn thread_order<Id: Copy + Ord + std::hash::Hash>(
    items: &[(Id, Option<Id>)],
) -> Vec<(usize, u32)> {
    use std::collections::HashMap;
    let mut children: HashMap<Option<Id>, Vec<usize>> = HashMap::new();
    for (i, (_, parent)) in items.iter().enumerate() {
        children.entry(*parent).or_default().push(i);
    }
    for list in children.values_mut() {
        list.sort_by_key(|&i| items[i].0);
    }
    let mut out = Vec::with_capacity(items.len());
    // An explicit stack instead of recursion: a hostile thread cannot overflow it.
    let mut stack: Vec<(usize, u32)> = children
        .get(&None)
        .map(|roots| roots.iter().rev().map(|&i| (i, 0)).collect())
        .unwrap_or_default();
    while let Some((i, depth)) = stack.pop() {
        out.push((i, depth));
        if let Some(kids) = children.get(&Some(items[i].0)) {
            stack.extend(kids.iter().rev().map(|&k| (k, depth + 1)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_limits_are_counted_in_characters() {
        assert!(parse_body(&"é".repeat(COMMENT_MAX)).is_ok());
        assert_eq!(
            parse_body(&"é".repeat(COMMENT_MAX + 1)),
            Err(CommentError::Length {
                max: COMMENT_MAX,
                actual: COMMENT_MAX + 1
            })
        );
        assert_eq!(parse_body("a\u{0}b"), Err(CommentError::Characters));
        assert!(parse_body("ligne 1\nligne 2\ttab").is_ok());
    }

    #[test]
    fn replies_nest_until_the_depth_limit() {
        let mut parent = (1, None, 0);
        for expected in 1..=MAX_DEPTH {
            let (p, d) = reply_position(parent.0, parent.1, parent.2);
            assert_eq!((p, d), (parent.0, expected));
            parent = (parent.0 + 1, Some(p), d);
        }
        // At the limit the reply becomes a sibling of the comment answered.
        assert_eq!(
            reply_position(parent.0, parent.1, parent.2),
            (parent.1.unwrap(), MAX_DEPTH)
        );
    }

    #[test]
    fn thread_order_keeps_every_reachable_comment_once() {
        let items: Vec<(i64, Option<i64>)> = (1..=200)
            .map(|i| {
                (
                    i,
                    if i % 3 == 0 {
                        None
                    } else {
                        Some((i / 2).max(1))
                    },
                )
            })
            .collect();
        let order = thread_order(&items);
        let mut seen: Vec<usize> = order.iter().map(|(i, _)| *i).collect();
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), order.len());
        // Every comment comes after its parent.
        let pos: std::collections::HashMap<i64, usize> = order
            .iter()
            .enumerate()
            .map(|(p, (i, _))| (items[*i].0, p))
            .collect();
        for (i, _) in &order {
            if let Some(parent) = items[*i].1 {
                assert!(pos[&parent] < pos[&items[*i].0]);
            }
        }
    }

    #[test]
    fn a_cycle_is_not_shown_and_does_not_loop() {
        let items = [(1, Some(2)), (2, Some(1)), (3, None)];
        assert_eq!(thread_order(&items), vec![(2, 0)]);
    }
}
