"""A relation: Peru's bilateral history with one counterpart lineage.

A lineage is a state and the states it continued: Czechoslovakia then the
Czech Republic, the Russian Empire then the USSR then the Russian Federation.
The German Democratic Republic has a relation of its own, ended in 1990.

>>> from peru_diplomacy import relations_with
>>> czech = relations_with("Czechoslovakia")
>>> czech.counterpart.name
'Czech Republic'
>>> czech.counterpart_on("1970-01-01").name
'Czechoslovakia'
>>> czech.status_on("1960-01-01").value
'inactive'
"""

from __future__ import annotations

from collections.abc import Callable

import attrs

from .counterparts import Counterpart
from .dates import DateLike, PartialDate, to_partial_date
from .events import Event, EventKind, compile_periods
from .periods import Period, Status, StatusTimeline, check_range
from .provenance import Attribution, DateDispute, Reference, Region, Source

__all__ = ["Relation"]


@attrs.frozen(kw_only=True, repr=False)
class Relation:
    """Everything the source says about Peru's relations with one lineage.

    ``counterpart`` is today's state (or the last state of a lineage that
    ended), ``states`` every state of the lineage in order. ``events`` are in
    the source's order; ``periods`` are compiled from them when the record is
    made, and an incoherent history raises
    :class:`~peru_diplomacy.InvalidEventSequenceError`.
    ``notes`` is the row's "Notes" cell verbatim; ``references`` the footnotes
    its cells cite; ``remarks`` what the editors of this dataset add (never a
    date: see ``attribution`` for how sure the row's country is).

    >>> from peru_diplomacy import relations_with
    >>> cuba = relations_with("Cuba")
    >>> [(str(p.start), str(p.end)) for p in cuba.periods]
    [('1905-01-11', '1960-12-30'), ('1972-07-08', 'None')]
    >>> cuba.attribution.confidence.value, cuba.region.value
    ('high', 'Americas')
    """

    id: str
    counterpart: Counterpart
    states: tuple[Counterpart, ...]
    region: Region
    events: tuple[Event, ...]
    source: Source
    attribution: Attribution
    references: tuple[Reference, ...] = ()
    remarks: tuple[str, ...] = ()
    periods: tuple[Period, ...] = attrs.field(init=False, eq=False, repr=False)
    _timeline: StatusTimeline = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        periods = compile_periods(self.events, relation=self.id)
        object.__setattr__(self, "periods", periods)
        object.__setattr__(self, "_timeline", StatusTimeline.from_periods(periods))

    # -- provenance shortcuts -------------------------------------------------------

    @property
    def notes(self) -> str:
        """The row's "Notes" cell verbatim (empty when it has none)."""
        return self.source.notes

    @property
    def disputes(self) -> tuple[DateDispute, ...]:
        """Dates that other sources give differently from the table."""
        return self.attribution.disputes

    @property
    def established(self) -> PartialDate | None:
        """The date relations were first established, or ``None`` when the source gives none.

        >>> from peru_diplomacy import relations_with
        >>> str(relations_with("Turkey").established)
        '1952'
        """
        for event in self.events:
            if event.kind is EventKind.ESTABLISHED:
                return event.date
        return None

    @property
    def is_dated(self) -> bool:
        """Whether the source gives any date for this relation."""
        return bool(self.events)

    # -- questions in time ----------------------------------------------------------

    def status_on(self, when: DateLike) -> Status:
        """Whether relations stood on a day, or on an unknown day within a year or month.

        Uncertain exactly when the answer depends on where inside an imprecise
        date (the source's or the question's) the truth lies. A relation the
        source gives no date for is uncertain on every day.

        >>> from peru_diplomacy import relations_with
        >>> turkey = relations_with("TUR")
        >>> turkey.status_on("1952-06-01"), turkey.status_on("1953-01-01")
        (<Status.UNCERTAIN: 'uncertain'>, <Status.ACTIVE: 'active'>)
        """
        if not self.events:
            return Status.UNCERTAIN
        return self._timeline.on(to_partial_date(when))

    def is_active_on(self, when: DateLike) -> bool:
        """True only when relations certainly stood on ``when``.

        >>> from peru_diplomacy import relations_with
        >>> relations_with("Turkey").is_active_on("1952-06-01"), relations_with("Turkey").is_active_on("1953")
        (False, True)
        """
        return self.status_on(when) is Status.ACTIVE

    def status_at_any_time(self, first: DateLike, last: DateLike) -> Status:
        """Whether relations stood on at least one day from ``first`` to ``last`` (inclusive).

        >>> from peru_diplomacy import relations_with
        >>> relations_with("Japan").status_at_any_time("1942", "1952").value
        'active'
        """
        return self._over_range(first, last, StatusTimeline.at_any_time)

    def status_throughout(self, first: DateLike, last: DateLike) -> Status:
        """Whether relations stood on every day from ``first`` to ``last`` (inclusive).

        >>> from peru_diplomacy import relations_with
        >>> relations_with("Japan").status_throughout("1943", "1951").value
        'inactive'
        """
        return self._over_range(first, last, StatusTimeline.throughout)

    def _over_range(
        self, first: DateLike, last: DateLike, how: Callable[[StatusTimeline, PartialDate, PartialDate], Status]
    ) -> Status:
        start, end = to_partial_date(first), to_partial_date(last)
        check_range(start, end)
        return how(self._timeline, start, end) if self.events else Status.UNCERTAIN

    def counterparts_on(self, when: DateLike) -> tuple[Counterpart, ...]:
        """Every state of the lineage the relation may have concerned on ``when``.

        One state unless ``when`` falls inside an imprecise date of a change of state.
        """
        day = to_partial_date(when)
        possible = [self.states[0]]
        for event in self._state_changes():
            if event.date.latest <= day.earliest:
                possible = [event.state]
            elif event.date.earliest <= day.latest:
                possible.append(event.state)
            else:
                break
        return tuple(dict.fromkeys(possible))

    def counterpart_on(self, when: DateLike) -> Counterpart:
        """The state the relation concerned on ``when``.

        That is the state of the lineage whose first event is on or before
        ``when``; before any event, the lineage's first state. Inside an
        imprecise date of a change of state the earlier state is given: see
        :meth:`counterparts_on` for every possibility.

        >>> from peru_diplomacy import relations_with
        >>> relations_with("Russia").counterpart_on("1980-06-01").name
        'Soviet Union'
        """
        return self.counterparts_on(when)[0]

    def _state_changes(self) -> list[Event]:
        seen = {self.states[0].id}
        changes = []
        for event in self.events:
            if event.state.id not in seen:
                seen.add(event.state.id)
                changes.append(event)
        return changes

    def events_of(self, kind: EventKind) -> tuple[Event, ...]:
        """The events of one kind, in order.

        >>> from peru_diplomacy import EventKind, relations_with
        >>> [str(e.date) for e in relations_with("SADR").events_of(EventKind.BROKEN)]
        ['1996-09-09', '2022-08-18']
        """
        return tuple(event for event in self.events if event.kind is kind)

    def __repr__(self) -> str:
        """A short summary; the fields themselves hold the detail.

        >>> from peru_diplomacy import relations_with
        >>> relations_with("Czechoslovakia")
        <Relation CZE: Czechoslovakia → Czech Republic, Europe row 10, 4 events, high confidence>
        """
        lineage = " → ".join(state.name for state in self.states)
        events = f"{len(self.events)} event{'' if len(self.events) == 1 else 's'}"
        return (
            f"<Relation {self.id}: {lineage}, {self.region.value} row {self.source.row}, "
            f"{events}, {self.attribution.confidence.value} confidence>"
        )

    def __str__(self) -> str:
        """``Peru–`` and the counterpart's name."""
        return f"Peru–{self.counterpart.name}"
