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
>>> czech.status_on("1959-01-01").value
'inactive'
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

import attrs

from ._lazy import lazy_module
from ._schema import inherit
from .counterparts import PERU_CONFEDERATION, PERU_INDEPENDENCE, Counterpart
from .dates import DateLike, PartialDate, to_partial_date
from .errors import NoStateOnDateError
from .events import Event, EventKind, compile_periods
from .periods import AFTER_ALL, Period, Status, StatusTimeline, all_of, any_of, check_range
from .provenance import Attribution, Contest, DateDispute, Measure, Reference, Region, Source
from .representation import Mission, Representation

if TYPE_CHECKING:
    from . import explanation
else:  # the explanations load on first use, not with the first lookup; their names resolve at run time
    explanation = lazy_module("peru_diplomacy.explanation")

__all__ = ["Relation"]


@attrs.frozen(kw_only=True, repr=False)
class Relation:
    """Everything the source says about Peru's relations with one lineage.

    ``counterpart`` is today's state (or the last state of a lineage that
    ended), ``states`` every state of the lineage in order, whether or not an
    event concerns it. ``events`` are in the source's order; ``periods`` are
    compiled from them when the record is made, and an incoherent history
    raises :class:`~peru_diplomacy.InvalidEventSequenceError`. ``horizon`` is
    how far the data's knowledge of this relation reaches: later days are
    ``uncertain`` (see :meth:`status_on`). ``contests`` are spans on which
    another source disagrees with the table (status there is ``uncertain``),
    ``measures`` diplomatic measures that are not events (recalls,
    downgrades), each with its citation; ``representation`` the Correlates of
    War Diplomatic Exchange years of the pair (levels, not formal relations),
    ``missions`` the missions Wikidata lists for the pair on 2022-11-16.
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
    horizon: PartialDate | None = attrs.field(default=None, metadata=inherit("horizon"))
    contests: tuple[Contest, ...] = ()
    measures: tuple[Measure, ...] = ()
    representation: tuple[Representation, ...] = ()
    missions: tuple[Mission, ...] = ()
    periods: tuple[Period, ...] = attrs.field(init=False, eq=False, repr=False)
    _timeline: StatusTimeline = attrs.field(init=False, eq=False, repr=False)
    _carried: StatusTimeline = attrs.field(init=False, eq=False, repr=False)
    _told: StatusTimeline = attrs.field(init=False, eq=False, repr=False)
    _lineage: StatusTimeline = attrs.field(init=False, eq=False, repr=False)
    # Caches made on first use, typed ``object`` so that the record's annotations resolve without loading
    # the explanations (cattrs and the file format read them): a BasisTimeline and an Inputs.
    _bases: object = attrs.field(init=False, eq=False, repr=False, default=None)
    _explainer: object = attrs.field(init=False, eq=False, repr=False, default=None)

    def __attrs_post_init__(self) -> None:
        periods = compile_periods(self.events, relation=self.id, lineage=self.states)
        object.__setattr__(self, "periods", periods)
        told = StatusTimeline.from_periods(periods) if self.events else StatusTimeline.constant(Status.UNCERTAIN)
        object.__setattr__(self, "_told", told)
        told = told.overlaid((contest_span(c) for c in self.contests), Status.UNCERTAIN)
        lineage = any_of(*(state.lifetime for state in self.states))
        object.__setattr__(self, "_lineage", lineage)
        existed = all_of(PERU_LIFETIME, lineage)
        object.__setattr__(self, "_carried", all_of(existed, told))
        if self.horizon is not None:
            told = told.after(self.horizon.latest_ordinal + 1, Status.UNCERTAIN)
        object.__setattr__(self, "_timeline", all_of(existed, told))

    # -- provenance shortcuts -------------------------------------------------------

    @property
    def notes(self) -> str:
        """The row's "Notes" cell verbatim (empty when it has none)."""
        return self.source.notes

    @property
    def table_events(self) -> tuple[Event, ...]:
        """The events the table gives, without those of other sources.

        >>> from peru_diplomacy import relations_with
        >>> [(e.kind.value, str(e.date)) for e in relations_with("Mexico").table_events]
        [('established', '1822-06-13')]
        """
        return tuple(e for e in self.events if e.from_table)

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

    def status_on(self, when: DateLike, *, carry_forward: bool = False) -> Status:
        """Whether relations stood on a day, or on an unknown day within a year or month.

        - ``inactive`` on any day when Peru (from 28 July 1821) or every state
          of the lineage did not exist, whatever the events say;
        - ``uncertain`` where the answer depends on where inside an imprecise
          date (the source's, a lifetime's or the question's) the truth lies,
          on every day of an existing lineage when the source gives no date,
          on the days another source contests (:attr:`contests`), and on
          every day after the :attr:`horizon`;
        - otherwise what the events say.

        ``carry_forward=True`` carries the last known status past the horizon
        (an assumption that nothing changed, which the data cannot back).

        >>> from peru_diplomacy import relations_with
        >>> turkey = relations_with("TUR")
        >>> turkey.status_on("1952-06-01"), turkey.status_on("1953-01-01")
        (<Status.UNCERTAIN: 'uncertain'>, <Status.ACTIVE: 'active'>)
        >>> chile = relations_with("Chile")
        >>> chile.status_on("2030").value, chile.status_on("2030", carry_forward=True).value
        ('uncertain', 'active')
        >>> relations_with("Denmark").status_on("1700").value
        'inactive'
        """
        timeline = self._carried if carry_forward else self._timeline
        return timeline.on(to_partial_date(when))

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
        return how(self._timeline, start, end)

    @property
    def timeline(self) -> StatusTimeline:
        """The status of every day as a step function (what :meth:`status_on` reads).

        >>> from peru_diplomacy import relations_with
        >>> from peru_diplomacy.dates import PartialDate
        >>> relations_with("Japan").timeline.on(PartialDate(1945)).value
        'inactive'
        """
        return self._timeline

    @property
    def carried_timeline(self) -> StatusTimeline:
        """The status of every day with the last known status carried past the horizon (what
        ``status_on(..., carry_forward=True)`` reads: an assumption that nothing changed).

        >>> from peru_diplomacy import relations_with
        >>> from peru_diplomacy.dates import PartialDate
        >>> relations_with("Chile").carried_timeline.on(PartialDate(2030)).value
        'active'
        """
        return self._carried

    def explain(self, when: DateLike) -> explanation.Explanation:
        """Why relations stood, or did not, or may have, on ``when``: the rule and the records behind it.

        ``status`` is :meth:`status_on` of the day; ``basis`` the :class:`~peru_diplomacy.Basis` that
        decided it; ``evidence`` the events bracketing the day, the contests covering it, the
        lifetime or horizon that decided it, each with what to cite.

        >>> from peru_diplomacy import relations_with
        >>> why = relations_with("Chile").explain("1880-01-01")
        >>> why.status.value, why.basis.value, why.state.name
        ('inactive', 'between_events', 'Chile')
        >>> why = relations_with("Estonia").explain("1950")
        >>> why.basis.value, [e.kind.value for e in why.evidence]
        ('contest', ['event', 'contest', 'lifetime'])
        """
        day = to_partial_date(when)
        states = self.counterparts_on(day)  # the state of the day as counterpart_on gives it, or none
        return explanation.explain(self._inputs(), day, self._timeline.on(day), states[0] if states else None)

    def basis_at(self, ordinal: int) -> explanation.Basis:
        """The :class:`~peru_diplomacy.Basis` of one day (a :meth:`datetime.date.toordinal`), as
        :meth:`explain` gives it; computed once for the whole relation, then a look-up (the panels' way).

        >>> import datetime
        >>> from peru_diplomacy import relations_with
        >>> relations_with("Chile").basis_at(datetime.date(1880, 1, 1).toordinal()).value
        'between_events'
        """
        return explanation.basis_at(self.bases, ordinal)

    def possible_days_by_basis(self, first: int, last: int) -> dict[explanation.Basis, int]:
        """The days from ``first`` to ``last`` (ordinals) on which relations may have stood (a state of the
        lineage and Peru existed, or may have), counted by the :class:`~peru_diplomacy.Basis` of their status.

        >>> import datetime
        >>> from peru_diplomacy import relations_with
        >>> days = relations_with("Chile").possible_days_by_basis(
        ...     datetime.date(1880, 1, 1).toordinal(), datetime.date(1889, 12, 31).toordinal())
        >>> sorted((b.value, n) for b, n in days.items())
        [('between_events', 3653)]
        """
        return explanation.possible_days(self.bases, first, last)

    @property
    def bases(self) -> explanation.BasisTimeline:
        """The basis and the status of every day as a step function, ``(starts, bases, statuses)``: day
        ordinals where they change, and the :class:`~peru_diplomacy.Basis` and status from each on (what
        :meth:`basis_at` reads; computed once, on first use).

        >>> from peru_diplomacy import relations_with
        >>> starts, bases, statuses = relations_with("Japan").bases
        >>> [b.value for b in bases][:3]
        ['peru_lifetime', 'before_events', 'event_date']
        """
        if self._bases is None:  # computed once; two threads at once compute the same value
            object.__setattr__(self, "_bases", explanation.basis_timeline(self._inputs(), self._timeline))
        return cast("explanation.BasisTimeline", self._bases)

    def _inputs(self) -> explanation.Inputs:
        if self._explainer is None:  # made once; two threads at once make the same value
            object.__setattr__(self, "_explainer", self._make_inputs())
        return cast("explanation.Inputs", self._explainer)

    def _make_inputs(self) -> explanation.Inputs:
        return explanation.Inputs(
            relation_id=self.id,
            events=self.events,
            contests=self.contests,
            states=self.states,
            told=self._told,
            lineage=self._lineage,
            peru=PERU_LIFETIME,
            horizon=self.horizon,
            peru_text=_PERU_TEXT,
        )

    def counterparts_on(self, when: DateLike) -> tuple[Counterpart, ...]:
        """Every state of the lineage that may have existed on ``when``, certain ones first.

        Empty when none did.

        >>> from peru_diplomacy import relations_with
        >>> [s.name for s in relations_with("Russia").counterparts_on("1991-12")]
        ['Soviet Union', 'Russia']
        """
        day = to_partial_date(when)
        statuses = [(state, state.exists_on(day)) for state in self.states]
        certain = [state for state, status in statuses if status is Status.ACTIVE]
        return tuple(certain + [state for state, status in statuses if status is Status.UNCERTAIN])

    def counterpart_on(self, when: DateLike) -> Counterpart:
        """The state of the lineage that existed on ``when``, relations or not.

        A state that certainly existed comes before one that may have; inside
        an imprecise date of a change of state the earlier state is given (see
        :meth:`counterparts_on` for every possibility). Raises
        :class:`~peru_diplomacy.NoStateOnDateError` (a :class:`LookupError`)
        when no state of the lineage existed then.

        >>> from peru_diplomacy import relations_with
        >>> russia = relations_with("Russia")
        >>> russia.counterpart_on("1950-01-01").name, russia.counterpart_on("1900").name
        ('Soviet Union', 'Russian Empire')
        >>> relations_with("Serbia").counterpart_on("1980").name
        'Yugoslavia'
        """
        day = to_partial_date(when)
        found = self.counterparts_on(day)
        if not found:
            lives = "; ".join(f"{state.name} {state.lifetime_text}" for state in self.states)
            raise NoStateOnDateError([state.name for state in self.states], str(day), detail=lives)
        return found[0]

    def events_of(self, kind: EventKind) -> tuple[Event, ...]:
        """The events of one kind, in order.

        >>> from peru_diplomacy import EventKind, relations_with
        >>> [str(e.date) for e in relations_with("SADR").events_of(EventKind.BROKEN)]
        ['1996-09-09', '2022-08-18', '2023-09-08']
        """
        return tuple(event for event in self.events if event.kind is kind)

    def __repr__(self) -> str:
        """A short summary; the fields themselves hold the detail.

        >>> from peru_diplomacy import relations_with
        >>> relations_with("Czechoslovakia")
        <Relation CZE: Czechoslovakia → Czech Republic, Europe row 10, 6 events, high
        confidence>
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


def contest_span(contest: Contest) -> tuple[int, int]:
    """The half-open day-ordinal span a contest covers."""
    end = AFTER_ALL if contest.end is None else contest.end.earliest_ordinal
    return (contest.start.earliest_ordinal, end)


PERU_LIFETIME = StatusTimeline.from_periods([Period(start=PERU_INDEPENDENCE)]).overlaid(
    [PERU_CONFEDERATION.possible_span()], Status.UNCERTAIN
)
"""Peru's existence as the subject of its own relations: from independence, uncertain in the Confederation."""

_PERU_TEXT = (
    f"Peru exists from {PERU_INDEPENDENCE} (its declaration of independence); from {PERU_CONFEDERATION.start} "
    f"to {PERU_CONFEDERATION.end} it was a member of the Peru–Bolivian Confederation, and whether a relation "
    "then was its own is not settled"
)
