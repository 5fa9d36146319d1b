"""The states (and state-like entities) Peru has relations with: codes and lifetimes.

>>> from peru_diplomacy import Counterpart, CounterpartKind
>>> chile = Counterpart(id="CHL", name="Chile", kind=CounterpartKind.SOVEREIGN_STATE,
...                     alpha2="CL", alpha3="CHL", numeric="152")
>>> chile.name, chile.alpha3, chile.is_historical, chile.cow_code
('Chile', 'CHL', False, None)
"""

from __future__ import annotations

import attrs

from ._enums import TextEnum
from .dates import DateLike, PartialDate, to_partial_date
from .periods import Period, Status, StatusTimeline

__all__ = ["PERU_CONFEDERATION", "PERU_INDEPENDENCE", "CodeSystem", "Counterpart", "CounterpartKind", "Membership"]

PERU_INDEPENDENCE = PartialDate(1821, 7, 28)
"""The day Peru exists from: its declaration of independence, Lima, 28 July 1821.

Before it no relation of Peru's can stand (see :meth:`Relation.status_on
<peru_diplomacy.Relation.status_on>`). Source: "Peruvian War of Independence",
Wikipedia (CC BY-SA 4.0): "San Martín ... declared the independence of Peru on
28 July 1821".
"""

PERU_CONFEDERATION = Period(start=PartialDate(1836, 10, 28), end=PartialDate(1839, 8, 25))
"""The Peru–Bolivian Confederation, of which Peru (as two states) and Bolivia were members.

Whether a relation in this span was Peru's own is not settled, so every relation is
``uncertain`` in it (the stated rule of the docs' "How an answer is reached"). Source:
``data/updates/ruptures.tsv``, Bolivia's ``predecessor`` row (high confidence): "its de facto
establishment dated from October 28, 1836 … until August 25, 1839"; the data's record of
Peru (its ``doubtful`` span) says the same, and a test holds the two equal.
"""


class CodeSystem(TextEnum):
    """The systems of state codes the lookups understand.

    - ``iso``: names (English, Spanish, former) and ISO 3166 codes, the default;
    - ``cow``: Correlates of War state codes (``155``) and abbreviations (``"CHL"``);
    - ``gw``: Gleditsch and Ward state codes and abbreviations.

    >>> from peru_diplomacy import CodeSystem
    >>> CodeSystem("COW".lower()) is CodeSystem.COW
    True
    """

    ISO = "iso"
    COW = "cow"
    GW = "gw"


@attrs.frozen(kw_only=True)
class Membership:
    """A span of a state's membership of the COW or Gleditsch–Ward state system, under one code.

    ``start`` is the first day, ``end`` the day after the last (``None``: still a
    member when the list was made), as :class:`~peru_diplomacy.Period` counts.

    >>> from peru_diplomacy import relations_with
    >>> [(m.code, m.abbrev, str(m.start), str(m.end)) for m in relations_with("Germany").counterpart.memberships]
    [(260, 'GFR', '1955-05-05', '1990-10-03'), (255, 'GMY', '1990-10-03', 'None'), (260,
    'GFR', '1949-09-21', 'None')]
    """

    system: CodeSystem
    code: int
    abbrev: str
    start: PartialDate
    end: PartialDate | None = None

    def contains(self, day: PartialDate) -> bool:
        """Whether every day of ``day`` lies in this span."""
        return self.start.earliest_ordinal <= day.earliest_ordinal and (
            self.end is None or day.latest_ordinal < self.end.earliest_ordinal
        )


