#!/usr/bin/env bash
# Builds the app (release) and serves it on http://127.0.0.1:8080 until stopped with Ctrl+C.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build
scripts/build.sh dist
echo "基层党建工作台: http://127.0.0.1:8080/"
exec python3 -m http.server 8080 --bind 127.0.0.1 --directory dist
