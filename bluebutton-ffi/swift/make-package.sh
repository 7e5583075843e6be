#!/usr/bin/env bash
# Lays out the Swift package from the built library: the template Package.swift, the generated
# and hand-written Swift sources under Sources/BlueButton/, and the C module `BlueButtonFFI`
# (two headers and module.modulemap) under headers/, ready for `xcodebuild -create-xcframework
# ... -headers OUT/headers -output OUT/BlueButtonFFI.xcframework` (see ../README.md, "Swift").
#
# Usage: make-package.sh OUT_DIR   (after `cargo build -p bluebutton-ffi`; reads
# $CARGO_TARGET_DIR like cargo does, default the workspace's target/). OUT_DIR is replaced.
set -euo pipefail

[ $# = 1 ] || { echo "usage: $0 OUT_DIR" >&2; exit 2; }
absolute() { case $1 in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
SWIFT=$(cd "$(dirname "$0")" && pwd)
TARGET_DIR=$(absolute "${CARGO_TARGET_DIR:-$SWIFT/../../target}")
OUT=$(absolute "$1")
BIN=$TARGET_DIR/debug
LIB=$BIN/libbluebutton_ffi.so
[ "$(uname)" = Darwin ] && LIB=$BIN/libbluebutton_ffi.dylib

if [ -e "$OUT" ] && [ -n "$(ls -A "$OUT")" ] && [ ! -f "$OUT/Package.swift" ]; then
    echo "$0: $OUT exists and is not a package this script made; not replacing it" >&2
    exit 2
fi
rm -rf "$OUT"
mkdir -p "$OUT/Sources/BlueButton" "$OUT/headers"
cp "$SWIFT/Package.swift" "$OUT/"
cp "$SWIFT"/Sources/BlueButton/*.swift "$OUT/Sources/BlueButton/"
# Run inside the workspace: the generator finds each crate's uniffi.toml through cargo metadata.
(cd "$SWIFT" && "$BIN/uniffi-bindgen-swift" --swift-sources "$LIB" "$OUT/Sources/BlueButton")
(cd "$SWIFT" && "$BIN/uniffi-bindgen-swift" --headers --modulemap --module-name BlueButtonFFI \
    --modulemap-filename module.modulemap "$LIB" "$OUT/headers")
