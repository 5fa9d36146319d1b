"""Speed and memory of peru-diplomacy, measured side by side in one run (not a test: it asserts nothing).

    python benchmarks/bench.py [--runs 30]

Prints, with the targets of issues #10 and #17:
- whole-process time of a first lookup in a fresh interpreter, as a ratio to
  ``python -c "import attrs"`` (target <= 1.5, #17) and to pycountry's first lookup
  (stretch target <= 1.0), with ``python -c pass`` for scale, and to the floor
  of the design: attrs, json and importlib.resources reading a small packaged
  file, the imports issue #10 allows a first lookup. The commands run
  in rounds, each once a round; a ratio is the median of the ratios of runs in
  the same round (wall time), followed by the ratio of the two medians and the
  same-round ratio of CPU times (user + system), which the load of other
  processes moves less;
- the same first lookup against a synthetic dataset 100 times the size
  (18,900 relations), as a ratio to the 1x file read the same way (target <= 3);
- warm ``relations_with`` by name and by code (target <= 1 microsecond);
- ``active_on(day)`` over every relation (target <= 50 microseconds);
- ``Relation.explain(day)`` of a relation's day, warm (target <= 20 microseconds, issue #27);
- a 1820-2023 yearly panel of every state, warm (target < 150 milliseconds, issue #13);
- peak memory (VmHWM, Linux) of a process that loads every relation and name (target <= 25 MiB
  above the interpreter's own);
- 2,000 amendment events applied to one relation (target < 1 second, issue #22);
- 20,000 amendment events, and 20,000 contests, on one relation (target < 1.5 seconds each, issue #29);
- the largest panel the default limit allows (a daily panel of 2000-2006, just under 500,000 rows):
  its rows and the peak memory of a process that builds it (issue #22), and of one that exports it as
  CSV and as Parquet (the Parquet export within 2x the CSV's, issue #29).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
from pathlib import Path

EMPTY = "pass"
BASELINE = "import attrs"
PYCOUNTRY = "import pycountry; pycountry.countries.lookup('Chile')"
# What issue #10 allows a first lookup to import, reading a small packaged file: the floor of the design.
FLOOR = "import attrs, json, importlib.resources as r; r.files('attrs').joinpath('py.typed').read_bytes()"
IMPORT_ONLY = "import peru_diplomacy"
COLD = "from peru_diplomacy import relations_with; relations_with('Chile')"
FROM_FILE = "from peru_diplomacy import Dataset; Dataset.from_file({path!r}, lazy=True).relations_with('Chile')"
# Peak resident memory (VmHWM, kiB) of the process itself: unlike ru_maxrss, exec resets it.
PEAK = "print([l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')][0])"
MEMORY = "import peru_diplomacy as p; d = p.packaged_dataset(); d.relations; d.names; d.system_states; " + PEAK
MEMORY_BASE = PEAK
LARGEST_PANEL = "import peru_diplomacy as p; rows = p.panel(2000, 2006, unit='day'); print(len(rows)); " + PEAK
# The largest panel exported by the command line, to the null device, in each format: the peak of the process.
EXPORT_LARGEST = (
    "import os, sys; from peru_diplomacy.cli import main; "
    "main(['export', '--table', 'panel', '--from', '2000', '--to', '2006', '--unit', 'day', '--format', sys.argv[1], "
    "'-o', sys.argv[2]]); " + PEAK
)


def amendment_file(folder: Path, events: int) -> Path:
    """A TOML file of ``events`` amendment events of one relation (a break and a restoration a year)."""
    lines = []
    for year in range(2100, 2100 + events // 2):
        lines += [
            "[[event]]  # a break",
            'country = "Chile"',
            'kind = "broken"',
            f"date = {year}-01-01",
            'source = "s"',
        ]
        lines += ["[[event]]", 'country = "Chile"', 'kind = "restored"', f'date = "{year}-06"', 'source = "s"', ""]
    path = folder / "amendments.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def compile_package() -> None:
    """Write the package's bytecode, as pip does for an installed wheel."""
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("peru_diplomacy")
    assert spec is not None and spec.submodule_search_locations is not None
    for folder in spec.submodule_search_locations:
        compileall.compile_dir(folder, quiet=1)


