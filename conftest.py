"""Shared pytest set-up for the doctests in src/ and docs/."""

import datetime

import pytest


@pytest.fixture(autouse=True)
def _doctest_namespace(doctest_namespace: dict[str, object]) -> None:
    doctest_namespace["datetime"] = datetime
