"""Stage 5a, history the table does not record: wars, breaks, suspensions, restorations and reports
(data/updates/ruptures.tsv), the missions Wikidata lists (data/crosswalk/missions_wikidata_2022.csv),
and the evidence that relations stood (those, COW representation, reports).

The rules (docs/how-answers.md states them for users):

- A high-confidence break, suspension or declaration of war becomes an event of its kind; its date
  is the source's (an interval inside one month is that month, a wider one its last day with the
  days before contested). A declaration of war while relations are already broken changes nothing.
- A restoration that ends such a break becomes an event at its date, or, for an interval, at its last
  day or the first evidence inside it, whichever comes first, with the interval contested; a
  low-confidence restoration is contested on to the first later evidence that relations stood.
- A break of medium or low confidence contests the days it disagrees with the events, from its
  date to its restoration's last day, or, with no restoration, to the first later evidence, event
  or the horizon.
- A report that relations stood (high or medium confidence) is a ``reported`` event where it fits
  the events; elsewhere, or of low confidence, it contests the days the events say inactive.
- A history with no date, or one that begins with a break, begins with its first evidence (a
  ``reported`` event): relations stood from it on; before it the status is uncertain.
- A row that changes nothing (a predecessor state, an event the table dates the same day, a war
  during a break) is kept as a remark of the relation, with its source.
"""

from __future__ import annotations

import tomllib

import attrs
import pycountry

from peru_diplomacy.dates import PartialDate
from peru_diplomacy.errors import InvalidEventSequenceError, NoStateOnDateError
from peru_diplomacy.events import Event, EventKind
from peru_diplomacy.periods import AFTER_ALL, Status, StatusTimeline
from peru_diplomacy.provenance import Confidence
from peru_diplomacy.relation import Relation
from peru_diplomacy.representation import Mission, MissionKind

from .common import CROSSWALK, CURATION, UPDATES, SourceError, read_csv, read_tsv
from .names import Registry
from .other_sources import (
    Evidence,
    citation,
    cow_evidence,
    disputed,
    evidence_of,
    from_ordinal,
    interval,
    relation_of,
    span_contests,
)

BREAKS = {"broken": EventKind.BROKEN, "suspended": EventKind.SUSPENDED, "war_declared": EventKind.WAR_DECLARED}


def _within_month(first: PartialDate, last: PartialDate) -> PartialDate | None:
    """The one date (a day or a month) that an interval inside one month is."""
    if first == last:
        return first
    if first.year == last.year and first.month is not None and first.month == last.month:
        return PartialDate(first.year, first.month)
    return None


def _state_id(name: str, overrides: dict[str, str]) -> str:
    if name in overrides:
        return overrides[name]
    try:
        return str(pycountry.countries.lookup(name).alpha_3)
    except LookupError:
        raise SourceError(f"missions_wikidata_2022.csv: no state for {name!r}; name it in missions.toml") from None


