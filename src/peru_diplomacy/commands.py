"""The command line's commands: its arguments, and what each command prints or writes.

The entry point (``cli.main``) imports this module inside its interrupt guard; ``run`` maps every
failure to one line on standard error and an exit status (``_console.Exit``).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import IO, TYPE_CHECKING, Any, NoReturn, get_args

from ._console import Exit, UsageError, describe, say, silence_stdout, write
from ._format import SCHEMA_VERSION
from .counterparts import PERU_INDEPENDENCE, CodeSystem
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
from .panel_options import DEFAULT_MEMBERSHIP, DEFAULT_RULE, DEFAULT_UNIT, PanelMembership, PanelRule, PanelUnit
from .periods import Status
from .provenance import Confidence, Region

if TYPE_CHECKING:
    from .export import Row
    from .panels import PanelRow
    from .relation import Relation

__all__ = ["EXAMPLES", "GLOBAL_OPTIONS", "parser", "run"]

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
        say(f"{self.prog.removeprefix('peru-diplomacy').strip() or 'usage'}: {message} (see {self.prog} --help)")
        raise SystemExit(Exit.USAGE)


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


def parser() -> argparse.ArgumentParser:
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
    inference.add_argument(
        "--from",
        dest="first",
        type=int,
        default=PERU_INDEPENDENCE.year,
        metavar="YEAR",
        help=f"first year (default: {PERU_INDEPENDENCE.year}, Peru's independence)",
    )
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

    from .export import FORMATS, OF_RELATIONS

    text_formats = [f.name for f in FORMATS.values() if not f.typed]
    typed_formats = [f"{f.name} ({f.description})" for f in FORMATS.values() if f.typed]
    export = commands.add_parser(
        "export", help=f"the {', '.join(OF_RELATIONS)} or panel table as {_one_of(list(FORMATS))}; or the whole dataset"
    )
    export.add_argument(
        "--format",
        choices=list(FORMATS),
        help=f"{_one_of(text_formats)} as text; {'; '.join(typed_formats)} to a file (--output); default: "
        f"the one --output's suffix names ({', '.join(s for f in FORMATS.values() for s in f.suffixes)}), else "
        f"{_DEFAULT_FORMAT}",
    )
    export.add_argument(
        "--datapackage",
        metavar="DIR",
        help=f"write the {', '.join(OF_RELATIONS)} tables (and a COW-frame panel with --from/--to) as CSV with a "
        "Frictionless datapackage.json into DIR",
    )
    export.add_argument(
        "--table",
        choices=[*OF_RELATIONS, "panel", _RECORDS],
        default="relations",
        help="a table (one row per relation, event, period, state, listed mission or panel unit), or "
        f"{_RECORDS}: the whole dataset (JSON, a file that --data and Dataset.from_file read)",
    )
    export.add_argument(
        "--codebook",
        action="store_true",
        help="write the codebook instead: every column of every table, its type, values, meaning and origin",
    )
    export.add_argument("--from", dest="first", type=int, metavar="YEAR", help="panel: first year")
    export.add_argument("--to", dest="last", type=int, metavar="YEAR", help="panel: last year")
    export.add_argument(
        "--unit", choices=get_args(PanelUnit), help=f"panel: one of {_options(PanelUnit, DEFAULT_UNIT)}"
    )
    export.add_argument(
        "--rule",
        choices=get_args(PanelRule),
        help=f"panel: how a unit's status is read: {_options(PanelRule, DEFAULT_RULE)} (on_day reads 31 December)",
    )
    export.add_argument(
        "--membership",
        choices=get_args(PanelMembership),
        help=f"panel: which state-units are rows: {_options(PanelMembership, DEFAULT_MEMBERSHIP)}",
    )
    export.add_argument(
        "--max-rows",
        type=int,
        metavar="N",
        help=f"panel: refuse a panel of more than N rows (default {MAX_PANEL_ROWS:,}; 0 for no limit)",
    )
    export.add_argument("--output", "-o", metavar="FILE", help="write here instead of standard output")
    return parser


def _one_of(names: Sequence[str]) -> str:
    """Names as a sentence lists them: "csv, json or jsonl"."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def _options(choices: object, default: str) -> str:
    """The choices of a Literal type, the default named: "year (default), month, day"."""
    return ", ".join(f"{c} (default)" if c == default else str(c) for c in get_args(choices))


