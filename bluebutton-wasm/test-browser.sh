#!/usr/bin/env bash
# Runs the record viewer's end-to-end test (browser-tests/) in headless Chromium: builds the
# package (build.sh), serves examples/web from 127.0.0.1, and drives the page with
# playwright-core. Installs what is missing: Debian's `chromium` (with root or sudo) and the
# npm packages pinned in package-lock.json. Never downloads a browser any other way.
# Screenshots go to bluebutton-wasm/test-artifacts/. Runs from anywhere; honours
# CARGO_TARGET_DIR and CHROMIUM (default /usr/bin/chromium). Needs ../shared/corpus.
# Ends with node's test summary (`ℹ pass N`, `ℹ fail N`); non-zero exit on failure.
set -euo pipefail

crate_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$crate_dir/.." && pwd)"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

if [ ! -x "$CHROMIUM" ]; then
    if [ "$(id -u)" = 0 ]; then
        sudo=
    elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
        sudo=sudo
    else
        echo "test-browser.sh: $CHROMIUM is missing; install Debian's chromium (needs root)" >&2
        exit 1
    fi
    echo "test-browser.sh: installing chromium (apt)" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi

"$crate_dir/build.sh"

if [ ! -f "$crate_dir/node_modules/playwright-core/package.json" ]; then
    (cd "$crate_dir" && npm ci --no-audit --no-fund)
fi

cd "$root"
node --test --test-reporter=spec bluebutton-wasm/browser-tests/
