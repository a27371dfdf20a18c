//! Preference voting: the seven methods a convention votes with, computed exactly.
//!
//! A tally reads one document ([`Document::read`]), judges each ballot on its own
//! ([`Document::ballots`]: invalid ballots are counted, never fatal) and counts the valid ones
//! ([`tally`]). Everything is integer arithmetic in 128 bits: with at most a billion weight per
//! ballot, no sum here can overflow, and no floating point ever decides a ranking.

pub mod chart;
#[cfg(test)]
mod crosscheck;
pub mod json;
pub mod methods;
pub mod round;
#[cfg(test)]
mod tests;

use json::{Integer, Json};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::ops::Range;

/// The methods, by their names in documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Points by rank.
    Borda,
    /// Condorcet by widest paths.
    Schulze,
    /// Balinski–Laraki majority judgment.
    MajorityJudgment,
    /// One approval per acceptable candidate.
    Approval,
    /// Points to share within a budget.
    Cumulative,
    /// Votes whose squares share a budget.
    Quadratic,
    /// Each candidate a measure, adopted or not on its own.
    Measure,
}

impl Method {
    /// Every method.
    pub const ALL: [Method; 7] = [
        Method::Borda,
        Method::Schulze,
        Method::MajorityJudgment,
        Method::Approval,
        Method::Cumulative,
        Method::Quadratic,
        Method::Measure,
    ];

    /// The name in documents.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Borda => "borda",
            Method::Schulze => "schulze",
            Method::MajorityJudgment => "majority_judgment",
            Method::Approval => "approval",
            Method::Cumulative => "cumulative",
            Method::Quadratic => "quadratic",
            Method::Measure => "measure",
        }
    }

    /// From its exact name.
    pub fn parse(name: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.as_str() == name)
    }

    /// The one member a ballot of this method carries besides `weight`.
    pub fn ballot_member(self) -> &'static str {
        match self {
            Method::Borda | Method::Schulze => "ranking",
            Method::MajorityJudgment => "grades",
            Method::Approval => "approve",
            Method::Cumulative => "points",
            Method::Quadratic => "votes",
            Method::Measure => "choices",
        }
    }
}

/// Why a document cannot be tallied at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fatal(pub String);

impl fmt::Display for Fatal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn fatal<T>(msg: impl Into<String>) -> Result<T, Fatal> {
    Err(Fatal(msg.into()))
}

/// Most weight a ballot may carry, and largest budget.
pub const WEIGHT_MAX: i128 = 1_000_000_000;
/// Largest budget (cumulative and quadratic).
pub const BUDGET_MAX: i128 = 1_000_000_000;
/// Largest threshold denominator (measure).
pub const THRESHOLD_Q_MAX: u64 = 1_000_000_000;

/// What is being decided, and by which rules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Election {
    /// The method.
    pub method: Method,
    /// Candidate ids, in document order.
    pub candidates: Vec<String>,
    /// Majority judgment's scale, best first.
    pub grades: Vec<String>,
    /// Cumulative and quadratic budget.
    pub budget: i128,
    /// Measure threshold p/q.
    pub threshold: (u64, u64),
    /// Measure: strictly above the threshold (default) or at least.
    pub strict: bool,
}

/// A measure ballot's answer on one measure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    /// Pour.
    For,
    /// Contre.
    Against,
    /// Abstention.
    Abstain,
}

/// A valid ballot, in candidate order (index i is `candidates[i]`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ballot {
    /// Ranking levels, 0 best; unlisted candidates share the level below every listed one.
    Ranking(Vec<u32>),
    /// Grade index per candidate (0 = best); unnamed candidates get the worst.
    Grades(Vec<u16>),
    /// Approved or not.
    Approve(Vec<bool>),
    /// Points (cumulative) or votes (quadratic).
    Amounts(Vec<i128>),
    /// A choice per measure, or none.
    Choices(Vec<Option<Choice>>),
}

/// A valid ballot and its weight.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Weighted {
    /// The ballot.
    pub ballot: Ballot,
    /// How many identical ballots it stands for, 1 to [`WEIGHT_MAX`].
    pub weight: u64,
}

