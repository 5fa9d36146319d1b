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

import sys

from ._console import Exit, say

TYPE_CHECKING = False  # as typing says, without importing it: this module starts the command line
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 not found, 2 usage, 3 I/O or data, 130 interrupted)."""
    try:
        run = _commands()
        return run(list(sys.argv[1:] if argv is None else argv))
    except KeyboardInterrupt:
        say("interrupted")
        return Exit.INTERRUPTED


def _commands() -> Callable[[list[str]], int]:
    """The commands, imported with Ctrl-C held until the import is whole, then acted on.

    An interrupt inside an import can land in the import machinery's own callbacks, where CPython
    prints it as "Exception ignored" instead of raising it; held here, it ends the command at once after.
    """
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():  # only the main thread handles signals
        from .commands import run

        return run
    held: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda number, frame: held.append(number))
    try:
        from .commands import run
    finally:
        signal.signal(signal.SIGINT, previous)
    if held:
        raise KeyboardInterrupt
    return run
