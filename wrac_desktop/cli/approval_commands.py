"""``wrac approve``, ``wrac verify``, ``wrac diff`` and ``wrac audit``: the approval lifecycle."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wrac_desktop.cli.output_args import add_force
from wrac_desktop.cli.review_commands import add_review, confirm_approval
from wrac_desktop.errors import EXIT_OK, EXIT_PROBLEMS, UserError
from wrac_desktop.i18n import _

if TYPE_CHECKING:  # the services are imported when a command runs, not for `wrac --help`
    from wrac_desktop.services.work import Work


@contextmanager
def _on_current_revision(location: str, *, write: bool, missing: str) -> Iterator[Work]:
    """Open the register at ``location`` (path or URL) for work on its current revision;
    ``missing`` is the user error when it holds none. Writing happens in one transaction."""
    from wrac_desktop.register import open_location, open_to_read
    from wrac_desktop.services import revisions, work

    with open_location(location, read_only=False) if write else open_to_read(location) as register:
        opened = work.transaction(register) if write else work.reading(register)
        with opened as on_register:
            if revisions.current_revision(on_register) is None:
                raise UserError(missing)
            yield on_register


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            _("{value} is not a date like 2026-03-16").format(value=text)
        ) from error


def add_approve(subparsers: Any) -> None:
    parser = subparsers.add_parser("approve", help=_("approve the current draft revision"))
    parser.add_argument("path", help=_("the .wrac register or database URL"))
    parser.add_argument("--by", required=True, help=_("the approver's name"))
    parser.add_argument("--position", required=True, help=_("the approver's position"))
    parser.add_argument("--date", type=parse_date, help=_("approval date (default today)"))
    parser.add_argument("--next-review", type=parse_date, help=_("default: a year later"))
    parser.add_argument(
        "--yes", action="store_true", help=_("approve without asking, whatever the review lists")
    )
    parser.set_defaults(run=_run_approve)


def _run_approve(args: argparse.Namespace) -> int:
    from wrac_desktop.services import revisions

    missing = _("the register holds no assessment to approve")
    # Reviewed in a read of its own: the write lock is not held while a person reads the list.
    with _on_current_revision(args.path, write=False, missing=missing) as on_register:
        findings = revisions.review_before_approval(on_register, args.by)
    if not confirm_approval(findings, assume_yes=args.yes):
        print(_("not approved; nothing was changed"))
        return EXIT_PROBLEMS
    with _on_current_revision(args.path, write=True, missing=missing) as on_register:
        fingerprint = revisions.approve_current(
            on_register,
            by=args.by,
            position=args.position,
            on=args.date or date.today(),
            next_review_on=args.next_review,
        )
        revision = revisions.current_revision(on_register)
    print(
        _("approved revision {n}; fingerprint {fingerprint}").format(
            n=revision, fingerprint=fingerprint
        )
    )
    return EXIT_OK


def add_revise(subparsers: Any) -> None:
    parser = subparsers.add_parser("revise", help=_("start a new draft revision as a copy"))
    parser.add_argument("path", help=_("the .wrac register or database URL"))
    parser.set_defaults(run=_run_revise)


def _run_revise(args: argparse.Namespace) -> int:
    from wrac_desktop.services import revisions

    missing = _("the register holds no assessment")
    with _on_current_revision(args.path, write=True, missing=missing) as on_register:
        number = revisions.copy_current(on_register)
    print(_("started draft revision {n}").format(n=number))
    return EXIT_OK


def add_diff(subparsers: Any) -> None:
    parser = subparsers.add_parser("diff", help=_("what changed between two revisions"))
    parser.add_argument("path", help=_("the .wrac register or database URL"))
    parser.add_argument("--from", dest="old", type=int, required=True, help=_("revision N"))
    parser.add_argument("--to", dest="new", type=int, required=True, help=_("revision M"))
    parser.set_defaults(run=_run_diff)


def _run_diff(args: argparse.Namespace) -> int:
    from wrac_desktop.services import revisions

    missing = _("the register holds no assessment")
    with _on_current_revision(args.path, write=False, missing=missing) as on_register:
        changes = revisions.revision_changes(on_register, args.old, args.new)
    print(
        _("revision {old} → {new}: {count} change(s)").format(
            old=args.old, new=args.new, count=len(changes)
        )
    )
    for change in changes:
        print(f"  {'+' if change.kind == 'added' else '-' if change.kind == 'removed' else '~'} "
              f"{change.text()}")  # fmt: skip
    return EXIT_OK


def add_verify(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "verify", help=_("does the register (and a printed report) match what was approved?")
    )
    parser.add_argument("path", help=_("the .wrac register or database URL"))
    parser.add_argument("report", type=Path, nargs="?", help=_("a PDF report to compare"))
    parser.add_argument("--revision", type=int, help=_("revision number (default current)"))
    parser.set_defaults(run=_run_verify)


def _run_verify(args: argparse.Namespace) -> int:
    from wrac_desktop.register import open_to_read
    from wrac_desktop.services.verify import verify

    with open_to_read(args.path) as register:
        result = verify(register, args.report, revision=args.revision)
    for line in result.lines:
        print(line)
    return EXIT_OK if result.ok else EXIT_PROBLEMS


def add_audit(subparsers: Any) -> None:
    parser = subparsers.add_parser("audit", help=_("write the audit trail to XLSX or CSV"))
    parser.add_argument("path", help=_("the .wrac register or database URL"))
    parser.add_argument("-o", "--output", type=Path, required=True, help=_(".xlsx or .csv"))
    parser.add_argument("--user", help=_("only changes by this user"))
    parser.add_argument("--entity", help=_("only this kind of record, e.g. hazard"))
    add_force(parser)
    parser.set_defaults(run=_run_audit)


def _run_audit(args: argparse.Namespace) -> int:
    from wrac_desktop.register import open_to_read
    from wrac_desktop.services.audit_trail import AuditFilter, export_audit

    with open_to_read(args.path) as register:
        count = export_audit(
            register,
            args.output,
            AuditFilter(user=args.user or "", entity=args.entity or ""),
            force=args.force,
        )
    print(_("wrote {count} audit entries to {path}").format(count=count, path=args.output))
    return EXIT_OK


COMMANDS = (add_approve, add_review, add_revise, add_diff, add_verify, add_audit)
