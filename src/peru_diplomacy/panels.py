"""Dyad-year panels: one row per state and year (or month, or day), as analysts join them.

Each row is Peru and one state *as it was then* (Czechoslovakia's years are
Czechoslovakia's, never the Czech Republic's), with that unit's codes, the
status of relations under a stated rule, the share of days certainly and
possibly active, the attribution's confidence, whether another source
contests the unit, and COW's representation levels in COW's years.

>>> from peru_diplomacy import panel
>>> rows = panel(1950, 2023)
>>> row = next(r for r in rows if r.name == "Czechoslovakia" and r.year == 1960)
>>> row.cow_code, row.status.value, row.contested, row.at_peru.value
(315, 'uncertain', True, 'other')
>>> sorted({r.year for r in rows if r.name == "German Democratic Republic"})[-1]
1990
"""

from __future__ import annotations

import bisect
import calendar
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, get_args

import attrs

from ._numbers import integral
from .counterparts import CodeSystem, Counterpart, Membership
from .dates import PartialDate
from .errors import InvalidArgumentError, PanelTooLargeError
from .explanation import Basis
from .panel_options import DEFAULT_MEMBERSHIP, DEFAULT_RULE, DEFAULT_UNIT, PanelMembership, PanelRule, PanelUnit
from .periods import AFTER_ALL, Status, StatusTimeline, all_of
from .provenance import Confidence
from .relation import Relation, contest_span
from .representation import Representation, RepresentationLevel

if TYPE_CHECKING:
    from ._records import SystemState

__all__ = ["PanelMembership", "PanelRow", "PanelRule", "PanelUnit", "RowBasis"]

RowBasis = Basis
"""Which rule gave a panel row its status: the :class:`~peru_diplomacy.Basis` of an explanation.

A relation's row has the basis of :meth:`Relation.explain <peru_diplomacy.Relation.explain>` on the
unit's last day (the day ``on_day`` reads), or ``state_lifetime`` where the row's own state's
lifetime decided it. A state with no relation (the COW and GW frames) has ``source_absence``, a
carried source says Peru has had no relations with it (Botswana: Peru's foreign ministry, January
2025), so ``inactive`` up to the horizon; ``table_scope``, a state of the table's present that it
neither lists nor names as a possible reading of a row, from the table's own month (May 2023) on:
the table lists every relation then, so ``inactive`` from the end of that month up to the horizon;
or ``no_source``, a state, or a span of a code, no source of the data covers (a state with no row
before the table's month, a state the data names as a possible reading of a low-confidence row, a
state that ended before the table, a span a lineage does not include): ``uncertain``. Silence is not
absence."""


@attrs.frozen(kw_only=True)
class PanelRow:
    """One state in one unit of time.

    ``period`` is the unit (``PartialDate(1960)``, ``PartialDate(1960, 3)``);
    ``counterpart`` the state as it was then; the codes those in force in the
    unit (``None`` where the state was not a member of that system then);
    ``status`` the answer under the panel's rule; ``share_active`` and
    ``share_possible`` the shares of the unit's days on which relations
    certainly and possibly stood; ``contested`` whether another source
    contests any day of the unit; ``at_peru``, ``in_counterpart`` and
    ``exchange`` COW's Diplomatic Exchange levels in COW's years, else ``None``.
    ``basis`` says which rule gave the status (see :data:`~peru_diplomacy.panels.RowBasis`): in the
    COW and GW frames a state with no relation has a row too, with no
    ``relation_id`` and no ``confidence``. ``other_state_id`` names the other
    state that held the row's code in the unit, where two did (the Soviet
    Union beside Russia in 1991).

    >>> from peru_diplomacy import panel
    >>> row = panel(1970, 1970)[0]
    >>> row.year, row.name, row.alpha3, row.cow_code, row.status.value, row.share_active
    (1970, 'Afghanistan', 'AFG', 700, 'inactive', 0.0)
    """

    period: PartialDate
    counterpart: Counterpart
    relation_id: str | None
    status: Status
    share_active: float
    share_possible: float
    confidence: Confidence | None
    contested: bool
    cow_code: int | None
    cow_abbrev: str | None
    gw_code: int | None
    gw_abbrev: str | None
    at_peru: RepresentationLevel | None = None
    in_counterpart: RepresentationLevel | None = None
    exchange: bool | None = None
    basis: Basis = Basis.NO_SOURCE
    other_state_id: str | None = None

    @property
    def year(self) -> int:
        """The unit's year."""
        return self.period.year

    @property
    def name(self) -> str:
        """The state's name."""
        return self.counterpart.name

    @property
    def state_id(self) -> str:
        """The state's stable id (``CSHH``, ``DEU``)."""
        return self.counterpart.id

    @property
    def alpha3(self) -> str | None:
        """ISO 3166-1 alpha-3 code, three letters, as in the relations table (``DDR`` for the GDR)."""
        return self.counterpart.alpha3

    @property
    def iso3166_3(self) -> str | None:
        """ISO 3166-3 code of a former state (``DDDE``), else ``None``."""
        return self.counterpart.iso3166_3