def _version_text(version: str) -> str:
    try:
        metadata = packaged_dataset().metadata
    except PeruDiplomacyError:
        return f"%(prog)s {version} (data: unreadable)"
    return (
        f"%(prog)s {version} (data {metadata.data_version}: schema {SCHEMA_VERSION}, table of "
        f"{metadata.source_revision}, knowledge to {metadata.horizon})"
    )


def run(argv: list[str]) -> int:
    """Parse ``argv`` and run its command; the exit status."""
    if sys.stdout is None:  # started with standard output closed: nothing can be written
        say("standard output is closed: there is nowhere to write the answer")
        return Exit.IO_OR_DATA
    misplaced = _misplaced_global(argv)
    if misplaced is not None:
        say(misplaced)
        return Exit.USAGE
    args = parser().parse_args(argv)
    try:
        data = _dataset(args.data, args.amend)
        return _COMMANDS[args.command](data, args)
    except UsageError as error:
        say(f"{args.command}: {error}")
        return Exit.USAGE
    except (UnknownCountryError, AmbiguousCountryError, NoRelationError) as error:
        say(str(error))
        return Exit.NOT_FOUND
    except BrokenPipeError:  # e.g. piped into head: stop quietly
        silence_stdout()
        return Exit.OK
    except (PeruDiplomacyError, OSError, UnicodeError) as error:
        say(describe(error))
        return Exit.IO_OR_DATA
    except ImportError as error:  # an optional dependency (pandas, pyarrow) that the file format needs
        say(str(error))
        return Exit.IO_OR_DATA
    except MemoryError:  # a panel with its limit lifted (--max-rows 0) larger than the machine's memory
        say(f"{args.command}: out of memory; ask for fewer rows (fewer years, or a coarser --unit)")
        return Exit.IO_OR_DATA


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


def _why(data: Dataset, args: argparse.Namespace) -> int:
    from .reports import explanation_record, explanation_text

    explanation = data.explain(args.country, args.date, system=args.system)
    if args.json:
        write(sys.stdout, json.dumps(explanation_record(explanation), ensure_ascii=False, indent=2) + "\n")
    else:
        write(sys.stdout, explanation_text(explanation))
    return Exit.OK


def _inference(data: Dataset, args: argparse.Namespace) -> int:
    from .reports import inference_records, inference_text
    from .summaries import inference_shares

    last = data.horizon.year if args.last is None else args.last
    rows = inference_shares(args.first, last, unit=args.unit, dataset=data)
    if args.json:
        write(sys.stdout, json.dumps(inference_records(rows), ensure_ascii=False, indent=2) + "\n")
    else:
        write(sys.stdout, inference_text(rows) + "\n")
    return Exit.OK


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
        write(sys.stdout, json.dumps(record, ensure_ascii=False, indent=2) + "\n")
        return Exit.OK
    from .reports import relation_text

    write(sys.stdout, relation_text(relation, data, on=args.on))
    return Exit.OK


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
            say(f"note: {note}")
    if args.active_on is not None:
        relations = tuple(r for r in relations if r.status_on(args.active_on) is Status.ACTIVE)
    if args.status is not None:
        wanted = Status(args.status)
        relations = tuple(r for r in relations if r.status_on(args.on) is wanted)
    rows = relation_rows(relations)
    if args.json:
        write_json(rows, sys.stdout)
        return Exit.OK
    # On a date, each relation is named by its lineage's state that day (Czechoslovakia in 1980, not the
    # Czech Republic); the relation's id stays.
    when = args.active_on if args.active_on is not None else args.on
    names = [_name_on(r, when) for r in relations]
    lines = [
        f"{row['relation_id']!s:<9} {name!s:<36} {row['region']!s:<9} "
        f"{row['established'] or '—'!s:<11} {row['confidence']}\n"
        for row, name in zip(rows, names, strict=True)
    ]
    write(sys.stdout, "".join(lines))
    say(f"{len(rows)} relations")
    return Exit.OK


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
        return Exit.OK
    lines = []
    for row in rows:
        extra = f" ({row['qualifier']})" if row["qualifier"] else ""
        lines.append(f"{row['date']!s:<11} {row['kind']!s:<12} {row['state']}{extra}\n")
    write(sys.stdout, "".join(lines))
    return Exit.OK


