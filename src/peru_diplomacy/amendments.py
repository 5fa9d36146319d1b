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

    [[resolve]]               # a contested span of the data settled by your source
    country = "Italy"
    contest = "1942-01-01"    # the span's start, as `show` prints it
    end = "1946-03"           # optional: the span now ends here; without it the span is retired
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
and nothing is applied: :class:`~peru_diplomacy.AmendmentError` (a ``ValueError``), or
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

import bisect
import datetime
import os
import re
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import attrs

from ._format import SCHEMA_VERSION
from .counterparts import Counterpart
from .dates import PartialDate
from .errors import (
    AmbiguousCountryError,
    AmendmentError,
    InvalidDateError,
    InvalidEventSequenceError,
    NoRelationError,
    UnknownCountryError,
)
from .events import Event, EventKind
from .periods import Status
from .provenance import Attribution, Citation, Confidence, Contest, Region, Source
from .relation import Relation

if TYPE_CHECKING:
    from ._records import DatasetDocument, DatasetMetadata, ExcludedRow, NameEntry, SystemState


class Amendable(Protocol):
    """What amending reads of a dataset (a :class:`~peru_diplomacy.Dataset` is one): its records and lookups."""

    @property
    def relations(self) -> tuple[Relation, ...]: ...
    @property
    def names(self) -> tuple[NameEntry, ...]: ...
    @property
    def metadata(self) -> DatasetMetadata: ...
    @property
    def horizon(self) -> PartialDate: ...
    @property
    def excluded_rows(self) -> tuple[ExcludedRow, ...]: ...
    @property
    def system_states(self) -> tuple[SystemState, ...]: ...
    @property
    def states(self) -> tuple[Counterpart, ...]: ...
    def relations_with(self, country: str | int) -> Relation: ...


__all__ = ["AmendmentError", "amend"]

_FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "event": (("country", "kind", "date", "source"), ("quote", "confidence")),
    "contest": (("country", "start", "reason", "source"), ("end", "quote")),
    "attribution": (("country", "confidence", "evidence", "source"), ("quote",)),
    "relation": (("country", "region", "kind", "date", "source"), ("quote", "confidence")),
    "resolve": (("country", "contest", "source"), ("end", "quote")),
}


@attrs.frozen
class _Item:
    kind: str
    values: dict[str, Any]
    file: str
    line: int
    field_lines: Mapping[str, int]

    def fail(self, why: str, field: str | None = None) -> AmendmentError:
        return AmendmentError(why, file=self.file, line=self.field_lines.get(field or "", self.line), field=field)


def _read(source: str | os.PathLike[str] | Iterable[Mapping[str, Any]]) -> list[_Item]:
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        try:
            text = path.read_text(encoding="utf-8-sig")  # a byte-order mark, as some editors write, is no text
        except OSError as error:
            raise AmendmentError(f"cannot read the file: {error.strerror or error}", file=str(path), line=0) from None
        except UnicodeDecodeError as error:
            line = path.read_bytes()[: error.start].count(b"\n") + 1
            raise AmendmentError(
                f"the file is not UTF-8 text (byte {error.start + 1}); save it as UTF-8", file=str(path), line=line
            ) from None
        except ValueError as error:  # a NUL in the path
            raise AmendmentError(f"not a file name: {error}", file=repr(str(source)), line=0) from None
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            if "line " in str(error):
                line = int(str(error).rsplit("line ", 1)[-1].split(",")[0])
            else:  # "(at end of document)": the last line
                line = max(1, len(text.splitlines()))
            raise AmendmentError(f"not valid TOML: {error}", file=str(path), line=line) from None
        except RecursionError:  # hundreds of nested brackets
            raise AmendmentError("not valid TOML: nested too deeply", file=str(path), line=1) from None
        return _items_of_toml(data, text, str(path))
    items = []
    for index, row in enumerate(source):
        if not isinstance(row, Mapping) or not isinstance(row.get("type"), str):
            raise AmendmentError("each row must be a mapping with a 'type'", file="<rows>", line=index + 1)
        if row["type"] not in _FIELDS:
            raise AmendmentError(
                f"unknown type {row['type']!r}: use {', '.join(repr(known) for known in _FIELDS)}",
                file="<rows>",
                line=index + 1,
                field="type",
            )
        values = {k: v for k, v in row.items() if k != "type"}
        items.append(_Item(row["type"], values, "<rows>", index + 1, {}))
    return items


