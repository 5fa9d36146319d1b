"""Damaged data is refused with the path of what is wrong, and a damaged dataset answers nothing more (#22)."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from typing import Any

import pytest

from peru_diplomacy import Dataset, DatasetError, Period, UnknownCountryError
from peru_diplomacy._loading import dumps_document, read_resource

Raw = dict[str, Any]


def _raw() -> Raw:
    raw: Raw = json.loads(read_resource())
    return raw


def _relation(raw: Raw, relation_id: str) -> Raw:
    return next(r for r in raw["relations"] if r["id"] == relation_id)


def _lifetime_backwards(raw: Raw) -> None:
    state = next(s for s in raw["states"] if s["id"] == _relation(raw, "JPN")["counterpart"])
    state["existence"][0]["end"] = "1800"


def _horizon_before_every_event(raw: Raw) -> None:
    raw["metadata"]["horizon"] = "1800"


def _relation_horizon_before_its_events(raw: Raw) -> None:
    _relation(raw, "CHL")["horizon"] = "1800"


def _contest_backwards(raw: Raw) -> None:
    contest = _relation(raw, "SWE")["contests"][0]
    contest["start"], contest["end"] = "1910", "1905"


def _representation_twice(raw: Raw) -> None:
    rows = _relation(raw, "CHL")["representation"]
    rows.append(copy.deepcopy(rows[0]))


def _representation_of_an_unknown_state(raw: Raw) -> None:
    _relation(raw, "CHL")["representation"][0]["state"] = "ATL"


def _negative_source_row(raw: Raw) -> None:
    _relation(raw, "CHL")["source"]["row"] = -3


DAMAGE: list[tuple[Callable[[Raw], None], str]] = [
    (
        _lifetime_backwards,
        r"states\[\d+\]\.existence\[0\]: a period cannot end \(1800\) before",
    ),
    (_horizon_before_every_event, r"relations\[0\] \(DZA\)\.events\[0\]\.date: 1966-09 lies after the relation's"),
    (_relation_horizon_before_its_events, r"relations\[\d+\] \(CHL\)\.events\[0\]\.date: 1822-10-13 lies after"),
    (_contest_backwards, r"relations\[\d+\] \(SWE\)\.contests\[0\]: a contested span cannot end \(1905\) before"),
    (_representation_twice, r"relations\[\d+\] \(CHL\)\.representation\[\d+\]: a second row for CHL \(COW 155\)"),
    (_representation_of_an_unknown_state, r"relations\[\d+\] \(CHL\)\.representation\[0\]\.state: 'ATL' is not"),
    (_negative_source_row, r"relations\[\d+\] \(CHL\)\.source\.row: -3 is not a row"),
]


@pytest.mark.parametrize(("damage", "message"), DAMAGE, ids=[d.__name__ for d, _ in DAMAGE])
def test_impossible_values_are_refused_with_their_path(damage: Callable[[Raw], None], message: str) -> None:
    raw = _raw()
    damage(raw)
    text = dumps_document(raw)
    with pytest.raises(DatasetError, match=message):
        Dataset.from_json(text, lazy=False)
    lazy = Dataset.from_json(text.encode("utf-8"), lazy=True)
    with pytest.raises(DatasetError):
        lazy.relations  # noqa: B018 - the whole file is checked when every relation is needed
    with pytest.raises(DatasetError, match="damaged, so it answers nothing"):
        lazy.relations_with("Argentina")


def test_the_records_refuse_impossible_spans() -> None:
    from peru_diplomacy import Contest, InvalidDateError, PartialDate

    with pytest.raises(InvalidDateError, match="cannot end"):
        Period(start=PartialDate(2000), end=PartialDate(1990))
    with pytest.raises(InvalidDateError, match="cannot end"):
        Contest(start=PartialDate(2000), end=PartialDate(1990), source="s", reason="r")
    assert Period(start=PartialDate(1990, 5), end=PartialDate(1990)).end == PartialDate(1990)  # may be the same year


def _undigested(packed: bytes) -> bytes:
    """The packed file with its digest blanked, as a user may do to read a file changed on purpose."""
    return re.sub(rb'"digest":"crc32:[0-9a-f]{8}"', b'"digest":""', packed, count=1)


def _packed(edit: Callable[[bytes], bytes]) -> Dataset:
    return Dataset.from_json(edit(_undigested(read_resource())), lazy=True)


def test_a_tampered_file_is_refused_by_its_digest() -> None:
    tampered = _point_japan_at("CHL")(read_resource())
    for lazy in (True, False):
        with pytest.raises(DatasetError, match=r"metadata.digest: the content does not match the file's digest"):
            Dataset.from_json(tampered, lazy=lazy)
    with pytest.raises(DatasetError, match=r"metadata\.digest"):
        Dataset.from_json(tampered.decode("utf-8"))
    # Blanked, the change is read (the user's own responsibility), and answers as edited.
    assert _packed(_point_japan_at("CHL")).relations_with("Japan").id == "CHL"


def test_the_packaged_dataset_must_carry_its_digest() -> None:
    with pytest.raises(DatasetError, match="must carry its digest"):
        Dataset._read(_undigested(read_resource()), lazy=True, digest_required=True)
    assert Dataset._read(read_resource(), lazy=True, digest_required=True).relations_with("Japan").id == "JPN"


def test_the_installed_resource_is_read_with_its_digest_required(monkeypatch: pytest.MonkeyPatch) -> None:
    from peru_diplomacy import dataset

    monkeypatch.setattr(dataset, "read_resource", lambda: _undigested(read_resource()))
    monkeypatch.setattr(dataset, "_packaged", None)  # as in a process that has not read it yet
    with pytest.raises(DatasetError, match="must carry its digest"):
        dataset.packaged_dataset().relations_with("Japan")


def test_the_digest_covers_the_content_not_the_layout() -> None:
    from peru_diplomacy import packaged_dataset

    text = packaged_dataset().to_json()
    assert text.encode("utf-8") == read_resource()  # the writer writes what the build wrote, digest included
    pretty = json.dumps(json.loads(text), indent=1, ensure_ascii=False)
    assert Dataset.from_json(pretty).relations == packaged_dataset().relations
    edited = json.loads(text)
    edited["relations"][0]["source"]["notes"] = "changed"
    with pytest.raises(DatasetError, match=r"metadata\.digest"):
        Dataset.from_json(json.dumps(edited))
    amended = packaged_dataset().amended([])
    assert amended.metadata.digest == ""
    assert Dataset.from_json(amended.to_json()).metadata.digest.startswith("crc32:")


def _name_line(packed: bytes, key: str) -> tuple[int, int]:
    start = packed.index(b'\n{"key":"' + key.encode() + b'",') + 1
    return start, packed.index(b"\n", start)


def _point_japan_at(relation: str) -> Callable[[bytes], bytes]:
    def edit(packed: bytes) -> bytes:
        start, end = _name_line(packed, "japan")
        line = packed[start:end].replace(b'"relation":"JPN"', b'"relation":"' + relation.encode() + b'"')
        return packed[:start] + line + packed[end:]

    return edit


def _damage_japan_line(packed: bytes) -> bytes:
    start, end = _name_line(packed, "japan")
    return packed[:start] + b'{"key":"japan",!!' + packed[end:]


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (_point_japan_at("ZZZ"), "the name index points to relation 'ZZZ', which the dataset lacks"),
        (_damage_japan_line, "the name entry is not valid JSON"),
    ],
    ids=["missing relation", "damaged name line"],
)
def test_damage_found_by_a_lookup_latches(edit: Callable[[bytes], bytes], message: str) -> None:
    data = _packed(edit)
    with pytest.raises(DatasetError, match=message):
        data.relations_with("Japan")
    for question in (
        lambda: data.relations_with("Chile"),
        lambda: data.get("JPN"),
        lambda: data.metadata,
        lambda: data.horizon,
        lambda: data.relations,
        lambda: data.active_on("1990"),
        lambda: data.panel(1990, 1990),
        lambda: data.to_json(),
        lambda: data.relations_with("Atlantis"),  # an unknown name: it was an UnknownCountryError (#29, N9)
        lambda: data.relations_with("Congo"),  # an ambiguous one: it was an AmbiguousCountryError
        lambda: data.relations_with("Bhutan"),  # one with no relation
        lambda: data.relations_with(155, system="cow"),
    ):
        with pytest.raises(DatasetError, match="the dataset is damaged, so it answers nothing"):
            question()


def test_a_damaged_metadata_line_latches() -> None:
    def edit(packed: bytes) -> bytes:
        return packed.replace(b'"metadata":{"title"', b'"metadata":{"title"!', 1)

    data = _packed(edit)
    with pytest.raises(DatasetError, match="metadata"):
        data.metadata  # noqa: B018
    with pytest.raises(DatasetError, match="damaged, so it answers nothing"):
        data.relations_with("Chile")


def test_an_unknown_country_is_not_damage() -> None:
    data = _packed(lambda packed: packed)
    with pytest.raises(UnknownCountryError):
        data.relations_with("Atlantis")
    assert data.relations_with("Chile").id == "CHL"
