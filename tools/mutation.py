"""Mutation testing of the storage layer: would the tests notice a small wrong change?

    python tools/mutation.py                      # a random sample of each module's mutants
    python tools/mutation.py --sample 0           # every mutant (hours)
    python tools/mutation.py --modules _store.py --sample 20 --jobs 2 --seed 7

Configured in pyproject.toml, ``[tool.mutation]``: which modules to mutate, the tests that
hold each (run first, and alone unless ``--full``), the sample size and the seed. Not part of
.ci/run; see CONTRIBUTING.md.

A mutant is one syntactic change to one module: a comparison turned (``==``/``!=``, ``<``/``<=``,
``is``/``is not``, ``in``/``not in``), ``and``/``or`` swapped, a ``not`` dropped, ``+``/``-``
swapped, a number moved by one, a string or a truth value changed, a ``return`` of ``None``, a
``raise`` or a call statement dropped. Each runs in a copy of the package, in a fresh process
(``pytest -x`` on the module's tests, then with ``--full`` on the whole suite): a failure kills it,
a pass lets it survive. Survivors are listed with their line and change, to be killed by a test or
argued equivalent (no test could tell them from the original).
"""

from __future__ import annotations

import argparse
import ast
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "peru_diplomacy"

_COMPARE = {
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
}


@dataclass(frozen=True)
class Mutant:
    module: str
    line: int
    start: tuple[int, int]
    end: tuple[int, int]
    before: str
    after: str

    def describe(self) -> str:
        return f"{self.module}:{self.line}: {self.before!r} -> {self.after!r}"


def _segment(source: str, node: ast.AST) -> str:
    return ast.get_source_segment(source, node) or ""


