"""`bluebutton.ParseError`: a ValueError with kind, line, column and input_kind."""

from __future__ import annotations

import pytest

import bluebutton
from conftest import CORPUS

MALFORMED = (
    b'<?xml version="1.0"?>\n'
    b'<ClinicalDocument xmlns="urn:hl7-org:v3">\n'
    b"  <a></ClinicalDocument>"
)


def parse_error(data) -> bluebutton.ParseError:
    with pytest.raises(bluebutton.ParseError) as info:
        bluebutton.parse(data)
    return info.value


def test_parse_error_is_a_value_error() -> None:
    assert issubclass(bluebutton.ParseError, ValueError)
    assert bluebutton.ParseError.__module__ == "bluebutton"
    with pytest.raises(ValueError):
        bluebutton.parse(b"")


@pytest.mark.parametrize("data", [b"", b"   \n\t", ""])
def test_empty(data) -> None:
    err = parse_error(data)
    assert err.kind == "empty"
    assert err.line is None and err.column is None
    assert err.input_kind == bluebutton.InputKind.Empty
    assert str(err)


def test_non_health_json() -> None:
    err = parse_error(b'{"example":"json"}')
    assert err.kind == "not_a_health_record"
    assert isinstance(err.input_kind, bluebutton.InputKind)
    assert err.input_kind != bluebutton.InputKind.Ccda


def test_malformed_xml_has_a_position() -> None:
    err = parse_error(MALFORMED)
    assert err.kind == "malformed"
    assert err.line == 3
    assert isinstance(err.column, int) and err.column >= 1
    assert f"line {err.line}" in str(err)


@pytest.mark.parametrize(
    ("name", "kind", "input_kind"),
    [
        ("broken.xml", "malformed", "MalformedXml"),
        ("Test_File", "empty", "Empty"),
        ("example.json", "not_a_health_record", "Json"),
        ("VA_My_HealtheVet_Blue_Button_Sample_Version_12_6.pdf", "not_a_health_record", "Pdf"),
        ("170.315_b1_toc_amb_ccd_r21_sample2_v11.html", "not_a_health_record", "Html"),
        ("CCD_Vitals.xml", "incomplete", "CdaFragment"),
        ("US_Realm_Header_V3_Example.xml", "incomplete", "CdaHeaderOnly"),
    ],
)
def test_corpus_bad_files(name, kind, input_kind) -> None:
    with pytest.raises(bluebutton.ParseError) as info:
        bluebutton.parse_file(CORPUS / "bad" / name)
    err = info.value
    assert (err.kind, err.input_kind) == (kind, getattr(bluebutton.InputKind, input_kind))
    assert (err.line is not None) == (kind == "malformed")
    assert (err.column is not None) == (kind == "malformed")


def test_corpus_broken_xml_position() -> None:
    err = parse_error((CORPUS / "bad" / "broken.xml").read_bytes())
    assert (err.kind, err.line) == ("malformed", 2)
    assert isinstance(err.column, int) and err.column >= 1


def test_parse_file_raises_the_same_error() -> None:
    with pytest.raises(bluebutton.ParseError) as info:
        bluebutton.parse_file(CORPUS / "bad" / "example.json")
    assert info.value.kind == "not_a_health_record"


def test_message_carries_no_input_text() -> None:
    secret = b"Zebediah-Quux-123-45-6789"
    err = parse_error(b'{"name": "' + secret + b'"}')
    assert secret.decode() not in str(err)
