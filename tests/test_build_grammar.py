"""Build stage 2, the date grammar: dates in a cell with their footnotes, and the plain reading."""

from __future__ import annotations

import pytest
from databuild.common import SourceError
from databuild.grammar import find_dates, plain_reading

from peru_diplomacy import EventKind, PartialDate


def test_every_form_of_date_is_found_with_its_footnotes() -> None:
    cell = "11 July 1922[3][4], broken October 4, 1957, restored December 1968, 1990 and 2001-02-03"
    found = find_dates(cell, "here")
    assert [(m.text, str(m.date), m.references) for m in found] == [
        ("11 July 1922", "1922-07-11", (3, 4)),
        ("October 4, 1957", "1957-10-04", ()),
        ("December 1968", "1968-12", ()),
        ("1990", "1990", ()),
        ("2001-02-03", "2001-02-03", ()),
    ]
    assert found[0].end == len("11 July 1922[3][4]")
    assert find_dates("no date here", "here") == []
    assert find_dates("May 2023", "x")[0].date == PartialDate(2023, 5)


def test_the_plain_reading_of_a_cell() -> None:
    cell = "1922, broken 1957, 1968"
    kinds = [kind for _, kind in plain_reading(cell, find_dates(cell, "x"), "x")]
    assert kinds == [EventKind.ESTABLISHED, EventKind.BROKEN, EventKind.RESTORED]
    cell = "1922, Re-established diplomatic relations 1968"
    assert [k for _, k in plain_reading(cell, find_dates(cell, "x"), "x")][-1] is EventKind.RESTORED


def test_an_unreadable_cell_stops_the_build_naming_its_row() -> None:
    with pytest.raises(SourceError, match="Asia row 99: cannot read 'circa'"):
        plain_reading("circa 1950", find_dates("circa 1950", "Asia row 99"), "Asia row 99")
    text = "1950 and 1960"
    with pytest.raises(SourceError, match="Europe row 3: cannot read 'and'"):
        plain_reading(text, find_dates(text, "Europe row 3"), "Europe row 3")
    with pytest.raises(SourceError, match=r"Africa row 1: cannot read 'approx\.' after the last date"):
        plain_reading("1950 approx.", find_dates("1950 approx.", "Africa row 1"), "Africa row 1")
