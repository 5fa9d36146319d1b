"""Behaviours that mutation testing found unpinned, each now held by a test (#21).

Each test names what a wrong change would have slipped past: a message, a column, an argument, a
branch the other tests reach only with values on which it makes no difference.
"""

from __future__ import annotations

import json

import pytest

from peru_diplomacy import AmendmentError, Dataset, DatasetError, PartialDate, packaged_dataset, relations_with
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

    pytest.importorskip("pandas")

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


def test_a_lazily_read_metadata_line_is_checked_with_its_path() -> None:
    import re

    damaged = re.sub(rb'"digest":"crc32:[0-9a-f]{8}"', b'"digest":""', read_resource(), count=1)
    damaged = damaged.replace(b'"title":"Peru', b'"title":7,"x":"Peru', 1)
    data = Dataset.from_json(damaged, lazy=True)
    with pytest.raises(DatasetError, match=r"^metadata\.title: expected text, not an integer$"):
        data.metadata  # noqa: B018


def test_a_built_relation_lets_go_of_its_decoded_line() -> None:
    from peru_diplomacy._store import Store

    store = Store.from_bytes(read_resource(), lazy=True, digest_required=True)
    store.names()  # the whole file split into its lines, none built
    assert store._raw is not None and all(isinstance(line, bytes) for line in store._raw["relations"])
    store.relation("CHL")
    assert [i for i, line in enumerate(store._raw["relations"]) if line is None] == [store._by_id["CHL"]]  # type: ignore[index]


def test_a_truth_value_where_text_belongs_is_named_so() -> None:
    from peru_diplomacy import Period
    from peru_diplomacy._format import read

    with pytest.raises(DatasetError, match=r"^p\.start: expected text, not true or false$"):
        read(Period, {"start": True}, "p")


def test_the_format_page_rows_for_references_tables_and_flags() -> None:
    from peru_diplomacy._format import describe

    rows = {(row["record"], row["field"]): (row["type"], row["required"]) for row in describe()}
    assert rows[("Relation", "states")] == ("list of state id (from the states table)", "yes")
    assert rows[("Relation", "horizon")] == ("partial date (ISO text), or null", "no (default: the metadata's horizon)")
    assert rows[("DatasetDocument", "states")] == ("list of Counterpart object", "yes")
    assert rows[("Period", "open_start")] == ("true or false", "no (default false)")
    assert rows[("Event", "references")] == ("list of Reference object", "no (default [])")
    assert rows[("Event", "text")] == ("text", 'no (default "")')
    assert rows[("Counterpart", "kind")][0].startswith("one of: sovereign_state, historical_state,")
    assert rows[("Membership", "code")] == ("integer", "yes")


def test_the_format_has_a_rule_for_every_type_or_says_it_has_none() -> None:
    from peru_diplomacy._format import _field_types, _reader, _resolve, _writer

    with pytest.raises(TypeError, match="the file format has no rule for <class 'complex'>"):
        _reader(complex)
    with pytest.raises(TypeError, match="the file format has no rule for <class 'complex'>"):
        _writer(complex)
    assert _resolve("tuple[int, str]", {}) is None  # a form the fast resolver leaves to typing
    assert _resolve("tuple[int, ...]", {}) == tuple[int, ...]
    assert _resolve("str | None", {}) == (str | None)
    assert _resolve("list[int]", {}) is None and _resolve("Unknown", {}) is None

    import attrs

    @attrs.frozen
    class Pair:
        both: tuple[int, str]

    assert _field_types(Pair) == {"both": tuple[int, str]}


def _amend_file(tmp_path: object, text: str) -> object:
    from pathlib import Path

    path = Path(str(tmp_path)) / "mine.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_amendment_file_s_errors_name_their_line_and_field(tmp_path: object) -> None:
    broken = _amend_file(tmp_path, '[[event]]\ncountry = "Chile"\nkind = = "broken"\n')
    with pytest.raises(AmendmentError) as caught:
        packaged_dataset().amended(broken)  # type: ignore[arg-type]
    assert caught.value.line == 3 and str(caught.value).startswith(f"{broken}, line 3: not valid TOML")
    first_field = _amend_file(tmp_path, '[[event]]\ncountry = "Chle"\nkind = "broken"\ndate = "2026"\nsource = "s"\n')
    with pytest.raises(AmendmentError) as caught:
        packaged_dataset().amended(first_field)  # type: ignore[arg-type]
    assert (caught.value.line, caught.value.field) == (2, "country")
    assert str(caught.value).startswith(f"{first_field}, line 2, field country: no country matches 'Chle'")


def test_rows_are_named_by_their_place_in_the_list() -> None:
    rows = [
        {"type": "event", "country": "Chile", "kind": "broken", "date": "2026-01-02", "source": "s"},
        {"type": "event", "country": "Chle", "kind": "broken", "date": "2026", "source": "s"},
    ]
    with pytest.raises(AmendmentError, match=r"^<rows>, line 2, field country: no country matches 'Chle'"):
        packaged_dataset().amended(rows)


