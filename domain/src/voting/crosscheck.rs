//! A second, naive implementation of every method, written straight from the definitions, and
//! the random comparisons that hold the fast one to it.

// Index loops mirror the definitions' "for every x and y"; that plainness is the point here.
#![allow(clippy::needless_range_loop)]

use super::json::parse;
use super::{run, Document};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*: deterministic, so a failure replays.
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// A ballot for `method` over `m` candidates, as JSON text, usually valid.
fn random_ballot(r: &mut Rng, method: &str, m: usize, grades: usize, budget: i64) -> String {
    let id = |i: usize| format!("\"c{i}\"");
    let mut ids: Vec<usize> = (0..m).collect();
    for i in (1..m).rev() {
        ids.swap(i, r.below(i as u64 + 1) as usize);
    }
    let listed = r.below(m as u64 + 1) as usize;
    let weight = if r.below(3) == 0 {
        format!(",\"weight\":{}", 1 + r.below(5))
    } else {
        String::new()
    };
    let body = match method {
        "borda" | "schulze" => {
            let mut groups = Vec::new();
            let mut k = 0;
            while k < listed {
                let size = (1 + r.below(3) as usize).min(listed - k);
                let g: Vec<String> = ids[k..k + size].iter().map(|i| id(*i)).collect();
                groups.push(if size == 1 && r.below(2) == 0 {
                    g[0].clone()
                } else {
                    format!("[{}]", g.join(","))
                });
                k += size;
            }
            format!("\"ranking\":[{}]", groups.join(","))
        }
        "majority_judgment" => {
            let pairs: Vec<String> = ids[..listed]
                .iter()
                .map(|i| format!("{}:\"g{}\"", id(*i), r.below(grades as u64)))
                .collect();
            format!("\"grades\":{{{}}}", pairs.join(","))
        }
        "approval" => {
            let a: Vec<String> = ids[..listed].iter().map(|i| id(*i)).collect();
            format!("\"approve\":[{}]", a.join(","))
        }
        "cumulative" => {
            let mut left = budget;
            let pairs: Vec<String> = ids[..listed]
                .iter()
                .map(|i| {
                    let v = r.below(left as u64 + 2) as i64;
                    left -= v.min(left);
                    format!("{}:{v}", id(*i))
                })
                .collect();
            format!("\"points\":{{{}}}", pairs.join(","))
        }
        "quadratic" => {
            let pairs: Vec<String> = ids[..listed]
                .iter()
                .map(|i| format!("{}:{}", id(*i), r.below(9) as i64 - 4))
                .collect();
            format!("\"votes\":{{{}}}", pairs.join(","))
        }
        _ => {
            let pairs: Vec<String> = ids[..listed]
                .iter()
                .map(|i| {
                    format!(
                        "{}:\"{}\"",
                        id(*i),
                        ["for", "against", "abstain"][r.below(3) as usize]
                    )
                })
                .collect();
            format!("\"choices\":{{{}}}", pairs.join(","))
        }
    };
    format!("{{{body}{weight}}}")
}

/// Naive ballots: per candidate, a level / grade / amount / choice; `None` when invalid.
#[derive(Debug)]
struct Naive {
    w: i128,
    values: Vec<i128>,
}

