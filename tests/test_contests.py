"""Disagreement that ends where the evidence does (#18): the contest rule, on every contest of the data."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from peru_diplomacy import Contest, PartialDate, Relation, Status, all_relations, relations_with

DIPEX = "COW Diplomatic Exchange v2006.1"
CONTESTED = [(r, c) for r in all_relations() for c in r.contests]


def _days(start: PartialDate, end: PartialDate | None, horizon: PartialDate) -> list[dt.date]:
    first = start.earliest
    last = (end.earliest if end is not None else horizon.latest + dt.timedelta(days=1)) - dt.timedelta(days=1)
    step = max(1, (last - first).days // 40)
    days = [first + dt.timedelta(days=n) for n in range(0, (last - first).days + 1, step)]
    return [*days, last]


def _claims_inactive(reason: str) -> bool:
    return "reports relations broken" in reason or "dates the establishment" in reason


def _claims_unknown(reason: str) -> bool:
    """A contest of an event's own interval, or of a low-confidence restoration: it claims no status."""
    return "some day from" in reason or "uncertain until later evidence" in reason


@pytest.mark.parametrize(("relation", "contest"), CONTESTED, ids=[f"{r.id}-{c.start}" for r, c in CONTESTED])
def test_a_contest_covers_only_days_on_which_the_sources_disagree(relation: Relation, contest: object) -> None:
    from peru_diplomacy import Contest

    assert isinstance(contest, Contest)
    bare = attrs.evolve(relation, contests=())  # the data's own answer, contests aside
    horizon = relation.horizon or PartialDate(2026, 3)
    for day in _days(contest.start, contest.end, horizon):
        data = bare.status_on(day, carry_forward=True)
        if _claims_unknown(contest.reason):
            pass
        elif _claims_inactive(contest.reason):
            # The break's own month may be disputed (the source says relations stood until it).
            in_break = contest.start.earliest <= day < contest.start.earliest + dt.timedelta(days=31)
            assert data is not Status.INACTIVE or in_break, (relation.id, str(day), data)
        else:
            assert data is Status.INACTIVE, (relation.id, str(day), data)
        assert relation.status_on(day) is not Status.ACTIVE, (relation.id, str(day))


def _first_cow_representation_after(relation: Relation, year: int) -> int | None:
    years = sorted(r.year for r in relation.representation if r.exchange and r.year > year)
    return years[0] if years else None


UNRESTORED = [
    (relation, contest, year)
    for relation, contest in CONTESTED
    if "no restoration was found" in contest.reason
    and (year := _first_cow_representation_after(relation, contest.start.year)) is not None
]
"""The contested breaks no restoration was found for, after which COW records representation again."""


def test_the_unrestored_breaks_cow_sees_ended_are_found() -> None:
    # The test below runs over these only (it returned early for all the others, #30): Poland, whose break of
    # 1945 no source restores, and COW sees represented again in 1970.
    assert [(r.id, str(c.start), year) for r, c, year in UNRESTORED] == [("POL", "1945-07-01", 1970)]


@pytest.mark.parametrize(
    ("relation", "contest", "year"), UNRESTORED, ids=[f"{r.id}-{c.start}" for r, c, _ in UNRESTORED]
)
def test_no_unrestored_break_runs_a_year_past_cow_s_next_representation(
    relation: Relation, contest: Contest, year: int
) -> None:
    assert contest.end is not None and contest.end.earliest <= dt.date(year + 2, 1, 1)


def test_italy_is_uncertain_from_the_reported_break_to_the_reported_restoration() -> None:
    # FRUS (medium confidence): broken 24-31 January 1942, restored 14-27 October 1944; the table records neither.
    italy = relations_with("Italy")
    assert italy.status_on("1941") is Status.ACTIVE
    assert italy.status_on("1943") is Status.UNCERTAIN
    assert italy.status_on("1945") is Status.ACTIVE
    assert italy.status_on("1960") is Status.ACTIVE
    assert italy.status_on("2020") is Status.ACTIVE


def test_the_federal_republic_is_inactive_where_both_sources_say_so() -> None:
    germany = relations_with("Germany")
    assert germany.status_on("1950-06-01") is Status.INACTIVE
    assert germany.status_on("1942-01-10") is Status.ACTIVE  # FRUS: the break came on 24-31 January 1942
    # The German Reich: FRUS (medium) dates a break to 24-31 January 1942, so from then to the declaration of war of
    # February 1945 (high, ruptures.tsv) is contested; after it, and after the Reich, relations did not stand.
    assert germany.status_on("1943") is Status.UNCERTAIN
    assert germany.status_on("1945-06") is Status.INACTIVE


@pytest.mark.parametrize(("country", "year"), [("Sweden", 1932), ("South Africa", 1980), ("Estonia", 1930)])
def test_sources_that_date_relations_earlier_make_those_years_uncertain(country: str, year: int) -> None:
    relation = relations_with(country)
    assert relation.status_on(str(year)) is Status.UNCERTAIN
    contest = next(c for c in relation.contests if c.start.year <= year and (c.end is None or c.end.year >= year))
    assert contest.citations and contest.citations[0].url
    assert relation.established is not None and contest.start.earliest < relation.established.earliest


def test_south_africa_s_cited_break_ends_its_earlier_span() -> None:
    south_africa = relations_with("South Africa")
    assert south_africa.status_on("1987-06") is Status.INACTIVE
    assert south_africa.status_on("1993-08") is Status.ACTIVE


def test_germany_1990_levels_follow_the_code() -> None:
    from peru_diplomacy import panel

    rows = {r.cow_code: r for r in panel(1990, 1990, membership="cow") if r.relation_id == "DEU"}
    assert rows[255].at_peru is not None and rows[255].at_peru.value == "ambassador"
    assert rows[255].in_counterpart is not None and rows[255].in_counterpart.value == "ambassador"
    assert rows[260].at_peru is not None and rows[260].at_peru.value == "none"


def test_yemen_678_is_one_relation_in_both_systems() -> None:
    assert relations_with(678, system="cow").id == relations_with(678, system="gw").id == "YEM"
    assert relations_with(679, system="cow").id == "YEM"
