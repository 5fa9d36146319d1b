"""The command line, through its real entry points."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import peru_diplomacy

# The console script installed beside this interpreter (the venv need not be activated).
ENTRY = shutil.which("peru-diplomacy", path=str(Path(sys.executable).parent)) or shutil.which("peru-diplomacy")


def run(*args: str, entry: str = "module") -> subprocess.CompletedProcess[str]:
    if entry == "script":
        assert ENTRY is not None, "the peru-diplomacy script is not installed"
        command = [ENTRY, *args]
    else:
        command = [sys.executable, "-m", "peru_diplomacy", *args]
    return subprocess.run(command, capture_output=True, text=True, check=False)


@pytest.mark.parametrize("entry", ["module", "script"])
def test_show(entry: str) -> None:
    result = run("show", "Czechoslovakia", entry=entry)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("Peru – Czech Republic\n")
    assert "    Czechoslovakia                         from 1918-10-28 until 1993-01-01\n" in out
    assert "    Czech Republic                         from 1993-01-01\n" in out
    assert "state codes: COW 316 (CZR), GW 316 (CZR)" in out
    assert "1968-12-27 – still standing at the data's horizon (2026-03)" in out
    assert "1957-10-04  broken       Czechoslovakia" in out
    assert "source:      Europe table, row 10" in out
    assert "attribution: high confidence" in out


def test_list_after_the_horizon_says_why_nothing_is_active() -> None:
    result = run("list", "--active-on", "2030-01-01")
    assert result.returncode == 0
    assert "after the data's horizon (2026-03)" in result.stderr
    assert result.stdout == ""
    assert "0 relations" in result.stderr


def test_list_by_confidence() -> None:
    result = run("list", "--min-confidence", "high", "--json")
    rows = json.loads(result.stdout)
    assert len(rows) == 83
    assert {row["confidence"] for row in rows} == {"high"}


def test_show_lists_notes_references_and_disputes() -> None:
    out = run("show", "Cuba").stdout
    assert "Other sources give 1902 for 11 January 1905" in out
    out = run("show", "Venezuela").stdout
    assert "Notes (verbatim)" in out and "[30] " in out


def test_show_json_is_the_record() -> None:
    result = run("show", "CHL", "--json")
    assert result.returncode == 0
    record = json.loads(result.stdout)
    assert record["id"] == "CHL"
    from peru_diplomacy import Relation, converter

    assert converter.structure(record, Relation) == peru_diplomacy.relations_with("Chile")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("Chle", "did you mean Chile?"),
        ("Korea", "is ambiguous"),
        ("Bhutan", "no diplomatic relation between Peru and Bhutan"),
    ],
)
def test_a_country_not_found_exits_1_with_the_reason_on_stderr(query: str, message: str) -> None:
    result = run("show", query)
    assert result.returncode == 1
    assert result.stdout == ""
    assert message in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        (),
        ("bogus",),
        ("show",),
        ("list", "--region", "Atlantis"),
        ("list", "--active-on", "1990-02-30"),
        ("list", "--status", "active"),
        ("list", "--on", "1970"),
        ("export", "--format", "xml"),
    ],
)
def test_usage_errors_exit_2(args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert result.stderr


def test_version_and_help() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert peru_diplomacy.__version__ in result.stdout
    helped = run("--help")
    assert helped.returncode == 0
    assert "examples:" in helped.stdout and "peru-diplomacy show Chile" in helped.stdout


def test_list_filters() -> None:
    result = run("list", "--region", "Oceania", "--json")
    rows = json.loads(result.stdout)
    assert len(rows) == 16 and rows[0]["counterpart"] == "Australia"
    active = json.loads(run("list", "--active-on", "1945-01-01", "--json").stdout)
    assert "JPN" not in {r["id"] for r in active} and "CHL" in {r["id"] for r in active}
    uncertain = json.loads(run("list", "--status", "uncertain", "--on", "1952-06-01", "--json").stdout)
    assert "TUR" in {r["id"] for r in uncertain}
    plain = run("list", "--region", "europe")
    assert plain.returncode == 0 and len(plain.stdout.splitlines()) == 49


def test_timeline() -> None:
    rows = json.loads(run("timeline", "--kind", "broken", "--kind", "restored", "--json").stdout)
    assert [r["date"] for r in rows][:3] == ["1942-01-24", "1942-03-05", "1945-12-29"]
    text = run("timeline", "--region", "Oceania", "--from", "2012", "--to", "2012").stdout
    assert text.splitlines() == ["2012-03-14  established  Solomon Islands", "2012-03-29  established  Tuvalu"]


def test_export(tmp_path: Path) -> None:
    out = run("export", "--format", "csv", "--table", "events")
    assert out.returncode == 0
    assert len(list(csv.DictReader(io.StringIO(out.stdout)))) == 210
    target = tmp_path / "relations.json"
    assert run("export", "--format", "json", "--output", str(target)).returncode == 0
    assert len(json.loads(target.read_text(encoding="utf-8"))) == 189


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (("export", "-o", "/nonexistent/x.csv"), 3, "/nonexistent/x.csv: No such file or directory"),
        (("export", "-o", "/dev/full"), 3, "No space left on device"),
        (("export", "-o", "/"), 3, "peru-diplomacy: /: "),
        (("export", "--table", "panel", "--from", "1990", "--to", "1950"), 2, "first (1990) is after last (1950)"),
        (("export", "--table", "panel", "--from", "1950", "--to", "1951", "--unit", "week"), 2, "unit must be one of"),
        (("export", "--table", "panel"), 2, "needs --from YEAR and --to YEAR"),
        (("export", "--table", "records", "--format", "csv"), 2, "JSON only"),
        (("--amend", "/nonexistent.toml", "show", "Chile"), 3, "cannot read the file"),
    ],
)
def test_failures_are_one_line_and_their_own_status(args: tuple[str, ...], status: int, message: str) -> None:
    result = run(*args)
    assert result.returncode == status, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1


def test_an_unencodable_terminal_gets_a_clear_line() -> None:
    import os

    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    command = [sys.executable, "-m", "peru_diplomacy", "show", "Czechoslovakia"]
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 3
    assert "set PYTHONIOENCODING=utf-8" in result.stderr and "Traceback" not in result.stderr


def test_a_closed_pipe_ends_quietly() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "peru_diplomacy", "export", "--table", "events"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    with process.stderr:
        assert process.wait() == 0
        assert process.stderr.read() == b""


@pytest.mark.parametrize("table", ["relations", "events", "periods"])
def test_export_honours_the_table_for_json(table: str) -> None:
    rows = json.loads(run("export", "--format", "json", "--table", table).stdout)
    assert rows and "relation_id" in rows[0] and ("sequence" in rows[0]) == (table != "relations")


def test_export_a_panel() -> None:
    out = run("export", "--table", "panel", "--from", "1950", "--to", "2023", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["year"] for r in rows} == {str(y) for y in range(1950, 2024)}
    assert not [r for r in rows if r["state"] == "German Democratic Republic" and int(r["year"]) > 1990]
