"""Generate src/peru_diplomacy/data/relations.json from the sources in data/.

    python tools/build_dataset.py           # write the resource
    python tools/build_dataset.py --check   # fail if the committed resource differs

Inputs (all in this repository):
- data/source/foreign_relations_of_peru.txt: the article scrape (CC BY-SA 4.0);
- data/source/country_key.tsv: the recovered Country column, row by row;
- data/source/disputed_dates.tsv: dates other sources give differently;
- data/curation/rows.toml: readings of the hard date cells, and remarks;
- data/curation/counterparts.toml: states that are not current ISO countries, and names;
- data/curation/codes.tsv: each state's COW and Gleditsch-Ward codes;
- data/curation/lifetimes.toml: lifetimes the lists do not give, with sources;
- data/crosswalk/: the COW and GW state lists and UN M49 regions (see its README).
ISO codes, official and Spanish names come from pycountry.

A cell the grammar cannot read, a footnote that does not exist, or a row the
key does not cover stops the build with an error naming the region and row.
"""

from __future__ import annotations

import argparse
import csv
import gettext
import json
import re
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pycountry

from peru_diplomacy._format import write_document
from peru_diplomacy._loading import dumps_document
from peru_diplomacy._records import DatasetDocument, DatasetMetadata, ExcludedRow, NameEntry, SystemState
from peru_diplomacy.counterparts import PERU_INDEPENDENCE, CodeSystem, Counterpart, CounterpartKind, Membership
from peru_diplomacy.dataset import SCHEMA_VERSION, Dataset
from peru_diplomacy.dates import PartialDate
from peru_diplomacy.errors import InvalidEventSequenceError
from peru_diplomacy.events import Event, EventKind
from peru_diplomacy.identity import NameKind, normalize_name, normalize_query
from peru_diplomacy.periods import AFTER_ALL, Period, Status, StatusTimeline, all_of, any_of
from peru_diplomacy.provenance import (
    Attribution,
    Citation,
    Confidence,
    Contest,
    DateDispute,
    Measure,
    Reference,
    Region,
    Source,
)
from peru_diplomacy.relation import Relation
from peru_diplomacy.representation import Representation, RepresentationLevel

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data" / "source"
CURATION = ROOT / "data" / "curation"
CROSSWALK = ROOT / "data" / "crosswalk"
UPDATES = ROOT / "data" / "updates"
DIPEX = "COW Diplomatic Exchange v2006.1"
LISTS_BEGIN = PartialDate(1816, 1, 1)
OPEN_ENDS = {"2016-12-31", "9999-12-31"}
RELEASE = ROOT / "data" / "release.toml"
OUTPUT = ROOT / "src" / "peru_diplomacy" / "data" / "relations.json"
RELEASE_MODULE = ROOT / "src" / "peru_diplomacy" / "_release.py"

REGIONS = ("Africa", "Americas", "Asia", "Europe", "Oceania")
TABLE_HEADER = "Country | Formal Relations Began | Notes |"
ROW_START = "![]()"

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_MONTH = "|".join(MONTHS)
# Longest forms first; each date may carry footnote markers such as [5][60].
DATE_PATTERN = re.compile(
    rf"""
    (?P<iso>\b\d{{4}}-\d{{2}}-\d{{2}}\b)
  | (?P<dmy>\b(?P<dmy_d>\d{{1,2}})\ (?P<dmy_m>{_MONTH})\ (?P<dmy_y>\d{{4}})\b)
  | (?P<mdy>\b(?P<mdy_m>{_MONTH})\ (?P<mdy_d>\d{{1,2}}),?\ (?P<mdy_y>\d{{4}})\b)
  | (?P<my>\b(?P<my_m>{_MONTH})\ (?P<my_y>\d{{4}})\b)
  | (?P<y>\b\d{{4}}\b)
    """,
    re.VERBOSE,
)
MARKERS = re.compile(r"(?:\[\d+\])+")
MARKER = re.compile(r"\[(\d+)\]")


class SourceError(Exception):
    """The sources cannot be read as the build expects."""


@attrs.frozen
class SourceRow:
    region: str
    row: int
    cell: str
    notes: str
    raw: str


@attrs.frozen
class DateMention:
    """A date written in a cell: its text, value, position and footnotes."""

    text: str
    date: PartialDate
    start: int
    end: int
    references: tuple[int, ...]


# -- reading the article -----------------------------------------------------------------


