"""States in time: codes pinned to the lists, lifetimes, lineages, the horizon, and lookups by code system."""

from __future__ import annotations

import csv
import datetime as dt
import json
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peru_diplomacy import (
    AmbiguousCountryError,
    CodeSystem,
    Counterpart,
    Dataset,
    InvalidDateError,
    NoRelationError,
    NoStateOnDateError,
    PartialDate,
    Relation,
    Status,
    UnknownCountryError,
    converter,
    packaged_dataset,
    relations_with,
)
from peru_diplomacy._format import Context, read, write
from peru_diplomacy._loading import read_resource as _read_resource
from peru_diplomacy.counterparts import PERU_INDEPENDENCE

from .strategies import histories, partial_dates

CROSSWALK = Path(__file__).resolve().parent.parent / "data" / "crosswalk"
INDICES = st.integers(0, 999)
"""An index into every relation, taken modulo their number (the relations load with the session, not at import)."""


@pytest.fixture(scope="module")
def states(every_relation: tuple[Relation, ...]) -> dict[str, Counterpart]:
    """Every state of every relation's lineage, by id."""
    return {state.id: state for relation in every_relation for state in relation.states}


def _list(name: str) -> list[dict[str, str]]:
    with (CROSSWALK / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


COW = {(int(r["ccode"]), r["stateabb"]) for r in _list("cow_states2016.csv")}
GW = {(int(r["gwcode"]), r["gwc"]) for r in _list("gw_states.csv")}

# (state id, COW code, COW abbreviation, GW code, GW abbreviation), read off the lists.
PINNED = [
    ("CHL", 155, "CHL", 155, "CHL"),
    ("ARG", 160, "ARG", 160, "ARG"),
    ("BOL", 145, "BOL", 145, "BOL"),
    ("BRA", 140, "BRA", 140, "BRA"),
    ("COL", 100, "COL", 100, "COL"),
    ("ECU", 130, "ECU", 130, "ECU"),
    ("USA", 2, "USA", 2, "USA"),
    ("CAN", 20, "CAN", 20, "CAN"),
    ("MEX", 70, "MEX", 70, "MEX"),
    ("CUB", 40, "CUB", 40, "CUB"),
    ("HTI", 41, "HAI", 41, "HAI"),
    ("GBR", 200, "UKG", 200, "UKG"),
    ("FRA", 220, "FRN", 220, "FRN"),
    ("ESP", 230, "SPN", 230, "SPN"),
    ("ITA", 325, "ITA", 325, "ITA"),
    ("DEU", 255, "GMY", 260, "GFR"),
    ("DDDE", 265, "GDR", 265, "GDR"),
    ("X-REICH", 255, "GMY", 255, "GMY"),
    ("CSHH", 315, "CZE", 315, "CZE"),
    ("CZE", 316, "CZR", 316, "CZR"),
    ("SVK", 317, "SLO", 317, "SLO"),
    ("SUHH", 365, "RUS", 365, "RUS"),
    ("X-RUSEMP", 365, "RUS", 365, "RUS"),
    ("RUS", 365, "RUS", 365, "RUS"),
    ("YUCS", 345, "YUG", 345, "YUG"),
    ("CSXX", 345, "YUG", 345, "YUG"),
    ("SRB", 345, "YUG", 340, "SER"),
    ("MNE", 341, "MNG", 341, "MNG"),
    ("CHN", 710, "CHN", 710, "CHN"),
    ("X-CHINA", 710, "CHN", 710, "CHN"),
    ("TWN", 713, "TAW", 713, "TAW"),
    ("JPN", 740, "JPN", 740, "JPN"),
    ("PRK", 731, "PRK", 731, "PRK"),
    ("KOR", 732, "ROK", 732, "ROK"),
    ("VNM", 816, "DRV", 816, "DRV"),
    ("YEM", 679, "YEM", 678, "YEM"),
    ("ZAF", 560, "SAF", 560, "SAF"),
    ("SWZ", 572, "SWA", 572, "SWA"),
    ("COD", 490, "DRC", 490, "DRC"),
    ("TLS", 860, "ETM", 860, "ETM"),
    ("MKD", 343, "MAC", 343, "MAC"),
    ("KIR", 946, "KIR", 970, "KBI"),
    ("TON", 955, "TON", 972, "TON"),
    ("AND", 232, "AND", 232, "AND"),
]

NO_CODES = ["X-SADR", "X-SMOM", "X-EU", "VAT", "PSE", "COK", "NIU"]


@pytest.mark.parametrize(("state_id", "cow", "cow_abbrev", "gw", "gw_abbrev"), PINNED)
def test_codes_pinned_to_the_lists(
    states: dict[str, Counterpart], state_id: str, cow: int, cow_abbrev: str, gw: int, gw_abbrev: str
) -> None:
    state = states[state_id]
    assert (state.cow_code, state.cow_abbrev, state.gw_code, state.gw_abbrev) == (cow, cow_abbrev, gw, gw_abbrev)
    assert (cow, cow_abbrev) in COW
    assert (gw, gw_abbrev) in GW


@pytest.mark.parametrize("state_id", NO_CODES)
def test_entities_in_neither_list_have_no_codes(states: dict[str, Counterpart], state_id: str) -> None:
    state = states[state_id]
    assert (state.cow_code, state.cow_abbrev, state.gw_code, state.gw_abbrev) == (None, None, None, None)
    assert state.existence  # dated from their first event, with an open start
    assert state.existence[0].open_start


def test_every_code_of_every_state_is_in_its_list(states: dict[str, Counterpart]) -> None:
    for state in states.values():
        for membership in state.memberships:
            pool = COW if membership.system is CodeSystem.COW else GW
            assert (membership.code, membership.abbrev) in pool, (state.id, membership)
        assert state.existence, state.id


def test_m49_regions(states: dict[str, Counterpart]) -> None:
    assert (states["CHL"].m49_region, states["CHL"].m49_subregion) == ("Americas", "Latin America and the Caribbean")
    assert (states["JPN"].m49_region, states["JPN"].m49_subregion) == ("Asia", "Eastern Asia")
    for state_id in ("DDDE", "SUHH", "CSHH", "X-EU", "X-SMOM", "TWN"):
        assert states[state_id].m49_region is None


@pytest.mark.parametrize(
    ("state_id", "start", "end"),
    [
        ("DDDE", "1949-10-05", "1990-10-03"),
        ("CSHH", "1918-10-28", "1993-01-01"),
        ("SUHH", "1922-12-30", "1991-12-26"),
        ("YUCS", "1918-12-01", "2003-02-04"),
        ("CSXX", "2003-02-04", "2006-06-05"),
        ("X-RUSEMP", "1816-01-01", "1917"),
        ("X-REICH", "1816-01-01", "1945-05-09"),
        ("X-CHINA", "1816-01-01", "1949-12-08"),
        ("CZE", "1993-01-01", None),
        ("RUS", "1991-12-26", None),
        ("HTI", "1816-01-01", None),  # the 1915-1934 occupation does not end Haiti
        ("CAN", "1867-07-01", None),  # GW, not COW's 1920
        ("DZA", "1962-07-05", None),  # not the Regency of Algiers
    ],
)
def test_lifetimes(states: dict[str, Counterpart], state_id: str, start: str, end: str | None) -> None:
    (period,) = states[state_id].existence
    assert str(period.start) == start
    assert (None if period.end is None else str(period.end)) == end
    assert period.open_start == (start == "1816-01-01")
    assert states[state_id].existence_source


def test_peru_exists_from_its_declaration_of_independence() -> None:
    peru = packaged_dataset().metadata.subject
    assert str(peru.existence[0].start) == "1821-07-28" == PERU_INDEPENDENCE.isoformat()
    assert (peru.cow_code, peru.gw_code, peru.alpha3) == (135, 135, "PER")
    assert relations_with("Denmark").status_on("1821-07-27") is Status.INACTIVE
    assert relations_with("Denmark").status_on("1821-07-28") is Status.UNCERTAIN


def test_the_issue_examples() -> None:
    assert relations_with("Russia").counterpart_on("1950-01-01").name == "Soviet Union"
    assert relations_with("Russia").status_on("1950-01-01") is Status.INACTIVE
    assert relations_with("Denmark").status_on("1700") is Status.INACTIVE
    assert relations_with("SADR").status_on("2030") is Status.UNCERTAIN
    assert relations_with(710).counterpart.name == "South Africa"
    assert relations_with(710, system="cow").counterpart.name == "China"
    assert relations_with("Taiwan").counterpart_on("1900").name == "China (Qing Empire, Republic of China)"
    assert relations_with("Taiwan").counterpart_on("1960").name == "Taiwan"
    assert relations_with("Serbia").counterpart_on("1980").name == "Yugoslavia"
    assert relations_with("Serbia").counterpart_on("2005").name == "Serbia and Montenegro"
    assert relations_with("Serbia").counterpart_on("2010").name == "Serbia"
    germany = relations_with("Germany")
    assert [s.name for s in germany.states] == ["German Reich", "Germany"]
    assert germany.counterpart_on("1900").name == "German Reich"
    assert [germany.counterpart.membership_on("cow", y).code for y in ("1980", "2000")] == [260, 255]  # type: ignore[union-attr]
    with pytest.raises(NoStateOnDateError, match="German Reich → Germany existed on 1947"):
        germany.counterpart_on("1947")


@pytest.mark.parametrize(
    ("query", "system", "expected"),
    [(155, "cow", "CHL"), ("CHL", "cow", "CHL"), (155, "gw", "CHL"), ("gfr", "gw", "DEU"), (255, "GW", "DEU")],
)
def test_lookups_by_code_system(query: str | int, system: str, expected: str) -> None:
    assert relations_with(query, system=system).id == expected


def test_lookups_by_code_system_fail_clearly() -> None:
    with pytest.raises(ValueError, match=r"unknown code system 'iso3'.*'cow', 'gw'"):
        relations_with(155, system="iso3")
    with pytest.raises(UnknownCountryError) as unknown:
        relations_with(999, system="cow")
    assert unknown.value.suggestions[0] == "COW 990 (WSM, Samoa)"
    with pytest.raises(NoRelationError, match=r"Bhutan \(COW 760, BHU\)"):
        relations_with(760, system="cow")
    with pytest.raises(TypeError):
        relations_with(1.5, system="gw")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "call",
    [
        lambda: relations_with("Chile").counterpart.exists_on("1900-02-30"),
        lambda: relations_with("Chile").counterpart_on("garbage"),
        lambda: relations_with("Denmark").status_on("garbage"),
    ],
)
def test_malformed_dates_raise(call: object) -> None:
    with pytest.raises(InvalidDateError):
        call()  # type: ignore[operator]


