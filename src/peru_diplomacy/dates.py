"""Partial dates: a year, a month or a day, exactly as a source gives them.

A :class:`PartialDate` is a value type in the spirit of :class:`datetime.date`,
but it may stop at the year or the month. It never pretends to be more precise
than its source: ``PartialDate(1952)`` is *some day in 1952*, not 1 January.

>>> from peru_diplomacy import PartialDate
>>> d = PartialDate.fromisoformat("1966-09")
>>> d.precision
<Precision.MONTH: 10>
>>> d.earliest, d.latest
(datetime.date(1966, 9, 1), datetime.date(1966, 9, 30))
>>> d.isoformat()
'1966-09'
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

import attrs

from ._numbers import integral
from .errors import InvalidDateError

if TYPE_CHECKING:
    from datetime import date, datetime
else:
    try:  # CPython: the very classes the datetime module exports, without running datetime.py (issue #10)
        from _datetime import date, datetime
    except ImportError:  # pragma: no cover - implementations without the C module
        from datetime import date, datetime

__all__ = ["DateLike", "PartialDate", "Precision", "to_partial_date"]

# Day ordinals are counted here, so that the status of a relation on a day is
# found without making datetime.date objects.
_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_DAYS_BEFORE_MONTH = (0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _days_in_month(year: int, month: int) -> int:
    if month == 2 and _is_leap(year):
        return 29
    return _MONTH_DAYS[month - 1]


def day_ordinal(year: int, month: int, day: int) -> int:
    """The day's proleptic Gregorian ordinal, as :meth:`datetime.date.toordinal` gives it.

    >>> import datetime
    >>> from peru_diplomacy.dates import day_ordinal
    >>> day_ordinal(1821, 7, 28) == datetime.date(1821, 7, 28).toordinal()
    True
    """
    before = year - 1
    leap_day = 1 if month > 2 and _is_leap(year) else 0
    return before * 365 + before // 4 - before // 100 + before // 400 + _DAYS_BEFORE_MONTH[month] + leap_day + day


_DIGITS = frozenset("0123456789")


def _iso_parts(text: str) -> tuple[str, str | None, str | None] | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` split into parts (ASCII digits only), or ``None``."""
    if len(text) not in (4, 7, 10) or any(text[i] != "-" for i in (4, 7) if i < len(text)):
        return None
    year, month, day = text[:4], text[5:7] or None, text[8:10] or None
    if not all(set(part) <= _DIGITS for part in (year, month or "", day or "")):
        return None
    return year, month, day


class Precision(enum.IntEnum):
    """How much of a date the source gives.

    The values are Wikidata's precision numbers (9 year, 10 month, 11 day), so
    they order from coarse to fine.

    >>> from peru_diplomacy import Precision
    >>> Precision.YEAR < Precision.DAY
    True
    """

    YEAR = 9
    MONTH = 10
    DAY = 11


def _validate_year(instance: PartialDate, attribute: attrs.Attribute[int], value: int) -> None:
    if type(value) is not int:
        raise TypeError(f"year must be an int, not {type(value).__name__}")
    if not 1 <= value <= 9999:
        raise InvalidDateError(f"year {value} is out of range: years run from 1 to 9999")


def _validate_part(instance: PartialDate, attribute: attrs.Attribute[int | None], value: int | None) -> None:
    if value is not None and type(value) is not int:
        raise TypeError(f"{attribute.name} must be an int or None, not {type(value).__name__}")