def read_article(path: Path) -> tuple[list[SourceRow], list[str]]:
    lines = path.read_text(encoding="utf-8").split("\n")
    rows: list[SourceRow] = []
    region: str | None = None
    current: list[str] | None = None
    count = 0

    def flush() -> None:
        nonlocal current
        if current is not None and region is not None:
            rows.append(split_row(region, count, "\n".join(current)))
        current = None

    index = 0
    references_at = None
    while index < len(lines):
        line = lines[index]
        if line in REGIONS and index + 1 < len(lines) and lines[index + 1] == TABLE_HEADER:
            flush()
            region, count = line, 0
            index += 3  # heading, header, separator
            continue
        if region is not None and line in ("Transnational issues",):
            flush()
            region = None
        elif region is not None and line.startswith(ROW_START):
            flush()
            count += 1
            current = [line[len(ROW_START) :]]
        elif current is not None:
            current.append(line)
        if line == "References":
            references_at = index
        index += 1
    flush()
    if references_at is None:
        raise SourceError("the article has no References section")
    references: list[str] = []
    for line in lines[references_at + 1 :]:
        if line.startswith("- "):
            references.append(line[2:].strip())
        elif references and line.strip():
            references[-1] += "\n" + line.strip()
    return rows, references


def split_row(region: str, row: int, text: str) -> SourceRow:
    stripped = text.strip()
    if not stripped.startswith("|"):
        # Not a table row: Asia's row 9 is the caption of a map inside the China row.
        return SourceRow(region, row, "", "", stripped)
    parts = stripped.split("|")
    if len(parts) < 3 or any(p.strip() for p in parts[3:]) or parts[0].strip():
        raise SourceError(f"{region} row {row}: cannot split into date and notes cells: {stripped!r}")
    return SourceRow(region, row, parts[1].strip(), parts[2].strip(), stripped)


# -- reading date cells ------------------------------------------------------------------


def find_dates(cell: str, where: str) -> list[DateMention]:
    """Every date written in a cell, in order, with the footnote markers that follow it."""
    found = []
    for match in DATE_PATTERN.finditer(cell):
        kind = match.lastgroup
        groups = match.groupdict()
        if groups["iso"]:
            date = PartialDate.fromisoformat(groups["iso"])
        elif groups["dmy"]:
            date = PartialDate(int(groups["dmy_y"]), MONTHS.index(groups["dmy_m"]) + 1, int(groups["dmy_d"]))
        elif groups["mdy"]:
            date = PartialDate(int(groups["mdy_y"]), MONTHS.index(groups["mdy_m"]) + 1, int(groups["mdy_d"]))
        elif groups["my"]:
            date = PartialDate(int(groups["my_y"]), MONTHS.index(groups["my_m"]) + 1)
        elif groups["y"]:
            date = PartialDate(int(groups["y"]))
        else:  # pragma: no cover - the pattern has no other group
            raise SourceError(f"{where}: unexpected date form {kind}")
        end = match.end()
        markers = MARKERS.match(cell, end)
        refs: tuple[int, ...] = ()
        if markers:
            refs = tuple(int(n) for n in MARKER.findall(markers.group()))
            end = markers.end()
        found.append(DateMention(match.group(), date, match.start(), end, refs))
    return found


def plain_reading(cell: str, mentions: list[DateMention], where: str) -> list[tuple[DateMention, EventKind]]:
    """Read a cell of the plain grammar: a date, then ", broken D", "restored D" or a bare date.

    A bare date after a break is a restoration; "Re-established diplomatic
    relations D" is one too. Any other words need a reading in rows.toml.
    """
    out: list[tuple[DateMention, EventKind]] = []
    position = 0
    for mention in mentions:
        connector = cell[position : mention.start].strip(" ,").casefold()
        if not out:
            if connector:
                raise SourceError(f"{where}: cannot read {connector!r} before the first date in {cell!r}")
            kind = EventKind.ESTABLISHED
        elif connector == "broken":
            kind = EventKind.BROKEN
        elif connector in ("restored", "re-established diplomatic relations") or (
            connector == "" and out[-1][1] is EventKind.BROKEN
        ):
            kind = EventKind.RESTORED
        else:
            raise SourceError(
                f"{where}: cannot read {connector!r} before {mention.text!r} in {cell!r}; "
                "add a reading to data/curation/rows.toml"
            )
        out.append((mention, kind))
        position = mention.end
    rest = cell[position:].strip()
    if rest:
        raise SourceError(f"{where}: cannot read {rest!r} after the last date in {cell!r}")
    return out


# -- counterparts and names --------------------------------------------------------------


