"""Issue 23 item 15: a control character typed anywhere, not only imported, is refused.

`wrac organisation --address` took U+0001, after which every Excel export of the register
stopped with an internal error (exit 3)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import openpyxl
import pytest

from tests.unit.cli.test_cli import run


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
