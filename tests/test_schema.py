"""Schema 3: one table of states, each stored once; one reader and one writer derived from the records (#17)."""

from __future__ import annotations

import enum
import json
from pathlib import Path
from typing import Any

import attrs
import pytest

from peru_diplomacy import (
    CodeSystem,
    Counterpart,
    Dataset,
    DatasetError,
    PartialDate,
    packaged_dataset,
)
from peru_diplomacy._format import SCHEMA_VERSION, Context, describe, read, write
from peru_diplomacy._loading import read_resource
from peru_diplomacy.cli import main

RESOURCE = read_resource()
RAW: dict[str, Any] = json.loads(RESOURCE)
TABLE = {state["id"]: state for state in RAW["states"]}
BHUTAN = [
    {
        "type": "relation",
        "country": "Bhutan",
        "region": "Asia",
        "kind": "established",
        "date": "2026-10-01",
        "source": "An example source, 2026-10-01",
    }
]


def _references(raw: dict[str, Any]) -> list[tuple[str, object]]:
    """Every place a relation names a state, with what it holds there."""
    found: list[tuple[str, object]] = [("counterpart", raw["counterpart"])]
    found += [("states", s) for s in raw["states"]]
    for event in raw["events"]:
        found += [(key, event[key]) for key in ("state", "predecessor", "successor") if key in event]
    found += [("alternatives", s) for s in raw["attribution"].get("alternatives", [])]
    return found


def _objects(value: object) -> list[dict[str, Any]]:
    if isinstance(value, dict):
        return [value, *(o for v in value.values() for o in _objects(v))]
    if isinstance(value, list):
        return [o for v in value for o in _objects(v)]
    return []


def test_the_shipped_file_is_at_most_850_kb() -> None:
    # 635 kB in data 2026.1; data 2026.2 carries ruptures.tsv's 125 rows and not_events.tsv's 35 new ones
    # with their verbatim quotes and citations (806 kB). A first lookup decodes only its own lines, so its
    # time does not grow with the file (benchmarks/bench.py: 1.53 x `import attrs`, 1.52 before); memory
    # with everything loaded grew from 11.7 to 12.6 MiB (target 25).
    assert len(RESOURCE) <= 850_000


def test_no_state_is_stored_twice() -> None:
    ids = [state["id"] for state in RAW["states"]]
    assert len(ids) == len(set(ids)) > 250
    outside = [RAW["metadata"], *RAW["relations"], *RAW["names"], *RAW["system_states"]]
    full = [o for o in _objects(outside) if "memberships" in o or "existence" in o]
    assert full == []  # nothing outside the table carries a state's codes or lifetime
    for relation in RAW["relations"]:
        for place, value in _references(relation):
            assert isinstance(value, str) and value in TABLE, (relation["id"], place, value)
    assert RAW["metadata"]["subject"] == "PER"


def test_every_state_of_the_table_is_named_somewhere() -> None:
    named = {value for relation in RAW["relations"] for _, value in _references(relation)}
    named |= {entry["state"] for entry in RAW["names"] if entry.get("state")}
    named.add(RAW["metadata"]["subject"])
    assert named == set(TABLE)


def test_states_without_a_relation_come_with_what_the_lists_say() -> None:
    data = packaged_dataset()
    table = {state.id: state for state in data.states}
    bhutan, aruba, kosovo = table["BTN"], table["ABW"], table["X-KOSOVO"]
    assert (bhutan.alpha2, bhutan.cow_code, bhutan.gw_code, bhutan.kind.value) == ("BT", 760, 760, "sovereign_state")
    assert str(bhutan.existence[0].start) == "1949-01-01" and bhutan.m49_subregion == "Southern Asia"
    assert (aruba.kind.value, aruba.cow_code, aruba.existence) == ("unclassified", None, ())
    assert (kosovo.kind.value, kosovo.cow_code) == ("partially_recognised_state", 347)
    assert table["PER"] == data.metadata.subject
    assert all(table[s.id] is s or table[s.id] == s for r in data.relations for s in r.states)


