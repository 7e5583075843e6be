"""Flat columns for the record's sections, derived from the model's JSON Schema.

Backend-free: this module turns `HealthRecord.to_dict()` data into flat rows (dicts keyed
by column name); `_frames` turns rows into pandas or polars DataFrames.

The flattening rule (also in the package README):

- One row per entry of a list section (`allergies`, `results`, ...); the single-object
  sections (`format`, `document`, `patient`) give one row.
- A nested table `section.field` (`results.observations`, `claims.items`) has one row per
  item of a list field of the section's entries, with `entry`, the position of the entry
  it belongs to, first.
- Nested objects are flattened into dotted column names: `allergen.code`,
  `time.low.value`, `source.line`.
- Every list inside an entry (`ids`, `reactions`, `translations`, `observations`, ...) is one
  column holding compact JSON text of the list as `to_dict()` has it, or null when empty.
  So is an object nested inside itself (no column explosion through recursion).
- Model fields keep their names and their JSON values: codes and decimal amounts are text,
  exactly as the source wrote them. Two typed twins are added beside a text `value`:
  a date (`PartialDateTime`) gets `value_datetime`, a UTC datetime (a value without a zone
  offset is read as UTC, a year-only value as January 1st: its `precision` column says how
  much the source gave); a quantity or money amount gets `value_float`.
- A boolean field that the model leaves out when false reads as false.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from typing import Any, Callable, NamedTuple, Optional

TEXT = "text"
"""Text: codes, names, decimal text, enum values."""
INTEGER = "integer"
"""A nullable 64-bit integer."""
FLOAT = "float"
"""A float (the `value_float` twin of a decimal amount)."""
BOOLEAN = "boolean"
"""A nullable boolean."""
DATETIME = "datetime"
"""A UTC datetime (the `value_datetime` twin of a date)."""
JSON = "json"
"""Compact JSON text of a list (or of a recursive object)."""


class Column(NamedTuple):
    """One column of a section's table."""

    name: str
    """The dotted column name (`allergen.code`)."""
    kind: str
    """`text`, `integer`, `float`, `boolean`, `datetime` or `json`."""
    fill: Optional[bool]
    """The value of a row that does not have the field (False for model booleans)."""


_DATE = re.compile(
    r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?)?)?)?"
    r"(Z|[+-]\d{2}:?\d{2})?"
)


@lru_cache(maxsize=8192)
def parse_datetime(text: str) -> Optional[datetime]:
    """The UTC datetime of a model date (`2013`, `2013-05-01T10:30-05:00`), or None.

    Missing parts are the start of the period; a value without a zone offset is read as UTC.
    """
    match = _DATE.fullmatch(text)
    if match is None:
        return None
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    tz = timezone.utc
    if zone and zone != "Z":
        digits = zone[1:].replace(":", "")
        offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        tz = timezone(offset if zone[0] == "+" else -offset)
    try:
        value = datetime(
            int(year),
            int(month or 1),
            int(day or 1),
            int(hour or 0),
            int(minute or 0),
            int(second or 0),
            int((fraction or "0")[:6].ljust(6, "0")),
            tzinfo=tz,
        )
        return value.astimezone(timezone.utc)
    except (ValueError, OverflowError):
        return None


def parse_float(text: str) -> Optional[float]:
    """The float of a decimal text, or None when it is not a number."""
    try:
        return float(text)
    except ValueError:
        return None


# Types whose text `value` gets a typed twin column: (twin suffix, kind, converter).
_TWINS: dict[str, tuple[str, str, Callable[[str], Any]]] = {
    "PartialDateTime": ("value_datetime", DATETIME, parse_datetime),
    "Quantity": ("value_float", FLOAT, parse_float),
    "Money": ("value_float", FLOAT, parse_float),
}

_SCALARS = {"string": TEXT, "integer": INTEGER, "number": FLOAT, "boolean": BOOLEAN}

# Plan entries: how one key of a dict becomes columns.
_LEAF, _NODE, _AS_JSON, _TWIN = range(4)


class Section(NamedTuple):
    """How one top-level key of the record becomes a table."""

    name: str
    """The record key (`allergies`)."""
    many: bool
    """True for a list section (a row per entry), False for an object (one row)."""
    columns: list[Column]
    """The columns, in order."""
    plan: dict[str, tuple]
    """Key -> how to write it, for `flatten`."""
    child: Optional[str] = None
    """For a nested table, the list field of each entry whose items are the rows."""


def _ref(prop: dict[str, Any]) -> Optional[str]:
    """The type name a property refers to (`$ref`, or `anyOf` [ref, null]), or None."""
    if "$ref" in prop:
        return prop["$ref"].rsplit("/", 1)[-1]
    options = [o for o in prop.get("anyOf", ()) if o.get("type") != "null"]
    if len(options) == 1 and "$ref" in options[0]:
        return options[0]["$ref"].rsplit("/", 1)[-1]
    return None