def test_amendments_apply_in_the_order_of_their_lines_across_kinds(tmp_path: object) -> None:
    text = (
        '[[event]]\ncountry = "Chile"\nkind = "broken"\ndate = "2026-01-02"\nsource = "s"\n\n'
        '[[relation]]\ncountry = "Bhutan"\nregion = "Asia"\nkind = "established"\ndate = "2026-01-10"\nsource = "s"\n\n'
        '[[event]]\ncountry = "Bhutan"\nkind = "broken"\ndate = "2026-02-01"\nsource = "s"\n'
    )
    data = packaged_dataset().amended(_amend_file(tmp_path, text))  # type: ignore[arg-type]
    assert [e.kind.value for e in data.relations_with("Bhutan").events] == ["established", "broken"]
    assert data.metadata.data_version == packaged_dataset().metadata.data_version + "+amended" == "2026.3+amended"


def test_a_contest_added_by_amendment_says_so() -> None:
    rows = [{"type": "contest", "country": "Chile", "start": "1950", "end": "1951", "reason": "r", "source": "s"}]
    (contest,) = [c for c in packaged_dataset().amended(rows).relations_with("Chile").contests if c.reason == "r"]
    assert contest.source == "user amendment" and contest.citations[0].outlet == "user amendment"


def test_the_resource_is_read_through_importlib_when_the_loader_cannot(monkeypatch: pytest.MonkeyPatch) -> None:
    import peru_diplomacy._loading as loading

    packaged = loading.read_resource()
    monkeypatch.setattr(loading, "__loader__", None)
    assert loading.read_resource() == packaged == loading.read_resource_via_importlib()


def test_an_event_on_the_horizon_s_last_day_leaves_the_horizon_as_it_is() -> None:
    rows = [{"type": "event", "country": "Mexico", "kind": "restored", "date": "2026-03-31", "source": "s"}]
    assert packaged_dataset().amended(rows).relations_with("Mexico").horizon == PartialDate(2026, 3)
    later = [{"type": "event", "country": "Mexico", "kind": "restored", "date": "2026-04-01", "source": "s"}]
    assert packaged_dataset().amended(later).relations_with("Mexico").horizon == PartialDate(2026, 4, 1)


def test_a_succession_cannot_be_amended() -> None:
    rows = [{"type": "event", "country": "Chile", "kind": "succeeded", "date": "2026", "source": "s"}]
    with pytest.raises(
        AmendmentError,
        match=r"^<rows>, line 1, field kind: a succession needs a predecessor state, which amendments cannot give$",
    ):
        packaged_dataset().amended(rows)


def test_a_new_relation_s_region_and_first_event_are_checked() -> None:
    from peru_diplomacy import InvalidEventSequenceError

    bhutan = {"type": "relation", "country": "Bhutan", "kind": "established", "date": "2026", "source": "s"}
    with pytest.raises(
        AmendmentError, match=r"^<rows>, line 1, field region: use one of Africa, Americas, Asia, Europe, Oceania$"
    ):
        packaged_dataset().amended([{**bhutan, "region": "Atlantis"}])
    with pytest.raises(InvalidEventSequenceError, match=r"^<rows>, line 1: "):
        packaged_dataset().amended([{**bhutan, "region": "Asia", "kind": "restored"}])


def test_the_panel_s_year_bounds_are_1_and_9999() -> None:
    from peru_diplomacy import InvalidArgumentError, panel

    assert {row.year for row in panel(1, 1)} <= {1} and {row.year for row in panel(9999, 9999)} == {9999}
    for first, last in ((0, 1), (9999, 10000), (-5, 3)):
        with pytest.raises(InvalidArgumentError, match=r"must be a year from 1 to 9999 \(an int\), not "):
            panel(first, last)


def test_panel_rows_are_made_by_keyword() -> None:
    from typing import Any, cast

    import attrs

    from peru_diplomacy import PanelRow

    row = packaged_dataset().panel(2000, 2000)[0]
    values = {field.name: getattr(row, field.name) for field in attrs.fields(PanelRow) if field.init}
    assert PanelRow(**values) == row
    with pytest.raises(TypeError):
        cast(Any, PanelRow)(*values.values())  # every field, in order, but not by keyword


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


def test_a_lifetime_panel_has_no_rows_for_the_years_a_state_did_not_exist() -> None:
    import attrs

    from peru_diplomacy import Period
    from peru_diplomacy.panels import build_panel

    chile = relations_with("Chile")
    gapped = attrs.evolve(
        chile.counterpart,
        existence=(Period(start=PartialDate(1818), end=PartialDate(1900)), Period(start=PartialDate(1950))),
    )
    relation = attrs.evolve(
        chile,
        counterpart=gapped,
        states=(gapped,),
        events=tuple(attrs.evolve(e, state=gapped) for e in chile.events),
    )
    years = [row.year for row in build_panel((relation,), 1898, 1952, max_rows=None)]
    assert years == [1898, 1899, 1900, 1950, 1951, 1952]  # 1900: it ended some day of it


def test_a_list_s_frame_is_in_order_of_time_then_code() -> None:
    rows = packaged_dataset().panel(1990, 1991, unit="month", membership="cow")
    keys = [(str(row.period), row.cow_code or 0) for row in rows]
    assert keys == sorted(keys) and keys[0][0] == "1990-01" and keys[-1][0] == "1991-12"
