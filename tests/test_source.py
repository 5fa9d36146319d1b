"""The shipped data, pinned to the source files in data/source/.

These tests read the sources with their own simple parsing, independent of
tools/build_dataset.py, and hold the packaged records to them.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pycountry
import pytest
from databuild.grammar import MONTHS

from peru_diplomacy import (
    CounterpartKind,
    EventKind,
    PartialDate,
    Precision,
    Region,
    Relation,
    all_relations,
    packaged_dataset,
    relations_with,
)

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data" / "source"
ARTICLE = (SOURCE / "foreign_relations_of_peru.txt").read_text(encoding="utf-8")


def read_tsv(name: str) -> list[dict[str, str]]:
    with (SOURCE / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


KEY = read_tsv("country_key.tsv")
COUNTRY_ROWS = [k for k in KEY if k["confidence"] != "n/a"]
DISPUTES = read_tsv("disputed_dates.tsv")


def relations_of_row(region: str, row: int) -> list[Relation]:
    return [r for r in all_relations() if r.source.region.value == region and r.source.row == row]


def dates_written_in(cell: str) -> list[tuple[str, str, Precision]]:
    """(text, ISO value, precision) for each date in a cell, read without the build's code."""
    month = "|".join(MONTHS)
    forms = [
        r"\d{4}-\d{2}-\d{2}",
        rf"\d{{1,2}} (?:{month}) \d{{4}}",
        rf"(?:{month}) \d{{1,2}} \d{{4}}",
        rf"(?:{month}) \d{{4}}",
        r"\d{4}",
    ]
    pattern = re.compile("|".join(forms))
    found = []
    for text in pattern.findall(cell):
        words = text.split()
        if "-" in text:
            found.append((text, text, Precision.DAY))
        elif len(words) == 1:
            found.append((text, text, Precision.YEAR))
        elif len(words) == 2:
            found.append((text, f"{words[1]}-{MONTHS.index(words[0]) + 1:02d}", Precision.MONTH))
        elif words[0].isdigit():
            found.append((text, f"{words[2]}-{MONTHS.index(words[1]) + 1:02d}-{int(words[0]):02d}", Precision.DAY))
        else:
            found.append((text, f"{words[2]}-{MONTHS.index(words[0]) + 1:02d}-{int(words[1]):02d}", Precision.DAY))
    return found


# -- rows ------------------------------------------------------------------------------------


def test_the_article_has_189_row_starts_and_the_key_188_country_rows() -> None:
    tables = ARTICLE.split("\nBilateral relations\n", 1)[1].split("\nTransnational issues\n", 1)[0]
    assert sum(1 for line in tables.split("\n") if line.startswith("![]()")) == 189
    assert len(KEY) == 189
    assert len(COUNTRY_ROWS) == 188


def test_every_country_row_is_covered_once_per_lineage() -> None:
    covered = {(r.source.region.value, r.source.row) for r in all_relations()}
    assert len(covered) == 188 == packaged_dataset().metadata.source_row_count
    assert covered == {(k["region"], int(k["row"])) for k in COUNTRY_ROWS}
    assert len(all_relations()) == 189  # the Germany row holds two relations
    assert [r.id for r in relations_of_row("Europe", 17)] == ["DEU", "DDDE"]


@pytest.mark.parametrize(
    ("region", "count"), [("Africa", 44), ("Americas", 34), ("Asia", 46), ("Europe", 48), ("Oceania", 16)]
)
def test_rows_per_region_in_the_source_order(region: str, count: int) -> None:
    expected = [(int(k["row"]), k["country"]) for k in COUNTRY_ROWS if k["region"] == region]
    got = list(
        dict.fromkeys((r.source.row, r.attribution.country) for r in packaged_dataset().by_region(Region(region)))
    )
    assert len(got) == count
    assert got == expected


def test_the_map_caption_is_accounted_for_as_an_excluded_row() -> None:
    (excluded,) = packaged_dataset().excluded_rows
    assert (excluded.region, excluded.row) == (Region.ASIA, 9)
    assert excluded.text.startswith("Countries which signed cooperation documents")


def test_attribution_carries_the_key_verbatim() -> None:
    for k in COUNTRY_ROWS:
        for relation in relations_of_row(k["region"], int(k["row"])):
            assert relation.attribution.country == k["country"]
            assert relation.attribution.confidence.value == k["confidence"]
            assert relation.attribution.evidence == k["evidence"]
            assert " ".join(relation.source.cell.split()) == k["date_cell"]
            if k["iso3"] != "-" and relation.id != "DDDE":
                assert relation.counterpart.alpha3 == k["iso3"]


def test_every_row_is_found_by_its_country_name_and_code() -> None:
    for k in COUNTRY_ROWS:
        row = {r.id for r in relations_of_row(k["region"], int(k["row"]))}
        assert relations_with(k["country"]).id in row, k["country"]
        if k["iso3"] != "-":
            assert relations_with(k["iso3"]).id in row, k["iso3"]


