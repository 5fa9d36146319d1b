"""Behaviours that mutation testing found unpinned, each now held by a test (#21).

Each test names what a wrong change would have slipped past: a message, a column, an argument, a
branch the other tests reach only with values on which it makes no difference.
"""

from __future__ import annotations

import json

import pytest

from peru_diplomacy import AmendmentError, Dataset, PartialDate, packaged_dataset, relations_with
from peru_diplomacy._loading import read_resource
from peru_diplomacy.export import relations_to_json, state_rows

from .cli_run import in_process


def test_a_first_lookup_reads_the_horizon_its_relation_inherits() -> None:
    data = Dataset.from_json(read_resource(), lazy=True)
    chile = data.relations_with("Chile")  # the first thing asked: the metadata line is read for it
    assert chile.horizon == PartialDate(2026, 3) == data.horizon
    assert chile.status_on("2026-04-01").value == "uncertain"


def test_the_states_table_row_carries_the_iso_3166_3_code() -> None:
    rows = state_rows([relations_with("Czech Republic")])
    assert [(row["state_id"], row["iso3166_3"]) for row in rows] == [("CSHH", "CSHH"), ("CZE", None)]


def test_whole_records_are_indented_as_asked() -> None:
    chile = relations_with("Chile")
    indented = relations_to_json([chile])
    assert indented.startswith('[\n  {\n    "id": "CHL"')
    assert json.loads(indented) == json.loads(relations_to_json([chile], indent=None))
    assert "\n" not in relations_to_json([chile], indent=None)


def test_the_command_line_names_a_bad_region_and_what_would_work() -> None:
    result = in_process("list", "--region", "Atlantis")
    assert result.returncode == 2
    assert "unknown region 'Atlantis': use one of 'Africa', 'Americas', 'Asia', 'Europe', 'Oceania'" in result.stderr


def test_show_says_why_a_table_state_has_no_codes() -> None:
    out = in_process("show", "Order of Malta").stdout
    assert "none (in neither the COW nor the Gleditsch–Ward list)" in out
    assert "added by amendment" not in out


def test_typed_exports_of_the_panel_and_the_records_rule() -> None:
    records = in_process("export", "--table", "records", "--format", "csv")
    assert records.returncode == 2
    assert "--table records is the whole dataset, in JSON only; use --format json" in records.stderr


def test_typed_export_of_a_panel(tmp_path: object) -> None:
    from pathlib import Path

    from peru_diplomacy.export import read_stata

    path = Path(str(tmp_path)) / "panel.dta"
    done = in_process(
        "export", "--table", "panel", "--format", "stata", "--from", "1990", "--to", "1991", "-o", str(path)
    )
    assert done.returncode == 0, done.stderr
    frame = read_stata(path, "panel")
    assert sorted(set(frame["year"].tolist())) == [1990, 1991]
    assert len(frame) == len(packaged_dataset().panel(1990, 1991)) == 352


def test_amendments_refuse_a_relation_with_peru_or_one_that_exists() -> None:
    with pytest.raises(AmendmentError, match=r"Peru: not a state a relation can be added for"):
        packaged_dataset().amended(
            [
                {
                    "type": "relation",
                    "country": "Peru",
                    "region": "Americas",
                    "kind": "established",
                    "date": "2026",
                    "source": "s",
                }
            ]
        )
    with pytest.raises(
        AmendmentError, match=r"the data already has a relation with Chile; amend it with \[\[event\]\]"
    ):
        packaged_dataset().amended(
            [
                {
                    "type": "relation",
                    "country": "Chile",
                    "region": "Americas",
                    "kind": "established",
                    "date": "2026",
                    "source": "s",
                }
            ]
        )
