"""The record classes: attribute access, to_dict / to_json, repr, equality, enums."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

import bluebutton
from conftest import FULL_CCD


@pytest.fixture(scope="module")
def rec(ccd_bytes):
    return bluebutton.parse(ccd_bytes)


def test_parse_returns_typed_record(rec) -> None:
    assert isinstance(rec, bluebutton.HealthRecord)
    assert isinstance(rec.format, bluebutton.SourceFormat)
    assert isinstance(rec.document, bluebutton.Document)
    assert isinstance(rec.patient, bluebutton.Patient)
    assert isinstance(rec.allergies, list)
    assert isinstance(rec.warnings, list)


def test_format_kind_is_an_enum(rec) -> None:
    kind = rec.format.kind
    assert kind == bluebutton.FormatKind.Ccda
    assert kind != bluebutton.FormatKind.FhirJson
    assert isinstance(kind, bluebutton.FormatKind)
    assert kind.value == "ccda" == str(kind)
    assert repr(kind) == "FormatKind.Ccda"
    assert {kind: 1}[bluebutton.FormatKind.Ccda] == 1  # hashable


def test_every_enum_value_matches_the_json_name() -> None:
    schema = bluebutton._bluebutton._definitions()
    assert bluebutton.InputKind.VaText.value == "va_text"
    assert bluebutton.Precision.Day.value == "day"
    assert "va_text" in [o["const"] for o in schema["InputKind"]["oneOf"]]


def test_record_is_frozen(rec) -> None:
    with pytest.raises(AttributeError):
        rec.allergies = []
    with pytest.raises(AttributeError):
        rec.format.kind = bluebutton.FormatKind.C32


def test_to_dict_equals_json_loads_of_to_json(rec) -> None:
    d = rec.to_dict()
    assert d == json.loads(rec.to_json())
    assert d == json.loads(rec.to_json(indent=2))
    assert list(d)[:3] == ["format", "document", "patient"]  # the JSON form's key order
    assert rec.format.to_dict() == d["format"]
    assert d["format"]["kind"] == "ccda"


def test_to_dict_keeps_every_top_level_key_and_omits_empty_fields(rec) -> None:
    d = rec.to_dict()
    assert set(d) == set(bluebutton.json_schema()["properties"])
    assert d["goals"] == []  # top-level lists are present even when empty

    def check(value, path, list_item=False):
        # List items are kept as found, so only fields are checked.
        if not list_item:
            assert value not in (None, "", [], {}, False), f"{path} holds nothing but is present"
        if isinstance(value, dict):
            for key, item in value.items():
                check(item, f"{path}.{key}")
        elif isinstance(value, list):
            for i, item in enumerate(value):
                check(item, f"{path}[{i}]", list_item=True)

    for key, value in d.items():
        if value != []:
            check(value, key)


def test_to_json_indent(rec) -> None:
    assert "\n" not in rec.to_json()
    pretty = rec.to_json(indent=2)
    assert pretty.startswith('{\n  "format": {\n    "kind": "ccda"')
    assert rec.to_json(indent=4).startswith('{\n    "format"')


def test_repr_names_the_type_and_summarises(rec) -> None:
    text = repr(rec)
    assert text.startswith(
        "HealthRecord(format={kind='ccda', version='R1.1', document_type='CCD'}"
    )
    assert f"allergies=[{len(rec.allergies)}]" in text
    assert "goals" not in text  # empty lists are left out
    assert repr(rec.format).startswith("SourceFormat(kind='ccda'")
    assert "allergen={code='314422'" in repr(rec.allergies[0])
    assert repr(bluebutton.detect(b"")).startswith("Detection(kind='empty'")
    # Codes and formats are shown; names and other free text are not.
    assert "Everyman" not in repr(rec.patient.name)
    assert "Everyman" not in repr(rec)


def test_equality(rec, ccd_bytes) -> None:
    assert rec == bluebutton.parse(ccd_bytes)
    assert rec.format == bluebutton.parse(ccd_bytes).format
    assert rec != "not a record"


def test_parse_accepts_bytes_bytearray_str_and_paths(rec, ccd_bytes) -> None:
    assert bluebutton.parse(bytearray(ccd_bytes)) == rec
    assert bluebutton.parse(ccd_bytes.decode("utf-8")) == rec
    assert bluebutton.parse_file(FULL_CCD) == rec
    assert bluebutton.parse_file(str(FULL_CCD)) == rec


def test_parse_rejects_other_types() -> None:
    with pytest.raises(TypeError, match="expected bytes, bytearray or str, got int"):
        bluebutton.parse(1)  # type: ignore[arg-type]


def test_parse_file_missing_raises_file_not_found(tmp_path: Path) -> None:
    missing = tmp_path / "missing.xml"
    with pytest.raises(FileNotFoundError) as info:
        bluebutton.parse_file(missing)
    assert info.value.filename == str(missing)
    with pytest.raises(IsADirectoryError):
        bluebutton.parse_file(tmp_path)


def test_parse_from_threads(ccd_bytes, rec) -> None:
    results = []
    threads = [
        threading.Thread(target=lambda: results.append(bluebutton.parse(ccd_bytes)))
        for _ in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [rec] * 4


def test_nested_attribute_access(rec) -> None:
    # The sample CCD's patient is "Everyman"; its first allergen is RxNorm 314422.
    assert rec.format.kind == bluebutton.FormatKind.Ccda
    assert rec.patient.name.family == "Everyman"
    assert rec.allergies[0].allergen.code == "314422"
    assert rec.allergies[0].allergen.system == "2.16.840.1.113883.6.88"
    d = rec.to_dict()
    assert d["patient"]["name"]["family"] == "Everyman"
    assert d["allergies"][0]["allergen"]["code"] == "314422"


def test_help_and_signatures() -> None:
    import inspect

    assert str(inspect.signature(bluebutton.parse)) == "(data, /)"
    assert str(inspect.signature(bluebutton.parse_file)) == "(path, /)"
    assert str(inspect.signature(bluebutton.HealthRecord.to_json)) == "(self, /, indent=None)"
    assert "Raises:" in bluebutton.parse.__doc__ and "ParseError" in bluebutton.parse.__doc__
    assert bluebutton.Allergy.__doc__
    assert bluebutton.SourceFormat.kind.__doc__ == "The format family."
    assert bluebutton.__version__
