"""Flat rows, CSV and JSON for pipelines, and pandas data frames.

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

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal

from ._columns import TABLES
from .dates import PartialDate
from .errors import DatasetError, InvalidArgumentError
from .events import EventKind
from .relation import Relation

if TYPE_CHECKING:
    import pandas

    from ._records import TimelineEntry
    from .counterparts import Counterpart
    from .dataset import Dataset
    from .events import Event
    from .panels import PanelRow
    from .summaries import EventCount, StatusCount

__all__ = [
    "EVENT_COLUMNS",
    "EVENT_COUNT_COLUMNS",
    "MISSION_COLUMNS",
    "PANEL_COLUMNS",
    "PERIOD_COLUMNS",
    "RELATION_COLUMNS",
    "STATE_COLUMNS",
    "STATUS_COUNT_COLUMNS",
    "Row",
    "Table",
    "codebook",
    "dumps_csv",
    "event_rows",
    "iter_panel_rows",
    "loads_csv",
    "mission_rows",
    "panel_rows",
    "period_rows",
    "read_csv",
    "read_dataframe",
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

Row = dict[str, str | int | float | bool | None]
"""One flat row: column name to text, integer, float, boolean or ``None``."""

RELATION_COLUMNS: tuple[str, ...] = tuple(c.name for c in TABLES["relations"])
"""Columns of :func:`relation_rows`, in order."""

EVENT_COLUMNS: tuple[str, ...] = tuple(c.name for c in TABLES["events"])
"""Columns of :func:`event_rows`, in order."""

PERIOD_COLUMNS: tuple[str, ...] = tuple(c.name for c in TABLES["periods"])
"""Columns of :func:`period_rows`, in order."""

PANEL_COLUMNS: tuple[str, ...] = tuple(c.name for c in TABLES["panel"])
"""Columns of :func:`panel_rows`, in order."""

STATE_COLUMNS: tuple[str, ...] = tuple(c.name for c in TABLES["states"])
"""Columns of :func:`state_rows`, in order."""

MISSION_COLUMNS: tuple[str, ...] = tuple(c.name for c in TABLES["missions"])
"""Columns of :func:`mission_rows`, in order."""

STATUS_COUNT_COLUMNS: tuple[str, ...] = tuple(c.name for c in TABLES["status_counts"])
"""Columns of :func:`summary_rows` for :func:`~peru_diplomacy.status_counts`, in order."""

EVENT_COUNT_COLUMNS: tuple[str, ...] = tuple(c.name for c in TABLES["event_counts"])
"""Columns of :func:`summary_rows` for :func:`~peru_diplomacy.event_counts`, in order."""


def _named(kind: str) -> frozenset[str]:
    return frozenset(c.name for columns in TABLES.values() for c in columns if c.type == kind)


_INTEGER_COLUMNS = _named("integer")
_FLOAT_COLUMNS = _named("float")
_BOOLEAN_COLUMNS = _named("boolean")
_DATE_COLUMNS = _named("day")
_STATUSES = next(c.values for c in TABLES["panel"] if c.name == "status")


def relation_rows(relations: Iterable[Relation]) -> list[Row]:
    """One row per relation (columns :data:`RELATION_COLUMNS`).

    ``periods`` is ``start/end`` pairs joined by ``;``, with ``..`` for an open
    end; ``states`` and ``references`` are ids and footnote numbers joined by
    ``;``; ``other_dates`` the disputed dates as ``date (source)``;
    ``alternatives`` the ids of the other states the row could be;
    ``contested_spans`` the spans other sources contest, as ``start/end (source)``.

    >>> from peru_diplomacy.export import relation_rows
    >>> from peru_diplomacy import relations_with
    >>> row = relation_rows([relations_with("Czechoslovakia")])[0]
    >>> row["relation_id"], row["states"], row["confidence"], row["source_row"]
    ('CZE', 'CSHH;CZE', 'high', 10)
    """
    rows: list[Row] = []
    for r in relations:
        c = r.counterpart
        rows.append(
            {
                "relation_id": r.id,
                "counterpart": c.name,
                "counterpart_id": c.id,
                "kind": c.kind.value,
                "alpha2": c.alpha2,
                "alpha3": c.alpha3,
                "numeric": c.numeric,
                "iso3166_3": c.iso3166_3,
                "cow_code": c.cow_code,
                "cow_abbrev": c.cow_abbrev,
                "gw_code": c.gw_code,
                "gw_abbrev": c.gw_abbrev,
                "m49_region": c.m49_region,
                "m49_subregion": c.m49_subregion,
                "states": ";".join(s.id for s in r.states),
                "region": r.region.value,
                "source_row": r.source.row,
                "date_cell": r.source.cell or None,
                "established": None if r.established is None else r.established.isoformat(),
                "periods": ";".join(f"{p.start}/{'..' if p.end is None else p.end}" for p in r.periods) or None,
                "event_count": len(r.events),
                "confidence": r.attribution.confidence.value,
                "attributed_country": r.attribution.country,
                "references": ";".join(str(ref.number) for ref in r.references) or None,
                "other_dates": "; ".join(f"{d.other_date} ({d.other_source})" for d in r.disputes) or None,
                "alternatives": ";".join(s.id for s in r.attribution.alternatives) or None,
                "contested_spans": ";".join(
                    f"{c.start}/{'..' if c.end is None else c.end} ({c.source})" for c in r.contests
                )
                or None,
                "notes": r.notes or None,
            }
        )
    return rows


def event_rows(relations: Iterable[Relation]) -> list[Row]:
    """One row per event (columns :data:`EVENT_COLUMNS`), in each relation's order.

    ``origin`` is ``table`` for the table's events and ``other source`` for
    cited ones, which also fill ``confidence``, ``citation`` and ``citation_url``.

    >>> from peru_diplomacy.export import event_rows
    >>> from peru_diplomacy import relations_with
    >>> [(r["kind"], r["date"], r["precision"]) for r in event_rows([relations_with("Turkey")])]
    [('established', '1952', 'year')]
    """
    return [_event_row(r, sequence, e) for r in relations for sequence, e in enumerate(r.events, start=1)]


def timeline_rows(entries: Iterable[TimelineEntry]) -> list[Row]:
    """The rows of :func:`event_rows` for the entries of a timeline, in its order.

    ``sequence`` is the event's place in its relation, as in :func:`event_rows`.

    >>> from peru_diplomacy.export import timeline_rows
    >>> from peru_diplomacy import timeline
    >>> row = timeline_rows(timeline(kinds=["broken"]))[0]
    >>> row["relation_id"], row["kind"], row["date"], row["sequence"]
    ('CHL', 'broken', '1910-03', 6)
    """
    return [_event_row(t.relation, t.relation.events.index(t.event) + 1, t.event) for t in entries]


def _event_row(r: Relation, sequence: int, e: Event) -> Row:
    return {
        "relation_id": r.id,
        "region": r.region.value,
        "source_row": r.source.row,
        "sequence": sequence,
        "kind": e.kind.value,
        "date": e.date.isoformat(),
        "precision": e.date.precision.name.lower(),
        "earliest": e.date.earliest.isoformat(),
        "latest": e.date.latest.isoformat(),
        "state_id": e.state.id,
        "state": e.state.name,
        "text": e.text or None,
        "qualifier": e.qualifier,
        "predecessor_id": None if e.predecessor is None else e.predecessor.id,
        "successor_id": None if e.successor is None else e.successor.id,
        "references": ";".join(str(ref.number) for ref in e.references) or None,
        "origin": "table" if e.citation is None else "other source",
        "confidence": None if e.confidence is None else e.confidence.value,
        "citation": None if e.citation is None else e.citation.text,
        "citation_url": None if e.citation is None else e.citation.url,
    }


def period_rows(relations: Iterable[Relation]) -> list[Row]:
    """One row per period of relations (columns :data:`PERIOD_COLUMNS`).

    ``state`` is the state when the period began, ``states`` every state of
    the lineage during it; ``end`` is ``None`` for a period still running at the
    horizon; ``end_reason`` is the kind of the event that closed it (``broken``,
    ``suspended``, ``war_declared``, ``ended``: the state ended or merged),
    ``state_ended`` where its state ceased with no event, or ``None`` for an open
    period; ``open_start`` whether relations stood before ``start``, since a day
    no source gives.

    >>> from peru_diplomacy.export import period_rows
    >>> from peru_diplomacy import relations_with
    >>> [(r["start"], r["end"], r["end_reason"], r["states"]) for r in period_rows([relations_with("Czechoslovakia")])]
    [('1922-07-11', '1957-10-04', 'broken', 'CSHH'), ('1968-12-27', None, None, 'CSHH;CZE')]
    """
    from .periods import Status

    rows: list[Row] = []
    for r in relations:
        for sequence, p in enumerate(r.periods, start=1):
            closing = None if p.end is None else _closing(r, p.end)
            lo = p.start.latest_ordinal
            if p.end is not None:
                hi = p.end.earliest_ordinal - 1
            else:
                hi = (r.horizon if r.horizon is not None else p.start).latest_ordinal
            during = [s.id for s in r.states if s.lifetime.at_any_time_ordinals(lo, max(lo, hi)) is Status.ACTIVE]
            state = r.counterparts_on(p.start)
            first = state[0] if state else r.states[0]
            rows.append(
                {
                    "relation_id": r.id,
                    "sequence": sequence,
                    "state_id": first.id,
                    "state": first.name,
                    "states": ";".join(during) or first.id,
                    "start": p.start.isoformat(),
                    "open_start": p.open_start,
                    "start_precision": p.start.precision.name.lower(),
                    "earliest_start": p.start.earliest.isoformat(),
                    "latest_start": p.start.latest.isoformat(),
                    "end": None if p.end is None else p.end.isoformat(),
                    "end_precision": None if p.end is None else p.end.precision.name.lower(),
                    "earliest_end": None if p.end is None else p.end.earliest.isoformat(),
                    "latest_end": None if p.end is None else p.end.latest.isoformat(),
                    "end_reason": None if p.end is None else "state_ended" if closing is None else closing.kind.value,
                    "confidence": r.attribution.confidence.value,
                }
            )
    return rows


def _closing(r: Relation, end: PartialDate) -> Event | None:
    """The event that closed a period ending at ``end``: a break of any kind, or an ending whose date holds
    the period's last day (an ending dated by its state's end)."""
    last = end.earliest_ordinal - 1
    for e in r.events:
        if e.kind.is_break and e.date == end:
            return e
        if e.kind is EventKind.ENDED and (e.date == end or e.date.earliest_ordinal <= last <= e.date.latest_ordinal):
            return e
    return None


def panel_rows(rows: Iterable[PanelRow]) -> list[Row]:
    """Flat rows of a panel (columns :data:`PANEL_COLUMNS`).

    ``alpha3`` is the three-letter code, as in the relations table (``DDR``
    for the GDR), and ``iso3166_3`` a former state's four-letter code, so
    that the tables join on the same columns.

    >>> from peru_diplomacy.export import panel_rows
    >>> from peru_diplomacy import panel
    >>> row = panel_rows(r for r in panel(1960, 1960) if r.state_id == "CSHH")[0]
    >>> row["state"], row["alpha3"], row["iso3166_3"], row["cow_code"], row["status"], row["contested"]
    ('Czechoslovakia', 'CSK', 'CSHH', 315, 'uncertain', True)
    """
    return [_panel_row(r) for r in rows]


def _panel_row(r: PanelRow) -> Row:
    return {
        "year": r.year,
        "period": r.period.isoformat(),
        "state_id": r.counterpart.id,
        "state": r.counterpart.name,
        "alpha3": r.alpha3,
        "iso3166_3": r.iso3166_3,
        "cow_code": r.cow_code,
        "cow_abbrev": r.cow_abbrev,
        "gw_code": r.gw_code,
        "gw_abbrev": r.gw_abbrev,
        "relation_id": r.relation_id,
        "status": r.status.value,
        "share_active": r.share_active,
        "share_possible": r.share_possible,
        "confidence": None if r.confidence is None else r.confidence.value,
        "contested": r.contested,
        "at_peru": None if r.at_peru is None else r.at_peru.value,
        "in_counterpart": None if r.in_counterpart is None else r.in_counterpart.value,
        "exchange": r.exchange,
        "basis": r.basis.value,
        "other_state_id": r.other_state_id or None,
    }


def mission_rows(relations: Iterable[Relation]) -> list[Row]:
    """One row per mission listed for each relation (columns :data:`MISSION_COLUMNS`): who keeps a mission
    where, and the states a Peruvian embassy is also accredited to (``resident`` false).

    >>> from peru_diplomacy.export import mission_rows
    >>> from peru_diplomacy import relations_with
    >>> [(r["operator_id"], r["host_id"], r["resident"]) for r in mission_rows([relations_with("Denmark")])]
    [('PER', 'SWE', False)]
    """
    from .representation import MISSIONS_OBSERVED

    rows: list[Row] = []
    for r in relations:
        for m in r.missions:
            rows.append(
                {
                    "relation_id": r.id,
                    "state_id": r.counterpart_on(MISSIONS_OBSERVED).id,
                    "operator_id": m.operator,
                    "host_id": m.host,
                    "city": m.city,
                    "kind": m.kind.value,
                    "resident": m.resident,
                    "diplomatic": m.kind.is_diplomatic,
                    "observed": MISSIONS_OBSERVED,
                    "opened": m.opened,
                    "wikidata": m.wikidata,
                }
            )
    return rows


def state_rows(relations: Iterable[Relation]) -> list[Row]:
    """One row per state of every relation's lineage (columns :data:`STATE_COLUMNS`).

    >>> from peru_diplomacy.export import state_rows
    >>> from peru_diplomacy import relations_with
    >>> for row in state_rows([relations_with("Russia")]):
    ...     print(row["state_id"], row["cow_codes"])
    X-RUSEMP 365 (1816-01-01/1917)
    SUHH 365 (1922-12-30/1991-12-26)
    RUS 365 (1991-12-26/..)
    """

    def codes(state: Counterpart, system: str) -> str | None:
        spans = [
            f"{m.code} ({m.start}/{'..' if m.end is None else m.end})"
            for m in state.memberships
            if m.system.value == system
        ]
        return ";".join(spans) or None

    rows: list[Row] = []
    for r in relations:
        for state in r.states:
            rows.append(
                {
                    "state_id": state.id,
                    "name": state.name,
                    "kind": state.kind.value,
                    "alpha2": state.alpha2,
                    "alpha3": state.alpha3,
                    "numeric": state.numeric,
                    "iso3166_3": state.iso3166_3,
                    "cow_codes": codes(state, "cow"),
                    "gw_codes": codes(state, "gw"),
                    "m49_region": state.m49_region,
                    "m49_subregion": state.m49_subregion,
                    "existence": ";".join(f"{p.start}/{'..' if p.end is None else p.end}" for p in state.existence)
                    or None,
                    "relation_id": r.id,
                }
            )
    return rows


def codebook(tables: Iterable[str] | None = None) -> list[Row]:
    """The codebook: every column of every table, with its type, allowed values, meaning and origin.

    Made from the same definitions the row functions follow (a test holds them equal), so it
    travels with the files: ``peru-diplomacy export --codebook``.

    >>> from peru_diplomacy.export import codebook
    >>> row = next(r for r in codebook(["panel"]) if r["column"] == "status")
    >>> row["type"], row["values"]
    ('text', 'active;inactive;uncertain')
    """
    wanted = list(TABLES) if tables is None else list(tables)
    unknown = [t for t in wanted if t not in TABLES]
    if unknown:
        raise InvalidArgumentError(f"unknown table {unknown[0]!r}: use one of {', '.join(repr(t) for t in TABLES)}")
    return [
        {
            "table": table,
            "column": column.name,
            "type": column.type,
            "values": ";".join(column.values) or None,
            "meaning": column.meaning,
            "origin": column.origin,
        }
        for table in wanted
        for column in TABLES[table]
    ]


def summary_rows(records: Iterable[StatusCount] | Iterable[EventCount]) -> list[Row]:
    """Flat rows of summary counts (columns :data:`STATUS_COUNT_COLUMNS` or :data:`EVENT_COUNT_COLUMNS`).

    >>> from peru_diplomacy.export import summary_rows
    >>> from peru_diplomacy.summaries import status_counts
    >>> row = summary_rows(status_counts(1970, 1970))[0]
    >>> row["period"], row["active"], row["possibly_active"], row["total"]
    ('1970', 67, 74, 189)
    """
    from .summaries import StatusCount

    rows: list[Row] = []
    for record in records:
        if isinstance(record, StatusCount):
            rows.append(
                {
                    "period": record.period,
                    "first_year": record.first_year,
                    "last_year": record.last_year,
                    "region": record.region,
                    "rule": record.rule,
                    "active": record.active,
                    "uncertain": record.uncertain,
                    "inactive": record.inactive,
                    "possibly_active": record.possibly_active,
                    "total": record.total,
                }
            )
        else:
            rows.append({column: getattr(record, column) for column in EVENT_COUNT_COLUMNS})
    return rows


def iter_panel_rows(rows: Iterable[PanelRow]) -> Iterator[Row]:
    """The rows of :func:`panel_rows`, one at a time (to stream a large panel to a file).

    >>> from peru_diplomacy.export import iter_panel_rows, write_csv
    >>> from peru_diplomacy import panel
    >>> import io
    >>> out = io.StringIO()
    >>> write_csv(iter_panel_rows(panel(1950, 1950)), out)
    >>> out.getvalue().count("\\n")  # the header and one row per state
    93
    """
    return (_panel_row(r) for r in rows)


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


def _csv_lines(rows: Iterable[Mapping[str, object]], columns: Sequence[str] | None = None) -> Iterator[str]:
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
    return "".join(_csv_lines(rows))


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
        from ._files import atomic_text

        with atomic_text(file) as handle:  # whole or not at all
            handle.writelines(_csv_lines(rows))
    else:
        file.writelines(_csv_lines(rows))


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
def _field_limit(size: int) -> Iterator[None]:
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
    with _field_limit(len(text)):
        raws = list(csv.DictReader(io.StringIO(text, newline="")))
    for raw in raws:
        row: Row = {}
        for key, value in raw.items():
            if value == "" or value is None:
                row[key] = None
            elif key in _INTEGER_COLUMNS:
                row[key] = int(value)
            elif key in _FLOAT_COLUMNS:
                row[key] = float(value)
            elif key in _BOOLEAN_COLUMNS:
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
    if isinstance(file, (str, os.PathLike)):
        with open(file, encoding="utf-8", newline="") as handle:
            return loads_csv(handle.read())
    return loads_csv(file.read())


def relations_to_json(relations: Iterable[Relation], *, indent: int | None = 2) -> str:
    """Whole records as a JSON array, through the library's cattrs converter.

    >>> from peru_diplomacy.export import relations_to_json
    >>> from peru_diplomacy import relations_with
    >>> text = relations_to_json([relations_with("Chile")], indent=None)
    >>> text[:40]
    '[{"id": "CHL", "counterpart": {"id": "CH'
    """
    from .serialization import converter

    return json.dumps([converter.unstructure(r) for r in relations], ensure_ascii=False, indent=indent)


def relations_from_json(text: str | bytes) -> tuple[Relation, ...]:
    """Read records written by :func:`relations_to_json`.

    Anything else raises :class:`~peru_diplomacy.DatasetError` saying where
    (``[3] @ $.events[0].date``), never a cattrs exception.

    >>> from peru_diplomacy.export import relations_to_json
    >>> from peru_diplomacy.export import relations_from_json
    >>> from peru_diplomacy import relations_with
    >>> relations_from_json(relations_to_json([relations_with("Chile")])) == (relations_with("Chile"),)
    True
    """
    import cattrs

    from .serialization import converter, describe_errors

    try:
        data: Any = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as error:
        raise DatasetError(f"the records are not valid JSON (are they truncated?): {error}") from None
    if not isinstance(data, list):
        raise DatasetError(f"the records must be a JSON array of relations, not {type(data).__name__}")
    relations = []
    for index, item in enumerate(data):
        try:
            relations.append(converter.structure(item, Relation))
        except cattrs.BaseValidationError as error:
            raise DatasetError("; ".join(describe_errors(error, f"[{index}]"))) from None
        except (ValueError, TypeError) as error:  # a record's own check (an incoherent history, a bad date)
            raise DatasetError(f"[{index}]: {error}") from None
    return tuple(relations)


Table = Literal["relations", "events", "periods", "panel", "states", "missions", "status_counts", "event_counts"]
"""The tables: ``relations``, ``events``, ``periods``, ``panel``, ``states``, ``missions``, and the summaries
``status_counts`` and ``event_counts``."""


_OF_RELATIONS = ("relations", "events", "periods", "states", "missions")
"""The tables made of relations."""


def _table_of(rows: Sequence[object]) -> Table | None:
    """The table the rows make by their type (``None`` for no rows)."""
    from .panels import PanelRow
    from .summaries import EventCount, StatusCount

    if not rows:
        return None
    first = rows[0]
    if isinstance(first, PanelRow):
        return "panel"
    if isinstance(first, StatusCount):
        return "status_counts"
    if isinstance(first, EventCount):
        return "event_counts"
    return "relations"


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        raise ImportError(
            'this needs pandas, which is not installed: pip install "peru-diplomacy[pandas]" '
            '(in a clone of the repository: pip install ".[pandas]")'
        ) from None
    return pandas


def _check_columns(frame: pandas.DataFrame, table: Table) -> None:
    """Refuse a file that is not the ``table`` table, naming the columns that differ."""
    if tuple(frame.columns) != _COLUMNS[table]:
        unexpected = sorted(set(frame.columns) ^ set(_COLUMNS[table])) or ["(their order)"]
        raise DatasetError(f"the file is not the {table} table: its columns differ in {', '.join(unexpected)}")


def _typed(frame: pandas.DataFrame) -> pandas.DataFrame:
    pandas = _pandas()
    for column in frame.columns:
        if column in _INTEGER_COLUMNS:
            frame[column] = frame[column].astype("Int64")
        elif column in _FLOAT_COLUMNS:
            frame[column] = frame[column].astype("Float64")
        elif column in _BOOLEAN_COLUMNS:
            values = frame[column].map(lambda v: {"true": True, "false": False}.get(v, v) if isinstance(v, str) else v)
            frame[column] = values.astype("boolean")
        elif column in _DATE_COLUMNS:
            # Second resolution holds every day from year 1 to 9999 on every supported pandas
            # (nanoseconds, pandas 2's default, end in 2262, and an amendment may go further).
            frame[column] = frame[column].astype(object).astype("datetime64[s]")
        elif column == "status":
            frame[column] = pandas.Categorical(frame[column], categories=list(_STATUSES))
        else:
            frame[column] = frame[column].astype("string")
    return frame


_COLUMNS: dict[str, tuple[str, ...]] = {
    "relations": RELATION_COLUMNS,
    "events": EVENT_COLUMNS,
    "periods": PERIOD_COLUMNS,
    "panel": PANEL_COLUMNS,
    "states": STATE_COLUMNS,
    "missions": MISSION_COLUMNS,
    "status_counts": STATUS_COUNT_COLUMNS,
    "event_counts": EVENT_COUNT_COLUMNS,
}


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
    pandas = _pandas()
    if table is not None and table not in _COLUMNS:
        raise InvalidArgumentError(f"table must be one of {', '.join(repr(t) for t in _COLUMNS)}, not {table!r}")
    rows: list[Any] = list(source)
    of_rows = _table_of(rows)
    if table is None:
        table = of_rows or "relations"
    elif of_rows is not None and of_rows != table and not (of_rows == "relations" and table in _OF_RELATIONS):
        made = "relations" if of_rows == "relations" else f"{of_rows} rows"
        raise InvalidArgumentError(
            f"the rows are {made}, which make the {of_rows} table"
            + (f" (or {', '.join(_OF_RELATIONS[1:])})" if of_rows == "relations" else "")
            + f", not {table!r}: give table={of_rows!r} or leave it out"
        )
    make: Any = {
        "relations": relation_rows,
        "events": event_rows,
        "periods": period_rows,
        "panel": panel_rows,
        "states": state_rows,
        "missions": mission_rows,
        "status_counts": summary_rows,
        "event_counts": summary_rows,
    }[table]
    frame = pandas.DataFrame(make(rows), columns=list(_COLUMNS[table]))
    return _typed(frame)


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
    pandas = _pandas()
    if table not in _COLUMNS:
        raise InvalidArgumentError(f"table must be one of {', '.join(repr(t) for t in _COLUMNS)}, not {table!r}")
    if isinstance(file, (str, os.PathLike)):
        with open(file, encoding="utf-8", newline="") as handle:
            text = handle.read()
    else:
        text = file.read()
    # pandas' C parser ends a field at a NUL character before pandas 3; its Python parser does not, but it
    # reads with the csv module, whose field size limit (128 KiB) a long field passes: raised for the read.
    engine = "python" if "\x00" in text else "c"
    with _field_limit(len(text)):
        frame = pandas.read_csv(io.StringIO(text), keep_default_na=False, na_values=[""], dtype=str, engine=engine)
    _check_columns(frame, table)
    frame = frame.astype(object).where(frame.notna(), None)
    return _typed(frame)


# -- typed files: Parquet, Stata, a Frictionless data package --------------------------------


_STATA_RESERVED = frozenset({"end", "in", "if", "using", "with", "long", "double", "float", "byte", "int"})


def _enumerated(table: str) -> dict[str, tuple[str, ...]]:
    return {c.name: c.values for c in TABLES[table] if c.values}


def _stata_frame(frame: pandas.DataFrame, table: str) -> pandas.DataFrame:
    """The frame as Stata stores it: enumerated text as labelled categories, missing text as ""."""
    pandas = _pandas()
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
    dates = {c: "td" for c in frame.columns if c in _DATE_COLUMNS}
    # Stata reserves some words (``end``): such a column is stored as ``_end``, and read back as ``end``.
    renamed = {c: f"_{c}" for c in frame.columns if c in _STATA_RESERVED}
    stata = _stata_frame(frame, table).rename(columns=renamed)
    meanings = {column.name: column.meaning for column in TABLES[table]}
    labels = {renamed.get(c, c): _stata_label(meanings[c]) for c in frame.columns}
    from ._files import atomic_path
    from ._release import DATA_VERSION
    from ._version import __version__

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
    pandas = _pandas()
    frame = pandas.read_stata(path, convert_categoricals=True)
    frame = frame.rename(columns={f"_{c}": c for c in _STATA_RESERVED})
    _check_columns(frame, table)
    for column in frame.columns:
        values = frame[column].astype(object)
        if column in _DATE_COLUMNS:
            values = values.map(lambda v: None if v is None or v != v else v.strftime("%Y-%m-%d"))
        elif column in _BOOLEAN_COLUMNS:
            values = values.map(lambda v: None if v is None or v != v else bool(v))
        elif column in _INTEGER_COLUMNS:
            values = values.map(lambda v: None if v is None or v != v else int(v))
        else:
            values = values.map(lambda v: None if v is None or v == "" or v != v else v)
        frame[column] = values
    return _typed(frame)


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
    from ._files import atomic_path

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
    pandas = _pandas()
    try:
        frame = pandas.read_parquet(path)
    except ImportError:
        raise ImportError(_NO_PYARROW) from None
    _check_columns(frame, table)
    return _typed(frame.astype(object).where(frame.notna(), None))


_FRICTIONLESS_TYPES = {
    "text": "string",
    "list": "string",
    "partial date": "string",
    "day": "date",
    "integer": "integer",
    "float": "number",
    "boolean": "boolean",
}


def write_datapackage(
    directory: str | os.PathLike[str],
    *,
    dataset: Dataset | None = None,
    tables: Iterable[Table] = ("relations", "events", "periods", "states", "missions"),
    panel_years: tuple[int, int] | None = None,
) -> Path:
    """Write the tables as CSV files with a Frictionless ``datapackage.json`` describing them.

    Each resource's schema comes from the codebook (types, allowed values,
    meanings, origins); the package names the data version, the licence and
    the sources. With ``panel_years=(first, last)``, a COW-frame panel of
    those years is included too. Returns the path of ``datapackage.json``.

    >>> from peru_diplomacy.export import write_datapackage
    >>> import json, tempfile
    >>> path = write_datapackage(tempfile.mkdtemp(), tables=["relations"])
    >>> [r["path"] for r in json.loads(path.read_text(encoding="utf-8"))["resources"]]
    ['relations.csv']
    """
    from ._files import atomic_text
    from .citation import UPSTREAM
    from .dataset import packaged_dataset

    data = packaged_dataset() if dataset is None else dataset
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    makers: dict[str, Any] = {
        "relations": relation_rows,
        "events": event_rows,
        "periods": period_rows,
        "states": state_rows,
        "missions": mission_rows,
    }
    wanted = list(tables)
    if panel_years is not None and "panel" not in wanted:
        wanted.append("panel")
    resources = []
    for table in wanted:
        if table == "panel":
            if panel_years is None:
                raise InvalidArgumentError("the panel table needs panel_years=(first, last)")
            rows: Iterable[Row] = iter_panel_rows(data.panel(*panel_years, membership="cow"))
        elif table in makers:
            rows = makers[table](data.relations)
        else:
            raise InvalidArgumentError(
                f"write_datapackage writes {', '.join(repr(t) for t in (*makers, 'panel'))}, not {table!r}"
            )
        with atomic_text(folder / f"{table}.csv") as handle:
            handle.writelines(_csv_lines(rows, _COLUMNS[table]))  # the header even for a table with no rows
        fields = []
        for column in TABLES[table]:
            field: dict[str, Any] = {
                "name": column.name,
                "type": _FRICTIONLESS_TYPES[column.type],
                "description": f"{column.meaning} (origin: {column.origin})",
            }
            if column.type == "boolean":
                field["trueValues"], field["falseValues"] = ["true"], ["false"]
            if column.values:
                field["constraints"] = {"enum": list(column.values)}
            fields.append(field)
        resources.append(
            {
                "name": table.replace("_", "-"),
                "path": f"{table}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": fields, "missingValues": [""]},
            }
        )
    meta = data.metadata
    package = {
        "profile": "tabular-data-package",
        "name": "peru-diplomacy",
        "title": meta.title,
        "version": meta.data_version,
        "description": f"Data version {meta.data_version}: the table of {meta.source_revision}, knowledge to "
        f"{meta.horizon}. {meta.attribution}",
        "licenses": [{"name": "CC-BY-SA-4.0", "path": "https://creativecommons.org/licenses/by-sa/4.0/"}],
        "sources": [{"title": f"{u.authors}: {u.title}", **({"path": u.url} if u.url else {})} for u in UPSTREAM],
        "resources": resources,
    }
    target = folder / "datapackage.json"
    with atomic_text(target) as handle:
        handle.write(json.dumps(package, ensure_ascii=False, indent=2) + "\n")
    return target
