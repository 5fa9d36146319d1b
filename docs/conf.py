"""Sphinx configuration for peru-diplomacy."""

from __future__ import annotations

import sys
from importlib.metadata import version as _version
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))

import datadocs  # noqa: E402  (docs/_ext: tables, figure and offline inventories built from the data)

project = "peru-diplomacy"
author = "The peru-diplomacy contributors"
copyright = "2026, the peru-diplomacy contributors; data CC BY-SA 4.0, from Wikipedia"
release = _version("peru-diplomacy")
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
    "sphinx.ext.intersphinx",
    "sphinx.ext.viewcode",
    "datadocs",
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
exclude_patterns = ["_build", "_generated", "Thumbs.db", ".DS_Store"]

html_theme = "furo"
html_title = f"peru-diplomacy {release}"

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": False}
# Type aliases (DateLike, RegionName, EventKindName, Table) render as what they stand for.

# Intersphinx: the live inventory first; where the network is closed (as in CI),
# a small inventory of the names these pages cite, written by datadocs.
intersphinx_mapping = datadocs.intersphinx_mapping(HERE / "_generated" / "inventories")
intersphinx_timeout = 10

nitpicky = True
nitpick_ignore = [
    ("py:class", "pandas.DataFrame"),
    ("py:class", "attrs.Attribute"),
    ("py:class", "Attribute"),
    ("py:class", "Path"),
]

# No hidden set-up: every example, on the pages and in the docstrings, imports what it uses.
doctest_global_setup = ""

# Long outputs are wrapped to the column's width (a test holds them to it); whitespace then compares equal.
import doctest  # noqa: E402

doctest_default_flags = doctest.ELLIPSIS | doctest.IGNORE_EXCEPTION_DETAIL | doctest.NORMALIZE_WHITESPACE