/// Reads a ballot the slow way, from serde-free first principles (our JSON tree only).
fn naive_ballot(method: &str, m: usize, grades: usize, budget: i128, raw: &str) -> Option<Naive> {
    use super::json::{Integer, Json};
    let Json::Object(members) = parse(raw).ok()? else {
        return None;
    };
    let mut w = 1i128;
    let mut value = None;
    let member = super::Method::parse(method)?.ballot_member();
    let mut names = Vec::new();
    for (k, v) in &members {
        if names.contains(k) {
            return None;
        }
        names.push(k.clone());
        if k == "weight" {
            match v.integer() {
                Some(Integer::Fits(x)) if (1..=1_000_000_000).contains(&x) => w = x,
                _ => return None,
            }
        } else if k == member {
            value = Some(v);
        } else {
            return None;
        }
    }
    let value = value?;
    let cand =
        |s: &str| -> Option<usize> { s.strip_prefix('c')?.parse().ok().filter(|i: &usize| *i < m) };
    let mut out = vec![i128::MIN; m];
    match (method, value) {
        ("borda" | "schulze", Json::Array(groups)) => {
            for (level, g) in groups.iter().enumerate() {
                let ids: Vec<&Json> = match g {
                    Json::String(_) => vec![g],
                    Json::Array(a) if !a.is_empty() => a.iter().collect(),
                    _ => return None,
                };
                for id in ids {
                    let c = cand(id.as_str()?)?;
                    if out[c] != i128::MIN {
                        return None;
                    }
                    out[c] = level as i128;
                }
            }
            for v in &mut out {
                if *v == i128::MIN {
                    *v = groups.len() as i128;
                }
            }
        }
        ("majority_judgment", Json::Object(pairs)) => {
            for (k, g) in pairs {
                let c = cand(k)?;
                if out[c] != i128::MIN {
                    return None;
                }
                out[c] = g
                    .as_str()?
                    .strip_prefix('g')?
                    .parse::<i128>()
                    .ok()
                    .filter(|x| (*x as usize) < grades)?;
            }
            for v in &mut out {
                if *v == i128::MIN {
                    *v = grades as i128 - 1;
                }
            }
        }
        ("approval", Json::Array(ids)) => {
            for id in ids {
                let c = cand(id.as_str()?)?;
                if out[c] != i128::MIN {
                    return None;
                }
                out[c] = 1;
            }
            for v in &mut out {
                if *v == i128::MIN {
                    *v = 0;
                }
            }
        }
        ("cumulative" | "quadratic", Json::Object(pairs)) => {
            let mut cost = 0i128;
            for (k, x) in pairs {
                let c = cand(k)?;
                if out[c] != i128::MIN {
                    return None;
                }
                let Some(Integer::Fits(x)) = x.integer() else {
                    return None;
                };
                cost += if method == "quadratic" {
                    x * x
                } else if x < 0 {
                    return None;
                } else {
                    x
                };
                out[c] = x;
            }
            if cost > budget {
                return None;
            }
            for v in &mut out {
                if *v == i128::MIN {
                    *v = 0;
                }
            }
        }
        ("measure", Json::Object(pairs)) => {
            for (k, x) in pairs {
                let c = cand(k)?;
                if out[c] != i128::MIN {
                    return None;
                }
                out[c] = match x.as_str()? {
                    "for" => 1,
                    "against" => 2,
                    "abstain" => 3,
                    _ => return None,
                };
            }
            for v in &mut out {
                if *v == i128::MIN {
                    *v = 0;
                }
            }
        }
        _ => return None,
    }
    Some(Naive { w, values: out })
}

