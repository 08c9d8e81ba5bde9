#!/usr/bin/env bash
# The benchmark (not a test): prints the first-load size; member search over the county's
# 50,000 sample members against a naive scan; write time against a raw IndexedDB baseline, cold
# start and memory; import and export of a whole-station exchange file through 数据交换 against
# plain JavaScript reading, parsing and writing the same file. Scale of the storage and exchange
# parts: county (default) or township.
#   scripts/bench.sh [county|township]
#   BENCH_ONLY=search scripts/bench.sh   # one part only (search, storage or exchange)
#   BENCH_EXCHANGE_KINDS=org,member      # the exchange file with those kinds only
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
echo "== the app as shipped (first page load)"
scripts/build.sh dist
echo "== the app with benchmark hooks"
scripts/build.sh dist-bench bench >/dev/null
# A free port, and a check that this server (not some other one) answers on it.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory dist-bench >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.1; done
kill -0 "$server" 2>/dev/null || { echo "the test server did not start on port $port" >&2; exit 1; }
mkdir -p tests/out
BENCH_BASE_URL="http://127.0.0.1:$port" BENCH_SCALE="${1:-county}" node tests/bench/bench.mjs
