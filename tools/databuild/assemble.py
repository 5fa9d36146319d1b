"""Stage 6, assembly: rows, events, states, other sources, names and metadata made one document.

And the files the build writes from it (the resource and ``_release.py``).
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from pathlib import Path
from typing import Any

from peru_diplomacy._format import write_document
from peru_diplomacy._loading import dumps_document
from peru_diplomacy._records import DatasetDocument, DatasetMetadata, ExcludedRow
from peru_diplomacy.dataset import SCHEMA_VERSION, Dataset
from peru_diplomacy.dates import PartialDate
from peru_diplomacy.events import Event, EventKind
from peru_diplomacy.provenance import (
    Attribution,
    Confidence,
    DateDispute,
    Reference,
    Region,
    Source,
)
from peru_diplomacy.relation import Relation

from .article import read_article
from .common import CURATION, RELEASE, ROOT, SOURCE, UPDATES, SourceError, fold, pycountry_version, read_tsv
from .grammar import MARKER, DateMention, find_dates, plain_reading
from .names import Registry
from .other_sources import OtherSources
from .ruptures import Ruptures
from .states import StateFacts, system_states

OUTPUT = ROOT / "src" / "peru_diplomacy" / "data" / "relations.json"
RELEASE_MODULE = ROOT / "src" / "peru_diplomacy" / "_release.py"


def counterpart_id(key_row: dict[str, str], registry: Registry) -> str:
    iso3 = key_row["iso3"]
    if iso3 != "-":
        return iso3
    for state_id, spec in registry.curation["states"].items():
        if spec["name"] == key_row["country"]:
            return str(state_id)
    raise SourceError(f"{key_row['region']} row {key_row['row']}: no id for {key_row['country']!r}")


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
    relations = Ruptures(registry, horizon).apply(relations)
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
