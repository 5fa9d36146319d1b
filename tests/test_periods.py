"""Events compile into periods; three-valued answers hold for every generated history."""

from __future__ import annotations

import datetime as dt
import itertools

import attrs
import pytest
from hypothesis import assume, example, given
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
from peru_diplomacy.periods import StatusTimeline, all_of, any_of
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
        # A history may begin with a break or a report (relations stood since a day no source gives),
        # never with a restoration, a reaffirmation or a succession.
        events[0] = attrs.evolve(events[0], kind=data.draw(st.sampled_from([EventKind.RESTORED, EventKind.REAFFIRMED])))
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


E, B, R, S, N, A, U = (
    EventKind.ESTABLISHED,
    EventKind.BROKEN,
    EventKind.RESTORED,
    EventKind.SUCCEEDED,
    EventKind.ENDED,
    EventKind.REAFFIRMED,
    EventKind.UNSPECIFIED,
)


@pytest.mark.parametrize(
    ("events", "message"),
    [
        ([_event(R, "1950")], "event 1 (restored 1950, State 0) comes before relations were established"),
        ([_event(U, "1950")], "event 1 (unspecified 1950, State 0) comes before relations were established"),
        (
            [_event(E, "1950"), _event(E, "1951")],
            "event 2 (established 1951, State 0) establishes relations that already stand",
        ),
        (
            [_event(E, "1950"), _event(B, "1951"), _event(B, "1952")],
            "event 3 (broken 1952, State 0) breaks relations that are broken",
        ),
        (
            [_event(E, "1950"), _event(B, "1949")],
            "event 2 (broken 1949, State 0) comes before the previous event (1950): events must be in order",
        ),
        (
            [_event(E, "1950-05-01"), _event(B, "1950-05-01")],
            "event 2 (broken 1950-05-01, State 0) closes the period that began 1950-05-01 on or before its first day",
        ),
        (
            [_event(E, "1950"), _event(B, "1951", state=1)],
            "event 2 (broken 1951, State 1) concerns State 1, but the relation is with State 0",
        ),
        (
            [_event(E, "1950"), _event(S, "1951", state=1)],
            "event 2 (succeeded 1951, State 1) must name the current state (State 0) as its predecessor, not nobody",
        ),
        (
            [_event(E, "1950"), _event(S, "1951", state=2, predecessor=STATES[1])],
            "event 2 (succeeded 1951, State 2) must name the current state (State 0) as its predecessor, not State 1",
        ),
        (
            [_event(E, "1950"), _event(S, "1951", predecessor=STATES[0])],
            "event 2 (succeeded 1951, State 0) names a state as its own successor",
        ),
        (
            [_event(E, "1950"), _event(N, "1951"), _event(R, "1952")],
            "event 3 (restored 1952, State 0) restores relations that are ended, not broken",
        ),
        (
            [_event(E, "1950"), _event(R, "1952")],
            "event 2 (restored 1952, State 0) restores relations that are active, not broken",
        ),
        (
            [_event(E, "1950"), _event(N, "1951"), _event(E, "1952")],
            "event 3 (established 1952, State 0) establishes relations again with State 0: a resumption is 'restored'",
        ),
        (
            [_event(E, "1950", successor=STATES[1])],
            "event 1 (established 1950, State 0) names a successor, which only an ending may",
        ),
        (
            [_event(E, "1950", predecessor=STATES[1])],
            "event 1 (established 1950, State 0) names a predecessor, which only a succession may",
        ),
        (
            [_event(E, "1950"), _event(N, "1951", successor=STATES[0])],
            "event 2 (ended 1951, State 0) names the ending state as its own successor",
        ),
        (
            [_event(E, "1950"), _event(B, "1951"), _event(A, "1952")],
            "event 3 (reaffirmed 1952, State 0) reaffirms relations that are broken",
        ),
        (
            [_event(E, "1950"), _event(B, "1951"), _event(S, "1952", state=1, predecessor=STATES[0])],
            "event 3 (succeeded 1952, State 1) succeeds to relations that are broken",
        ),
        (
            [_event(E, "1950"), _event(N, "1951"), _event(N, "1952")],
            "event 3 (ended 1952, State 0) ends relations that already ended",
        ),
    ],
)
def test_invalid_histories_name_the_problem(events: list[Event], message: str) -> None:
    with pytest.raises(InvalidEventSequenceError) as caught:
        compile_periods(events, relation="TEST")
    assert str(caught.value) == f"relation TEST: {message}"


