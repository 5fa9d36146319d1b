"""The ``peru-diplomacy`` command (also ``python -m peru_diplomacy``).

Exit status: 0 on success, 1 when a country is not found (the reason and any
suggestions go to standard error), 2 on a usage error, 3 when a file cannot
be read or written or the data (or an amendment) is invalid. Every failure
is one line on standard error, never a traceback; a closed pipe ends quietly.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import IO

from ._format import SCHEMA_VERSION
from .dataset import Dataset, packaged_dataset
from .dates import PartialDate, to_partial_date
from .errors import AmbiguousCountryError, InvalidDateError, NoRelationError, PeruDiplomacyError, UnknownCountryError
from .events import EventKind
from .periods import Status
from .provenance import Confidence, Region
from .relation import Relation

__all__ = ["main"]

EXAMPLES = """\
examples:
  peru-diplomacy show Chile
  peru-diplomacy show Czechoslovakia --json
  peru-diplomacy list --region Europe --active-on 1970-01-01
  peru-diplomacy list --status uncertain --on 1952
  peru-diplomacy timeline --kind broken --kind restored
  peru-diplomacy export --format csv --table events --output events.csv
  peru-diplomacy export --table panel --from 1950 --to 2023 --format csv
  peru-diplomacy --amend mine.toml show Mexico
"""


def _date(text: str) -> PartialDate:
    try:
        return to_partial_date(text)
    except InvalidDateError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _region(text: str) -> Region:
    for region in Region:
        if region.value.casefold() == text.strip().casefold():
            return region
    raise argparse.ArgumentTypeError(f"unknown region {text!r}: use one of {', '.join(r.value for r in Region)}")


def _parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = argparse.ArgumentParser(
        prog="peru-diplomacy",
        description="Peru's bilateral diplomatic relations, from the Wikipedia article "
        "'Foreign relations of Peru' (May 2023, CC BY-SA 4.0).",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version",
        action="version",
        version=_version_text(__version__),
    )
    parser.add_argument(
        "--amend",
        action="append",
        metavar="FILE",
        default=[],
        help="apply your amendments (a TOML file; repeatable) before answering",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    show = commands.add_parser("show", help="one relation: periods, events, notes and sources")
    show.add_argument("country", help="a name (English or Spanish) or an ISO code, e.g. Chile, CZE, 152")
    show.add_argument("--json", action="store_true", help="the whole record as JSON")

    listing = commands.add_parser("list", help="relations, filtered by region and status on a date")
    listing.add_argument("--region", type=_region, help="Africa, Americas, Asia, Europe or Oceania")
    listing.add_argument("--active-on", type=_date, metavar="DATE", help="only relations certainly active on DATE")
    listing.add_argument("--on", type=_date, metavar="DATE", help="the date for --status")
    listing.add_argument(
        "--status", choices=[s.value for s in Status], help="only relations with this status --on DATE"
    )
    listing.add_argument(
        "--min-confidence",
        choices=[c.value for c in Confidence],
        help="only rows attributed to their country with at least this confidence",
    )
    listing.add_argument("--json", action="store_true", help="rows as JSON")

    line = commands.add_parser("timeline", help="every event in date order")
    line.add_argument("--kind", action="append", choices=[k.value for k in EventKind], help="repeatable")
    line.add_argument("--region", type=_region)
    line.add_argument("--from", dest="first", type=_date, metavar="DATE")
    line.add_argument("--to", dest="last", type=_date, metavar="DATE")
    line.add_argument("--json", action="store_true", help="rows as JSON")

    export = commands.add_parser("export", help="every relation or event as CSV or JSON")
    export.add_argument("--format", choices=["csv", "json"], default="csv")
    export.add_argument(
        "--table",
        choices=["relations", "events", "periods", "panel", "records"],
        default="relations",
        help="one row per relation, event, period or panel unit (CSV or JSON), or whole records (JSON)",
    )
    export.add_argument("--from", dest="first", type=int, metavar="YEAR", help="panel: first year")
    export.add_argument("--to", dest="last", type=int, metavar="YEAR", help="panel: last year")
    export.add_argument("--unit", default="year", help="panel: year (default), month or day")
    export.add_argument("--rule", default="on_day", help="panel: on_day (31 December; default), any_time, throughout")
    export.add_argument("--membership", default="lifetime", help="panel: lifetime (default), cow or gw")
    export.add_argument("--output", "-o", metavar="FILE", help="write here instead of standard output")
    return parser


EXIT_OK, EXIT_NOT_FOUND, EXIT_USAGE, EXIT_IO_OR_DATA = 0, 1, 2, 3


def _version_text(version: str) -> str:
    try:
        metadata = packaged_dataset().metadata
    except PeruDiplomacyError:
        return f"%(prog)s {version} (data: unreadable)"
    return (
        f"%(prog)s {version} (data: schema {SCHEMA_VERSION}, table of {metadata.source_revision}, "
        f"knowledge to {metadata.horizon})"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 not found, 2 usage, 3 I/O or data)."""
    args = _parser().parse_args(argv)
    try:
        data = _dataset(args.amend)
        if args.command == "show":
            return _show(data, args)
        if args.command == "list":
            return _list(data, args)
        if args.command == "timeline":
            return _timeline(data, args)
        return _export(data, args)
    except (UnknownCountryError, AmbiguousCountryError, NoRelationError) as error:
        _say(str(error))
        return EXIT_NOT_FOUND
    except BrokenPipeError:  # e.g. piped into head: stop quietly
        _silence_stdout()
        return EXIT_OK
    except (PeruDiplomacyError, OSError, UnicodeError) as error:
        _say(_describe(error))
        return EXIT_IO_OR_DATA


