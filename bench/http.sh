#!/usr/bin/env bash
# Pages under a crowd: the release server on a fresh demo database with the city-sized debate
# (`convention demo --city`: 1,000 proposals in education, a thread of 2,000 comments), loaded
# with wrk from a
# second process over loopback, each page for SECONDS at CONNECTIONS connections, all in one
# run so the figures compare. /healthz (one trivial query) is the ceiling every page is given
# as a ratio of; "signed in" pages carry the organiser's session (rendered for them each time).
# Also prints the bytes of a first visit to each page as a browser downloads them (HTML, CSS,
# JS and WASM, brotli where the server offers it).
#   bench/http.sh [SECONDS] [CONNECTIONS]     (default 10 s, 64 connections)
# BIN and SITE name another build (BIN=target/debug/convention SITE=target/site checks the
# script itself on the debug build; its figures mean nothing).
# Needs `cargo leptos build --release --precompress` first (scripts/run.sh does it) and wrk
# (Debian's package; installed when missing).
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
export DATABASE_URL="sqlite://$dir/db.sqlite" CONVENTION_BALLOT_KEY_FILE="$dir/key"
long=$("$bin" demo --city | grep -o '/proposals/[0-9]*' | head -1)
"$bin" serve --addr "127.0.0.1:$port" --site-root "$site" >"$dir/log" 2>&1 &
pid=$!
# The same server without the page cache, for the same pages rendered every time.
"$bin" serve --addr "127.0.0.1:$((port + 1))" --site-root "$site" --no-page-cache >"$dir/log2" 2>&1 &
pid2=$!
for _ in $(seq 100); do curl -sf "$base/healthz" >/dev/null && curl -sf "http://127.0.0.1:$((port + 1))/healthz" >/dev/null && break; sleep 0.1; done

cookie=$(curl -s -o /dev/null -D - -H "Origin: $base" -H 'Accept: application/json' \
  --data 'username=organisation&password=convention-demo-2026' "$base/api/login" |
  awk -F'[=;]' 'tolower($1) ~ /^set-cookie: convention_session/ { print $2; exit }')
[ -n "$cookie" ] || { echo "could not sign in" >&2; exit 1; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git rev-parse --short HEAD)$(git diff --quiet || echo +)"
echo "wrk -t2 -c$conns -d${secs}s, SQLite demo database with the city-sized debate ($long: 2,000 comments)"
echo
printf '| page | who | req/s | × /healthz | p50 ms | p99 ms |\n|---|---|---|---|---|---|\n'
ceiling=
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
  ms() { awk -v v="$1" 'BEGIN { u = v; sub(/[0-9.]+/, "", u); n = v + 0;
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; printf "%.2f", n }'; }
  [ -z "$ceiling" ] && ceiling=$rps
  printf '| %s | %s | %s | %s | %s | %s |\n' "$path" "$who" "$rps" \
    "$(awk -v a="$rps" -v b="$ceiling" 'BEGIN { printf "%.2f", a / b }')" "$(ms "$p50")" "$(ms "$p99")"
  if grep -q "Non-2xx" <<<"$out"; then echo "  ($(grep Non-2xx <<<"$out"))"; fi
}
run /healthz anonymous
for path in / /topics/education /proposals/1 "$long" /rounds /report; do
  run "$path" anonymous
  run "$path" "anonymous, no cache"
done
for path in / /topics/education /proposals/1; do
  run "$path" "signed in"
done

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
