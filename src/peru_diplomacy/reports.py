"""Explanations and inference summaries in words and as JSON records: what ``why`` and ``inference`` print.

>>> from peru_diplomacy import explain
>>> from peru_diplomacy.reports import explanation_record
>>> record = explanation_record(explain("Chile", "1880-01-01"))
>>> record["status"], record["basis"], record["evidence"][0]["event_kind"], record["evidence"][0]["date"]
('inactive', 'between_events', 'war_declared', '1879-04-05')
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .explanation import Evidence, Explanation
from .summaries import InferenceShare

__all__ = ["explanation_record", "explanation_text", "inference_records", "inference_text"]


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
