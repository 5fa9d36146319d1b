"""The command line's reports in words and as JSON records: a relation (what ``show`` prints), an explanation
(``why``) and inference summaries (``inference``).

>>> from peru_diplomacy import explain
>>> from peru_diplomacy.reports import explanation_record
>>> record = explanation_record(explain("Chile", "1880-01-01"))
>>> record["status"], record["basis"], record["evidence"][0]["event_kind"], record["evidence"][0]["date"]
('inactive', 'between_events', 'war_declared', '1879-04-05')
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .explanation import Evidence, Explanation
from .representation import MISSIONS_OBSERVED
from .summaries import InferenceShare

if TYPE_CHECKING:
    from .dataset import Dataset
    from .dates import PartialDate
    from .relation import Relation

__all__ = ["explanation_record", "explanation_text", "inference_records", "inference_text", "relation_text"]


def _evidence_record(item: Evidence) -> dict[str, Any]:
    citation = item.citation
    return {
        "kind": item.kind.value,
        "side": item.side,
        "text": item.text,
        "date": None if item.date is None else item.date.isoformat(),
        "end": None if item.end is None else item.end.isoformat(),
        "event_kind": None if item.event is None else item.event.kind.value,
        "state_id": item.state.id if item.state is not None else None if item.event is None else item.event.state.id,
        "source": None if citation is None else citation.outlet,
        "citation": None if citation is None else citation.text,
        "citation_url": None if citation is None else citation.url,
        "confidence": None if item.confidence is None else item.confidence.value,
    }


def explanation_record(explanation: Explanation) -> dict[str, Any]:
    """The explanation as a JSON-ready record: ids, ISO dates and enum values as text, as the other JSON
    surfaces write them."""
    state = explanation.state
    return {
        "relation_id": explanation.relation_id,
        "date": explanation.day.isoformat(),
        "status": explanation.status.value,
        "basis": explanation.basis.value,
        "rests_on": explanation.basis.rests_on,
        "state_id": None if state is None else state.id,
        "state": None if state is None else state.name,
        "text": explanation.text,
        "evidence": [_evidence_record(item) for item in explanation.evidence],
    }


_RESTS_ON_WORDS = {
    "dated_source": "dated sources",
    "continuity": "continuity since a dated event",
    "contest": "a contest between sources",
    "lifetime": "a lifetime",
    "horizon": "the horizon",
    "silence": "silence: no source",
}


def explanation_text(explanation: Explanation) -> str:
    """The explanation in words: the answer, the rule, and each record behind it with what to cite.

    >>> from peru_diplomacy import explain
    >>> from peru_diplomacy.reports import explanation_text
    >>> print(explanation_text(explain("Estonia", "1950")).splitlines()[0])
    Peru–Estonia on 1950: uncertain (basis: contest; rests on a contest between sources)
    """
    state = explanation.state
    lines = [
        f"Peru–{'no state' if state is None else state.name} on {explanation.day}: {explanation.status.value} "
        f"(basis: {explanation.basis.value}; rests on {_RESTS_ON_WORDS[explanation.basis.rests_on]})"
    ]
    for item in explanation.evidence:
        lines.append(f"  {item.side:<7} {item.text}")
        if item.citation is not None and item.citation.url:
            lines.append(f"          cite: {item.citation.outlet}, {item.citation.url}")
    return "\n".join(lines) + "\n"


def inference_records(rows: Iterable[InferenceShare]) -> list[dict[str, Any]]:
    """The inference summary's rows as JSON-ready records."""
    return [
        {
            "period": row.period,
            "first_year": row.first_year,
            "last_year": row.last_year,
            "rests_on": row.rests_on,
            "days": row.days,
            "share": round(row.share, 6),
        }
        for row in rows
    ]


def inference_text(rows: Iterable[InferenceShare]) -> str:
    """The inference summary as a table: one line per period, a percentage per kind.

    >>> from peru_diplomacy.summaries import inference_shares
    >>> from peru_diplomacy.reports import inference_text
    >>> print(inference_text(inference_shares(1990, 1999)))
    period  dated_source  continuity  contest  lifetime  horizon  silence  relation-days
    1990s          18.5%       78.2%     0.5%      0.0%     0.0%     2.7%        666,367
    """
    by_period: dict[str, list[InferenceShare]] = {}
    for row in rows:
        by_period.setdefault(row.period, []).append(row)
    kinds = [row.rests_on for row in next(iter(by_period.values()), [])]
    header = "period  " + "  ".join(kinds) + "  relation-days"
    lines = [header]
    for period, shares in by_period.items():
        cells = [f"{share.share * 100:>{len(kind) - 1}.1f}%" for kind, share in zip(kinds, shares, strict=True)]
        total = sum(share.days for share in shares)
        lines.append(f"{period:<6}  " + "  ".join(cells) + f"  {total:>13,}")
    return "\n".join(lines)


