"""The dataset: loading it (lazily, once, thread-safely) and the questions you can ask it.

The packaged dataset is read on first use through the package's own loader (as
:func:`pkgutil.get_data` does; :mod:`importlib.resources` where it cannot),
once, under a lock. You can also load your own file of the same schema:

>>> from peru_diplomacy import Dataset, packaged_dataset
>>> data = packaged_dataset()
>>> len(data.relations), data.metadata.source_row_count
(189, 188)
>>> same = Dataset.from_json(data.to_json())
>>> same.relations == data.relations
True

When a damaged record is detected: a lookup checks the one relation it
answers with (its fields, types, dates and event sequence); the first query
that needs every relation (``relations``, ``active_on``, ``by_region`` ...)
checks the whole file (counts, duplicates, the name index). ``lazy=False``
checks everything at load. Once any damage is found, the dataset answers
nothing more: every later query raises :class:`~peru_diplomacy.DatasetError`.
"""

from __future__ import annotations

import functools
import inspect
import os
import threading
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from ._format import SCHEMA_VERSION, Context, check_relation, inherited_of, read, read_many
from ._loading import (
    PACKED_HEAD,
    check_digest,
    decode,
    json_text,
    packed_line,
    packed_names,
    packed_section,
    read_resource,
    split_packed,
    version_message,
)
from ._loading import relation_id as read_relation_id
from ._numbers import integral
from .counterparts import CodeSystem, Counterpart
from .dates import DateLike, PartialDate, to_partial_date
from .errors import BeyondHorizonWarning, DatasetError, InvalidArgumentError, NoRelationError, UnknownCountryError
from .events import EventKind, EventKindName
from .identity import CountryIndex, normalize_query
from .periods import Status, check_range
from .provenance import Confidence, Region, RegionName
from .relation import Relation

if TYPE_CHECKING:
    from ._records import (
        DatasetDocument,
        DatasetMetadata,
        ExcludedRow,
        NameEntry,
        Succession,
        SystemState,
        TimelineEntry,
    )
    from .panels import PanelMembership, PanelRow, PanelRule, PanelUnit

__all__ = ["MAX_PANEL_ROWS", "SCHEMA_VERSION", "Dataset", "packaged_dataset"]

MAX_PANEL_ROWS = 500_000
"""The most rows :meth:`Dataset.panel` builds unless asked for more (``max_rows=None``); a monthly
panel of every state from 1816 to today is well inside it, a daily one of a few decades is not."""
_CACHE_LIMIT = 4096
_CACHE_KEY_LIMIT = 200


