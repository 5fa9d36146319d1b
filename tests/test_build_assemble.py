"""Build stage 6, assembly: the committed outputs are what the sources generate."""

from __future__ import annotations

from importlib.resources import files

import databuild
from databuild.assemble import RELEASE_MODULE, counterpart_id, outputs
from databuild.names import Registry

import peru_diplomacy._release as release


def test_the_committed_outputs_are_what_the_sources_generate() -> None:
    texts = outputs()
    shipped = files("peru_diplomacy").joinpath("data", "relations.json").read_text(encoding="utf-8")
    assert [path.name for path in texts] == ["relations.json", "_release.py"]
    (resource, module) = texts.values()
    assert shipped == resource, "run: python tools/build_dataset.py"
    assert RELEASE_MODULE.name == "_release.py"
    assert module == files("peru_diplomacy").joinpath("_release.py").read_text(encoding="utf-8")  # as installed
    namespace: dict[str, object] = {}
    exec(module, namespace)
    assert (namespace["SOURCE_REVISION"], namespace["DATA_VERSION"]) == (release.SOURCE_REVISION, release.DATA_VERSION)


def test_a_row_without_an_iso_code_takes_the_id_of_its_curated_state() -> None:
    import tomllib

    from databuild.common import CURATION

    registry = Registry(tomllib.loads((CURATION / "counterparts.toml").read_text(encoding="utf-8")))
    assert counterpart_id({"iso3": "CHL", "country": "Chile"}, registry) == "CHL"
    assert counterpart_id({"iso3": "-", "country": "Czechoslovakia"}, registry) == "CSHH"
    assert databuild.SourceError.__name__ == "SourceError"