def test_confidence_counts() -> None:
    counts = Counter(k["confidence"] for k in COUNTRY_ROWS)
    got = Counter(r.attribution.confidence.value for r in all_relations() if r.id != "DDDE")
    assert got == counts


# -- dates -----------------------------------------------------------------------------------


def test_every_date_in_every_cell_is_an_event_and_every_event_is_in_its_cell() -> None:
    checked = 0
    for k in COUNTRY_ROWS:
        relations = relations_of_row(k["region"], int(k["row"]))
        cell = relations[0].source.cell
        written = Counter(dates_written_in(cell))
        events = Counter((e.text, e.date.isoformat(), e.date.precision) for r in relations for e in r.table_events)
        assert events == written, f"{k['region']} row {k['row']}: {cell!r}"
        for relation in relations:
            for event in relation.table_events:
                assert event.text in cell
        checked += sum(written.values())
    assert checked == 206  # 182 dated rows, 24 further dates in 12 of them


def test_empty_cells_are_records_without_events() -> None:
    empty = [r.attribution.country for r in all_relations() if not r.source.cell]
    assert empty == ["Cape Verde", "Chad", "Senegal", "Saint Kitts and Nevis", "Yemen", "Denmark"]
    assert all(not relations_with(name).table_events for name in empty)
    # Denmark's history begins with its first evidence (COW, 1950); the others have none, so no period.
    assert [name for name in empty if relations_with(name).periods] == ["Denmark"]
    (first,) = relations_with("Denmark").events
    assert (first.kind, str(first.date), first.from_table) == (EventKind.REPORTED, "1950", False)


@pytest.mark.parametrize(
    ("country", "expected"),
    [
        ("Angola", [("established", "1985-09-06")]),
        ("Burkina Faso", [("established", "1989-05-05")]),
        ("Algeria", [("established", "1966-09")]),
        ("Egypt", [("established", "1952")]),
        ("Italy", [("established", "1874-12-23")]),
        ("Armenia", [("established", "1992-04-20")]),
        ("Afghanistan", [("established", "2012-09-27")]),
        ("Eswatini", [("established", "1989-06-08"), ("reaffirmed", "2005-08-05")]),
        ("Bahrain", [("established", "1986-05"), ("unspecified", "2009-09-22")]),
        ("Iraq", [("established", "1975-10-11"), ("reaffirmed", "2012-07-11")]),
        ("Cuba", [("established", "1905-01-11"), ("broken", "1960-12-30"), ("restored", "1972-07-08")]),
        ("Poland", [("established", "1923-09-06"), ("broken", "1945-12-29"), ("restored", "1969-04-14")]),
        ("Romania", [("established", "1939-10-10"), ("broken", "1942-03-05"), ("restored", "1968-11-09")]),
        ("Taiwan", [("established", "1874-06-26"), ("broken", "1971-11-02")]),
        (
            "Sahrawi Arab Democratic Republic",
            [
                ("established", "1987-05-05"),
                ("broken", "1996-09-09"),
                ("restored", "2021-09-08"),
                ("broken", "2022-08-18"),
                ("restored", "2022-09-15"),
            ],
        ),
    ],
)
def test_events_read_from_the_cell(country: str, expected: list[tuple[str, str]]) -> None:
    assert [(e.kind.value, e.date.isoformat()) for e in relations_with(country).table_events] == expected


def test_qualifiers_are_kept() -> None:
    assert relations_with("Afghanistan").events[0].qualifier == "New York"
    assert relations_with("Eswatini").events[1].qualifier == "Joint Communique"
    assert relations_with("Germany").table_events[0].qualifier == "Federal Republic"
    assert relations_with("GDR").events[0].qualifier == "Democratic Republic"


def test_the_czechoslovak_row() -> None:
    czech = relations_with("Czechoslovakia")
    assert czech is relations_with("CZE")
    assert [s.id for s in czech.states] == ["CSHH", "CZE"]
    assert [(e.kind, e.date.isoformat(), e.state.id) for e in czech.table_events] == [
        (EventKind.ESTABLISHED, "1922-07-11", "CSHH"),
        (EventKind.BROKEN, "1957-10-04", "CSHH"),
        (EventKind.RESTORED, "1968-12-27", "CSHH"),
        (EventKind.SUCCEEDED, "1993-01-02", "CZE"),
    ]
    assert czech.events[-1].predecessor == czech.states[0]
    slovakia = relations_with("Slovakia")
    assert (slovakia.source.row, str(slovakia.established)) == (40, "1993-01-01")


def test_the_germany_row() -> None:
    frg, gdr = relations_with("Germany"), relations_with("East Germany")
    assert (frg.id, gdr.id) == ("DEU", "DDDE")
    assert frg.source == gdr.source
    assert [(e.kind, e.date.isoformat()) for e in frg.table_events] == [(EventKind.ESTABLISHED, "1951-06-28")]
    assert [(e.kind, e.date.isoformat()) for e in gdr.events] == [
        (EventKind.ESTABLISHED, "1972-12-28"),
        (EventKind.ENDED, "1990"),
    ]
    assert gdr.events[-1].successor == frg.counterpart
    assert gdr.counterpart.kind is CounterpartKind.HISTORICAL_STATE
    assert gdr.counterpart.iso3166_3 == "DDDE"