/// A tally document, read and checked but for its ballots.
#[derive(Clone, Debug)]
pub struct Document {
    /// The election.
    pub election: Election,
    /// The raw ballots, each judged by [`Election::ballot`].
    pub raw_ballots: Vec<Json>,
}

fn members_once(members: &[(String, Json)]) -> Option<HashMap<&str, &Json>> {
    let mut map = HashMap::with_capacity(members.len());
    for (k, v) in members {
        if map.insert(k.as_str(), v).is_some() {
            return None;
        }
    }
    Some(map)
}

fn unique_strings(v: &Json, what: &str) -> Result<Vec<String>, Fatal> {
    let Json::Array(items) = v else {
        return fatal(format!("{what} must be an array of strings"));
    };
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let Some(s) = item.as_str() else {
            return fatal(format!("{what} must be an array of strings"));
        };
        if !seen.insert(s) {
            return fatal(format!("{what} repeats {}", json::quote(s)));
        }
        out.push(s.to_owned());
    }
    if out.is_empty() {
        return fatal(format!("{what} must not be empty"));
    }
    Ok(out)
}

/// "p/q": decimal integers without sign, spaces or leading zeros, 0 ≤ p ≤ q, 1 ≤ q ≤ 10⁹.
pub(crate) fn parse_threshold(s: &str) -> Option<(u64, u64)> {
    let (p, q) = s.split_once('/')?;
    let number = |t: &str| -> Option<u64> {
        let canonical = !t.is_empty()
            && t.len() <= 10
            && t.bytes().all(|b| b.is_ascii_digit())
            && (t == "0" || !t.starts_with('0'));
        canonical.then(|| t.parse().ok()).flatten()
    };
    let (p, q) = (number(p)?, number(q)?);
    ((1..=THRESHOLD_Q_MAX).contains(&q) && p <= q).then_some((p, q))
}

impl Document {
    /// Reads a tally document; [`Fatal`] when it is not JSON, not an object, repeats a
    /// top-level member, or a member the method uses is missing or breaks its rule.
    pub fn read(input: &str) -> Result<Document, Fatal> {
        let (election, spans) = Document::read_spans(input)?;
        // Each span was checked as JSON by the first pass.
        let raw_ballots = spans
            .into_iter()
            .map(|r| json::parse(&input[r]).unwrap_or(Json::Deep))
            .collect();
        Ok(Document {
            election,
            raw_ballots,
        })
    }

    /// Reads a tally document's election, leaving its ballots as byte ranges of `input` (see
    /// [`json::parse_document`]) for [`Election::ballots_in`] to judge one at a time. Fatal
    /// in exactly the same cases as [`Document::read`].
    pub fn read_spans(input: &str) -> Result<(Election, Vec<Range<usize>>), Fatal> {
        let (root, spans) = json::parse_document(input).map_err(|e| Fatal(e.to_string()))?;
        let Json::Object(members) = root else {
            return fatal("the document must be a JSON object");
        };
        let Some(m) = members_once(&members) else {
            return fatal("the document repeats a member name");
        };
        let method = match m.get("method") {
            Some(Json::String(s)) => Method::parse(s)
                .ok_or_else(|| Fatal(format!("unknown method {}", json::quote(s))))?,
            _ => return fatal("\"method\" must be a method name"),
        };
        let candidates = match m.get("candidates") {
            Some(v) => unique_strings(v, "\"candidates\"")?,
            None => return fatal("\"candidates\" is missing"),
        };
        if !matches!(m.get("ballots"), Some(Json::Array(_))) {
            return fatal("\"ballots\" must be an array");
        }
        let grades = if method == Method::MajorityJudgment {
            match m.get("grades") {
                Some(v) => unique_strings(v, "\"grades\"")?,
                None => return fatal("\"grades\" is missing"),
            }
        } else {
            Vec::new()
        };
        if grades.len() > usize::from(u16::MAX) {
            return fatal("\"grades\" has too many grades");
        }
        let budget = if matches!(method, Method::Cumulative | Method::Quadratic) {
            match m.get("budget").and_then(|b| b.integer()) {
                Some(Integer::Fits(b)) if (0..=BUDGET_MAX).contains(&b) => b,
                _ => return fatal("\"budget\" must be an integer from 0 to 1000000000"),
            }
        } else {
            0
        };
        let (threshold, strict) = if method == Method::Measure {
            let t = match m.get("threshold") {
                Some(Json::String(s)) => parse_threshold(s),
                _ => None,
            }
            .ok_or_else(|| {
                Fatal(
                    "\"threshold\" must be a string \"p/q\" with 0 ≤ p ≤ q, 1 ≤ q ≤ 1000000000"
                        .into(),
                )
            })?;
            let strict = match m.get("strict") {
                None => true,
                Some(Json::Bool(b)) => *b,
                Some(_) => return fatal("\"strict\" must be a boolean"),
            };
            (t, strict)
        } else {
            ((0, 1), true)
        };
        let election = Election {
            method,
            candidates,
            grades,
            budget,
            threshold,
            strict,
        };
        Ok((election, spans))
    }
}

