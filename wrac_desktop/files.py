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

import contextlib
import errno
import json
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from wrac_desktop.errors import DataFileError, EnvironmentProblem, UserError
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


# --- writing, and when the disk says no -------------------------------------------------------

_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
_READ_ONLY_ERRNOS = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})


def disk_problem(error: BaseException, path: Path) -> EnvironmentProblem | None:
    """The user's error for a write to ``path`` that the disk refused (full, read-only or
    failing), naming the folder and the file; None when ``error`` is something else."""
    path = Path(path)
    folder = path.parent.resolve() if str(path.parent) else Path.cwd()
    kind = _disk_kind(error, folder)
    if kind == "full":
        return EnvironmentProblem(
            _("cannot write {path}: the disk holding {folder} is full; free some space on it "
              "and try again").format(path=path, folder=folder)
        )  # fmt: skip
    if kind == "failing":
        return EnvironmentProblem(
            _("cannot write {path}: the disk holding {folder} is full or failing; free some "
              "space on it (or check it) and try again").format(path=path, folder=folder)
        )  # fmt: skip
    if kind == "read_only":
        return EnvironmentProblem(
            _("cannot write {path}: the folder {folder} is read-only; choose another folder")
            .format(path=path, folder=folder)
        )  # fmt: skip
    return None


def _disk_kind(error: BaseException, folder: Path) -> str | None:
    for cause in _causes(error):
        number = getattr(cause, "errno", None)
        if number in _FULL_ERRNOS:
            return "full"
        if number in _READ_ONLY_ERRNOS:
            return "read_only"
        message = str(cause).lower()
        if "disk is full" in message or "file too large" in message:
            return "full"
        if "readonly database" in message or "read-only file system" in message:
            return "read_only"
        if "disk i/o error" in message:
            return "failing"
        if "unable to open database file" in message and not _writable_folder(folder):
            return "read_only"
    return None


def _writable_folder(folder: Path) -> bool:
    return not folder.is_dir() or os.access(folder, os.W_OK)  # a missing one is not read-only


def _causes(error: BaseException) -> list[BaseException]:
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in chain and len(chain) < 10:
        chain.append(current)
        original = getattr(current, "orig", None)
        if isinstance(original, BaseException) and original not in chain:
            chain.append(original)
        current = current.__cause__ or current.__context__
    return chain


def discard(path: Path) -> None:
    """Remove a temporary file if it is there; a failure to remove it is not the error to report
    (on a read-only disk even removing a file that was never made fails)."""
    with contextlib.suppress(OSError):
        Path(path).unlink(missing_ok=True)


def write_atomically(output: Path, content: bytes) -> None:
    """Write ``content`` to ``output`` whole or not at all: a half-written file never stays."""
    with atomic_output(output) as stream:
        stream.write(content)


@contextlib.contextmanager
def atomic_output(output: Path) -> Iterator[IO[bytes]]:
    """A stream whose bytes become ``output`` whole when the block ends, or not at all: a
    report written as it is made, never held whole (a 100,000-hazard register's PDF is 110 MB,
    issue 22). Whatever the block raises (a cancel, a full disk) leaves nothing behind. The
    writer writes into the stream in its own frame: nothing here calls back up the layers."""
    output = Path(output)
    remove_dead_leftovers(output, ".part")
    temporary = output.with_name(f".{output.name}.{os.getpid()}.part")
    try:
        with temporary.open("w+b") as stream:  # readable too: a signature's digest reads it
            yield stream
            stream.flush()
            os.fsync(stream.fileno())  # a full disk may only say so here
        os.replace(temporary, output)
    except OSError as error:
        problem = disk_problem(error, output)
        raise problem or UserError(
            _("cannot write {path}: {reason}").format(path=output, reason=error.strerror or error)
        ) from error
    finally:
        discard(temporary)


def remove_dead_leftovers(target: Path, ending: str) -> None:
    """Remove ``.NAME.PID<ending>`` files (and their -wal/-shm) beside ``target`` left by a run
    that was killed; those of a process still running are its own and stay."""
    target = Path(target)
    pattern = re.compile(rf"\.{re.escape(target.name)}\.(\d+){re.escape(ending)}(?:-wal|-shm)?")
    try:
        names = [path for path in target.parent.iterdir() if pattern.fullmatch(path.name)]
    except OSError:
        return
    for path in names:
        match = pattern.fullmatch(path.name)
        if match and not _is_running(int(match.group(1))):
            discard(path)


def _is_running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process: leave its files alone
    return True
