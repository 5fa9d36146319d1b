"""The dataset and the questions you can ask it.

The store under it (``peru_diplomacy._store``) reads the data lazily, once,
thread-safely, and holds the damage latch; a dataset asks it for records. The
packaged dataset is read on first use through the package's own loader (as
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

from ._format import SCHEMA_VERSION
from ._loading import read_resource
from ._store import Store
from .counterparts import CodeSystem, Counterpart
from .dates import PartialDate
from .errors import DatasetError, NoRelationError, UnknownCountryError
from .identity import SystemCodeQuery
from .lineages import following
from .periods import Status
from .provenance import Region, RegionName
from .questions import MAX_PANEL_ROWS, DatasetQuestions
from .relation import Relation

if TYPE_CHECKING:
    from ._records import (
        DatasetDocument,
        DatasetMetadata,
        ExcludedRow,
        NameEntry,
        SystemState,
    )

__all__ = ["MAX_PANEL_ROWS", "SCHEMA_VERSION", "Dataset", "packaged_dataset"]

_CACHE_LIMIT = 4096
_CACHE_KEY_LIMIT = 200


class Dataset(DatasetQuestions):
    """A loaded, checked dataset and its queries.

    Every answer is an immutable record or a tuple of them. A dataset read
    with ``lazy=True`` (as the packaged one is) builds and checks each
    relation on first use, under a lock, so that a first lookup stays fast.

    >>> from peru_diplomacy import packaged_dataset
    >>> data = packaged_dataset()
    >>> data.relations_with("Chile").counterpart.name, len(data.by_region("Africa"))
    ('Chile', 44)
    """

    __slots__ = ("_by_region", "_cache", "_steps", "_store")

    def __init__(self, document: DatasetDocument) -> None:
        self._start(Store.from_document(document))

    def _start(self, store: Store) -> None:
        self._store = store
        self._cache: dict[object, Relation] = {}
        self._by_region: dict[Region, tuple[Relation, ...]] | None = None
        self._steps: tuple[tuple[Relation, tuple[int, ...], tuple[Status, ...]], ...] = ()

    def __reduce__(self) -> tuple[Callable[..., Dataset], tuple[str | bytes, ...]]:
        """Pickling and copying: the packaged dataset pickles as itself (a reference, unpickled as the
        receiving process's); any other (an amended one) as its JSON text, read back lazily, so that a
        dataset goes to a process pool and ``copy.deepcopy`` works (its lock does not pickle).

        >>> import pickle
        >>> from peru_diplomacy import packaged_dataset
        >>> pickle.loads(pickle.dumps(packaged_dataset())) is packaged_dataset()
        True
        """
        if self is _packaged:
            return (packaged_dataset, ())
        return (_from_pickled_json, (self.to_json(),))

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
        reads version 4
        """
        return cls._read(data, lazy=lazy, digest_required=False)

    @classmethod
    def _read(cls, data: str | bytes, *, lazy: bool, digest_required: bool) -> Dataset:
        self = cls.__new__(cls)
        self._start(Store.from_bytes(data, lazy=lazy, digest_required=digest_required))
        return self

    @classmethod
    def from_file(cls, path: str | os.PathLike[str], *, lazy: bool = False) -> Dataset:
        """Load a dataset from a JSON file of this schema (see :meth:`from_json`)."""
        with open(path, "rb") as handle:
            return cls.from_json(handle.read(), lazy=lazy)

    @property
    def states(self) -> tuple[Counterpart, ...]:
        """The table of states: every state the data names, once, with its codes and lifetime.

        >>> from peru_diplomacy import packaged_dataset
        >>> bhutan = next(s for s in packaged_dataset().states if s.id == "BTN")
        >>> bhutan.name, bhutan.alpha2, bhutan.cow_code, bhutan.gw_code
        ('Bhutan', 'BT', 760, 760)
        """
        return self._store.states()

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

    # -- what is in it ------------------------------------------------------------------

    @property
    def metadata(self) -> DatasetMetadata:
        """Title, source, revision, horizon and licence of the data."""
        return self._store.metadata

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
        return self._store.relations()

    def _with_status_on(self, ordinal: int, status: Status) -> tuple[Relation, ...]:
        self._indexed()
        return tuple(r for r, starts, statuses in self._steps if statuses[bisect_right(starts, ordinal) - 1] is status)

    def _indexed(self) -> dict[Region, tuple[Relation, ...]]:
        """The relations by region, and each relation's status steps (made once, on first need)."""
        by_region = self._by_region
        if by_region is None:
            relations = self.relations
            self._steps = tuple((r, r.timeline.starts, r.timeline.statuses) for r in relations)
            by_region = self._by_region = {
                region: tuple(r for r in relations if r.region is region) for region in Region
            }
        return by_region

    @property
    def excluded_rows(self) -> tuple[ExcludedRow, ...]:
        """Row starts in the source that are not country rows (Asia 9, a map caption)."""
        return self._store.excluded_rows()

    @property
    def system_states(self) -> tuple[SystemState, ...]:
        """Every state of the COW and Gleditsch–Ward lists, by code."""
        return self._store.system_states()

    @property
    def names(self) -> tuple[NameEntry, ...]:
        """Every name and code the lookups understand."""
        return self._store.names()

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
        store = self._store
        if system is not None:
            wanted = _system(system)
            if wanted is not CodeSystem.ISO:
                if store.broken is not None:
                    store.refuse_if_broken()
                return self._by_system_code(country, wanted)
        if type(country) is str or type(country) is int:
            found = self._cache.get(country)
            if found is not None and store.broken is None:
                return found
        if store.broken is not None:  # damage found: every question is refused, an unknown name's too
            store.refuse_if_broken()
        try:
            relation_id = store.resolve(country)
        except NoRelationError as error:
            raise self._maybe_a_row(error) from None
        except DatasetError as error:
            store.latch(error)
            raise
        relation = store.relation(relation_id)
        if relation is None:
            missing = DatasetError(f"the name index points to relation {relation_id!r}, which the dataset lacks")
            store.latch(missing)
            raise missing
        if len(self._cache) < _CACHE_LIMIT and (
            type(country) is int or (type(country) is str and len(country) <= _CACHE_KEY_LIMIT)
        ):
            self._cache[country] = relation
        return relation

    def _maybe_a_row(self, error: NoRelationError) -> NoRelationError:
        """The error, with the rows that may be this state (their alternatives) named in its message."""
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
        label = system.value.upper()
        query = SystemCodeQuery(country, label)
        holders = [
            (membership.start.sort_key(), relation)
            for relation in self.relations
            for state in relation.states
            for membership in state.memberships
            if membership.system is system and query.matches(membership)
        ]
        if holders:
            return max(holders, key=lambda h: h[0])[1]
        pool = [s for s in self.system_states if s.system is system]
        listed = [s for s in pool if query.matches(s)]
        if listed:
            raise NoRelationError(f"{listed[0].name} ({label} {listed[0].code}, {listed[0].abbrev})")
        raise UnknownCountryError(
            country,
            query.suggestions(pool),
            hint=f"no state of the {label} list has this code; give a {label} code (155) or abbreviation ('CHL')",
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
        return self._store.relation(relation_id.strip().upper())

    def by_region(self, region: Region | RegionName) -> tuple[Relation, ...]:
        """The relations of one of the source's five tables.

        >>> from peru_diplomacy import packaged_dataset
        >>> len(packaged_dataset().by_region("Oceania"))
        16
        """
        return self._indexed()[_region(region)]

    # -- questions in time --------------------------------------------------------------

    def successors_of(self, country: str | int) -> tuple[Counterpart, ...]:
        """The states that took over from the state ``country`` names, transitively: by a recorded
        succession or ending, or as the next state of a relation's lineage.

        >>> from peru_diplomacy import packaged_dataset
        >>> [c.name for c in packaged_dataset().successors_of("Czechoslovakia")]
        ['Czech Republic']
        >>> [c.name for c in packaged_dataset().successors_of("Yugoslavia")]
        ['Serbia and Montenegro', 'Serbia']
        """
        return following(self.relations, self._state_named(country), forward=True)

    def predecessors_of(self, country: str | int) -> tuple[Counterpart, ...]:
        """The states the state ``country`` names took over from, transitively.

        >>> from peru_diplomacy import packaged_dataset
        >>> [c.name for c in packaged_dataset().predecessors_of("Germany")]
        ['German Democratic Republic', 'German Reich']
        """
        return following(self.relations, self._state_named(country), forward=False)

    def _state_named(self, country: str | int) -> Counterpart:
        relation = self.relations_with(country)
        state_id = self._store.index().state_of(country, relation.id)
        for state in relation.states:
            if state.id == state_id:
                return state
        return relation.counterpart


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _latched(method: Callable[Concatenate[Dataset, _P], _R]) -> Callable[Concatenate[Dataset, _P], _R]:
    """The method, refusing once the dataset is known to be damaged, and latching any damage it finds."""

    @functools.wraps(method)
    def guarded(self: Dataset, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        store = self._store
        if store.broken is not None:
            store.refuse_if_broken()
        try:
            return method(self, *args, **kwargs)
        except DatasetError as error:
            store.latch(error)
            raise

    return guarded


# Every question, its own and DatasetQuestions', but relations_with (which latches inline, to keep warm
# lookups under a microsecond), and amended: damage in the new dataset it makes is that dataset's, not this one's.
for _name in dir(Dataset):
    if _name.startswith("_") or _name in ("relations_with", "from_json", "from_file", "amended"):
        continue
    _member = inspect.getattr_static(Dataset, _name)
    if isinstance(_member, property) and _member.fget is not None:
        setattr(Dataset, _name, property(_latched(_member.fget), doc=_member.__doc__))
    elif inspect.isfunction(_member):
        setattr(Dataset, _name, _latched(_member))


def _region(region: Region | RegionName) -> Region:
    return Region.coerce(region, "region")


def _system(system: CodeSystem | str) -> CodeSystem:
    return CodeSystem.coerce(system, "code system")


_packaged: Dataset | None = None
_packaged_lock = threading.Lock()


def _from_pickled_json(text: str | bytes) -> Dataset:
    """A dataset unpickled from the JSON text it pickled as (see :meth:`Dataset.__reduce__`)."""
    return Dataset.from_json(text, lazy=True)


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
