//! The counting rules of each method, on valid weighted ballots in candidate order.

use super::{Ballot, Choice, MeasureScore, Weighted};
use std::cmp::Ordering;

/// Tiers of candidates by score, highest first; equal scores share a tier.
///
/// ```
/// use domain::voting::methods::tiers_by_score;
/// assert_eq!(tiers_by_score(&[3, 5, 3, -1]), vec![vec![1], vec![0, 2], vec![3]]);
/// ```
pub fn tiers_by_score(scores: &[i128]) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|a, b| scores[*b].cmp(&scores[*a]).then(a.cmp(b)));
    group(order, |a, b| scores[a] == scores[b])
}

fn group(order: Vec<usize>, same: impl Fn(usize, usize) -> bool) -> Vec<Vec<usize>> {
    let mut tiers: Vec<Vec<usize>> = Vec::new();
    for c in order {
        match tiers.last_mut() {
            Some(t) if same(t[0], c) => t.push(c),
            _ => tiers.push(vec![c]),
        }
    }
    tiers
}

/// Borda: on each ballot a candidate earns one point per candidate ranked strictly below it.
///
/// Worked example, candidates a, b, c: the ballot `[a, [b, c]]` gives a 2 (b and c are below
/// it), b 0 and c 0; the ballot `[c]` gives c 2 (a and b share the unlisted level below it).
///
/// ```
/// use domain::voting::{methods::borda, Ballot, Weighted};
/// let b = |levels: Vec<u32>| Weighted { ballot: Ballot::Ranking(levels), weight: 1 };
/// assert_eq!(borda(3, &[b(vec![0, 1, 1]), b(vec![1, 1, 0])]), vec![2, 0, 2]);
/// ```
pub fn borda(n: usize, ballots: &[Weighted]) -> Vec<i128> {
    let mut score = vec![0i128; n];
    let mut sorted: Vec<u32> = Vec::with_capacity(n);
    for b in ballots {
        let Ballot::Ranking(levels) = &b.ballot else {
            continue;
        };
        sorted.clear();
        sorted.extend_from_slice(levels);
        sorted.sort_unstable();
        let w = i128::from(b.weight);
        for (c, level) in levels.iter().enumerate() {
            // Candidates strictly below: those with a larger level.
            let below = n - sorted.partition_point(|l| l <= level);
            score[c] += w * below as i128;
        }
    }
    score
}

/// Schulze with margins, widest paths and peeled tiers. Returns the pairwise matrix d (d[x][y]:
/// weight of ballots ranking x above y), the tiers, and how many candidates each defeats.
///
/// Worked example (a Condorcet cycle): 2 ballots a>b>c, 2 ballots b>c>a, 1 ballot c>a>b. Margins:
/// a→b 3 (links a→b of strength 1... ): d[a][b]=3, d[b][a]=2 → link a→b 1; d[b][c]=4, d[c][b]=1 →
/// link b→c 3; d[c][a]=3, d[a][c]=2 → link c→a 1. Widest paths: p[b][a] = min(3, 1) = 1 =
/// p[a][b], so a and b do not defeat each other; b defeats c (3 > 1); c and a tie (1 = 1). Tier 1
/// is {a, b} (no one defeats them), then {c}.
///
/// ```
/// use domain::voting::{methods::schulze, Ballot, Weighted};
/// let b = |l: Vec<u32>, w| Weighted { ballot: Ballot::Ranking(l), weight: w };
/// let (_, tiers, defeats) = schulze(3, &[b(vec![0, 1, 2], 2), b(vec![2, 0, 1], 2), b(vec![1, 2, 0], 1)]);
/// assert_eq!(tiers, vec![vec![0, 1], vec![2]]);
/// assert_eq!(defeats, vec![0, 1, 0]);
/// ```
pub fn schulze(n: usize, ballots: &[Weighted]) -> (Vec<Vec<u128>>, Vec<Vec<usize>>, Vec<i128>) {
    let mut d = vec![0u128; n * n];
    let mut order: Vec<usize> = Vec::with_capacity(n);
    for b in ballots {
        let Ballot::Ranking(levels) = &b.ballot else {
            continue;
        };
        let w = u128::from(b.weight);
        order.clear();
        order.extend(0..n);
        order.sort_unstable_by_key(|c| levels[*c]);
        // Each candidate is above every candidate of a later level.
        let mut start_of_lower = 0;
        for (k, &x) in order.iter().enumerate() {
            if k >= start_of_lower {
                start_of_lower = k;
                while start_of_lower < n && levels[order[start_of_lower]] == levels[x] {
                    start_of_lower += 1;
                }
            }
            let row = &mut d[x * n..x * n + n];
            for &y in &order[start_of_lower..] {
                row[y] += w;
            }
        }
    }
    let mut p = vec![0u128; n * n];
    for x in 0..n {
        for y in 0..n {
            if x != y && d[x * n + y] > d[y * n + x] {
                p[x * n + y] = d[x * n + y] - d[y * n + x];
            }
        }
    }
    for i in 0..n {
        for j in 0..n {
            if j == i || p[j * n + i] == 0 {
                continue;
            }
            let pji = p[j * n + i];
            for k in 0..n {
                if k == i || k == j {
                    continue;
                }
                let via = pji.min(p[i * n + k]);
                if via > p[j * n + k] {
                    p[j * n + k] = via;
                }
            }
        }
    }
    let defeats = |x: usize, y: usize| p[x * n + y] > p[y * n + x];
    let mut remaining: Vec<usize> = (0..n).collect();
    let mut tiers = Vec::new();
    while !remaining.is_empty() {
        let tier: Vec<usize> = remaining
            .iter()
            .copied()
            .filter(|&y| !remaining.iter().any(|&x| defeats(x, y)))
            .collect();
        // A strict partial order always has an undefeated element; the guard keeps a bug from
        // looping forever.
        if tier.is_empty() {
            tiers.push(std::mem::take(&mut remaining));
            break;
        }
        remaining.retain(|c| !tier.contains(c));
        tiers.push(tier);
    }
    let scores = (0..n)
        .map(|x| (0..n).filter(|&y| defeats(x, y)).count() as i128)
        .collect();
    let matrix = (0..n).map(|x| d[x * n..x * n + n].to_vec()).collect();
    (matrix, tiers, scores)
}

