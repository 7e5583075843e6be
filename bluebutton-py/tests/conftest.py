"""Shared paths and helpers for the bluebutton tests.

Inputs are read in place: `testdata/` and `examples/` in the repository, and the shared
corpus beside it (`../shared/corpus`), all relative to the repository root.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
CORPUS = REPO_ROOT.parent / "shared" / "corpus"
GOLDEN = REPO_ROOT / "testdata" / "golden"
# A full C-CDA R1.1 CCD (the HL7 / Blue Button sample patient): header, allergies, notes.
FULL_CCD = CORPUS / "ccda" / "amida" / "CCD.example.xml"


def golden_cases() -> list[tuple[str, Path]]:
    """`(name, input path)` for every case in `testdata/golden/cases.tsv`."""
    cases = []
    for line in (GOLDEN / "cases.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, path = line.split("\t", 1)
        cases.append((name, REPO_ROOT / path))
    return cases


@pytest.fixture(scope="session")
def ccd_bytes() -> bytes:
    return FULL_CCD.read_bytes()
