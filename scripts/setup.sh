#!/usr/bin/env bash
# Installs what building and testing need, skipping what is already there. Safe to run again.
#   scripts/setup.sh build   # toolchain, wasm target, trunk, wasm-bindgen-cli, wasm-split-cli, npm packages
#   scripts/setup.sh test    # the above, plus Chromium, ChromeDriver, Firefox ESR, Chinese fonts, Python 3
# Everything comes from the package registries (crates.io, npm, Debian); nothing else is fetched.
set -euo pipefail
cd "$(dirname "$0")/.."
want="${1:-build}"

TRUNK_VERSION=0.21.14
# Must equal the wasm-bindgen version pinned in Cargo.toml.
WASM_BINDGEN_VERSION=0.2.130
# Cuts the app's wasm at its #[lazy] sections (scripts/split.mjs); the version Leptos's
# wasm_split_helpers (in Cargo.lock) is made for.
WASM_SPLIT_VERSION=0.2.4

say() { printf '[setup] %s\n' "$*"; }

command -v cargo >/dev/null || { echo "cargo (rustup) is required" >&2; exit 1; }
# rust-toolchain.toml names the toolchain and the wasm32 target; rustup installs them on first use.
rustup show active-toolchain >/dev/null
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32 target"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -q " ${TRUNK_VERSION}\$"; then
  say "installing trunk ${TRUNK_VERSION} (about 12 minutes on 2 cores)"
  cargo install --locked "trunk@${TRUNK_VERSION}"
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q " ${WASM_BINDGEN_VERSION}\$"; then
  say "installing wasm-bindgen-cli ${WASM_BINDGEN_VERSION} (about 5 minutes)"
  # Without --locked: the published lock file no longer resolves.
  cargo install wasm-bindgen-cli --version "${WASM_BINDGEN_VERSION}"
fi

# The tool prints no version: cargo's list of what it installed tells.
if ! cargo install --list | grep -q "^wasm_split_cli_support v${WASM_SPLIT_VERSION}:"; then
  say "installing wasm-split-cli ${WASM_SPLIT_VERSION} (about 3 minutes)"
  cargo install --locked "wasm_split_cli_support@${WASM_SPLIT_VERSION}" --features build-binary
fi

# Again whenever package-lock.json is newer than what npm last installed.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages (binaryen for wasm-opt, playwright-core, the browser-floor check's tools)"
  npm ci --no-audit --no-fund
fi

if [ "$want" = "test" ]; then
  missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
  # The second engine: the journeys of tests/e2e/firefox.test.mjs run in Firefox ESR too.
  [ -x /usr/bin/firefox-esr ] || missing+=(firefox-esr)
  fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing+=(fonts-noto-cjk)
  # The test server, and the exchange format's reference reader (tests/reference, standard library only).
  command -v python3 >/dev/null || missing+=(python3)
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]} from Debian"
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${missing[@]}"
  fi
fi
say "ready"