class Registry:
    """Counterparts by id, and every name the lookups should know them by."""

    def __init__(self, curation: dict[str, Any]) -> None:
        self.curation = curation
        self.states: dict[str, Counterpart] = {}
        self.spanish = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["es"])
        for state_id, spec in curation["states"].items():
            record = None
            if "historic" in spec:
                record = pycountry.historic_countries.get(alpha_3=spec["historic"])
                if record is None:
                    raise SourceError(f"counterparts.toml: no historic country {spec['historic']}")
            elif len(state_id) == 3:
                record = pycountry.countries.get(alpha_3=state_id)
            self.states[state_id] = Counterpart(
                id=state_id,
                name=spec["name"],
                kind=CounterpartKind(spec["kind"]),
                official_name=spec.get("official_name"),
                alpha2=None if record is None else record.alpha_2,
                alpha3=None if record is None else record.alpha_3,
                numeric=None if record is None else record.numeric,
                iso3166_3=None if record is None or "historic" not in spec else record.alpha_4,
            )

    def state(self, state_id: str, name: str | None = None) -> Counterpart:
        if state_id in self.states:
            return self.states[state_id]
        record = pycountry.countries.get(alpha_3=state_id)
        if record is None or name is None:
            raise SourceError(f"unknown counterpart {state_id!r}: add it to data/curation/counterparts.toml")
        kind = self.curation["kinds"].get(state_id, "sovereign_state")
        state = Counterpart(
            id=state_id,
            name=name,
            kind=CounterpartKind(kind),
            official_name=getattr(record, "official_name", None),
            alpha2=record.alpha_2,
            alpha3=record.alpha_3,
            numeric=record.numeric,
        )
        self.states[state_id] = state
        return state

    def world_state(self, alpha3: str) -> Counterpart:
        """The counterpart record of an ISO 3166-1 country (registered once)."""
        if alpha3 in self.states:
            return self.states[alpha3]
        record = pycountry.countries.get(alpha_3=alpha3)
        if record is None:
            raise SourceError(f"unknown ISO 3166-1 alpha-3 code {alpha3!r}")
        name = self.curation["world"]["labels"].get(alpha3) or getattr(record, "common_name", None) or record.name
        return self.state(alpha3, name)

    def names(self, relations: list[Relation]) -> list[NameEntry]:
        entries: dict[tuple[str, str | None, str | None], NameEntry] = {}

        def add(name: str, kind: NameKind, relation: str | None, state: str | None, label: str | None = None) -> None:
            """Index ``name`` (shown as ``label``, by default the name itself); the first entry wins."""
            key = normalize_query(name) if kind is NameKind.CODE else normalize_name(name)
            if key:
                entry = NameEntry(key=key, label=label or name, kind=kind, relation=relation, state=state)
                entries.setdefault((key, relation, state), entry)

        for relation in relations:
            for state in relation.states:
                for name, kind in self._names_of(state):
                    add(name, kind, relation.id, state.id)
        owners = {s.id: r.id for r in relations for s in r.states}
        for name, ids in self.curation["ambiguous"].items():
            for state_id in ids:
                record = pycountry.countries.get(alpha_3=state_id)
                world_label = None if record is None else getattr(record, "official_name", None) or record.name
                add(name, NameKind.ALIAS, owners.get(state_id), state_id, None if state_id in owners else world_label)
        # Every other state of the world, so that a lookup says "no relation" rather than "unknown";
        # a dataset name that is also one of theirs is ambiguous.
        in_data = {s.alpha3 for r in relations for s in r.states if s.alpha3}
        world = self.curation["world"]
        for record in pycountry.countries:
            if record.alpha_3 in in_data:
                continue
            label = world["labels"].get(record.alpha_3) or getattr(record, "common_name", None) or record.name
            names = [record.name, getattr(record, "official_name", None), getattr(record, "common_name", None)]
            names.append(self.spanish.gettext(record.name))
            for value, kind in [(n, NameKind.ALIAS) for n in names if n] + [
                (code, NameKind.CODE) for code in (record.alpha_2, record.alpha_3, record.numeric)
            ]:
                add(value, kind, None, record.alpha_3, label)
        in_data_historic = {s.iso3166_3 for r in relations for s in r.states if s.iso3166_3}
        # A former name of a state that lives on in a relation (Zaire, Dahomey, Burma, East Timor) is that
        # relation's: never a state of its own, so never an ambiguity with itself.
        renamed = {code: state for state, codes in self.curation["former_codes"].items() for code in codes}
        state_owner = {s.id: (r.id, s.id) for r in relations for s in r.states}
        for record in pycountry.historic_countries:
            if record.alpha_4 in in_data_historic:
                continue
            if record.alpha_4 in renamed:
                owner = state_owner.get(renamed[record.alpha_4])
                if owner is None:
                    raise SourceError(f"counterparts.toml [former_codes]: {renamed[record.alpha_4]} has no relation")
                add(record.name, NameKind.FORMER_NAME, *owner)
                continue
            label = world["labels"].get(record.alpha_4) or str(record.name)
            for value, kind in ((record.name, NameKind.FORMER_NAME), (record.alpha_4, NameKind.CODE)):
                add(value, kind, None, record.alpha_4, label)
        for state_id, aliases in world["aliases"].items():
            record = pycountry.countries.get(alpha_3=state_id) or pycountry.historic_countries.get(alpha_4=state_id)
            if record is None or state_id in in_data or state_id in in_data_historic:
                raise SourceError(f"counterparts.toml [world.aliases]: {state_id} is not a state without a relation")
            label = world["labels"].get(state_id) or getattr(record, "common_name", None) or record.name
            for value in aliases:
                add(value, NameKind.ALIAS, None, state_id, label)
        for state_id, spec in world["states"].items():
            for value in spec["names"]:
                add(value, NameKind.ALIAS, None, state_id, spec["label"])
        subject = self.state(self.curation["subject"]["id"], self.curation["subject"]["name"])
        for value, kind in self._names_of(subject):
            add(value, kind, None, subject.id, subject.name)
        return sorted(entries.values(), key=lambda e: (e.key, e.relation or "", e.state or ""))

    def _names_of(self, state: Counterpart) -> Iterator[tuple[str, NameKind]]:
        c = self.curation
        yield state.name, NameKind.NAME
        if state.official_name:
            yield state.official_name, NameKind.OFFICIAL_NAME
        record = None
        if state.kind is CounterpartKind.HISTORICAL_STATE and state.alpha3:
            record = pycountry.historic_countries.get(alpha_3=state.alpha3)
        elif state.alpha3:
            record = pycountry.countries.get(alpha_3=state.alpha3)
        if record is not None and state.id not in c["iso_withheld"]:
            yield record.name, NameKind.ALIAS
            if getattr(record, "common_name", None):
                yield record.common_name, NameKind.ALIAS
            if state.kind is not CounterpartKind.HISTORICAL_STATE:
                yield self.spanish.gettext(record.name), NameKind.SPANISH_NAME
        for alias in c["aliases"].get(state.id, []):
            yield alias, NameKind.ALIAS
        for name in c["former_names"].get(state.id, []):
            yield name, NameKind.FORMER_NAME
        for name in c["spanish"].get(state.id, []):
            yield name, NameKind.SPANISH_NAME
        for code in (state.alpha2, state.alpha3, state.numeric, state.iso3166_3):
            if code:
                yield code, NameKind.CODE
        for code in c["former_codes"].get(state.id, []):
            yield code, NameKind.CODE


