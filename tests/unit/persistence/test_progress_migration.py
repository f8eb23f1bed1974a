"""Schema 6: a schema-5 register gets an empty progress log and attachment store; nothing it
held changes, its approval keeps verifying, and the plan can move at once."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, func, select, text

from tests.conftest import VALID_BIN
from wrac_desktop.persistence import migrate
from wrac_desktop.persistence.models import Assessment, ProgressEvent
from wrac_desktop.register import create_register, open_register
from wrac_desktop.services import (
    approval,
    assessments,
    hazards,
    matrices,
    measures,
    organisation,
    work,
)
from wrac_desktop.services.checks import check_register
from wrac_desktop.services.progress import record_progress
from wrac_desktop.vocabulary import ControlLevel


@pytest.fixture
def engine_kind() -> str:
    return "sqlite"  # taken down to schema 5 with Alembic's SQLite steps


def test_a_schema_5_register_gets_an_empty_log_and_its_approval_still_verifies(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.wrac"
    with create_register(path) as register, register.uow.transaction() as session:
        org = organisation.create_organisation(session, "ТОО «Шығыс Кен»", VALID_BIN)
        site = organisation.add_unit(session, org, "Рудник")
        workplace = organisation.add_workplace(session, site, "Бұрғылаушы")
        matrix = matrices.add_preset(session, "wrac_5x5")
        assessment = assessments.create_assessment(session, org, matrix, "Бағалау 2026")
        hazard = hazards.add_hazard(session, assessment, workplace, "Діріл")
        measure = measures.add_measure(session, hazard, "Қоршау", ControlLevel.ENGINEERING)
        measure_uuid = str(measure.uuid)
        approval.approve(session, assessment, by="Ахметов С.", position="Директор",
                         on=date(2026, 4, 1))  # fmt: skip
        fingerprint = assessment.fingerprint
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        command.downgrade(migrate._config(connection), "0005")
        connection.execute(text("PRAGMA user_version = 5"))
        tables = {row[0] for row in connection.execute(text("SELECT name FROM sqlite_master"))}
        assert "progress_event" not in tables and "attachment_blob" not in tables
    engine.dispose()

    with open_register(path) as register:
        assert register.schema_number == migrate.schema_number(migrate.head_revision()) >= 6
        with register.uow.reading() as session:
            assert session.scalar(select(func.count()).select_from(ProgressEvent)) == 0
            assert approval.tamper_problems(session) == []
        with work.transaction(register) as on_register:
            record_progress(on_register, measure_uuid, "done", on=date(2026, 5, 2))
        with register.uow.reading() as session:
            approved = session.scalars(select(Assessment)).one()
            assert approved.fingerprint == fingerprint
            assert approval.tamper_problems(session) == []
        assert check_register(register) == []