/// One candidate's grades: `hist[g]` = weight of ballots giving grade g (0 best).
struct Profile<'a> {
    hist: &'a [u128],
    /// cumulative counts from the worst grade: `below[k]` = weight with the k worst grades.
    from_worst: Vec<u128>,
}

impl Profile<'_> {
    /// The grade (0 best) at sorted position `i`, positions counted from the worst grade.
    fn grade_at(&self, i: u128) -> usize {
        let g = self.hist.len();
        // Number of worst grades whose total weight is ≤ i: the position falls in the next one.
        let k = self.from_worst.partition_point(|&c| c <= i);
        g - 1 - k
    }
}

/// Majority judgment (Balinski–Laraki): ranks by majority value, the sequence of lower medians
/// taken and removed one copy at a time; ties exactly when the grade multisets are equal.
/// Returns the tiers and each candidate's majority grade (`None` with no valid ballot).
///
/// Worked example, scale [Bien, Passable, Insuffisant], three ballots: a gets Bien, Passable,
/// Insuffisant; b gets Passable ×3. Both have majority grade Passable (the lower median); then
/// a's next is Insuffisant (after removing Passable, the lower median of {Insuffisant, Bien})
/// while b's is Passable: b ranks above a.
///
/// The weight can be huge, so the sequence is never built: positions are visited from the
/// median outwards (lower first, then alternately), and the first difference between two
/// candidates is found on the breakpoints of their cumulative counts.
///
/// ```
/// use domain::voting::{methods::majority_judgment, Ballot, Weighted};
/// let b = |g: Vec<u16>| Weighted { ballot: Ballot::Grades(g), weight: 1 };
/// let (tiers, grades) = majority_judgment(2, 3, &[b(vec![0, 1]), b(vec![1, 1]), b(vec![2, 1])]);
/// assert_eq!(tiers, vec![vec![1], vec![0]]);
/// assert_eq!(grades, Some(vec![1, 1]));
/// ```
pub fn majority_judgment(
    n: usize,
    scale: usize,
    ballots: &[Weighted],
) -> (Vec<Vec<usize>>, Option<Vec<usize>>) {
    let mut hist = vec![0u128; n * scale];
    let mut total = 0u128;
    for b in ballots {
        let Ballot::Grades(grades) = &b.ballot else {
            continue;
        };
        let w = u128::from(b.weight);
        total += w;
        for (c, g) in grades.iter().enumerate() {
            hist[c * scale + usize::from(*g)] += w;
        }
    }
    if total == 0 {
        return (vec![(0..n).collect()], None);
    }
    let profiles: Vec<Profile<'_>> = (0..n)
        .map(|c| {
            let h = &hist[c * scale..c * scale + scale];
            let mut acc = 0u128;
            let from_worst = h
                .iter()
                .rev()
                .map(|x| {
                    acc += x;
                    acc
                })
                .collect();
            Profile {
                hist: h,
                from_worst,
            }
        })
        .collect();
    let median = (total - 1) / 2;
    let grades: Vec<usize> = profiles.iter().map(|p| p.grade_at(median)).collect();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|a, b| compare_mj(&profiles[*a], &profiles[*b], total).then(a.cmp(b)));
    let tiers = group(order, |a, b| profiles[a].hist == profiles[b].hist);
    (tiers, Some(grades))
}

