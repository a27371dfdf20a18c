#!/usr/bin/env bash
# Everything a crowd does, measured in one run: the release server on a fresh database holding
# the demo, its city-sized debate (`convention demo --city`: 1,000 proposals in education, a
# thread of 2,000 comments) and a whole city (`convention demo --scale city`: 100,000 people,
# 20,000 proposals, a million comments, 200 closed rounds, a million ballots), loaded by wrk
# from a second process over loopback, each measure for SECONDS at CONNECTIONS connections:
#   - the ceilings: /healthz (one trivial query) and a static file; every page is given as a
#     ratio of /healthz;
#   - pages anonymous (kept by the page cache), anonymous on a second server without the cache
#     (rendered every time), and signed in (the organiser's session, rendered for them);
#   - writes: ballots and comments posted as forms by distinct people, each with a session of
#     their own, and the rows stored compared with the posts acknowledged;
#   - the server's peak resident memory, and the bytes of a first visit to each page.
# The tables are printed and appended to BENCHMARKS.md (NO_APPEND=1 to only print).
#   bench/http.sh [SECONDS] [CONNECTIONS]     (default 10 s, 64 connections)
# DB=postgres runs it on PostgreSQL (database convention_bench on PG_URL's server, default
# postgres://postgres@127.0.0.1:5432, dropped and made anew); SCALE=0.1 a tenth of the city.
# BIN and SITE name another build (BIN=target/debug/convention SITE=target/site checks the
# script itself on the debug build; its figures mean nothing).
# Needs `cargo leptos build --release --precompress` first (scripts/run.sh does it), wrk
# (Debian's package; installed when missing) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
conns=${2:-64}
bin=${BIN:-target/release/convention}
site=${SITE:-target/site}
if [ ! -x "$bin" ] || [ ! -d "$site/pkg" ]; then
  echo "no release build: run cargo leptos build --release --precompress first" >&2
  exit 1
fi
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq wrk >/dev/null; else sudo apt-get install -y -qq wrk >/dev/null; fi
fi
dir=$(mktemp -d)
port=3411
base=http://127.0.0.1:$port
pid=
pid2=
trap 'kill $pid $pid2 2>/dev/null; rm -rf "$dir"' EXIT
backend=${DB:-sqlite}
if [ "$backend" = postgres ]; then
  pg=${PG_URL:-postgres://postgres@127.0.0.1:5432}
  psql "$pg/postgres" -qc "DROP DATABASE IF EXISTS convention_bench WITH (FORCE)" -c "CREATE DATABASE convention_bench"
  export DATABASE_URL="$pg/convention_bench"
  sql() { psql "$DATABASE_URL" -Atc "$1"; }
else
  export DATABASE_URL="sqlite://$dir/db.sqlite"
  sql() { python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "$dir/db.sqlite" "$1"; }
fi
export CONVENTION_BALLOT_KEY_FILE="$dir/key"
long=$("$bin" demo --city | grep -o '/proposals/[0-9]*' | head -1)
filled=$("$bin" demo --scale "${SCALE:-city}" | tail -1)
# The city's proposals and rounds come last: the newest of each is one of its pages.
city_proposal=/proposals/$(sql "SELECT MAX(id) FROM proposals")
city_results=/rounds/$(sql "SELECT MAX(id) FROM rounds")/results
# Trusting X-Forwarded-For as behind a reverse proxy: the writes come from many addresses.
"$bin" serve --addr "127.0.0.1:$port" --site-root "$site" --trust-proxy >"$dir/log" 2>&1 &
pid=$!
# The same server without the page cache, for the same pages rendered every time.
"$bin" serve --addr "127.0.0.1:$((port + 1))" --site-root "$site" --no-page-cache >"$dir/log2" 2>&1 &
pid2=$!
for _ in $(seq 100); do curl -sf "$base/healthz" >/dev/null && curl -sf "http://127.0.0.1:$((port + 1))/healthz" >/dev/null && break; sleep 0.1; done

cookie=$(curl -s -o /dev/null -D - -H "Origin: $base" -H 'Accept: application/json' \
  --data 'username=organisation&password=convention-demo-2026' "$base/api/login" |
  awk -F'[=;]' 'tolower($1) ~ /^set-cookie: convention_session/ { print $2; exit }')
[ -n "$cookie" ] || { echo "could not sign in" >&2; exit 1; }

exec > >(tee "$dir/out.md")
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git rev-parse --short HEAD)$(git diff --quiet || echo +)"
echo "wrk -t2 -c$conns -d${secs}s, $backend; demo with the city-sized debate ($long: 2,000 comments); $filled"
echo
printf '| page | who | req/s | × /healthz | p50 ms | p99 ms |\n|---|---|---|---|---|---|\n'
ceiling=
# wrk's latency ("850.00us", "12.3ms", "1.2s") in milliseconds.
ms() { awk -v v="$1" 'BEGIN { u = v; sub(/[0-9.]+/, "", u); n = v + 0;
  if (u == "us") n /= 1000; else if (u == "s") n *= 1000; printf "%.2f", n }'; }