class CounterpartKind(TextEnum):
    """What kind of entity a counterpart is.

    >>> from peru_diplomacy import CounterpartKind
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
    UNCLASSIFIED = "unclassified"
    """An ISO 3166 entry with no relation and in neither list of states (a dependent territory,
    an area, a former entry): in the table of states so that a lookup can say there is no
    relation, not classified further by the data."""


@attrs.frozen(kw_only=True)
class Counterpart:
    """One state or entity, with its ISO codes where it has them.

    ``id`` is stable across releases: the ISO 3166-1 alpha-3 code for a current
    state, the ISO 3166-3 code for a former one (``CSHH``, ``SUHH``, ``DDDE``)
    and an ``X-`` name for an entity with no ISO code (``X-SADR``).
    ``numeric`` is the three-digit ISO 3166-1 code as text (``"036"``), or
    ``None`` where there is none.

    ``existence`` is the state's lifetime: periods from independence or
    creation to dissolution, merger or absorption (occupations do not end it),
    taken from the COW and Gleditsch–Ward lists or, where they record system
    membership instead, curated with a citation (``existence_source``).
    ``memberships`` are its spans in the two state systems with their codes;
    ``m49_region`` and ``m49_subregion`` its UN M49 regions. Each is empty or
    ``None`` where the entity has none (the Order of Malta, the European Union).
    ``doubtful`` are spans in which whether the state existed is not settled,
    with their reason in ``existence_source``: a gap inside its spans in the lists of
    states where every list says it was not independent (the Baltic states
    1940–1991, whose legal continuity is claimed), Peru's years in the
    Peru–Bolivian Confederation, the unknown past of a former ISO 3166 entry.
    Silence is not existence: a counterpart with neither ``existence`` nor
    ``doubtful`` has no recorded lifetime, and :meth:`exists_on` is
    ``uncertain`` on every day (the ISO 3166 entries of kind ``unclassified``).

    >>> from peru_diplomacy import relations_with
    >>> ussr = relations_with("USSR").states[1]
    >>> ussr.name, ussr.alpha2, ussr.numeric, ussr.iso3166_3, ussr.is_historical
    ('Soviet Union', 'SU', '810', 'SUHH', True)
    >>> ussr.cow_code, ussr.cow_abbrev, ussr.gw_code, [(str(p.start), str(p.end)) for p in ussr.existence]
    (365, 'RUS', 365, [('1922-12-30', '1991-12-26')])
    """

    id: str
    name: str
    kind: CounterpartKind
    official_name: str | None = None
    alpha2: str | None = None
    alpha3: str | None = None
    numeric: str | None = None
    iso3166_3: str | None = None
    existence: tuple[Period, ...] = ()
    existence_source: str = ""
    memberships: tuple[Membership, ...] = ()
    m49_region: str | None = None
    m49_subregion: str | None = None
    doubtful: tuple[Period, ...] = ()
    _lifetime: StatusTimeline = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if not self.existence and not self.doubtful:  # no lifetime recorded: silence, not existence
            lifetime = StatusTimeline.constant(Status.UNCERTAIN)
        else:
            lifetime = StatusTimeline.from_periods(self.existence)
            lifetime = lifetime.overlaid((p.possible_span() for p in self.doubtful), Status.UNCERTAIN)
        object.__setattr__(self, "_lifetime", lifetime)

    @property
    def lifetime(self) -> StatusTimeline:
        """The state's existence as a status timeline (``active`` while it certainly existed).

        >>> from peru_diplomacy import relations_with
        >>> from peru_diplomacy.dates import PartialDate
        >>> relations_with("Estonia").counterpart.lifetime.on(PartialDate(1950)).value
        'uncertain'
        """
        return self._lifetime

    @property
    def is_historical(self) -> bool:
        """Whether the state no longer exists."""
        return self.kind is CounterpartKind.HISTORICAL_STATE

    def exists_on(self, when: DateLike) -> Status:
        """Whether the state existed on ``when`` (a day, or an unknown day in a month or year).

        >>> from peru_diplomacy import relations_with
        >>> gdr = relations_with("GDR").counterpart
        >>> gdr.exists_on("1990-10-02").value, gdr.exists_on("1990-10-03").value, gdr.exists_on("1990").value
        ('active', 'inactive', 'uncertain')
        """
        return self._lifetime.on(to_partial_date(when))

    @property
    def lifetime_text(self) -> str:
        """The lifetime in words, as the command line shows it.

        >>> from peru_diplomacy import relations_with
        >>> [s.lifetime_text for s in relations_with("Russia").states]
        ['existed by 1816-01-01 until 1917', 'from 1922-12-30 until 1991-12-26', 'from
        1991-12-26']
        """
        spans = []
        for period in self.existence:
            start = f"existed by {period.start}" if period.open_start else f"from {period.start}"
            spans.append(start + ("" if period.end is None else f" until {period.end}"))
        for period in self.doubtful:
            start = "" if period.open_start else f" from {period.start}"
            spans.append(f"uncertain{start}" + ("" if period.end is None else f" until {period.end}"))
        return "; ".join(spans) or "lifetime not recorded"

    def _code(self, system: CodeSystem) -> Membership | None:
        found = [m for m in self.memberships if m.system is system]
        return max(found, key=lambda m: m.start.sort_key()) if found else None

    def membership_on(self, system: CodeSystem | str, when: DateLike) -> Membership | None:
        """The membership (and so the code) in force on ``when`` in the ``cow`` or ``gw`` system.

        ``None`` when the state was not a member on every day of ``when``.

        >>> from peru_diplomacy import relations_with
        >>> germany = relations_with("Germany").counterpart
        >>> germany.membership_on("cow", "1980").code, germany.membership_on("cow", "2000").code
        (260, 255)
        """
        wanted = CodeSystem(system.lower()) if isinstance(system, str) else system
        day = to_partial_date(when)
        for membership in self.memberships:
            if membership.system is wanted and membership.contains(day):
                return membership
        return None

    @property
    def cow_code(self) -> int | None:
        """The Correlates of War state code of the latest membership (``None`` if never a member)."""
        found = self._code(CodeSystem.COW)
        return None if found is None else found.code

    @property
    def cow_abbrev(self) -> str | None:
        """The Correlates of War state abbreviation of the latest membership."""
        found = self._code(CodeSystem.COW)
        return None if found is None else found.abbrev

    @property
    def gw_code(self) -> int | None:
        """The Gleditsch–Ward state code of the latest membership (``None`` if never a member)."""
        found = self._code(CodeSystem.GW)
        return None if found is None else found.code

    @property
    def gw_abbrev(self) -> str | None:
        """The Gleditsch–Ward state abbreviation of the latest membership."""
        found = self._code(CodeSystem.GW)
        return None if found is None else found.abbrev

    def __str__(self) -> str:
        """The name."""
        return self.name