@attrs.frozen(order=False, repr=False)
class PartialDate:
    """A calendar date known to the year, the month or the day.

    Equality and hashing are by value. Sorting orders by the earliest possible
    day, then the wider date first, so a year sorts before each of its months
    and a month before each of its days; two partial dates compare equal only
    when they are the same value, so the order is consistent with ``==``.

    For reasoning, use the three-valued comparisons: :meth:`definitely_before`
    and :meth:`possibly_before` (and their ``after`` mirrors).

    >>> from peru_diplomacy import PartialDate
    >>> PartialDate(1985, 9, 6)
    PartialDate.fromisoformat('1985-09-06')
    >>> PartialDate(1952) < PartialDate(1952, 3)
    True
    >>> PartialDate(1952).definitely_before(PartialDate(1952, 3))
    False
    >>> PartialDate(1952).possibly_before(PartialDate(1952, 3))
    True
    >>> PartialDate(2021, 2, 30)
    Traceback (most recent call last):
    ...
    peru_diplomacy.errors.InvalidDateError: day 30 is out of range for 2021-02 (1..28)
    """

    year: int = attrs.field(validator=_validate_year)
    month: int | None = attrs.field(default=None, validator=_validate_part)
    day: int | None = attrs.field(default=None, validator=_validate_part)

    def __attrs_post_init__(self) -> None:
        if self.month is None:
            if self.day is not None:
                raise InvalidDateError(f"a day ({self.day}) needs a month: give year, month and day")
            return
        if not 1 <= self.month <= 12:
            raise InvalidDateError(f"month {self.month} is out of range (1..12)")
        if self.day is not None:
            last = _days_in_month(self.year, self.month)
            if not 1 <= self.day <= last:
                raise InvalidDateError(
                    f"day {self.day} is out of range for {self.year:04d}-{self.month:02d} (1..{last})"
                )

    # -- construction and text -------------------------------------------------

    @classmethod
    def fromisoformat(cls, text: str) -> PartialDate:
        """Parse ISO 8601 reduced-precision text: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

        >>> from peru_diplomacy import PartialDate
        >>> PartialDate.fromisoformat("1952").precision.name
        'YEAR'
        >>> PartialDate.fromisoformat("1952-13")
        Traceback (most recent call last):
        ...
        peru_diplomacy.errors.InvalidDateError: month 13 is out of range (1..12)
        """
        if not isinstance(text, str):
            raise TypeError(f"fromisoformat() takes a str, not {type(text).__name__}")
        parts = _iso_parts(text.strip())
        if parts is None:
            raise InvalidDateError(
                f"{text!r} is not an ISO 8601 date of year, month or day precision; write 1952, 1966-09 or 1985-09-06"
            )
        year, month, day = parts
        return cls(
            int(year),
            None if month is None else int(month),
            None if day is None else int(day),
        )

    @classmethod
    def from_date(cls, value: date) -> PartialDate:
        """The day-precision partial date of a :class:`datetime.date`.

        >>> import datetime
        >>> from peru_diplomacy import PartialDate
        >>> PartialDate.from_date(datetime.date(2000, 1, 1)).isoformat()
        '2000-01-01'
        """
        return cls(value.year, value.month, value.day)

    def isoformat(self) -> str:
        """The ISO 8601 text at this date's precision; the inverse of :meth:`fromisoformat`.

        >>> from peru_diplomacy import PartialDate
        >>> PartialDate(1966, 9).isoformat()
        '1966-09'
        """
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __str__(self) -> str:
        return self.isoformat()

    def __repr__(self) -> str:
        return f"PartialDate.fromisoformat({self.isoformat()!r})"

    # -- what the date covers ---------------------------------------------------

    @property
    def precision(self) -> Precision:
        """Year, month or day.

        >>> from peru_diplomacy import PartialDate
        >>> PartialDate(1985, 9, 6).precision.name
        'DAY'
        """
        if self.month is None:
            return Precision.YEAR
        if self.day is None:
            return Precision.MONTH
        return Precision.DAY

    @property
    def earliest(self) -> date:
        """The first day the date may stand for.

        >>> from peru_diplomacy import PartialDate
        >>> PartialDate(1952).earliest
        datetime.date(1952, 1, 1)
        """
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> date:
        """The last day the date may stand for.

        >>> from peru_diplomacy import PartialDate
        >>> PartialDate(1952, 2).latest
        datetime.date(1952, 2, 29)
        """
        if self.month is None:
            return date(self.year, 12, 31)
        return date(self.year, self.month, self.day or _days_in_month(self.year, self.month))

    @property
    def earliest_ordinal(self) -> int:
        """:attr:`earliest` as a day ordinal (:meth:`datetime.date.toordinal`), without making the date.

        >>> import datetime
        >>> from peru_diplomacy import PartialDate
        >>> PartialDate(1952).earliest_ordinal == datetime.date(1952, 1, 1).toordinal()
        True
        """
        return day_ordinal(self.year, self.month or 1, self.day or 1)

    @property
    def latest_ordinal(self) -> int:
        """:attr:`latest` as a day ordinal (:meth:`datetime.date.toordinal`), without making the date.

        >>> from peru_diplomacy import PartialDate
        >>> PartialDate(1952, 2).latest_ordinal - PartialDate(1952, 2).earliest_ordinal
        28
        """
        if self.month is None:
            return day_ordinal(self.year, 12, 31)
        return day_ordinal(self.year, self.month, self.day or _days_in_month(self.year, self.month))

    def contains(self, day: date) -> bool:
        """Whether ``day`` is one of the days this date may stand for.

        >>> import datetime
        >>> from peru_diplomacy import PartialDate
        >>> PartialDate(1966, 9).contains(datetime.date(1966, 9, 30))
        True
        """
        if isinstance(day, datetime):
            day = day.date()
        return self.earliest <= day <= self.latest

    def __contains__(self, day: object) -> bool:
        """``day in date``: a :class:`datetime.date` or :class:`datetime.datetime` (taken at its date).

        >>> from peru_diplomacy import PartialDate
        >>> import datetime
        >>> datetime.datetime(1952, 5, 1, 12, 0) in PartialDate(1952)
        True
        """
        if isinstance(day, datetime):
            day = day.date()
        return isinstance(day, date) and self.contains(day)

    # -- three-valued comparisons -------------------------------------------------

    def definitely_before(self, other: DateLike) -> bool:
        """True when every day this date may be comes before every day ``other`` may be.

        ``other`` is any :data:`DateLike` (``"1953"``, a :class:`datetime.date` ...).

        >>> from peru_diplomacy import PartialDate
        >>> PartialDate(1951).definitely_before(PartialDate(1952))
        True
        """
        other = other if type(other) is PartialDate else to_partial_date(other)
        return self.latest_ordinal < other.earliest_ordinal

    def possibly_before(self, other: DateLike) -> bool:
        """True when some day this date may be comes before some day ``other`` may be.

        >>> from peru_diplomacy import PartialDate
        >>> PartialDate(1952, 5).possibly_before(PartialDate(1952))
        True
        """
        other = other if type(other) is PartialDate else to_partial_date(other)
        return self.earliest_ordinal < other.latest_ordinal

    def definitely_after(self, other: DateLike) -> bool:
        """The mirror of :meth:`definitely_before`.

        >>> from peru_diplomacy import PartialDate
        >>> PartialDate(1953).definitely_after(PartialDate(1952, 12, 31))
        True
        """
        other = other if type(other) is PartialDate else to_partial_date(other)
        return other.definitely_before(self)

    def possibly_after(self, other: DateLike) -> bool:
        """The mirror of :meth:`possibly_before`.

        >>> from peru_diplomacy import PartialDate
        >>> PartialDate(1951).possibly_after(PartialDate(1952, 12))
        False
        """
        other = other if type(other) is PartialDate else to_partial_date(other)
        return other.possibly_before(self)

    # -- sorting ------------------------------------------------------------------

    def sort_key(self) -> tuple[int, int]:
        """The key used for ordering: earliest day first, then the wider date first.

        The key is unique to each value, so the order is consistent with ``==``.

        >>> from peru_diplomacy import PartialDate
        >>> [str(d) for d in sorted([PartialDate(1952, 3, 1), PartialDate(1952, 3), PartialDate(1952)])]
        ['1952', '1952-03', '1952-03-01']
        """
        return (self.earliest_ordinal, -self.latest_ordinal)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() < other.sort_key()

    def __le__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() <= other.sort_key()

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() > other.sort_key()

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() >= other.sort_key()


