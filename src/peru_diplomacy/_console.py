"""What the command line writes to the terminal and the statuses it exits with (standard library only,
so the entry point can report an interrupt before anything else is imported)."""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # as typing says, without importing it (the entry point imports this module first)
if TYPE_CHECKING:
    from typing import IO

__all__ = ["Exit", "UsageError", "describe", "say", "silence_stdout", "write"]


class Exit:
    """The command line's exit statuses (the CLI reference's table); plain numbers, as ``sys.exit`` takes them
    (an enum would import ``enum`` before the entry point can guard against an interrupt)."""

    OK = 0
    NOT_FOUND = 1
    """A country is not found: the reason and any suggestions go to standard error."""
    USAGE = 2
    IO_OR_DATA = 3
    """A file cannot be read or written, or the data (or an amendment) is invalid."""
    INTERRUPTED = 130
    """Ctrl-C."""


class UsageError(Exception):
    """A usage error found after parsing: one line on standard error, exit status 2."""


def say(message: str) -> None:
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


def describe(error: BaseException) -> str:
    """An error in one line: an OS error names its file; an encoding error says how to fix the terminal."""
    if isinstance(error, OSError) and error.filename is not None:
        return f"{error.filename}: {error.strerror or error}"
    if isinstance(error, UnicodeEncodeError):
        text = error.object[error.start : error.end]
        return f"cannot write {text!r} in the {error.encoding} encoding; set PYTHONIOENCODING=utf-8"
    return str(error)


def silence_stdout() -> None:
    """Point standard output at the null device (after a closed pipe, so the exit flush cannot fail)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def write(stream: IO[str], text: str) -> None:
    """Write and flush (so a closed pipe is found here, where it can be handled)."""
    stream.write(text)
    stream.flush()
