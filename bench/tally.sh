#!/usr/bin/env bash
# The tally benchmark of issue 4 and its baseline, one after the other on this machine:
# `cargo bench -p domain --bench tally` (ours: JSON reading, ballot checking and counting timed
# apart) and pref_voting from PyPI on ballots of the same sizes. Pass --quick for small sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! target/pyvenv/bin/python -c "import pref_voting" 2>/dev/null; then
  python3 -m venv target/pyvenv
  target/pyvenv/bin/pip install -q --disable-pip-version-check pref_voting==1.18.2
fi
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "Convention (cargo bench -p domain --bench tally):"
cargo bench -q -p domain --bench tally -- "$@"
echo
echo "pref_voting $(target/pyvenv/bin/python -c 'import importlib.metadata as m; print(m.version("pref_voting"))'):"
target/pyvenv/bin/python bench/pref_voting_speed.py "$@"
