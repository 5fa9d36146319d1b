"""The small gaps of issue #22: each was a defect."""

from __future__ import annotations

import json
import pickle
from concurrent.futures import ProcessPoolExecutor

import pytest

from peru_diplomacy import (
    AmendmentError,
    DatasetError,
    InvalidEventSequenceError,
    PartialDate,
    UnknownCountryError,
    relations_with,
)
from peru_diplomacy.export import relations_from_json, relations_to_json


def _errors() -> list[Exception]:
    from peru_diplomacy import (
        AmbiguousCountryError,
        InvalidDateError,
        NoRelationError,
        NoStateOnDateError,
        PanelTooLargeError,
        PeruDiplomacyError,
    )

    return [
        UnknownCountryError("Chle", ("Chile",)),
        AmbiguousCountryError("Korea", ("North Korea", "South Korea")),
        NoRelationError("Bhutan", state="BTN"),
        NoStateOnDateError("German Democratic Republic", "2000"),
        PanelTooLargeError(10, 5, "day"),
        AmendmentError("bad", file="f.toml", line=3, field="kind"),
        InvalidEventSequenceError("relation X: event 2 ...", index=1),
        InvalidDateError("month 13"),
        DatasetError("damaged"),
        PeruDiplomacyError("anything"),
    ]


def _noted(error: Exception) -> Exception:
    error.add_note(f"while reading row 7 ({type(error).__name__})")
    return error


def _round_trip(error: Exception) -> Exception:
    return error


@pytest.mark.parametrize("error", _errors(), ids=lambda e: type(e).__name__)
def test_notes_survive_pickling(error: Exception) -> None:
    noted = _noted(error)
    again = pickle.loads(pickle.dumps(noted))
    assert type(again) is type(noted) and str(again) == str(noted)
    assert again.__notes__ == noted.__notes__
    assert vars(again) == vars(noted)


def test_notes_survive_a_process_pool() -> None:
    errors = [_noted(e) for e in _errors()]
    with ProcessPoolExecutor(max_workers=2) as pool:
        back = list(pool.map(_round_trip, errors))
    assert [e.__notes__ for e in back] == [e.__notes__ for e in errors]


def test_the_event_index_survives_pickling() -> None:
    error = InvalidEventSequenceError("x", index=4)
    assert pickle.loads(pickle.dumps(error)).index == 4


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda: PartialDate(1952).definitely_before("1953"), True),
        (lambda: PartialDate(1952).definitely_before(1952), False),
        (lambda: PartialDate(1952).possibly_before("1952-06"), True),
        (lambda: PartialDate(1953).definitely_after("1952-12-31"), True),
        (lambda: PartialDate(1951).possibly_after("1952-12"), False),
    ],
)
def test_comparisons_take_any_date_like(call: object, expected: bool) -> None:
    assert call() is expected  # type: ignore[operator]


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