def relation_text(relation: Relation, dataset: Dataset, *, on: PartialDate | None = None) -> str:
    """What ``show`` prints: the counterpart and its codes, the lineage, the source row and its attribution,
    the periods, events, contests, measures, missions, disputes, remarks, notes and references; with ``on``,
    why the status on that day is what it is.

    >>> from peru_diplomacy import packaged_dataset, relations_with
    >>> from peru_diplomacy.reports import relation_text
    >>> text = relation_text(relations_with("Chile"), packaged_dataset())
    >>> text.splitlines()[0], "  1879-04-05  war_declared Chile" in text
    ('Peru – Chile', True)
    """
    out = io.StringIO()
    c = relation.counterpart
    codes = ", ".join(
        f"{label} {code}"
        for label, code in (
            ("alpha-2", c.alpha2),
            ("alpha-3", c.alpha3),
            ("numeric", c.numeric),
            ("ISO 3166-3", c.iso3166_3),
        )
        if code
    )
    out.write(f"Peru – {c.name}\n")
    out.write(f"  kind:        {c.kind.value.replace('_', ' ')}\n")
    if codes:
        out.write(f"  ISO codes:   {codes}\n")
    systems = ", ".join(
        f"{label} {code} ({abbrev})"
        for label, code, abbrev in (("COW", c.cow_code, c.cow_abbrev), ("GW", c.gw_code, c.gw_abbrev))
        if code is not None
    )
    from_table = relation.source.row > 0  # row 0: a relation added by an amendment, not the table's
    none = (
        "none (in neither the COW nor the Gleditsch–Ward list)" if from_table else "not recorded (added by amendment)"
    )
    out.write(f"  state codes: {systems or none}\n")
    if c.m49_region:
        out.write(f"  UN M49:      {c.m49_region}, {c.m49_subregion}\n")
    out.write("  lineage:\n")
    for state in relation.states:
        out.write(f"    {state.name:<38} {state.lifetime_text}\n")
    if from_table:
        out.write(f"  source:      {relation.source.region.value} table, row {relation.source.row}\n")
        out.write(f"  date cell:   {relation.source.cell or '(empty)'}\n")
    else:
        out.write(f"  source:      your amendment, not the table ({relation.source.region.value})\n")
    a = relation.attribution
    if from_table:
        out.write(f"  attribution: {a.confidence.value} confidence that this row is {a.country}\n")
    else:
        out.write(f"  attribution: {a.confidence.value} confidence, as the amendment gives it\n")
    if a.alternatives:
        out.write(f"  may also be: {', '.join(s.name for s in a.alternatives)}\n")
    if a.override is not None:
        out.write(f"  amended:     {a.override.text}\n")
    if on is not None:
        out.write("\n" + explanation_text(relation.explain(on)))
    out.write("\nPeriods of relations\n")
    if not relation.periods:
        out.write("  none known: the source gives no date\n")
    horizon = "the data's horizon" if relation.horizon is None else f"the data's horizon ({relation.horizon})"
    for period in relation.periods:
        end = f"still standing at {horizon}" if period.end is None else str(period.end)
        out.write(f"  {period.start} – {end}\n")
    out.write(f"  after {horizon}: uncertain (the data knows nothing later)\n")
    out.write("\nEvents\n")
    if not relation.events:
        out.write("  none\n")
    for event in relation.events:
        extra = f" ({event.qualifier})" if event.qualifier else ""
        refs = "".join(f"[{r.number}]" for r in event.references)
        origin = ""
        if event.citation is not None:
            confidence = event.confidence.value if event.confidence else "?"
            origin = f"  [other source, {confidence} confidence: {event.citation.outlet or event.citation.text}]"
        out.write(f"  {event.date!s:<11} {event.kind.value:<12} {event.state.name}{extra}{refs}{origin}\n")
    if relation.contests:
        out.write("\nContested spans (status uncertain there)\n")
        for contest in relation.contests:
            end = "the horizon" if contest.end is None else str(contest.end)
            out.write(f"  {contest.start} – {end}: {contest.source}: {contest.reason}\n")
            for cited in contest.citations:
                out.write(f"      cited: {cited.text}\n")
    if relation.measures:
        out.write("\nMeasures that are not events\n")
        for measure in relation.measures:
            until = "" if measure.until is None else f" to {measure.until}"
            out.write(f"  {measure.date!s:<11} {measure.description}{until} ({measure.citation.outlet})\n")
    if relation.missions:
        names = {state.id: state.name for state in dataset.states}
        then = relation.counterpart_on(MISSIONS_OBSERVED).name
        out.write(f"\nMissions listed on {MISSIONS_OBSERVED} (Wikidata)\n")
        for mission in relation.missions:
            keeper = names.get(mission.operator, mission.operator)
            served = "" if mission.resident else f", also accredited to {then}"
            where = f"{mission.city}, {names.get(mission.host, mission.host)}"
            out.write(f"  {keeper}'s {mission.kind.value} in {where}{served}\n")
    for dispute in relation.disputes:
        out.write(f"\nOther sources give {dispute.other_date} for {dispute.table_date}: {dispute.other_source}\n")
    if relation.remarks:
        out.write("\nRemarks\n")
        for remark in relation.remarks:
            out.write(f"  {remark}\n")
    if relation.notes:
        out.write("\nNotes (verbatim)\n")
        for paragraph in relation.notes.splitlines():
            out.write(f"  {paragraph}\n")
    if relation.references:
        out.write("\nReferences\n")
        for reference in relation.references:
            out.write(f"  [{reference.number}] {reference.text.splitlines()[0]}\n")
    out.write(f"\nAttribution evidence: {a.evidence}\n")
    meta = dataset.metadata
    out.write(f"Data: version {meta.data_version} (table of {meta.source_revision}, knowledge to {meta.horizon}); ")
    out.write("cite it with 'peru-diplomacy cite'\n")
    return out.getvalue()
