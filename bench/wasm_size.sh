#!/usr/bin/env bash
# The browser's download: the release WASM of each git revision given (default: HEAD~1 and the
# working tree), built as `cargo leptos build --release` builds it (wasm-release profile, then
# wasm-bindgen, then wasm-opt -Oz), with its raw, gzip -9 and brotli -q 11 sizes. Revisions are
# built one after the other in one run, sharing target/, so their figures compare.
#   bench/wasm_size.sh [REV ...]      REV: a commit, or "work" for the working tree
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/end2end/node_modules/.bin:$PATH"
# Debian's brotli CLI; a missing one would print a size of 0.
if ! command -v brotli >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq brotli >/dev/null; else sudo apt-get install -y -qq brotli >/dev/null; fi
fi
revs=("$@")
[ ${#revs[@]} -eq 0 ] && revs=(HEAD~1 work)
root=$PWD
target=${CARGO_TARGET_DIR:-$root/target}
out=$(mktemp -d)
trap 'rm -rf "$out"; git -C "$root" worktree prune' EXIT
printf '| revision | wasm (raw) | gzip -9 | brotli -q 11 |\n|---|---|---|---|\n'
for rev in "${revs[@]}"; do
  if [ "$rev" = work ]; then src=$root; name="working tree ($(git rev-parse --short HEAD)+)"; else
    src="$out/src-$rev"; git worktree add -q --detach "$src" "$rev"; name=$(git rev-parse --short "$rev"); fi
  (cd "$src" && CARGO_TARGET_DIR="$target" cargo build -q -p frontend --lib \
    --target wasm32-unknown-unknown --profile wasm-release)
  wasm-bindgen --target web --no-typescript --out-dir "$out/$rev" --out-name convention \
    "$target/wasm32-unknown-unknown/wasm-release/frontend.wasm"
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    -o "$out/$rev/opt.wasm" "$out/$rev/convention_bg.wasm"
  f="$out/$rev/opt.wasm"
  printf '| %s | %s | %s | %s |\n' "$name" "$(wc -c <"$f")" "$(gzip -9 -c "$f" | wc -c)" "$(brotli -q 11 -c "$f" | wc -c)"
  [ "$rev" = work ] || git worktree remove --force "$src"
done
