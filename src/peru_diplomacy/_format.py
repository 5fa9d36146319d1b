"""The dataset file format: one reader and one writer, both derived from the attrs records.

The file is the :class:`~peru_diplomacy.DatasetDocument` as JSON. There is no
list of fields anywhere but the records themselves: :func:`read` and
:func:`write` walk ``attrs.fields`` and the field types, so a field added to a
record is read and written with no other change. Three rules make the file
normal, each stated once, here:

- **States by id.** A :class:`~peru_diplomacy.Counterpart` is written in full
  once, in the document's ``states`` table; everywhere else (a relation's
  lineage, an event's state, an alternative attribution, the metadata's
  subject) it is written as its ``id`` and read back from the table.
- **Defaults are left out.** A field equal to its default is not written, and
  a missing field takes its default.
- **Said once.** A field marked ``inherit`` (a relation's ``horizon``) is
  written only where it differs from the dataset's value of that name (the
  metadata's ``horizon``), and takes that value where it is left out.

Every problem is a :class:`~peru_diplomacy.DatasetError` naming its path
(``relations[3].events[0].date``). A test holds :func:`read` equal to
``converter.structure`` on the same records written in full.
"""

from __future__ import annotations

import enum
import threading
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import attrs

from ._schema import INHERIT
from .counterparts import Counterpart
from .dates import PartialDate
from .errors import DatasetError, InvalidDateError, PeruDiplomacyError

__all__ = [
    "SCHEMA_VERSION",
    "Context",
    "describe",
    "json_kind",
    "located_error",
    "read",
    "read_many",
    "snapshot",
    "snapshot_mismatch",
    "write",
    "write_document",
]

SCHEMA_VERSION = 4
"""The version of the dataset file format this release reads and writes."""

_T = TypeVar("_T")


@attrs.frozen
class Context:
    """What a record in the file refers to outside itself.

    ``state`` gives the :class:`~peru_diplomacy.Counterpart` of an id (from the
    document's states table) or raises ``KeyError``; ``metadata`` is the
    dataset's metadata as the file holds it, whose values ``inherit`` fields
    take (read as the inheriting field) where they are left out.
    """

    state: Callable[[str], Counterpart]
    metadata: Mapping[str, object] = attrs.field(factory=dict)


_NO_STATES = Context(state=lambda state_id: (_ for _ in ()).throw(KeyError(state_id)))


_ABSENT = object()


def json_kind(value: object) -> str:
    """What a decoded JSON value is, in the file's words (for messages).

    >>> from peru_diplomacy._format import json_kind
    >>> json_kind(None), json_kind(3), json_kind("x"), json_kind([]), json_kind({})
    ('null', 'an integer', 'text', 'a list', 'an object')
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    kinds = {int: "an integer", float: "a number", str: "text", list: "a list", dict: "an object"}
    return kinds.get(type(value), type(value).__name__)


def located_error(where: str, why: str) -> DatasetError:
    """The error for damage at ``where`` in the file (a path such as ``relations[3].events[0].date``)."""
    return DatasetError(f"{where}: {why}")


_Reader = Callable[[object, str, Context], Any]
_Writer = Callable[[Any, Context], Any]
_readers: dict[object, _Reader] = {}
_writers: dict[object, _Writer] = {}
_plans_lock = threading.Lock()


# -- reading ------------------------------------------------------------------------------


def read(cls: type[_T], raw: object, where: str, context: Context = _NO_STATES) -> _T:
    """A record of ``cls`` from its JSON form, checked; a :class:`Counterpart` is read in full.

    >>> from peru_diplomacy._format import read
    >>> from peru_diplomacy import Period
    >>> str(read(Period, {"start": "1952"}, "period").start)
    '1952'
    >>> read(Period, {"start": "1952", "end": "1950"}, "period")
    Traceback (most recent call last):
    ...
    peru_diplomacy.errors.DatasetError: period: a period cannot end (1950) before it
    starts (1952)
    """
    return typing.cast(_T, _record_reader(cls)(raw, where, context))


def read_many(cls: type[_T], raw: object, where: str, context: Context = _NO_STATES) -> tuple[_T, ...]:
    """A tuple of records of ``cls`` from a JSON list (see :func:`read`)."""
    item = _record_reader(cls)
    if not isinstance(raw, list):
        raise located_error(where, f"expected a list, not {json_kind(raw)}")
    return tuple(item(value, f"{where}[{index}]", context) for index, value in enumerate(raw))


def _record_reader(cls: type) -> _Reader:
    return _planned(_readers, cls, _make_record_reader)


_P = TypeVar("_P")


def _planned(plans: dict[object, _P], cls: type, make: Callable[[type], _P]) -> _P:
    """The reader or writer of ``cls`` from ``plans``, made once (under a lock) on first use."""
    plan = plans.get(cls)
    if plan is None:
        with _plans_lock:
            plan = plans.get(cls) or make(cls)
            plans[cls] = plan
    return plan


def _reader(tp: Any) -> _Reader:
    """The reader of a field of type ``tp`` (a :class:`Counterpart` field is a reference)."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        (inner_type,) = options
        inner = _reader(inner_type)
        return lambda raw, where, context: None if raw is None else inner(raw, where, context)
    if origin is tuple:
        item = _reader(typing.get_args(tp)[0])

        def many(raw: object, where: str, context: Context) -> tuple[Any, ...]:
            if not isinstance(raw, list):
                raise located_error(where, f"expected a list, not {json_kind(raw)}")
            return tuple(item(value, f"{where}[{index}]", context) for index, value in enumerate(raw))

        return many
    if tp is Counterpart:
        return _state_reference
    if tp is str:
        return _text
    if tp is bool:
        return _flag
    if tp is int:
        return _integer
    if tp is PartialDate:
        return _date
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return _enum_reader(tp)
    if attrs.has(tp):
        return lambda raw, where, context: _record_reader(tp)(raw, where, context)
    raise TypeError(f"the file format has no rule for {tp!r}")  # pragma: no cover - a new record type