def _dataset(amendments: list[str]) -> Dataset:
    data = packaged_dataset()
    for path in amendments:
        data = data.amended(path)
    return data


def _say(message: str) -> None:
    text = f"peru-diplomacy: {message}\n"
    try:
        sys.stderr.write(text)
    except UnicodeEncodeError:
        encoding = sys.stderr.encoding or "ascii"
        sys.stderr.write(text.encode(encoding, "backslashreplace").decode(encoding))


def _describe(error: BaseException) -> str:
    if isinstance(error, OSError) and error.filename is not None:
        return f"{error.filename}: {error.strerror or error}"
    if isinstance(error, UnicodeEncodeError):
        text = error.object[error.start : error.end]
        return f"cannot write {text!r} in the {error.encoding} encoding; set PYTHONIOENCODING=utf-8"
    return str(error)


def _silence_stdout() -> None:
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _show(data: Dataset, args: argparse.Namespace) -> int:
    relation = data.relations_with(args.country)
    if args.json:
        from .serialization import converter

        print(json.dumps(converter.unstructure(relation), ensure_ascii=False, indent=2))
        return 0
    out = sys.stdout
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
    if relation.measures:
        out.write("\nMeasures that are not events\n")
        for measure in relation.measures:
            out.write(f"  {measure.date!s:<11} {measure.description} ({measure.citation.outlet})\n")
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
    return 0


def _list(data: Dataset, args: argparse.Namespace) -> int:
    relations = data.by_region(args.region) if args.region else data.relations
    if args.min_confidence is not None:
        relations = tuple(r for r in relations if r.attribution.confidence >= Confidence(args.min_confidence))
    horizon = data.horizon
    for when in (args.active_on, args.on):
        if when is not None and when.latest > horizon.latest:
            print(
                f"peru-diplomacy: note: {when} lies after the data's horizon ({horizon}); "
                "what happened then is unknown, so no relation is certainly active or inactive",
                file=sys.stderr,
            )
    if args.active_on is not None:
        relations = tuple(r for r in relations if r.status_on(args.active_on) is Status.ACTIVE)
    if (args.status is None) != (args.on is None):
        print("peru-diplomacy list: --status and --on go together, e.g. --status uncertain --on 1952", file=sys.stderr)
        return 2
    if args.status is not None:
        wanted = Status(args.status)
        relations = tuple(r for r in relations if r.status_on(args.on) is wanted)
    rows = [_summary(r) for r in relations]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for row in rows:
        print(
            f"{row['id']:<9} {row['counterpart']:<36} {row['region']:<9} "
            f"{row['established'] or '—':<11} {row['confidence']}"
        )
    print(f"{len(rows)} relations", file=sys.stderr)
    return 0


def _summary(relation: Relation) -> dict[str, str | None]:
    return {
        "id": relation.id,
        "counterpart": relation.counterpart.name,
        "region": relation.region.value,
        "established": None if relation.established is None else relation.established.isoformat(),
        "confidence": relation.attribution.confidence.value,
        "alpha3": relation.counterpart.alpha3,
        "cow_code": None if relation.counterpart.cow_code is None else str(relation.counterpart.cow_code),
        "gw_code": None if relation.counterpart.gw_code is None else str(relation.counterpart.gw_code),
    }


def _timeline(data: Dataset, args: argparse.Namespace) -> int:
    entries = data.timeline(kinds=args.kind, region=args.region, first=args.first, last=args.last)
    rows = [
        {
            "date": t.event.date.isoformat(),
            "kind": t.event.kind.value,
            "state": t.event.state.name,
            "relation": t.relation.id,
            "qualifier": t.event.qualifier,
        }
        for t in entries
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for row in rows:
        extra = f" ({row['qualifier']})" if row["qualifier"] else ""
        print(f"{row['date']:<11} {row['kind']:<12} {row['state']}{extra}")
    return 0


def _export(data: Dataset, args: argparse.Namespace) -> int:
    from .export import dumps_csv, event_rows, panel_rows, period_rows, relation_rows, relations_to_json

    relations = data.relations
    if args.table == "records":
        if args.format != "json":
            _say("export: --table records is JSON only (whole records); use --format json")
            return EXIT_USAGE
        text = relations_to_json(relations) + "\n"
    else:
        if args.table == "panel":
            if args.first is None or args.last is None:
                _say("export: --table panel needs --from YEAR and --to YEAR, e.g. --from 1950 --to 2023")
                return EXIT_USAGE
            try:
                found = data.panel(args.first, args.last, unit=args.unit, rule=args.rule, membership=args.membership)
            except ValueError as error:
                _say(f"export: {error}")
                return EXIT_USAGE
            rows = panel_rows(found)
        else:
            make = {"relations": relation_rows, "events": event_rows, "periods": period_rows}[args.table]
            rows = make(relations)
        text = dumps_csv(rows) if args.format == "csv" else json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    else:
        _write(sys.stdout, text)
    return EXIT_OK


def _write(stream: IO[str], text: str) -> None:
    stream.write(text)
    stream.flush()
