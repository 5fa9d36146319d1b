"""Counts people compute: relations by status per year or decade, events per decade, by region.

Every count keeps the library's three values apart: how many relations
*certainly* stood, how many *possibly* did (certainly, or the sources cannot
tell), and how many certainly did not; how many events *certainly* fell in a
period, and how many *possibly* did (a relation the table gives no date for
was established at some unknown time: possibly in any period its state
existed in).

>>> from peru_diplomacy.summaries import status_counts
>>> row = status_counts(1970, 1970)[0]
>>> row.period, row.active, row.uncertain, row.inactive, row.total
('1970', 67, 7, 115, 189)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal, get_args

import attrs

from ._numbers import integral
from .dates import PartialDate
from .errors import InvalidArgumentError
from .events import EventKind, EventKindName
from .explanation import InferenceKind
from .panel_options import DEFAULT_RULE, StatusRule
from .periods import Status
from .provenance import Region

if TYPE_CHECKING:
    from .dataset import Dataset
    from .relation import Relation

__all__ = [
    "EventCount",
    "InferenceShare",
    "StatusCount",
    "SummaryRule",
    "SummaryUnit",
    "event_counts",
    "inference_shares",
    "status_counts",
]

SummaryUnit = Literal["year", "decade"]
"""The periods of a summary: calendar years, or decades (1950 to 1959)."""
SummaryRule = StatusRule
"""How a period's status is read, as a panel's unit's is (:data:`~peru_diplomacy.panel_options.StatusRule`)."""


@attrs.frozen(kw_only=True)
class StatusCount:
    """How many relations had each status in one period (and region, when counted by region).

    ``active`` certainly stood, ``inactive`` certainly did not, ``uncertain``
    the sources cannot tell; ``possibly_active`` is ``active + uncertain``.

    >>> from peru_diplomacy.summaries import status_counts
    >>> row = status_counts(1900, 1909, unit="decade")[0]
    >>> row.period, row.first_year, row.last_year, row.possibly_active >= row.active
    ('1900s', 1900, 1909, True)
    """

    period: str
    first_year: int
    last_year: int
    region: str | None
    rule: str
    active: int
    uncertain: int
    inactive: int

    @property
    def possibly_active(self) -> int:
        """Relations that certainly or possibly stood."""
        return self.active + self.uncertain

    @property
    def total(self) -> int:
        """Every relation counted."""
        return self.active + self.uncertain + self.inactive


@attrs.frozen(kw_only=True)
class EventCount:
    """How many events of one kind fell in one period (and region).

    ``certain`` counts events whose date lies in the period; ``possible`` adds,
    for establishments, the relations the table gives no date for whose state
    (and Peru) existed in the period: they were established at some time the
    sources do not give.

    >>> from peru_diplomacy.summaries import event_counts
    >>> [(r.period, r.certain) for r in event_counts(1940, 1949, kinds=["broken"])]
    [('1940s', 3)]
    """

    period: str
    first_year: int
    last_year: int
    region: str | None
    kind: str
    certain: int
    possible: int


@attrs.frozen(kw_only=True)
class InferenceShare:
    """What the status of one period's relation-days rests on, as a share of them.

    ``rests_on`` is one of :data:`~peru_diplomacy.explanation.InferenceKind`: ``dated_source``,
    ``continuity``, ``contest``, ``lifetime``, ``horizon``, ``silence``; ``days`` the relation-days it
    decided (days on which a state of the lineage and Peru existed, or may have), ``share`` their share
    of the period's relation-days.

    >>> from peru_diplomacy.summaries import inference_shares
    >>> row = [r for r in inference_shares(1880, 1889) if r.rests_on == "dated_source"][0]
    >>> row.period, row.days > 0, 0 < row.share < 1
    ('1880s', True, True)
    """

    period: str
    first_year: int
    last_year: int
    rests_on: InferenceKind
    days: int
    share: float


def inference_shares(
    first: int, last: int, *, unit: SummaryUnit = "decade", dataset: Dataset | None = None
) -> tuple[InferenceShare, ...]:
    """How much of the history rests on inference: per decade (or year), the share of relation-days whose
    status rests on a dated source, on continuity, on a contest, on a lifetime, on the horizon, or on
    nothing (``silence``), by the :class:`~peru_diplomacy.Basis` of each day.

    >>> from peru_diplomacy.summaries import inference_shares
    >>> [(r.rests_on, round(r.share, 2)) for r in inference_shares(1990, 1999)]
    [('dated_source', 0.19), ('continuity', 0.78), ('contest', 0.01), ('lifetime', 0.0),
    ('horizon', 0.0), ('silence', 0.03)]
    """
    from .dataset import packaged_dataset
    from .explanation import _RESTS_ON

    data = packaged_dataset() if dataset is None else dataset
    first, last = _years("first", first), _years("last", last)
    kinds: tuple[InferenceKind, ...] = get_args(InferenceKind)
    rows = []
    for label, lo_year, hi_year in _periods(first, last, unit):
        lo, hi = PartialDate(lo_year).earliest_ordinal, PartialDate(hi_year).latest_ordinal
        tally = dict.fromkeys(kinds, 0)
        for relation in data.relations:
            for basis, days in relation.possible_days_by_basis(lo, hi).items():
                tally[_RESTS_ON[basis]] += days
        total = sum(tally.values())
        for kind in kinds:
            rows.append(
                InferenceShare(
                    period=label,
                    first_year=lo_year,
                    last_year=hi_year,
                    rests_on=kind,
                    days=tally[kind],
                    share=tally[kind] / total if total else 0.0,
                )
            )
    return tuple(rows)


