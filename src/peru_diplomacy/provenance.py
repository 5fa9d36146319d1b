"""Where each record comes from and how sure we are of it.

Every relation carries its :class:`Source` (the region table and row of the
Wikipedia article, and the date cell verbatim), the footnote
:class:`Reference` entries its cells cite, and the :class:`Attribution` of the
row to a country, which the scrape lost and ``country_key.tsv`` recovered.

>>> from peru_diplomacy import Confidence
>>> Confidence.HIGH > Confidence.LOW
True
"""

from __future__ import annotations

from typing import Literal

import attrs

from ._enums import TextEnum
from .counterparts import Counterpart
from .dates import PartialDate
from .errors import InvalidDateError

RegionName = Literal["Africa", "Americas", "Asia", "Europe", "Oceania"]
"""A :class:`Region` by its value (any case is accepted at run time)."""

__all__ = [
    "Attribution",
    "Citation",
    "Confidence",
    "Contest",
    "DateDispute",
    "Measure",
    "Reference",
    "Region",
    "RegionName",
    "Source",
]


class Region(TextEnum):
    """The five tables of the source article.

    >>> from peru_diplomacy import Region
    >>> Region("Europe").name
    'EUROPE'
    """

    AFRICA = "Africa"
    AMERICAS = "Americas"
    ASIA = "Asia"
    EUROPE = "Europe"
    OCEANIA = "Oceania"


class Confidence(TextEnum):
    """How sure the recovery of the lost country column is, row by row.

    - ``high``: a source states this date for this pair, or the row's own note or
      reference names the country.
    - ``medium``: the alphabetical slot allows only this country and the date is
      plausible, but no source for the date was found.
    - ``low``: a best guess among several candidates for the slot.

    Members compare by strength:

    >>> from peru_diplomacy import Confidence
    >>> Confidence.LOW < Confidence.MEDIUM < Confidence.HIGH
    True
    >>> Confidence("medium").rank
    1
    >>> Confidence.HIGH < "low"
    Traceback (most recent call last):
    ...
    TypeError: cannot order Confidence and str: ...
    """

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def rank(self) -> int:
        """0 for low, 1 for medium, 2 for high."""
        return ("low", "medium", "high").index(self.value)

    def __lt__(self, other: object) -> bool:
        """Compare by strength."""
        if not isinstance(other, Confidence):
            raise _incomparable(other)
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        """Compare by strength."""
        if not isinstance(other, Confidence):
            raise _incomparable(other)
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:
        """Compare by strength."""
        if not isinstance(other, Confidence):
            raise _incomparable(other)
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:
        """Compare by strength."""
        if not isinstance(other, Confidence):
            raise _incomparable(other)
        return self.rank >= other.rank


def _incomparable(other: object) -> TypeError:
    return TypeError(
        f"cannot order Confidence and {type(other).__name__}: compare with Confidence members, "
        f"e.g. Confidence({str(other)!r}) if {other!r} is a level"
    )


@attrs.frozen(kw_only=True)
class Reference:
    """Entry ``number`` (1-based) of the article's reference list, verbatim.

    >>> from peru_diplomacy import relations_with
    >>> ref = relations_with("Vanuatu").references[0]
    >>> ref.number, ref.text[:46]
    (66, '"Diplomatic relations between Vanuatu and ..."')
    """

    number: int
    text: str


@attrs.frozen(kw_only=True)
class Source:
    """The source row: region table, row number as in ``country_key.tsv``, cells verbatim.

    Row ``0`` marks a relation a user's amendment added: it is in no table.

    ``cell`` is the "Formal Relations Began" cell with its footnote markers;
    ``notes`` the "Notes" cell (empty when the row has none).

    >>> from peru_diplomacy import relations_with
    >>> source = relations_with("Cuba").source
    >>> source.region.value, source.row, source.cell
    ('Americas', 12, '11 January 1905, broken 30 December 1960, restored 8 July 1972')
    """

    region: Region
    row: int
    cell: str
    notes: str = ""


