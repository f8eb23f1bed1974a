"""Entry point of ``wrac``: parse arguments, run a command, turn errors into exit codes.

Exit codes: 0 ok, 1 problems found, 2 user error, 3 internal error (details in the log).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from wrac_desktop.cli.argparse_text import translate_argparse
from wrac_desktop.errors import EXIT_INTERNAL_ERROR, EXIT_OK, WracError
from wrac_desktop.i18n import LANGUAGES, _, set_language, startup_language
from wrac_desktop.logs import setup_logging
from wrac_desktop.masking import mask_passwords

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    from wrac_desktop.cli import commands  # SQLAlchemy and the rest: not for `wrac --version`

    parser = argparse.ArgumentParser(
        prog="wrac",
        description=_("WRAC Desktop: workplace risk assessment and control registers."),
    )
    parser.add_argument("--version", action=_Version, nargs=0, help=_("show the version and exit"))
    parser.add_argument(
        "--verbose",
        action="store_true",
        help=_("with --version: also the versions of Python, Qt and the libraries"),
    )
    parser.add_argument("--lang", choices=LANGUAGES, help=_("language of messages and data"))
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for register_command in commands.ALL:
        register_command(subparsers)
    return parser


class _Version(argparse.Action):
    """argparse's "version" action, with the version looked up only when it is asked for."""

    def __call__(self, parser: argparse.ArgumentParser, *_args: object) -> None:
        parser.exit(message=f"{version_text(['--version'])}\n")


def choose_language(argv: Sequence[str] | None) -> None:
    """Switch messages and data labels to ``--lang``, else the locale's language, else the
    default (``i18n.startup_language``, the app's rule), before the parser is built, so its
    help and errors are in that language too; a wrong value is reported by the parser."""
    set_language(
        startup_language(global_language_option(list(sys.argv[1:] if argv is None else argv)))
    )
    translate_argparse()


def global_language_option(tokens: list[str]) -> str | None:
    """The value of a ``--lang`` before the command (``export --lang`` is the report's own)."""
    for index, token in enumerate(tokens):
        if token.startswith("--lang="):
            return token.partition("=")[2]
        if token == "--lang":
            return tokens[index + 1] if index + 1 < len(tokens) else None
        if not token.startswith("-"):
            return None
    return None


def global_options(tokens: list[str]) -> list[str]:
    """The options before the command (``wrac --lang kk --version``), without their values."""
    options: list[str] = []
    for index, token in enumerate(tokens):
        if not token.startswith("-"):
            if index == 0 or tokens[index - 1] != "--lang":
                break
            continue
        options.append(token)
    return options


def version_text(tokens: list[str]) -> str | None:
    """What ``wrac --version [--verbose]`` prints, or None when the version is not asked for.
    Plain ``--version`` imports nothing more than this module did: it answers at once."""
    options = global_options(tokens)
    if "--version" not in options:
        return None
    from wrac_desktop import __version__

    if "--verbose" not in options:
        return f"WRAC Desktop {__version__}"
    from wrac_desktop.app import qt_versions
    from wrac_desktop.versions import component_versions

    lines = [f"{name}: {version}" for name, version in component_versions(qt_versions)]
    return "\n".join([f"WRAC Desktop {__version__}", *lines])


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``wrac``; returns the process exit code."""
    shown = version_text(list(sys.argv[1:] if argv is None else argv))
    if shown is not None:
        print(shown)
        return EXIT_OK
    choose_language(argv)
    args = build_parser().parse_args(argv)
    log_path = setup_logging()
    try:
        if not args.command:
            from wrac_desktop.cli.commands import open_gui

            return open_gui(None, args.lang)
        return int(args.run(args))
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
                kind=type(error).__name__, detail=mask_passwords(str(error)), log=log_path
            ),
            file=sys.stderr,
        )
        return EXIT_INTERNAL_ERROR


if __name__ == "__main__":
    sys.exit(main())
