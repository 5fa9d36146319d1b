"""The command line, through its real entry points."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import peru_diplomacy

from .cli_run import in_process

# The console script installed beside this interpreter (the venv need not be activated).
ENTRY = shutil.which("peru-diplomacy", path=str(Path(sys.executable).parent)) or shutil.which("peru-diplomacy")


def run(*args: str, entry: str = "main") -> subprocess.CompletedProcess[str]:
    """The command line's answer: from ``main`` in this process (the default, fast), or from a real
    process run as ``python -m peru_diplomacy`` (``"module"``) or as the installed script (``"script"``)."""
    if entry == "main":
        return in_process(*args)
    if entry == "script":
        assert ENTRY is not None, "the peru-diplomacy script is not installed"
        command = [ENTRY, *args]
    else:
        command = [sys.executable, "-m", "peru_diplomacy", *args]
    return subprocess.run(command, capture_output=True, text=True, check=False)


@pytest.mark.parametrize("entry", ["main", "module", "script"])
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


def test_show_json_is_the_export_row_with_its_events_and_periods() -> None:
    from peru_diplomacy.export import event_rows, period_rows, relation_rows

    result = run("show", "CHL", "--json")
    assert result.returncode == 0
    record = json.loads(result.stdout)
    chile = peru_diplomacy.relations_with("Chile")
    assert record == {
        "relation": relation_rows([chile])[0],
        "events": event_rows([chile]),
        "periods": period_rows([chile]),
    }


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
    assert "JPN" not in {r["relation_id"] for r in active} and "CHL" in {r["relation_id"] for r in active}
    uncertain = json.loads(run("list", "--status", "uncertain", "--on", "1952-06-01", "--json").stdout)
    assert "TUR" in {r["relation_id"] for r in uncertain}
    plain = run("list", "--region", "europe")
    assert plain.returncode == 0 and len(plain.stdout.splitlines()) == 49


def test_timeline() -> None:
    rows = json.loads(run("timeline", "--kind", "broken", "--kind", "restored", "--json").stdout)
    assert [r["date"] for r in rows][:3] == ["1839-08-25", "1863-12-14", "1883-10-20"]
    text = run("timeline", "--region", "Oceania", "--from", "2012", "--to", "2012").stdout
    assert text.splitlines() == ["2012-03-14  established  Solomon Islands", "2012-03-29  established  Tuvalu"]


def test_export(tmp_path: Path) -> None:
    out = run("export", "--format", "csv", "--table", "events")
    assert out.returncode == 0
    assert len(list(csv.DictReader(io.StringIO(out.stdout)))) == 249
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
        (
            ("export", "--table", "panel", "--from", "1950", "--to", "1951", "--unit", "week"),
            2,
            "invalid choice: 'week'",
        ),
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


def test_every_json_surface_agrees_on_names_and_types() -> None:
    """list, show, timeline and export write one row shape per fact: the same names, the same types."""
    from peru_diplomacy.export import event_rows, relation_rows

    exported = {r["relation_id"]: r for r in json.loads(run("export", "--format", "json").stdout)}
    listed = {r["relation_id"]: r for r in json.loads(run("list", "--json").stdout)}
    events = json.loads(run("export", "--format", "json", "--table", "events").stdout)
    timeline = json.loads(run("timeline", "--json").stdout)
    assert exported == listed
    assert sorted(events, key=lambda e: (e["relation_id"], e["sequence"])) == sorted(
        timeline, key=lambda e: (e["relation_id"], e["sequence"])
    )
    for country in ("Germany", "Czechoslovakia", "Namibia", "Russia"):
        relation = peru_diplomacy.relations_with(country)
        shown = json.loads(run("show", country, "--json").stdout)
        assert exported[relation.id] == shown["relation"] == relation_rows([relation])[0]
        assert [e for e in events if e["relation_id"] == relation.id] == shown["events"] == event_rows([relation])
    for row in exported.values():
        for column in ("cow_code", "gw_code", "source_row", "event_count"):
            assert row[column] is None or type(row[column]) is int, (column, row)


def test_panel_and_relations_tables_join_on_the_same_code_columns() -> None:
    panel_rows = list(
        csv.DictReader(io.StringIO(run("export", "--table", "panel", "--from", "1980", "--to", "1980").stdout))
    )
    relation_rows = list(csv.DictReader(io.StringIO(run("export").stdout)))
    by_state = {r["counterpart_id"]: r for r in relation_rows}
    gdr = next(r for r in panel_rows if r["state_id"] == "DDDE")
    assert (
        (gdr["alpha3"], gdr["iso3166_3"])
        == ("DDR", "DDDE")
        == (by_state["DDDE"]["alpha3"], by_state["DDDE"]["iso3166_3"])
    )
    assert all(len(r["alpha3"]) in (0, 3) for r in panel_rows)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("timeline", "--from", "2026", "--to", "2020"), "ends before it starts"),
        (("export", "--table", "panel", "--from", "2023", "--to", "1950"), "first (2023) is after last (1950)"),
        (("export", "--from", "1950", "--to", "1960"), "--from, --to only apply to --table panel"),
        (("export", "--table", "events", "--unit", "month"), "--unit only apply to --table panel"),
        (("export", "--table", "panel", "--from", "1950", "--to", "1951", "--rule", "sometimes"), "invalid choice"),
        (("export", "--table", "panel", "--from", "1950", "--to", "1951", "--membership", "un"), "invalid choice"),
        (("export", "--table", "panel", "--from", "1950", "--to", "2023", "--unit", "day"), "narrow the years"),
        (("export", "--table", "panel", "--from", "1950", "--to", "1951", "--max-rows", "-1"), "--max-rows"),
        (("show", "Chile", "--amend", "x.toml"), "--amend goes before the command"),
        (("list", "--data", "x.json"), "--data goes before the command"),
        (("show", "--system", "un", "710"), "invalid choice"),
        (("list", "--status", "active"), "--status and --on go together"),
    ],
)
def test_every_usage_error_of_the_reference_exits_2(args: tuple[str, ...], message: str) -> None:
    result = run(*args)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_choices_come_from_the_literal_types() -> None:
    from typing import get_args

    from peru_diplomacy.panels import PanelMembership, PanelRule, PanelUnit

    helped = run("export", "--help").stdout
    for literal in (PanelUnit, PanelRule, PanelMembership):
        assert "{" + ",".join(get_args(literal)) + "}" in helped


def test_show_by_cow_and_gw_code() -> None:
    assert run("show", "--system", "cow", "710").stdout.startswith("Peru – China\n")
    assert run("show", "710").stdout.startswith("Peru – South Africa\n")
    assert run("show", "--system", "gw", "CHL").stdout.startswith("Peru – Chile\n")
    missing = run("show", "--system", "cow", "760")
    assert missing.returncode == 1 and "Bhutan" in missing.stderr


def test_records_export_is_a_dataset_that_data_reads(tmp_path: Path) -> None:
    target = tmp_path / "mine.json"
    assert run("export", "--table", "records", "--format", "json", "-o", str(target)).returncode == 0
    assert target.read_text(encoding="utf-8") == peru_diplomacy.packaged_dataset().to_json()
    assert peru_diplomacy.Dataset.from_file(target).relations == peru_diplomacy.all_relations()
    listed = run("--data", str(target), "list", "--region", "Oceania")
    assert listed.returncode == 0 and len(listed.stdout.splitlines()) == 16
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    failed = run("--data", str(broken), "list")
    assert failed.returncode == 3 and "not valid JSON" in failed.stderr and "Traceback" not in failed.stderr
    missing = run("--data", str(tmp_path / "none.json"), "list")
    assert missing.returncode == 3 and "none.json" in missing.stderr


def test_help_says_what_the_data_covers() -> None:
    metadata = peru_diplomacy.packaged_dataset().metadata
    helped = run("--help").stdout
    assert f"revision of {metadata.source_revision}" in helped
    assert f"to {metadata.horizon}" in helped
    assert "May 2023, CC BY-SA" not in helped


def test_a_closed_standard_output_fails_quietly_with_status_3() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; sys.stdout.close(); sys.stdout = None; "
            "from peru_diplomacy.cli import main; raise SystemExit(main(['show', 'Chile']))",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 3 and "standard output is closed" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "status"),
    [(("show", "Chile"), 0), (("show", "Chle"), 1), (("show",), 2), (("--data", "/nonexistent", "list"), 3)],
)
def test_a_closed_standard_error_keeps_each_status(args: tuple[str, ...], status: int) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "peru_diplomacy", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
        pass_fds=(),
        close_fds=True,
        preexec_fn=lambda: __import__("os").close(2),
    )
    assert result.returncode == status


def test_an_interrupt_ends_with_130_and_no_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from peru_diplomacy import cli
    from peru_diplomacy.dataset import Dataset

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(Dataset, "panel", interrupted)
    assert cli.main(["export", "--table", "panel", "--from", "1950", "--to", "1960"]) == 130
    captured = capsys.readouterr()
    assert captured.err == "peru-diplomacy: interrupted\n"


def test_an_interrupt_of_a_real_process_ends_with_130() -> None:
    import signal
    import time

    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "peru_diplomacy",
            "export",
            "--table",
            "panel",
            "--from",
            "1816",
            "--to",
            "2026",
            "--unit",
            "day",
            "--max-rows",
            "0",
            "-o",
            os.devnull,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        time.sleep(2.5)  # well past start-up: the panel takes far longer than this to build
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
    finally:
        process.kill()  # never left running, whatever happened
        process.wait()
    assert process.returncode == 130, err
    assert "Traceback" not in err and err.endswith("interrupted\n")


def test_the_entry_point_loads_nothing_but_itself_before_its_interrupt_guard() -> None:
    # Ctrl-C in the first ~50 ms printed a traceback: the entry point imported the whole package before
    # main() could guard against it (#29, N13). Now only the interpreter's own start-up is unguarded.
    code = (
        "import sys; before = set(sys.modules); import peru_diplomacy.cli\n"
        "print(' '.join(sorted(m for m in set(sys.modules) - before if m.startswith(('peru', 'attr', 'typing')))))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout.split()
    assert loaded == [
        "peru_diplomacy",
        "peru_diplomacy._console",
        "peru_diplomacy._release",
        "peru_diplomacy._version",
        "peru_diplomacy.cli",
    ]


@pytest.mark.parametrize("delay", [0.0, 0.003, 0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.085, 0.1, 0.15])
def test_an_interrupt_at_any_moment_of_start_up_ends_with_130(delay: float) -> None:
    import signal
    import time

    # "ready" the moment main() takes Ctrl-C over (its first act); before that the entry point has loaded nothing
    # heavy (the test above), and only the interpreter's start-up is unguarded.
    code = (
        "import signal, sys\n"
        "from peru_diplomacy.cli import main\n"
        "install = signal.signal\n"
        "def announced(*given):\n"
        "    before = install(*given)\n"
        "    print('ready', flush=True)\n"
        "    return before\n"
        "signal.signal = announced\n"
        "raise SystemExit(main(['show', 'Chile']))\n"
    )
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None and process.stdout.readline() == "ready\n"
        time.sleep(delay)  # importing the commands, loading the data, the answer: each moment is guarded
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
    finally:
        process.kill()
        process.wait()
    assert "Traceback" not in err and "Exception ignored" not in err
    # Interrupted, or finished; or interrupted as the interpreter shut down after the answer, when Python has
    # put the signal's default action back (the shell then says 130 too).
    outcomes = ((130, "peru-diplomacy: interrupted\n"), (0, ""), (-signal.SIGINT, ""))
    assert (process.returncode, err) in outcomes, err


def test_an_interrupted_export_to_a_file_leaves_no_file_and_no_part(tmp_path: Path) -> None:
    # Ctrl-C ends the command at once (no exception is raised, so no finally runs): the handler itself removes
    # the unfinished write's temporary file (#29, N8 and N13).
    import signal
    import time

    target = tmp_path / "panel.csv"
    # The largest panel the limit allows: its write takes seconds.
    arguments = ["export", "--table", "panel", "--from", "2000", "--to", "2006", "--unit", "day", "-o", str(target)]
    process = subprocess.Popen(
        [sys.executable, "-m", "peru_diplomacy", *arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not list(tmp_path.iterdir()) and time.monotonic() < deadline:  # until the write has begun
            time.sleep(0.05)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
    finally:
        process.kill()
        process.wait()
    assert (process.returncode, err) == (130, "peru-diplomacy: interrupted\n")
    assert list(tmp_path.iterdir()) == []


def test_a_misplaced_global_option_is_shown_where_it_goes() -> None:
    result = run("list", "--region", "Europe", "--data=mine.json", "--json")
    assert result.returncode == 2
    assert result.stderr == (
        "peru-diplomacy: --data goes before the command: peru-diplomacy --data=mine.json list --region Europe --json\n"
    )


def test_a_missing_optional_dependency_is_one_line_and_status_3(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from peru_diplomacy import cli

    monkeypatch.setitem(sys.modules, "pyarrow", None)  # as if not installed: importing it fails
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    assert cli.main(["export", "--format", "parquet", "-o", str(tmp_path / "x.parquet")]) == 3
    assert capsys.readouterr().err == (
        'peru-diplomacy: this needs pyarrow, which is not installed: pip install "peru-diplomacy[parquet]" '
        '(in a clone of the repository: pip install ".[parquet]")\n'
    )
    assert not (tmp_path / "x.parquet").exists()


def test_show_lists_the_missions_and_where_they_serve_from() -> None:
    out = run("show", "Denmark").stdout
    assert (
        "Missions listed on 2022-11-16 (Wikidata)\n"
        "  Peru's embassy in Stockholm Municipality, Sweden, also accredited to Denmark\n"
    ) in out
    assert "  1950        reported     Denmark (first evidence of relations" in out


def test_a_suffix_that_names_a_format_chooses_it_or_is_refused(tmp_path: Path) -> None:
    # --table panel -o x.parquet wrote CSV into x.parquet; --codebook --format stata -o cb.dta wrote JSON (#28, 3).
    pytest.importorskip("pyarrow")
    import pandas

    target = tmp_path / "x.parquet"
    assert in_process("export", "--table", "panel", "--from", "2000", "--to", "2001", "-o", str(target)).returncode == 0
    assert pandas.read_parquet(target).shape[0] == len(peru_diplomacy.panel(2000, 2001))
    refused = in_process("export", "--format", "csv", "-o", str(tmp_path / "y.parquet"))
    assert refused.returncode == 2 and "names the parquet format, but --format is csv" in refused.stderr
    assert not (tmp_path / "y.parquet").exists()
    book = in_process("export", "--codebook", "--format", "stata", "-o", str(tmp_path / "cb.dta"))
    assert book.returncode == 2 and "--codebook is written as csv, json or jsonl, not stata" in book.stderr
    assert not (tmp_path / "cb.dta").exists()
    assert in_process("export", "--codebook", "-o", str(tmp_path / "cb.json")).returncode == 0
    assert json.loads((tmp_path / "cb.json").read_text(encoding="utf-8"))[0]["table"] == "relations"


def test_every_example_of_the_help_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The help's own example `export --table records -o mine.json && ... --data mine.json list` exited 2 (#28, 4).
    from peru_diplomacy.commands import EXAMPLES

    monkeypatch.chdir(tmp_path)
    (tmp_path / "mine.toml").write_text(
        '[[event]]\ncountry = "Mexico"\nkind = "restored"\ndate = "2026-02-20"\nsource = "A communiqué"\n',
        encoding="utf-8",
    )
    lines = [line.strip() for line in EXAMPLES.splitlines()[1:] if line.strip()]
    assert len(lines) >= 12
    for line in lines:
        for command in line.split("&&"):
            words = command.split()
            assert words[0] == "peru-diplomacy", line
            result = in_process(*words[1:])
            assert result.returncode == 0, (line, result.stderr)


def test_list_on_a_date_names_each_relation_by_its_state_then() -> None:
    # list --active-on 1980-01-01 printed "Czech Republic", "Russia" and "Serbia" (#28, item 2).
    names = {
        line.split()[0]: line[10:46].strip()
        for line in in_process("list", "--active-on", "1980-01-01").stdout.splitlines()
    }
    assert (names["CZE"], names["RUS"], names["SRB"]) == ("Czechoslovakia", "Soviet Union", "Yugoslavia")
    today = {line.split()[0]: line[10:46].strip() for line in in_process("list").stdout.splitlines()}
    assert (today["CZE"], today["RUS"], today["SRB"]) == ("Czech Republic", "Russia", "Serbia")


def test_an_export_that_fails_leaves_no_file_and_names_the_one_asked_for(tmp_path: Path) -> None:
    # An interrupted, killed or disk-full export left a partial file that read back as a clean, shorter
    # table; -o /dev/full said "No space left on device" without the file's name (#29, N8).
    from unittest import mock

    target = tmp_path / "events.csv"
    target.write_text("the old file\n", encoding="utf-8")
    with mock.patch("peru_diplomacy.export.text._csv_field", side_effect=KeyboardInterrupt):
        result = in_process("export", "--table", "events", "-o", str(target))
    assert result.returncode == 130
    assert target.read_text(encoding="utf-8") == "the old file\n"  # untouched: the new one was never whole
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.csv"]  # and no part left behind
    assert in_process("export", "--table", "events", "-o", str(target)).returncode == 0
    assert target.read_text(encoding="utf-8").startswith("relation_id,")
    if Path("/dev/full").exists():
        full = in_process("export", "-o", "/dev/full")
        assert full.returncode == 3 and "/dev/full: No space left on device" in full.stderr


def test_out_of_memory_is_one_line() -> None:
    # MemoryError with the limit lifted printed a traceback (#29, N14).
    from unittest import mock

    with mock.patch("peru_diplomacy.dataset.Dataset.panel", side_effect=MemoryError):
        result = in_process(
            "export", "--table", "panel", "--from", "1800", "--to", "2026", "--unit", "day", "--max-rows", "0"
        )
    assert result.returncode == 3 and result.stderr.count("\n") == 1 and "out of memory" in result.stderr


def test_the_command_line_names_a_bad_region_and_what_would_work() -> None:
    result = in_process("list", "--region", "Atlantis")
    assert result.returncode == 2
    assert "unknown region 'Atlantis': use one of 'Africa', 'Americas', 'Asia', 'Europe', 'Oceania'" in result.stderr


def test_show_says_why_a_table_state_has_no_codes() -> None:
    out = in_process("show", "Order of Malta").stdout
    assert "none (in neither the COW nor the Gleditsch–Ward list)" in out
    assert "added by amendment" not in out


def test_every_command_of_the_parser_has_its_handler() -> None:
    from peru_diplomacy import commands

    choices = next(a for a in commands.parser()._actions if a.dest == "command").choices
    assert choices is not None and list(choices) == list(commands._COMMANDS)


def test_main_gives_ctrl_c_back_as_it_found_it() -> None:
    # main() takes Ctrl-C over while it runs; a program (or a test) that calls it gets its own handler back.
    import signal

    def mine(number: int, frame: object) -> None:  # a handler of the caller's own
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, mine)
    try:
        assert in_process("cite").returncode == 0
        assert signal.getsignal(signal.SIGINT) is mine
    finally:
        signal.signal(signal.SIGINT, previous)


def test_inference_begins_at_peru_s_independence_unless_asked() -> None:
    rows = json.loads(in_process("inference", "--unit", "year", "--to", "1823", "--json").stdout)
    assert list(dict.fromkeys(row["period"] for row in rows)) == ["1821", "1822", "1823"]


def test_json_reports_are_indented_by_two_and_cite_addresses() -> None:
    shown = in_process("show", "Chile", "--json").stdout.splitlines()
    assert shown[:2] == ["{", '  "relation": {']
    why = json.loads(in_process("why", "Chile", "1880-01-01", "--json").stdout)
    assert [e["citation_url"] for e in why["evidence"]] == [
        "https://peruanosactualidad-camav.blogspot.com/2012/04/133-anos-de-la-declaratoria-de-guerra.html",
        "https://historiahoy.com.ar/tratado-ancon-n2808",
    ]


def test_version_names_the_data_or_says_it_cannot_be_read(monkeypatch: pytest.MonkeyPatch) -> None:
    from peru_diplomacy import DatasetError, __version__, commands

    meta = peru_diplomacy.packaged_dataset().metadata
    assert commands._version_text("9.9") == (
        f"%(prog)s 9.9 (data {meta.data_version}: schema {peru_diplomacy.DATA_SCHEMA_VERSION}, table of "
        f"{meta.source_revision}, knowledge to {meta.horizon})"
    )

    def damaged() -> object:
        raise DatasetError("damaged")

    monkeypatch.setattr(commands, "packaged_dataset", damaged)
    assert commands._version_text(__version__) == f"%(prog)s {__version__} (data: unreadable)"
