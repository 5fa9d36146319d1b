"""What this release of the data is: written by tools/build_dataset.py, do not edit.

From data/release.toml. The same values are in the data's metadata; the build's --check holds
the two equal.
"""

SOURCE_REVISION = "2023-05"
"""The month of the revision of the source table (ISO ``YYYY-MM``)."""

DATA_VERSION = "2026.3"
"""This release of the data (cite it; a new one for every change of the data)."""
