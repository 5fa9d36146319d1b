"""Stage 5, other sources: researched events, measures, earlier sources and COW Diplomatic Exchange contests."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import attrs

from peru_diplomacy.counterparts import PERU_INDEPENDENCE, CodeSystem, Membership
from peru_diplomacy.dates import PartialDate
from peru_diplomacy.errors import InvalidEventSequenceError
from peru_diplomacy.events import Event, EventKind
from peru_diplomacy.periods import AFTER_ALL, Status, StatusTimeline, all_of, any_of
from peru_diplomacy.provenance import (
    Citation,
    Confidence,
    Contest,
    Measure,
)
from peru_diplomacy.relation import PERU_LIFETIME, Relation
from peru_diplomacy.representation import Representation, RepresentationLevel
from peru_diplomacy.sources import SOURCES

from .common import CROSSWALK, UPDATES, SourceError, read_csv, read_tsv
from .names import Registry

DIPEX = SOURCES["bayer_2006"].name
"""How the data names COW Diplomatic Exchange (the registry of sources, data/sources.toml)."""


def _holds(m: Membership, year: int) -> bool:
    """Whether a membership covers some day of ``year``."""
    first, last = PartialDate(year, 1, 1), PartialDate(year, 12, 31)
    return m.start.earliest <= last.earliest and (m.end is None or first.earliest < m.end.earliest)


def from_ordinal(ordinal: int) -> PartialDate:
    import datetime

    return PartialDate.from_date(datetime.date.fromordinal(ordinal))


def disputed(relation: Relation, first: int, stop: int, *, claims: Status) -> list[tuple[int, int]]:
    """The half-open day spans of [first, stop) on which a source's claim and the data disagree.

    The data's answer is the relation's status from its events and its states' lifetimes (contests
    aside). A claim of inactive relations disputes the days the data says active or uncertain; a
    claim of active relations the days it says inactive while a state of the lineage existed (and
    Peru did).
    """
    told = (
        StatusTimeline.from_periods(relation.periods) if relation.events else StatusTimeline.constant(Status.UNCERTAIN)
    )
    existed = all_of(PERU_LIFETIME, any_of(*(state.lifetime for state in relation.states)))
    data = all_of(existed, told)
    spans = []
    for index, start in enumerate(data.starts):
        end = data.starts[index + 1] if index + 1 < len(data.starts) else AFTER_ALL
        lo, hi = max(start, first), min(end, stop)
        if lo >= hi:
            continue
        status = data.statuses[index]
        if claims is Status.INACTIVE and status is not Status.INACTIVE:
            spans.append((lo, hi))
        elif claims is Status.ACTIVE and status is Status.INACTIVE:
            # where the lineage (and Peru) existed, or may have: a doubtful span is no answer either
            for piece_lo, piece_hi in _where(existed, lo, hi, Status.ACTIVE) + _where(
                existed, lo, hi, Status.UNCERTAIN
            ):
                spans.append((piece_lo, piece_hi))
    return merged(spans)


def _where(timeline: StatusTimeline, first: int, stop: int, status: Status) -> list[tuple[int, int]]:
    out = []
    for index, start in enumerate(timeline.starts):
        end = timeline.starts[index + 1] if index + 1 < len(timeline.starts) else AFTER_ALL
        lo, hi = max(start, first), min(end, stop)
        if lo < hi and timeline.statuses[index] is status:
            out.append((lo, hi))
    return out


def merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(spans):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def relation_of(registry: Registry, row: dict[str, str], by_state: dict[str, Relation], where: str) -> Relation:
    """The relation a research row (``country``, ``iso3``) is about."""
    state_id = row["iso3"] if row["iso3"] != "-" else None
    if state_id is None:
        for curated_id, spec in registry.curation["states"].items():
            if spec["name"] == row["country"]:
                state_id = str(curated_id)
    if state_id is None or state_id not in by_state:
        raise SourceError(f"{where}: no relation for {row['country']!r} ({row['iso3']})")
    return by_state[state_id]


def cow_holders(relations: list[Relation]) -> dict[int, list[tuple[Membership, Relation]]]:
    """The relations whose states held each COW code, with the membership."""
    holders: dict[int, list[tuple[Membership, Relation]]] = {}
    for relation in relations:
        for state in relation.states:
            for m in state.memberships:
                if m.system is CodeSystem.COW:
                    holders.setdefault(m.code, []).append((m, relation))
    return holders


def cow_evidence(relations: list[Relation], dipex: list[dict[str, str]]) -> dict[str, list[int]]:
    """The COW years in which Peru and a state of each relation exchanged representation (DE = 1)."""
    holders = cow_holders(relations)
    years: dict[str, list[int]] = {}
    for row in dipex:
        code, year = int(row["ccode2"]), int(row["year"])
        if row["DE"] != "1":
            continue
        found = [r for m, r in holders.get(code, []) if _holds(m, year)]
        if found:
            years.setdefault(found[-1].id, []).append(year)
    return {relation_id: sorted(found) for relation_id, found in years.items()}


MISSIONS_SOURCE = SOURCES["wikidata_missions_2022"].name


@attrs.frozen
class Evidence:
    """A day (at its precision) on which a source shows relations standing."""

    date: PartialDate
    citation: Citation
    what: str


def interval(text: str) -> tuple[PartialDate, PartialDate]:
    """The first and last dates of a research date: ``1962-07-18/1962-07-27`` or a single date."""
    first, _, last = text.partition("/")
    return PartialDate.fromisoformat(first), PartialDate.fromisoformat(last or first)


def evidence_of(relation: Relation, cow_years: list[int], reports: Iterable[dict[str, str]] = ()) -> list[Evidence]:
    """Every evidence that the relation's relations stood, in order of its last day: COW years with
    representation, listed embassies and nunciatures, ``reported`` events, and research rows reporting
    relations (high or medium confidence). The one definition the stages use."""
    from peru_diplomacy.representation import MISSIONS_OBSERVED

    cow_url = SOURCES["bayer_2006"].url
    found = [
        Evidence(
            PartialDate(year),
            Citation(text=f"{DIPEX}, {year}: DE = 1, {cow_url}", outlet=DIPEX, published=str(year), url=cow_url),
            f"COW records diplomatic representation in {year}",
        )
        for year in cow_years
    ]
    for mission in relation.missions:
        if mission.kind.is_diplomatic:
            url = f"https://www.wikidata.org/wiki/{mission.wikidata}"
            found.append(
                Evidence(
                    PartialDate.fromisoformat(MISSIONS_OBSERVED),
                    Citation(
                        text=f"{MISSIONS_SOURCE}, {MISSIONS_OBSERVED}, {url}",
                        outlet=MISSIONS_SOURCE,
                        published=MISSIONS_OBSERVED,
                        url=url,
                    ),
                    f"{mission.kind.value} of {mission.operator} in {mission.city} listed",
                )
            )
    for event in relation.events:
        if event.kind is EventKind.REPORTED and event.citation is not None:
            found.append(Evidence(event.date, event.citation, f"{event.citation.outlet} reports relations standing"))
    for row in reports:
        if row["confidence"] in ("high", "medium"):
            cited = citation(row["source"], row["quote"], row["second_source"])
            found.append(Evidence(interval(row["date"])[1], cited, f"{cited.outlet} reports relations standing"))
    return sorted(found, key=lambda e: e.date.latest_ordinal)


def span_contests(spans: list[tuple[int, int]], reason: str, citations: tuple[Citation, ...]) -> list[Contest]:
    """The contests of one claim over half-open day spans (merged; ``AFTER_ALL``: to the horizon)."""
    return [
        Contest(
            start=from_ordinal(lo),
            end=None if hi >= AFTER_ALL else from_ordinal(hi),
            source=citations[0].outlet,
            reason=reason,
            citations=citations,
        )
        for lo, hi in merged(spans)
        if lo < hi
    ]


def citation(text: str, quote: str = "", also: str = "") -> Citation:
    """A citation from the research's source field: "Outlet, date, https://address"."""
    match = re.search(r"https?://\S+", text)
    url = match.group().rstrip(" ,;") if match else None
    before = (text[: match.start()] if match else text).strip().rstrip(",").strip()
    outlet, _, published = before.partition(", ")
    return Citation(text=text, outlet=outlet, published=published or None, url=url, quote=quote, also=also)


