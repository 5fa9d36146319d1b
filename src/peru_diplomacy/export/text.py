"""Rows as CSV and JSON text, and back (the standard library only).

A field holding a comma, a quote, a carriage return or a line feed is quoted on every Python; only an
empty field reads back as ``None`` (Namibia's ``NA`` stays text), and every known column's type is
restored.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import IO

from ..errors import DatasetError
from .tables import BOOLEAN_COLUMNS, FLOAT_COLUMNS, INTEGER_COLUMNS, Row

__all__ = [
    "csv_lines",
    "dumps_csv",
    "field_limit",
    "loads_csv",
    "read_csv",
    "read_json",
    "read_text",
    "write_csv",
    "write_json",
]


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


_NEEDS_QUOTES = frozenset(',"\r\n')


def _csv_field(value: object) -> str:
    # Quoted by our own rule, not the csv module's: before Python 3.13 it leaves a bare "\r" unquoted
    # when the line ends in "\n", and a reader then splits the row.
    text = _cell(value)
    if _NEEDS_QUOTES.isdisjoint(text):
        return text
    return '"' + text.replace('"', '""') + '"'


def csv_lines(rows: Iterable[Mapping[str, object]], columns: Sequence[str] | None = None) -> Iterator[str]:
    """The CSV lines of ``rows``: the header first (``columns``, else the first row's keys), then each row."""
    if columns is not None:
        yield ",".join(_csv_field(c) for c in columns) + "\n"
    for row in rows:
        if columns is None:
            columns = list(row)
            yield ",".join(_csv_field(c) for c in columns) + "\n"
        yield ",".join(_csv_field(row.get(c)) for c in columns) + "\n"


def dumps_csv(rows: Iterable[Mapping[str, object]]) -> str:
    """Rows as CSV text (header first; ``None`` as an empty field, booleans as ``true``/``false``).

    A field holding a comma, a quote, a carriage return or a line feed is
    quoted, on every Python, so that every text reads back as written.

    >>> from peru_diplomacy.export import dumps_csv
    >>> print(dumps_csv([{"a": 1, "b": None}, {"a": 2, "b": "x,y"}]), end="")
    a,b
    1,
    2,"x,y"
    """
    return "".join(csv_lines(rows))


def write_csv(rows: Iterable[Mapping[str, object]], file: str | os.PathLike[str] | IO[str]) -> None:
    """Write rows as CSV to a path or an open text file (open it with ``newline=""``); see :func:`dumps_csv`.

    Rows are written as they come, so a generator of rows is never held whole.

    >>> from peru_diplomacy.export import write_csv
    >>> import io
    >>> out = io.StringIO()
    >>> write_csv([{"a": 1}], out)
    >>> out.getvalue()
    'a\\n1\\n'
    """
    if isinstance(file, (str, os.PathLike)):
        from .._files import atomic_text

        with atomic_text(file) as handle:  # whole or not at all
            handle.writelines(csv_lines(rows))
    else:
        file.writelines(csv_lines(rows))


def write_json(rows: Iterable[Mapping[str, object]], file: IO[str]) -> None:
    """Write rows as a JSON array to an open text file, one row a line, as they come.

    >>> from peru_diplomacy.export import write_json
    >>> import io, json
    >>> out = io.StringIO()
    >>> write_json([{"a": 1}, {"a": None}], out)
    >>> print(out.getvalue(), end="")
    [
    {"a": 1},
    {"a": null}
    ]
    >>> json.loads(out.getvalue())
    [{'a': 1}, {'a': None}]
    """
    file.write("[")
    separator = "\n"
    for row in rows:
        file.write(separator + json.dumps(row, ensure_ascii=False))
        separator = ",\n"
    file.write("\n]\n")


_FIELD_LIMIT_LOCK = threading.Lock()


@contextlib.contextmanager
def field_limit(size: int) -> Iterator[None]:
    """The csv module's field size limit raised to ``size`` for the block (no field is longer than the whole
    text), then restored: the process's limit is left as it was found."""
    with _FIELD_LIMIT_LOCK:
        before = csv.field_size_limit()
        if size > before:
            csv.field_size_limit(size)
        try:
            yield
        finally:
            csv.field_size_limit(before)


def loads_csv(text: str) -> list[Row]:
    """Rows from CSV text written by :func:`dumps_csv`, with every known column's type restored.

    Only an empty field is ``None``: Namibia's alpha-2 code ``NA`` stays text.

    >>> from peru_diplomacy.export import dumps_csv
    >>> from peru_diplomacy.export import loads_csv
    >>> loads_csv(dumps_csv([{"relation_id": "NAM", "alpha2": "NA", "source_row": 28, "notes": None}]))
    [{'relation_id': 'NAM', 'alpha2': 'NA', 'source_row': 28, 'notes': None}]
    """
    rows: list[Row] = []
    with field_limit(len(text)):
        raws = list(csv.DictReader(io.StringIO(text, newline="")))
    for raw in raws:
        row: Row = {}
        for key, value in raw.items():
            if value == "" or value is None:
                row[key] = None
            elif key in INTEGER_COLUMNS:
                row[key] = int(value)
            elif key in FLOAT_COLUMNS:
                row[key] = float(value)
            elif key in BOOLEAN_COLUMNS:
                row[key] = value == "true"
            else:
                row[key] = value
        rows.append(row)
    return rows


def read_csv(file: str | os.PathLike[str] | IO[str]) -> list[Row]:
    """Rows from a CSV file (a path, or an open text file): see :func:`loads_csv`.

    >>> from peru_diplomacy.export import read_csv
    >>> import io
    >>> read_csv(io.StringIO("relation_id,source_row\\nCHL,9\\n"))
    [{'relation_id': 'CHL', 'source_row': 9}]
    """
    return loads_csv(read_text(file))


def read_json(file: str | os.PathLike[str] | IO[str]) -> list[Row]:
    """Rows from a JSON array written by :func:`write_json` (a path, or an open text file).

    >>> from peru_diplomacy.export import read_json
    >>> import io
    >>> read_json(io.StringIO('[\\n{"relation_id": "CHL", "source_row": 9}\\n]\\n'))
    [{'relation_id': 'CHL', 'source_row': 9}]
    """
    try:
        data = json.loads(read_text(file))
    except json.JSONDecodeError as error:
        raise DatasetError(f"the file is not JSON: {error}") from None
    if not isinstance(data, list) or not all(isinstance(row, dict) for row in data):
        raise DatasetError("the file is not rows: a JSON array of objects, as write_json writes")
    return data


def read_text(file: str | os.PathLike[str] | IO[str]) -> str:
    """The whole text of a file written by an export (a path, read as UTF-8 with its line ends as they are;
    or an open text file)."""
    if isinstance(file, (str, os.PathLike)):
        with open(file, encoding="utf-8", newline="") as handle:
            return handle.read()
    return file.read()
