//! A voting round as the convention runs it: its settings checked, a ballot built from the
//! fields of a web form, the adoption rule applied to an outcome, and the document of
//! published ballots that anyone can re-count with `convention tally`.
//!
//! The round's candidates are proposals; their ids in documents are the proposal numbers
//! written in decimal (`"12"`), so a published document names the same proposals as the site.

use super::json::{self, Json};
use super::{Ballot, Choice, Election, Method, Outcome, Scores, Weighted};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Majority judgment's default scale, best first.
pub const FRENCH_SCALE: [&str; 7] = [
    "Excellent",
    "Très bien",
    "Bien",
    "Assez bien",
    "Passable",
    "Insuffisant",
    "À rejeter",
];

/// Longest round title, in characters.
pub const TITLE_MAX: usize = 200;
/// Most candidates in a round (every ballot form lists them all).
pub const CANDIDATES_MAX: usize = 100;
/// Most grades in a scale, and longest grade name.
pub const GRADES_MAX: usize = 12;
/// Longest grade name, in characters.
pub const GRADE_LEN_MAX: usize = 40;

/// Who may vote.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Electorate {
    /// The drawn members only.
    Members,
    /// Every registered citizen (members included), counted together.
    Citizens,
    /// Everyone, with the members' result and the public's shown side by side; the members'
    /// result is the one the adoption rule reads.
    Both,
}

/// Where a round stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Phase {
    /// Not opened yet: settings may change.
    Upcoming,
    /// Taking ballots: settings frozen.
    Open,
    /// Closed: results published.
    Closed,
}

impl Phase {
    /// The phase at `now` of a round open from `opens_at` until `closes_at` (Unix ms).
    pub fn at(now: i64, opens_at: i64, closes_at: i64) -> Phase {
        if now < opens_at {
            Phase::Upcoming
        } else if now < closes_at {
            Phase::Open
        } else {
            Phase::Closed
        }
    }

    /// Its name in the read API and open data.
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Upcoming => "upcoming",
            Phase::Open => "open",
            Phase::Closed => "closed",
        }
    }
}

/// Which count a ballot goes into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Side {
    /// The drawn members.
    Members,
    /// Everyone else (or everyone, in a citizens' round).
    Public,
}

impl Side {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Members => "members",
            Side::Public => "public",
        }
    }

    /// The French label the report prints.
    pub fn label(self) -> &'static str {
        match self {
            Side::Members => "membres tirés au sort",
            Side::Public => "public",
        }
    }

    /// From the stored name.
    pub fn parse(s: &str) -> Option<Side> {
        match s {
            "members" => Some(Side::Members),
            "public" => Some(Side::Public),
            _ => None,
        }
    }
}

impl Electorate {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Electorate::Members => "members",
            Electorate::Citizens => "citizens",
            Electorate::Both => "both",
        }
    }

    /// From the stored name.
    pub fn parse(s: &str) -> Option<Electorate> {
        match s {
            "members" => Some(Electorate::Members),
            "citizens" => Some(Electorate::Citizens),
            "both" => Some(Electorate::Both),
            _ => None,
        }
    }

    /// The count a voter of this role goes into, or `None` when they may not vote. Suspended
    /// accounts are refused before this is asked.
    ///
    /// ```
    /// use domain::voting::round::{Electorate, Side};
    /// use domain::Role;
    /// assert_eq!(Electorate::Members.side_of(Role::Citizen), None);
    /// assert_eq!(Electorate::Both.side_of(Role::Member), Some(Side::Members));
    /// assert_eq!(Electorate::Both.side_of(Role::Organiser), Some(Side::Public));
    /// assert_eq!(Electorate::Citizens.side_of(Role::Member), Some(Side::Public));
    /// ```
    pub fn side_of(self, role: crate::Role) -> Option<Side> {
        let member = role == crate::Role::Member;
        match self {
            Electorate::Members if member => Some(Side::Members),
            Electorate::Members => None,
            Electorate::Citizens => Some(Side::Public),
            Electorate::Both if member => Some(Side::Members),
            Electorate::Both => Some(Side::Public),
        }
    }

    /// The counts shown, official first.
    pub fn sides(self) -> &'static [Side] {
        match self {
            Electorate::Members => &[Side::Members],
            Electorate::Citizens => &[Side::Public],
            Electorate::Both => &[Side::Members, Side::Public],
        }
    }
}

/// Which candidates a round adopts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rule {
    /// None: the round is consultative.
    None,
    /// The first k places: a candidate is adopted when fewer than k candidates rank strictly
    /// above it (so a tie across the k-th place adopts the whole tier).
    Top(u32),
    /// Majority judgment: a majority grade at least this good (index in the scale, 0 best).
    Grade(u16),
    /// Measure: each measure adopted by the round's threshold.
    Measure,
}