impl Election {
    fn index(&self) -> HashMap<&str, usize> {
        self.candidates
            .iter()
            .enumerate()
            .map(|(i, c)| (c.as_str(), i))
            .collect()
    }

    /// Judges the ballots at `spans` of `input`, reading one at a time: the valid ones, and how
    /// many were rejected.
    pub fn ballots_in(&self, input: &str, spans: &[Range<usize>]) -> (Vec<Weighted>, usize) {
        let index = self.index();
        let mut valid = Vec::with_capacity(spans.len());
        let mut rejected = 0;
        for r in spans {
            let judged = json::parse(&input[r.clone()])
                .ok()
                .and_then(|raw| self.ballot_with(&index, &raw));
            match judged {
                Some(w) => valid.push(w),
                None => rejected += 1,
            }
        }
        (valid, rejected)
    }

    /// Judges every raw ballot: the valid ones, and how many were rejected.
    pub fn ballots(&self, raw: &[Json]) -> (Vec<Weighted>, usize) {
        let index = self.index();
        let mut valid = Vec::with_capacity(raw.len());
        let mut rejected = 0;
        for b in raw {
            match self.ballot_with(&index, b) {
                Some(w) => valid.push(w),
                None => rejected += 1,
            }
        }
        (valid, rejected)
    }

    /// One ballot, if valid for this election.
    ///
    /// ```
    /// use domain::voting::{json::parse, Ballot, Document};
    /// let doc = Document::read(r#"{"method":"borda","candidates":["a","b","c"],"ballots":[]}"#).unwrap();
    /// let e = doc.election;
    /// let ok = e.ballot(&parse(r#"{"ranking":["b",["a","c"]],"weight":2}"#).unwrap()).unwrap();
    /// assert_eq!(ok.ballot, Ballot::Ranking(vec![1, 0, 1]));
    /// assert!(e.ballot(&parse(r#"{"ranking":["a","a"]}"#).unwrap()).is_none());
    /// assert!(e.ballot(&parse(r#"{"ranking":[],"weight":2.0}"#).unwrap()).is_none());
    /// ```
    pub fn ballot(&self, raw: &Json) -> Option<Weighted> {
        self.ballot_with(&self.index(), raw)
    }