@pytest.mark.parametrize(
    "error",
    [
        NoStateOnDateError(["A", "B"], "1947", detail="A to 1945"),
        UnknownCountryError("Chle", ("Chile",)),
        AmbiguousCountryError("Korea", ("North Korea", "South Korea")),
        NoRelationError("Bhutan"),
        NoRelationError("Peru", message="Peru is the subject"),
    ],
)
def test_errors_pickle(error: Exception) -> None:
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is type(error) and str(again) == str(error) and vars(again) == vars(error)


# -- properties over every relation -------------------------------------------------------

DAYS = st.integers(dt.date(1700, 1, 1).toordinal(), dt.date(2040, 12, 31).toordinal()).map(dt.date.fromordinal)


@given(index=INDICES, day=DAYS)
def test_no_state_means_inactive(every_relation: tuple[Relation, ...], index: int, day: dt.date) -> None:
    relation = every_relation[index % len(every_relation)]
    try:
        state = relation.counterpart_on(day)
    except NoStateOnDateError:
        assert relation.status_on(day) is Status.INACTIVE
        return
    assert state.exists_on(day) is not Status.INACTIVE
    if day < PERU_INDEPENDENCE.earliest:
        assert relation.status_on(day) is Status.INACTIVE


@given(index=INDICES, day=DAYS)
def test_after_the_horizon_only_uncertain_unless_carried_forward(
    every_relation: tuple[Relation, ...], index: int, day: dt.date
) -> None:
    relation = every_relation[index % len(every_relation)]
    assert relation.horizon is not None
    status = relation.status_on(day)
    if day > relation.horizon.latest:
        assert status is (Status.INACTIVE if not relation.counterparts_on(day) else Status.UNCERTAIN)
        carried = relation.status_on(day, carry_forward=True)
        assert carried is relation.status_on(
            relation.horizon.latest, carry_forward=True
        ) or not relation.counterparts_on(day)
    else:
        assert status is relation.status_on(day, carry_forward=True)


