"""Every public name documents itself with an example that runs (as a doctest)."""

from __future__ import annotations

import inspect

import pytest

import peru_diplomacy
from peru_diplomacy import export

PUBLIC_NAMES = sorted(
    [(name, name) for name in dir(peru_diplomacy) if not name.startswith("_")]
    + [(f"export.{name}", name) for name in export.__all__]
)
"""Every public name, as the docs name it and as its module holds it."""


def _value(shown: str, name: str) -> object:
    return getattr(export if shown.startswith("export.") else peru_diplomacy, name)


CALLABLES = [
    (shown, _value(shown, name))
    for shown, name in PUBLIC_NAMES
    if inspect.isclass(_value(shown, name)) or inspect.isfunction(_value(shown, name))
]
"""The public classes and functions: each documents itself with an example. Constants, aliases and modules
are documented in the API reference (test_structure checks the top level's names there)."""


def test_the_callables_are_most_public_names() -> None:
    # The selection the next test runs over is not empty, or a handful, by accident.
    assert len(CALLABLES) > 60 and len(CALLABLES) > len(PUBLIC_NAMES) // 2


@pytest.mark.parametrize(("name", "value"), CALLABLES, ids=[name for name, _ in CALLABLES])
def test_public_callables_have_a_docstring_with_an_example(name: str, value: object) -> None:
    doc = inspect.getdoc(value) or ""
    assert doc, f"{name} has no docstring"
    assert ">>>" in doc, f"{name}'s docstring has no example"
    if inspect.isclass(value):
        for attribute, member in vars(value).items():
            if attribute.startswith("_") or not (
                inspect.isfunction(member) or isinstance(member, (property, classmethod))
            ):
                continue
            assert inspect.getdoc(getattr(value, attribute)), f"{name}.{attribute} has no docstring"


def test_the_quickstart_page_follows_the_readme_commands() -> None:
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Quick start", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    commands = block.strip().splitlines()
    assert len(commands) == 2
    assert "pip install" in commands[0] and "peru_diplomacy" in commands[0]
    assert "pip install" in commands[1] and "pytest" in commands[1]
    quickstart = (root / "docs" / "quickstart.md").read_text(encoding="utf-8")
    assert "```sh\n" + "\n".join(commands) + "\n```" in quickstart