    fn ballot_with(&self, index: &HashMap<&str, usize>, raw: &Json) -> Option<Weighted> {
        let Json::Object(members) = raw else {
            return None;
        };
        let m = members_once(members)?;
        let wanted = self.method.ballot_member();
        if m.keys().any(|k| *k != wanted && *k != "weight") {
            return None;
        }
        let weight = match m.get("weight") {
            None => 1,
            Some(w) => match w.integer() {
                Some(Integer::Fits(w)) if (1..=WEIGHT_MAX).contains(&w) => w as u64,
                _ => return None,
            },
        };
        let value = m.get(wanted)?;
        let n = self.candidates.len();
        let ballot = match self.method {
            Method::Borda | Method::Schulze => {
                let Json::Array(groups) = value else {
                    return None;
                };
                let unlisted = u32::try_from(groups.len()).ok()?;
                let mut levels = vec![unlisted; n];
                let mut seen = vec![false; n];
                for (level, group) in groups.iter().enumerate() {
                    let ids: &[Json] = match group {
                        Json::String(_) => std::slice::from_ref(group),
                        Json::Array(ids) if !ids.is_empty() => ids,
                        _ => return None,
                    };
                    for id in ids {
                        let i = *index.get(id.as_str()?)?;
                        if std::mem::replace(&mut seen[i], true) {
                            return None;
                        }
                        levels[i] = level as u32;
                    }
                }
                Ballot::Ranking(levels)
            }
            Method::MajorityJudgment => {
                let Json::Object(pairs) = value else {
                    return None;
                };
                let worst = (self.grades.len() - 1) as u16;
                let mut grades = vec![worst; n];
                let mut seen = vec![false; n];
                for (id, g) in pairs {
                    let i = *index.get(id.as_str())?;
                    if std::mem::replace(&mut seen[i], true) {
                        return None;
                    }
                    let g = g.as_str()?;
                    grades[i] = self.grades.iter().position(|x| x == g)? as u16;
                }
                Ballot::Grades(grades)
            }
            Method::Approval => {
                let Json::Array(ids) = value else {
                    return None;
                };
                let mut approve = vec![false; n];
                for id in ids {
                    let i = *index.get(id.as_str()?)?;
                    if std::mem::replace(&mut approve[i], true) {
                        return None;
                    }
                }
                Ballot::Approve(approve)
            }
            Method::Cumulative | Method::Quadratic => {
                let Json::Object(pairs) = value else {
                    return None;
                };
                let quadratic = self.method == Method::Quadratic;
                let mut amounts = vec![0i128; n];
                let mut seen = vec![false; n];
                let mut spent: i128 = 0;
                for (id, v) in pairs {
                    let i = *index.get(id.as_str())?;
                    if std::mem::replace(&mut seen[i], true) {
                        return None;
                    }
                    // A number too large for 128 bits is over every budget.
                    let Integer::Fits(v) = v.integer()? else {
                        return None;
                    };
                    let cost = if quadratic {
                        v.checked_mul(v)?
                    } else if v < 0 {
                        return None;
                    } else {
                        v
                    };
                    spent = spent.checked_add(cost)?;
                    if spent > self.budget {
                        return None;
                    }
                    amounts[i] = v;
                }
                Ballot::Amounts(amounts)
            }
            Method::Measure => {
                let Json::Object(pairs) = value else {
                    return None;
                };
                let mut choices = vec![None; n];
                for (id, c) in pairs {
                    let i = *index.get(id.as_str())?;
                    if choices[i].is_some() {
                        return None;
                    }
                    choices[i] = Some(match c.as_str()? {
                        "for" => Choice::For,
                        "against" => Choice::Against,
                        "abstain" => Choice::Abstain,
                        _ => return None,
                    });
                }
                Ballot::Choices(choices)
            }
        };
        Some(Weighted { ballot, weight })
    }
}

/// A measure's count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MeasureScore {
    /// Weighted "for".
    pub for_: u128,
    /// Weighted "against".
    pub against: u128,
    /// Weighted "abstain".
    pub abstain: u128,
    /// Adopted under the threshold.
    pub adopted: bool,
}

/// The scores a method reports, per candidate in candidate order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scores {
    /// Points, approvals, votes, or (Schulze) candidates defeated.
    Numbers(Vec<i128>),
    /// Majority judgment: the majority grade's index, `None` for all with no valid ballot.
    Grades(Option<Vec<usize>>),
    /// Measures.
    Measures(Vec<MeasureScore>),
}

/// The outcome of a tally.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// Candidate indexes in tiers, best first; each tier in code-point order of the ids.
    pub ranking: Vec<Vec<usize>>,
    /// The scores.
    pub scores: Scores,
    /// Valid ballots.
    pub ballots_counted: usize,
    /// Invalid ballots.
    pub ballots_rejected: usize,
    /// Total weight of the valid ballots.
    pub weight_counted: u128,
    /// Schulze only: the pairwise matrix d[x][y], for charts.
    pub pairwise: Option<Vec<Vec<u128>>>,
}

