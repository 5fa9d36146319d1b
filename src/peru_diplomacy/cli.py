"""The ``peru-diplomacy`` command (also ``python -m peru_diplomacy``).

Exit status: 0 on success, 1 when a country is not found (the reason and any
suggestions go to standard error), 2 on a usage error, 3 when a file cannot
be read or written or the data (or an amendment) is invalid, 130 when
interrupted (Ctrl-C). Every failure is one line on standard error, never a
traceback; a closed pipe ends quietly, and so does a closed standard error
(the status still says what happened).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import IO, TYPE_CHECKING, Any, NoReturn, get_args

from ._format import SCHEMA_VERSION
from .counterparts import CodeSystem
from .dataset import MAX_PANEL_ROWS, Dataset, packaged_dataset
from .dates import PartialDate, to_partial_date
from .errors import (
    AmbiguousCountryError,
    InvalidArgumentError,
    InvalidDateError,
    NoRelationError,
    PeruDiplomacyError,
    UnknownCountryError,
)
from .events import EventKind
from .panels import PanelMembership, PanelRule, PanelUnit
from .periods import Status
from .provenance import Confidence, Region

if TYPE_CHECKING:
    from .export import Row
    from .panels import PanelRow
    from .relation import Relation

__all__ = ["main"]

EXAMPLES = """\
examples:
  peru-diplomacy show Chile
  peru-diplomacy why Chile 1880-01-01
  peru-diplomacy show Italy --on 1943
  peru-diplomacy inference --from 1900 --to 1999
  peru-diplomacy show Czechoslovakia --json
  peru-diplomacy list --region Europe --active-on 1970-01-01
  peru-diplomacy list --status uncertain --on 1952
  peru-diplomacy timeline --kind broken --kind restored
  peru-diplomacy export --format csv --table events --output events.csv
  peru-diplomacy export --table panel --from 1950 --to 2023 --format csv
  peru-diplomacy show --system cow 710
  peru-diplomacy --amend mine.toml show Mexico
  peru-diplomacy cite --format bibtex
  peru-diplomacy chart Chile Cuba --from 1900 -o chart.svg
  peru-diplomacy export --table records -o mine.json && peru-diplomacy --data mine.json list
"""

GLOBAL_OPTIONS = ("--amend", "--data")
"""Options that go before the command (they choose the data every command answers from)."""


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line, like every other failure."""

    def error(self, message: str) -> NoReturn:
        _say(f"{self.prog.removeprefix('peru-diplomacy').strip() or 'usage'}: {message} (see {self.prog} --help)")
        raise SystemExit(EXIT_USAGE)


class UsageError(Exception):
    """A usage error found after parsing: one line on standard error, exit status 2."""


