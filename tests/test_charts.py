"""Timeline charts: every mark a reader needs, text inside the picture, from Python and the CLI (#19)."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from peru_diplomacy import by_region, relations_with
from peru_diplomacy.charts import timeline_svg

SVG = "{http://www.w3.org/2000/svg}"


def _classes(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return [element.attrib["class"] for element in root.iter() if "class" in element.attrib]


def test_a_relation_with_a_break_a_restoration_a_contest_and_a_succession() -> None:
    czech = relations_with("Czech Republic")  # broken 1957, restored 1968, contested 1960, succeeded 1993
    classes = _classes(timeline_svg(czech))
    assert classes.count("event established") == 1
    assert classes.count("event broken") == 1
    assert classes.count("event restored") == 1
    assert classes.count("event succeeded") == 1
    assert classes.count("contest") == len(czech.contests) == 1
    assert classes.count("lifetime") == 2  # Czechoslovakia, then the Czech Republic
    assert "span active" in classes and "span uncertain" in classes  # after the horizon
    assert classes.count("horizon") == 1 and classes.count("band") == 1


def test_each_mark_says_what_it_is() -> None:
    root = ET.fromstring(timeline_svg(relations_with("Cuba")))
    titles = [t.text or "" for t in root.iter(f"{SVG}title")]
    assert "broken 1960-12-30: Cuba" in titles and "restored 1972-07-08: Cuba" in titles
    assert any(t.startswith("the data's horizon: 2026-03") for t in titles)


def test_a_set_of_relations_is_one_band_each_and_its_text_fits() -> None:
    svg = timeline_svg(by_region("Europe"), width=760)
    root = ET.fromstring(svg)
    _, _, width, height = (float(v) for v in root.attrib["viewBox"].split())
    assert _classes(svg).count("band") == len(by_region("Europe"))
    for text in root.iter(f"{SVG}text"):
        size = float(text.attrib.get("font-size", 12))
        estimate = 0.6 * size * len(text.text or "")
        x = float(text.attrib.get("x", 0))
        anchor = text.attrib.get("text-anchor", "start")
        left = x - estimate if anchor == "end" else x - estimate / 2 if anchor == "middle" else x
        assert left >= 0 and left + estimate <= width + 1, text.text
        assert float(text.attrib.get("y", 0)) <= height


def test_bad_ranges_and_empty_sets_are_refused() -> None:
    with pytest.raises(ValueError, match="must be before"):
        timeline_svg(relations_with("Chile"), first=2000, last=1990)
    with pytest.raises(ValueError, match="at least one relation"):
        timeline_svg([])


def test_the_command_line_draws_charts(tmp_path: Path) -> None:
    target = tmp_path / "chart.svg"
    run = [sys.executable, "-m", "peru_diplomacy", "chart"]
    assert subprocess.run([*run, "Chile", "Cuba", "--from", "1900", "-o", str(target)], check=False).returncode == 0
    assert _classes(target.read_text(encoding="utf-8")).count("band") == 2
    region = subprocess.run([*run, "--region", "Oceania"], capture_output=True, text=True, check=True).stdout
    assert _classes(region).count("band") == 16
    neither = subprocess.run(run, capture_output=True, text=True, check=False)
    assert neither.returncode == 2 and "name one or more countries" in neither.stderr
    unknown = subprocess.run([*run, "Chle"], capture_output=True, text=True, check=False)
    assert unknown.returncode == 1 and "did you mean Chile" in unknown.stderr
