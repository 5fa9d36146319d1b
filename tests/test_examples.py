"""Every docstring example pastes into a fresh interpreter as it stands: no hidden set-up."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import peru_diplomacy

MODULES = [peru_diplomacy] + [
    importlib.import_module(f"peru_diplomacy.{info.name}") for info in pkgutil.iter_modules(peru_diplomacy.__path__)
]
TESTS = [
    test
    for module in MODULES
    for test in doctest.DocTestFinder(exclude_empty=True).find(module, module.__name__, globs={})
    if test.examples
]


def test_the_examples_were_found() -> None:
    assert len(TESTS) > 120


@pytest.mark.parametrize("test", TESTS, ids=lambda t: t.name)
def test_an_example_runs_in_a_fresh_namespace(test: doctest.DocTest) -> None:
    test.globs = {"__name__": "__fresh__"}  # nothing but what the example imports itself
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    report: list[str] = []
    runner.run(test, out=report.append)
    assert runner.failures == 0, "".join(report)