def test_a_relation_added_by_amendment_takes_its_state_from_the_table() -> None:
    data = packaged_dataset().amended(BHUTAN)
    bhutan = data.relations_with(760, system="cow")
    assert bhutan.id == "BTN" and bhutan is data.relations_with("Bhutan")
    state = bhutan.counterpart
    assert (state.cow_code, state.gw_code, state.alpha2, state.numeric) == (760, 760, "BT", "064")
    assert state.existence and state.exists_on("1950").value == "active"
    assert data.relations_with("BHU", system=CodeSystem.GW) is bhutan
    rows = [row for row in data.panel(2024, 2026, membership="cow") if row.cow_code == 760]
    assert [(row.year, row.status.value, row.relation_id) for row in rows] == [
        (2024, "inactive", "BTN"),
        (2025, "inactive", "BTN"),
        (2026, "uncertain", "BTN"),
    ]
    again = Dataset.from_json(data.to_json())
    assert again.relations_with(760, system="cow") == bhutan
    assert again.horizon == data.horizon and again.relations_with("Chile").horizon == data.horizon


def test_the_horizon_is_written_once_and_an_amendment_s_reach_on_its_relation() -> None:
    assert all("horizon" not in relation for relation in RAW["relations"])
    text = packaged_dataset().amended(BHUTAN).to_json()
    horizons = {r["id"]: r.get("horizon") for r in json.loads(text)["relations"]}
    assert {k: v for k, v in horizons.items() if v is not None} == {"BTN": "2026-10-01"}


