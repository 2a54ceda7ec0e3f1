#!/usr/bin/env bash
# Builds Surligneur's demo page (and the extension) and serves www/ on localhost.
#   ./run.sh [PORT]     (default 8080)
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
cargo build --release --quiet
scripts/build-web.sh
exec node scripts/serve.mjs www "${1:-8080}"
