#!/usr/bin/env bash
# Installs what the build and the tests need, each only when missing (idempotent):
# the wasm32 target, wasm-bindgen-cli at the exact version of Cargo.lock, wasm-pack,
# Debian's chromium, chromium-driver and firefox-esr, and the npm packages of
# package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

[ -f Cargo.lock ] || cargo generate-lockfile
want=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/"/, "", $3); print $3; exit}' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  say "cargo install wasm-bindgen-cli --version =$want (a few minutes)"
  cargo install -q wasm-bindgen-cli --version "=$want"
fi

if ! command -v wasm-pack >/dev/null; then
  say "cargo install wasm-pack (a few minutes)"
  cargo install -q wasm-pack --locked
fi

packages=()
[ -x /usr/bin/chromium ] || packages+=(chromium)
[ -x /usr/bin/chromedriver ] || packages+=(chromium-driver)
[ -x /usr/bin/firefox-esr ] || packages+=(firefox-esr)
if [ ${#packages[@]} -gt 0 ]; then
  say "apt-get install ${packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${packages[@]}" >/dev/null
fi

if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.setup-lock; then
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.setup-lock
fi
