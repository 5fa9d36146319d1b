"""Sphinx extension: pages, tables and the figure generated from the shipped data at build time.

Writes into docs/_generated/ (not committed):
- ``counts.md``: the numbers quoted in the data pages;
- ``relations.md``: every relation with its source row and attribution confidence;
- ``disputes.md``: the dates other sources give differently;
- ``file_format.md``: the records and fields of the dataset file;
- ``states_by_year.svg``: states Peru had relations with, year by year, by region;
- ``inventories/*.inv``: intersphinx inventories of the names these docs cite, used
  only where the live inventories cannot be reached (a closed network, as in CI).
"""

from __future__ import annotations

import zlib
from collections import Counter
from pathlib import Path
from typing import Any

from peru_diplomacy import EventKind, Precision, Region, Status, all_relations, by_region, packaged_dataset

GENERATED = Path(__file__).resolve().parent.parent / "_generated"

FIRST_YEAR = 1820
COLOURS = {
    Region.AFRICA: "#d95f02",
    Region.AMERICAS: "#1b9e77",
    Region.ASIA: "#7570b3",
    Region.EUROPE: "#e7298a",
    Region.OCEANIA: "#66a61e",
}

# name -> (role, uri relative to the project's docs); "$" stands for the name.
INVENTORIES: dict[str, tuple[str, str, dict[str, tuple[str, str]]]] = {
    "python": (
        "https://docs.python.org/3",
        "Python",
        {
            "datetime.date": ("py:class", "library/datetime.html#$"),
            "datetime.date.toordinal": ("py:method", "library/datetime.html#$"),
            "datetime.datetime": ("py:class", "library/datetime.html#$"),
            "LookupError": ("py:exception", "library/exceptions.html#$"),
            "ValueError": ("py:exception", "library/exceptions.html#$"),
            "TypeError": ("py:exception", "library/exceptions.html#$"),
            "ImportError": ("py:exception", "library/exceptions.html#$"),
            "Exception": ("py:exception", "library/exceptions.html#$"),
            "str": ("py:class", "library/stdtypes.html#$"),
            "int": ("py:class", "library/functions.html#$"),
            "bool": ("py:class", "library/functions.html#$"),
            "object": ("py:class", "library/functions.html#$"),
            "tuple": ("py:class", "library/stdtypes.html#$"),
            "list": ("py:class", "library/stdtypes.html#$"),
            "dict": ("py:class", "library/stdtypes.html#$"),
            "frozenset": ("py:class", "library/stdtypes.html#$"),
            "bytes": ("py:class", "library/stdtypes.html#$"),
            "type": ("py:class", "library/functions.html#$"),
            "None": ("py:data", "library/constants.html#$"),
            "collections.abc.Iterable": ("py:class", "library/collections.abc.html#$"),
            "collections.abc.Sequence": ("py:class", "library/collections.abc.html#$"),
            "collections.abc.Mapping": ("py:class", "library/collections.abc.html#$"),
            "collections.abc.Callable": ("py:class", "library/collections.abc.html#$"),
            "typing.IO": ("py:class", "library/typing.html#$"),
            "typing.Any": ("py:data", "library/typing.html#$"),
            "typing.Literal": ("py:data", "library/typing.html#$"),
            "os.PathLike": ("py:class", "library/os.html#$"),
            "enum.Enum": ("py:class", "library/enum.html#$"),
            "enum.StrEnum": ("py:class", "library/enum.html#$"),
            "enum.IntEnum": ("py:class", "library/enum.html#$"),
            "json": ("py:module", "library/json.html#module-json"),
            "importlib.resources": ("py:module", "library/importlib.resources.html#module-importlib.resources"),
        },
    ),
    "attrs": (
        "https://www.attrs.org/en/stable",
        "attrs",
        {
            "attrs.frozen": ("py:function", "api.html#$"),
            "attrs.evolve": ("py:function", "api.html#$"),
            "attrs.exceptions.FrozenInstanceError": ("py:exception", "api.html#$"),
        },
    ),
    "cattrs": (
        "https://catt.rs/en/stable",
        "cattrs",
        {
            "cattrs.Converter": ("py:class", "cattrs.html#$"),
            "cattrs.converters.Converter": ("py:class", "cattrs.html#cattrs.Converter"),
            "cattrs.errors.BaseValidationError": ("py:exception", "cattrs.errors.html#$"),
            "cattrs.BaseValidationError": ("py:exception", "cattrs.html#$"),
            "cattrs.ClassValidationError": ("py:exception", "cattrs.html#$"),
            "cattrs.transform_error": ("py:function", "cattrs.html#$"),
        },
    ),
}