def _years(name: str, value: object) -> int:
    year = integral(value)
    if year is None or not 1 <= year <= 9999:
        raise InvalidArgumentError(f"{name} must be a year from 1 to 9999 (an int), not {value!r}")
    return year


def _periods(first: int, last: int, unit: str) -> list[tuple[str, int, int]]:
    if unit not in get_args(SummaryUnit):
        raise InvalidArgumentError(
            f"unit must be one of {', '.join(repr(u) for u in get_args(SummaryUnit))}, not {unit!r}"
        )
    if first > last:
        raise InvalidArgumentError(f"first ({first}) is after last ({last}): the summary would be empty")
    if unit == "year":
        return [(str(year), year, year) for year in range(first, last + 1)]
    start = first - first % 10
    return [(f"{d}s", max(d, first), min(d + 9, last)) for d in range(start, last + 1, 10)]


def _regions(relations: Iterable[Relation], by_region: bool) -> list[tuple[str | None, list[Relation]]]:
    relations = list(relations)
    if not by_region:
        return [(None, relations)]
    return [(region.value, [r for r in relations if r.region is region]) for region in Region]


def status_counts(
    first: int,
    last: int,
    *,
    unit: SummaryUnit = "year",
    rule: SummaryRule = DEFAULT_RULE,
    by_region: bool = False,
    carry_forward: bool = False,
    dataset: Dataset | None = None,
) -> tuple[StatusCount, ...]:
    """Relations by status in each year (or decade) from ``first`` to ``last``.

    ``rule`` reads a period as a panel does: its last day (``on_day``, 31
    December), any of its days, or all of them. After the horizon, relations
    are ``uncertain`` unless ``carry_forward=True``.

    >>> from peru_diplomacy.summaries import status_counts
    >>> [(r.region, r.active) for r in status_counts(2000, 2000, by_region=True)][:2]
    [('Africa', 34), ('Americas', 33)]
    """
    from .dataset import packaged_dataset

    data = packaged_dataset() if dataset is None else dataset
    first, last = _years("first", first), _years("last", last)
    if rule not in get_args(SummaryRule):
        raise InvalidArgumentError(
            f"rule must be one of {', '.join(repr(r) for r in get_args(SummaryRule))}, not {rule!r}"
        )
    rows = []
    for label, lo_year, hi_year in _periods(first, last, unit):
        lo, hi = PartialDate(lo_year).earliest_ordinal, PartialDate(hi_year).latest_ordinal
        for region, relations in _regions(data.relations, by_region):
            tally = {Status.ACTIVE: 0, Status.UNCERTAIN: 0, Status.INACTIVE: 0}
            for relation in relations:
                timeline = relation.carried_timeline if carry_forward else relation.timeline
                tally[timeline.read(rule, lo, hi)] += 1
            rows.append(
                StatusCount(
                    period=label,
                    first_year=lo_year,
                    last_year=hi_year,
                    region=region,
                    rule=rule,
                    active=tally[Status.ACTIVE],
                    uncertain=tally[Status.UNCERTAIN],
                    inactive=tally[Status.INACTIVE],
                )
            )
    return tuple(rows)


def event_counts(
    first: int,
    last: int,
    *,
    unit: SummaryUnit = "decade",
    kinds: Iterable[EventKind | EventKindName] = (EventKind.ESTABLISHED, EventKind.BROKEN, EventKind.RESTORED),
    by_region: bool = False,
    dataset: Dataset | None = None,
) -> tuple[EventCount, ...]:
    """Events of each kind per decade (or year) from ``first`` to ``last``: certainly, and possibly, in it.

    >>> from peru_diplomacy.summaries import event_counts
    >>> [(r.kind, r.certain, r.possible) for r in event_counts(1990, 1999)]
    [('established', 30, 35), ('broken', 1, 1), ('restored', 0, 0)]
    """
    from .dataset import packaged_dataset

    if isinstance(kinds, str):
        raise TypeError(f"kinds is a list of event kinds, such as [{kinds!r}], not a single text")
    data = packaged_dataset() if dataset is None else dataset
    first, last = _years("first", first), _years("last", last)
    wanted = [EventKind(k) for k in kinds]
    rows = []
    for label, lo_year, hi_year in _periods(first, last, unit):
        lo, hi = PartialDate(lo_year).earliest_ordinal, PartialDate(hi_year).latest_ordinal
        for region, relations in _regions(data.relations, by_region):
            for kind in wanted:
                dates = [e.date for r in relations for e in r.events if e.kind is kind]
                certain = sum(1 for d in dates if lo <= d.earliest_ordinal and d.latest_ordinal <= hi)
                possible = sum(1 for d in dates if d.earliest_ordinal <= hi and d.latest_ordinal >= lo)
                if kind is EventKind.ESTABLISHED:  # undated rows: established at a time no source gives
                    possible += sum(
                        1
                        for r in relations
                        if not r.events and r.timeline.at_any_time_ordinals(lo, hi) is not Status.INACTIVE
                    )
                rows.append(
                    EventCount(
                        period=label,
                        first_year=lo_year,
                        last_year=hi_year,
                        region=region,
                        kind=kind.value,
                        certain=certain,
                        possible=possible,
                    )
                )
    return tuple(rows)
