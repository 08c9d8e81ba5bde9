#!/usr/bin/env bash
# Runs every test: the lints (rustfmt; clippy natively and for wasm), native unit and property
# tests (the app and the sheets crate), the IndexedDB store and the spreadsheet worker in
# headless Chromium (wasm-bindgen-test), and the Playwright journeys against the release build
# on 127.0.0.1 (all in Chromium; the foundation, members and exchange journeys in Firefox ESR too).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
mkdir -p target

echo "== lints: formatting, and clippy on the native workspace and on the app's wasm"
cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy --target wasm32-unknown-unknown -p dangjian -- -D warnings

echo "== native tests (every crate of the workspace: core and merge laws, domain, exchange, store, spreadsheets)"
cargo test --workspace --all-targets 2>&1 | tee target/native-tests.log

echo "== IndexedDB store tests in headless Chromium"
export CHROMEDRIVER=/usr/bin/chromedriver
export WASM_BINDGEN_TEST_TIMEOUT=120
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --target wasm32-unknown-unknown -p dangjian-web --test idb_store 2>&1 | tee target/wasm-tests.log

echo "== release build"
scripts/build.sh dist

echo "== the browser-floor check, shown failing on samples above the floor (the build ran it on dist/)"
node --test tests/build/ 2>&1 | tee target/build-tests.log

echo "== the spreadsheet worker of that build, from the app's side, in headless Chromium"
# The runner serves the package directory, so the test starts dist/spreadsheet-worker.js.
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --target wasm32-unknown-unknown -p dangjian --test sheets_client 2>&1 | tee target/wasm-sheets-tests.log

echo "== browser journeys (Playwright)"
# A free port, and a check that this server (not some other one) answers on it.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory dist >target/e2e-server.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.1; done
kill -0 "$server" 2>/dev/null || { echo "the test server did not start on port $port" >&2; exit 1; }
E2E_BASE_URL="http://127.0.0.1:$port" node --test --test-concurrency=1 tests/e2e/ 2>&1 | tee target/e2e-tests.log

echo "== the foundation, members, exchange and USB-edition journeys again, in Firefox ESR (WebDriver BiDi)"
E2E_BROWSER=firefox E2E_BASE_URL="http://127.0.0.1:$port" node --test --test-concurrency=1 \
  tests/e2e/foundation.test.mjs tests/e2e/members.test.mjs tests/e2e/exchange.test.mjs tests/e2e/usb.test.mjs 2>&1 | tee target/e2e-firefox-tests.log

echo "== summary"
grep -h "^test result:" target/native-tests.log target/wasm-tests.log target/wasm-sheets-tests.log
for log in target/build-tests.log target/e2e-tests.log target/e2e-firefox-tests.log; do echo "$log:"; grep -E "^# (pass|fail|skipped) " "$log"; done
passed=$(( $(grep -ho "[0-9]* passed" target/native-tests.log target/wasm-tests.log target/wasm-sheets-tests.log | awk '{s+=$1} END {print s+0}') + $(awk '/^# pass /{s+=$3} END {print s+0}' target/build-tests.log target/e2e-tests.log target/e2e-firefox-tests.log) ))
failed=$(( $(grep -ho "[0-9]* failed" target/native-tests.log target/wasm-tests.log target/wasm-sheets-tests.log | awk '{s+=$1} END {print s+0}') + $(awk '/^# fail /{s+=$3} END {print s+0}' target/build-tests.log target/e2e-tests.log target/e2e-firefox-tests.log) ))
echo "all tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
