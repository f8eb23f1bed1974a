"""Issue 23 item 15: a control character typed anywhere, not only imported, is refused.

`wrac organisation --address` took U+0001, after which every Excel export of the register
stopped with an internal error (exit 3)."""

from __future__ import annotations

from pathlib import Path

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
