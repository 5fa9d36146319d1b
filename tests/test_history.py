"""History the table does not record (#26): wars, ruptures, predecessor states, and silence answered as silence.

Each example names the source it rests on (data/updates/ruptures.tsv unless said otherwise).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peru_diplomacy import EventKind, Period, Relation, Status, packaged_dataset, panel, relations_with
from peru_diplomacy.counterparts import PERU_CONFEDERATION
from peru_diplomacy.dates import PartialDate
from peru_diplomacy.periods import StatusTimeline

ROOT = Path(__file__).resolve().parent.parent
INDICES = st.integers(0, 999)
"""An index into every relation, taken modulo their number (the relations load with the session, not at import)."""


@pytest.mark.parametrize(
    ("day", "allowed", "source"),
    [
        ("1878-07-01", {Status.ACTIVE}, "the table: established 13 October 1822"),
        ("1880-01-01", {Status.INACTIVE}, "Chile's declaration of war, 5 April 1879 (decree of A. Pinto)"),
        ("1884-07-01", {Status.ACTIVE}, "the Treaty of Ancón, 20 October 1883: «Restablecense las relaciones»"),
        ("1903-07-01", {Status.INACTIVE, Status.UNCERTAIN}, "FRUS 1913: «suspensions ... as from 1901 to 1905»"),
        ("1915-07-01", {Status.INACTIVE, Status.UNCERTAIN}, "FRUS 1910: the Peruvian legation withdrawn in March"),
        ("1930-07-01", {Status.ACTIVE}, "FRUS 1928: relations resumed 13 July 1928"),
    ],
)
def test_chile_through_its_wars_and_breaks(day: str, allowed: set[Status], source: str) -> None:
    assert relations_with("Chile").status_on(day) in allowed, source


def test_the_war_of_the_pacific_is_an_event_of_its_kind() -> None:
    chile = relations_with("Chile")
    war = next(e for e in chile.events if e.kind is EventKind.WAR_DECLARED and e.date.year == 1879)
    assert (str(war.date), war.confidence is not None, war.from_table) == ("1879-04-05", True, False)
    assert war.citation is not None and "declara la guerra" in war.citation.quote
    # The Lavalle telegram of 3 April (medium confidence) contests the two days before the war, never certain.
    assert chile.status_on("1879-04-04") is Status.UNCERTAIN


def test_a_suspension_is_a_break_that_keeps_its_word() -> None:
    usa = relations_with("United States")
    suspended = [e for e in usa.events if e.kind is EventKind.SUSPENDED]
    assert [str(e.date) for e in suspended][:2] == ["1884-04-03", "1919-07-04"]  # Peru 1884; the US 1919
    assert usa.status_on("1884-04-10") is Status.INACTIVE and usa.status_on("1884-05-10") is Status.ACTIVE


def test_a_declaration_of_war_during_a_break_changes_nothing() -> None:
    japan = relations_with("Japan")  # broken 24 January 1942 (the table); war declared February 1945
    assert any(e.kind is EventKind.WAR_DECLARED for e in japan.events)
    assert [(str(p.start), str(p.end)) for p in japan.periods] == [("1873-08-21", "1942-01-24"), ("1952-06-08", "None")]


def test_colombia_s_treaty_of_1822_was_with_gran_colombia() -> None:
    colombia = relations_with("Colombia")
    assert colombia.status_on("1825-07-01") is Status.ACTIVE
    assert colombia.counterpart_on("1825-07-01").name == "Gran Colombia"
    assert colombia.counterpart_on("1825-07-01").gw_code == 99  # Gleditsch-Ward's "Great Colombia"
    assert relations_with("Gran Colombia") is colombia


def test_the_german_reich_before_the_break_of_1942() -> None:
    # FRUS 1917 (broken October 1917), the Spanish protecting power until 1920, FRUS 1942 (January 1942).
    assert relations_with("Germany").status_on("1941-07-01") is not Status.INACTIVE


def test_the_gdr_to_its_last_day() -> None:
    # The table ends relations in "1990"; the GDR's last day, 2 October 1990, lies in that year.
    gdr = relations_with("GDR")
    assert gdr.status_on("1990-10-01") is Status.ACTIVE
    assert gdr.status_on("1990-10-03") is Status.INACTIVE


def test_evidence_ends_doubt() -> None:
    # COW Diplomatic Exchange: Peru's ambassador in Caracas in 1995 ends the 1992 break's inferred span.
    assert relations_with("Venezuela").status_on("1996-07-01") is Status.ACTIVE
    # Wikidata, 2022-11-16: Peru's embassy in Stockholm is accredited to Denmark; COW from 1950.
    denmark = relations_with("Denmark")
    assert denmark.status_on("2022-11-16") is Status.ACTIVE
    assert any(m.host == "SWE" and not m.resident for m in denmark.missions)
    assert denmark.status_on("1900") is Status.UNCERTAIN  # before its first evidence: silence


def _frame_row(system: Literal["cow", "gw"], first: int, code: int) -> object:
    rows = panel(first, first, membership=system)
    return next(r for r in rows if (r.cow_code if system == "cow" else r.gw_code) == code)


def test_absence_needs_a_source() -> None:
    liberia = _frame_row("gw", 1900, 450)  # a possible reading of low-confidence rows, and no source
    assert (liberia.status, liberia.basis) == (Status.UNCERTAIN, "no_source")  # type: ignore[attr-defined]
    botswana = _frame_row("cow", 2020, 571)  # Peru's foreign ministry, Cumanana XLI (January 2025)
    assert (botswana.status, botswana.basis) == (Status.INACTIVE, "source_absence")  # type: ignore[attr-defined]


def _state(state_id: str) -> object:
    return next(s for s in packaged_dataset().states if s.id == state_id)


def test_silence_is_no_lifetime() -> None:
    aruba = _state("ABW")  # an ISO 3166 entry in neither list: no lifetime recorded
    assert aruba.exists_on("1500") is not Status.ACTIVE  # type: ignore[attr-defined]
    antilles = _state("ANHH")  # ISO 3166-3: withdrawn 2010-12-15
    assert antilles.exists_on("2020") is not Status.ACTIVE  # type: ignore[attr-defined]
    estonia = relations_with("Estonia").counterpart  # both lists: not a state 1940-1991
    assert estonia.exists_on("1950") is not Status.ACTIVE
    assert estonia.exists_on("1930") is Status.ACTIVE and estonia.exists_on("2000") is Status.ACTIVE


def test_peru_s_years_in_the_confederation_are_uncertain(every_relation: tuple[Relation, ...]) -> None:
    peru = packaged_dataset().metadata.subject
    assert peru.doubtful == (PERU_CONFEDERATION,)
    lifetimes = tomllib.loads((ROOT / "data" / "curation" / "lifetimes.toml").read_text(encoding="utf-8"))
    (span,) = lifetimes["states"]["PER"]["doubtful"]
    assert (span["start"], span["end"]) == (str(PERU_CONFEDERATION.start), str(PERU_CONFEDERATION.end))
    for relation in every_relation:
        if relation.status_on("1838-01-01") is not Status.INACTIVE:
            assert relation.status_on("1838-01-01") is Status.UNCERTAIN, relation.id


@given(index=INDICES, day=st.dates(dt.date(1821, 7, 28), dt.date(2026, 3, 31)))
def test_status_never_contradicts_the_periods(every_relation: tuple[Relation, ...], index: int, day: dt.date) -> None:
    relation = every_relation[index % len(every_relation)]
    status = relation.status_on(day)
    periods = StatusTimeline.from_periods(relation.periods).on(PartialDate.from_date(day))
    if status is Status.ACTIVE:
        assert periods is Status.ACTIVE, (relation.id, day)
    if periods is Status.ACTIVE:
        assert status is not Status.INACTIVE, (relation.id, day)


def test_every_relation_on_the_first_of_each_decade_agrees_with_its_periods(
    every_relation: tuple[Relation, ...],
) -> None:
    for relation in every_relation:
        for year in range(1830, 2030, 10):
            day = PartialDate(year, 1, 1)
            periods = StatusTimeline.from_periods(relation.periods).on(day)
            status = relation.status_on(day)
            assert not (status is Status.ACTIVE and periods is not Status.ACTIVE), (relation.id, year)
            assert not (status is Status.INACTIVE and periods is Status.ACTIVE), (relation.id, year)


def test_a_history_that_begins_without_an_act_is_uncertain_before_it() -> None:
    reich = relations_with("Germany")
    first = reich.periods[0]
    assert isinstance(first, Period) and first.open_start and str(first.start) == "1869"  # COW's first year
    assert reich.status_on("1860") is Status.UNCERTAIN