impl Rule {
    /// Stored as (kind, k or grade index).
    pub fn stored(self) -> (&'static str, i64) {
        match self {
            Rule::None => ("none", 0),
            Rule::Top(k) => ("top", i64::from(k)),
            Rule::Grade(g) => ("grade", i64::from(g)),
            Rule::Measure => ("measure", 0),
        }
    }

    /// From the stored pair.
    pub fn from_stored(kind: &str, value: i64) -> Option<Rule> {
        match kind {
            "none" => Some(Rule::None),
            "top" => u32::try_from(value).ok().map(Rule::Top),
            "grade" => u16::try_from(value).ok().map(Rule::Grade),
            "measure" => Some(Rule::Measure),
            _ => None,
        }
    }
}

/// Why a round's settings, a ballot or a step of the round was refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum RoundError {
    /// The title is empty, too long or holds control characters.
    #[error("title must have 1 to {max} characters")]
    Title {
        /// Most characters.
        max: usize,
    },
    /// Not one of the seven methods.
    #[error("unknown method")]
    Method,
    /// The scale must have 2 to [`GRADES_MAX`] distinct non-empty grades.
    #[error("bad grade scale")]
    Grades,
    /// Budget out of 1..=1,000,000,000.
    #[error("bad budget")]
    Budget,
    /// Threshold not "p/q" with 0 ≤ p ≤ q.
    #[error("bad threshold")]
    Threshold,
    /// Unknown electorate.
    #[error("bad electorate")]
    Electorate,
    /// Fewer than 2 or more than [`CANDIDATES_MAX`] candidates, or one not open to a vote.
    #[error("candidates")]
    Candidates {
        /// Most candidates.
        max: usize,
    },
    /// A time is missing or unreadable, or the close is not after the opening.
    #[error("times")]
    Times,
    /// The adoption rule does not fit the method or is out of range.
    #[error("rule")]
    Rule,
    /// The round has opened: its settings are frozen.
    #[error("frozen")]
    Frozen,
    /// The round has not opened yet.
    #[error("not open yet")]
    NotOpen,
    /// The round has closed.
    #[error("closed")]
    Closed,
    /// Someone voted in the round (or it was counted): it can no longer be cancelled.
    #[error("has ballots")]
    HasBallots,
    /// Only a cancelled round can be deleted.
    #[error("not cancelled")]
    NotCancelled,
    /// The round was cancelled: it takes no ballot and has no result.
    #[error("cancelled")]
    Cancelled,
    /// The results are published after the close only.
    #[error("not closed yet")]
    NotClosed,
    /// The caller is not in the round's electorate.
    #[error("not eligible")]
    NotEligible,
    /// The voter took part but their ballot is no longer found under their slot (the
    /// server's ballot key changed, or the round was sealed): it stays counted as it was.
    #[error("ballot can no longer be changed")]
    Locked,
    /// Majority judgment: every candidate needs a grade.
    #[error("every candidate needs a grade")]
    BallotIncomplete,
    /// A rank, grade, amount or choice is not one the form offers.
    #[error("unreadable ballot field")]
    BallotField,
    /// Points must be whole numbers (quadratic votes too); points are never negative.
    #[error("amounts must be integers")]
    BallotAmount,
    /// The ballot spends more than the budget.
    #[error("over budget: {spent} of {budget}")]
    BallotOverBudget {
        /// What the ballot spends (capped for display when it does not fit).
        spent: String,
        /// The budget.
        budget: i128,
    },
}

/// A round's counting settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundSpec {
    /// The method.
    pub method: Method,
    /// Majority judgment's scale, best first (empty otherwise).
    pub grades: Vec<String>,
    /// Cumulative and quadratic budget (0 otherwise).
    pub budget: i64,
    /// Measure threshold p/q.
    pub threshold: (u64, u64),
    /// Measure: strictly above the threshold.
    pub strict: bool,
    /// Who votes.
    pub electorate: Electorate,
    /// What is adopted.
    pub rule: Rule,
}

/// The raw fields of a round's settings form.
#[derive(Clone, Debug, Default)]
pub struct SpecForm<'a> {
    /// Method name.
    pub method: &'a str,
    /// Scale, one grade per line, best first.
    pub grades: &'a str,
    /// Budget, decimal.
    pub budget: &'a str,
    /// "p/q".
    pub threshold: &'a str,
    /// Strictly above the threshold.
    pub strict: bool,
    /// Electorate name.
    pub electorate: &'a str,
    /// "none", "top", "grade" or "measure".
    pub rule: &'a str,
    /// k for "top".
    pub rule_k: &'a str,
    /// Grade name for "grade".
    pub rule_grade: &'a str,
}

