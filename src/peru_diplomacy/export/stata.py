"""Tables as Stata ``.dta`` files: value labels for enumerated columns, a label on every variable (needs pandas)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .._columns import TABLES
from ..errors import InvalidArgumentError
from ..relation import Relation
from .frames import check_columns, require_pandas, to_dataframe, typed
from .tables import BOOLEAN_COLUMNS, DATE_COLUMNS, INTEGER_COLUMNS, Table

if TYPE_CHECKING:
    import pandas

    from ..panels import PanelRow
    from ..summaries import EventCount, StatusCount

__all__ = ["read_stata", "write_stata"]


_STATA_RESERVED = frozenset({"end", "in", "if", "using", "with", "long", "double", "float", "byte", "int"})


def _enumerated(table: str) -> dict[str, tuple[str, ...]]:
    return {c.name: c.values for c in TABLES[table] if c.values}


def _stata_frame(frame: pandas.DataFrame, table: str) -> pandas.DataFrame:
    """The frame as Stata stores it: enumerated text as labelled categories, missing text as ""."""
    pandas = require_pandas()
    out = frame.copy()
    enumerated = _enumerated(table)
    for column in out.columns:
        if column in enumerated:
            out[column] = pandas.Categorical(out[column].astype(object), categories=list(enumerated[column]))
        elif str(out[column].dtype) == "string":
            out[column] = out[column].astype(object).where(out[column].notna(), "")
            holding = out[column].str.contains("\x00", regex=False)
            if holding.any():
                row = int(holding.to_numpy().nonzero()[0][0]) + 1
                raise InvalidArgumentError(
                    f"Stata cannot hold a NUL character, and column {column!r} (row {row}) has one: it would cut "
                    "the text there; export CSV, JSON or Parquet instead"
                )
        elif str(out[column].dtype) == "boolean":
            out[column] = out[column].astype("Int8")
    return out


def write_stata(
    source: Iterable[Relation] | Iterable[PanelRow] | Iterable[StatusCount] | Iterable[EventCount],
    table: Table,
    path: str | os.PathLike[str],
) -> None:
    """Write a table as a Stata ``.dta`` file, its enumerated columns with value labels.

    Every variable has a label, the codebook's meaning of its column (cut to Stata's 80 characters), and
    the file a dataset label naming the package, the data version and the table.
    :func:`read_stata` reads it back with the dtypes of :func:`to_dataframe`.
    Needs pandas. Missing text is stored as ``""`` (Stata has no missing text).

    >>> from peru_diplomacy.export import write_stata, read_stata
    >>> from peru_diplomacy import relations_with
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "events.dta"
    >>> try:
    ...     write_stata([relations_with("Cuba")], "events", path)
    ...     kinds = list(read_stata(path, "events")["kind"])
    ... except ImportError:  # pandas is not installed
    ...     kinds = ["established", "broken", "restored", "reported"]
    >>> kinds
    ['established', 'broken', 'restored', 'reported']
    """
    frame = to_dataframe(source, table)
    dates = {c: "td" for c in frame.columns if c in DATE_COLUMNS}
    # Stata reserves some words (``end``): such a column is stored as ``_end``, and read back as ``end``.
    renamed = {c: f"_{c}" for c in frame.columns if c in _STATA_RESERVED}
    stata = _stata_frame(frame, table).rename(columns=renamed)
    meanings = {column.name: column.meaning for column in TABLES[table]}
    labels = {renamed.get(c, c): _stata_label(meanings[c]) for c in frame.columns}
    from .._files import atomic_path
    from .._release import DATA_VERSION
    from .._version import __version__

    # A text over 2,045 bytes is a strL in Stata; pandas 2 then needs to be told (it failed on long non-ASCII text).
    long_texts = [
        column
        for column in stata.columns
        if stata[column].dtype == object and stata[column].map(lambda v: len(str(v).encode("utf-8"))).max() > 2045
    ]
    with atomic_path(path) as part:
        stata.to_stata(
            part,
            convert_strl=long_texts,
            write_index=False,
            convert_dates={renamed.get(c, c): k for c, k in dates.items()},
            version=118,
            variable_labels=labels,
            data_label=_stata_label(f"peru-diplomacy {__version__}, data {DATA_VERSION}: the {table} table"),
        )


def _stata_label(text: str) -> str:
    """A Stata label: at most 80 characters, cut at a word with an ellipsis where longer."""
    return text if len(text) <= 80 else text[:79].rsplit(" ", 1)[0] + "…"


def read_stata(path: str | os.PathLike[str], table: Table) -> pandas.DataFrame:
    """A ``.dta`` file written by :func:`write_stata`, with the dtypes of :func:`to_dataframe`.

    >>> from peru_diplomacy.export import read_stata, write_stata
    >>> from peru_diplomacy import relations_with
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "relations.dta"
    >>> try:
    ...     write_stata([relations_with("Namibia")], "relations", path)
    ...     alpha2 = read_stata(path, "relations")["alpha2"][0]
    ... except ImportError:  # pandas is not installed
    ...     alpha2 = "NA"
    >>> alpha2
    'NA'
    """
    pandas = require_pandas()
    frame = pandas.read_stata(path, convert_categoricals=True)
    frame = frame.rename(columns={f"_{c}": c for c in _STATA_RESERVED})
    check_columns(frame, table)
    for column in frame.columns:
        values = frame[column].astype(object)
        if column in DATE_COLUMNS:
            values = values.map(lambda v: None if v is None or v != v else v.strftime("%Y-%m-%d"))
        elif column in BOOLEAN_COLUMNS:
            values = values.map(lambda v: None if v is None or v != v else bool(v))
        elif column in INTEGER_COLUMNS:
            values = values.map(lambda v: None if v is None or v != v else int(v))
        else:
            values = values.map(lambda v: None if v is None or v == "" or v != v else v)
        frame[column] = values
    return typed(frame)
