"""`wrac --lang kk|ru|en`: the command's messages, argparse's own and the help, in that language."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from wrac_desktop import i18n
from wrac_desktop.cli.main import global_language_option
from wrac_desktop.i18n import set_language

from .test_cli import run


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("kk", "жоқ"), ("ru", "не существует"), ("en", "does not exist")],
)
def test_user_errors_are_in_the_chosen_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, expected: str
) -> None:
    code, _, err = run(capsys, "--lang", lang, "check", str(tmp_path / "missing.wrac"))
    assert code == 2 and expected in err


def test_argparse_errors_and_help_are_translated(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--lang", "ru", "export")
    assert code == 2
    assert err.startswith("использование: wrac") and "wrac export: ошибка:" in err
    assert "обязательные аргументы не указаны" in err
    code, out, _ = run(capsys, "--lang=kk", "--help")
    assert code == 0 and out.startswith("қолданылуы:") and "хабарламалар мен деректер тілі" in out


def test_a_bad_global_language_is_refused_in_the_current_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, "--lang", "de", "check", "x.wrac")
    assert code == 2 and "invalid choice: 'de'" in err


def test_the_report_language_leaves_the_messages_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    demo = tmp_path / "demo.wrac"
    assert run(capsys, "--lang", "kk", "demo", str(demo), "--workplaces", "2")[0] == 0
    set_language("en")
    out_file = tmp_path / "plan.xlsx"
    argv = ["export", str(demo), "--report", "plan", "--format", "xlsx", "--lang", "ru"]
    code, out, _ = run(capsys, *argv, "-o", str(out_file))
    assert code == 0 and out.startswith("wrote ")
    sheet = openpyxl.load_workbook(out_file).active
    texts = {str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value}
    assert "Мероприятие" in texts and "Measure" not in texts
    assert i18n.current_language() == "en"


def test_only_a_lang_before_the_command_is_global() -> None:
    assert global_language_option(["--lang", "kk", "check", "x"]) == "kk"
    assert global_language_option(["--lang=ru"]) == "ru"
    assert global_language_option(["export", "x", "--lang", "kk"]) is None
    assert global_language_option(["--lang"]) is None


def test_the_system_locale_chooses_the_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "kk_KZ.UTF-8")
    code, _, err = run(capsys, "check", str(tmp_path / "missing.wrac"))
    assert code == 2 and "жоқ" in err
