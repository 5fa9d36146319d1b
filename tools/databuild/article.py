"""Stage 1, the article: the scraped page split into its five tables' rows, and its reference list."""

from __future__ import annotations

from pathlib import Path

import attrs

from .common import SourceError

REGIONS = ("Africa", "Americas", "Asia", "Europe", "Oceania")
TABLE_HEADER = "Country | Formal Relations Began | Notes |"
ROW_START = "![]()"


@attrs.frozen
class SourceRow:
    region: str
    row: int
    cell: str
    notes: str
    raw: str


def read_article(path: Path) -> tuple[list[SourceRow], list[str]]:
    lines = path.read_text(encoding="utf-8").split("\n")
    rows: list[SourceRow] = []
    region: str | None = None
    current: list[str] | None = None
    count = 0

    def flush() -> None:
        nonlocal current
        if current is not None and region is not None:
            rows.append(split_row(region, count, "\n".join(current)))
        current = None

    index = 0
    references_at = None
    while index < len(lines):
        line = lines[index]
        if line in REGIONS and index + 1 < len(lines) and lines[index + 1] == TABLE_HEADER:
            flush()
            region, count = line, 0
            index += 3  # heading, header, separator
            continue
        if region is not None and line in ("Transnational issues",):
            flush()
            region = None
        elif region is not None and line.startswith(ROW_START):
            flush()
            count += 1
            current = [line[len(ROW_START) :]]
        elif current is not None:
            current.append(line)
        if line == "References":
            references_at = index
        index += 1
    flush()
    if references_at is None:
        raise SourceError("the article has no References section")
    references: list[str] = []
    for line in lines[references_at + 1 :]:
        if line.startswith("- "):
            references.append(line[2:].strip())
        elif references and line.strip():
            references[-1] += "\n" + line.strip()
    return rows, references


def split_row(region: str, row: int, text: str) -> SourceRow:
    stripped = text.strip()
    if not stripped.startswith("|"):
        # Not a table row: Asia's row 9 is the caption of a map inside the China row.
        return SourceRow(region, row, "", "", stripped)
    parts = stripped.split("|")
    if len(parts) < 3 or any(p.strip() for p in parts[3:]) or parts[0].strip():
        raise SourceError(f"{region} row {row}: cannot split into date and notes cells: {stripped!r}")
    return SourceRow(region, row, parts[1].strip(), parts[2].strip(), stripped)
