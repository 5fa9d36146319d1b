"""Records of the dataset as a whole, and of query answers.

They are not needed to answer a lookup, so they load on first use
(``from peru_diplomacy import DatasetDocument`` loads them).
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from .counterparts import CodeSystem, Counterpart
from .dates import PartialDate
from .events import Event, EventKind
from .identity import NameKind
from .periods import Period
from .provenance import Region
from .relation import Relation

__all__ = [
    "DatasetDocument",
    "DatasetMetadata",
    "ExcludedRow",
    "NameEntry",
    "Succession",
    "SystemState",
    "TimelineEntry",
]


@attrs.frozen(kw_only=True)
class NameEntry:
    """One name or code and what it points to.

    ``relation`` is the id of the relation it resolves to, or ``None`` for a
    state the source records no relation with (kept so that a name such as
    "Congo" is reported as ambiguous rather than silently resolved).
    ``state`` is the id of the state of the lineage the name denotes.

    >>> from peru_diplomacy import packaged_dataset
    >>> [(e.label, e.kind.value, e.relation) for e in packaged_dataset().names if e.key == "alemania"]
    [('Alemania', 'spanish_name', 'DEU')]
    """

    key: str
    label: str
    kind: NameKind = attrs.field(converter=NameKind)
    relation: str | None
    state: str | None = None


@attrs.frozen(kw_only=True)
class DatasetMetadata:
    """What the data is, where it comes from, and how far its knowledge reaches.

    ``horizon`` is the last month (or day) the data knows about: answers about
    later days are ``uncertain``. ``subject`` is Peru, with its codes and
    lifetime. ``name_source`` says where the ISO codes and the names of states
    come from (a pinned pycountry release, read when the data was built).
    ``data_version`` names this release of the data (``"2026.1"``, a new one
    for every change of the data; ``"2026.1+amended"`` once amended): cite it.
    ``digest`` is the checksum of the file's content after its metadata line
    (``"crc32:…"``), written by :meth:`~peru_diplomacy.Dataset.to_json` and
    checked when a file is read, so that a file changed after it was written
    is refused; ``""`` in a dataset not (yet) written, or to skip the check.

    >>> from peru_diplomacy import packaged_dataset
    >>> meta = packaged_dataset().metadata
    >>> meta.source_title, meta.source_revision, str(meta.horizon), meta.relation_count
    ('Foreign relations of Peru', '2023-05', '2026-03', 189)
    >>> meta.subject.cow_code, str(meta.subject.existence[0].start)
    (135, '1821-07-28')
    """

    title: str
    source_title: str
    source_url: str
    source_revision: str
    horizon: PartialDate
    horizon_note: str
    licence: str
    attribution: str
    relation_count: int
    source_row_count: int
    subject: Counterpart
    name_source: str
    data_version: str = ""
    digest: str = ""


@attrs.frozen(kw_only=True)
class ExcludedRow:
    """A row start in the source that is not a country row, and why.

    >>> from peru_diplomacy import packaged_dataset
    >>> (row,) = packaged_dataset().excluded_rows
    >>> row.region.value, row.row, row.reason
    ('Asia', 9, 'map caption inside row 8, not a country')
    """

    region: Region
    row: int
    text: str
    reason: str


@attrs.frozen(kw_only=True)
class SystemState:
    """A state of the COW or Gleditsch–Ward list, by code: what a code lookup can name.

    ``spans`` are the code's spans of membership in its list (``end`` the day
    after the last; ``None`` for a state still a member), from which the
    panel's COW and GW frames take their state-years; ``no_relations`` a carried source
    that says Peru has had no relations with it (a frame's rows are then ``inactive``).

    >>> from peru_diplomacy import packaged_dataset
    >>> [s.name for s in packaged_dataset().system_states if s.system.value == "cow" and s.code == 760]
    ['Bhutan']
    """

    system: CodeSystem
    code: int
    abbrev: str
    name: str
    spans: tuple[Period, ...] = ()
    no_relations: str = ""
    """A carried source saying Peru has had no relations with the state, cited in full (empty: none).
    Peru's foreign ministry says so of Botswana (January 2025)."""


@attrs.frozen(kw_only=True)
class DatasetDocument:
    """The whole dataset file: its metadata and its tables, in the file's order.

    ``states`` is the table of states: every state the data names (each
    relation's lineage, every alternative attribution, the subject, every
    state a name points to), each once, with its codes, memberships and
    lifetime. In the file every other record refers to a state by its id.

    >>> from peru_diplomacy import packaged_dataset
    >>> document = packaged_dataset().document
    >>> document.schema_version, len(document.relations), len(document.names) > 1000
    (4, 189, True)
    >>> document.states_by_id["BTN"].cow_code, len(document.states) > 250
    (760, True)
    """

    schema_version: int
    metadata: DatasetMetadata
    states: tuple[Counterpart, ...]
    relations: tuple[Relation, ...]
    names: tuple[NameEntry, ...]
    excluded_rows: tuple[ExcludedRow, ...] = ()
    system_states: tuple[SystemState, ...] = ()
    _by_id: dict[str, Counterpart] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {state.id: state for state in self.states})

    @property
    def states_by_id(self) -> Mapping[str, Counterpart]:
        """The table of states by id."""
        return self._by_id


@attrs.frozen(kw_only=True)
class TimelineEntry:
    """One event of the timeline, with the relation it belongs to.

    >>> from peru_diplomacy import packaged_dataset
    >>> first = packaged_dataset().timeline()[0]
    >>> str(first.event.date), first.event.kind.value, first.relation.counterpart.name
    ('1822-06-06', 'established', 'Colombia')
    """

    relation: Relation
    event: Event


@attrs.frozen(kw_only=True)
class Succession:
    """A state taking over from, or merging into, another: ``kind`` is the event's kind.

    >>> from peru_diplomacy import packaged_dataset
    >>> s = packaged_dataset().successions()[-1]
    >>> s.predecessor.name, s.successor.name, str(s.date), s.kind.value, s.relation
    ('Czechoslovakia', 'Czech Republic', '1993-01-02', 'succeeded', 'CZE')
    """

    predecessor: Counterpart
    successor: Counterpart
    date: PartialDate
    kind: EventKind
    relation: str
