"""Every docstring example pastes into a fresh interpreter as it stands: no hidden set-up."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import peru_diplomacy

MODULES = [peru_diplomacy] + [
    importlib.import_module(info.name)
    for info in pkgutil.walk_packages(peru_diplomacy.__path__, prefix="peru_diplomacy.")
    if info.name != "peru_diplomacy.__main__"
]
"""Every module of the package, its subpackages' too: the one place the docstrings' examples run."""
TESTS = [
    test
    for module in MODULES
    for test in doctest.DocTestFinder(exclude_empty=True).find(module, module.__name__, globs={})
    if test.examples
]


def test_the_examples_were_found() -> None:
    assert len(TESTS) > 200
    assert {"peru_diplomacy.export.tables", "peru_diplomacy.export.formats"} <= {m.__name__ for m in MODULES}


@pytest.mark.parametrize("test", TESTS, ids=lambda t: t.name)
def test_an_example_runs_in_a_fresh_namespace(test: doctest.DocTest) -> None:
    test.globs = {"__name__": "__fresh__"}  # nothing but what the example imports itself
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    report: list[str] = []
    runner.run(test, out=report.append)
    assert runner.failures == 0, "".join(report)
