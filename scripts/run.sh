#!/usr/bin/env bash
# Builds Convention (release), fills the database with demo content and serves it on
# http://127.0.0.1:3000 (override with CONVENTION_ADDR; database with DATABASE_URL).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$PWD/end2end/node_modules/.bin:$PATH"
cargo leptos build --release --precompress
./target/release/convention demo
exec ./target/release/convention serve
