"""The file formats the library writes, in one registry: name, file suffixes, writer, reader, extra needed.

The command line's ``--format`` choices, its reading of ``--output``'s suffix and its writing, and the docs
iterate :data:`FORMATS`. A text format writes rows to an open text stream (to standard output too); a
typed format writes a table to a file, with the dtypes of :func:`~peru_diplomacy.export.to_dataframe`.

>>> from peru_diplomacy.export import FORMATS, format_named_by
>>> list(FORMATS), format_named_by("panel.pq").name, FORMATS["stata"].extra
(['csv', 'json', 'jsonl', 'parquet', 'stata'], 'parquet', 'pandas')
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import IO, Any

import attrs

from .jsonlines import read_jsonl, write_jsonl
from .parquet import read_parquet, write_parquet
from .stata import read_stata, write_stata
from .tables import Table
from .text import read_csv, read_json, write_csv, write_json

__all__ = ["FORMATS", "Format", "format_named_by"]


@attrs.frozen(kw_only=True)
class Format:
    """One file format: its name, the suffixes that name it, what it is, the optional extra it needs
    (``pip install "peru-diplomacy[EXTRA]"``; ``None``: the standard library), and its writer and reader.

    A text format has ``write_rows(rows, stream)``; a typed format ``write_table(source, table, path)``
    (``source`` as :func:`~peru_diplomacy.export.to_dataframe` takes it). ``read`` reads a file back:
    ``read(file)`` for text, ``read(path, table)`` for a typed format.

    >>> from peru_diplomacy.export import FORMATS
    >>> csv, stata = FORMATS["csv"], FORMATS["stata"]
    >>> csv.typed, csv.extra, stata.typed, stata.suffixes
    (False, None, True, ('.dta',))
    """

    name: str
    suffixes: tuple[str, ...]
    description: str
    extra: str | None = None
    write_rows: Callable[[Iterable[Mapping[str, object]], IO[str]], None] | None = None
    write_table: Callable[[Any, Table, str | os.PathLike[str]], None] | None = None
    read: Callable[..., Any] | None = None

    @property
    def typed(self) -> bool:
        """Whether the format writes a typed table to a file (not rows to a text stream)."""
        return self.write_table is not None


FORMATS: Mapping[str, Format] = MappingProxyType(
    {
        f.name: f
        for f in (
            Format(
                name="csv",
                suffixes=(".csv",),
                description="comma-separated text, a header first (UTF-8)",
                write_rows=write_csv,
                read=read_csv,
            ),
            Format(
                name="json",
                suffixes=(".json",),
                description="a JSON array of rows, one row a line",
                write_rows=write_json,
                read=read_json,
            ),
            Format(
                name="jsonl",
                suffixes=(".jsonl", ".ndjson"),
                description="JSON Lines, one row a line",
                write_rows=write_jsonl,
                read=read_jsonl,
            ),
            Format(
                name="parquet",
                suffixes=(".parquet", ".pq"),
                description="Apache Parquet, with the data frames' dtypes",
                extra="parquet",
                write_table=write_parquet,
                read=read_parquet,
            ),
            Format(
                name="stata",
                suffixes=(".dta",),
                description="Stata 14+ .dta, with value and variable labels",
                extra="pandas",
                write_table=write_stata,
                read=read_stata,
            ),
        )
    }
)


def format_named_by(path: str | os.PathLike[str]) -> Format | None:
    """The format a file's suffix names (case aside), or ``None``.

    >>> from peru_diplomacy.export import format_named_by
    >>> format_named_by("Panel.DTA").name, format_named_by("notes.txt")
    ('stata', None)
    """
    suffix = os.path.splitext(os.fspath(path))[1].lower()
    return next((f for f in FORMATS.values() if suffix in f.suffixes), None)
