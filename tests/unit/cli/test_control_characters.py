"""Issue 23 item 15: a control character typed anywhere, not only imported, is refused.

`wrac organisation --address` took U+0001, after which every Excel export of the register
stopped with an internal error (exit 3)."""

from __future__ import annotations

import re
import sqlite3
import uuid
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import create_engine, text

from tests.unit.cli.test_cli import run
from wrac_desktop.persistence import guards


def test_a_control_character_is_refused_and_the_register_exports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.wrac"
    assert run(capsys, "demo", str(path), "--workplaces", "1", "--seed", "2")[0] == 0
    code, out, err = run(capsys, "organisation", str(path), "--address", "Өскемен\x01 1")
    assert code == 2, out + err
    assert "organisation.address holds the control character U+0001" in out + err
    code, out, err = run(capsys, "organisation", str(path), "--address", "Өскемен,\tк-сі 1")
    assert code == 0, out + err  # a tab is text
    workbook = tmp_path / "r.xlsx"
    code, out, err = run(
        capsys, "export", str(path), "--report", "register", "--format", "xlsx", "-o", str(workbook)
    )
    assert code == 0 and workbook.stat().st_size > 0, out + err
    assert run(capsys, "check", str(path))[0] == 0


def test_a_direction_override_typed_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.wrac"
    assert run(capsys, "demo", str(path), "--workplaces", "1", "--seed", "2")[0] == 0
    code, out, err = run(capsys, "organisation", str(path), "--address", "\u202e1 іс-к ,нмекскӨ")
    assert code == 2, out + err
    assert "organisation.address holds the direction override U+202E" in out + err
    assert run(capsys, "check", str(path))[0] == 0


def test_control_characters_stored_before_are_shown_as_pictures_with_a_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A register written before they were refused may hold them, and an approved revision
    cannot be corrected: every Excel report is still written (exit 0, not 3 nor 2), each such
    character shown as its visible picture (U+0001 as ␁, not dropped as the PDF does) and
    named in a note, so the reader knows the cell differs from the register."""
    path = tmp_path / "old.wrac"
    assert run(capsys, "demo", str(path), "--workplaces", "1", "--seed", "2")[0] == 0
    assert run(capsys, "approve", str(path), "--by", "A", "--position", "B", "--yes")[0] == 0
    with sqlite3.connect(path) as connection:
        connection.execute(
            "UPDATE hazard SET description = description || char(1) || 'x' WHERE id = 1"
        )
        connection.execute("UPDATE organisation SET address = address || char(2)")
    for report in ("register", "plan", "summary", "matrix"):
        workbook = tmp_path / f"{report}.xlsx"
        code, out, err = run(
            capsys, "export", str(path), "--report", report, "--format", "xlsx",
            "-o", str(workbook),
        )  # fmt: skip
        assert code == 0, (report, out, err)
        texts = [
            value
            for sheet in openpyxl.load_workbook(workbook, read_only=True)
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if isinstance(value, str)
        ]
        shown = [text for text in texts if "\u2401" in text or "\u2402" in text]
        if report in ("register", "plan"):
            assert any(text.endswith("\u2401x") for text in shown), report
            assert "the control character(s) U+0001, which a spreadsheet cannot store" in err
        if report in ("register", "summary"):
            assert any(text.endswith("\u2402") for text in shown), report
            assert "U+0002" in err and "shown as \u2402" in err, err
        assert not any("\x01" in text or "\x02" in text for text in texts)


def test_check_names_every_control_character_stored_and_keeps_exit_0_for_an_old_register(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A register written before they were refused holds them as the app saved them (the
    audit log agrees): check names each, table, record, field and character, as a warning
    (exit 0: nothing is damaged or forged, and an approved revision cannot be corrected)."""
    path = tmp_path / "old.wrac"
    assert run(capsys, "demo", str(path), "--workplaces", "1", "--seed", "2")[0] == 0
    with monkeypatch.context() as before:  # not undo(): it would undo restore_language's too
        before.setattr(guards, "_CONTROL", re.compile("(?!)"))  # as the release before
        code, out, err = run(capsys, "organisation", str(path), "--address", "Өскемен\x01 1\x1f к")
    assert code == 0, out + err
    code, out, err = run(capsys, "--lang", "en", "check", str(path))
    assert code == 0, out + err
    with sqlite3.connect(path) as connection:
        (raw,) = connection.execute("SELECT uuid FROM organisation").fetchone()
    organisation = str(uuid.UUID(raw))
    (line,) = [line for line in out.splitlines() if "control character" in line]
    assert line.startswith("  warning: ")
    assert (
        f"organisation {organisation}: address holds the control character(s) U+0001, U+001F"
        in line
    )
    assert "\u2401 \u241f" in line and "\x01" not in line
    with sqlite3.connect(path) as connection:  # now one written behind the app's back
        connection.execute("UPDATE organisation SET address = 'Өскемен' || char(3)")
    code, out, err = run(capsys, "--lang", "en", "check", str(path))
    assert code == 1, out + err
    recorded = "the audit log last recorded “Өскемен\u2401 1\u241f к”"
    assert f"Address is “Өскемен\u2403” but {recorded}" in out, out
    assert "\x03" not in out and "\x01" not in out, out


