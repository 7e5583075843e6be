#!/usr/bin/env bash
# Runs the cargo-fuzz targets in fuzz/ for a given time each (not part of CI): `detect`,
# `parse` (detection then the reader), and each reader alone (`ccda`, `va_text`, `cms_text`,
# `fhir`).
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     default: 600 s, every target
#
# Installs cargo-fuzz if missing and builds on the stable toolchain with RUSTC_BOOTSTRAP=1
# (cargo-fuzz needs nightly flags). Seeds each target's working corpus (fuzz/corpus/, not
# committed) from ../shared/corpus the first time. A crash leaves its input in
# fuzz/artifacts/TARGET/; turn it into a regression test before fixing it.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(detect parse ccda va_text cms_text fhir)
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
export RUSTC_BOOTSTRAP=1
for target in "${targets[@]}"; do
    seeds=fuzz/corpus/$target
    if [ ! -d "$seeds" ] && [ -d ../shared/corpus ]; then
        mkdir -p "$seeds"
        # The reader's own format (detection and `parse` take everything). Small files make
        # the best seeds; big ones slow every iteration down.
        case $target in
            ccda) folders=(../shared/corpus/ccda ../shared/corpus/c32) ;;
            va_text) folders=(../shared/corpus/va-text) ;;
            cms_text) folders=(../shared/corpus/cms-text) ;;
            fhir) folders=(../shared/corpus/fhir) ;;
            *) folders=(../shared/corpus) ;;
        esac
        find "${folders[@]}" -type f -size -64k -exec cp {} "$seeds/" \;
    fi
    mkdir -p "$seeds"
    echo "== fuzzing $target for $seconds s"
    (cd fuzz && cargo fuzz run "$target" -- -max_total_time="$seconds" -max_len=262144 \
        -timeout=10 -rss_limit_mb=2048)
done
