//! The recommendations report a convention hands to the city, and its four renderings.
//!
//! The app gathers a [`Report`] from the database; everything after that is here and pure, so
//! the same report gives the same Markdown byte for byte, and the HTML page, the Typst source
//! of the PDF and the OpenDocument text all say the same things in the same order. User text
//! (proposals, arguments, notes) is Markdown; it is read once into [`Block`]s so that no
//! renderer ever passes it through unescaped.

mod blocks;
mod html;
mod markdown;
mod odt;
mod typst;
mod words;

pub use blocks::{blocks, Block, Span};
pub use html::{html_document, html_fragment};
pub use markdown::markdown;
pub use odt::odt;
pub(crate) use odt::{package as odt_package, xml};
pub use typst::{typst_source, TypstInput};
pub use words::Lang;

pub use crate::voting::round::Side;
use crate::voting::round::{Electorate, Rule};
use crate::voting::Method;
use serde::{Deserialize, Serialize};

/// The whole report, in reading order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// The language the report is written in (its headings and the sentences it builds; what
    /// people wrote stays as written).
    #[serde(default)]
    pub lang: Lang,
    /// The convention's name.
    pub convention: String,
    /// Its question.
    pub question: String,
    /// First and last activity (first proposal, last round's close), Unix ms.
    pub period: Option<(i64, i64)>,
    /// Members drawn by lot.
    pub members: u64,
    /// People who wrote, supported, commented or voted.
    pub participants: u64,
    /// The organisers' introduction, Markdown.
    pub introduction: String,
    /// One section per chosen topic, in the topics' order.
    pub topics: Vec<TopicSection>,
    /// The annex: every chosen round's full results.
    pub rounds: Vec<RoundSection>,
}

/// A topic's recommendations and minority positions.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicSection {
    /// Title.
    pub title: String,
    /// The topic's question.
    pub question: String,
    /// Adopted proposals, best placed first.
    pub recommendations: Vec<Recommendation>,
    /// Proposals rejected narrowly or with a dissent note.
    pub minority: Vec<Minority>,
}

/// An adopted proposal.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recommendation {
    /// Proposal number.
    pub id: crate::ProposalId,
    /// Final title.
    pub title: String,
    /// Final summary.
    pub summary: String,
    /// Final text, Markdown.
    pub body: String,
    /// Author and accepted co-authors, display names.
    pub authors: Vec<String>,
    /// How each chosen round placed it.
    pub votes: Vec<Vote>,
    /// Arguments for, pinned by organisers.
    pub arguments_for: Vec<Argument>,
    /// Arguments against, pinned by organisers.
    pub arguments_against: Vec<Argument>,
    /// Dissent notes, Markdown.
    pub dissents: Vec<String>,
}

/// One round's verdict on one proposal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vote {
    /// Round number.
    pub round_id: crate::RoundId,
    /// Round title.
    pub round_title: String,
    /// Method.
    pub method: Method,
    /// One entry per side that voted, official count first.
    pub sides: Vec<SideVote>,
}

/// A proposal's place in one side's count.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SideVote {
    /// Members or the public.
    pub side: Side,
    /// People who voted on that side.
    pub voters: u64,
    /// Place, 1 = best.
    pub rank: usize,
    /// Candidates in the round.
    pub of: usize,
    /// The method's score.
    pub score: String,
}

/// A comment pinned as an argument.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Argument {
    /// Its author's name as published: the display name if they agreed to be named,
    /// "participant·e" otherwise, "compte supprimé" once deleted.
    pub author: String,
    /// Text, Markdown.
    pub body: String,
}

/// A minority position.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Minority {
    /// Proposal number.
    pub id: crate::ProposalId,
    /// Title.
    pub title: String,
    /// Why it is here, e.g. "2e sur 6 au scrutin n° 3, non adoptée".
    pub reason: String,
    /// Dissent notes, Markdown.
    pub dissents: Vec<String>,
}