run() {
  local path=$1 who=$2 header=() server=$base
  [ "$who" = "signed in" ] && header=(-H "Cookie: convention_session=$cookie")
  [ "$who" = "anonymous, no cache" ] && server="http://127.0.0.1:$((port + 1))"
  local out
  out=$(wrk -t2 -c"$conns" -d"${secs}s" --latency "${header[@]}" -H 'Accept-Encoding: br' "$server$path")
  local rps p50 p99
  rps=$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' <<<"$out")
  p50=$(awk '$1 == "50%" { print $2 }' <<<"$out")
  p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
  [ -z "$ceiling" ] && ceiling=$rps
  printf '| %s | %s | %s | %s | %s | %s |\n' "$path" "$who" "$rps" \
    "$(awk -v a="$rps" -v b="$ceiling" 'BEGIN { printf "%.2f", a / b }')" "$(ms "$p50")" "$(ms "$p99")"
  # Said under the table: answers other than 2xx, and requests wrk gave up on after 2 s, which
  # it leaves out of its latencies (a page where every request timed out would read as fast).
  if grep -q "Non-2xx" <<<"$out"; then notes+=("$path, $who: $(grep Non-2xx <<<"$out" | sed 's/^ *//')"); fi
  if grep -q "Socket errors" <<<"$out"; then notes+=("$path, $who: $(grep 'Socket errors' <<<"$out" | sed 's/^ *//')"); fi
}
notes=()
run /healthz anonymous
css=$(curl -s "$base/" | grep -o 'href="/pkg/[^"]*\.css"' | head -1 | cut -d'"' -f2)
run "$css" "static file"
for path in / /topics/education /proposals/1 "$long" "$city_proposal" /rounds "$city_results" /report; do
  run "$path" anonymous
  run "$path" "anonymous, no cache"
done
for path in / /topics/education /proposals/1; do
  run "$path" "signed in"
done
if [ ${#notes[@]} -gt 0 ]; then echo; printf -- '- %s\n' "${notes[@]}"; fi

echo
echo "First visit, bytes as downloaded (brotli where offered):"
printf '| page | HTML | CSS | JS | WASM | total |\n|---|---|---|---|---|---|\n'
size() { curl -s -o /dev/null -H 'Accept-Encoding: br, gzip' -w '%{size_download}' "$1"; }
for path in / /topics/education /proposals/1; do
  html=$(curl -s "$base$path")
  css=$(grep -o 'href="/pkg/[^"]*\.css"' <<<"$html" | head -1 | cut -d'"' -f2)
  js=$(grep -o 'href="/pkg/[^"]*\.js"' <<<"$html" | head -1 | cut -d'"' -f2)
  wasm=$(grep -o 'href="/pkg/[^"]*\.wasm"' <<<"$html" | head -1 | cut -d'"' -f2)
  h=$(size "$base$path"); c=$(size "$base$css"); j=$(size "$base$js"); w=$(size "$base$wasm")
  printf '| %s | %s | %s | %s | %s | %s |\n' "$path" "$h" "$c" "$j" "$w" $((h + c + j + w))
done

echo
echo "Writes: form posts by distinct people, each with their own session, at $conns connections for ${secs} s:"
printf '| write | posted | acknowledged/s | p50 ms | p99 ms | stored / acknowledged |\n|---|---|---|---|---|---|\n'
people=$(sql "SELECT COUNT(*) FROM users WHERE username LIKE 'habitant%'")
half=$((people / 2))
python3 bench/sessions.py "$DATABASE_URL" "$people" >"$dir/tokens"
head -n "$half" "$dir/tokens" >"$dir/voters"
tail -n +"$((half + 1))" "$dir/tokens" >"$dir/writers"
# The demo's open round (majority judgment, members and public side by side): every candidate
# graded "Bien".
round=$(sql "SELECT MAX(id) FROM rounds WHERE title NOT LIKE 'Vote n°%' AND result IS NULL")
ballot="round=$round"
for c in $(sql "SELECT candidate_ids FROM rounds WHERE id = $round" | tr -c '0-9' ' '); do
  ballot="$ballot&ballot%5B$c%5D=2"
done
comment="topic=education&proposal=${long#/proposals/}&body=Un+avis+de+banc+d%E2%80%99essai&stance=pour"
write() {
  local what=$1 tokens=$2 path=$3 body=$4 count=$5 out
  out=$(wrk -t2 -c"$conns" -d"${secs}s" --latency -s bench/writes.lua "$base" -- "$tokens" "$path" "$body" 2)
  local acks posted p50 p99 stored
  acks=$(awk '/^acknowledged/ { print $2 }' <<<"$out")
  posted=$(awk '/^acknowledged/ { print $6 }' <<<"$out")
  p50=$(awk '$1 == "50%" { print $2 }' <<<"$out")
  p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
  stored=$(sql "$count")
  printf '| %s | %s | %s | %s | %s | %s / %s |\n' "$what" "$posted" "$((acks / secs))" "$(ms "$p50")" "$(ms "$p99")" "$stored" "$acks"
  [ "$posted" -lt "$(wc -l <"$tokens")" ] || echo "  (every prepared person posted: the rate is a floor)"
}
write ballots "$dir/voters" /api/cast_ballot "$ballot" \
  "SELECT COUNT(*) FROM round_participation WHERE round_id = $round AND pending IS NOT NULL"
write comments "$dir/writers" /api/post_comment "$comment" \
  "SELECT COUNT(*) FROM comments WHERE body = 'Un avis de banc d’essai'"
echo
echo "Peak resident memory of the server (page cache on): $(awk '/VmHWM/ { printf "%.0f MB", $2 / 1024 }' /proc/$pid/status)"
if [ -z "${NO_APPEND:-}" ]; then
  { echo; echo "### bench/http.sh, $backend, $(date -u '+%Y-%m-%d')"; echo; cat "$dir/out.md"; } >>BENCHMARKS.md
fi
