"""Reports as a reader meets them: text extracted from the PDFs, cells read back from XLSX."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from wrac_desktop.cli.main import main
from wrac_desktop.persistence.models import Hazard, Organisation
from wrac_desktop.register import open_register
from wrac_desktop.services.demo import write_demo
from wrac_desktop.services.exporting import export
from wrac_desktop.services.report_data import build_report_data

KAZAKH = "әғқңөұүһі"
TITLES = {
    "register": {
        "kk": "Кәсіптік тәуекелдер тізілімі",
        "ru": "Реестр профессиональных рисков",
        "en": "Occupational risk register",
    },
    "plan": {"kk": "Іс-шара", "ru": "Мероприятие", "en": "Measure"},
    "matrix": {"kk": "Тәуекелдер матрицасы", "ru": "Матрица рисков", "en": "Risk matrix"},
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("reports") / "demo.wrac"
    write_demo(path, workplaces=8, seed=4, lang="kk")
    with open_register(path) as register, register.uow.transaction() as session:
        # Every Kazakh-only letter, in a text that every report prints (һ is rare in data).
        session.query(Organisation).one().legal_name = "«Һәкім Ғұлама Қоңырөзек Үйі» ЖШС"
    return path


def pdf_text(path: Path) -> str:
    assert shutil.which("pdftotext"), "pdftotext is missing: `make test` installs poppler-utils"
    return subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
@pytest.mark.parametrize("report", ["register", "plan", "matrix"])
def test_pdf_text_survives_in_every_language(
    demo: Path, tmp_path: Path, report: str, lang: str
) -> None:
    out = tmp_path / f"{report}-{lang}.pdf"
    with open_register(demo, read_only=True) as register:
        export(register, report, "pdf", lang, out)
    text = pdf_text(out)
    assert TITLES[report][lang] in text
    assert "\ufffd" not in text and "□" not in text
    # The demo's data is Kazakh whatever the report's language: every letter must survive.
    assert set(KAZAKH) <= set(text.lower())
    total = pages(out)
    page_marks = {
        "kk": f"1-бет, барлығы {total}",
        "ru": f"стр. 1 из {total}",
        "en": f"page 1 of {total}",
    }
    assert page_marks[lang] in text
    last = {
        "kk": f"{total}-бет, барлығы {total}",
        "ru": f"стр. {total} из {total}",
        "en": f"page {total} of {total}",
    }
    assert last[lang] in text


def test_register_prints_the_fingerprint_of_the_register(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "register.pdf"
    with open_register(demo, read_only=True) as register:
        export(register, "register", "pdf", "ru", out)
        with register.uow.reading() as session:
            expected = build_report_data(session, "ru").fingerprint
    text = pdf_text(out)
    assert expected in text.replace(" ", "")  # full fingerprint on the signature page
    short = " ".join(expected[i : i + 4] for i in range(0, 16, 4))
    assert text.count(short) == pages(out)  # and its short form in every footer
    assert "УТВЕРЖДАЮ" in text and "Лист ознакомления работников" in text


def test_fingerprint_changes_with_content_and_nothing_else(demo: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.wrac"
    shutil.copy(demo, copy)
    with open_register(copy) as register:
        with register.uow.reading() as session:
            before = build_report_data(session, "kk").fingerprint
            again = build_report_data(session, "en").fingerprint  # language is not content
        with register.uow.transaction() as session:
            session.query(Hazard).first().notes = "өзгерді"  # type: ignore[union-attr]
        with register.uow.reading() as session:
            after = build_report_data(session, "kk").fingerprint
    assert before == again != after


def test_xlsx_reads_back_with_values_types_and_colours(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "register.xlsx"
    with open_register(demo, read_only=True) as register:
        export(register, "register", "xlsx", "kk", out)
        with register.uow.reading() as session:
            data = build_report_data(session, "kk")
            data.rows = list(data.rows)  # read while the session is open
    sheet = load_workbook(out).worksheets[0]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    assert sheet.max_row == sum(max(1, len(row.additional)) for row in data.rows) + 1
    head = {cell.value: cell.column for cell in sheet[1]}
    first = next(iter(data.rows))

    def value(heading: str, row: int = 2) -> object:
        return sheet.cell(row=row, column=head[heading]).value

    assert value("№") == 1 and value("Қауіп") == first.hazard and value("UUID") == first.uuid
    assert value("Себептері") == first.causes and value("Жұмыс орны") == first.workplace
    assert value("Жұмыскерлер саны") == first.headcount > 0
    score = sheet.cell(row=2, column=head["Бастапқы тәуекел: Нәтиже"])
    assert score.value == first.initial.score
    assert score.fill.fgColor.rgb.endswith(first.initial.colour.lstrip("#").upper())
    # a line per measure, each with its own deadline; the hazard repeated on each
    for n, control in enumerate(first.additional):
        assert value("Қосымша шаралар", 2 + n) == f"{control.level}: {control.text}"
        assert value("Орындау мерзімі", 2 + n) == control.due
        assert value("№", 2 + n) == 1 and value("UUID", 2 + n) == first.uuid


def test_plan_xlsx_has_real_dates(demo: Path, tmp_path: Path) -> None:
    from datetime import datetime

    out = tmp_path / "plan.xlsx"
    with open_register(demo, read_only=True) as register:
        export(register, "plan", "xlsx", "ru", out)
    sheet = load_workbook(out).worksheets[0]
    column = [cell.value for cell in sheet[1]].index("Дата")  # found by heading, not position
    rows = sheet.iter_rows(min_row=2)
    dates = [row[column].value for row in rows if row[column].value is not None]
    assert dates and all(isinstance(value, datetime) for value in dates)


def test_text_that_looks_like_a_formula_stays_text(demo: Path, tmp_path: Path) -> None:
    copy = tmp_path / "evil.wrac"
    shutil.copy(demo, copy)
    attacks = ['=HYPERLINK("http://x","click")', "+1+1", "-2+3", "@SUM(A1)"]
    with open_register(copy) as register:
        with register.uow.transaction() as session:
            for hazard, attack in zip(session.query(Hazard).limit(4), attacks, strict=True):
                hazard.description = attack
        out = tmp_path / "evil.xlsx"
        export(register, "register", "xlsx", "en", out)
    sheet = load_workbook(out).worksheets[0]
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row if c.value in attacks]
    assert sorted({c.value for c in cells}) == sorted(attacks)  # on each line of its measures
    assert all(c.data_type == "s" for c in cells)


def test_summary_csv_and_json_agree(demo: Path, tmp_path: Path) -> None:
    with open_register(demo, read_only=True) as register:
        export(register, "summary", "json", "kk", tmp_path / "s.json")
        export(register, "summary", "csv", "kk", tmp_path / "s.csv")
    record = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))["entities"][0]
    import csv
    import io

    text = (tmp_path / "s.csv").read_text(encoding="utf-8-sig")
    [csv_record] = csv.DictReader(io.StringIO(text))  # the address has a comma in it
    assert csv_record["bin"] == record["bin"] and len(record["bin"]) == 12
    assert int(csv_record["hazards"]) == record["hazards"] == 80
    assert sum(record["initial_by_class"].values()) == record["hazards"]
    assert record["assessment_date"] == "2026-03-16"
    assert record["workplaces_assessed_percent"] == 100.0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--report", "matrix", "--format", "csv"], "not csv"),
        (["--report", "poster", "--format", "pdf"], "invalid choice"),
        (["--report", "register", "--format", "pdf", "--lang", "de"], "invalid choice"),
    ],
)
def test_cli_export_bad_arguments_exit_2(
    demo: Path, tmp_path: Path, args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.pdf"
    try:
        code = main(["export", str(demo), *args, "-o", str(out)])
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    assert code == 2 and message in capsys.readouterr().err
    assert not out.exists()


def test_cli_export_writes_and_names_the_file(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "plan.pdf"
    assert (
        main(
            [
                "export",
                str(demo),
                "--report",
                "plan",
                "--format",
                "pdf",
                "--lang",
                "kk",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    assert str(out) in capsys.readouterr().out and out.read_bytes().startswith(b"%PDF")
    assert list(tmp_path.glob(".*.part")) == []