def test_the_russia_row() -> None:
    russia = relations_with("Russia")
    assert [s.name for s in russia.states] == ["Russian Empire", "Soviet Union", "Russia"]
    assert [(e.kind.value, e.date.isoformat(), e.state.name) for e in russia.events] == [
        ("established", "1874-05-16", "Russian Empire"),
        ("ended", "1918", "Russian Empire"),
        ("established", "1969-02-01", "Soviet Union"),
        ("succeeded", "1991-12-26", "Russia"),
    ]
    assert russia.states[0].alpha3 is None and russia.states[1].iso3166_3 == "SUHH"


# -- codes -----------------------------------------------------------------------------------


def test_every_iso_code_agrees_with_pycountry() -> None:
    seen = 0
    for relation in all_relations():
        for state in relation.states:
            if state.kind is CounterpartKind.HISTORICAL_STATE:
                if state.iso3166_3 is None:
                    assert state.alpha2 is state.alpha3 is state.numeric is None
                    continue
                record = pycountry.historic_countries.get(alpha_4=state.iso3166_3)
            elif state.alpha3 is None:
                assert state.alpha2 is state.numeric is None
                continue
            else:
                record = pycountry.countries.get(alpha_3=state.alpha3)
                assert state.iso3166_3 is None
            assert record is not None, state
            assert (state.alpha2, state.alpha3, state.numeric) == (record.alpha_2, record.alpha_3, record.numeric)
            seen += 1
    assert seen == 190  # 196 states, 6 without ISO codes


def test_entities_without_codes() -> None:
    for name in ("Sahrawi Arab Democratic Republic", "Sovereign Military Order of Malta", "European Union"):
        counterpart = relations_with(name).counterpart
        assert (counterpart.alpha2, counterpart.alpha3, counterpart.numeric) == (None, None, None)
    assert relations_with("SADR").counterpart.kind is CounterpartKind.PARTIALLY_RECOGNISED_STATE
    assert relations_with("Order of Malta").counterpart.kind is CounterpartKind.SOVEREIGN_ENTITY
    assert relations_with("EU").counterpart.kind is CounterpartKind.SUPRANATIONAL_UNION
    assert relations_with("Cook Islands").counterpart.kind is CounterpartKind.ASSOCIATED_STATE
    assert relations_with("Holy See").counterpart.alpha3 == "VAT"


# -- references, notes and disputes ----------------------------------------------------------


def test_references_resolve_to_the_article_list() -> None:
    listed = [line for line in ARTICLE.split("\nReferences\n", 1)[1].split("\n") if line.startswith("- ")]
    assert len(listed) == 66
    for relation in all_relations():
        markers = re.findall(r"\[(\d+)\]", relation.source.cell + relation.source.notes)
        assert [r.number for r in relation.references] == list(dict.fromkeys(int(m) for m in markers))
        for reference in relation.references:
            assert listed[reference.number - 1][2:].strip() == reference.text.split("\n")[0]
    assert "148 años de relaciones diplomáticas con la República Dominicana" in relations_with("DOM").references[0].text
    assert "Vanuatu" in relations_with("Vanuatu").references[0].text
    assert [r.number for r in relations_with("Cook Islands").events[0].references] == [59, 60]
    assert "Bahrein" in relations_with("Bahrain").events[0].references[0].text  # Muñoz's quotation is kept


@pytest.mark.parametrize(
    ("country", "start", "end"),
    [
        ("Chile", "See Chile–Peru relations\nIn November 1999, Peru and Chile", "both countries' private sectors."),
        ("Mexico", "See Mexico–Peru relations\nPeru and Mexico", 'two "brotherly" nations.'),
        ("Venezuela", "In October 2021, the leftist government of Peru", "after four years.[30]"),
        ("Australia", "Both countries have an expanding relationship", "accredited to New Zealand.[58]"),
    ],
)
def test_long_notes_are_verbatim(country: str, start: str, end: str) -> None:
    notes = relations_with(country).notes
    assert notes.startswith(start)
    assert notes.endswith(end)
    assert notes in ARTICLE


def test_every_disputed_date_is_on_its_record() -> None:
    assert len(DISPUTES) == 18
    for d in DISPUTES:
        (relation,) = [r for r in relations_of_row(d["region"], int(d["row"])) if r.id != "DDDE"]
        assert relation.attribution.country == d["country"]
        (dispute,) = relation.disputes
        assert dispute.table_date == d["table_date"]
        assert dispute.other_date == PartialDate.fromisoformat(d["other_date"])
        assert dispute.other_source == d["other_source"]
        assert d["table_date"] in relation.source.cell
    assert sum(1 for r in all_relations() if r.disputes) == 18


# -- the generated resource ------------------------------------------------------------------
