"""Every public exception pickles to an equal error and survives worker processes."""

from __future__ import annotations

import multiprocessing
import pickle
from concurrent.futures import ProcessPoolExecutor

import pytest

import peru_diplomacy
from peru_diplomacy import (
    AmbiguousCountryError,
    AmendmentError,
    DatasetError,
    InvalidArgumentError,
    InvalidDateError,
    InvalidEventSequenceError,
    NoRelationError,
    NoStateOnDateError,
    PanelTooLargeError,
    PeruDiplomacyError,
    UnknownCountryError,
)

ERRORS: list[Exception] = [
    UnknownCountryError("Chle", ("Chile",)),
    UnknownCountryError(10**30),
    AmbiguousCountryError("Korea", ("North Korea", "South Korea")),
    NoRelationError("Bhutan"),
    NoRelationError("Botswana", message="the rows it may be", state="BWA"),
    NoStateOnDateError(["German Reich", "Germany"], "1947", detail="German Reich to 1945-05-09"),
    InvalidDateError("month 13 is out of range (1..12)"),
    InvalidEventSequenceError("relation JPN: event 2 restores relations that are active"),
    DatasetError("relations[0]: missing field 'source'"),
    AmendmentError("missing citation", file="mine.toml", line=3, field="source"),
    PeruDiplomacyError("anything"),
    PanelTooLargeError(4_277_978, 500_000, "day"),
    InvalidArgumentError("unknown region 'Atlantis': use one of Africa, Americas, Asia, Europe, Oceania"),
]


def test_every_public_exception_is_listed() -> None:
    public = {
        name
        for name in dir(peru_diplomacy)
        if isinstance(getattr(peru_diplomacy, name), type)
        and issubclass(getattr(peru_diplomacy, name), Exception)
        and not issubclass(getattr(peru_diplomacy, name), Warning)
    }
    assert public == {type(error).__name__ for error in ERRORS}


def _same(a: BaseException, b: BaseException) -> bool:
    return type(a) is type(b) and str(a) == str(b) and vars(a) == vars(b) and a.args == b.args


@pytest.mark.parametrize("error", ERRORS, ids=lambda e: type(e).__name__)
def test_pickles_to_an_equal_error(error: Exception) -> None:
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        assert _same(pickle.loads(pickle.dumps(error, protocol)), error)


def _raise(index: int) -> None:
    raise ERRORS[index]


def test_errors_cross_a_multiprocessing_pool() -> None:
    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as pool:
        for index, error in enumerate(ERRORS):
            with pytest.raises(type(error)) as caught:
                pool.apply(_raise, (index,))
            assert _same(caught.value, error)


def test_errors_cross_a_process_pool_executor() -> None:
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as executor:
        futures = [executor.submit(_raise, index) for index in range(len(ERRORS))]
        for future, error in zip(futures, ERRORS, strict=True):
            caught = future.exception(timeout=60)
            assert caught is not None and _same(caught, error)


def test_a_real_lookup_error_crosses_a_pool() -> None:
    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as pool, pytest.raises(AmbiguousCountryError, match="Congo"):
        pool.apply(peru_diplomacy.relations_with, ("Congo",))


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: peru_diplomacy.by_region("Antartica"), "unknown region 'Antartica'"),  # type: ignore[arg-type]
        (lambda: peru_diplomacy.panel(2000, 1990), "first (2000) is after last (1990)"),
        (lambda: peru_diplomacy.panel(1990, 1990, unit="week"), "unit must be one of"),  # type: ignore[arg-type]
        (lambda: peru_diplomacy.all_relations(min_confidence="huge"), "unknown confidence 'huge'"),
        (lambda: peru_diplomacy.relations_with("Chile", system="un"), "unknown code system 'un'"),
        (lambda: peru_diplomacy.status_counts(1990, 1980), "first (1990) is after last (1980)"),
        (lambda: peru_diplomacy.cite("apa"), "format must be"),  # type: ignore[arg-type]
        (lambda: peru_diplomacy.Region("Antarctica"), "is not a valid Region"),
    ],
)
def test_bad_arguments_raise_the_library_s_error_that_is_a_value_error(call: object, message: str) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        call()  # type: ignore[operator]
    assert isinstance(caught.value, ValueError) and isinstance(caught.value, PeruDiplomacyError)
    assert message in str(caught.value)


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
