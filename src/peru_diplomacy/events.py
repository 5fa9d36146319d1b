"""Events in a relation's history, and how they compile into periods.

>>> from peru_diplomacy import PartialDate
>>> from peru_diplomacy import EventKind
>>> from peru_diplomacy import Event
>>> from peru_diplomacy.events import compile_periods
>>> from peru_diplomacy.counterparts import Counterpart, CounterpartKind
>>> japan = Counterpart(id="JPN", name="Japan", kind=CounterpartKind.SOVEREIGN_STATE)
>>> events = [
...     Event(kind=EventKind.ESTABLISHED, date=PartialDate(1873, 8, 21), state=japan),
...     Event(kind=EventKind.BROKEN, date=PartialDate(1942, 1, 24), state=japan),
...     Event(kind=EventKind.RESTORED, date=PartialDate(1952, 6, 8), state=japan),
... ]
>>> [(str(p.start), str(p.end)) for p in compile_periods(events, relation="JPN")]
[('1873-08-21', '1942-01-24'), ('1952-06-08', 'None')]
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Literal

import attrs

from ._enums import TextEnum
from .counterparts import Counterpart
from .dates import PartialDate
from .errors import InvalidEventSequenceError
from .periods import Period
from .provenance import Citation, Confidence, Reference

__all__ = ["Event", "EventKind", "EventKindName"]

EventKindName = Literal[
    "established",
    "broken",
    "suspended",
    "war_declared",
    "restored",
    "reaffirmed",
    "reported",
    "succeeded",
    "ended",
    "unspecified",
]
"""An :class:`EventKind` by its value, for arguments that take either (``mypy`` catches ``"brokn"``)."""


class EventKind(TextEnum):
    """What happened on an event's date.

    >>> from peru_diplomacy import EventKind
    >>> EventKind("broken").changes_status
    True
    >>> EventKind.REAFFIRMED.changes_status
    False
    """

    ESTABLISHED = "established"
    """Relations begin with a state (the first time, or afresh with a new state of the lineage)."""
    BROKEN = "broken"
    """Relations are severed; the state lives on."""
    SUSPENDED = "suspended"
    """Relations are suspended (the source's word): counted as a break, and restored as one is."""
    WAR_DECLARED = "war_declared"
    """A declaration of war: it ends relations on its day, unless they were already broken (then
    nothing changes)."""
    RESTORED = "restored"
    """Relations with the same state resume after a break."""
    REAFFIRMED = "reaffirmed"
    """A joint communiqué or renewal while relations stand; nothing changes."""
    REPORTED = "reported"
    """A source shows relations standing on the day (a mission, representation, a treaty) with
    no act that began them: a history that begins with it is ``active`` from it on and
    ``uncertain`` before; while relations stand it changes nothing."""
    SUCCEEDED = "succeeded"
    """A successor state takes the relation over from its predecessor, with no gap."""
    ENDED = "ended"
    """Relations with the state end without a recorded break (it ceased, or merged into ``successor``)."""
    UNSPECIFIED = "unspecified"
    """A date the source gives without saying what happened; it changes nothing."""

    @property
    def changes_status(self) -> bool:
        """Whether an event of this kind may open or close a period."""
        return self in _STATUS_CHANGING

    @property
    def is_break(self) -> bool:
        """Whether the event ends relations that stand: a break, a suspension or a declaration of war.

        >>> from peru_diplomacy import EventKind
        >>> EventKind.SUSPENDED.is_break, EventKind.RESTORED.is_break
        (True, False)
        """
        return self in _BREAKS


_BREAKS = frozenset({EventKind.BROKEN, EventKind.SUSPENDED, EventKind.WAR_DECLARED})
_STATUS_CHANGING = frozenset({EventKind.ESTABLISHED, EventKind.RESTORED, EventKind.ENDED, EventKind.REPORTED, *_BREAKS})


@attrs.frozen(kw_only=True)
class Event:
    """One dated event, as the source gives it.

    ``state`` is the state the event concerns (Czechoslovakia for the 1957 break,
    the Czech Republic from 1993). ``text`` is the date as written in the cell,
    ``qualifier`` any words the cell attaches to it ("New York", "Joint
    Communique", "Federal Republic"). ``predecessor`` is set on a
    ``succeeded`` event, ``successor`` on an ``ended``
    event when another state absorbed the one that ended. An event from
    another source than the table (a news report after May 2023, or one the
    table misses) carries its ``citation`` and ``confidence``; the table's
    events have neither.

    >>> from peru_diplomacy import relations_with
    >>> event = relations_with("Czech Republic").events[-1]
    >>> event.kind.value, str(event.date), event.state.name, event.predecessor.name
    ('succeeded', '1993-01-02', 'Czech Republic', 'Czechoslovakia')
    >>> relations_with("Afghanistan").events[0].qualifier
    'New York'
    """

    kind: EventKind
    date: PartialDate
    state: Counterpart
    text: str = ""
    qualifier: str | None = None
    references: tuple[Reference, ...] = ()
    predecessor: Counterpart | None = None
    successor: Counterpart | None = None
    citation: Citation | None = None
    confidence: Confidence | None = None

    @property
    def from_table(self) -> bool:
        """Whether the event is the table's (``True``) or another source's, with its ``citation``."""
        return self.citation is None


_ACTIVE, _BROKEN, _ENDED, _NONE = "active", "broken", "ended", "none"


def compile_periods(
    events: Sequence[Event], *, relation: str, lineage: Sequence[Counterpart] = ()
) -> tuple[Period, ...]:
    """Check a relation's events and compile them into its periods.

    Raises :class:`~peru_diplomacy.InvalidEventSequenceError`, naming
    ``relation``, for events out of order, a break while already broken, a
    restoration without a break, a succession that does not link the current
    state to a new one, and the like. A break that the source never follows by
    a restoration closes the relation's last period: relations count as
    interrupted up to the source's revision. A declaration of war while
    relations are already broken changes nothing.

    A history need not begin with ``established``: one that begins with a
    break (relations stood before it, since a day no source gives) or with
    ``reported`` (relations stood on that day) has a first period with
    ``open_start``, so the days before it are uncertain, not inactive. An
    ``ended`` event whose date holds the last day of its state's lifetime ends
    relations with the state: its period ends when the state did. Relations
    that stand with a state that ceased before another state of the lineage
    establishes them end when the first state did.

    With ``lineage`` (the relation's states in order), an event may concern a
    later state of the lineage than the one before it without a ``succeeded``
    event: the relation carried over with no act the source records (the
    Republic of China from the mainland to Taiwan).

    >>> from peru_diplomacy.events import compile_periods
    >>> compile_periods([], relation="YEM")
    ()
    """
    periods: list[Period] = []
    phase = _NONE
    current: Counterpart | None = None
    start: PartialDate | None = None
    opened = False  # whether the open period began with a report, not an act (its start is open)
    previous: Event | None = None

    def fail(index: int, why: str) -> InvalidEventSequenceError:
        event = events[index]
        return InvalidEventSequenceError(
            f"relation {relation}: event {index + 1} ({event.kind.value} {event.date}, {event.state.name}) {why}",
            index=index,
        )

    for index, event in enumerate(events):
        kind = event.kind
        if previous is not None and event.date.definitely_before(previous.date):
            raise fail(index, f"comes before the previous event ({previous.date}): events must be in order")
        if kind is not EventKind.SUCCEEDED and event.predecessor is not None:
            raise fail(index, "names a predecessor, which only a succession may")
        if kind is not EventKind.ENDED and event.successor is not None:
            raise fail(index, "names a successor, which only an ending may")
        if phase == _NONE and (kind.is_break or kind is EventKind.REPORTED):
            # The history begins with relations that stood, from a day no source gives.
            if kind.is_break:
                periods.append(Period(start=event.date, end=event.date, open_start=True))
                phase = _BROKEN
            else:
                phase, start, opened = _ACTIVE, event.date, True
            current, previous = event.state, event
            continue
        if phase == _NONE and kind is not EventKind.ESTABLISHED:
            raise fail(index, "comes before relations were established")
        if kind is EventKind.ESTABLISHED:
            ceased = None if current is None or event.state == current else _ceased_before(current, event.date)
            if phase == _ACTIVE and ceased is not None:
                # Relations with a state end, at the latest, when it ceased (the German Reich, 1945).
                periods.append(_close(start, ceased, functools.partial(fail, index), opened))
                phase = _ENDED
            if phase == _ACTIVE:
                raise fail(index, "establishes relations that already stand")
            if phase != _NONE and event.state == current:
                raise fail(index, f"establishes relations again with {event.state.name}: a resumption is 'restored'")
            phase, current, start, opened = _ACTIVE, event.state, event.date, False
        elif kind is EventKind.SUCCEEDED:
            if phase != _ACTIVE:
                raise fail(index, f"succeeds to relations that are {phase}")
            if event.predecessor is None or event.predecessor != current:
                raise fail(
                    index,
                    f"must name the current state ({_name(current)}) as its predecessor, "
                    f"not {_name(event.predecessor)}",
                )
            if event.state == current:
                raise fail(index, "names a state as its own successor")
            current = event.state
        elif event.state != current and not _carries_over(lineage, current, event.state):
            raise fail(index, f"concerns {event.state.name}, but the relation is with {_name(current)}")
        elif kind.is_break:
            # A declaration of war between states whose relations were already broken changes nothing.
            if not (kind is EventKind.WAR_DECLARED and phase == _BROKEN):
                if phase != _ACTIVE:
                    raise fail(index, f"breaks relations that are {phase}")
                periods.append(_close(start, event.date, functools.partial(fail, index), opened))
                phase = _BROKEN
        elif kind is EventKind.RESTORED:
            if phase != _BROKEN:
                raise fail(index, f"restores relations that are {phase}, not broken")
            phase, start, opened = _ACTIVE, event.date, False
        elif kind in (EventKind.REAFFIRMED, EventKind.REPORTED):
            if phase != _ACTIVE:
                raise fail(
                    index, f"{'reaffirms' if kind is EventKind.REAFFIRMED else 'reports'} relations that are {phase}"
                )
        elif kind is EventKind.ENDED:
            if phase == _ENDED:
                raise fail(index, "ends relations that already ended")
            if event.successor is not None and event.successor == event.state:
                raise fail(index, "names the ending state as its own successor")
            if phase == _ACTIVE:
                end = _state_end_within(event.state, event.date) or event.date
                periods.append(_close(start, end, functools.partial(fail, index), opened))
            phase = _ENDED
        # EventKind.UNSPECIFIED changes nothing.
        current = event.state
        previous = event
    if phase == _ACTIVE and start is not None:
        periods.append(Period(start=start, open_start=opened))
    return tuple(periods)


def _ceased_before(state: Counterpart, date: PartialDate) -> PartialDate | None:
    """The day after the state's last, when it ceased before ``date`` (else ``None``)."""
    ends = [p.end for p in state.existence]
    if not ends or any(end is None for end in ends):
        return None
    last = max((end for end in ends if end is not None), key=lambda end: end.latest_ordinal)
    return last if last.latest_ordinal < date.earliest_ordinal else None


def _state_end_within(state: Counterpart, date: PartialDate) -> PartialDate | None:
    """The day after the state's last, when that last day lies within ``date`` (else ``None``)."""
    for period in state.existence:
        end = period.end
        if end is not None and end.earliest_ordinal == end.latest_ordinal:
            last = end.earliest_ordinal - 1
            if date.earliest_ordinal <= last <= date.latest_ordinal:
                return end
    return None


def _carries_over(lineage: Sequence[Counterpart], current: Counterpart | None, state: Counterpart) -> bool:
    ids = [s.id for s in lineage]
    return current is not None and current.id in ids and state.id in ids and ids.index(state.id) > ids.index(current.id)


def _name(state: Counterpart | None) -> str:
    return "nobody" if state is None else state.name


def _close(
    start: PartialDate | None,
    end: PartialDate,
    fail: Callable[[str], InvalidEventSequenceError],
    opened: bool = False,
) -> Period:
    assert start is not None  # a period is open whenever relations are active
    if not start.possibly_before(end):
        raise fail(f"closes the period that began {start} on or before its first day")
    return Period(start=start, end=end, open_start=opened)
