#!/usr/bin/env bash
# Installs what building Convention needs and is missing, and nothing twice:
#   - the wasm32 target, cargo-leptos 0.3.10, the wasm-bindgen CLI matching Cargo.lock;
#   - wasm-opt from the npm package binaryen 132 (Debian's wasm-opt 108 builds a WASM that never
#     hydrates; cargo-leptos would otherwise try to download one, which fails offline);
#   - with --test: Debian's Chromium for the browser tests, the end2end npm packages,
#     Python's venv (pref_voting, from PyPI, re-counts random elections), poppler-utils and
#     LibreOffice (the browser tests open the report's PDF and ODT and the open-data CSV).
# Works on a fresh Debian machine that has rustup; apt-get is used (as root or with sudo) for
# Node.js, npm and Chromium when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=false
[ "${1:-}" = "--test" ] && want_test=true

CARGO_LEPTOS_VERSION=0.3.10
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=false
apt_install() {
  if ! $apt_updated; then as_root apt-get update -qq; apt_updated=true; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

if ! command -v cc >/dev/null; then say "installing a C compiler"; apt_install build-essential pkg-config; fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32 target"
  rustup target add wasm32-unknown-unknown
fi

if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
  say "installing cargo-leptos $CARGO_LEPTOS_VERSION (about 20 minutes on 2 cores, once)"
  cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 5 minutes, once)"
  # Not --locked: its lock file names a webpki-roots release that registry mirrors lack.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if ! command -v npm >/dev/null; then say "installing Node.js and npm"; apt_install nodejs npm; fi

if $want_test && ! python3 -c 'import ensurepip' 2>/dev/null; then
  say "installing Python's venv (the voting methods are checked against pref_voting from PyPI)"
  apt_install python3 python3-venv
fi

if $want_test && [ ! -x /usr/bin/chromium ] && [ -z "${CHROMIUM_PATH:-}" ]; then
  say "installing Debian's Chromium for the browser tests"
  apt_install chromium fonts-dejavu-core
fi

if $want_test && { ! command -v pdftotext >/dev/null || ! command -v soffice >/dev/null; }; then
  say "installing poppler-utils and LibreOffice (the report's PDF and ODT are opened in the browser tests)"
  apt_install poppler-utils libreoffice-writer-nogui libreoffice-calc-nogui
fi

if [ ! -x end2end/node_modules/.bin/wasm-opt ] || { $want_test && [ ! -d end2end/node_modules/@playwright/test ]; }; then
  say "installing the end2end npm packages (wasm-opt, Playwright without its browsers)"
  (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi
