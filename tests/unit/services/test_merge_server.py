"""An officer takes a server register offline as a .wrac file and brings the changes back."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Sample
from wrac_desktop.persistence.models import Hazard
from wrac_desktop.register import Register, create_register
from wrac_desktop.services import merge
from wrac_desktop.services.checks import check_register

pytestmark = pytest.mark.postgres


@pytest.fixture
def engine_kind() -> str:
    return "postgres"


def description(register: Register, hazard_uuid: object) -> str:
    with register.uow.reading() as session:
        hazard = session.query(Hazard).filter_by(uuid=hazard_uuid).one()
        return hazard.description


def set_description(register: Register, hazard_uuid: object, text: str) -> None:
    with register.uow.transaction() as session:
        session.query(Hazard).filter_by(uuid=hazard_uuid).one().description = text


def test_a_server_register_goes_offline_and_its_changes_come_back_both_ways(
    sample_register: tuple[Register, Sample], tmp_path: Path
) -> None:
    server, ids = sample_register
    assert server.engine.dialect.name == "postgresql"
    with server.uow.reading() as session:
        key = session.get_one(Hazard, ids.hazard_id).uuid
    with create_register(tmp_path / "laptop.wrac") as laptop:
        merge.merge(laptop, server)  # the offline copy: everything the server holds
        assert description(laptop, key) == description(server, key)
        set_description(laptop, key, "Шахтадағы шу (өлшенді)")
        merge.merge(server, laptop)  # file → server
        assert description(server, key) == "Шахтадағы шу (өлшенді)"
        set_description(server, key, "Шахтадағы шу және діріл")
        merge.merge(laptop, server)  # server → file
        assert description(laptop, key) == "Шахтадағы шу және діріл"
        assert merge.preview(laptop, server).plan.conflicts == []
        assert check_register(laptop) == [] and check_register(server) == []
