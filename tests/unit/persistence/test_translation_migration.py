"""Schema 5: a register from schema 4 gets a translation row for each text its revisions print,
in the language its letters show, and its approvals keep verifying in their own format."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, select, text

from tests.conftest import VALID_BIN
from wrac_desktop.persistence import migrate, record_queries
from wrac_desktop.persistence.models import Assessment, TextTranslation
from wrac_desktop.register import create_register, open_register
from wrac_desktop.services import approval, assessments, hazards, matrices, measures, organisation
from wrac_desktop.services.fingerprints import stored_format
from wrac_desktop.vocabulary import ControlLevel


@pytest.fixture
def engine_kind() -> str:
    return "sqlite"  # the file is taken down to schema 4 with Alembic's SQLite batch steps


def schema_4_register(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A register with Kazakh, Russian and English texts and revision 1 approved as schema 4's
    program did (format 3), then a draft revision 2; taken down to schema 4."""
    monkeypatch.setattr(approval, "FORMAT", "wrac-fingerprint-3")
    with create_register(path) as register, register.uow.transaction() as session:
        org = organisation.create_organisation(session, "ТОО «Шығыс Кен»", VALID_BIN)
        site = organisation.add_unit(session, org, "Рудник Восточный")
        workplace = organisation.add_workplace(session, site, "Driller")
        matrix = matrices.add_preset(session, "wrac_5x5")
        assessment = assessments.create_assessment(session, org, matrix, "Оценка рисков 2026")
        hazard = hazards.add_hazard(
            session, assessment, workplace, "Діріл", causes="Шум компрессора"
        )
        measures.add_measure(session, hazard, "Noise enclosure", ControlLevel.ENGINEERING)
        measures.add_measure(session, hazard, "12", ControlLevel.PPE)  # no letters: no language
        approval.approve(session, assessment, by="Ахметов С.", position="Директор",
                         on=date(2026, 4, 1))  # fmt: skip
        approval.start_revision(session, assessment)
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        command.downgrade(migrate._config(connection), "0004")
        connection.execute(text("PRAGMA user_version = 4"))
    engine.dispose()


def test_schema_4_texts_get_their_detected_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.wrac"
    schema_4_register(path, monkeypatch)
    monkeypatch.undo()
    with open_register(path) as register, register.uow.reading() as session:
        assert register.schema_number == migrate.schema_number(migrate.head_revision()) >= 5
        revisions = session.scalars(select(Assessment).order_by(Assessment.revision)).all()
        assert [stored_format(session, a) for a in revisions] == ["wrac-fingerprint-3", None]
        assert approval.tamper_problems(session) == []  # revision 1 verifies under format 3
        for assessment in revisions:
            rows = session.scalars(
                select(TextTranslation).where(TextTranslation.assessment_id == assessment.id)
            ).all()
            found = {row.source: (row.lang, row.kk, row.ru, row.en) for row in rows}
            assert found["Діріл"] == ("kk", "Діріл", "", "")
            assert found["Шум компрессора"] == ("ru", "", "Шум компрессора", "")
            assert found["Noise enclosure"] == ("en", "", "", "Noise enclosure")
            assert found["ТОО «Шығыс Кен»"][0] == "kk"
            assert found["Рудник Восточный"][0] == "ru" and found["Driller"][0] == "en"
            assert found["Оценка рисков 2026"][0] == "ru"
            assert "12" not in found
    assert (path.parent / f"{path.name}.schema4.bak").exists()


def test_after_the_upgrade_approvals_cover_every_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.wrac"
    schema_4_register(path, monkeypatch)
    monkeypatch.undo()
    with open_register(path) as register, register.uow.transaction() as session:
        draft = session.scalars(select(Assessment).where(Assessment.revision == 2)).one()
        approval.approve(session, draft, by="Ахметов С.", position="Директор", on=date(2026, 5, 1))
        assert stored_format(session, draft) == "wrac-fingerprint-5"
        stored = record_queries.approved_content(session, draft.id) or ""
        assert '"source":"Шум компрессора"' in stored
        assert approval.tamper_problems(session) == []
