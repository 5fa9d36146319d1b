"""Diplomatic representation beside formal relations: the Correlates of War Diplomatic Exchange levels,
and the missions Wikidata lists on 2022-11-16.

COW's Diplomatic Exchange data (v2006.1) records, for sampled years from 1817
to 2005 (every five years from 1950), at what level each side was represented
in the other. They are year-level snapshots, not events, and say nothing of
formal relations as such: COW codes 1950–1965 as 9 ("some representation,
level not recorded"), and from 1980 on a diplomat accredited from elsewhere
does not count, so a 0 there means "no resident mission", not "no relations".

>>> from peru_diplomacy import relations_with
>>> r = [x for x in relations_with("Sweden").representation if x.year == 1935][0]
>>> r.at_peru.value, r.in_counterpart.value, r.exchange
('minister', 'minister', True)
"""

from __future__ import annotations

import attrs

from ._enums import TextEnum

__all__ = ["Mission", "MissionKind", "Representation", "RepresentationLevel"]


class RepresentationLevel(TextEnum):
    """COW's levels of representation (codes 0, 1, 2, 3 and 9).

    >>> from peru_diplomacy import RepresentationLevel
    >>> RepresentationLevel.from_code(3).value
    'ambassador'
    """

    NONE = "none"
    CHARGE = "charge_d_affaires"
    MINISTER = "minister"
    AMBASSADOR = "ambassador"
    OTHER = "other"

    @classmethod
    def from_code(cls, code: int) -> RepresentationLevel:
        """The level of a COW code (9 is "other": some representation, level not recorded)."""
        return _BY_CODE[code]


_BY_CODE = {
    0: RepresentationLevel.NONE,
    1: RepresentationLevel.CHARGE,
    2: RepresentationLevel.MINISTER,
    3: RepresentationLevel.AMBASSADOR,
    9: RepresentationLevel.OTHER,
}


@attrs.frozen(kw_only=True)
class Representation:
    """One COW year of a pair: ``at_peru`` is the counterpart's representation in Peru
    (COW's ``DR_at_1``), ``in_counterpart`` Peru's representation there (``DR_at_2``),
    ``exchange`` COW's ``DE`` (either side represented); ``state`` the id of the state
    the COW code denoted that year.

    >>> from peru_diplomacy import relations_with
    >>> r = relations_with("Germany").representation[0]
    >>> r.year, r.state, r.cow_code, r.exchange
    (1840, 'X-REICH', 255, False)
    """

    year: int
    state: str
    cow_code: int
    at_peru: RepresentationLevel = RepresentationLevel.NONE
    in_counterpart: RepresentationLevel = RepresentationLevel.NONE
    exchange: bool = False


MISSIONS_OBSERVED = "2022-11-16"
"""The day the missions were listed: the Database of embassies and consulates, generated from Wikidata."""


class MissionKind(TextEnum):
    """What kind of mission Wikidata says it is (its ``type``), in words.

    >>> from peru_diplomacy import MissionKind
    >>> MissionKind.EMBASSY.is_diplomatic, MissionKind.HONORARY_CONSULATE.is_diplomatic
    (True, False)
    """

    EMBASSY = "embassy"
    APOSTOLIC_NUNCIATURE = "apostolic nunciature"
    DE_FACTO_EMBASSY = "de facto embassy"
    CONSULATE_GENERAL = "consulate general"
    CONSULATE = "consulate"
    HONORARY_CONSULATE = "honorary consulate"

    @property
    def is_diplomatic(self) -> bool:
        """Whether a mission of this kind is evidence of diplomatic relations: an embassy or a
        nunciature is; a consulate (consular, not diplomatic) or a de facto embassy (kept where there
        are no relations, as Taiwan's in Lima) is not."""
        return self in (MissionKind.EMBASSY, MissionKind.APOSTOLIC_NUNCIATURE)


@attrs.frozen(kw_only=True)
class Mission:
    """A mission listed on :data:`~peru_diplomacy.representation.MISSIONS_OBSERVED` (Wikidata, CC0).

    Who keeps it, where, and for whom.

    ``operator`` is the id of the state that keeps it (``"PER"`` for Peru's), ``host``
    the id of the state it stands in, ``city`` its city, ``kind`` its kind and
    ``wikidata`` its Wikidata item. ``resident`` is ``False`` where the relation's state
    is served from elsewhere: Peru's embassy in Stockholm is also accredited to
    Denmark, so Denmark's relation lists it with ``host == "SWE"`` and ``resident``
    false. A listed embassy or nunciature is evidence that relations stood that day
    (a mission missing proves nothing: the list is not complete).

    >>> from peru_diplomacy import relations_with
    >>> m = [m for m in relations_with("Denmark").missions if m.operator == "PER"][0]
    >>> m.host, m.city, m.kind.value, m.resident
    ('SWE', 'Stockholm Municipality', 'embassy', False)
    """

    operator: str
    host: str
    city: str
    kind: MissionKind
    wikidata: str
    resident: bool = True
    opened: str | None = None
