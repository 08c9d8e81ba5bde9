#!/usr/bin/env bash
# A release build of the app into dist/ (or $1), then its first-load size, gzipped, and the check
# that nothing in it is above the browser floor (Chrome 109, Firefox 115).
#   scripts/build.sh [DIST] [CARGO_FEATURES]
set -euo pipefail
cd "$(dirname "$0")/.."
dist="${1:-dist}"
features="${2:-}"
# wasm-opt from npm's binaryen: Debian's binaryen 108 emits a wasm that fails at start.
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
args=(build --release --offline --dist "$dist")
[ -z "$features" ] || args+=(--features "$features")
trunk "${args[@]}"
node scripts/size-report.mjs "$dist"
# Fails the build when it uses a wasm feature, syntax, CSS or Web API above the browser floor.
node scripts/check-floor.mjs "$dist"
