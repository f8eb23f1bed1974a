"""Reading CSV and xlsx files, finding headers and recognising column names in kk/ru/en."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.unit.importing.worksheets import russian_register, write_csv, write_xlsx
from wrac_desktop.importing.columns import recognise
from wrac_desktop.importing.headers import detect_header, is_numbering_row
from wrac_desktop.importing.reading import read_sheet, sheet_names
from wrac_desktop.importing.xlsx_flags import column_index, column_letter

ROWS = [("Рабочее место", "Опасность", "Срок"), ("Проходчик", "Обрушение «кровли»", "31.12.2026")]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251"])
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_encodings_and_separators(tmp_path: Path, encoding: str, delimiter: str) -> None:
    path = write_csv(tmp_path / "r.csv", ROWS, encoding=encoding, delimiter=delimiter)
    sheet = read_sheet(path)
    assert sheet.name == "r" and sheet.rows == [tuple(row) for row in ROWS]


def test_separator_inside_quoted_text_does_not_confuse_detection(tmp_path: Path) -> None:
    rows = [("Hazard", "Measure"), ("Noise; vibration", "Enclosures, rotation")] * 3
    assert read_sheet(write_csv(tmp_path / "q.csv", rows, delimiter=";")).rows[1] == rows[1]


def test_kazakh_letters_survive_csv_and_xlsx(tmp_path: Path) -> None:
    letters = "ә ғ қ ң ө ұ ү һ і Ә Ғ Қ Ң Ө Ұ Ү Һ І"
    rows = [("Қауіп", "Іс-шара"), (letters, letters)]
    assert read_sheet(write_csv(tmp_path / "k.csv", rows)).rows[1] == (letters, letters)
    assert read_sheet(write_xlsx(tmp_path / "k.xlsx", rows)).rows[1] == (letters, letters)


def test_xlsx_keeps_row_and_column_positions_and_fills_merged_cells(tmp_path: Path) -> None:
    sheet = read_sheet(russian_register(tmp_path / "ru.xlsx"))
    assert sheet.name == "Реестр" and sheet_names(tmp_path / "ru.xlsx") == ["Реестр"]
    header_top, header_bottom = sheet.rows[4], sheet.rows[5]
    assert header_top[5:8] == ("Первоначальный риск",) * 3  # F5:H5 merged
    assert header_bottom[0] == "№ п/п"  # A5:A6 merged
    assert sheet.rows[7][1] == sheet.rows[8][1] == "Обогатительная фабрика"  # B7:B9


def test_xlsx_dates_stay_dates(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "d.xlsx", [("Hazard", "Due date"), ("Noise", date(2026, 6, 30))])
    assert read_sheet(path).rows[1][1] == date(2026, 6, 30)


def test_data_starting_away_from_a1_keeps_its_numbers(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "far.xlsx", [(), (), (None, None, "Hazard", "Measure")])
    assert read_sheet(path).rows[2] == (None, None, "Hazard", "Measure")


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Hazard", "hazard"), ("Опасность", "hazard"), ("Қауіп", "hazard"),
        ("Likelihood", "likelihood"), ("Вероятность", "likelihood"), ("Ықтималдық", "likelihood"),
        ("Responsible person", "responsible"), ("Ответственный", "responsible"),
        ("Жауапты тұлға", "responsible"), ("Unwanted event", "unwanted_event"),
        ("Опасное событие", "unwanted_event"), ("Қауіпті оқиға", "unwanted_event"),
        ("Тяжесть последствий", "severity"), ("Салдардың ауырлығы", "severity"),
        ("Consequence", "severity"), ("Maximum reasonable consequence", "consequence"),
        ("Іс-шара", "measure"), ("Мероприятие", "measure"), ("Measure", "measure"),
        ("Аяқтау нысаны", "completion_form"), ("Форма завершения", "completion_form"),
        ("Жауапты орындаушылар", "responsible"), ("Ответственные исполнители", "responsible"),
        ("Орындау мерзімі", "due"), ("Срок исполнения", "due"), ("Срок исполнения (дата)", "due"),
        ("Қаржыландыру көзі", "funding_source"), ("Источник финансирования", "funding_source"),
        ("№ п/п", "number"), ("РАБОЧЕЕ МЕСТО", "workplace"), ("Жұмыс орны", "workplace"),
        ("Residual risk", "residual_score"), ("Остаточный риск Вероятность", "residual_likelihood"),
        ("Қалдық тәуекел", "residual_score"), ("Risk rank", "score"), ("Уровень риска", "band"),
        ("Colour", None), ("", None),
    ],
)  # fmt: skip
def test_column_names_in_three_languages(header: str, field: str | None) -> None:
    assert recognise(header) == field


def test_header_below_a_title_block_wins_over_the_title() -> None:
    rows = [
        ("УТВЕРЖДАЮ",),
        ("Директор",),
        ("Рабочее место", "Опасность", "Мероприятие"),
        ("a", "b", "c"),
    ]
    header = detect_header(rows)
    assert header is not None and (header.first_row, header.last_row) == (3, 3)
    assert [column.field for column in header.columns] == ["workplace", "hazard", "measure"]


def test_no_header_in_the_first_30_rows() -> None:
    rows = [("filler",)] * 30 + [("Hazard", "Measure")]
    assert detect_header(rows) is None


def test_a_row_of_column_numbers_under_the_header_is_skipped() -> None:
    assert is_numbering_row((1, 2, 3, 4, 5)) and is_numbering_row(("1", "2", "3"))
    assert not is_numbering_row((1, 5, 2)) and not is_numbering_row(("Шум", 2, 3))


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 701)] == ["A", "Z", "AA", "ZZ"]
    assert [column_index(text) for text in ("A", "Z", "AA", "ZZ")] == [0, 25, 26, 701]


@pytest.mark.parametrize(
    "cell",
    [
        "Бастапқы тәуекел: Ы\nИсходный риск: В",  # each language's heading on its line
        "Бастапқы тәуекел\nИсходный риск: Ы\nВ",  # as exports before December 2026 wrote it
    ],
)
def test_a_bilingual_heading_is_read_in_either_form(cell: str) -> None:
    from wrac_desktop.importing.headers import halves

    assert halves(cell) == ("Бастапқы тәуекел: Ы", "Исходный риск: В")
