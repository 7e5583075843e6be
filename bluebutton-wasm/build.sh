#!/usr/bin/env bash
# Builds the npm package `bluebutton` in bluebutton-wasm/pkg: pkg/node (CommonJS, for Node),
# pkg/web (ES module, for browsers and bundlers; call init/initSync first), and the package's
# package.json and README.md from bluebutton-wasm/npm (version from the workspace Cargo.toml).
# `npm pack bluebutton-wasm/pkg` then makes the tarball.
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
pkg="$crate_dir/pkg"
rm -rf "$pkg"
for target in node web; do
    case "$target" in
        node) flavour=nodejs module_type=commonjs ;;
        web) flavour=web module_type=module ;;
    esac
    wasm-bindgen --target "$flavour" --out-dir "$pkg/$target" "$wasm"
    # wasm-bindgen writes no package.json; this one only tells Node and bundlers the module
    # system of the directory (CommonJS for node, ES module for web).
    printf '{\n  "type": "%s"\n}\n' "$module_type" > "$pkg/$target/package.json"
done

# The package's manifest and README; the manifest's version is the workspace's.
version="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$root/Cargo.toml" | head -n 1)"
sed "s/^  \"version\": \".*\",$/  \"version\": \"$version\",/" "$crate_dir/npm/package.json" > "$pkg/package.json"
grep -q "^  \"version\": \"$version\",$" "$pkg/package.json" || {
    echo "build.sh: could not set the version in $pkg/package.json" >&2
    exit 1
}
cp "$crate_dir/npm/README.md" "$pkg/README.md"

echo "build.sh: built the npm package bluebutton@$version in $pkg ($(wc -c < "$pkg/node/bluebutton_wasm_bg.wasm") bytes of wasm per build)"
