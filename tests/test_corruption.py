"""A random valid dataset with one field of one record corrupted is refused, naming that field (#21).

The dataset is a random handful of the packaged relations with the names that point to them (and
every state, name-less state and list entry), written as the packaged file is. One field of one
record is then given a value its type forbids, or the record an unknown field: the loader must
refuse the file with a :class:`DatasetError` whose message begins with the path of what was changed.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from peru_diplomacy import Dataset, DatasetError, PeruDiplomacyError
from peru_diplomacy._loading import dumps_document, read_resource

RAW: dict[str, Any] = json.loads(read_resource())
TABLES = ("states", "relations", "names", "excluded_rows", "system_states")


def _where(table: str, position: int, record: dict[str, Any]) -> str:
    """How the loader names a record of a table."""
    return f"relations[{position}] ({record['id']})" if table == "relations" else f"{table}[{position}]"


def _places(document: dict[str, Any]) -> list[tuple[str, list[Any]]]:
    """Every value of every record in the document, as (its path, the keys that reach it)."""
    found: list[tuple[str, list[Any]]] = []

    def walk(value: object, where: str, keys: list[Any]) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                found.append((f"{where}.{key}", [*keys, key]))
                walk(item, f"{where}.{key}", [*keys, key])
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, dict):
                    walk(item, f"{where}[{index}]", [*keys, index])

    for key in document["metadata"]:
        if key != "digest":
            found.append((f"metadata.{key}", ["metadata", key]))
    for table in TABLES:
        for position, record in enumerate(document[table]):
            walk(record, _where(table, position, record), [table, position])
    return found


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    """A valid dataset: some of the packaged relations, their names and states, a few list entries."""
    chosen = draw(st.lists(st.sampled_from(RAW["relations"]), min_size=1, max_size=3, unique_by=lambda r: r["id"]))
    ids = {relation["id"] for relation in chosen}
    names = [n for n in RAW["names"] if n.get("relation") in ids]
    named = {n["state"] for n in names} | {RAW["metadata"]["subject"]}
    for relation in chosen:
        named |= set(relation["states"]) | set(relation["attribution"].get("alternatives", []))
        named |= {e[k] for e in relation["events"] for k in ("predecessor", "successor") if k in e}
    return copy.deepcopy(
        {
            "schema_version": RAW["schema_version"],
            "metadata": {**RAW["metadata"], "relation_count": len(chosen), "digest": ""},
            "states": [s for s in RAW["states"] if s["id"] in named],
            "relations": chosen,
            "names": names,
            "excluded_rows": RAW["excluded_rows"],
            "system_states": draw(
                st.lists(
                    st.sampled_from(RAW["system_states"]), max_size=3, unique_by=lambda s: (s["system"], s["code"])
                )
            ),
        }
    )


def _corrupted(value: object) -> list[object]:
    """Values a field holding ``value`` may not hold (of another JSON type)."""
    if isinstance(value, bool):
        return [1, "true", None]
    if isinstance(value, int):
        return ["1", 1.5, [], True]
    if isinstance(value, str):
        return [7, [value], {"text": value}]
    if isinstance(value, list):
        return [{}, "x", 3]
    if isinstance(value, dict):
        return [[value], "x"]
    return [7, []]  # null where the field may be null: a value of no type the field takes


def _load(document: dict[str, Any]) -> Dataset:
    return Dataset.from_json(dumps_document(document), lazy=False)


@settings(max_examples=250, deadline=None)
@given(documents(), st.data())
def test_one_corrupted_field_is_refused_with_its_path(document: dict[str, Any], data: st.DataObject) -> None:
    _load(document)  # valid as drawn
    where, keys = data.draw(st.sampled_from(_places(document)), label="field")
    holder: Any = document
    for key in keys[:-1]:
        holder = holder[key]
    how = data.draw(st.sampled_from(["replace", "unknown field"]), label="how")
    if how == "replace":
        holder[keys[-1]] = data.draw(st.sampled_from(_corrupted(holder[keys[-1]])), label="value")
        # A relation is named by its id, so a damaged id is named by the relation's position alone.
        expected = f"relations[{keys[1]}].id" if keys[0] == "relations" and keys[2:] == ["id"] else where
    else:
        holder["zzz"] = 1
        expected = where.rsplit(".", 1)[0]
    try:
        _load(document)
    except DatasetError as error:
        message = str(error)
    else:
        raise AssertionError(f"the loader accepted {where} corrupted ({how})")
    assert message.startswith((f"{expected}:", f"{expected}[")), (where, how, message)


def test_a_null_where_the_field_may_not_be_null_is_refused_with_its_path() -> None:
    document = copy.deepcopy(RAW)
    document["metadata"]["digest"] = ""
    chile = next(i for i, r in enumerate(document["relations"]) if r["id"] == "CHL")
    document["relations"][chile]["events"][0]["date"] = None
    with pytest.raises(
        PeruDiplomacyError, match=rf"^relations\[{chile}\] \(CHL\)\.events\[0\]\.date: expected text, not null"
    ):
        _load(document)
