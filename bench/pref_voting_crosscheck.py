#!/usr/bin/env python3
"""Cross-checks `convention tally` against pref_voting (PyPI) on random elections.

Usage: pref_voting_crosscheck.py CONVENTION_BINARY [CASES_PER_METHOD]

pref_voting is an independent implementation; it has Borda (scores), Schulze ("beat path",
winners), approval, cumulative voting and majority judgment (winners). Where its definitions
differ from issue 4's, the cases are restricted to where they agree: Borda on complete strict
rankings, cumulative ballots that spend the whole budget (pref_voting requires it), and
majority judgment only when a single candidate has the best majority grade (pref_voting breaks
ties between equal majority grades by its own gauge, not by the majority value). Schulze is
checked with ties and truncated ballots (unranked candidates below ranked ones, pref_voting's
"extended strict preference"). Exits 1 on the first disagreement, printing the document.
"""

import json
import random
import subprocess
import sys

from pref_voting.grade_methods import approval, cumulative_voting, score_voting
from pref_voting.grade_profiles import GradeProfile
from pref_voting.margin_based_methods import beat_path
from pref_voting.profiles import Profile
from pref_voting.profiles_with_ties import ProfileWithTies

BINARY = sys.argv[1]
CASES = int(sys.argv[2]) if len(sys.argv) > 2 else 200
rng = random.Random(2026)


def tally(doc):
    out = subprocess.run([BINARY, "tally"], input=json.dumps(doc), capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"tally failed ({out.returncode}): {out.stderr}\n{json.dumps(doc)}")
    return json.loads(out.stdout)


def disagree(method, doc, ours, theirs):
    sys.exit(f"{method}: convention tally says {ours}, pref_voting says {theirs}\n{json.dumps(doc)}")


def winners(result):
    return sorted(int(c) for c in result["winners"])


def check_borda():
    m = rng.randint(2, 6)
    rankings, weights = [], []
    for _ in range(rng.randint(1, 25)):
        r = list(range(m))
        rng.shuffle(r)
        rankings.append(r)
        weights.append(rng.randint(1, 4))
    doc = {
        "method": "borda",
        "candidates": [str(c) for c in range(m)],
        "ballots": [{"ranking": [str(c) for c in r], "weight": w} for r, w in zip(rankings, weights)],
    }
    ours = tally(doc)
    theirs = Profile(rankings, rcounts=weights).borda_scores()
    if {int(k): v for k, v in ours["scores"].items()} != {c: int(s) for c, s in theirs.items()}:
        disagree("borda", doc, ours["scores"], theirs)


def check_schulze():
    m = rng.randint(2, 6)
    ballots, maps, weights = [], [], []
    for _ in range(rng.randint(1, 25)):
        listed = rng.sample(range(m), rng.randint(0, m))
        groups, ranks, level = [], {}, 0
        i = 0
        while i < len(listed):
            size = rng.choice([1, 1, 1, 2])
            group = listed[i : i + size]
            groups.append([str(c) for c in group] if len(group) > 1 else str(group[0]))
            level += 1
            for c in group:
                ranks[c] = level
            i += size
        w = rng.randint(1, 4)
        ballots.append({"ranking": groups, "weight": w})
        maps.append(ranks)
        weights.append(w)
    doc = {"method": "schulze", "candidates": [str(c) for c in range(m)], "ballots": ballots}
    ours = tally(doc)
    prof = ProfileWithTies(maps, rcounts=weights, candidates=list(range(m)))
    prof.use_extended_strict_preference()
    theirs = sorted(beat_path(prof))
    if winners(ours) != theirs:
        disagree("schulze", doc, winners(ours), theirs)


def grade_doc(method, m, ballots, extra):
    doc = {"method": method, "candidates": [str(c) for c in range(m)], "ballots": ballots}
    doc.update(extra)
    return doc


def check_approval():
    m = rng.randint(2, 6)
    ballots, maps = [], []
    for _ in range(rng.randint(1, 25)):
        approved = rng.sample(range(m), rng.randint(0, m))
        w = rng.randint(1, 3)
        ballots.append({"approve": [str(c) for c in approved], "weight": w})
        maps += [{c: (1 if c in approved else 0) for c in range(m)}] * w
    doc = grade_doc("approval", m, ballots, {})
    ours = tally(doc)
    theirs = sorted(approval(GradeProfile(maps, [0, 1], candidates=list(range(m)))))
    if winners(ours) != theirs:
        disagree("approval", doc, winners(ours), theirs)


def check_cumulative():
    m = rng.randint(2, 6)
    budget = 5
    ballots, maps = [], []
    for _ in range(rng.randint(1, 25)):
        points = [0] * m
        for _ in range(budget):
            points[rng.randrange(m)] += 1
        w = rng.randint(1, 3)
        ballots.append({"points": {str(c): p for c, p in enumerate(points)}, "weight": w})
        maps += [{c: p for c, p in enumerate(points)}] * w
    doc = grade_doc("cumulative", m, ballots, {"budget": budget})
    ours = tally(doc)
    gp = GradeProfile(maps, list(range(budget + 1)), candidates=list(range(m)))
    theirs = sorted(cumulative_voting(gp, max_total_grades=budget))
    if winners(ours) != theirs:
        disagree("cumulative", doc, winners(ours), theirs)


def check_majority_judgment():
    m = rng.randint(2, 6)
    scale = 5
    ballots, maps = [], []
    total = 0
    for _ in range(rng.randint(1, 25)):
        grades = {c: rng.randrange(scale) for c in range(m)}
        w = rng.randint(1, 3)
        total += w
        # Grades as numbers, larger better for pref_voting; names "4" (best) … "0" here.
        ballots.append({"grades": {str(c): str(g) for c, g in grades.items()}, "weight": w})
        maps += [grades] * w
    doc = grade_doc(
        "majority_judgment", m, ballots, {"grades": [str(g) for g in reversed(range(scale))]}
    )
    ours = tally(doc)
    gp = GradeProfile(maps, list(range(scale)), candidates=list(range(m)))
    best = sorted(score_voting(gp, evaluation_method="median"))
    if len(best) != 1:
        return False
    if winners(ours) != best:
        disagree("majority_judgment", doc, winners(ours), best)
    return True


def main():
    for check in (check_borda, check_schulze, check_approval, check_cumulative):
        for _ in range(CASES):
            check()
        print(f"{check.__name__[6:]}: {CASES} random elections agree with pref_voting")
    compared = sum(1 for _ in range(CASES * 3) if check_majority_judgment())
    print(f"majority_judgment: {compared} random elections with one best majority grade agree with pref_voting")


if __name__ == "__main__":
    main()
