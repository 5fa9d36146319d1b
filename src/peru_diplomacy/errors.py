"""The exceptions the library raises, each a subclass of a standard one.

Lookups fail with a :class:`LookupError` subclass, bad values with a
:class:`ValueError` subclass, wrong types with :class:`TypeError`.

>>> from peru_diplomacy import UnknownCountryError
>>> issubclass(UnknownCountryError, LookupError)
True
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "AmbiguousCountryError",
    "AmendmentError",
    "BeyondHorizonWarning",
    "DatasetError",
    "InvalidArgumentError",
    "InvalidDateError",
    "InvalidEventSequenceError",
    "NoRelationError",
    "NoStateOnDateError",
    "PanelTooLargeError",
    "PeruDiplomacyError",
    "UnknownCountryError",
]


class PeruDiplomacyError(Exception):
    """Base class of every exception defined here.

    >>> from peru_diplomacy import PeruDiplomacyError
    >>> from peru_diplomacy import NoRelationError
    >>> issubclass(NoRelationError, PeruDiplomacyError)
    True
    """


class UnknownCountryError(PeruDiplomacyError, LookupError):
    """No state, name or code in the data or in ISO 3166 matches the query.

    ``suggestions`` holds up to three names that do match a relation.

    >>> from peru_diplomacy import UnknownCountryError
    >>> err = UnknownCountryError("Chle", ("Chile",))
    >>> str(err)
    "no country matches 'Chle': did you mean Chile?"
    >>> err.suggestions
    ('Chile',)
    """

    def __init__(self, query: object, suggestions: Sequence[str] = (), *, hint: str | None = None) -> None:
        self.query = query
        self.suggestions: tuple[str, ...] = tuple(suggestions)
        self.hint = hint
        if self.suggestions:
            advice = "did you mean " + _either(self.suggestions) + "?"
        else:
            advice = hint or "try an English or Spanish name, or an ISO 3166 code such as 'CL' or 'CHL'"
        super().__init__(f"no country matches {_shown(query)}: {advice}")

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (type(self), (self.query, self.suggestions), {"hint": self.hint}), _notes(self))


class AmbiguousCountryError(PeruDiplomacyError, LookupError):
    """The query names more than one state; ``candidates`` lists them.

    >>> from peru_diplomacy import AmbiguousCountryError
    >>> str(AmbiguousCountryError("Korea", ("North Korea", "South Korea")))
    "'Korea' is ambiguous: it may mean North Korea or South Korea; ask for one of them"
    """

    def __init__(self, query: object, candidates: Sequence[str]) -> None:
        self.query = query
        self.candidates: tuple[str, ...] = tuple(candidates)
        super().__init__(f"{query!r} is ambiguous: it may mean {_either(self.candidates)}; ask for one of them")

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (type(self), (self.query, self.candidates), {}), _notes(self))


class NoRelationError(PeruDiplomacyError, LookupError):
    """The query names a real state, but the source records no relation with it.

    ``state`` is the state's id where the data knows it. When a row of low
    confidence may be this state, the message names the row and its reading.

    >>> from peru_diplomacy import NoRelationError
    >>> str(NoRelationError("Bhutan"))
    'the source records no diplomatic relation between Peru and Bhutan'
    """

    def __init__(self, country: str, *, message: str | None = None, state: str | None = None) -> None:
        self.country = country
        self.message = message
        self.state = state
        super().__init__(message or f"the source records no diplomatic relation between Peru and {country}")

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (type(self), (self.country,), {"message": self.message, "state": self.state}), _notes(self))


class NoStateOnDateError(PeruDiplomacyError, LookupError):
    """No state of a relation's lineage existed on the date asked about.

    Raised by :meth:`Relation.counterpart_on <peru_diplomacy.Relation.counterpart_on>`
    before the lineage's first state existed, after its last one ended, and in a
    gap between two of its states (Germany 1945–1949).

    >>> from peru_diplomacy import relations_with
    >>> relations_with("GDR").counterpart_on("2000")
    Traceback (most recent call last):
    ...
    peru_diplomacy.errors.NoStateOnDateError: no state of the lineage German Democratic
    Republic existed on 2000 ...
    """

    def __init__(self, lineage: Sequence[str], when: str, *, detail: str = "") -> None:
        self.lineage: tuple[str, ...] = tuple(lineage)
        self.when = when
        self.detail = detail
        message = f"no state of the lineage {' → '.join(self.lineage)} existed on {when}"
        super().__init__(message + (f" ({detail})" if detail else ""))

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (type(self), (self.lineage, self.when), {"detail": self.detail}), _notes(self))


class InvalidDateError(PeruDiplomacyError, ValueError):
    """A date that does not exist or cannot be read.

    >>> from peru_diplomacy import PartialDate
    >>> PartialDate.fromisoformat("1966-9")
    Traceback (most recent call last):
    ...
    peru_diplomacy.errors.InvalidDateError: '1966-9' is not an ISO 8601 date of year, month
    or day precision; ...
    """


class InvalidEventSequenceError(PeruDiplomacyError, ValueError):
    """A relation's events do not make a coherent history (for example, restored without a break).

    >>> from peru_diplomacy import relations_with
    >>> from peru_diplomacy.events import compile_periods
    >>> japan = relations_with("Japan")
    >>> compile_periods([japan.events[0], japan.events[-1]], relation="JPN")
    Traceback (most recent call last):
    ...
    peru_diplomacy.errors.InvalidEventSequenceError: relation JPN: event 2 (restored
    1952-06-08, Japan) restores ...

    ``index`` is the position (from 0) of the offending event in the sequence checked, when known.
    """

    def __init__(self, message: str, *, index: int | None = None) -> None:
        self.index = index
        super().__init__(message)

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (type(self), (str(self),), {"index": self.index}), _notes(self))


class InvalidArgumentError(PeruDiplomacyError, ValueError):
    """An argument outside what a function takes: an unknown region, unit or table, a reversed range.

    The message names the argument and what would work.

    >>> from peru_diplomacy import by_region
    >>> by_region("Antartica")
    Traceback (most recent call last):
    ...
    peru_diplomacy.errors.InvalidArgumentError: unknown region 'Antartica': use one of
    'Africa', 'Americas', 'Asia', 'Europe', 'Oceania'
    """


class DatasetError(PeruDiplomacyError, ValueError):
    """A dataset resource or file that is malformed, truncated or of an unknown schema version.

    >>> from peru_diplomacy import Dataset
    >>> Dataset.from_json('{"schema_version": 1, "relations": [')
    Traceback (most recent call last):
    ...
    peru_diplomacy.errors.DatasetError: the dataset is not valid JSON (is it truncated?):
    ...
    """


class PanelTooLargeError(PeruDiplomacyError, ValueError):
    """A panel would hold more rows than its limit (``max_rows``): narrow it, or raise the limit.

    >>> from peru_diplomacy import panel
    >>> panel(1950, 2023, unit="day")
    Traceback (most recent call last):
    ...
    peru_diplomacy.errors.PanelTooLargeError: the panel would hold about 4... rows, more
    than its limit ...
    """

    def __init__(self, rows: int, limit: int, unit: str) -> None:
        self.rows = rows
        self.limit = limit
        self.unit = unit
        super().__init__(
            f"the panel would hold about {rows:,} rows, more than its limit of {limit:,}: narrow the years"
            + (", use a coarser unit (month or year)" if unit != "year" else "")
            + ", or pass max_rows=None (--max-rows 0 on the command line) to build it anyway"
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (type(self), (self.rows, self.limit, self.unit), {}), _notes(self))


class BeyondHorizonWarning(UserWarning):
    """A question about a day after the data's horizon, whose answer is therefore empty or uncertain.

    ``active_on``, ``inactive_on``, ``uncertain_on`` and ``statuses_on`` warn
    with it (``statuses_on`` not with ``carry_forward=True``), so that an empty
    answer in a notebook is never silent. Filter it as any warning:

    >>> import warnings
    >>> from peru_diplomacy import BeyondHorizonWarning, active_on
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore", BeyondHorizonWarning)
    ...     active_on("2030")
    ()
    """


def _shown(query: object) -> str:
    """The query as the message shows it (a huge integer is not spelt out)."""
    if isinstance(query, int) and not -(10**12) < query < 10**12:
        return f"the integer of {len(str(abs(query))) if abs(query) < 10**4000 else 'thousands of'} digits"
    return repr(query)


class AmendmentError(PeruDiplomacyError, ValueError):
    """An amendment that cannot be applied: ``file``, ``line`` and ``field`` say where.

    >>> from peru_diplomacy import AmendmentError
    >>> str(AmendmentError("no such kind", file="mine.toml", line=3, field="kind"))
    'mine.toml, line 3, field kind: no such kind'
    """

    def __init__(self, why: str, *, file: str, line: int, field: str | None = None) -> None:
        self.why = why
        self.file = file
        self.line = line
        self.field = field
        where = f"{file}, line {line}" + (f", field {field}" if field else "")
        super().__init__(f"{where}: {why}")

    def __reduce__(self) -> tuple[object, ...]:
        return (
            _rebuild,
            (type(self), (self.why,), {"file": self.file, "line": self.line, "field": self.field}),
            _notes(self),
        )


def _notes(error: BaseException) -> dict[str, object] | None:
    """The state pickling must carry beside the arguments: PEP 678 notes, when there are any."""
    notes = getattr(error, "__notes__", None)
    return None if notes is None else {"__notes__": list(notes)}


def _rebuild(cls: type[Exception], args: tuple[object, ...], kwargs: dict[str, object]) -> Exception:
    return cls(*args, **kwargs)


def _either(names: Sequence[str]) -> str:
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " or " + names[-1]
