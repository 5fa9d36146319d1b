"""The questions a dataset answers in time: which relations stood on a day, what happened between two
dates, why, what the horizon leaves unknown, the successions, and panels.

:class:`~peru_diplomacy.Dataset` answers them (it is a :class:`DatasetQuestions`); they are asked of
its relations through its public face (``relations``, ``horizon``, ``metadata``, ``system_states``,
``by_region``, ``relations_with``), so that this module reads nothing private of another. The top-level
functions (``active_on``, ``panel`` ...) ask them of the packaged dataset.

>>> from peru_diplomacy import Dataset
>>> from peru_diplomacy.questions import DatasetQuestions
>>> issubclass(Dataset, DatasetQuestions)
True
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .counterparts import CodeSystem
from .dates import DateLike, PartialDate, to_partial_date
from .errors import BeyondHorizonWarning
from .events import EventKind, EventKindName
from .lineages import successions_of
from .panel_options import DEFAULT_MEMBERSHIP, DEFAULT_RULE, DEFAULT_UNIT, PanelMembership, PanelRule, PanelUnit
from .periods import Status, check_range
from .provenance import Confidence, Region, RegionName
from .relation import Relation

if TYPE_CHECKING:
    from ._records import DatasetMetadata, Succession, SystemState, TimelineEntry
    from .explanation import Explanation
    from .panels import PanelRow

__all__ = ["MAX_PANEL_ROWS", "DatasetQuestions"]

MAX_PANEL_ROWS = 500_000
"""The most rows :meth:`Dataset.panel` builds unless asked for more (``max_rows=None``); a monthly
panel of every state from 1816 to today is well inside it, a daily one of a few decades is not."""


class DatasetQuestions:
    """The questions in time a dataset answers; :class:`~peru_diplomacy.Dataset` is one.

    >>> from peru_diplomacy import packaged_dataset
    >>> data = packaged_dataset()
    >>> len(data.active_on("1900-01-01")), data.horizon_note("2026-01-01") is None
    (30, True)
    """

    __slots__ = ()

    if TYPE_CHECKING:  # what a dataset provides them with (the Dataset class)

        @property
        def relations(self) -> tuple[Relation, ...]: ...
        @property
        def horizon(self) -> PartialDate: ...
        @property
        def metadata(self) -> DatasetMetadata: ...
        @property
        def system_states(self) -> tuple[SystemState, ...]: ...
        def by_region(self, region: Region | RegionName) -> tuple[Relation, ...]: ...
        def relations_with(self, country: str | int, *, system: CodeSystem | str | None = None) -> Relation: ...
        def _with_status_on(self, ordinal: int, status: Status) -> tuple[Relation, ...]:
            """The relations with ``status`` on the day ``ordinal`` (a dataset answers from an index it keeps)."""

    def statuses_on(self, when: DateLike, *, carry_forward: bool = False) -> dict[str, Status]:
        """Every relation's status on ``when``, by relation id (one relation's is ``Relation.status_on``).

        >>> from peru_diplomacy import packaged_dataset
        >>> packaged_dataset().statuses_on("1965-06-01")["CUB"].value
        'inactive'
        """
        day = to_partial_date(when)
        if not carry_forward:
            self._warn_if_beyond_horizon(day)
        return {r.id: r.status_on(day, carry_forward=carry_forward) for r in self.relations}

    def active_on(self, when: DateLike) -> tuple[Relation, ...]:
        """The relations that certainly stood on ``when``.

        >>> from peru_diplomacy import packaged_dataset
        >>> len(packaged_dataset().active_on("1900-01-01"))
        30
        """
        return self._with_status(when, Status.ACTIVE)

    def inactive_on(self, when: DateLike) -> tuple[Relation, ...]:
        """The relations that certainly did not stand on ``when``.

        >>> from peru_diplomacy import inactive_on, relations_with
        >>> relations_with("Cuba") in inactive_on("1965")
        True
        """
        return self._with_status(when, Status.INACTIVE)

    def uncertain_on(self, when: DateLike) -> tuple[Relation, ...]:
        """The relations whose status on ``when`` the sources cannot settle.

        A relation whose date cell is empty is uncertain on every day its state
        and Peru existed; a contested day or a day after the horizon is too.

        >>> from peru_diplomacy import relations_with, uncertain_on
        >>> relations_with("Turkey") in uncertain_on("1952-06-01")
        True
        """
        return self._with_status(when, Status.UNCERTAIN)

    def all_relations(self, *, min_confidence: Confidence | str | None = None) -> tuple[Relation, ...]:
        """Every relation, or those whose row is attributed with at least ``min_confidence``.

        >>> from peru_diplomacy import packaged_dataset
        >>> len(packaged_dataset().all_relations(min_confidence="high"))
        83
        """
        if min_confidence is None:
            return self.relations
        floor = _confidence(min_confidence)
        return tuple(r for r in self.relations if r.attribution.confidence >= floor)

    def established_between(self, first: DateLike, last: DateLike) -> tuple[Relation, ...]:
        """Relations with an establishment dated wholly from ``first`` to ``last`` (inclusive).

        A date given only as a year counts when the whole year lies in the range.

        >>> from peru_diplomacy import packaged_dataset
        >>> [r.counterpart.name for r in packaged_dataset().established_between("2017", "2017")]
        ['Benin', 'Rwanda', 'Togo', 'Cook Islands']
        """
        start, end = to_partial_date(first), to_partial_date(last)
        check_range(start, end)
        low, high = start.earliest_ordinal, end.latest_ordinal
        return tuple(
            r
            for r in self.relations
            if any(
                e.kind is EventKind.ESTABLISHED and low <= e.date.earliest_ordinal and e.date.latest_ordinal <= high
                for e in r.events
            )
        )

    def timeline(
        self,
        *,
        kinds: Iterable[EventKind | EventKindName] | None = None,
        region: Region | RegionName | None = None,
        first: DateLike | None = None,
        last: DateLike | None = None,
    ) -> tuple[TimelineEntry, ...]:
        """Every event, sorted by date, optionally filtered by kind, region and dates.

        With ``first`` or ``last``, an event counts when its date lies wholly in the range.

        >>> from peru_diplomacy import packaged_dataset
        >>> [str(t.event.date) for t in packaged_dataset().timeline(kinds=["broken"], first="1942", last="1942")]
        ['1942-01-24', '1942-03-05']
        """
        from ._records import TimelineEntry

        if isinstance(kinds, str):
            raise TypeError(f"kinds is a list of event kinds, such as [{kinds!r}], not a single text")
        wanted = None if kinds is None else frozenset(EventKind(k) for k in kinds)
        relations = self.relations if region is None else self.by_region(region)
        low = None if first is None else to_partial_date(first).earliest_ordinal
        high = None if last is None else to_partial_date(last).latest_ordinal
        if first is not None and last is not None:
            check_range(to_partial_date(first), to_partial_date(last))
        entries = [
            TimelineEntry(relation=r, event=e)
            for r in relations
            for e in r.events
            if (wanted is None or e.kind in wanted)
            and (low is None or low <= e.date.earliest_ordinal)
            and (high is None or e.date.latest_ordinal <= high)
        ]
        entries.sort(key=lambda t: t.event.date.sort_key())
        return tuple(entries)

    def explain(self, country: str | int, when: DateLike, *, system: CodeSystem | str | None = None) -> Explanation:
        """Why relations with ``country`` stood, or did not, or may have, on ``when``: see
        :meth:`Relation.explain <peru_diplomacy.Relation.explain>`.

        >>> from peru_diplomacy import packaged_dataset
        >>> why = packaged_dataset().explain("Chile", "1880-01-01")
        >>> why.status.value, why.basis.value
        ('inactive', 'between_events')
        >>> print(why.text)
        1880-01-01, Chile: inactive, a dated event on each side (war_declared 1879-04-05 (Chile;
        peruanosactualidad-camav.blogspot.com «A 133 años de la declaratoria de guerra», high
        confidence); restored 1883-10-20 (Chile; Historia Hoy (Argentina), high confidence))
        """
        return self.relations_with(country, system=system).explain(when)

    def ever_broken(self) -> tuple[Relation, ...]:
        """Relations that were broken at least once.

        >>> from peru_diplomacy import packaged_dataset
        >>> [r.counterpart.name for r in packaged_dataset().ever_broken()][:3]
        ['Libya', 'Sahrawi Arab Democratic Republic', 'Chile']
        """
        return tuple(r for r in self.relations if any(e.kind is EventKind.BROKEN for e in r.events))

    def successions(self) -> tuple[Succession, ...]:
        """Every change of state the data records, in date order (:func:`~peru_diplomacy.lineages.successions_of`).

        >>> from peru_diplomacy import packaged_dataset
        >>> [(s.predecessor.name, s.successor.name) for s in packaged_dataset().successions()]
        [('German Democratic Republic', 'Germany'), ('Soviet Union', 'Russia'),
        ('Czechoslovakia', 'Czech Republic')]
        """
        return successions_of(self.relations)

    def panel(
        self,
        first: int,
        last: int,
        *,
        unit: PanelUnit = DEFAULT_UNIT,
        rule: PanelRule = DEFAULT_RULE,
        membership: PanelMembership = DEFAULT_MEMBERSHIP,
        carry_forward: bool = False,
        max_rows: int | None = MAX_PANEL_ROWS,
    ) -> tuple[PanelRow, ...]:
        """One row per state and year (or ``unit="month"``, ``"day"``) from year ``first`` to ``last``.

        - Rows: every state of every relation's lineage, in each unit of its
          lifetime (``membership="lifetime"``), or of its COW or Gleditsch–Ward
          system membership (``"cow"``, ``"gw"``), so that rows match those lists:
          there, a state whose code changed within a unit has a row for each code
          (Germany in 1990: COW 260 and 255). A state is never filed under its
          successor.
        - ``rule``: how a unit's status is read (:data:`~peru_diplomacy.panel_options.StatusRule`: on its
          last day, on any day, on every day); ``uncertain`` stays its own value.
        - After the data's horizon, statuses are ``uncertain`` unless
          ``carry_forward=True``.

        ``first > last``, an unknown ``unit``, ``rule`` or ``membership``, or a year
        outside 1 to 9999 raise :class:`~peru_diplomacy.InvalidArgumentError` (a
        :class:`ValueError`) naming the argument. A panel
        of more than ``max_rows`` rows (500,000 unless given; ``None`` for no
        limit) raises :class:`~peru_diplomacy.PanelTooLargeError` before any row
        is built.

        >>> from peru_diplomacy import panel
        >>> rows = panel(1991, 1992)
        >>> [(r.year, r.name, r.cow_code, r.status.value) for r in rows if r.relation_id == "RUS"]
        [(1991, 'Soviet Union', 365, 'inactive'), (1991, 'Russia', 365, 'active'), (1992,
        'Russia', 365, 'active')]
        >>> panel(2000, 1990)
        Traceback (most recent call last):
        ...
        peru_diplomacy.errors.InvalidArgumentError: first (2000) is after last (1990): the panel
        would be empty
        """
        from .panels import build_panel

        return build_panel(
            self.relations,
            first,
            last,
            unit=unit,
            rule=rule,
            membership=membership,
            carry_forward=carry_forward,
            max_rows=max_rows,
            # Any case, as every text argument: "COW" is the COW frame (it was an empty panel).
            system_states=self.system_states if str(membership).strip().lower() in ("cow", "gw") else (),
            horizon=self.horizon,
            subject=self.metadata.subject,
            revision=PartialDate.fromisoformat(self.metadata.source_revision),
        )

    def beyond_horizon(self, when: DateLike) -> tuple[Relation, ...]:
        """The relations whose knowledge ends before ``when``: their status then is ``uncertain``.

        Each relation knows up to the data's horizon, or further where an amendment
        added a later event (see :attr:`Relation.horizon <peru_diplomacy.Relation.horizon>`).

        >>> from peru_diplomacy import packaged_dataset
        >>> len(packaged_dataset().beyond_horizon("2026-03")), len(packaged_dataset().beyond_horizon("2027"))
        (0, 189)
        """
        day = to_partial_date(when)
        if day.latest_ordinal <= self.horizon.latest_ordinal:
            return ()
        return tuple(r for r in self.relations if r.horizon is None or day.latest_ordinal > r.horizon.latest_ordinal)

    def horizon_note(self, when: DateLike) -> str | None:
        """What to tell someone who asks about ``when`` when the data's knowledge ends before it (else ``None``).

        >>> from peru_diplomacy import packaged_dataset
        >>> print(packaged_dataset().horizon_note("2027-01-01"))
        2027-01-01 lies after the data's horizon (2026-03): what happened then is unknown, so no
        relation is certainly active or inactive
        """
        day = to_partial_date(when)
        beyond = self.beyond_horizon(day)
        if not beyond:
            return None
        if len(beyond) == len(self.relations):
            return (
                f"{day} lies after the data's horizon ({self.horizon}): what happened then is unknown, "
                "so no relation is certainly active or inactive"
            )
        return (
            f"{day} lies after the data's horizon ({self.horizon}), which amendments carry further for "
            f"{len(self.relations) - len(beyond)} of {len(self.relations)} relations: for the other "
            f"{len(beyond)} what happened then is unknown, so they are not certainly active or inactive"
        )

    def _warn_if_beyond_horizon(self, day: PartialDate) -> None:
        note = self.horizon_note(day)
        if note is not None:
            import warnings

            warnings.warn(
                f"{note} (ask about a day up to the horizon, or assume nothing changed with "
                "status_on(..., carry_forward=True))",
                BeyondHorizonWarning,
                stacklevel=_caller_level(),
            )

    def _with_status(self, when: DateLike, status: Status) -> tuple[Relation, ...]:
        day = to_partial_date(when)
        self._warn_if_beyond_horizon(day)
        if day.day is not None:  # one ordinal for all: the common case, kept fast
            return self._with_status_on(day.earliest_ordinal, status)
        return tuple(r for r in self.relations if r.timeline.on(day) is status)


def _caller_level() -> int:
    """The ``stacklevel`` that points a warning at the first caller outside this package."""
    import sys

    package = os.path.dirname(__file__)
    frame = sys._getframe(1)
    level = 1
    while frame is not None and os.path.dirname(frame.f_code.co_filename) == package:
        frame = frame.f_back  # type: ignore[assignment]
        level += 1
    return level


def _confidence(value: Confidence | str) -> Confidence:
    return Confidence.coerce(value, "confidence")