def test_check_names_a_direction_override_stored_before_it_was_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """«\u202eзаГ» shows as «Газ»: check names the field, as it names a control character."""
    path = tmp_path / "old.wrac"
    assert run(capsys, "demo", str(path), "--workplaces", "1", "--seed", "2")[0] == 0
    with monkeypatch.context() as before:
        before.setattr(guards, "DIRECTION_OVERRIDES", re.compile("(?!)"))  # the release before
        before.setattr(guards, "_CONTROL", re.compile("(?!)"))
        code, out, err = run(capsys, "organisation", str(path), "--address", "\u202eзаГ\x01")
    assert code == 0, out + err
    code, out, err = run(capsys, "--lang", "en", "check", str(path))
    assert code == 0, out + err
    with sqlite3.connect(path) as connection:
        (raw,) = connection.execute("SELECT uuid FROM organisation").fetchone()
    named = f"organisation {uuid.UUID(raw)}: address holds the"
    lines = [line for line in out.splitlines() if named in line]
    assert len(lines) == 2, out
    assert "the direction override(s) U+202E, which make the text show in another order" in out
    assert "the control character(s) U+0001," in out


def test_a_control_character_written_behind_the_apps_back_is_a_problem_shown_visibly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.wrac"
    assert run(capsys, "demo", str(path), "--workplaces", "1", "--seed", "2")[0] == 0
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE hazard SET description = 'Шу' || char(2) WHERE id = 1")
    code, out, err = run(capsys, "--lang", "en", "check", str(path))
    assert code == 1, out + err  # the edit is named by the audit-state check
    with sqlite3.connect(path) as connection:
        (raw,) = connection.execute("SELECT uuid FROM hazard WHERE id = 1").fetchone()
    hazard = str(uuid.UUID(raw))
    assert f"hazard {hazard} no longer holds what audit entry 1 recorded" in out, out
    # and the character by the control-character check: the digest cannot say which field
    assert f"hazard {hazard}: description holds the control character(s) U+0002" in out, out
    assert "\x02" not in out, out


@pytest.mark.postgres
def test_check_names_a_control_character_on_a_server(
    new_database: Callable[[], str], capsys: pytest.CaptureFixture[str]
) -> None:
    url = new_database()
    assert run(capsys, "demo", url, "--workplaces", "1", "--seed", "2")[0] == 0
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text("UPDATE workplace SET job_titles = 'Машинист' || chr(5)"))
            raw = connection.execute(text("SELECT uuid FROM workplace LIMIT 1")).scalar_one()
    finally:
        engine.dispose()
    code, out, err = run(capsys, "--lang", "en", "check", url)
    assert code == 1, out + err
    assert f"workplace {raw}: job_titles holds the control character(s) U+0005" in out, out
    assert "\u2405" in out and "\x05" not in out
