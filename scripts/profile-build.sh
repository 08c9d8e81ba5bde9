#!/usr/bin/env bash
# A bench build whose wasm keeps its function names, for CPU profiles (BENCH_PROFILE=1): the
# bench build (scripts/build.sh DIST bench) with its wasm, main module and sections, left
# unoptimized by scripts/split.mjs (wasm-opt drops the names). Times in it are slower than the
# release's; what matters is where they go.
#   scripts/profile-build.sh [DIST]   (default dist-prof)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-dist-prof}"
SPLIT_KEEP_NAMES=1 scripts/build.sh "$out" bench > /dev/null
echo "$out: the app with function names"
