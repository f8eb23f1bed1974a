"""Issue 16: the register's search finds a hazard by its text in any language (kk, ru, en),
not only the language it was typed in; the translations' search text stays derived (a change
behind the app's back is named by the check), and schema 9 registers get it on opening."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, select, text

from tests.conftest import Sample
from wrac_desktop.persistence import migrate
from wrac_desktop.persistence.derived import translation_search_text
from wrac_desktop.persistence.models import Assessment, TextTranslation
from wrac_desktop.persistence.queries import HazardFilter, hazard_ids
from wrac_desktop.register import Register, open_register
from wrac_desktop.services import translations as texts
from wrac_desktop.services.checks import check_register
from wrac_desktop.text import fold

EVENT = "Жарылыстан кейінгі газбен улану"  # the sample hazard's unwanted event, in Kazakh


def translate(register: Register, ids: Sample, lang: str, value: str) -> None:
    with register.uow.transaction() as session:
        texts.translate(session, session.get_one(Assessment, ids.assessment_id), EVENT, lang, value)


def found(register: Register, words: str) -> list[int]:
    with register.uow.reading() as session:
        return hazard_ids(session, HazardFilter(text=words))


def test_a_hazard_is_found_by_its_text_in_every_language(
    sample_register: tuple[Register, Sample],
) -> None:
    register, ids = sample_register
    assert found(register, "улану") == [ids.hazard_id]  # as typed
    assert found(register, "отравление") == []  # no Russian version yet
    translate(register, ids, "ru", "Отравление газами после взрыва")
    translate(register, ids, "en", "Gas poisoning after blasting")
    assert found(register, "ОТРАВЛЕНИЕ") == [ids.hazard_id]
    assert found(register, "poisoning") == [ids.hazard_id]
    assert found(register, "газбен poisoning") == [ids.hazard_id]  # words of two languages
    assert found(register, "poisoning пожар") == []  # every word must be found
    assert found(register, "p%g") == []  # a LIKE wildcard typed is a character


def test_a_translation_s_search_text_changed_behind_the_app_s_back_is_named(
    sample_register: tuple[Register, Sample],
) -> None:
    register, ids = sample_register
    translate(register, ids, "ru", "Отравление газами после взрыва")
    with register.uow.reading() as session:
        row = session.scalars(select(TextTranslation).where(TextTranslation.source == EVENT)).one()
        fields = {"lang": "kk", "kk": EVENT, "ru": row.ru, "en": ""}
        assert row.search_text == translation_search_text(fields) == fold(row.ru) + "\n"
    assert check_register(register) == []
    with register.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE text_translation SET search_text = 'пожар'")
    findings = check_register(register)
    assert any("search text does not follow" in line for line in findings), findings


@pytest.mark.parametrize("engine_kind", ["sqlite"])  # taken down with SQLite's batch steps
def test_a_schema_9_register_gets_the_search_text_of_its_translations(
    engine_kind: str, sample_register: tuple[Register, Sample]
) -> None:
    register, ids = sample_register
    translate(register, ids, "ru", "Отравление газами после взрыва")
    register.close()
    path = Path(register.location)
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        command.downgrade(migrate._config(connection), "0009")  # noqa: SLF001
        connection.execute(text("PRAGMA user_version = 9"))
        info = connection.exec_driver_sql("PRAGMA table_info(text_translation)")
        columns = [row[1] for row in info]
    engine.dispose()
    assert "search_text" not in columns
    with open_register(path) as upgraded:
        assert upgraded.schema_number == migrate.schema_number(migrate.head_revision()) >= 10
        with upgraded.uow.reading() as session:
            rows = session.scalars(select(TextTranslation)).all()
        assert rows and all(
            row.search_text
            == translation_search_text({"lang": row.lang, "kk": row.kk, "ru": row.ru, "en": row.en})
            for row in rows
        )
        assert found(upgraded, "отравление") == [ids.hazard_id]
        assert check_register(upgraded) == []
