"""The tables: records made into flat rows, one function per table, with the codebook and the registry.

The names below are documented where users import them, in ``peru_diplomacy.export``.

A value is text, an integer, a float, a boolean or ``None``. The columns of every table are the codebook's
(``_columns``); :data:`TABLE_REGISTRY` names each table with its columns and its row function.

>>> from peru_diplomacy.export import TABLE_REGISTRY
>>> list(TABLE_REGISTRY)[:3], TABLE_REGISTRY["events"].made_of
(['relations', 'events', 'periods'], 'relations')
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal

import attrs

from .._columns import TABLES
from ..dates import PartialDate
from ..errors import InvalidArgumentError
from ..events import EventKind
from ..relation import Relation

if TYPE_CHECKING:
    from .._records import TimelineEntry
    from ..counterparts import Counterpart
    from ..events import Event
    from ..panels import PanelRow
    from ..summaries import EventCount, StatusCount

__all__ = [
    "BOOLEAN_COLUMNS",
    "DATE_COLUMNS",
    "EVENT_COLUMNS",
    "EVENT_COUNT_COLUMNS",
    "FLOAT_COLUMNS",
    "INTEGER_COLUMNS",
    "MISSION_COLUMNS",
    "OF_RELATIONS",
    "PANEL_COLUMNS",
    "PERIOD_COLUMNS",
    "RELATION_COLUMNS",
    "STATE_COLUMNS",
    "STATUSES",
    "STATUS_COUNT_COLUMNS",
    "TABLE_REGISTRY",
    "MadeOf",
    "Row",
    "Table",
    "TableSpec",
    "codebook",
    "event_rows",
    "iter_panel_rows",
    "mission_rows",
    "panel_rows",
    "period_rows",
    "relation_rows",
    "state_rows",
    "summary_rows",
    "table_of",
    "timeline_rows",
]


Row = dict[str, str | int | float | bool | None]


Table = Literal["relations", "events", "periods", "panel", "states", "missions", "status_counts", "event_counts"]


RELATION_COLUMNS: tuple[str, ...] = tuple(c.name for c in TABLES["relations"])


EVENT_COLUMNS: tuple[str, ...] = tuple(c.name for c in TABLES["events"])


PERIOD_COLUMNS: tuple[str, ...] = tuple(c.name for c in TABLES["periods"])


PANEL_COLUMNS: tuple[str, ...] = tuple(c.name for c in TABLES["panel"])


STATE_COLUMNS: tuple[str, ...] = tuple(c.name for c in TABLES["states"])


MISSION_COLUMNS: tuple[str, ...] = tuple(c.name for c in TABLES["missions"])


STATUS_COUNT_COLUMNS: tuple[str, ...] = tuple(c.name for c in TABLES["status_counts"])


EVENT_COUNT_COLUMNS: tuple[str, ...] = tuple(c.name for c in TABLES["event_counts"])


def _named(kind: str) -> frozenset[str]:
    return frozenset(c.name for columns in TABLES.values() for c in columns if c.type == kind)


INTEGER_COLUMNS = _named("integer")


FLOAT_COLUMNS = _named("float")


BOOLEAN_COLUMNS = _named("boolean")


DATE_COLUMNS = _named("day")


STATUSES = next(c.values for c in TABLES["panel"] if c.name == "status")


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
    from ..periods import Status

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
    from ..representation import MISSIONS_OBSERVED

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
    from ..summaries import StatusCount

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


def table_of(rows: Sequence[object]) -> Table | None:
    """The table the rows make by their type (``None`` for no rows)."""
    from ..panels import PanelRow
    from ..summaries import EventCount, StatusCount

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


MadeOf = Literal["relations", "panel rows", "status counts", "event counts"]
"""What a table's rows are made from."""


@attrs.frozen
class TableSpec:
    """One table the library writes: its name, its columns (the codebook's, in order), the function that makes
    its rows and what they are made from. :data:`TABLE_REGISTRY` holds every one.

    >>> from peru_diplomacy.export import TABLE_REGISTRY
    >>> from peru_diplomacy import relations_with
    >>> missions = TABLE_REGISTRY["missions"]
    >>> missions.made_of, missions.columns[:2], len(missions.rows([relations_with("Denmark")]))
    ('relations', ('relation_id', 'state_id'), 1)
    """

    name: Table
    columns: tuple[str, ...]
    rows: Callable[[Any], list[Row]]
    made_of: MadeOf


TABLE_REGISTRY: Mapping[Table, TableSpec] = MappingProxyType(
    {
        spec.name: spec
        for spec in (
            TableSpec("relations", RELATION_COLUMNS, relation_rows, "relations"),
            TableSpec("events", EVENT_COLUMNS, event_rows, "relations"),
            TableSpec("periods", PERIOD_COLUMNS, period_rows, "relations"),
            TableSpec("panel", PANEL_COLUMNS, panel_rows, "panel rows"),
            TableSpec("states", STATE_COLUMNS, state_rows, "relations"),
            TableSpec("missions", MISSION_COLUMNS, mission_rows, "relations"),
            TableSpec("status_counts", STATUS_COUNT_COLUMNS, summary_rows, "status counts"),
            TableSpec("event_counts", EVENT_COUNT_COLUMNS, summary_rows, "event counts"),
        )
    }
)

OF_RELATIONS: tuple[Table, ...] = tuple(name for name, spec in TABLE_REGISTRY.items() if spec.made_of == "relations")