def _docstrings(tree: ast.Module) -> set[int]:
    """The ids of the constant nodes that are docstrings or ``__all__`` entries."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id in ("__all__", "__slots__") for t in node.targets
        ):
            skip.update(id(n) for n in ast.walk(node.value))
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):  # docstrings
            skip.add(id(node.value))
    return skip


def mutants_of(module: str) -> list[Mutant]:
    """Every mutant of one module of the package, in source order."""
    source = (PACKAGE / module).read_text(encoding="utf-8")
    tree = ast.parse(source)
    skip = _docstrings(tree)
    annotations: set[int] = set()
    for node in ast.walk(tree):
        for field in ("annotation", "returns"):
            value = getattr(node, field, None)
            if isinstance(value, ast.AST):
                annotations.update(id(n) for n in ast.walk(value))
        if isinstance(node, ast.JoinedStr):
            annotations.update(id(n) for n in ast.walk(node) if n is not node)
    found: list[Mutant] = []

    def add(node: ast.AST, after: str) -> None:
        before = _segment(source, node)
        if before and after != before:
            start = (node.lineno, node.col_offset)  # type: ignore[attr-defined]
            end = (node.end_lineno, node.end_col_offset)  # type: ignore[attr-defined]
            found.append(Mutant(module, node.lineno, start, end, before, after))  # type: ignore[attr-defined]

    for node in ast.walk(tree):
        if id(node) in annotations or id(node) in skip:
            continue
        if isinstance(node, ast.Compare):
            for index, op in enumerate(node.ops):
                swapped = _COMPARE.get(type(op))
                if swapped is not None:
                    ops = list(node.ops)
                    ops[index] = swapped()
                    add(node, "(" + ast.unparse(ast.Compare(node.left, ops, node.comparators)) + ")")
        elif isinstance(node, ast.BoolOp):
            other = ast.Or() if isinstance(node.op, ast.And) else ast.And()
            add(node, "(" + ast.unparse(ast.BoolOp(other, node.values)) + ")")
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            add(node, "(" + _segment(source, node.operand) + ")")
        elif isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)):
            other_op = ast.Sub() if isinstance(node.op, ast.Add) else ast.Add()
            if not (isinstance(node.left, ast.Constant) and isinstance(node.left.value, str)):
                add(node, "(" + ast.unparse(ast.BinOp(node.left, other_op, node.right)) + ")")
        elif isinstance(node, ast.Constant):
            value = node.value
            if isinstance(value, bool):
                add(node, repr(not value))
            elif isinstance(value, int):
                add(node, repr(value + 1))
            elif isinstance(value, str) and value:
                add(node, repr("XX" + value + "XX"))
        elif isinstance(node, ast.Return) and node.value is not None:
            if not (isinstance(node.value, ast.Constant) and node.value.value is None):
                add(node, "return None")
        elif isinstance(node, ast.Raise) or (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)):
            add(node, "pass")
    found.sort(key=lambda m: (m.start, m.end, m.after))
    return found


def apply(source: str, mutant: Mutant) -> str:
    lines = source.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line.encode("utf-8")))
    data = source.encode("utf-8")
    start = offsets[mutant.start[0] - 1] + mutant.start[1]
    end = offsets[mutant.end[0] - 1] + mutant.end[1]
    return (data[:start] + mutant.after.encode("utf-8") + data[end:]).decode("utf-8")


def _run(copy: Path, tests: list[str], timeout: float) -> str:
    env = {**os.environ, "PYTHONPATH": str(copy), "PYTHONDONTWRITEBYTECODE": "1"}
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-p", "no:randomly", *tests]
    try:
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return "killed (timeout)"
    return "survived" if done.returncode == 0 else "killed"


def _survivors(report: Path) -> list[str]:
    """The survivors an earlier report lists, as :meth:`Mutant.describe` wrote them."""
    text = report.read_text(encoding="utf-8")
    if "\nsurvivors:\n" not in text:
        return []
    return [line.strip() for line in text.split("\nsurvivors:\n", 1)[1].splitlines() if line.strip()]


def main(argv: list[str] | None = None) -> int:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutation"]
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--modules", help="comma-separated modules (default: all configured)")
    parser.add_argument("--sample", type=int, default=config["sample"], help="mutants per module; 0: all")
    parser.add_argument("--seed", type=int, default=config["seed"])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--full", action="store_true", help="a survivor of the module's tests meets the whole suite")
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--list", action="store_true", help="list the mutants chosen, run nothing")
    parser.add_argument("--again", type=Path, help="run only the survivors listed in this earlier report")
    args = parser.parse_args(argv)
    modules: dict[str, list[str]] = config["modules"]
    chosen = args.modules.split(",") if args.modules else list(modules)
    rng = random.Random(args.seed)
    plan: list[Mutant] = []
    for module in chosen:
        every = mutants_of(module)
        picked = every if args.sample == 0 or args.sample >= len(every) else rng.sample(every, args.sample)
        print(f"{module}: {len(every)} mutants, {len(picked)} chosen")
        plan += sorted(picked, key=lambda m: m.start)
    if args.again is not None:
        listed = set(_survivors(args.again))
        plan = [m for module in chosen for m in mutants_of(module) if m.describe() in listed]
        print(f"again: {len(plan)} of the {len(listed)} survivors listed in {args.again}")
    if args.list:
        for mutant in plan:
            print(mutant.describe())
        return 0
    work = Path(tempfile.mkdtemp(prefix="mutation-"))
    copies = []
    for job in range(args.jobs):
        copy = work / f"job{job}"
        shutil.copytree(PACKAGE, copy / "peru_diplomacy", ignore=shutil.ignore_patterns("__pycache__"))
        copies.append(copy)
    # The tests must pass on the unmutated copy first, or every mutant would count as killed.
    for tests in sorted({tuple(modules[m]) for m in chosen}):
        if _run(copies[0], list(tests), args.timeout) != "survived":
            print(f"the tests fail on the unmutated package: {' '.join(tests)}; fix them first", file=sys.stderr)
            shutil.rmtree(work, ignore_errors=True)
            return 1
    print("the unmutated package passes each module's tests")
    free = list(copies)
    results: dict[Mutant, str] = {}
    began = time.monotonic()

    def one(mutant: Mutant) -> None:
        copy = free.pop()
        target = copy / "peru_diplomacy" / mutant.module
        original = target.read_text(encoding="utf-8")
        try:
            target.write_text(apply(original, mutant), encoding="utf-8")
            outcome = _run(copy, modules[mutant.module], args.timeout)
            if outcome == "survived" and args.full:
                outcome = _run(copy, ["tests"], args.timeout * 4)
            results[mutant] = outcome
        finally:
            target.write_text(original, encoding="utf-8")
            free.append(copy)
        done = len(results)
        if outcome == "survived":
            print(f"  survived: {mutant.describe()}", flush=True)
        if done % 10 == 0:
            print(f"  {done}/{len(plan)} in {time.monotonic() - began:.0f} s", flush=True)

    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        list(pool.map(one, plan))
    shutil.rmtree(work, ignore_errors=True)
    print()
    total_killed = 0
    for module in chosen:
        mine = [outcome for mutant, outcome in results.items() if mutant.module == module]
        killed = sum(1 for outcome in mine if outcome.startswith("killed"))
        total_killed += killed
        print(f"{module:16} killed {killed:3} of {len(mine):3}")
    print(f"{'all':16} killed {total_killed:3} of {len(results):3} in {time.monotonic() - began:.0f} s")
    survivors = sorted(
        (m for m, outcome in results.items() if outcome == "survived"), key=lambda m: (m.module, m.start)
    )
    if survivors:
        print("\nsurvivors:")
        for mutant in survivors:
            print(f"  {mutant.describe()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
