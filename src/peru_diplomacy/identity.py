"""Resolving what people type ("Chile", "CL", 152, "Alemania") to a relation.

Names are compared after :func:`normalize_name`, so case, accents,
punctuation and surrounding space do not matter.

>>> normalize_name("  Côte d'Ivoire ")
'cote d ivoire'
>>> normalize_name("The Bahamas")
'bahamas'
"""

from __future__ import annotations

import enum
import threading
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from .errors import AmbiguousCountryError, NoRelationError, UnknownCountryError

if TYPE_CHECKING:
    from ._records import NameEntry

__all__ = ["CountryIndex", "NameKind", "RawName", "normalize_name", "normalize_query"]


class NameKind(enum.StrEnum):
    """Where a name in the index comes from.

    >>> NameKind("spanish_name").name
    'SPANISH_NAME'
    """

    NAME = "name"
    OFFICIAL_NAME = "official_name"
    ALIAS = "alias"
    FORMER_NAME = "former_name"
    SPANISH_NAME = "spanish_name"
    CODE = "code"


class RawName(NamedTuple):
    """A :class:`NameEntry` as read from a dataset file, before it is made a record."""

    key: str
    label: str
    kind: str
    relation: str | None
    state: str | None


def normalize_name(text: str) -> str:
    """Fold a name for comparison: no accents, case, punctuation or leading "the"."""
    if text.isascii() and text.replace(" ", "").isalnum():  # plain letters and digits: the common case
        text = text.lower()
    else:
        import re

        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
        text = re.sub(r"[\W_]+", " ", text.replace("&", " and "))
    words = text.split()
    if words and words[0] == "the":
        del words[0]
    return " ".join(words)


def normalize_query(query: object) -> str:
    """The index key for a query: a folded name, or a three-digit numeric code.

    >>> normalize_query(36), normalize_query(" 036 "), normalize_query("CHL")
    ('036', '036', 'chl')
    """
    if isinstance(query, bool) or not isinstance(query, (str, int)):
        raise TypeError(
            "a country is a name or an ISO 3166 code (str) or an ISO 3166-1 numeric code (int), "
            f"not {type(query).__name__}"
        )
    if isinstance(query, int):
        return f"{query:03d}" if 0 <= query <= 999 else str(query)
    key = normalize_name(query)
    if key.isdigit() and len(key) <= 3:
        return key.zfill(3)
    return key


class CountryIndex:
    """Every name and code of the dataset's counterparts, and the rules for resolving them."""

    def __init__(self, entries: Iterable[NameEntry | RawName]) -> None:
        by_key: dict[str, list[NameEntry | RawName]] = {}
        self._state_names: dict[str, str] = {}
        for entry in entries:
            by_key.setdefault(entry.key, []).append(entry)
            if entry.kind == NameKind.NAME and entry.state is not None:
                self._state_names[entry.state] = entry.label
        self._by_key = {key: tuple(found) for key, found in by_key.items()}
        self._names = sorted(
            {e.key: e.label for found in self._by_key.values() for e in found if e.kind != NameKind.CODE}.items()
        )

    def resolve(self, query: object) -> str:
        """The id of the relation ``query`` names.

        Raises :class:`~peru_diplomacy.AmbiguousCountryError`,
        :class:`~peru_diplomacy.NoRelationError` or
        :class:`~peru_diplomacy.UnknownCountryError`; ``TypeError``
        for a query that is neither text nor an integer.
        """
        key = normalize_query(query)
        found = self._by_key.get(key)
        if found:
            targets = {(e.relation, e.state if e.relation is None else None): e for e in found}
            if len(targets) == 1:
                entry = found[0]
                if entry.relation is not None:
                    return entry.relation
                raise NoRelationError(entry.label)
            raise AmbiguousCountryError(query, sorted({self._describe(e) for e in targets.values()}))
        if key in _PERU:
            raise NoRelationError("Peru", message="Peru is the subject of this dataset: its relations are with others")
        world = _world_names()
        if key in world:
            raise NoRelationError(world[key])
        raise UnknownCountryError(query, self.suggest(key))

    def suggest(self, key: str, limit: int = 3) -> tuple[str, ...]:
        """Up to ``limit`` names close to ``key`` that do resolve to a relation."""
        if not key:
            return ()
        import difflib

        keys = [k for k, _ in self._names]
        labels = dict(self._names)
        close = difflib.get_close_matches(key, keys, n=limit * 3, cutoff=0.72)
        out: list[str] = []
        for match in close:
            entries = self._by_key[match]
            if any(e.relation is not None for e in entries) and labels[match] not in out:
                out.append(labels[match])
        return tuple(out[:limit])

    def state_of(self, query: object, relation: str) -> str | None:
        """The id of the state of ``relation`` that ``query`` names, if the index says."""
        for entry in self._by_key.get(normalize_query(query), ()):
            if entry.relation == relation:
                return entry.state
        return None

    def keys(self) -> frozenset[str]:
        """Every key in the index."""
        return frozenset(self._by_key)

    def _describe(self, entry: NameEntry | RawName) -> str:
        if entry.relation is None:
            return f"{entry.label} (no relation recorded)"
        return self._state_names.get(entry.state or "", entry.label)


_PERU = frozenset({"peru", "pe", "per", "604", "republic of peru", "republica del peru"})

# Display names for ISO records whose short name is ambiguous.
_WORLD_LABELS = {"COG": "Republic of the Congo"}

# States that ISO 3166 does not list, so pycountry cannot tell us they exist.
_NON_ISO_STATES = {"kosovo": "Kosovo", "xk": "Kosovo", "xkx": "Kosovo", "republic of kosovo": "Kosovo"}

_world: dict[str, str] | None = None
_world_lock = threading.Lock()


def _world_names() -> dict[str, str]:
    """Names and codes of every ISO 3166 state, current and former, in English and Spanish.

    Read from pycountry on first need only: a lookup that succeeds never pays for it.
    """
    global _world
    if _world is None:
        with _world_lock:
            if _world is None:
                _world = _build_world_names()
    return _world


def _build_world_names() -> dict[str, str]:
    import gettext

    import pycountry

    names: dict[str, str] = dict(_NON_ISO_STATES)
    spanish = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["es"], fallback=True)
    for record in pycountry.historic_countries:
        label = str(record.name)
        for value in (record.name, record.alpha_2, record.alpha_3, getattr(record, "alpha_4", None)):
            if isinstance(value, str):
                names.setdefault(normalize_name(value), label)
    for record in pycountry.countries:
        label = _WORLD_LABELS.get(record.alpha_3) or str(getattr(record, "common_name", None) or record.name)
        values = [
            record.name,
            getattr(record, "official_name", None),
            getattr(record, "common_name", None),
            spanish.gettext(str(record.name)),
            record.alpha_2,
            record.alpha_3,
            record.numeric,
        ]
        for value in values:
            if isinstance(value, str):
                names[normalize_name(value)] = label
    return names
