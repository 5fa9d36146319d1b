"""The COW and GW frames: exactly the lists' state-years, one row per code and year (#18)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from peru_diplomacy import (
    Status,
    packaged_dataset,
    panel,
    relations_with,
)
from peru_diplomacy.panels import PanelRow

CROSSWALK = Path(__file__).resolve().parent.parent / "data" / "crosswalk"
PERU = 135


def _list_years(system: str, first: int, last: int) -> set[tuple[int, int]]:
    out = set()
    name = "cow_states2016.csv" if system == "cow" else "gw_states.csv"
    with (CROSSWALK / name).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if system == "cow":
                code = int(row["ccode"])
                start = dt.date(int(row["styear"]), int(row["stmonth"]), int(row["stday"]))
                end = dt.date(int(row["endyear"]), int(row["endmonth"]), int(row["endday"]))
            else:
                code, start = int(row["gwcode"]), dt.date.fromisoformat(row["start"])
                end = dt.date.fromisoformat(row["end"])
            for year in range(max(first, start.year), min(last, end.year) + 1):
                out.add((code, year))
    return {pair for pair in out if pair[0] != PERU}


Frames = dict[str, tuple[PanelRow, ...]]
"""The COW and GW frames 1816-2016 (the session fixture ``frames``, conftest.py)."""


@pytest.mark.parametrize("system", ["cow", "gw"])
def test_every_state_year_of_the_list_is_in_its_frame_exactly_once(system: str, frames: Frames) -> None:
    rows = frames[system]
    keys = [(r.cow_code if system == "cow" else r.gw_code, r.year) for r in rows]
    assert len(keys) == len(set(keys)), "a (code, year) twice"
    assert set(keys) == _list_years(system, 1816, 2016)


@pytest.mark.parametrize("system", ["cow", "gw"])
def test_the_frame_joins_its_list_one_to_one(system: str, frames: Frames) -> None:
    pandas = pytest.importorskip("pandas")
    from peru_diplomacy.export import to_dataframe

    frame = to_dataframe(frames[system], "panel")
    code = "cow_code" if system == "cow" else "gw_code"
    listed = pandas.DataFrame(sorted(_list_years(system, 1816, 2016)), columns=[code, "year"]).astype("Int64")
    joined = listed.merge(frame, on=[code, "year"], how="left", validate="one_to_one", indicator=True)
    assert (joined["_merge"] == "both").all()


def _row(frames: Frames, system: str, code: int, year: int) -> PanelRow:
    return next(r for r in frames[system] if (r.cow_code if system == "cow" else r.gw_code) == code and r.year == year)


@pytest.mark.parametrize(
    ("code", "year", "status", "basis"),
    [
        (571, 1990, "inactive", "source_absence"),  # Botswana: no relations ever (Peru's ministry, Cumanana XLI, 2025)
        (760, 1990, "uncertain", "no_source"),  # Bhutan: no row, and no source before the table's month
        (450, 1990, "uncertain", "no_source"),  # Liberia: a possible reading of a low-confidence row
        (240, 1850, "uncertain", "no_source"),  # Hanover: no source covers it
        (300, 1900, "uncertain", "no_source"),  # Austria-Hungary: COW records representation 1874-1914
        (345, 1900, "uncertain", "no_source"),  # the Kingdom of Serbia: a span the lineage does not include
        (365, 1919, "uncertain", "no_source"),  # Soviet Russia before the USSR: the same
        (155, 1990, "active", "since_event"),  # Chile: continuity since the restoration of 1928
    ],
)
def test_each_row_says_which_rule_gave_its_status(
    code: int, year: int, status: str, basis: str, frames: Frames
) -> None:
    row = _row(frames, "cow", code, year)
    assert row.status.value == status and row.basis == basis


def test_a_state_without_relation_is_never_inactive_where_cow_records_representation(frames: Frames) -> None:
    for row in frames["cow"]:
        if row.cow_code == 300 and 1874 <= row.year <= 1914:
            assert row.status is not Status.INACTIVE


def test_a_code_two_states_held_in_a_year_is_one_row_naming_the_other(frames: Frames) -> None:
    row = _row(frames, "cow", 365, 1991)
    assert row.state_id == "RUS" and row.other_state_id == "SUHH" and row.status is Status.ACTIVE
    row = _row(frames, "cow", 345, 2006)
    assert row.state_id == "SRB" and row.other_state_id == "CSXX"
    assert {r.cow_code for r in frames["cow"] if r.year == 1990 and r.relation_id == "DEU"} == {255, 260}


def test_after_the_horizon_a_state_of_today_without_relation_is_uncertain() -> None:
    (botswana,) = [r for r in panel(2030, 2030, membership="gw") if r.gw_code == 571]
    assert botswana.status is Status.UNCERTAIN and botswana.basis == "source_absence"
    (carried,) = [r for r in panel(2030, 2030, membership="gw", carry_forward=True) if r.gw_code == 571]
    assert carried.status is Status.INACTIVE


def test_relation_rows_of_the_frame_answer_as_their_relations(frames: Frames) -> None:
    checked = 0
    for row in frames["cow"]:
        if row.relation_id is not None and row.year in (1900, 1950, 2000) and not row.other_state_id:
            relation = relations_with(row.relation_id)
            if [s for s in relation.states if s.exists_on(str(row.year)) is not Status.INACTIVE] == [row.counterpart]:
                assert row.status is relation.status_on(f"{row.year}-12-31")
                checked += 1
    assert checked > 150  # the rows compared are most of the relation rows of those years (it compared none, #30)


def test_the_share_of_states_with_relations_counts_every_state(frames: Frames) -> None:
    frame = frames["cow"]
    in_2016 = [r for r in frame if r.year == 2016]
    assert len(in_2016) == len({c for c, y in _list_years("cow", 2016, 2016)}) == 194
    share = sum(r.status is Status.ACTIVE for r in in_2016) / len(in_2016)
    assert 0.85 < share < 0.87


@pytest.mark.parametrize("membership", ["cow", "gw", "lifetime"])
def test_the_size_limit_counts_the_rows_the_panel_would_hold(membership: str) -> None:
    from peru_diplomacy import PanelTooLargeError

    built = len(panel(2000, 2001, unit="month", membership=membership))  # type: ignore[arg-type]
    with pytest.raises(PanelTooLargeError) as caught:
        panel(2000, 2001, unit="month", membership=membership, max_rows=built - 50)  # type: ignore[arg-type]
    assert abs(caught.value.rows - built) <= 12  # the estimate counts states of the list too, not only relations
    assert len(panel(2000, 2001, unit="month", membership=membership, max_rows=built + 50)) == built  # type: ignore[arg-type]


@pytest.mark.parametrize("membership", ["COW", "Cow", " cow "])
def test_the_membership_is_read_in_any_case(membership: str) -> None:
    # A new user's "COW" gave an empty panel and no error (#28, item 1).
    rows = panel(1950, 1951, membership=membership)  # type: ignore[arg-type]
    assert len(rows) == len(panel(1950, 1951, membership="cow")) > 100


def test_a_state_of_the_table_s_present_without_a_row_is_inactive_to_the_horizon_then_uncertain() -> None:
    rows = [r for r in packaged_dataset().panel(2026, 2026, unit="month", membership="cow") if r.cow_code == 571]
    by_month = {str(r.period): (r.status.value, r.basis, r.share_possible) for r in rows}
    assert by_month["2026-03"] == ("inactive", "source_absence", 0.0)  # Botswana, through the horizon's last day
    assert by_month["2026-04"] == ("uncertain", "source_absence", 1.0)
    rows = [r for r in packaged_dataset().panel(2023, 2023, unit="month", membership="cow") if r.cow_code == 760]
    bhutan = {str(r.period): (r.status.value, r.basis) for r in rows}  # silence, then the table's scope
    assert bhutan["2023-04"] == ("uncertain", "no_source")
    assert bhutan["2023-05"] == ("uncertain", "no_source")  # some day of May 2023 is the table's
    assert bhutan["2023-06"] == ("inactive", "table_scope")
    (hanover,) = [r for r in packaged_dataset().panel(1850, 1850, membership="cow") if r.cow_code == 240]
    assert (hanover.status.value, hanover.basis, hanover.share_possible) == ("uncertain", "no_source", 1.0)


def test_a_list_s_frame_is_in_order_of_time_then_code() -> None:
    rows = packaged_dataset().panel(1990, 1991, unit="month", membership="cow")
    keys = [(str(row.period), row.cow_code or 0) for row in rows]
    assert keys == sorted(keys) and keys[0][0] == "1990-01" and keys[-1][0] == "1991-12"