def test_histories_that_close() -> None:
    # An ending while broken opens nothing and closes nothing; a new state may then be established.
    periods = compile_periods(
        [
            _event(E, "1950"),
            _event(B, "1951"),
            _event(N, "1952"),
            _event(E, "1960", state=1),
            _event(U, "1961", state=1),
        ],
        relation="TEST",
    )
    assert periods == (Period(start=PartialDate(1950), end=PartialDate(1951)), Period(start=PartialDate(1960)))
    # A succession while active continues the period with the next state.
    periods = compile_periods(
        [_event(E, "1950"), _event(S, "1955", state=1, predecessor=STATES[0]), _event(B, "1960", state=1)], relation="T"
    )
    assert periods == (Period(start=PartialDate(1950), end=PartialDate(1960)),)
    # With a lineage, a later event may concern the lineage's next state without a succession.
    lineage = STATES[:3]
    periods = compile_periods([_event(E, "1950"), _event(B, "1960", state=2)], relation="T", lineage=lineage)
    assert periods == (Period(start=PartialDate(1950), end=PartialDate(1960)),)
    with pytest.raises(InvalidEventSequenceError, match="concerns State 0, but the relation is with State 2"):
        compile_periods([_event(E, "1950", state=2), _event(B, "1960", state=0)], relation="T", lineage=lineage)
    with pytest.raises(InvalidEventSequenceError, match="concerns State 3"):
        compile_periods([_event(E, "1950"), _event(B, "1960", state=3)], relation="T", lineage=lineage)
    assert compile_periods([_event(E, "1950"), _event(N, "1951")], relation="T") == (
        Period(start=PartialDate(1950), end=PartialDate(1951)),
    )


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


# -- the step functions, against a day-by-day model --------------------------------------------

STEP_STATUSES = st.sampled_from(list(Status))


@st.composite
def timelines(draw: st.DrawFn) -> StatusTimeline:
    points = sorted(draw(st.sets(st.integers(1, 60), max_size=6)))
    statuses = [draw(STEP_STATUSES) for _ in range(len(points) + 1)]
    from peru_diplomacy.periods import _simplified

    return _simplified([0, *points], statuses)


def _model(timeline: StatusTimeline) -> list[Status]:
    return [timeline.status_at(day) for day in range(70)]


def _and(*values: Status) -> Status:
    if Status.INACTIVE in values:
        return Status.INACTIVE
    return Status.ACTIVE if all(v is Status.ACTIVE for v in values) else Status.UNCERTAIN


def _or(*values: Status) -> Status:
    if Status.ACTIVE in values:
        return Status.ACTIVE
    return Status.INACTIVE if all(v is Status.INACTIVE for v in values) else Status.UNCERTAIN


def _well_formed(timeline: StatusTimeline) -> None:
    assert timeline.starts[0] == 0
    assert all(a < b for a, b in itertools.pairwise(timeline.starts))
    assert all(a is not b for a, b in itertools.pairwise(timeline.statuses))
    assert len(timeline.starts) == len(timeline.statuses)


@given(timelines(), timelines(), timelines())
def test_all_of_and_any_of_are_three_valued_and_or_day_by_day(
    a: StatusTimeline, b: StatusTimeline, c: StatusTimeline
) -> None:
    both, either = all_of(a, b, c), any_of(a, b, c)
    _well_formed(both)
    _well_formed(either)
    for day, (x, y, z) in enumerate(zip(_model(a), _model(b), _model(c), strict=True)):
        assert both.status_at(day) is _and(x, y, z)
        assert either.status_at(day) is _or(x, y, z)
    assert all_of(a).statuses == a.statuses and any_of(a).statuses == a.statuses


@given(timelines(), st.lists(st.tuples(st.integers(0, 70), st.integers(0, 70)), max_size=3), STEP_STATUSES)
def test_overlaid_sets_the_status_on_exactly_the_spans(
    timeline: StatusTimeline, spans: list[tuple[int, int]], status: Status
) -> None:
    result = timeline.overlaid(spans, status)
    _well_formed(result)
    for day, before in enumerate(_model(timeline)):
        inside = any(lo <= day < hi for lo, hi in spans)
        assert result.status_at(day) is (status if inside else before)


@given(timelines(), st.integers(1, 65), STEP_STATUSES)
def test_after_replaces_the_tail(timeline: StatusTimeline, ordinal: int, status: Status) -> None:
    result = timeline.after(ordinal, status)
    _well_formed(result)
    for day, before in enumerate(_model(timeline)):
        assert result.status_at(day) is (status if day >= ordinal else before)


