"""Flat rows, CSV and JSON for pipelines, pandas data frames, Stata, Parquet and a data package.

A package by concept: ``tables`` (records made into rows, the codebook, :data:`TABLE_REGISTRY`),
``text`` (CSV and JSON, the standard library only), ``nested`` (whole records through cattrs),
``frames`` (pandas), ``stata``, ``parquet``, ``datapackage``, and ``formats`` (:data:`FORMATS`, the
registry the command line iterates). Every name below is importable from ``peru_diplomacy.export``.

Four tables with stable column names: one row per relation
(:data:`RELATION_COLUMNS`), per event (:data:`EVENT_COLUMNS`), per period
(:data:`PERIOD_COLUMNS`), and per state and unit of a panel
(:data:`PANEL_COLUMNS`). A value is text, an integer, a float, a boolean or
``None`` (an empty CSV field). Files and strings have a function each, as in
:mod:`json`: :func:`write_csv` / :func:`dumps_csv`, :func:`read_csv` /
:func:`loads_csv`; :func:`loads_csv` gives back the types of every column it
knows, and never reads Namibia's ``NA`` as missing.

>>> from peru_diplomacy.export import dumps_csv
>>> from peru_diplomacy.export import loads_csv, relation_rows
>>> from peru_diplomacy import relations_with
>>> row = relation_rows([relations_with("Cuba")])[0]
>>> row["alpha3"], row["established"], row["periods"]
('CUB', '1905-01-11', '1905-01-11/1960-12-30;1972-07-08/..')
>>> rows = relation_rows([relations_with("Namibia")])
>>> loads_csv(dumps_csv(rows)) == rows, rows[0]["alpha2"]
(True, 'NA')
"""

from . import formats, tables
from .datapackage import write_datapackage
from .formats import Format, format_named_by
from .frames import read_dataframe, to_dataframe
from .nested import relations_from_json, relations_to_json
from .parquet import read_parquet, write_parquet
from .stata import read_stata, write_stata
from .tables import (
    TableSpec,
    codebook,
    event_rows,
    iter_panel_rows,
    mission_rows,
    panel_rows,
    period_rows,
    relation_rows,
    state_rows,
    summary_rows,
    timeline_rows,
)
from .text import dumps_csv, loads_csv, read_csv, read_json, write_csv, write_json

# The tables' types, columns and registry are defined in ``tables`` and documented here, where users import them.

Row = tables.Row
"""One flat row: column name to text, integer, float, boolean or ``None``."""

Table = tables.Table
"""The tables: ``relations``, ``events``, ``periods``, ``panel``, ``states``, ``missions``, and the summaries
``status_counts`` and ``event_counts``."""

RELATION_COLUMNS = tables.RELATION_COLUMNS
"""Columns of :func:`relation_rows`, in order."""

EVENT_COLUMNS = tables.EVENT_COLUMNS
"""Columns of :func:`event_rows`, in order."""

PERIOD_COLUMNS = tables.PERIOD_COLUMNS
"""Columns of :func:`period_rows`, in order."""

PANEL_COLUMNS = tables.PANEL_COLUMNS
"""Columns of :func:`panel_rows`, in order."""

STATE_COLUMNS = tables.STATE_COLUMNS
"""Columns of :func:`state_rows`, in order."""

MISSION_COLUMNS = tables.MISSION_COLUMNS
"""Columns of :func:`mission_rows`, in order."""

STATUS_COUNT_COLUMNS = tables.STATUS_COUNT_COLUMNS
"""Columns of :func:`summary_rows` for :func:`~peru_diplomacy.status_counts`, in order."""

EVENT_COUNT_COLUMNS = tables.EVENT_COUNT_COLUMNS
"""Columns of :func:`summary_rows` for :func:`~peru_diplomacy.event_counts`, in order."""

TABLE_REGISTRY = tables.TABLE_REGISTRY
"""Every table, by name, in the codebook's order: the command line's ``--table``, :func:`to_dataframe`,
the typed files and the data package iterate it (a test holds it equal to the codebook's tables)."""

OF_RELATIONS = tables.OF_RELATIONS
"""The tables made of relations (``relations``, ``events``, ``periods``, ``states``, ``missions``)."""

FORMATS = formats.FORMATS
"""Every file format the library writes, by name (see :class:`Format`): the command line's ``--format``
choices and its reading of ``--output``'s suffix iterate it."""

__all__ = [
    "EVENT_COLUMNS",
    "EVENT_COUNT_COLUMNS",
    "FORMATS",
    "MISSION_COLUMNS",
    "OF_RELATIONS",
    "PANEL_COLUMNS",
    "PERIOD_COLUMNS",
    "RELATION_COLUMNS",
    "STATE_COLUMNS",
    "STATUS_COUNT_COLUMNS",
    "TABLE_REGISTRY",
    "Format",
    "Row",
    "Table",
    "TableSpec",
    "codebook",
    "dumps_csv",
    "event_rows",
    "format_named_by",
    "iter_panel_rows",
    "loads_csv",
    "mission_rows",
    "panel_rows",
    "period_rows",
    "read_csv",
    "read_dataframe",
    "read_json",
    "read_parquet",
    "read_stata",
    "relation_rows",
    "relations_from_json",
    "relations_to_json",
    "state_rows",
    "summary_rows",
    "timeline_rows",
    "to_dataframe",
    "write_csv",
    "write_datapackage",
    "write_json",
    "write_parquet",
    "write_stata",
]