# -- codes, lifetimes and regions ---------------------------------------------------------


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@attrs.frozen
class ListSpan:
    """One row of the COW or GW list: a span of membership under a code (end exclusive)."""

    system: CodeSystem
    code: int
    abbrev: str
    name: str
    start: PartialDate
    end: PartialDate | None


def _holds(m: Membership, year: int) -> bool:
    """Whether a membership covers some day of ``year``."""
    first, last = PartialDate(year, 1, 1), PartialDate(year, 12, 31)
    return m.start.earliest <= last.earliest and (m.end is None or first.earliest < m.end.earliest)


def _from_ordinal(ordinal: int) -> PartialDate:
    import datetime

    return PartialDate.from_date(datetime.date.fromordinal(ordinal))


def _disputed(relation: Relation, first: int, stop: int, *, claims: Status) -> list[tuple[int, int]]:
    """The half-open day spans of [first, stop) on which a source's claim and the data disagree.

    The data's answer is the relation's status from its events and its states' lifetimes (contests
    aside). A claim of inactive relations disputes the days the data says active or uncertain; a
    claim of active relations the days it says inactive while a state of the lineage existed (and
    Peru did).
    """
    told = (
        StatusTimeline.from_periods(relation.periods) if relation.events else StatusTimeline.constant(Status.UNCERTAIN)
    )
    existed = any_of(*(state._lifetime for state in relation.states))
    existed = all_of(existed, StatusTimeline.from_periods([Period(start=PERU_INDEPENDENCE)]))
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
            for piece_lo, piece_hi in _where(existed, lo, hi, Status.ACTIVE):
                spans.append((piece_lo, piece_hi))
    return _merged(spans)


