"""Why an answer is what it is: the rule that decided a status, and the records behind it.

Every status comes from one of a few rules (docs: "How an answer is reached"); :class:`Basis`
names them, once, for :meth:`Relation.explain <peru_diplomacy.Relation.explain>`, the panel's
``basis`` column and the summaries.

>>> from peru_diplomacy import relations_with
>>> why = relations_with("Chile").explain("1880-01-01")
>>> why.status.value, why.basis.value
('inactive', 'between_events')
>>> [(e.side, e.event.kind.value, str(e.event.date)) for e in why.evidence]
[('before', 'war_declared', '1879-04-05'), ('after', 'restored', '1883-10-20')]
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Literal

import attrs

from ._enums import TextEnum
from .counterparts import Counterpart
from .dates import PartialDate
from .events import Event, EventKind
from .periods import AFTER_ALL as _AFTER_ALL
from .periods import Status, StatusTimeline
from .provenance import Citation, Confidence, Contest

__all__ = ["Basis", "Evidence", "EvidenceKind", "Explanation", "InferenceKind", "Side"]


class Basis(TextEnum):
    """The rule that decided a status: one vocabulary for explanations, panels and summaries.

    >>> from peru_diplomacy import Basis
    >>> Basis("contest").rests_on
    'contest'
    """

    EVENT_DATE = "event_date"
    """The day lies inside an event's imprecise date (``uncertain``: where inside it the truth lies), or
    is the day of an event that decides it."""
    BETWEEN_EVENTS = "between_events"
    """A dated event on each side: the status the earlier one began, up to the later one."""
    SINCE_EVENT = "since_event"
    """Continuity since the last dated event, with none after it up to the horizon."""
    BEFORE_EVENTS = "before_events"
    """Before the first event, an establishment: relations had not begun (``inactive``)."""
    CONTEST = "contest"
    """Another source disagrees with the events on the day (``uncertain``)."""
    STATE_LIFETIME = "state_lifetime"
    """No state of the lineage existed (``inactive``), or whether one did is not settled (``uncertain``)."""
    PERU_LIFETIME = "peru_lifetime"
    """Before Peru's independence (``inactive``), or in the Peru–Bolivian Confederation (``uncertain``)."""
    HORIZON = "horizon"
    """After what the data knows (``uncertain``)."""
    SOURCE_ABSENCE = "source_absence"
    """A state with no relation, of which a carried source says there were none (``inactive``)."""
    TABLE_SCOPE = "table_scope"
    """A state the table neither lists nor names, from the end of the table's month (``inactive``)."""
    NO_SOURCE = "no_source"
    """No source dates anything here: a relation with no dated event, the days before a history that
    begins with its first evidence, a state no source covers (``uncertain``)."""

    @property
    def rests_on(self) -> InferenceKind:
        """What the status rests on, in the inference summary's five words (and ``silence``).

        >>> from peru_diplomacy import Basis
        >>> Basis.SINCE_EVENT.rests_on, Basis.BETWEEN_EVENTS.rests_on
        ('continuity', 'dated_source')
        """
        return _RESTS_ON[self]


InferenceKind = Literal["dated_source", "continuity", "contest", "lifetime", "horizon", "silence"]
"""What a status rests on: a dated source on each side (or on the day), continuity since the last
dated event, a contest, a lifetime (the state's or Peru's), the horizon, or silence (no source)."""

_RESTS_ON: dict[Basis, InferenceKind] = {
    Basis.EVENT_DATE: "dated_source",
    Basis.BETWEEN_EVENTS: "dated_source",
    Basis.BEFORE_EVENTS: "dated_source",
    Basis.SOURCE_ABSENCE: "dated_source",
    Basis.SINCE_EVENT: "continuity",
    Basis.TABLE_SCOPE: "continuity",
    Basis.CONTEST: "contest",
    Basis.STATE_LIFETIME: "lifetime",
    Basis.PERU_LIFETIME: "lifetime",
    Basis.HORIZON: "horizon",
    Basis.NO_SOURCE: "silence",
}

