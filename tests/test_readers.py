"""Every validation branch of the file readers, one malformed document each, with its path and message (#21).

Each case edits the packaged file's JSON and writes it in the packed layout (as the package ships it)
and, where the branch is the layout's own, as plain JSON too. A case names the path of the problem
and the words of the message; both the eager and the lazy reader must refuse the file, and a lazy
dataset that found damage answers nothing more.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from typing import Any

import pytest

from peru_diplomacy import Dataset, DatasetError, packaged_dataset
from peru_diplomacy._loading import (
    PACKED_HEAD,
    check_digest,
    content_digest,
    dumps_document,
    packed_line,
    packed_names,
    packed_section,
    read_resource,
    relation_id,
    split_packed,
)
from peru_diplomacy._store import Store

RESOURCE = read_resource()
Raw = dict[str, Any]
FULL: Raw = json.loads(RESOURCE)
_KEPT = {"AFG", "DZA", "CHL", "JPN", "CZE"}
# A small valid dataset cut from the packaged one (four relations, their names, every state and list
# entry), so that each case reads fast; the layout's own checks below read the packaged file.
RAW: Raw = {
    **FULL,
    "metadata": {**FULL["metadata"], "relation_count": len(_KEPT)},
    "relations": [r for r in FULL["relations"] if r["id"] in _KEPT],
    "names": [n for n in FULL["names"] if n.get("relation") in _KEPT],
}


def _position(raw: Raw, table: str, record_id: str) -> int:
    return next(i for i, r in enumerate(raw[table]) if r["id"] == record_id)


def _state(raw: Raw, record_id: str) -> Raw:
    state: Raw = raw["states"][_position(raw, "states", record_id)]
    return state


def _horizon_before_the_table(raw: Raw) -> None:
    _edit(raw, "metadata.horizon", "2000")
    for relation in raw["relations"]:
        relation["horizon"] = "2030"  # each relation's own reach covers its events: only the data's does not


def _edit(raw: Raw, path: str, value: object) -> None:
    *head, last = path.split(".")
    holder: Any = raw
    for key in head:
        holder = holder[int(key)] if key.isdigit() else holder[key]
    if value is _DELETE:
        del holder[last]
    else:
        holder[int(last) if last.isdigit() else last] = value


_DELETE = object()
CHL = _position(RAW, "relations", "CHL")


def _edit_all(raw: Raw, path: str, key: str, value: object) -> None:
    """Set ``key`` of every record in the list at ``path`` (every event, so that the history still closes)."""
    for index in range(len(eval_path(raw, path))):
        _edit(raw, f"{path}.{index}.{key}", value)


def eval_path(raw: Raw, path: str) -> Any:
    holder: Any = raw
    for key in path.split("."):
        holder = holder[int(key)] if key.isdigit() else holder[key]
    return holder


JPN_STATE = _position(RAW, "states", "JPN")

# (name, the edit, the message's start: the path and its words)
CASES: list[tuple[str, Callable[[Raw], None], str]] = [
    (
        "state not an object",
        lambda r: _edit(r, f"states.{JPN_STATE}", "JPN"),
        f"states[{JPN_STATE}]: expected an object, not text",
    ),
    (
        "state missing its kind",
        lambda r: _edit(r, f"states.{JPN_STATE}.kind", _DELETE),
        f"states[{JPN_STATE}]: missing field 'kind'",
    ),
    (
        "state of an unknown kind",
        lambda r: _edit(r, f"states.{JPN_STATE}.kind", "empire"),
        f"states[{JPN_STATE}].kind: 'empire' is not a CounterpartKind: use one of 'sovereign_state'",
    ),
    (
        "state code as text",
        lambda r: _edit(r, f"states.{JPN_STATE}.memberships.0.code", "740"),
        f"states[{JPN_STATE}].memberships[0].code: expected an integer, not text",
    ),
    (
        "state twice in the table",
        lambda r: r["states"].append(copy.deepcopy(_state(r, "JPN"))),
        f"states[{len(RAW['states'])}]: state id 'JPN' appears twice in the table",
    ),
    (
        "open start as text",
        lambda r: _edit(r, f"states.{JPN_STATE}.existence.0.open_start", "yes"),
        f"states[{JPN_STATE}].existence[0].open_start: expected true or false, not text",
    ),
    (
        "memberships not a list",
        lambda r: _edit(r, f"states.{JPN_STATE}.memberships", {}),
        f"states[{JPN_STATE}].memberships: expected a list, not an object",
    ),
    (
        "subject not in the table",
        lambda r: _edit(r, "metadata.subject", "XXX"),
        "metadata.subject: 'XXX' is not a state of the dataset's states table",
    ),
    (
        "metadata missing its horizon",
        lambda r: _edit(r, "metadata.horizon", _DELETE),
        "metadata: missing field 'horizon'",
    ),
    (
        "metadata count as text",
        lambda r: _edit(r, "metadata.relation_count", "189"),
        "metadata.relation_count: expected an integer, not text",
    ),
    (
        "counterpart not in the table",
        lambda r: _edit(r, f"relations.{CHL}.counterpart", "XXX"),
        f"relations[{CHL}] (CHL).counterpart: 'XXX' is not a state of the dataset's states table",
    ),
    (
        "counterpart not the last state",
        lambda r: _edit(r, f"relations.{CHL}.counterpart", "PER"),
        f"relations[{CHL}] (CHL): its counterpart must be the last of its states",
    ),
    (
        "a state twice in a lineage",
        lambda r: _edit(r, f"relations.{CHL}.states", ["CHL", "CHL"]),
        f"relations[{CHL}] (CHL): a state appears twice in its lineage",
    ),
    (
        "an event of another state",
        lambda r: _edit_all(r, f"relations.{CHL}.events", "state", "PER"),
        f"relations[{CHL}] (CHL): event 1 concerns Peru, which is not a state of its lineage",
    ),
    (
        "an alternative not in the table",
        lambda r: _edit(r, f"relations.{CHL}.attribution.alternatives", ["XXX"]),
        f"relations[{CHL}] (CHL).attribution.alternatives[0]: 'XXX' is not a state",
    ),
    (
        "a relation of an unknown region",
        lambda r: _edit(r, f"relations.{CHL}.region", "Antarctica"),
        f"relations[{CHL}] (CHL).region: 'Antarctica' is not a Region",
    ),
    (
        "a remark that is not text",
        lambda r: _edit(r, f"relations.{CHL}.remarks", [3]),
        f"relations[{CHL}] (CHL).remarks[0]: expected text, not an integer",
    ),
    (
        "an event date of no precision",
        lambda r: _edit(r, f"relations.{CHL}.events.0.date", "1822-10-13T00:00"),
        f"relations[{CHL}] (CHL).events[0].date:",
    ),
    (
        "a representation of another state",
        lambda r: _edit(r, f"relations.{CHL}.representation.0.state", "PER"),
        f"relations[{CHL}] (CHL).representation[0].state: 'PER' is not a state of its lineage",
    ),
    (
        "a representation level unknown",
        lambda r: _edit(r, f"relations.{CHL}.representation.0.at_peru", "consul"),
        f"relations[{CHL}] (CHL).representation[0].at_peru: 'consul' is not a RepresentationLevel",
    ),
    (
        "a name of an unknown kind",
        lambda r: _edit(r, "names.0.kind", "nickname"),
        "names[0].kind: 'nickname' is not a NameKind",
    ),
    (
        "a name of an unknown state",
        lambda r: _edit(r, "names.0.state", "XXX"),
        "names[0].state: '004' points to unknown state 'XXX'",
    ),
    (
        "a name of a state outside its relation",
        lambda r: _edit(r, "names.0.state", "CHL"),
        "names[0].state: '004' names 'CHL', not a state of relation AFG",
    ),
    (
        "a list entry without spans list",
        lambda r: _edit(r, "system_states.0.spans", "1816"),
        "system_states[0].spans: expected a list, not text",
    ),
    (
        "an excluded row's row as text",
        lambda r: _edit(r, "excluded_rows.0.row", "9"),
        "excluded_rows[0].row: expected an integer, not text",
    ),
    ("relations not a list", lambda r: _edit(r, "relations", {}), "relations: expected a list, not an object"),
    (
        "a horizon before the table",
        _horizon_before_the_table,
        "metadata.horizon: 2000 lies before the table's event relations[",
    ),
]


def _text(raw: Raw) -> str:
    raw["metadata"]["digest"] = ""  # the structure, not the digest, is under test
    return dumps_document(raw)


@pytest.mark.parametrize(("name", "edit", "message"), CASES, ids=[c[0] for c in CASES])
def test_each_reader_branch_refuses_with_its_path(name: str, edit: Callable[[Raw], None], message: str) -> None:
    raw = copy.deepcopy(RAW)
    edit(raw)
    text = _text(raw)
    for data in (text, json.dumps(raw)):
        with pytest.raises(DatasetError) as caught:
            Dataset.from_json(data, lazy=False).relations  # noqa: B018 - every record is built
        assert str(caught.value).startswith(message), (name, str(caught.value))
    lazy = Dataset.from_json(text.encode("utf-8"), lazy=True)
    with pytest.raises(DatasetError):
        lazy.relations  # noqa: B018
    with pytest.raises(DatasetError, match="damaged, so it answers nothing"):
        lazy.relations_with("Algeria")


def test_a_lazy_lookup_checks_the_lines_it_reads() -> None:
    raw = copy.deepcopy(RAW)
    _edit(raw, f"states.{JPN_STATE}.kind", "empire")
    data = Dataset.from_json(_text(raw).encode("utf-8"), lazy=True)
    assert data.relations_with("Chile").id == "CHL"  # Chile's lines are sound
    with pytest.raises(DatasetError, match=r"^state JPN\.kind: 'empire' is not a CounterpartKind"):
        data.relations_with("Japan")
    raw = copy.deepcopy(RAW)
    _edit(raw, f"relations.{CHL}.source.row", "1")
    data = Dataset.from_json(_text(raw).encode("utf-8"), lazy=True)
    with pytest.raises(DatasetError, match=r"^relation CHL\.source\.row: expected an integer, not text"):
        data.relations_with("Chile")
    with pytest.raises(DatasetError, match="damaged"):
        data.relations_with("Peru")


def test_a_line_whose_id_is_not_the_one_it_is_found_by_is_refused() -> None:
    def undigested(data: bytes) -> bytes:
        return re.sub(rb'"digest":"crc32:[0-9a-f]{8}"', b'"digest":""', data, count=1)

    # JSON keeps the last of two equal keys: a line found as JPN's that says it is another's.
    state = undigested(RESOURCE.replace(b'{"id":"JPN","name"', b'{"id":"JPN","id":"XJP","name"', 1))
    with pytest.raises(DatasetError, match=r"^state JPN: its id is 'XJP'$"):
        Dataset.from_json(state, lazy=True).relations_with("Japan")
    relation = undigested(RESOURCE.replace(b'{"id":"CHL","counterpart"', b'{"id":"CHL","id":"XCL","counterpart"', 1))
    with pytest.raises(DatasetError, match=r"^relation CHL: its id is 'XCL'$"):
        Dataset.from_json(relation, lazy=True).relations_with("Chile")
    store = Store.from_bytes(undigested(RESOURCE), lazy=True, digest_required=False)
    with pytest.raises(KeyError):
        store.state("XXX")
    assert store.relation("XXX") is None
    assert not store.decoded


def test_the_layout_s_own_checks() -> None:
    assert RESOURCE.startswith(PACKED_HEAD)
    lo, hi = packed_section(RESOURCE, "states")
    assert RESOURCE[lo:].startswith(b'\n"states":[\n{"id":"') and RESOURCE[hi:].startswith(b"\n],\n")
    assert packed_section(RESOURCE, "nothing") == (0, 0)
    relations = packed_section(RESOURCE, "relations")
    assert packed_line(RESOURCE, b'{"id":"CHL",', relations)["counterpart"] == "CHL"
    assert packed_line(RESOURCE, b'{"id":"CHL",', packed_section(RESOURCE, "states"))["name"] == "Chile"
    assert packed_line(RESOURCE, b'{"id":"XXX",', relations) is None
    assert packed_names(RESOURCE, "chile") == {"CHL"}
    assert packed_names(RESOURCE, "congo") == set()  # two relations: the full index decides
    assert packed_names(RESOURCE, "bhutan") == set()  # no relation: the full index decides
    assert packed_names(RESOURCE, "atlantis") == set()
    top = split_packed(RESOURCE)
    assert top is not None and list(top) == list(FULL)
    assert all(isinstance(line, bytes) for line in top["relations"])
    assert all(isinstance(state, dict) for state in top["states"])
    for broken in (
        RESOURCE.replace(b"{\n", b"[\n", 1),  # not an object's first line
        RESOURCE[:-3] + b"]\n",  # not an object's last line
        RESOURCE.replace(b'\n"relations":[\n', b"\nrelations:[\n", 1),  # a key that is not JSON text
        RESOURCE[: RESOURCE.rindex(b"\n]")] + b"\n}\n",  # a table never closed
        b"{\n}\n",
    ):
        assert split_packed(broken) is None


def test_the_digest_and_the_ends_of_the_file() -> None:
    check_digest(RESOURCE, None, required=True)
    with pytest.raises(DatasetError, match="does not end as written"):
        check_digest(RESOURCE[:-2], None)
    with pytest.raises(DatasetError, match=r"^metadata\.digest: the content does not match"):
        check_digest(RESOURCE.replace(b'"Chile"', b'"Chili"', 1), None)
    undigested = re.sub(rb'"digest":"crc32:[0-9a-f]{8}"', b'"digest":""', RESOURCE, count=1)
    check_digest(undigested, None)  # no digest: nothing to check
    with pytest.raises(
        DatasetError, match=r"^metadata\.digest: the packaged dataset must carry its digest; reinstall the package$"
    ):
        check_digest(undigested, None, required=True)
    plain = json.dumps(FULL)  # another layout: checked against the text the writer writes
    check_digest(plain, json.loads(plain), required=True)
    changed = json.loads(plain)
    changed["relations"][0]["remarks"] = ["x"]
    with pytest.raises(DatasetError, match="content does not match"):
        check_digest(json.dumps(changed), changed)
    # Every byte but the digest's own value counts, the metadata line's too (#29, N1).
    start = RESOURCE.index(b'"digest":"') + len(b'"digest":"')
    span = (start, RESOURCE.index(b'"', start))
    assert FULL["metadata"]["digest"] == content_digest(RESOURCE, skip=span)
    with pytest.raises(DatasetError, match=r"^metadata\.digest: the content does not match"):
        check_digest(RESOURCE.replace(b'"horizon":"2026-03"', b'"horizon":"2036-03"', 1), None)


def test_every_bit_flipped_in_the_first_lines_is_refused_with_a_dataset_error() -> None:
    # One flipped bit of the metadata line moved the horizon from 2026-03 to 2036-03 and loaded cleanly; one
    # in the digest's closing quote raised a raw ValueError (#29, N1 and N2).
    end = RESOURCE.index(b"\n", len(PACKED_HEAD))
    end = RESOURCE.index(b"\n", end + 1)  # the metadata line and the first line after it
    for position in range(end):
        for bit in (0x01, 0x20):
            damaged = bytearray(RESOURCE)
            damaged[position] ^= bit
            with pytest.raises(DatasetError):
                _load_and_ask(bytes(damaged))


def _load_and_ask(data: bytes) -> None:
    """The packaged data's way: its digest checked, then a lookup."""
    from peru_diplomacy import Dataset

    check_digest(data, None, required=True)
    Dataset.from_json(data).relations_with("Chile")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (b'{"name":"x"}', r"^here: expected an object with an 'id' first$"),
        (b'{"id":3,"name":"x"}', r"^here\.id: expected text, not an integer$"),
        (b'{"id":"ab', r"^here\.id: "),
        ([1], r"^here: expected an object, not a list$"),
        ({"id": None}, r"^here\.id: expected text, not null$"),
    ],
)
def test_a_relation_s_id_is_read_first_and_checked(line: object, message: str) -> None:
    with pytest.raises(DatasetError, match=message):
        relation_id(line, "here")
    assert relation_id(b'{"id":"CHL","x":1}', "here") == relation_id({"id": "CHL"}, "here") == "CHL"


