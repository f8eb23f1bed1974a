"""``wrac organisation``: show or change the organisation's details that the documents print
(legal name, BIN, address, region, industry, OKED and KATO codes, the commission's order)."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from wrac_desktop.cli.approval_commands import parse_date
from wrac_desktop.domain.field_titles import field_title
from wrac_desktop.errors import EXIT_OK, UserError
from wrac_desktop.formatting import format_date
from wrac_desktop.i18n import _

# option → organisation field; --order-date takes a date, the others text
OPTIONS = {
    "legal_name": "--legal-name", "bin": "--bin", "region": "--region", "address": "--address",
    "industry": "--industry", "oked": "--oked", "kato": "--kato",
    "commission_order": "--order-number", "commission_order_on": "--order-date",
}  # fmt: skip


def add_organisation(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "organisation", help=_("show or change the organisation's details the documents print")
    )
    parser.add_argument("path", help=_("the .wrac register or database URL"))
    parser.add_argument("--legal-name", help=_("legal name"))
    parser.add_argument("--bin", help=_("business identification number (12 digits)"))
    parser.add_argument("--region", help=_("region"))
    parser.add_argument("--address", help=_("address"))
    parser.add_argument("--industry", help=_("industry"))
    parser.add_argument("--oked", help=_("activity code (OKED)"))
    parser.add_argument("--kato", help=_("region code (KATO)"))
    parser.add_argument("--order-number", help=_("number of the order that set up the commission"))
    parser.add_argument(
        "--order-date", type=parse_date, help=_("date of that order, like 2026-02-10")
    )
    parser.add_argument("--json", action="store_true", help=_("print the details as JSON"))
    parser.set_defaults(run=_run_organisation)


def _run_organisation(args: argparse.Namespace) -> int:
    from wrac_desktop.register import open_location, open_to_read
    from wrac_desktop.services import organisation

    given = {
        field: getattr(args, option[2:].replace("-", "_")) for field, option in OPTIONS.items()
    }
    changes = {field: value for field, value in given.items() if value is not None}
    with (
        open_location(args.path, read_only=False) if changes else open_to_read(args.path)
    ) as register:
        unit = register.uow.transaction() if changes else register.uow.reading()
        with unit as session:
            org = (  # a bad BIN or an empty name: ValidationError, a user error (exit 2)
                organisation.update_details(session, **changes)
                if changes
                else organisation.the_organisation(session)
            )
            if org is None:
                raise UserError(_("the register has no organisation yet"))
            details = {field: getattr(org, field) for field in OPTIONS}
    _print(details, as_json=args.json)
    return EXIT_OK


def _print(details: dict[str, Any], *, as_json: bool) -> None:
    if as_json:
        plain = {k: v.isoformat() if isinstance(v, date) else v for k, v in details.items()}
        print(json.dumps(plain, ensure_ascii=False, indent=2))
        return
    for field, value in details.items():
        shown = format_date(value) if isinstance(value, date) else value
        print(f"{field_title(field)}: {shown}")
