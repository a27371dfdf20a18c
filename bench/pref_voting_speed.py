#!/usr/bin/env python3
"""Times pref_voting (PyPI) on the tally sizes of issue 4, as the baseline for
`cargo bench -p domain --bench tally` (bench/tally.sh runs both, on the same machine, in one go).

Ballots are random, drawn with numpy from a fixed seed. Only the method call is timed (what
`tally` measures on our side); building pref_voting's profile object is reported apart.
Majority judgment needs one Python dict per ballot in pref_voting, so it is timed on 100,000
ballots and the rate per ballot is reported with the size it was measured on.
"""

import sys
import time

import numpy as np
from pref_voting.grade_methods import majority_judgement
from pref_voting.grade_profiles import GradeProfile
from pref_voting.margin_based_methods import beat_path
from pref_voting.profiles import Profile
from pref_voting.scoring_methods import borda

rng = np.random.default_rng(42)


def rankings(m, n):
    return np.argsort(rng.random((n, m)), axis=1)


def timed(f):
    t = time.perf_counter()
    out = f()
    return out, (time.perf_counter() - t) * 1e3


def main():
    quick = "--quick" in sys.argv
    cases = (
        [("schulze", 20, 1_000), ("majority_judgment", 10, 10_000), ("borda", 10, 10_000)]
        if quick
        else [
            ("schulze", 200, 10_000),
            ("schulze", 50, 100_000),
            ("majority_judgment", 50, 100_000),
            ("borda", 50, 1_000_000),
        ]
    )
    # pref_voting compiles parts of itself with numba on first use: warm every path up first,
    # so that only counting is timed.
    small = Profile(rankings(4, 50))
    beat_path(small)
    borda(small)
    majority_judgement(GradeProfile([{0: 1, 1: 2}, {0: 3, 1: 0}], list(range(7)), candidates=[0, 1]))
    print("| method | candidates × ballots | build profile | pref_voting method |")
    print("|---|---|---|---|")
    for method, m, n in cases:
        if method == "majority_judgment":
            grades = rng.integers(0, 7, size=(n, m))
            maps = [dict(enumerate(row.tolist())) for row in grades]
            prof, build = timed(lambda: GradeProfile(maps, list(range(7)), candidates=list(range(m))))
            _, run = timed(lambda: majority_judgement(prof))
        else:
            r = rankings(m, n)
            prof, build = timed(lambda: Profile(r))
            f = beat_path if method == "schulze" else borda
            _, run = timed(lambda: f(prof))
        print(f"| {method} | {m} × {n} | {build:.0f} ms | {run:.0f} ms |", flush=True)


if __name__ == "__main__":
    main()
