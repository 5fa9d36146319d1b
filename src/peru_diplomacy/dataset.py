"""The dataset: its file format, loading, and the questions you can ask it.

The packaged dataset is read through importlib-resources on first use, once,
under a lock. You can also load your own file of the same schema:

>>> from peru_diplomacy import Dataset, packaged_dataset
>>> data = packaged_dataset()
>>> len(data.relations), data.metadata.source_row_count
(189, 188)
>>> same = Dataset.from_json(data.to_json())
>>> same.relations == data.relations
True
"""

from __future__ import annotations

import json
import os
import sys
import threading
from collections.abc import Iterable
from typing import Any

import attrs

from .counterparts import Counterpart
from .dates import DateLike, PartialDate, to_partial_date
from .errors import DatasetError
from .events import Event, EventKind
from .identity import CountryIndex, NameEntry, NameKind, RawName
from .periods import Status, check_range
from .provenance import Region
from .relation import Relation

__all__ = [
    "SCHEMA_VERSION",
    "Dataset",
    "DatasetDocument",
    "DatasetMetadata",
    "ExcludedRow",
    "Succession",
    "TimelineEntry",
    "packaged_dataset",
]

SCHEMA_VERSION = 1
"""The version of the dataset file format this release reads and writes."""

_RESOURCE = ("data", "relations.json")
_NAME_KINDS = frozenset(kind.value for kind in NameKind)


@attrs.frozen(kw_only=True)
class DatasetMetadata:
    """What the data is and where it comes from.

    >>> meta = packaged_dataset().metadata
    >>> meta.source_title, meta.source_revision, meta.licence, meta.relation_count
    ('Foreign relations of Peru', '2023-05', 'CC-BY-SA-4.0', 189)
    """

    title: str
    source_title: str
    source_url: str
    source_revision: str
    licence: str
    attribution: str
    relation_count: int
    source_row_count: int


@attrs.frozen(kw_only=True)
class ExcludedRow:
    """A row start in the source that is not a country row, and why.

    >>> (row,) = packaged_dataset().excluded_rows
    >>> row.region.value, row.row, row.reason
    ('Asia', 9, 'map caption inside row 8, not a country')
    """

    region: Region
    row: int
    text: str
    reason: str


@attrs.frozen(kw_only=True)
class DatasetDocument:
    """The whole dataset file, as cattrs structures it.

    >>> document = packaged_dataset().document
    >>> document.schema_version, len(document.relations), len(document.names) > 1000
    (1, 189, True)
    """

    schema_version: int
    metadata: DatasetMetadata
    relations: tuple[Relation, ...]
    names: tuple[NameEntry, ...]
    excluded_rows: tuple[ExcludedRow, ...] = ()


@attrs.frozen(kw_only=True)
class TimelineEntry:
    """One event of the timeline, with the relation it belongs to.

    >>> first = packaged_dataset().timeline()[0]
    >>> str(first.event.date), first.event.kind.value, first.relation.counterpart.name
    ('1822-06-06', 'established', 'Colombia')
    """

    relation: Relation
    event: Event


@attrs.frozen(kw_only=True)
class Succession:
    """A state taking over from, or merging into, another: ``kind`` is the event's kind.

    >>> s = packaged_dataset().successions()[-1]
    >>> s.predecessor.name, s.successor.name, str(s.date), s.kind.value, s.relation
    ('Czechoslovakia', 'Czech Republic', '1993-01-02', 'succeeded', 'CZE')
    """

    predecessor: Counterpart
    successor: Counterpart
    date: PartialDate
    kind: EventKind
    relation: str


