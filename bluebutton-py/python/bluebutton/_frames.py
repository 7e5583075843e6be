"""Rows (from `_columns.flatten`) to pandas or polars DataFrames, with typed columns.

pandas and polars are optional: each is imported on first use, and a missing one raises an
ImportError naming the extra to install (`pip install bluebutton[pandas]`).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Sequence

from bluebutton._columns import BOOLEAN, DATETIME, FLOAT, INTEGER, Column

BACKENDS = ("pandas", "polars")
"""The DataFrame libraries tables can be built with."""


def require(backend: str) -> Any:
    """The module of `backend` ("pandas" or "polars"), imported on first use."""
    if backend not in BACKENDS:
        raise ValueError(f"backend must be one of {BACKENDS}, not {backend!r}")
    try:
        return __import__(backend)
    except ImportError as err:
        raise ImportError(
            f"bluebutton needs {backend} for this: pip install 'bluebutton[{backend}]'"
        ) from err


@lru_cache(maxsize=None)
def _pandas_dtypes() -> dict[str, Any]:
    pd = require("pandas")
    return {
        INTEGER: "Int64",
        FLOAT: "float64",
        BOOLEAN: "boolean",
        DATETIME: pd.DatetimeTZDtype("us", "UTC"),
    }


@lru_cache(maxsize=None)
def _polars_dtypes() -> dict[str, Any]:
    pl = require("polars")
    return {
        INTEGER: pl.Int64,
        FLOAT: pl.Float64,
        BOOLEAN: pl.Boolean,
        DATETIME: pl.Datetime("us", "UTC"),
    }


def frame(
    backend: str,
    columns: Sequence[Column],
    rows: Sequence[dict[str, Any]],
    leading: Sequence[tuple[Column, list[Any]]] = (),
) -> Any:
    """A DataFrame of `rows` with exactly `columns`, typed, after the `leading` columns
    (each given with its values)."""
    data: dict[str, list[Any]] = {column.name: values for column, values in leading}
    present = set().union(*rows)
    for column in columns:
        name, fill = column.name, column.fill
        if name in present:
            data[name] = [row.get(name, fill) for row in rows]
        else:
            data[name] = [fill] * len(rows)
    every = [column for column, _ in leading] + list(columns)
    if backend == "polars":
        pl = require("polars")
        types = _polars_dtypes()
        schema = {c.name: types.get(c.kind, pl.String) for c in every}
        return pl.DataFrame(data, schema=schema)
    pd = require("pandas")
    types = _pandas_dtypes()
    text = pd.StringDtype()
    arrays = {}
    for column in every:
        values = data[column.name]
        if column.kind == FLOAT:
            values = [float("nan") if v is None else v for v in values]
        arrays[column.name] = pd.array(values, dtype=types.get(column.kind, text))
    return pd.DataFrame(arrays, index=pd.RangeIndex(len(rows)), copy=False)


def concat(backend: str, frames: list[Any]) -> Any:
    """Frames of one table stacked in order (they share their columns and types)."""
    if len(frames) == 1:
        return frames[0]
    if backend == "polars":
        return require("polars").concat(frames, how="vertical")
    return require("pandas").concat(frames, ignore_index=True)