class Cold:
    """Cold runs of several commands, run in rounds (each command once a round, in turn)."""

    def __init__(self, codes: list[str], runs: int) -> None:
        self.wall: dict[str, list[float]] = {code: [] for code in codes}
        self.cpu: dict[str, list[float]] = {code: [] for code in codes}
        for code in codes:  # warm the file cache
            subprocess.run([sys.executable, "-c", code], check=True)
        for _ in range(runs):
            for code in codes:
                before = _children_cpu()
                start = time.perf_counter()
                subprocess.run([sys.executable, "-c", code], check=True)
                self.wall[code].append(time.perf_counter() - start)
                self.cpu[code].append(_children_cpu() - before)

    def median(self, code: str) -> float:
        """Median wall time of the command, in seconds."""
        return statistics.median(self.wall[code])

    def ratio(self, code: str, base: str, *, cpu: bool = False) -> float:
        """Median over rounds of the command's time over the base's in the same round.

        Each ratio pairs two runs made moments apart, so a machine that slows
        down or speeds up during the benchmark moves both alike.
        """
        samples = self.cpu if cpu else self.wall
        return statistics.median(a / b for a, b in zip(samples[code], samples[base], strict=True))

    def ratios(self, code: str, base: str) -> str:
        """The paired ratio, then the ratio of the two medians and the paired ratio of CPU times."""
        of_medians = self.median(code) / self.median(base)
        return f"{self.ratio(code, base):.2f} (of medians {of_medians:.2f}, CPU {self.ratio(code, base, cpu=True):.2f})"


