"""Citing the package and its data: a data version, the licence's attribution, every upstream source (#19)."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest

import peru_diplomacy
from peru_diplomacy import cite, packaged_dataset
from peru_diplomacy.citation import REPOSITORY, UPSTREAM

from .cli_run import in_process

ROOT = Path(__file__).resolve().parent.parent


def test_the_data_has_a_version_of_its_own() -> None:
    meta = packaged_dataset().metadata
    assert meta.data_version == peru_diplomacy.DATA_VERSION
    release = tomllib.loads((ROOT / "data" / "release.toml").read_text(encoding="utf-8"))
    assert meta.data_version == release["data_version"]
    year, number = meta.data_version.split(".")
    assert len(year) == 4 and number.isdigit()
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"### Data ({meta.data_version})" in changelog


def test_amended_data_says_so() -> None:
    mine = packaged_dataset().amended(
        [{"type": "event", "country": "Chile", "kind": "broken", "date": "2030", "source": "a test"}]
    )
    assert mine.metadata.data_version == packaged_dataset().metadata.data_version + "+amended"
    assert "+amended" in cite(dataset=mine)
    assert packaged_dataset().amended([]).metadata.data_version == packaged_dataset().metadata.data_version


def test_the_reference_names_everything_a_reader_needs() -> None:
    meta = packaged_dataset().metadata
    text = cite()
    for needed in (
        peru_diplomacy.__version__,
        f"data version {meta.data_version}",
        meta.source_revision,
        str(meta.horizon),
        meta.attribution,
        "CC BY-SA 4.0",
        REPOSITORY,
        "FRUS 1942",
        "Embassy of Sweden in Lima",
    ):
        assert needed in text, needed
    for source in UPSTREAM:
        assert source.title in text


def test_bibtex_has_one_entry_per_work_and_balanced_braces() -> None:
    text = cite("bibtex")
    entries = [chunk for chunk in text.split("\n\n") if chunk.strip()]
    assert len(entries) == 1 + len(UPSTREAM)
    for entry in entries:
        assert entry.startswith("@") and entry.rstrip().endswith("}")
        assert entry.count("{") == entry.count("}")
    assert f"@misc{{peru_diplomacy_{packaged_dataset().metadata.data_version.replace('.', '_')}," in text
    with pytest.raises(ValueError, match="format must be"):
        cite("apa")  # type: ignore[arg-type]


def test_the_command_line_cites_and_versions_name_the_data() -> None:
    assert in_process("cite").stdout == cite()
    assert in_process("cite", "--format", "bibtex").stdout == cite("bibtex")
    version = in_process("--version").stdout
    assert f"data {packaged_dataset().metadata.data_version}" in version
    shown = in_process("show", "Chile").stdout
    assert f"Data: version {packaged_dataset().metadata.data_version}" in shown


def test_the_repository_address_is_the_project_s() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["urls"]["Source"] == REPOSITORY


def test_citation_cff_is_written_from_the_package() -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import write_citation
    finally:
        sys.path.pop(0)
    assert (ROOT / "CITATION.cff").read_text(encoding="utf-8") == write_citation.render()


def test_bibtex_fields_say_what_they_are() -> None:
    # "version = {version 0.2.0.dev0, ...}" rendered "Version version"; the GW article had no journal, volume
    # or pages; UN M49 had no year; cite(format=...) was a TypeError (#28, item 10).
    text = cite(format="bibtex")
    assert f"  version = {{{peru_diplomacy.__version__}}}," in text
    gw = next(chunk for chunk in text.split("\n\n") if chunk.startswith("@article{gleditsch_ward_1999,"))
    assert "  journal = {International Interactions}," in gw and "  volume = {25}," in gw
    assert "  pages = {393--413}," in gw
    m49 = next(chunk for chunk in text.split("\n\n") if chunk.startswith("@misc{un_m49,"))
    assert "  year = {n.d.}," in m49
    with pytest.warns(DeprecationWarning, match=r"^cite\(style=\.\.\.\) is now cite\(format=\.\.\.\)$"):
        assert cite(style="bibtex") == text


def test_an_amended_dataset_s_citation_names_the_amendments_sources() -> None:
    mine = packaged_dataset().amended(
        [{"type": "event", "country": "Chile", "kind": "broken", "date": "2026-01-02", "source": "Note 4-2026"}]
    )
    assert "data version 2026.3+amended" in cite(dataset=mine)
    assert "- and the sources your amendments cite: Note 4-2026" in cite(dataset=mine)
    assert "Amendments cite: Note 4-2026." in cite(format="bibtex", dataset=mine)
    assert "amendments cite" not in cite()


def test_bibtex_keys_and_authors_as_bibtex_reads_them() -> None:
    from peru_diplomacy.citation import _authors

    assert _authors("Rosa Garibaldi and Ana Ruiz") == "Rosa Garibaldi and Ana Ruiz"  # two people
    assert _authors("Bayer, Reşat") == "Bayer, Reşat"
    assert _authors("Wikipedia contributors") == "{Wikipedia contributors}"  # one name, not a first and a last
    mine = packaged_dataset().amended(
        [{"type": "event", "country": "Chile", "kind": "broken", "date": "2026-01-02", "source": "Note 4-2026"}]
    )
    version = packaged_dataset().metadata.data_version.replace(".", "_")
    assert cite(format="bibtex", dataset=mine).splitlines()[0] == f"@misc{{peru_diplomacy_{version}_amended,"
