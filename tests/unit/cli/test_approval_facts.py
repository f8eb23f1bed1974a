"""Issue 23 item 3: approvals are facts of the audit chain, and records agree with it.

An approval rewritten by SQL (status back to draft, an import, a second approval), a status the
lifecycle lacks, or a record field that no longer holds what the chain last recorded for it is
tampering, named by `check`, `verify` and the check on opening (startup_warnings)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.cli.test_cli import run
from tests.unit.cli.test_hostile_registers import sql
from wrac_desktop.register import open_location
from wrac_desktop.services.approval import startup_warnings


@pytest.fixture
def approved(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "r.wrac"
    assert run(capsys, "demo", str(path), "--workplaces", "1", "--seed", "4")[0] == 0
    assert run(capsys, "approve", str(path), "--by", "A", "--position", "B", "--yes")[0] == 0
    assert run(capsys, "check", str(path))[0] == 0
    return path


def named_everywhere(path: Path, capsys: pytest.CaptureFixture[str], text: str) -> None:
    code, out, _err = run(capsys, "check", str(path))
    assert code == 1 and text in out, out
    code, out, _err = run(capsys, "verify", str(path))
    assert code == 1 and text in out, out
    with open_location(path, read_only=True) as register, register.uow.reading() as session:
        assert any(text in line for line in startup_warnings(session))


def test_an_approval_undone_and_repeated_is_named(
    approved: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sql(approved, "UPDATE assessment SET status = 'draft', fingerprint = '' WHERE revision = 1")
    worksheet = tmp_path / "more.csv"
    worksheet.write_text("Workplace,Hazard\nCrusher,Noise\n", encoding="utf-8")
    assert run(capsys, "import", str(approved), str(worksheet))[0] == 0
    assert run(capsys, "approve", str(approved), "--by", "A", "--position", "B", "--yes")[0] == 0
    named_everywhere(approved, capsys, "revision 1 was approved 2 times")


def test_a_draft_still_holding_its_approval_text_is_named(
    approved: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The text is kept beside the revision's row (``approval_text``, schema 15): a status and
    fingerprint set back by SQL leave it there, and that is named."""
    sql(approved, "UPDATE assessment SET status = 'draft', fingerprint = '' WHERE revision = 1")
    named_everywhere(approved, capsys, "revision 1 is a draft but holds an approval record")


def test_a_status_outside_the_lifecycle_is_named(
    approved: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sql(approved, "UPDATE assessment SET status = 'bogus' WHERE revision = 1")
    named_everywhere(approved, capsys, "status “bogus” is not one of the lifecycle's")


def test_a_field_that_differs_from_the_chain_is_named(
    approved: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sql(approved, "UPDATE assessment SET approved_by = 'Mallory' WHERE revision = 1")
    named_everywhere(
        approved, capsys, "Approved by is “Mallory” but the audit log last recorded “A”"
    )


def test_ordinary_work_agrees_with_the_chain(
    approved: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Revise, import, edit and approve again through the program: nothing is named."""
    assert run(capsys, "revise", str(approved))[0] == 0
    worksheet = tmp_path / "more.csv"
    worksheet.write_text("Workplace,Hazard\nCrusher,Noise\n", encoding="utf-8")
    assert run(capsys, "import", str(approved), str(worksheet))[0] == 0
    assert run(capsys, "organisation", str(approved), "--address", "Караганда, ул. Ленина 1")[
        0
    ] in (0, 2)
    assert run(capsys, "approve", str(approved), "--by", "C", "--position", "D", "--yes")[0] == 0
    code, out, err = run(capsys, "check", str(approved))
    assert code == 0, out + err
