"""The store under a dataset: its bytes, the records read from them, and the damage latch.

A :class:`Store` owns everything about *having* the data: the file's bytes,
the lookup of one relation's line (and of the few states it names), the
names' pre-index that answers a first lookup without the full index, the
lazy, once-only, thread-safe decoding and checking of the rest, and the latch
that makes a damaged dataset refuse every later question. The questions are
:class:`~peru_diplomacy.Dataset`'s; the file format (:mod:`._format`) and the
layout (:mod:`._loading`) are their own modules.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ._format import SCHEMA_VERSION, Context, json_kind, located_error, read, read_many
from ._loading import (
    PACKED_HEAD,
    check_digest,
    decode,
    json_text,
    packed_line,
    packed_names,
    packed_section,
    split_packed,
    version_message,
)
from ._loading import relation_id as read_relation_id
from .counterparts import Counterpart
from .errors import DatasetError
from .identity import CountryIndex, normalize_query
from .relation import Relation

if TYPE_CHECKING:
    from ._records import DatasetDocument, DatasetMetadata, ExcludedRow, NameEntry, SystemState

__all__ = ["Store"]


class Store:
    """A dataset file's records, read on first need, once, under a lock, and checked.

    >>> from peru_diplomacy._loading import read_resource
    >>> from peru_diplomacy._store import Store
    >>> store = Store.from_bytes(read_resource(), lazy=True, digest_required=True)
    >>> store.relation("CHL").counterpart.name, store.decoded
    ('Chile', False)
    """

    __slots__ = (
        "_all",
        "_broken",
        "_by_id",
        "_excluded",
        "_index",
        "_lock",
        "_metadata",
        "_metadata_raw",
        "_names",
        "_packed",
        "_raw",
        "_records",
        "_sections",
        "_states",
        "_states_complete",
        "_system_states",
    )

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._all: tuple[Relation, ...] | None = None
        self._by_id: dict[str, int] | None = None
        self._index: CountryIndex | None = None
        self._packed: bytes | None = None
        self._raw: dict[str, Any] | None = None
        self._records: dict[str, Relation] = {}
        self._metadata: DatasetMetadata | None = None
        self._metadata_raw: dict[str, Any] | None = None
        self._names: tuple[NameEntry, ...] | None = None
        self._states: dict[str, Counterpart] = {}
        self._states_complete = False
        self._sections: dict[str, tuple[int, int]] = {}
        self._excluded: tuple[ExcludedRow, ...] = ()
        self._system_states: tuple[SystemState, ...] = ()
        self._broken: DatasetError | None = None

    # -- making one ---------------------------------------------------------------------

    @classmethod
    def from_document(cls, document: DatasetDocument) -> Store:
        """A store of records already made (checked as a file's would be)."""
        self = cls()
        if document.schema_version != SCHEMA_VERSION:
            raise DatasetError(version_message(document.schema_version))
        self._states = _states_table(document.states)
        self._states_complete = True
        _check_state_references(document)
        for position, relation in enumerate(document.relations):
            check_relation(relation, f"relations[{position}] ({relation.id})")
        self._metadata = document.metadata
        self._names = document.names
        self._excluded = document.excluded_rows
        self._system_states = document.system_states
        self._records = {r.id: r for r in document.relations}
        self._finish([r.id for r in document.relations], list(document.relations))
        return self

    @classmethod
    def from_bytes(cls, data: str | bytes, *, lazy: bool, digest_required: bool) -> Store:
        """A store of a file's text; with ``lazy``, the packed layout is decoded line by line as needed."""
        self = cls()
        packed = data.startswith(PACKED_HEAD) if isinstance(data, bytes) else data.startswith(PACKED_HEAD.decode())
        if packed:
            check_digest(data, None, required=digest_required)
            if lazy and isinstance(data, bytes):
                self._packed = data
                return self
        self._raw = decode(data)
        if not packed:
            check_digest(data, self._raw, required=digest_required)
        self._load_raw(lazy=lazy)
        return self

    def _load_raw(self, *, lazy: bool) -> None:
        from ._records import DatasetMetadata, ExcludedRow, NameEntry, SystemState

        raw = self._raw
        assert raw is not None
        self._states = _states_table(read_many(Counterpart, raw["states"], "states"))
        self._states_complete = True
        self._metadata_raw = raw["metadata"]
        self._metadata = read(DatasetMetadata, raw["metadata"], "metadata", self._context())
        self._names = read_many(NameEntry, raw["names"], "names")
        self._excluded = read_many(ExcludedRow, raw["excluded_rows"], "excluded_rows")
        self._system_states = read_many(SystemState, raw["system_states"], "system_states")
        relations = raw["relations"]
        if not isinstance(relations, list):
            raise DatasetError(f"relations: expected a list, not {json_kind(relations)}")
        ids = [read_relation_id(r, f"relations[{i}]") for i, r in enumerate(relations)]
        self._finish(ids, None)
        if not lazy:
            self.relations()

    def _finish(self, ids: list[str], relations: list[Relation] | None) -> None:
        """Check the whole dataset and index it (with ``relations``, every one is built)."""
        metadata = self.metadata
        if len(ids) != metadata.relation_count:
            raise DatasetError(
                f"the dataset declares {metadata.relation_count} relations but holds "
                f"{len(ids)}: it is truncated or was edited by hand"
            )
        by_id: dict[str, int] = {}
        for position, relation_id in enumerate(ids):
            if relation_id in by_id:
                raise DatasetError(f"relations[{position}]: relation id {relation_id!r} appears twice")
            by_id[relation_id] = position
        assert self._names is not None
        self._index = CountryIndex(self._names, subject=metadata.subject.id)
        self._by_id = by_id
        if relations is not None:
            self._settle(tuple(relations))

    def _settle(self, relations: tuple[Relation, ...]) -> None:
        """The checks that need every relation: names point where they may, the horizon covers the table."""
        assert self._names is not None
        for position, entry in enumerate(self._names):
            if entry.relation is not None and entry.relation not in self._records:
                raise DatasetError(f"names[{position}]: {entry.label!r} points to unknown relation {entry.relation!r}")
            if entry.state is not None and entry.state not in self._states:
                raise DatasetError(f"names[{position}].state: {entry.label!r} points to unknown state {entry.state!r}")
            if entry.relation is not None and entry.state not in {s.id for s in self._records[entry.relation].states}:
                raise DatasetError(
                    f"names[{position}].state: {entry.label!r} names {entry.state!r}, "
                    f"not a state of relation {entry.relation}"
                )
        horizon = self.metadata.horizon
        for position, relation in enumerate(relations):
            for index, event in enumerate(relation.events):
                if relation.source.row and event.from_table and event.date.definitely_after(horizon):
                    raise DatasetError(
                        f"metadata.horizon: {horizon} lies before the table's event relations[{position}]"
                        f".events[{index}] ({relation.id}, {event.date}); the horizon must cover the table"
                    )
        self._all = relations

    # -- the latch ----------------------------------------------------------------------

    @property
    def broken(self) -> DatasetError | None:
        """The first damage found, or ``None``."""
        return self._broken

    def refuse_if_broken(self) -> None:
        """Raise if damage was found: a damaged dataset answers nothing more."""
        if self._broken is not None:
            raise DatasetError(f"the dataset is damaged, so it answers nothing: {self._broken}")

    def latch(self, error: DatasetError) -> None:
        """Remember the first damage found: from then on every question refuses."""
        if self._broken is None:
            self._broken = error

    @property
    def decoded(self) -> bool:
        """Whether the whole file has been decoded (a first lookup does not)."""
        return self._by_id is not None

    # -- reading ------------------------------------------------------------------------

    def _full(self) -> None:
        """Decode and check the whole file (once), when a question needs more than one relation."""
        if self._by_id is not None:
            return
        self.refuse_if_broken()
        with self._lock:
            if self._by_id is None:
                assert self._packed is not None
                # The packed layout keeps each relation as its line until it is needed, so the
                # whole file is never decoded at once; any other layout is decoded in one go.
                try:
                    self._raw = split_packed(self._packed) or decode(self._packed)
                    self._load_raw(lazy=True)
                except DatasetError as error:
                    self.latch(error)
                    raise

    def _context(self) -> Context:
        """How records of this file find their states and the metadata's values they inherit."""
        return Context(state=self.state, metadata=self._metadata_raw or {})

    def _read_metadata_line(self) -> None:
        """The metadata as the file holds it (from the packed layout, its one line), once."""
        if self._metadata_raw is None:
            assert self._packed is not None
            end = self._packed.index(b"\n", len(PACKED_HEAD))
            raw = decode(self._packed[len(PACKED_HEAD) : end].rstrip(b","), what="metadata")
            if not isinstance(raw, dict):
                raise DatasetError(f"metadata: expected an object, not {json_kind(raw)}")
            self._metadata_raw = raw

    def _section(self, key: str) -> tuple[int, int]:
        section = self._sections.get(key)
        if section is None:
            assert self._packed is not None
            section = self._sections[key] = packed_section(self._packed, key)
        return section

    @property
    def metadata(self) -> DatasetMetadata:
        """The metadata (from the packed layout, its one line)."""
        if self._metadata is None:
            with self._lock:
                if self._metadata is None:
                    from ._records import DatasetMetadata

                    self._read_metadata_line()
                    self._metadata = read(DatasetMetadata, self._metadata_raw, "metadata", self._context())
        return self._metadata

    def state(self, state_id: str) -> Counterpart:
        """A state of the table by id (from the packed layout, the one line that holds it); ``KeyError`` if none."""
        state = self._states.get(state_id)
        if state is None:
            if self._states_complete:
                raise KeyError(state_id)
            with self._lock:
                assert self._packed is not None
                raw = packed_line(self._packed, b'{"id":' + json_text(state_id) + b",", self._section("states"))
                if raw is None:
                    raise KeyError(state_id)
                state = read(Counterpart, raw, f"state {state_id}")
                if state.id != state_id:
                    raise DatasetError(f"state {state_id}: its id is {state.id!r}")
                self._states[state_id] = state
        return state

    def states(self) -> tuple[Counterpart, ...]:
        """The table of states, in the file's order."""
        self._full()
        return tuple(self._states.values())

    def relation(self, relation_id: str) -> Relation | None:
        """The relation of that id, built and checked on first use (``None`` if there is none)."""
        self.refuse_if_broken()
        record = self._records.get(relation_id)
        if record is not None:
            return record
        try:
            return self._build(relation_id)
        except DatasetError as error:
            self.latch(error)
            raise

    def _build(self, relation_id: str) -> Relation | None:
        with self._lock:
            record = self._records.get(relation_id)
            if record is None:
                if self._by_id is None:  # packed and not yet decoded: read the one line
                    prefix = b'{"id":' + json_text(relation_id) + b","
                    raw = packed_line(self._packed, prefix, self._section("relations"))
                    if raw is None:
                        return None
                    where = f"relation {relation_id}"
                else:
                    position = self._by_id.get(relation_id)
                    if position is None:
                        return None
                    assert self._raw is not None
                    raw = self._raw["relations"][position]
                    where = f"relations[{position}] ({relation_id})"
                    if isinstance(raw, bytes):
                        raw = decode(raw, what=f"dataset line of {where}")
                if self._metadata_raw is None:
                    self._read_metadata_line()
                record = read(Relation, raw, where, self._context())
                check_relation(record, where)
                if record.id != relation_id:
                    raise DatasetError(f"{where}: its id is {record.id!r}")
                self._records[relation_id] = record
                if self._by_id is not None and self._raw is not None:
                    self._raw["relations"][self._by_id[relation_id]] = None  # built: its raw form is not needed
        return record

    def relations(self) -> tuple[Relation, ...]:
        """Every relation, built and checked (once), in the file's order."""
        if self._all is not None:
            return self._all
        self._full()
        with self._lock:
            if self._all is None:
                assert self._by_id is not None
                relations = []
                for relation_id in self._by_id:
                    relation = self.relation(relation_id)
                    assert relation is not None
                    relations.append(relation)
                try:
                    self._settle(tuple(relations))
                except DatasetError as error:
                    self.latch(error)
                    raise
        assert self._all is not None
        return self._all

    def names(self) -> tuple[NameEntry, ...]:
        """Every name entry."""
        self._full()
        assert self._names is not None
        return self._names

    def excluded_rows(self) -> tuple[ExcludedRow, ...]:
        """The source's row starts that are not country rows."""
        self._full()
        return self._excluded

    def system_states(self) -> tuple[SystemState, ...]:
        """Every code of the COW and Gleditsch–Ward lists."""
        self._full()
        return self._system_states

    def index(self) -> CountryIndex:
        """The full name index (decoding the file's names, once)."""
        self._full()
        assert self._index is not None
        return self._index

    def resolve(self, country: object) -> str:
        """The id of the relation ``country`` names; a first lookup reads only its name lines."""
        if self._index is None and self._packed is not None:
            targets = packed_names(self._packed, normalize_query(country))
            if len(targets) == 1:
                return targets.pop()
        return self.index().resolve(country)


def _states_table(states: Iterable[Counterpart]) -> dict[str, Counterpart]:
    table: dict[str, Counterpart] = {}
    for position, state in enumerate(states):
        if table.setdefault(state.id, state) is not state:
            raise DatasetError(f"states[{position}]: state id {state.id!r} appears twice in the table")
    return table


def _check_state_references(document: DatasetDocument) -> None:
    """Every state a record of ``document`` names is the one of its table (the file stores only its id)."""
    table = document.states_by_id

    def check(state: Counterpart | None, where: str) -> None:
        if state is not None and table.get(state.id) != state:
            found = "is not in" if state.id not in table else "differs from the record in"
            raise DatasetError(f"{where}: state {state.id!r} ({state.name}) {found} the states table")

    check(document.metadata.subject, "metadata.subject")
    for position, relation in enumerate(document.relations):
        where = f"relations[{position}] ({relation.id})"
        for index, state in enumerate(relation.states):
            check(state, f"{where}.states[{index}]")
        for index, state in enumerate(relation.attribution.alternatives):
            check(state, f"{where}.attribution.alternatives[{index}]")
        for index, event in enumerate(relation.events):
            for name in ("state", "predecessor", "successor"):
                check(getattr(event, name), f"{where}.events[{index}].{name}")


# -- what a relation must satisfy beyond its types (beside the whole file's checks above) ------


def check_relation(relation: Any, where: str) -> None:
    """The checks a relation of a dataset must pass beyond its types."""
    if not relation.states or relation.counterpart != relation.states[-1]:
        raise located_error(where, "its counterpart must be the last of its states")
    ids = [s.id for s in relation.states]
    if len(set(ids)) != len(ids):
        raise located_error(where, "a state appears twice in its lineage")
    for index, event in enumerate(relation.events):
        if event.state.id not in ids:
            raise located_error(
                where, f"event {index + 1} concerns {event.state.name}, which is not a state of its lineage"
            )
        if relation.horizon is not None and event.date.earliest_ordinal > relation.horizon.latest_ordinal:
            raise located_error(
                f"{where}.events[{index}].date",
                f"{event.date} lies after the relation's horizon ({relation.horizon}), which must cover every event",
            )
    if relation.source.row < 0:
        raise located_error(
            f"{where}.source.row", f"{relation.source.row} is not a row: rows count from 1 (0: an amendment's)"
        )
    seen: set[tuple[str, int, int]] = set()
    for index, row in enumerate(relation.representation):
        if row.state not in ids:
            raise located_error(
                f"{where}.representation[{index}].state", f"{row.state!r} is not a state of its lineage"
            )
        if (row.state, row.year, row.cow_code) in seen:
            raise located_error(
                f"{where}.representation[{index}]", f"a second row for {row.state} (COW {row.cow_code}) in {row.year}"
            )
        seen.add((row.state, row.year, row.cow_code))
