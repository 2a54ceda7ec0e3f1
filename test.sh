#!/usr/bin/env bash
# Runs every test of Surligneur; installs what it needs first (scripts/setup.sh).
#   formatting and lints · native tests (engine, lexicons, CLI, properties, evaluation)
#   · the WASM API in headless Chromium · the npm package in Node
#   · the web page and the extension in headless Chromium
set -euo pipefail
cd "$(dirname "$0")"
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "setup"
scripts/setup.sh

step "cargo fmt --check, clippy -D warnings"
cargo fmt --all -- --check
cargo clippy --quiet --all-targets -- -D warnings
cargo clippy --quiet --lib --test web --target wasm32-unknown-unknown -- -D warnings

step "native tests"
cargo test --release

step "WASM API in headless Chromium (wasm-bindgen-test)"
CHROMEDRIVER=/usr/bin/chromedriver cargo test --release --target wasm32-unknown-unknown --test web

step "npm package (web and nodejs targets) in Node"
scripts/build-web.sh
PATH="$PWD/node_modules/.bin:$PATH" wasm-pack build --quiet --release --target nodejs \
  --out-dir target/pkg-nodejs --out-name surligneur
node --test tests/node/

step "page and extension in headless Chromium"
node --test --test-concurrency=1 tests/web/
