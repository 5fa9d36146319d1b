"""The states (and state-like entities) Peru has relations with.

>>> chile = Counterpart(id="CHL", name="Chile", kind=CounterpartKind.SOVEREIGN_STATE,
...                     alpha2="CL", alpha3="CHL", numeric="152")
>>> chile.name, chile.alpha3, chile.is_historical
('Chile', 'CHL', False)
"""

from __future__ import annotations

import enum

import attrs

__all__ = ["Counterpart", "CounterpartKind"]


class CounterpartKind(enum.StrEnum):
    """What kind of entity a counterpart is.

    >>> CounterpartKind("historical_state").name
    'HISTORICAL_STATE'
    """

    SOVEREIGN_STATE = "sovereign_state"
    """A UN member or observer state recognised by Peru."""
    HISTORICAL_STATE = "historical_state"
    """A state that no longer exists (Czechoslovakia, the USSR, the GDR, the Russian Empire)."""
    PARTIALLY_RECOGNISED_STATE = "partially_recognised_state"
    """A state with limited international recognition (Taiwan, Palestine, the SADR)."""
    SOVEREIGN_ENTITY = "sovereign_entity"
    """A sovereign subject of international law that is not a territorial state (the Order of Malta)
    or whose statehood is sui generis (the Holy See)."""
    ASSOCIATED_STATE = "associated_state"
    """A self-governing state in free association (the Cook Islands, Niue)."""
    SUPRANATIONAL_UNION = "supranational_union"
    """A union of states with its own diplomatic relations (the European Union)."""


@attrs.frozen(kw_only=True)
class Counterpart:
    """One state or entity, with its ISO codes where it has them.

    ``id`` is stable across releases: the ISO 3166-1 alpha-3 code for a current
    state, the ISO 3166-3 code for a former one (``CSHH``, ``SUHH``, ``DDDE``)
    and an ``X-`` name for an entity with no ISO code (``X-SADR``).
    ``numeric`` is the three-digit ISO 3166-1 code as text (``"036"``), or
    ``None`` where there is none.

    >>> from peru_diplomacy import relations_with
    >>> ussr = relations_with("USSR").states[1]
    >>> ussr.name, ussr.alpha2, ussr.numeric, ussr.iso3166_3, ussr.is_historical
    ('Soviet Union', 'SU', '810', 'SUHH', True)
    """

    id: str
    name: str
    kind: CounterpartKind
    official_name: str | None = None
    alpha2: str | None = None
    alpha3: str | None = None
    numeric: str | None = None
    iso3166_3: str | None = None

    @property
    def is_historical(self) -> bool:
        """Whether the state no longer exists."""
        return self.kind is CounterpartKind.HISTORICAL_STATE

    def __str__(self) -> str:
        """The name."""
        return self.name