/// A round in the annex.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundSection {
    /// Number.
    pub id: crate::RoundId,
    /// Title.
    pub title: String,
    /// Method.
    pub method: Method,
    /// Who voted.
    pub electorate: Electorate,
    /// What it adopts.
    pub rule: Rule,
    /// Majority judgment's grades, best first.
    pub grades: Vec<String>,
    /// Cumulative and quadratic budget.
    pub budget: i64,
    /// Measure threshold p/q and strictness.
    pub threshold: (u64, u64, bool),
    /// Opening and close, Unix ms.
    pub opens_at: i64,
    /// Close, Unix ms.
    pub closes_at: i64,
    /// One count per side, official first.
    pub sides: Vec<SideSection>,
}

/// One side's count in the annex.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SideSection {
    /// Members or public.
    pub side: Side,
    /// The count the adoption rule reads.
    pub official: bool,
    /// People who voted.
    pub voters: u64,
    /// Valid ballots.
    pub counted: usize,
    /// Invalid ballots.
    pub rejected: usize,
    /// Lines in ranking order.
    pub lines: Vec<ResultLine>,
    /// SVG chart (escaped by its maker).
    pub chart: String,
}

/// One proposal's line in a count.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultLine {
    /// Proposal number.
    pub id: crate::ProposalId,
    /// Title.
    pub title: String,
    /// Place.
    pub rank: usize,
    /// Score as text.
    pub score: String,
    /// Weight per grade or for/against/abstain.
    pub detail: Vec<u128>,
    /// Adopted.
    pub adopted: bool,
}

impl RoundSection {
    /// Proposals this round rejected narrowly, with the reason in `lang`: under a ranking rule
    /// (top k, majority grade), the first tier below the adopted ones; under a measure
    /// threshold, a measure whose share "for" came within ten points of the threshold.
    pub fn narrowly_rejected(&self, lang: Lang) -> Vec<(crate::ProposalId, String)> {
        let Some(official) = self.sides.first() else {
            return Vec::new();
        };
        if official.counted == 0 {
            return Vec::new();
        }
        let n = official.lines.len();
        let mut out = Vec::new();
        match self.rule {
            Rule::None => {}
            Rule::Top(_) | Rule::Grade(_) => {
                if !official.lines.iter().any(|l| l.adopted) {
                    return out;
                }
                let next = official
                    .lines
                    .iter()
                    .filter(|l| !l.adopted)
                    .map(|l| l.rank)
                    .min();
                for l in &official.lines {
                    if !l.adopted && Some(l.rank) == next {
                        out.push((l.id, lang.narrow_rank(l.rank, n, self)));
                    }
                }
            }
            Rule::Measure => {
                let (p, q, _) = self.threshold;
                for l in &official.lines {
                    let [f, a, _] = l.detail[..] else { continue };
                    if l.adopted || f + a == 0 || q == 0 {
                        continue;
                    }
                    // Share and threshold in hundredths of a percent, exact integers.
                    let share = f * 10_000 / (f + a);
                    let threshold = u128::from(p) * 10_000 / u128::from(q);
                    if share + 1_000 >= threshold {
                        out.push((l.id, lang.narrow_measure(&l.score, self)));
                    }
                }
            }
        }
        out
    }
}

/// "1re", "2e", … as French writes places (the read API and the results CSV, which are
/// French; the report uses [`Lang::ordinal`]).
pub fn ordinal(n: usize) -> String {
    Lang::Fr.ordinal(n)
}

/// An adoption rule in French (the read API's); the report uses [`Lang::adoption_rule`].
pub fn adoption_rule(rule: Rule, grades: &[String]) -> String {
    Lang::Fr.adoption_rule(rule, grades)
}

/// A long French date in Paris time: "25 novembre 2026".
pub fn long_date(ms: i64) -> String {
    Lang::Fr.long_date(ms)
}

