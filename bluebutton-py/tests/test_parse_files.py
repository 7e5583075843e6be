"""`parse_files`: many files at once, in input order, failures returned in place."""

from __future__ import annotations

from pathlib import Path

import pytest

import bluebutton
from conftest import CORPUS, REPO_ROOT


def some_files() -> list[Path]:
    files = sorted((CORPUS / "ccda" / "hl7-c-cda-examples").iterdir())
    return files + [CORPUS / "bad" / "broken.xml", REPO_ROOT / "no-such-file.xml"]


@pytest.mark.parametrize("jobs", [0, 1, 2, 3])
def test_results_are_in_input_order_with_failures_in_place(jobs: int) -> None:
    paths = some_files()
    results = bluebutton.parse_files(paths, jobs=jobs)
    assert len(results) == len(paths)
    for path, result in zip(paths, results):
        if path.name == "broken.xml":
            assert isinstance(result, bluebutton.ParseError)
            assert (result.kind, result.line) == ("malformed", 2)
        elif path.name == "no-such-file.xml":
            assert isinstance(result, FileNotFoundError)
            assert result.filename == str(path)
        else:
            assert result == bluebutton.parse_file(path), path.name


def test_accepts_str_paths_and_an_empty_list() -> None:
    path = str(REPO_ROOT / "examples" / "sample-ccd.xml")
    [record] = bluebutton.parse_files([path])
    assert record.to_dict() == bluebutton.parse_file(path).to_dict()
    assert bluebutton.parse_files([]) == []


def test_rejects_what_is_not_a_list_of_paths() -> None:
    with pytest.raises(TypeError):
        bluebutton.parse_files([1, 2])  # type: ignore[list-item]
