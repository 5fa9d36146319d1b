"""User amendments: your own events, contested spans, relations and attribution overrides.

Like python-holidays' custom holidays or pycountry's ``add_entry``, but
never silent: every amendment carries its citation, and
:meth:`Dataset.amended <peru_diplomacy.Dataset.amended>` returns a *new*
dataset (the packaged data is never modified). The file format is TOML, one
table per amendment:

.. code-block:: toml

    [[event]]                 # an event of a relation
    country = "Mexico"        # any name or code the lookups take
    kind = "restored"         # established, broken, restored, reaffirmed, ended, unspecified
    date = "2026-10-01"       # year, month or day precision
    source = "Ministry communiqué, 2026-10-01, https://example.org/..."   # required
    quote = "..."             # optional
    confidence = "high"       # optional: high (default), medium or low

    [[contest]]               # a span on which your source disagrees with the data
    country = "Italy"
    start = "1942-01"
    end = "1950"              # optional: up to the horizon
    reason = "..."
    source = "..."

    [[attribution]]           # another reading of a relation's source row
    country = "Burkina Faso"
    confidence = "medium"
    evidence = "..."
    source = "..."

    [[relation]]              # a relation with a state the data has none with
    country = "Bhutan"
    region = "Asia"
    kind = "established"
    date = "2030-01-01"
    source = "..."

An event after a relation's horizon moves that relation's horizon to the
event's last day. Any problem raises, naming the file, the line and the field,
and nothing is applied: :class:`AmendmentError` (a ``ValueError``), or
:class:`~peru_diplomacy.InvalidEventSequenceError` for events that do not make
a coherent history.

>>> from peru_diplomacy import packaged_dataset
>>> data = packaged_dataset().amended([
...     {"type": "event", "country": "Mexico", "kind": "restored", "date": "2026-02-20",
...      "source": "An example source, 2026-02-20"},
... ])
>>> data.relations_with("Mexico").status_on("2026-02-21").value
'active'
>>> packaged_dataset().relations_with("Mexico").status_on("2026-02-21").value
'inactive'
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from ._format import SCHEMA_VERSION
from .counterparts import Counterpart, CounterpartKind
from .dates import PartialDate
from .errors import (
    AmbiguousCountryError,
    InvalidDateError,
    InvalidEventSequenceError,
    NoRelationError,
    PeruDiplomacyError,
    UnknownCountryError,
)
from .events import Event, EventKind
from .provenance import Citation, Confidence, Contest, Region, Source
from .relation import Relation

if TYPE_CHECKING:
    from .dataset import Dataset

__all__ = ["AmendmentError", "amend"]

_FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "event": (("country", "kind", "date", "source"), ("quote", "confidence")),
    "contest": (("country", "start", "reason", "source"), ("end", "quote")),
    "attribution": (("country", "confidence", "evidence", "source"), ("quote",)),
    "relation": (("country", "region", "kind", "date", "source"), ("quote", "confidence")),
}


class AmendmentError(PeruDiplomacyError, ValueError):
    """An amendment that cannot be applied: ``file``, ``line`` and ``field`` say where.

    >>> from peru_diplomacy import AmendmentError
    >>> str(AmendmentError("no such kind", file="mine.toml", line=3, field="kind"))
    'mine.toml, line 3, field kind: no such kind'
    """

    def __init__(self, why: str, *, file: str, line: int, field: str | None = None) -> None:
        self.why = why
        self.file = file
        self.line = line
        self.field = field
        where = f"{file}, line {line}" + (f", field {field}" if field else "")
        super().__init__(f"{where}: {why}")

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (self.why, self.file, self.line, self.field))


def _rebuild(why: str, file: str, line: int, field: str | None) -> AmendmentError:
    return AmendmentError(why, file=file, line=line, field=field)


@attrs.frozen
class _Item:
    kind: str
    values: Mapping[str, Any]
    file: str
    line: int
    field_lines: Mapping[str, int]

    def fail(self, why: str, field: str | None = None) -> AmendmentError:
        return AmendmentError(why, file=self.file, line=self.field_lines.get(field or "", self.line), field=field)


def _read(source: str | os.PathLike[str] | Iterable[Mapping[str, Any]]) -> list[_Item]:
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as error:
            raise AmendmentError(f"cannot read the file: {error.strerror or error}", file=str(path), line=0) from None
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            line = int(str(error).rsplit("line ", 1)[-1].split(",")[0]) if "line " in str(error) else 0
            raise AmendmentError(f"not valid TOML: {error}", file=str(path), line=line) from None
        return _items_of_toml(data, text, str(path))
    items = []
    for index, row in enumerate(source):
        if not isinstance(row, Mapping) or not isinstance(row.get("type"), str):
            raise AmendmentError("each row must be a mapping with a 'type'", file="<rows>", line=index + 1)
        values = {k: v for k, v in row.items() if k != "type"}
        items.append(_Item(row["type"], values, "<rows>", index + 1, {}))
    return items


def _items_of_toml(data: dict[str, Any], text: str, file: str) -> list[_Item]:
    lines = text.splitlines()
    headers: dict[str, list[int]] = {}
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped.startswith("[[") and stripped.endswith("]]"):
            headers.setdefault(stripped[2:-2].strip(), []).append(number)
    items = []
    for kind, tables in data.items():
        if kind not in _FIELDS or not isinstance(tables, list):
            where = next((n for n, text_line in enumerate(lines, 1) if kind in text_line), 1)
            raise AmendmentError(
                f"unknown amendment {kind!r}: use [[event]], [[contest]], [[attribution]] or [[relation]]",
                file=file,
                line=where,
            )
        for index, values in enumerate(tables):
            start = headers[kind][index]
            following = [n for ns in headers.values() for n in ns if n > start]
            end = min(following, default=len(lines) + 1)
            field_lines: dict[str, int] = {}
            for number in range(start + 1, end):
                key = lines[number - 1].split("=", 1)[0].strip()
                if key:
                    field_lines.setdefault(key, number)
            items.append(_Item(kind, values, file, start, field_lines))
    items.sort(key=lambda item: item.line)
    return items


def amend(dataset: Dataset, source: str | os.PathLike[str] | Iterable[Mapping[str, Any]]) -> Dataset:
    """The dataset with the amendments applied (see the module's documentation)."""
    from ._records import DatasetDocument, NameEntry
    from .dataset import Dataset

    items = _read(source)
    relations = {r.id: r for r in dataset.relations}
    order = list(relations)
    names = list(dataset.names)
    for item in items:
        required, optional = _FIELDS[item.kind]
        for field in required:
            if field not in item.values or item.values[field] in ("", None):
                raise item.fail(f"missing {'citation' if field == 'source' else 'value'}", field)
        for field, value in item.values.items():
            if field not in required and field not in optional:
                raise item.fail(f"unknown field; use {', '.join((*required, *optional))}", field)
            if not isinstance(value, str):
                raise item.fail(f"expected text, not {type(value).__name__}", field)
        cited = Citation(text=item.values["source"], quote=item.values.get("quote", ""), outlet="user amendment")
        if item.kind == "relation":
            relation = _new_relation(dataset, item, cited, relations)
            relations[relation.id] = relation
            order.append(relation.id)
            names = [
                attrs.evolve(n, relation=relation.id) if n.relation is None and n.state == relation.id else n
                for n in names
            ]
            continue
        relation = relations[_relation_id(dataset, item, relations)]
        if item.kind == "event":
            relations[relation.id] = _with_event(relation, item, cited)
        elif item.kind == "contest":
            start = _date(item, "start")
            end = _date(item, "end") if "end" in item.values else None
            if end is not None and not start.earliest < end.earliest:
                raise item.fail("the contest must end after it starts", "end")
            contest = Contest(
                start=start, end=end, source="user amendment", reason=item.values["reason"], citations=(cited,)
            )
            relations[relation.id] = attrs.evolve(relation, contests=(*relation.contests, contest))
        else:
            attribution = attrs.evolve(
                relation.attribution,
                confidence=_confidence(item),
                evidence=item.values["evidence"],
                override=cited,
            )
            relations[relation.id] = attrs.evolve(relation, attribution=attribution)
    metadata = dataset.metadata
    if len(order) != metadata.relation_count:
        metadata = attrs.evolve(metadata, relation_count=len(order))
    document = DatasetDocument(
        schema_version=SCHEMA_VERSION,
        metadata=metadata,
        relations=tuple(relations[relation_id] for relation_id in order),
        names=tuple(n if isinstance(n, NameEntry) else NameEntry(**n._asdict()) for n in names),
        excluded_rows=dataset.excluded_rows,
        system_states=dataset.system_states,
    )
    return Dataset(document)


def _relation_id(dataset: Dataset, item: _Item, relations: Mapping[str, Relation]) -> str:
    country = item.values["country"]
    try:
        return dataset.relations_with(country).id
    except NoRelationError as error:
        if error.state is not None and error.state in relations:  # added by an earlier amendment of the file
            return error.state
        raise item.fail(str(error), "country") from None
    except (UnknownCountryError, AmbiguousCountryError) as error:
        raise item.fail(str(error), "country") from None


def _date(item: _Item, field: str) -> PartialDate:
    try:
        return PartialDate.fromisoformat(item.values[field])
    except InvalidDateError as error:
        raise item.fail(str(error), field) from None


def _confidence(item: _Item) -> Confidence:
    try:
        return Confidence(item.values.get("confidence", "high").strip().lower())
    except ValueError:
        raise item.fail("use high, medium or low", "confidence") from None


def _kind(item: _Item) -> EventKind:
    try:
        kind = EventKind(item.values["kind"].strip().lower())
    except ValueError:
        raise item.fail(f"use one of {', '.join(k.value for k in EventKind)}", "kind") from None
    if kind is EventKind.SUCCEEDED:
        raise item.fail("a succession needs a predecessor state, which amendments cannot give", "kind")
    return kind


def _with_event(relation: Relation, item: _Item, cited: Citation) -> Relation:
    date = _date(item, "date")
    kind = _kind(item)
    if any(e.kind is kind and e.date == date for e in relation.events):
        raise item.fail(f"relation {relation.id} already has this event ({kind.value} {date})", "date")
    try:
        state = relation.counterpart_on(date)
    except LookupError as error:
        raise item.fail(str(error), "date") from None
    event = Event(
        kind=kind, date=date, state=state, text=item.values["date"], citation=cited, confidence=_confidence(item)
    )
    events = tuple(sorted((*relation.events, event), key=lambda e: e.date.sort_key()))
    horizon = relation.horizon
    if horizon is not None and date.latest > horizon.latest:
        horizon = PartialDate.from_date(date.latest)
    try:
        return attrs.evolve(relation, events=events, horizon=horizon)
    except InvalidEventSequenceError as error:
        raise InvalidEventSequenceError(f"{item.file}, line {item.line}: {error}") from None


def _new_relation(dataset: Dataset, item: _Item, cited: Citation, relations: Mapping[str, Relation]) -> Relation:
    country = item.values["country"]
    try:
        found = dataset.relations_with(country)
    except NoRelationError as error:
        if error.state is None or error.state in relations or error.state == "PER":
            raise item.fail(f"{error.country}: not a state a relation can be added for", "country") from None
        state_id, name = error.state, error.country
    except (UnknownCountryError, AmbiguousCountryError) as error:
        raise item.fail(str(error), "country") from None
    else:
        raise item.fail(
            f"the data already has a relation with {found.counterpart.name}; amend it with [[event]]", "country"
        )
    try:
        region = Region(item.values["region"].strip().title())
    except ValueError:
        raise item.fail(f"use one of {', '.join(r.value for r in Region)}", "region") from None
    state = Counterpart(
        id=state_id,
        name=name,
        kind=CounterpartKind.SOVEREIGN_STATE,
        alpha3=state_id if len(state_id) == 3 else None,
    )
    date = _date(item, "date")
    kind = _kind(item)
    event = Event(
        kind=kind, date=date, state=state, text=item.values["date"], citation=cited, confidence=_confidence(item)
    )
    from .provenance import Attribution

    horizon = dataset.horizon if dataset.horizon.latest >= date.latest else PartialDate.from_date(date.latest)
    try:
        return Relation(
            id=state_id,
            counterpart=state,
            states=(state,),
            region=region,
            events=(event,),
            source=Source(region=region, row=0, cell=""),
            attribution=Attribution(
                country=name, confidence=_confidence(item), evidence="user amendment", override=cited
            ),
            horizon=horizon,
        )
    except InvalidEventSequenceError as error:
        raise InvalidEventSequenceError(f"{item.file}, line {item.line}: {error}") from None
