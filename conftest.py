"""Shared pytest set-up: which docstring examples to collect (no hidden names are given to them)."""

from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent / "src" / "peru_diplomacy"


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """Skip the docstring examples of src/ when the package is installed from a wheel, not editable.

    Importing src/ beside an installed copy would give two modules of one name
    ("import file mismatch"); tests/ then runs against the installed copy.
    """
    if collection_path.resolve() == SRC or SRC in collection_path.resolve().parents:
        import peru_diplomacy

        if Path(peru_diplomacy.__file__).resolve().parent != SRC:
            return True
    return None
