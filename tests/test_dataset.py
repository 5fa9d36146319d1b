"""Loading: lazy and once, thread-safe, strict about damaged files; records immutable; cattrs round trips."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import peru_diplomacy
from peru_diplomacy import (
    Attribution,
    Confidence,
    Dataset,
    DatasetError,
    Event,
    PartialDate,
    Period,
    Region,
    Relation,
    Source,
    all_relations,
    converter,
    packaged_dataset,
    relations_with,
)
from peru_diplomacy._loading import read_resource
from peru_diplomacy._loading import read_resource as _read_resource
from tests.strategies import History, histories, partial_dates

RESOURCE = _read_resource()


def _damaged(edit: str) -> bytes:
    data = json.loads(RESOURCE)
    if edit == "schema":
        data["schema_version"] = 1
    elif edit == "schema-true":
        data["schema_version"] = True
    elif edit == "schema-float":
        data["schema_version"] = 2.0
    elif edit == "missing-field":
        del data["relations"][0]["source"]
    elif edit == "id-not-text":
        data["relations"][0]["id"] = ["DZA"]
    elif edit == "duplicate":
        data["relations"][1] = data["relations"][0]
    elif edit == "drop-relation":
        del data["relations"][5]
    elif edit == "extra-key":
        data["relations"][0]["colour"] = "red"
    elif edit == "bad-date":
        data["relations"][0]["events"][0]["date"] = "1966-13"
    elif edit == "bad-kind":
        data["relations"][0]["events"][0]["kind"] = "annexed"
    elif edit == "bad-history":
        data["relations"][0]["events"][0]["kind"] = "restored"
    elif edit == "bad-name":
        data["names"][0]["relation"] = "NOPE"
    elif edit == "missing-part":
        del data["names"]
    elif edit == "not-object":
        data = [1, 2]
    if isinstance(data, dict) and isinstance(data.get("metadata"), dict):
        data["metadata"]["digest"] = ""  # edited on purpose: the structure, not the digest, is under test here
    return json.dumps(data).encode()


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        ("schema", "unknown dataset schema version 1; this release of peru-diplomacy reads version 4"),
        ("schema-true", "unknown dataset schema version True"),
        ("schema-float", "unknown dataset schema version 2.0"),
        ("drop-relation", "declares 189 relations but holds 188: it is truncated"),
        ("extra-key", r"relations\[0\] \(DZA\): unknown field 'colour'"),
        ("missing-field", r"relations\[0\] \(DZA\): missing field 'source'"),
        ("id-not-text", r"relations\[0\]\.id: expected text, not a list"),
        ("duplicate", r"relations\[1\]: relation id 'DZA' appears twice"),
        ("bad-date", r"relations\[0\] \(DZA\)\.events\[0\]\.date: month 13"),
        ("bad-kind", r"relations\[0\] \(DZA\)\.events\[0\]\.kind: 'annexed' is not a EventKind"),
        ("bad-history", r"relations\[0\] \(DZA\): .*comes before relations were established"),
        ("bad-name", "points to unknown relation 'NOPE'"),
        ("missing-part", "top-level keys must be"),
        ("not-object", "must be a JSON object, not a list"),
    ],
)
def test_a_damaged_resource_gives_a_dataset_error(edit: str, message: str) -> None:
    with pytest.raises(DatasetError, match=message):
        Dataset.from_json(_damaged(edit))


@pytest.mark.parametrize("text", ['"x"', "1", "null", "[1]", "[" * 100_000 + "]" * 100_000])
def test_json_that_is_not_a_dataset_gives_a_dataset_error(text: str) -> None:
    with pytest.raises(DatasetError):
        Dataset.from_json(text)


def test_a_truncated_resource_gives_a_dataset_error() -> None:
    with pytest.raises(DatasetError, match=r"not valid JSON \(is it truncated\?\)"):
        Dataset.from_json(RESOURCE[: len(RESOURCE) // 2])
    with pytest.raises(DatasetError, match="not valid JSON"):
        Dataset.from_json(b"\xff\xfe")


def test_a_lazy_dataset_reports_damage_when_the_record_is_read() -> None:
    data = Dataset.from_json(_damaged("bad-date"), lazy=True)
    assert data.relations_with("Chile").id == "CHL"
    with pytest.raises(DatasetError, match="month 13"):
        data.relations_with("Algeria")
    with pytest.raises(DatasetError, match="month 13"):
        _ = data.relations
    # Known to be broken, it answers nothing more, not even what it answered before.
    for query in (lambda: data.relations_with("Chile"), lambda: data.get("JPN"), lambda: data.active_on("1970")):
        with pytest.raises(DatasetError, match=r"the dataset is damaged, so it answers nothing: .*month 13"):
            query()


def test_from_file_and_to_json_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "relations.json"
    path.write_text(packaged_dataset().to_json(), encoding="utf-8")
    mine = Dataset.from_file(path)
    assert mine.relations == packaged_dataset().relations
    assert mine.metadata == packaged_dataset().metadata
    assert mine.names == packaged_dataset().names
    assert Dataset(mine.document).relations == mine.relations


def test_metadata_and_versions_agree_with_the_resource() -> None:
    meta = packaged_dataset().metadata
    assert meta.source_revision == peru_diplomacy.SOURCE_REVISION == "2023-05"
    assert json.loads(RESOURCE)["schema_version"] == peru_diplomacy.DATA_SCHEMA_VERSION == 4
    assert meta.licence == "CC-BY-SA-4.0"
    assert "CC BY-SA 4.0" in meta.attribution
    from importlib.metadata import version

    assert version("peru-diplomacy") == peru_diplomacy.__version__


# -- cattrs ----------------------------------------------------------------------------------


def test_every_record_round_trips_through_cattrs() -> None:
    for relation in all_relations():
        plain = converter.unstructure(relation)
        json.dumps(plain)  # plain data only
        assert converter.structure(plain, Relation) == relation
        assert "periods" not in plain and "_timeline" not in plain


@given(histories())
def test_generated_events_and_periods_round_trip(history: History) -> None:
    for event in history.events:
        assert converter.structure(converter.unstructure(event), Event) == event
    relation = _relation(history)
    for period in relation.periods:
        assert converter.structure(converter.unstructure(period), Period) == period
    again = converter.structure(json.loads(json.dumps(converter.unstructure(relation))), Relation)
    assert again == relation
    assert again.periods == relation.periods


@given(partial_dates())
def test_partial_dates_serialize_as_iso_text(date: PartialDate) -> None:
    assert converter.unstructure(date) == date.isoformat()
    assert converter.structure(date.isoformat(), PartialDate) == date


def _relation(history: History) -> Relation:
    states = tuple(dict.fromkeys(e.state for e in history.events))
    from tests.strategies import STATES

    states = states or (STATES[0],)
    return Relation(
        id="TEST",
        counterpart=states[-1],
        states=states,
        region=Region.ASIA,
        events=history.events,
        source=Source(region=Region.ASIA, row=1, cell=""),
        attribution=Attribution(country="Test", confidence=Confidence.LOW, evidence=""),
    )


# -- loading once, lazily, thread-safely ------------------------------------------------------


def test_import_loads_no_data_and_a_first_lookup_only_what_it_needs() -> None:
    # Issue #10: attrs, importlib.resources, json and the model; datetime only when a date is given.
    code = (
        "import sys, peru_diplomacy, peru_diplomacy.dataset as d;"
        "assert d._packaged is None;"
        "assert 'cattrs' not in sys.modules and 'pycountry' not in sys.modules, sorted(sys.modules);"
        "peru_diplomacy.relations_with('Chile');"
        "assert d._packaged is not None;"
        "unwanted = {'cattrs', 'pycountry', 'difflib', 'csv', 'pandas', 'datetime', 'peru_diplomacy.cli'};"
        "assert not unwanted & set(sys.modules), sorted(unwanted & set(sys.modules));"
        "peru_diplomacy.relations_with('Chile').status_on('1990-01-01');"
        "assert 'datetime' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_record_and_date_annotations_resolve_at_run_time_in_a_fresh_process() -> None:
    # What a first lookup leaves unloaded (datetime.py among it) must not leave a record field, or a
    # method that takes a date, with a name that typing (and so cattrs) cannot resolve.
    code = """
