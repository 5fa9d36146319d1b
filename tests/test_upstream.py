"""The registry of upstream sources (data/sources.toml): each source written once, and every copy held to it."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from peru_diplomacy import all_relations, cite
from peru_diplomacy.export import codebook
from peru_diplomacy.sources import SOURCES, UPSTREAM

ROOT = Path(__file__).resolve().parent.parent


def test_every_source_is_whole_and_once() -> None:
    assert len(SOURCES) == len(UPSTREAM) == 7
    for source in UPSTREAM:
        assert source.name and source.version and source.title and source.authors and source.used_for, source.key
        assert source.url or source.journal, f"{source.key}: an address or a journal to find it by"
        assert source.folder, f"{source.key}: where the repository keeps its copy"
    names = [s.name for s in UPSTREAM]
    assert len(set(names)) == len(names)


def test_the_table_s_revision_is_the_release_s() -> None:
    release = tomllib.loads((ROOT / "data" / "release.toml").read_text(encoding="utf-8"))["source"]
    table = SOURCES["wikipedia_foreign_relations_of_peru"]
    assert (table.version, table.url, table.licence) == (release["revision"], release["url"], release["licence"])
    assert table.year == int(release["revision"][:4])


def test_iso_names_are_from_the_pinned_pycountry() -> None:
    from databuild.common import pycountry_version

    assert SOURCES["iso_3166"].version == pycountry_version()
    assert f"pycountry {pycountry_version()}" in SOURCES["iso_3166"].detail


def test_the_missions_day_is_the_registry_s() -> None:
    from peru_diplomacy.representation import MISSIONS_OBSERVED

    assert SOURCES["wikidata_missions_2022"].version == MISSIONS_OBSERVED


@pytest.mark.parametrize("key", [s.key for s in UPSTREAM if s.folder.startswith("data/crosswalk/")])
def test_the_crosswalk_readme_describes_each_copy_as_the_registry_does(key: str) -> None:
    source = SOURCES[key]
    readme = (ROOT / "data" / "crosswalk" / "README.md").read_text(encoding="utf-8")
    file = source.folder.removeprefix("data/crosswalk/")
    assert f"## {file}" in readme, f"the crosswalk README has no section on {file}"
    section = readme.split(f"## {file}", 1)[1].split("\n## ", 1)[0]
    assert source.version.split(",")[0].replace("lukes/", "") in section, f"{file}: {source.version}"
    assert (ROOT / source.folder).is_file()


def test_the_codebook_and_the_data_name_the_sources_as_the_registry_does() -> None:
    origins = {(row["table"], row["column"]): row["origin"] for row in codebook()}
    assert origins[("relations", "cow_code")] == SOURCES["cow_states_2016"].origin
    assert origins[("relations", "gw_code")] == SOURCES["gleditsch_ward_1999"].origin
    assert origins[("relations", "alpha3")] == SOURCES["iso_3166"].origin
    assert origins[("relations", "m49_region")] == SOURCES["un_m49"].origin
    dipex = SOURCES["bayer_2006"].name
    contested_by = {c.source for r in all_relations() for c in r.contests}
    assert dipex in contested_by
    reference = cite()
    for source in UPSTREAM:
        assert source.title in reference, source.key


def test_a_registry_that_cannot_be_read_is_a_dataset_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import pkgutil

    from peru_diplomacy import DatasetError, sources

    monkeypatch.setattr(pkgutil, "get_data", lambda package, resource: None)  # a loader without the file
    with pytest.raises(DatasetError, match=r"^peru_diplomacy/data/sources\.toml cannot be read: the package is"):
        sources._load()


def test_an_origin_is_the_name_and_the_copy() -> None:
    assert SOURCES["bayer_2006"].origin == "COW Diplomatic Exchange v2006.1 (data/crosswalk/cow_dipex_peru.csv)"
    assert SOURCES["wikipedia_foreign_relations_of_peru"].origin == "the Wikipedia table (data/source/)"