DateLike = date | str | PartialDate | int
"""What the query functions accept as a date: a date, ISO text of year, month or
day precision, a :class:`PartialDate` or a year (see :data:`peru_diplomacy.DateLike`).

Pipelines' own types work too, without the library importing them: any
integral number as a year (``numpy.int64``), a ``numpy.datetime64`` at its
unit's precision (``'1990'`` a year, ``'1990-06'`` a month, a day or finer a
day), and objects spanning one year, month or day with ``start_time`` and
``end_time`` (``pandas.Period``); ``pandas.Timestamp`` is a datetime."""


def to_partial_date(value: DateLike) -> PartialDate:
    """Coerce a :data:`DateLike` to a :class:`PartialDate`.

    A :class:`datetime.datetime` is taken at its date; an integral number
    (``numpy.int64`` too) is a year; a ``numpy.datetime64`` keeps its unit's
    precision and a ``pandas.Period`` of a year, month or day its own.

    >>> from peru_diplomacy import to_partial_date
    >>> to_partial_date("1970-01-01")
    PartialDate.fromisoformat('1970-01-01')
    >>> to_partial_date(1970)
    PartialDate.fromisoformat('1970')
    >>> to_partial_date(1.5)
    Traceback (most recent call last):
    ...
    TypeError: expected a datetime.date, ISO date text, a PartialDate or a year (int), not
    float
    """
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, date):
        try:
            day = value.date() if isinstance(value, datetime) else value
            return PartialDate(day.year, day.month, day.day)
        except (ValueError, TypeError, AttributeError):  # pandas.NaT is a datetime that has no date
            raise InvalidDateError(f"{value!r} is not a date (a missing value?)") from None
    if isinstance(value, str):
        return PartialDate.fromisoformat(value)
    year = integral(value)
    if year is not None:
        if not 1 <= year <= 9999:
            raise InvalidDateError(f"year {year} is out of range: years run from 1 to 9999")
        return PartialDate(year)
    carried = _carried_date(value)
    if carried is not None:
        return carried
    raise TypeError(
        f"expected a datetime.date, ISO date text, a PartialDate or a year (int), not {type(value).__name__}"
    )


