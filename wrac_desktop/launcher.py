"""The double-click entry ``wrac-gui [FILE]``: what desktop shortcuts and ``.wrac`` files start.

A file manager passes the register it was asked to open; a menu shortcut passes nothing. On
Windows this program has no console, so a register that cannot be opened is shown in a dialog
(printing it would go nowhere) and the exit code still says what happened.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from wrac_desktop.errors import EXIT_INTERNAL_ERROR, EXIT_USER_ERROR, WracError
from wrac_desktop.i18n import _
from wrac_desktop.logs import setup_logging

log = logging.getLogger(__name__)


def main(argv: Sequence[str] | None = None) -> int:
    """Open the app, on the register named in ``argv`` if there is one; returns the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    give_streams_to_windowed_process()
    log_path = setup_logging()
    if len(args) > 1:
        show_startup_error(
            _("WRAC Desktop opens one register at a time; {n} were given.").format(n=len(args))
        )
        return EXIT_USER_ERROR
    from wrac_desktop.cli import commands  # the window's imports, after the streams exist

    try:
        return commands.open_gui(Path(args[0]) if args else None, None)
    except WracError as error:
        show_startup_error(error.message)
        return error.exit_code
    except Exception as error:  # a bug: log it whole, show one line
        log.exception("internal error starting the app")
        show_startup_error(
            _("Internal error ({kind}: {detail}); details in {log}").format(
                kind=type(error).__name__, detail=error, log=log_path
            )
        )
        return EXIT_INTERNAL_ERROR


def give_streams_to_windowed_process() -> None:
    """A Windows GUI program starts with no stdout/stderr; writing to None would crash it."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115


def show_startup_error(message: str) -> None:
    """Tell the user in a dialog (and on stderr, for anyone starting it from a terminal)."""
    print(f"wrac-gui: {message}", file=sys.stderr)
    from wrac_desktop.ui.application import create_application, show_error

    create_application(sys.argv[:1])
    show_error(None, message)
