"""Several officers saving at the same moment on one server register: nobody's save fails for
the audit log's sake, and its hash chain stays numbered without gaps and linked.

Each writer is a Register of its own (its own engine and connections), in a thread, exactly
as several apps on several laptops would be; a barrier starts every round together.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.conftest import Sample
from tests.unit.importing.worksheets import EN_HEADER, write_xlsx
from wrac_desktop.persistence.audit import Actor
from wrac_desktop.persistence.audit_chain import chain_problems
from wrac_desktop.persistence.conflicts import EditConflict
from wrac_desktop.persistence.models import AuditEntry, Hazard, Workplace
from wrac_desktop.register import Register, open_location
from wrac_desktop.services import editing, hazards
from wrac_desktop.services.importing import import_worksheet

pytestmark = pytest.mark.postgres
ROUNDS = 10


@pytest.fixture
def engine_kind() -> str:
    return "postgres"


@dataclass
class Outcomes:
    """What each writer's saves came to: None for a save that went through."""

    results: list[BaseException | None] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, result: BaseException | None) -> None:
        with self.lock:
            self.results.append(result)

    def failures(self) -> list[BaseException]:
        return [result for result in self.results if result is not None]


@pytest.fixture
def writers(register_location: str) -> Iterator[Callable[[int], list[Register]]]:
    opened: list[Register] = []

    def open_writers(count: int) -> list[Register]:
        for number in range(count):
            actor = Actor(f"Officer {number}", f"officer{number}")
            opened.append(open_location(register_location, actor=actor, read_only=False))
        return opened[-count:]

    yield open_writers
    for register in opened:
        register.close()


def hazards_for(register: Register, sample: Sample, count: int) -> list[int]:
    """``count`` hazards of the sample's workplace, the sample's own first."""
    with register.uow.transaction() as session:
        workplace = session.get_one(Workplace, sample.workplace_id)
        assessment = session.get_one(Hazard, sample.hazard_id).assessment
        added = [
            hazards.add_hazard(session, assessment, workplace, f"Hazard {number}")
            for number in range(1, count)
        ]
        session.flush()
        return [sample.hazard_id, *(hazard.id for hazard in added)]


def version_of(register: Register, hazard_id: int) -> int:
    with register.uow.reading() as session:
        return session.get_one(Hazard, hazard_id).row_version


def save_note(register: Register, hazard_id: int, version: int, note: str) -> None:
    with register.uow.transaction() as session:
        editing.set_fields(session, Hazard, hazard_id, expected_version=version, notes=note)


