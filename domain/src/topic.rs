//! Topics as moderators and organisers curate them: what makes a slug, a title, a description
//! and a framing question acceptable.

use serde::{Deserialize, Serialize};

/// Most characters in a topic's title.
pub const TITLE_MAX: usize = 100;
/// Most characters in a topic's description (Markdown).
pub const DESCRIPTION_MAX: usize = 5_000;
/// Most characters in a topic's framing question.
pub const QUESTION_MAX: usize = 300;
/// Fewest and most characters in a slug.
pub const SLUG_LEN: (usize, usize) = (2, 60);

/// A topic's field, for error messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TopicField {
    /// The URL segment.
    Slug,
    /// The title.
    Title,
    /// The description.
    Description,
    /// The framing question.
    Question,
}

/// Why a topic's text was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum TopicError {
    /// The slug is not 2 to 60 lower-case letters, digits and single hyphens.
    #[error("the address must be 2 to 60 lower-case letters, digits and hyphens")]
    Slug,
    /// A field is too long or empty when required, or has control characters.
    #[error("{field:?} must be {min} to {max} characters without control characters")]
    Field {
        /// Which field.
        field: TopicField,
        /// Fewest characters.
        min: usize,
        /// Most characters.
        max: usize,
    },
    /// Another topic has this slug.
    #[error("another topic already uses this address")]
    SlugTaken,
}

/// A topic's text, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TopicText {
    /// URL segment.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Description, Markdown.
    pub description: String,
    /// Framing question; may be empty.
    pub question: String,
}

impl TopicText {
    /// Checks a topic's fields from a form (titles and questions trimmed).
    ///
    /// ```
    /// use domain::topic::TopicText;
    /// let t = TopicText::parse("sante", " Santé ", "L’IA à l’hôpital.", "").unwrap();
    /// assert_eq!(t.title, "Santé");
    /// assert!(TopicText::parse("Santé", "Santé", "", "").is_err());
    /// assert!(TopicText::parse("-sante", "Santé", "", "").is_err());
    /// ```
    pub fn parse(
        slug: &str,
        title: &str,
        description: &str,
        question: &str,
    ) -> Result<TopicText, TopicError> {
        let slug = slug.trim();
        if !is_slug(slug) {
            return Err(TopicError::Slug);
        }
        let title = title.trim();
        let question = question.trim();
        let description = description.trim_end();
        check(TopicField::Title, title, 1, TITLE_MAX, false)?;
        check(
            TopicField::Description,
            description,
            0,
            DESCRIPTION_MAX,
            true,
        )?;
        check(TopicField::Question, question, 0, QUESTION_MAX, false)?;
        Ok(TopicText {
            slug: slug.to_owned(),
            title: title.to_owned(),
            description: description.to_owned(),
            question: question.to_owned(),
        })
    }
}

fn is_slug(s: &str) -> bool {
    let n = s.chars().count();
    (SLUG_LEN.0..=SLUG_LEN.1).contains(&n)
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
}

fn check(
    field: TopicField,
    text: &str,
    min: usize,
    max: usize,
    multiline: bool,
) -> Result<(), TopicError> {
    let n = text.chars().count();
    let bad_char = text
        .chars()
        .any(|c| c.is_control() && !(multiline && matches!(c, '\n' | '\r' | '\t')));
    if (min..=max).contains(&n) && !bad_char {
        Ok(())
    } else {
        Err(TopicError::Field { field, min, max })
    }
}

/// Where a topic moves in the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    /// One place earlier.
    Up,
    /// One place later.
    Down,
}

impl Move {
    /// From a form value.
    pub fn parse(s: &str) -> Option<Move> {
        match s {
            "up" => Some(Move::Up),
            "down" => Some(Move::Down),
            _ => None,
        }
    }
}

/// The new order of `ids` after moving `id` one place: a list of (id, position) pairs, positions
/// numbered from 1. Moving the first up or the last down leaves the order as it was.
///
/// ```
/// use domain::topic::{reorder, Move};
/// assert_eq!(reorder(&[4, 7, 9], 9, Move::Up), vec![(4, 1), (9, 2), (7, 3)]);
/// assert_eq!(reorder(&[4, 7, 9], 4, Move::Up), vec![(4, 1), (7, 2), (9, 3)]);
/// ```
pub fn reorder<T: Copy + PartialEq>(ids: &[T], id: T, m: Move) -> Vec<(T, i64)> {
    let mut order = ids.to_vec();
    if let Some(i) = order.iter().position(|&x| x == id) {
        match m {
            Move::Up if i > 0 => order.swap(i, i - 1),
            Move::Down if i + 1 < order.len() => order.swap(i, i + 1),
            _ => {}
        }
    }
    order.into_iter().zip(1..).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lower_case_words_joined_by_single_hyphens() {
        for good in ["ia", "sante-publique", "budget-2027"] {
            assert!(is_slug(good), "{good}");
        }
        for bad in [
            "a",
            "Sante",
            "santé",
            "a--b",
            "a-",
            "a b",
            "a/b",
            &"a".repeat(61),
        ] {
            assert!(!is_slug(bad), "{bad}");
        }
    }

    #[test]
    fn fields_have_limits() {
        let long = "x".repeat(TITLE_MAX + 1);
        assert!(TopicText::parse("ok", &long, "", "").is_err());
        assert!(TopicText::parse("ok", "T", "ligne\nligne", "").is_ok());
        assert!(TopicText::parse("ok", "T", "", "une\nquestion").is_err());
        assert!(TopicText::parse("ok", "T\u{7}", "", "").is_err());
        let desc = "é".repeat(DESCRIPTION_MAX);
        assert!(TopicText::parse("ok", "T", &desc, "").is_ok());
    }

    #[test]
    fn reordering_keeps_every_topic_once() {
        let ids = [3, 1, 2];
        let moved = reorder(&ids, 1, Move::Down);
        assert_eq!(moved, vec![(3, 1), (2, 2), (1, 3)]);
        assert_eq!(reorder(&ids, 99, Move::Up), vec![(3, 1), (1, 2), (2, 3)]);
    }
}