def intersphinx_mapping(folder: Path) -> dict[str, tuple[str, tuple[str | None, str]]]:
    """The intersphinx mapping: each live inventory, then a local fallback written here."""
    folder.mkdir(parents=True, exist_ok=True)
    mapping: dict[str, tuple[str, tuple[str | None, str]]] = {}
    for key, (url, project, names) in INVENTORIES.items():
        lines = [f"{name} {role} 1 {uri} -" for name, (role, uri) in sorted(names.items())]
        header = f"# Sphinx inventory version 2\n# Project: {project}\n# Version: \n"
        header += "# The remainder of this file is compressed using zlib.\n"
        path = folder / f"{key}.inv"
        path.write_bytes(header.encode() + zlib.compress(("\n".join(lines) + "\n").encode()))
        mapping[key] = (url, (None, str(path)))
    return mapping


def _escape(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|") if text else "—"


def write_counts() -> None:
    data = packaged_dataset()
    relations = data.relations
    events = [e for r in relations for e in r.events]
    precision = Counter(e.date.precision for e in events)
    kinds = Counter(e.kind for e in events)
    confidence = Counter(r.attribution.confidence.value for r in relations if r.id != "DDDE")
    rows = Counter(r.region for r in relations)
    lines = [
        f"- **{len(relations)} relations** from **{data.metadata.source_row_count} country rows**"
        f" ({len(data.excluded_rows)} further row start, a map caption, is not a country);",
        "- relations per region: " + ", ".join(f"{region.value} {rows[region]}" for region in Region) + ";",
        f"- **{len(events)} dated events**: " + ", ".join(f"{kinds[k]} {k.value}" for k in EventKind if kinds[k]) + ";",
        f"- dates to the day: {precision[Precision.DAY]}, to the month: {precision[Precision.MONTH]},"
        f" to the year only: {precision[Precision.YEAR]};",
        f"- {sum(1 for r in relations if not r.events)} rows with an empty date cell;",
        f"- attribution of the {data.metadata.source_row_count} rows: high {confidence['high']},"
        f" medium {confidence['medium']}, low {confidence['low']};",
        f"- {sum(1 for r in relations if r.disputes)} rows with a date that another source gives differently.",
    ]
    (GENERATED / "counts.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_relations_table() -> None:
    lines = [
        "| Region | Row | Counterpart | ISO | Date cell (verbatim) | Established | Confidence |",
        "|---|---:|---|---|---|---|---|",
    ]
    for r in all_relations():
        code = r.counterpart.alpha3 or r.counterpart.iso3166_3 or "—"
        established = "—" if r.established is None else str(r.established)
        lines.append(
            f"| {r.region.value} | {r.source.row} | {_escape(r.counterpart.name)} | {code} "
            f"| {_escape(r.source.cell)} | {established} | {r.attribution.confidence.value} |"
        )
    (GENERATED / "relations.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_disputes_table() -> None:
    lines = ["| Counterpart | The table's date | Another source's date | That source |", "|---|---|---|---|"]
    for r in all_relations():
        for d in r.disputes:
            lines.append(
                f"| {_escape(r.counterpart.name)} | {_escape(d.table_date)} | {d.other_date} "
                f"| {_escape(d.other_source)} |"
            )
    (GENERATED / "disputes.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_figure() -> None:
    """A stacked area chart of relations certainly standing on 31 December of each year, by region."""
    relations = all_relations()
    horizon = packaged_dataset().horizon
    last_year = horizon.year - 1  # the last year whose 31 December the data knows
    years = list(range(FIRST_YEAR, last_year + 1))
    counts = {
        region: [
            sum(1 for r in relations if r.region is region and r.status_on(f"{year}-12-31") is Status.ACTIVE)
            for year in years
        ]
        for region in Region
    }
    unsure = [sum(1 for r in relations if r.status_on(f"{year}-12-31") is Status.UNCERTAIN) for year in years]
    width, height, left, right, top, bottom = 880, 440, 64, 230, 20, 56
    total = [sum(counts[region][i] for region in Region) + unsure[i] for i in range(len(years))]
    top_value = max(10, ((max(total) + 19) // 20) * 20)

    def x(i: int) -> float:
        return left + (width - left - right) * i / (len(years) - 1)

    def y(value: float) -> float:
        return height - bottom - (height - top - bottom) * value / top_value

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" font-family="sans-serif" '
        'font-size="12" role="img" aria-label="States with which Peru had diplomatic relations, by year and region">',
        "<title>States with which Peru had relations, year by year, by region</title>",
        f'<rect width="{width}" height="{height}" fill="white"/>',
    ]
    below = [0] * len(years)
    for region in Region:
        above = [below[i] + counts[region][i] for i in range(len(years))]
        points = [f"{x(i):.1f},{y(above[i]):.1f}" for i in range(len(years))]
        points += [f"{x(i):.1f},{y(below[i]):.1f}" for i in reversed(range(len(years)))]
        parts.append(f'<polygon points="{" ".join(points)}" fill="{COLOURS[region]}" fill-opacity="0.85"/>')
        below = above
    above = [below[i] + unsure[i] for i in range(len(years))]
    points = [f"{x(i):.1f},{y(above[i]):.1f}" for i in range(len(years))]
    points += [f"{x(i):.1f},{y(below[i]):.1f}" for i in reversed(range(len(years)))]
    parts.append(f'<polygon points="{" ".join(points)}" fill="#bbbbbb" fill-opacity="0.9"/>')
    for value in range(0, top_value + 1, 20):
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y(value):.1f}" y2="{y(value):.1f}" stroke="#ccc"/>')
        parts.append(f'<text x="{left - 6}" y="{y(value) + 4:.1f}" text-anchor="end">{value}</text>')
    for year in range(FIRST_YEAR, last_year + 1, 20):
        i = year - FIRST_YEAR
        parts.append(f'<text x="{x(i):.1f}" y="{height - bottom + 16}" text-anchor="middle">{year}</text>')
    parts.append(
        f'<text x="{(left + width - right) / 2:.1f}" y="{height - 12}" text-anchor="middle">'
        "Year (status on 31 December)</text>"
    )
    mid = (top + height - bottom) / 2
    parts.append(
        f'<text x="16" y="{mid:.1f}" text-anchor="middle" transform="rotate(-90 16 {mid:.1f})">'
        "States with relations</text>"
    )
    legend = [(COLOURS[region], region.value) for region in reversed(list(Region))]
    legend.insert(0, ("#bbbbbb", "uncertain (incl. undated)"))
    for n, (colour, label) in enumerate(legend):
        ly = top + 20 + 22 * n
        parts.append(f'<rect x="{width - right + 16}" y="{ly - 10}" width="14" height="14" fill="{colour}"/>')
        parts.append(f'<text x="{width - right + 36}" y="{ly + 2}">{label}</text>')
    parts.append(
        f'<text x="{width - right + 16}" y="{top + 170}" font-size="11" fill="#555">'
        f"{total[-1] - unsure[-1]} certain, {unsure[-1]} uncertain</text>"
    )
    parts.append(
        f'<text x="{width - right + 16}" y="{top + 186}" font-size="11" fill="#555">on 31 December {last_year};</text>'
    )
    parts.append(f'<text x="{width - right + 16}" y="{top + 202}" font-size="11" fill="#555">data to {horizon}</text>')
    parts.append("</svg>")
    (GENERATED / "states_by_year.svg").write_text("\n".join(parts) + "\n", encoding="utf-8")


INFERENCE_COLOURS = {
    "dated_source": "#2166ac",
    "continuity": "#92c5de",
    "contest": "#d6604d",
    "lifetime": "#8c8c8c",
    "horizon": "#f4a582",
    "silence": "#e0e0e0",
}


def write_inference_figure() -> None:
    """Stacked bars: per decade, the shares of relation-days whose status rests on each kind of ground."""
    from peru_diplomacy.summaries import inference_shares

    horizon = packaged_dataset().horizon
    rows = inference_shares(1820, horizon.year)
    periods = list(dict.fromkeys(r.period for r in rows))
    width, height, left, right, top, bottom = 880, 380, 56, 190, 20, 56
    step = (width - left - right) / len(periods)

    def y(share: float) -> float:
        return height - bottom - (height - top - bottom) * share

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" font-family="sans-serif" '
        'font-size="12" role="img" aria-label="What the statuses rest on, per decade">',
        "<title>What the statuses rest on: shares of relation-days per decade</title>",
        f'<rect width="{width}" height="{height}" fill="white"/>',
    ]
    for n, period in enumerate(periods):
        below = 0.0
        x = left + n * step
        for row in (r for r in rows if r.period == period):
            top_share = below + row.share
            parts.append(
                f'<rect x="{x + 2:.1f}" y="{y(top_share):.1f}" width="{step - 4:.1f}" '
                f'height="{y(below) - y(top_share):.1f}" fill="{INFERENCE_COLOURS[row.rests_on]}">'
                f"<title>{period}: {row.rests_on.replace('_', ' ')} {row.share:.1%}</title></rect>"
            )
            below = top_share
        if n % 2 == 0:
            parts.append(
                f'<text x="{x + step / 2:.1f}" y="{height - bottom + 16}" text-anchor="middle">{period}</text>'
            )
    for share in (0, 0.25, 0.5, 0.75, 1):
        parts.append(f'<text x="{left - 6}" y="{y(share) + 4:.1f}" text-anchor="end">{share:.0%}</text>')
    parts.append(
        f'<text x="{(left + width - right) / 2:.1f}" y="{height - 12}" text-anchor="middle">'
        f"Decade (the 2020s to {horizon})</text>"
    )
    for n, (kind, colour) in enumerate(reversed(list(INFERENCE_COLOURS.items()))):
        ly = top + 20 + 22 * n
        parts.append(f'<rect x="{width - right + 16}" y="{ly - 10}" width="14" height="14" fill="{colour}"/>')
        parts.append(f'<text x="{width - right + 36}" y="{ly + 2}">{kind.replace("_", " ")}</text>')
    parts.append("</svg>")
    (GENERATED / "inference_by_decade.svg").write_text("\n".join(parts) + "\n", encoding="utf-8")


def write_other_sources() -> None:
    """Tables of the events from other sources, the contested spans, the measures and the alternatives."""
    relations = all_relations()
    lines = ["| Counterpart | Date | Kind | Confidence | Became an event | Source |", "|---|---|---|---|---|---|"]
    for r in relations:
        for e in r.events:
            if e.citation is not None:
                confidence = e.confidence.value if e.confidence else "—"
                lines.append(
                    f"| {_escape(r.counterpart.name)} | {e.date} | {e.kind.value} | {confidence} | yes "
                    f"| {_escape(e.citation.text)} |"
                )
    (GENERATED / "other_events.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    lines = ["| Counterpart | From | Until | Contested by | Why |", "|---|---|---|---|---|"]
    for r in relations:
        for c in r.contests:
            until = "the horizon" if c.end is None else str(c.end)
            lines.append(
                f"| {_escape(r.counterpart.name)} | {c.start} | {until} | {_escape(c.source)} | {_escape(c.reason)} |"
            )
    (GENERATED / "contests.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    lines = ["| Counterpart | Date | Measure | Why it is not an event | Source |", "|---|---|---|---|---|"]
    for r in relations:
        for m in r.measures:
            lines.append(
                f"| {_escape(r.counterpart.name)} | {m.date} | {_escape(m.description)} "
                f"| {_escape(m.why_not_an_event)} | {_escape(m.citation.outlet)} |"
            )
    (GENERATED / "measures.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    lines = ["| Row | Read as | Confidence | May also be |", "|---|---|---|---|"]
    for r in relations:
        if r.attribution.alternatives:
            lines.append(
                f"| {r.region.value} {r.source.row} | {_escape(r.attribution.country)} "
                f"| {r.attribution.confidence.value} | {', '.join(s.name for s in r.attribution.alternatives)} |"
            )
    (GENERATED / "alternatives.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_upstream() -> None:
    """The upstream sources, as the registry of sources (data/sources.toml) gives them."""
    from peru_diplomacy.sources import UPSTREAM

    lines = ["| Source | Version | Licence | Copy | Used for |", "|---|---|---|---|---|"]
    for u in UPSTREAM:
        name = f"[{_escape(u.name)}]({u.url})" if u.url else _escape(u.name)
        lines.append(
            f"| {name} | {_escape(u.version)} | {u.licence or 'its terms (crosswalk README)'} "
            f"| `{_escape(u.folder)}` | {_escape(u.used_for)} |"
        )
    (GENERATED / "upstream.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_formats() -> None:
    """The file formats, as the registry of formats (export.FORMATS) gives them."""
    from peru_diplomacy.export import FORMATS

    lines = ["| `--format` | Suffixes | What it is | Needs | Writer | Reader |", "|---|---|---|---|---|---|"]
    for f in FORMATS.values():
        writer = f.write_rows if f.write_rows is not None else f.write_table
        assert writer is not None and f.read is not None
        needs = f'`pip install "peru-diplomacy[{f.extra}]"`' if f.extra else "nothing more"
        lines.append(
            f"| `{f.name}` | {', '.join(f'`{s}`' for s in f.suffixes)} | {_escape(f.description)} | {needs} "
            f"| `{writer.__module__}.{writer.__name__}` | `{f.read.__module__}.{f.read.__name__}` |"
        )
    (GENERATED / "formats.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_cli_reference() -> None:
    """The command line's help, every command's, as the argument parser prints it."""
    import argparse
    import os

    from peru_diplomacy import commands as command_line

    os.environ["COLUMNS"] = "100"
    parser = command_line.parser()
    lines = ["## peru-diplomacy", "", "```text", parser.format_help().rstrip(), "```", ""]
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, sub in commands.choices.items():
        lines += [f"## peru-diplomacy {name}", "", "```text", sub.format_help().rstrip(), "```", ""]
    (GENERATED / "cli.md").write_text("\n".join(lines), encoding="utf-8")


def write_codebook() -> None:
    """The codebook: every table's columns, from the definitions the exports follow."""
    from peru_diplomacy.export import codebook

    lines: list[str] = []
    table = None
    for row in codebook():
        if row["table"] != table:
            table = row["table"]
            lines += ["", f"## `{table}`", "", "| Column | Type | Values | Meaning | Origin |", "|---|---|---|---|---|"]
        values = ", ".join(f"`{v}`" for v in str(row["values"]).split(";")) if row["values"] else ""
        lines.append(
            f"| `{row['column']}` | {row['type']} | {values} | {_escape(str(row['meaning']))} "
            f"| {_escape(str(row['origin']))} |"
        )
    (GENERATED / "codebook.md").write_text("\n".join(lines).lstrip() + "\n", encoding="utf-8")


def write_file_format() -> None:
    """The dataset file's records and fields, from the description the reader and writer share."""
    from peru_diplomacy._format import describe

    lines: list[str] = []
    record = None
    for row in describe():
        if row["record"] != record:
            record = row["record"]
            lines += ["", f"### `{record}`", "", "| Field | In the file | Required |", "|---|---|---|"]
        lines.append(f"| `{row['field']}` | {_escape(row['type'])} | {_escape(row['required'])} |")
    (GENERATED / "file_format.md").write_text("\n".join(lines).lstrip() + "\n", encoding="utf-8")


def write_timelines() -> None:
    """A timeline chart of every relation, one per region, sized for the docs' column."""
    from peru_diplomacy.charts import timeline_svg

    lines = []
    for region in Region:
        name = f"timeline_{region.value.lower()}.svg"
        svg = timeline_svg(by_region(region), width=760, title=f"Peru and the states of {region.value}")
        (GENERATED / name).write_text(svg, encoding="utf-8")
        lines += [
            f"## {region.value}",
            "",
            f"![Peru's relations in {region.value}, state by state](_generated/{name})",
            "",
        ]
    (GENERATED / "timelines.md").write_text("\n".join(lines), encoding="utf-8")


def generate(app: Any = None) -> None:
    GENERATED.mkdir(parents=True, exist_ok=True)
    write_timelines()
    write_codebook()
    write_file_format()
    write_cli_reference()
    write_counts()
    write_relations_table()
    write_disputes_table()
    write_other_sources()
    write_upstream()
    write_formats()
    write_figure()
    write_inference_figure()


def setup(app: Any) -> dict[str, Any]:
    app.connect("builder-inited", generate)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
