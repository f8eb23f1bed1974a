"""Everything SQLite-only, in one clearly marked place.

A ``.wrac`` register is a SQLite file: WAL journal, synchronous=FULL (a committed edit survives
a power cut), foreign keys on, and our ``application_id`` so that any other SQLite file is
recognised as "not a register".
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError

from wrac_desktop.domain.field_titles import record_title
from wrac_desktop.i18n import _

log = logging.getLogger(__name__)

APPLICATION_ID = 0x57524143  # "WRAC"
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000  # how long to wait for another program's lock before saying so


def looks_like_sqlite(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def create_sqlite_engine(path: Path, *, read_only: bool) -> Engine:
    """An engine on a register file; read-only registers are opened so nothing is written."""
    if read_only:
        engine = create_engine(_read_only_url(path))
    else:
        engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _on_connect)
    return engine


def _read_only_url(path: Path) -> str:
    """mode=ro, plus immutable=1 so a register on a read-only medium (where SQLite cannot
    create its -shm file) still opens. Not when a -wal file holds committed work that
    immutable mode would ignore, nor where the file can be written: immutable ignores locks,
    and another program (the app, on the other side of a merge) may be writing it."""
    wal = Path(f"{path}-wal")
    unused_wal = not wal.exists() or wal.stat().st_size == 0
    writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    immutable = "&immutable=1" if unused_wal and not writable else ""
    return f"sqlite:///file:{quote(str(path.resolve()))}?mode=ro{immutable}&uri=true"


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # A register is a file from outside: no extension is loaded, and functions in its schema
    # (views, triggers, defaults) may not call anything with side effects.
    if hasattr(dbapi_connection, "enable_load_extension"):  # absent where SQLite has none
        dbapi_connection.enable_load_extension(False)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA trusted_schema = OFF")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_MS)}")
    cursor.close()


def enable_wal(engine: Engine) -> None:
    """Switch the file to WAL (it stays so). Only for files known to be registers: probing
    someone else's SQLite file must not change a byte of it."""
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA journal_mode = WAL")


def set_page_cache(connection: Connection, kilobytes: int) -> None:
    """SQLite's page cache for this connection, in kilobytes (its own default is 2 MB)."""
    connection.exec_driver_sql(f"PRAGMA cache_size = -{int(kilobytes)}").close()


@contextmanager
def written_once(engine: Engine) -> Iterator[None]:
    """Fill a new register file without a journal, then switch it to WAL as every register is.

    Only for a file nobody else has open, and that is thrown away when the fill fails (the
    demo's temporary file). Through the -wal every page of the 50,000-hazard demo was written
    twice (into the -wal, then into the file by the checkpoint): 0.2-0.5 s of CPU, mostly the
    system's, as sqlite3 restoring a dump does not.
    """
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA journal_mode = OFF").all()  # read: its statement ends
    yield
    # On a connection that had it without the -wal, the closing checkpoint then failed
    # ("database table is locked"): the switch back is made, and left, on a fresh one.
    engine.dispose()
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA journal_mode = WAL").all()
    engine.dispose()


def read_application_id(connection: Connection) -> int:
    return int(connection.execute(text("PRAGMA application_id")).scalar_one())


def stamp_file(connection: Connection, schema_number: int) -> None:
    """Mark the file as ours and record the schema number where tools like `file` look."""
    connection.execute(text(f"PRAGMA application_id = {APPLICATION_ID}"))
    connection.execute(text(f"PRAGMA user_version = {int(schema_number)}"))


def schema_objects(connection: Connection) -> list[tuple[str, str]]:
    """(type, name) of the tables, indexes, triggers and views in the file; SQLite's own
    (sqlite_sequence, automatic indexes) left out."""
    query = "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
    return [(kind, name) for kind, name in connection.exec_driver_sql(query)]


def table_names(connection: Connection) -> list[str]:
    query = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    return list(connection.exec_driver_sql(query).scalars())


class UndecodableText(bytes):
    """A stored text that is not UTF-8: how ``tolerant_text`` hands it over."""