/// Counts the valid ballots of `election`.
pub fn tally(election: &Election, valid: &[Weighted], rejected: usize) -> Outcome {
    let weight_counted = valid.iter().map(|b| u128::from(b.weight)).sum();
    let (ranking, scores, pairwise) = match election.method {
        Method::Borda => {
            let s = methods::borda(election.candidates.len(), valid);
            (methods::tiers_by_score(&s), Scores::Numbers(s), None)
        }
        Method::Schulze => {
            let (d, tiers, defeats) = methods::schulze(election.candidates.len(), valid);
            (tiers, Scores::Numbers(defeats), Some(d))
        }
        Method::MajorityJudgment => {
            let (tiers, grades) =
                methods::majority_judgment(election.candidates.len(), election.grades.len(), valid);
            (tiers, Scores::Grades(grades), None)
        }
        Method::Approval | Method::Cumulative | Method::Quadratic => {
            let s = methods::sums(election.candidates.len(), valid);
            (methods::tiers_by_score(&s), Scores::Numbers(s), None)
        }
        Method::Measure => {
            let (tiers, m) = methods::measure(
                election.candidates.len(),
                election.threshold,
                election.strict,
                valid,
            );
            (tiers, Scores::Measures(m), None)
        }
    };
    let mut ranking = ranking;
    for tier in &mut ranking {
        tier.sort_by(|a, b| election.candidates[*a].cmp(&election.candidates[*b]));
    }
    Outcome {
        ranking,
        scores,
        ballots_counted: valid.len(),
        ballots_rejected: rejected,
        weight_counted,
        pairwise,
    }
}

impl Outcome {
    /// The `convention tally` answer: one JSON object, members in a fixed order, so the same
    /// input always gives the same bytes.
    pub fn to_json(&self, election: &Election) -> String {
        let name = |i: &usize| json::quote(&election.candidates[*i]);
        let tier =
            |t: &Vec<usize>| format!("[{}]", t.iter().map(name).collect::<Vec<_>>().join(","));
        let ranking = self.ranking.iter().map(tier).collect::<Vec<_>>().join(",");
        let winners = self
            .ranking
            .first()
            .map(tier)
            .unwrap_or_else(|| "[]".into());
        let scores: Vec<String> = (0..election.candidates.len())
            .map(|i| {
                let v = match &self.scores {
                    Scores::Numbers(s) => s[i].to_string(),
                    Scores::Grades(None) => "null".into(),
                    Scores::Grades(Some(g)) => json::quote(&election.grades[g[i]]),
                    Scores::Measures(m) => format!(
                        "{{\"for\":{},\"against\":{},\"abstain\":{},\"adopted\":{}}}",
                        m[i].for_, m[i].against, m[i].abstain, m[i].adopted
                    ),
                };
                format!("{}:{v}", name(&i))
            })
            .collect();
        format!(
            "{{\"method\":{},\"ranking\":[{ranking}],\"winners\":{winners},\"ballots_counted\":{},\"ballots_rejected\":{},\"weight_counted\":{},\"scores\":{{{}}}}}",
            json::quote(election.method.as_str()),
            self.ballots_counted,
            self.ballots_rejected,
            self.weight_counted,
            scores.join(",")
        )
    }
}

/// Reads a document and tallies it: the whole of `convention tally`.
///
/// ```
/// use domain::voting::run;
/// let out = run(r#"{"method":"approval","candidates":["a","b"],"ballots":[{"approve":["b"]},{"approve":["a","b"],"weight":2},"x"]}"#).unwrap();
/// assert_eq!(out, r#"{"method":"approval","ranking":[["b"],["a"]],"winners":["b"],"ballots_counted":2,"ballots_rejected":1,"weight_counted":3,"scores":{"a":2,"b":3}}"#);
/// ```
pub fn run(input: &str) -> Result<String, Fatal> {
    let (election, spans) = Document::read_spans(input)?;
    let (valid, rejected) = election.ballots_in(input, &spans);
    Ok(tally(&election, &valid, rejected).to_json(&election))
}
