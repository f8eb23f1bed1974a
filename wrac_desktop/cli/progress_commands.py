"""``wrac progress``, ``wrac plan``, ``wrac attach`` and ``wrac attachments``: the plan after
approval, and the files attached as evidence."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from wrac_desktop.cli.approval_commands import parse_date
from wrac_desktop.errors import EXIT_OK, EXIT_PROBLEMS, UserError
from wrac_desktop.formatting import format_date
from wrac_desktop.i18n import _
from wrac_desktop.vocabulary import ProgressStatus


def add_progress(subparsers: Any) -> None:
    parser = subparsers.add_parser("progress", help=_("record a step of a measure of the plan"))
    parser.add_argument("path", help=_("the .wrac register or database URL"))
    parser.add_argument("measure", help=_("the measure's UUID or its number in the plan"))
    parser.add_argument(
        "--status", required=True, choices=[s.value for s in ProgressStatus], help=_("the step")
    )
    parser.add_argument("--date", type=parse_date, help=_("when it happened (default today)"))
    parser.add_argument("--by", default="", help=_("who did or verified it"))
    parser.add_argument("--note", default="", help=_("a note; the reason for postponed/cancelled"))
    parser.add_argument("--deadline", type=parse_date, help=_("the new deadline (postponed)"))
    parser.add_argument("--attach", nargs="+", type=Path, default=[], help=_("files to attach"))
    parser.set_defaults(run=_run_progress)


def _run_progress(args: argparse.Namespace) -> int:
    from wrac_desktop.register import open_location
    from wrac_desktop.services import work
    from wrac_desktop.services.progress import record_progress

    with (
        open_location(args.path, read_only=False) as register,
        work.transaction(register) as on_register,
    ):
        recorded = record_progress(
            on_register, args.measure, args.status, on=args.date, by=args.by, note=args.note,
            deadline=args.deadline, files=args.attach,
        )  # fmt: skip
    print(
        _("measure {measure}: {status} recorded; {count} file(s) attached").format(
            measure=args.measure, status=args.status, count=recorded.attachments
        )
    )
    return EXIT_OK


def add_plan(subparsers: Any) -> None:
    parser = subparsers.add_parser("plan", help=_("the action plan with each measure's status"))
    parser.add_argument("path", help=_("the .wrac register or database URL"))
    parser.add_argument("--overdue", action="store_true", help=_("only overdue measures"))
    parser.add_argument(
        "--due-within", type=_days, metavar="DAYS", help=_("only open measures due within DAYS")
    )
    parser.add_argument(
        "--as-of", type=parse_date, metavar="DATE",
        help=_("the measures' states and overdue marks on this day (default today)"),
    )  # fmt: skip
    parser.add_argument("--json", action="store_true", help=_("machine-readable output"))
    parser.set_defaults(run=_run_plan)


def _days(text: str) -> int:
    if not text.isdecimal():
        raise argparse.ArgumentTypeError(_("{value} is not a whole number").format(value=text))
    return int(text)


def _run_plan(args: argparse.Namespace) -> int:
    from wrac_desktop.register import open_location
    from wrac_desktop.services import work
    from wrac_desktop.services.plan_status import plan_status

    with open_location(args.path) as register, work.reading(register) as on_register:
        rows = plan_status(
            on_register, today=args.as_of, overdue_only=args.overdue, due_within=args.due_within
        )
    if args.json:
        print(json.dumps([row.as_json() for row in rows], ensure_ascii=False, indent=2))
    else:
        for row in rows:
            mark = "!" if row.overdue else " "
            print(f"{mark} {row.number:>4}  {row.status_label:<12} {format_date(row.deadline):<10}"
                  f"  {row.workplace}: {row.measure}")  # fmt: skip
    return EXIT_PROBLEMS if any(row.overdue for row in rows) else EXIT_OK


def add_attach(subparsers: Any) -> None:
    parser = subparsers.add_parser("attach", help=_("attach files to a hazard or a measure"))
    parser.add_argument("path", help=_("the .wrac register or database URL"))
    owner = parser.add_mutually_exclusive_group(required=True)
    owner.add_argument("--hazard", help=_("the hazard's UUID"))
    owner.add_argument("--measure", help=_("the measure's UUID"))
    parser.add_argument("files", nargs="+", type=Path, help=_("JPEG, PNG or PDF, 25 MB at most"))
    parser.add_argument(
        "--keep-original", action="store_true", help=_("keep large photos at full size too")
    )
    parser.set_defaults(run=_run_attach)


def _run_attach(args: argparse.Namespace) -> int:
    from wrac_desktop.register import open_location
    from wrac_desktop.services import work
    from wrac_desktop.services.attachments import attach_files

    kind, owner = ("hazard", args.hazard) if args.hazard else ("measure", args.measure)
    with (
        open_location(args.path, read_only=False) as register,
        work.transaction(register) as on_register,
    ):
        added = attach_files(on_register, kind, owner, args.files,
                             keep_originals=args.keep_original)  # fmt: skip
    print(_("{count} file(s) attached").format(count=len(added)))
    return EXIT_OK


def add_attachments(subparsers: Any) -> None:
    parser = subparsers.add_parser("attachments", help=_("list or extract the attached files"))
    parser.add_argument("path", help=_("the .wrac register or database URL"))
    parser.add_argument("--extract", type=Path, metavar="DIR", help=_("write them into DIR"))
    parser.set_defaults(run=_run_attachments)


def _run_attachments(args: argparse.Namespace) -> int:
    from wrac_desktop.register import open_location
    from wrac_desktop.services import work
    from wrac_desktop.services.attachments import extract_all, list_attachments

    with open_location(args.path) as register, work.reading(register) as on_register:
        if args.extract is not None:
            if args.extract.exists() and not args.extract.is_dir():
                raise UserError(_("{path} is not a folder").format(path=args.extract))
            written = extract_all(on_register, args.extract)
            print(_("wrote {count} file(s) to {path}").format(count=len(written),
                                                           path=args.extract))  # fmt: skip
            return EXIT_OK
        rows = list_attachments(on_register)
    for row in rows:
        print(f"{row.uuid}  {row.owner_kind}:{row.owner_uuid}  {row.content_type:<15} "
              f"{row.size:>9}  {row.sha256[:12]}  {row.file_name}")  # fmt: skip
    return EXIT_OK


COMMANDS = (add_progress, add_plan, add_attach, add_attachments)
