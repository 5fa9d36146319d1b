"""The ``peru-diplomacy`` command (also ``python -m peru_diplomacy``).

Exit status: 0 on success, 1 when a country is not found (the reason and any
suggestions go to standard error), 2 on a usage error, 3 when a file cannot
be read or written or the data (or an amendment) is invalid, 130 when
interrupted (Ctrl-C). Every failure is one line on standard error, never a
traceback; a closed pipe ends quietly, and so does a closed standard error
(the status still says what happened).

This module is only the entry point: it imports the commands (and with them the package's records)
inside its guard, so an interrupt at any moment after start-up ends with status 130, not a traceback.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading

from ._console import Exit, say

TYPE_CHECKING = False  # as typing says, without importing it: this module starts the command line
if TYPE_CHECKING:
    from collections.abc import Sequence
    from types import FrameType

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 not found, 2 usage, 3 I/O or data, 130 interrupted)."""
    previous = (
        signal.signal(signal.SIGINT, _interrupted) if threading.current_thread() is threading.main_thread() else None
    )
    try:
        from .commands import run

        return run(list(sys.argv[1:] if argv is None else argv))
    except KeyboardInterrupt:  # raised in this process by its own code (a program that runs main() itself)
        say("interrupted")
        return Exit.INTERRUPTED
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)


def _interrupted(number: int, frame: FrameType | None) -> None:
    """Ctrl-C: remove the temporary files of unfinished writes, say so in one line, and end with status 130.

    Nothing is raised: an interrupt raised where it lands can land inside an import's own callbacks, where
    CPython prints it as "Exception ignored" (with a traceback) and carries on, or leave half a module behind.
    """
    files = sys.modules.get("peru_diplomacy._files")
    if files is not None:
        files.abandon_unfinished()
    with contextlib.suppress(OSError):  # standard error closed: the status still says it
        os.write(2, b"peru-diplomacy: interrupted\n")
    os._exit(Exit.INTERRUPTED)
