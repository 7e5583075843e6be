#!/usr/bin/env bash
# Builds the uniffi library, generates the Kotlin and Swift bindings, and runs the Kotlin tests
# on the JVM (which also check the generated Swift). Run from anywhere.
#
# Installs what is missing: JNA (Debian `libjna-java`) and kotlinc (npm `kotlin-compiler`,
# unpacked into .tools/). Uses $CARGO_TARGET_DIR like cargo does (default: target/).
# FFI_CARGO_BUILD_ARGS (default `-p bluebutton-ffi`): set it to `--workspace` right after a
# `cargo build --workspace`, so features unify the same way and nothing is rebuilt.
# The last line is the Kotlin runner's `N passed, N failed`; the exit status is non-zero on failure.
set -euo pipefail

# Resolve a relative CARGO_TARGET_DIR against the caller's directory, as cargo would.
TARGET_DIR=${CARGO_TARGET_DIR:-}
if [ -n "$TARGET_DIR" ] && [ "${TARGET_DIR#/}" = "$TARGET_DIR" ]; then TARGET_DIR="$PWD/$TARGET_DIR"; fi
cd "$(dirname "$0")/.."
ROOT=$PWD
TARGET_DIR=${TARGET_DIR:-$ROOT/target}
export CARGO_TARGET_DIR=$TARGET_DIR
FFI=$ROOT/bluebutton-ffi
KOTLIN_VERSION=2.4.20
KOTLIN=$ROOT/.tools/kotlin-$KOTLIN_VERSION/package
JNA=/usr/share/java/jna.jar

step_start=$SECONDS
step() { # prints how long the previous step took, then names the next one
    echo "== $1 (previous step: $((SECONDS - step_start)) s)" >&2
    step_start=$SECONDS
}

step "install: JNA, kotlinc $KOTLIN_VERSION"
APT_PACKAGES=
[ -f "$JNA" ] || APT_PACKAGES="libjna-java"
command -v java >/dev/null || APT_PACKAGES="$APT_PACKAGES default-jre-headless"
if [ -n "$APT_PACKAGES" ]; then
    SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
    # shellcheck disable=SC2086 # a list of package names
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq $APT_PACKAGES >/dev/null
fi
if [ ! -x "$KOTLIN/bin/kotlinc" ]; then
    mkdir -p "$ROOT/.tools/kotlin-$KOTLIN_VERSION"
    (cd "$ROOT/.tools" && npm pack -q "kotlin-compiler@$KOTLIN_VERSION" >/dev/null \
        && tar xzf "kotlin-compiler-$KOTLIN_VERSION.tgz" -C "kotlin-$KOTLIN_VERSION" \
        && rm "kotlin-compiler-$KOTLIN_VERSION.tgz")
fi

step "cargo build ${FFI_CARGO_BUILD_ARGS:--p bluebutton-ffi}"
# shellcheck disable=SC2086 # the arguments are meant to split
cargo build ${FFI_CARGO_BUILD_ARGS:--p bluebutton-ffi}
BIN=$TARGET_DIR/debug
LIB=$BIN/libbluebutton_ffi.so
[ "$(uname)" = Darwin ] && LIB=$BIN/libbluebutton_ffi.dylib

step "generate Kotlin into bluebutton-ffi/bindings/kotlin, the Swift package into bindings/swift"
rm -rf "$FFI/bindings/kotlin" "$FFI/bindings/swift"
"$BIN/uniffi-bindgen" generate "$LIB" --language kotlin --out-dir "$FFI/bindings/kotlin" --no-format
"$FFI/swift/make-package.sh" "$FFI/bindings/swift"

step "kotlinc: bindings, tests, examples/kotlin/Summary.kt"
mkdir -p "$FFI/build"
digest() { if command -v sha256sum >/dev/null; then sha256sum; else shasum -a 256; fi; }
# compile SOURCE_DIR JAR [DEPENDENCY_JAR]: runs kotlinc only when a source or the dependency
# changed (it takes 10 to 20 s a run); the stamp beside the jar is the digest of all of them.
compile() {
    local sources stamp
    sources=$(find "$1" -name '*.kt' | sort)
    stamp=$( { echo "$KOTLIN_VERSION"; echo "$sources" | xargs cat; [ -z "${3:-}" ] || cat "$3"; } \
        | digest | cut -d' ' -f1)
    if [ ! -f "$2" ] || [ "$(cat "$2.sha256" 2>/dev/null)" != "$stamp" ]; then
        rm -f "$2.sha256"
        "$KOTLIN/bin/kotlinc" "$1" -cp "$JNA${3:+:$3}" -d "$2" -nowarn
        echo "$stamp" >"$2.sha256"
    fi
}
# The bindings alone, then the tests and the example against them, as examples/kotlin/README.md
# tells users to build the example.
compile "$FFI/bindings/kotlin" "$FFI/build/bindings.jar"
compile "$FFI/tests/kotlin" "$FFI/build/test.jar" "$FFI/build/bindings.jar"
compile "$ROOT/examples/kotlin" "$FFI/build/summary.jar" "$FFI/build/bindings.jar"

step "java MainKt"
STDLIB=$KOTLIN/lib/kotlin-stdlib.jar
exec java -cp "$FFI/build/test.jar:$FFI/build/bindings.jar:$JNA:$STDLIB" -Djna.library.path="$BIN" \
    -Dsummary.classpath="$FFI/build/summary.jar:$FFI/build/bindings.jar:$JNA:$STDLIB" \
    MainKt "$ROOT" "$FFI/bindings"
