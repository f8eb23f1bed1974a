"""``wrac review``, and the same list shown by ``wrac approve`` before it asks to confirm."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from wrac_desktop.errors import EXIT_OK, EXIT_PROBLEMS
from wrac_desktop.i18n import _

if TYPE_CHECKING:  # imported when a command runs, not for `wrac --help`
    from wrac_desktop.services.review import Review

# Answers taken as "yes" in any of the three languages, whatever the messages' language.
_YES = frozenset({"y", "yes", "д", "да", "и", "иә", "ия"})


def add_review(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "review", help=_("list what an inspector would ask about before approval")
    )
    parser.add_argument("path", help=_("the .wrac register or database URL"))
    parser.add_argument("--by", help=_("who would approve (checked against the commission)"))
    parser.add_argument("--json", action="store_true", help=_("machine-readable output"))
    parser.set_defaults(run=_run_review)


def _run_review(args: argparse.Namespace) -> int:
    from wrac_desktop.register import open_to_read, shown_location
    from wrac_desktop.services.review import review_register

    with open_to_read(args.path) as register:
        review = review_register(register, args.by)
    if args.json:
        print(json.dumps(review.to_json(), ensure_ascii=False, indent=2))
    elif review:
        print(_("{path}: points to settle before approval:").format(path=shown_location(args.path)))
        print("\n".join(review.lines()))
    else:
        print(_("{path}: nothing an inspector would ask about").format(
            path=shown_location(args.path)
        ))  # fmt: skip
    return EXIT_PROBLEMS if review else EXIT_OK


def confirm_approval(review: Review, *, assume_yes: bool) -> bool:
    """Show the review; ask at a terminal unless ``assume_yes``. A script (no terminal) sees
    the list and the approval goes ahead: it already said who approves and in what position,
    and an approval that used to work must not start failing in a scheduled job."""
    if not review:
        return True
    print(_("Before approval, an inspector would ask about:"))
    print("\n".join(review.lines()))
    if assume_yes or not sys.stdin.isatty():
        return True
    try:
        answer = input(_("Approve anyway? [y/N] "))
    except EOFError:
        return False
    return answer.strip().casefold() in _YES
