"""Arguments shared by the commands that write a file."""

from __future__ import annotations

import argparse

from wrac_desktop.i18n import _


def add_force(parser: argparse.ArgumentParser) -> None:
    """--force on a command that writes a file: it may then replace another register."""
    parser.add_argument(
        "--force",
        action="store_true",
        help=_("replace the output even if it is another register or database (never an open one)"),
    )