def _children_cpu() -> float:
    """User and system CPU seconds of the finished child processes (what the process ran, not what it waited)."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def synthetic(folder: Path, copies: int) -> Path:
    """The packaged dataset with every relation ``copies`` times (new ids and names), in the packed layout."""
    from peru_diplomacy._loading import dumps_document
    from peru_diplomacy._loading import read_resource as _read_resource

    document = json.loads(_read_resource())
    relations, names = list(document["relations"]), list(document["names"])
    for copy in range(1, copies):
        for relation in document["relations"]:
            relations.append({**relation, "id": f"{relation['id']}~{copy}"})
        for name in document["names"]:
            if name["relation"] is not None:
                key = f"{name['key']} {copy}"
                names.append({**name, "key": key, "label": key, "relation": f"{name['relation']}~{copy}"})
    names.sort(key=lambda n: (n["key"], n["relation"] or "", n["state"] or ""))
    document["relations"], document["names"] = relations, names
    document["metadata"]["relation_count"] = len(relations)
    path = folder / f"relations-{copies}x.json"
    path.write_text(dumps_document(document), encoding="utf-8")
    return path


def per_call(statement: str, setup: str, number: int) -> float:
    """Best of five repeats, in seconds per call."""
    return min(timeit.repeat(statement, setup, number=number, repeat=5)) / number


def rss_kib(code: str) -> int:
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return int(out.stdout.strip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=30, help="cold runs of each command (default 30)")
    args = parser.parse_args(argv)

    compile_package()
    with tempfile.TemporaryDirectory() as tmp:
        one, hundred = synthetic(Path(tmp), 1), synthetic(Path(tmp), 100)
        file_1x, file_100x = FROM_FILE.format(path=str(one)), FROM_FILE.format(path=str(hundred))
        cold = Cold([EMPTY, BASELINE, FLOOR, PYCOUNTRY, IMPORT_ONLY, COLD, file_1x, file_100x], args.runs)
        size_100x = hundred.stat().st_size
        amendments = amendment_file(Path(tmp), 2000)
        amend_setup = (
            f"from peru_diplomacy import packaged_dataset; d = packaged_dataset(); d.relations; p = {str(amendments)!r}"
        )
        amend_time = min(timeit.repeat("d.amended(p)", amend_setup, number=1, repeat=3))
    many_setup = (
        "from peru_diplomacy import packaged_dataset; d = packaged_dataset(); d.relations\n"
        "events = [{'type': 'event', 'country': 'Chile', 'kind': kind, 'source': 's',"
        " 'date': f'{2030 + i // 12:04d}-{i % 12 + 1:02d}-{day}'}"
        " for i in range(10_000) for kind, day in (('broken', '01'), ('restored', '15'))]\n"
        "contests = [{'type': 'contest', 'country': 'Chile', 'reason': 'r', 'source': f's{i}',"
        " 'start': f'{1822 + i % 150}-01-01', 'end': f'{1823 + i % 150}-06-30'} for i in range(20_000)]"
    )
    many_events = min(timeit.repeat("d.amended(events)", many_setup, number=1, repeat=2))
    many_contests = min(timeit.repeat("d.amended(contests)", many_setup, number=1, repeat=2))
    setup = (
        "import datetime; from peru_diplomacy import relations_with, active_on;"
        "relations_with('Chile'); relations_with('CHL'); relations_with(152); active_on('1970-01-01')"
    )
    by_name = per_call("relations_with('Chile')", setup, 200_000)
    by_code = per_call("relations_with('CHL')", setup, 200_000)
    by_number = per_call("relations_with(152)", setup, 200_000)
    active_day = per_call("active_on(datetime.date(1970, 1, 1))", setup, 2_000)
    active_year = per_call("active_on('1970')", setup, 2_000)
    explain_setup = setup + "; chile = relations_with('Chile'); day = datetime.date(1880, 1, 1); chile.explain(day)"
    explain_day = per_call("chile.explain(day)", explain_setup, 20_000)
    panel_setup = "from peru_diplomacy import panel; panel(1990, 1991)"
    panel_time = min(timeit.repeat("panel(1820, 2023)", panel_setup, number=1, repeat=7))
    memory = (rss_kib(MEMORY) - rss_kib(MEMORY_BASE)) / 1024
    memory_total = rss_kib(MEMORY) / 1024
    largest = subprocess.run([sys.executable, "-c", LARGEST_PANEL], check=True, capture_output=True, text=True)
    largest_rows, largest_kib = (int(v) for v in largest.stdout.split())
    export_peak: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        for fmt in ("csv", "parquet") if importlib.util.find_spec("pyarrow") else ("csv",):
            done = subprocess.run(
                [sys.executable, "-c", EXPORT_LARGEST, fmt, str(Path(folder) / f"panel.{fmt}")],
                check=True,
                capture_output=True,
                text=True,
            )
            export_peak[fmt] = int(done.stdout.split()[-1]) / 1024

    print(f"python {sys.version.split()[0]}, {args.runs} cold runs of each command in rounds;")
    print("times: medians; a ratio: the median of the ratios of runs in the same round (wall time),")
    print("then the ratio of the medians and the same-round ratio of CPU times")
    print(f"cold  python -c {EMPTY!r:<72} {cold.median(EMPTY) * 1e3:7.1f} ms")
    for code in (BASELINE, FLOOR, PYCOUNTRY, IMPORT_ONLY, COLD):
        print(f"cold  python -c {code!r:<72} {cold.median(code) * 1e3:7.1f} ms   ratio {cold.ratios(code, BASELINE)}")
    print(f"first lookup / import attrs:                {cold.ratios(COLD, BASELINE)}   target <= 1.5")
    print(f"first lookup / pycountry's first lookup:    {cold.ratios(COLD, PYCOUNTRY)}   stretch <= 1.0")
    print(f"first lookup / attrs+json+importlib.resources: {cold.ratios(COLD, FLOOR)}   (what the package adds)")
    print(f"first lookup, 1x file (Dataset.from_file):  {cold.median(file_1x) * 1e3:6.1f} ms")
    size = f"{size_100x / 2**20:.0f} MiB, 18,900 relations"
    print(f"first lookup, 100x file ({size}): {cold.median(file_100x) * 1e3:6.1f} ms")
    print(f"100x / 1x:                                  {cold.ratio(file_100x, file_1x):6.2f}      target <= 3")
    print(f"warm relations_with('Chile'):               {by_name * 1e6:6.2f} us   target <= 1")
    print(f"warm relations_with('CHL'):                 {by_code * 1e6:6.2f} us   target <= 1")
    print(f"warm relations_with(152):                   {by_number * 1e6:6.2f} us   target <= 1")
    print(f"active_on(datetime.date(1970, 1, 1)):       {active_day * 1e6:6.2f} us   target <= 50")
    print(f"active_on('1970') (a whole year):           {active_year * 1e6:6.2f} us")
    print(f"Relation.explain(day), warm (Chile, 1880):  {explain_day * 1e6:6.2f} us   target <= 20")
    print(f"panel(1820, 2023), warm, best of 7:         {panel_time * 1e3:6.1f} ms   target < 150")
    print(f"memory, everything loaded: {memory:6.1f} MiB above the interpreter ({memory_total:.1f} MiB peak)")
    print("                                                        target <= 25")
    print(f"2,000 amendment events applied, best of 3:  {amend_time:6.2f} s    target < 1")
    print(f"20,000 events on one relation, best of 2:   {many_events:6.2f} s    target < 1.5")
    print(f"20,000 contests on one relation, best of 2: {many_contests:6.2f} s    target < 1.5")
    print(f"largest panel the limit allows: {largest_rows:,} rows, peak {largest_kib / 1024:.0f} MiB")
    if "parquet" in export_peak:
        ratio = export_peak["parquet"] / export_peak["csv"]
        print(
            f"exported, peak: CSV {export_peak['csv']:.0f} MiB, Parquet {export_peak['parquet']:.0f} MiB   "
            f"ratio {ratio:.2f}   target <= 2"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
