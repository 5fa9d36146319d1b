"""Build stage 4, states: codes from the lists, lifetimes, memberships cut to them, M49 regions."""

from __future__ import annotations

import tomllib

import pytest
from databuild.common import CURATION, SourceError
from databuild.names import Registry
from databuild.states import StateFacts, list_spans, system_states

from peru_diplomacy import CodeSystem, Counterpart, CounterpartKind, PartialDate
from peru_diplomacy.counterparts import PERU_INDEPENDENCE


def _registry() -> Registry:
    return Registry(tomllib.loads((CURATION / "counterparts.toml").read_text(encoding="utf-8")))


def test_the_lists_are_read_with_exclusive_ends() -> None:
    spans = list_spans()
    (haiti,) = [s for s in spans if s.system is CodeSystem.COW and s.code == 41 and s.start.year == 1859]
    assert (str(haiti.start), str(haiti.end)) == ("1859-01-01", "1915-07-29")  # the list's last day is 1915-07-28
    states = system_states()
    assert len({(s.system, s.code) for s in states}) == len(states)
    (russia,) = [s for s in states if s.system is CodeSystem.COW and s.code == 365]
    assert [(str(p.start), p.end) for p in russia.spans] == [("1816-01-01", None)]  # COW keeps 365 throughout


def test_a_state_s_lifetime_and_memberships() -> None:
    facts = StateFacts()
    czech = facts.enrich(Counterpart(id="CZE", name="Czech Republic", kind=CounterpartKind.SOVEREIGN_STATE), None)
    assert [(str(p.start), p.end) for p in czech.existence] == [("1993-01-01", None)]
    assert {(m.system.value, m.code) for m in czech.memberships} == {("cow", 316), ("gw", 316)}
    subject = facts.subject(_registry())
    assert subject.existence[0].start == PERU_INDEPENDENCE  # lifetimes.toml holds the library's constant
    assert (subject.cow_code, subject.gw_code, subject.m49_region) == (135, 135, "Americas")
    facts.codes["XXX"] = {"id": "XXX", "name": "Atlantis", "cow": "", "gw": ""}
    with pytest.raises(SourceError, match=r"Atlantis \(XXX\) is in neither list, has no event"):
        facts.enrich(Counterpart(id="XXX", name="Atlantis", kind=CounterpartKind.SOVEREIGN_STATE), None)


def test_states_without_a_relation_get_what_the_lists_and_iso_say() -> None:
    facts, registry = StateFacts(frozenset({"TWN"})), _registry()
    bhutan = facts.named(registry, "BTN")
    assert (bhutan.kind, bhutan.cow_code, str(bhutan.existence[0].start)) == (
        CounterpartKind.SOVEREIGN_STATE,
        760,
        "1949-01-01",
    )
    aruba = facts.named(registry, "ABW")
    assert (aruba.kind, aruba.existence, aruba.m49_region) == (CounterpartKind.UNCLASSIFIED, (), "Americas")
    kosovo = facts.named(registry, "X-KOSOVO")
    assert (kosovo.kind, kosovo.cow_code) == (CounterpartKind.PARTIALLY_RECOGNISED_STATE, 347)
    south_yemen = facts.named(registry, "YDYE")
    assert (south_yemen.kind, south_yemen.cow_code, south_yemen.existence[0].end) == (
        CounterpartKind.HISTORICAL_STATE,
        680,
        PartialDate(1990, 5, 22),
    )