_HEADER = re.compile(r"""^\s*\[\[\s*(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_-]+))\s*\]\]\s*(?:#.*)?$""")
_TABLE = re.compile(r"^\s*\[")
_KEY = re.compile(r"""^\s*(?:"([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*[.=]""")


def _outside_strings(lines: list[str]) -> list[bool]:
    """For each line, whether it begins outside a multi-line string (where a header or a key can stand)."""
    out = []
    inside: str | None = None
    for line in lines:
        out.append(inside is None)
        rest = line
        while rest:
            if inside is None:
                starts = [(rest.find(q), q) for q in ('"""', "'''") if rest.find(q) >= 0]
                comment = rest.find("#")
                if not starts or (0 <= comment < min(at for at, _ in starts)):
                    break
                at, quote = min(starts)
                inside, rest = quote, rest[at + 3 :]
            else:
                at = rest.find(inside)
                if at < 0:
                    break
                inside, rest = None, rest[at + 3 :]
    return out


_DATE_FIELDS = frozenset({"date", "start", "end", "contest"})


def _items_of_toml(data: dict[str, Any], text: str, file: str) -> list[_Item]:
    """The amendments of a TOML document, each with the line of its table and of each of its fields.

    Tables may be written as ``[[event]]`` headers (a comment may follow) or as an inline array
    (``event = [{...}, {...}]``); then every item of the array is placed at the array's line.
    """
    lines = text.splitlines()
    outside = _outside_strings(lines)  # a "[[event]]" inside a multi-line string is text, not a header
    headers: dict[str, list[int]] = {}
    boundaries: list[int] = []  # every line that opens a table, in order
    for number, line in enumerate(lines, start=1):
        if outside[number - 1] and _TABLE.match(line):
            boundaries.append(number)
            header = _HEADER.match(line)
            if header:
                headers.setdefault(next(g for g in header.groups() if g is not None), []).append(number)
    items = []
    for kind, tables in data.items():
        assigned = re.compile(rf"^\s*{re.escape(kind)}\s*=")
        where = next((n for n, line in enumerate(lines, 1) if assigned.match(line)), 0) or next(
            (n for n, line in enumerate(lines, 1) if kind in line), 1
        )
        if kind not in _FIELDS:
            raise AmendmentError(
                f"unknown amendment {kind!r}: use {', '.join(f'[[{known}]]' for known in _FIELDS)}",
                file=file,
                line=headers.get(kind, [where])[0],
            )
        if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
            raise AmendmentError(
                f"{kind!r} must be tables, written [[{kind}]] with fields below it, not {type(tables).__name__}"
                + (
                    ""
                    if not isinstance(tables, list)
                    else " of " + ", ".join(sorted({type(t).__name__ for t in tables}))
                ),
                file=file,
                line=headers.get(kind, [where])[0],
            )
        starts = headers.get(kind, [])
        for index, values in enumerate(tables):
            if index >= len(starts):  # an inline array of tables: its line for every item
                items.append(_Item(kind, dict(values), file, where, {}))
                continue
            start = starts[index]
            after = bisect.bisect_right(boundaries, start)
            end = boundaries[after] if after < len(boundaries) else len(lines) + 1
            field_lines: dict[str, int] = {}
            for number in range(start + 1, end):
                key = _KEY.match(lines[number - 1]) if outside[number - 1] else None
                if key:  # a bare, quoted or dotted key: its first part names the field
                    field_lines.setdefault(next(g for g in key.groups() if g is not None), number)
            items.append(_Item(kind, dict(values), file, start, field_lines))
    items.sort(key=lambda item: item.line)
    return items


