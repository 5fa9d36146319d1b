"""Module-level queries on the packaged dataset.

Each function is the method of the same name on :func:`~peru_diplomacy.packaged_dataset`;
the data loads on the first call.

>>> from peru_diplomacy import relations_with, active_on
>>> relations_with("Chile").counterpart.alpha2
'CL'
>>> relations_with("Japan") in active_on("1960-01-01")
True
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from .counterparts import CodeSystem, Counterpart
from .dataset import packaged_dataset
from .dates import DateLike
from .events import EventKind, EventKindName
from .periods import Status
from .provenance import Confidence, Region, RegionName
from .relation import Relation

if TYPE_CHECKING:
    from ._records import Succession, TimelineEntry
    from .panels import PanelMembership, PanelRow, PanelRule, PanelUnit

__all__ = [
    "active_on",
    "all_relations",
    "by_region",
    "established_between",
    "ever_broken",
    "inactive_on",
    "panel",
    "predecessors_of",
    "relations_with",
    "statuses_on",
    "successions",
    "successors_of",
    "timeline",
    "uncertain_on",
]


def relations_with(country: str | int, *, system: CodeSystem | str | None = None) -> Relation:
    """The relation with ``country``.

    ``country`` may be an English short or official name, a common or former
    name, the Spanish name, or an ISO 3166-1 alpha-2, alpha-3 or numeric code
    (text or int), or an ISO 3166-3 code of a former state. With
    ``system="cow"`` or ``system="gw"`` it is a Correlates of War or
    Gleditsch–Ward code or abbreviation instead: ISO numeric 710 is South
    Africa, COW 710 is China.

    Raises :class:`~peru_diplomacy.UnknownCountryError` (with
    ``suggestions``), :class:`~peru_diplomacy.AmbiguousCountryError`
    or :class:`~peru_diplomacy.NoRelationError`, all
    :class:`LookupError`; ``TypeError`` for anything but text or an int.

    >>> relations_with(152).counterpart.name
    'Chile'
    >>> relations_with(710).counterpart.name, relations_with(710, system="cow").counterpart.name
    ('South Africa', 'China')
    >>> relations_with("Alemania").counterpart.alpha3
    'DEU'
    >>> relations_with("Chle")
    Traceback (most recent call last):
    ...
    peru_diplomacy.errors.UnknownCountryError: no country matches 'Chle': did you mean Chile?
    """
    return packaged_dataset().relations_with(country, system=system)


def all_relations(*, min_confidence: Confidence | str | None = None) -> tuple[Relation, ...]:
    """Every relation, in the source's order; with ``min_confidence``, only rows attributed that surely.

    >>> len(all_relations()), len(all_relations(min_confidence="medium"))
    (189, 169)
    """
    return packaged_dataset().all_relations(min_confidence=min_confidence)


def by_region(region: Region | RegionName) -> tuple[Relation, ...]:
    """The relations of one region table ("Africa", "Americas", "Asia", "Europe", "Oceania").

    >>> len(by_region("Africa"))
    44
    """
    return packaged_dataset().by_region(region)


def statuses_on(when: DateLike, *, carry_forward: bool = False) -> dict[str, Status]:
    """Every relation's status on ``when``, keyed by relation id (one relation's: ``Relation.status_on``).

    >>> statuses_on("1965-06-01")["CUB"].value
    'inactive'
    """
    return packaged_dataset().statuses_on(when, carry_forward=carry_forward)


def active_on(when: DateLike) -> tuple[Relation, ...]:
    """The relations that certainly stood on ``when`` (a date, ISO text or partial date).

    >>> "Cuba" in [r.counterpart.name for r in active_on("1965-06-01")]
    False
    """
    return packaged_dataset().active_on(when)


def inactive_on(when: DateLike) -> tuple[Relation, ...]:
    """The relations that certainly did not stand on ``when``.

    >>> relations_with("Cuba") in inactive_on("1965")
    True
    """
    return packaged_dataset().inactive_on(when)


def uncertain_on(when: DateLike) -> tuple[Relation, ...]:
    """The relations whose status on ``when`` the source's precision leaves open.

    >>> relations_with("Turkey") in uncertain_on("1952-06-01")
    True
    """
    return packaged_dataset().uncertain_on(when)


def established_between(first: DateLike, last: DateLike) -> tuple[Relation, ...]:
    """Relations with an establishment dated wholly within ``first``..``last``.

    >>> [r.counterpart.name for r in established_between("1826", "1826-12")]
    ['Bolivia', 'United States', 'France', 'Netherlands']
    """
    return packaged_dataset().established_between(first, last)


def timeline(
    *,
    kinds: Iterable[EventKind | EventKindName] | None = None,
    region: Region | RegionName | None = None,
    first: DateLike | None = None,
    last: DateLike | None = None,
) -> tuple[TimelineEntry, ...]:
    """Every event in date order, filtered by kind, region and date range.

    >>> [t.relation.counterpart.name for t in timeline(kinds=["restored"], region="Americas")]
    ['Cuba']
    """
    return packaged_dataset().timeline(kinds=kinds, region=region, first=first, last=last)


def ever_broken() -> tuple[Relation, ...]:
    """Relations that were broken at least once.

    >>> len(ever_broken())
    10
    """
    return packaged_dataset().ever_broken()


def successions() -> tuple[Succession, ...]:
    """Every change of state the data records, in date order.

    >>> [str(s.date) for s in successions()]
    ['1990', '1991-12-26', '1993-01-02']
    """
    return packaged_dataset().successions()


def successors_of(country: str | int) -> tuple[Counterpart, ...]:
    """The states that took over from ``country``.

    >>> [c.name for c in successors_of("USSR")]
    ['Russia']
    """
    return packaged_dataset().successors_of(country)


def predecessors_of(country: str | int) -> tuple[Counterpart, ...]:
    """The states ``country`` took over from.

    >>> [c.name for c in predecessors_of("Czech Republic")]
    ['Czechoslovakia']
    """
    return packaged_dataset().predecessors_of(country)


def panel(
    first: int,
    last: int,
    *,
    unit: PanelUnit = "year",
    rule: PanelRule = "on_day",
    membership: PanelMembership = "lifetime",
    carry_forward: bool = False,
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
    outside 1 to 9999 raise :class:`ValueError` naming the argument.

    >>> rows = panel(1991, 1992)
    >>> [(r.year, r.name, r.cow_code, r.status.value) for r in rows if r.relation_id == "RUS"]
    [(1991, 'Soviet Union', 365, 'inactive'), (1991, 'Russia', 365, 'active'), (1992, 'Russia', 365, 'active')]
    >>> panel(2000, 1990)
    Traceback (most recent call last):
    ...
    ValueError: first (2000) is after last (1990): the panel would be empty
    """
    return packaged_dataset().panel(
        first, last, unit=unit, rule=rule, membership=membership, carry_forward=carry_forward
    )