def _text(raw: object, where: str, context: Context) -> str:
    if not isinstance(raw, str):
        raise located_error(where, f"expected text, not {json_kind(raw)}")
    return raw


def _flag(raw: object, where: str, context: Context) -> bool:
    if type(raw) is not bool:
        raise located_error(where, f"expected true or false, not {json_kind(raw)}")
    return raw


def _integer(raw: object, where: str, context: Context) -> int:
    if type(raw) is not int:
        raise located_error(where, f"expected an integer, not {json_kind(raw)}")
    return raw


def _date(raw: object, where: str, context: Context) -> PartialDate:
    try:
        return PartialDate.fromisoformat(_text(raw, where, context))
    except InvalidDateError as error:
        raise located_error(where, str(error)) from None


def _enum_reader(cls: type[enum.Enum]) -> _Reader:
    values = {member.value: member for member in cls}

    def one(raw: object, where: str, context: Context) -> enum.Enum:
        member = values.get(raw) if isinstance(raw, str) else None
        if member is None:
            raise located_error(where, f"{raw!r} is not a {cls.__name__}: use one of {', '.join(map(repr, values))}")
        return member

    return one


def _state_reference(raw: object, where: str, context: Context) -> Counterpart:
    state_id = _text(raw, where, context)
    try:
        return context.state(state_id)
    except KeyError:
        raise located_error(where, f"{state_id!r} is not a state of the dataset's states table") from None


def _field_types(cls: type) -> dict[str, Any]:
    """The types of the record's fields (those ``__init__`` takes), from their annotations.

    The annotations the records use (a name, ``X | None``, ``tuple[X, ...]``) are resolved
    here in the record's module, which is several times faster than :func:`typing.get_type_hints`
    (a first lookup resolves ten records); any other form is left to it.
    """
    import sys

    namespace = vars(sys.modules[cls.__module__])
    out: dict[str, Any] = {}
    for field in attrs.fields(cls):
        if field.init:
            resolved = _resolve(field.type, namespace) if isinstance(field.type, str) else field.type
            if resolved is None:
                return typing.get_type_hints(cls)
            out[field.name] = resolved
    return out


_BUILTIN_TYPES: dict[str, type] = {"str": str, "int": int, "bool": bool}


def _resolve(text: str, namespace: Mapping[str, Any]) -> Any:
    text = text.strip()
    if text.endswith(" | None"):
        inner = _resolve(text[: -len(" | None")], namespace)
        return None if inner is None else inner | None
    if text.startswith("tuple[") and text.endswith(", ...]"):
        inner = _resolve(text[len("tuple[") : -len(", ...]")], namespace)
        return None if inner is None else tuple[inner, ...]  # type: ignore[valid-type]
    if text.isidentifier():
        found = _BUILTIN_TYPES.get(text) or namespace.get(text)
        return found if isinstance(found, type) else None
    return None