def _text_values(item: _Item) -> None:
    """Check the item's fields, and write TOML dates and integer years as the text the readers take."""
    required, optional = _FIELDS[item.kind]
    for field, value in list(item.values.items()):
        if field not in required and field not in optional:
            raise item.fail(f"unknown field; use {', '.join((*required, *optional))}", field)
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:  # a lone surrogate: no file could be written with it
                raise item.fail("the text is not valid Unicode (a lone surrogate)", field) from None
            if "\x00" in value:
                raise item.fail("the text holds a NUL character", field)
            continue
        if field in _DATE_FIELDS:
            if isinstance(value, datetime.datetime):
                value = value.date()
            if isinstance(value, datetime.date):
                item.values[field] = value.isoformat()
                continue
            if type(value) is int:
                item.values[field] = f"{value:04d}" if 1 <= value <= 9999 else str(value)
                continue
            raise item.fail(f"expected a date (text, a TOML date or a year), not {type(value).__name__}", field)
        raise item.fail(f"expected text, not {type(value).__name__}", field)
    for field in required:
        value = item.values.get(field)
        if value is None or not value.strip():
            raise item.fail(f"missing {'citation' if field == 'source' else 'value'}", field)


@attrs.define
class _Changes:
    """What the amendments add to one relation, applied at once (so that n amendments cost about n)."""

    contests: list[Contest]
    events: list[tuple[_Item, Event]] = attrs.field(factory=list)
    attribution: Attribution | None = None
    remarks: list[str] = attrs.field(factory=list)


def amend(dataset: Amendable, source: str | os.PathLike[str] | Iterable[Mapping[str, Any]]) -> DatasetDocument:
    """The document of ``dataset`` with the amendments applied (see the module's documentation).

    A pure function of the dataset's records and the amendments: ``Dataset.amended`` makes the new
    document a dataset (and checks it).
    """
    from ._records import DatasetDocument

    items = _read(source)
    relations = {r.id: r for r in dataset.relations}
    order = list(relations)
    names = list(dataset.names)
    added: dict[str, str] = {}
    changes: dict[str, _Changes] = {}
    seen: dict[str, set[tuple[EventKind, PartialDate]]] = {}
    for item in items:
        _text_values(item)
        cited = Citation(text=item.values["source"], quote=item.values.get("quote", ""), outlet="user amendment")
        if item.kind == "relation":
            relation = _new_relation(dataset, item, cited, relations)
            relations[relation.id] = relation
            order.append(relation.id)
            added[relation.id] = relation.id
            continue
        relation = relations[_relation_id(dataset, item, relations)]
        if relation.id not in changes:
            changes[relation.id] = _Changes(contests=list(relation.contests))
        change = changes[relation.id]
        if item.kind == "event":
            known = seen.setdefault(relation.id, {(e.kind, e.date) for e in relation.events})
            event = _event(relation, item, cited, known)
            change.events.append((item, event))
        elif item.kind == "contest":
            start = _date(item, "start")
            end = _date(item, "end") if "end" in item.values else None
            if end is not None and not start.earliest < end.earliest:
                raise item.fail("the contest must end after it starts", "end")
            change.contests.append(
                Contest(start=start, end=end, source="user amendment", reason=item.values["reason"], citations=(cited,))
            )
        elif item.kind == "resolve":
            _resolve(relation, item, change)
        else:
            if change.attribution is not None:
                raise item.fail(
                    f"a second [[attribution]] for {relation.id}: give one, with all its evidence", "country"
                )
            change.attribution = attrs.evolve(
                change.attribution or relation.attribution,
                confidence=_confidence(item),
                evidence=item.values["evidence"],
                override=cited,
            )
    for relation_id, change in changes.items():
        relations[relation_id] = _applied(relations[relation_id], change)
    if added:
        names = [
            attrs.evolve(n, relation=added[n.state]) if n.relation is None and n.state in added else n for n in names
        ]
    # The digest is of a written file: this dataset gets its own when it is written (Dataset.to_json).
    version = dataset.metadata.data_version
    if items and not version.endswith("+amended"):
        version += "+amended"
    metadata = attrs.evolve(dataset.metadata, relation_count=len(order), digest="", data_version=version)
    return DatasetDocument(
        schema_version=SCHEMA_VERSION,
        metadata=metadata,
        states=dataset.states,
        relations=tuple(relations[relation_id] for relation_id in order),
        names=tuple(names),
        excluded_rows=dataset.excluded_rows,
        system_states=dataset.system_states,
    )


