"""The queries as functions of the packaged dataset: ``relations_with("Chile")``.

Each function is the :class:`~peru_diplomacy.Dataset` method of the same name,
called on :func:`~peru_diplomacy.packaged_dataset` (the data loads on the first
call), with the method's signature and documentation: one definition of each
question, not two.

>>> from peru_diplomacy import relations_with, active_on
>>> relations_with("Chile").counterpart.alpha2
'CL'
>>> relations_with("Japan") in active_on("1960-01-01")
True
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeVar

from .dataset import Dataset, packaged_dataset

__all__ = [
    "active_on",
    "all_relations",
    "by_region",
    "established_between",
    "ever_broken",
    "explain",
    "inactive_on",
    "panel",
    "predecessors_of",
    "relations_with",
    "statuses_on",
    "successions",
    "successors_of",
    "timeline",
    "uncertain_on",
]

_P = ParamSpec("_P")
_R = TypeVar("_R")


def _on_packaged_data(method: Callable[Concatenate[Dataset, _P], _R]) -> Callable[_P, _R]:
    """The method as a function of the packaged dataset, with its name, signature and docstring."""

    def query(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        return method(packaged_dataset(), *args, **kwargs)

    query.__name__ = query.__qualname__ = method.__name__
    query.__doc__ = method.__doc__
    # inspect.signature() follows __wrapped__: the method with its dataset bound, so without ``self``.
    query.__wrapped__ = functools.partial(method, None)  # type: ignore[attr-defined,arg-type]
    return query


relations_with = _on_packaged_data(Dataset.relations_with)
all_relations = _on_packaged_data(Dataset.all_relations)
by_region = _on_packaged_data(Dataset.by_region)
statuses_on = _on_packaged_data(Dataset.statuses_on)
active_on = _on_packaged_data(Dataset.active_on)
inactive_on = _on_packaged_data(Dataset.inactive_on)
uncertain_on = _on_packaged_data(Dataset.uncertain_on)
established_between = _on_packaged_data(Dataset.established_between)
timeline = _on_packaged_data(Dataset.timeline)
ever_broken = _on_packaged_data(Dataset.ever_broken)
explain = _on_packaged_data(Dataset.explain)
successions = _on_packaged_data(Dataset.successions)
successors_of = _on_packaged_data(Dataset.successors_of)
predecessors_of = _on_packaged_data(Dataset.predecessors_of)
panel = _on_packaged_data(Dataset.panel)