@contextmanager
def tolerant_text(connection: Connection) -> Iterator[None]:
    """Within this block, text that is not UTF-8 reads as ``UndecodableText`` instead of
    failing the whole query, so a check can name the row and column that hold it."""
    driver = connection.connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    driver.text_factory = _tolerant_decode
    try:
        yield
    finally:
        driver.text_factory = str


def _tolerant_decode(raw: bytes) -> str | UndecodableText:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return UndecodableText(raw)


def read_user_version(connection: Connection) -> int:
    return int(connection.execute(text("PRAGMA user_version")).scalar_one())


def integrity_problems(connection: Connection, *, thorough: bool = True) -> list[str]:
    """SQLite's own integrity and foreign-key checks, as readable lines in the current
    language. ``thorough=False`` runs ``quick_check`` (every page and row read, indexes not
    matched against their tables). SQLite's own words for a damaged page are English and
    cannot be translated: each is kept as a detail of a sentence that says what it means."""
    pragma = "integrity_check" if thorough else "quick_check"
    details = [
        _sqlite_words(row[0])
        for row in connection.execute(text(f"PRAGMA {pragma}"))
        if row[0] != "ok"
    ]
    problems = [damaged_pages(file_name(connection), detail) for detail in details]
    for table, rowid, parent, _fk in connection.execute(text("PRAGMA foreign_key_check")):
        problems.append(
            _("{record} record, row {row}: refers to a missing {parent} record").format(
                record=record_title(table), row=rowid, parent=record_title(parent)
            )
        )
    return problems


def damaged_pages(file: str, detail: str) -> str:
    """A line of SQLite's check of ``file``'s pages (its English ``detail``), explained."""
    return _(
        "the file {file} is damaged where SQLite stores it; restore it from a backup "
        "(SQLite's own check says: {detail})"
    ).format(file=file, detail=detail)


def _sqlite_words(detail: str) -> str:
    """A line of SQLite's check on one line, without its "*** in database main ***" heading."""
    return " ".join(line for line in detail.splitlines() if not line.startswith("***"))


def file_name(connection: Connection) -> str:
    """The name of the file ``connection`` reads (an upgraded copy has the register's)."""
    for _seq, name, file in connection.execute(text("PRAGMA database_list")):
        if name == "main" and file:
            return Path(file).name
    return _("in memory")


def checkpoint(engine: Engine) -> None:
    """Fold the WAL back into the file so a closed register is one self-contained file.

    On a full disk that cannot be done, and need not be: the committed work stays in the -wal
    file, where the next open finds it (a revise that had committed exited 3 "internal error"
    here when the file could not grow).
    """
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    except OperationalError as error:
        if not is_disk_full_error(error):
            raise
        log.warning("register left with its -wal file: %s", error.orig)


def wal_left_beside(path: Path) -> bool:
    """True when a closed register's committed work is still (partly) in its -wal file: the
    closing checkpoint did not fit on the disk. Such a file alone is not the register; moved
    or copied without its -wal it reads as damaged."""
    wal = Path(f"{path}-wal")
    return wal.exists() and wal.stat().st_size > 0


def is_disk_full_error(error: BaseException) -> bool:
    message = str(error).lower()
    return "database or disk is full" in message or "disk i/o error" in message


def remove_database_files(path: Path) -> None:
    """Delete a register file with the -wal and -shm files SQLite keeps beside it, so
    nothing of a half-made or replaced register is left behind."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


# SQLite's words for a file whose pages or schema are not what the program wrote
DAMAGE_WORDS = ("malformed", "file is not a database", "no such table", "no such column",
                "could not decode to utf-8")  # fmt: skip


def is_damage_error(error: BaseException) -> bool:
    original = getattr(error, "orig", None) or error
    if not isinstance(original, sqlite3.DatabaseError):
        return False
    return any(words in str(original).lower() for words in DAMAGE_WORDS)


def is_locked_error(error: BaseException) -> bool:
    message = str(error).lower()
    return "database is locked" in message or "database table is locked" in message


def backup_to(engine: Engine, target: Path) -> None:
    """Copy a live register page by page with SQLite's online backup."""
    destination = sqlite3.connect(target)
    try:
        with engine.connect() as connection:
            source = connection.connection.driver_connection
            assert isinstance(source, sqlite3.Connection)
            source.backup(destination)
    finally:
        destination.close()