/// Checks a round's title: 1 to [`TITLE_MAX`] characters after trimming, no control character.
pub fn check_title(title: &str) -> Result<String, RoundError> {
    let t = title.trim();
    let n = t.chars().count();
    if n == 0 || n > TITLE_MAX || t.chars().any(char::is_control) {
        return Err(RoundError::Title { max: TITLE_MAX });
    }
    Ok(t.to_owned())
}

impl RoundSpec {
    /// Reads the settings form for a round of `candidates` candidates.
    ///
    /// ```
    /// use domain::voting::round::{RoundSpec, SpecForm, Rule, RoundError};
    /// let f = SpecForm { method: "majority_judgment", grades: "Bien\nPassable\nÀ rejeter",
    ///     electorate: "members", rule: "grade", rule_grade: "Passable", ..Default::default() };
    /// assert_eq!(RoundSpec::parse(&f, 3).unwrap().rule, Rule::Grade(1));
    /// let f = SpecForm { method: "borda", electorate: "both", rule: "grade", ..Default::default() };
    /// assert_eq!(RoundSpec::parse(&f, 3), Err(RoundError::Rule));
    /// ```
    pub fn parse(f: &SpecForm<'_>, candidates: usize) -> Result<RoundSpec, RoundError> {
        let method = Method::parse(f.method.trim()).ok_or(RoundError::Method)?;
        let grades: Vec<String> = if method == Method::MajorityJudgment {
            let g: Vec<String> = f
                .grades
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect();
            let distinct = g.iter().collect::<std::collections::HashSet<_>>().len() == g.len();
            let readable = g
                .iter()
                .all(|x| x.chars().count() <= GRADE_LEN_MAX && !x.chars().any(char::is_control));
            if !(2..=GRADES_MAX).contains(&g.len()) || !distinct || !readable {
                return Err(RoundError::Grades);
            }
            g
        } else {
            Vec::new()
        };
        let budget = if matches!(method, Method::Cumulative | Method::Quadratic) {
            match f.budget.trim().parse::<i64>() {
                Ok(b) if (1..=super::BUDGET_MAX as i64).contains(&b) => b,
                _ => return Err(RoundError::Budget),
            }
        } else {
            0
        };
        let threshold = if method == Method::Measure {
            super::parse_threshold(f.threshold.trim()).ok_or(RoundError::Threshold)?
        } else {
            (0, 1)
        };
        let electorate = Electorate::parse(f.electorate).ok_or(RoundError::Electorate)?;
        if !(2..=CANDIDATES_MAX).contains(&candidates) {
            return Err(RoundError::Candidates {
                max: CANDIDATES_MAX,
            });
        }
        let rule = match f.rule {
            "none" | "" => Rule::None,
            "top" => match f.rule_k.trim().parse::<u32>() {
                Ok(k) if k >= 1 && (k as usize) < candidates => Rule::Top(k),
                _ => return Err(RoundError::Rule),
            },
            "grade" if method == Method::MajorityJudgment => {
                let g = f.rule_grade.trim();
                let i = grades.iter().position(|x| x == g).ok_or(RoundError::Rule)?;
                Rule::Grade(i as u16)
            }
            "measure" if method == Method::Measure => Rule::Measure,
            _ => return Err(RoundError::Rule),
        };
        Ok(RoundSpec {
            method,
            grades,
            budget,
            threshold,
            strict: f.strict,
            electorate,
            rule,
        })
    }

    /// The election a tally runs, on these candidate ids.
    pub fn election(&self, candidates: Vec<String>) -> Election {
        Election {
            method: self.method,
            candidates,
            grades: self.grades.clone(),
            budget: i128::from(self.budget),
            threshold: self.threshold,
            strict: self.strict,
        }
    }

    /// The adopted candidates (indexes) of an outcome. Nothing is adopted when no ballot
    /// counted.
    pub fn adopted(&self, outcome: &Outcome) -> Vec<usize> {
        if outcome.weight_counted == 0 {
            return Vec::new();
        }
        let mut out = Vec::new();
        match (self.rule, &outcome.scores) {
            (Rule::None, _) => {}
            (Rule::Top(k), _) => {
                let mut above = 0usize;
                for tier in &outcome.ranking {
                    if above >= k as usize {
                        break;
                    }
                    out.extend_from_slice(tier);
                    above += tier.len();
                }
            }
            (Rule::Grade(g), Scores::Grades(Some(majority))) => {
                out.extend((0..majority.len()).filter(|i| majority[*i] <= usize::from(g)));
            }
            (Rule::Measure, Scores::Measures(m)) => {
                out.extend((0..m.len()).filter(|i| m[*i].adopted));
            }
            _ => {}
        }
        out.sort_unstable();
        out
    }
}

