//! Searching topics, proposals and comments: what a query may be, how it is given to SQLite's
//! FTS5 (with French stemming), and how a highlighted excerpt is split into plain and marked
//! text.

/// Most characters of a query; longer ones are cut.
pub const QUERY_MAX: usize = 200;

/// Opening marker of a match in an excerpt the database returns.
pub const MARK_START: &str = "\u{2}";
/// Closing marker of a match.
pub const MARK_END: &str = "\u{3}";

/// The words of a query: letters and digits, lower-cased, at most [`QUERY_MAX`] characters read
/// and 12 words kept. Everything else (quotes, operators, punctuation) only separates words, so
/// no input can change the search syntax.
///
/// ```
/// use domain::search::words;
/// assert_eq!(words("  L'école NUMÉRIQUE, \"ou\" -pas* "), ["l", "école", "numérique", "ou", "pas"]);
/// assert!(words("\"*()^:").is_empty());
/// ```
pub fn words(query: &str) -> Vec<String> {
    query
        .chars()
        .take(QUERY_MAX)
        .collect::<String>()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(12)
        .map(str::to_lowercase)
        .collect()
}

/// The French Snowball stem of a lower-cased word ("écologique" and "écologie" give "écolog").
pub fn stem(word: &str) -> String {
    use rust_stemmers::{Algorithm, Stemmer};
    Stemmer::create(Algorithm::French).stem(word).into_owned()
}

/// The FTS5 expression for a query: every word must appear, as any word sharing its French
/// stem. SQLite has no French stemmer, so the stem is searched as a prefix of the indexed words
/// ("reconversions" gives `"reconvers"*`, which finds "reconversion"); where Snowball rewrites
/// the ending rather than cutting it ("différence" gives "différent"), the word itself is
/// searched too, so a word always finds itself. The index folds accents, and so does FTS5 on
/// the query. `None` when there is no word.
///
/// ```
/// use domain::search::fts5_query;
/// assert_eq!(fts5_query("écologie").as_deref(), Some("\"écolog\"*"));
/// // Snowball drops the accent of the last syllable; FTS5 folds accents, so "numer"* still
/// // finds "numérique" (and the word itself is searched, the stem not being its prefix).
/// assert_eq!(fts5_query("numérique").as_deref(), Some("(\"numérique\"* OR \"numer\"*)"));
/// assert_eq!(fts5_query("différence").as_deref(), Some("(\"différence\"* OR \"différent\"*)"));
/// assert_eq!(fts5_query("écoles rurales").as_deref(), Some("\"écol\"* AND \"rural\"*"));
/// assert_eq!(fts5_query(" ; "), None);
/// ```
pub fn fts5_query(query: &str) -> Option<String> {
    let words = words(query);
    (!words.is_empty()).then(|| {
        words
            .iter()
            .map(|w| {
                let stem = stem(w);
                if w.starts_with(&stem) {
                    format!("\"{stem}\"*")
                } else {
                    format!("(\"{w}\"* OR \"{stem}\"*)")
                }
            })
            .collect::<Vec<_>>()
            // Explicit: FTS5 takes no implicit AND next to a parenthesised group.
            .join(" AND ")
    })
}

/// Splits an excerpt holding [`MARK_START`]…[`MARK_END`] around matches into pieces, each
/// marked or not. Markers are removed; unbalanced ones are ignored; the text itself is left as
/// it is (the view escapes it).
///
/// ```
/// use domain::search::{highlight, MARK_END, MARK_START};
/// let s = format!("une {MARK_START}école{MARK_END} <b>");
/// assert_eq!(highlight(&s), [("une ".to_owned(), false), ("école".to_owned(), true), (" <b>".to_owned(), false)]);
/// ```
pub fn highlight(excerpt: &str) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = Vec::new();
    let mut marked = false;
    let mut rest = excerpt;
    loop {
        let next = rest.find(['\u{2}', '\u{3}']);
        let (text, marker) = match next {
            Some(i) => (&rest[..i], Some(&rest[i..i + 1])),
            None => (rest, None),
        };
        if !text.is_empty() {
            match out.last_mut() {
                Some((t, m)) if *m == marked => t.push_str(text),
                _ => out.push((text.to_owned(), marked)),
            }
        }
        match marker {
            Some(m) => {
                marked = m == MARK_START;
                rest = &rest[text.len() + 1..];
            }
            None => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn inflections_share_a_stem() {
        for (a, b) in [
            ("écologie", "écologique"),
            ("reconversions", "reconversion"),
            ("désinformation", "désinformations"),
            ("propositions", "proposition"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} / {b}");
        }
    }

    proptest! {
        #[test]
        fn highlighting_keeps_all_the_text(s in "[a-z \u{2}\u{3}<>&é]{0,60}") {
            let joined: String = highlight(&s).into_iter().map(|(t, _)| t).collect();
            prop_assert_eq!(joined, s.replace(['\u{2}', '\u{3}'], ""));
        }

        #[test]
        fn fts5_queries_hold_only_quoted_words(s in "\\PC{0,80}") {
            if let Some(q) = fts5_query(&s) {
                let q = q.replace(['(', ')'], "").replace(" OR ", " ").replace(" AND ", " ");
                for part in q.split(' ') {
                    prop_assert!(part.starts_with('"') && part.ends_with("\"*"));
                    prop_assert!(!part[1..part.len() - 2].contains('"'));
                }
            }
        }
    }
}
