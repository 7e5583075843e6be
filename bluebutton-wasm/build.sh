#!/usr/bin/env bash
# Builds the JavaScript package: bluebutton-wasm/pkg/node (CommonJS, for Node) and
# bluebutton-wasm/pkg/web (ES module, for browsers and bundlers; call init/initSync first).
# Installs what it needs: the wasm32 target and wasm-bindgen-cli at the Cargo.lock version.
# Runs from anywhere; honours CARGO_TARGET_DIR.
set -euo pipefail

crate_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$crate_dir/.." && pwd)"
target_dir="${CARGO_TARGET_DIR:-$root/target}"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    rustup target add wasm32-unknown-unknown
fi

# The CLI must match the wasm-bindgen library exactly; take the version from Cargo.lock.
wb_version="$(grep -A1 '^name = "wasm-bindgen"$' "$root/Cargo.lock" | sed -n 's/^version = "\(.*\)"/\1/p')"
if [ -z "$wb_version" ]; then
    echo "build.sh: wasm-bindgen not found in Cargo.lock" >&2
    exit 1
fi
installed="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
if [ "$installed" != "$wb_version" ]; then
    echo "build.sh: installing wasm-bindgen-cli $wb_version (found: ${installed:-none})" >&2
    # Not --locked: its lockfile pins a webpki-roots version this registry lacks.
    # Its own temporary target dir, so the project's target dir stays clean.
    env -u CARGO_TARGET_DIR cargo install wasm-bindgen-cli --version "$wb_version"
fi

cargo build --manifest-path "$root/Cargo.toml" -p bluebutton-wasm \
    --target wasm32-unknown-unknown --release

wasm="$target_dir/wasm32-unknown-unknown/release/bluebutton_wasm.wasm"
for target in node web; do
    out="$crate_dir/pkg/$target"
    rm -rf "$out"
    case "$target" in
        node) flavour=nodejs ;;
        web) flavour=web ;;
    esac
    wasm-bindgen --target "$flavour" --out-dir "$out" "$wasm"
done

# wasm-bindgen writes no package.json; give each output one, so Node and bundlers know the
# module system (CommonJS for node, ES module for web) and where the types are.
version="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$root/Cargo.toml" | head -n 1)"
for target in node web; do
    case "$target" in
        node) module_type=commonjs ;;
        web) module_type=module ;;
    esac
    cat > "$crate_dir/pkg/$target/package.json" <<JSON
{
  "name": "bluebutton-wasm-$target",
  "version": "$version",
  "description": "Blue Button health-record parser (WebAssembly, $target build)",
  "license": "Apache-2.0",
  "type": "$module_type",
  "main": "bluebutton_wasm.js",
  "types": "bluebutton_wasm.d.ts",
  "sideEffects": false
}
JSON
done

echo "build.sh: built $crate_dir/pkg/node and $crate_dir/pkg/web ($(wc -c < "$crate_dir/pkg/node/bluebutton_wasm_bg.wasm") bytes of wasm)"
