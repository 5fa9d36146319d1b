"""Reading the dataset file: JSON decoding, the packed layout, and the packaged resource.

The writer (:func:`dumps_document`) puts one relation, name or list entry a
line, and the checksum of everything after the metadata line into the
metadata (``digest``). A lookup reads only the lines it needs
(:func:`packed_line`, :func:`packed_names`); a question about every relation
splits the file into lines and decodes each relation's line when it is first
needed (:func:`split_packed`). Any other layout is decoded whole, and its
digest checked against the text the writer would write for it.
"""

from __future__ import annotations

import json
from typing import Any

from ._format import SCHEMA_VERSION, json_kind
from .errors import DatasetError

__all__ = [
    "PACKED_HEAD",
    "check_digest",
    "content_digest",
    "decode",
    "dumps_document",
    "packed_line",
    "packed_names",
    "packed_section",
    "read_resource",
    "read_resource_via_importlib",
    "relation_id",
    "split_packed",
    "top_level",
]

RESOURCE = ("data", "relations.json")
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
        raise DatasetError(f"the dataset must be a JSON object, not {json_kind(raw)}")
    version = raw.get("schema_version")
    if type(version) is not int or version != SCHEMA_VERSION:
        raise DatasetError(version_message(version))
    if set(raw) != set(top_level()):
        raise DatasetError(f"the dataset's top-level keys must be {sorted(top_level())}, not {sorted(raw)}")
    return raw


def top_level() -> tuple[str, ...]:
    """The top-level keys of a dataset file, in order: the fields of ``DatasetDocument``."""
    import attrs

    from ._records import DatasetDocument

    return tuple(field.name for field in attrs.fields(DatasetDocument) if field.init)


_DIGEST_KEY = b'"digest":"'


def content_digest(content: bytes | memoryview, *, skip: tuple[int, int] = (0, 0)) -> str:
    """The checksum the metadata's ``digest`` holds: CRC-32 of every byte of the file but the digest's own
    value (``skip``, the half-open span of its characters between the quotes).

    Every byte counts, the metadata line's too (the horizon, the subject, the licence): a changed byte
    anywhere is found. A checksum against damage and edits, not a signature: whoever can change the
    file can also change its digest.

    >>> from peru_diplomacy._loading import content_digest
    >>> content_digest(b"")
    'crc32:00000000'
    >>> content_digest(b'"digest":"crc32:12345678"', skip=(10, 24)) == content_digest(b'"digest":""')
    True
    """
    import zlib

    first, last = skip
    crc = zlib.crc32(content[:first])
    return f"crc32:{zlib.crc32(content[last:], crc):08x}"


def digest_span(data: bytes) -> tuple[int, int] | None:
    """Where the metadata's digest value lies in a file of the packed layout (``None``: no digest field).

    Raises :class:`~peru_diplomacy.DatasetError` when the field is there but not closed (a damaged quote).
    """
    end = data.find(b"\n", len(PACKED_HEAD))
    if end < 0:
        raise DatasetError("the dataset is not valid JSON (is it truncated?): its metadata line does not end")
    marker = data.rfind(_DIGEST_KEY, len(PACKED_HEAD), end)
    if marker < 0:
        return None
    first = marker + len(_DIGEST_KEY)
    last = data.find(b'"', first, end)
    if last < 0:
        raise DatasetError("metadata.digest: the digest's value is not closed by a quote: the file is damaged")
    return first, last


def dumps_document(data: dict[str, Any]) -> str:
    """A dataset document as JSON, compact, with one relation, name or list entry a line.

    The loader relies on this layout to decode only the lines a lookup needs;
    it is also plain JSON, and diffs of it read line by line. When the
    metadata has a ``digest`` field, it is set to the checksum of the text
    after the metadata line (:func:`content_digest`).

    >>> from peru_diplomacy._loading import dumps_document
    >>> print(dumps_document({"schema_version": 3, "names": [{"key": "a"}, {"key": "b"}]}))
    {
    "schema_version":3,
    "names":[
    {"key":"a"},
    {"key":"b"}
    ]
    }
    <BLANKLINE>
    """

    def dump(value: object) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    parts = []
    for key, value in data.items():
        if isinstance(value, list) and value:
            body = ",\n".join(dump(item) for item in value)
            parts.append(f"{dump(key)}:[\n{body}\n]")
        else:
            parts.append(f"{dump(key)}:{dump(value)}")
    keys = list(data)
    metadata = data.get("metadata")
    if isinstance(metadata, dict) and "digest" in metadata:
        at = keys.index("metadata")
        parts[at] = f"{dump('metadata')}:{dump({**metadata, 'digest': ''})}"
        text = "{\n" + ",\n".join(parts) + "\n}\n"
        encoded = text.encode("utf-8")
        if encoded.startswith(PACKED_HEAD):
            span = digest_span(encoded)
            assert span is not None  # the metadata has a digest field
            digest = content_digest(encoded, skip=span)
            return _splice(encoded, span, digest)
        parts[at] = f"{dump('metadata')}:{dump({**metadata, 'digest': content_digest(encoded)})}"
    return "{\n" + ",\n".join(parts) + "\n}\n"