/// French typography for typeset output: a narrow no-break space before `;`, `!`, `?` and
/// inside « », a no-break space before `:`, and the typographic apostrophe.
///
/// ```
/// use domain::report::french;
/// assert_eq!(french("Oui ; d'accord : « bien » !"), "Oui\u{202F}; d’accord\u{A0}: «\u{202F}bien\u{202F}»\u{202F}!");
/// ```
pub fn french(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let prev = i.checked_sub(1).map(|j| chars[j]);
        match c {
            ' ' if matches!(next, Some(';' | '!' | '?' | '»')) => out.push('\u{202F}'),
            ' ' if next == Some(':') => out.push('\u{A0}'),
            ' ' if prev == Some('«') => out.push('\u{202F}'),
            '\'' if prev.is_some_and(char::is_alphabetic) => out.push('’'),
            c => out.push(c),
        }
    }
    out
}

/// "Du 3 novembre 2026 au 24 novembre 2026", or nothing without activity.
fn period_text(r: &Report) -> Option<String> {
    r.period.map(|(a, b)| r.lang.period(a, b))
}

/// A count's table: header cells, then one row of cells per line, as text.
fn result_table(
    lang: Lang,
    r: &RoundSection,
    side: &SideSection,
) -> (Vec<String>, Vec<Vec<String>>) {
    let extra: Vec<String> = match r.method {
        Method::MajorityJudgment => r.grades.clone(),
        Method::Measure => lang.measure_headers().map(str::to_owned).to_vec(),
        _ => Vec::new(),
    };
    let [rank, proposal, score, adopted] = lang.table_headers();
    let mut header = vec![rank.to_owned(), proposal.to_owned(), score.to_owned()];
    header.extend(extra.iter().cloned());
    header.push(adopted.to_owned());
    let rows = side
        .lines
        .iter()
        .map(|l| {
            let mut row = vec![
                lang.ordinal(l.rank),
                lang.numbered(l.id, &l.title),
                l.score.clone(),
            ];
            for k in 0..extra.len() {
                row.push(l.detail.get(k).map(u128::to_string).unwrap_or_default());
            }
            row.push(lang.yes_no(l.adopted).to_owned());
            row
        })
        .collect();
    (header, rows)
}

/// Longest introduction, in characters.
pub const INTRODUCTION_MAX: usize = 20_000;
/// Longest dissent note, in characters.
pub const DISSENT_MAX: usize = 5_000;

/// Why an organiser's report text was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum ReportError {
    /// The introduction is too long or has control characters.
    #[error("the introduction must be at most {max} characters without control characters")]
    Introduction {
        /// Most characters.
        max: usize,
    },
    /// A dissent note is empty, too long or has control characters.
    #[error("a dissent note must be 1 to {max} characters without control characters")]
    Dissent {
        /// Most characters.
        max: usize,
    },
    /// An argument's side is neither "for", "against" nor "none".
    #[error("unknown side")]
    Side,
}

fn clean(text: &str, min: usize, max: usize) -> Option<String> {
    let t = text.trim().replace("\r\n", "\n");
    let n = t.chars().count();
    let bad = t.chars().any(|c| c.is_control() && c != '\n' && c != '\t');
    (n >= min && n <= max && !bad).then_some(t)
}

/// Checks an introduction (may be empty).
///
/// ```
/// use domain::report::{check_introduction, ReportError};
/// assert_eq!(check_introduction("  Bonjour  ").unwrap(), "Bonjour");
/// assert!(check_introduction("a\0b").is_err());
/// ```
pub fn check_introduction(text: &str) -> Result<String, ReportError> {
    clean(text, 0, INTRODUCTION_MAX).ok_or(ReportError::Introduction {
        max: INTRODUCTION_MAX,
    })
}

/// Checks a dissent note (not empty).
pub fn check_dissent(text: &str) -> Result<String, ReportError> {
    clean(text, 1, DISSENT_MAX).ok_or(ReportError::Dissent { max: DISSENT_MAX })
}

#[cfg(test)]
mod tests;
