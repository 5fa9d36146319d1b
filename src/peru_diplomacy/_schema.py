"""Marks a record's field can carry for the file format (read by :mod:`peru_diplomacy._format`).

Kept apart from the format so that the records can use them without importing it.
"""

from __future__ import annotations

__all__ = ["INHERIT", "inherit"]

INHERIT = "inherit"
"""The field metadata key of :func:`inherit`."""


def inherit(name: str) -> dict[str, str]:
    """Field metadata: the file leaves this field out where it equals the dataset's ``name``.

    >>> from peru_diplomacy._schema import inherit
    >>> inherit("horizon")
    {'inherit': 'horizon'}
    """
    return {INHERIT: name}
