"""Write CITATION.cff from the package's citation module and the data's metadata (one source of truth).

    python tools/write_citation.py           # write CITATION.cff
    python tools/write_citation.py --check   # fail if CITATION.cff is out of date

.ci/run checks it, and validates the file against the CFF 1.2 schema with cffconvert.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from peru_diplomacy import __version__, packaged_dataset
from peru_diplomacy.citation import AUTHORS, REPOSITORY, TITLE, UPSTREAM

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "CITATION.cff"
CFF_TYPES = {"website": "website", "data": "data", "article": "article", "standard": "standard"}


def _q(text: str) -> str:
    """A YAML scalar, as JSON writes it (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def render() -> str:
    meta = packaged_dataset().metadata
    lines = [
        "# Written by tools/write_citation.py from src/peru_diplomacy/citation.py and the data's metadata.",
        "cff-version: 1.2.0",
        "message: "
        + _q(
            "If you use peru-diplomacy or its data, cite it as below (or run 'peru-diplomacy cite'), and keep the "
            "attribution the data's licence, CC BY-SA 4.0, requires: " + meta.attribution
        ),
        "type: software",
        f"title: {_q(TITLE)}",
        f"version: {_q(__version__)}",
        "abstract: "
        + _q(
            f"Peru's bilateral diplomatic relations as typed, immutable Python records, data version "
            f"{meta.data_version} (the table of {meta.source_revision}, knowledge to {meta.horizon})."
        ),
        "authors:",
        f"  - name: {_q(AUTHORS)}",
        f"repository-code: {_q(REPOSITORY)}",
        "license:",
        "  - MIT",
        "  - CC-BY-SA-4.0",
        "keywords:",
        *(
            f"  - {_q(k)}"
            for k in ("peru", "diplomacy", "international relations", "dataset", f"data {meta.data_version}")
        ),
        "references:",
    ]
    for source in UPSTREAM:
        lines += [f"  - type: {CFF_TYPES[source.kind]}", f"    title: {_q(source.title)}", "    authors:"]
        if " and " in source.authors or "," in source.authors:
            for person in source.authors.split(" and "):
                family, _, given = person.partition(", ")
                lines += [f"      - family-names: {_q(family)}", f"        given-names: {_q(given)}"]
        else:
            lines.append(f"      - name: {_q(source.authors)}")
        if source.year:
            lines.append(f"    year: {source.year}")
        if source.url:
            lines.append(f"    url: {_q(source.url)}")
        if source.licence:
            lines.append(f"    license: {source.licence}")
        if source.journal:
            lines.append(f"    journal: {_q(source.journal)}")
        if source.volume:
            lines.append(f"    volume: {source.volume}")
        if source.pages:
            first, _, last = source.pages.partition("--")
            lines += [f"    start: {first}", f"    end: {last}"]
        notes = "; ".join(part for part in (source.detail, f"used for {source.used_for}") if part)
        lines.append(f"    notes: {_q(notes)}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="fail if CITATION.cff is out of date")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        if not OUTPUT.exists() or OUTPUT.read_text(encoding="utf-8") != text:
            print("write_citation: CITATION.cff is out of date; run tools/write_citation.py", file=sys.stderr)
            return 1
        print("write_citation: CITATION.cff is up to date")
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print("write_citation: wrote CITATION.cff")
    return 0


if __name__ == "__main__":
    sys.exit(main())
