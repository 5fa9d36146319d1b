"""Timeline charts: every mark a reader needs, text inside the picture, from Python and the CLI (#19)."""

from __future__ import annotations

import itertools
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
    with pytest.raises(ValueError, match=r"^first \(2000\) must be before last \(1990\)$"):
        timeline_svg(relations_with("Chile"), first=2000, last=1990)
    with pytest.raises(ValueError, match=r"^a chart needs at least one relation$"):
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


def _texts_inside(svg: str) -> list[str]:
    """The texts of the chart that do not fit its view box (by an estimate of their width)."""
    root = ET.fromstring(svg)
    width = float(root.attrib["viewBox"].split()[2])
    height = float(root.attrib["viewBox"].split()[3])
    outside = []
    for group in root.iter(f"{SVG}g"):
        shift = 0.0
        transform = group.attrib.get("transform", "")
        if transform.startswith("translate("):
            shift = float(transform[len("translate(") :].split(",")[0])
        for text in group.findall(f"{SVG}text"):
            x = float(text.attrib["x"]) + shift
            span = len(text.text or "") * 7.0
            anchor = text.attrib.get("text-anchor", "start")
            left = x - span if anchor == "end" else x - span / 2 if anchor == "middle" else x
            if left < 0 or left + span > width or float(text.attrib["y"]) > height:
                outside.append(text.text or "")
    for text in root.findall(f"{SVG}text"):
        x = float(text.attrib["x"])
        span = len(text.text or "") * 7.0
        anchor = text.attrib.get("text-anchor", "start")
        left = x - span if anchor == "end" else x - span / 2 if anchor == "middle" else x
        if left < 0 or left + span > width:
            outside.append(text.text or "")
    return outside


@pytest.mark.parametrize("width", [560, 640, 880, 1200])
def test_every_text_fits_at_every_supported_width(width: int) -> None:
    # At 500 the year labels ran together and the legend was cut, at 300 the title (#28, item 7).
    chosen = [relations_with("Chile"), relations_with("Germany"), relations_with("Czechoslovakia")]
    svg = timeline_svg(chosen, width=width, title="Peru's relations with Chile, Germany and Czechoslovakia, 1800-2027")
    assert _texts_inside(svg) == []
    root = ET.fromstring(svg)
    years = [float(t.attrib["x"]) for t in root.findall(f"{SVG}text") if (t.text or "").isdigit()]
    assert len(years) >= 3 and min(b - a for a, b in itertools.pairwise(years)) >= 44


@pytest.mark.parametrize("width", [300, 500, 559])
def test_a_chart_narrower_than_its_labels_is_refused(width: int) -> None:
    from peru_diplomacy import InvalidArgumentError
    from peru_diplomacy.charts import MIN_WIDTH

    with pytest.raises(InvalidArgumentError, match=f"width {width} is too narrow.*at least {MIN_WIDTH} pixels"):
        timeline_svg(relations_with("Chile"), width=width)


def test_the_horizon_line_is_drawn_at_the_horizon_or_not_at_all() -> None:
    # With --to 1940 the horizon was drawn at the right edge with the tooltip "2026-03" (#28, item 7).
    assert 'class="horizon"' not in timeline_svg(relations_with("Chile"), first=1900, last=1940)
    svg = timeline_svg(relations_with("Chile"), first=2000, last=2030, width=880)
    root = ET.fromstring(svg)
    (line,) = [e for e in root.iter(f"{SVG}line") if e.attrib.get("class") == "horizon"]
    import datetime

    o0, o1 = datetime.date(2000, 1, 1).toordinal(), datetime.date(2030, 12, 31).toordinal() + 1
    expected = 230 + (880 - 230 - 24) * (datetime.date(2026, 4, 1).toordinal() - o0) / (o1 - o0)
    assert abs(float(line.attrib["x1"]) - expected) < 0.1
    assert "the data's horizon" in svg.split('class="legend"')[1]


def test_an_event_mark_stands_at_the_x_of_its_date() -> None:
    import datetime

    svg = timeline_svg(relations_with("Cuba"), first=1900, last=2000, width=880)
    root = ET.fromstring(svg)
    (mark,) = [g for g in root.iter(f"{SVG}g") if g.attrib.get("class") == "event restored"]
    path = mark.find(f"{SVG}path")
    assert path is not None
    o0, o1 = datetime.date(1900, 1, 1).toordinal(), datetime.date(2000, 12, 31).toordinal() + 1
    expected = 230 + (880 - 230 - 24) * (datetime.date(1972, 7, 8).toordinal() - o0) / (o1 - o0)
    apex = float(path.attrib["d"].split("L")[2].split(",")[0])  # M(x-5),y L(x+5),y L(x),y Z: the apex is at x
    assert abs(apex - expected) < 0.6