def _alive(life: StatusTimeline) -> tuple[int, int, bool] | None:
    """A lifetime's first and last possible days, and whether it has gaps; ``None`` if it never existed."""
    alive = [i for i, status in enumerate(life.statuses) if status is not Status.INACTIVE]
    if not alive:
        return None
    last = life.starts[alive[-1] + 1] - 1 if alive[-1] + 1 < len(life.starts) else AFTER_ALL
    return life.starts[alive[0]], last, len(alive) != alive[-1] - alive[0] + 1


def _check_size(spans: Iterable[tuple[int, int]], first: int, last: int, unit: str, max_rows: int) -> None:
    """Refuse, before any row is built, a panel that would hold more than ``max_rows`` rows.

    ``spans`` are the first and last days each row-giving state (or code) may cover. The count
    is of the units each span touches, a unit a span touches in part counted whole: never fewer
    rows than the panel would hold (it was an estimate from days, and 169 let 170 rows by), a few
    more where a lifetime has gaps, so a panel near the limit may be refused.
    """
    import datetime

    lo, hi = PartialDate(first).earliest_ordinal, PartialDate(last).latest_ordinal

    def index(ordinal: int) -> int:
        day = datetime.date.fromordinal(ordinal)
        return {"year": day.year, "month": day.year * 12 + day.month, "day": ordinal}[unit]

    rows = 0
    for start, stop in spans:
        a, b = max(lo, start), min(hi, stop)
        if a <= b:
            rows += index(b) - index(a) + 1
    if rows > max_rows:
        raise PanelTooLargeError(rows, max_rows, unit)


def _choice(name: str, value: object, allowed: tuple[str, ...]) -> str:
    if not isinstance(value, str) or value.strip().lower() not in allowed:
        raise InvalidArgumentError(f"{name} must be one of {', '.join(repr(a) for a in allowed)}, not {value!r}")
    return value.strip().lower()


def _year(name: str, value: object) -> int:
    year = integral(value)
    if year is None or not 1 <= year <= 9999:
        raise InvalidArgumentError(f"{name} must be a year from 1 to 9999 (an int), not {value!r}")
    return year


def _units(first: int, last: int, unit: str) -> Iterator[PartialDate]:
    for year in range(first, last + 1):
        if unit == "year":
            yield PartialDate(year)
        elif unit == "month":
            for month in range(1, 13):
                yield PartialDate(year, month)
        else:
            for month in range(1, 13):
                for day in range(1, calendar.monthrange(year, month)[1] + 1):
                    yield PartialDate(year, month, day)


def _spans(state: Counterpart, system: CodeSystem) -> list[tuple[int, int, Membership]]:
    """The state's memberships of one system as half-open ordinal spans."""
    return [
        (m.start.earliest_ordinal, AFTER_ALL if m.end is None else m.end.earliest_ordinal, m)
        for m in state.memberships
        if m.system is system
    ]


def _in(spans: list[tuple[int, int, Membership]], lo: int, hi: int) -> Membership | None:
    found = None
    for start, stop, m in spans:
        if start <= hi and stop > lo:
            found = m
    return found


