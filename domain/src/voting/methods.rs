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

/// A narrow counter type for [`Counters`].
trait Narrow: Copy + Default + std::ops::AddAssign {
    /// Its largest value.
    const MAX: u64;
    fn wide(self) -> u128;
}

impl Narrow for u64 {
    const MAX: u64 = u64::MAX;
    fn wide(self) -> u128 {
        u128::from(self)
    }
}

impl Narrow for u32 {
    const MAX: u64 = u32::MAX as u64;
    fn wide(self) -> u128 {
        u128::from(self)
    }
}

/// Exact sums in 128 bits, accumulated in narrow counters (less memory traffic, more vector
/// lanes) that are flushed into the 128-bit totals before they could overflow: each ballot
/// declares the most it can add to any one counter.
struct Counters<T: Narrow> {
    wide: Vec<u128>,
    narrow: Vec<T>,
    /// How much more any counter can surely take before the next flush.
    headroom: u64,
}

impl<T: Narrow> Counters<T> {
    fn new(len: usize) -> Self {
        Counters {
            wide: vec![0; len],
            narrow: vec![T::default(); len],
            headroom: T::MAX,
        }
    }

    /// Makes room for a ballot adding at most `most` (≤ `T::MAX`) to any one counter.
    #[inline]
    fn reserve(&mut self, most: u64) {
        if most > self.headroom {
            self.flush();
        }
        self.headroom -= most;
    }

    fn flush(&mut self) {
        for (w, n) in self.wide.iter_mut().zip(self.narrow.iter_mut()) {
            *w += std::mem::take(n).wide();
        }
        self.headroom = T::MAX;
    }

    fn finish(mut self) -> Vec<u128> {
        self.flush();
        self.wide
    }
}