class Dataset:
    """A loaded, checked dataset and its queries.

    Every answer is an immutable record or a tuple of them. A dataset read
    with ``lazy=True`` (as the packaged one is) structures each relation on
    first use, under a lock, so that a first lookup stays fast.

    >>> data = packaged_dataset()
    >>> data.relations_with("Chile").counterpart.name, len(data.by_region("Africa"))
    ('Chile', 44)
    """

    __slots__ = (
        "_all",
        "_by_id",
        "_by_region",
        "_cache",
        "_document_parts",
        "_index",
        "_lock",
        "_raw",
        "_records",
    )

    def __init__(self, document: DatasetDocument) -> None:
        self._setup(document.schema_version, document.metadata, document.names, document.excluded_rows)
        self._raw: list[dict[str, Any]] | None = None
        for position, relation in enumerate(document.relations):
            _check_relation(relation, f"relation {position + 1} ({relation.id})")
        self._records: list[Relation | None] = list(document.relations)
        ids = [r.id for r in document.relations]
        self._index_relations(ids, [[s.id for s in r.states] for r in document.relations])
        self._materialize()

    def _setup(
        self,
        schema_version: int,
        metadata: DatasetMetadata,
        names: tuple[NameEntry, ...] | tuple[RawName, ...],
        excluded_rows: tuple[ExcludedRow, ...],
    ) -> None:
        if schema_version != SCHEMA_VERSION:
            raise DatasetError(
                f"unknown dataset schema version {schema_version!r}; "
                f"this release of peru-diplomacy reads version {SCHEMA_VERSION}"
            )
        self._document_parts: tuple[
            DatasetMetadata, tuple[NameEntry, ...] | tuple[RawName, ...], tuple[ExcludedRow, ...]
        ]
        self._document_parts = (metadata, names, excluded_rows)
        self._lock = threading.RLock()
        self._cache: dict[object, Relation] = {}
        self._all: tuple[Relation, ...] | None = None
        self._by_region: dict[Region, tuple[Relation, ...]] = {}

    def _index_relations(self, ids: list[str], states: list[list[str]]) -> None:
        metadata, names, _ = self._document_parts
        if len(ids) != metadata.relation_count:
            raise DatasetError(
                f"the dataset declares {metadata.relation_count} relations but holds "
                f"{len(ids)}: it is truncated or was edited by hand"
            )
        self._by_id: dict[str, int] = {}
        for position, relation_id in enumerate(ids):
            if relation_id in self._by_id:
                raise DatasetError(f"relation id {relation_id!r} appears twice")
            self._by_id[relation_id] = position
        known_states = {state_id for state_ids in states for state_id in state_ids}
        for entry in names:
            if entry.relation is not None and entry.relation not in self._by_id:
                raise DatasetError(f"the name {entry.label!r} points to unknown relation {entry.relation!r}")
            if entry.relation is not None and entry.state is not None and entry.state not in known_states:
                raise DatasetError(f"the name {entry.label!r} points to unknown state {entry.state!r}")
        self._index = CountryIndex(names)

    @classmethod
    def from_json(cls, data: str | bytes, *, lazy: bool = False) -> Dataset:
        """Load a dataset from JSON text of this schema.

        Raises :class:`~peru_diplomacy.DatasetError` naming the problem
        when the text is not JSON, is truncated, or does not fit the schema.
        With ``lazy=True`` each relation is structured (and checked) on first
        use instead of at once.

        >>> Dataset.from_json('{"schema_version": 99}')
        Traceback (most recent call last):
        ...
        peru_diplomacy.errors.DatasetError: unknown dataset schema version 99; this release ... reads version 1
        """
        try:
            raw = json.loads(data)
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise DatasetError(f"the dataset is not valid JSON (is it truncated?): {error}") from None
        if not isinstance(raw, dict):
            raise DatasetError(f"the dataset must be a JSON object, not {type(raw).__name__}")
        version = raw.get("schema_version")
        if version != SCHEMA_VERSION:
            raise DatasetError(
                f"unknown dataset schema version {version!r}; "
                f"this release of peru-diplomacy reads version {SCHEMA_VERSION}"
            )
        expected = {"schema_version", "metadata", "relations", "names", "excluded_rows"}
        if set(raw) != expected:
            raise DatasetError(f"the dataset's top-level keys must be {sorted(expected)}, not {sorted(raw)}")
        relations = raw["relations"]
        if not isinstance(relations, list) or not all(isinstance(r, dict) for r in relations):
            raise DatasetError("the dataset's 'relations' must be a list of objects")
        try:
            metadata = DatasetMetadata(**raw["metadata"])
            names = tuple(RawName(e["key"], e["label"], e["kind"], e["relation"], e["state"]) for e in raw["names"])
            if any(len(e) != 5 for e in raw["names"]) or any(n.kind not in _NAME_KINDS for n in names):
                raise ValueError("a name entry has unknown keys or an unknown kind")
            excluded = tuple(
                ExcludedRow(region=Region(e["region"]), row=e["row"], text=e["text"], reason=e["reason"])
                for e in raw["excluded_rows"]
            )
            ids = [r["id"] for r in relations]
            states = [[s["id"] for s in r["states"]] for r in relations]
        except (TypeError, ValueError, KeyError) as error:
            raise DatasetError(f"the dataset does not fit schema version {SCHEMA_VERSION}: {error!r}") from None
        self = cls.__new__(cls)
        self._setup(version, metadata, names, excluded)
        self._raw = relations
        self._records = [None] * len(relations)
        self._index_relations(ids, states)
        if not lazy:
            self._materialize()
        return self

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> Dataset:
        """Load a dataset from a JSON file of this schema (see :meth:`from_json`)."""
        with open(path, "rb") as handle:
            return cls.from_json(handle.read())

    @property
    def document(self) -> DatasetDocument:
        """The whole dataset as one record (every relation structured)."""
        return DatasetDocument(
            schema_version=SCHEMA_VERSION,
            metadata=self.metadata,
            relations=self.relations,
            names=self.names,
            excluded_rows=self.excluded_rows,
        )

    def to_json(self, *, indent: int | None = None) -> str:
        """The dataset as JSON text of this schema (what :meth:`from_json` reads)."""
        from .serialization import converter

        return json.dumps(converter.unstructure(self.document), ensure_ascii=False, indent=indent)

    def _relation_at(self, position: int) -> Relation:
        record = self._records[position]
        if record is not None:
            return record
        with self._lock:
            record = self._records[position]
            if record is None:
                assert self._raw is not None
                record = _structure_relation(self._raw[position], position)
                self._records[position] = record
        return record

    def _materialize(self) -> tuple[Relation, ...]:
        if self._all is not None:
            return self._all
        with self._lock:
            if self._all is None:
                relations = tuple(self._relation_at(i) for i in range(len(self._records)))
                _check_dataset(relations)
                self._by_region = {region: tuple(r for r in relations if r.region is region) for region in Region}
                self._all = relations
        return self._all

    # -- what is in it ------------------------------------------------------------------

    @property
    def metadata(self) -> DatasetMetadata:
        """Title, source, revision and licence of the data."""
        return self._document_parts[0]

    @property
    def relations(self) -> tuple[Relation, ...]:
        """Every relation, in the source's order (region by region, row by row)."""
        return self._all if self._all is not None else self._materialize()

    @property
    def excluded_rows(self) -> tuple[ExcludedRow, ...]:
        """Row starts in the source that are not country rows (Asia 9, a map caption)."""
        return self._document_parts[2]

    @property
    def names(self) -> tuple[NameEntry, ...]:
        """Every name and code the lookups understand."""
        metadata, names, excluded = self._document_parts
        if names and isinstance(names[0], RawName):
            with self._lock:
                records = tuple(
                    n if isinstance(n, NameEntry) else NameEntry(**n._asdict()) for n in self._document_parts[1]
                )
                self._document_parts = (metadata, records, excluded)
        return self._document_parts[1]  # type: ignore[return-value]

    def relations_with(self, country: str | int) -> Relation:
        """The relation with ``country``: a name (English or Spanish), alias or ISO code.

        >>> packaged_dataset().relations_with("CZE").counterpart.name
        'Czech Republic'
        """
        if type(country) is str or type(country) is int:
            found = self._cache.get(country)
            if found is not None:
                return found
        relation = self._relation_at(self._by_id[self._index.resolve(country)])
        if len(self._cache) < 10_000:
            self._cache[country] = relation
        return relation

    def get(self, relation_id: str) -> Relation | None:
        """The relation with this id (``"CHL"``, ``"DDDE"``), or ``None``."""
        position = self._by_id.get(relation_id)
        return None if position is None else self._relation_at(position)

    def by_region(self, region: Region | str) -> tuple[Relation, ...]:
        """The relations of one of the source's five tables.

        >>> len(packaged_dataset().by_region("Oceania"))
        16
        """
        wanted = _region(region)
        self._materialize()
        return self._by_region[wanted]

    # -- questions in time --------------------------------------------------------------

    def status_on(self, when: DateLike) -> dict[str, Status]:
        """Every relation's status on ``when``, by relation id."""
        day = to_partial_date(when)
        return {r.id: r.status_on(day) for r in self.relations}

    def active_on(self, when: DateLike) -> tuple[Relation, ...]:
        """The relations that certainly stood on ``when``.

        >>> len(packaged_dataset().active_on("1900-01-01"))
        29
        """
        return self._with_status(when, Status.ACTIVE)

    def inactive_on(self, when: DateLike) -> tuple[Relation, ...]:
        """The relations that certainly did not stand on ``when``."""
        return self._with_status(when, Status.INACTIVE)

    def uncertain_on(self, when: DateLike) -> tuple[Relation, ...]:
        """The relations whose status on ``when`` the source's precision cannot settle.

        A relation whose date cell is empty is uncertain on every date.
        """
        return self._with_status(when, Status.UNCERTAIN)

    def _with_status(self, when: DateLike, status: Status) -> tuple[Relation, ...]:
        day = to_partial_date(when)
        undated = status is Status.UNCERTAIN  # the answer for a relation the source gives no date for
        if day.day is not None:  # one ordinal for all: the common case, kept fast
            ordinal = day.earliest.toordinal()
            return tuple(
                r for r in self.relations if (r._timeline.status_at(ordinal) is status if r.events else undated)
            )
        return tuple(r for r in self.relations if (r._timeline.on(day) is status if r.events else undated))

    def established_between(self, first: DateLike, last: DateLike) -> tuple[Relation, ...]:
        """Relations with an establishment dated wholly within ``first``..``last`` (inclusive).

        A date given only as a year counts when the whole year lies in the range.

        >>> [r.counterpart.name for r in packaged_dataset().established_between("2017", "2017")]
        ['Benin', 'Rwanda', 'Togo', 'Cook Islands']
        """
        start, end = to_partial_date(first), to_partial_date(last)
        check_range(start, end)
        low, high = start.earliest, end.latest
        return tuple(
            r
            for r in self.relations
            if any(
                e.kind is EventKind.ESTABLISHED and low <= e.date.earliest and e.date.latest <= high for e in r.events
            )
        )

    def timeline(
        self,
        *,
        kinds: Iterable[EventKind | str] | None = None,
        region: Region | str | None = None,
        first: DateLike | None = None,
        last: DateLike | None = None,
    ) -> tuple[TimelineEntry, ...]:
        """Every event, sorted by date, optionally filtered by kind, region and dates.

        With ``first`` or ``last``, an event counts when its date lies wholly in the range.

        >>> [str(t.event.date) for t in packaged_dataset().timeline(kinds=["broken"], first="1942", last="1942")]
        ['1942-01-24', '1942-03-05']
        """
        wanted = None if kinds is None else frozenset(EventKind(k) for k in kinds)
        relations = self.relations if region is None else self.by_region(region)
        low = None if first is None else to_partial_date(first).earliest
        high = None if last is None else to_partial_date(last).latest
        entries = [
            TimelineEntry(relation=r, event=e)
            for r in relations
            for e in r.events
            if (wanted is None or e.kind in wanted)
            and (low is None or low <= e.date.earliest)
            and (high is None or e.date.latest <= high)
        ]
        entries.sort(key=lambda t: t.event.date.sort_key())
        return tuple(entries)

    def ever_broken(self) -> tuple[Relation, ...]:
        """Relations that were broken at least once.

        >>> [r.counterpart.name for r in packaged_dataset().ever_broken()][:3]
        ['Sahrawi Arab Democratic Republic', 'Cuba', 'Taiwan']
        """
        return tuple(r for r in self.relations if any(e.kind is EventKind.BROKEN for e in r.events))

    def successions(self) -> tuple[Succession, ...]:
        """Every change of state the data records, in date order.

        >>> [(s.predecessor.name, s.successor.name) for s in packaged_dataset().successions()]
        [('German Democratic Republic', 'Germany'), ('Soviet Union', 'Russia'), ('Czechoslovakia', 'Czech Republic')]
        """
        found = []
        for relation in self.relations:
            for event in relation.events:
                if event.kind is EventKind.SUCCEEDED and event.predecessor is not None:
                    pair = (event.predecessor, event.state)
                elif event.kind is EventKind.ENDED and event.successor is not None:
                    pair = (event.state, event.successor)
                else:
                    continue
                found.append(
                    Succession(
                        predecessor=pair[0], successor=pair[1], date=event.date, kind=event.kind, relation=relation.id
                    )
                )
        found.sort(key=lambda s: s.date.sort_key())
        return tuple(found)

    def successors_of(self, country: str | int) -> tuple[Counterpart, ...]:
        """The states that took over from the state ``country`` names, transitively.

        >>> [c.name for c in packaged_dataset().successors_of("Czechoslovakia")]
        ['Czech Republic']
        """
        return self._follow(self._state_named(country), forward=True)

    def predecessors_of(self, country: str | int) -> tuple[Counterpart, ...]:
        """The states the state ``country`` names took over from, transitively.

        >>> [c.name for c in packaged_dataset().predecessors_of("Germany")]
        ['German Democratic Republic']
        """
        return self._follow(self._state_named(country), forward=False)

    def _state_named(self, country: str | int) -> Counterpart:
        relation = self.relations_with(country)
        state_id = self._index.state_of(country, relation.id)
        for state in relation.states:
            if state.id == state_id:
                return state
        return relation.counterpart

    def _follow(self, start: Counterpart, *, forward: bool) -> tuple[Counterpart, ...]:
        links = [(s.predecessor, s.successor) if forward else (s.successor, s.predecessor) for s in self.successions()]
        found: list[Counterpart] = []
        frontier = [start]
        while frontier:
            state = frontier.pop()
            for origin, target in links:
                if origin == state and target != start and target not in found:
                    found.append(target)
                    frontier.append(target)
        return tuple(found)