import inspect, typing, peru_diplomacy
from peru_diplomacy import relations_with
relations_with("Chile")
checked = 0
for name in dir(peru_diplomacy):
    obj = getattr(peru_diplomacy, name)
    if inspect.isclass(obj) and hasattr(obj, "__attrs_attrs__"):
        typing.get_type_hints(obj)
        checked += 1
for cls in (peru_diplomacy.Relation, peru_diplomacy.Counterpart, peru_diplomacy.PartialDate, peru_diplomacy.Period):
    for _, method in inspect.getmembers(cls, inspect.isfunction):
        typing.get_type_hints(method)
        checked += 1
assert typing.get_type_hints(peru_diplomacy.to_partial_date)["value"] == peru_diplomacy.DateLike
print(checked)
"""
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert int(out.stdout) > 60


def test_many_threads_first_query_load_once_and_agree() -> None:
    code = """
import threading, peru_diplomacy.dataset as d
calls = []
original = d.read_resource
def counting():
    calls.append(1)
    return original()
d.read_resource = counting
barrier = threading.Barrier(32)
results = [None] * 32
def work(i):
    barrier.wait()
    results[i] = (d.packaged_dataset(), d.packaged_dataset().relations_with("CZE"), d.packaged_dataset().relations)
threads = [threading.Thread(target=work, args=(i,)) for i in range(32)]
for t in threads: t.start()
for t in threads: t.join()
assert len(calls) == 1, calls
assert all(r[0] is results[0][0] and r[1] is results[0][1] and r[2] is results[0][2] for r in results)
print("ok")
"""
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "ok"


def test_threads_structuring_the_same_lazy_dataset_get_identical_records() -> None:
    data = Dataset.from_json(RESOURCE, lazy=True)
    barrier = threading.Barrier(16)
    seen: list[tuple[Relation, ...]] = []

    def work() -> None:
        barrier.wait()
        seen.append(data.relations)

    threads = [threading.Thread(target=work) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(seen) == 16
    assert all(all(a is b for a, b in zip(s, seen[0], strict=True)) for s in seen)


# -- immutability ------------------------------------------------------------------------------


def test_records_are_frozen_and_hold_tuples() -> None:
    chile = relations_with("Chile")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        chile.id = "XXX"  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        chile.counterpart.name = "Peru"  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        chile.events[0].date = PartialDate(2000)  # type: ignore[misc]
    for relation in all_relations():
        for value in (relation.events, relation.states, relation.references, relation.periods, relation.remarks):
            assert isinstance(value, tuple)
        hash(relation)
    assert not hasattr(chile, "__dict__")  # slotted


def test_no_public_call_hands_back_a_way_to_change_the_shared_data() -> None:
    data = packaged_dataset()
    before = data.to_json()
    answers = [
        data.relations,
        data.names,
        data.excluded_rows,
        data.by_region("Asia"),
        data.active_on("1970"),
        data.timeline(),
        data.successions(),
        data.ever_broken(),
    ]
    for answer in answers:
        assert isinstance(answer, tuple)
    status = data.statuses_on("1970")
    status.clear()  # a fresh dict each call
    assert data.statuses_on("1970")
    assert data.get("chl") is data.get("CHL") is data.relations_with("Chile")
    with pytest.raises(AttributeError):
        data.relations = ()  # type: ignore[misc]
    with pytest.raises(AttributeError):
        data.extra = 1  # type: ignore[attr-defined]
    assert data.to_json() == before


@given(st.sampled_from(["Chile", "CZE", 152, "Czechoslovakia"]))
def test_lookups_return_the_same_object(query: str | int) -> None:
    assert relations_with(query) is relations_with(query)


def test_records_pickle_and_copy_for_multiprocessing_pipelines() -> None:
    import copy
    import pickle

    relations = all_relations()
    again = pickle.loads(pickle.dumps(relations))
    assert again == relations
    assert all(a.periods == b.periods for a, b in zip(again, relations, strict=True))
    assert again[0].status_on("2000") is relations[0].status_on("2000")
    assert copy.deepcopy(relations_with("Russia")) == relations_with("Russia")


def test_the_packed_layout_is_read_line_by_line_and_checked() -> None:
    from peru_diplomacy._loading import split_packed as _split_packed

    undigested = re.sub(rb'"digest":"crc32:[0-9a-f]{8}"', b'"digest":""', RESOURCE, count=1)
    top = _split_packed(RESOURCE)
    assert top is not None and sorted(top) == sorted(json.loads(RESOURCE))
    assert all(isinstance(line, bytes) for line in top["relations"])
    assert _split_packed(RESOURCE.replace(b'\n"names":[', b'\n"nomes":[', 1)) is None  # not the layout: decoded whole
    with pytest.raises(DatasetError, match="top-level keys"):
        Dataset.from_json(undigested.replace(b'\n"names":[', b'\n"nomes":[', 1), lazy=True).relations  # noqa: B018
    damaged = undigested.replace(b'{"id":"DZA","counterpart":', b'{"id":"DZA","colour":"red","counterpart":', 1)
    data = Dataset.from_json(damaged, lazy=True)
    assert data.relations_with("Chile").id == "CHL"
    with pytest.raises(DatasetError, match=r"relations\[0\] \(DZA\): unknown field 'colour'"):
        data.relations  # noqa: B018


def test_the_lookup_cache_is_bounded_in_size_not_only_in_entries() -> None:
    data = Dataset.from_json(RESOURCE, lazy=True)
    for n in range(300):
        data.relations_with(" " * 1000 + "Chile" + " " * n)  # long queries resolve but are not kept
    assert data.relations_with("Chile").id == "CHL"
    assert all(isinstance(key, int) or (isinstance(key, str) and len(key) <= 200) for key in data._cache)
    assert len(data._cache) <= 4096


def test_a_dataset_pickles_and_copies() -> None:
    # An amended dataset could not go to a process pool: "cannot pickle '_thread.RLock'" (#28, item 6).
    import copy
    import pickle

    packaged = packaged_dataset()
    assert pickle.loads(pickle.dumps(packaged)) is packaged and copy.deepcopy(packaged) is packaged
    mine = packaged.amended(
        [{"type": "event", "country": "Chile", "kind": "broken", "date": "2026-01-02", "source": "a note"}]
    )
    for other in (pickle.loads(pickle.dumps(mine)), copy.deepcopy(mine), copy.copy(mine)):
        assert other is not mine and attrs.evolve(other.metadata, digest="") == attrs.evolve(mine.metadata, digest="")
        assert other.relations_with("Chile").status_on("2026-02").value == "inactive"
        assert other.relations == mine.relations


def test_a_first_lookup_reads_the_horizon_its_relation_inherits() -> None:
    data = Dataset.from_json(read_resource(), lazy=True)
    chile = data.relations_with("Chile")  # the first thing asked: the metadata line is read for it
    assert chile.horizon == PartialDate(2026, 3) == data.horizon
    assert chile.status_on("2026-04-01").value == "uncertain"


def test_a_fresh_dataset_s_first_question_of_a_day_answers_in_full() -> None:
    # The day's answer comes from an index made on first need: a dataset asked nothing before must build it.
    packaged = packaged_dataset()
    fresh = Dataset.from_json(packaged.to_json(), lazy=True)
    assert fresh.active_on("1970-01-01") == packaged.active_on("1970-01-01")
    assert len(fresh.active_on("1970-01-01")) > 50
    again = Dataset.from_json(packaged.to_json(), lazy=True)
    assert again.uncertain_on("1952-06-01") == packaged.uncertain_on("1952-06-01")