fn amount(raw: &str) -> Result<i128, RoundError> {
    let t = raw.trim();
    if t.is_empty() {
        return Ok(0);
    }
    let digits = t.strip_prefix('-').unwrap_or(t);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(RoundError::BallotAmount);
    }
    // Too many digits for 128 bits is over any budget, not unreadable.
    t.parse::<i128>().or(Ok(i128::MAX))
}

/// Builds a ballot's JSON from a form: `fields` maps candidate ids to the submitted value
/// (rank "1".."n" or empty; grade index; "on" for approval; an integer amount; "for",
/// "against" or "abstain"). The result is checked by the same code `convention tally` uses.
///
/// ```
/// use domain::voting::round::{ballot_from_form, RoundError, RoundSpec, Electorate, Rule};
/// use domain::voting::Method;
/// use std::collections::HashMap;
/// let spec = RoundSpec { method: Method::Cumulative, grades: vec![], budget: 10, threshold: (0, 1),
///     strict: true, electorate: Electorate::Members, rule: Rule::None };
/// let ids = vec!["1".to_string(), "2".to_string()];
/// let f = |a: &str, b: &str| HashMap::from([("1".to_string(), a.to_string()), ("2".to_string(), b.to_string())]);
/// assert_eq!(ballot_from_form(&spec, &ids, &f("7", "3")).unwrap(), r#"{"points":{"1":7,"2":3}}"#);
/// assert!(matches!(ballot_from_form(&spec, &ids, &f("7", "4")), Err(RoundError::BallotOverBudget { .. })));
/// assert_eq!(ballot_from_form(&spec, &ids, &f("2.5", "")), Err(RoundError::BallotAmount));
/// ```
pub fn ballot_from_form(
    spec: &RoundSpec,
    ids: &[String],
    fields: &HashMap<String, String>,
) -> Result<String, RoundError> {
    let value = |id: &String| fields.get(id).map(|v| v.trim()).unwrap_or("");
    let q = |s: &str| json::quote(s);
    let member = spec.method.ballot_member();
    let body = match spec.method {
        Method::Borda | Method::Schulze => {
            let mut ranked: Vec<(usize, &String)> = Vec::new();
            for id in ids {
                let v = value(id);
                if v.is_empty() {
                    continue;
                }
                match v.parse::<usize>() {
                    Ok(r) if (1..=ids.len()).contains(&r) => ranked.push((r, id)),
                    _ => return Err(RoundError::BallotField),
                }
            }
            ranked.sort();
            let mut groups: Vec<Vec<&String>> = Vec::new();
            let mut last = None;
            for (r, id) in ranked {
                if last == Some(r) {
                    groups.last_mut().expect("a group").push(id);
                } else {
                    groups.push(vec![id]);
                    last = Some(r);
                }
            }
            let groups: Vec<String> = groups
                .iter()
                .map(|g| match g.as_slice() {
                    [one] => q(one),
                    many => format!(
                        "[{}]",
                        many.iter().map(|i| q(i)).collect::<Vec<_>>().join(",")
                    ),
                })
                .collect();
            format!("[{}]", groups.join(","))
        }
        Method::MajorityJudgment => {
            let mut pairs = Vec::new();
            for id in ids {
                let v = value(id);
                if v.is_empty() {
                    return Err(RoundError::BallotIncomplete);
                }
                let g = v
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| spec.grades.get(i))
                    .ok_or(RoundError::BallotField)?;
                pairs.push(format!("{}:{}", q(id), q(g)));
            }
            format!("{{{}}}", pairs.join(","))
        }
        Method::Approval => {
            let approved: Vec<String> = ids
                .iter()
                .filter(|id| matches!(value(id), "on" | "true" | "1"))
                .map(|id| q(id))
                .collect();
            format!("[{}]", approved.join(","))
        }
        Method::Cumulative | Method::Quadratic => {
            let quadratic = spec.method == Method::Quadratic;
            let mut spent: Option<i128> = Some(0);
            let mut pairs = Vec::new();
            for id in ids {
                let v = amount(value(id))?;
                if v < 0 && !quadratic {
                    return Err(RoundError::BallotAmount);
                }
                let cost = if quadratic { v.checked_mul(v) } else { Some(v) };
                spent = spent.zip(cost).and_then(|(s, c)| s.checked_add(c));
                if v != 0 {
                    pairs.push(format!("{}:{v}", q(id)));
                }
            }
            let budget = i128::from(spec.budget);
            match spent {
                Some(s) if s <= budget => {}
                other => {
                    return Err(RoundError::BallotOverBudget {
                        spent: other.map_or_else(|| "∞".to_owned(), |s| s.to_string()),
                        budget,
                    })
                }
            }
            format!("{{{}}}", pairs.join(","))
        }
        Method::Measure => {
            let mut pairs = Vec::new();
            for id in ids {
                match value(id) {
                    "" => {}
                    c @ ("for" | "against" | "abstain") => {
                        pairs.push(format!("{}:{}", q(id), q(c)))
                    }
                    _ => return Err(RoundError::BallotField),
                }
            }
            format!("{{{}}}", pairs.join(","))
        }
    };
    let ballot = format!("{{{}:{body}}}", q(member));
    // The form's rules are at least as strict as the tally's; this keeps it so.
    let election = spec.election(ids.to_vec());
    match json::parse(&ballot).ok().and_then(|j| election.ballot(&j)) {
        Some(_) => Ok(ballot),
        None => Err(RoundError::BallotField),
    }
}

