"""Running the command line from the tests: its ``main`` in this process, as a real process would see it."""

from __future__ import annotations

import contextlib
import io
import subprocess


def in_process(*args: str) -> subprocess.CompletedProcess[str]:
    """What ``peru-diplomacy ARGS`` prints and returns, from ``main`` in this process (fast)."""
    from peru_diplomacy.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
    return subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())
