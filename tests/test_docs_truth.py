"""The README and the docs say what the data says: horizon, revision, schema; and they fit their column."""

from __future__ import annotations

import calendar
import doctest
import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import peru_diplomacy
from peru_diplomacy import PartialDate, packaged_dataset

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
WIDTH = 88  # characters of a doctest output line that fit the docs' code column
MONTH = "(" + "|".join(calendar.month_name[1:]) + r") (\d{4})"


def _month(date: PartialDate) -> str:
    assert date.month is not None
    return f"{calendar.month_name[date.month]} {date.year}"


def _text(path: Path) -> str:
    return re.sub(r"\s+", " ", path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_every_page_names_the_data_s_own_horizon_and_revision(path: Path) -> None:
    if not path.exists():
        pytest.skip("docs are not beside the tests (installed copy)")
    metadata = packaged_dataset().metadata
    horizon = _month(metadata.horizon)
    revision = _month(PartialDate.fromisoformat(metadata.source_revision))
    text = _text(path)
    for pattern in (
        r"knows nothing after (?:its horizon, )?" + MONTH,
        r"horizon[,:]? \(?" + MONTH,
        r"horizon \(" + MONTH,
    ):
        for month, year in re.findall(pattern, text):
            assert f"{month} {year}" == horizon, f"{path.name} gives the horizon as {month} {year}"
    for month, year in re.findall(r"revision of " + MONTH, text):
        assert f"{month} {year}" == revision, f"{path.name} gives the revision as {month} {year}"
    for value in re.findall(r"`SOURCE_REVISION` \(`\"([^\"]+)\"`\)", text):
        assert value == metadata.source_revision
    for value in re.findall(r"`DATA_SCHEMA_VERSION` \(`(\d+)`\)", text):
        assert int(value) == peru_diplomacy.DATA_SCHEMA_VERSION


def test_the_readme_states_the_horizon_at_all() -> None:
    readme = _text(ROOT / "README.md")
    assert f"knows nothing after its horizon, {_month(packaged_dataset().horizon)}" in readme


def _outputs() -> list[tuple[str, str]]:
    parser = doctest.DocTestParser()
    found = []
    for path in PAGES:
        if path.exists():
            for example in parser.get_examples(path.read_text(encoding="utf-8")):
                found += [(path.name, line) for line in example.want.splitlines()]
    finder = doctest.DocTestFinder(exclude_empty=True)
    for info in pkgutil.iter_modules(peru_diplomacy.__path__):
        module = importlib.import_module(f"peru_diplomacy.{info.name}")
        for test in finder.find(module, module.__name__, globs={}):
            found += [(test.name, line) for e in test.examples for line in e.want.splitlines()]
    return found


def test_no_example_output_is_wider_than_the_column() -> None:
    outputs = _outputs()
    assert len(outputs) > 200
    wide = [(where, len(line)) for where, line in outputs if len(line) > WIDTH]
    assert wide == []


def _extent(x: float, width: float, anchor: str) -> tuple[float, float]:
    if anchor == "middle":
        return x - width / 2, x + width / 2
    if anchor == "end":
        return x - width, x
    return x, x + width


def test_the_figure_s_text_lies_inside_its_view_box() -> None:
    import xml.etree.ElementTree as ET

    generated = ROOT / "docs" / "_generated"
    if not (ROOT / "docs" / "_ext").exists():
        pytest.skip("docs are not beside the tests (installed copy)")
    import sys

    sys.path.insert(0, str(ROOT / "docs" / "_ext"))
    try:
        import datadocs
    finally:
        sys.path.pop(0)
    generated.mkdir(parents=True, exist_ok=True)
    datadocs.write_figure()
    svg = ET.parse(generated / "states_by_year.svg").getroot()
    ns = "{http://www.w3.org/2000/svg}"
    _, _, width, height = (float(v) for v in svg.attrib["viewBox"].split())
    base = float(svg.attrib.get("font-size", "12"))
    texts = [t for t in svg.iter(f"{ns}text") if "transform" not in t.attrib]
    assert len(texts) > 10
    for text in texts:
        size = float(text.attrib.get("font-size", base))
        # 0.6 em a character bounds the average width of a sans-serif face's letters and digits.
        left, right = _extent(
            float(text.attrib["x"]), 0.6 * size * len(text.text or ""), text.attrib.get("text-anchor", "start")
        )
        y = float(text.attrib["y"])
        assert left >= 0 and right <= width, f"{text.text!r} runs from x={left:.0f} to x={right:.0f} of {width:.0f}"
        assert size <= y <= height, text.text


def test_every_table_row_has_its_header_s_cells() -> None:
    # The CLI reference's exit-status table cut row 0 at "a closed pipe, as in `": a bare | inside a cell (#28, 12).
    import re

    cells = re.compile(r"(?<!\\)\|")
    for path in sorted((ROOT / "docs").glob("*.md")):
        header = None
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.startswith("|"):
                header = None
                continue
            count = len(cells.findall(line))
            if header is None:
                header = count
            assert count == header, f"{path.name} line {number}: {count - 1} cells, the header has {header - 1}"


def test_the_readme_names_every_command() -> None:
    # The README listed four commands of six (#28, item 11): it names them from the parser's list now.
    import re

    from peru_diplomacy import commands as command_line

    parser = command_line.parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    assert commands is not None
    line = re.search(r"`peru-diplomacy ([a-z|]+)`", _text(ROOT / "README.md"))
    assert line is not None and sorted(line.group(1).split("|")) == sorted(commands)
