"""Hypothesis strategies: partial dates, and event histories with the true days behind them."""

from __future__ import annotations

import calendar
import datetime as dt

import attrs
from hypothesis import strategies as st

from peru_diplomacy import Counterpart, CounterpartKind, Event, EventKind, PartialDate, Reference

STATES = tuple(
    Counterpart(id=f"S{i}", name=f"State {i}", kind=CounterpartKind.SOVEREIGN_STATE, alpha3=f"S{i}X") for i in range(10)
)
SUCCESSOR = Counterpart(id="SUCC", name="Successor", kind=CounterpartKind.SOVEREIGN_STATE)
REFERENCES = st.builds(Reference, number=st.integers(1, 66), text=st.text(max_size=5))


@st.composite
def partial_dates(draw: st.DrawFn, min_year: int = 1, max_year: int = 9999) -> PartialDate:
    year = draw(st.integers(min_year, max_year))
    precision = draw(st.sampled_from(("year", "month", "day")))
    if precision == "year":
        return PartialDate(year)
    month = draw(st.integers(1, 12))
    if precision == "month":
        return PartialDate(year, month)
    return PartialDate(year, month, draw(st.integers(1, calendar.monthrange(year, month)[1])))


def coarsen(draw: st.DrawFn, day: dt.date) -> PartialDate:
    """A partial date that contains ``day``, at a drawn precision."""
    precision = draw(st.sampled_from(("year", "month", "day", "day")))
    if precision == "year":
        return PartialDate(day.year)
    if precision == "month":
        return PartialDate(day.year, day.month)
    return PartialDate.from_date(day)


@attrs.frozen
class History:
    """A valid event sequence, and the exact day behind each (imprecise) date."""

    events: tuple[Event, ...]
    true_days: tuple[dt.date, ...]

    def refined(self) -> tuple[Event, ...]:
        return tuple(
            attrs.evolve(e, date=PartialDate.from_date(d)) for e, d in zip(self.events, self.true_days, strict=True)
        )


@st.composite
def histories(draw: st.DrawFn, max_events: int = 7, first_year: int = 1900, span_days: int = 4000) -> History:
    count = draw(st.integers(0, max_events))
    start = dt.date(first_year, 1, 1).toordinal()
    ordinals = sorted(draw(st.sets(st.integers(start, start + span_days), min_size=count, max_size=count)))
    days = [dt.date.fromordinal(o) for o in ordinals]
    events: list[Event] = []
    phase = "none"
    states = iter(STATES)
    current = next(states)
    for day in days:
        if phase == "none":
            options = [EventKind.ESTABLISHED]
        elif phase == "active":
            options = [
                EventKind.BROKEN,
                EventKind.REAFFIRMED,
                EventKind.UNSPECIFIED,
                EventKind.SUCCEEDED,
                EventKind.ENDED,
            ]
        elif phase == "broken":
            options = [EventKind.RESTORED, EventKind.UNSPECIFIED, EventKind.ENDED]
        else:
            options = [EventKind.ESTABLISHED, EventKind.UNSPECIFIED]
        kind = draw(st.sampled_from(options))
        predecessor = successor = None
        if kind is EventKind.SUCCEEDED or (kind is EventKind.ESTABLISHED and phase == "ended"):
            predecessor = current if kind is EventKind.SUCCEEDED else None
            current = next(states)
        if kind is EventKind.ENDED and draw(st.booleans()):
            successor = SUCCESSOR
        events.append(
            Event(
                kind=kind,
                date=coarsen(draw, day),
                state=current,
                text=day.isoformat(),
                qualifier=draw(st.none() | st.sampled_from(["New York", "Joint Communique"])),
                references=tuple(draw(st.lists(REFERENCES, max_size=2))),
                predecessor=predecessor,
                successor=successor,
            )
        )
        phase = {
            EventKind.ESTABLISHED: "active",
            EventKind.RESTORED: "active",
            EventKind.BROKEN: "broken",
            EventKind.ENDED: "ended",
        }.get(kind, phase)
    return History(tuple(events), tuple(days))
