"""Build stage 1, the article: rows of the five tables, split into cells, and the reference list."""

from __future__ import annotations

from pathlib import Path

import pytest
from databuild import article
from databuild.common import SOURCE, SourceError

from peru_diplomacy import packaged_dataset


def test_the_article_has_188_country_rows_and_one_caption() -> None:
    rows, references = article.read_article(SOURCE / "foreign_relations_of_peru.txt")
    assert [sum(1 for r in rows if r.region == region) for region in article.REGIONS] == [44, 34, 47, 48, 16]
    assert len(rows) - 1 == packaged_dataset().metadata.source_row_count == 188
    (caption,) = [r for r in rows if not r.raw.startswith("|")]
    assert (caption.region, caption.row) == ("Asia", 9)
    assert len(references) == 66 and references[0].startswith("Schenoni, Luis (2017)")


def test_a_row_is_split_into_its_date_and_notes_cells() -> None:
    row = article.split_row("Europe", 3, "| 11 July 1922, broken 1957 | A note[5] |")
    assert (row.cell, row.notes) == ("11 July 1922, broken 1957", "A note[5]")
    assert article.split_row("Asia", 9, "A map caption").raw == "A map caption"
    with pytest.raises(SourceError, match="Europe row 4: cannot split into date and notes cells"):
        article.split_row("Europe", 4, "| one | two | three |")


def test_an_article_without_references_stops_the_build(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("Europe\nCountry | Formal Relations Began | Notes |\n|---|---|---|\n![]()| 1950 | |\n")
    with pytest.raises(SourceError, match="no References section"):
        article.read_article(page)
