"""Tables as Parquet files with the data frames' dtypes, written a chunk of rows at a time (needs pyarrow)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..relation import Relation
from .frames import check_columns, require_pandas, to_dataframe, typed
from .tables import Table

if TYPE_CHECKING:
    import pandas

    from ..panels import PanelRow
    from ..summaries import EventCount, StatusCount

__all__ = ["read_parquet", "write_parquet"]


_NO_PYARROW = (
    'this needs pyarrow, which is not installed: pip install "peru-diplomacy[parquet]" '
    '(in a clone of the repository: pip install ".[parquet]")'
)


def write_parquet(
    source: Iterable[Relation] | Iterable[PanelRow] | Iterable[StatusCount] | Iterable[EventCount],
    table: Table,
    path: str | os.PathLike[str],
) -> None:
    """Write a table as Parquet with the dtypes of :func:`to_dataframe` (nullable integers, categories).

    Needs pandas and pyarrow: ``pip install "peru-diplomacy[parquet]"``.

    >>> from peru_diplomacy.export import read_parquet, write_parquet
    >>> from peru_diplomacy import relations_with
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "events.parquet"
    >>> try:
    ...     write_parquet([relations_with("Cuba")], "events", path)
    ...     dtype = str(read_parquet(path, "events")["sequence"].dtype)
    ... except ImportError:  # pandas or pyarrow is not installed
    ...     dtype = "Int64"
    >>> dtype
    'Int64'
    """
    import importlib

    try:
        pyarrow: Any = importlib.import_module("pyarrow")
        parquet: Any = importlib.import_module("pyarrow.parquet")
    except ImportError:
        raise ImportError(_NO_PYARROW) from None
    from .._files import atomic_path

    # In chunks of rows, each made a frame and a row group in turn: a panel of half a million rows peaked at
    # 710 MiB as one frame (its CSV export at 195 MiB).
    items: list[Any] = list(source)
    with atomic_path(path) as part:
        writer = None
        try:
            for first in range(0, max(1, len(items)), _PARQUET_CHUNK):
                frame = to_dataframe(items[first : first + _PARQUET_CHUNK], table)
                chunk = pyarrow.Table.from_pandas(frame, preserve_index=False)
                if writer is None:
                    writer = parquet.ParquetWriter(part, chunk.schema)
                writer.write_table(chunk.cast(writer.schema))
                del frame, chunk
        finally:
            if writer is not None:
                writer.close()


_PARQUET_CHUNK = 50_000
"""Rows a Parquet file is written in at a time (a row group each)."""


def read_parquet(path: str | os.PathLike[str], table: Table) -> pandas.DataFrame:
    """A Parquet file written by :func:`write_parquet`, with the dtypes of :func:`to_dataframe`.

    >>> from peru_diplomacy.export import read_parquet, to_dataframe, write_parquet
    >>> from peru_diplomacy import relations_with
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "periods.parquet"
    >>> try:
    ...     write_parquet([relations_with("Japan")], "periods", path)
    ...     same = read_parquet(path, "periods").equals(to_dataframe([relations_with("Japan")], "periods"))
    ... except ImportError:  # pandas or pyarrow is not installed
    ...     same = True
    >>> same
    True
    """
    pandas = require_pandas()
    try:
        frame = pandas.read_parquet(path)
    except ImportError:
        raise ImportError(_NO_PYARROW) from None
    check_columns(frame, table)
    return typed(frame.astype(object).where(frame.notna(), None))
