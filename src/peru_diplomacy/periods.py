"""Periods of relations and three-valued answers about them.

A :class:`Period` runs from the day relations were established or restored up
to, but not including, the day they were broken or ended. Either bound may be
a partial date. On a given day relations were then

- ``Status.ACTIVE`` when every reading of the imprecise bounds agrees they stood,
- ``Status.INACTIVE`` when every reading agrees they did not,
- ``Status.UNCERTAIN`` when the answer depends on where inside an
  imprecise bound the true date lies.

>>> from peru_diplomacy.dates import PartialDate
>>> p = Period(start=PartialDate(1952))
>>> p.status_on(datetime.date(1952, 6, 1)).value
'uncertain'
>>> p.status_on(datetime.date(1953, 1, 1)).value
'active'
"""

from __future__ import annotations

import bisect
import datetime as _dt
import enum
from collections.abc import Iterable

import attrs

from .dates import PartialDate
from .errors import InvalidDateError

__all__ = ["Period", "Status", "StatusTimeline"]

# Day ordinals: datetime.date(1, 1, 1) is 1. Bounds beyond any date use these.
_BEFORE_ALL = 0
_AFTER_ALL = _dt.date.max.toordinal() + 1


class Status(enum.StrEnum):
    """The three answers to "did relations stand then?".

    >>> Status("active") is Status.ACTIVE
    True
    """

    ACTIVE = "active"
    INACTIVE = "inactive"
    UNCERTAIN = "uncertain"


@attrs.frozen(kw_only=True)
class Period:
    """A span during which relations stood: ``start`` included, ``end`` excluded.

    ``end`` is ``None`` when relations still stood when the source was written.

    >>> p = Period(start=PartialDate(1873, 8, 21), end=PartialDate(1942, 1, 24))
    >>> p.status_on(datetime.date(1942, 1, 24)).value
    'inactive'
    >>> p.is_open
    False
    """

    start: PartialDate
    end: PartialDate | None = None

    @property
    def is_open(self) -> bool:
        """Whether relations in this period still stood at the source's revision."""
        return self.end is None

    def certain_span(self) -> tuple[int, int]:
        """Half-open day-ordinal span on which relations certainly stood (may be empty)."""
        stop = _AFTER_ALL if self.end is None else self.end.earliest.toordinal()
        return (self.start.latest.toordinal(), stop)

    def possible_span(self) -> tuple[int, int]:
        """Half-open day-ordinal span on which relations may have stood."""
        stop = _AFTER_ALL if self.end is None else self.end.latest.toordinal()
        return (self.start.earliest.toordinal(), stop)

    def status_on(self, day: _dt.date) -> Status:
        """Whether relations stood on ``day`` within this period alone."""
        return StatusTimeline.from_periods((self,)).status_at(day.toordinal())


@attrs.frozen
class StatusTimeline:
    """The status of a set of periods as a step function over days.

    Built once per relation, it answers a day in one binary search and a range
    of days by reading the steps the range crosses.

    >>> t = StatusTimeline.from_periods([Period(start=PartialDate(1952))])
    >>> [s.value for s in t.statuses]
    ['inactive', 'uncertain', 'active']
    """

    starts: tuple[int, ...]
    statuses: tuple[Status, ...]

    @classmethod
    def from_periods(cls, periods: Iterable[Period]) -> StatusTimeline:
        """The step function of the given periods."""
        periods = tuple(periods)
        certain = [p.certain_span() for p in periods]
        possible = [p.possible_span() for p in periods]
        points = {_BEFORE_ALL}
        for lo, hi in certain + possible:
            if lo < hi:
                points.add(lo)
                if hi < _AFTER_ALL:
                    points.add(hi)
        starts: list[int] = []
        statuses: list[Status] = []
        for point in sorted(points):
            if any(lo <= point < hi for lo, hi in certain):
                status = Status.ACTIVE
            elif any(lo <= point < hi for lo, hi in possible):
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

    def on(self, when: PartialDate) -> Status:
        """The status on an unknown day within ``when``: definite only if the same on every day."""
        if when.day is not None:
            return self.status_at(when.earliest.toordinal())
        seen = self.statuses_between(when.earliest.toordinal(), when.latest.toordinal())
        return next(iter(seen)) if len(seen) == 1 else Status.UNCERTAIN

    def at_any_time(self, first: PartialDate, last: PartialDate) -> Status:
        """Whether relations stood on at least one day from ``first`` to ``last``."""
        seen = self.statuses_between(first.earliest.toordinal(), last.latest.toordinal())
        if Status.ACTIVE in seen:
            return Status.ACTIVE
        return Status.INACTIVE if seen == {Status.INACTIVE} else Status.UNCERTAIN

    def throughout(self, first: PartialDate, last: PartialDate) -> Status:
        """Whether relations stood on every day from ``first`` to ``last``."""
        seen = self.statuses_between(first.earliest.toordinal(), last.latest.toordinal())
        if Status.INACTIVE in seen:
            return Status.INACTIVE
        return Status.ACTIVE if seen == {Status.ACTIVE} else Status.UNCERTAIN


def check_range(first: PartialDate, last: PartialDate) -> None:
    """Reject a range whose end lies wholly before its start."""
    if last.definitely_before(first):
        raise InvalidDateError(f"the range {first}..{last} ends before it starts")
