"""The codebook lists every column every export writes, as it writes it (#19)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from peru_diplomacy import Relation, event_counts, panel, status_counts
from peru_diplomacy._columns import TABLES
from peru_diplomacy.export import (
    Row,
    codebook,
    event_rows,
    mission_rows,
    panel_rows,
    period_rows,
    relation_rows,
    state_rows,
    summary_rows,
    timeline_rows,
)


def _written(relations: tuple[Relation, ...]) -> dict[str, list[Row]]:
    from peru_diplomacy import timeline

    return {
        "relations": relation_rows(relations),
        "events": event_rows(relations) + timeline_rows(timeline()),
        "periods": period_rows(relations),
        "panel": panel_rows(panel(1816, 2016, membership="cow")) + panel_rows(panel(1990, 1991)),
        "states": state_rows(relations),
        "missions": mission_rows(relations),
        "status_counts": summary_rows(status_counts(1900, 2000, unit="decade", by_region=True)),
        "event_counts": summary_rows(event_counts(1900, 2000, by_region=True)),
    }


@pytest.fixture(scope="module")
def written(every_relation: tuple[Relation, ...]) -> dict[str, list[Row]]:
    """Every table as the library writes it (built once for this module)."""
    return _written(every_relation)


PYTHON_TYPES: dict[str, tuple[type, ...]] = {
    "text": (str,),
    "list": (str,),
    "partial date": (str,),
    "day": (str,),
    "integer": (int,),
    "float": (float,),
    "boolean": (bool,),
}


@pytest.mark.parametrize("table", list(TABLES))
def test_the_codebook_lists_every_column_the_table_writes_in_order(written: dict[str, list[Row]], table: str) -> None:
    listed = [row["column"] for row in codebook([table])]
    rows = written[table]
    assert rows, table
    assert all(list(row) == listed for row in rows)


@pytest.mark.parametrize("table", list(TABLES))
def test_every_value_is_of_its_column_s_type_and_allowed(written: dict[str, list[Row]], table: str) -> None:
    columns = {c.name: c for c in TABLES[table]}
    for row in written[table]:
        for name, value in row.items():
            if value is None:
                continue
            column = columns[name]
            assert isinstance(value, PYTHON_TYPES[column.type]), (table, name, value)
            if column.type == "integer":
                assert not isinstance(value, bool), (table, name)
            if column.values:
                assert value in column.values, (table, name, value)


def test_a_name_has_one_type_wherever_it_is_read() -> None:
    kinds: dict[str, set[str]] = {}
    for columns in TABLES.values():
        for column in columns:
            reader = column.type if column.type in ("integer", "float", "boolean", "day") else "text"
            kinds.setdefault(column.name, set()).add(reader)
    assert {name: found for name, found in kinds.items() if len(found) > 1} == {}


def test_every_column_has_a_meaning_and_an_origin() -> None:
    for row in codebook():
        assert row["meaning"] and row["origin"], row


def test_the_codebook_travels_with_the_files() -> None:
    run = [sys.executable, "-m", "peru_diplomacy", "export", "--codebook"]
    as_csv = list(csv.DictReader(io.StringIO(subprocess.run(run, capture_output=True, text=True, check=True).stdout)))
    assert len(as_csv) == len(codebook()) == sum(len(c) for c in TABLES.values())
    as_json = json.loads(subprocess.run([*run, "--format", "json"], capture_output=True, text=True, check=True).stdout)
    assert as_json == codebook()
    with pytest.raises(ValueError, match="unknown table 'wars'"):
        codebook(["wars"])