def _date(text: str) -> PartialDate:
    try:
        return to_partial_date(text)
    except InvalidDateError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _region(text: str) -> Region:
    try:
        return Region.coerce(text, "region")
    except InvalidArgumentError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _parser() -> argparse.ArgumentParser:
    from ._version import __version__

    try:
        metadata = packaged_dataset().metadata
        covers = (
            f"the tables of the Wikipedia article 'Foreign relations of Peru' (revision of "
            f"{metadata.source_revision}, CC BY-SA 4.0), with cited events from other sources "
            f"to {metadata.horizon}"
        )
    except PeruDiplomacyError:
        covers = "the packaged data (which cannot be read)"
    parser = _Parser(
        prog="peru-diplomacy",
        description=f"Peru's bilateral diplomatic relations, from {covers}.",
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
        help="apply your amendments (a TOML file; repeatable) before answering; goes before the command",
    )
    parser.add_argument(
        "--data",
        metavar="FILE",
        help="answer from this dataset file (written by 'export --table records' or Dataset.to_json) "
        "instead of the packaged data; goes before the command",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    show = commands.add_parser("show", help="one relation: periods, events, notes and sources")
    show.add_argument("country", help="a name (English or Spanish) or an ISO code, e.g. Chile, CZE, 152")
    show.add_argument(
        "--system",
        choices=[s.value for s in CodeSystem],
        default="iso",
        help="what a code in COUNTRY is: iso (default; ISO 3166), cow (Correlates of War) or gw (Gleditsch–Ward)",
    )
    show.add_argument(
        "--json",
        action="store_true",
        help="the relation's row, its events' and its periods' rows, as JSON (the rows export writes)",
    )
    show.add_argument("--on", type=_date, metavar="DATE", help="also say why the status on DATE is what it is")

    why = commands.add_parser("why", help="why relations stood, or did not, or may have, on a date")
    why.add_argument("country", help="a name or a code, as for show")
    why.add_argument("date", type=_date, metavar="DATE", help="a day, a month or a year: 1880-01-01, 1952-06, 1952")
    why.add_argument(
        "--system",
        choices=[s.value for s in CodeSystem],
        default="iso",
        help="what a code in COUNTRY is, as for show",
    )
    why.add_argument("--json", action="store_true", help="the explanation as a JSON record")

    inference = commands.add_parser(
        "inference", help="per decade, what the statuses rest on: dated sources, continuity, contests, ..."
    )
    inference.add_argument("--from", dest="first", type=int, default=1821, metavar="YEAR", help="first year")
    inference.add_argument("--to", dest="last", type=int, metavar="YEAR", help="last year (default: the horizon's)")
    inference.add_argument("--unit", choices=["decade", "year"], default="decade", help="decades (default) or years")
    inference.add_argument("--json", action="store_true", help="rows as JSON")

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

    chart = commands.add_parser("chart", help="an SVG timeline of one or more relations (or a region's)")
    chart.add_argument("countries", nargs="*", metavar="COUNTRY", help="names or codes, as for show")
    chart.add_argument("--region", type=_region, help="every relation of a region (Africa, Americas, ...)")
    chart.add_argument("--from", dest="first", type=int, metavar="YEAR", help="first year shown")
    chart.add_argument("--to", dest="last", type=int, metavar="YEAR", help="last year shown")
    chart.add_argument("--output", "-o", metavar="FILE", help="write here (an .svg) instead of standard output")

    cite = commands.add_parser("cite", help="how to cite the package and its data (with the licence's attribution)")
    cite.add_argument("--format", choices=["text", "bibtex"], default="text", help="a plain reference or BibTeX")

    line = commands.add_parser("timeline", help="every event in date order")
    line.add_argument("--kind", action="append", choices=[k.value for k in EventKind], help="repeatable")
    line.add_argument("--region", type=_region)
    line.add_argument("--from", dest="first", type=_date, metavar="DATE")
    line.add_argument("--to", dest="last", type=_date, metavar="DATE")
    line.add_argument("--json", action="store_true", help="rows as JSON")

    export = commands.add_parser(
        "export", help="every relation, event, period, state, mission or panel row as CSV, JSON, Parquet or Stata"
    )
    export.add_argument(
        "--format",
        choices=list(_FORMAT_SUFFIXES),
        help="csv or json as text; parquet or stata (.dta, with value labels) to a file (--output); default: "
        "the one --output's suffix names (.csv, .json, .parquet, .dta), else csv",
    )
    export.add_argument(
        "--datapackage",
        metavar="DIR",
        help="write the relations, events, periods, states and missions tables (and a COW-frame panel with "
        "--from/--to) "
        "as CSV with a Frictionless datapackage.json into DIR",
    )
    export.add_argument(
        "--table",
        choices=["relations", "events", "periods", "panel", "states", "missions", "records"],
        default="relations",
        help="one row per relation, event, period, panel unit, state or listed mission (CSV or JSON), or the "
        "whole dataset "
        "(JSON, a file that --data and Dataset.from_file read)",
    )
    export.add_argument(
        "--codebook",
        action="store_true",
        help="write the codebook instead: every column of every table, its type, values, meaning and origin",
    )
    export.add_argument("--from", dest="first", type=int, metavar="YEAR", help="panel: first year")
    export.add_argument("--to", dest="last", type=int, metavar="YEAR", help="panel: last year")
    export.add_argument("--unit", choices=get_args(PanelUnit), help="panel: year (default), month or day")
    export.add_argument(
        "--rule", choices=get_args(PanelRule), help="panel: on_day (31 December; default), any_time, throughout"
    )
    export.add_argument("--membership", choices=get_args(PanelMembership), help="panel: lifetime (default), cow or gw")
    export.add_argument(
        "--max-rows",
        type=int,
        metavar="N",
        help=f"panel: refuse a panel of more than N rows (default {MAX_PANEL_ROWS:,}; 0 for no limit)",
    )
    export.add_argument("--output", "-o", metavar="FILE", help="write here instead of standard output")
    return parser


EXIT_OK, EXIT_NOT_FOUND, EXIT_USAGE, EXIT_IO_OR_DATA, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


def _version_text(version: str) -> str:
    try:
        metadata = packaged_dataset().metadata
    except PeruDiplomacyError:
        return f"%(prog)s {version} (data: unreadable)"
    return (
        f"%(prog)s {version} (data {metadata.data_version}: schema {SCHEMA_VERSION}, table of "
        f"{metadata.source_revision}, knowledge to {metadata.horizon})"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 not found, 2 usage, 3 I/O or data, 130 interrupted)."""
    try:
        return _main(list(sys.argv[1:] if argv is None else argv))
    except KeyboardInterrupt:
        _say("interrupted")
        return EXIT_INTERRUPTED


def _main(argv: list[str]) -> int:
    if sys.stdout is None:  # started with standard output closed: nothing can be written
        _say("standard output is closed: there is nowhere to write the answer")
        return EXIT_IO_OR_DATA
    misplaced = _misplaced_global(argv)
    if misplaced is not None:
        _say(misplaced)
        return EXIT_USAGE
    args = _parser().parse_args(argv)
    try:
        data = _dataset(args.data, args.amend)
        if args.command == "show":
            return _show(data, args)
        if args.command == "why":
            return _why(data, args)
        if args.command == "inference":
            return _inference(data, args)
        if args.command == "list":
            return _list(data, args)
        if args.command == "timeline":
            return _timeline(data, args)
        if args.command == "chart":
            return _chart(data, args)
        if args.command == "cite":
            from .citation import cite

            _write(sys.stdout, cite(args.format, dataset=data))
            return EXIT_OK
        return _export(data, args)
    except UsageError as error:
        _say(f"{args.command}: {error}")
        return EXIT_USAGE
    except (UnknownCountryError, AmbiguousCountryError, NoRelationError) as error:
        _say(str(error))
        return EXIT_NOT_FOUND
    except BrokenPipeError:  # e.g. piped into head: stop quietly
        _silence_stdout()
        return EXIT_OK
    except (PeruDiplomacyError, OSError, UnicodeError) as error:
        _say(_describe(error))
        return EXIT_IO_OR_DATA
    except ImportError as error:  # an optional dependency (pandas, pyarrow) that the file format needs
        _say(str(error))
        return EXIT_IO_OR_DATA
    except MemoryError:  # a panel with its limit lifted (--max-rows 0) larger than the machine's memory
        _say(f"{args.command}: out of memory; ask for fewer rows (fewer years, or a coarser --unit)")
        return EXIT_IO_OR_DATA


def _misplaced_global(argv: list[str]) -> str | None:
    """The message for a global option written after the command (argparse would only say "unrecognized")."""
    command_seen = False
    skip = False
    for position, word in enumerate(argv):
        if skip:
            skip = False
            continue
        name = word.split("=", 1)[0]
        if name in GLOBAL_OPTIONS:
            if command_seen:  # the same command line, with the option moved to the front
                taken = argv[position : position + (1 if "=" in word else 2)]
                rest = argv[:position] + argv[position + len(taken) :]
                return f"{name} goes before the command: peru-diplomacy {' '.join([*taken, *rest])}"
            skip = "=" not in word
        elif word == "--":
            return None
        elif not word.startswith("-"):
            command_seen = True
    return None


def _dataset(path: str | None, amendments: list[str]) -> Dataset:
    data = packaged_dataset() if path is None else Dataset.from_file(path)
    for amendment in amendments:
        data = data.amended(amendment)
    return data


def _say(message: str) -> None:
    """One line on standard error; nothing when standard error is closed (the exit status still tells)."""
    text = f"peru-diplomacy: {message}\n"
    stream = sys.stderr
    if stream is None:
        return
    try:
        try:
            stream.write(text)
        except UnicodeEncodeError:
            encoding = stream.encoding or "ascii"
            stream.write(text.encode(encoding, "backslashreplace").decode(encoding))
        stream.flush()
    except (OSError, ValueError):  # closed or broken standard error
        pass


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


def _why(data: Dataset, args: argparse.Namespace) -> int:
    from .reports import explanation_record, explanation_text

    explanation = data.explain(args.country, args.date, system=args.system)
    if args.json:
        _write(sys.stdout, json.dumps(explanation_record(explanation), ensure_ascii=False, indent=2) + "\n")
    else:
        _write(sys.stdout, explanation_text(explanation))
    return EXIT_OK


def _inference(data: Dataset, args: argparse.Namespace) -> int:
    from .reports import inference_records, inference_text
    from .summaries import inference_shares

    last = data.horizon.year if args.last is None else args.last
    rows = inference_shares(args.first, last, unit=args.unit, dataset=data)
    if args.json:
        _write(sys.stdout, json.dumps(inference_records(rows), ensure_ascii=False, indent=2) + "\n")
    else:
        _write(sys.stdout, inference_text(rows) + "\n")
    return EXIT_OK


def _show(data: Dataset, args: argparse.Namespace) -> int:
    relation = data.relations_with(args.country, system=args.system)
    if args.json:
        from .export import event_rows, period_rows, relation_rows

        record = {
            "relation": relation_rows([relation])[0],
            "events": event_rows([relation]),
            "periods": period_rows([relation]),
        }
        if args.on is not None:
            from .reports import explanation_record

            record["explanation"] = explanation_record(relation.explain(args.on))
        _write(sys.stdout, json.dumps(record, ensure_ascii=False, indent=2) + "\n")
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
    if args.on is not None:
        from .reports import explanation_text

        out.write("\n" + explanation_text(relation.explain(args.on)))
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
        from .representation import MISSIONS_OBSERVED

        names = {state.id: state.name for state in data.states}
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
    meta = data.metadata
    out.write(f"Data: version {meta.data_version} (table of {meta.source_revision}, knowledge to {meta.horizon}); ")
    out.write("cite it with 'peru-diplomacy cite'\n")
    return 0


def _list(data: Dataset, args: argparse.Namespace) -> int:
    from .export import relation_rows, write_json

    if (args.status is None) != (args.on is None):
        raise UsageError("--status and --on go together, e.g. --status uncertain --on 1952")
    relations = data.by_region(args.region) if args.region else data.relations
    if args.min_confidence is not None:
        relations = tuple(r for r in relations if r.attribution.confidence >= Confidence(args.min_confidence))
    for when in (args.active_on, args.on):
        note = None if when is None else data.horizon_note(when)
        if note is not None:
            _say(f"note: {note}")
    if args.active_on is not None:
        relations = tuple(r for r in relations if r.status_on(args.active_on) is Status.ACTIVE)
    if args.status is not None:
        wanted = Status(args.status)
        relations = tuple(r for r in relations if r.status_on(args.on) is wanted)
    rows = relation_rows(relations)
    if args.json:
        write_json(rows, sys.stdout)
        return 0
    # On a date, each relation is named by its lineage's state that day (Czechoslovakia in 1980, not the
    # Czech Republic); the relation's id stays.
    when = args.active_on if args.active_on is not None else args.on
    names = [_name_on(r, when) for r in relations]
    lines = [
        f"{row['relation_id']!s:<9} {name!s:<36} {row['region']!s:<9} "
        f"{row['established'] or '—'!s:<11} {row['confidence']}\n"
        for row, name in zip(rows, names, strict=True)
    ]
    _write(sys.stdout, "".join(lines))
    _say(f"{len(rows)} relations")
    return 0


def _name_on(relation: Relation, when: PartialDate | None) -> str:
    """The relation's name, or on a date the name of its lineage's state then (if one may have existed)."""
    if when is None:
        return relation.counterpart.name
    states = relation.counterparts_on(when)
    return states[0].name if states else relation.counterpart.name


def _timeline(data: Dataset, args: argparse.Namespace) -> int:
    from .export import timeline_rows, write_json

    if args.first is not None and args.last is not None and args.last.definitely_before(args.first):
        raise UsageError(f"the range --from {args.first} --to {args.last} ends before it starts")
    rows = timeline_rows(data.timeline(kinds=args.kind, region=args.region, first=args.first, last=args.last))
    if args.json:
        write_json(rows, sys.stdout)
        return 0
    lines = []
    for row in rows:
        extra = f" ({row['qualifier']})" if row["qualifier"] else ""
        lines.append(f"{row['date']!s:<11} {row['kind']!s:<12} {row['state']}{extra}\n")
    _write(sys.stdout, "".join(lines))
    return 0


_PANEL_ONLY = (
    ("first", "--from"),
    ("last", "--to"),
    ("unit", "--unit"),
    ("rule", "--rule"),
    ("membership", "--membership"),
    ("max_rows", "--max-rows"),
)


def _export(data: Dataset, args: argparse.Namespace) -> int:
    from .export import (
        event_rows,
        iter_panel_rows,
        mission_rows,
        period_rows,
        relation_rows,
        state_rows,
        write_csv,
        write_json,
    )

    args.format = _export_format(args.format, args.output)
    if args.datapackage:
        from .export import write_datapackage

        if args.table != "relations" or args.codebook or args.format != "csv":
            raise UsageError("--datapackage writes its own tables as CSV; give it no --table, --codebook or --format")
        years = None
        if args.first is not None or args.last is not None:
            if args.first is None or args.last is None:
                raise UsageError("a panel in the data package needs both --from YEAR and --to YEAR")
            years = (args.first, args.last)
        try:
            target = write_datapackage(args.datapackage, dataset=data, panel_years=years)
        except ValueError as error:
            raise UsageError(str(error)) from None
        _say(f"wrote {target}")
        return EXIT_OK
    writer = write_csv if args.format == "csv" else write_json
    if args.table != "panel":
        given = [option for dest, option in _PANEL_ONLY if getattr(args, dest) is not None]
        if given:
            raise UsageError(f"{', '.join(given)} only apply to --table panel, not --table {args.table}")
    if args.codebook:
        from .export import codebook

        if args.table != "relations":  # (panel options without --table panel were refused above)
            raise UsageError("--codebook describes every table; give it no --table and no panel options")
        if args.format not in ("csv", "json"):
            raise UsageError(f"--codebook is written as csv or json, not {args.format}")
        book = codebook()
        return _output(args.output, lambda out: writer(book, out))
    if args.format in ("parquet", "stata"):
        return _typed_file(data, args)
    if args.table == "records":
        if args.format != "json":
            raise UsageError("--table records is the whole dataset, in JSON only; use --format json")
        return _output(args.output, lambda out: out.write(data.to_json()))
    if args.table == "panel":
        found = _panel(data, args)
        rows: Iterable[Row] = iter_panel_rows(found)
    else:
        make = {
            "relations": relation_rows,
            "events": event_rows,
            "periods": period_rows,
            "states": state_rows,
            "missions": mission_rows,
        }[args.table]
        rows = make(data.relations)
    return _output(args.output, lambda out: writer(rows, out))


def _chart(data: Dataset, args: argparse.Namespace) -> int:
    from .charts import timeline_svg

    if bool(args.countries) == bool(args.region):
        raise UsageError(
            "name one or more countries, or give --region, e.g. chart Chile Peru or chart --region Oceania"
        )
    chosen = [data.relations_with(c) for c in args.countries] if args.countries else list(data.by_region(args.region))
    try:
        svg = timeline_svg(chosen, first=args.first, last=args.last)
    except ValueError as error:
        raise UsageError(str(error)) from None
    return _output(args.output, lambda out: out.write(svg))


def _panel(data: Dataset, args: argparse.Namespace) -> tuple[PanelRow, ...]:
    """The panel the export options ask for (a usage error for any that do not fit)."""
    if args.first is None or args.last is None:
        raise UsageError("--table panel needs --from YEAR and --to YEAR, e.g. --from 1950 --to 2023")
    if args.max_rows is not None and args.max_rows < 0:
        raise UsageError(f"--max-rows is a number of rows (0 for no limit), not {args.max_rows}")
    try:
        return data.panel(
            args.first,
            args.last,
            unit=args.unit or "year",
            rule=args.rule or "on_day",
            membership=args.membership or "lifetime",
            max_rows=MAX_PANEL_ROWS if args.max_rows is None else (args.max_rows or None),
        )
    except ValueError as error:
        raise UsageError(str(error)) from None


_FORMAT_SUFFIXES = {"csv": (".csv",), "json": (".json",), "parquet": (".parquet", ".pq"), "stata": (".dta",)}
"""The export formats and the file suffixes that name them."""


def _export_format(given: str | None, output: str | None) -> str:
    """The format to write: the one given, else the one ``output``'s suffix names, else csv; a given format
    that the suffix contradicts is refused (a Parquet name with CSV in it, a .dta with JSON in it)."""
    suffix = "" if not output else os.path.splitext(output)[1].lower()
    named = next((name for name, suffixes in _FORMAT_SUFFIXES.items() if suffix in suffixes), None)
    if given is not None and named is not None and given != named:
        raise UsageError(f"--output {output} names the {named} format, but --format is {given}: give one of them")
    return given or named or "csv"


def _typed_file(data: Dataset, args: argparse.Namespace) -> int:
    """Parquet or Stata: a binary file, so --output is required."""
    from .export import write_parquet, write_stata

    if not args.output:
        raise UsageError(f"--format {args.format} writes a file: give --output FILE")
    if args.table == "records":
        raise UsageError("--table records is the whole dataset, in JSON only; use --format json")
    if args.table == "panel":
        source: Any = _panel(data, args)
    else:
        source = data.relations
    write = write_parquet if args.format == "parquet" else write_stata
    write(source, args.table, args.output)
    return EXIT_OK


def _output(path: str | None, write: Callable[[IO[str]], object]) -> int:
    """Write to ``path`` (UTF-8, as it goes) or to standard output."""
    if path:
        from ._files import atomic_text

        with atomic_text(path) as handle:  # whole or not at all: an interrupted export leaves no partial file
            write(handle)
    else:
        write(sys.stdout)
        sys.stdout.flush()
    return EXIT_OK


def _write(stream: IO[str], text: str) -> None:
    stream.write(text)
    stream.flush()
