"""``wrac export``: ``--revision``, ``--sign KEY.p12`` and where the password comes from."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

from wrac_desktop.errors import UserError
from wrac_desktop.i18n import _

PASSWORD_VARIABLE = "WRAC_KEY_PASSWORD"


def add_revision_and_signing(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--revision", type=int, help=_("revision number (default current)"))
    parser.add_argument("--sign", type=Path, metavar="KEY.p12", help=_("sign the PDF"))
    parser.add_argument(
        "--password-file",
        type=Path,
        help=_("file whose first line is the key's password (else ${var} or a prompt)").format(
            var=PASSWORD_VARIABLE
        ),
    )


def signer_from_args(args: argparse.Namespace) -> Any:
    """The loaded signer, or None; a wrong password stops before anything is written."""
    if args.sign is None:
        return None
    from wrac_desktop.reports.signing import load_signer

    return load_signer(args.sign, _password(args))


def _password(args: argparse.Namespace) -> str:
    if args.password_file is not None:
        try:
            lines = args.password_file.read_text(encoding="utf-8").splitlines()
        except OSError as error:
            raise UserError(
                _("cannot read {path}: {reason}").format(
                    path=args.password_file, reason=error.strerror
                )
            ) from error
        return lines[0] if lines else ""
    if PASSWORD_VARIABLE in os.environ:
        return os.environ[PASSWORD_VARIABLE]
    if not sys.stdin.isatty():
        raise UserError(
            _("give the key's password with --password-file or ${var}").format(
                var=PASSWORD_VARIABLE
            )
        )
    return getpass.getpass(_("password for {path}: ").format(path=args.sign))
