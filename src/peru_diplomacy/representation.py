"""Diplomatic representation beside formal relations: the Correlates of War Diplomatic Exchange levels.

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

__all__ = ["Representation", "RepresentationLevel"]


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