/// Better majority value first (`Less` when `x` ranks above `y`).
fn compare_mj(x: &Profile<'_>, y: &Profile<'_>, n: u128) -> Ordering {
    if x.hist == y.hist {
        return Ordering::Equal;
    }
    // Positions where the two step functions may change: their cumulative boundaries.
    let mut cuts: Vec<u128> = x
        .from_worst
        .iter()
        .chain(y.from_worst.iter())
        .copied()
        .filter(|&c| c > 0 && c < n)
        .collect();
    cuts.push(0);
    cuts.sort_unstable();
    cuts.dedup();
    // Segments [cuts[k], cuts[k+1]) on which both grades are constant.
    let segment_end = |k: usize| cuts.get(k + 1).copied().unwrap_or(n);
    // The order positions are visited in: the lower median first, then alternately above and
    // below (odd n: centre, below, above, …; even n: lower-middle, upper-middle, below, …).
    let t_of = |i: u128| -> u128 {
        if n % 2 == 1 {
            let k = (n - 1) / 2;
            match i.cmp(&k) {
                Ordering::Equal => 0,
                Ordering::Less => 2 * (k - i) - 1,
                Ordering::Greater => 2 * (i - k),
            }
        } else {
            let k = n / 2;
            if i < k {
                2 * (k - 1 - i)
            } else {
                2 * (i - k) + 1
            }
        }
    };
    let lo_mid = (n - 1) / 2;
    // Nearest differing position at or below the lower median, and at or above it.
    let mut best: Option<u128> = None;
    for (k, &start) in cuts.iter().enumerate() {
        let end = segment_end(k);
        if x.grade_at(start) == y.grade_at(start) {
            continue;
        }
        // The segment differs everywhere: its closest points to the median on each side.
        let candidates = [
            (start <= lo_mid).then(|| (end - 1).min(lo_mid)),
            (end > lo_mid).then(|| start.max(lo_mid)),
        ];
        for i in candidates.into_iter().flatten() {
            if best.is_none_or(|b| t_of(i) < t_of(b)) {
                best = Some(i);
            }
        }
    }
    match best {
        Some(i) => x.grade_at(i).cmp(&y.grade_at(i)),
        None => Ordering::Equal,
    }
}

/// Approval, cumulative and quadratic: the weighted sum of approvals, points or votes.
pub fn sums(n: usize, ballots: &[Weighted]) -> Vec<i128> {
    let mut score = vec![0i128; n];
    for b in ballots {
        let w = i128::from(b.weight);
        match &b.ballot {
            Ballot::Approve(a) => {
                for (c, yes) in a.iter().enumerate() {
                    if *yes {
                        score[c] += w;
                    }
                }
            }
            Ballot::Amounts(v) => {
                for (c, x) in v.iter().enumerate() {
                    score[c] += w * x;
                }
            }
            _ => {}
        }
    }
    score
}

/// Vote par mesure: each measure adopted iff F + A > 0 and F·q > p·(F + A) (≥ when not
/// strict); tiers by the share F / (F + A), highest first, measures without a for or against
/// vote last.
///
/// Worked example, threshold 1/2 strict: 3 for, 3 against, 10 abstentions: 3·2 > 1·6 is false,
/// not adopted; with `strict` false, 6 ≥ 6: adopted.
///
/// ```
/// use domain::voting::{methods::measure, Ballot, Choice, Weighted};
/// let b = |c, w| Weighted { ballot: Ballot::Choices(vec![Some(c)]), weight: w };
/// let votes = [b(Choice::For, 3), b(Choice::Against, 3), b(Choice::Abstain, 10)];
/// assert!(!measure(1, (1, 2), true, &votes).1[0].adopted);
/// assert!(measure(1, (1, 2), false, &votes).1[0].adopted);
/// ```
pub fn measure(
    n: usize,
    (p, q): (u64, u64),
    strict: bool,
    ballots: &[Weighted],
) -> (Vec<Vec<usize>>, Vec<MeasureScore>) {
    let mut counts = vec![(0u128, 0u128, 0u128); n];
    for b in ballots {
        let Ballot::Choices(choices) = &b.ballot else {
            continue;
        };
        let w = u128::from(b.weight);
        for (c, choice) in choices.iter().enumerate() {
            match choice {
                Some(Choice::For) => counts[c].0 += w,
                Some(Choice::Against) => counts[c].1 += w,
                Some(Choice::Abstain) => counts[c].2 += w,
                None => {}
            }
        }
    }
    let (p, q) = (u128::from(p), u128::from(q));
    let scores: Vec<MeasureScore> = counts
        .iter()
        .map(|&(f, a, x)| {
            let decided = f + a;
            let adopted = decided > 0
                && if strict {
                    f * q > p * decided
                } else {
                    f * q >= p * decided
                };
            MeasureScore {
                for_: f,
                against: a,
                abstain: x,
                adopted,
            }
        })
        .collect();
    // Shares compared by cross-multiplication; undecided measures sort last.
    let share_cmp = |x: usize, y: usize| -> Ordering {
        let (fx, dx) = (counts[x].0, counts[x].0 + counts[x].1);
        let (fy, dy) = (counts[y].0, counts[y].0 + counts[y].1);
        match (dx == 0, dy == 0) {
            (true, true) => Ordering::Equal,
            (true, false) => Ordering::Greater,
            (false, true) => Ordering::Less,
            (false, false) => (fy * dx).cmp(&(fx * dy)),
        }
    };
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|a, b| share_cmp(*a, *b).then(a.cmp(b)));
    let tiers = group(order, |a, b| share_cmp(a, b) == Ordering::Equal);
    (tiers, scores)
}