/// A stored ballot back as form values (candidate id → value), to pre-fill the form of a
/// voter who changes their ballot. Empty when the ballot does not read.
pub fn form_values(spec: &RoundSpec, ids: &[String], stored: &str) -> HashMap<String, String> {
    let election = spec.election(ids.to_vec());
    let Some(Weighted { ballot, .. }) = json::parse(stored).ok().and_then(|j| election.ballot(&j))
    else {
        return HashMap::new();
    };
    let mut out = HashMap::new();
    for (i, id) in ids.iter().enumerate() {
        let v = match &ballot {
            Ballot::Ranking(levels) => {
                // Ids are decimal numbers, so a quoted id appears in the text only where the
                // ballot lists it.
                if !stored.contains(&json::quote(id)) {
                    continue;
                }
                (levels[i] + 1).to_string()
            }
            Ballot::Grades(g) => g[i].to_string(),
            Ballot::Approve(a) if a[i] => "on".to_owned(),
            Ballot::Approve(_) => continue,
            Ballot::Amounts(a) if a[i] != 0 => a[i].to_string(),
            Ballot::Amounts(_) => continue,
            Ballot::Choices(c) => match c[i] {
                Some(Choice::For) => "for".to_owned(),
                Some(Choice::Against) => "against".to_owned(),
                Some(Choice::Abstain) => "abstain".to_owned(),
                None => continue,
            },
        };
        out.insert(id.clone(), v);
    }
    out
}

/// Tallies stored ballots (each a ballot's JSON) for an election.
pub fn count(election: &Election, stored: &[String]) -> (Outcome, Vec<Weighted>) {
    let mut valid = Vec::with_capacity(stored.len());
    let mut rejected = 0;
    for s in stored {
        match json::parse(s).ok().and_then(|j| election.ballot(&j)) {
            Some(w) => valid.push(w),
            None => rejected += 1,
        }
    }
    (super::tally(election, &valid, rejected), valid)
}

/// Majority judgment's merit profile: per candidate, the weight of each grade (best first).
pub fn merit_profile(election: &Election, valid: &[Weighted]) -> Vec<Vec<u128>> {
    let mut out = vec![vec![0u128; election.grades.len()]; election.candidates.len()];
    for b in valid {
        if let Ballot::Grades(g) = &b.ballot {
            for (c, grade) in g.iter().enumerate() {
                out[c][usize::from(*grade)] += u128::from(b.weight);
            }
        }
    }
    out
}

/// The published ballots of a round: a `convention tally` document with the ballots in the
/// given (shuffled) order, a parallel `receipts` array, and `titles` naming the proposals
/// (tally ignores both).
pub fn published_document(
    election: &Election,
    titles: &[String],
    ballots: &[(String, String)],
) -> String {
    let q = |s: &str| json::quote(s);
    let list = |v: &[String]| v.iter().map(|s| q(s)).collect::<Vec<_>>().join(",");
    let mut out = format!(
        "{{\"method\":{},\"candidates\":[{}]",
        q(election.method.as_str()),
        list(&election.candidates)
    );
    match election.method {
        Method::MajorityJudgment => {
            out.push_str(&format!(",\"grades\":[{}]", list(&election.grades)))
        }
        Method::Cumulative | Method::Quadratic => {
            out.push_str(&format!(",\"budget\":{}", election.budget))
        }
        Method::Measure => out.push_str(&format!(
            ",\"threshold\":\"{}/{}\",\"strict\":{}",
            election.threshold.0, election.threshold.1, election.strict
        )),
        _ => {}
    }
    let titles: Vec<String> = election
        .candidates
        .iter()
        .zip(titles)
        .map(|(id, t)| format!("{}:{}", q(id), q(t)))
        .collect();
    out.push_str(&format!(",\"titles\":{{{}}}", titles.join(",")));
    // Stored ballots were built by `ballot_from_form` and are valid JSON; one that is not
    // (a hand-edited database) is published as a string so the document still reads.
    let raw: Vec<String> = ballots
        .iter()
        .map(|(_, b)| match json::parse(b) {
            Ok(Json::Object(_)) => b.clone(),
            _ => q(b),
        })
        .collect();
    out.push_str(&format!(",\"ballots\":[{}]", raw.join(",")));
    let receipts: Vec<String> = ballots.iter().map(|(r, _)| q(r)).collect();
    out.push_str(&format!(",\"receipts\":[{}]}}", receipts.join(",")));
    out.push('\n');
    out
}

