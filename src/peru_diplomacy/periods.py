"""Periods of relations and three-valued answers about them.

A :class:`Period` runs from the day relations were established or restored up
to, but not including, the day they were broken or ended. Either bound may be
a partial date. On a given day relations were then

- ``Status.ACTIVE`` when every reading of the imprecise bounds agrees they stood,
- ``Status.INACTIVE`` when every reading agrees they did not,
- ``Status.UNCERTAIN`` when the answer depends on where inside an
  imprecise bound the true date lies.

>>> import datetime
>>> from peru_diplomacy import Period
>>> from peru_diplomacy.dates import PartialDate
>>> p = Period(start=PartialDate(1952))
>>> p.status_on(datetime.date(1952, 6, 1)).value
'uncertain'
>>> p.status_on(datetime.date(1953, 1, 1)).value
'active'
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

import attrs

from ._enums import TextEnum
from .dates import DateLike, PartialDate, day_ordinal
from .errors import InvalidDateError

__all__ = ["Period", "Status"]

# Day ordinals: datetime.date(1, 1, 1) is 1. Bounds beyond any date use these.
_BEFORE_ALL = 0
AFTER_ALL = day_ordinal(9999, 12, 31) + 1


class Status(TextEnum):
    """The three answers to "did relations stand then?".

    >>> from peru_diplomacy import Status
    >>> Status("active") is Status.ACTIVE
    True
    """

    ACTIVE = "active"
    INACTIVE = "inactive"
    UNCERTAIN = "uncertain"


@attrs.frozen(kw_only=True)
class Period:
    """A span of days: ``start`` included, ``end`` excluded.

    A period of relations runs while relations stood; a period of a state's
    existence while the state existed. ``end`` is ``None`` when the period
    still ran at the end of what the data knows. ``open_start`` marks a period
    whose true start is earlier than ``start`` and not recorded (a state the
    lists of states attest only from their first day, 1 January 1816): days
    before ``start`` are then uncertain rather than outside the period.

    >>> import datetime
    >>> from peru_diplomacy import PartialDate
    >>> from peru_diplomacy import Period
    >>> p = Period(start=PartialDate(1873, 8, 21), end=PartialDate(1942, 1, 24))
    >>> p.status_on(datetime.date(1942, 1, 24)).value
    'inactive'
    >>> p.is_open
    False
    """

    start: PartialDate
    end: PartialDate | None = None
    open_start: bool = False

    def __attrs_post_init__(self) -> None:
        if self.end is not None and self.end.latest_ordinal < self.start.earliest_ordinal:
            raise InvalidDateError(f"a period cannot end ({self.end}) before it starts ({self.start})")

    @property
    def is_open(self) -> bool:
        """Whether the period still ran at the end of what the data knows."""
        return self.end is None

    def certain_span(self) -> tuple[int, int]:
        """Half-open day-ordinal span on which the period certainly ran (may be empty)."""
        stop = AFTER_ALL if self.end is None else self.end.earliest_ordinal
        return (self.start.latest_ordinal, stop)

    def possible_span(self) -> tuple[int, int]:
        """Half-open day-ordinal span on which the period may have run.

        With ``open_start`` the period may have begun on any earlier day:
        ``start`` is only the first day the records attest.
        """
        stop = AFTER_ALL if self.end is None else self.end.latest_ordinal
        return (_BEFORE_ALL if self.open_start else self.start.earliest_ordinal, stop)

    def status_on(self, when: DateLike) -> Status:
        """Whether the period ran on ``when`` (any :data:`~peru_diplomacy.DateLike`), this period alone.

        >>> from peru_diplomacy import PartialDate
        >>> from peru_diplomacy import Period
        >>> Period(start=PartialDate(1952)).status_on("1952-06").value
        'uncertain'
        """
        from .dates import to_partial_date

        return StatusTimeline.from_periods((self,)).on(to_partial_date(when))


class StatusTimeline:
    """The status of a set of periods as a step function over days.

    Built once per relation, it answers a day in one binary search and a range
    of days by reading the steps the range crosses. ``statuses[i]`` holds from
    day ordinal ``starts[i]`` up to the next start. An immutable value,
    compared and hashed by its steps. It is internal, not a record: a plain
    slotted class, so that importing the package builds one attrs class fewer.

    >>> from peru_diplomacy import PartialDate
    >>> from peru_diplomacy import Period
    >>> from peru_diplomacy.periods import StatusTimeline
    >>> t = StatusTimeline.from_periods([Period(start=PartialDate(1952))])
    >>> [s.value for s in t.statuses]
    ['inactive', 'uncertain', 'active']
    """

    __slots__ = ("starts", "statuses")
    starts: tuple[int, ...]
    statuses: tuple[Status, ...]

    def __init__(self, starts: tuple[int, ...], statuses: tuple[Status, ...]) -> None:
        object.__setattr__(self, "starts", starts)
        object.__setattr__(self, "statuses", statuses)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"StatusTimeline is immutable: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"StatusTimeline is immutable: cannot delete {name!r}")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, StatusTimeline):
            return NotImplemented
        return self.starts == other.starts and self.statuses == other.statuses

    def __hash__(self) -> int:
        return hash((self.starts, self.statuses))

    def __repr__(self) -> str:
        return f"StatusTimeline(starts={self.starts!r}, statuses={self.statuses!r})"

    def __reduce__(self) -> tuple[type[StatusTimeline], tuple[tuple[int, ...], tuple[Status, ...]]]:
        return (StatusTimeline, (self.starts, self.statuses))

    @classmethod
    def from_periods(cls, periods: Iterable[Period]) -> StatusTimeline:
        """The step function of the given periods."""
        # A sweep over the spans' ends, counting the spans that cover each point: linear in the periods
        # (it was a scan of every span at every point, quadratic in a relation's events).
        periods = tuple(periods)
        certain = _deltas(p.certain_span() for p in periods)
        possible = _deltas(p.possible_span() for p in periods)
        starts: list[int] = []
        statuses: list[Status] = []
        covered_certain = covered_possible = 0
        for point in sorted({_BEFORE_ALL, *certain, *possible}):
            covered_certain += certain.get(point, 0)
            covered_possible += possible.get(point, 0)
            if covered_certain > 0:
                status = Status.ACTIVE
            elif covered_possible > 0:
                status = Status.UNCERTAIN
            else:
                status = Status.INACTIVE
            if not statuses or statuses[-1] is not status:
                starts.append(point)
                statuses.append(status)
        return cls(tuple(starts), tuple(statuses))

    def status_at(self, ordinal: int) -> Status:
        """The status on one day, given as a :meth:`datetime.date.toordinal`."""
        return self.statuses[bisect.bisect_right(self.starts, ordinal) - 1]

    def statuses_between(self, first: int, last: int) -> frozenset[Status]:
        """Every status taken on some day from ``first`` to ``last`` (ordinals, inclusive)."""
        lo = bisect.bisect_right(self.starts, first) - 1
        hi = bisect.bisect_right(self.starts, last)
        return frozenset(self.statuses[lo:hi])

    @classmethod
    def constant(cls, status: Status) -> StatusTimeline:
        """The same status on every day.

        >>> from peru_diplomacy import Status
        >>> from peru_diplomacy.periods import StatusTimeline
        >>> StatusTimeline.constant(Status.UNCERTAIN).status_at(1)
        <Status.UNCERTAIN: 'uncertain'>
        """
        return cls((_BEFORE_ALL,), (status,))

    def after(self, ordinal: int, status: Status) -> StatusTimeline:
        """This timeline up to the day before ``ordinal``, and ``status`` from that day on.

        >>> from peru_diplomacy import Status
        >>> from peru_diplomacy.periods import StatusTimeline
        >>> t = StatusTimeline.constant(Status.ACTIVE).after(700_000, Status.UNCERTAIN)
        >>> t.status_at(699_999).value, t.status_at(700_000).value
        ('active', 'uncertain')
        """
        keep = bisect.bisect_left(self.starts, ordinal)
        return _simplified([*self.starts[:keep], ordinal], [*self.statuses[:keep], status])

    def days(self, first: int, last: int) -> tuple[int, int]:
        """Days from ``first`` to ``last`` (ordinals, inclusive) certainly active, and possibly active.

        >>> from peru_diplomacy import PartialDate
        >>> from peru_diplomacy import Period
        >>> from peru_diplomacy.periods import StatusTimeline
        >>> t = StatusTimeline.from_periods([Period(start=PartialDate(1952))])
        >>> t.days(PartialDate(1952).earliest_ordinal, PartialDate(1953).latest_ordinal)
        (366, 731)
        """
        starts, statuses = self.starts, self.statuses
        index = bisect.bisect_right(starts, first) - 1
        if index + 1 == len(starts) or starts[index + 1] > last:  # one status throughout: the common case
            status, span = statuses[index], last - first + 1
            return (span if status is Status.ACTIVE else 0, 0 if status is Status.INACTIVE else span)
        active = possible = 0
        day = first
        while day <= last:
            stop = starts[index + 1] - 1 if index + 1 < len(starts) else last
            stop = min(stop, last)
            status = statuses[index]
            if status is not Status.INACTIVE:
                possible += stop - day + 1
                if status is Status.ACTIVE:
                    active += stop - day + 1
            day = stop + 1
            index += 1
        return active, possible

    def overlaid(self, spans: Iterable[tuple[int, int]], status: Status) -> StatusTimeline:
        """This timeline with ``status`` on every day of the half-open ordinal ``spans``.

        >>> from peru_diplomacy import Status
        >>> from peru_diplomacy.periods import StatusTimeline
        >>> t = StatusTimeline.constant(Status.INACTIVE).overlaid([(10, 20)], Status.UNCERTAIN)
        >>> [t.status_at(d).value for d in (9, 10, 19, 20)]
        ['inactive', 'uncertain', 'uncertain', 'inactive']
        """
        cover = _deltas(spans)
        points = sorted({*self.starts, *cover})
        statuses = []
        covered = 0
        for point in points:  # a sweep: linear in the spans (20,000 contests took 18 s)
            covered += cover.get(point, 0)
            statuses.append(status if covered > 0 else self.status_at(point))
        return _simplified(points, statuses)

    def on(self, when: PartialDate) -> Status:
        """The status on an unknown day within ``when``: definite only if the same on every day."""
        if when.day is not None:
            return self.status_at(when.earliest_ordinal)
        seen = self.statuses_between(when.earliest_ordinal, when.latest_ordinal)
        return next(iter(seen)) if len(seen) == 1 else Status.UNCERTAIN

    def at_any_time_ordinals(self, first: int, last: int) -> Status:
        """:meth:`at_any_time` over day ordinals."""
        seen = self.statuses_between(first, last)
        if Status.ACTIVE in seen:
            return Status.ACTIVE
        return Status.INACTIVE if seen == {Status.INACTIVE} else Status.UNCERTAIN

    def throughout_ordinals(self, first: int, last: int) -> Status:
        """:meth:`throughout` over day ordinals."""
        seen = self.statuses_between(first, last)
        if Status.INACTIVE in seen:
            return Status.INACTIVE
        return Status.ACTIVE if seen == {Status.ACTIVE} else Status.UNCERTAIN

    def read(self, rule: str, first: int, last: int) -> Status:
        """The status of the days ``first`` to ``last`` (ordinals) under a panel's ``rule``.

        ``on_day`` reads the last day, ``any_time`` any day, ``throughout`` every day.
        """
        if rule == "on_day":
            return self.status_at(last)
        if rule == "any_time":
            return self.at_any_time_ordinals(first, last)
        return self.throughout_ordinals(first, last)

    def at_any_time(self, first: PartialDate, last: PartialDate) -> Status:
        """Whether relations stood on at least one day from ``first`` to ``last``."""
        seen = self.statuses_between(first.earliest_ordinal, last.latest_ordinal)
        if Status.ACTIVE in seen:
            return Status.ACTIVE
        return Status.INACTIVE if seen == {Status.INACTIVE} else Status.UNCERTAIN

    def throughout(self, first: PartialDate, last: PartialDate) -> Status:
        """Whether relations stood on every day from ``first`` to ``last``."""
        seen = self.statuses_between(first.earliest_ordinal, last.latest_ordinal)
        if Status.INACTIVE in seen:
            return Status.INACTIVE
        return Status.ACTIVE if seen == {Status.ACTIVE} else Status.UNCERTAIN


def _deltas(spans: Iterable[tuple[int, int]]) -> dict[int, int]:
    """How many half-open spans begin (+1) and end (-1) at each point: a sweep's steps (empty spans none)."""
    out: dict[int, int] = {}
    for lo, hi in spans:
        if lo < hi:
            out[lo] = out.get(lo, 0) + 1
            if hi < AFTER_ALL:
                out[hi] = out.get(hi, 0) - 1
    return out


