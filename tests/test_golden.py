"""What the command line prints, whole, as a user reads it: the help, ``show``, ``why``, ``inference``, ``cite``.

Each text is the whole output (a dropped block, a changed word, a moved column shows up here), pinned for
relations that exercise every part: Chile (events from other sources, a war, the horizon), Italy (a span
another source contests), Czechoslovakia (a lineage of two states), Denmark (missions; a history that
begins with its first evidence). After changing an output on purpose, write the new texts:
``python -m tests.test_golden`` (with Python 3.11: argparse lays help out differently on 3.13).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import pytest

from .cli_run import in_process

GOLDEN = Path(__file__).resolve().parent / "golden"
HELP_WRITTEN_BY = (3, 11)
"""The Python that wrote the help's text: argparse lays help out a little differently from one minor to the
next (3.13 writes ``-o, --output FILE``), so the help is compared on this one (the README's test command)."""

REPORTS = {
    "show-chile.txt": ("show", "Chile"),
    "show-italy.txt": ("show", "Italy", "--on", "1943"),
    "show-czechoslovakia.txt": ("show", "Czechoslovakia"),
    "show-denmark.txt": ("show", "Denmark"),
    "why-chile-1880.txt": ("why", "Chile", "1880-01-01"),
    "why-estonia-1950.txt": ("why", "Estonia", "1950"),
    "why-chile-2027.txt": ("why", "Chile", "2027-01-01"),
    "why-estonia-1950.json": ("why", "Estonia", "1950", "--json"),
    "show-cuba.json": ("show", "Cuba", "--on", "1965", "--json"),
    "show-cape-verde.txt": ("show", "Cape Verde"),
    "show-venezuela.txt": ("show", "Venezuela"),
    "chart-cuba.svg": ("chart", "Cuba", "--from", "1900", "--to", "2000"),
    "chart-italy-1960.svg": ("chart", "Italy", "Chile", "--from", "1960", "--to", "2000"),
    "inference-1990s.txt": ("inference", "--from", "1990", "--to", "1999"),
    "cite.txt": ("cite",),
    "cite-bibtex.txt": ("cite", "--format", "bibtex"),
}


def help_text() -> str:
    """The help of the command and of each of its commands, at a width of 100 columns."""
    from peru_diplomacy.commands import parser

    os.environ["COLUMNS"] = "100"
    top = parser()
    parts = [top.format_help()]
    commands = next(a for a in top._actions if isinstance(a, argparse._SubParsersAction))
    parts += [sub.format_help() for sub in commands.choices.values()]
    return "\n".join(parts)


def report(args: tuple[str, ...]) -> str:
    result = in_process(*args)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.skipif(sys.version_info[:2] != HELP_WRITTEN_BY, reason="argparse's layout differs on other Pythons")
def test_the_help_is_the_help_users_were_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    assert help_text() == (GOLDEN / "help.txt").read_text(encoding="utf-8"), "on purpose? python -m tests.test_golden"


@pytest.mark.parametrize("name", list(REPORTS))
def test_each_report_is_the_report_users_were_given(name: str) -> None:
    assert report(REPORTS[name]) == (GOLDEN / name).read_text(encoding="utf-8"), (
        "on purpose? python -m tests.test_golden"
    )


if __name__ == "__main__":
    for name, args in REPORTS.items():
        (GOLDEN / name).write_text(report(args), encoding="utf-8")
    if sys.version_info[:2] == HELP_WRITTEN_BY:
        (GOLDEN / "help.txt").write_text(help_text(), encoding="utf-8")
    print(f"wrote {GOLDEN}")
