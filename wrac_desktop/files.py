"""Files a user hands us or asks us to write: bounded reads, and the rules for output paths.

``check_output_path`` is the one rule for every file a command or dialog writes: never over a
register, its journal or backup (``wrac export R -o R`` replaced the register with the report),
never over an open database, and over another register or database only when forced.

A file from outside is hostile until checked: ``read_limited`` never reads more than a limit
(so /dev/zero or a 10 GB "mapping" costs nothing) and ``load_json`` turns every way JSON can
be wrong — bad encoding, syntax, nesting deep enough to exhaust the parser — into one
``DataFileError`` naming the file and, where known, the line and column.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
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


# --- where a command may write ----------------------------------------------------------------

SQLITE_HEADER = b"SQLite format 3\x00"
JOURNAL_SUFFIXES = ("-wal", "-shm", "-journal")
_BACKUP = re.compile(r"\.schema\d+\.bak$")


class OutputRefused(UserError):
    """The output path would destroy a register (or another database); nothing was written."""


def check_output_path(
    output: Path, *, registers: Iterable[str | Path] = (), force: bool = False
) -> Path:
    """Refuse an output path that is, or belongs to, a register: the one CLI and GUI rule.

    Always refused: the registers given (however reached: symlink, hard link), their -wal,
    -shm, -journal and schemaN.bak files, the journal of any SQLite file, and a database that
    is open (its -wal or -shm beside it). Refused unless ``force``: an existing ``.wrac`` or
    SQLite database. Anything else (an earlier report) may be replaced."""
    output = Path(output)
    if output.is_dir():
        raise UserError(_("{path} is a folder; give a file name").format(path=output))
    target = output.resolve()
    for location in registers:
        if not _is_url(location) and _belongs_to(target, Path(location).resolve()):
            raise OutputRefused(
                _("{path} is the register {register} or one of its files; choose another name")
                .format(path=output, register=location)
            )  # fmt: skip
    base = _journal_base(target)
    if base is not None and is_sqlite_file(base):
        raise OutputRefused(
            _("{path} belongs to the database {base}; choose another name").format(
                path=output, base=base
            )
        )
    _check_existing(output, target, force)
    return output


def _check_existing(output: Path, target: Path, force: bool) -> None:
    if not target.exists():
        return
    database = is_sqlite_file(target)
    if database and any(Path(f"{target}{suffix}").exists() for suffix in JOURNAL_SUFFIXES[:2]):
        raise OutputRefused(
            _("{path} is a database that is open (its -wal/-shm files are beside it); "
              "close it or choose another name").format(path=output)
        )  # fmt: skip
    if (database or target.suffix.lower() == ".wrac") and not force:
        raise OutputRefused(
            _("{path} is a register or another database; choose another name "
              "(or replace it with --force)").format(path=output)
        )  # fmt: skip


def _belongs_to(target: Path, register: Path) -> bool:
    if target == register or (target.exists() and register.exists() and _same(target, register)):
        return True
    if target.parent != register.parent or not target.name.startswith(register.name):
        return False
    rest = target.name[len(register.name) :]
    return rest in JOURNAL_SUFFIXES or bool(_BACKUP.fullmatch(rest))


def _journal_base(target: Path) -> Path | None:
    """The database a journal or backup name belongs to (r.wrac for r.wrac-wal), else None."""
    for suffix in JOURNAL_SUFFIXES:
        if target.name.endswith(suffix) and len(target.name) > len(suffix):
            return target.with_name(target.name[: -len(suffix)])
    found = _BACKUP.search(target.name)
    return target.with_name(target.name[: found.start()]) if found else None


def _same(first: Path, second: Path) -> bool:
    try:
        return os.path.samefile(first, second)
    except OSError:
        return False


def is_sqlite_file(path: Path) -> bool:
    try:
        with path.open("rb") as stream:
            return stream.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def _is_url(location: str | Path) -> bool:
    return isinstance(location, str) and "://" in location
