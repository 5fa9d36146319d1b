"""Lineages: the successions the data records, and the states that followed one another.

A state's successors are found through the recorded successions and endings (the GDR's ending into
Germany) and through the order of each relation's lineage (Yugoslavia, then Serbia and Montenegro,
then Serbia), transitively.

>>> from peru_diplomacy import all_relations
>>> from peru_diplomacy.lineages import successions_of
>>> [(s.predecessor.id, s.successor.id) for s in successions_of(all_relations())]
[('DDDE', 'DEU'), ('SUHH', 'RUS'), ('CSHH', 'CZE')]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ._records import Succession
from .counterparts import Counterpart
from .events import EventKind
from .relation import Relation

__all__ = ["following", "successions_of"]


def successions_of(relations: Iterable[Relation]) -> tuple[Succession, ...]:
    """Every change of state the relations' events record, in date order.

    >>> from peru_diplomacy import relations_with
    >>> from peru_diplomacy.lineages import successions_of
    >>> [str(s.date) for s in successions_of([relations_with("Russia")])]
    ['1991-12-26']
    """
    found = []
    for relation in relations:
        for event in relation.events:
            if event.kind is EventKind.SUCCEEDED and event.predecessor is not None:
                pair = (event.predecessor, event.state)
            elif event.kind is EventKind.ENDED and event.successor is not None:
                pair = (event.state, event.successor)
            else:
                continue
            found.append(
                Succession(
                    predecessor=pair[0], successor=pair[1], date=event.date, kind=event.kind, relation=relation.id
                )
            )
    found.sort(key=lambda s: s.date.sort_key())
    return tuple(found)


def following(relations: Sequence[Relation], start: Counterpart, *, forward: bool) -> tuple[Counterpart, ...]:
    """The states that followed ``start`` (``forward``), or that it followed, transitively, nearest first.

    >>> from peru_diplomacy import relations_with
    >>> from peru_diplomacy.lineages import following
    >>> serbia = relations_with("Serbia")
    >>> [s.name for s in following([serbia], serbia.states[0], forward=True)]
    ['Serbia and Montenegro', 'Serbia']
    """
    pairs = [(s.predecessor, s.successor) for s in successions_of(relations)]
    pairs += [(r.states[i], r.states[i + 1]) for r in relations for i in range(len(r.states) - 1)]
    links = list(dict.fromkeys(pairs if forward else [(b, a) for a, b in pairs]))
    found: list[Counterpart] = []
    frontier = [start]
    while frontier:
        state = frontier.pop()
        for origin, target in links:
            if origin == state and target != start and target not in found:
                found.append(target)
                frontier.append(target)
    return tuple(found)
