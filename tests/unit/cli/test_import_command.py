"""`wrac import PATH FILE [--sheet] [--mapping] [--dry-run]`: summary, exit codes, no change."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Sample
from tests.unit.cli.test_cli import run
from tests.unit.importing.content import content
from tests.unit.importing.worksheets import english_worksheet, russian_register, write_csv
from wrac_desktop.register import Register, open_register

Registered = tuple[Register, Sample]


@pytest.fixture
def register_file(sample_register: Registered) -> Path:
    register, _ids = sample_register
    register.close()
    return Path(register.location)


def snapshot(path: Path) -> object:
    with open_register(path) as register:
        return content(register)


def test_import_prints_the_mapping_and_summary(
    register_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    worksheet = russian_register(tmp_path / "ru.xlsx")
    code, out, err = run(capsys, "import", str(register_file), str(worksheet))
    assert (code, err) == (0, "")
    assert "header in row 5–6" in out
    assert "Остаточный риск Вероятность →" in out
    assert "rows read 3, imported 3, skipped 0" in out
    assert "3 hazards, 3 measures" in out
    code, out, _err = run(capsys, "import", str(register_file), str(worksheet))
    assert code == 0 and "nothing new" in out and "already in the register: 3 hazards" in out


def test_dry_run_changes_nothing(
    register_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(register_file)
    code, out, _err = run(
        capsys, "import", str(register_file), str(english_worksheet(tmp_path / "en.xlsx")),
        "--dry-run",
    )  # fmt: skip
    assert code == 0 and "would add" in out and "2 hazards, 3 measures" in out
    assert snapshot(register_file) == before


def test_a_file_that_cannot_be_imported_exits_2_with_the_reason(
    register_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(register_file)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    code, out, err = run(capsys, "import", str(register_file), str(empty))
    assert code == 2 and out == "" and f"{empty} is empty" in err
    code, _out, err = run(
        capsys, "import", str(register_file), str(english_worksheet(tmp_path / "en.xlsx")),
        "--sheet", "Нет такого",
    )  # fmt: skip
    assert code == 2 and "Нет такого" in err and "WRAC" in err
    assert snapshot(register_file) == before


def test_a_mapping_file_overrides_the_detected_mapping(
    register_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [("Title row",), ("Объект", "Что опасно", "Что делать"), ("Цех", "Шум", "Наушники")]
    worksheet = write_csv(tmp_path / "odd.csv", rows)
    code, _out, err = run(capsys, "import", str(register_file), str(worksheet))
    assert code == 2 and "no recognisable header" in err
    mapping = tmp_path / "map.json"
    mapping.write_text(
        json.dumps(
            {
                "header_row": 2,
                "columns": {"A": "workplace", "Что опасно": "hazard", "3": "measure"},
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    code, out, err = run(
        capsys, "import", str(register_file), str(worksheet), "--mapping", str(mapping)
    )
    assert (code, err) == (0, "") and "1 hazards, 1 measures" in out


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ("{not json", "cannot be read as JSON"),
        ('{"columns": {"A": "colour"}}', "“colour” is not a field"),
        ('{"columns": {"ZZ": "hazard"}}', "no column “ZZ”"),
        ('{"header_row": 0}', "header_row"),
    ],
)
def test_a_bad_mapping_file_is_a_user_error(
    register_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    mapping: str,
    message: str,
) -> None:
    path = tmp_path / "map.json"
    path.write_text(mapping, encoding="utf-8")
    worksheet = english_worksheet(tmp_path / "en.xlsx")
    code, _out, err = run(
        capsys, "import", str(register_file), str(worksheet), "--mapping", str(path)
    )
    assert code == 2 and message in err and str(path) in err


def test_due_dates_that_name_no_deadline_are_warned_kept_and_listed_by_check(
    register_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        ("Workplace", "Hazard", "Unwanted event", "Measure", "Due date"),
        ("Driller", "Rock fall", "Struck", "Mesh", "2026 жылғы 15 наурыз"),
        ("Driller", "Noise", "Hearing loss", "Muffs", "начало 2026 года"),
        ("Driller", "Dust", "Silicosis", "Water spray", "Постоянно"),
    ]
    worksheet = write_csv(tmp_path / "due.csv", rows)
    code, out, _err = run(capsys, "import", str(register_file), str(worksheet))
    assert code == 0
    assert "row 3, column E: due date “начало 2026 года” names no exact deadline" in out
    assert "row 2, column E" not in out and "row 4, column E" not in out
    with open_register(register_file) as register, register.uow.reading() as session:
        from wrac_desktop.persistence.models import ControlMeasure

        stored = {m.description: (m.due_text, m.due_date) for m in session.query(ControlMeasure)}
    assert stored["Muffs"] == ("начало 2026 года", None)  # verbatim, not rounded to a year end
    assert str(stored["Mesh"][1]) == "2026-03-15"
    code, out, _err = run(capsys, "check", str(register_file))
    assert code == 0 and "no problems found" in out
    assert "warning: measure “Muffs”" in out and "начало 2026 года" in out
    assert "Постоянно" not in out and "Mesh" not in out
