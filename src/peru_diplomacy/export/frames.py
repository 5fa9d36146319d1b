"""Tables as pandas data frames with real dtypes, and CSV read back into them (needs pandas)."""

from __future__ import annotations

import io
import os
from collections.abc import Iterable
from typing import IO, TYPE_CHECKING, Any

from ..errors import DatasetError, InvalidArgumentError
from ..relation import Relation
from .tables import (
    BOOLEAN_COLUMNS,
    DATE_COLUMNS,
    FLOAT_COLUMNS,
    INTEGER_COLUMNS,
    OF_RELATIONS,
    STATUSES,
    TABLE_REGISTRY,
    Table,
    table_of,
)
from .text import field_limit, read_text

if TYPE_CHECKING:
    import pandas

    from ..panels import PanelRow
    from ..summaries import EventCount, StatusCount

__all__ = ["check_columns", "read_dataframe", "require_pandas", "to_dataframe", "typed"]


def require_pandas() -> Any:
    try:
        import pandas
    except ImportError:
        raise ImportError(
            'this needs pandas, which is not installed: pip install "peru-diplomacy[pandas]" '
            '(in a clone of the repository: pip install ".[pandas]")'
        ) from None
    return pandas


def check_columns(frame: pandas.DataFrame, table: Table) -> None:
    """Refuse a file that is not the ``table`` table, naming the columns that differ."""
    if tuple(frame.columns) != TABLE_REGISTRY[table].columns:
        unexpected = sorted(set(frame.columns) ^ set(TABLE_REGISTRY[table].columns)) or ["(their order)"]
        raise DatasetError(f"the file is not the {table} table: its columns differ in {', '.join(unexpected)}")


def typed(frame: pandas.DataFrame) -> pandas.DataFrame:
    pandas = require_pandas()
    for column in frame.columns:
        if column in INTEGER_COLUMNS:
            frame[column] = frame[column].astype("Int64")
        elif column in FLOAT_COLUMNS:
            frame[column] = frame[column].astype("Float64")
        elif column in BOOLEAN_COLUMNS:
            values = frame[column].map(lambda v: {"true": True, "false": False}.get(v, v) if isinstance(v, str) else v)
            frame[column] = values.astype("boolean")
        elif column in DATE_COLUMNS:
            # Second resolution holds every day from year 1 to 9999 on every supported pandas
            # (nanoseconds, pandas 2's default, end in 2262, and an amendment may go further).
            frame[column] = frame[column].astype(object).astype("datetime64[s]")
        elif column == "status":
            frame[column] = pandas.Categorical(frame[column], categories=list(STATUSES))
        else:
            frame[column] = frame[column].astype("string")
    return frame


def to_dataframe(
    source: Iterable[Relation] | Iterable[PanelRow] | Iterable[StatusCount] | Iterable[EventCount],
    table: Table | None = None,
) -> pandas.DataFrame:
    """A pandas data frame of a table, with real dtypes.

    ``source`` is relations (for ``relations``, the default, ``events``, ``periods``, ``states``
    and ``missions``), the rows of :func:`~peru_diplomacy.panel` (``panel``), or the records of
    :func:`~peru_diplomacy.status_counts` or ``event_counts``. Without ``table``, the
    table is the one the rows are of; a ``table`` the rows cannot make is refused with
    :class:`~peru_diplomacy.InvalidArgumentError`. Codes and counts
    are nullable integers (``Int64``), shares ``Float64``, flags ``boolean``,
    earliest and latest days ``datetime64[s]`` (second resolution, so that
    every day from year 1 to 9999 fits, on pandas 2 as on 3), ``status`` a categorical of
    ``active``, ``inactive`` and ``uncertain``, everything else ``string``
    (Namibia's ``NA`` stays text). Needs pandas: ``pip install
    "peru-diplomacy[pandas]"``; without it, an :class:`ImportError` says so.

    >>> from peru_diplomacy.export import event_rows, to_dataframe
    >>> from peru_diplomacy import all_relations
    >>> try:
    ...     rows = len(to_dataframe(all_relations(), "events"))
    ... except ImportError as error:  # pandas is not installed
    ...     rows = len(event_rows(all_relations()))
    >>> rows
    249
    """
    pandas = require_pandas()
    if table is not None and table not in TABLE_REGISTRY:
        raise InvalidArgumentError(f"table must be one of {', '.join(repr(t) for t in TABLE_REGISTRY)}, not {table!r}")
    rows: list[Any] = list(source)
    of_rows = table_of(rows)
    if table is None:
        table = of_rows or "relations"
    elif of_rows is not None and of_rows != table and not (of_rows == "relations" and table in OF_RELATIONS):
        made = "relations" if of_rows == "relations" else f"{of_rows} rows"
        raise InvalidArgumentError(
            f"the rows are {made}, which make the {of_rows} table"
            + (f" (or {', '.join(OF_RELATIONS[1:])})" if of_rows == "relations" else "")
            + f", not {table!r}: give table={of_rows!r} or leave it out"
        )
    frame = pandas.DataFrame(TABLE_REGISTRY[table].rows(rows), columns=list(TABLE_REGISTRY[table].columns))
    return typed(frame)


def read_dataframe(file: str | os.PathLike[str] | IO[str], table: Table) -> pandas.DataFrame:
    """A CSV file of one table, read with pandas and the dtypes of :func:`to_dataframe`.

    The file's columns must be the ``table``'s (a :class:`ValueError` says
    which differ otherwise). The recipe, if you read it yourself:
    ``pandas.read_csv(path, keep_default_na=False, na_values=[""])`` keeps
    Namibia's ``NA``.

    >>> from peru_diplomacy.export import relation_rows
    >>> from peru_diplomacy.export import dumps_csv, loads_csv, read_dataframe
    >>> import io
    >>> from peru_diplomacy import relations_with
    >>> text = dumps_csv(relation_rows([relations_with("Namibia")]))
    >>> try:
    ...     alpha2 = read_dataframe(io.StringIO(text), "relations")["alpha2"][0]
    ... except ImportError:  # pandas is not installed
    ...     alpha2 = loads_csv(text)[0]["alpha2"]
    >>> alpha2
    'NA'
    """
    pandas = require_pandas()
    if table not in TABLE_REGISTRY:
        raise InvalidArgumentError(f"table must be one of {', '.join(repr(t) for t in TABLE_REGISTRY)}, not {table!r}")
    text = read_text(file)
    # pandas' C parser ends a field at a NUL character before pandas 3; its Python parser does not, but it
    # reads with the csv module, whose field size limit (128 KiB) a long field passes: raised for the read.
    engine = "python" if "\x00" in text else "c"
    with field_limit(len(text)):
        frame = pandas.read_csv(io.StringIO(text), keep_default_na=False, na_values=[""], dtype=str, engine=engine)
    check_columns(frame, table)
    frame = frame.astype(object).where(frame.notna(), None)
    return typed(frame)
