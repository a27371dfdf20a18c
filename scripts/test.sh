#!/usr/bin/env bash
# The whole test suite: formatting, lints (server and wasm32), unit and integration tests on
# SQLite and PostgreSQL, then browser tests in Debian's Chromium (JavaScript on and off, with
# axe-core) against the release build.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh --test
export PATH="$PWD/end2end/node_modules/.bin:$PATH"
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

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

say "rustfmt"
cargo fmt --all --check

say "clippy (server side)"
cargo clippy -p domain -p storage -p server --all-targets -- -D warnings
cargo clippy -p app --features ssr --all-targets -- -D warnings
say "clippy (browser side, wasm32)"
cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

say "the domain crate stays free of web and database crates"
for dep in leptos axum sqlx tokio; do
  if cargo tree -p domain -e normal -i "$dep" >/dev/null 2>&1; then
    echo "domain depends on $dep" >&2; exit 1
  fi
done
cargo build -p domain --target wasm32-unknown-unknown

say "unit and integration tests (SQLite and PostgreSQL)"
cargo test -p domain -p storage -p server
cargo test -p app --features ssr
cargo doc -p domain --no-deps

say "release build"
cargo leptos build --release

say "browser tests (Chromium, JavaScript on and off, axe-core)"
E2E_DIR=$(mktemp -d)
E2E_PORT=${E2E_PORT:-3107}
export DATABASE_URL="sqlite://$E2E_DIR/e2e.db"
./target/release/convention demo
./target/release/convention serve --addr "127.0.0.1:$E2E_PORT" >"$E2E_DIR/server.log" 2>&1 &
SERVER_PID=$!
trap 'kill $SERVER_PID 2>/dev/null || true; rm -rf "$E2E_DIR"' EXIT
export E2E_BASE_URL="http://127.0.0.1:$E2E_PORT"
if ! (cd end2end && npx playwright test); then
  echo "--- server log ---"; tail -n 50 "$E2E_DIR/server.log"; exit 1
fi
say "all tests passed"
