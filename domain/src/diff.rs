//! Differences between two versions of a proposal's text, word by word, as readers see them.

use serde::{Deserialize, Serialize};
use similar::{ChangeTag, TextDiff};

/// One run of text in a diff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Span {
    /// In both versions.
    Same(String),
    /// Only in the newer version.
    Added(String),
    /// Only in the older version.
    Removed(String),
}

/// The word-level difference from `old` to `new`, with adjacent runs of the same kind merged
/// so that a rewritten sentence reads as one deletion and one insertion.
///
/// ```
/// use domain::diff::{diff_words, Span};
/// let d = diff_words("Former les agents", "Former tous les agents");
/// assert_eq!(d, [
///     Span::Same("Former ".into()),
///     Span::Added("tous ".into()),
///     Span::Same("les agents".into()),
/// ]);
/// ```
pub fn diff_words(old: &str, new: &str) -> Vec<Span> {
    let diff = TextDiff::from_words(old, new);
    let mut out: Vec<Span> = Vec::new();
    for change in diff.iter_all_changes() {
        let text = change.value();
        match (change.tag(), out.last_mut()) {
            (ChangeTag::Equal, Some(Span::Same(s)))
            | (ChangeTag::Insert, Some(Span::Added(s)))
            | (ChangeTag::Delete, Some(Span::Removed(s))) => s.push_str(text),
            (ChangeTag::Equal, _) => out.push(Span::Same(text.to_owned())),
            (ChangeTag::Insert, _) => out.push(Span::Added(text.to_owned())),
            (ChangeTag::Delete, _) => out.push(Span::Removed(text.to_owned())),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn side(spans: &[Span], keep_added: bool) -> String {
        spans
            .iter()
            .filter_map(|s| match s {
                Span::Same(t) => Some(t.as_str()),
                Span::Added(t) if keep_added => Some(t.as_str()),
                Span::Removed(t) if !keep_added => Some(t.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn identical_texts_are_one_run() {
        assert_eq!(diff_words("a b", "a b"), [Span::Same("a b".into())]);
        assert!(diff_words("", "").is_empty());
    }

    proptest! {
        #[test]
        fn both_versions_can_be_read_back(old in "[a-zé ,.\n]{0,60}", new in "[a-zé ,.\n]{0,60}") {
            let d = diff_words(&old, &new);
            prop_assert_eq!(side(&d, false), old);
            prop_assert_eq!(side(&d, true), new);
        }
    }
}