def _region(region: Region | str) -> Region:
    if isinstance(region, Region):
        return region
    if isinstance(region, str):
        for member in Region:
            if member.value.casefold() == region.strip().casefold():
                return member
        raise ValueError(f"unknown region {region!r}: use one of {', '.join(r.value for r in Region)}")
    raise TypeError(f"a region is a Region or its name, not {type(region).__name__}")


def _structure_relation(raw: dict[str, Any], position: int) -> Relation:
    from cattrs import BaseValidationError

    from .serialization import converter, describe_errors

    where = f"relation {position + 1} ({raw.get('id', '?')!s})"
    try:
        relation = converter.structure(raw, Relation)
    except BaseValidationError as error:
        problems = "; ".join(describe_errors(error, "relation")[:5])
        raise DatasetError(f"{where} does not fit schema version {SCHEMA_VERSION}: {problems}") from None
    except (ValueError, TypeError) as error:
        raise DatasetError(f"{where}: {error}") from None
    _check_relation(relation, where)
    return relation


def _check_relation(relation: Relation, where: str) -> None:
    if not relation.states or relation.counterpart != relation.states[-1]:
        raise DatasetError(f"{where}: its counterpart must be the last of its states")
    if len({s.id for s in relation.states}) != len(relation.states):
        raise DatasetError(f"{where}: a state appears twice in its lineage")
    order = list(dict.fromkeys(e.state.id for e in relation.events))
    if relation.events and order != [s.id for s in relation.states]:
        raise DatasetError(f"{where}: its states must be those its events concern, in order ({', '.join(order)})")


