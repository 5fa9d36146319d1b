"""Every answer says why (#27): the rule and the records behind each status."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peru_diplomacy import Basis, EventKind, PartialDate, Relation, Status, explain, panel, relations_with
from peru_diplomacy.explanation import EvidenceKind
from peru_diplomacy.summaries import inference_shares

from .cli_run import in_process

INDICES = st.integers(0, 999)
"""An index into every relation, taken modulo their number (the relations load with the session, not at import)."""
DAYS = st.dates(dt.date(1800, 1, 1), dt.date(2030, 12, 31))


def _partial_days() -> st.SearchStrategy[PartialDate]:
    years = st.integers(1800, 2030)
    return st.one_of(
        DAYS.map(PartialDate.from_date),
        years.map(PartialDate),
        st.tuples(years, st.integers(1, 12)).map(lambda ym: PartialDate(*ym)),
    )


@given(index=INDICES, day=_partial_days())
def test_an_explanation_answers_as_status_on_does(
    every_relation: tuple[Relation, ...], index: int, day: PartialDate
) -> None:
    relation = every_relation[index % len(every_relation)]
    why = relation.explain(day)
    assert why.status is relation.status_on(day)
    assert why.relation_id == relation.id and why.day == day


@given(index=INDICES, day=_partial_days())
def test_every_piece_of_evidence_lies_on_the_side_it_claims(
    every_relation: tuple[Relation, ...], index: int, day: PartialDate
) -> None:
    why = every_relation[index % len(every_relation)].explain(day)
    for item in why.evidence:
        if item.kind is EvidenceKind.EVENT:
            assert item.event is not None and item.date == item.event.date
            if item.side == "before":
                assert item.event.date.latest_ordinal < day.earliest_ordinal
            elif item.side == "after":
                assert item.event.date.earliest_ordinal > day.latest_ordinal
            else:
                assert item.side == "on"
                assert item.event.date.earliest_ordinal <= day.latest_ordinal
                assert item.event.date.latest_ordinal >= day.earliest_ordinal
        if item.kind is EvidenceKind.CONTEST:
            assert item.contest is not None and item.side == "covers"
            end = None if item.contest.end is None else item.contest.end.earliest_ordinal
            assert item.contest.start.earliest_ordinal <= day.latest_ordinal
            assert end is None or end > day.earliest_ordinal


@given(index=INDICES, day=DAYS)
def test_the_basis_of_a_day_is_the_explanation_s(
    every_relation: tuple[Relation, ...], index: int, day: dt.date
) -> None:
    relation = every_relation[index % len(every_relation)]
    assert relation.basis_at(day.toordinal()) is relation.explain(day).basis


@given(index=INDICES, day=_partial_days())
def test_each_basis_gives_the_status_it_can(every_relation: tuple[Relation, ...], index: int, day: PartialDate) -> None:
    why = every_relation[index % len(every_relation)].explain(day)
    allowed = {
        Basis.CONTEST: {Status.UNCERTAIN},
        Basis.HORIZON: {Status.UNCERTAIN},
        Basis.NO_SOURCE: {Status.UNCERTAIN},
        Basis.BEFORE_EVENTS: {Status.INACTIVE},
        Basis.STATE_LIFETIME: {Status.INACTIVE, Status.UNCERTAIN},
        Basis.PERU_LIFETIME: {Status.INACTIVE, Status.UNCERTAIN},
    }
    assert why.status in allowed.get(why.basis, set(Status)), (why.relation_id, str(day), why.basis)


@pytest.mark.parametrize("year", [1830, 1880, 1945, 1990, 2016])
def test_a_panel_row_s_basis_is_the_explanation_s_on_the_rule_s_day(year: int) -> None:
    day = dt.date(year, 12, 31)  # the day the on_day rule reads
    for row in panel(year, year, membership="cow"):
        if row.relation_id is None:
            continue
        relation = relations_with(row.relation_id)
        if row.state_id not in [s.id for s in relation.counterparts_on(day)[:1]]:
            continue  # a row of a state that ended in the year: its own lifetime decides it
        why = relation.explain(day)
        assert (row.basis, row.status) == (why.basis, why.status), (row.relation_id, year)


@pytest.mark.parametrize(
    ("country", "day", "status", "basis"),
    [
        ("Chile", "1880-01-01", Status.INACTIVE, Basis.BETWEEN_EVENTS),  # war of 1879, Ancón 1883
        ("Italy", "1943", Status.UNCERTAIN, Basis.CONTEST),  # FRUS: broken 1942, restored 1944
        ("Italy", "1945", Status.ACTIVE, Basis.SINCE_EVENT),
        ("Estonia", "1950", Status.UNCERTAIN, Basis.CONTEST),  # the presidency's 1922, and a doubtful lifetime
        ("Mexico", "2026-06", Status.UNCERTAIN, Basis.HORIZON),
        ("Denmark", "1900", Status.UNCERTAIN, Basis.NO_SOURCE),  # before COW's first year of representation
        ("Japan", "1800", Status.INACTIVE, Basis.PERU_LIFETIME),
        ("Chile", "1837", Status.INACTIVE, Basis.BETWEEN_EVENTS),  # Chile's war on the Confederation, 1836
        ("United States", "1838", Status.UNCERTAIN, Basis.PERU_LIFETIME),  # the Confederation
        ("Haiti", "1931", Status.UNCERTAIN, Basis.STATE_LIFETIME),  # the US occupation: neither list counts it
        ("Russia", "1918-06-01", Status.INACTIVE, Basis.STATE_LIFETIME),
        ("Turkey", "1950", Status.INACTIVE, Basis.BEFORE_EVENTS),
        ("Turkey", "1952-06-01", Status.UNCERTAIN, Basis.EVENT_DATE),
    ],
)
def test_examples_of_each_rule(country: str, day: str, status: Status, basis: Basis) -> None:
    why = explain(country, day)
    assert (why.status, why.basis) == (status, basis), why.text


def test_the_evidence_is_enough_to_cite() -> None:
    why = explain("Chile", "1880-01-01")
    before, after = why.evidence
    assert before.side == "before" and before.event is not None and before.event.kind is EventKind.WAR_DECLARED
    assert before.citation is not None and before.citation.url and before.confidence is not None
    assert after.side == "after" and after.event is not None and str(after.event.date) == "1883-10-20"
    assert why.state is not None and why.state.name == "Chile"
    lifetime = [e for e in explain("Estonia", "1950").evidence if e.kind is EvidenceKind.LIFETIME]
    assert lifetime and lifetime[0].state is not None and "1940" in lifetime[0].text
    assert explain("Russia", "1918-06-01").state is None  # no state of the lineage existed


def test_why_prints_the_explanation_and_its_json_has_the_shape_of_the_other_json() -> None:
    out = in_process("why", "Chile", "1880-01-01")
    assert out.returncode == 0
    assert out.stdout.splitlines()[0] == (
        "Peru–Chile on 1880-01-01: inactive (basis: between_events; rests on dated sources)"
    )
    record = json.loads(in_process("why", "Chile", "1880-01-01", "--json").stdout)
    assert (record["relation_id"], record["date"], record["status"], record["basis"]) == (
        "CHL",
        "1880-01-01",
        "inactive",
        "between_events",
    )
    assert [(e["side"], e["event_kind"], e["date"], e["state_id"]) for e in record["evidence"]] == [
        ("before", "war_declared", "1879-04-05", "CHL"),
        ("after", "restored", "1883-10-20", "CHL"),
    ]
    assert in_process("why", "Chile", "1880-13").returncode == 2
    assert in_process("why", "Chle", "1880").returncode == 1


def test_show_on_a_day_explains_it() -> None:
    out = in_process("show", "Italy", "--on", "1943").stdout
    assert "Peru–Italy on 1943: uncertain (basis: contest; rests on a contest between sources)" in out
    record = json.loads(in_process("show", "Italy", "--on", "1943", "--json").stdout)
    assert record["explanation"]["basis"] == "contest"


def test_the_inference_summary_adds_up_and_names_its_kinds() -> None:
    rows = inference_shares(1820, 2029)
    by_period: dict[str, list[float]] = {}
    for row in rows:
        by_period.setdefault(row.period, []).append(row.share)
    assert len(by_period) == 21
    for shares in by_period.values():
        assert sum(shares) == pytest.approx(1.0)
    kinds = [r.rests_on for r in rows if r.period == "1990s"]
    assert kinds == ["dated_source", "continuity", "contest", "lifetime", "horizon", "silence"]
    thirties = {r.rests_on: r.share for r in rows if r.period == "1830s"}
    assert thirties["lifetime"] > 0.05  # the Peru–Bolivian Confederation, 1836-1839
    twenties = {r.rests_on: r.share for r in rows if r.period == "2020s"}
    assert twenties["horizon"] > 0.3  # nothing known after March 2026
    out = in_process("inference", "--from", "1990", "--to", "1999")
    assert out.returncode == 0 and out.stdout.splitlines()[1].startswith("1990s")


def test_the_words_for_what_an_answer_rests_on_cover_every_kind() -> None:
    from typing import get_args

    from peru_diplomacy import reports
    from peru_diplomacy.explanation import InferenceKind

    assert list(reports._RESTS_ON_WORDS) == list(get_args(InferenceKind))
