"""Flat rows, CSV and JSON round trips, and the pandas bridge."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
from pathlib import Path

import pytest

from peru_diplomacy import (
    DatasetError,
    all_relations,
    packaged_dataset,
    panel,
    relations_with,
)
from peru_diplomacy.export import (
    EVENT_COLUMNS,
    PANEL_COLUMNS,
    PERIOD_COLUMNS,
    RELATION_COLUMNS,
    dumps_csv,
    event_rows,
    loads_csv,
    panel_rows,
    period_rows,
    read_csv,
    read_dataframe,
    relation_rows,
    relations_from_json,
    relations_to_json,
    state_rows,
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
    assert len(rows) == 249
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


TABLES = {
    "relations": lambda: relation_rows(all_relations()),
    "events": lambda: event_rows(all_relations()),
    "periods": lambda: period_rows(all_relations()),
    "panel": lambda: panel_rows(panel(1950, 2023)),
}


@pytest.mark.parametrize("table", list(TABLES))
def test_every_table_round_trips_through_csv_and_json(table: str, tmp_path: Path) -> None:
    rows = TABLES[table]()
    text = dumps_csv(rows)
    assert loads_csv(text) == rows
    assert read_csv(io.StringIO(text)) == rows
    path = tmp_path / f"{table}.csv"
    write_csv(rows, path)
    assert read_csv(path) == rows
    assert read_csv(str(path)) == rows
    parsed = list(csv.reader(io.StringIO(text)))
    assert len(parsed) == len(rows) + 1  # multi-line notes stay inside their quoted field
    assert json.loads(json.dumps(rows)) == rows


def test_namibia_survives_csv() -> None:
    rows = relation_rows([relations_with("Namibia")])
    assert rows[0]["alpha2"] == "NA"
    assert loads_csv(dumps_csv(rows))[0]["alpha2"] == "NA"


def test_write_csv_to_a_file() -> None:
    buffer = io.StringIO()
    write_csv(relation_rows([relations_with("Chile")]), buffer)
    assert buffer.getvalue().splitlines()[0] == ",".join(RELATION_COLUMNS)
    assert dumps_csv([]) == ""
    assert loads_csv("") == []


def test_json_round_trip_of_whole_records() -> None:
    text = relations_to_json(all_relations())
    assert json.loads(text)[0]["id"] == "DZA"
    assert relations_from_json(text) == all_relations()


def test_to_dataframe_without_pandas_says_how_to_install_it() -> None:
    if importlib.util.find_spec("pandas") is not None:
        frame = to_dataframe(all_relations(), "events")
        assert list(frame.columns) == list(EVENT_COLUMNS)
        assert len(frame) == 249
        return
    with pytest.raises(ImportError, match=r'pip install "peru-diplomacy\[pandas\]"'):
        to_dataframe(all_relations())


def test_period_rows() -> None:
    rows = period_rows(all_relations())
    assert all(tuple(row) == PERIOD_COLUMNS for row in rows)
    assert len(rows) == sum(len(r.periods) for r in all_relations())
    gdr = next(r for r in rows if r["relation_id"] == "DDDE")
    # The table says "1990"; the GDR's last day (2 October 1990) is in it, so relations ended with the state.
    assert (gdr["start"], gdr["end"], gdr["end_precision"], gdr["end_reason"]) == (
        "1972-12-28",
        "1990-10-03",
        "day",
        "ended",
    )
    reich = [r for r in rows if r["relation_id"] == "DEU"]
    assert [(r["start"], r["end"], r["end_reason"], r["open_start"]) for r in reich] == [
        ("1869", "1917-10", "broken", True),  # from COW's first year of representation: earlier is unknown
        ("1920", "1945-02", "war_declared", False),
        ("1951-06-28", None, None, False),
    ]
    assert {r["end_reason"] for r in rows} <= {None, "broken", "suspended", "war_declared", "ended", "state_ended"}


def test_panel_rows_have_the_documented_columns() -> None:
    rows = panel_rows(panel(2000, 2000))
    assert all(tuple(row) == PANEL_COLUMNS for row in rows)


pandas = pytest.importorskip("pandas") if importlib.util.find_spec("pandas") else None


@pytest.mark.skipif(pandas is None, reason="pandas is not installed")
def test_dataframes_have_real_dtypes(tmp_path: Path) -> None:
    frame = to_dataframe(panel(1950, 2023), "panel")
    assert str(frame["cow_code"].dtype) == "Int64"
    assert str(frame["year"].dtype) == "Int64"
    assert str(frame["share_active"].dtype) == "Float64"
    assert str(frame["contested"].dtype) == "boolean"
    assert list(frame["status"].cat.categories) == ["active", "inactive", "uncertain"]
    assert frame["cow_code"].isna().any()  # states outside the COW system that year
    events = to_dataframe(all_relations(), "events")
    assert str(events["earliest"].dtype).startswith("datetime64")
    relations = to_dataframe(all_relations(), "relations")
    assert relations.loc[relations["relation_id"] == "NAM", "alpha2"].tolist() == ["NA"]
    path = tmp_path / "relations.csv"
    write_csv(relation_rows(all_relations()), path)
    again = read_dataframe(path, "relations")
    assert again.loc[again["relation_id"] == "NAM", "alpha2"].tolist() == ["NA"]
    assert again.dtypes.to_dict() == relations.dtypes.to_dict()
    with pytest.raises(ValueError, match="the file is not the events table: its columns differ in"):
        read_dataframe(path, "events")
    periods = to_dataframe(all_relations(), "periods")
    assert str(periods["latest_end"].dtype).startswith("datetime64")
    with pytest.raises(ValueError, match="table must be one of"):
        to_dataframe(all_relations(), "nope")  # type: ignore[arg-type]


def test_dates_past_2262_fit_the_frames_on_every_supported_pandas() -> None:
    """pandas 2 counts nanoseconds, which end on 2262-04-11; the frames use seconds (#22)."""
    pandas = pytest.importorskip("pandas")
    from peru_diplomacy.export import to_dataframe

    amended = packaged_dataset().amended(
        [{"type": "event", "country": "Chile", "kind": "broken", "date": "2300-05", "source": "a test"}]
    )
    chile = amended.relations_with("Chile")
    events = to_dataframe([chile], "events")
    assert str(events["latest"].dtype) == "datetime64[s]"
    assert events["latest"].iloc[-1] == pandas.Timestamp("2300-05-31")
    periods = to_dataframe([chile], "periods")
    assert periods["earliest_end"].iloc[-1] == pandas.Timestamp("2300-05-01")
    again = read_dataframe(io.StringIO(dumps_csv(event_rows([chile]))), "events")
    assert again["earliest"].iloc[-1] == pandas.Timestamp("2300-05-01")
    assert again.dtypes.to_dict() == events.dtypes.to_dict()


def test_to_dataframe_takes_its_table_from_the_rows_or_refuses_another() -> None:
    # to_dataframe(panel(...)) was an AttributeError: 'PanelRow' object has no attribute 'id' (#28, item 5).
    pytest.importorskip("pandas")
    from peru_diplomacy import InvalidArgumentError, panel
    from peru_diplomacy.summaries import event_counts, status_counts

    rows = panel(2000, 2001)
    assert list(to_dataframe(rows).columns) == list(PANEL_COLUMNS) and len(to_dataframe(rows)) == len(rows)
    assert len(to_dataframe(status_counts(1990, 1991))) == 2
    assert "certain" in to_dataframe(event_counts(1990, 1999)).columns
    assert len(to_dataframe(all_relations())) == 189
    with pytest.raises(InvalidArgumentError, match="the rows are panel rows, which make the panel table, not 'events'"):
        to_dataframe(rows, "events")
    with pytest.raises(InvalidArgumentError, match=r"the rows are relations.*not 'panel'"):
        to_dataframe(all_relations(), "panel")


def test_the_states_table_row_carries_the_iso_3166_3_code() -> None:
    rows = state_rows([relations_with("Czech Republic")])
    assert [(row["state_id"], row["iso3166_3"]) for row in rows] == [("CSHH", "CSHH"), ("CZE", None)]


def test_whole_records_are_indented_as_asked() -> None:
    chile = relations_with("Chile")
    indented = relations_to_json([chile])
    assert indented.startswith('[\n  {\n    "id": "CHL"')
    assert json.loads(indented) == json.loads(relations_to_json([chile], indent=None))
    assert "\n" not in relations_to_json([chile], indent=None)


def test_records_that_are_not_relations_raise_a_dataset_error() -> None:
    good = json.loads(relations_to_json([relations_with("Chile")]))
    good[0]["events"][0]["date"] = "1822-13"
    with pytest.raises(DatasetError, match=r"month 13 is out of range .* @ \[0\]\.events\[0\]\.date"):
        relations_from_json(json.dumps(good))
    good[0]["events"][0]["date"] = "1822-10-13"
    good[0]["events"][0]["kind"] = "restored"
    with pytest.raises(DatasetError, match=r"\[0\]"):
        relations_from_json(json.dumps(good))
    for text in ("{", "{}", "[1]", json.dumps([{"id": 3}])):
        with pytest.raises(DatasetError):
            relations_from_json(text)