# numpy.datetime64 units: the precision each gives (weeks span days, so they are refused).
_DATETIME64_PRECISION = {"Y": 4, "M": 7, "D": 10, "h": 10, "m": 10, "s": 10, "ms": 10, "us": 10, "ns": 10}


def _carried_date(value: object) -> PartialDate | None:
    """The date an object of numpy or pandas carries (by duck typing, importing neither), or ``None``."""
    kind = type(value).__name__
    if kind == "NAType":  # pandas.NA: a missing value, as NaT is
        raise InvalidDateError(f"{value!r} is not a date (a missing value)")
    if kind == "datetime64":
        dtype = getattr(getattr(value, "dtype", None), "name", "")
        unit = dtype.partition("[")[2].rstrip("]")
        text = str(value)
        if text == "NaT":
            raise InvalidDateError("numpy.datetime64('NaT') is not a date (a missing value)")
        width = _DATETIME64_PRECISION.get(unit)
        if width is None:
            raise InvalidDateError(
                f"a numpy.datetime64 of unit {unit or 'generic'!r} is not a year, month or day; "
                "convert it with .astype('datetime64[D]')"
            )
        return PartialDate.fromisoformat(text[:width])
    start, end = getattr(value, "start_time", None), getattr(value, "end_time", None)
    if isinstance(start, date) and isinstance(end, date):
        try:
            first = PartialDate(start.year, start.month, start.day)
            last = PartialDate(end.year, end.month, end.day)
        except (ValueError, TypeError, AttributeError):
            raise InvalidDateError(f"{value!r} is not a date (a missing value?)") from None
        for candidate in (first, PartialDate(first.year, first.month), PartialDate(first.year)):
            if candidate.earliest_ordinal == first.earliest_ordinal and candidate.latest_ordinal == last.latest_ordinal:
                return candidate
        raise InvalidDateError(
            f"{value!r} spans {first}..{last}, which is not one year, month or day; pass its start_time, or its year"
        )
    return None