Side = Literal["before", "on", "after", "covers"]
"""Where a piece of evidence lies against the day asked about: wholly before it, on it (the day falls
inside its date), wholly after it, or a span that covers some of it."""


class EvidenceKind(TextEnum):
    """What a piece of evidence is."""

    EVENT = "event"
    CONTEST = "contest"
    LIFETIME = "lifetime"
    PERU_LIFETIME = "peru_lifetime"
    HORIZON = "horizon"


@attrs.frozen(kw_only=True)
class Evidence:
    """One record behind an answer, and where it lies against the day asked about.

    ``event`` or ``contest`` is the record itself; ``state`` the state whose lifetime it is;
    ``citation`` and ``confidence`` what to cite (``None`` for the table's events: their
    ``source`` is the relation's row); ``text`` one line in plain words.

    >>> from peru_diplomacy import explain
    >>> item = explain("Italy", "1943").evidence[-1]
    >>> item.kind.value, item.side, str(item.date), item.citation.outlet
    ('contest', 'covers', '1942-01-24', 'FRUS 1942')
    """

    kind: EvidenceKind
    side: Side
    text: str
    date: PartialDate | None = None
    end: PartialDate | None = None
    event: Event | None = None
    contest: Contest | None = None
    state: Counterpart | None = None
    citation: Citation | None = None
    confidence: Confidence | None = None


@attrs.frozen(kw_only=True)
class Explanation:
    """Why a relation's status on a day is what it is.

    ``status`` is always :meth:`Relation.status_on <peru_diplomacy.Relation.status_on>` of the
    day; ``basis`` the rule that decided it; ``evidence`` the records behind it, in order;
    ``state`` the state of the lineage on the day (``None`` when none existed); ``text`` the
    answer in one line.

    >>> from peru_diplomacy import explain
    >>> why = explain("Mexico", "2026-06")
    >>> why.status.value, why.basis.value, why.basis.rests_on
    ('uncertain', 'horizon', 'horizon')
    """

    relation_id: str
    day: PartialDate
    status: Status
    basis: Basis
    state: Counterpart | None
    evidence: tuple[Evidence, ...]
    text: str


@attrs.frozen(kw_only=True)
class Inputs:
    """What a relation's status is made of, as a relation hands it to :func:`explain`."""

    relation_id: str
    events: tuple[Event, ...]
    contests: tuple[Contest, ...]
    states: tuple[Counterpart, ...]
    told: StatusTimeline  # the events alone
    lineage: StatusTimeline  # whether a state of the lineage existed
    peru: StatusTimeline  # whether Peru did
    horizon: PartialDate | None
    peru_text: str
    changes: tuple[Event, ...] = attrs.field(init=False)
    spans: tuple[tuple[int, int], ...] = attrs.field(init=False)  # each change's first and last possible day
    contest_spans: tuple[tuple[int, int], ...] = attrs.field(init=False)  # each contest's, half-open
    texts: tuple[str, ...] = attrs.field(init=False)  # each change in words

    def __attrs_post_init__(self) -> None:
        changes = tuple(e for e in self.events if e.kind.changes_status)
        object.__setattr__(self, "changes", changes)
        object.__setattr__(self, "spans", tuple((e.date.earliest_ordinal, e.date.latest_ordinal) for e in changes))
        contest_spans = tuple(
            (c.start.earliest_ordinal, _AFTER_ALL if c.end is None else c.end.earliest_ordinal) for c in self.contests
        )
        object.__setattr__(self, "contest_spans", contest_spans)
        object.__setattr__(self, "texts", tuple(_event_text(e) for e in changes))


