"""Worksheets as safety officers keep them, built with openpyxl / csv for the import tests.

Three layouts: an English WRAC worksheet, a Russian register with a title block, merged cells
and a two-row header (initial / residual risk over their L / S / R columns), and a Kazakh
roadmap-style plan of measures (the six columns of the Safe Labour Concept's plan).
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook

EN_HEADER = (
    "No", "Main area", "Workplace", "Hazard", "Unwanted event", "Current controls",
    "Likelihood", "Consequence", "Risk rank", "Additional controls", "Hierarchy level",
    "Responsible person", "Due date",
)  # fmt: skip
EN_ROWS = (
    (1, "Underground mine", "Driller", "Rock fall", "Struck by falling rock", "Scaling",
     4, 4, 21, "Mesh and bolts", "Engineering", "Shift boss", "31.12.2026"),
    (2, None, None, None, None, None, None, None, None, "Mechanised scaling", "Substitution",
     "Mine manager", "IV quarter 2026"),
    (3, None, "Loader operator", "Diesel exhaust", "CO poisoning", "Ventilation",
     "C", "B", 18, "Battery loader", "Substitution", "Fleet manager", 46387),
)  # fmt: skip


def write_xlsx(
    path: Path, rows: Sequence[Sequence[Any]], title: str = "Sheet1", merges: Sequence[str] = ()
) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    for cells in merges:
        sheet.merge_cells(cells)
    workbook.save(path)
    return path


def write_csv(
    path: Path, rows: Sequence[Sequence[Any]], *, encoding: str = "utf-8", delimiter: str = ","
) -> Path:
    with path.open("w", encoding=encoding, newline="") as stream:
        writer = csv.writer(stream, delimiter=delimiter)
        for row in rows:
            writer.writerow(["" if value is None else value for value in row])
    return path


def english_worksheet(path: Path) -> Path:
    return write_xlsx(path, [EN_HEADER, *EN_ROWS], title="WRAC")


RU_TITLE = (("УТВЕРЖДАЮ",), ("Директор ТОО «Қазақ Кен»",), ("Реестр профессиональных рисков",), ())
RU_HEADER_TOP = ("№ п/п", "Подразделение", "Рабочее место", "Опасность", "Опасное событие",
                 "Первоначальный риск", None, None, "Мероприятия по снижению риска",
                 "Остаточный риск", None, None, "Ответственные исполнители",
                 "Срок исполнения")  # fmt: skip
RU_HEADER_BOTTOM = (None, None, None, None, None, "Вероятность", "Тяжесть", "Ранг", None,
                    "Вероятность", "Тяжесть", "Ранг", None, None)  # fmt: skip
RU_ROWS = (
    (1, "Обогатительная фабрика", "Машинист мельницы", "Шум", "Потеря слуха", 5, 2, 16,
     "Звукоизоляция пульта", 3, 2, 8, "Главный механик", "IV квартал 2026 г."),
    (2, None, None, "Вращающиеся части", "Затягивание", 3, 5, 22, "Ограждения муфт", 1, 5, 15,
     "Механик", "до 31.12.2026"),
    (3, None, "Флотатор", "Реагенты (ксантогенаты)", "Отравление", 2, 4, 14,
     "Местная вытяжка", 1, 4, 10, "Технолог", "2026-09-30"),
)  # fmt: skip
RU_MERGES = ("F5:H5", "J5:L5", "A5:A6", "B5:B6", "C5:C6", "D5:D6", "E5:E6", "I5:I6", "M5:M6",
             "N5:N6", "B7:B9", "C7:C8")  # fmt: skip


def russian_register(path: Path) -> Path:
    rows = [*RU_TITLE, RU_HEADER_TOP, RU_HEADER_BOTTOM, RU_ROWS[0], RU_ROWS[1], RU_ROWS[2]]
    return write_xlsx(path, rows, title="Реестр", merges=("A1:D1", *RU_MERGES))


KK_HEADER = ("№", "Іс-шара", "Аяқтау нысаны", "Жауапты орындаушылар", "Орындау мерзімі",
             "Қаржыландыру көзі")  # fmt: skip
KK_ROWS = (
    (1, "Тәуекелдерді бағалау жүргізу", "Бұйрық", "Еңбекті қорғау қызметі", "2026 жыл",
     "Жұмыс берушінің қаражаты есебінен"),
    (2, "Қызметкерлерді оқыту", "Хаттама", "Кадр бөлімі", "IV тоқсан 2026",
     "Талап етілмейді"),
)  # fmt: skip


def kazakh_plan(path: Path) -> Path:
    title = (("Қауіптерді жою жөніндегі іс-шаралар жоспары",), ())
    return write_xlsx(path, [*title, KK_HEADER, *KK_ROWS], title="Жоспар", merges=("A1:F1",))
