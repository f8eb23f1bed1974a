"""`wrac review` and the confirmation `wrac approve` asks for, as a script and a person use them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Sample
from tests.unit.cli.test_cli import run
from wrac_desktop.persistence.models import Hazard
from wrac_desktop.register import Register
from wrac_desktop.services import hazards

APPROVE = ("--by", "Ахметов Е.С.", "--position", "Бас инженер", "--date", "2026-03-20")


@pytest.fixture
def demo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "demo.wrac"
    assert run(capsys, "demo", str(path), "--workplaces", "2")[0] == 0
    return path


def test_review_lists_in_plain_words_and_exits_1(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = run(capsys, "--lang", "en", "review", str(demo))
    assert code == 1
    assert "Hazards whose residual risk is still High: " in out
    assert "  – " in out  # the hazards themselves, by workplace
    code, out, _err = run(capsys, "--lang", "ru", "review", str(demo))
    assert code == 1 and "Hazards whose" not in out and "Опасности" in out


def test_review_json_is_machine_readable(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "review", str(demo), "--json", "--by", "Иванов И.И.")
    data = json.loads(out)
    assert code == 1 and data["revision"] == 1 and data["status"] == "draft"
    keys = {finding["key"]: finding for finding in data["findings"]}
    assert "approver_not_in_team" in keys and keys["residual_high"]["count"] >= 1
    assert all(f["count"] == len(f["items"]) for f in data["findings"])


def test_a_register_ready_to_sign_reviews_clean(
    sample_register: tuple[Register, Sample], capsys: pytest.CaptureFixture[str]
) -> None:
    register, ids = sample_register
    with register.uow.transaction() as session:
        hazard = session.get(Hazard, ids.hazard_id)
        assert hazard is not None
        hazards.rate(hazard, "residual", 1, 2)
        for measure in hazard.measures:
            measure.responsible = "Бас механик"
    location = register.location
    register.close()
    code, out, _err = run(capsys, "--lang", "en", "review", location)
    assert code == 0 and "nothing an inspector would ask about" in out
    assert run(capsys, "check", location)[0] == 0


def test_check_stays_the_integrity_check(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "check", str(demo))[0] == 0  # high risks are not damage


def test_a_script_sees_the_list_and_the_approval_goes_ahead(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--lang", "en", "approve", str(demo), *APPROVE)
    assert code == 0, err
    assert out.index("an inspector would ask about") < out.index("approved revision 1")


def test_at_a_terminal_no_means_nothing_is_approved(
    demo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda _prompt: "n")
    code, out, _err = run(capsys, "--lang", "en", "approve", str(demo), *APPROVE)
    assert code == 1 and "not approved" in out
    assert json.loads(run(capsys, "review", str(demo), "--json")[1])["status"] == "draft"
    monkeypatch.setattr("builtins.input", lambda _prompt: "иә")
    code, out, _err = run(capsys, "--lang", "en", "approve", str(demo), *APPROVE)
    assert code == 0 and "approved revision 1" in out


def test_yes_approves_at_a_terminal_without_asking(
    demo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)

    def no_question(_prompt: str) -> str:
        raise AssertionError("asked although --yes was given")

    monkeypatch.setattr("builtins.input", no_question)
    code, out, _err = run(capsys, "approve", str(demo), *APPROVE, "--yes")
    assert code == 0
    code, _out, err = run(capsys, "approve", str(demo), *APPROVE, "--yes")
    assert code == 2 and "only a draft" in err