def test_list_active_on_never_contradicts_its_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    amendments = tmp_path / "bhutan.toml"
    amendments.write_text(
        '[[relation]]\ncountry = "Bhutan"\nregion = "Asia"\nkind = "established"\n'
        'date = "2026-10-01"\nsource = "An example source, 2026-10-01"\n',
        encoding="utf-8",
    )
    assert main(["--amend", str(amendments), "list", "--active-on", "2026-10-01"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("BTN") and out.count("\n") == 1
    assert "no relation is certainly active" not in err
    assert "for the other 189 what happened then is unknown" in err
    assert main(["list", "--active-on", "2026-10-01"]) == 0
    out, err = capsys.readouterr()
    assert out == "" and "no relation is certainly active or inactive" in err


class _Colour(enum.Enum):
    RED = "red"
    BLUE = "blue"


@attrs.frozen(kw_only=True)
class _Extended:
    """A record the format has never seen: its reader and writer come from its fields alone."""

    name: str
    when: PartialDate
    colour: _Colour = _Colour.RED
    codes: tuple[int, ...] = ()
    note: str | None = None


def test_a_new_record_or_field_needs_no_reader_of_its_own() -> None:
    value = _Extended(name="x", when=PartialDate(1966, 9), colour=_Colour.BLUE, codes=(1, 2))
    raw = write(value)
    assert raw == {"name": "x", "when": "1966-09", "colour": "blue", "codes": [1, 2]}
    assert read(_Extended, raw, "x") == value
    assert read(_Extended, {"name": "y", "when": "1990"}, "x") == _Extended(name="y", when=PartialDate(1990))
    with pytest.raises(DatasetError, match=r"^x\.colour: 'green' is not a _Colour: use one of 'red', 'blue'$"):
        read(_Extended, {"name": "y", "when": "1990", "colour": "green"}, "x")
    with pytest.raises(DatasetError, match=r"^x: missing field 'when'$"):
        read(_Extended, {"name": "y"}, "x")
    with pytest.raises(DatasetError, match=r"^x: unknown field 'size'$"):
        read(_Extended, {"name": "y", "when": "1990", "size": 3}, "x")
    with pytest.raises(DatasetError, match=r"^x\.codes\[1\]: expected an integer, not text$"):
        read(_Extended, {"name": "y", "when": "1990", "codes": [1, "2"]}, "x")


def test_a_reference_to_a_state_not_in_the_table_is_refused() -> None:
    chile = next(r for r in RAW["relations"] if r["id"] == "CHL")
    nothing: dict[str, Counterpart] = {}
    context = Context(state=nothing.__getitem__)
    with pytest.raises(DatasetError, match=r"^chile\.counterpart: 'CHL' is not a state of the dataset's states table$"):
        read(type(packaged_dataset().relations_with("Chile")), chile, "chile", context)
    damaged = RESOURCE.replace(b'"counterpart":"CHL"', b'"counterpart":"XXX"', 1).replace(
        RAW["metadata"]["digest"].encode(), b"", 1
    )
    with pytest.raises(DatasetError, match=r"relation CHL\.counterpart: 'XXX' is not a state"):
        Dataset.from_json(damaged, lazy=True).relations_with("Chile")


def test_the_format_page_describes_every_field_the_file_holds() -> None:
    rows = describe()
    fields: dict[str, set[str]] = {}
    for row in rows:
        fields.setdefault(row["record"], set()).add(row["field"])
    required = {(row["record"], row["field"]) for row in rows if row["required"] == "yes"}
    tables = {"states": "Counterpart", "relations": "Relation", "names": "NameEntry", "system_states": "SystemState"}
    assert set(RAW) == fields["DatasetDocument"]
    for table, record in tables.items():
        for item in RAW[table]:
            assert set(item) <= fields[record], (table, set(item) - fields[record])
            assert {f for r, f in required if r == record} <= set(item)
    assert set(RAW["metadata"]) <= fields["DatasetMetadata"]


def test_the_fast_annotation_resolver_agrees_with_typing_for_every_record() -> None:
    import typing

    import peru_diplomacy._records as records
    from peru_diplomacy._format import _field_types

    names = {row["record"] for row in describe()}
    classes = [getattr(records, n, None) or getattr(__import__("peru_diplomacy"), n) for n in sorted(names)]
    assert len(classes) >= 17
    for cls in [*classes, _Extended]:
        hints = typing.get_type_hints(cls)
        assert _field_types(cls) == {f.name: hints[f.name] for f in attrs.fields(cls) if f.init}, cls


def test_the_file_format_page_states_this_schema_version() -> None:
    from peru_diplomacy import DATA_SCHEMA_VERSION

    page = (Path(__file__).resolve().parent.parent / "docs" / "file-format.md").read_text(encoding="utf-8")
    assert f'"schema_version":{DATA_SCHEMA_VERSION},' in page
    assert f"`schema_version` is {DATA_SCHEMA_VERSION};" in page
    assert RESOURCE.startswith(f'{{\n"schema_version":{DATA_SCHEMA_VERSION},\n"metadata":'.encode())


def _stored_snapshot() -> dict[str, object]:
    from importlib.resources import files

    loaded: dict[str, object] = json.loads(files("peru_diplomacy").joinpath("data/schema.json").read_text("utf-8"))
    return loaded


def test_the_stored_format_is_the_format_and_its_version() -> None:
    # Adding a field to a record passed every test without a bump of SCHEMA_VERSION (#30): the format described
    # from the records is stored beside the data, and must be the format as it stands.
    from peru_diplomacy._format import snapshot_mismatch

    stored = _stored_snapshot()
    assert stored["schema_version"] == SCHEMA_VERSION
    assert snapshot_mismatch(stored) is None, snapshot_mismatch(stored)


def test_a_changed_format_without_a_new_version_says_what_to_bump(monkeypatch: pytest.MonkeyPatch) -> None:
    from peru_diplomacy import _format

    stored = _stored_snapshot()
    added = {"record": "Counterpart", "field": "capital", "type": "text", "required": "no"}
    original = _format.describe
    monkeypatch.setattr(_format, "describe", lambda: [*original(), added])
    problem = _format.snapshot_mismatch(stored)
    assert problem is not None
    assert problem.startswith(
        f"the file format changed (Counterpart.capital added) but SCHEMA_VERSION is still {SCHEMA_VERSION}"
    )
    assert "bump it in src/peru_diplomacy/_format.py" in problem
    monkeypatch.setattr(_format, "SCHEMA_VERSION", SCHEMA_VERSION + 1)  # bumped: now the snapshot is to be written
    assert (
        _format.snapshot_mismatch(stored)
        == f"the stored schema is of version {SCHEMA_VERSION}: run python tools/write_schema.py"
    )


def test_a_new_version_without_a_changed_format_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from peru_diplomacy import _format

    monkeypatch.setattr(_format, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    problem = _format.snapshot_mismatch(_stored_snapshot())
    assert problem is not None and problem.startswith(
        f"SCHEMA_VERSION is {SCHEMA_VERSION + 1} but the format is that of version {SCHEMA_VERSION}"
    )


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
