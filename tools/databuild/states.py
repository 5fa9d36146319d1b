"""Stage 4, states: codes, memberships, lifetimes and UN M49 regions, from data/crosswalk and data/curation."""

from __future__ import annotations

import itertools
import tomllib
from typing import Any

import attrs
import pycountry

from peru_diplomacy._records import SystemState
from peru_diplomacy.counterparts import CodeSystem, Counterpart, CounterpartKind, Membership
from peru_diplomacy.dates import PartialDate
from peru_diplomacy.periods import AFTER_ALL, Period
from peru_diplomacy.relation import Relation

from .common import CROSSWALK, CURATION, SourceError, read_csv, read_tsv_commented
from .names import Registry

LISTS_BEGIN = PartialDate(1816, 1, 1)
OPEN_ENDS = {"2016-12-31", "9999-12-31"}


@attrs.frozen
class ListSpan:
    """One row of the COW or GW list: a span of membership under a code (end exclusive)."""

    system: CodeSystem
    code: int
    abbrev: str
    name: str
    start: PartialDate
    end: PartialDate | None


def _day_after(text: str) -> PartialDate | None:
    import datetime

    if text in OPEN_ENDS:
        return None
    return PartialDate.from_date(datetime.date.fromisoformat(text) + datetime.timedelta(days=1))


def list_spans() -> list[ListSpan]:
    spans = []
    for row in read_csv(CROSSWALK / "cow_states2016.csv"):
        start = PartialDate(int(row["styear"]), int(row["stmonth"]), int(row["stday"]))
        end = f"{int(row['endyear']):04d}-{int(row['endmonth']):02d}-{int(row['endday']):02d}"
        spans.append(
            ListSpan(CodeSystem.COW, int(row["ccode"]), row["stateabb"], row["statenme"], start, _day_after(end))
        )
    for row in read_csv(CROSSWALK / "gw_states.csv"):
        start = PartialDate.fromisoformat(row["start"])
        spans.append(
            ListSpan(CodeSystem.GW, int(row["gwcode"]), row["gwc"], row["country_name"], start, _day_after(row["end"]))
        )
    return spans


def system_states() -> tuple[SystemState, ...]:
    """Every code of the two lists with its abbreviation and name (the first row's, for a code with several)
    and every span of its membership, in order."""
    seen: dict[tuple[CodeSystem, int], SystemState] = {}
    spans: dict[tuple[CodeSystem, int], list[Period]] = {}
    for span in list_spans():
        key = (span.system, span.code)
        seen.setdefault(key, SystemState(system=span.system, code=span.code, abbrev=span.abbrev, name=span.name))
        spans.setdefault(key, []).append(Period(start=span.start, end=span.end))
    absences = tomllib.loads((CURATION / "absences.toml").read_text(encoding="utf-8"))["states"]
    codes = {r["id"]: r for r in read_tsv_commented(CURATION / "codes.tsv")}
    no_relations: dict[tuple[CodeSystem, int], str] = {}
    for state_id, spec in absences.items():
        for system in (CodeSystem.COW, CodeSystem.GW):
            for code in codes[state_id][system.value].split():
                no_relations[(system, int(code))] = f"{spec['source']}: «{spec['quote']}»"
    return tuple(
        attrs.evolve(
            state,
            spans=tuple(sorted(spans[key], key=lambda p: p.start.sort_key())),
            no_relations=no_relations.get(key, ""),
        )
        for key, state in sorted(seen.items(), key=lambda item: (item[0][0].value, item[0][1]))
    )


def _end_key(end: PartialDate | None) -> tuple[int, int]:
    return (10**9, 0) if end is None else end.sort_key()


def _from_ordinal(ordinal: int) -> PartialDate:
    import datetime

    return PartialDate.from_date(datetime.date.fromordinal(ordinal))


def _iso_lifetime(state_id: str) -> dict[str, Any]:
    """What ISO 3166 says of the lifetime of an entry in neither list: a former entry (ISO 3166-3) ended
    at the latest when its code was withdrawn; of a current one it says nothing (``uncertain``)."""
    if len(state_id) != 4:
        return {"existence_source": "Not recorded: in neither list of states, and ISO 3166-1 gives no dates."}
    record = pycountry.historic_countries.get(alpha_4=state_id)
    withdrawn = getattr(record, "withdrawal_date", None)
    if not withdrawn:
        return {"existence_source": "Not recorded: in neither list of states; ISO 3166-3 gives no withdrawal date."}
    day = PartialDate.fromisoformat(withdrawn)
    return {
        "doubtful": (Period(start=day, end=day, open_start=True),),
        "existence_source": (
            f"ISO 3166-3 (pycountry): the entry was withdrawn on {day}; it did not exist after, "
            "and before that day its existence is not recorded."
        ),
    }


