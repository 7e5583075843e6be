"""`bluebutton.load`: many files into one table per section, and `list_files`."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional, Sequence, Union

from bluebutton import _columns, _frames
from bluebutton._bluebutton import ParseError, parse_files
from bluebutton._columns import ENTRY, INTEGER, TEXT, Column
from bluebutton._tables import section, table_sections

PathArg = Union[str, "os.PathLike[str]"]

ERROR_COLUMNS = [
    Column("kind", TEXT, None),
    Column("message", TEXT, None),
    Column("line", INTEGER, None),
    Column("column", INTEGER, None),
    Column("input_kind", TEXT, None),
]
"""The `errors` table's columns after `file`."""


def list_files(paths: Union[PathArg, Iterable[PathArg]]) -> list[str]:
    """The files `load` would read: files as given, folders walked recursively.

    Folders are walked in sorted order, skipping names that start with a dot; the files
    given directly are kept in their order, even when they do not exist (``load`` then
    reports them in its ``errors`` table).

    Args:
        paths: One path, or an iterable of paths (str or os.PathLike), files or folders.

    Returns:
        list[str]: The file paths, in reading order.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    out: list[str] = []
    for path in paths:
        path = os.fspath(path)
        if os.path.isdir(path):
            out.extend(_walk(Path(path)))
        else:
            out.append(path)
    return out


def _walk(folder: Path) -> Iterator[str]:
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(entry)
        elif entry.is_file():
            yield str(entry)


def patient_id(data: dict[str, Any]) -> Optional[str]:
    """The record's patient identifier: the first patient id with a value, as
    ``system|value`` (FHIR token style) or the bare value when it has no system."""
    for identifier in data.get("patient", {}).get("ids", ()):
        value = identifier.get("value")
        if value:
            system = identifier.get("system")
            return f"{system}|{value}" if system else value
    return None


def _error_row(error: BaseException) -> dict[str, Any]:
    if isinstance(error, ParseError):
        return {
            "kind": error.kind,
            "message": str(error),
            "line": error.line,
            "column": error.column,
            "input_kind": error.input_kind.value,
        }
    message = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    return {"kind": "io", "message": message}


FILE = Column("file", TEXT, None)
PATIENT = Column("patient_id", TEXT, None)


class _Table:
    """One table being built: this chunk's rows, and the frames of earlier chunks.

    Its leading columns are `file`, then (for a section) `patient_id`, then (for a list
    section) `entry`, each row's position in its file's list."""

    def __init__(self, columns: Sequence[Column], leading: Sequence[Column]) -> None:
        self.columns = columns
        self.leading = {column.name: (column, []) for column in leading}
        self.rows: list[dict[str, Any]] = []
        self.frames: list[Any] = []

    def add(self, file: str, patient: Optional[str], rows: list[dict[str, Any]]) -> None:
        values = {FILE.name: file, PATIENT.name: patient}
        for name, (_, column_values) in self.leading.items():
            if name == ENTRY.name:
                column_values.extend(range(len(rows)))
            else:
                column_values.extend([values[name]] * len(rows))
        self.rows.extend(rows)

    def flush(self, backend: str) -> None:
        if not self.rows:
            return
        leading = list(self.leading.values())
        self.frames.append(_frames.frame(backend, self.columns, self.rows, leading))
        self.leading = {name: (column, []) for name, (column, _) in self.leading.items()}
        self.rows = []

    def finish(self, backend: str) -> Any:
        self.flush(backend)
        if not self.frames:
            return _frames.frame(backend, self.columns, [], list(self.leading.values()))
        return _frames.concat(backend, self.frames)


def _section_table(found: _columns.Section) -> _Table:
    leading = [FILE, PATIENT]
    if found.many and found.child is None:
        leading.append(ENTRY)
    return _Table(found.columns, leading)


def _progress(total: int, progress: Optional[bool]) -> Any:
    """A tqdm bar when wanted and possible, else None."""
    if progress is None:  # interactive: a terminal, or a Jupyter kernel
        progress = sys.stderr.isatty() or "ipykernel" in sys.modules
    if not progress:
        return None
    try:
        from tqdm.auto import tqdm
    except ImportError:
        return None
    return tqdm(total=total, unit="file", desc="bluebutton")


def load(
    paths: Union[PathArg, Iterable[PathArg]],
    /,
    jobs: int = 0,
    *,
    backend: str = "pandas",
    sections: Optional[Iterable[str]] = None,
    chunk_size: int = 128,
    progress: Optional[bool] = None,
) -> dict[str, Any]:
    """Reads many health records into one table per section, across all files.

    Files are parsed in parallel (``parse_files``) in chunks of ``chunk_size``, and each
    chunk's rows are turned into DataFrames before the next is read, so only one chunk of
    records is in memory at a time. A file that cannot be read does not stop the load: it
    becomes a row of the ``errors`` table.

    Args:
        paths: A file or folder, or an iterable of them; folders are walked recursively
            (``list_files``).
        jobs: How many files to parse at once; 0 (the default) means one per CPU.
        backend: ``"pandas"`` (the default) or ``"polars"``.
        sections: The sections wanted (``["allergies", "results"]``), nested tables
            included (``"results.observations"``); every top-level section by default.
        chunk_size: How many files to parse before building their tables.
        progress: Show a tqdm progress bar: None (the default) shows one when tqdm is
            installed and the session is interactive (standard error is a terminal, or a
            Jupyter kernel runs); True whenever tqdm is installed; False never.

    Returns:
        dict[str, DataFrame]: Each wanted section's table, with the columns of
        ``to_pandas`` after ``file`` (the path read) and ``patient_id`` (the patient's
        first identifier as ``system|value``, or null), and for a list section ``entry``
        (the row's position in its file's list: a nested table's ``entry`` refers to it,
        so ``(file, entry)`` joins them); and ``errors``,
        one row per file that failed: ``file``, ``kind`` (a ``ParseError`` kind, or
        ``io``), ``message``, ``line``, ``column`` and ``input_kind``.

    Raises:
        ImportError: The backend is not installed.
        ValueError: An unknown backend or section, or a chunk_size below 1.

    Example:
        >>> tables = bluebutton.load("records/", jobs=4)  # doctest: +SKIP
        >>> tables["results"].groupby("patient_id").size()  # doctest: +SKIP
        >>> tables["errors"][["file", "kind", "line"]]  # doctest: +SKIP
    """
    _frames.require(backend)
    if chunk_size < 1:
        raise ValueError("chunk_size must be at least 1")
    wanted = [section(name) for name in (sections if sections is not None else table_sections())]
    files = list_files(paths)
    tables = {found.name: _section_table(found) for found in wanted}
    errors = _Table(ERROR_COLUMNS, [FILE])
    bar = _progress(len(files), progress)
    try:
        for start in range(0, len(files), chunk_size):
            chunk = files[start : start + chunk_size]
            for file, result in zip(chunk, parse_files(chunk, jobs=jobs)):
                if isinstance(result, BaseException):
                    errors.add(file, None, [_error_row(result)])
                    continue
                data = result.to_dict()
                patient = patient_id(data)
                for found in wanted:
                    value = data[found.name.partition(".")[0]]
                    tables[found.name].add(file, patient, _columns.flatten(found, value))
            for table in [*tables.values(), errors]:
                table.flush(backend)
            if bar is not None:
                bar.update(len(chunk))
    finally:
        if bar is not None:
            bar.close()
    out = {name: table.finish(backend) for name, table in tables.items()}
    out["errors"] = errors.finish(backend)
    return out
