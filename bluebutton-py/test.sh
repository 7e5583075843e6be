#!/usr/bin/env bash
# Builds the Python package and runs its tests, from any directory, on a fresh machine.
#
#   bluebutton-py/test.sh [pytest args...]
#
# Uses (creating it if needed) the virtualenv `.venv` at the repository root, installs
# maturin and pytest there, plus what the table tests and examples use (pandas, polars,
# dask, tqdm: the package's optional extras) and the FHIR R4 models the Bundle validation
# uses (fhir.resources 6.5.0, the R4 release, with the pydantic 1 it needs), installs
# `./bluebutton-py` (a release build through maturin), then runs pytest; the last line of
# output is pytest's summary. Needs python3 (>= 3.9, with venv) and a Rust toolchain. Cargo's target directory is `target/` at the root
# unless CARGO_TARGET_DIR says otherwise.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

python="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    "$python" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check maturin pytest \
    pandas polars dask tqdm "fhir.resources==6.5.0" "pydantic>=1.10,<2"
.venv/bin/python -m pip install --quiet --disable-pip-version-check ./bluebutton-py
exec .venv/bin/python -m pytest bluebutton-py/tests "$@"