/// Runs `count` over the ballots, split across the machine's cores when there are many, and
/// adds up the per-part totals (exact: every part is an exact count of its ballots). Where
/// threads are unavailable (WebAssembly), one part.
fn split_count(
    ballots: &[Weighted],
    len: usize,
    count: impl Fn(&[Weighted]) -> Vec<u128> + Sync,
) -> Vec<u128> {
    // Below a few million counter updates a thread costs more than it saves.
    let threads = if ballots.len().saturating_mul(len) < 1 << 21 {
        1
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get().min(16))
    };
    if threads <= 1 {
        return count(ballots);
    }
    let chunk = ballots.len().div_ceil(threads);
    let parts: Vec<Vec<u128>> = std::thread::scope(|s| {
        let count = &count;
        let handles: Vec<_> = ballots
            .chunks(chunk)
            .map(|part| s.spawn(move || count(part)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a counting thread panicked"))
            .collect()
    });
    let mut total = vec![0u128; len];
    for part in parts {
        for (t, v) in total.iter_mut().zip(part) {
            *t += v;
        }
    }
    total
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
    split_count(ballots, n, |part| borda_points(n, part))
        .into_iter()
        .map(|s| s as i128)
        .collect()
}

fn borda_points(n: usize, ballots: &[Weighted]) -> Vec<u128> {
    let mut score = Counters::<u64>::new(n);
    // below[l]: how many candidates of the ballot sit at a level worse than l. Levels run
    // from 0 to at most n (the unlisted level), so a counting pass replaces a sort.
    let mut below = vec![0u64; n + 2];
    for b in ballots {
        let Ballot::Ranking(levels) = &b.ballot else {
            continue;
        };
        let w = b.weight;
        score.reserve(w.saturating_mul(n as u64));
        below.fill(0);
        for &l in levels {
            below[l as usize] += 1;
        }
        let mut worse = 0;
        for slot in below.iter_mut().rev() {
            let here = *slot;
            *slot = worse;
            worse += here;
        }
        for (c, &l) in levels.iter().enumerate() {
            score.narrow[c] += w * below[l as usize];
        }
    }
    score.finish()
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
    let d = split_count(ballots, n * n, |part| pairwise_counts(n, part));
    let mut p = vec![0u128; n * n];
    for x in 0..n {
        for y in 0..n {
            if x != y && d[x * n + y] > d[y * n + x] {
                p[x * n + y] = d[x * n + y] - d[y * n + x];
            }
        }
    }
    // Margins are at most the total weight: in 64 bits whenever that fits, which is twice as
    // fast, and exactly the same numbers.
    match p
        .iter()
        .map(|v| u64::try_from(*v))
        .collect::<Result<Vec<u64>, _>>()
    {
        Ok(mut narrow) => {
            widest_paths(n, &mut narrow);
            p = narrow.into_iter().map(u128::from).collect();
        }
        Err(_) => widest_paths(n, &mut p),
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

/// d[x][y]: the weight of ballots ranking x above y.
fn pairwise_counts(n: usize, ballots: &[Weighted]) -> Vec<u128> {
    // 32-bit counters: a weight is at most 10⁹, below their limit.
    let mut counts = Counters::<u32>::new(n * n);
    for b in ballots {
        let Ballot::Ranking(levels) = &b.ballot else {
            continue;
        };
        let w = b.weight as u32;
        counts.reserve(b.weight);
        // Row x gains w in every column ranked below x: a branch-free pass over the row,
        // which the compiler vectorises, beats visiting the lower candidates one by one.
        for (x, row) in counts.narrow.chunks_exact_mut(n).enumerate() {
            let lx = levels[x];
            for (cell, &ly) in row.iter_mut().zip(levels.iter()) {
                *cell += w & 0u32.wrapping_sub(u32::from(ly > lx));
            }
        }
    }
    counts.finish()
}

/// Floyd–Warshall for widest paths: `p[j][k]` becomes the strength of the strongest path
/// from j to k (the weakest link along it), over links of positive strength.
fn widest_paths<T: Copy + Ord + Default>(n: usize, p: &mut [T]) {
    let zero = T::default();
    let mut through = vec![zero; n];
    for i in 0..n {
        // Row i does not change while paths through i are tried (only rows j ≠ i do).
        through.copy_from_slice(&p[i * n..i * n + n]);
        for j in 0..n {
            let pji = p[j * n + i];
            if j == i || pji == zero {
                continue;
            }
            for (cell, &pik) in p[j * n..j * n + n].iter_mut().zip(&through) {
                let via = pji.min(pik);
                if via > *cell {
                    *cell = via;
                }
            }
        }
    }
    // A path back to oneself is meaningless here; keep the diagonal empty.
    for x in 0..n {
        p[x * n + x] = zero;
    }
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
    let total: u128 = ballots
        .iter()
        .filter(|b| matches!(b.ballot, Ballot::Grades(_)))
        .map(|b| u128::from(b.weight))
        .sum();
    let hist = split_count(ballots, n * scale, |part| {
        let mut counts = Counters::<u64>::new(n * scale);
        for b in part {
            let Ballot::Grades(grades) = &b.ballot else {
                continue;
            };
            counts.reserve(b.weight);
            for (c, g) in grades.iter().enumerate() {
                counts.narrow[c * scale + usize::from(*g)] += b.weight;
            }
        }
        counts.finish()
    });
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Split across threads or not, the counts are the same.
    #[test]
    fn split_counts_equal_one_pass() {
        let mut seed = 7u64;
        let mut next = move |m: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % m
        };
        let n = 7;
        let ballots: Vec<Weighted> = (0..60_000)
            .map(|_| Weighted {
                ballot: Ballot::Ranking((0..n).map(|_| next(n as u64) as u32).collect()),
                weight: 1 + next(1_000_000_000),
            })
            .collect();
        assert_eq!(
            split_count(&ballots, n, |p| borda_points(n, p)),
            borda_points(n, &ballots)
        );
        assert_eq!(
            split_count(&ballots, n * n, |p| pairwise_counts(n, p)),
            pairwise_counts(n, &ballots)
        );
        // Heavy weights force the narrow counters to flush many times; the totals stay exact.
        let total: u128 = ballots.iter().map(|b| u128::from(b.weight)).sum();
        let d = pairwise_counts(n, &ballots);
        for x in 0..n {
            assert!(d[x * n + x] == 0 && d.iter().all(|v| *v <= total));
        }
    }
}
