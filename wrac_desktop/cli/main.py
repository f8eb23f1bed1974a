"""Entry point of ``wrac``: parse arguments, run a command, turn errors into exit codes.

Exit codes: 0 ok, 1 problems found, 2 user error, 3 internal error (details in the log).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from wrac_desktop import __version__
from wrac_desktop.cli import commands
from wrac_desktop.errors import EXIT_INTERNAL_ERROR, EXIT_OK, WracError
from wrac_desktop.i18n import LANGUAGES, _, set_language
from wrac_desktop.logs import setup_logging

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wrac",
        description=_("WRAC Desktop: workplace risk assessment and control registers."),
    )
    parser.add_argument("--version", action="version", version=f"WRAC Desktop {__version__}")
    parser.add_argument("--lang", choices=LANGUAGES, help=_("language of messages and data"))
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for register_command in commands.ALL:
        register_command(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``wrac``; returns the process exit code."""
    args = build_parser().parse_args(argv)
    if args.lang:
        set_language(args.lang)
    log_path = setup_logging()
    try:
        return int(args.run(args)) if args.command else commands.open_gui(None, args.lang)
    except WracError as error:
        print(f"wrac: {error.message}", file=sys.stderr)
        return error.exit_code
    except BrokenPipeError:
        # The reader of our output (e.g. `| head`) stopped early: not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        print(_("wrac: interrupted"), file=sys.stderr)
        return 130
    except Exception as error:  # a bug: log it whole, show one line
        log.exception("internal error in wrac %s", args.command)
        print(
            _("wrac: internal error ({kind}: {detail}); details in {log}").format(
                kind=type(error).__name__, detail=error, log=log_path
            ),
            file=sys.stderr,
        )
        return EXIT_INTERNAL_ERROR


if __name__ == "__main__":
    sys.exit(main())
