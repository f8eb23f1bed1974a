"""``wrac merge PATH OTHER``: bring a field laptop's copy of a register back into this one.

Without ``--keep-mine`` or ``--take-theirs``, conflicts are listed and nothing is written
(exit 1); ``--dry-run`` prints what would happen and writes nothing.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from wrac_desktop.domain.field_titles import field_title
from wrac_desktop.errors import EXIT_OK, EXIT_PROBLEMS, UserError
from wrac_desktop.i18n import _

if TYPE_CHECKING:  # imported when the command runs, not for `wrac --help`
    from wrac_desktop.services import merge
    from wrac_desktop.services.merge_apply import MergeCounts
    from wrac_desktop.services.merge_plan import Choice, Conflict


def add_merge(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "merge", help=_("merge another copy of a register (e.g. a field laptop's) into this one")
    )
    parser.add_argument("path", help=_("the register to merge into"))
    parser.add_argument("other", help=_("the register to take changes from (only read)"))
    parser.add_argument(
        "--dry-run", action="store_true", help=_("show what would change; write nothing")
    )
    choice = parser.add_mutually_exclusive_group()
    choice.add_argument(
        "--keep-mine", action="store_true", help=_("resolve every conflict with this register")
    )
    choice.add_argument(
        "--take-theirs", action="store_true", help=_("resolve every conflict with the other one")
    )
    parser.set_defaults(run=_run_merge)


def _run_merge(args: argparse.Namespace) -> int:
    from wrac_desktop.services import merge
    from wrac_desktop.services.merge_plan import Choice

    resolution = Choice.MINE if args.keep_mine else Choice.THEIRS if args.take_theirs else None
    if merge.same_location(args.path, args.other):
        raise UserError(
            _("a register cannot be merged into itself ({path})").format(path=args.path)
        )
    with (
        merge.open_location(args.path, for_writing=not args.dry_run) as target,
        merge.open_location(args.other, for_writing=False) as source,
    ):
        if args.dry_run:
            return _show_preview(merge.preview(target, source), resolution)
        try:
            report = merge.merge(target, source, resolution)
        except merge.MergeConflicts as error:
            _print_conflicts(error.plan.conflicts)
            print(_("nothing was merged: choose --keep-mine or --take-theirs, or use the app"))
            return EXIT_PROBLEMS
    if report.written:
        _print_counts(report.counts, done=True)
    else:
        print(
            _("{path} already has everything from {other}").format(path=args.path, other=args.other)
        )
    return EXIT_OK


def _show_preview(report: merge.MergeReport, resolution: Choice | None) -> int:
    print(_("dry run: nothing is written"))
    _print_counts(report.counts, done=False)
    _print_conflicts(report.plan.conflicts)
    return EXIT_PROBLEMS if report.plan.conflicts and resolution is None else EXIT_OK


def _print_counts(counts: MergeCounts, *, done: bool) -> None:
    for line in counts.lines(done=done):
        print(line)


def _print_conflicts(conflicts: list[Conflict]) -> None:
    from wrac_desktop.services.merge_plan import shown

    if not conflicts:
        return
    print(_("{count} conflict(s):").format(count=len(conflicts)))
    for conflict in conflicts:
        print(f"  - {conflict.describe()} [{conflict.uuid}]")
        for diff in conflict.fields:
            print(
                "      "
                + _("{field}: here {mine} | there {theirs}").format(
                    field=field_title(diff.name), mine=shown(diff.mine), theirs=shown(diff.theirs)
                )
            )
