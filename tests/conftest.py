"""Hypothesis profiles: "default" keeps the suite fast; HYPOTHESIS_PROFILE=thorough digs deeper."""

import os

from hypothesis import HealthCheck, settings

settings.register_profile("default", max_examples=60, deadline=None)
settings.register_profile("thorough", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", max_examples=150, deadline=None, derandomize=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

# The build (tools/databuild/, one module per stage) is imported by its tests as the package it is.
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

import pytest  # noqa: E402

from peru_diplomacy import Relation, all_relations, panel  # noqa: E402
from peru_diplomacy.panels import PanelRow  # noqa: E402


@pytest.fixture(scope="session")
def every_relation() -> tuple[Relation, ...]:
    """Every relation of the packaged data, loaded once for the session (not when a test file is imported)."""
    return all_relations()


@pytest.fixture(scope="session")
def frames() -> dict[str, tuple[PanelRow, ...]]:
    """The COW and GW frames, 1816-2016, built once, for the tests that need them."""
    return {system: panel(1816, 2016, membership=system) for system in ("cow", "gw")}
