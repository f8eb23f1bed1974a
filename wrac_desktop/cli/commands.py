"""The ``wrac`` subcommands. Each ``add_*`` declares one; its ``run`` does the work."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from wrac_desktop.cli import approval_commands, event_commands, progress_commands
from wrac_desktop.cli.import_commands import add_import
from wrac_desktop.cli.library_commands import add_library
from wrac_desktop.cli.merge_commands import add_merge
from wrac_desktop.cli.organisation_commands import add_organisation
from wrac_desktop.cli.output_args import add_force
from wrac_desktop.cli.sign_commands import add_sign
from wrac_desktop.cli.signing_args import add_revision_and_signing, signer_from_args
from wrac_desktop.cli.translation_commands import add_translations
from wrac_desktop.errors import EXIT_OK, EXIT_PROBLEMS, RegisterDamaged, UserError
from wrac_desktop.formatting import format_number
from wrac_desktop.i18n import _, current_language

# Building the parser imports nothing heavy (`wrac --help` answers at once, issue 22): each
# command's run imports what it needs (SQLAlchemy, Alembic, ReportLab, Qt) when it runs.

Subparsers = Any  # argparse's private _SubParsersAction


def open_gui(path: str | Path | None, lang: str | None, read_only: bool = False) -> int:
    """Open the register first (a bad path is a one-line user error), then the window."""
    from wrac_desktop import app  # imports Qt only when a window is wanted

    register = app.open_for_gui(path, read_only) if path is not None else None
    return app.run_gui(register, lang=lang)


def add_open(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser("open", help=_("open a register in the app"))
    parser.add_argument("path", nargs="?", help=_("the .wrac register or database URL"))
    parser.add_argument("--read-only", action="store_true", help=_("open without editing"))
    parser.add_argument(
        "--demo",
        action="store_true",
        help=_("open the demo register in the user data folder, writing it first"),
    )
    parser.set_defaults(run=_run_open)


def _run_open(args: argparse.Namespace) -> int:
    from wrac_desktop.app import demo_register

    if args.demo == (args.path is not None):
        raise UserError(_("give either a register path or --demo"))
    path = demo_register() if args.demo else args.path
    return open_gui(path, args.lang, args.read_only)


def add_demo(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser(
        "demo", help=_("write a realistic demo register of a mining and metallurgy enterprise")
    )
    parser.add_argument("path", help=_("the .wrac file or database URL to create"))
    parser.add_argument(
        "--workplaces",
        type=_workplace_count,
        default=40,
        help=_("number of workplaces, 1 to 10000 (default 40)"),
    )
    parser.add_argument("--seed", type=int, default=1, help=_("random seed (default 1)"))
    parser.add_argument("--force", action="store_true", help=_("replace an existing file"))
    parser.set_defaults(run=_run_demo)


def _workplace_count(text: str) -> int:
    from wrac_desktop.services import demo

    try:
        value = int(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            _("{value} is not a whole number").format(value=text)
        ) from error
    if not 1 <= value <= demo.MAX_WORKPLACES:
        raise argparse.ArgumentTypeError(
            _("choose from 1 to {most}").format(most=demo.MAX_WORKPLACES)
        )
    return value


def _run_demo(args: argparse.Namespace) -> int:
    from wrac_desktop.register import shown_location
    from wrac_desktop.services import demo

    stats = demo.write_demo(
        args.path,
        workplaces=args.workplaces,
        seed=args.seed,
        lang=args.lang or current_language(),
        overwrite=args.force,
    )
    print(
        _("wrote {path}: {workplaces} workplaces, {hazards} hazards, {measures} measures").format(
            path=shown_location(args.path),
            **{name: format_number(count) for name, count in stats.items()},
        )
    )
    return EXIT_OK


def add_check(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser("check", help=_("check a register's integrity"))
    parser.add_argument("path", help=_("the .wrac register or database URL"))
    parser.set_defaults(run=_run_check)


def _run_check(args: argparse.Namespace) -> int:
    from wrac_desktop.register import open_to_read, shown_location
    from wrac_desktop.services.check_warnings import check_warnings, control_character_warnings
    from wrac_desktop.services.checks import check_register, text_pieces
    from wrac_desktop.services.translation_warnings import translation_warnings

    try:
        # SQLite's checks of every page run once, thorough, in check_register: opening ran
        # the quick one first, and the scan for over-long texts twice (2 s at 100,000 hazards)
        with open_to_read(args.path, check_storage=False) as register:
            pieces = text_pieces(register)  # read once for both the problems and the warnings
            problems = check_register(register, pieces)
            warnings = check_warnings(register) if not problems else []
            if not problems:  # missing translations: warnings only, the exit code stays 0
                warnings += translation_warnings(register, shown_location(args.path))
            # named even beside problems: a digest found an edit, this names the character
            warnings += control_character_warnings(register, pieces)
    except RegisterDamaged as error:  # damage is what check is for: named, exit 1
        problems, warnings = error.problems, []
    where = shown_location(args.path)
    if problems:
        print(_("{path}: {count} problem(s) found:").format(path=where, count=len(problems)))
        for problem in problems:
            print(f"  - {problem}")
    else:
        print(_("{path}: no problems found").format(path=where))
    for warning in warnings:
        print(_("  warning: {message}").format(message=warning))
    return EXIT_PROBLEMS if problems else EXIT_OK


def add_info(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser("info", help=_("summarise a register"))
    parser.add_argument("path", help=_("the .wrac register or database URL"))
    parser.add_argument("--json", action="store_true", help=_("machine-readable output"))
    parser.set_defaults(run=_run_info)


def _run_info(args: argparse.Namespace) -> int:
    from wrac_desktop.register import open_to_read
    from wrac_desktop.services.summary import register_summary

    with open_to_read(args.path) as register:
        summary = register_summary(register)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2, default=str))
    else:
        for key, value in summary.items():
            print(f"{key}: {value}")
    return EXIT_OK


def add_init(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser("init", help=_("create an empty register"))
    parser.add_argument("path", help=_("the .wrac file or database URL to create"))
    parser.add_argument("--force", action="store_true", help=_("replace an existing register"))
    parser.set_defaults(run=_run_init)


def _run_init(args: argparse.Namespace) -> int:
    from wrac_desktop.register import create_location

    with create_location(args.path, overwrite=args.force) as register:
        print(_("created an empty register at {path}").format(path=register.location))
    return EXIT_OK


ALL: tuple[Callable[[Subparsers], None], ...] = (
    add_open,
    add_init,
    add_demo,
    add_check,
    add_info,
    add_library,
    add_merge,
)


REPORT_LANGUAGES = ("kk", "ru", "en", "kk+ru", "ru+kk")


def add_export(subparsers: Subparsers) -> None:
    from wrac_desktop.reports.export import FORMATS, REPORTS

    parser = subparsers.add_parser("export", help=_("write a report: PDF, Excel, CSV or JSON"))
    parser.add_argument("path", help=_("the .wrac register or database URL"))
    parser.add_argument("--report", required=True, choices=REPORTS, help=_("which report"))
    parser.add_argument(
        "--format", required=True, choices=sorted({f for fs in FORMATS.values() for f in fs})
    )
    parser.add_argument(
        "--lang",
        dest="report_lang",
        choices=REPORT_LANGUAGES,
        help=_(
            "language of the report (default: the messages' language); kk+ru or ru+kk prints "
            "a PDF or XLSX in both, the first first"
        ),
    )
    parser.add_argument("-o", "--output", type=Path, required=True, help=_("the file to write"))
    parser.add_argument("--page", choices=("A4", "A3"), default="A4", help=_("PDF page size"))
    parser.add_argument(
        "--as-of", type=_date, help=_("the measures' states on this day (default today)")
    )
    parser.add_argument(
        "--with-photos", action="store_true",
        help=_("add the photos attached to hazards and measures (register PDF)"),
    )  # fmt: skip
    add_force(parser)
    add_revision_and_signing(parser)
    parser.set_defaults(run=_run_export)


def _date(text: str) -> Any:
    from wrac_desktop.cli.approval_commands import parse_date

    return parse_date(text)


def _run_export(args: argparse.Namespace) -> int:
    from wrac_desktop.register import open_to_read
    from wrac_desktop.services.exporting import export

    lang = args.report_lang or current_language()
    notes: list[str] = []
    with open_to_read(args.path) as register:
        written = export(
            register,
            args.report,
            args.format,
            lang,
            args.output,
            page=args.page,
            revision=args.revision,
            signer=signer_from_args(args),
            force=args.force,
            as_of=args.as_of,
            with_photos=args.with_photos,
            notes=notes,
        )
    for note in notes:
        print("wrac: " + _("note: {note}").format(note=note), file=sys.stderr)
    print(_("wrote {path}").format(path=written))
    return EXIT_OK


ALL = (
    *ALL,
    add_export,
    add_sign,
    add_import,
    add_translations,
    add_organisation,
    *approval_commands.COMMANDS,
    *progress_commands.COMMANDS,
    *event_commands.COMMANDS,
)
