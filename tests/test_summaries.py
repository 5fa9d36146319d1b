"""Summaries agree with status_on day by day, and export like every other table (#19)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from peru_diplomacy import Relation, Status, event_counts, status_counts
from peru_diplomacy.export import EVENT_COUNT_COLUMNS, STATUS_COUNT_COLUMNS, dumps_csv, loads_csv, summary_rows


@settings(max_examples=25)
@given(st.integers(1821, 2025))
def test_year_counts_agree_with_status_on_31_december(every_relation: tuple[Relation, ...], year: int) -> None:
    (row,) = status_counts(year, year)
    day = dt.date(year, 12, 31)
    statuses = [r.status_on(day) for r in every_relation]
    assert row.active == statuses.count(Status.ACTIVE)
    assert row.uncertain == statuses.count(Status.UNCERTAIN)
    assert row.inactive == statuses.count(Status.INACTIVE)
    assert row.possibly_active == row.active + row.uncertain and row.total == len(every_relation)


@settings(max_examples=6)
@given(st.integers(1821, 2015), st.sampled_from(["any_time", "throughout"]))
def test_decade_counts_agree_with_status_on_every_day(
    every_relation: tuple[Relation, ...], start: int, rule: str
) -> None:
    decade = start - start % 10
    (row,) = status_counts(decade, decade + 9, unit="decade", rule=rule)  # type: ignore[arg-type]
    days = [dt.date(decade, 1, 1) + dt.timedelta(days=n) for n in range(0, 3653, 7)]
    days = [d for d in days if d.year <= decade + 9]
    expected = {Status.ACTIVE: 0, Status.UNCERTAIN: 0, Status.INACTIVE: 0}
    for relation in every_relation:
        seen = {relation.status_on(d) for d in days} | {relation.status_on(dt.date(decade + 9, 12, 31))}
        if rule == "any_time":
            status = (
                Status.ACTIVE
                if Status.ACTIVE in seen
                else (Status.INACTIVE if seen == {Status.INACTIVE} else Status.UNCERTAIN)
            )
        else:
            status = (
                Status.INACTIVE
                if Status.INACTIVE in seen
                else (Status.ACTIVE if seen == {Status.ACTIVE} else Status.UNCERTAIN)
            )
        expected[status] += 1
    # A weekly sample can miss a change inside a week; the counts may differ only by such relations.
    assert abs(row.active - expected[Status.ACTIVE]) <= 2
    assert abs(row.inactive - expected[Status.INACTIVE]) <= 2


def test_region_counts_add_up(every_relation: tuple[Relation, ...]) -> None:
    whole = status_counts(1990, 1999, unit="decade")
    parts = status_counts(1990, 1999, unit="decade", by_region=True)
    assert sum(p.active for p in parts) == whole[0].active
    assert sum(p.total for p in parts) == whole[0].total == len(every_relation)


def test_event_counts_agree_with_the_events(every_relation: tuple[Relation, ...]) -> None:
    rows = event_counts(1800, 2029, kinds=["established", "broken"])
    established = sum(r.certain for r in rows if r.kind == "established")
    assert established == sum(1 for r in every_relation for e in r.events if e.kind.value == "established")
    undated = [r for r in every_relation if not r.events]
    assert len(undated) == 5  # Denmark's history begins with its first evidence (COW, 1950)
    (nineties,) = [r for r in rows if r.period == "1990s" and r.kind == "established"]
    assert nineties.possible - nineties.certain == len(undated)  # each undated row might be of the 1990s
    (eighteen_tens,) = [r for r in rows if r.period == "1800s" and r.kind == "established"]
    assert eighteen_tens.possible == eighteen_tens.certain == 0  # before Peru existed


def test_a_decade_clipped_by_the_range_says_so() -> None:
    rows = status_counts(1955, 1964, unit="decade")
    assert [(r.period, r.first_year, r.last_year) for r in rows] == [("1950s", 1955, 1959), ("1960s", 1960, 1964)]


@pytest.mark.parametrize(
    ("make", "columns"), [(status_counts, STATUS_COUNT_COLUMNS), (event_counts, EVENT_COUNT_COLUMNS)]
)
def test_summaries_export_like_the_other_tables(make: object, columns: tuple[str, ...]) -> None:
    records = make(1950, 1999, by_region=True)  # type: ignore[operator]
    rows = summary_rows(records)
    assert tuple(rows[0]) == columns
    assert loads_csv(dumps_csv(rows)) == rows
    pandas = pytest.importorskip("pandas")
    from peru_diplomacy.export import to_dataframe

    table = "status_counts" if make is status_counts else "event_counts"
    frame = to_dataframe(records, table)  # type: ignore[arg-type]
    assert isinstance(frame, pandas.DataFrame) and str(frame[columns[1]].dtype) == "Int64"


def test_bad_arguments_say_what_works() -> None:
    with pytest.raises(ValueError, match="unit must be one of 'year', 'decade'"):
        status_counts(1950, 1960, unit="century")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="first \\(1960\\) is after last"):
        event_counts(1960, 1950)
    with pytest.raises(TypeError, match="a list of event kinds"):
        event_counts(1950, 1960, kinds="broken")  # type: ignore[arg-type]


def test_a_year_out_of_range_is_refused_by_its_name() -> None:
    import pytest

    from peru_diplomacy import InvalidArgumentError

    with pytest.raises(InvalidArgumentError, match=r"^last must be a year from 1 to 9999 \(an int\), not 10000$"):
        status_counts(1990, 10000)
    with pytest.raises(InvalidArgumentError, match=r"^first must be a year from 1 to 9999 \(an int\), not 0$"):
        status_counts(0, 1990)
    with pytest.raises(InvalidArgumentError, match=r"^last must be a year from 1 to 9999 \(an int\), not 10000$"):
        event_counts(1990, 10000)


def test_event_counts_refuse_a_first_year_by_its_name() -> None:
    import pytest

    from peru_diplomacy import InvalidArgumentError

    with pytest.raises(InvalidArgumentError, match=r"^first must be a year from 1 to 9999 \(an int\), not 0$"):
        event_counts(0, 1990)
