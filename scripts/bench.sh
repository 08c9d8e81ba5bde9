#!/usr/bin/env bash
# The storage benchmark (not a test): prints write time against a raw IndexedDB baseline, cold
# start, memory, and the first-load size. Scale: county (default) or township.
#   scripts/bench.sh [county|township]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
echo "== the app as shipped (first page load)"
scripts/build.sh dist
echo "== the app with benchmark hooks"
scripts/build.sh dist-bench bench >/dev/null
port=8092
python3 -m http.server "$port" --bind 127.0.0.1 --directory dist-bench >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.1; done
mkdir -p tests/out
BENCH_BASE_URL="http://127.0.0.1:$port" BENCH_SCALE="${1:-county}" node tests/bench/bench.mjs