def build_panel(
    relations: tuple[Relation, ...],
    first: int,
    last: int,
    *,
    unit: str = DEFAULT_UNIT,
    rule: str = DEFAULT_RULE,
    membership: str = DEFAULT_MEMBERSHIP,
    carry_forward: bool = False,
    max_rows: int | None,
    system_states: tuple[SystemState, ...] = (),
    horizon: PartialDate | None = None,
    subject: Counterpart | None = None,
    revision: PartialDate | None = None,
) -> tuple[PanelRow, ...]:
    """The rows of :func:`peru_diplomacy.panel` over ``relations`` (and, for a list's frame, its states).

    ``subject`` is Peru (the data's metadata says so): its codes are no row of a list's frame.
    ``revision`` is the table's month, from which a state it does not list had no relations.
    """
    first, last = _year("first", first), _year("last", last)
    unit = _choice("unit", unit, get_args(PanelUnit))
    rule = _choice("rule", rule, get_args(PanelRule))
    membership = _choice("membership", membership, get_args(PanelMembership))
    if first > last:
        raise InvalidArgumentError(f"first ({first}) is after last ({last}): the panel would be empty")
    system = None if membership == "lifetime" else CodeSystem.COW if membership == "cow" else CodeSystem.GW
    subject_codes = frozenset(() if subject is None else (m.code for m in subject.memberships if m.system is system))
    if max_rows is not None:
        if system is None:
            lives = (_alive(state.lifetime) for relation in relations for state in relation.states)
            spans = [(alive[0], alive[1]) for alive in lives if alive is not None]
        else:
            spans = [
                (p.start.earliest_ordinal, AFTER_ALL if p.end is None else p.end.earliest_ordinal - 1)
                for listed in system_states
                if listed.system is system and listed.code not in subject_codes
                for p in listed.spans
            ]
        _check_size(spans, first, last, unit, max_rows)
    units = [(u, u.earliest_ordinal, u.latest_ordinal) for u in _units(first, last, unit)]
    keyed: list[tuple[int, str, int, PanelRow]] = []
    for relation in relations:
        timeline = relation.carried_timeline if carry_forward else relation.timeline
        spans = [contest_span(c) for c in relation.contests]
        # Keyed by the code too: in a year a state changed code (Germany, 1990) each code has its own levels.
        levels: dict[tuple[str, int, int], Representation] = {
            (r.state, r.year, r.cow_code): r for r in relation.representation
        }
        for state in relation.states:
            own = all_of(timeline, state.lifetime)
            for row, lo in _state_rows(relation, state, own, spans, levels, units, rule, membership):
                keyed.append((lo, relation.id, len(keyed), row))
    if system is not None:
        frame = _frame(
            keyed, system, system_states, subject_codes, relations, units, rule, horizon, carry_forward, revision
        )
        return tuple(frame)
    keyed.sort()
    return tuple(item[3] for item in keyed)