@example(StatusTimeline((0, 5), (Status.INACTIVE, Status.ACTIVE)), 0, 5)  # the last step starts on the last day
@given(timelines(), st.integers(0, 69), st.integers(0, 69))
def test_days_counts_certain_and_possible_days(timeline: StatusTimeline, x: int, y: int) -> None:
    first, last = min(x, y), max(x, y)
    days = _model(timeline)[first : last + 1]
    active = sum(d is Status.ACTIVE for d in days)
    possible = sum(d is not Status.INACTIVE for d in days)
    assert timeline.days(first, last) == (active, possible)
    seen = set(days)
    any_time = (
        Status.ACTIVE if Status.ACTIVE in seen else (Status.INACTIVE if seen == {Status.INACTIVE} else Status.UNCERTAIN)
    )
    throughout = (
        Status.INACTIVE if Status.INACTIVE in seen else (Status.ACTIVE if seen == {Status.ACTIVE} else Status.UNCERTAIN)
    )
    assert timeline.at_any_time_ordinals(first, last) is any_time
    assert timeline.throughout_ordinals(first, last) is throughout


def test_periods_with_open_starts_and_empty_spans() -> None:
    open_start = Period(start=PartialDate(1816, 1, 1), open_start=True)
    assert open_start.possible_span()[0] == 0
    assert open_start.status_on("1700") is Status.UNCERTAIN and open_start.status_on("1816-01-01") is Status.ACTIVE
    empty = Period(start=PartialDate(1952, 5, 1), end=PartialDate(1952, 5, 1))
    assert StatusTimeline.from_periods([empty]).statuses == (Status.INACTIVE,)
    closed_on_the_day = Period(start=PartialDate(1952), end=PartialDate(1952, 12, 31))
    timeline = StatusTimeline.from_periods([closed_on_the_day])
    assert timeline.status_at(dt.date(1952, 12, 30).toordinal()) is Status.UNCERTAIN
    assert timeline.status_at(dt.date(1952, 12, 31).toordinal()) is Status.INACTIVE


def test_an_open_period_has_three_steps_and_an_ending_on_its_first_day_is_refused() -> None:
    assert StatusTimeline.from_periods([Period(start=PartialDate(1952))]).statuses == (
        Status.INACTIVE,
        Status.UNCERTAIN,
        Status.ACTIVE,
    )
    with pytest.raises(InvalidEventSequenceError) as caught:
        compile_periods([_event(E, "1950-05-01"), _event(N, "1950-05-01")], relation="TEST")
    assert str(caught.value) == (
        "relation TEST: event 2 (ended 1950-05-01, State 0) closes the period that began 1950-05-01 "
        "on or before its first day"
    )


def test_a_timeline_is_an_immutable_value() -> None:
    import copy
    import pickle

    timeline = StatusTimeline((0, 5), (Status.INACTIVE, Status.ACTIVE))
    same = StatusTimeline((0, 5), (Status.INACTIVE, Status.ACTIVE))
    assert timeline == same and hash(timeline) == hash(same) and len({timeline, same}) == 1
    assert timeline != StatusTimeline((0, 6), (Status.INACTIVE, Status.ACTIVE)) and timeline != (0, 5)
    assert pickle.loads(pickle.dumps(timeline)) == timeline == copy.deepcopy(timeline)
    assert repr(timeline) == (
        "StatusTimeline(starts=(0, 5), statuses=(<Status.INACTIVE: 'inactive'>, <Status.ACTIVE: 'active'>))"
    )
    with pytest.raises(AttributeError, match="immutable: cannot set 'starts'"):
        timeline.starts = ()
    with pytest.raises(AttributeError, match="immutable: cannot delete 'statuses'"):
        del timeline.statuses


@given(
    spans=st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=12),
    base=st.sampled_from(list(Status)),
)
def test_overlaid_and_from_periods_agree_with_a_day_by_day_reading(spans: list[tuple[int, int]], base: Status) -> None:
    # Both are sweeps now (linear: 20,000 amendment events took 7.5 s, #29); each day reads as the rule says.
    from peru_diplomacy.periods import StatusTimeline

    timeline = StatusTimeline.constant(base).overlaid([(700_000 + a, 700_000 + b) for a, b in spans], Status.UNCERTAIN)
    for day in range(700_000 - 2, 700_000 + 64):
        covered = any(700_000 + a <= day < 700_000 + b for a, b in spans)
        assert timeline.status_at(day) is (Status.UNCERTAIN if covered else base)
