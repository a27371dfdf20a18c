#!/usr/bin/env bash
# Server time per page on a city-sized topic (1,000 proposals; a proposal with 2,000 comments),
# on SQLite and, when PostgreSQL answers on 127.0.0.1:5432, on PostgreSQL too. Prints a table;
# BENCHMARKS.md records the figures with the machine and the date.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${TEST_POSTGRES_URL:-}" ] && pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  export TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres
fi
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr); $(date -u '+%Y-%m-%d %H:%M UTC')"
exec cargo bench -p server --bench pages
