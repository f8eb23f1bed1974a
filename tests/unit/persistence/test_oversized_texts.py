"""A register from elsewhere holding a text longer than any the program writes is damage, found
by SQLite without reading the text into Python: one 100 MB description took 1.7 GB to check
(`wrac check`), 4 GB of the window, and its register PDF never came. The window's list and
search read no more of a text than they show."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.unit.cli.test_cli import DEMO_ARGS, run
from wrac_desktop.persistence import queries
from wrac_desktop.persistence.models import Hazard
from wrac_desktop.register import open_register, storage_damage
from wrac_desktop.services.hazard_list import HazardFilter
from wrac_desktop.text import TEXT_CHARS_KEPT


def _demo(path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert run(capsys, "demo", str(path), *DEMO_ARGS)[0] == 0
    return path


def _lengthen(path: Path, column: str, length: int) -> int:
    """The first hazard's ``column`` made ``length`` characters long behind the app's back;
    its row id."""
    with sqlite3.connect(path) as connection:
        rowid = connection.execute("SELECT min(rowid) FROM hazard").fetchone()[0]
        connection.execute(
            f"UPDATE hazard SET {column} = printf('%.*c', ?, 'ж') WHERE rowid = ?",
            (length, rowid),
        )
    return int(rowid)


def test_a_text_over_the_limit_is_named_by_check_and_refused_by_other_commands(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _demo(tmp_path / "long.wrac", capsys)
    rowid = _lengthen(path, "notes", TEXT_CHARS_KEPT + 1)
    line = (
        f"hazard record, row {rowid}, field “Notes”: the text is 1,000,001 characters long; "
        "the program keeps at most 1,000,000 in one field"
    )
    code, out, _err = run(capsys, "--lang", "en", "check", str(path))
    assert code == 1 and line in out
    code, _out, err = run(capsys, "--lang", "en", "info", str(path))
    assert code == 2 and line in err and "Traceback" not in err


def test_a_text_at_the_limit_is_sound(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _demo(tmp_path / "long.wrac", capsys)
    _lengthen(path, "description", TEXT_CHARS_KEPT)
    code, _out, err = run(capsys, "--lang", "en", "info", str(path))
    assert code == 0, err
    with open_register(path) as register:
        assert storage_damage(register) == []


def test_the_list_and_the_search_read_no_more_of_a_text_than_they_keep(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _demo(tmp_path / "long.wrac", capsys)
    _lengthen(path, "description", 3 * TEXT_CHARS_KEPT)
    with sqlite3.connect(path) as connection:  # the search text as an edit would fold it
        connection.execute("UPDATE hazard SET search_text = description")
    with open_register(path, check_storage=False) as register, register.uow.reading() as session:
        rows = queries.hazard_rows(session, HazardFilter())
        assert max(len(row.description) for row in rows) == queries.ROW_TEXT_CHARS
        assessment_id = session.scalar(select(Hazard.assessment_id).limit(1))
        searched = list(queries.searched_hazards(session, assessment_id))
        assert max(len(hazard.search_text) for hazard in searched) == TEXT_CHARS_KEPT
        assert max(len(text) for hazard in searched for text in hazard.translated) == (
            TEXT_CHARS_KEPT
        )


def test_the_program_refuses_to_write_a_text_over_the_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What ``wrac check`` calls damage, the program never writes: a text pasted over the limit
    is refused at save, naming the field, and nothing is written."""
    path = _demo(tmp_path / "long.wrac", capsys)
    pasted = "ә" * (TEXT_CHARS_KEPT + 1)
    code, out, err = run(capsys, "--lang", "en", "organisation", str(path), "--address", pasted)
    assert code == 2, out + err
    assert "organisation.address is 1,000,001 characters long; a field holds at most" in err
    assert run(capsys, "organisation", str(path), "--address", pasted[1:])[0] == 0
    assert run(capsys, "check", str(path))[0] == 0