class Ruptures:
    """Carries ruptures.tsv and the missions into the relations (see the module's rules)."""

    def __init__(self, registry: Registry, horizon: PartialDate) -> None:
        self.registry = registry
        self.horizon = horizon
        self.rows = read_tsv(UPDATES / "ruptures.tsv")
        self.missions = read_csv(CROSSWALK / "missions_wikidata_2022.csv")
        self.names: dict[str, str] = tomllib.loads((CURATION / "missions.toml").read_text(encoding="utf-8"))["names"]
        self.dipex = read_csv(CROSSWALK / "cow_dipex_peru.csv")

    # -- missions -------------------------------------------------------------------------

    def _missions(self, relations: list[Relation]) -> dict[str, list[Mission]]:
        by_state = {s.id: r for r in relations for s in r.states}
        subject = self.registry.curation["subject"]["id"]
        out: dict[str, list[Mission]] = {}
        for number, row in enumerate(self.missions, start=2):
            where = f"data/crosswalk/missions_wikidata_2022.csv line {number}"
            operator = _state_id(row["operator"], self.names)
            host = _state_id(row["country"], self.names)
            kind = MissionKind(row["type"])
            served = [_state_id(n, self.names) for n in row["jurisdictions"].split("|") if n] or [host]
            counterparts = served if operator == subject else [operator]
            if operator != subject and host != subject:
                raise SourceError(f"{where}: neither Peru's mission nor one in Peru")
            for state_id in counterparts:
                if state_id == subject:
                    continue
                relation = by_state.get(state_id)
                if relation is None:
                    if kind.is_diplomatic:
                        raise SourceError(f"{where}: an embassy for {state_id}, which has no relation in the data")
                    continue
                mission = Mission(
                    operator=operator,
                    host=host,
                    city=row["city"],
                    kind=kind,
                    wikidata=row["QID"],
                    resident=state_id == host or operator != subject,
                    opened=row["creation"] or None,
                )
                out.setdefault(relation.id, []).append(mission)
        return out

    # -- evidence -------------------------------------------------------------------------

    # -- the rows ---------------------------------------------------------------------------

    def apply(self, relations: list[Relation]) -> list[Relation]:
        self.cow = cow_evidence(relations, self.dipex)
        missions = self._missions(relations)
        by_state = {s.id: r for r in relations for s in r.states}
        rows: dict[str, list[tuple[dict[str, str], str]]] = {}
        for number, row in enumerate(self.rows, start=2):
            where = f"data/updates/ruptures.tsv line {number}"
            rows.setdefault(relation_of(self.registry, row, by_state, where).id, []).append((row, where))
        out = []
        for relation in relations:
            relation = attrs.evolve(relation, missions=tuple(missions.get(relation.id, ())))
            out.append(self._history(relation, rows.get(relation.id, [])))
        return out

    def _event(self, relation: Relation, kind: EventKind, date: PartialDate, row: dict[str, str], where: str) -> Event:
        try:
            state = relation.counterpart_on(date)
        except NoStateOnDateError:
            raise SourceError(f"{where}: no state of {relation.id}'s lineage existed on {date}") from None
        return Event(
            kind=kind,
            date=date,
            state=state,
            text=row["date"],
            qualifier=f"decided by {row['actor']}",
            citation=citation(row["source"], row["quote"], row["second_source"]),
            confidence=Confidence(row["confidence"]),
        )

    @staticmethod
    def _with(relation: Relation, event: Event) -> Relation | None:
        """The relation with one more event, or ``None`` where its history would not close."""
        history = sorted([*relation.events, event], key=lambda e: (e.date.sort_key(), e.kind is not EventKind.REPORTED))
        try:
            return attrs.evolve(relation, events=tuple(history))
        except InvalidEventSequenceError:
            return None

    def _history(self, relation: Relation, rows: list[tuple[dict[str, str], str]]) -> Relation:
        rows = sorted(rows, key=lambda item: interval(item[0]["date"])[0].sort_key())
        reports = [row for row, _ in rows if row["kind"] == "relations_reported"]
        evidence = evidence_of(relation, self.cow.get(relation.id, []), reports)
        remarks: list[str] = []
        # Claims that contest the events: (first day, stop, claimed status or None for "unknown", row, reason).
        claims: list[tuple[int, int, Status | None, dict[str, str], str]] = []
        soft: list[dict[str, str]] = []  # breaks of medium or low confidence awaiting their restoration

        def told(rel: Relation) -> StatusTimeline:
            return StatusTimeline.from_periods(rel.periods)

        def broken_before(rel: Relation, ordinal: int) -> bool:
            """Whether the last event before the day that changed the status broke or ended relations."""
            changes = [
                e
                for e in rel.events
                if e.kind.changes_status and e.kind is not EventKind.REPORTED and e.date.latest_ordinal < ordinal
            ]
            return bool(changes) and (changes[-1].kind.is_break or changes[-1].kind is EventKind.ENDED)

        def after(ordinal: int) -> int:
            """The first day after the first evidence on or after ``ordinal`` (AFTER_ALL if none)."""
            return next((e.date.latest_ordinal + 1 for e in evidence if e.date.latest_ordinal >= ordinal), AFTER_ALL)

        def note(row: dict[str, str], why: str) -> None:
            cited = citation(row["source"])
            said = f"{row['kind'].replace('_', ' ')} {row['date']} ({row['confidence']} confidence, {cited.outlet})"
            remarks.append(f"ruptures.tsv, {said}: {why}")

        for row, where in rows:
            kind, confidence = row["kind"], row["confidence"]
            first, last = interval(row["date"])
            if kind == "predecessor":
                note(row, "a predecessor state; see the relation's lineage and the remarks above.")
                continue
            if kind == "relations_reported":
                event = self._event(relation, EventKind.REPORTED, last, row, where)
                placed = self._with(relation, event) if confidence != "low" and relation.events else None
                if placed is not None and told(placed).status_at(last.earliest_ordinal) is not Status.INACTIVE:
                    relation = placed
                else:
                    claims.append(
                        (
                            first.earliest_ordinal,
                            last.latest_ordinal + 1,
                            Status.ACTIVE,
                            row,
                            "reports relations standing",
                        )
                    )
                continue
            if any(e.date == first and first == last for e in relation.events):
                note(row, "the table (or an earlier source) has an event on the same day; its kind stays the table's.")
                continue
            if kind == "established":
                table = relation.established
                if table is None:
                    raise SourceError(f"{where}: an establishment for a relation the table does not date")
                lo, hi = sorted([first.earliest_ordinal, table.earliest_ordinal])
                claims.append(
                    (
                        lo,
                        hi,
                        Status.INACTIVE if table.definitely_before(first) else Status.ACTIVE,
                        row,
                        f"dates the establishment {row['date']}, the table {table}",
                    )
                )
                continue
            if kind in BREAKS:
                date = _within_month(first, last) or last
                if broken_before(relation, first.earliest_ordinal) and not soft:
                    war = BREAKS[kind] is EventKind.WAR_DECLARED and confidence == "high"
                    placed = (
                        self._with(relation, self._event(relation, BREAKS[kind], date, row, where)) if war else None
                    )
                    if placed is not None:  # a war during a break: an event of its kind that changes nothing
                        relation = placed
                    else:
                        note(row, "relations were already broken then; this changes nothing.")
                    continue
                placed = (
                    self._with(relation, self._event(relation, BREAKS[kind], date, row, where))
                    if confidence == "high"
                    else None
                )
                if placed is None:
                    soft.append(row)
                    continue
                relation = placed
                if date is last and first != last:
                    claims.append(
                        (
                            first.earliest_ordinal,
                            last.earliest_ordinal,
                            None,
                            row,
                            f"broken some day from {first} to {last}",
                        )
                    )
                for earlier in soft:
                    claims.append(
                        (
                            interval(earlier["date"])[0].earliest_ordinal,
                            date.earliest_ordinal,
                            Status.INACTIVE,
                            earlier,
                            "reports relations broken earlier",
                        )
                    )
                soft = []
                continue
            if kind != "restored":
                raise SourceError(f"{where}: unknown kind {kind!r}")
            if broken_before(relation, first.earliest_ordinal) and not soft:
                within = _within_month(first, last)
                if within is None:
                    stop = min(after(first.earliest_ordinal), last.latest_ordinal + 1)
                    date = from_ordinal(stop - 1) if stop <= last.latest_ordinal else last
                else:
                    date = within
                placed = self._with(relation, self._event(relation, EventKind.RESTORED, date, row, where))
                if placed is None:
                    raise SourceError(f"{where}: the restoration does not close the relation's history")
                relation = placed
                if first.earliest_ordinal < date.earliest_ordinal:
                    claims.append(
                        (
                            first.earliest_ordinal,
                            date.earliest_ordinal,
                            None,
                            row,
                            f"restored some day from {first} to {last}",
                        )
                    )
                if confidence == "low":
                    claims.append(
                        (
                            date.earliest_ordinal,
                            after(date.latest_ordinal + 1),
                            None,
                            row,
                            "a restoration of low confidence: uncertain until later evidence of relations",
                        )
                    )
                continue
            if soft:
                start = interval(soft[0]["date"])[0]
                stop = min(last.latest_ordinal + 1, after(start.earliest_ordinal))
                claims.append(
                    (
                        start.earliest_ordinal,
                        stop,
                        Status.INACTIVE,
                        soft[0],
                        f"reports relations broken from {soft[0]['date']} and restored {row['date']}",
                    )
                )
                soft = []
            else:
                note(row, "restores relations that the events say stood; nothing changes.")
        for row in soft:
            start = interval(row["date"])[0]
            ends = [e.date.earliest_ordinal for e in relation.events if e.date.definitely_after(start)]
            stop = min([after(start.latest_ordinal + 1), *ends])
            claims.append(
                (
                    start.earliest_ordinal,
                    stop,
                    Status.INACTIVE,
                    row,
                    "reports relations broken; no restoration was found",
                )
            )
        relation = self._opening(relation, evidence)
        contests = list(relation.contests)
        for lo, hi, status, row, said in claims:
            cited = citation(row["source"], row["quote"], row["second_source"])
            spans = [(lo, hi)] if status is None else disputed(relation, lo, hi, claims=status)
            where_said = f"ruptures.tsv {row['kind'].replace('_', ' ')} {row['date']}"
            reason = f"{cited.outlet} ({row['confidence']} confidence, {where_said}) {said}"
            contests += span_contests(spans, reason, (cited,))
        contests.sort(key=lambda c: c.start.sort_key())
        return attrs.evolve(relation, contests=tuple(contests), remarks=(*relation.remarks, *remarks))

    def _opening(self, relation: Relation, evidence: list[Evidence]) -> Relation:
        """A history with no date, or that begins with a break, begins with its first evidence."""
        if relation.events and relation.events[0].kind is EventKind.ESTABLISHED:
            return relation
        first_event = relation.events[0].date if relation.events else None
        for item in evidence:
            if first_event is not None and not item.date.definitely_before(first_event):
                return relation
            try:
                state = relation.counterpart_on(item.date)
            except NoStateOnDateError:
                continue
            event = Event(
                kind=EventKind.REPORTED,
                date=item.date,
                state=state,
                text=str(item.date),
                qualifier=f"first evidence of relations: {item.what}",
                citation=item.citation,
                confidence=Confidence.HIGH,
            )
            placed = self._with(relation, event)
            if placed is not None:
                return placed
        return relation
