#!/usr/bin/env bash
# A bench build whose wasm keeps its function names, for CPU profiles (BENCH_PROFILE=1): the
# bench build in dist-bench/ (scripts/build.sh dist-bench bench) with its wasm made again by
# wasm-bindgen from the same compiled module, not optimized by wasm-opt (which drops the names).
# Times in it are slower than the release's; what matters is where they go.
#   scripts/profile-build.sh [DIST]   (default dist-prof)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
out="${1:-dist-prof}"
scripts/build.sh dist-bench bench > /dev/null
rm -rf "$out" && cp -a dist-bench "$out"
js=$(basename "$(ls "$out"/dangjian-*.js | head -1)" .js)
tmp=$(mktemp -d)
wasm-bindgen --target web --no-typescript --out-dir "$tmp" --out-name "$js" target/wasm32-unknown-unknown/release/dangjian.wasm
cp "$tmp/$js.js" "$tmp/${js}_bg.wasm" "$out/"
rm -rf "$tmp"
# The files changed: their integrity hashes no longer hold.
sed -i 's/ integrity="[^"]*"//g' "$out/index.html"
echo "$out: the app with function names"
