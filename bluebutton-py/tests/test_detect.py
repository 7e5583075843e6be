"""`bluebutton.detect`: what an input is, without parsing it; never raises on bad input."""

from __future__ import annotations

import pytest

import bluebutton
from conftest import CORPUS, FULL_CCD


def test_detect_ccda() -> None:
    d = bluebutton.detect(FULL_CCD.read_bytes())
    assert isinstance(d, bluebutton.Detection)
    assert d.kind == bluebutton.InputKind.Ccda
    assert d.to_dict()["kind"] == "ccda"
    assert d.version == "R1.1"
    assert d.document_type == "CCD"
    assert d.description


@pytest.mark.parametrize("data", [b"", "", b" \n"])
def test_detect_empty(data) -> None:
    d = bluebutton.detect(data)
    assert d.kind == bluebutton.InputKind.Empty
    assert d.line is None and d.column is None


def test_detect_non_health_json() -> None:
    d = bluebutton.detect(b'{"example":"json"}')
    assert d.kind == bluebutton.InputKind.Json


def test_detect_malformed_xml_has_a_position() -> None:
    d = bluebutton.detect((CORPUS / "bad" / "broken.xml").read_bytes())
    assert d.kind == bluebutton.InputKind.MalformedXml
    assert isinstance(d.line, int) and d.line >= 1


def test_detect_pdf() -> None:
    pdf = CORPUS / "bad" / "VA_My_HealtheVet_Blue_Button_Sample_Version_12_6.pdf"
    assert bluebutton.detect(pdf.read_bytes()).kind == bluebutton.InputKind.Pdf


def test_detect_agrees_with_parse() -> None:
    d = bluebutton.detect(FULL_CCD.read_bytes())
    rec = bluebutton.parse_file(FULL_CCD)
    assert d.kind.value == rec.format.kind.value