@attrs.frozen(kw_only=True)
class DateDispute:
    """Another source gives a different date from the table's; the table's stays the value.

    >>> from peru_diplomacy import relations_with
    >>> (dispute,) = relations_with("Egypt").disputes
    >>> dispute.table_date, str(dispute.other_date)
    ('1952', '1963-10-07')
    """

    table_date: str
    other_date: PartialDate
    other_source: str


@attrs.frozen(kw_only=True)
class Attribution:
    """How the row was attributed to its country, from ``country_key.tsv``.

    ``country`` is the name the key gives the row, ``evidence`` its evidence
    verbatim, ``disputes`` the dates that other sources give differently,
    ``alternatives`` the other states the row could be, best first (for rows
    of low confidence), and ``override`` the citation of a user's amendment
    that replaced the key's reading (``None`` for the key's own).

    >>> from peru_diplomacy import relations_with
    >>> a = relations_with("Burkina Faso").attribution
    >>> a.country, a.confidence.value, [s.name for s in a.alternatives]
    ('Burkina Faso', 'low', ['Botswana'])
    """

    country: str
    confidence: Confidence
    evidence: str
    disputes: tuple[DateDispute, ...] = ()
    alternatives: tuple[Counterpart, ...] = ()
    override: Citation | None = None


@attrs.frozen(kw_only=True)
class Citation:
    """Where a fact that is not in the table comes from.

    ``text`` is the source as the research gives it, verbatim; ``outlet``,
    ``published`` (as the source dates itself: ``"2023-09-08"``,
    ``"page undated"``) and ``url`` are read from it. ``quote`` is the
    passage quoted verbatim, with the researcher's bracketed notes; ``also``
    a second source, verbatim.

    >>> from peru_diplomacy import relations_with
    >>> c = relations_with("Mexico").events[-1].citation
    >>> c.outlet, c.published, c.url[:24]
    ('TVN (Panama)', '2025-11-03', 'https://www.tvn-2.com/mu')
    """

    text: str
    outlet: str = ""
    published: str | None = None
    url: str | None = None
    quote: str = ""
    also: str = ""


@attrs.frozen(kw_only=True)
class Contest:
    """A span on which another source disagrees with the table: status there is ``uncertain``.

    ``start`` is the first day, ``end`` the day after the last (``None``: up to
    the horizon). ``source`` names the other source (``"COW Diplomatic
    Exchange v2006.1"`` or an outlet), ``reason`` says what it claims and why
    that contests the table, ``citations`` cite it where it is a report (a
    break and its restoration: both). A contest covers only days on which its
    source and the data disagree, and a claimed break with no known
    restoration ends where later evidence of relations begins.

    >>> from peru_diplomacy import relations_with
    >>> contest = relations_with("Sweden").contests[2]
    >>> str(contest.start), str(contest.end), contest.source
    ('1920-01-01', '1926-01-01', 'COW Diplomatic Exchange v2006.1')
    """

    start: PartialDate
    end: PartialDate | None
    source: str
    reason: str
    citations: tuple[Citation, ...] = ()

    def __attrs_post_init__(self) -> None:
        if self.end is not None and self.end.latest_ordinal < self.start.earliest_ordinal:
            raise InvalidDateError(f"a contested span cannot end ({self.end}) before it starts ({self.start})")


@attrs.frozen(kw_only=True)
class Measure:
    """A diplomatic measure that is not an event of relations (a recall, a downgrade, an expulsion).

    Kept so that press words such as "ruptura" do not pass for a break. ``until`` is
    the last date of a measure the source dates by an interval (``date`` its first).

    >>> from peru_diplomacy import relations_with
    >>> m = [m for m in relations_with("Venezuela").measures if m.date.year == 2017][0]
    >>> str(m.date), m.description[:40]
    ('2017-03-31', 'Peru withdraws its ambassador definitive')
    >>> m = [m for m in relations_with("Venezuela").measures if m.until is not None][0]
    >>> str(m.date), str(m.until), m.description[:40]
    ('2006-01', '2007-02-09', 'both ambassadors withdrawn during the 20')
    """

    date: PartialDate
    description: str
    actor: str
    why_not_an_event: str
    citation: Citation
    until: PartialDate | None = None
