"""Speed of peru-diplomacy, measured side by side in one run (not a test: it asserts nothing).

    python benchmarks/bench.py [--runs 30]

Prints:
- cold process time of a first lookup, as a ratio to ``python -c "import attrs"``
  (target: at most 1.3), with ``python -c pass`` for scale;
- warm ``relations_with`` latency by name and by code (target: under 5 microseconds);
- ``active_on(date)`` over the whole dataset (target: under 200 microseconds).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
import timeit

COLD = "from peru_diplomacy import relations_with; relations_with('Chile')"
BASELINE = "import attrs"
EMPTY = "pass"
# What the design card makes every first lookup import, before any code of ours runs.
FLOOR = "import attrs, cattrs, importlib_resources, json"
IMPORT_ONLY = "import peru_diplomacy"


def compile_package() -> None:
    """Write the package's bytecode, as pip does for an installed wheel.

    An editable install run with PYTHONDONTWRITEBYTECODE set would otherwise
    compile every module on every cold start, which no installed user sees.
    """
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("peru_diplomacy")
    assert spec is not None and spec.submodule_search_locations is not None
    for folder in spec.submodule_search_locations:
        compileall.compile_dir(folder, quiet=1)


def cold_times(runs: int) -> dict[str, float]:
    """Median wall time of each command, run alternately so that load on the machine hits all alike."""
    samples: dict[str, list[float]] = {EMPTY: [], BASELINE: [], FLOOR: [], IMPORT_ONLY: [], COLD: []}
    for code in samples:  # warm the file cache
        subprocess.run([sys.executable, "-c", code], check=True)
    for _ in range(runs):
        for code, times in samples.items():
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True)
            times.append(time.perf_counter() - start)
    return {code: statistics.median(times) for code, times in samples.items()}


def per_call(statement: str, setup: str, number: int) -> float:
    """Best of five repeats, in seconds per call."""
    return min(timeit.repeat(statement, setup, number=number, repeat=5)) / number


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=30, help="cold runs of each command (default 30)")
    args = parser.parse_args(argv)

    compile_package()
    cold = cold_times(args.runs)
    ratio = cold[COLD] / cold[BASELINE]
    setup = (
        "import datetime; from peru_diplomacy import relations_with, active_on;"
        "relations_with('Chile'); active_on('1970-01-01')"
    )
    by_name = per_call("relations_with('Chile')", setup, 200_000)
    by_code = per_call("relations_with('CHL')", setup, 200_000)
    by_number = per_call("relations_with(152)", setup, 200_000)
    active_day = per_call("active_on(datetime.date(1970, 1, 1))", setup, 2_000)
    active_year = per_call("active_on('1970')", setup, 2_000)

    print(f"python {sys.version.split()[0]}, {args.runs} cold runs each, medians")
    print(f"cold  python -c {EMPTY!r:<70} {cold[EMPTY] * 1e3:7.1f} ms")
    for code in (BASELINE, FLOOR, IMPORT_ONLY, COLD):
        print(f"cold  python -c {code!r:<70} {cold[code] * 1e3:7.1f} ms   ratio {cold[code] / cold[BASELINE]:.2f}")
    print(f"cold ratio (first lookup / import attrs): {ratio:.2f}   target <= 1.3")
    print(f"warm relations_with('Chile'):             {by_name * 1e6:7.2f} us   target < 5")
    print(f"warm relations_with('CHL'):               {by_code * 1e6:7.2f} us   target < 5")
    print(f"warm relations_with(152):                 {by_number * 1e6:7.2f} us   target < 5")
    print(f"active_on(datetime.date(1970, 1, 1)):     {active_day * 1e6:7.2f} us   target < 200")
    print(f"active_on('1970') (a whole year):         {active_year * 1e6:7.2f} us")
    return 0


if __name__ == "__main__":
    sys.exit(main())
