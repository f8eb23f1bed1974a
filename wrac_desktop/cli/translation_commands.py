"""``wrac translations``: a register's texts to a translator's Excel file and back (issue 16)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from wrac_desktop.cli.output_args import add_force
from wrac_desktop.errors import EXIT_OK, UserError
from wrac_desktop.i18n import _


def add_translations(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "translations",
        help=_("write a register's texts to Excel for a translator, or read them back"),
    )
    parser.add_argument("path", help=_("the .wrac register or database URL"))
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "--export", type=Path, metavar="FILE.xlsx",
        help=_("write every text of the current revision in kk, ru and en, one row each"),
    )  # fmt: skip
    which.add_argument(
        "--import", dest="import_file", type=Path, metavar="FILE.xlsx",
        help=_("read a filled file back into the current revision, all or nothing"),
    )  # fmt: skip
    parser.add_argument(
        "--dry-run", action="store_true", help=_("with --import: check and count; change nothing")
    )
    add_force(parser)
    parser.set_defaults(run=_run_translations)


def _run_translations(args: argparse.Namespace) -> int:
    if args.export is not None:
        if args.dry_run:
            raise UserError(_("--dry-run goes with --import"))
        _export(args.path, args.export, args.force)
    else:
        _import(args.path, args.import_file, args.dry_run)
    return EXIT_OK


def _export(path: str, output: Path, force: bool) -> None:
    from wrac_desktop.register import open_to_read
    from wrac_desktop.services.translation_files import export_translations

    with open_to_read(path) as register:
        written, count, missing = export_translations(register, output, force=force)
    print(
        _("wrote {path}: {count} texts; missing kk {kk}, ru {ru}, en {en}").format(
            path=written, count=count, kk=missing["kk"], ru=missing["ru"], en=missing["en"]
        )
    )


def _import(path: str, file: Path, dry: bool) -> None:
    from wrac_desktop.register import open_location, open_to_read
    from wrac_desktop.services.translation_files import import_translations

    with open_to_read(path) if dry else open_location(path, read_only=False) as register:
        summary = import_translations(register, file, dry=dry)
    for warning in summary.warnings:
        print(_("warning: {warning}").format(warning=warning))
    message = (
        _("{file}: {texts} texts read; would change {changed}: kk {kk}, ru {ru}, en {en} "
          "translated, {confirmed} confirmed")
        if dry
        else _("{file}: {texts} texts read; changed {changed}: kk {kk}, ru {ru}, en {en} "
               "translated, {confirmed} confirmed")
    )  # fmt: skip
    counts = summary.translated
    print(
        message.format(
            file=file, texts=summary.texts, changed=summary.changed, kk=counts["kk"],
            ru=counts["ru"], en=counts["en"], confirmed=summary.confirmed,
        )
    )  # fmt: skip