def _make_record_reader(cls: type) -> _Reader:
    hints = _field_types(cls)
    plan = []
    for field in attrs.fields(cls):
        if not field.init:
            continue
        required = field.default is attrs.NOTHING
        plan.append((field.name, field.alias, required, _reader(hints[field.name]), field.metadata))
    names = frozenset(name for name, *_ in plan)
    fields = tuple(plan)

    def record(raw: object, where: str, context: Context) -> Any:
        if not isinstance(raw, dict):
            raise located_error(where, f"expected an object, not {json_kind(raw)}")
        values: dict[str, Any] = {}
        for name, alias, required, read_value, metadata in fields:
            if name in raw:
                values[alias] = read_value(raw[name], f"{where}.{name}", context)
            elif INHERIT in metadata and metadata[INHERIT] in context.metadata:
                source = metadata[INHERIT]
                values[alias] = read_value(context.metadata[source], f"metadata.{source}", context)
            elif required:
                raise located_error(where, f"missing field {name!r}")
        if len(raw) > len(values) or not names.issuperset(raw):
            extra = next(key for key in raw if key not in names)
            raise located_error(where, f"unknown field {extra!r}")
        try:
            return cls(**values)
        except PeruDiplomacyError as error:  # a span ending before it starts, an incoherent history, ...
            raise located_error(where, str(error)) from None

    return record


# -- writing ------------------------------------------------------------------------------


def write(value: Any, context: Context = _NO_STATES) -> Any:
    """The JSON form of a record (or tuple of records) that :func:`read` reads back.

    A :class:`Counterpart` given directly is written in full (a row of the states
    table); one inside another record is written as its id.

    >>> from peru_diplomacy._format import write
    >>> from peru_diplomacy import Period, PartialDate
    >>> write(Period(start=PartialDate(1952)))
    {'start': '1952'}
    """
    if isinstance(value, tuple):
        return [write(item, context) for item in value]
    if not attrs.has(type(value)):
        return value  # the schema version
    return _record_writer(type(value))(value, context)


def _record_writer(cls: type) -> _Writer:
    return _planned(_writers, cls, _make_record_writer)


def _writer(tp: Any) -> _Writer:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        (inner_type,) = [a for a in typing.get_args(tp) if a is not type(None)]
        inner = _writer(inner_type)
        return lambda value, context: None if value is None else inner(value, context)
    if origin is tuple:
        item = _writer(typing.get_args(tp)[0])
        return lambda value, context: [item(v, context) for v in value]
    if tp is Counterpart:
        return lambda value, context: value.id
    if tp in (str, bool, int):
        return lambda value, context: value
    if tp is PartialDate:
        return lambda value, context: value.isoformat()
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return lambda value, context: value.value
    if attrs.has(tp):
        return lambda value, context: _record_writer(tp)(value, context)
    raise TypeError(f"the file format has no rule for {tp!r}")  # pragma: no cover - a new record type


def _make_record_writer(cls: type) -> _Writer:
    hints = _field_types(cls)
    plan = [
        (field.name, field.default, field.metadata.get(INHERIT), _writer(hints[field.name]))
        for field in attrs.fields(cls)
        if field.init
    ]

    def record(value: Any, context: Context) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, default, inherited, write_value in plan:
            item = getattr(value, name)
            if default is not attrs.NOTHING and item == default:
                continue
            written = write_value(item, context)
            if inherited is not None and context.metadata.get(inherited, _ABSENT) == written:
                continue
            out[name] = written
        return out

    return record


def write_document(document: Any) -> dict[str, Any]:
    """The JSON form of a :class:`~peru_diplomacy.DatasetDocument`, its fields in order.

    Its table of states is written in full, every other state as its id; the
    metadata always carries a ``digest`` (set by the writer of the text).
    """
    context = Context(state=document.states_by_id.__getitem__)
    context = Context(state=context.state, metadata=write(document.metadata, context))
    out: dict[str, Any] = {}
    for field in attrs.fields(type(document)):
        if field.init:
            out[field.name] = write(getattr(document, field.name), context)
    out["metadata"].setdefault("digest", "")
    return out


# -- the format described, for its documentation page --------------------------------------


