"""Two threads migrating at once (the window opening a register while the start screen reads
the recent ones): Alembic keeps its context in module globals, and they took each other's."""

from __future__ import annotations

import threading

from sqlalchemy import create_engine, inspect

from wrac_desktop.persistence import migrate


def test_two_threads_migrate_empty_databases_at_once() -> None:
    errors: list[BaseException] = []
    tables: list[int] = []

    def migrate_some() -> None:
        for _ in range(3):
            engine = create_engine("sqlite://")
            try:
                with engine.begin() as connection:
                    migrate.upgrade_to_head(connection)
                    tables.append(len(inspect(connection).get_table_names()))
            except Exception as error:  # noqa: BLE001 - collected and shown by the assert
                errors.append(error)
            finally:
                engine.dispose()

    threads = [threading.Thread(target=migrate_some) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(tables) == 6 and len(set(tables)) == 1 and tables[0] > 10
