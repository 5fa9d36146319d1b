"""Reading the dataset file: JSON decoding, the packed layout, and the packaged resource.

The build writes the file with one relation, name or list entry a line
(:func:`peru_diplomacy.serialization.dumps_document`). A lookup reads only the
lines it needs (:func:`packed_line`, :func:`packed_names`); a question about
every relation splits the file into lines and decodes each relation's line when
it is first needed (:func:`split_packed`). Any other layout is decoded whole.
"""

from __future__ import annotations

import json
from typing import Any

from ._format import SCHEMA_VERSION
from .errors import DatasetError

__all__ = [
    "PACKED_HEAD",
    "TOP_LEVEL",
    "decode",
    "packed_line",
    "packed_names",
    "read_resource",
    "relation_id",
    "split_packed",
]

RESOURCE = ("data", "relations.json")
TOP_LEVEL = ("schema_version", "metadata", "relations", "names", "excluded_rows", "system_states")
PACKED_HEAD = b'{\n"schema_version":%d,\n"metadata":' % SCHEMA_VERSION
"""How a file in the packed layout begins."""


def version_message(version: object) -> str:
    return f"unknown dataset schema version {version!r}; this release of peru-diplomacy reads version {SCHEMA_VERSION}"


def decode(data: str | bytes, *, what: str = "dataset") -> Any:
    try:
        raw = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as error:
        raise DatasetError(f"the {what} is not valid JSON (is it truncated?): {error}") from None
    if what != "dataset":
        return raw
    if not isinstance(raw, dict):
        raise DatasetError(f"the dataset must be a JSON object, not {type(raw).__name__}")
    version = raw.get("schema_version")
    if type(version) is not int or version != SCHEMA_VERSION:
        raise DatasetError(version_message(version))
    if set(raw) != set(TOP_LEVEL):
        raise DatasetError(f"the dataset's top-level keys must be {sorted(TOP_LEVEL)}, not {sorted(raw)}")
    return raw


def json_text(value: str) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


def packed_line(packed: bytes | None, prefix: bytes) -> Any:
    """The decoded line of the packed layout that starts with ``prefix``, or ``None``."""
    assert packed is not None
    start = packed.find(b"\n" + prefix)
    if start < 0:
        return None
    end = packed.find(b"\n", start + 1)
    return decode(packed[start + 1 : end].rstrip(b","), what="dataset line")


def packed_names(packed: bytes, key: str) -> set[str]:
    """The relations that the name entries of ``key`` point to (read from the packed layout)."""
    prefix = b'\n{"key":' + json_text(key) + b","
    targets: set[str] = set()
    position = packed.find(prefix)
    while position >= 0:
        end = packed.find(b"\n", position + 1)
        entry = decode(packed[position + 1 : end].rstrip(b","), what="name entry")
        if not isinstance(entry, dict) or not isinstance(entry.get("relation"), str):
            return set()  # a name with no relation, or a damaged line: the full index decides
        targets.add(entry["relation"])
        position = end if packed.startswith(prefix, end) else -1
    return targets


def split_packed(packed: bytes) -> dict[str, Any] | None:
    """The top level of a file in the packed layout, each relation left as its undecoded line.

    ``None`` when the bytes do not follow the layout exactly (the caller then decodes them whole).
    """
    lines = packed.split(b"\n")
    if len(lines) < 4 or lines[0] != b"{" or not PACKED_HEAD.startswith(b"{\n" + lines[1] + b"\n"):
        return None
    if lines[-2:] != [b"}", b""]:
        return None
    out: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    index = 2
    while index < len(lines) - 2:
        line = lines[index]
        key_end = line.find(b'":')
        if not line.startswith(b'"') or key_end < 0:
            return None
        key = line[1:key_end].decode("utf-8", "replace")
        value = line[key_end + 2 :]
        if value in (b"[", b"[,"):
            items: list[Any] = []
            index += 1
            while index < len(lines) - 2 and lines[index] not in (b"]", b"],"):
                item = lines[index].rstrip(b",")
                items.append(item if key == "relations" else decode(item, what=f"dataset line {index + 1}"))
                index += 1
            if index >= len(lines) - 2:
                return None
            out[key] = items
        else:
            out[key] = decode(value.rstrip(b","), what=f"dataset line {index + 1}")
        index += 1
    return out if set(out) == set(TOP_LEVEL) else None


def relation_id(raw: object, where: str) -> str:
    if isinstance(raw, bytes):  # a line of the packed layout: {"id":"CHL",...
        if not raw.startswith(b'{"id":'):
            raise DatasetError(f"{where}: expected an object with an 'id' first")
        try:
            relation_id, _ = json.JSONDecoder().raw_decode(raw[6:].decode("utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise DatasetError(f"{where}.id: {error}") from None
        raw = {"id": relation_id}
    if not isinstance(raw, dict):
        raise DatasetError(f"{where}: expected an object, not {type(raw).__name__}")
    relation_id = raw.get("id")
    if not isinstance(relation_id, str):
        raise DatasetError(f"{where}.id: expected text, not {type(relation_id).__name__}")
    return relation_id


def read_resource() -> bytes:
    from importlib.resources import files

    resource = files("peru_diplomacy").joinpath(*RESOURCE)
    try:
        return resource.read_bytes()
    except OSError as error:
        raise DatasetError(f"the packaged dataset {'/'.join(RESOURCE)} cannot be read: {error}") from None
