"""What a pipeline and a person type: numpy and pandas values, and the lookups people write (issue #20)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peru_diplomacy import (
    AmbiguousCountryError,
    InvalidDateError,
    NoRelationError,
    PartialDate,
    UnknownCountryError,
    panel,
    relations_with,
    to_partial_date,
)

np = pytest.importorskip("numpy")
pd = pytest.importorskip("pandas")


def test_numpy_integers_are_codes_and_years() -> None:
    assert relations_with(np.int64(155), system="cow").id == "CHL"
    assert relations_with(np.int32(152)).id == "CHL"
    assert relations_with(np.uint16(710), system="cow").id == "CHN"
    chile = relations_with("Chile")
    assert chile.status_on(np.int64(1990)) is chile.status_on(1990)
    rows = panel(np.int64(1990), np.int16(1991))
    assert {r.year for r in rows} == {1990, 1991}
    assert all(type(r.year) is int for r in rows)


def test_numpy_booleans_and_floats_are_not_numbers() -> None:
    with pytest.raises(TypeError):
        relations_with(np.bool_(True))
    with pytest.raises(TypeError):
        to_partial_date(np.float64(1990.0))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (np.datetime64("1990"), "1990"),
        (np.datetime64("1990-06"), "1990-06"),
        (np.datetime64("1990-06-01"), "1990-06-01"),
        (np.datetime64("1990-06-01T23:59:59"), "1990-06-01"),
        (np.datetime64("1990-06-01T12:00:00.123456789"), "1990-06-01"),
        (pd.Period("1990"), "1990"),
        (pd.Period("1990-06", freq="M"), "1990-06"),
        (pd.Period("1990-06-01", freq="D"), "1990-06-01"),
        (pd.Period("1990-06-01 12:00", freq="h"), "1990-06-01"),
        (pd.Timestamp("1990-06-01 13:00"), "1990-06-01"),
    ],
)
def test_dates_numpy_and_pandas_carry_keep_their_precision(value: object, expected: str) -> None:
    assert to_partial_date(value) == PartialDate.fromisoformat(expected)  # type: ignore[arg-type]
    chile = relations_with("Chile")
    assert chile.status_on(value) is chile.status_on(expected)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (np.datetime64("NaT", "D"), "not a date"),
        (pd.NaT, "not a date"),
        (pd.NA, "not a date"),  # was a TypeError (#28, item 13)
        (pd.Period("1990Q2"), "not one year, month or day"),
        (np.datetime64("1990-06-01", "W"), "unit 'W'"),
    ],
)
def test_dates_that_are_not_one_year_month_or_day_are_refused(value: object, message: str) -> None:
    with pytest.raises(InvalidDateError, match=message):
        to_partial_date(value)  # type: ignore[arg-type]


@given(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_datetime64_of_any_day_is_that_day(day: dt.date) -> None:
    assert to_partial_date(np.datetime64(day.isoformat())) == PartialDate.from_date(day)
    assert to_partial_date(np.datetime64(day.isoformat()[:7])) == PartialDate(day.year, day.month)
    assert to_partial_date(np.datetime64(day.isoformat()[:4])) == PartialDate(day.year)


def test_a_loop_over_a_pandas_column_works() -> None:
    frame = pd.DataFrame({"cow": [155, 710, 2], "year": [1990, 1990, 1950]})
    statuses = [relations_with(c, system="cow").status_on(y).value for c, y in zip(frame.cow, frame.year, strict=True)]
    assert statuses == ["active", "active", "active"]


def test_no_numpy_or_pandas_is_imported_by_the_library() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from peru_diplomacy import relations_with; relations_with('Chile').status_on(1990); "
        "print('numpy' in sys.modules, 'pandas' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


@pytest.mark.parametrize(
    ("query", "relation_id"),
    [
        ("UAE", "ARE"),
        ("U.A.E.", "ARE"),
        ("Emirates", "ARE"),
        ("St Kitts", "KNA"),
        ("St. Kitts and Nevis", "KNA"),
        ("St Lucia", "LCA"),
        ("St Vincent", "VCT"),
        ("Suazilandia", "SWZ"),
        ("Cote d Ivoire", "CIV"),
        ("Côte d Ivoire", "CIV"),
        ("Timor Leste", "TLS"),
        ("Tanganyika", "TZA"),
        ("East Timor", "TLS"),
        ("Dahomey", "BEN"),
        ("Zaire", "COD"),
        ("Burma", "MMR"),
        ("Upper Volta", "BFA"),
        ("ZRCD", "COD"),
        ("BUMM", "MMR"),
        ("TPTL", "TLS"),
        ("DYBJ", "BEN"),
        ("HVBF", "BFA"),
    ],
)
def test_lookups_people_type(query: str, relation_id: str) -> None:
    assert relations_with(query).id == relation_id


def test_an_abbreviation_is_never_suggested_an_organisation() -> None:
    with pytest.raises(UnknownCountryError) as caught:
        relations_with("UAX")
    assert caught.value.suggestions == ()
    assert "UE" not in str(caught.value)
    with pytest.raises(UnknownCountryError) as typo:
        relations_with("Ira")
    assert typo.value.suggestions  # a word, not an abbreviation: near misses are offered


def test_western_sahara_names_the_sadr_relation() -> None:
    with pytest.raises(AmbiguousCountryError) as caught:
        relations_with("Western Sahara")
    assert "Sahrawi Arab Democratic Republic" in caught.value.candidates
    assert relations_with("SADR").id == "X-SADR"
    with pytest.raises(NoRelationError):
        relations_with("ESH")
