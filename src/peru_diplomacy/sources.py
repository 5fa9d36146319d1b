"""The upstream sources the data is built from: one registry, ``data/sources.toml`` in the package.

Each source's name, version, address, licence, the repository's copy and its citation are written
there once; :func:`~peru_diplomacy.cite`, ``CITATION.cff``, the codebook's origins, the build (the
names it writes into the data) and the docs' sources page read them here.

>>> from peru_diplomacy.sources import SOURCES
>>> dipex = SOURCES["bayer_2006"]
>>> dipex.name, dipex.version, dipex.folder
('COW Diplomatic Exchange v2006.1', 'v2006.1', 'data/crosswalk/cow_dipex_peru.csv')
"""

from __future__ import annotations

import pkgutil
import tomllib
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Literal

import attrs

from .errors import DatasetError

__all__ = ["SOURCES", "UPSTREAM", "Upstream"]

SourceKind = Literal["website", "data", "article", "standard"]


@attrs.frozen(kw_only=True)
class Upstream:
    """A source the data is built from: how the data names it, which version, where it is, and its citation.

    >>> from peru_diplomacy.sources import UPSTREAM
    >>> UPSTREAM[0].key, UPSTREAM[0].licence
    ('wikipedia_foreign_relations_of_peru', 'CC-BY-SA-4.0')
    >>> UPSTREAM[0].origin
    'the Wikipedia table (data/source/)'
    """

    key: str
    name: str
    version: str
    kind: SourceKind
    authors: str
    year: int | None = None
    title: str
    detail: str = ""
    url: str = ""
    licence: str = ""
    folder: str = ""
    used_for: str = ""
    journal: str = ""
    volume: str = ""
    pages: str = ""

    @property
    def origin(self) -> str:
        """How the codebook names it as a column's origin: its name and where the repository keeps it."""
        return f"{self.name} ({self.folder})" if self.folder else self.name


def _load() -> tuple[Upstream, ...]:
    raw = pkgutil.get_data("peru_diplomacy", "data/sources.toml")
    if raw is None:  # a loader that cannot read its package's files
        raise DatasetError("peru_diplomacy/data/sources.toml cannot be read: the package is incomplete; reinstall it")
    table: dict[str, Any] = tomllib.loads(raw.decode("utf-8"))
    return tuple(Upstream(**entry) for entry in table["source"])


UPSTREAM: tuple[Upstream, ...] = _load()
"""Every upstream source, in the order a reference lists them."""

SOURCES: Mapping[str, Upstream] = MappingProxyType({source.key: source for source in UPSTREAM})
"""Every upstream source, by key."""
