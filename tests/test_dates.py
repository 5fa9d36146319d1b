"""PartialDate: parsing, formatting, bounds, ordering and three-valued comparisons."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peru_diplomacy import (
    InvalidDateError,
    PartialDate,
    Precision,
    to_partial_date,
)
from peru_diplomacy.dates import day_ordinal
from tests.strategies import partial_dates


@given(partial_dates())
def test_isoformat_round_trips(date: PartialDate) -> None:
    assert PartialDate.fromisoformat(date.isoformat()) == date


@given(partial_dates())
def test_earliest_is_not_after_latest(date: PartialDate) -> None:
    assert date.earliest <= date.latest
    assert date.earliest == date.latest or date.precision is not Precision.DAY


@given(partial_dates())
def test_ordinals_are_the_standard_librarys(date: PartialDate) -> None:
    assert date.earliest_ordinal == date.earliest.toordinal()
    assert date.latest_ordinal == date.latest.toordinal()


@given(st.dates())
def test_day_ordinal_counts_days_as_datetime_does(day: dt.date) -> None:
    assert day_ordinal(day.year, day.month, day.day) == day.toordinal()


@given(partial_dates(min_year=1800, max_year=2100), st.dates(dt.date(1799, 1, 1), dt.date(2101, 12, 31)))
def test_a_day_lies_in_a_date_exactly_between_its_bounds(date: PartialDate, day: dt.date) -> None:
    inside = date.contains(day)
    assert inside == (date.earliest <= day <= date.latest)
    assert inside == (day in date)
    same_year = day.year == date.year
    same_month = date.month is None or day.month == date.month
    same_day = date.day is None or day.day == date.day
    assert inside == (same_year and same_month and same_day)


@given(partial_dates(), partial_dates())
def test_order_is_total_and_consistent_with_equality(a: PartialDate, b: PartialDate) -> None:
    assert (a == b) == (a.sort_key() == b.sort_key())
    assert (a < b) == ((a.earliest, -a.latest.toordinal()) < (b.earliest, -b.latest.toordinal()))
    assert (a == b) == (hash(a) == hash(b) and a.isoformat() == b.isoformat())
    assert [a < b, a == b, a > b].count(True) == 1
    assert (a <= b) == (a < b or a == b)


@given(partial_dates(), partial_dates())
def test_three_valued_comparisons_agree_with_the_days(a: PartialDate, b: PartialDate) -> None:
    assert a.definitely_before(b) == (a.latest < b.earliest)
    assert a.possibly_before(b) == (a.earliest < b.latest)
    if a.definitely_before(b):
        assert a.possibly_before(b)
        assert not b.possibly_before(a)
    assert a.definitely_after(b) == b.definitely_before(a)
    assert a.possibly_after(b) == b.possibly_before(a)


@given(st.dates())
def test_days_convert_both_ways(day: dt.date) -> None:
    date = PartialDate.from_date(day)
    assert date.precision is Precision.DAY
    assert date.earliest == date.latest == day
    assert to_partial_date(day) == date
    assert to_partial_date(dt.datetime(day.year, day.month, day.day, 12)) == date


@pytest.mark.parametrize(
    ("text", "precision", "earliest", "latest"),
    [
        ("1952", Precision.YEAR, dt.date(1952, 1, 1), dt.date(1952, 12, 31)),
        ("1966-09", Precision.MONTH, dt.date(1966, 9, 1), dt.date(1966, 9, 30)),
        ("1985-09-06", Precision.DAY, dt.date(1985, 9, 6), dt.date(1985, 9, 6)),
        ("1968-02", Precision.MONTH, dt.date(1968, 2, 1), dt.date(1968, 2, 29)),
    ],
)
def test_examples(text: str, precision: Precision, earliest: dt.date, latest: dt.date) -> None:
    date = PartialDate.fromisoformat(text)
    assert (date.precision, date.earliest, date.latest, date.isoformat()) == (precision, earliest, latest, text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1952-13", "month 13 is out of range"),
        ("2021-02-30", "day 30 is out of range for 2021-02"),
        ("1900-02-29", "day 29 is out of range for 1900-02"),
        ("0000", "year 0 is out of range"),
        ("52", "not an ISO 8601 date"),
        ("1952-1", "not an ISO 8601 date"),
        ("6 September 1985", "not an ISO 8601 date"),
        ("", "not an ISO 8601 date"),
    ],
)
def test_invalid_text_says_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(InvalidDateError, match=message):
        PartialDate.fromisoformat(text)


def test_invalid_parts() -> None:
    with pytest.raises(InvalidDateError, match=r"a day \(3\) needs a month"):
        PartialDate(1952, None, 3)
    with pytest.raises(InvalidDateError, match="month 0"):
        PartialDate(1952, 0)
    with pytest.raises(TypeError, match="year must be an int"):
        PartialDate("1952")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="month must be an int"):
        PartialDate(1952, 1.0)  # type: ignore[arg-type]
    assert issubclass(InvalidDateError, ValueError)


def test_ordering_sorts_a_year_before_its_months_and_days() -> None:
    dates = [PartialDate(1952, 3, 1), PartialDate(1952, 3), PartialDate(1952), PartialDate(1951, 12, 31)]
    assert [d.isoformat() for d in sorted(dates)] == ["1951-12-31", "1952", "1952-03", "1952-03-01"]
    assert PartialDate(1952).__lt__("1952") is NotImplemented


def test_to_partial_date_takes_years_and_rejects_other_types() -> None:
    assert to_partial_date(1952) == PartialDate(1952) == to_partial_date(" 1952 ") == PartialDate.fromisoformat(" 1952")
    for bad in (True, 1.5, None, b"1952"):
        with pytest.raises(TypeError, match="or a year"):
            to_partial_date(bad)  # type: ignore[arg-type]
    for year in (0, 10_000, -1):
        with pytest.raises(InvalidDateError, match="out of range"):
            to_partial_date(year)
    for text in ("１９５２", "1952-3", "19520", "1952-03-", "1952/03", "", "0000"):
        with pytest.raises(InvalidDateError):
            to_partial_date(text)


def test_values_behave_like_the_standard_library() -> None:
    import datetime as dt

    from peru_diplomacy import Confidence, EventKind, Period, Region, Status

    with pytest.raises(TypeError, match="cannot order Confidence and str"):
        _ = Confidence.HIGH < "low"
    with pytest.raises(TypeError):
        _ = Confidence.LOW >= "high"
    assert Confidence.HIGH > Confidence.LOW and Confidence("MEDIUM") is Confidence.MEDIUM
    assert dt.datetime(1952, 5, 1, 23, 59) in PartialDate(1952, 5)
    assert dt.date(1952, 6, 1) not in PartialDate(1952, 5)
    assert "1952-05-01" not in PartialDate(1952, 5)
    assert Region("europe") is Region.EUROPE and EventKind("Broken") is EventKind.BROKEN
    assert Status("ACTIVE") is Status.ACTIVE
    with pytest.raises(ValueError, match="use one of 'established'"):
        EventKind("brokn")
    assert Period(start=PartialDate(1952)).status_on("1953") is Status.ACTIVE
    assert PartialDate(1952, 2, 29).__le__(PartialDate(1952, 2, 29))
    assert PartialDate(1952) <= PartialDate(1952) and PartialDate(1952) >= PartialDate(1952)
    assert PartialDate(1953) > PartialDate(1952, 12, 31) and not PartialDate(1952) > PartialDate(1952, 1)


def test_partial_dates_are_immutable() -> None:
    import attrs

    date = PartialDate(1952)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        date.year = 1953  # type: ignore[misc]


def test_leap_years_follow_the_gregorian_rules() -> None:
    assert PartialDate(2000, 2).latest.day == 29  # divisible by 400
    assert PartialDate(1600, 2, 29).isoformat() == "1600-02-29"
    assert PartialDate(1900, 2).latest.day == 28  # divisible by 100, not 400
    assert PartialDate(2100, 2).latest.day == 28
    assert PartialDate(2024, 2).latest.day == 29 and PartialDate(2023, 2).latest.day == 28
    assert PartialDate(2023, 4).latest.day == 30 and PartialDate(2023, 12).latest.day == 31
    for bad in ((1900, 2, 29), (2100, 2, 29), (2023, 4, 31), (2023, 1, 0), (2023, 1, 32)):
        with pytest.raises(InvalidDateError, match="out of range"):
            PartialDate(*bad)
    with pytest.raises(InvalidDateError, match=r"month 0 is out of range \(1..12\)"):
        PartialDate(2023, 0)


def test_the_edges_of_the_calendar() -> None:
    assert PartialDate(1).isoformat() == "0001" and PartialDate(9999, 12, 31).latest.year == 9999
    for year in (0, 10_000):
        with pytest.raises(InvalidDateError, match=f"year {year} is out of range: years run from 1 to 9999"):
            PartialDate(year)
    assert to_partial_date(1) == PartialDate(1) and to_partial_date(9999) == PartialDate(9999)
    with pytest.raises(TypeError) as caught:
        PartialDate("1952")  # type: ignore[arg-type]
    assert str(caught.value) == "year must be an int, not str"
    with pytest.raises(TypeError) as caught:
        PartialDate(1952, 1, "3")  # type: ignore[arg-type]
    assert str(caught.value) == "day must be an int or None, not str"
    with pytest.raises(TypeError) as caught:
        PartialDate.fromisoformat(1952)  # type: ignore[arg-type]
    assert str(caught.value) == "fromisoformat() takes a str, not int"
    with pytest.raises(TypeError) as caught:
        to_partial_date(1.5)  # type: ignore[arg-type]
    assert str(caught.value).endswith("not float")


def test_containment_and_comparisons_at_the_edges() -> None:
    import datetime as dt

    may = PartialDate(1952, 5)
    assert may.contains(dt.date(1952, 5, 31)) and may.contains(dt.date(1952, 5, 1))
    assert not may.contains(dt.date(1952, 6, 1)) and not may.contains(dt.date(1952, 4, 30))
    assert may.contains(dt.datetime(1952, 5, 31, 23, 59))
    for method in ("__lt__", "__le__", "__gt__", "__ge__"):
        assert getattr(may, method)("1952-05") is NotImplemented


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda: PartialDate(1952).definitely_before("1953"), True),
        (lambda: PartialDate(1952).definitely_before(1952), False),
        (lambda: PartialDate(1952).possibly_before("1952-06"), True),
        (lambda: PartialDate(1953).definitely_after("1952-12-31"), True),
        (lambda: PartialDate(1951).possibly_after("1952-12"), False),
    ],
)
def test_comparisons_take_any_date_like(call: object, expected: bool) -> None:
    assert call() is expected  # type: ignore[operator]
