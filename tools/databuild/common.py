"""What every stage of the build shares: where the inputs are, how they are read, and its error."""

from __future__ import annotations

import csv
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent.parent
SOURCE = ROOT / "data" / "source"
CURATION = ROOT / "data" / "curation"
CROSSWALK = ROOT / "data" / "crosswalk"
UPDATES = ROOT / "data" / "updates"
RELEASE = ROOT / "data" / "release.toml"


class SourceError(Exception):
    """The sources cannot be read as the build expects."""


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_tsv_commented(path: Path) -> list[dict[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def fold(text: str) -> str:
    return " ".join(text.split())


def pycountry_version() -> str:
    """The pycountry release the names are read from: the pin in pyproject.toml's test extra."""
    project: dict[str, Any] = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirement: str
    for requirement in project["optional-dependencies"]["test"]:
        name, _, pinned = requirement.partition("==")
        if name.strip() == "pycountry" and pinned:
            return pinned.strip()
    raise SourceError("pyproject.toml's test extra must pin pycountry (pycountry==X): the names depend on it")