def _svg_texts(svg: str) -> list[str]:
    ns = {"s": "http://www.w3.org/2000/svg"}
    return ["".join(t.itertext()) for t in ET.fromstring(svg).iterfind(".//s:text", ns)]


def test_the_title_names_the_relation_and_a_long_one_is_cut_to_the_width() -> None:
    from peru_diplomacy.charts import MIN_WIDTH

    chile = relations_with("Chile")
    svg = timeline_svg([chile], first=1900, last=2000)
    (title,) = ET.fromstring(svg).iterfind("{http://www.w3.org/2000/svg}title")
    assert title.text == "Peru's relations with Chile, 1900-2000"
    assert _svg_texts(svg)[0] == "Peru's relations with Chile"
    assert _svg_texts(timeline_svg([chile, relations_with("Cuba")], first=1900, last=2000))[0] == "Peru's relations"
    long = "A title far longer than the chart is wide, " * 5
    shown = _svg_texts(timeline_svg([chile], first=1900, last=2000, title=long, width=MIN_WIDTH))[0]
    assert shown.endswith("…") and long.startswith(shown[:-1]) and 60 < len(shown) < len(long)
    assert ET.fromstring(timeline_svg([chile], first=1900, last=2000, title=long)).get("aria-label") == long


@pytest.mark.parametrize(("first", "last"), [(1900, 2000), (1821, 2026), (1990, 2000), (1800, 1850), (1950, 2026)])
@pytest.mark.parametrize("width", [560, 700, 900, 1400])
def test_year_labels_fall_every_5_10_20_25_50_100_or_200_years(first: int, last: int, width: int) -> None:
    svg = timeline_svg([relations_with("Chile")], first=first, last=last, width=width)
    years = [int(t) for t in _svg_texts(svg) if t.isdigit() and len(t) == 4]
    steps = {b - a for a, b in itertools.pairwise(years)}
    assert len(years) >= 2 and len(steps) == 1
    (step,) = steps
    assert step in (5, 10, 20, 25, 50, 100, 200) and all(year % step == 0 for year in years)
    assert years[0] - step < first <= years[0] and last < years[-1] + step


def test_three_centuries_are_labelled_every_25_years_where_20_would_make_too_many_labels() -> None:
    svg = timeline_svg([relations_with("Chile")], first=1800, last=2099, width=900)
    years = [int(t) for t in _svg_texts(svg) if t.isdigit() and len(t) == 4]
    assert years == list(range(1800, 2100, 25))


def test_no_markup_holds_stray_text_and_the_legend_draws_the_chart_s_own_marks() -> None:
    svg = ET.fromstring(timeline_svg([relations_with("Chile"), relations_with("Czechoslovakia")], first=1820))
    strays = [
        (element.tag, (element.text or "") + (element.tail or ""))
        for element in svg.iter()
        if not element.tag.endswith(("}text", "}title"))
        and ((element.text or "").strip() or (element.tail or "").strip())
    ]
    assert strays == []
    ns = "{http://www.w3.org/2000/svg}"
    marks = {
        g.get("class", "").split()[-1]: g[-1] for g in svg.iter(f"{ns}g") if g.get("class", "").startswith("event ")
    }
    legend = {g.findtext(f"{ns}text"): g[0] for g in svg.iterfind(f".//{ns}g[@class='legend']/{ns}g")}
    for kind, shown in (("established", "established"), ("broken", "broken"), ("restored", "restored")):
        mark, icon = marks[kind], legend[shown]
        assert (icon.tag, icon.get("fill"), icon.get("stroke")) == (mark.tag, mark.get("fill"), mark.get("stroke"))


def test_only_the_events_inside_the_years_shown_are_marked() -> None:
    # Cuba: established 1905, broken 1960, restored 1972 (the table).
    svg = ET.fromstring(timeline_svg([relations_with("Cuba")], first=1950, last=1965))
    ns = "{http://www.w3.org/2000/svg}"
    kinds = [g.get("class", "").split()[-1] for g in svg.iter(f"{ns}g") if g.get("class", "").startswith("event ")]
    assert kinds == ["broken"]
