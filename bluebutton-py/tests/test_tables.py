"""`HealthRecord.to_pandas` / `.to_polars` / `.to_dataframes` and `bluebutton.columns`:
one row per entry, columns from the JSON Schema, typed dates and amounts."""

from __future__ import annotations

import copy
import json
import math
import subprocess
import sys
from datetime import datetime, timezone

import pandas as pd
import polars as pl
import pytest

import bluebutton
from bluebutton import _columns
from bluebutton._columns import parse_datetime
from conftest import CORPUS, FULL_CCD, REPO_ROOT


def sample_files() -> list:
    """Records of several formats: every VA and CMS text report, and C-CDA files spread
    over the corpus's sources."""
    ccda = sorted(p for p in (CORPUS / "ccda").rglob("*") if p.is_file())
    return (
        sorted((CORPUS / "va-text").iterdir())
        + sorted((CORPUS / "cms-text").iterdir())
        + ccda[:: max(1, len(ccda) // 12)]
    )


SAMPLES = sample_files()


@pytest.fixture(scope="module")
def ccd():
    return bluebutton.parse_file(FULL_CCD)


def expected_rows(rec, name: str) -> int:
    value = getattr(rec, name)
    return len(value) if isinstance(value, list) else 1


def column_names(name: str) -> list[str]:
    return [column for column, _ in bluebutton.columns(name)]


def dig(data, column: str):
    """The `to_dict()` value under a dotted column name, or None."""
    for key in column.split("."):
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def test_sections_are_the_record_keys() -> None:
    keys = set(bluebutton.json_schema()["properties"])
    for name in keys:
        assert bluebutton.columns(name), name
    with pytest.raises(ValueError, match="no section 'allergy'.*allergies"):
        bluebutton.columns("allergy")


def test_columns_follow_the_schema() -> None:
    schema = bluebutton.json_schema()
    allergy = schema["$defs"]["Allergy"]["properties"]
    names = column_names("allergies")
    assert len(names) == len(set(names))
    for field in allergy:
        assert any(n == field or n.startswith(field + ".") for n in names), field
    kinds = dict(bluebutton.columns("allergies"))
    assert kinds["allergen.code"] == "text"
    assert kinds["ids"] == "json"  # lists are JSON text
    assert kinds["negated"] == "boolean"
    assert kinds["source.line"] == "integer"
    assert kinds["period.low.value"] == "text"
    assert kinds["period.low.value_datetime"] == "datetime"
    assert kinds["period.low.precision"] == "text"
    assert dict(bluebutton.columns("medications"))["dose.value_float"] == "float"


def test_a_new_model_field_gets_its_columns() -> None:
    schema = copy.deepcopy(bluebutton.json_schema())
    schema["$defs"]["Allergy"]["properties"]["onset"] = {
        "anyOf": [{"$ref": "#/$defs/PartialDateTime"}, {"type": "null"}]
    }
    allergies = _columns.sections(schema)["allergies"]
    names = [c.name for c in allergies.columns]
    assert {"onset.value", "onset.value_datetime", "onset.precision"} <= set(names)
    [row] = _columns.flatten(allergies, [{"onset": {"value": "2001", "precision": "year"}}])
    assert row["onset.value_datetime"] == datetime(2001, 1, 1, tzinfo=timezone.utc)
    assert row["onset.precision"] == "year"


@pytest.mark.parametrize("path", SAMPLES, ids=[p.name for p in SAMPLES])
def test_rows_per_section_equal_the_record_lists(path) -> None:
    rec = bluebutton.parse_file(path)
    tables = rec.to_dataframes()
    assert set(tables) == set(bluebutton.json_schema()["properties"])
    for name, df in tables.items():
        assert len(df) == expected_rows(rec, name), name
        assert list(df.columns) == column_names(name), name


@pytest.mark.parametrize("path", SAMPLES[::3], ids=[p.name for p in SAMPLES[::3]])
def test_cells_mirror_to_dict(path) -> None:
    rec = bluebutton.parse_file(path)
    data = rec.to_dict()
    for name, df in rec.to_dataframes().items():
        items = data[name] if isinstance(data[name], list) else [data[name]]
        assert_rows_mirror(name, items, df)


def assert_rows_mirror(name: str, items: list, df) -> None:
    """Every cell of `df` is the `to_dict()` value of its item under the column's path."""
    kinds = dict(bluebutton.columns(name))
    if "." in name:
        del kinds["entry"]  # checked by the caller
    records = df.to_dict("records")
    assert len(records) == len(items)
    for item, row in zip(items, records):
        for column, kind in kinds.items():
            cell = None if pd.isna(row[column]) else row[column]
            base, _, last = column.rpartition(".")
            if last in ("value_datetime", "value_float"):
                text = dig(item, f"{base}.value" if base else "value")
                convert = parse_datetime if last == "value_datetime" else float
                assert cell == (None if text is None else convert(text)), column
                continue
            expected = dig(item, column)
            if kind == "json" and expected is not None:
                assert json.loads(cell) == expected, column
            elif kind == "boolean" and expected is None and cell is not None:
                assert cell is False, column  # a model boolean left out is false
            else:
                assert cell == expected, (name, column)


def test_empty_section_has_typed_columns(ccd) -> None:
    assert ccd.goals == []
    df = ccd.to_pandas("goals")
    assert df.shape == (0, len(column_names("goals")))
    assert str(df["source.line"].dtype) == "Int64"
    assert str(df["time.low.value_datetime"].dtype) == "datetime64[us, UTC]"
    assert df["code.code"].dtype == pd.StringDtype()
    polars_df = ccd.to_polars("goals")
    assert polars_df.shape == df.shape
    assert polars_df.schema["time.low.value_datetime"] == pl.Datetime("us", "UTC")


def test_dates_are_typed(ccd) -> None:
    df = ccd.to_pandas("allergies")
    kinds = dict(bluebutton.columns("allergies"))
    for column, kind in kinds.items():
        if kind == "datetime":
            assert str(df[column].dtype) == "datetime64[us, UTC]", column
    low = df["period.low.value_datetime"]
    assert low.notna().any()
    for text, value in zip(df["period.low.value"], low):
        if text is not pd.NA:
            assert value.isoformat().startswith(text[:10])
    polars_df = ccd.to_polars("allergies")
    assert polars_df.schema["period.low.value_datetime"] == pl.Datetime("us", "UTC")
    assert polars_df["period.low.value_datetime"].to_list() == [
        None if v is pd.NaT else v.to_pydatetime() for v in low
    ]


def test_year_only_precision_is_kept(ccd) -> None:
    df = ccd.to_pandas("social_history")
    years = df[df["time.low.precision"] == "year"]
    assert len(years) > 0, "the sample CCD has year-only dates in its social history"
    for text, value in zip(years["time.low.value"], years["time.low.value_datetime"]):
        assert len(text) == 4
        assert value == pd.Timestamp(int(text), 1, 1, tz="UTC")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2013", datetime(2013, 1, 1, tzinfo=timezone.utc)),
        ("2013-05", datetime(2013, 5, 1, tzinfo=timezone.utc)),
        ("2013-05-01T10:30-05:00", datetime(2013, 5, 1, 15, 30, tzinfo=timezone.utc)),
        (
            "2013-05-01T10:30:15.25+0100",
            datetime(2013, 5, 1, 9, 30, 15, 250000, tzinfo=timezone.utc),
        ),
        ("2013-05-01T23Z", datetime(2013, 5, 1, 23, tzinfo=timezone.utc)),
        ("2013-13-01", None),
        ("yesterday", None),
    ],
)
def test_parse_datetime(text, expected) -> None:
    assert parse_datetime(text) == expected


