"""Resolving what people type ("Chile", "CL", 152, "Alemania") to a relation.

Names are compared after :func:`normalize_name`, so case, accents,
punctuation and surrounding space do not matter.

>>> from peru_diplomacy.identity import normalize_name
>>> normalize_name("  Côte d'Ivoire ")
'cote divoire'
>>> normalize_name("The Bahamas")
'bahamas'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from ._enums import TextEnum
from ._numbers import integral
from .errors import AmbiguousCountryError, NoRelationError, UnknownCountryError


class NameLike(Protocol):
    """What the index reads of a name entry (a ``NameEntry``, or any record alike)."""

    @property
    def key(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def relation(self) -> str | None: ...
    @property
    def state(self) -> str | None: ...


__all__ = ["NameKind", "normalize_name", "normalize_query"]


class NameKind(TextEnum):
    """Where a name in the index comes from.

    >>> from peru_diplomacy import NameKind
    >>> NameKind("spanish_name").name
    'SPANISH_NAME'
    """

    NAME = "name"
    OFFICIAL_NAME = "official_name"
    ALIAS = "alias"
    FORMER_NAME = "former_name"
    SPANISH_NAME = "spanish_name"
    CODE = "code"


def normalize_name(text: str) -> str:
    """Fold a name for comparison: no accents, case, punctuation or leading "the"."""
    if text.isascii() and text.replace(" ", "").isalnum():  # plain letters and digits: the common case
        text = text.lower()
    else:
        import re
        import unicodedata

        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
        text = re.sub(r"['\u2019\u02bc`]", "", text)  # d'Ivoire = dIvoire
        text = re.sub(r"[\W_]+", " ", text.replace("&", " and "))
    words = text.split()
    if words and words[0] == "the":
        del words[0]
    if len(words) > 1 and ("d" in words or "l" in words):
        words = _elided(words)
    return " ".join(words)


def _elided(words: list[str]) -> list[str]:
    """French elisions written with a space for the apostrophe: "d ivoire" is "divoire"."""
    out: list[str] = []
    for word in words:
        if out and out[-1] in ("d", "l") and word[:1] in "aeiouyh" and len(out) > 1:
            out[-1] += word
        else:
            out.append(word)
    return out


def normalize_query(query: object) -> str:
    """The index key for a query: a folded name, or a three-digit numeric code.

    >>> from peru_diplomacy.identity import normalize_query
    >>> normalize_query(36), normalize_query(" 036 "), normalize_query("CHL")
    ('036', '036', 'chl')
    """
    if not isinstance(query, str):
        number = integral(query)
        if number is None:
            raise TypeError(
                "a country is a name or an ISO 3166 code (str) or an ISO 3166-1 numeric code (an integer), "
                f"not {type(query).__name__}"
            )
        return f"{number:03d}" if 0 <= number <= 999 else "#out-of-range"
    key = normalize_name(query)
    if key.isdigit() and len(key) <= 3:
        return key.zfill(3)
    return key


class CountryIndex:
    """Every name and code of the dataset's counterparts, and the rules for resolving them.

    ``subject`` is the id of the state whose relations the data records (Peru: the data's
    ``metadata.subject``): a name of it is no relation of its own.
    """

    def __init__(self, entries: Iterable[NameLike], *, subject: str | None = None) -> None:
        self._subject = subject
        by_key: dict[str, list[NameLike]] = {}
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
                if entry.state is not None and entry.state == self._subject:
                    raise NoRelationError(
                        entry.label,
                        message=f"{entry.label} is the subject of this dataset: its relations are with others",
                        state=entry.state,
                    )
                raise NoRelationError(entry.label, state=entry.state)
            raise AmbiguousCountryError(query, sorted({self._describe(e) for e in targets.values()}))
        abbreviation = isinstance(query, str) and query.strip().isupper() and len(key) <= _LONGEST_ABBREVIATION
        raise UnknownCountryError(query, () if abbreviation else self.suggest(key))

    def suggest(self, key: str, limit: int = 3) -> tuple[str, ...]:
        """Up to ``limit`` names close to ``key``, closest first: names of relations and of the table's states
        with none (which then say so); of equally close names, an English name before another kind."""
        if not key:
            return ()
        import difflib

        keys = [k for k, _ in self._names]
        labels = dict(self._names)
        close = difflib.get_close_matches(key, keys, n=limit * 5, cutoff=0.72)

        def rank(match: str) -> tuple[float, int, str]:
            english = any(e.kind in (NameKind.NAME, NameKind.OFFICIAL_NAME) for e in self._by_key[match])
            return (-difflib.SequenceMatcher(None, key, match).ratio(), 0 if english else 1, labels[match])

        out: list[str] = []
        seen: set[str] = set()
        best_relation: float | None = None
        for match in sorted(close, key=rank):
            relations = {e.relation for e in self._by_key[match] if e.relation is not None}
            score = -rank(match)[0]
            if relations:
                best_relation = score if best_relation is None else best_relation
                targets = set(relations)
            elif best_relation is None or score > best_relation:
                # a state with no relation, only where no relation's name is as close (Bhutann: Bhutan)
                targets = {f"state:{e.state}" for e in self._by_key[match] if e.state}
            else:
                continue
            if targets and not targets <= seen and labels[match] not in out:
                seen |= targets
                out.append(labels[match])
        return tuple(out[:limit])

    def state_of(self, query: object, relation: str) -> str | None:
        """The id of the state of ``relation`` that ``query`` names, if the index says."""
        for entry in self._by_key.get(normalize_query(query), ()):
            if entry.relation == relation:
                return entry.state
        return None

    def _describe(self, entry: NameLike) -> str:
        if entry.relation is None:
            return f"{entry.label} (no relation recorded)"
        return self._state_names.get(entry.state or "", entry.label)


class ListedState(Protocol):
    """A state as a COW or Gleditsch–Ward list has it: a list's state, or a state's membership of a list."""

    @property
    def code(self) -> int: ...
    @property
    def abbrev(self) -> str: ...


class NamedListedState(ListedState, Protocol):
    """A list's state, with its name."""

    @property
    def name(self) -> str: ...