def _resolve(relation: Relation, item: _Item, change: _Changes) -> None:
    """Retire a contested span of the data, or end it earlier, on the strength of a cited source."""
    start = _date(item, "contest")
    contests = change.contests
    matching = [c for c in contests if c.start == start]
    if not matching:
        starts = ", ".join(str(c.start) for c in contests) or "none"
        raise item.fail(f"{relation.id} has no contested span starting {start} (its spans start: {starts})", "contest")
    end = _date(item, "end") if "end" in item.values else None
    if end is not None and not start.earliest < end.earliest:
        raise item.fail("the contested span must still end after it starts", "end")
    for contest in matching:
        if end is not None and contest.end is not None and end.latest_ordinal >= contest.end.earliest_ordinal:
            raise item.fail(
                f"a resolution ends a contested span earlier; this one ends {contest.end}, not after {end}", "end"
            )
    source, text = item.values["source"], item.values.get("quote", "")
    kept = []
    for contest in contests:
        if contest not in matching:
            kept.append(contest)
        elif end is not None:
            cited = Citation(text=source, quote=text, outlet="user amendment")
            kept.append(attrs.evolve(contest, end=end, citations=(*contest.citations, cited)))
    change.contests[:] = kept
    what = "retired" if end is None else f"ended at {end}"
    for contest in matching:
        change.remarks.append(
            f"The span contested from {contest.start} by {contest.source} was {what} by an amendment: {source}"
        )


def _applied(relation: Relation, change: _Changes) -> Relation:
    """The relation with all its amendments: its events merged in date order, built and checked once."""
    events = tuple(sorted((*relation.events, *(e for _, e in change.events)), key=lambda e: e.date.sort_key()))
    horizon = relation.horizon
    for _, event in change.events:
        if horizon is not None and event.date.latest > horizon.latest:
            horizon = PartialDate.from_date(event.date.latest)
    try:
        return attrs.evolve(
            relation,
            events=events,
            horizon=horizon,
            contests=tuple(change.contests),
            attribution=change.attribution or relation.attribution,
            remarks=(*relation.remarks, *change.remarks),
        )
    except InvalidEventSequenceError as error:
        item = _culprit(error, events, change.events)
        raise InvalidEventSequenceError(f"{item.file}, line {item.line}: {error}") from None


def _culprit(error: InvalidEventSequenceError, events: tuple[Event, ...], new: list[tuple[_Item, Event]]) -> _Item:
    """The amendment that made a history incoherent: the failing event's, or the latest added before it."""
    lines = {id(event): item for item, event in new}
    index = error.index if error.index is not None else len(events) - 1
    for event in reversed(events[: index + 1]):
        if id(event) in lines:
            return lines[id(event)]
    return min((item for item, _ in new), key=lambda item: item.line)


def _relation_id(dataset: Amendable, item: _Item, relations: Mapping[str, Relation]) -> str:
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


def _event(relation: Relation, item: _Item, cited: Citation, known: set[tuple[EventKind, PartialDate]]) -> Event:
    date = _date(item, "date")
    kind = _kind(item)
    if (kind, date) in known:
        raise item.fail(f"relation {relation.id} already has this event ({kind.value} {date})", "date")
    known.add((kind, date))
    try:
        state = relation.counterpart_on(date)
    except LookupError as error:
        raise item.fail(str(error), "date") from None
    return Event(
        kind=kind, date=date, state=state, text=item.values["date"], citation=cited, confidence=_confidence(item)
    )


def _new_relation(dataset: Amendable, item: _Item, cited: Citation, relations: Mapping[str, Relation]) -> Relation:
    country = item.values["country"]
    try:
        found = dataset.relations_with(country)
    except NoRelationError as error:
        if error.state is None or error.state in relations or error.state == dataset.metadata.subject.id:
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
    # The state as the table knows it: its codes, memberships, lifetime and regions come with it.
    state = next((s for s in dataset.states if s.id == state_id), None)
    if state is None:
        raise item.fail(f"{name} ({state_id}) is not in the dataset's table of states", "country")
    date = _date(item, "date")
    if state.exists_on(date) is Status.INACTIVE:
        raise item.fail(f"{state.name} did not exist on {date} ({state.lifetime_text})", "date")
    kind = _kind(item)
    event = Event(
        kind=kind, date=date, state=state, text=item.values["date"], citation=cited, confidence=_confidence(item)
    )
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
