"""CSV that always reads back as written: any text in every text column, on every supported Python (#22)."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from peru_diplomacy import relations_with
from peru_diplomacy.export import (
    EVENT_COLUMNS,
    RELATION_COLUMNS,
    Row,
    dumps_csv,
    event_rows,
    loads_csv,
    read_csv,
    read_dataframe,
    relation_rows,
    write_csv,
)

# Any text a citation, a note or an amendment may hold; surrogates cannot be written as UTF-8.
TEXT = st.text(st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=40)
TYPED = {"source_row", "event_count", "sequence", "cow_code", "gw_code", "numeric_code"}
RELATION_TEXT = [c for c in RELATION_COLUMNS if c not in TYPED]
EVENT_TEXT = [c for c in EVENT_COLUMNS if c not in TYPED and c not in ("earliest", "latest")]


def _rows(table: str, texts: list[str]) -> list[Row]:
    base = relation_rows([relations_with("Chile")]) if table == "relations" else event_rows([relations_with("Japan")])
    columns = RELATION_TEXT if table == "relations" else EVENT_TEXT
    rows = []
    for n, row in enumerate(base):
        changed = dict(row)
        for i, column in enumerate(columns):
            changed[column] = texts[(i + n) % len(texts)]
        rows.append(changed)
    return rows


@given(st.sampled_from(["relations", "events"]), st.lists(TEXT, min_size=1, max_size=8))
def test_any_text_round_trips_through_csv(table: str, texts: list[str]) -> None:
    rows = _rows(table, texts)
    text = dumps_csv(rows)
    assert loads_csv(text) == rows
    assert read_csv(io.StringIO(text, newline="")) == rows
    buffer = io.StringIO(newline="")
    write_csv(rows, buffer)
    assert buffer.getvalue() == text


@settings(max_examples=40)
@given(st.sampled_from(["relations", "events"]), st.lists(TEXT, min_size=1, max_size=8))
def test_any_text_round_trips_through_pandas(table: str, texts: list[str]) -> None:
    pytest.importorskip("pandas")
    rows = _rows(table, texts)
    frame = read_dataframe(io.StringIO(dumps_csv(rows), newline=""), table)  # type: ignore[arg-type]
    assert len(frame) == len(rows)
    columns = RELATION_TEXT if table == "relations" else EVENT_TEXT
    for column in columns:
        assert list(frame[column]) == [row[column] for row in rows]


@pytest.mark.parametrize("value", ["a\rb", "\r", "a\r\nb", "\n", '"', 'x,"y"', "a\x00b", " lead", "NA", "\u2028"])
def test_the_fields_that_broke_csv_before(value: str, tmp_path: object) -> None:
    rows = _rows("relations", [value])
    text = dumps_csv(rows)
    assert loads_csv(text) == rows
    pandas = pytest.importorskip("pandas")
    assert isinstance(pandas, object)
    frame = read_dataframe(io.StringIO(text, newline=""), "relations")
    assert len(frame) == 1 and frame["notes"][0] == value


def test_a_field_over_128_kib_reads_back() -> None:
    rows = _rows("relations", ["x" * 300_000])
    assert loads_csv(dumps_csv(rows)) == rows