def _frame(
    keyed: list[tuple[int, str, int, PanelRow]],
    system: CodeSystem,
    system_states: tuple[SystemState, ...],
    subject_codes: frozenset[int],
    relations: tuple[Relation, ...],
    units: list[tuple[PartialDate, int, int]],
    rule: str,
    horizon: PartialDate | None,
    carry_forward: bool,
    revision: PartialDate | None = None,
) -> list[PanelRow]:
    """Exactly one row per code and unit of the list (Peru's codes aside): the list's own frame.

    Where two states of the data held a code in one unit, the row is the state's that held it
    on the last day the code was held in the unit, and ``other_state_id`` names the other. Where
    none did, the row is the list's state, with the status its :data:`RowBasis` gives.
    """
    held: dict[tuple[int, int], list[PanelRow]] = {}
    for lo, _, _, row in keyed:
        code = row.cow_code if system is CodeSystem.COW else row.gw_code
        assert code is not None  # a membership row always has its code
        held.setdefault((code, lo), []).append(row)
    in_lineage = {m.code for r in relations for s in r.states for m in s.memberships if m.system is system}
    alternatives = {
        m.code for r in relations for s in r.attribution.alternatives for m in s.memberships if m.system is system
    }
    scope_from = AFTER_ALL if revision is None else revision.latest_ordinal + 1
    out: list[tuple[int, int, PanelRow]] = []
    for listed in system_states:
        if listed.system is not system or listed.code in subject_codes or not listed.spans:
            continue
        code_spans = [
            (p.start.earliest_ordinal, AFTER_ALL if p.end is None else p.end.earliest_ordinal) for p in listed.spans
        ]
        stranger: Counterpart | None = None
        for period, lo, hi in units:
            inside = [(max(lo, a), min(hi + 1, b)) for a, b in code_spans if a <= hi and b > lo]
            if not inside:
                continue
            rows = held.get((listed.code, lo))
            if rows:
                out.append((lo, listed.code, _holder(rows, system, inside[-1][1] - 1)))
                continue
            if stranger is None:
                stranger = _stranger(listed, system)
            present = listed.spans[-1].end is None and inside[-1][1] == min(hi + 1, code_spans[-1][1])
            basis = Basis.NO_SOURCE
            if listed.code not in in_lineage and listed.no_relations:
                basis = Basis.SOURCE_ABSENCE  # a source settles it, alternative reading or not
            elif listed.code not in in_lineage and listed.code not in alternatives and present and hi >= scope_from:
                basis = Basis.TABLE_SCOPE
            row = _stranger_row(stranger, listed, period, lo, hi, basis, rule, horizon, carry_forward, scope_from)
            out.append((lo, listed.code, row))
    out.sort(key=lambda item: (item[0], item[1]))
    return [row for _, _, row in out]


def _holder(rows: list[PanelRow], system: CodeSystem, reference: int) -> PanelRow:
    """The row of the state holding the code on the reference day (the last day it was held in the unit)."""
    if len(rows) == 1:
        return rows[0]

    def held_on(row: PanelRow) -> tuple[int, int]:
        spans = _spans(row.counterpart, system)
        code = row.cow_code if system is CodeSystem.COW else row.gw_code
        covering = [(a, b) for a, b, m in spans if m.code == code and a <= reference < b]
        latest_start = max((a for a, _, m in spans if m.code == code), default=0)
        return (1 if covering else 0, latest_start)

    ranked = sorted(rows, key=held_on)
    chosen, others = ranked[-1], ranked[:-1]
    return attrs.evolve(chosen, other_state_id=";".join(r.counterpart.id for r in others))


def _stranger(listed: SystemState, system: CodeSystem) -> Counterpart:
    """A state of the list with no relation in the data, as a counterpart for its rows."""
    from .counterparts import CounterpartKind

    memberships = tuple(
        Membership(system=system, code=listed.code, abbrev=listed.abbrev, start=p.start, end=p.end)
        for p in listed.spans
    )
    return Counterpart(
        id=f"{system.value.upper()}-{listed.code}",
        name=listed.name,
        kind=CounterpartKind.SOVEREIGN_STATE if listed.spans[-1].end is None else CounterpartKind.HISTORICAL_STATE,
        existence=listed.spans,
        existence_source=f"the {'Correlates of War' if system is CodeSystem.COW else 'Gleditsch–Ward'} list",
        memberships=memberships,
    )


def _stranger_row(
    state: Counterpart,
    listed: SystemState,
    period: PartialDate,
    lo: int,
    hi: int,
    basis: Basis,
    rule: str,
    horizon: PartialDate | None,
    carry_forward: bool,
    scope_from: int = AFTER_ALL,
) -> PanelRow:
    if basis in (Basis.SOURCE_ABSENCE, Basis.TABLE_SCOPE):
        own = StatusTimeline.constant(Status.INACTIVE)
        if basis is Basis.TABLE_SCOPE:  # silence before the table's month
            own = StatusTimeline.constant(Status.UNCERTAIN).after(scope_from, Status.INACTIVE)
        if horizon is not None and not carry_forward:
            own = own.after(horizon.latest_ordinal + 1, Status.UNCERTAIN)
    else:
        own = StatusTimeline.constant(Status.UNCERTAIN)
    status = own.read(rule, lo, hi)
    active, possible = own.days(lo, hi)
    total = hi - lo + 1
    cow = listed.system is CodeSystem.COW
    return PanelRow(
        period=period,
        counterpart=state,
        relation_id=None,
        status=status,
        share_active=active / total,
        share_possible=possible / total,
        confidence=None,
        contested=False,
        cow_code=listed.code if cow else None,
        cow_abbrev=listed.abbrev if cow else None,
        gw_code=None if cow else listed.code,
        gw_abbrev=None if cow else listed.abbrev,
        basis=basis,
    )