/// The naive tiers and scores, in the output's textual form.
fn naive_tally(
    method: &str,
    m: usize,
    grades: usize,
    threshold: (i128, i128),
    ballots: &[Naive],
) -> (Vec<Vec<usize>>, Vec<String>) {
    let by_score = |s: &[i128]| -> Vec<Vec<usize>> {
        let mut distinct: Vec<i128> = s.to_vec();
        distinct.sort_unstable_by(|a, b| b.cmp(a));
        distinct.dedup();
        distinct
            .iter()
            .map(|v| (0..m).filter(|c| s[*c] == *v).collect())
            .collect()
    };
    match method {
        "borda" => {
            let mut s = vec![0i128; m];
            for b in ballots {
                for c in 0..m {
                    for d in 0..m {
                        if b.values[c] < b.values[d] {
                            s[c] += b.w;
                        }
                    }
                }
            }
            (by_score(&s), s.iter().map(|x| x.to_string()).collect())
        }
        "schulze" => {
            let mut d = vec![vec![0i128; m]; m];
            for b in ballots {
                for x in 0..m {
                    for y in 0..m {
                        if b.values[x] < b.values[y] {
                            d[x][y] += b.w;
                        }
                    }
                }
            }
            // Widest paths by relaxing until nothing changes (not Floyd–Warshall).
            let mut p = vec![vec![0i128; m]; m];
            for x in 0..m {
                for y in 0..m {
                    if x != y && d[x][y] - d[y][x] > 0 {
                        p[x][y] = d[x][y] - d[y][x];
                    }
                }
            }
            loop {
                let mut changed = false;
                for x in 0..m {
                    for y in 0..m {
                        for z in 0..m {
                            if x != y && y != z && x != z {
                                let via = p[x][z].min(p[z][y]);
                                if via > p[x][y] {
                                    p[x][y] = via;
                                    changed = true;
                                }
                            }
                        }
                    }
                }
                if !changed {
                    break;
                }
            }
            let beats = |x: usize, y: usize| p[x][y] > p[y][x];
            let mut left: Vec<usize> = (0..m).collect();
            let mut tiers = Vec::new();
            while !left.is_empty() {
                let t: Vec<usize> = left
                    .iter()
                    .copied()
                    .filter(|y| left.iter().all(|x| !beats(*x, *y)))
                    .collect();
                left.retain(|c| !t.contains(c));
                tiers.push(t);
            }
            let s = (0..m)
                .map(|x| (0..m).filter(|y| beats(x, *y)).count().to_string())
                .collect();
            (tiers, s)
        }
        "majority_judgment" => {
            // Explicit grade lists (worst first = largest index first), sequences by removal.
            let seq = |c: usize| -> Vec<i128> {
                let mut g: Vec<i128> = Vec::new();
                for b in ballots {
                    for _ in 0..b.w {
                        g.push(b.values[c]);
                    }
                }
                g.sort_by(|a, b| b.cmp(a));
                let mut out = Vec::new();
                while !g.is_empty() {
                    out.push(g.remove((g.len() - 1) / 2));
                }
                out
            };
            let seqs: Vec<Vec<i128>> = (0..m).map(seq).collect();
            let mut order: Vec<usize> = (0..m).collect();
            order.sort_by(|a, b| seqs[*a].cmp(&seqs[*b]));
            let mut tiers: Vec<Vec<usize>> = Vec::new();
            for c in order {
                match tiers.last_mut() {
                    Some(t) if seqs[t[0]] == seqs[c] => t.push(c),
                    _ => tiers.push(vec![c]),
                }
            }
            let s = seqs
                .iter()
                .map(|q| q.first().map_or("null".to_owned(), |g| format!("\"g{g}\"")))
                .collect();
            let _ = grades;
            (tiers, s)
        }
        "measure" => {
            let (p, q) = threshold;
            let count = |c: usize, k: i128| -> i128 {
                ballots
                    .iter()
                    .filter(|b| b.values[c] == k)
                    .map(|b| b.w)
                    .sum()
            };
            let s = (0..m)
                .map(|c| {
                    let (f, a, x) = (count(c, 1), count(c, 2), count(c, 3));
                    let adopted = f + a > 0 && f * q > p * (f + a);
                    format!("{{\"for\":{f},\"against\":{a},\"abstain\":{x},\"adopted\":{adopted}}}")
                })
                .collect();
            // Shares as reduced fractions, compared by their values through a common multiple.
            let share = |c: usize| -> Option<(i128, i128)> {
                let (f, a) = (count(c, 1), count(c, 2));
                (f + a > 0).then_some((f, f + a))
            };
            let mut keys: Vec<Option<(i128, i128)>> = (0..m).map(share).collect();
            keys.sort_by(|x, y| match (x, y) {
                (None, None) => std::cmp::Ordering::Equal,
                (None, _) => std::cmp::Ordering::Greater,
                (_, None) => std::cmp::Ordering::Less,
                (Some((a, b)), Some((c, d))) => (c * b).cmp(&(a * d)),
            });
            let mut tiers: Vec<Vec<usize>> = Vec::new();
            let same = |x: Option<(i128, i128)>, y: Option<(i128, i128)>| match (x, y) {
                (None, None) => true,
                (Some((a, b)), Some((c, d))) => a * d == c * b,
                _ => false,
            };
            let mut last: Option<Option<(i128, i128)>> = None;
            for k in keys {
                if last.is_some_and(|l| same(l, k)) {
                    continue;
                }
                tiers.push((0..m).filter(|c| same(share(*c), k)).collect());
                last = Some(k);
            }
            (tiers, s)
        }
        _ => {
            let mut s = vec![0i128; m];
            for b in ballots {
                for c in 0..m {
                    s[c] += b.w * b.values[c];
                }
            }
            (by_score(&s), s.iter().map(|x| x.to_string()).collect())
        }
    }
}

