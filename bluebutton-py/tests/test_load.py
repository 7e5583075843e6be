"""`bluebutton.load`: many files into one table per section, errors collected, in chunks."""

from __future__ import annotations

import sys

import pandas as pd
import polars as pl
import pytest

import bluebutton
from bluebutton._loader import patient_id
from conftest import CORPUS, FULL_CCD

FOLDERS = [
    CORPUS / "ccda" / "hl7-c-cda-examples",
    CORPUS / "va-text",
    CORPUS / "cms-text",
]


@pytest.fixture(scope="module")
def tables():
    return bluebutton.load(FOLDERS, jobs=2, progress=False)


SINGLE = {"format", "document", "patient"}


def expected_counts(files) -> dict[str, dict[str, int]]:
    """Rows each file should give in each section, from the records themselves."""
    counts = {}
    for file in files:
        rec = bluebutton.parse_file(file)
        counts[file] = {
            name: len(value) if isinstance(value, list) else 1
            for name in bluebutton.json_schema()["properties"]
            for value in [getattr(rec, name)]
        }
    return counts


def test_rows_per_file_and_section_equal_the_records(tables) -> None:
    files = bluebutton.list_files(FOLDERS)
    expected = expected_counts(files)
    assert set(tables) == set(bluebutton.json_schema()["properties"]) | {"errors"}
    assert len(tables["errors"]) == 0
    for name, df in tables.items():
        if name == "errors":
            continue
        entry = (
            ["entry"] if isinstance(expected[files[0]][name], int) and name not in SINGLE else []
        )
        assert list(df.columns) == ["file", "patient_id", *entry] + [
            c for c, _ in bluebutton.columns(name)
        ]
        got = df["file"].value_counts().to_dict()
        for file in files:
            assert got.get(file, 0) == expected[file][name], (name, file)
    assert list(tables["format"]["file"]) == files  # files in reading order
    for file, group in tables["allergies"].groupby("file"):
        assert list(group["entry"]) == list(range(len(group))), file


def test_nested_tables_join_their_section() -> None:
    result = bluebutton.load(FOLDERS, sections=["results", "results.observations"], progress=False)
    panels, observations = result["results"], result["results.observations"]
    assert list(observations.columns)[:3] == ["file", "patient_id", "entry"]
    assert len(observations) > 0
    for file in bluebutton.list_files(FOLDERS):
        rec = bluebutton.parse_file(file)
        rows = observations[observations["file"] == file]
        assert len(rows) == sum(len(group.observations) for group in rec.results), file
    joined = observations.merge(panels, on=["file", "entry"], suffixes=("", ".panel"))
    assert len(joined) == len(observations)


def test_patient_id_column(tables) -> None:
    for file, pid in zip(tables["patient"]["file"], tables["patient"]["patient_id"]):
        expected = patient_id(bluebutton.parse_file(file).to_dict())
        assert (None if pid is pd.NA else pid) == expected
    assert tables["patient"]["patient_id"].notna().any()
    # Every row of a file carries the file's patient.
    by_file = dict(zip(tables["patient"]["file"], tables["patient"]["patient_id"]))
    allergies = tables["allergies"]
    for file, pid in zip(allergies["file"], allergies["patient_id"]):
        assert pid is by_file[file] or pid == by_file[file]


def test_patient_id_rule() -> None:
    assert patient_id({"patient": {"ids": [{"system": "s", "value": "1"}]}}) == "s|1"
    assert patient_id({"patient": {"ids": [{"null_flavor": "NI"}, {"value": "2"}]}}) == "2"
    assert patient_id({"patient": {}}) is None


def test_chunks_do_not_change_the_result(tables) -> None:
    small = bluebutton.load(FOLDERS, jobs=1, chunk_size=3, progress=False)
    for name, df in tables.items():
        pd.testing.assert_frame_equal(df, small[name], check_exact=True)


