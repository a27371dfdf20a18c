#!/usr/bin/env bash
# The recommendations report of a city-sized convention (500 proposals, 20 closed rounds,
# 50,000 comments): time and peak memory per format, against the open-data CSV export of the
# same database in the same run; on SQLite and, when PostgreSQL answers, on PostgreSQL too.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${TEST_POSTGRES_URL:-}" ] && pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  export TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres
fi
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr); $(date -u '+%Y-%m-%d %H:%M UTC')"
# Extra arguments go to cargo, e.g. `--profile dev` to reuse the test build's artifacts.
exec cargo bench -p server --bench report "$@"
