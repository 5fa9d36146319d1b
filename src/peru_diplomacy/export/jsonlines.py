"""Rows as JSON Lines (``.jsonl``, ``.ndjson``): one JSON object a line, for tools that stream records.

>>> from peru_diplomacy.export.jsonlines import read_jsonl, write_jsonl
>>> import io
>>> out = io.StringIO()
>>> write_jsonl([{"relation_id": "CHL", "source_row": 9}, {"relation_id": "NAM", "alpha2": "NA"}], out)
>>> print(out.getvalue(), end="")
{"relation_id": "CHL", "source_row": 9}
{"relation_id": "NAM", "alpha2": "NA"}
>>> read_jsonl(io.StringIO(out.getvalue()))[1]
{'relation_id': 'NAM', 'alpha2': 'NA'}
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from typing import IO

from ..errors import DatasetError
from .tables import Row
from .text import read_text

__all__ = ["read_jsonl", "write_jsonl"]


def write_jsonl(rows: Iterable[Mapping[str, object]], file: IO[str]) -> None:
    """Write rows to an open text file, one JSON object a line, as they come."""
    for row in rows:
        file.write(json.dumps(row, ensure_ascii=False) + "\n")


def read_jsonl(file: str | os.PathLike[str] | IO[str]) -> list[Row]:
    """Rows from a JSON Lines file (a path, or an open text file); a line that is not an object is refused."""
    lines = read_text(file).splitlines()
    rows: list[Row] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise DatasetError(f"line {number} is not JSON: {error}") from None
        if not isinstance(row, dict):
            raise DatasetError(f"line {number} is not a row (a JSON object)")
        rows.append(row)
    return rows