def _simplified(starts: list[int], statuses: list[Status]) -> StatusTimeline:
    out_starts: list[int] = []
    out_statuses: list[Status] = []
    for start, status in zip(starts, statuses, strict=True):
        if out_statuses and out_statuses[-1] is status:
            continue
        out_starts.append(start)
        out_statuses.append(status)
    return StatusTimeline(tuple(out_starts), tuple(out_statuses))


def _combine(timelines: Iterable[StatusTimeline], dominant: Status, neutral: Status) -> StatusTimeline:
    parts = tuple(timelines)
    points = sorted({start for t in parts for start in t.starts} | {_BEFORE_ALL})
    statuses = []
    for point in points:
        seen = {t.status_at(point) for t in parts}
        if dominant in seen:
            statuses.append(dominant)
        elif seen <= {neutral}:
            statuses.append(neutral)
        else:
            statuses.append(Status.UNCERTAIN)
    return _simplified(points, statuses)


def all_of(*timelines: StatusTimeline) -> StatusTimeline:
    """Three-valued "and", day by day: inactive if any is, active only if all are.

    >>> from peru_diplomacy import Status
    >>> from peru_diplomacy.periods import StatusTimeline, all_of
    >>> on = StatusTimeline.constant(Status.ACTIVE)
    >>> all_of(on, StatusTimeline.constant(Status.UNCERTAIN)).statuses
    (<Status.UNCERTAIN: 'uncertain'>,)
    """
    return _combine(timelines, Status.INACTIVE, Status.ACTIVE)


def any_of(*timelines: StatusTimeline) -> StatusTimeline:
    """Three-valued "or", day by day: active if any is, inactive only if all are.

    >>> from peru_diplomacy import Status
    >>> from peru_diplomacy.periods import StatusTimeline, any_of
    >>> off = StatusTimeline.constant(Status.INACTIVE)
    >>> any_of(off, StatusTimeline.constant(Status.UNCERTAIN)).statuses
    (<Status.UNCERTAIN: 'uncertain'>,)
    """
    return _combine(timelines, Status.ACTIVE, Status.INACTIVE)


def check_range(first: PartialDate, last: PartialDate) -> None:
    """Reject a range whose end lies wholly before its start."""
    if last.definitely_before(first):
        raise InvalidDateError(f"the range {first}..{last} ends before it starts")
