"""A module that loads on first use: its name binds at once, its code runs when an attribute is read.

So a first lookup does not pay for what it does not use (the explanations), while annotations that
name the module's classes (``explanation.Explanation``) still resolve at run time. The module is
imported the usual way when first needed (by ``importlib``, under its locks), so an import cut short
(an interrupt, an error) leaves nothing half-made behind and the next use imports it again.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType
from typing import Any

__all__ = ["lazy_module"]


class _LoadedOnFirstUse(ModuleType):
    """Stands for the module of its name until an attribute is read; then imports it and takes its names."""

    def __getattr__(self, attribute: str) -> Any:
        module = importlib.import_module(self.__name__)
        self.__dict__.update(vars(module))  # later reads are plain attribute reads
        return getattr(module, attribute)


def lazy_module(name: str) -> ModuleType:
    """The module ``name``, loaded when one of its attributes is first read (at once if already loaded).

    >>> from peru_diplomacy._lazy import lazy_module
    >>> later = lazy_module("peru_diplomacy.explanation")
    >>> later.Basis.NO_SOURCE.value
    'no_source'
    """
    if name in sys.modules:
        return sys.modules[name]
    return _LoadedOnFirstUse(name)