def describe(root: type | None = None) -> list[dict[str, str]]:
    """Every record of the file and its fields, as the reader and the writer see them.

    One row per field: ``record``, ``field``, ``type`` (as written in the file),
    ``required`` (``"yes"`` or the default taken when it is left out). The docs'
    file-format page is this table.

    >>> from peru_diplomacy._format import describe
    >>> rows = describe()
    >>> [(r["field"], r["type"]) for r in rows if r["record"] == "Event"][1:3]
    [('date', 'partial date (ISO text)'), ('state', 'state id (from the states table)')]
    """
    if root is None:
        from ._records import DatasetDocument

        root = DatasetDocument
    rows: list[dict[str, str]] = []
    seen: list[type] = []
    pending = [root]
    while pending:
        cls = pending.pop(0)
        if cls in seen:
            continue
        seen.append(cls)
        hints = _field_types(cls)
        for field in attrs.fields(cls):
            if not field.init:
                continue
            tp = hints[field.name]
            as_table = cls is root and _inner(tp) is Counterpart
            text = _describe_type(tp, table=as_table)
            for inner in _records_in(tp):
                if (inner is not Counterpart or as_table) and inner not in seen:
                    pending.append(inner)
            if field.default is attrs.NOTHING:
                required = "yes"
            else:
                default = field.default.value if isinstance(field.default, enum.Enum) else field.default
                required = f"no (default {'[]' if default == () else _json_text(default)})"
            inherited = field.metadata.get(INHERIT)
            if inherited is not None:
                required = f"no (default: the metadata's {inherited})"
            rows.append({"record": cls.__name__, "field": field.name, "type": text, "required": required})
    return rows


# -- the format's snapshot, stored beside the data (data/schema.json) ------------------------


def snapshot() -> dict[str, Any]:
    """The file format as it stands: ``SCHEMA_VERSION`` and every record's fields (:func:`describe`).

    ``tools/write_schema.py`` stores it in the package as ``data/schema.json``; a test holds the two equal,
    so that the format cannot change without its version.

    >>> from peru_diplomacy._format import SCHEMA_VERSION, snapshot
    >>> now = snapshot()
    >>> now["schema_version"] == SCHEMA_VERSION, now["records"][0]["field"]
    (True, 'schema_version')
    """
    return {"schema_version": SCHEMA_VERSION, "records": describe()}


def snapshot_mismatch(stored: Mapping[str, Any]) -> str | None:
    """What is wrong when the stored snapshot is not the format as it stands (``None``: nothing), and what to do.

    >>> from peru_diplomacy._format import SCHEMA_VERSION, snapshot, snapshot_mismatch
    >>> changed = {"schema_version": SCHEMA_VERSION, "records": snapshot()["records"][1:]}
    >>> print(snapshot_mismatch(changed))  # doctest: +ELLIPSIS
    the file format changed (DatasetDocument.schema_version added) but SCHEMA_VERSION
    is still 4: bump it ...
    """
    now = snapshot()
    if stored == now:
        return None
    before = {(r["record"], r["field"]): r for r in stored.get("records", [])}
    after = {(r["record"], r["field"]): r for r in now["records"]}
    changes = [f"{r}.{f} added" for r, f in after if (r, f) not in before]
    changes += [f"{r}.{f} removed" for r, f in before if (r, f) not in after]
    changes += [f"{r}.{f} changed" for (r, f), row in after.items() if (r, f) in before and before[(r, f)] != row]
    if stored.get("schema_version") == SCHEMA_VERSION:
        what = ", ".join(changes[:5]) + (f" and {len(changes) - 5} more" if len(changes) > 5 else "")
        return (
            f"the file format changed ({what or 'the order of fields'}) but SCHEMA_VERSION is still "
            f"{SCHEMA_VERSION}: bump it in src/peru_diplomacy/_format.py (and say so in CHANGELOG.md), "
            "then run python tools/write_schema.py"
        )
    if not changes and stored.get("records") == now["records"]:
        return (
            f"SCHEMA_VERSION is {SCHEMA_VERSION} but the format is that of version {stored.get('schema_version')}: "
            "a version is bumped for a change of the format; undo the bump, or change the format"
        )
    return f"the stored schema is of version {stored.get('schema_version')}: run python tools/write_schema.py"


def _json_text(value: object) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


def _inner(tp: Any) -> Any:
    while typing.get_origin(tp) in (tuple, typing.Union, types.UnionType):
        tp = next(a for a in typing.get_args(tp) if a is not type(None))
    return tp


def _records_in(tp: Any) -> list[type]:
    inner = _inner(tp)
    return [inner] if attrs.has(inner) and inner is not PartialDate else []


def _describe_type(tp: Any, *, table: bool = False) -> str:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(tp) if a is not type(None)]
        return f"{_describe_type(inner, table=table)}, or null"
    if origin is tuple:
        return f"list of {_describe_type(typing.get_args(tp)[0], table=table)}"
    if tp is Counterpart and not table:
        return "state id (from the states table)"
    if tp is str:
        return "text"
    if tp is bool:
        return "true or false"
    if tp is int:
        return "integer"
    if tp is PartialDate:
        return "partial date (ISO text)"
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return "one of: " + ", ".join(str(member.value) for member in tp)
    return f"{tp.__name__} object"
