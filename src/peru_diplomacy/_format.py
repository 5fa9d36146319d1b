"""The dataset file format: its records, and a fast reader of its relations.

The format is the cattrs unstructuring of
:class:`~peru_diplomacy.DatasetDocument` as JSON
(:data:`peru_diplomacy.converter` reads and writes it). To answer a first
query without importing cattrs, :func:`relation_from_raw` builds a
:class:`~peru_diplomacy.Relation` straight from its decoded JSON; a test
holds it equal to ``converter.structure`` for every relation of the packaged
data and for generated ones, so the two cannot drift.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from .counterparts import CodeSystem, Counterpart, CounterpartKind, Membership
from .dates import PartialDate
from .errors import DatasetError, InvalidDateError, InvalidEventSequenceError
from .events import Event, EventKind
from .identity import NameKind, RawName
from .periods import Period
from .provenance import Attribution, Citation, Confidence, Contest, DateDispute, Measure, Reference, Region, Source
from .relation import Relation
from .representation import Representation, RepresentationLevel

if TYPE_CHECKING:
    from ._records import DatasetMetadata, ExcludedRow, SystemState

__all__ = [
    "SCHEMA_VERSION",
    "check_relation",
    "counterpart_from_raw",
    "excluded_row_from_raw",
    "list_of",
    "metadata_from_raw",
    "names_from_raw",
    "period_from_raw",
    "relation_from_raw",
    "system_state_from_raw",
]

SCHEMA_VERSION = 3
"""The version of the dataset file format this release reads and writes."""


# -- the fast reader ----------------------------------------------------------------------

_T = TypeVar("_T")
_E = TypeVar("_E", bound=enum.Enum)


def _fail(where: str, why: str) -> DatasetError:
    return DatasetError(f"{where}: {why}")


def _fields(raw: object, where: str, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise _fail(where, f"expected an object, not {type(raw).__name__}")
    missing = [key for key in required if key not in raw]
    if missing:
        raise _fail(where, f"missing field {missing[0]!r}")
    extra = [key for key in raw if key not in required and key not in optional]
    if extra:
        raise _fail(where, f"unknown field {extra[0]!r}")
    return raw


def _str(raw: object, where: str) -> str:
    if not isinstance(raw, str):
        raise _fail(where, f"expected text, not {type(raw).__name__}")
    return raw


def _opt_str(raw: object, where: str) -> str | None:
    return None if raw is None else _str(raw, where)


def _int(raw: object, where: str) -> int:
    if type(raw) is not int:
        raise _fail(where, f"expected an integer, not {type(raw).__name__}")
    return raw


def _bool(raw: object, where: str) -> bool:
    if type(raw) is not bool:
        raise _fail(where, f"expected true or false, not {type(raw).__name__}")
    return raw


def _date(raw: object, where: str) -> PartialDate:
    try:
        return PartialDate.fromisoformat(_str(raw, where))
    except InvalidDateError as error:
        raise _fail(where, str(error)) from None


def _opt_date(raw: object, where: str) -> PartialDate | None:
    return None if raw is None else _date(raw, where)


def _enum(cls: type[_E], raw: object, where: str) -> _E:
    try:
        return cls(raw)
    except ValueError:
        raise _fail(where, f"{raw!r} is not a {cls.__name__}") from None


def _list(raw: object, where: str, item: Callable[[object, str], _T]) -> tuple[_T, ...]:
    if not isinstance(raw, list):
        raise _fail(where, f"expected a list, not {type(raw).__name__}")
    return tuple(item(value, f"{where}[{index}]") for index, value in enumerate(raw))


def period_from_raw(raw: object, where: str) -> Period:
    """A :class:`Period` from its JSON form."""
    d = _fields(raw, where, ("start",), ("end", "open_start"))
    start, end = _date(d["start"], f"{where}.start"), _opt_date(d.get("end"), f"{where}.end")
    try:
        return Period(start=start, end=end, open_start=_bool(d.get("open_start", False), f"{where}.open_start"))
    except InvalidDateError as error:
        raise _fail(f"{where}.end", str(error)) from None


def _membership(raw: object, where: str) -> Membership:
    d = _fields(raw, where, ("system", "code", "abbrev", "start"), ("end",))
    return Membership(
        system=_enum(CodeSystem, d["system"], f"{where}.system"),
        code=_int(d["code"], f"{where}.code"),
        abbrev=_str(d["abbrev"], f"{where}.abbrev"),
        start=_date(d["start"], f"{where}.start"),
        end=_opt_date(d.get("end"), f"{where}.end"),
    )


_OPTIONAL_STATE_TEXT = ("official_name", "alpha2", "alpha3", "numeric", "iso3166_3", "m49_region", "m49_subregion")


def counterpart_from_raw(raw: object, where: str) -> Counterpart:
    """A :class:`Counterpart` from its JSON form."""
    d = _fields(
        raw, where, ("id", "name", "kind"), (*_OPTIONAL_STATE_TEXT, "existence", "existence_source", "memberships")
    )
    texts = {key: _opt_str(d.get(key), f"{where}.{key}") for key in _OPTIONAL_STATE_TEXT}
    return Counterpart(
        id=_str(d["id"], f"{where}.id"),
        name=_str(d["name"], f"{where}.name"),
        kind=_enum(CounterpartKind, d["kind"], f"{where}.kind"),
        existence=_list(d.get("existence", []), f"{where}.existence", period_from_raw),
        existence_source=_str(d.get("existence_source", ""), f"{where}.existence_source"),
        memberships=_list(d.get("memberships", []), f"{where}.memberships", _membership),
        **texts,
    )


def _opt_counterpart(raw: object, where: str) -> Counterpart | None:
    return None if raw is None else counterpart_from_raw(raw, where)


def _reference(raw: object, where: str) -> Reference:
    d = _fields(raw, where, ("number", "text"))
    return Reference(number=_int(d["number"], f"{where}.number"), text=_str(d["text"], f"{where}.text"))


def _citation(raw: object, where: str) -> Citation:
    d = _fields(raw, where, ("text",), ("outlet", "published", "url", "quote", "also"))
    return Citation(
        text=_str(d["text"], f"{where}.text"),
        outlet=_str(d.get("outlet", ""), f"{where}.outlet"),
        published=_opt_str(d.get("published"), f"{where}.published"),
        url=_opt_str(d.get("url"), f"{where}.url"),
        quote=_str(d.get("quote", ""), f"{where}.quote"),
        also=_str(d.get("also", ""), f"{where}.also"),
    )


def _opt_citation(raw: object, where: str) -> Citation | None:
    return None if raw is None else _citation(raw, where)


def _opt_confidence(raw: object, where: str) -> Confidence | None:
    return None if raw is None else _enum(Confidence, raw, where)


def _contest(raw: object, where: str) -> Contest:
    d = _fields(raw, where, ("start", "end", "source", "reason"), ("citations",))
    start, end = _date(d["start"], f"{where}.start"), _opt_date(d["end"], f"{where}.end")
    try:
        return Contest(
            start=start,
            end=end,
            source=_str(d["source"], f"{where}.source"),
            reason=_str(d["reason"], f"{where}.reason"),
            citations=_list(d.get("citations", []), f"{where}.citations", _citation),
        )
    except InvalidDateError as error:
        raise _fail(f"{where}.end", str(error)) from None


def _measure(raw: object, where: str) -> Measure:
    d = _fields(raw, where, ("date", "description", "actor", "why_not_an_event", "citation"))
    return Measure(
        date=_date(d["date"], f"{where}.date"),
        description=_str(d["description"], f"{where}.description"),
        actor=_str(d["actor"], f"{where}.actor"),
        why_not_an_event=_str(d["why_not_an_event"], f"{where}.why_not_an_event"),
        citation=_citation(d["citation"], f"{where}.citation"),
    )


_EVENT_OPTIONAL = ("text", "qualifier", "references", "predecessor", "successor", "citation", "confidence")


def _event(raw: object, where: str) -> Event:
    d = _fields(raw, where, ("kind", "date", "state"), _EVENT_OPTIONAL)
    return Event(
        kind=_enum(EventKind, d["kind"], f"{where}.kind"),
        date=_date(d["date"], f"{where}.date"),
        state=counterpart_from_raw(d["state"], f"{where}.state"),
        text=_str(d.get("text", ""), f"{where}.text"),
        qualifier=_opt_str(d.get("qualifier"), f"{where}.qualifier"),
        references=_list(d.get("references", []), f"{where}.references", _reference),
        predecessor=_opt_counterpart(d.get("predecessor"), f"{where}.predecessor"),
        successor=_opt_counterpart(d.get("successor"), f"{where}.successor"),
        citation=_opt_citation(d.get("citation"), f"{where}.citation"),
        confidence=_opt_confidence(d.get("confidence"), f"{where}.confidence"),
    )


def _dispute(raw: object, where: str) -> DateDispute:
    d = _fields(raw, where, ("table_date", "other_date", "other_source"))
    return DateDispute(
        table_date=_str(d["table_date"], f"{where}.table_date"),
        other_date=_date(d["other_date"], f"{where}.other_date"),
        other_source=_str(d["other_source"], f"{where}.other_source"),
    )


def _source(raw: object, where: str) -> Source:
    d = _fields(raw, where, ("region", "row", "cell"), ("notes",))
    return Source(
        region=_enum(Region, d["region"], f"{where}.region"),
        row=_int(d["row"], f"{where}.row"),
        cell=_str(d["cell"], f"{where}.cell"),
        notes=_str(d.get("notes", ""), f"{where}.notes"),
    )


def _attribution(raw: object, where: str) -> Attribution:
    d = _fields(raw, where, ("country", "confidence", "evidence"), ("disputes", "alternatives", "override"))
    return Attribution(
        country=_str(d["country"], f"{where}.country"),
        confidence=_enum(Confidence, d["confidence"], f"{where}.confidence"),
        evidence=_str(d["evidence"], f"{where}.evidence"),
        disputes=_list(d.get("disputes", []), f"{where}.disputes", _dispute),
        alternatives=_list(d.get("alternatives", []), f"{where}.alternatives", counterpart_from_raw),
        override=_opt_citation(d.get("override"), f"{where}.override"),
    )


_RELATION_REQUIRED = ("id", "counterpart", "states", "region", "events", "source", "attribution")
_RELATION_OPTIONAL = ("references", "remarks", "horizon", "contests", "measures", "representation")


def _representation(raw: object, where: str) -> Representation:
    d = _fields(raw, where, ("year", "state", "cow_code", "at_peru", "in_counterpart", "exchange"))
    return Representation(
        year=_int(d["year"], f"{where}.year"),
        state=_str(d["state"], f"{where}.state"),
        cow_code=_int(d["cow_code"], f"{where}.cow_code"),
        at_peru=_enum(RepresentationLevel, d["at_peru"], f"{where}.at_peru"),
        in_counterpart=_enum(RepresentationLevel, d["in_counterpart"], f"{where}.in_counterpart"),
        exchange=_bool(d["exchange"], f"{where}.exchange"),
    )


def relation_from_raw(raw: object, where: str = "relation") -> Relation:
    """A :class:`~peru_diplomacy.Relation` from its decoded JSON, checked, without cattrs.

    Raises :class:`~peru_diplomacy.DatasetError` naming the first problem's path.

    >>> from peru_diplomacy._format import relation_from_raw
    >>> relation_from_raw({"id": "X"})
    Traceback (most recent call last):
    ...
    peru_diplomacy.errors.DatasetError: relation: missing field 'counterpart'
    """
    d = _fields(raw, where, _RELATION_REQUIRED, _RELATION_OPTIONAL)
    try:
        relation = Relation(
            id=_str(d["id"], f"{where}.id"),
            counterpart=counterpart_from_raw(d["counterpart"], f"{where}.counterpart"),
            states=_list(d["states"], f"{where}.states", counterpart_from_raw),
            region=_enum(Region, d["region"], f"{where}.region"),
            events=_list(d["events"], f"{where}.events", _event),
            source=_source(d["source"], f"{where}.source"),
            attribution=_attribution(d["attribution"], f"{where}.attribution"),
            references=_list(d.get("references", []), f"{where}.references", _reference),
            remarks=_list(d.get("remarks", []), f"{where}.remarks", _str),
            horizon=_opt_date(d.get("horizon"), f"{where}.horizon"),
            contests=_list(d.get("contests", []), f"{where}.contests", _contest),
            measures=_list(d.get("measures", []), f"{where}.measures", _measure),
            representation=_list(d.get("representation", []), f"{where}.representation", _representation),
        )
    except InvalidEventSequenceError as error:
        raise _fail(where, str(error)) from None
    check_relation(relation, where)
    return relation


def check_relation(relation: Relation, where: str) -> None:
    """The checks a relation must pass beyond its types."""
    if not relation.states or relation.counterpart != relation.states[-1]:
        raise _fail(where, "its counterpart must be the last of its states")
    ids = [s.id for s in relation.states]
    if len(set(ids)) != len(ids):
        raise _fail(where, "a state appears twice in its lineage")
    by_id = {s.id: s for s in relation.states}
    for index, event in enumerate(relation.events):
        if by_id.get(event.state.id) != event.state:
            raise _fail(where, f"event {index + 1} concerns {event.state.name}, which is not a state of its lineage")
        if relation.horizon is not None and event.date.earliest_ordinal > relation.horizon.latest_ordinal:
            raise _fail(
                f"{where}.events[{index}].date",
                f"{event.date} lies after the relation's horizon ({relation.horizon}), which must cover every event",
            )
    if relation.source.row < 0:
        raise _fail(f"{where}.source.row", f"{relation.source.row} is not a row: rows count from 1 (0: an amendment's)")
    seen: set[tuple[str, int, int]] = set()
    for index, row in enumerate(relation.representation):
        if row.state not in by_id:
            raise _fail(f"{where}.representation[{index}].state", f"{row.state!r} is not a state of its lineage")
        if (row.state, row.year, row.cow_code) in seen:
            raise _fail(
                f"{where}.representation[{index}]", f"a second row for {row.state} (COW {row.cow_code}) in {row.year}"
            )
        seen.add((row.state, row.year, row.cow_code))


_NAME_KINDS = frozenset(kind.value for kind in NameKind)


def list_of(raw: object, where: str, item: Any) -> tuple[Any, ...]:
    if not isinstance(raw, list):
        raise DatasetError(f"{where}: expected a list, not {type(raw).__name__}")
    return tuple(item(value, f"{where}[{index}]") for index, value in enumerate(raw))


def metadata_from_raw(raw: object) -> DatasetMetadata:
    import attrs

    from ._records import DatasetMetadata

    fields = [f.name for f in attrs.fields(DatasetMetadata)]
    d = _fields(raw, "metadata", tuple(fields))
    values: dict[str, Any] = {}
    for name in fields:
        where = f"metadata.{name}"
        if name == "horizon":
            values[name] = _date(d[name], where)
        elif name == "subject":
            values[name] = counterpart_from_raw(d[name], where)
        elif name.endswith("_count"):
            values[name] = _int(d[name], where)
        else:
            values[name] = _str(d[name], where)
    return DatasetMetadata(**values)


def names_from_raw(raw: object) -> tuple[RawName, ...]:

    def one(value: object, where: str) -> RawName:
        d = _fields(value, where, ("key", "label", "kind", "relation", "state"))
        if d["kind"] not in _NAME_KINDS:
            raise DatasetError(f"{where}.kind: {d['kind']!r} is not a NameKind")
        return RawName(
            _str(d["key"], f"{where}.key"),
            _str(d["label"], f"{where}.label"),
            d["kind"],
            _opt_str(d["relation"], f"{where}.relation"),
            _opt_str(d["state"], f"{where}.state"),
        )

    return list_of(raw, "names", one)


def excluded_row_from_raw(raw: object, where: str) -> ExcludedRow:
    from ._records import ExcludedRow

    d = _fields(raw, where, ("region", "row", "text", "reason"))
    return ExcludedRow(
        region=_enum(Region, d["region"], f"{where}.region"),
        row=_int(d["row"], f"{where}.row"),
        text=_str(d["text"], f"{where}.text"),
        reason=_str(d["reason"], f"{where}.reason"),
    )


def system_state_from_raw(raw: object, where: str) -> SystemState:
    from ._records import SystemState

    d = _fields(raw, where, ("system", "code", "abbrev", "name"), ("spans",))
    return SystemState(
        system=_enum(CodeSystem, d["system"], f"{where}.system"),
        code=_int(d["code"], f"{where}.code"),
        abbrev=_str(d["abbrev"], f"{where}.abbrev"),
        name=_str(d["name"], f"{where}.name"),
        spans=_list(d.get("spans", []), f"{where}.spans", period_from_raw),
    )
