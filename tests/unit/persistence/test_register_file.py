"""The .wrac file itself: SQLite settings, durability, migrations, and what it refuses."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from tests.conftest import VALID_BIN
from wrac_desktop.errors import (
    NotARegister,
    RegisterDamaged,
    RegisterNotFound,
    RegisterReadOnly,
    RegisterTooNew,
)
from wrac_desktop.persistence import migrate
from wrac_desktop.persistence.models import Base, Organisation
from wrac_desktop.persistence.sqlite import APPLICATION_ID
from wrac_desktop.register import (
    create_register,
    open_for_reading,
    open_register,
    storage_checked,
    storage_damage,
)
from wrac_desktop.services import organisation


@pytest.fixture
def engine_kind() -> str:
    """These tests are about the .wrac file itself; test_server_register.py has the server's."""
    return "sqlite"


def pragma(path: Path, name: str) -> object:
    with sqlite3.connect(path) as connection:
        return connection.execute(f"PRAGMA {name}").fetchone()[0]


def test_new_register_is_a_stamped_wal_sqlite_file(register_path: Path) -> None:
    create_register(register_path).close()
    assert pragma(register_path, "application_id") == APPLICATION_ID
    assert pragma(register_path, "user_version") == migrate.schema_number(migrate.head_revision())
    assert pragma(register_path, "journal_mode") == "wal"


def test_connections_enforce_foreign_keys_and_full_sync(empty_register) -> None:  # type: ignore[no-untyped-def]
    with empty_register.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_migrations_from_empty_build_exactly_the_models(empty_register) -> None:  # type: ignore[no-untyped-def]
    with empty_register.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_committed_edit_survives_a_killed_process(register_path: Path) -> None:
    create_register(register_path).close()
    script = f"""
import os
from pathlib import Path
from wrac_desktop.register import open_register
from wrac_desktop.services import organisation
register = open_register(Path({str(register_path)!r}))
with register.uow.transaction() as session:
    organisation.create_organisation(session, "Power Cut LLP", {VALID_BIN!r})
os._exit(9)  # no close, no checkpoint: as if the power went
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 9, result.stderr
    with open_register(register_path) as register, register.uow.reading() as session:
        assert [o.legal_name for o in session.query(Organisation)] == ["Power Cut LLP"]


def test_round_trip_keeps_kazakh_text_bin_and_timestamps(register_path: Path) -> None:
    with create_register(register_path) as register, register.uow.transaction() as session:
        org = organisation.create_organisation(session, "«Әғқңөұүһі» ЖШС", VALID_BIN)
        created_uuid = org.uuid
    with open_register(register_path) as register, register.uow.reading() as session:
        stored = session.query(Organisation).one()
        assert (stored.legal_name, stored.bin, stored.uuid) == (
            "«Әғқңөұүһі» ЖШС",
            VALID_BIN,
            created_uuid,
        )
        assert stored.created_at.tzinfo is not None and stored.row_version == 1


def test_missing_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(RegisterNotFound, match="does not exist"):
        open_register(tmp_path / "nope.wrac")


def test_text_file_and_foreign_sqlite_are_not_registers(tmp_path: Path) -> None:
    text_file = tmp_path / "notes.wrac"
    text_file.write_text("just notes")
    other_db = tmp_path / "other.wrac"
    sqlite3.connect(other_db).execute("CREATE TABLE t (x)").connection.commit()
    for path in (text_file, other_db):
        before = path.read_bytes()
        with pytest.raises(NotARegister, match="not a WRAC register"):
            open_register(path)
        assert path.read_bytes() == before


def test_register_from_a_newer_version_is_refused_untouched(register_path: Path) -> None:
    create_register(register_path).close()
    with sqlite3.connect(register_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
        connection.execute("PRAGMA user_version = 99")
    before = register_path.read_bytes()
    with pytest.raises(RegisterTooNew, match="newer version"):
        open_register(register_path)
    assert register_path.read_bytes() == before


def test_read_only_file_opens_only_for_reading(register_path: Path) -> None:
    create_register(register_path).close()
    register_path.chmod(0o444)
    try:
        with pytest.raises(RegisterReadOnly):
            open_register(register_path)
        with open_for_reading(register_path) as register:
            assert register.read_only
            with pytest.raises(RegisterReadOnly), register.uow.transaction():
                pass
    finally:
        register_path.chmod(0o644)


def test_a_marked_file_emptied_of_its_tables_is_refused(register_path: Path) -> None:
    """Issue 23 item 6: a file with our application id but no tables is not migrated in place
    (and reported as sound): it is refused, and left as it is."""
    create_register(register_path).close()
    with sqlite3.connect(register_path) as connection:
        tables = connection.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()
        for (table,) in tables:
            connection.execute(f'DROP TABLE "{table}"')
        connection.execute("PRAGMA user_version = 0")
    connection.close()
    before = register_path.read_bytes()
    with pytest.raises(NotARegister, match="holds no tables"):
        open_register(register_path)
    assert register_path.read_bytes() == before
    assert not (register_path.parent / f"{register_path.name}.schema0.bak").exists()


def schema_1_register(path: Path) -> None:
    """A register as the first schema's program wrote it, with one organisation."""
    from alembic import command
    from sqlalchemy import create_engine, text

    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        command.upgrade(migrate._config(connection), "0001")
        connection.execute(text(f"PRAGMA application_id = {APPLICATION_ID}"))
        connection.execute(text("PRAGMA user_version = 1"))
        connection.execute(
            text(
                "INSERT INTO organisation (id, uuid, legal_name, bin, region, address, industry, "
                "created_at, modified_at, row_version) VALUES "
                f"(1, '{'0' * 32}', 'Old LLP', '{VALID_BIN}', '', '', '', '2025-01-01', "
                "'2025-01-01', 1)"
            )
        )
    engine.dispose()