class Dataset:
    """A loaded, checked dataset and its queries.

    Every answer is an immutable record or a tuple of them. A dataset read
    with ``lazy=True`` (as the packaged one is) builds and checks each
    relation on first use, under a lock, so that a first lookup stays fast.

    >>> from peru_diplomacy import packaged_dataset
    >>> data = packaged_dataset()
    >>> data.relations_with("Chile").counterpart.name, len(data.by_region("Africa"))
    ('Chile', 44)
    """

    __slots__ = (
        "_all",
        "_broken",
        "_by_id",
        "_by_region",
        "_cache",
        "_excluded",
        "_index",
        "_lock",
        "_metadata",
        "_names",
        "_packed",
        "_raw",
        "_records",
        "_sections",
        "_states",
        "_states_complete",
        "_steps",
        "_system_states",
    )

    def _start(self) -> None:
        self._lock = threading.RLock()
        self._cache: dict[object, Relation] = {}
        self._all: tuple[Relation, ...] | None = None
        self._by_region: dict[Region, tuple[Relation, ...]] = {}
        self._by_id: dict[str, int] | None = None
        self._index: CountryIndex | None = None
        self._packed: bytes | None = None
        self._raw: dict[str, Any] | None = None
        self._records: dict[str, Relation] = {}
        self._metadata: DatasetMetadata | None = None
        self._names: tuple[NameEntry, ...] | None = None
        self._states: dict[str, Counterpart] = {}
        self._states_complete = False
        self._sections: dict[str, tuple[int, int]] = {}
        self._excluded: tuple[ExcludedRow, ...] = ()
        self._system_states: tuple[SystemState, ...] = ()
        self._broken: DatasetError | None = None

    def __init__(self, document: DatasetDocument) -> None:
        self._start()
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
        self._index = CountryIndex(self._names)
        self._by_id = by_id
        if relations is not None:
            self._settle(tuple(relations))

    def _settle(self, relations: tuple[Relation, ...]) -> None:
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
        self._by_region = {region: tuple(r for r in relations if r.region is region) for region in Region}
        self._steps = tuple((r, r._timeline.starts, r._timeline.statuses) for r in relations)
        self._all = relations

    # -- loading ------------------------------------------------------------------------

    @classmethod
    def from_json(cls, data: str | bytes, *, lazy: bool = False) -> Dataset:
        """Load a dataset from JSON text of this schema.

        Raises :class:`~peru_diplomacy.DatasetError` naming the problem and
        where it is (``relations[3].events[0].date``) when the text is not
        JSON, is truncated, does not fit the schema, or does not match the
        digest in its metadata (it was changed after it was written). With
        ``lazy=True`` each relation is built (and checked) on first use
        instead of at once.

        >>> from peru_diplomacy import Dataset
        >>> Dataset.from_json('{"schema_version": 99}')
        Traceback (most recent call last):
        ...
        peru_diplomacy.errors.DatasetError: unknown dataset schema version 99; this release ...
        reads version 3
        """
        return cls._read(data, lazy=lazy, digest_required=False)

    @classmethod
    def _read(cls, data: str | bytes, *, lazy: bool, digest_required: bool) -> Dataset:
        self = cls.__new__(cls)
        self._start()
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
        self._metadata = read(DatasetMetadata, raw["metadata"], "metadata", self._context(None))
        self._names = read_many(NameEntry, raw["names"], "names")
        self._excluded = read_many(ExcludedRow, raw["excluded_rows"], "excluded_rows")
        self._system_states = read_many(SystemState, raw["system_states"], "system_states")
        relations = raw["relations"]
        if not isinstance(relations, list):
            raise DatasetError(f"relations: expected a list, not {type(relations).__name__}")
        ids = [read_relation_id(r, f"relations[{i}]") for i, r in enumerate(relations)]
        self._finish(ids, None)
        if not lazy:
            self._materialize()

    @classmethod
    def from_file(cls, path: str | os.PathLike[str], *, lazy: bool = False) -> Dataset:
        """Load a dataset from a JSON file of this schema (see :meth:`from_json`)."""
        with open(path, "rb") as handle:
            return cls.from_json(handle.read(), lazy=lazy)

    def _refuse_if_broken(self) -> None:
        if self._broken is not None:
            raise DatasetError(f"the dataset is damaged, so it answers nothing: {self._broken}")

    def _latch(self, error: DatasetError) -> None:
        """Remember the first damage found: from then on every question refuses."""
        if self._broken is None:
            self._broken = error

    def _full(self) -> None:
        """Decode and check the whole file (once), when a question needs more than one relation."""
        if self._by_id is not None:
            return
        self._refuse_if_broken()
        with self._lock:
            if self._by_id is None:
                assert self._packed is not None
                # The packed layout keeps each relation as its line until it is needed, so the
                # whole file is never decoded at once; any other layout is decoded in one go.
                try:
                    self._raw = split_packed(self._packed) or decode(self._packed)
                    self._load_raw(lazy=True)
                except DatasetError as error:
                    self._broken = error
                    raise

    def _context(self, metadata: DatasetMetadata | None) -> Context:
        """How records of this file find their states (and, given the metadata, the values they inherit)."""
        return Context(state=self._state, inherited={} if metadata is None else inherited_of(metadata))

    def _state(self, state_id: str) -> Counterpart:
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

    def _section(self, key: str) -> tuple[int, int]:
        section = self._sections.get(key)
        if section is None:
            assert self._packed is not None
            section = self._sections[key] = packed_section(self._packed, key)
        return section

    @property
    def states(self) -> tuple[Counterpart, ...]:
        """The table of states: every state the data names, once, with its codes and lifetime.

        >>> from peru_diplomacy import packaged_dataset
        >>> bhutan = next(s for s in packaged_dataset().states if s.id == "BTN")
        >>> bhutan.name, bhutan.alpha2, bhutan.cow_code, bhutan.gw_code
        ('Bhutan', 'BT', 760, 760)
        """
        self._full()
        return tuple(self._states.values())

    @property
    def document(self) -> DatasetDocument:
        """The whole dataset as one record (every relation built)."""
        from ._records import DatasetDocument

        return DatasetDocument(
            schema_version=SCHEMA_VERSION,
            metadata=self.metadata,
            states=self.states,
            relations=self.relations,
            names=self.names,
            excluded_rows=self.excluded_rows,
            system_states=self.system_states,
        )

    def to_json(self) -> str:
        """The dataset as JSON text of this schema (what :meth:`from_json` reads), one record a line."""
        from ._format import write_document
        from ._loading import dumps_document

        return dumps_document(write_document(self.document))

    def _relation(self, relation_id: str) -> Relation | None:
        self._refuse_if_broken()
        record = self._records.get(relation_id)
        if record is not None:
            return record
        try:
            return self._build(relation_id)
        except DatasetError as error:
            self._broken = error
            raise

    def _build(self, relation_id: str) -> Relation | None:
        with self._lock:
            record = self._records.get(relation_id)
            if record is None:
                if self._by_id is None:  # packed and not yet decoded: read the one line
                    raw = packed_line(
                        self._packed, b'{"id":' + json_text(relation_id) + b",", self._section("relations")
                    )
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
                record = read(Relation, raw, where, self._context(self.metadata))
                check_relation(record, where)
                if record.id != relation_id:
                    raise DatasetError(f"{where}: its id is {record.id!r}")
                self._records[relation_id] = record
                if self._by_id is not None and self._raw is not None:
                    self._raw["relations"][self._by_id[relation_id]] = None  # built: its raw form is not needed
        return record

    def _materialize(self) -> tuple[Relation, ...]:
        if self._all is not None:
            return self._all
        self._full()
        with self._lock:
            if self._all is None:
                assert self._by_id is not None
                relations = []
                for relation_id in self._by_id:
                    relation = self._relation(relation_id)
                    assert relation is not None
                    relations.append(relation)
                try:
                    self._settle(tuple(relations))
                except DatasetError as error:
                    self._broken = error
                    raise
        assert self._all is not None
        return self._all

    # -- what is in it ------------------------------------------------------------------

    @property
    def metadata(self) -> DatasetMetadata:
        """Title, source, revision, horizon and licence of the data."""
        if self._metadata is None:
            with self._lock:
                if self._metadata is None:
                    assert self._packed is not None
                    end = self._packed.index(b"\n", len(PACKED_HEAD))
                    line = self._packed[len(PACKED_HEAD) : end].rstrip(b",")
                    from ._records import DatasetMetadata

                    raw = decode(line, what="metadata")
                    self._metadata = read(DatasetMetadata, raw, "metadata", self._context(None))
        return self._metadata

    @property
    def horizon(self) -> PartialDate:
        """How far the data's knowledge reaches: answers about later days are ``uncertain``.

        >>> from peru_diplomacy import packaged_dataset
        >>> str(packaged_dataset().horizon)
        '2026-03'
        """
        return self.metadata.horizon

    @property
    def relations(self) -> tuple[Relation, ...]:
        """Every relation, in the source's order (region by region, row by row)."""
        return self._all if self._all is not None else self._materialize()

    @property
    def excluded_rows(self) -> tuple[ExcludedRow, ...]:
        """Row starts in the source that are not country rows (Asia 9, a map caption)."""
        self._full()
        return self._excluded

    @property
    def system_states(self) -> tuple[SystemState, ...]:
        """Every state of the COW and Gleditsch–Ward lists, by code."""
        self._full()
        return self._system_states

    @property
    def names(self) -> tuple[NameEntry, ...]:
        """Every name and code the lookups understand."""
        self._full()
        assert self._names is not None
        return self._names

    def relations_with(self, country: str | int, *, system: CodeSystem | str | None = None) -> Relation:
        """The relation with ``country``.

        ``country`` may be an English short or official name, a common or former
        name, the Spanish name, or an ISO 3166-1 alpha-2, alpha-3 or numeric code
        (text or int), or an ISO 3166-3 code of a former state; case, accents and
        punctuation do not matter. With ``system="cow"`` or ``system="gw"`` it is
        a Correlates of War or Gleditsch–Ward code or abbreviation instead (a code
        several states held names its latest holder): ISO numeric 710 is South
        Africa, COW 710 is China.

        Raises :class:`~peru_diplomacy.UnknownCountryError` (with
        ``suggestions``), :class:`~peru_diplomacy.AmbiguousCountryError`
        or :class:`~peru_diplomacy.NoRelationError`, all
        :class:`LookupError`; :class:`TypeError` for anything but text or an int.

        >>> from peru_diplomacy import relations_with
        >>> relations_with(152).counterpart.name, relations_with("Alemania").counterpart.alpha3
        ('Chile', 'DEU')
        >>> relations_with(710).counterpart.name, relations_with(710, system="cow").counterpart.name
        ('South Africa', 'China')
        >>> relations_with("Chle")
        Traceback (most recent call last):
        ...
        peru_diplomacy.errors.UnknownCountryError: no country matches 'Chle': did you mean
        Chile?
        """
        if system is not None:
            wanted = _system(system)
            if wanted is not CodeSystem.ISO:
                return self._by_system_code(country, wanted)
        if type(country) is str or type(country) is int:
            found = self._cache.get(country)
            if found is not None and self._broken is None:
                return found
        try:
            relation_id = self._resolve(country)
        except NoRelationError as error:
            raise self._maybe_a_row(error) from None
        except DatasetError as error:
            self._latch(error)
            raise
        relation = self._relation(relation_id)
        if relation is None:
            missing = DatasetError(f"the name index points to relation {relation_id!r}, which the dataset lacks")
            self._latch(missing)
            raise missing
        if len(self._cache) < _CACHE_LIMIT and (
            type(country) is int or (type(country) is str and len(country) <= _CACHE_KEY_LIMIT)
        ):
            self._cache[country] = relation
        return relation

    def _resolve(self, country: object) -> str:
        if self._index is None and self._packed is not None:
            key = normalize_query(country)
            targets = packed_names(self._packed, key)
            if len(targets) == 1:
                return targets.pop()
        self._full()
        assert self._index is not None
        return self._index.resolve(country)

    def _maybe_a_row(self, error: NoRelationError) -> NoRelationError:
        """The error, with the rows that may be this state (their alternatives) named in its message."""
        if error.state is None:
            return error
        rows = [r for r in self.relations if any(s.id == error.state for s in r.attribution.alternatives)]
        if not rows:
            return error
        readings = "; ".join(
            f"{r.region.value} row {r.source.row} ({r.source.cell or 'no date'}) is read as "
            f"{r.attribution.country} with {r.attribution.confidence.value} confidence, may be {error.country}"
            for r in rows
        )
        message = f"the source records no diplomatic relation between Peru and {error.country} by name, but {readings}"
        return NoRelationError(error.country, message=message, state=error.state)

    def _by_system_code(self, country: str | int, system: CodeSystem) -> Relation:
        number = None if isinstance(country, str) else integral(country)
        if number is None and not isinstance(country, str):
            raise TypeError(
                f"a {system.value.upper()} code is an int or an abbreviation (str), not {type(country).__name__}"
            )
        text = country.strip() if isinstance(country, str) else ""
        code: int | None = number if number is not None else (int(text) if text.isdigit() else None)
        abbrev = None if code is not None else text.upper()

        def matches(m: Any) -> bool:
            return bool(m.system is system and (m.code == code if code is not None else m.abbrev == abbrev))

        holders = [
            (membership.start.sort_key(), relation, state)
            for relation in self.relations
            for state in relation.states
            for membership in state.memberships
            if matches(membership)
        ]
        if holders:
            return max(holders, key=lambda h: h[0])[1]
        listed = [s for s in self.system_states if matches(s)]
        label = system.value.upper() if system is CodeSystem.COW else "GW"
        if listed:
            state = listed[0]
            raise NoRelationError(f"{state.name} ({label} {state.code}, {state.abbrev})")
        raise UnknownCountryError(
            country,
            _code_suggestions(self.system_states, system, code, abbrev, label),
            hint=f"no state of the {label} list has this code; give a {label} code (155) or abbreviation ('CHL')",
        )

    def panel(
        self,
        first: int,
        last: int,
        *,
        unit: PanelUnit = "year",
        rule: PanelRule = "on_day",
        membership: PanelMembership = "lifetime",
        carry_forward: bool = False,
        max_rows: int | None = MAX_PANEL_ROWS,
    ) -> tuple[PanelRow, ...]:
        """One row per state and year (or ``unit="month"``, ``"day"``) from year ``first`` to ``last``.

        - Rows: every state of every relation's lineage, in each unit of its
          lifetime (``membership="lifetime"``), or of its COW or Gleditsch–Ward
          system membership (``"cow"``, ``"gw"``), so that rows match those lists:
          there, a state whose code changed within a unit has a row for each code
          (Germany in 1990: COW 260 and 255). A state is never filed under its
          successor.
        - ``rule``: the status on 31 December of the year (the last day of a
          month; ``"on_day"``), on at least one day (``"any_time"``), or on every
          day (``"throughout"``); ``uncertain`` stays its own value.
        - After the data's horizon, statuses are ``uncertain`` unless
          ``carry_forward=True``.

        ``first > last``, an unknown ``unit``, ``rule`` or ``membership``, or a year
        outside 1 to 9999 raise :class:`~peru_diplomacy.InvalidArgumentError` (a
        :class:`ValueError`) naming the argument. A panel
        of more than ``max_rows`` rows (500,000 unless given; ``None`` for no
        limit) raises :class:`~peru_diplomacy.PanelTooLargeError` before any row
        is built.

        >>> from peru_diplomacy import panel
        >>> rows = panel(1991, 1992)
        >>> [(r.year, r.name, r.cow_code, r.status.value) for r in rows if r.relation_id == "RUS"]
        [(1991, 'Soviet Union', 365, 'inactive'), (1991, 'Russia', 365, 'active'), (1992,
        'Russia', 365, 'active')]
        >>> panel(2000, 1990)
        Traceback (most recent call last):
        ...
        peru_diplomacy.errors.InvalidArgumentError: first (2000) is after last (1990): the panel
        would be empty
        """
        from .panels import build_panel

        return build_panel(
            self.relations,
            first,
            last,
            unit=unit,
            rule=rule,
            membership=membership,
            carry_forward=carry_forward,
            max_rows=max_rows,
            system_states=self.system_states if membership in ("cow", "gw") else (),
            horizon=self.horizon,
            subject=self.metadata.subject,
        )

    def amended(self, amendments: str | os.PathLike[str] | Iterable[Mapping[str, Any]]) -> Dataset:
        """A new dataset with your amendments (a TOML file, or rows): see :mod:`peru_diplomacy.amendments`.

        This dataset is not changed. An empty amendment gives an equal dataset.

        >>> from peru_diplomacy import packaged_dataset
        >>> mine = packaged_dataset().amended([])
        >>> mine.relations == packaged_dataset().relations
        True
        """
        from .amendments import amend

        return Dataset(amend(self, amendments))

    def get(self, relation_id: str) -> Relation | None:
        """The relation with this id (``"CHL"``, ``"DDDE"``, in any case), or ``None``.

        >>> from peru_diplomacy import packaged_dataset
        >>> packaged_dataset().get("chl").id, packaged_dataset().get("nowhere")
        ('CHL', None)
        """
        if not isinstance(relation_id, str):
            raise TypeError(f"a relation id is text such as 'CHL', not {type(relation_id).__name__}")
        return self._relation(relation_id.strip().upper())

    def by_region(self, region: Region | RegionName) -> tuple[Relation, ...]:
        """The relations of one of the source's five tables.

        >>> from peru_diplomacy import packaged_dataset
        >>> len(packaged_dataset().by_region("Oceania"))
        16
        """
        wanted = _region(region)
        self._materialize()
        return self._by_region[wanted]

    # -- questions in time --------------------------------------------------------------

    def statuses_on(self, when: DateLike, *, carry_forward: bool = False) -> dict[str, Status]:
        """Every relation's status on ``when``, by relation id (one relation's is ``Relation.status_on``).

        >>> from peru_diplomacy import packaged_dataset
        >>> packaged_dataset().statuses_on("1965-06-01")["CUB"].value
        'inactive'
        """
        day = to_partial_date(when)
        if not carry_forward:
            self._warn_if_beyond_horizon(day)
        return {r.id: r.status_on(day, carry_forward=carry_forward) for r in self.relations}

    def active_on(self, when: DateLike) -> tuple[Relation, ...]:
        """The relations that certainly stood on ``when``.

        >>> from peru_diplomacy import packaged_dataset
        >>> len(packaged_dataset().active_on("1900-01-01"))
        29
        """
        return self._with_status(when, Status.ACTIVE)

    def inactive_on(self, when: DateLike) -> tuple[Relation, ...]:
        """The relations that certainly did not stand on ``when``.

        >>> from peru_diplomacy import inactive_on, relations_with
        >>> relations_with("Cuba") in inactive_on("1965")
        True
        """
        return self._with_status(when, Status.INACTIVE)

    def uncertain_on(self, when: DateLike) -> tuple[Relation, ...]:
        """The relations whose status on ``when`` the sources cannot settle.

        A relation whose date cell is empty is uncertain on every day its state
        and Peru existed; a contested day or a day after the horizon is too.

        >>> from peru_diplomacy import relations_with, uncertain_on
        >>> relations_with("Turkey") in uncertain_on("1952-06-01")
        True
        """
        return self._with_status(when, Status.UNCERTAIN)

    def _warn_if_beyond_horizon(self, day: PartialDate) -> None:
        note = self.horizon_note(day)
        if note is not None:
            import warnings

            warnings.warn(
                f"{note} (ask about a day up to the horizon, or assume nothing changed with "
                "status_on(..., carry_forward=True))",
                BeyondHorizonWarning,
                stacklevel=_caller_level(),
            )

    def beyond_horizon(self, when: DateLike) -> tuple[Relation, ...]:
        """The relations whose knowledge ends before ``when``: their status then is ``uncertain``.

        Each relation knows up to the data's horizon, or further where an amendment
        added a later event (see :attr:`Relation.horizon <peru_diplomacy.Relation.horizon>`).

        >>> from peru_diplomacy import packaged_dataset
        >>> len(packaged_dataset().beyond_horizon("2026-03")), len(packaged_dataset().beyond_horizon("2027"))
        (0, 189)
        """
        day = to_partial_date(when)
        if day.latest_ordinal <= self.horizon.latest_ordinal:
            return ()
        return tuple(r for r in self.relations if r.horizon is None or day.latest_ordinal > r.horizon.latest_ordinal)

    def horizon_note(self, when: DateLike) -> str | None:
        """What to tell someone who asks about ``when`` when the data's knowledge ends before it (else ``None``).

        >>> from peru_diplomacy import packaged_dataset
        >>> print(packaged_dataset().horizon_note("2027-01-01"))
        2027-01-01 lies after the data's horizon (2026-03): what happened then is unknown, so no
        relation is certainly active or inactive
        """
        day = to_partial_date(when)
        beyond = self.beyond_horizon(day)
        if not beyond:
            return None
        if len(beyond) == len(self.relations):
            return (
                f"{day} lies after the data's horizon ({self.horizon}): what happened then is unknown, "
                "so no relation is certainly active or inactive"
            )
        return (
            f"{day} lies after the data's horizon ({self.horizon}), which amendments carry further for "
            f"{len(self.relations) - len(beyond)} of {len(self.relations)} relations: for the other "
            f"{len(beyond)} what happened then is unknown, so they are not certainly active or inactive"
        )

    def _with_status(self, when: DateLike, status: Status) -> tuple[Relation, ...]:
        day = to_partial_date(when)
        self._warn_if_beyond_horizon(day)
        if day.day is not None:  # one ordinal for all: the common case, kept fast
            ordinal = day.earliest_ordinal
            self._materialize()
            return tuple(
                r for r, starts, statuses in self._steps if statuses[bisect_right(starts, ordinal) - 1] is status
            )
        return tuple(r for r in self.relations if r._timeline.on(day) is status)

    def all_relations(self, *, min_confidence: Confidence | str | None = None) -> tuple[Relation, ...]:
        """Every relation, or those whose row is attributed with at least ``min_confidence``.

        >>> from peru_diplomacy import packaged_dataset
        >>> len(packaged_dataset().all_relations(min_confidence="high"))
        83
        """
        if min_confidence is None:
            return self.relations
        floor = _confidence(min_confidence)
        return tuple(r for r in self.relations if r.attribution.confidence >= floor)

    def established_between(self, first: DateLike, last: DateLike) -> tuple[Relation, ...]:
        """Relations with an establishment dated wholly from ``first`` to ``last`` (inclusive).

        A date given only as a year counts when the whole year lies in the range.

        >>> from peru_diplomacy import packaged_dataset
        >>> [r.counterpart.name for r in packaged_dataset().established_between("2017", "2017")]
        ['Benin', 'Rwanda', 'Togo', 'Cook Islands']
        """
        start, end = to_partial_date(first), to_partial_date(last)
        check_range(start, end)
        low, high = start.earliest_ordinal, end.latest_ordinal
        return tuple(
            r
            for r in self.relations
            if any(
                e.kind is EventKind.ESTABLISHED and low <= e.date.earliest_ordinal and e.date.latest_ordinal <= high
                for e in r.events
            )
        )

    def timeline(
        self,
        *,
        kinds: Iterable[EventKind | EventKindName] | None = None,
        region: Region | RegionName | None = None,
        first: DateLike | None = None,
        last: DateLike | None = None,
    ) -> tuple[TimelineEntry, ...]:
        """Every event, sorted by date, optionally filtered by kind, region and dates.

        With ``first`` or ``last``, an event counts when its date lies wholly in the range.

        >>> from peru_diplomacy import packaged_dataset
        >>> [str(t.event.date) for t in packaged_dataset().timeline(kinds=["broken"], first="1942", last="1942")]
        ['1942-01-24', '1942-03-05']
        """
        from ._records import TimelineEntry

        if isinstance(kinds, str):
            raise TypeError(f"kinds is a list of event kinds, such as [{kinds!r}], not a single text")
        wanted = None if kinds is None else frozenset(EventKind(k) for k in kinds)
        relations = self.relations if region is None else self.by_region(region)
        low = None if first is None else to_partial_date(first).earliest_ordinal
        high = None if last is None else to_partial_date(last).latest_ordinal
        if first is not None and last is not None:
            check_range(to_partial_date(first), to_partial_date(last))
        entries = [
            TimelineEntry(relation=r, event=e)
            for r in relations
            for e in r.events
            if (wanted is None or e.kind in wanted)
            and (low is None or low <= e.date.earliest_ordinal)
            and (high is None or e.date.latest_ordinal <= high)
        ]
        entries.sort(key=lambda t: t.event.date.sort_key())
        return tuple(entries)

    def ever_broken(self) -> tuple[Relation, ...]:
        """Relations that were broken at least once.

        >>> from peru_diplomacy import packaged_dataset
        >>> [r.counterpart.name for r in packaged_dataset().ever_broken()][:3]
        ['Libya', 'Sahrawi Arab Democratic Republic', 'Cuba']
        """
        return tuple(r for r in self.relations if any(e.kind is EventKind.BROKEN for e in r.events))

    def successions(self) -> tuple[Succession, ...]:
        """Every change of state the data records, in date order.

        >>> from peru_diplomacy import packaged_dataset
        >>> [(s.predecessor.name, s.successor.name) for s in packaged_dataset().successions()]
        [('German Democratic Republic', 'Germany'), ('Soviet Union', 'Russia'),
        ('Czechoslovakia', 'Czech Republic')]
        """
        from ._records import Succession

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

        >>> from peru_diplomacy import packaged_dataset
        >>> [c.name for c in packaged_dataset().successors_of("Czechoslovakia")]
        ['Czech Republic']
        """
        return self._follow(self._state_named(country), forward=True)

    def predecessors_of(self, country: str | int) -> tuple[Counterpart, ...]:
        """The states the state ``country`` names took over from, transitively.

        >>> from peru_diplomacy import packaged_dataset
        >>> [c.name for c in packaged_dataset().predecessors_of("Germany")]
        ['German Democratic Republic']
        """
        return self._follow(self._state_named(country), forward=False)

    def _state_named(self, country: str | int) -> Counterpart:
        relation = self.relations_with(country)
        self._full()
        assert self._index is not None
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


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _latched(method: Callable[Concatenate[Dataset, _P], _R]) -> Callable[Concatenate[Dataset, _P], _R]:
    """The method, refusing once the dataset is known to be damaged, and latching any damage it finds."""

    @functools.wraps(method)
    def guarded(self: Dataset, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        if self._broken is not None:
            self._refuse_if_broken()
        try:
            return method(self, *args, **kwargs)
        except DatasetError as error:
            self._latch(error)
            raise

    return guarded


# Every question but relations_with (which latches inline, to keep warm lookups under a microsecond),
# and amended: damage in the new dataset it makes is that dataset's, not this one's.
for _name, _member in list(vars(Dataset).items()):
    if _name.startswith("_") or _name in ("relations_with", "from_json", "from_file", "amended"):
        continue
    if isinstance(_member, property) and _member.fget is not None:
        setattr(Dataset, _name, property(_latched(_member.fget), doc=_member.__doc__))
    elif inspect.isfunction(_member):
        setattr(Dataset, _name, _latched(_member))


def _caller_level() -> int:
    """The ``stacklevel`` that points a warning at the first caller outside this package."""
    import sys

    package = os.path.dirname(__file__)
    frame = sys._getframe(1)
    level = 1
    while frame is not None and os.path.dirname(frame.f_code.co_filename) == package:
        frame = frame.f_back  # type: ignore[assignment]
        level += 1
    return level


def _region(region: Region | RegionName) -> Region:
    if isinstance(region, Region):
        return region
    if isinstance(region, str):
        for member in Region:
            if member.value.casefold() == region.strip().casefold():
                return member
        raise InvalidArgumentError(f"unknown region {region!r}: use one of {', '.join(r.value for r in Region)}")
    raise TypeError(f"a region is a Region or its name, not {type(region).__name__}")


def _confidence(value: Confidence | str) -> Confidence:
    if isinstance(value, Confidence):
        return value
    if isinstance(value, str):
        try:
            return Confidence(value.strip().lower())
        except ValueError:
            pass
    raise InvalidArgumentError(
        f"unknown confidence {value!r}: use one of {', '.join(repr(c.value) for c in Confidence)}"
    )


def _system(system: CodeSystem | str) -> CodeSystem:
    if isinstance(system, CodeSystem):
        return system
    if isinstance(system, str):
        try:
            return CodeSystem(system.strip().lower())
        except ValueError:
            pass
    raise InvalidArgumentError(
        f"unknown code system {system!r}: use one of {', '.join(repr(s.value) for s in CodeSystem)}"
    )


def _code_suggestions(
    states: tuple[SystemState, ...], system: CodeSystem, code: int | None, abbrev: str | None, label: str
) -> tuple[str, ...]:
    pool = [s for s in states if s.system is system]
    if code is not None:
        near = sorted(pool, key=lambda s: (abs(s.code - code), s.code))[:3]
    else:
        import difflib

        close = difflib.get_close_matches(abbrev or "", [s.abbrev for s in pool], n=3, cutoff=0.5)
        near = [s for a in close for s in pool if s.abbrev == a][:3]
    return tuple(f"{label} {s.code} ({s.abbrev}, {s.name})" for s in near)


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


_packaged: Dataset | None = None
_packaged_lock = threading.Lock()


def packaged_dataset() -> Dataset:
    """The dataset shipped in the package, loaded on first call, once, thread-safely.

    >>> from peru_diplomacy import packaged_dataset
    >>> packaged_dataset() is packaged_dataset()
    True
    """
    global _packaged
    if _packaged is None:
        with _packaged_lock:
            if _packaged is None:
                _packaged = Dataset._read(read_resource(), lazy=True, digest_required=True)
    return _packaged
