"""Build stage 3, names: states by id with their ISO codes, and the names the lookups know."""

from __future__ import annotations

import tomllib

import pytest
from databuild.common import CURATION, SourceError
from databuild.names import Registry

from peru_diplomacy import CounterpartKind, NameKind, all_relations


def _registry() -> Registry:
    return Registry(tomllib.loads((CURATION / "counterparts.toml").read_text(encoding="utf-8")))


def test_curated_and_iso_states_are_registered_once() -> None:
    registry = _registry()
    czechoslovakia = registry.states["CSHH"]
    assert (czechoslovakia.kind, czechoslovakia.alpha3, czechoslovakia.iso3166_3) == (
        CounterpartKind.HISTORICAL_STATE,
        "CSK",
        "CSHH",
    )
    chile = registry.state("CHL", "Chile")
    assert registry.state("CHL") is chile and chile.numeric == "152"
    assert registry.state("PSE", "Palestine").kind is CounterpartKind.PARTIALLY_RECOGNISED_STATE
    with pytest.raises(SourceError, match="unknown counterpart 'ATL'"):
        registry.state("ATL", "Atlantis")


def test_names_come_from_iso_the_curation_and_the_subject() -> None:
    registry = _registry()
    names = registry.names(list(all_relations()))
    by_key = {(n.key, n.state): n for n in names}
    assert by_key[("alemania", "DEU")].kind is NameKind.SPANISH_NAME
    assert by_key[("alemania", "DEU")].relation == "DEU"
    assert by_key[("checoslovaquia", "CSHH")].relation == "CZE"
    assert by_key[("republica del peru", "PER")].relation is None  # the subject: known, no relation
    assert by_key[("bhutan", "BTN")].relation is None  # a state of the world without a relation
    withheld = [n for n in names if n.state == "TWN"]
    assert not any("provincia" in n.key for n in withheld)  # [iso_withheld]: not ISO's Spanish name
    assert {n.kind for n in withheld if n.key == "taiwan province of china"} == {NameKind.ALIAS}  # curated
