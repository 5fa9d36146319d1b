"""Every public name documents itself with an example that runs (as a doctest)."""

from __future__ import annotations

import inspect

import pytest

import peru_diplomacy
from peru_diplomacy import export

PUBLIC = sorted(
    {
        name: getattr(peru_diplomacy, name)
        for name in dir(peru_diplomacy)
        if not name.startswith("_") and not inspect.ismodule(getattr(peru_diplomacy, name))
    }.items()
    | {f"export.{name}": getattr(export, name) for name in export.__all__}.items()
)


@pytest.mark.parametrize(("name", "value"), PUBLIC, ids=[name for name, _ in PUBLIC])
def test_public_callables_have_a_docstring_with_an_example(name: str, value: object) -> None:
    if not (inspect.isclass(value) or inspect.isfunction(value)):
        return  # constants and aliases are documented in the API reference
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