def _m49(row: dict[str, str] | None) -> dict[str, Any]:
    """A state's fields from its row of the UN M49 list (none without a row)."""
    if row is None:
        return {"m49_region": None, "m49_subregion": None}
    return {"m49_region": row["region"] or None, "m49_subregion": row["sub-region"] or None}


class StateFacts:
    """Codes, lifetimes and M49 regions for every counterpart, from data/crosswalk and the curation files."""

    def __init__(self, withheld: frozenset[str] = frozenset()) -> None:
        self.withheld = withheld
        self.spans = list_spans()
        self.codes = {r["id"]: r for r in read_tsv_commented(CURATION / "codes.tsv")}
        self.lifetimes = tomllib.loads((CURATION / "lifetimes.toml").read_text(encoding="utf-8"))
        self.m49 = {r["alpha-3"]: r for r in read_csv(CROSSWALK / "un_m49.csv")}
        for state_id, row in self.codes.items():
            for system in (CodeSystem.COW, CodeSystem.GW):
                for code in self._codes(state_id, system):
                    if not any(s.system is system and s.code == code for s in self.spans):
                        raise SourceError(f"codes.tsv: {state_id} has {system.value} code {code}, not in the list")
            if not row:
                raise SourceError(f"codes.tsv: no row for {state_id}")

    def _codes(self, state_id: str, system: CodeSystem) -> list[int]:
        return [int(code) for code in self.codes[state_id][system.value].split()]

    def _spans(self, state_id: str) -> list[ListSpan]:
        return [
            span
            for system in (CodeSystem.COW, CodeSystem.GW)
            for code in self._codes(state_id, system)
            for span in self.spans
            if span.system is system and span.code == code
        ]

    def existence(self, state: Counterpart, first_event: PartialDate | None) -> tuple[tuple[Period, ...], str]:
        curated = self.lifetimes["states"].get(state.id)
        if curated is not None:
            start = PartialDate.fromisoformat(curated["start"])
            end = PartialDate.fromisoformat(curated["end"]) if "end" in curated else None
            period = Period(start=start, end=end, open_start=bool(curated.get("open_start", False)))
            return (period,), curated["source"]
        spans = self._spans(state.id)
        if not spans:
            if first_event is None:
                raise SourceError(f"{state.name} ({state.id}) is in neither list, has no event and no curated lifetime")
            period = Period(start=PartialDate.from_date(first_event.earliest), open_start=True)
            return (period,), "In neither the COW nor the GW list: dated from its first event in the table."
        if state.id in self.lifetimes["after_gap"]["ids"]:
            last: dict[CodeSystem, ListSpan] = {}
            for span in spans:
                if span.system not in last or last[span.system].start < span.start:
                    last[span.system] = span
            spans = list(last.values())
            note = " " + self.lifetimes["after_gap"]["reason"]
        else:
            note = ""
        start = min((span.start for span in spans), key=PartialDate.sort_key)
        ends = [span.end for span in spans]
        end = None if None in ends else max(ends, key=_end_key)
        codes = ", ".join(sorted({f"{s.system.value.upper()} {s.code}" for s in spans}))
        period = Period(start=start, end=end, open_start=start == LISTS_BEGIN)
        return (period,), f"The COW and GW lists ({codes}), from the earliest start to the latest end.{note}"

    def doubtful(self, state: Counterpart) -> tuple[tuple[Period, ...], str]:
        """Spans of the state's lifetime in which whether it existed is not settled, and why.

        Curated ones (``doubtful`` in lifetimes.toml), else the gaps inside the union of its spans in
        the two lists: days between its first and last day as a state on which neither list counts it
        as one (an occupation or annexation whose legal continuity is claimed, the Baltic states
        1940-1991; Afghanistan 1889-1918). A state whose lifetime is its last span has none.
        """
        curated = self.lifetimes["states"].get(state.id)
        if curated is not None and "doubtful" in curated:
            spans = tuple(
                Period(start=PartialDate.fromisoformat(d["start"]), end=PartialDate.fromisoformat(d["end"]))
                for d in curated["doubtful"]
            )
            return spans, " ".join(d["reason"] for d in curated["doubtful"])
        if state.id in self.lifetimes["after_gap"]["ids"]:
            return (), ""
        # A curated lifetime clips the lists' spans to it (the German Reich's code 255 is Germany's again
        # from 1990): only the gaps inside the lifetime count.
        lo_life, hi_life = 0, AFTER_ALL
        if curated is not None:
            lo_life = PartialDate.fromisoformat(curated["start"]).earliest_ordinal
            hi_life = PartialDate.fromisoformat(curated["end"]).earliest_ordinal if "end" in curated else AFTER_ALL
        merged: list[list[int]] = []
        for span in sorted(self._spans(state.id), key=lambda s: s.start.earliest_ordinal):
            lo = max(span.start.earliest_ordinal, lo_life)
            hi = min(AFTER_ALL if span.end is None else span.end.earliest_ordinal, hi_life)
            if lo >= hi:
                continue
            if merged and lo <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], hi)
            else:
                merged.append([lo, hi])
        gaps = tuple(Period(start=_from_ordinal(a[1]), end=_from_ordinal(b[0])) for a, b in itertools.pairwise(merged))
        if not gaps:
            return (), ""
        said = ", ".join(f"{p.start} to {p.end}" for p in gaps)
        return gaps, (
            f" Neither list counts it as a state from {said} (the day after a span's last to the first of the next): "
            "whether it existed then is uncertain."
        )

    def memberships(self, state: Counterpart, existence: tuple[Period, ...]) -> tuple[Membership, ...]:
        """The list spans of the state's codes, cut to its lifetime."""
        life = existence[0]
        out = []
        for span in self._spans(state.id):
            start = span.start if life.open_start or life.start < span.start else life.start
            end = span.end if life.end is None or (span.end is not None and span.end < life.end) else life.end
            if end is not None and not start < end:
                continue
            out.append(Membership(system=span.system, code=span.code, abbrev=span.abbrev, start=start, end=end))
        return tuple(out)

    def enrich(self, state: Counterpart, first_event: PartialDate | None) -> Counterpart:
        existence, source = self.existence(state, first_event)
        doubtful, why = self.doubtful(state)
        withheld = state.id in self.withheld
        region = None if state.alpha3 is None or withheld else self.m49.get(state.alpha3)
        if state.kind is not CounterpartKind.HISTORICAL_STATE and state.alpha3 and region is None and not withheld:
            raise SourceError(f"{state.name} ({state.alpha3}) has no UN M49 region")
        return attrs.evolve(
            state,
            existence=existence,
            existence_source=source + (" " + why.strip() if why else ""),
            doubtful=doubtful,
            memberships=self.memberships(state, existence),
            **_m49(region),
        )

    def apply(self, relations: list[Relation]) -> list[Relation]:
        first: dict[str, PartialDate] = {}
        for relation in relations:
            for event in relation.events:
                first.setdefault(event.state.id, event.date)
        states = {s.id: s for r in relations for s in (*r.states, *r.attribution.alternatives)}
        missing = sorted(set(states) - set(self.codes))
        if missing:
            raise SourceError(f"codes.tsv has no row for {', '.join(missing)}")
        enriched = {state_id: self.enrich(state, first.get(state_id)) for state_id, state in states.items()}

        def swap(state: Counterpart | None) -> Counterpart | None:
            return None if state is None else enriched[state.id]

        out = []
        for relation in relations:
            events = tuple(
                attrs.evolve(
                    e, state=enriched[e.state.id], predecessor=swap(e.predecessor), successor=swap(e.successor)
                )
                for e in relation.events
            )
            lineage = tuple(enriched[s.id] for s in relation.states)
            attribution = attrs.evolve(
                relation.attribution, alternatives=tuple(enriched[s.id] for s in relation.attribution.alternatives)
            )
            out.append(
                attrs.evolve(relation, counterpart=lineage[-1], states=lineage, events=events, attribution=attribution)
            )
        return out

    def named(self, registry: Registry, state_id: str) -> Counterpart:
        """The table's record of a state a name points to that no relation has: an ISO 3166 entry or a
        curated state. It is a state of its kind (``codes.tsv``, ``counterparts.toml``) where a list of states
        has it, otherwise ``unclassified``; codes, lifetime and M49 region as the crosswalk gives them."""
        world = registry.curation["world"]
        label = world["labels"].get(state_id)
        spec = world["states"].get(state_id)
        listed = state_id in self.codes
        if spec is not None:
            base = Counterpart(id=state_id, name=spec["label"], kind=CounterpartKind(spec["kind"]))
        elif len(state_id) == 4:
            record = pycountry.historic_countries.get(alpha_4=state_id)
            if record is None:
                raise SourceError(f"a name points to {state_id!r}, which is no ISO 3166-3 entry")
            base = Counterpart(
                id=state_id,
                name=label or str(record.name),
                kind=CounterpartKind.HISTORICAL_STATE if listed else CounterpartKind.UNCLASSIFIED,
                alpha2=getattr(record, "alpha_2", None),
                alpha3=getattr(record, "alpha_3", None),
                numeric=getattr(record, "numeric", None),
                iso3166_3=record.alpha_4,
            )
        else:
            base = registry.world_state(state_id)
            if not listed:
                base = attrs.evolve(base, kind=CounterpartKind.UNCLASSIFIED)
        if listed:
            return self.enrich(base, None)
        region = None if base.alpha3 is None or len(state_id) == 4 else self.m49.get(base.alpha3)
        return attrs.evolve(base, **_m49(region), **_iso_lifetime(state_id))

    def subject(self, registry: Registry) -> Counterpart:
        """The subject of every relation (Peru), its codes and lifetime from the same files as any state's."""
        subject = registry.curation["subject"]
        return self.enrich(registry.state(subject["id"], subject["name"]), None)