def decide(inputs: Inputs, status: Status, first: int, last: int) -> Basis:
    """The rule that gave ``status`` to the days ``first`` to ``last`` (ordinals), in the order the status is
    made: Peru's lifetime, the lineage's, the horizon, a contest, then the events."""
    peru = inputs.peru.statuses_between(first, last)
    lineage = inputs.lineage.statuses_between(first, last)
    if status is Status.INACTIVE:
        if peru == {Status.INACTIVE}:
            return Basis.PERU_LIFETIME
        if lineage == {Status.INACTIVE}:
            return Basis.STATE_LIFETIME
    elif status is Status.UNCERTAIN:
        if any(lo <= last and hi > first for lo, hi in inputs.contest_spans):
            return Basis.CONTEST
        if inputs.horizon is not None and last > inputs.horizon.latest_ordinal:
            return Basis.HORIZON
        if peru != {Status.ACTIVE}:
            return Basis.PERU_LIFETIME
        if lineage != {Status.ACTIVE}:
            return Basis.STATE_LIFETIME
    return _by_events(inputs, status, first, last)


def _by_events(inputs: Inputs, status: Status, first: int, last: int) -> Basis:
    changes, spans = inputs.changes, inputs.spans
    if not changes:
        return Basis.NO_SOURCE
    before = any(hi < first for _, hi in spans)
    on = any(lo <= last and hi >= first for lo, hi in spans)
    established = changes[0].kind is EventKind.ESTABLISHED
    if on and (status is Status.UNCERTAIN or not before):
        return Basis.EVENT_DATE if before or established else Basis.NO_SOURCE
    if not before:
        return Basis.BEFORE_EVENTS if established else Basis.NO_SOURCE
    after = any(lo > last for lo, _ in spans)
    return Basis.BETWEEN_EVENTS if after or on else Basis.SINCE_EVENT


def explain(inputs: Inputs, day: PartialDate, status: Status, state: Counterpart | None) -> Explanation:
    """The explanation of ``status`` on ``day``, when the lineage's state was ``state`` (see
    :meth:`Relation.explain <peru_diplomacy.Relation.explain>`)."""
    first, last = day.earliest_ordinal, day.latest_ordinal
    basis = decide(inputs, status, first, last)
    evidence: list[Evidence] = []
    earlier = later = -1
    for index, (lo, hi) in enumerate(inputs.spans):
        if hi < first:
            earlier = index
        elif lo > last:
            if later < 0:
                later = index
        else:
            evidence.append(_event(inputs, index, "on"))
    if earlier >= 0:
        evidence.insert(0, _event(inputs, earlier, "before"))
    if later >= 0:
        evidence.append(_event(inputs, later, "after"))
    for contest, (lo, hi) in zip(inputs.contests, inputs.contest_spans, strict=True):
        if lo <= last and hi > first:
            end = "the horizon" if contest.end is None else str(contest.end)
            evidence.append(
                Evidence(
                    kind=EvidenceKind.CONTEST,
                    side="covers",
                    text=f"contested from {contest.start} to {end}: {contest.reason}",
                    date=contest.start,
                    end=contest.end,
                    contest=contest,
                    citation=contest.citations[0] if contest.citations else None,
                )
            )
    if basis is Basis.STATE_LIFETIME or inputs.lineage.statuses_between(first, last) != {Status.ACTIVE}:
        for member in inputs.states:
            evidence.append(
                Evidence(
                    kind=EvidenceKind.LIFETIME,
                    side="covers",
                    text=f"{member.name}: {member.lifetime_text} ({member.existence_source or 'no source'})",
                    state=member,
                )
            )
    if basis is Basis.PERU_LIFETIME or inputs.peru.statuses_between(first, last) != {Status.ACTIVE}:
        evidence.append(Evidence(kind=EvidenceKind.PERU_LIFETIME, side="covers", text=inputs.peru_text))
    if basis is Basis.HORIZON and inputs.horizon is not None:
        evidence.append(
            Evidence(
                kind=EvidenceKind.HORIZON,
                side="before",
                text=f"the data knows nothing after its horizon, {inputs.horizon}",
                date=inputs.horizon,
            )
        )
    return Explanation(
        relation_id=inputs.relation_id,
        day=day,
        status=status,
        basis=basis,
        state=state,
        evidence=tuple(evidence),
        text=_text(status, basis, day, evidence, state),
    )