/// One candidate's line in a count's results, in ranking order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    /// Candidate index in the election.
    pub index: usize,
    /// Place, 1 = best (shared by a tier).
    pub rank: usize,
    /// The method's score as text: points, majority grade, candidates defeated, share "for".
    pub score: String,
    /// Majority judgment: weight per grade, best first; measure: for, against, abstain.
    pub detail: Vec<u128>,
    /// Adopted by the round's rule (the official count only).
    pub adopted: bool,
}

/// A count made readable: ranked lines, the chart, Schulze's pairwise matrix.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// Lines in ranking order.
    pub lines: Vec<Line>,
    /// SVG drawn by [`super::chart`], escaped there.
    pub chart: String,
    /// Schulze: d[x][y] in candidate order (empty otherwise).
    pub pairwise: Vec<Vec<u128>>,
}

/// One side's count of a closed round, as stored when the round is counted: what the results
/// page, the report, the read API and the exports all read afterwards.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SideResult {
    /// Members or public.
    pub side: Side,
    /// The count the adoption rule reads.
    pub official: bool,
    /// People who voted on that side.
    pub voters: u64,
    /// Valid ballots.
    pub ballots_counted: usize,
    /// Invalid ballots.
    pub ballots_rejected: usize,
    /// Ranked lines, chart and matrix.
    pub summary: Summary,
    /// `convention tally`'s answer for this count (its JSON document).
    pub tally: String,
}

/// A closed round's result: counted once, at the close, and stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundResult {
    /// One count per side of the electorate, the official one first.
    pub sides: Vec<SideResult>,
    /// Proposal ids the official count adopts under the round's rule.
    pub adopted: Vec<crate::ProposalId>,
}

impl RoundResult {
    /// Counts every side of a round from its stored ballots (`(side, content)` pairs) and its
    /// participation per side; `candidates` are the proposal ids in ballot order and
    /// `caption` heads the charts.
    pub fn count(
        spec: &RoundSpec,
        candidates: &[crate::ProposalId],
        caption: &str,
        ballots: &[(Side, &str)],
        voters: impl Fn(Side) -> u64,
    ) -> RoundResult {
        let ids: Vec<String> = candidates.iter().map(ToString::to_string).collect();
        let election = spec.election(ids);
        let labels: Vec<String> = candidates.iter().map(|c| format!("n° {c}")).collect();
        let mut sides = Vec::new();
        let mut adopted = Vec::new();
        for (n, side) in spec.electorate.sides().iter().enumerate() {
            let mine: Vec<String> = ballots
                .iter()
                .filter(|(s, _)| s == side)
                .map(|(_, c)| (*c).to_owned())
                .collect();
            let (outcome, valid) = count(&election, &mine);
            let official = n == 0;
            if official {
                adopted = spec
                    .adopted(&outcome)
                    .into_iter()
                    .map(|i| candidates[i])
                    .collect();
            }
            let caption = format!("{caption} — {}", side.as_str());
            let summary = summarise(
                spec, &election, &outcome, &valid, official, &caption, &labels,
            );
            sides.push(SideResult {
                side: *side,
                official,
                voters: voters(*side),
                ballots_counted: outcome.ballots_counted,
                ballots_rejected: outcome.ballots_rejected,
                tally: outcome.to_json(&election),
                summary,
            });
        }
        RoundResult { sides, adopted }
    }
}

