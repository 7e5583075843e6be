"""A record's sections as DataFrames: `HealthRecord.to_pandas`, `.to_polars`,
`.to_dataframes`, and `columns()`.

The columns come from the model's JSON Schema (`json_schema()`), so a section without
entries still has every column, and a field added to the model appears by itself. The
flattening rule is in `_columns`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from bluebutton import _columns, _frames
from bluebutton._bluebutton import HealthRecord, json_schema


@lru_cache(maxsize=None)
def table_sections() -> dict[str, _columns.Section]:
    """Every section of the record, by name, with its columns (computed once)."""
    return _columns.sections(json_schema())


@lru_cache(maxsize=None)
def nested_tables() -> tuple[str, ...]:
    """The names of the nested tables (`results.observations`, ...)."""
    return tuple(_columns.nested_names(json_schema()))


@lru_cache(maxsize=None)
def section(name: str) -> _columns.Section:
    """The section or nested table called `name`, or a ValueError naming the valid ones."""
    found = table_sections().get(name) or _columns.nested(json_schema(), name)
    if found is None:
        raise ValueError(
            f"no section {name!r}; the sections are: {', '.join(table_sections())}; "
            f"nested tables are `section.field` for a list of objects: "
            f"{', '.join(nested_tables())}"
        )
    return found


def columns(name: str) -> list[tuple[str, str]]:
    """The columns of section `name`'s table, in order, as (column name, kind) pairs.

    ``name`` is a top-level key of ``HealthRecord.to_dict()`` (``"allergies"``), or a nested
    table ``section.field`` for a list of objects in the section's entries
    (``"results.observations"``, ``"claims.items"``), whose first column is ``entry``, the
    position of the entry each row belongs to.

    Kinds: ``text``, ``integer``, ``float``, ``boolean``, ``datetime`` (UTC) and ``json``
    (compact JSON text of a list). The same for every record, derived from the model's JSON
    Schema. ``bluebutton.load`` puts ``file`` and ``patient_id`` first (and ``entry`` for
    a list section).

    Example:
        >>> import bluebutton
        >>> ("allergen.code", "text") in bluebutton.columns("allergies")
        True
    """
    return [(c.name, c.kind) for c in section(name).columns]


def record_table(record: HealthRecord, name: str, backend: str) -> Any:
    """One section of `record` as a DataFrame of `backend`."""
    _frames.require(backend)
    found = section(name)
    value = getattr(record, name.partition(".")[0])
    data = [item.to_dict() for item in value] if found.many else value.to_dict()
    return _frames.frame(backend, found.columns, _columns.flatten(found, data))


def to_pandas(self: HealthRecord, section: str) -> Any:
    """One section of the record as a pandas DataFrame: one row per entry.

    Args:
        section: A top-level key of ``to_dict()``: ``"allergies"``, ``"results"``,
            ``"medications"``, ... (``"patient"``, ``"document"`` and ``"format"`` give one
            row); or a nested table ``section.field`` (``"results.observations"``: one row
            per observation, ``entry`` giving its panel's row in ``"results"``).

    Returns:
        pandas.DataFrame: The columns of ``bluebutton.columns(section)``, even when the
        section is empty. Nested objects become dotted columns (``allergen.code``,
        ``time.low.value``); lists inside an entry are JSON text; a date's text ``value``
        has a ``value_datetime`` twin (datetime64[us, UTC]) beside its ``precision``, a
        quantity's or money's decimal text ``value`` a ``value_float`` twin; text columns
        have the ``string`` dtype, integers ``Int64``, booleans ``boolean``.

    Raises:
        ImportError: pandas is not installed (``pip install 'bluebutton[pandas]'``).
        ValueError: ``section`` is not a section of the record.

    Example:
        >>> rec = bluebutton.parse_file("record.xml")  # doctest: +SKIP
        >>> rec.to_pandas("allergies")[["allergen.code", "allergen.display"]]  # doctest: +SKIP
    """
    return record_table(self, section, "pandas")


def to_polars(self: HealthRecord, section: str) -> Any:
    """One section of the record as a polars DataFrame: one row per entry.

    The same columns and rule as ``to_pandas``, with polars types: String, Int64,
    Float64, Boolean and Datetime("us", "UTC").

    Args:
        section: A top-level key of ``to_dict()`` (``"allergies"``, ``"results"``, ...),
            or a nested table (``"results.observations"``).

    Returns:
        polars.DataFrame: The columns of ``bluebutton.columns(section)``.

    Raises:
        ImportError: polars is not installed (``pip install 'bluebutton[polars]'``).
        ValueError: ``section`` is not a section of the record.
    """
    return record_table(self, section, "polars")


def to_dataframes(self: HealthRecord, backend: str = "pandas") -> dict[str, Any]:
    """Every section of the record as a DataFrame, by section name.

    Args:
        backend: ``"pandas"`` (the default) or ``"polars"``.

    Returns:
        dict[str, DataFrame]: One table per top-level key of ``to_dict()``, as
        ``to_pandas`` / ``to_polars`` build them, empty sections included.

    Raises:
        ImportError: The backend is not installed.
        ValueError: ``backend`` is neither ``"pandas"`` nor ``"polars"``.
    """
    _frames.require(backend)
    data = self.to_dict()
    return {
        name: _frames.frame(backend, found.columns, _columns.flatten(found, data[name]))
        for name, found in table_sections().items()
    }


def install() -> None:
    """Adds `to_pandas`, `to_polars` and `to_dataframes` to `HealthRecord`."""
    for method in (to_pandas, to_polars, to_dataframes):
        setattr(HealthRecord, method.__name__, method)
