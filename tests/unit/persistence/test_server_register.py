"""A register on a PostgreSQL server: same schema, same data, clear refusals, nothing half-done."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text

from tests.conftest import VALID_BIN
from tests.pg_server import ThrowawayServer
from wrac_desktop.errors import (
    NotARegister,
    RegisterNotFound,
    RegisterReadOnly,
    RegisterTooNew,
    ServerUnavailable,
    UserError,
)
from wrac_desktop.persistence import migrate
from wrac_desktop.persistence.models import Base, Hazard, Organisation
from wrac_desktop.register import create_location, open_location
from wrac_desktop.services import organisation
from wrac_desktop.services.demo import write_demo

pytestmark = pytest.mark.postgres


@pytest.fixture
def engine_kind() -> str:
    return "postgres"


def run_sql(url: str, *statements: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        for statement in statements:
            connection.exec_driver_sql(statement)
    engine.dispose()


def test_migrations_build_exactly_the_models_on_postgres(empty_register) -> None:  # type: ignore[no-untyped-def]
    assert empty_register.engine.dialect.name == "postgresql"
    with empty_register.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_round_trip_keeps_kazakh_text_and_the_location_hides_the_password(
    register_location: str,
) -> None:
    with create_location(register_location) as register, register.uow.transaction() as session:
        org = organisation.create_organisation(session, "«Әғқңөұүһі» ЖШС", VALID_BIN)
        created_uuid = org.uuid
    with open_location(register_location) as register, register.uow.reading() as session:
        stored = session.query(Organisation).one()
        assert (stored.legal_name, stored.uuid, stored.row_version) == (
            "«Әғқңөұүһі» ЖШС",
            created_uuid,
            1,
        )
        assert stored.created_at.tzinfo is not None
        assert "wrac_test@127.0.0.1" in register.location
        assert "Пароль" not in register.location and "%D0%9F" not in register.location


def test_a_second_init_is_refused_and_force_replaces_the_register(register_location: str) -> None:
    write_demo(register_location, workplaces=2)
    with pytest.raises(UserError, match="already holds a register"):
        create_location(register_location)
    with (
        create_location(register_location, overwrite=True) as register,
        register.uow.reading() as session,
    ):
        assert session.query(Organisation).count() == 0


def test_a_database_with_other_tables_is_never_touched(register_location: str) -> None:
    run_sql(register_location, "CREATE TABLE payroll (x int)", "INSERT INTO payroll VALUES (1)")
    with pytest.raises(NotARegister, match="not a WRAC register"):
        open_location(register_location)
    with pytest.raises(UserError, match="other tables"):
        create_location(register_location, overwrite=True)
    with pytest.raises(UserError, match="other tables"):
        write_demo(register_location, workplaces=1, overwrite=True)
    engine = create_engine(register_location)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT x FROM payroll").scalar_one() == 1
    engine.dispose()


def test_an_empty_database_says_how_to_create_a_register(register_location: str) -> None:
    with pytest.raises(NotARegister, match="wrac init"):
        open_location(register_location)


def test_login_and_address_failures_are_clear(
    postgres_server: ThrowawayServer, register_location: str
) -> None:
    with pytest.raises(ServerUnavailable, match="wrong user name or password"):
        open_location(postgres_server.url("postgres", password="wrong"))
    with pytest.raises(ServerUnavailable, match="wrong user name or password"):
        open_location(postgres_server.url("postgres", user="nobody_here"))
    with pytest.raises(RegisterNotFound, match="database no_such_db does not exist"):
        open_location(postgres_server.url("no_such_db"))
    with pytest.raises(ServerUnavailable, match="cannot reach the database server 127.0.0.1:1"):
        open_location("postgresql+psycopg://someone@127.0.0.1:1/register")
    with pytest.raises(UserError, match="names no database"):
        open_location("postgresql+psycopg://someone@127.0.0.1:1")


def test_a_user_who_may_only_read_gets_a_read_only_register(
    postgres_server: ThrowawayServer, register_location: str
) -> None:
    write_demo(register_location, workplaces=2)
    database = register_location.rsplit("/", 1)[1]
    run_sql(
        register_location,
        "CREATE ROLE reader LOGIN PASSWORD 'read'",
        "GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader",
    )
    reader_url = postgres_server.url(database, user="reader", password="read")
    with pytest.raises(RegisterReadOnly, match="may only read"):
        open_location(reader_url, read_only=False)
    with open_location(reader_url) as register:
        assert register.read_only
        with register.uow.reading() as session:
            assert session.query(Organisation).count() == 1
        with pytest.raises(RegisterReadOnly), register.uow.transaction():
            pass


def test_read_only_opening_cannot_write_even_by_mistake(register_location: str) -> None:
    create_location(register_location).close()
    with open_location(register_location, read_only=True) as register:
        assert register.read_only
        register.uow.read_only = False  # as if a bug skipped the check
        with pytest.raises(RegisterReadOnly), register.uow.transaction() as session:
            organisation.create_organisation(session, "Sneaky LLP", VALID_BIN)


def test_a_register_from_a_newer_version_is_refused_untouched(register_location: str) -> None:
    create_location(register_location).close()
    run_sql(register_location, "UPDATE alembic_version SET version_num = '9999_future'")
    with pytest.raises(RegisterTooNew, match="newer version"):
        open_location(register_location)


def test_a_register_at_the_first_schema_is_upgraded_keeping_its_data(
    register_location: str,
) -> None:
    from alembic import command

    engine = create_engine(register_location)
    with engine.begin() as connection:
        command.upgrade(migrate._config(connection), "0001")
        connection.execute(
            text(
                "INSERT INTO organisation (id, uuid, legal_name, bin, region, address, industry, "
                "created_at, modified_at, row_version) VALUES "
                f"(1, '{'0' * 32}', 'Old LLP', '{VALID_BIN}', '', '', '', '2025-01-01', "
                "'2025-01-01', 1)"
            )
        )
        connection.execute(text("INSERT INTO register_property VALUES ('created_with', '0.0')"))
    engine.dispose()
    with open_location(register_location) as register:
        assert register.schema_number == migrate.schema_number(migrate.head_revision()) >= 2
        with register.uow.reading() as session:
            assert session.query(Organisation).one().legal_name == "Old LLP"


def test_a_failed_demo_leaves_the_register_there_as_it_was(
    register_location: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wrac_desktop.services import server_demo

    write_demo(register_location, workplaces=3)

    def explode(*_args: object, **_options: object) -> None:
        raise OSError("network gone")

    monkeypatch.setattr(server_demo, "copy_tables", explode)
    with pytest.raises(OSError):
        write_demo(register_location, workplaces=5, overwrite=True)
    with open_location(register_location) as register, register.uow.reading() as session:
        assert session.query(Organisation).count() == 1
        workplaces = session.execute(text("SELECT count(*) FROM workplace")).scalar_one()
        assert workplaces == 3


def test_records_added_after_the_demo_get_fresh_ids(register_location: str) -> None:
    write_demo(register_location, workplaces=2)
    with open_location(register_location) as register, register.uow.transaction() as session:
        added = organisation.create_organisation(session, "Second LLP", VALID_BIN)
        session.flush()
        assert added.id == 2


def test_new_database_fixture_gives_distinct_databases(new_database: Callable[[], str]) -> None:
    assert new_database() != new_database()


def test_a_record_another_user_holds_locked_is_reported_as_locked(
    register_location: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wrac_desktop.errors import RegisterLocked
    from wrac_desktop.persistence import postgres
    from wrac_desktop.services import editing

    monkeypatch.setattr(postgres, "LOCK_TIMEOUT_MS", 200)  # not the 5 s a user would wait
    write_demo(register_location, workplaces=1)
    holder = create_engine(register_location)
    with holder.begin() as connection, open_location(register_location) as register:
        connection.exec_driver_sql("SELECT id FROM hazard WHERE id = 1 FOR UPDATE")
        with (
            pytest.raises(RegisterLocked, match="locked by another user's change"),
            register.uow.transaction() as session,
        ):
            editing.set_fields(session, Hazard, 1, expected_version=1, notes="waits")
    holder.dispose()
