#!/usr/bin/env bash
# Builds the WebAssembly package into www/pkg (used by the page, the extension and npm
# users), then the unpacked extension and its zip into dist/.
set -euo pipefail
cd "$(dirname "$0")/.."
# wasm-opt from the npm package binaryen: Debian's is too old for rustc 1.95 output.
export PATH="$PWD/node_modules/.bin:$PATH"
wasm-pack build --quiet --release --target web --out-dir www/pkg --out-name surligneur
rm -f www/pkg/.gitignore
if [ -x scripts/build-extension.sh ]; then
  scripts/build-extension.sh
fi
