"""Flat rows, CSV and JSON for pipelines, and pandas data frames.

Two tables with stable column names: one row per relation
(:data:`RELATION_COLUMNS`) and one per event (:data:`EVENT_COLUMNS`). A value
is text, an integer, or ``None`` (written as an empty CSV field).

>>> from peru_diplomacy import relations_with
>>> row = relation_rows([relations_with("Cuba")])[0]
>>> row["alpha3"], row["established"], row["periods"]
('CUB', '1905-01-11', '1905-01-11/1960-12-30;1972-07-08/..')
>>> text = write_csv(relation_rows([relations_with("Cuba")]))
>>> read_csv(text) == relation_rows([relations_with("Cuba")])
True
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import IO, TYPE_CHECKING, Any, Literal

from .relation import Relation

if TYPE_CHECKING:
    import pandas

__all__ = [
    "EVENT_COLUMNS",
    "RELATION_COLUMNS",
    "Row",
    "event_rows",
    "read_csv",
    "relation_rows",
    "relations_from_json",
    "relations_to_json",
    "to_dataframe",
    "write_csv",
]

Row = dict[str, str | int | None]
"""One flat row: column name to text, integer or ``None``."""

RELATION_COLUMNS: tuple[str, ...] = (
    "relation_id",
    "counterpart",
    "counterpart_id",
    "kind",
    "alpha2",
    "alpha3",
    "numeric",
    "iso3166_3",
    "cow_code",
    "cow_abbrev",
    "gw_code",
    "gw_abbrev",
    "m49_region",
    "m49_subregion",
    "states",
    "region",
    "source_row",
    "date_cell",
    "established",
    "periods",
    "event_count",
    "confidence",
    "attributed_country",
    "references",
    "other_dates",
    "alternatives",
    "contested",
    "notes",
)
"""Columns of :func:`relation_rows`, in order."""

EVENT_COLUMNS: tuple[str, ...] = (
    "relation_id",
    "region",
    "source_row",
    "sequence",
    "kind",
    "date",
    "precision",
    "earliest",
    "latest",
    "state_id",
    "state",
    "text",
    "qualifier",
    "predecessor_id",
    "successor_id",
    "references",
    "origin",
    "confidence",
    "citation",
    "citation_url",
)
"""Columns of :func:`event_rows`, in order."""

_INTEGER_COLUMNS = frozenset({"source_row", "event_count", "sequence", "cow_code", "gw_code"})


def relation_rows(relations: Iterable[Relation]) -> list[Row]:
    """One row per relation (columns :data:`RELATION_COLUMNS`).

    ``periods`` is ``start/end`` pairs joined by ``;``, with ``..`` for an open
    end; ``states`` and ``references`` are ids and footnote numbers joined by
    ``;``; ``other_dates`` the disputed dates as ``date (source)``;
    ``alternatives`` the ids of the other states the row could be;
    ``contested`` the spans other sources contest, as ``start/end (source)``.

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
                "contested": ";".join(f"{c.start}/{'..' if c.end is None else c.end} ({c.source})" for c in r.contests)
                or None,
                "notes": r.notes or None,
            }
        )
    return rows


def event_rows(relations: Iterable[Relation]) -> list[Row]:
    """One row per event (columns :data:`EVENT_COLUMNS`), in each relation's order.

    ``origin`` is ``table`` for the table's events and ``other source`` for
    cited ones, which also fill ``confidence``, ``citation`` and ``citation_url``.

    >>> from peru_diplomacy import relations_with
    >>> [(r["kind"], r["date"], r["precision"]) for r in event_rows([relations_with("Turkey")])]
    [('established', '1952', 'year')]
    """
    rows: list[Row] = []
    for r in relations:
        for sequence, e in enumerate(r.events, start=1):
            rows.append(
                {
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
            )
    return rows


def write_csv(rows: Sequence[Mapping[str, object]], file: IO[str] | None = None) -> str:
    """Write rows as CSV (header first; ``None`` as an empty field) and return the text.

    With ``file``, the text is also written there (open it with ``newline=""``).

    >>> print(write_csv([{"a": 1, "b": None}, {"a": 2, "b": "x,y"}]), end="")
    a,b
    1,
    2,"x,y"
    """
    buffer = io.StringIO()
    columns = list(rows[0]) if rows else []
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    text = buffer.getvalue()
    if file is not None:
        file.write(text)
    return text


def read_csv(text: str | IO[str]) -> list[Row]:
    """Read rows written by :func:`write_csv` back, with integers and ``None`` restored.

    >>> read_csv(write_csv([{"relation_id": "CHL", "source_row": 9, "notes": None}]))
    [{'relation_id': 'CHL', 'source_row': 9, 'notes': None}]
    """
    handle = io.StringIO(text) if isinstance(text, str) else text
    rows: list[Row] = []
    for raw in csv.DictReader(handle):
        row: Row = {}
        for key, value in raw.items():
            if value == "" or value is None:
                row[key] = None
            elif key in _INTEGER_COLUMNS:
                row[key] = int(value)
            else:
                row[key] = value
        rows.append(row)
    return rows


def relations_to_json(relations: Iterable[Relation], *, indent: int | None = 2) -> str:
    """Whole records as a JSON array, through the library's cattrs converter.

    >>> from peru_diplomacy import relations_with
    >>> text = relations_to_json([relations_with("Chile")], indent=None)
    >>> text[:40]
    '[{"id": "CHL", "counterpart": {"id": "CH'
    """
    from .serialization import converter

    return json.dumps([converter.unstructure(r) for r in relations], ensure_ascii=False, indent=indent)


def relations_from_json(text: str | bytes) -> tuple[Relation, ...]:
    """Read records written by :func:`relations_to_json`.

    >>> from peru_diplomacy import relations_with
    >>> relations_from_json(relations_to_json([relations_with("Chile")])) == (relations_with("Chile"),)
    True
    """
    from .serialization import converter

    data: Any = json.loads(text)
    return tuple(converter.structure(item, Relation) for item in data)


def to_dataframe(
    relations: Iterable[Relation], table: Literal["relations", "events"] = "relations"
) -> pandas.DataFrame:
    """A pandas data frame of :func:`relation_rows` or :func:`event_rows`.

    Needs pandas: ``pip install "peru-diplomacy[pandas]"``; without it, an
    :class:`ImportError` says so.

    >>> from peru_diplomacy import all_relations
    >>> try:
    ...     rows = len(to_dataframe(all_relations(), "events"))
    ... except ImportError as error:  # pandas is not installed
    ...     rows = len(event_rows(all_relations()))
    >>> rows
    210
    """
    try:
        import pandas
    except ImportError:
        raise ImportError(
            'to_dataframe() needs pandas, which is not installed: pip install "peru-diplomacy[pandas]"'
        ) from None
    if table == "relations":
        return pandas.DataFrame(relation_rows(relations), columns=list(RELATION_COLUMNS))
    if table == "events":
        return pandas.DataFrame(event_rows(relations), columns=list(EVENT_COLUMNS))
    raise ValueError(f"table must be 'relations' or 'events', not {table!r}")