def test_register_at_the_first_schema_is_upgraded_keeping_its_data(register_path: Path) -> None:
    schema_1_register(register_path)
    with open_register(register_path) as register:
        assert register.schema_number == migrate.schema_number(migrate.head_revision()) >= 2
        with register.uow.reading() as session:
            assert session.query(Organisation).one().legal_name == "Old LLP"
    assert (register_path.parent / f"{register_path.name}.schema1.bak").exists()
    assert pragma(register_path, "user_version") == migrate.schema_number(migrate.head_revision())


def test_a_register_opened_unchecked_holds_writes_until_its_file_is_checked(
    register_path: Path,
) -> None:
    """The window's way (issue 22): SQLite's scan of every page is left to it, the commands'
    open still refuses a damaged file whole (their contract)."""
    create_register(register_path).close()
    with sqlite3.connect(register_path) as connection:
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute("INSERT INTO org_unit (id, uuid, organisation_id, kind, name, "
                           "sort_order, row_version, created_at, modified_at) VALUES (5, "
                           "X'00', 77, 'site', 'Шахта', 0, 1, '', '')")  # fmt: skip
    connection.close()
    with pytest.raises(RegisterDamaged, match="missing organisation record"):
        open_register(register_path)
    register = open_register(register_path, check_storage=False)
    with register:
        assert not register.writable and not register.storage_checked
        with pytest.raises(RegisterReadOnly, match="being checked"), register.uow.transaction():
            pass
        damage = storage_damage(register)
        assert damage == ["site/division record, row 5: refers to a missing organisation record"]
        storage_checked(register, damage)
        assert register.read_only and not register.writable and register.damage == tuple(damage)
        with pytest.raises(RegisterReadOnly), register.uow.transaction():
            pass


def test_a_sound_register_opened_unchecked_is_written_once_checked(register_path: Path) -> None:
    create_register(register_path).close()
    with open_register(register_path, check_storage=False) as register:
        storage_checked(register, storage_damage(register))
        assert register.writable and register.damage == ()
        with register.uow.transaction() as session:
            organisation.create_organisation(session, "ТОО «Руда»", VALID_BIN)