def _splice(encoded: bytes, span: tuple[int, int], digest: str) -> str:
    """The text with the digest written into its (empty) value's place."""
    return (encoded[: span[0]] + digest.encode("ascii") + encoded[span[1] :]).decode("utf-8")


def check_digest(data: str | bytes, raw: dict[str, Any] | None, *, required: bool = False) -> None:
    """Refuse a file whose content does not match the digest in its metadata (see :func:`content_digest`).

    ``raw`` is the decoded file when it is not in the packed layout: its
    digest is checked against the text the writer would write for it.
    """
    if isinstance(data, str):
        data = data.encode("utf-8")
    if raw is None:
        if not data.endswith(b"\n}\n"):
            raise DatasetError("the dataset is not valid JSON (is it truncated?): it does not end as written")
        span = digest_span(data)
        stated = "" if span is None else data[span[0] : span[1]].decode("ascii", "replace")
        if stated:
            assert span is not None
            actual = content_digest(memoryview(data), skip=span)  # no copy of a large file
    else:
        metadata = raw.get("metadata")
        stated = metadata.get("digest", "") if isinstance(metadata, dict) else ""
        if not isinstance(stated, str):
            raise DatasetError(f'metadata.digest: must be text ("crc32:..." or ""), not {stated!r}')
        if stated:
            # The text the writer would write for it, whose digest the file must state.
            text = dumps_document({key: raw[key] for key in top_level() if key in raw})
            span = digest_span(text.encode("utf-8"))
            actual = "" if span is None else text.encode("utf-8")[span[0] : span[1]].decode("ascii")
    if not stated:
        if required:
            raise DatasetError("metadata.digest: the packaged dataset must carry its digest; reinstall the package")
        return
    if stated != actual:
        raise DatasetError(
            f"metadata.digest: the content does not match the file's digest ({stated}; the content gives "
            f"{actual}): the file was changed after it was written. Reinstall the package, write the data "
            'anew with Dataset.to_json, or set the digest to "" to read a file you changed on purpose'
        )


def json_text(value: str) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


def packed_section(packed: bytes, key: str) -> tuple[int, int]:
    """Where the lines of the table ``key`` lie in the packed layout (``(0, 0)`` if it has none)."""
    start = packed.find(b'\n"' + key.encode("ascii") + b'":[\n')
    if start < 0:
        return (0, 0)
    return (start, packed.find(b"\n]", start + 1))


def packed_line(packed: bytes | None, prefix: bytes, section: tuple[int, int]) -> Any:
    """The decoded line of the packed layout that starts with ``prefix`` within ``section``, or ``None``."""
    assert packed is not None
    start = packed.find(b"\n" + prefix, *section)
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
    return out if set(out) == set(top_level()) else None


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
        raise DatasetError(f"{where}: expected an object, not {json_kind(raw)}")
    relation_id = raw.get("id")
    if not isinstance(relation_id, str):
        raise DatasetError(f"{where}.id: expected text, not {json_kind(relation_id)}")
    return relation_id


def read_resource() -> bytes:
    """The packaged dataset's bytes, read through the package's own loader.

    As :func:`pkgutil.get_data` does: the loader that imported this module reads the
    file beside it, from a directory, a wheel's installation or a zip archive alike,
    without importing :mod:`importlib.resources` (a first query's largest import).
    Where the loader cannot, :func:`read_resource_via_importlib` reads it.
    """
    import os

    loader = globals().get("__loader__")
    get_data = getattr(loader, "get_data", None)
    if get_data is not None and "__file__" in globals():
        path = os.path.join(os.path.dirname(__file__), *RESOURCE)
        try:
            data = get_data(path)
        except OSError:
            pass
        else:
            if isinstance(data, bytes):
                return data
    return read_resource_via_importlib()


def read_resource_via_importlib() -> bytes:
    """The packaged dataset's bytes, through :mod:`importlib.resources` (the public, general path)."""
    from importlib.resources import files

    resource = files("peru_diplomacy").joinpath(*RESOURCE)
    try:
        return resource.read_bytes()
    except OSError as error:
        raise DatasetError(f"the packaged dataset {'/'.join(RESOURCE)} cannot be read: {error}") from None