def run_together(jobs: list[Callable[[], None]]) -> None:
    """Run each job in its own thread, all released at once; wait for them all."""
    start = threading.Barrier(len(jobs))

    def released(job: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            start.wait()
            job()

        return run

    threads = [threading.Thread(target=released(job)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a writer hung"


def attempt(outcomes: Outcomes, action: Callable[[], None]) -> None:
    try:
        action()
        outcomes.add(None)
    except Exception as error:  # counted and shown by the test
        outcomes.add(error)


def saving(
    outcomes: Outcomes, officer: Register, hazard_id: int, version: int, note: str
) -> Callable[[], None]:
    """A job: one save of a note by ``officer``, its outcome counted."""
    return lambda: attempt(outcomes, lambda: save_note(officer, hazard_id, version, note))


def audit_count(register: Register) -> int:
    with register.uow.reading() as session:
        return int(session.scalar(select(func.count()).select_from(AuditEntry)) or 0)


def assert_chain_intact(register: Register) -> None:
    with register.uow.reading() as session:
        assert list(chain_problems(session)) == []


@pytest.mark.parametrize("count", [2, 8])
def test_writers_saving_different_hazards_at_once_all_succeed(
    sample_register: tuple[Register, Sample],
    writers: Callable[[int], list[Register]],
    count: int,
) -> None:
    register, sample = sample_register
    hazard_ids = hazards_for(register, sample, count)
    entries_before = audit_count(register)
    outcomes = Outcomes()
    officers = writers(count)
    for r in range(ROUNDS):
        versions = [version_of(register, hazard_id) for hazard_id in hazard_ids]
        run_together(
            [
                saving(outcomes, officer, hazard_id, version, f"{officer.uow.actor.user_name} {r}")
                for officer, hazard_id, version in zip(officers, hazard_ids, versions, strict=True)
            ]
        )
    assert [str(failure) for failure in outcomes.failures()] == []
    assert audit_count(register) == entries_before + count * ROUNDS
    assert_chain_intact(register)
    with register.uow.reading() as session:
        notes = [session.get_one(Hazard, hazard_id).notes for hazard_id in hazard_ids]
    assert notes == [f"Officer {number} {ROUNDS - 1}" for number in range(count)]


@pytest.mark.parametrize("count", [2, 8])
def test_writers_saving_the_same_hazard_at_once_get_the_usual_conflict(
    sample_register: tuple[Register, Sample],
    writers: Callable[[int], list[Register]],
    count: int,
) -> None:
    register, sample = sample_register
    officers = writers(count)
    for r in range(ROUNDS // 2):
        outcomes = Outcomes()
        seen = version_of(register, sample.hazard_id)
        run_together(
            [
                saving(
                    outcomes, officer, sample.hazard_id, seen, f"{officer.uow.actor.user_name} {r}"
                )
                for officer in officers
            ]
        )
        failures = outcomes.failures()
        assert len(failures) == count - 1, [str(failure) for failure in failures]
        assert all(isinstance(failure, EditConflict) for failure in failures), failures
        assert version_of(register, sample.hazard_id) == seen + 1
    assert_chain_intact(register)


def big_worksheet(path: Path, hazard_count: int) -> Path:
    rows = [
        (number, "Open pit", f"Workplace {number % 7}", f"Imported hazard {number}",
         f"Event {number}", "", 3, 3, 11, f"Measure {number}", "Engineering", "Foreman",
         "31.12.2026")
        for number in range(1, hazard_count + 1)
    ]  # fmt: skip
    return write_xlsx(path, [EN_HEADER, *rows])


def add_hazard(register: Register, sample: Sample, description: str) -> None:
    with register.uow.transaction() as session:
        workplace = session.get_one(Workplace, sample.workplace_id)
        assessment = session.get_one(Hazard, sample.hazard_id).assessment
        hazards.add_hazard(session, assessment, workplace, description)


def imported_count(register: Register) -> int:
    with register.uow.reading() as session:
        query = select(func.count()).select_from(Hazard).where(Hazard.description.like("Imp%"))
        return int(session.scalar(query) or 0)


def test_an_import_while_others_edit_and_add_hazards_succeeds_and_so_do_they(
    sample_register: tuple[Register, Sample],
    writers: Callable[[int], list[Register]],
    tmp_path: Path,
) -> None:
    register, sample = sample_register
    hazard_ids = hazards_for(register, sample, 2)
    worksheet = big_worksheet(tmp_path / "big.xlsx", 400)
    importer, adder, *editors = writers(2 + len(hazard_ids))
    imported, edits = Outcomes(), Outcomes()
    import_started = threading.Event()

    def run_import() -> None:
        import_started.set()
        attempt(imported, lambda: import_worksheet(importer, worksheet))

    def keep_editing(editor: Register, hazard_id: int) -> Callable[[], None]:
        def edit() -> None:
            import_started.wait(timeout=10)
            for number in range(ROUNDS):
                version = version_of(editor, hazard_id)
                attempt(edits, lambda v=version, n=number: save_note(editor, hazard_id, v, str(n)))

        return edit

    def keep_adding() -> None:
        import_started.wait(timeout=10)
        for number in range(ROUNDS):
            attempt(edits, lambda n=number: add_hazard(adder, sample, f"Added by hand {n}"))

    jobs = [keep_editing(e, h) for e, h in zip(editors, hazard_ids, strict=True)]
    run_together([run_import, keep_adding, *jobs])
    assert [str(failure) for failure in imported.failures() + edits.failures()] == []
    assert len(edits.results) == ROUNDS * (1 + len(editors))
    assert imported_count(register) == 400
    assert_chain_intact(register)


def test_after_an_import_hazards_added_in_the_app_get_fresh_ids(
    sample_register: tuple[Register, Sample], tmp_path: Path
) -> None:
    """The import's ids come from the sequence the app's inserts use; a register an older
    version imported into (its sequence behind the table) catches up at the next import."""
    register, sample = sample_register
    import_worksheet(register, big_worksheet(tmp_path / "first.xlsx", 5))
    add_hazard(register, sample, "Added after the first import")
    with register.engine.begin() as connection:  # as an older import left it
        connection.exec_driver_sql("SELECT setval(pg_get_serial_sequence('hazard', 'id'), 1)")
    import_worksheet(register, big_worksheet(tmp_path / "second.xlsx", 8))
    add_hazard(register, sample, "Added after the second import")
    assert imported_count(register) == 8
    assert_chain_intact(register)
