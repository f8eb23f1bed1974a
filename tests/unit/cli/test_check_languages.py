"""`wrac check` names broken domain rules in the officer's language: under kk and ru it printed
«hazard “…” (…): initial result 1 (low) does not match its inputs», «measure “…”: marked done
without a completion date» and the other lines of `services/checks.py` in English."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.unit.cli.test_cli import run
from tests.unit.cli.test_hostile_registers import sql

BROKEN = (
    "UPDATE hazard SET initial_score = 1, initial_band = 'low' WHERE id = 1",
    "UPDATE organisation SET bin = '123456789012'",
    "UPDATE control_measure SET status = 'done', completed_on = NULL WHERE id = 1",
    "UPDATE control_measure SET cost = -5 WHERE id = 2",
    "UPDATE workplace SET headcount = -3 WHERE id = 1",
)
SAID = {
    "kk": (
        "қаупі",
        "бастапқы тәуекел: сақталған нәтиже 1 (Төмен) бастапқы деректерге сәйкес келмейді",
        "іс-шарасы",
        "мәртебесі «Орындалды», бірақ орындалған күні жоқ",
        "құны -5.00 теріс",
        "жұмыскерлер саны -3 теріс",
        "ұйымы",
    ),
    "ru": (
        "опасность «",
        "исходный риск: сохранённый результат 1 (Низкий) не соответствует исходным данным",
        "мероприятие «",
        "но дата выполнения не указана",
        "стоимость -5.00 отрицательна",
        "численность -3 отрицательна",
        "организация «",
    ),
}
ENGLISH = re.compile(r"\b(hazard|measure|workplace|organisation|marked|negative|inputs)\b")


@pytest.fixture
def broken_register(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "demo.wrac"
    assert run(capsys, "demo", str(path), "--workplaces", "2")[0] == 0
    for statement in BROKEN:
        sql(path, statement)
    return path


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_check_names_broken_rules_in_the_language(
    lang: str, broken_register: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--lang", lang, "check", str(broken_register))
    assert code == 1, (out, err)
    for said in SAID[lang]:
        assert said in out, (said, out)
    rules = [line for line in out.splitlines() if line.startswith("  - ") and "UUID" not in line]
    assert not [line for line in rules if ENGLISH.search(line)], out


def test_check_names_broken_rules_in_english_too(
    broken_register: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--lang", "en", "check", str(broken_register))
    assert code == 1
    assert "initial risk: the stored result 1 (Low) does not match its inputs" in out
    assert "its status is “Done” but it has no completion date" in out
    assert "its cost -5.00 is negative" in out


@pytest.mark.parametrize(
    ("lang", "classes"),
    [("kk", ("(Төмен)", "(Елеулі)")), ("ru", ("(Низкий)", "(Значительный)"))],
)
def test_check_names_risk_classes_as_the_matrix_does_in_the_language(
    lang: str, classes: tuple[str, ...], broken_register: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A result was shown by its class's key, «19 (significant)», in a kk or ru sentence."""
    out = run(capsys, "--lang", lang, "check", str(broken_register))[1]
    line = next(line for line in out.splitlines() if " 1 (" in line)
    assert all(shown in line for shown in classes), line
    assert "(low)" not in line and "(significant)" not in line, line


def test_a_class_the_matrix_lacks_is_named_by_its_key(
    broken_register: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sql(broken_register, "UPDATE hazard SET residual_band = 'bogus' WHERE id = 2")
    out = run(capsys, "--lang", "kk", "check", str(broken_register))[1]
    assert "(bogus)" in out, out