def _is_enum(definition: dict[str, Any]) -> bool:
    if "enum" in definition:
        return True
    options = definition.get("oneOf")
    return bool(options) and all("const" in o for o in options)


def _scalar(prop: dict[str, Any]) -> tuple[str, bool]:
    """The kind of a scalar property, and whether it is nullable."""
    kind = prop.get("type")
    nullable = False
    if isinstance(kind, list):
        nullable = "null" in kind
        kind = next((k for k in kind if k != "null"), "string")
    return _SCALARS.get(kind, JSON), nullable


def _struct_plan(
    definitions: dict[str, Any],
    name: str,
    prefix: str,
    stack: tuple[str, ...],
    columns: list[Column],
) -> dict[str, tuple]:
    """The plan of struct `name` with its columns (appended to `columns`) under `prefix`."""
    definition = definitions[name]
    twin = _TWINS.get(name)
    plan: dict[str, tuple] = {}
    for field, prop in definition.get("properties", {}).items():
        column = prefix + field
        ref = _ref(prop)
        if prop.get("type") == "array" or (ref is not None and ref in stack):
            columns.append(Column(column, JSON, None))
            plan[field] = (_AS_JSON, column)
        elif ref is not None and not _is_enum(definitions[ref]):
            sub = _struct_plan(definitions, ref, column + ".", stack + (ref,), columns)
            plan[field] = (_NODE, sub)
        elif ref is not None:
            columns.append(Column(column, TEXT, None))
            plan[field] = (_LEAF, column)
        elif twin is not None and field == "value":
            suffix, kind, convert = twin
            columns.append(Column(column, TEXT, None))
            columns.append(Column(prefix + suffix, kind, None))
            plan[field] = (_TWIN, column, prefix + suffix, convert)
        else:
            kind, nullable = _scalar(prop)
            fill = False if kind == BOOLEAN and not nullable else None
            columns.append(Column(column, kind, fill))
            plan[field] = (_LEAF, column)
    return plan


def sections(schema: dict[str, Any]) -> dict[str, Section]:
    """Every top-level key of the record schema (`json_schema()`) as a `Section`."""
    definitions = schema["$defs"]
    out = {}
    for key, prop in schema["properties"].items():
        many = prop.get("type") == "array"
        ref = _ref(prop["items"] if many else prop)
        if ref is None:
            continue
        columns: list[Column] = []
        plan = _struct_plan(definitions, ref, "", (ref,), columns)
        out[key] = Section(key, many, columns, plan)
    return out


ENTRY = Column("entry", INTEGER, None)
"""The first column of a nested table: the position of the entry a row belongs to."""


def nested(schema: dict[str, Any], name: str) -> Optional[Section]:
    """The nested table `section.field` (`results.observations`), or None when `field` is
    not a list of objects in the section's entries."""
    key, _, field = name.partition(".")
    prop = schema["properties"].get(key)
    if prop is None or not field:
        return None
    many = prop.get("type") == "array"
    parent = _ref(prop["items"] if many else prop)
    definitions = schema["$defs"]
    child = definitions.get(parent or "", {}).get("properties", {}).get(field)
    if child is None or child.get("type") != "array":
        return None
    ref = _ref(child["items"])
    if ref is None or _is_enum(definitions[ref]):
        return None
    columns = [ENTRY]
    plan = _struct_plan(definitions, ref, "", (parent or "", ref), columns)
    return Section(name, many, columns, plan, field)


def nested_names(schema: dict[str, Any]) -> list[str]:
    """The names of every nested table (`section.field`), in schema order."""
    names = []
    for key, prop in schema["properties"].items():
        parent = _ref(prop["items"] if prop.get("type") == "array" else prop)
        for field in schema["$defs"].get(parent or "", {}).get("properties", {}):
            if nested(schema, f"{key}.{field}") is not None:
                names.append(f"{key}.{field}")
    return names


def _fill(plan: dict[str, tuple], data: dict[str, Any], row: dict[str, Any]) -> None:
    for key, value in data.items():
        step = plan.get(key)
        if step is None:
            continue
        tag = step[0]
        if tag == _LEAF:
            row[step[1]] = value
        elif tag == _NODE:
            _fill(step[1], value, row)
        elif tag == _AS_JSON:
            row[step[1]] = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        else:
            row[step[1]] = value
            row[step[2]] = step[3](value)


def flatten(section: Section, value: Any) -> list[dict[str, Any]]:
    """The rows of one section's `to_dict()` value (a list, or one object)."""
    items = value if section.many else [value]
    rows = []
    if section.child is None:
        for item in items:
            row: dict[str, Any] = {}
            _fill(section.plan, item, row)
            rows.append(row)
        return rows
    for entry, item in enumerate(items):
        for sub in item.get(section.child, ()):
            row = {ENTRY.name: entry}
            _fill(section.plan, sub, row)
            rows.append(row)
    return rows
