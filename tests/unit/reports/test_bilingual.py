"""Reports in either language or both (issue 16 item 4), read back as an inspector reads them:
a Russian-built register printed in Kazakh from its translations; a missing translation
marked and counted; `--lang kk+ru` with both languages in every data cell, PDF and XLSX."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from sqlalchemy import select

from tests.conftest import Sample
from wrac_desktop.cli.main import main
from wrac_desktop.hazards import load_builtin_library
from wrac_desktop.i18n import SECOND, Pair, both, in_each, inline, part, projected
from wrac_desktop.persistence.models import ControlMeasure, Hazard
from wrac_desktop.register import Register, open_register
from wrac_desktop.reports.labels import label
from wrac_desktop.reports.openpyxl_adapter import SECOND_COLOUR
from wrac_desktop.services.demo import write_demo
from wrac_desktop.services.exporting import export
from wrac_desktop.services.translations import translations_of


@pytest.fixture(scope="module")
def russian(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A register built in the Russian interface from the library (`wrac --lang ru demo`)."""
    path = tmp_path_factory.mktemp("bilingual") / "ru.wrac"
    write_demo(path, workplaces=4, seed=5, lang="ru")
    return path


def pdf_text(register: Path, report: str, lang: str, out: Path) -> str:
    with open_register(register, read_only=True) as opened:
        export(opened, report, "pdf", lang, out)
    return subprocess.run(
        ["pdftotext", "-raw", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout


def library_names(register: Path) -> dict[str, dict[str, str]]:
    """The library entries the register's hazards were picked from: id → name by language."""
    library = load_builtin_library()
    with open_register(register, read_only=True) as opened, opened.uow.reading() as session:
        picked = set(session.scalars(select(Hazard.library_id)).all())
    return {entry: dict(library.get(entry).name) for entry in picked if entry}


def one_line(text: str) -> str:
    return " ".join(text.split())


def test_a_russian_built_register_prints_in_kazakh(russian: Path, tmp_path: Path) -> None:
    text = one_line(pdf_text(russian, "register", "kk", tmp_path / "kk.pdf"))
    names = library_names(russian)
    assert len(names) >= 5
    for name in names.values():
        assert name["kk"] != name["ru"]
        assert one_line(name["kk"]) in text, name["kk"]
        assert one_line(name["ru"]) not in text, name["ru"]  # no Russian library name
    assert "[ru]" not in text and "Қазақша нұсқасы жоқ" not in text  # nothing fell back


def test_the_plan_prints_the_measures_in_kazakh(russian: Path, tmp_path: Path) -> None:
    library = load_builtin_library()
    text = one_line(pdf_text(russian, "plan", "kk", tmp_path / "plan.pdf"))
    controls = [c.text for entry in library_names(russian) for c in library.get(entry).controls]
    printed = [c for c in controls if one_line(c["kk"]) in text]
    assert printed, "no measure of the library printed in Kazakh"
    assert not [c["ru"] for c in controls if one_line(c["ru"]) in text]


@dataclass
class Exported:
    text: str
    pages: list[str]


@pytest.fixture(scope="module")
def bilingual(russian: Path, tmp_path_factory: pytest.TempPathFactory) -> Exported:
    out = tmp_path_factory.mktemp("kkru") / "register.pdf"
    text = pdf_text(russian, "register", "kk+ru", out)
    return Exported(text, text.split("\f")[:-1])


def test_kk_ru_prints_every_hazard_in_both_languages(russian: Path, bilingual: Exported) -> None:
    text = one_line(bilingual.text)
    for name in library_names(russian).values():
        assert one_line(name["kk"]) in text and one_line(name["ru"]) in text, name
    # headings and labels in both, the approval block in both
    for key in ("register_title", "hazard", "causes", "approved"):
        first, second = label(key, "kk"), label(key, "ru")
        assert first in text and second in text, key
    assert SECOND not in bilingual.text  # the mark is never printed


def test_kk_ru_puts_the_kazakh_line_above_the_russian_one(
    russian: Path, bilingual: Exported
) -> None:
    lines = [line.strip() for line in bilingual.text.splitlines()]
    kazakh, russian_title = label("register_title", "kk"), label("register_title", "ru")
    assert lines.index(russian_title) == lines.index(kazakh) + 1


def test_kk_ru_spreadsheet_holds_both_languages_per_cell(russian: Path, tmp_path: Path) -> None:
    out = tmp_path / "register.xlsx"
    with open_register(russian, read_only=True) as opened:
        export(opened, "register", "xlsx", "kk+ru", out)
    sheet = load_workbook(out, read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    names = library_names(russian).values()
    both_ways = {f"{name['kk']}\n{name['ru']}" for name in names}
    cells = {value for row in rows[1:] for value in row if isinstance(value, str)}
    assert both_ways <= cells
    assert label("hazard", "kk") + "\n" + label("hazard", "ru") in rows[0]


def test_kk_ru_spreadsheet_draws_the_second_language_grey_as_the_pdf_does(
    russian: Path, tmp_path: Path
) -> None:
    out = tmp_path / "plan.xlsx"
    with open_register(russian, read_only=True) as opened:
        export(opened, "plan", "xlsx", "kk+ru", out)
    sheet = load_workbook(out, rich_text=True).worksheets[0]
    rich = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, CellRichText)]
    assert len(rich) > 50  # the header row (written by openpyxl) and the body (by the adapter)
    for value in rich:
        first, second = value
        assert isinstance(first, str) and isinstance(second, TextBlock)
        assert second.font.color.rgb == SECOND_COLOUR and first.endswith("\n")
    header = [c.value for c in sheet[1]]
    assert [str(v) for v in header if isinstance(v, CellRichText)][:1] == [
        label("site", "kk") + "\n" + label("site", "ru")
    ]


def test_kk_ru_prints_the_responsible_name_after_the_position_in_each_language(
    russian: Path, tmp_path: Path
) -> None:
    with open_register(russian, read_only=True) as opened, opened.uow.reading() as session:
        measure = session.scalars(
            select(ControlMeasure).where(ControlMeasure.responsible_name != "")
        ).first()
        assert measure is not None
        position, name = measure.responsible, measure.responsible_name
        kazakh = translations_of(session, measure.hazard.assessment_id).text(position, "kk")
    text = pdf_text(russian, "plan", "kk+ru", tmp_path / "plan.pdf")
    out = tmp_path / "plan.xlsx"
    with open_register(russian, read_only=True) as opened:
        export(opened, "plan", "xlsx", "kk+ru", out)
    cells = {c.value for row in load_workbook(out).worksheets[0].iter_rows() for c in row}
    assert f"{kazakh}, {name}\n{position}, {name}" in cells
    assert one_line(f"{kazakh}, {name}") in one_line(text)


def test_a_missing_translation_is_marked_and_counted(
    sample_register: tuple[Register, Sample], tmp_path: Path
) -> None:
    """The sample register's texts are Kazakh with no Russian version: a Russian report prints
    them in Kazakh, marked, and says how many there are."""
    register, _ids = sample_register
    out = tmp_path / "ru.pdf"
    export(register, "register", "pdf", "ru", out)
    text = subprocess.run(
        ["pdftotext", "-raw", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "[kk] Жарылыстан кейінгі газбен улану" in one_line(text)
    note = one_line(text).split("Тексты без русской версии")[1]
    assert int(note.split(":")[1].split()[0]) >= 3


def test_one_language_files_refuse_two(
    russian: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "summary.json"
    argv = ["export", str(russian), "--report", "summary", "--format", "json", "--lang", "kk+ru"]
    assert main([*argv, "-o", str(out)]) == 2
    assert "kk+ru" in capsys.readouterr().err and not out.exists()


# --- the two-language texts themselves ---------------------------------------------------------
def test_both_and_part_take_a_text_apart() -> None:
    text = both("Шу\nдіріл", "Шум\nвибрация")
    assert text == f"Шу\nдіріл\n{SECOND}Шум\n{SECOND}вибрация"
    assert (part(text, 0), part(text, 1)) == ("Шу\nдіріл", "Шум\nвибрация")
    assert both("12", "12") == "12" and part("12", 1) == "12"
    assert inline(both("ЖОБА", "ПРОЕКТ")) == "ЖОБА / ПРОЕКТ"


def test_a_two_language_label_fills_each_language_with_its_own_half() -> None:
    heading = Pair("{workplace} — жұмыскерлер саны: {n}", "{workplace} — работников: {n}")
    filled = heading.format(workplace=both("Ұста", "Слесарь"), n=3)
    assert filled == both("Ұста — жұмыскерлер саны: 3", "Слесарь — работников: 3")
    assert in_each("kk+ru", lambda lang, half: f"{lang}:{part(filled, half)[:4]}") == both(
        "kk:Ұста", "ru:Слес"
    )


def test_a_row_is_cut_into_each_language_s_half() -> None:
    @dataclass(frozen=True)
    class Row:
        name: str
        number: int
        parts: tuple[str, ...]

    row = Row(both("Шу", "Шум"), 3, (both("а", "б"), "в"))
    assert projected(row, 1) == Row("Шум", 3, ("б", "в"))
    assert projected(row, 0) == Row("Шу", 3, ("а", "в"))


def test_a_row_whose_class_works_after_init_is_cut_through_its_init() -> None:
    """A plain frozen dataclass's half is filled in directly; one with __post_init__ (or a
    field __init__ does not set) is still made by its __init__, so the work is done."""
    from dataclasses import field

    @dataclass(frozen=True)
    class Counted:
        name: str
        length: int = field(init=False, default=0)

        def __post_init__(self) -> None:
            object.__setattr__(self, "length", len(self.name))

    assert projected(Counted(both("Шу", "Шум")), 1) == Counted("Шум")
    assert projected(Counted(both("Шу", "Шум")), 1).length == 3
    assert projected(Counted(both("Шу", "Шум")), 0).length == 2


def test_a_bilingual_heading_holds_each_languages_heading_whole() -> None:
    """The kk+ru register's spreadsheet headed its risk columns «Бастапқы тәуекел\\nИсходный
    риск: Ы\\nВ»: each label's two languages one after the other around the colon."""
    from wrac_desktop.reports.columns import titled

    heading = titled("initial_risk", "likelihood_short")("kk+ru")
    assert part(heading, 0) == f"{label('initial_risk', 'kk')}: {label('likelihood_short', 'kk')}"
    assert part(heading, 1) == f"{label('initial_risk', 'ru')}: {label('likelihood_short', 'ru')}"
    assert titled("initial_risk")("kk+ru") == label("initial_risk", "kk+ru")
    assert titled("initial_risk", "result")("ru") == "Исходный риск: Результат"
