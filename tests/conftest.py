"""Fixtures shared by every test: isolated user folders and registers built through services."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from tests import pg_server
from wrac_desktop.domain.bin import make_bin
from wrac_desktop.persistence.models import Assessment, Hazard, OrgUnit, Workplace
from wrac_desktop.register import Register, create_location
from wrac_desktop.services import assessments, hazards, matrices, measures, organisation
from wrac_desktop.vocabulary import ControlLevel, MeasureKind, UnitKind

VALID_BIN = make_bin("05094001234")


@pytest.fixture(autouse=True)
def isolated_user_folders(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test reads or writes the real user's data, settings or log."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("WRAC_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("WRAC_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("WRAC_USER", "Tester")


@pytest.fixture(autouse=True)
def restore_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """A test that switches the language (``--lang kk``, the settings) leaves others in theirs.

    Each starts with English messages and Russian data labels: the suite's sample registers
    are Russian, and a service called without a language (``lang=None``) reads them in the
    current one. The command line and the app never start so: they choose both by
    ``i18n.startup_language`` (English when nothing names a language), tested on their own."""
    from wrac_desktop import i18n

    monkeypatch.setattr(i18n, "_current", i18n._current)
    monkeypatch.setattr(i18n, "_current_language", "ru")
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):  # the tester's own locale
        monkeypatch.delenv(variable, raising=False)


@pytest.fixture
def register_path(tmp_path: Path) -> Path:
    return tmp_path / "test.wrac"


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[pg_server.ThrowawayServer]:
    """One PostgreSQL server for the whole run, started on first use, stopped at the end."""
    server = pg_server.start_server()
    try:
        yield server
    finally:
        pg_server.remove(server)


@pytest.fixture
def new_database(postgres_server: pg_server.ThrowawayServer) -> Iterator[Callable[[], str]]:
    """Makes an empty database on the test server and returns its URL; emptied afterwards
    for the next test."""
    handed_out: list[str] = []

    def make() -> str:
        handed_out.append(postgres_server.take_database())
        return handed_out[-1]

    yield make
    for url in handed_out:
        postgres_server.give_back(url)


@pytest.fixture
def engine_kind() -> str:
    """Which engine the register fixtures use; the persistence and services suites override
    this to run every test on both SQLite and PostgreSQL."""
    return "sqlite"


@pytest.fixture
def register_location(engine_kind: str, register_path: Path, request: pytest.FixtureRequest) -> str:
    """Where the test's register lives: a .wrac path or a database URL."""
    if engine_kind == "postgres":
        return str(request.getfixturevalue("new_database")())
    return str(register_path)


@pytest.fixture
def new_location(
    engine_kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> Callable[[str], str]:
    """Makes further register locations on the test's engine: ``new_location("a")``."""
    if engine_kind == "postgres":
        make_database = request.getfixturevalue("new_database")
        return lambda _name: str(make_database())
    return lambda name: str(tmp_path / f"{name}.wrac")


@pytest.fixture
def empty_register(register_location: str) -> Iterator[Register]:
    with create_location(register_location) as register:
        yield register


@dataclass
class Sample:
    """Ids of the records ``sample_register`` holds."""

    assessment_id: int
    site_id: int
    division_id: int
    workplace_id: int
    hazard_id: int


@pytest.fixture
def sample_register(empty_register: Register) -> tuple[Register, Sample]:
    """A small register: one site, a division, a workplace, one scored hazard, two measures."""
    with empty_register.uow.transaction() as session:
        org = organisation.create_organisation(
            session, "ТОО «Қазақ Кен»", VALID_BIN, region="Шығыс Қазақстан облысы"
        )
        site = organisation.add_unit(session, org, "Жерасты кеніші")
        division = organisation.add_unit(
            session, org, "Үңгілеу учаскесі", parent=site, kind=UnitKind.DIVISION
        )
        workplace = organisation.add_workplace(
            session, division, "Үңгілеуші", headcount=12, shift_pattern="4×12"
        )
        matrix = matrices.add_preset(session, "wrac_5x5")
        assessment = assessments.create_assessment(
            session, org, matrix, "Тәуекелдерді бағалау 2026", assessed_on=date(2026, 3, 16)
        )
        assessments.add_team_member(session, assessment, "Нұрланова Әйгерім", "Еңбекті қорғау")
        hazard = hazards.add_hazard(
            session,
            assessment,
            workplace,
            "Улы газдар (CO, NO₂)",
            unwanted_event="Жарылыстан кейінгі газбен улану",
            library_id="toxic_gas_co",
        )
        hazards.rate(hazard, "initial", 4, 4)
        measures.add_measure(
            session,
            hazard,
            "Жергілікті желдету желдеткіштері",
            ControlLevel.ENGINEERING,
            due="IV квартал 2026 г.",
        )
        measures.add_measure(
            session, hazard, "Газоанализатор", ControlLevel.PPE, kind=MeasureKind.EXISTING
        )
        hazards.rate(hazard, "residual", 2, 4)
        ids = Sample(assessment.id, site.id, division.id, workplace.id, hazard.id)
    return empty_register, ids


def load(register: Register, model: type, record_id: int) -> object:
    """A fresh copy of a record, read in its own session."""
    with register.uow.reading() as session:
        return session.get(model, record_id)


__all__ = ["Assessment", "Hazard", "OrgUnit", "Sample", "VALID_BIN", "Workplace", "load"]
