"""Files a user hands us or asks us to write: bounded reads, and the rules for output paths.

A file from outside is hostile until checked: ``read_limited`` never reads more than a limit
(so /dev/zero or a 10 GB "mapping" costs nothing) and ``load_json`` turns every way JSON can
be wrong — bad encoding, syntax, nesting deep enough to exhaust the parser — into one
``DataFileError`` naming the file and, where known, the line and column.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from wrac_desktop.errors import DataFileError, UserError
from wrac_desktop.i18n import _


def read_limited(path: Path, limit: int, what: str) -> bytes:
    """The bytes of ``path``, refused (naming it) when larger than ``limit`` or unreadable."""
    path = Path(path)
    if not path.exists():
        raise UserError(_("{path} does not exist").format(path=path))
    if path.is_dir():
        raise UserError(_("{path} is a folder, not a file").format(path=path))
    try:
        with path.open("rb") as stream:
            data = stream.read(limit + 1)
    except OSError as error:
        raise UserError(
            _("{path} cannot be read: {reason}").format(path=path, reason=error.strerror)
        ) from error
    if len(data) > limit:
        raise DataFileError(
            _("{what} {path}: larger than {most:,} KB").format(
                path=path, what=what, most=limit // 1024
            )
        )
    return data


def load_json(path: Path, limit: int, what: str) -> Any:
    """A JSON document of at most ``limit`` bytes; every failure a ``DataFileError``."""
    data = read_limited(path, limit, what)
    try:
        return json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        reason = _("not UTF-8 text (byte {offset})").format(offset=error.start)
    except json.JSONDecodeError as error:
        reason = _("line {line}, column {column}: {problem}").format(
            line=error.lineno, column=error.colno, problem=error.msg
        )
    except RecursionError:
        reason = _("nested too deeply")
    raise DataFileError(
        _("{what} {path} cannot be read as JSON: {reason}").format(
            path=path, what=what, reason=reason
        )
    )