def _event_text(event: Event) -> str:
    origin = "the table" if event.citation is None else event.citation.outlet
    confidence = "" if event.confidence is None else f", {event.confidence.value} confidence"
    return f"{event.kind.value} {event.date} ({event.state.name}; {origin}{confidence})"


def _event(inputs: Inputs, index: int, side: Side) -> Evidence:
    event = inputs.changes[index]
    return Evidence(
        kind=EvidenceKind.EVENT,
        side=side,
        text=inputs.texts[index],
        date=event.date,
        event=event,
        citation=event.citation,
        confidence=event.confidence,
    )


_SAYS = {
    Basis.EVENT_DATE: "the day lies in a dated event",
    Basis.BETWEEN_EVENTS: "a dated event on each side",
    Basis.SINCE_EVENT: "continuity since the last dated event",
    Basis.BEFORE_EVENTS: "before relations were established",
    Basis.CONTEST: "a source contests the events",
    Basis.STATE_LIFETIME: "the lineage's lifetime",
    Basis.PERU_LIFETIME: "Peru's lifetime",
    Basis.HORIZON: "after the data's horizon",
    Basis.SOURCE_ABSENCE: "a source says there were no relations",
    Basis.TABLE_SCOPE: "the table's scope",
    Basis.NO_SOURCE: "no source dates it",
}


def _text(
    status: Status, basis: Basis, day: PartialDate, evidence: Sequence[Evidence], state: Counterpart | None
) -> str:
    who = "no state of the lineage" if state is None else state.name
    detail = "; ".join(e.text for e in evidence[:3])
    return f"{day}, {who}: {status.value}, {_SAYS[basis]}" + (f" ({detail})" if detail else "")


BasisTimeline = tuple[tuple[int, ...], tuple[Basis, ...], tuple[Status, ...]]
"""The basis and the status of every day as a step function: (starts, bases, statuses)."""


def basis_timeline(inputs: Inputs, statuses: StatusTimeline) -> BasisTimeline:
    """The basis of every day, as a step function: the same rule as :func:`decide` on each day, computed once
    for the points where any of its inputs changes."""
    points = {0, *statuses.starts, *inputs.told.starts, *inputs.lineage.starts, *inputs.peru.starts}
    for event in inputs.events:
        points.update((event.date.earliest_ordinal, event.date.latest_ordinal + 1))
    for contest in inputs.contests:
        points.add(contest.start.earliest_ordinal)
        if contest.end is not None:
            points.add(contest.end.earliest_ordinal)
    if inputs.horizon is not None:
        points.add(inputs.horizon.latest_ordinal + 1)
    starts: list[int] = []
    bases: list[Basis] = []
    kept: list[Status] = []
    for point in sorted(p for p in points if p >= 0):
        status = statuses.status_at(point)
        basis = decide(inputs, status, point, point)
        if not bases or bases[-1] is not basis or kept[-1] is not status:
            starts.append(point)
            bases.append(basis)
            kept.append(status)
    return tuple(starts), tuple(bases), tuple(kept)


def basis_at(timeline: BasisTimeline, ordinal: int) -> Basis:
    """The basis on one day of a :func:`basis_timeline`."""
    starts, bases, _ = timeline
    return bases[bisect.bisect_right(starts, ordinal) - 1]


def possible_days(timeline: BasisTimeline, first: int, last: int) -> dict[Basis, int]:
    """The days from ``first`` to ``last`` (ordinals) by basis, counting only the days on which relations may
    have stood: not those on which no state of the lineage, or Peru, existed."""
    starts, bases, statuses = timeline
    out: dict[Basis, int] = {}
    index = bisect.bisect_right(starts, first) - 1
    day = first
    while day <= last:
        stop = min(last, starts[index + 1] - 1 if index + 1 < len(starts) else last)
        basis, status = bases[index], statuses[index]
        if not (status is Status.INACTIVE and basis in (Basis.STATE_LIFETIME, Basis.PERU_LIFETIME)):
            out[basis] = out.get(basis, 0) + stop - day + 1
        day = stop + 1
        index += 1
    return out
