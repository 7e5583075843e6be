"""Every golden case parses to exactly its expected JSON, through the Python API.

The same `testdata/golden/cases.tsv` drives the Rust, JavaScript and Kotlin tests.
"""

from __future__ import annotations

import json

import pytest

import bluebutton
from conftest import GOLDEN, golden_cases

CASES = golden_cases()


def test_there_are_golden_cases() -> None:
    assert CASES, "testdata/golden/cases.tsv lists no cases"


@pytest.mark.parametrize(("name", "path"), CASES, ids=[name for name, _ in CASES])
def test_golden_to_dict(name, path) -> None:
    expected = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
    rec = bluebutton.parse_file(path)
    assert rec.to_dict() == expected


@pytest.mark.parametrize(("name", "path"), CASES, ids=[name for name, _ in CASES])
def test_golden_to_json_is_byte_exact(name, path) -> None:
    # The golden file is serde_json::to_string_pretty(&record) + "\n".
    expected = (GOLDEN / f"{name}.json").read_text(encoding="utf-8")
    rec = bluebutton.parse(path.read_bytes())
    assert rec.to_json(indent=2) + "\n" == expected


@pytest.mark.parametrize(("name", "path"), CASES, ids=[name for name, _ in CASES])
def test_golden_attributes_mirror_dict(name, path) -> None:
    """Everything in `to_dict()` is reachable by attribute access, with the same values,
    and every attribute left out of the dict holds nothing."""
    rec = bluebutton.parse_file(path)
    schema = bluebutton._bluebutton._definitions()
    assert_mirrors(rec, rec.to_dict(), schema, "rec")


def assert_mirrors(obj, data, schema, where) -> None:
    definition = schema[type(obj).__name__]
    for field in definition["properties"]:
        value = getattr(obj, field)
        path = f"{where}.{field}"
        if field in data:
            assert_same(value, data[field], schema, path)
        else:
            assert is_nothing(value), f"{path} is {value!r} but absent from to_dict()"
    assert set(data) <= set(definition["properties"]), where


def assert_same(value, expected, schema, path) -> None:
    if isinstance(value, list):
        assert isinstance(expected, list) and len(value) == len(expected), path
        for i, (item, item_expected) in enumerate(zip(value, expected)):
            assert_same(item, item_expected, schema, f"{path}[{i}]")
    elif hasattr(value, "to_dict"):
        assert_mirrors(value, expected, schema, path)
    elif hasattr(value, "value") and type(value).__name__ in schema:
        assert value.value == expected, path  # an enum
    else:
        assert value == expected and type(value) is type(expected), path


def is_nothing(value) -> bool:
    if hasattr(value, "to_dict"):
        return value.to_dict() == {}
    return value in (None, [], "", False, 0)


@pytest.mark.parametrize(("name", "path"), CASES, ids=[name for name, _ in CASES])
def test_golden_fhir_bundle(name, path) -> None:
    expected = json.loads((GOLDEN / "fhir" / f"{name}.json").read_text(encoding="utf-8"))
    rec = bluebutton.parse_file(path)
    assert json.loads(bluebutton.to_fhir(rec)) == expected