_DEFAULT_FORMAT = "csv"
"""The format ``export`` writes when neither --format nor --output's suffix names one."""

_RECORDS = "records"
"""``--table records``: not a table but the whole dataset, as the file --data reads."""

_PANEL_ONLY = (
    ("first", "--from"),
    ("last", "--to"),
    ("unit", "--unit"),
    ("rule", "--rule"),
    ("membership", "--membership"),
    ("max_rows", "--max-rows"),
)


def _export(data: Dataset, args: argparse.Namespace) -> int:
    from .export import FORMATS, TABLE_REGISTRY, iter_panel_rows

    args.format = _export_format(args.format, args.output)
    chosen = FORMATS[args.format]
    if args.datapackage:
        from .export import write_datapackage

        if args.table != "relations" or args.codebook or args.format != _DEFAULT_FORMAT:
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
        say(f"wrote {target}")
        return Exit.OK
    if args.table != "panel":
        given = [option for dest, option in _PANEL_ONLY if getattr(args, dest) is not None]
        if given:
            raise UsageError(f"{', '.join(given)} only apply to --table panel, not --table {args.table}")
    if args.codebook:
        from .export import codebook

        if args.table != "relations":  # (panel options without --table panel were refused above)
            raise UsageError("--codebook describes every table; give it no --table and no panel options")
        write_book = chosen.write_rows
        if write_book is None:
            text = _one_of([f.name for f in FORMATS.values() if f.write_rows is not None])
            raise UsageError(f"--codebook is written as {text}, not {args.format}")
        book = codebook()
        return _output(args.output, lambda out: write_book(book, out))
    if args.table == _RECORDS:
        if args.format != "json":
            raise UsageError(f"--table {_RECORDS} is the whole dataset, in JSON only; use --format json")
        return _output(args.output, lambda out: out.write(data.to_json()))
    source: Any = _panel(data, args) if args.table == "panel" else data.relations
    if chosen.write_table is not None:  # a typed file: binary, so --output is required
        if not args.output:
            raise UsageError(f"--format {args.format} writes a file: give --output FILE")
        chosen.write_table(source, args.table, args.output)
        return Exit.OK
    rows: Iterable[Row] = iter_panel_rows(source) if args.table == "panel" else TABLE_REGISTRY[args.table].rows(source)
    write_rows = chosen.write_rows
    assert write_rows is not None  # a format writes rows or a table (the registry's test holds it)
    return _output(args.output, lambda out: write_rows(rows, out))


def _cite(data: Dataset, args: argparse.Namespace) -> int:
    from .citation import cite

    write(sys.stdout, cite(args.format, dataset=data))
    return Exit.OK


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
            unit=args.unit or DEFAULT_UNIT,
            rule=args.rule or DEFAULT_RULE,
            membership=args.membership or DEFAULT_MEMBERSHIP,
            max_rows=MAX_PANEL_ROWS if args.max_rows is None else (args.max_rows or None),
        )
    except ValueError as error:
        raise UsageError(str(error)) from None


def _export_format(given: str | None, output: str | None) -> str:
    """The format to write: the one given, else the one ``output``'s suffix names, else csv; a given format
    that the suffix contradicts is refused (a Parquet name with CSV in it, a .dta with JSON in it)."""
    from .export import format_named_by

    named = None if not output else format_named_by(output)
    if given is not None and named is not None and given != named.name:
        raise UsageError(f"--output {output} names the {named.name} format, but --format is {given}: give one of them")
    return given or (named.name if named is not None else _DEFAULT_FORMAT)


def _output(path: str | None, fill: Callable[[IO[str]], object]) -> int:
    """Write to ``path`` (UTF-8, as it goes) or to standard output."""
    if path:
        from ._files import atomic_text

        with atomic_text(path) as handle:  # whole or not at all: an interrupted export leaves no partial file
            fill(handle)
    else:
        fill(sys.stdout)
        sys.stdout.flush()
    return Exit.OK


_COMMANDS: dict[str, Callable[[Dataset, argparse.Namespace], int]] = {
    "show": _show,
    "why": _why,
    "inference": _inference,
    "list": _list,
    "chart": _chart,
    "cite": _cite,
    "timeline": _timeline,
    "export": _export,
}
"""Each command's handler, in the help's order (a test holds the names equal to the parser's commands)."""
