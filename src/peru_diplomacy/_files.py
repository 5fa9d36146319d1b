"""Files written whole or not at all: a write goes to a temporary file beside the target, renamed into place
when it is complete, so an interrupted, killed or disk-full export never leaves a partial file that reads
back as a clean, shorter table.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import IO

__all__ = ["abandon_unfinished", "atomic_path", "atomic_text"]

_UNFINISHED: set[Path] = set()
"""The temporary files of the writes under way."""


def abandon_unfinished() -> None:
    """Remove the temporary files of every write under way: for a process about to end at once (the command
    line's Ctrl-C), which runs no ``finally`` that would.

    >>> from peru_diplomacy._files import abandon_unfinished
    >>> abandon_unfinished()  # nothing under way: nothing to remove
    """
    for part in list(_UNFINISHED):
        with contextlib.suppress(OSError):
            part.unlink()


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """A temporary path to write ``path``'s content to; renamed into place when the block ends without error,
    removed when it does not. An existing file that is not a regular one (a device such as ``/dev/stdout``,
    a pipe) is written in place: it cannot be replaced.

    >>> import pathlib, tempfile
    >>> from peru_diplomacy._files import atomic_path
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> with atomic_path(target) as part:
    ...     _ = part.write_text("whole")
    >>> target.read_text(), sorted(p.name for p in target.parent.iterdir())
    ('whole', ['out.txt'])
    """
    target = Path(path)
    if target.exists() and not target.is_file():
        try:
            yield target
        except OSError as error:
            if error.filename is None:  # a full device's ENOSPC names no file
                raise OSError(error.errno, error.strerror, os.fspath(path)) from None
            raise
        return
    part = target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")
    _UNFINISHED.add(part)
    try:
        yield part
        os.replace(part, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            part.unlink()
        if isinstance(error, OSError) and error.filename in (None, str(part), part):
            raise OSError(error.errno, error.strerror, os.fspath(path)) from None  # the file asked for, by name
        raise
    finally:
        _UNFINISHED.discard(part)


@contextlib.contextmanager
def atomic_text(path: str | os.PathLike[str]) -> Iterator[IO[str]]:
    """An open UTF-8 text file (``newline=""``) whose content replaces ``path`` only once it is whole.

    An operating-system error names the file (a full disk's ``ENOSPC`` does not by itself).
    """
    with atomic_path(path) as part, open(part, "w", encoding="utf-8", newline="") as handle:
        yield handle
