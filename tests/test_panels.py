"""Panels: rows per state as it was then, pinned to the state lists; statuses agree with the relation's answers."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from peru_diplomacy import (
    PanelTooLargeError,
    PartialDate,
    Status,
    packaged_dataset,
    panel,
    relations_with,
)
from peru_diplomacy.panels import PanelRow

CROSSWALK = Path(__file__).resolve().parent.parent / "data" / "crosswalk"
P1950 = panel(1950, 2023)


def _years(rows: tuple[PanelRow, ...], name: str) -> list[int]:
    return sorted({r.year for r in rows if r.name == name})


def test_no_row_outside_a_lifetime() -> None:
    for row in P1950:
        assert row.counterpart.exists_on(row.period) is not Status.INACTIVE or any(
            row.counterpart.exists_on(PartialDate.from_date(day)) is not Status.INACTIVE
            for day in (row.period.earliest, row.period.latest)
        )
    assert _years(P1950, "German Democratic Republic")[-1] == 1990
    assert _years(P1950, "Czechoslovakia")[-1] == 1992
    assert _years(P1950, "Czech Republic")[0] == 1993
    assert _years(P1950, "Timor-Leste")[0] == 2002
    assert not _years(P1950, "Russian Empire")
    assert _years(panel(1900, 1950), "Russian Empire")[-1] == 1917


def test_states_are_never_filed_under_a_successor() -> None:
    czech = [r for r in P1950 if r.relation_id == "CZE"]
    assert {r.state_id for r in czech if r.year <= 1992} == {"CSHH"}
    assert {(r.alpha3, r.iso3166_3) for r in czech if r.year <= 1992} == {("CSK", "CSHH")}
    assert {r.cow_code for r in czech if r.year <= 1992} == {315}
    assert {r.state_id for r in czech if r.year >= 1993} == {"CZE"}
    germany = [r for r in P1950 if r.state_id == "DEU"]
    assert {r.cow_code for r in germany if 1956 <= r.year <= 1989} == {260}
    assert {r.cow_code for r in germany if r.year >= 1991} == {255}
    assert {r.gw_code for r in germany} == {260}


def test_one_row_per_state_and_unit() -> None:
    keys = [(r.state_id, r.relation_id, r.period) for r in P1950]
    assert len(keys) == len(set(keys))
    months = panel(1990, 1990, unit="month")
    assert {len([r for r in months if r.state_id == s]) for s in ("CHL", "JPN")} == {12}
    days = panel(2000, 2000, unit="day")
    assert len([r for r in days if r.state_id == "CHL"]) == 366


def _cow_state_years(first: int, last: int) -> set[tuple[int, int]]:
    out = set()
    with (CROSSWALK / "cow_states2016.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            start = dt.date(int(row["styear"]), int(row["stmonth"]), int(row["stday"]))
            end = dt.date(int(row["endyear"]), int(row["endmonth"]), int(row["endday"]))
            for year in range(max(first, start.year), min(last, end.year) + 1):
                out.add((int(row["ccode"]), year))
    return out


def test_cow_membership_matches_the_cow_list() -> None:
    rows = panel(1950, 2016, membership="cow")
    listed = _cow_state_years(1950, 2016)
    pairs = {(r.cow_code, r.year) for r in rows}
    assert None not in {r.cow_code for r in rows}
    unmatched = [r for r in rows if (r.cow_code, r.year) not in listed]  # the join on cow_code and year
    assert unmatched == []
    assert {p for p in listed if p[0] != 135} == pairs  # every state of the list, Peru aside (the frame)


@pytest.mark.parametrize(
    ("first", "last", "kwargs", "message"),
    [
        (2000, 1990, {}, r"first \(2000\) is after last \(1990\)"),
        (1990, 2000, {"unit": "week"}, "unit must be one of 'year', 'month', 'day', not 'week'"),
        (1990, 2000, {"rule": "sometimes"}, "rule must be one of 'on_day', 'any_time', 'throughout'"),
        (1990, 2000, {"membership": "un"}, "membership must be one of 'lifetime', 'cow', 'gw'"),
        (0, 2000, {}, "first must be a year from 1 to 9999"),
        (1990, 10_000, {}, "last must be a year from 1 to 9999"),
    ],
)
def test_bad_arguments(first: int, last: int, kwargs: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        panel(first, last, **kwargs)  # type: ignore[arg-type]


def test_the_horizon_and_representation() -> None:
    chile = [r for r in panel(2024, 2027) if r.state_id == "CHL"]
    assert [r.status.value for r in chile] == ["active", "active", "uncertain", "uncertain"]
    assert [r.status.value for r in panel(2027, 2027, carry_forward=True) if r.state_id == "CHL"] == ["active"]
    sweden = {r.year: r for r in panel(1930, 1940) if r.state_id == "SWE"}
    assert sweden[1935].at_peru is not None and sweden[1935].at_peru.value == "minister"
    assert sweden[1936].at_peru is None and sweden[1936].exchange is None  # not a COW year


UNITS = st.integers(1900, 2026)
RULES = st.sampled_from(["on_day", "any_time", "throughout"])


@given(UNITS, RULES)
def test_statuses_agree_with_the_relations(year: int, rule: str) -> None:
    rows = packaged_dataset().panel(year, year, rule=rule)  # type: ignore[arg-type]
    for row in rows:
        assert row.relation_id is not None  # the lifetime view holds relations only
        relation = packaged_dataset().get(row.relation_id)
        assert relation is not None
        sole = [s for s in relation.states if s.exists_on(str(year)) is not Status.INACTIVE] == [row.counterpart]
        if not (sole and row.counterpart.exists_on(str(year)) is Status.ACTIVE):
            continue  # the year of a change of state: the row answers for its own state only
        if rule == "on_day":
            expected = relation.status_on(f"{year}-12-31")
        elif rule == "any_time":
            expected = relation.status_at_any_time(str(year), str(year))
        else:
            expected = relation.status_throughout(str(year), str(year))
        assert row.status is expected
        assert 0.0 <= row.share_active <= row.share_possible <= 1.0
        if expected is Status.ACTIVE and rule == "throughout":
            assert row.share_active == 1.0
        if relation.status_at_any_time(str(year), str(year)) is Status.INACTIVE:
            assert row.share_possible == 0.0


@given(st.integers(1820, 2026))
def test_shares_lie_in_the_unit_interval(year: int) -> None:
    for row in panel(year, year):
        assert 0.0 <= row.share_active <= row.share_possible <= 1.0


@settings(max_examples=25, deadline=None)
@given(
    first=st.integers(1815, 2030),
    years=st.integers(0, 3),
    unit=st.sampled_from(["year", "month"]),
    membership=st.sampled_from(["lifetime", "cow", "gw"]),
)
def test_a_panel_never_holds_more_rows_than_its_limit(first: int, years: int, unit: str, membership: str) -> None:
    # --max-rows 169 wrote 170 rows: the size was estimated from days, low (#29, N11).
    rows = panel(first, first + years, unit=unit, membership=membership, max_rows=None)  # type: ignore[arg-type]
    if rows:
        with pytest.raises(PanelTooLargeError):
            panel(first, first + years, unit=unit, membership=membership, max_rows=len(rows) - 1)  # type: ignore[arg-type]


def test_the_panel_s_year_bounds_are_1_and_9999() -> None:
    from peru_diplomacy import InvalidArgumentError, panel

    assert {row.year for row in panel(1, 1)} <= {1} and {row.year for row in panel(9999, 9999)} == {9999}
    for first, last in ((0, 1), (9999, 10000), (-5, 3)):
        with pytest.raises(InvalidArgumentError, match=r"must be a year from 1 to 9999 \(an int\), not "):
            panel(first, last)


def test_panel_rows_are_made_by_keyword() -> None:
    from typing import Any, cast

    import attrs

    from peru_diplomacy import PanelRow

    row = packaged_dataset().panel(2000, 2000)[0]
    values = {field.name: getattr(row, field.name) for field in attrs.fields(PanelRow) if field.init}
    assert PanelRow(**values) == row
    with pytest.raises(TypeError):
        cast(Any, PanelRow)(*values.values())  # every field, in order, but not by keyword


def test_a_lifetime_panel_has_no_rows_for_the_years_a_state_did_not_exist() -> None:
    import attrs

    from peru_diplomacy import Period
    from peru_diplomacy.panels import build_panel

    chile = relations_with("Chile")
    gapped = attrs.evolve(
        chile.counterpart,
        existence=(Period(start=PartialDate(1818), end=PartialDate(1900)), Period(start=PartialDate(1950))),
    )
    relation = attrs.evolve(
        chile,
        counterpart=gapped,
        states=(gapped,),
        events=tuple(attrs.evolve(e, state=gapped) for e in chile.events),
    )
    years = [row.year for row in build_panel((relation,), 1898, 1952, max_rows=None)]
    assert years == [1898, 1899, 1900, 1950, 1951, 1952]  # 1900: it ended some day of it
