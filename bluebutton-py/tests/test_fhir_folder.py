"""`parse_fhir_folder`: the corpus FHIR bulk-data export (one NDJSON file per resource
type) read into one record per patient, counted here from the NDJSON lines; errors name
the file and line."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

import bluebutton
from conftest import CORPUS

BULK = CORPUS / "fhir" / "bulk-ndjson-10-patients"


def bulk_lines():
    """`(file path, line number, resource)` for every resource of the export."""
    for path in sorted(BULK.glob("*.ndjson")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                yield str(path), number, json.loads(line)


def patient_of(resource: dict) -> str | None:
    for member in ("patient", "subject", "beneficiary"):
        reference = resource.get(member, {}).get("reference", "")
        if reference.startswith("Patient/"):
            return reference.removeprefix("Patient/")
    return None


def test_bulk_export_gives_every_resource_to_its_patient() -> None:
    family_of = {}
    owner = {}
    per_patient = Counter()
    for name, number, resource in bulk_lines():
        if resource["resourceType"] == "Patient":
            family_of[resource["id"]] = resource["name"][0]["family"]
        else:
            owner[(name, number)] = patient_of(resource)
            per_patient[patient_of(resource)] += 1
    records = bluebutton.parse_fhir_folder(BULK)
    assert all(isinstance(r, bluebutton.HealthRecord) for r in records)
    # One record per Patient, then one for the resources naming no patient.
    assert len(records) == len(family_of) + 1
    for record in records[:-1]:
        entries = [*record.allergies, *record.problems, *record.immunizations]
        owners = {owner[(e.source.file, e.source.line)] for e in entries}
        assert len(owners) == 1
        (patient,) = owners
        assert record.patient.name.family == family_of[patient]
        assert len(entries) == per_patient[patient]
        assert record.format.kind == bluebutton.FormatKind.FhirNdjson
    last = records[-1]
    assert last.patient.name is None
    assert len(last.other) == per_patient[None]
    assert {o.kind for o in last.other} == {"Organization", "Practitioner"}
    assert any(w.message.startswith("this record has no patient") for w in last.warnings)


def test_a_broken_line_raises_with_its_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "Patient.ndjson").write_text('{"resourceType":"Patient","id":"a"}\n')
    (tmp_path / "Condition.ndjson").write_text(
        '{"resourceType":"Condition","subject":{"reference":"Patient/a"}}\n{"resourceType":\n'
    )
    with pytest.raises(bluebutton.ParseError) as caught:
        bluebutton.parse_fhir_folder(tmp_path)
    error = caught.value
    assert error.kind == "malformed"
    assert error.line == 2
    assert str(error).startswith(f"{tmp_path / 'Condition.ndjson'}: malformed JSON")


def test_a_missing_folder_raises_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        bluebutton.parse_fhir_folder(tmp_path / "no-such-folder")
