#!/usr/bin/env bash
# A release build of the app into dist/ (or $1), then its first-load size, gzipped.
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