def _check_dataset(relations: tuple[Relation, ...]) -> None:
    states: dict[str, Counterpart] = {}
    for relation in relations:
        for state in relation.states:
            if states.setdefault(state.id, state) != state:
                raise DatasetError(f"state {state.id!r} is described differently in two places")
    for relation in relations:
        for event in relation.events:
            for other in (event.predecessor, event.successor):
                if other is not None and states.get(other.id) != other:
                    raise DatasetError(
                        f"relation {relation.id}: the succession names {other.name} ({other.id}), "
                        "which is not a state of any relation"
                    )


_packaged: Dataset | None = None
_packaged_lock = threading.Lock()


def packaged_dataset() -> Dataset:
    """The dataset shipped in the package, loaded on first call, once, thread-safely.

    >>> packaged_dataset() is packaged_dataset()
    True
    """
    global _packaged
    if _packaged is None:
        with _packaged_lock:
            if _packaged is None:
                _packaged = Dataset.from_json(_read_resource(), lazy=True)
    return _packaged


def _read_resource() -> bytes:
    if sys.version_info >= (3, 12):
        from importlib.resources import files
    else:
        from importlib_resources import files
    resource = files(__package__)
    for part in _RESOURCE:
        resource = resource.joinpath(part)
    try:
        return resource.read_bytes()
    except OSError as error:
        raise DatasetError(f"the packaged dataset {'/'.join(_RESOURCE)} cannot be read: {error}") from None