class OtherSources:
    """Events from other sources (data/updates/events.tsv), measures that are not events
    (not_events.tsv), and the spans COW Diplomatic Exchange contests (data/crosswalk/cow_dipex_peru.csv).

    - A high-confidence event whose sequence closes consistently becomes an event of its relation.
    - Any other event contests its span, on the days on which it and the data disagree (see
      docs/disagreements.md, "When a contest ends"): a break and its restoration, from the first day
      of the break to the last day of the restoration; a break with no restoration, up to the first
      later evidence of relations (the relation's next event, or the end of the first later COW year
      with representation), or the horizon when there is none.
    - A source that dates relations earlier than the table (earlier_relations.tsv) contests the days
      from its date to the table's start (or to a break it also cites) on which the data says
      relations did not stand.
    - A COW year with representation either way (DE = 1) in which the table's events say relations
      did not stand (and the lineage existed) contests that year; runs of such years in COW's
      sampling of the pair make one span.
    Any row that cannot be placed stops the build.
    """

    def __init__(self, registry: Registry, updates: dict[str, Any]) -> None:
        self.registry = registry
        self.unplaced = {int(code): reason for code, reason in updates["cow_unplaced"].items()}
        self.measures_unplaced: dict[str, str] = updates["measures_unplaced"]
        self.superseded: dict[str, str] = updates["superseded"]
        self.events = read_tsv(UPDATES / "events.tsv")
        self.measures = read_tsv(UPDATES / "not_events.tsv")
        self.dipex = read_csv(CROSSWALK / "cow_dipex_peru.csv")
        self.earlier = read_tsv(UPDATES / "earlier_relations.tsv")

    def _relation_of(self, row: dict[str, str], by_state: dict[str, Relation], where: str) -> Relation:
        return relation_of(self.registry, row, by_state, where)

    def apply(self, relations: list[Relation]) -> list[Relation]:
        by_state = {s.id: r for r in relations for s in r.states}
        added: dict[str, list[Event]] = {}
        pending: dict[str, list[tuple[dict[str, str], str]]] = {}
        measures: dict[str, list[Measure]] = {}
        notes: dict[str, list[str]] = {}
        unused = set(self.superseded)
        for number, row in enumerate(self.events, start=2):
            where = f"data/updates/events.tsv line {number}"
            relation = self._relation_of(row, by_state, where)
            cited = citation(row["source"], row["quote"], row["second_source"])
            key = f"{row['country']} {row['date']}"
            if key in self.superseded:
                unused.discard(key)
                notes.setdefault(relation.id, []).append(
                    f"events.tsv, {row['kind']} {row['date']} ({row['confidence']} confidence, {cited.outlet}): "
                    f"superseded. {self.superseded[key]}"
                )
                continue
            if row["confidence"] == "high" and "/" not in row["date"]:
                date = PartialDate.fromisoformat(row["date"])
                event = Event(
                    kind=EventKind(row["kind"]),
                    date=date,
                    state=relation.counterpart_on(date),
                    text=row["date"],
                    qualifier=f"decided by {row['actor']}",
                    citation=cited,
                    confidence=Confidence.HIGH,
                )
                history = sorted(
                    [*relation.events, *added.get(relation.id, []), event], key=lambda e: e.date.sort_key()
                )
                try:
                    attrs.evolve(relation, events=tuple(history))
                except InvalidEventSequenceError as error:
                    raise SourceError(f"{where}: a high-confidence event does not close: {error}") from None
                added.setdefault(relation.id, []).append(event)
            else:
                pending.setdefault(relation.id, []).append((row, where))
        for number, row in enumerate(self.measures, start=2):
            where = f"data/updates/not_events.tsv line {number}"
            if row["country"] in self.measures_unplaced:
                continue  # about no one relation: placed in horizon.toml with its reason
            relation = self._relation_of(row, by_state, where)
            first, _, last = row["date"].partition("/")
            measures.setdefault(relation.id, []).append(
                Measure(
                    date=PartialDate.fromisoformat(first),
                    until=PartialDate.fromisoformat(last) if last else None,
                    description=row["measure"],
                    actor=row["actor"],
                    why_not_an_event=row["why_not_an_event"],
                    citation=citation(row["source"], row["quote"]),
                )
            )
        if unused:
            raise SourceError(f"horizon.toml [superseded] names rows events.tsv does not have: {sorted(unused)}")
        earlier: dict[str, list[tuple[dict[str, str], str]]] = {}
        for number, row in enumerate(self.earlier, start=2):
            where = f"data/updates/earlier_relations.tsv line {number}"
            earlier.setdefault(self._relation_of(row, by_state, where).id, []).append((row, where))
        evidence = cow_evidence(relations, self.dipex)
        out = []
        for relation in relations:
            events = sorted([*relation.events, *added.get(relation.id, [])], key=lambda e: e.date.sort_key())
            updated = attrs.evolve(
                relation,
                events=tuple(events),
                remarks=(*relation.remarks, *notes.get(relation.id, ())),
                measures=tuple(sorted(measures.get(relation.id, []), key=lambda m: m.date.sort_key())),
            )
            stops = [e.date for e in evidence_of(updated, evidence.get(updated.id, []))]
            contests = self._event_contests(updated, pending.get(relation.id, []), stops)
            contests += self._earlier_contests(updated, earlier.get(updated.id, []))
            contests += updated.contests
            out.append(attrs.evolve(updated, contests=tuple(sorted(contests, key=lambda c: c.start.sort_key()))))
        return self._dipex_contests(out)

    def _earlier_contests(self, relation: Relation, rows: list[tuple[dict[str, str], str]]) -> list[Contest]:
        """Contests of the sources that date relations before the table does (and of a break they cite)."""
        start_of_table = relation.established
        breaks = [(PartialDate.fromisoformat(r["date"]), r, w) for r, w in rows if r["kind"] == "broken"]
        contests = []
        for row, where in rows:
            if row["kind"] == "broken":
                if not any(r["kind"] != "broken" for r, _ in rows):
                    raise SourceError(f"{where}: a break with no earlier relations before it cannot be placed")
                continue
            if row["kind"] not in ("relations_reported", "established"):
                raise SourceError(f"{where}: unknown kind {row['kind']!r} (relations_reported, established, broken)")
            date = PartialDate.fromisoformat(row["date"])
            if start_of_table is not None and not date.definitely_before(start_of_table):
                raise SourceError(f"{where}: {date} is not before the table's start ({start_of_table})")
            cites = [citation(row["source"], row["quote"], row["second_source"])]
            later_breaks = [(d, r) for d, r, _ in breaks if date.definitely_before(d)]
            if later_breaks:
                broken, row_of_break = later_breaks[0]
                cites.append(citation(row_of_break["source"], row_of_break["quote"], row_of_break["second_source"]))
                stop = broken.latest_ordinal + 1
                said = f"{row['date']} ({row['confidence']} confidence) and broken in {row_of_break['date']}"
            else:
                stop = AFTER_ALL if start_of_table is None else start_of_table.earliest_ordinal
                said = f"{row['date']} ({row['confidence']} confidence)"
            reason = (
                f"{cites[0].outlet} dates relations from {said}; the table's relations begin "
                f"{'nowhere' if start_of_table is None else start_of_table}"
            )
            contests += span_contests(
                disputed(relation, date.earliest_ordinal, stop, claims=Status.ACTIVE), reason, tuple(cites)
            )
        return contests

    def _event_contests(
        self, relation: Relation, rows: list[tuple[dict[str, str], str]], evidence: list[PartialDate]
    ) -> list[Contest]:
        contests = []
        rows = sorted(rows, key=lambda r: r[0]["date"])
        index = 0
        while index < len(rows):
            row, where = rows[index]
            if row["kind"] != "broken":
                raise SourceError(f"{where}: a {row['kind']} event with no break before it cannot be placed")
            start = PartialDate.fromisoformat(row["date"])
            cited = citation(row["source"], row["quote"], row["second_source"])
            following = rows[index + 1] if index + 1 < len(rows) else None
            cites = [cited]
            if following is not None and following[0]["kind"] == "restored":
                after = following[0]
                cites.append(citation(after["source"], after["quote"], after["second_source"]))
                last = PartialDate.fromisoformat(following[0]["date"].split("/")[-1])
                stop = last.latest_ordinal + 1
                # An inferred restoration ends at the first later evidence that relations stood.
                seen = [d for d in evidence if d.definitely_after(start) and d.latest_ordinal + 1 < stop]
                evidence_text = f"; relations are evidenced again in {seen[0]}" if seen else ""
                stop = seen[0].latest_ordinal + 1 if seen else stop
                reason = (
                    f"{cited.outlet} reports relations broken in {row['date']} ({row['confidence']} confidence) "
                    f"and restored in {following[0]['date']} ({following[0]['confidence']} confidence); "
                    f"the table records neither{evidence_text}"
                )
                index += 2
            else:
                # The claim ends where later evidence of relations begins: the relation's next event, or
                # the end of the first later COW year with representation; else it runs to the horizon.
                ends = [e.date.earliest_ordinal for e in relation.events if e.date.definitely_after(start)]
                seen = [d for d in evidence if d.definitely_after(start)]
                if seen:
                    ends.append(seen[0].latest_ordinal + 1)
                stop = min(ends, default=AFTER_ALL)
                evidence_text = f"; relations are evidenced again in {seen[0]}" if seen else ""
                reason = (
                    f"{cited.outlet} reports relations broken in {row['date']} ({row['confidence']} confidence), "
                    f"and no restoration was found{evidence_text}; the table records no break"
                )
                index += 1
            # The claim: relations stood until the break (some day of its date) and not from then on.
            spans = disputed(relation, start.earliest_ordinal, stop, claims=Status.INACTIVE)
            spans += disputed(relation, start.earliest_ordinal, start.latest_ordinal + 1, claims=Status.ACTIVE)
            contests += span_contests(spans, reason, tuple(cites))
        return contests

    def _dipex_contests(self, relations: list[Relation]) -> list[Relation]:
        holders = cow_holders(relations)
        years: dict[str, list[tuple[int, bool]]] = {}
        levels: dict[str, list[Representation]] = {}
        for number, row in enumerate(self.dipex, start=2):
            code, year, exchange = int(row["ccode2"]), int(row["year"]), row["DE"] == "1"
            first, last = PartialDate(year, 1, 1), PartialDate(year, 12, 31)
            found = [
                r
                for m, r in holders.get(code, [])
                if m.start.earliest <= last.earliest and (m.end is None or first.earliest < m.end.earliest)
            ]
            if not found:
                if exchange and code not in self.unplaced:
                    raise SourceError(
                        f"data/crosswalk/cow_dipex_peru.csv line {number}: COW {code} in {year} has representation "
                        "but no relation holds the code then; place it in data/updates/horizon.toml [cow_unplaced]"
                    )
                continue
            relation = found[-1]
            state = next(
                s
                for s in relation.states
                for m in s.memberships
                if m.system is CodeSystem.COW
                and m.code == code
                and m.start.earliest <= last.earliest
                and (m.end is None or first.earliest < m.end.earliest)
            )
            levels.setdefault(relation.id, []).append(
                Representation(
                    year=year,
                    state=state.id,
                    cow_code=code,
                    at_peru=RepresentationLevel.from_code(int(row["DR_at_1"])),
                    in_counterpart=RepresentationLevel.from_code(int(row["DR_at_2"])),
                    exchange=exchange,
                )
            )
            told = StatusTimeline.from_periods(relation.periods) if relation.events else None
            against = exchange and told is not None and told.on(PartialDate(year)) is Status.INACTIVE
            existed = year > PERU_INDEPENDENCE.year and any(
                s.exists_on(PartialDate(year)) is Status.ACTIVE for s in relation.states
            )
            years.setdefault(relation.id, []).append((year, against and existed))
        out = []
        for relation in relations:
            spans: list[tuple[int, int]] = []
            run: list[int] = []
            for year, against in [*sorted(years.get(relation.id, [])), (10_000, False)]:
                if against:
                    run.append(year)
                elif run:
                    spans.append((run[0], run[-1]))
                    run = []
            contests = list(relation.contests)
            for first_year, last_year in spans:
                years_text = str(first_year) if first_year == last_year else f"{first_year}-{last_year}"
                contests.append(
                    Contest(
                        start=PartialDate(first_year, 1, 1),
                        end=PartialDate(last_year + 1, 1, 1),
                        source=DIPEX,
                        reason=(
                            f"COW records diplomatic representation between Peru and "
                            f"{relation.counterpart_on(PartialDate(first_year, 7, 1)).name} in {years_text} "
                            "(DE = 1), when the table's events say relations did not stand"
                        ),
                    )
                )
            contests.sort(key=lambda c: c.start.sort_key())
            representation = tuple(sorted(levels.get(relation.id, []), key=lambda r: (r.year, r.state)))
            out.append(attrs.evolve(relation, contests=tuple(contests), representation=representation))
        return out
