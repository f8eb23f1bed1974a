"""``wrac import``: bring an existing Excel/CSV worksheet into a register."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wrac_desktop.errors import EXIT_OK
from wrac_desktop.i18n import _

if TYPE_CHECKING:  # imported when the command runs, not for `wrac --help`
    from wrac_desktop.importing.plan import ImportPlan


def add_import(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "import", help=_("import an Excel (.xlsx) or CSV worksheet of hazards or measures")
    )
    parser.add_argument("path", help=_("the .wrac register or database URL"))
    parser.add_argument("file", type=Path, help=_("the .xlsx or .csv worksheet"))
    parser.add_argument("--sheet", help=_("the sheet to read (default: the first with a header)"))
    parser.add_argument(
        "--mapping", type=Path, help=_("a JSON file saying which column fills which field")
    )
    parser.add_argument(
        "--dry-run", action="store_true", help=_("show what would be imported; change nothing")
    )
    parser.add_argument(
        "--lang", dest="text_lang", choices=("kk", "ru", "en"),
        help=_("the language the file's texts are written in (default: each cell's letters tell)"),
    )  # fmt: skip
    parser.add_argument(
        "--kind",
        choices=("hazards", "events"),
        default="hazards",
        help=_("hazards and measures (the default), or an accident and near-miss journal"),
    )
    parser.set_defaults(run=_run_import)


def _run_import(args: argparse.Namespace) -> int:
    from wrac_desktop.register import open_location, open_to_read
    from wrac_desktop.services.importing import import_worksheet

    if args.kind == "events":
        return _run_event_import(args)

    # A dry run also works on a register that cannot be written.
    with (
        open_to_read(args.path) if args.dry_run else open_location(args.path, read_only=False)
    ) as register:
        plan = import_worksheet(
            register, args.file, sheet=args.sheet, mapping_file=args.mapping, dry=args.dry_run,
            text_lang=args.text_lang,
        )  # fmt: skip
    _print_plan(plan, dry=args.dry_run)
    return EXIT_OK


def _run_event_import(args: argparse.Namespace) -> int:
    """An accident / near-miss journal into the event log (issue 18 item 7)."""
    from wrac_desktop.errors import UserError
    from wrac_desktop.register import open_location, open_to_read
    from wrac_desktop.services import events

    if args.mapping is not None:
        raise UserError(_("--mapping is for hazards and measures; a journal's columns are found"))
    with (
        open_to_read(args.path) if args.dry_run else open_location(args.path, read_only=False)
    ) as register:
        unit = register.uow.reading() if args.dry_run else register.uow.transaction()
        with unit as session:
            done = events.import_journal(
                session, args.file, args.sheet, dry=args.dry_run, text_lang=args.text_lang
            )
    for problem in done.problems:
        print(_("warning: {warning}").format(warning=problem))
    verb = _("would add") if args.dry_run else _("added")
    print(
        _("journal rows {rows}: {verb} {added}, already in the register {already}, "
          "left out {left}").format(
            rows=done.rows, verb=verb, added=done.added, already=done.already,
            left=len(done.problems),
        )
    )  # fmt: skip
    return EXIT_OK


def _print_plan(plan: ImportPlan, *, dry: bool) -> None:
    from wrac_desktop.importing.columns import field_label

    header = plan.header
    rows = (
        str(header.last_row)
        if header.first_row == header.last_row
        else f"{header.first_row}–{header.last_row}"
    )
    print(
        _("{file}, sheet “{sheet}”: header in row {rows}").format(
            file=plan.path, sheet=plan.sheet, rows=rows
        )
    )
    for column in header.columns:
        target = field_label(column.field) if column.field else _("(not imported)")
        print(f"  {column.letter}  {column.header or '—'} → {target}")
    for warning in plan.warnings:
        print(_("warning: {warning}").format(warning=warning))
    summary = plan.summary()
    print(
        _(
            "rows read {rows_read}, imported {rows_imported}, skipped {rows_skipped}, "
            "warnings {warnings}"
        ).format(**summary)
    )
    verb = _("would add") if dry else _("added")
    print(
        _(
            "{verb}: {new_sites} sites/divisions, {new_workplaces} workplaces, {new_hazards} "
            "hazards, {new_measures} measures; already in the register: "
            "{hazards_already_present} hazards, {measures_already_present} measures"
        ).format(verb=verb, **summary)
    )
    print(
        _(
            "new texts in Kazakh {texts_kk}, Russian {texts_ru}, English {texts_en}; "
            "{texts_from_library} of them found in the hazard library, with its other languages"
        ).format(**summary)
    )
    if plan.outcome.adds_nothing and plan.hazard_count:
        print(_("nothing new: everything in this file is already in the register"))
