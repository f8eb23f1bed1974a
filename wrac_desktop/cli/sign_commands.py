"""``wrac sign``: one more signature on a report PDF, so the approver and each commission
member sign the same file in turn (each signature an incremental update)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from wrac_desktop.cli.signing_args import PASSWORD_VARIABLE, signer_from_args
from wrac_desktop.errors import EXIT_OK, UserError
from wrac_desktop.files import check_output_path, write_atomically
from wrac_desktop.i18n import _


def add_sign(subparsers: Any) -> None:
    parser = subparsers.add_parser("sign", help=_("add a digital signature to a report PDF"))
    parser.add_argument("report", type=Path, help=_("the PDF to sign"))
    parser.add_argument(
        "--key", dest="sign", type=Path, required=True, metavar="KEY.p12",
        help=_("the signer's PKCS#12 key"),
    )  # fmt: skip
    parser.add_argument(
        "--password-file",
        type=Path,
        help=_("file whose first line is the key's password (else ${var} or a prompt)").format(
            var=PASSWORD_VARIABLE
        ),
    )
    parser.add_argument(
        "--field", help=_("the signature line to sign (default: the one with the signer's name)")
    )
    parser.add_argument("-o", "--output", type=Path, help=_("write here (default: the same file)"))
    parser.set_defaults(run=_run_sign)


def _run_sign(args: argparse.Namespace) -> int:
    from wrac_desktop.reports.signing import field_for, sign_pdf, signer_name

    content = _read(args.report)
    signer = signer_from_args(args)
    field = args.field or field_for(content, signer)
    signed = sign_pdf(content, signer, field=field)
    output = check_output_path(args.output or args.report)
    write_atomically(output, signed)
    print(
        _("{path}: signed by {name}{field}").format(
            path=output, name=signer_name(signer), field=f" ({field})" if field else ""
        )
    )
    return EXIT_OK


def _read(report: Path) -> bytes:
    try:
        content = report.read_bytes()
    except OSError as error:
        raise UserError(
            _("cannot read {path}: {reason}").format(path=report, reason=error.strerror)
        ) from error
    if not content.startswith(b"%PDF-"):
        raise UserError(_("{path} is not a PDF").format(path=report))
    return content