@given(index=INDICES, when=partial_dates(1800, 2030))
def test_an_imprecise_question_agrees_with_every_day_inside_it(
    every_relation: tuple[Relation, ...], index: int, when: PartialDate
) -> None:
    relation = every_relation[index % len(every_relation)]
    days = {
        relation.status_on(dt.date.fromordinal(o))
        for o in range(when.earliest.toordinal(), when.latest.toordinal() + 1)
    }
    expected = days.pop() if len(days) == 1 else Status.UNCERTAIN
    assert relation.status_on(when) is expected
    existence = {
        relation.counterpart.exists_on(dt.date.fromordinal(o))
        for o in range(when.earliest.toordinal(), when.latest.toordinal() + 1)
    }
    assert relation.counterpart.exists_on(when) is (existence.pop() if len(existence) == 1 else Status.UNCERTAIN)


# -- the loader builds what cattrs builds ----------------------------------------------------


def _in_full(raw: dict[str, object], states: dict[str, object], horizon: str) -> dict[str, object]:
    """A relation of the file as cattrs writes it: every state in full, the horizon stated."""

    def state(value: object) -> object:
        return None if value is None else states[value]  # type: ignore[index]

    out = dict(raw, horizon=raw.get("horizon", horizon))
    out["counterpart"] = state(raw["counterpart"])
    out["states"] = [state(s) for s in raw["states"]]  # type: ignore[attr-defined]
    out["events"] = [
        {**e, **{k: state(e[k]) for k in ("state", "predecessor", "successor") if k in e}}
        for e in raw["events"]  # type: ignore[attr-defined]
    ]
    attribution = dict(raw["attribution"])  # type: ignore[call-overload]
    attribution["alternatives"] = [state(s) for s in attribution.get("alternatives", [])]
    out["attribution"] = attribution
    return out


