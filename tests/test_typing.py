"""The types catch what the run time would reject: a misspelt event kind or region fails mypy --strict."""

from __future__ import annotations

from pathlib import Path

import pytest

api = pytest.importorskip("mypy.api")

SCRIPT = """
from peru_diplomacy import by_region, timeline, panel
timeline(kinds=["brokn"])
by_region("Antartica")
panel(1950, 2023, unit="week")
timeline(kinds=["broken"], region="Europe")
"""


def test_mypy_catches_misspelt_literals(tmp_path: Path) -> None:
    script = tmp_path / "mine.py"
    script.write_text(SCRIPT, encoding="utf-8")
    out, _, status = api.run(["--strict", "--no-incremental", "--cache-dir", str(tmp_path / "cache"), str(script)])
    assert status == 1
    assert "mine.py:3: error" in out and "'brokn'" in out
    assert "mine.py:4: error" in out
    assert "mine.py:5: error" in out
    assert "mine.py:6:" not in out