def test_amounts_are_text_plus_float() -> None:
    numbers = 0
    for path in SAMPLES:
        for name, df in bluebutton.parse_file(path).to_dataframes().items():
            for column in (c for c in df.columns if c.endswith(".value_float")):
                text_column = column[: -len("_float")]
                assert df[column].dtype == "float64", column
                assert df[text_column].dtype == pd.StringDtype(), text_column
                for text, number in zip(df[text_column], df[column]):
                    if text is pd.NA:
                        assert math.isnan(number)
                    else:
                        assert number == float(text), (name, column)
                        numbers += 1
    assert numbers > 0, "the samples have quantities (medication doses)"


@pytest.mark.parametrize("path", SAMPLES[::4], ids=[p.name for p in SAMPLES[::4]])
def test_polars_equals_pandas(path) -> None:
    rec = bluebutton.parse_file(path)
    pandas_tables = rec.to_dataframes()
    polars_tables = rec.to_dataframes(backend="polars")
    for name, pdf in pandas_tables.items():
        pldf = polars_tables[name]
        assert isinstance(pldf, pl.DataFrame)
        assert pldf.columns == list(pdf.columns)
        assert pldf.equals(rec.to_polars(name)), name
        left = [
            {k: (None if pd.isna(v) else v) for k, v in row.items()}
            for row in pdf.to_dict("records")
        ]
        right = pldf.to_dicts()
        assert left == right, name