def test_the_loader_equals_cattrs_for_every_packaged_relation() -> None:
    document = json.loads(_read_resource())
    states = {raw["id"]: raw for raw in document["states"]}
    table = {state_id: converter.structure(raw, Counterpart) for state_id, raw in states.items()}
    context = Context(state=table.__getitem__, metadata=document["metadata"])
    for position, raw in enumerate(document["relations"]):
        full = _in_full(raw, states, document["metadata"]["horizon"])
        assert read(Relation, raw, f"relations[{position}]", context) == converter.structure(full, Relation)
    assert Dataset.from_json(_read_resource(), lazy=True).relations == Dataset.from_json(_read_resource()).relations


@given(histories())
def test_the_loader_equals_cattrs_for_generated_relations(history: object) -> None:
    chile = relations_with("Chile")
    events = history.events  # type: ignore[attr-defined]
    states = tuple(dict.fromkeys(e.state for e in events)) or chile.states
    relation = Relation(
        id="GEN",
        counterpart=states[-1],
        states=states,
        region=chile.region,
        events=events,
        source=chile.source,
        attribution=chile.attribution,
        horizon=chile.horizon,
    )
    named = [*states, *chile.attribution.alternatives]
    named += [s for e in events for s in (e.predecessor, e.successor) if s is not None]
    table = {state.id: state for state in named}
    context = Context(state=table.__getitem__, metadata={"horizon": str(packaged_dataset().horizon)})
    raw = write(relation, context)
    full = _in_full(raw, {state.id: converter.unstructure(state) for state in named}, str(chile.horizon))
    assert read(Relation, raw, "relation", context) == converter.structure(full, Relation) == relation


def test_a_lazy_lookup_decodes_only_what_it_needs() -> None:
    data = Dataset.from_json(_read_resource(), lazy=True)
    assert data.relations_with("Chile").id == "CHL"
    assert not data._store.decoded  # the whole file was not decoded
    assert data.relations_with("Japan").id == "JPN"
    with pytest.raises(AmbiguousCountryError):
        data.relations_with("Congo")
    assert data._store.decoded


def test_the_loader_never_uses_the_public_converter() -> None:
    # A fresh process: lookups (failed ones too) and loading every relation import neither cattrs nor pycountry.
    code = (
        "import sys; from peru_diplomacy import relations_with, all_relations; relations_with('Chile'); "
        "assert len(all_relations()) == 189\n"
        "for query in ('Bhutan', 'Chle', 'Kosovo', 'Peru', 'Congo'):\n"
        "    try: relations_with(query)\n"
        "    except LookupError: pass\n"
        "print(sorted(m for m in ('cattrs', 'pycountry') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
