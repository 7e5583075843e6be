#!/usr/bin/env bash
# Builds the JavaScript package (build.sh) and runs its tests with `node --test`.
# Runs from anywhere; honours CARGO_TARGET_DIR. Needs node >= 20 and npm.
set -euo pipefail

crate_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$crate_dir/.." && pwd)"

"$crate_dir/build.sh"

# The TypeScript compiler for the .d.ts check, pinned in package-lock.json.
if [ ! -x "$crate_dir/node_modules/typescript/bin/tsc" ]; then
    (cd "$crate_dir" && npm ci --no-audit --no-fund)
fi

cd "$root"
node --test --test-reporter=spec bluebutton-wasm/tests/