def _where(timeline: StatusTimeline, first: int, stop: int, status: Status) -> list[tuple[int, int]]:
    out = []
    for index, start in enumerate(timeline.starts):
        end = timeline.starts[index + 1] if index + 1 < len(timeline.starts) else AFTER_ALL
        lo, hi = max(start, first), min(end, stop)
        if lo < hi and timeline.statuses[index] is status:
            out.append((lo, hi))
    return out


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(spans):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


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
    return tuple(
        attrs.evolve(state, spans=tuple(sorted(spans[key], key=lambda p: p.start.sort_key())))
        for key, state in sorted(seen.items(), key=lambda item: (item[0][0].value, item[0][1]))
    )


def _end_key(end: PartialDate | None) -> tuple[int, int]:
    return (10**9, 0) if end is None else end.sort_key()


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
        withheld = state.id in self.withheld
        region = None if state.alpha3 is None or withheld else self.m49.get(state.alpha3)
        if state.kind is not CounterpartKind.HISTORICAL_STATE and state.alpha3 and region is None and not withheld:
            raise SourceError(f"{state.name} ({state.alpha3}) has no UN M49 region")
        return attrs.evolve(
            state,
            existence=existence,
            existence_source=source,
            memberships=self.memberships(state, existence),
            m49_region=None if region is None else region["region"] or None,
            m49_subregion=None if region is None else region["sub-region"] or None,
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
        return attrs.evolve(
            base,
            m49_region=None if region is None else region["region"] or None,
            m49_subregion=None if region is None else region["sub-region"] or None,
        )

    def subject(self, registry: Registry) -> Counterpart:
        """The subject of every relation (Peru), its codes and lifetime from the same files as any state's."""
        subject = registry.curation["subject"]
        return self.enrich(registry.state(subject["id"], subject["name"]), None)


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
        self.events = read_tsv(UPDATES / "events.tsv")
        self.measures = read_tsv(UPDATES / "not_events.tsv")
        self.dipex = read_csv(CROSSWALK / "cow_dipex_peru.csv")
        self.earlier = read_tsv(UPDATES / "earlier_relations.tsv")

    def _relation_of(self, row: dict[str, str], by_state: dict[str, Relation], where: str) -> Relation:
        state_id = row["iso3"] if row["iso3"] != "-" else None
        if state_id is None:
            for curated_id, spec in self.registry.curation["states"].items():
                if spec["name"] == row["country"]:
                    state_id = str(curated_id)
        if state_id is None or state_id not in by_state:
            raise SourceError(f"{where}: no relation for {row['country']!r} ({row['iso3']})")
        return by_state[state_id]

    def apply(self, relations: list[Relation]) -> list[Relation]:
        by_state = {s.id: r for r in relations for s in r.states}
        added: dict[str, list[Event]] = {}
        pending: dict[str, list[tuple[dict[str, str], str]]] = {}
        measures: dict[str, list[Measure]] = {}
        for number, row in enumerate(self.events, start=2):
            where = f"data/updates/events.tsv line {number}"
            relation = self._relation_of(row, by_state, where)
            cited = citation(row["source"], row["quote"], row["second_source"])
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
            relation = self._relation_of(row, by_state, where)
            measures.setdefault(relation.id, []).append(
                Measure(
                    date=PartialDate.fromisoformat(row["date"]),
                    description=row["measure"],
                    actor=row["actor"],
                    why_not_an_event=row["why_not_an_event"],
                    citation=citation(row["source"], row["quote"]),
                )
            )
        earlier: dict[str, list[tuple[dict[str, str], str]]] = {}
        for number, row in enumerate(self.earlier, start=2):
            where = f"data/updates/earlier_relations.tsv line {number}"
            earlier.setdefault(self._relation_of(row, by_state, where).id, []).append((row, where))
        evidence = self._cow_evidence(relations)
        out = []
        for relation in relations:
            events = sorted([*relation.events, *added.get(relation.id, [])], key=lambda e: e.date.sort_key())
            updated = attrs.evolve(
                relation,
                events=tuple(events),
                measures=tuple(sorted(measures.get(relation.id, []), key=lambda m: m.date.sort_key())),
            )
            contests = self._event_contests(updated, pending.get(relation.id, []), evidence.get(updated.id, []))
            contests += self._earlier_contests(updated, earlier.get(updated.id, []))
            out.append(attrs.evolve(updated, contests=tuple(sorted(contests, key=lambda c: c.start.sort_key()))))
        return self._dipex_contests(out)

    def _cow_evidence(self, relations: list[Relation]) -> dict[str, list[int]]:
        """The COW years in which Peru and a state of each relation exchanged representation (DE = 1)."""
        holders = self._cow_holders(relations)
        years: dict[str, list[int]] = {}
        for row in self.dipex:
            code, year = int(row["ccode2"]), int(row["year"])
            if row["DE"] != "1":
                continue
            found = [r for m, r in holders.get(code, []) if _holds(m, year)]
            if found:
                years.setdefault(found[-1].id, []).append(year)
        return {relation_id: sorted(found) for relation_id, found in years.items()}

    @staticmethod
    def _cow_holders(relations: list[Relation]) -> dict[int, list[tuple[Membership, Relation]]]:
        holders: dict[int, list[tuple[Membership, Relation]]] = {}
        for relation in relations:
            for state in relation.states:
                for m in state.memberships:
                    if m.system is CodeSystem.COW:
                        holders.setdefault(m.code, []).append((m, relation))
        return holders

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
            for first, last in _disputed(relation, date.earliest_ordinal, stop, claims=Status.ACTIVE):
                contests.append(
                    Contest(
                        start=_from_ordinal(first),
                        end=None if last >= AFTER_ALL else _from_ordinal(last),
                        source=cites[0].outlet,
                        reason=reason,
                        citations=tuple(cites),
                    )
                )
        return contests

    def _event_contests(
        self, relation: Relation, rows: list[tuple[dict[str, str], str]], evidence: list[int]
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
                reason = (
                    f"{cited.outlet} reports relations broken in {row['date']} ({row['confidence']} confidence) "
                    f"and restored in {following[0]['date']} ({following[0]['confidence']} confidence); "
                    "the table records neither"
                )
                index += 2
            else:
                # The claim ends where later evidence of relations begins: the relation's next event, or
                # the end of the first later COW year with representation; else it runs to the horizon.
                ends = [e.date.earliest_ordinal for e in relation.events if e.date.definitely_after(start)]
                cow = [year for year in evidence if year > start.year]
                if cow:
                    ends.append(PartialDate(cow[0] + 1, 1, 1).earliest_ordinal)
                stop = min(ends, default=AFTER_ALL)
                evidence_text = f"; COW records representation again in {cow[0]}" if cow else ""
                reason = (
                    f"{cited.outlet} reports relations broken in {row['date']} ({row['confidence']} confidence), "
                    f"and no restoration was found{evidence_text}; the table records no break"
                )
                index += 1
            # The claim: relations stood until the break (some day of its date) and not from then on.
            spans = _disputed(relation, start.earliest_ordinal, stop, claims=Status.INACTIVE)
            spans += _disputed(relation, start.earliest_ordinal, start.latest_ordinal + 1, claims=Status.ACTIVE)
            for lo, hi in _merged(spans):
                contests.append(
                    Contest(
                        start=_from_ordinal(lo),
                        end=None if hi >= AFTER_ALL else _from_ordinal(hi),
                        source=cited.outlet,
                        reason=reason,
                        citations=tuple(cites),
                    )
                )
        return contests

    def _dipex_contests(self, relations: list[Relation]) -> list[Relation]:
        holders = self._cow_holders(relations)
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


def read_tsv_commented(path: Path) -> list[dict[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


# -- assembling relations ----------------------------------------------------------------


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def fold(text: str) -> str:
    return " ".join(text.split())


def counterpart_id(key_row: dict[str, str], registry: Registry) -> str:
    iso3 = key_row["iso3"]
    if iso3 != "-":
        return iso3
    for state_id, spec in registry.curation["states"].items():
        if spec["name"] == key_row["country"]:
            return str(state_id)
    raise SourceError(f"{key_row['region']} row {key_row['row']}: no id for {key_row['country']!r}")


def pycountry_version() -> str:
    """The pycountry release the names are read from: the pin in pyproject.toml's test extra."""
    project: dict[str, Any] = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirement: str
    for requirement in project["optional-dependencies"]["test"]:
        name, _, pinned = requirement.partition("==")
        if name.strip() == "pycountry" and pinned:
            return pinned.strip()
    raise SourceError("pyproject.toml's test extra must pin pycountry (pycountry==X): the names depend on it")


def build() -> DatasetDocument:
    from importlib.metadata import version

    if version("pycountry") != pycountry_version():
        raise SourceError(
            f"the names come from pycountry {pycountry_version()} (pinned in pyproject.toml's test extra), but "
            f"{version('pycountry')} is installed: pip install pycountry=={pycountry_version()}"
        )
    rows, reference_texts = read_article(SOURCE / "foreign_relations_of_peru.txt")
    key = {(r["region"], int(r["row"])): r for r in read_tsv(SOURCE / "country_key.tsv")}
    disputes: dict[tuple[str, int], list[dict[str, str]]] = {}
    for d in read_tsv(SOURCE / "disputed_dates.tsv"):
        disputes.setdefault((d["region"], int(d["row"])), []).append(d)
    readings = {(r["region"], r["row"]): r for r in tomllib.loads((CURATION / "rows.toml").read_text())["row"]}
    updates = tomllib.loads((UPDATES / "horizon.toml").read_text(encoding="utf-8"))
    horizon = PartialDate.fromisoformat(updates["horizon"])
    registry = Registry(tomllib.loads((CURATION / "counterparts.toml").read_text()))

    if {(r.region, r.row) for r in rows} != set(key):
        missing = sorted(set(key) ^ {(r.region, r.row) for r in rows})
        raise SourceError(f"the article's rows and country_key.tsv differ at {missing}")
    for place in readings:
        if place not in key:
            raise SourceError(f"rows.toml names {place}, which is not a source row")
    for place in disputes:
        if place not in key:
            raise SourceError(f"disputed_dates.tsv names {place}, which is not a source row")

    def reference(number: int, where: str) -> Reference:
        if not 1 <= number <= len(reference_texts):
            raise SourceError(f"{where}: footnote [{number}] is not in the reference list")
        return Reference(number=number, text=reference_texts[number - 1])

    relations: list[Relation] = []
    excluded: list[ExcludedRow] = []
    source_rows = 0
    for row in rows:
        where = f"{row.region} row {row.row}"
        k = key[(row.region, row.row)]
        if k["confidence"] == "n/a":
            excluded.append(
                ExcludedRow(region=Region(row.region), row=row.row, text=row.raw, reason=k["country"].strip("()"))
            )
            continue
        source_rows += 1
        if fold(row.cell) != k["date_cell"]:
            raise SourceError(f"{where}: the cell {row.cell!r} differs from the key's {k['date_cell']!r}")
        main_id = counterpart_id(k, registry)
        registry.state(main_id, k["country"])  # registers the row's country
        mentions = find_dates(row.cell, where)
        reading = readings.get((row.region, row.row), {})
        planned: list[dict[str, Any]] = []
        if "events" in reading:
            by_text = {m.text: m for m in mentions}
            if len(by_text) != len(mentions):
                raise SourceError(f"{where}: a date is written twice; the reading cannot name it")
            for spec in reading["events"]:
                if spec["text"] not in by_text:
                    raise SourceError(f"{where}: rows.toml reads {spec['text']!r}, which is not a date in the cell")
                planned.append({**spec, "mention": by_text[spec["text"]]})
            if len(planned) != len(mentions):
                raise SourceError(f"{where}: rows.toml reads {len(planned)} dates, the cell has {len(mentions)}")
        else:
            for mention, kind in plain_reading(row.cell, mentions, where):
                planned.append({"text": mention.text, "kind": kind.value, "mention": mention})

        relation_ids = list(dict.fromkeys([main_id] + [p.get("relation", main_id) for p in planned]))
        lineages: dict[str, list[str]] = reading.get("lineages", {})
        for relation_id in lineages:
            if relation_id not in relation_ids:
                raise SourceError(f"{where}: rows.toml gives a lineage for {relation_id!r}, not a relation of the row")
        attribution = Attribution(
            country=k["country"],
            confidence=Confidence(k["confidence"]),
            evidence=k["evidence"],
            alternatives=tuple(registry.world_state(code) for code in k["alternatives"].split(";") if code),
            disputes=tuple(
                DateDispute(
                    table_date=d["table_date"],
                    other_date=PartialDate.fromisoformat(d["other_date"]),
                    other_source=d["other_source"],
                )
                for d in disputes.get((row.region, row.row), [])
            ),
        )
        for dispute in attribution.disputes:
            if dispute.table_date not in row.cell:
                raise SourceError(f"{where}: disputed table date {dispute.table_date!r} is not in the cell")
        markers = [int(n) for n in MARKER.findall(row.cell + "\n" + row.notes)]
        references = tuple(reference(n, where) for n in dict.fromkeys(markers))
        source = Source(region=Region(row.region), row=row.row, cell=row.cell, notes=row.notes)
        for relation_id in relation_ids:
            events = []
            for spec in planned:
                if spec.get("relation", main_id) != relation_id:
                    continue
                written: DateMention = spec["mention"]
                state_id = spec.get("state", relation_id)
                events.append(
                    Event(
                        kind=EventKind(spec["kind"]),
                        date=written.date,
                        state=registry.state(state_id, k["country"] if state_id == main_id else None),
                        text=written.text,
                        qualifier=spec.get("qualifier"),
                        references=tuple(reference(n, where) for n in written.references),
                        predecessor=registry.state(spec["predecessor"]) if "predecessor" in spec else None,
                        successor=registry.state(spec["successor"]) if "successor" in spec else None,
                    )
                )
            states = tuple(dict.fromkeys(e.state for e in events)) or (registry.state(relation_id, k["country"]),)
            if relation_id in lineages:
                states = tuple(registry.state(state_id) for state_id in lineages[relation_id])
            relations.append(
                Relation(
                    id=relation_id,
                    counterpart=states[-1],
                    states=states,
                    region=Region(row.region),
                    events=tuple(events),
                    source=source,
                    attribution=attribution,
                    references=references,
                    remarks=tuple(reading.get("remarks", ())),
                    horizon=horizon,
                )
            )
    facts = StateFacts(frozenset(registry.curation["iso_withheld"]))
    relations = facts.apply(relations)
    relations = OtherSources(registry, updates).apply(relations)
    names = registry.names(relations)
    subject = facts.subject(registry)
    table = {subject.id: subject}
    for relation in relations:
        for state in (*relation.states, *relation.attribution.alternatives):
            table.setdefault(state.id, state)
    for entry in names:
        if entry.state is not None and entry.state not in table:
            table[entry.state] = facts.named(registry, entry.state)
    release = tomllib.loads(RELEASE.read_text(encoding="utf-8"))
    source = release["source"]
    revision = PartialDate.fromisoformat(source["revision"])
    metadata = DatasetMetadata(
        title=release["title"],
        source_title=source["title"],
        source_url=source["url"],
        source_revision=revision.isoformat(),
        horizon=horizon,
        horizon_note=updates["reason"],
        licence=source["licence"],
        attribution=(
            f'Derived from the Wikipedia article "{source["title"]}" (revision of {revision.earliest:%B %Y}) '
            f"by its contributors, licensed under {source['licence_name']}; country attribution and dates "
            f"recovered and checked by the peru-diplomacy contributors. Shared under {source['licence_name']}."
        ),
        relation_count=len(relations),
        source_row_count=source_rows,
        subject=subject,
        name_source=f"pycountry {pycountry_version()} (ISO 3166-1 and 3166-3 codes and names, Spanish names)",
        data_version=release["data_version"],
    )
    return DatasetDocument(
        schema_version=SCHEMA_VERSION,
        metadata=metadata,
        states=tuple(sorted(table.values(), key=lambda state: state.id)),
        relations=tuple(relations),
        names=tuple(names),
        excluded_rows=tuple(excluded),
        system_states=system_states(),
    )


def render(document: DatasetDocument) -> str:
    """The resource text: compact JSON with one record a line (see peru_diplomacy._loading.dumps_document)."""
    Dataset(document)  # every check the loader makes
    text = dumps_document(write_document(document))
    Dataset.from_json(text.encode("utf-8"), lazy=False)  # and it reads back
    return text


def release_module(metadata: DatasetMetadata) -> str:
    """The text of ``peru_diplomacy/_release.py``: the facts the package exports without reading the data."""
    return (
        '"""What this release of the data is: written by tools/build_dataset.py, do not edit.\n\n'
        "From data/release.toml. The same values are in the data's metadata; the build's --check holds\n"
        "the two equal.\n"
        '"""\n\n'
        f"SOURCE_REVISION = {json.dumps(metadata.source_revision)}\n"
        '"""The month of the revision of the source table (ISO ``YYYY-MM``)."""\n\n'
        f"DATA_VERSION = {json.dumps(metadata.data_version)}\n"
        '"""This release of the data (cite it; a new one for every change of the data)."""\n'
    )


def outputs() -> dict[Path, str]:
    """Every file the build writes, with its text."""
    document = build()
    return {OUTPUT: render(document), RELEASE_MODULE: release_module(document.metadata)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="fail if a committed output is out of date")
    args = parser.parse_args(argv)
    try:
        texts = outputs()
    except SourceError as error:
        print(f"build_dataset: {error}", file=sys.stderr)
        return 1
    stale = [path for path, text in texts.items() if not path.exists() or path.read_text(encoding="utf-8") != text]
    if args.check:
        for path in stale:
            print(
                f"build_dataset: {path.relative_to(ROOT)} is out of date; run tools/build_dataset.py", file=sys.stderr
            )
        if stale:
            return 1
        print(f"build_dataset: {', '.join(str(p.relative_to(ROOT)) for p in texts)} are up to date")
        return 0
    for path, text in texts.items():
        path.write_text(text, encoding="utf-8")
        print(f"build_dataset: wrote {path.relative_to(ROOT)} ({len(text):,} characters)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