def test_a_document_of_records_is_held_to_its_table_of_states() -> None:
    from peru_diplomacy import Counterpart, CounterpartKind

    document = packaged_dataset().document
    assert Dataset(document).relations == packaged_dataset().relations
    table = tuple(s for s in document.states if s.id != "CHL")
    with pytest.raises(DatasetError, match=r"relations\[\d+\] \(CHL\)\.states\[0\]: state 'CHL' \(Chile\) is not in"):
        Dataset(_with(document, states=table))
    other = Counterpart(id="CHL", name="Chili", kind=CounterpartKind.SOVEREIGN_STATE)
    table = tuple(other if s.id == "CHL" else s for s in document.states)
    with pytest.raises(DatasetError, match=r"state 'CHL' \(Chile\) differs from the record in the states table"):
        Dataset(_with(document, states=table))
    with pytest.raises(DatasetError, match="unknown dataset schema version 2"):
        Dataset(_with(document, schema_version=2))
    chile = next(r for r in document.relations if r.id == "CHL")
    peru = document.states_by_id["PER"]
    wrong = _with(chile, counterpart=peru)
    relations = tuple(wrong if r.id == "CHL" else r for r in document.relations)
    with pytest.raises(DatasetError, match=r"relations\[\d+\] \(CHL\): its counterpart must be the last of its states"):
        Dataset(_with(document, relations=relations))


def _with(document: Any, **changes: Any) -> Any:
    import attrs

    return attrs.evolve(document, **changes)


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
