"""Events compile into periods; three-valued answers hold for every generated history."""

from __future__ import annotations

import datetime as dt
import itertools

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from peru_diplomacy import (
    Event,
    EventKind,
    InvalidEventSequenceError,
    PartialDate,
    Period,
    Status,
)
from peru_diplomacy.events import compile_periods
from peru_diplomacy.periods import StatusTimeline
from tests.strategies import STATES, SUCCESSOR, History, histories

DAY = dt.timedelta(days=1)


def timeline_of(events: tuple[Event, ...]) -> StatusTimeline:
    return StatusTimeline.from_periods(compile_periods(events, relation="TEST"))


def status(events: tuple[Event, ...], day: dt.date) -> Status:
    return timeline_of(events).on(PartialDate.from_date(day))


def exact_status(history: History, day: dt.date) -> Status:
    """The truth, from the exact days behind the history's dates."""
    return status(history.refined(), day)


days_near = st.integers(-30, 4100).map(lambda n: dt.date(1900, 1, 1) + dt.timedelta(days=n))


@given(histories())
def test_periods_are_sorted_and_disjoint(history: History) -> None:
    periods = compile_periods(history.events, relation="TEST")
    for before, after in itertools.pairwise(periods):
        assert before.end is not None
        assert not after.start.definitely_before(before.end)
        assert (
            before.certain_span()[1] <= after.certain_span()[0] or before.certain_span()[0] >= before.certain_span()[1]
        )
    assert all(p.end is not None for p in periods[:-1])
    for period in periods:
        assert period.end is None or period.start.possibly_before(period.end)


@given(histories(), days_near)
def test_answers_match_the_periods(history: History, day: dt.date) -> None:
    periods = compile_periods(history.events, relation="TEST")
    answer = status(history.events, day)
    inside_clear = any(p.start.latest <= day and (p.end is None or day < p.end.earliest) for p in periods)
    outside_all = all(day < p.start.earliest or (p.end is not None and day >= p.end.latest) for p in periods)
    within_bound = any(p.start.contains(day) or (p.end is not None and p.end.contains(day)) for p in periods)
    if inside_clear:
        assert answer is Status.ACTIVE
    elif outside_all:
        assert answer is Status.INACTIVE
    else:
        assert answer is Status.UNCERTAIN
        assert within_bound


@given(histories(), days_near)
def test_refining_dates_never_flips_a_definite_answer(history: History, day: dt.date) -> None:
    coarse = status(history.events, day)
    truth = exact_status(history, day)
    assert truth is not Status.UNCERTAIN
    if coarse is not Status.UNCERTAIN:
        assert coarse is truth


@given(histories(), st.data())
def test_refining_one_date_anywhere_inside_it_never_flips_a_definite_answer(
    history: History, data: st.DataObject
) -> None:
    assume(history.events)
    index = data.draw(st.integers(0, len(history.events) - 1))
    event = history.events[index]
    refined_day = data.draw(st.dates(event.date.earliest, event.date.latest))
    events = list(history.events)
    events[index] = attrs.evolve(event, date=PartialDate.from_date(refined_day))
    try:
        refined = timeline_of(tuple(events))
    except InvalidEventSequenceError:
        assume(False)  # the refinement put the events out of order
        raise
    coarse = timeline_of(history.events)
    for offset in range(-40, 400, 7):
        ordinal = refined_day.toordinal() + offset
        before, after = coarse.status_at(ordinal), refined.status_at(ordinal)
        if before is not Status.UNCERTAIN:
            assert after is before


@given(histories(max_events=5, span_days=900), st.data())
def test_range_questions_agree_with_a_day_by_day_model(history: History, data: st.DataObject) -> None:
    first = data.draw(st.dates(dt.date(1899, 11, 1), dt.date(1902, 8, 1)))
    length = data.draw(st.integers(0, 200))
    last = first + length * DAY
    timeline = timeline_of(history.events)
    days = [timeline.status_at((first + n * DAY).toordinal()) for n in range(length + 1)]
    any_expected = (
        Status.ACTIVE
        if Status.ACTIVE in days
        else Status.INACTIVE
        if set(days) == {Status.INACTIVE}
        else Status.UNCERTAIN
    )
    all_expected = (
        Status.INACTIVE
        if Status.INACTIVE in days
        else Status.ACTIVE
        if set(days) == {Status.ACTIVE}
        else Status.UNCERTAIN
    )
    a, b = PartialDate.from_date(first), PartialDate.from_date(last)
    assert timeline.at_any_time(a, b) is any_expected
    assert timeline.throughout(a, b) is all_expected


@given(histories(max_events=5, span_days=1500), st.integers(1900, 1904), st.integers(1, 12))
def test_a_partial_question_date_is_definite_only_when_every_day_agrees(
    history: History, year: int, month: int
) -> None:
    timeline = timeline_of(history.events)
    for question in (PartialDate(year), PartialDate(year, month)):
        days = {timeline.status_at(o) for o in range(question.earliest.toordinal(), question.latest.toordinal() + 1)}
        expected = next(iter(days)) if len(days) == 1 else Status.UNCERTAIN
        assert timeline.on(question) is expected


# -- invalid sequences are rejected --------------------------------------------------------