def _state_rows(
    relation: Relation,
    state: Counterpart,
    own: StatusTimeline,
    spans: list[tuple[int, int]],
    levels: dict[tuple[str, int, int], Representation],
    units: list[tuple[PartialDate, int, int]],
    rule: str,
    membership: str,
) -> Iterator[tuple[PanelRow, int]]:
    life = state.lifetime
    confidence = relation.attribution.confidence
    cow_spans, gw_spans = _spans(state, CodeSystem.COW), _spans(state, CodeSystem.GW)
    member_spans = cow_spans if membership == "cow" else gw_spans
    # Only the units the state may have existed in: its lifetime's first and last possible days.
    alive = _alive(life)
    if alive is None:
        return
    first_day, last_day, gaps = alive
    begin = bisect.bisect_left([hi for _, _, hi in units], first_day)
    end = bisect.bisect_right([lo for _, lo, _ in units], last_day)
    lifetime = membership == "lifetime"
    by_year = bool(levels) and units[0][0].month is None
    relation_id, state_id = relation.id, state.id
    read = {"on_day": None, "any_time": own.at_any_time_ordinals, "throughout": own.throughout_ordinals}[rule]
    starts, statuses = own.starts, own.statuses
    inactive = frozenset({Status.INACTIVE})
    # The basis of a unit's last day: the relation's, unless the row's own state's lifetime decided it.
    basis_starts, bases, basis_statuses = relation.bases
    for period, lo, hi in units[begin:end]:
        if lifetime:
            if gaps and life.statuses_between(lo, hi) == inactive:
                continue
            codes = [(_in(cow_spans, lo, hi) if cow_spans else None, _in(gw_spans, lo, hi) if gw_spans else None)]
        else:
            # One row per membership in the unit: a state that changed code within it (Germany, 1990) has two.
            held = [m for start, stop, m in member_spans if start <= hi and stop > lo]
            if not held:
                continue
            if membership == "cow":
                codes = [(m, _in(gw_spans, lo, hi) if gw_spans else None) for m in held]
            else:
                codes = [(_in(cow_spans, lo, hi) if cow_spans else None, m) for m in held]
        on_last_day = statuses[bisect.bisect_right(starts, hi) - 1]
        status = on_last_day if read is None else read(lo, hi)
        at = bisect.bisect_right(basis_starts, hi) - 1
        basis = bases[at] if on_last_day is basis_statuses[at] else Basis.STATE_LIFETIME
        active, possible = own.days(lo, hi)
        total = hi - lo + 1
        for cow, gw in codes:
            level = levels.get((state_id, period.year, cow.code)) if by_year and cow is not None else None
            yield (
                _row(
                    period,
                    state,
                    relation_id,
                    status,
                    active / total,
                    possible / total,
                    confidence,
                    bool(spans) and any(a <= hi and lo < b for a, b in spans),
                    cow,
                    gw,
                    level,
                    basis,
                ),
                lo,
            )


def _row(
    period: PartialDate,
    state: Counterpart,
    relation_id: str,
    status: Status,
    share_active: float,
    share_possible: float,
    confidence: Confidence,
    contested: bool,
    cow: Membership | None,
    gw: Membership | None,
    level: Representation | None,
    basis: Basis,
) -> PanelRow:
    return PanelRow(
        period=period,
        counterpart=state,
        relation_id=relation_id,
        status=status,
        share_active=share_active,
        share_possible=share_possible,
        confidence=confidence,
        contested=contested,
        cow_code=None if cow is None else cow.code,
        cow_abbrev=None if cow is None else cow.abbrev,
        gw_code=None if gw is None else gw.code,
        gw_abbrev=None if gw is None else gw.abbrev,
        at_peru=None if level is None else level.at_peru,
        in_counterpart=None if level is None else level.in_counterpart,
        exchange=None if level is None else level.exchange,
        basis=basis,
    )
