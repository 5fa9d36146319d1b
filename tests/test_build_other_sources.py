"""Build stage 5, other sources: events, measures, earlier sources and COW contests, placed or refused."""

from __future__ import annotations

import tomllib
from typing import Any

import pytest
from databuild.common import CURATION, UPDATES, SourceError
from databuild.names import Registry
from databuild.other_sources import OtherSources, citation, merged

from peru_diplomacy import Relation


def _sources() -> OtherSources:
    registry = Registry(tomllib.loads((CURATION / "counterparts.toml").read_text(encoding="utf-8")))
    updates: dict[str, Any] = tomllib.loads((UPDATES / "horizon.toml").read_text(encoding="utf-8"))
    return OtherSources(registry, updates)


def test_a_research_source_field_is_split_into_outlet_date_and_address() -> None:
    cited = citation("Andina, 2024-05-02, https://andina.pe/x.", quote="q")
    assert (cited.outlet, cited.published, cited.url, cited.quote) == (
        "Andina",
        "2024-05-02",
        "https://andina.pe/x.",
        "q",
    )
    assert citation("Ministry note").url is None


def test_spans_are_merged_where_they_touch() -> None:
    assert merged([(5, 9), (1, 3), (3, 4), (8, 12)]) == [(1, 4), (5, 12)]


def test_the_build_fails_on_a_row_it_cannot_place(every_relation: tuple[Relation, ...]) -> None:
    sources = _sources()
    by_state = {s.id: r for r in every_relation for s in r.states}
    with pytest.raises(SourceError, match="no relation for 'Atlantis'"):
        sources._relation_of({"country": "Atlantis", "iso3": "ATL"}, by_state, "events.tsv line 99")
    sources.dipex = [{"ccode2": "760", "year": "1990", "DR_at_1": "1", "DR_at_2": "0", "DE": "1"}]  # Bhutan
    with pytest.raises(SourceError, match="COW 760 in 1990 has representation"):
        sources._dipex_contests(list(every_relation))
