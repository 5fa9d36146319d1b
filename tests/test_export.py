"""Flat rows, CSV and JSON round trips, and the pandas bridge."""

from __future__ import annotations

import csv
import importlib.util
import io
import json

import pytest

from peru_diplomacy import all_relations, relations_with
from peru_diplomacy.export import (
    EVENT_COLUMNS,
    RELATION_COLUMNS,
    event_rows,
    read_csv,
    relation_rows,
    relations_from_json,
    relations_to_json,
    to_dataframe,
    write_csv,
)


def test_relation_rows_have_the_documented_columns() -> None:
    rows = relation_rows(all_relations())
    assert len(rows) == 189
    assert all(tuple(row) == RELATION_COLUMNS for row in rows)
    czech = next(r for r in rows if r["relation_id"] == "CZE")
    assert czech["states"] == "CSHH;CZE"
    assert czech["periods"] == "1922-07-11/1957-10-04;1968-12-27/.."
    assert czech["source_row"] == 10
    yemen = next(r for r in rows if r["relation_id"] == "YEM")
    assert (yemen["established"], yemen["periods"], yemen["date_cell"]) == (None, None, None)
    egypt = next(r for r in rows if r["relation_id"] == "EGY")
    assert (
        egypt["other_dates"] == "1963-10-07 (Peru foreign ministry newsletter Cumanana XXV (2023); "
        "Spanish Wikipedia 'Relaciones Egipto-Perú')"
    )


def test_event_rows_have_the_documented_columns() -> None:
    rows = event_rows(all_relations())
    assert len(rows) == 210
    assert all(tuple(row) == EVENT_COLUMNS for row in rows)
    gdr_end = next(r for r in rows if r["relation_id"] == "DDDE" and r["kind"] == "ended")
    assert gdr_end == {
        "relation_id": "DDDE",
        "region": "Europe",
        "source_row": 17,
        "sequence": 2,
        "kind": "ended",
        "date": "1990",
        "precision": "year",
        "earliest": "1990-01-01",
        "latest": "1990-12-31",
        "state_id": "DDDE",
        "state": "German Democratic Republic",
        "text": "1990",
        "qualifier": "Democratic Republic",
        "predecessor_id": None,
        "successor_id": "DEU",
        "references": None,
        "origin": "table",
        "confidence": None,
        "citation": None,
        "citation_url": None,
    }
    mexico = [r for r in rows if r["relation_id"] == "MEX"]
    assert [(r["origin"], r["confidence"], r["kind"]) for r in mexico] == [
        ("table", None, "established"),
        ("other source", "high", "broken"),
    ]
    assert str(mexico[1]["citation_url"]).startswith("https://www.tvn-2.com/")


@pytest.mark.parametrize("make", [relation_rows, event_rows])
def test_csv_round_trip(make: object) -> None:
    rows = make(all_relations())  # type: ignore[operator]
    text = write_csv(rows)
    assert read_csv(text) == rows
    assert read_csv(io.StringIO(text)) == rows
    parsed = list(csv.reader(io.StringIO(text)))
    assert len(parsed) == len(rows) + 1  # multi-line notes stay inside their quoted field


def test_write_csv_to_a_file() -> None:
    buffer = io.StringIO()
    text = write_csv(relation_rows([relations_with("Chile")]), buffer)
    assert buffer.getvalue() == text
    assert text.splitlines()[0] == ",".join(RELATION_COLUMNS)
    assert write_csv([]) == "\n"


def test_json_round_trip_of_whole_records() -> None:
    text = relations_to_json(all_relations())
    assert json.loads(text)[0]["id"] == "DZA"
    assert relations_from_json(text) == all_relations()


def test_to_dataframe_without_pandas_says_how_to_install_it() -> None:
    if importlib.util.find_spec("pandas") is not None:
        frame = to_dataframe(all_relations(), "events")
        assert list(frame.columns) == list(EVENT_COLUMNS)
        assert len(frame) == 210
        return
    with pytest.raises(ImportError, match=r'pip install "peru-diplomacy\[pandas\]"'):
        to_dataframe(all_relations())
