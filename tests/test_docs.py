"""Every public name documents itself with an example that runs (as a doctest)."""

from __future__ import annotations

import inspect

import pytest

import peru_diplomacy
from peru_diplomacy import export

PUBLIC = sorted(
    {name: getattr(peru_diplomacy, name) for name in peru_diplomacy.__all__}.items()
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