def _first_index(events: tuple[Event, ...], kind: EventKind) -> int | None:
    return next((i for i, e in enumerate(events) if e.kind is kind), None)


@given(histories(), st.data())
def test_every_invalid_mutation_is_rejected(history: History, data: st.DataObject) -> None:
    events = list(history.events)
    assume(events)
    mutation = data.draw(
        st.sampled_from(["not_established_first", "restore_while_active", "break_twice", "bad_succession", "reverse"])
    )
    if mutation == "not_established_first":
        events[0] = attrs.evolve(events[0], kind=data.draw(st.sampled_from([EventKind.BROKEN, EventKind.RESTORED])))
        message = "before relations were established|while|that are"
    elif mutation == "restore_while_active":
        first = events[0]
        events.insert(1, attrs.evolve(first, kind=EventKind.RESTORED, date=PartialDate.from_date(history.true_days[0])))
        message = "restores relations that are active"
    elif mutation == "break_twice":
        index = _first_index(history.events, EventKind.BROKEN)
        assume(index is not None)
        assert index is not None
        events.insert(index + 1, events[index])
        message = "breaks relations that are broken"
    elif mutation == "bad_succession":
        index = _first_index(history.events, EventKind.SUCCEEDED)
        assume(index is not None)
        assert index is not None
        events[index] = attrs.evolve(events[index], predecessor=SUCCESSOR)
        message = "must name the current state"
    else:
        assume(len(events) >= 2 and events[-1].date.definitely_after(events[0].date))
        events[0], events[-1] = events[-1], events[0]
        message = ""  # whichever rule the swap breaks first
    with pytest.raises(InvalidEventSequenceError, match=message or None) as caught:
        compile_periods(tuple(events), relation="XYZ")
    assert "relation XYZ" in str(caught.value)


def _event(kind: EventKind, text: str, state: int = 0, **extra: object) -> Event:
    return Event(kind=kind, date=PartialDate.fromisoformat(text), state=STATES[state], **extra)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("events", "message"),
    [
        ([_event(EventKind.RESTORED, "1950")], "comes before relations were established"),
        ([_event(EventKind.ESTABLISHED, "1950"), _event(EventKind.ESTABLISHED, "1951")], "already stand"),
        (
            [_event(EventKind.ESTABLISHED, "1950"), _event(EventKind.BROKEN, "1951"), _event(EventKind.BROKEN, "1952")],
            "breaks relations that are broken",
        ),
        ([_event(EventKind.ESTABLISHED, "1950"), _event(EventKind.BROKEN, "1949")], "must be in order"),
        (
            [_event(EventKind.ESTABLISHED, "1950-05-01"), _event(EventKind.BROKEN, "1950-05-01")],
            "on or before its first day",
        ),
        ([_event(EventKind.ESTABLISHED, "1950"), _event(EventKind.BROKEN, "1951", state=1)], "concerns State 1"),
        (
            [_event(EventKind.ESTABLISHED, "1950"), _event(EventKind.SUCCEEDED, "1951", state=1)],
            "must name the current state",
        ),
        (
            [_event(EventKind.ESTABLISHED, "1950"), _event(EventKind.SUCCEEDED, "1951", predecessor=STATES[0])],
            "own successor",
        ),
        (
            [
                _event(EventKind.ESTABLISHED, "1950"),
                _event(EventKind.ENDED, "1951"),
                _event(EventKind.RESTORED, "1952"),
            ],
            "restores relations that are ended",
        ),
        (
            [
                _event(EventKind.ESTABLISHED, "1950"),
                _event(EventKind.ENDED, "1951"),
                _event(EventKind.ESTABLISHED, "1952"),
            ],
            "a resumption is 'restored'",
        ),
        ([_event(EventKind.ESTABLISHED, "1950", successor=STATES[1])], "only an ending may"),
        ([_event(EventKind.ESTABLISHED, "1950", predecessor=STATES[1])], "only a succession may"),
        (
            [_event(EventKind.ESTABLISHED, "1950"), _event(EventKind.ENDED, "1951", successor=STATES[0])],
            "own successor",
        ),
    ],
)
def test_invalid_histories_name_the_problem(events: list[Event], message: str) -> None:
    with pytest.raises(InvalidEventSequenceError, match=message):
        compile_periods(events, relation="TEST")


def test_an_unrestored_break_closes_the_last_period() -> None:
    periods = compile_periods(
        [_event(EventKind.ESTABLISHED, "1874-06-26"), _event(EventKind.BROKEN, "1971-11-02")], relation="TWN"
    )
    assert periods == (Period(start=PartialDate(1874, 6, 26), end=PartialDate(1971, 11, 2)),)


def test_a_period_alone_answers_for_itself() -> None:
    period = Period(start=PartialDate(1952), end=PartialDate(1960, 5))
    assert period.status_on(dt.date(1951, 12, 31)) is Status.INACTIVE
    assert period.status_on(dt.date(1952, 12, 31)) is Status.ACTIVE
    assert period.status_on(dt.date(1960, 5, 15)) is Status.UNCERTAIN
    assert period.status_on(dt.date(1960, 6, 1)) is Status.INACTIVE
    assert not period.is_open
