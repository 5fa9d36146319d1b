"""The project's own promises about its packaging: declared floors, the lowest-dependency job, versions."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

import peru_diplomacy

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"
LOWEST = ROOT / ".ci" / "lowest.txt"

pytestmark = pytest.mark.skipif(not PYPROJECT.exists(), reason="run from a checkout, not an installed copy")


def _floors(requirements: list[str]) -> dict[str, str]:
    floors = {}
    for requirement in requirements:
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)\s*(>=|==)\s*([0-9.]+)", requirement.split(";")[0].strip())
        assert match, f"every requirement declares its floor: {requirement!r}"
        floors[match.group(1).lower()] = match.group(3)
    return floors


def test_the_lowest_dependency_job_installs_every_declared_floor() -> None:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    declared = _floors(project["dependencies"]) | _floors(project["optional-dependencies"]["test"])
    pinned = {}
    for line in LOWEST.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = line.split("==")
            pinned[name.lower()] = version
    from packaging.version import Version

    assert {name: Version(v) for name, v in pinned.items()} == {name: Version(v) for name, v in declared.items()}


def test_runtime_needs_attrs_and_cattrs_only() -> None:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    assert sorted(_floors(project["dependencies"])) == ["attrs", "cattrs"]


def test_version_is_the_installed_metadata() -> None:
    from importlib.metadata import version

    assert version("peru-diplomacy") == peru_diplomacy.__version__