/// Summarises one count of a round for people: the results page and the report both show
/// this. `official` says whether the adoption rule applies to it; `labels` name the
/// candidates on the chart.
pub fn summarise(
    spec: &RoundSpec,
    election: &Election,
    outcome: &Outcome,
    valid: &[Weighted],
    official: bool,
    caption: &str,
    labels: &[String],
) -> Summary {
    use super::chart;
    let adopted = if official {
        spec.adopted(outcome)
    } else {
        Vec::new()
    };
    let profile = merit_profile(election, valid);
    let mut lines = Vec::new();
    let mut place = 1;
    for tier in &outcome.ranking {
        for &i in tier {
            let (score, detail) = match &outcome.scores {
                Scores::Numbers(s) => (s[i].to_string(), Vec::new()),
                Scores::Grades(None) => ("—".to_owned(), Vec::new()),
                Scores::Grades(Some(g)) => (election.grades[g[i]].clone(), profile[i].clone()),
                Scores::Measures(m) => {
                    let cast = m[i].for_ + m[i].against;
                    let share = (m[i].for_ * 100)
                        .checked_div(cast)
                        .map_or_else(|| "—".to_owned(), |p| format!("{p} %"));
                    (share, vec![m[i].for_, m[i].against, m[i].abstain])
                }
            };
            lines.push(Line {
                index: i,
                rank: place,
                score,
                detail,
                adopted: adopted.contains(&i),
            });
        }
        place += tier.len();
    }
    let chart = match (&outcome.scores, &outcome.pairwise) {
        (_, Some(d)) => chart::pairwise(caption, labels, d),
        (Scores::Grades(_), _) => {
            chart::merit_profiles(caption, labels, &election.grades, &profile)
        }
        (Scores::Measures(m), _) => chart::measure_bars(
            caption,
            labels,
            &m.iter()
                .map(|x| (x.for_, x.against, x.abstain))
                .collect::<Vec<_>>(),
        ),
        (Scores::Numbers(s), _) => chart::bars(caption, labels, s),
    };
    Summary {
        lines,
        chart,
        pairwise: outcome.pairwise.clone().unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(method: Method) -> RoundSpec {
        RoundSpec {
            method,
            grades: FRENCH_SCALE.iter().map(|s| s.to_string()).collect(),
            budget: 9,
            threshold: (1, 2),
            strict: true,
            electorate: Electorate::Both,
            rule: Rule::None,
        }
    }

    fn ids() -> Vec<String> {
        vec!["3".into(), "5".into(), "8".into()]
    }

    fn form(v: &[&str]) -> HashMap<String, String> {
        ids()
            .into_iter()
            .zip(v.iter().map(|s| s.to_string()))
            .collect()
    }

    #[test]
    fn rankings_group_equal_numbers_and_leave_blanks_unlisted() {
        let s = spec(Method::Schulze);
        assert_eq!(
            ballot_from_form(&s, &ids(), &form(&["2", "", "2"])).unwrap(),
            r#"{"ranking":[["3","8"]]}"#
        );
        assert_eq!(
            ballot_from_form(&s, &ids(), &form(&["3", "1", "2"])).unwrap(),
            r#"{"ranking":["5","8","3"]}"#
        );
        assert_eq!(
            ballot_from_form(&s, &ids(), &form(&["4", "", ""])),
            Err(RoundError::BallotField)
        );
        assert_eq!(
            ballot_from_form(&s, &ids(), &form(&["x", "", ""])),
            Err(RoundError::BallotField)
        );
    }

    #[test]
    fn form_values_read_back_what_the_form_wrote() {
        for (method, values) in [
            (Method::Borda, vec!["1", "", "2"]),
            (Method::MajorityJudgment, vec!["0", "6", "3"]),
            (Method::Approval, vec!["on", "", "on"]),
            (Method::Cumulative, vec!["4", "", "5"]),
            (Method::Quadratic, vec!["-2", "1", "2"]),
            (Method::Measure, vec!["for", "", "abstain"]),
        ] {
            let s = spec(method);
            let stored = ballot_from_form(&s, &ids(), &form(&values)).unwrap();
            let back = form_values(&s, &ids(), &stored);
            for (id, v) in ids().iter().zip(&values) {
                assert_eq!(
                    back.get(id).map(String::as_str).unwrap_or(""),
                    *v,
                    "{method:?}"
                );
            }
        }
    }

    #[test]
    fn ballots_break_the_rules_with_a_named_error() {
        assert_eq!(
            ballot_from_form(
                &spec(Method::MajorityJudgment),
                &ids(),
                &form(&["0", "", "1"])
            ),
            Err(RoundError::BallotIncomplete)
        );
        assert_eq!(
            ballot_from_form(
                &spec(Method::MajorityJudgment),
                &ids(),
                &form(&["0", "7", "1"])
            ),
            Err(RoundError::BallotField)
        );
        assert_eq!(
            ballot_from_form(&spec(Method::Cumulative), &ids(), &form(&["-1", "", ""])),
            Err(RoundError::BallotAmount)
        );
        // 4 + 4 + 1 spends the whole budget of 9: allowed.
        assert!(
            ballot_from_form(&spec(Method::Quadratic), &ids(), &form(&["2", "-2", "1"])).is_ok()
        );
        assert!(matches!(
            ballot_from_form(&spec(Method::Quadratic), &ids(), &form(&["2", "2", "2"])),
            Err(RoundError::BallotOverBudget { .. })
        ));
        assert!(matches!(
            ballot_from_form(
                &spec(Method::Quadratic),
                &ids(),
                &form(&["99999999999999999999999999999999999999999", "", ""])
            ),
            Err(RoundError::BallotOverBudget { .. })
        ));
        assert_eq!(
            ballot_from_form(&spec(Method::Measure), &ids(), &form(&["pour", "", ""])),
            Err(RoundError::BallotField)
        );
    }

    #[test]
    fn adoption_rules() {
        let s = |rule| RoundSpec {
            rule,
            ..spec(Method::Borda)
        };
        let e = spec(Method::Borda).election(ids());
        let stored = vec![
            r#"{"ranking":["3",["5","8"]]}"#.to_string(),
            r#"{"ranking":["5"]}"#.to_string(),
        ];
        let (outcome, _) = count(&e, &stored);
        // Borda: 3 → 2, 5 → 2, 8 → 0.
        assert_eq!(s(Rule::Top(1)).adopted(&outcome), vec![0, 1]);
        assert_eq!(s(Rule::Top(2)).adopted(&outcome), vec![0, 1]);
        assert_eq!(s(Rule::None).adopted(&outcome), Vec::<usize>::new());
        let (empty, _) = count(&e, &[]);
        assert_eq!(s(Rule::Top(2)).adopted(&empty), Vec::<usize>::new());

        let mj = RoundSpec {
            rule: Rule::Grade(2),
            ..spec(Method::MajorityJudgment)
        };
        let e = mj.election(ids());
        let stored = vec![
            r#"{"grades":{"3":"Bien","5":"Passable","8":"Excellent"}}"#.to_string(),
            r#"{"grades":{"3":"Très bien","5":"Bien","8":"À rejeter"}}"#.to_string(),
        ];
        let (outcome, valid) = count(&e, &stored);
        // Lower medians: 3 → Bien, 5 → Passable, 8 → À rejeter.
        assert_eq!(mj.adopted(&outcome), vec![0]);
        assert_eq!(merit_profile(&e, &valid)[0], vec![0, 1, 1, 0, 0, 0, 0]);
    }

    #[test]
    fn published_documents_recount_to_the_same_result() {
        let s = spec(Method::Measure);
        let e = s.election(ids());
        let ballots = vec![
            ("AAAA".to_string(), r#"{"choices":{"3":"for"}}"#.to_string()),
            (
                "BBBB".to_string(),
                r#"{"choices":{"3":"against","5":"for"}}"#.to_string(),
            ),
        ];
        let titles = vec!["Un \"titre\"".to_string(), "b".into(), "c".into()];
        let doc = published_document(&e, &titles, &ballots);
        let stored: Vec<String> = ballots.iter().map(|b| b.1.clone()).collect();
        let (outcome, _) = count(&e, &stored);
        assert_eq!(super::super::run(&doc).unwrap(), outcome.to_json(&e));
        assert!(doc.contains(r#""receipts":["AAAA","BBBB"]"#));
    }

    #[test]
    fn spec_checks() {
        let base = SpecForm {
            method: "cumulative",
            budget: "10",
            electorate: "citizens",
            rule: "top",
            rule_k: "1",
            ..Default::default()
        };
        assert!(RoundSpec::parse(&base, 2).is_ok());
        assert_eq!(
            RoundSpec::parse(&base, 1),
            Err(RoundError::Candidates {
                max: CANDIDATES_MAX
            })
        );
        assert_eq!(
            RoundSpec::parse(
                &SpecForm {
                    budget: "0",
                    ..base.clone()
                },
                2
            ),
            Err(RoundError::Budget)
        );
        assert_eq!(
            RoundSpec::parse(
                &SpecForm {
                    rule_k: "2",
                    ..base.clone()
                },
                2
            ),
            Err(RoundError::Rule)
        );
        assert_eq!(
            RoundSpec::parse(
                &SpecForm {
                    method: "Borda",
                    ..base.clone()
                },
                2
            ),
            Err(RoundError::Method)
        );
        assert_eq!(
            RoundSpec::parse(
                &SpecForm {
                    electorate: "all",
                    ..base.clone()
                },
                2
            ),
            Err(RoundError::Electorate)
        );
        let m = SpecForm {
            method: "measure",
            threshold: "01/2",
            electorate: "members",
            rule: "measure",
            ..Default::default()
        };
        assert_eq!(RoundSpec::parse(&m, 3), Err(RoundError::Threshold));
        assert!(RoundSpec::parse(
            &SpecForm {
                threshold: "1/2",
                ..m.clone()
            },
            3
        )
        .is_ok());
        let g = SpecForm {
            method: "majority_judgment",
            grades: "Bien\nBien",
            electorate: "members",
            ..Default::default()
        };
        assert_eq!(RoundSpec::parse(&g, 3), Err(RoundError::Grades));
        assert_eq!(check_title("  "), Err(RoundError::Title { max: TITLE_MAX }));
        assert_eq!(check_title(" Vote 1 ").unwrap(), "Vote 1");
    }
}
