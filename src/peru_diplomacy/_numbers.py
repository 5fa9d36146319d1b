"""Integers as pipelines hold them: ``int``, numpy and pandas integers, anything with ``__index__``."""

from __future__ import annotations

import operator

__all__ = ["integral"]


def integral(value: object) -> int | None:
    """``value`` as an ``int`` when it is an integral number (not a bool), else ``None``.

    Any object with ``__index__`` counts (``numpy.int64``, ``numpy.uint8`` ...),
    as :func:`operator.index` decides; text, floats and booleans do not.

    >>> from peru_diplomacy._numbers import integral
    >>> integral(155), integral(True), integral(1.0), integral("155")
    (155, None, None, None)
    """
    if type(value) is int:
        return value
    if isinstance(value, (bool, str, bytes)) or type(value).__name__ in ("bool_", "bool"):
        return None
    try:
        return operator.index(value)  # type: ignore[arg-type]
    except TypeError:
        return None