class SystemCodeQuery:
    """What a COW or Gleditsch–Ward lookup asks for: a code (an int, or digits as text) or an abbreviation.

    >>> from peru_diplomacy.identity import SystemCodeQuery
    >>> query = SystemCodeQuery(" chl ", "COW")
    >>> query.code, query.abbrev
    (None, 'CHL')
    >>> SystemCodeQuery(155, "GW").code
    155
    """

    __slots__ = ("abbrev", "code", "label")

    def __init__(self, country: str | int, label: str) -> None:
        number = None if isinstance(country, str) else integral(country)
        if number is None and not isinstance(country, str):
            raise TypeError(f"a {label} code is an int or an abbreviation (str), not {type(country).__name__}")
        text = country.strip() if isinstance(country, str) else ""
        self.label = label
        self.code: int | None = number if number is not None else (int(text) if text.isdigit() else None)
        self.abbrev: str | None = None if self.code is not None else text.upper()

    def matches(self, listed: ListedState) -> bool:
        """Whether the list's state (or membership) has the code or the abbreviation asked for."""
        return listed.code == self.code if self.code is not None else listed.abbrev == self.abbrev

    def suggestions(self, pool: Sequence[NamedListedState]) -> tuple[str, ...]:
        """Up to three states of the list near what was asked: the nearest codes, or the closest abbreviations.

        >>> from types import SimpleNamespace as S
        >>> from peru_diplomacy.identity import SystemCodeQuery
        >>> pool = [S(code=155, abbrev="CHL", name="Chile"), S(code=135, abbrev="PER", name="Peru")]
        >>> SystemCodeQuery("CHI", "COW").suggestions(pool)
        ('COW 155 (CHL, Chile)',)
        """
        if self.code is not None:
            code = self.code
            near = sorted(pool, key=lambda s: (abs(s.code - code), s.code))[:3]
        else:
            import difflib

            close = difflib.get_close_matches(self.abbrev or "", [s.abbrev for s in pool], n=3, cutoff=0.5)
            near = [s for a in close for s in pool if s.abbrev == a][:3]
        return tuple(f"{self.label} {s.code} ({s.abbrev}, {s.name})" for s in near)


# A query in capitals this short is an abbreviation or a code: a near miss of it is another state or an
# organisation ("UAE" is not "UE", the EU), never a typo worth suggesting.
_LONGEST_ABBREVIATION = 4