fn check_method(method: &str, cases: usize, seed: u64) {
    let mut r = Rng(seed);
    for case in 0..cases {
        let m = 1 + r.below(6) as usize;
        let grades = 1 + r.below(4) as usize;
        let budget = r.below(12) as i64;
        let (p, q) = {
            let q = 1 + r.below(4);
            (r.below(q + 1), q)
        };
        let n = r.below(9) as usize;
        let mut raw: Vec<String> = (0..n)
            .map(|_| random_ballot(&mut r, method, m, grades, budget))
            .collect();
        // Now and then, a ballot broken on purpose.
        if r.below(4) == 0 {
            raw.push(["\"x\"", "{}", "{\"weight\":0}", "[1]"][r.below(4) as usize].to_owned());
        }
        let cands: Vec<String> = (0..m).map(|i| format!("\"c{i}\"")).collect();
        let scale: Vec<String> = (0..grades).map(|g| format!("\"g{g}\"")).collect();
        let doc = format!(
            "{{\"method\":\"{method}\",\"candidates\":[{}],\"grades\":[{}],\"budget\":{budget},\"threshold\":\"{p}/{q}\",\"ballots\":[{}]}}",
            cands.join(","),
            scale.join(","),
            raw.join(",")
        );
        let fast = run(&doc).unwrap_or_else(|e| panic!("{e}: {doc}"));
        let naive: Vec<Naive> = raw
            .iter()
            .filter_map(|b| naive_ballot(method, m, grades, i128::from(budget), b))
            .collect();
        let (tiers, scores) =
            naive_tally(method, m, grades, (i128::from(p), i128::from(q)), &naive);
        let name = |c: usize| format!("\"c{c}\"");
        let mut tiers_text: Vec<String> = Vec::new();
        for t in &tiers {
            let mut names: Vec<String> = t.iter().map(|c| name(*c)).collect();
            names.sort();
            tiers_text.push(format!("[{}]", names.join(",")));
        }
        let expected_ranking = format!("\"ranking\":[{}]", tiers_text.join(","));
        assert!(
            fast.contains(&expected_ranking),
            "case {case} {method}: {doc}\nfast: {fast}\nnaive: {expected_ranking}"
        );
        for (c, s) in scores.iter().enumerate() {
            assert!(
                fast.contains(&format!("{}:{s}", name(c))),
                "case {case} {method} score of c{c} = {s}: {doc}\n{fast}"
            );
        }
        let counted = naive.len();
        assert!(
            fast.contains(&format!("\"ballots_counted\":{counted},")),
            "case {case}: {doc}\n{fast}"
        );
        assert!(fast.contains(&format!("\"ballots_rejected\":{},", raw.len() - counted)));
        let w: i128 = naive.iter().map(|b| b.w).sum();
        assert!(fast.contains(&format!("\"weight_counted\":{w},")));
        // The document itself reads back the same way every time.
        assert_eq!(run(&doc).unwrap(), fast);
        assert!(Document::read(&doc).is_ok());
    }
}

#[test]
fn borda_matches_the_naive_count() {
    check_method("borda", 3000, 1);
}

#[test]
fn schulze_matches_the_naive_count() {
    check_method("schulze", 3000, 2);
}

#[test]
fn majority_judgment_matches_the_naive_count() {
    check_method("majority_judgment", 3000, 3);
}

#[test]
fn approval_matches_the_naive_count() {
    check_method("approval", 2000, 4);
}

#[test]
fn cumulative_matches_the_naive_count() {
    check_method("cumulative", 2000, 5);
}

#[test]
fn quadratic_matches_the_naive_count() {
    check_method("quadratic", 2000, 6);
}

#[test]
fn measure_matches_the_naive_count() {
    check_method("measure", 3000, 7);
}
