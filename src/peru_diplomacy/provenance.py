"""Where each record comes from and how sure we are of it.

Every relation carries its :class:`Source` (the region table and row of the
Wikipedia article, and the date cell verbatim), the footnote
:class:`Reference` entries its cells cite, and the :class:`Attribution` of the
row to a country, which the scrape lost and ``country_key.tsv`` recovered.

>>> Confidence.HIGH > Confidence.LOW
True
"""

from __future__ import annotations

import enum

import attrs

from .dates import PartialDate

__all__ = ["Attribution", "Confidence", "DateDispute", "Reference", "Region", "Source"]


class Region(enum.StrEnum):
    """The five tables of the source article.

    >>> Region("Europe").name
    'EUROPE'
    """

    AFRICA = "Africa"
    AMERICAS = "Americas"
    ASIA = "Asia"
    EUROPE = "Europe"
    OCEANIA = "Oceania"


class Confidence(enum.StrEnum):
    """How sure the recovery of the lost country column is, row by row.

    - ``high``: a source states this date for this pair, or the row's own note or
      reference names the country.
    - ``medium``: the alphabetical slot allows only this country and the date is
      plausible, but no source for the date was found.
    - ``low``: a best guess among several candidates for the slot.

    Members compare by strength:

    >>> Confidence.LOW < Confidence.MEDIUM < Confidence.HIGH
    True
    >>> Confidence("medium").rank
    1
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
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        """Compare by strength."""
        if not isinstance(other, Confidence):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:
        """Compare by strength."""
        if not isinstance(other, Confidence):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:
        """Compare by strength."""
        if not isinstance(other, Confidence):
            return NotImplemented
        return self.rank >= other.rank


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
    verbatim, ``disputes`` the dates that other sources give differently.

    >>> from peru_diplomacy import relations_with
    >>> a = relations_with("Benin").attribution
    >>> a.country, a.confidence.value, a.evidence[:36]
    ('Benin', 'low', 'Slot only (first B after Angola); 22')
    """

    country: str
    confidence: Confidence
    evidence: str
    disputes: tuple[DateDispute, ...] = ()
