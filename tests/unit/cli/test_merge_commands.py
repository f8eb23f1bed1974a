"""`wrac merge`: output, dry run and the exit-code contract."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.unit.cli.test_cli import DEMO_ARGS, run
from wrac_desktop.persistence.models import Hazard
from wrac_desktop.register import open_register


@pytest.fixture
def office_and_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path]:
    office, field = tmp_path / "office.wrac", tmp_path / "field.wrac"
    assert run(capsys, "demo", str(office), *DEMO_ARGS)[0] == 0
    shutil.copy(office, field)  # what officers do with a USB stick
    return office, field


def set_description(path: Path, hazard_id: int, text: str) -> None:
    with open_register(path) as register, register.uow.transaction() as session:
        session.get_one(Hazard, hazard_id).description = text


def description(path: Path, hazard_id: int) -> str:
    with open_register(path) as register, register.uow.reading() as session:
        return session.get_one(Hazard, hazard_id).description


def test_merge_takes_their_edit_and_says_so(office_and_field, capsys) -> None:
    office, field = office_and_field
    set_description(field, 3, "Шаң (кварц)")
    code, out, _err = run(capsys, "merge", str(office), str(field))
    assert code == 0
    assert "updated: 1 × hazard" in out
    assert description(office, 3) == "Шаң (кварц)"
    code, out, _err = run(capsys, "merge", str(office), str(field))
    assert code == 0 and "already has everything" in out


def test_conflicts_are_listed_and_exit_1_without_writing(office_and_field, capsys) -> None:
    office, field = office_and_field
    original = description(office, 3)
    set_description(field, 3, "Далада")
    set_description(office, 3, "Кеңседе")
    for argv in (
        ("merge", str(office), str(field)),
        ("merge", "--dry-run", str(office), str(field)),
    ):
        code, out, _err = run(capsys, *argv)
        assert code == 1
        assert "1 conflict(s)" in out
        assert "Description: here “Кеңседе” | there “Далада”" in out
        assert description(office, 3) == "Кеңседе"
    assert original != "Кеңседе"


@pytest.mark.parametrize(
    ("option", "kept"), [("--keep-mine", "Кеңседе"), ("--take-theirs", "Далада")]
)
def test_keep_mine_or_take_theirs(office_and_field, capsys, option: str, kept: str) -> None:
    office, field = office_and_field
    set_description(field, 3, "Далада")
    set_description(office, 3, "Кеңседе")
    code, out, _err = run(capsys, "merge", option, str(office), str(field))
    assert code == 0, out
    assert description(office, 3) == kept


def test_dry_run_writes_nothing(office_and_field, capsys) -> None:
    office, field = office_and_field
    set_description(field, 3, "Далада")
    before = office.read_bytes()
    code, out, _err = run(capsys, "merge", "--dry-run", str(office), str(field))
    assert code == 0
    assert "would update: 1 × hazard" in out
    assert description(office, 3) != "Далада"
    assert office.read_bytes() == before


def test_user_errors_exit_2(office_and_field, tmp_path: Path, capsys) -> None:
    office, _field = office_and_field
    code, _out, err = run(capsys, "merge", str(office), str(office))
    assert code == 2 and "itself" in err
    code, _out, err = run(capsys, "merge", str(office), str(tmp_path / "missing.wrac"))
    assert code == 2 and "does not exist" in err
    other = tmp_path / "other.wrac"
    assert run(capsys, "demo", str(other), "--workplaces", "2", "--seed", "9")[0] == 0
    code, _out, err = run(capsys, "merge", str(office), str(other))
    assert code == 2 and "another organisation" in err
    code, _out, _err = run(capsys, "merge", "--keep-mine", "--take-theirs", str(office), str(other))
    assert code == 2


def test_a_deletion_there_is_reported(office_and_field, capsys) -> None:
    office, field = office_and_field
    with open_register(field) as register, register.uow.transaction() as session:
        from wrac_desktop.services import editing

        editing.delete_subtree(session, session.get_one(Hazard, 5))
    code, out, _err = run(capsys, "merge", str(office), str(field))
    assert code == 0 and "deleted: " in out and "1 × hazard" in out
    with open_register(office) as register, register.uow.reading() as session:
        assert session.scalar(select(Hazard).where(Hazard.id == 5)) is None