def test_errors_table_for_bad_files() -> None:
    bad = sorted(p for p in (CORPUS / "bad").iterdir() if p.is_file())
    missing = str(CORPUS / "bad" / "no-such-file.xml")
    result = bluebutton.load([CORPUS / "bad", FULL_CCD, missing], progress=False)
    errors = result["errors"]
    assert list(errors.columns) == ["file", "kind", "message", "line", "column", "input_kind"]
    assert str(errors["line"].dtype) == "Int64"
    assert len(errors) == len(bad) + 1
    for row in errors.itertuples(index=False):
        if row.file == missing:
            assert (row.kind, row.line) == ("io", pd.NA)
            continue
        with pytest.raises(bluebutton.ParseError) as info:
            bluebutton.parse_file(row.file)
        err = info.value
        assert (row.kind, row.message, row.input_kind) == (err.kind, str(err), err.input_kind.value)
        assert (None if row.line is pd.NA else row.line) == err.line
        assert (None if row.column is pd.NA else row.column) == err.column
    assert list(result["format"]["file"]) == [str(FULL_CCD)]
    assert errors["line"].notna().any()  # malformed XML has a position


def test_polars_backend_equals_pandas(tables) -> None:
    polars_tables = bluebutton.load(FOLDERS, backend="polars", progress=False)
    assert set(polars_tables) == set(tables)
    for name, df in polars_tables.items():
        assert isinstance(df, pl.DataFrame)
        assert df.columns == list(tables[name].columns)
        assert df.height == len(tables[name])
    left = tables["allergies"]["allergen.code"].tolist()
    assert [None if v is pd.NA else v for v in left] == polars_tables["allergies"][
        "allergen.code"
    ].to_list()


def test_sections_subset_and_empty_input() -> None:
    result = bluebutton.load(FULL_CCD, sections=["allergies"], progress=False)
    assert set(result) == {"allergies", "errors"}
    assert len(result["allergies"]) == len(bluebutton.parse_file(FULL_CCD).allergies)
    empty = bluebutton.load([], progress=False)
    assert len(empty["results"]) == 0
    assert list(empty["results"].columns)[:3] == ["file", "patient_id", "entry"]
    with pytest.raises(ValueError, match="no section"):
        bluebutton.load([], sections=["allergy"])
    with pytest.raises(ValueError, match="chunk_size"):
        bluebutton.load([], chunk_size=0)


def test_list_files_walks_folders(tmp_path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.xml").write_text("x")
    (tmp_path / "one.txt").write_text("x")
    (tmp_path / ".hidden").write_text("x")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("x")
    assert bluebutton.list_files(tmp_path) == [
        str(tmp_path / "b" / "two.xml"),
        str(tmp_path / "one.txt"),
    ]
    assert bluebutton.list_files([str(FULL_CCD), tmp_path / "b"]) == [
        str(FULL_CCD),
        str(tmp_path / "b" / "two.xml"),
    ]


def test_progress_bar_with_tqdm(capsys) -> None:
    bluebutton.load([FULL_CCD, FULL_CCD], progress=True, chunk_size=1)
    assert "2/2" in capsys.readouterr().err
    bluebutton.load([FULL_CCD], progress=False)
    bluebutton.load([FULL_CCD])  # not a terminal here: no bar
    assert capsys.readouterr().err == ""


def test_progress_without_tqdm(monkeypatch, capsys) -> None:
    monkeypatch.setitem(sys.modules, "tqdm", None)
    monkeypatch.setitem(sys.modules, "tqdm.auto", None)
    result = bluebutton.load([FULL_CCD], progress=True)
    assert len(result["patient"]) == 1
    assert capsys.readouterr().err == ""


def test_files_are_parsed_in_chunks(monkeypatch) -> None:
    from bluebutton import _loader

    sizes = []

    def recording(paths, jobs=0):
        sizes.append(len(paths))
        return bluebutton.parse_files(paths, jobs=jobs)

    monkeypatch.setattr(_loader, "parse_files", recording)
    files = bluebutton.list_files(FOLDERS)
    result = bluebutton.load(files, chunk_size=4, progress=False)
    assert sizes == [min(4, len(files) - start) for start in range(0, len(files), 4)]
    assert len(result["format"]) == len(files)
