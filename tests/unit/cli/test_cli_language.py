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


def russian_demo_under(
    variables: dict[str, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> Path:
    """A demo register written in Russian, then the locale's ``variables`` set."""
    demo = tmp_path / "demo.wrac"
    assert run(capsys, "--lang", "ru", "demo", str(demo), "--workplaces", "2")[0] == 0
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    return demo


@pytest.mark.parametrize(
    ("variables", "expected"),
    [({"LANG": "C"}, "still High:"), ({"LC_ALL": "C.UTF-8"}, "still High:"),
     ({"LANG": "de_DE.UTF-8"}, "still High:"), ({"LANG": "ru_RU.UTF-8"}, "всё ещё «Высокий»"),
     ({"LANG": "kk_KZ.UTF-8"}, "әлі де «Жоғары»")],
)  # fmt: skip
def test_messages_and_data_labels_speak_one_language(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    variables: dict[str, str],
    expected: str,
) -> None:
    """The locale's language, else English (i18n.DEFAULT_LANGUAGE), for the messages and the
    risk classes alike: under LANG=C `wrac review` printed «still Высокий» (issue 19, 9)."""
    demo = russian_demo_under(variables, tmp_path, capsys, monkeypatch)
    code, out, _err = run(capsys, "review", str(demo))
    assert code == 1 and expected in out
    others = {"still High:", "всё ещё «Высокий»", "әлі де «Жоғары»"} - {expected}
    assert not any(word in out for word in others), out


@pytest.mark.parametrize(
    ("variables", "heading"),
    [({"LANG": "C"}, "Measure"), ({"LANG": "ru_RU.UTF-8"}, "Мероприятие"),
     ({"LANG": "kk_KZ.UTF-8"}, "Іс-шара")],
)  # fmt: skip
def test_an_export_without_lang_follows_the_same_rule(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    variables: dict[str, str],
    heading: str,
) -> None:
    demo = russian_demo_under(variables, tmp_path, capsys, monkeypatch)
    out_file = tmp_path / "plan.xlsx"
    argv = ["export", str(demo), "--report", "plan", "--format", "xlsx", "-o", str(out_file)]
    assert run(capsys, *argv)[0] == 0
    sheet = openpyxl.load_workbook(out_file).active
    texts = {str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value}
    assert heading in texts
    assert not {"Measure", "Мероприятие", "Іс-шара"} - {heading} & texts


def test_the_app_and_the_command_line_choose_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    """One rule (i18n.startup_language): the CLI's --lang, the app's saved choice, the
    locale, else the documented default."""
    assert i18n.startup_language("kk", "ru") == "kk"
    assert i18n.startup_language(None, "ru") == "ru"
    assert i18n.startup_language(None, "de", "kk") == "kk"
    monkeypatch.setenv("LANG", "C")
    assert i18n.startup_language() == i18n.DEFAULT_LANGUAGE == "en"
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")
    assert i18n.startup_language() == "ru"


def test_review_shows_the_registers_texts_in_the_messages_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A Russian demo reviewed in English names its hazards and workplaces in English where
    the revision holds that translation, and as written where it holds none."""
    demo = tmp_path / "ru.wrac"
    assert run(capsys, "--lang", "ru", "demo", str(demo), "--workplaces", "5")[0] == 0
    for lang, own, foreign in (("en", "Shot-firer", "Взрывник"), ("kk", "Жарушы", "Взрывник")):
        code, out, _err = run(capsys, "--lang", lang, "review", str(demo))
        items = [line for line in out.splitlines() if line.startswith("  – ")]
        assert code == 1 and any(own in line for line in items), out
        assert not any(foreign in line for line in items), out
    code, out, _err = run(capsys, "--lang", "ru", "review", str(demo))
    assert any("Взрывник" in line for line in out.splitlines()), out
