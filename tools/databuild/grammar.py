"""Stage 2, the date grammar: the dates written in a cell, and the plain reading of a cell's events."""

from __future__ import annotations

import re

import attrs

from peru_diplomacy.dates import PartialDate
from peru_diplomacy.events import EventKind

from .common import SourceError

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_MONTH = "|".join(MONTHS)
# Longest forms first; each date may carry footnote markers such as [5][60].
DATE_PATTERN = re.compile(
    rf"""
    (?P<iso>\b\d{{4}}-\d{{2}}-\d{{2}}\b)
  | (?P<dmy>\b(?P<dmy_d>\d{{1,2}})\ (?P<dmy_m>{_MONTH})\ (?P<dmy_y>\d{{4}})\b)
  | (?P<mdy>\b(?P<mdy_m>{_MONTH})\ (?P<mdy_d>\d{{1,2}}),?\ (?P<mdy_y>\d{{4}})\b)
  | (?P<my>\b(?P<my_m>{_MONTH})\ (?P<my_y>\d{{4}})\b)
  | (?P<y>\b\d{{4}}\b)
    """,
    re.VERBOSE,
)
MARKERS = re.compile(r"(?:\[\d+\])+")
MARKER = re.compile(r"\[(\d+)\]")


@attrs.frozen
class DateMention:
    """A date written in a cell: its text, value, position and footnotes."""

    text: str
    date: PartialDate
    start: int
    end: int
    references: tuple[int, ...]


def find_dates(cell: str, where: str) -> list[DateMention]:
    """Every date written in a cell, in order, with the footnote markers that follow it."""
    found = []
    for match in DATE_PATTERN.finditer(cell):
        kind = match.lastgroup
        groups = match.groupdict()
        if groups["iso"]:
            date = PartialDate.fromisoformat(groups["iso"])
        elif groups["dmy"]:
            date = PartialDate(int(groups["dmy_y"]), MONTHS.index(groups["dmy_m"]) + 1, int(groups["dmy_d"]))
        elif groups["mdy"]:
            date = PartialDate(int(groups["mdy_y"]), MONTHS.index(groups["mdy_m"]) + 1, int(groups["mdy_d"]))
        elif groups["my"]:
            date = PartialDate(int(groups["my_y"]), MONTHS.index(groups["my_m"]) + 1)
        elif groups["y"]:
            date = PartialDate(int(groups["y"]))
        else:  # pragma: no cover - the pattern has no other group
            raise SourceError(f"{where}: unexpected date form {kind}")
        end = match.end()
        markers = MARKERS.match(cell, end)
        refs: tuple[int, ...] = ()
        if markers:
            refs = tuple(int(n) for n in MARKER.findall(markers.group()))
            end = markers.end()
        found.append(DateMention(match.group(), date, match.start(), end, refs))
    return found


def plain_reading(cell: str, mentions: list[DateMention], where: str) -> list[tuple[DateMention, EventKind]]:
    """Read a cell of the plain grammar: a date, then ", broken D", "restored D" or a bare date.

    A bare date after a break is a restoration; "Re-established diplomatic
    relations D" is one too. Any other words need a reading in rows.toml.
    """
    out: list[tuple[DateMention, EventKind]] = []
    position = 0
    for mention in mentions:
        connector = cell[position : mention.start].strip(" ,").casefold()
        if not out:
            if connector:
                raise SourceError(f"{where}: cannot read {connector!r} before the first date in {cell!r}")
            kind = EventKind.ESTABLISHED
        elif connector == "broken":
            kind = EventKind.BROKEN
        elif connector in ("restored", "re-established diplomatic relations") or (
            connector == "" and out[-1][1] is EventKind.BROKEN
        ):
            kind = EventKind.RESTORED
        else:
            raise SourceError(
                f"{where}: cannot read {connector!r} before {mention.text!r} in {cell!r}; "
                "add a reading to data/curation/rows.toml"
            )
        out.append((mention, kind))
        position = mention.end
    rest = cell[position:].strip()
    if rest:
        raise SourceError(f"{where}: cannot read {rest!r} after the last date in {cell!r}")
    return out