@pytest.mark.parametrize("path", SAMPLES[::2], ids=[p.name for p in SAMPLES[::2]])
def test_nested_table_has_a_row_per_item(path) -> None:
    rec = bluebutton.parse_file(path)
    for name in ("results.observations", "vitals.observations", "allergies.reactions"):
        section, field = name.split(".")
        df = rec.to_pandas(name)
        assert list(df.columns) == column_names(name)
        assert column_names(name)[0] == "entry"
        entries = getattr(rec, section)
        expected = [i for i, entry in enumerate(entries) for _ in getattr(entry, field)]
        assert list(df["entry"]) == expected, name
        items = [item.to_dict() for entry in entries for item in getattr(entry, field)]
        assert_rows_mirror(name, items, df)


def test_nested_table_names() -> None:
    assert bluebutton.columns("claims.items")[0] == ("entry", "integer")
    assert bluebutton.columns("patient.addresses")[0] == ("entry", "integer")
    for bad in ("results.code", "allergies.categories", "results.", "nope.observations"):
        with pytest.raises(ValueError, match="results.observations"):
            bluebutton.columns(bad)


def test_backend_is_checked(ccd) -> None:
    with pytest.raises(ValueError, match="backend"):
        ccd.to_dataframes(backend="spark")
    with pytest.raises(ValueError, match="no section"):
        ccd.to_pandas("nope")


def test_core_import_works_without_pandas_or_polars() -> None:
    code = (
        "import sys\n"
        "sys.modules['pandas'] = None\n"
        "sys.modules['polars'] = None\n"
        "import bluebutton\n"
        f"rec = bluebutton.parse_file({str(FULL_CCD)!r})\n"
        "assert rec.allergies and bluebutton.columns('allergies')\n"
        "for call, extra in ((lambda: rec.to_pandas('allergies'), 'pandas'),\n"
        "                    (lambda: rec.to_polars('allergies'), 'polars'),\n"
        "                    (lambda: bluebutton.load([]), 'pandas')):\n"
        "    try:\n"
        "        call()\n"
        "    except ImportError as err:\n"
        "        assert f'bluebutton[{extra}]' in str(err), err\n"
        "    else:\n"
        "        raise AssertionError('no ImportError')\n"
        "print('ok')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO_ROOT, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "ok\n"


def test_importing_bluebutton_does_not_import_pandas() -> None:
    code = "import sys, bluebutton; print('pandas' in sys.modules, 'polars' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "False False\n"
