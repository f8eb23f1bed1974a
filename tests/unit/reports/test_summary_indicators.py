"""The roadmap's indicators in the inspectorate summary (issue 18 item 5), worked out by hand
for a small register: 2 fatal accidents at an average headcount of 1,500 are 1.333 per 1,000
workers, in JSON, CSV, XLSX and the PDF cover letter alike, with the period and export date."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from wrac_desktop.persistence.models import Workplace
from wrac_desktop.register import open_register
from wrac_desktop.services import events
from wrac_desktop.services.demo import write_demo
from wrac_desktop.services.exporting import export

NO_DATA = {"kk": "деректер жоқ", "ru": "нет данных"}
FATAL_LABEL = {
    "kk": "1 000 жұмыскерге шаққандағы өліммен аяқталған жазатайым оқиғалар (41)",
    "ru": "Смертельные несчастные случаи на 1 000 работников (41)",
}


@pytest.fixture
def register_with_events(tmp_path: Path) -> Path:
    path = tmp_path / "demo.wrac"
    write_demo(path, workplaces=4, seed=3, lang="ru")
    year = date.today().year
    with open_register(path) as register, register.uow.transaction() as session:
        place = str(session.scalars(select(Workplace.uuid)).first())
        for month in (1, 2):
            events.add_event(session, "fatal", datetime(year, month, 3), place)
        events.add_event(session, "lost-time", datetime(year, 1, 10), place, days_lost=12)
        events.add_event(session, "near-miss", datetime(year, 1, 11), place)
        events.add_event(session, "fatal", datetime(year - 1, 12, 30), place)  # last year
        events.set_figures(session, year, average_headcount=1500, hours_worked=2_400_000,
                           insured_workers=1200, safety_officers=8, officers_tested=6)  # fmt: skip
    return path


def test_the_indicators_by_hand_in_every_format(register_with_events: Path, tmp_path: Path) -> None:
    today = date.today()
    with open_register(register_with_events, read_only=True) as register:
        for fmt in ("json", "csv"):
            export(register, "summary", fmt, "ru", tmp_path / f"s.{fmt}")
    record = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))["entities"][0]
    assert record["schema_version"] == 3
    assert record["indicators_period"] == str(today.year)
    assert record["indicators_from"] == f"{today.year}-01-01"
    assert record["indicators_to"] == record["export_date"] == today.isoformat()
    assert record["indicators"] == {
        "fatal_frequency": 1.333,  # 2 × 1,000 ÷ 1,500 (last year's fatal accident left out)
        "accident_frequency": 2.0,  # 3 × 1,000 ÷ 1,500
        "ltifr": 1.25,  # 3 × 1,000,000 ÷ 2,400,000
        "reported_to_hidden": None,  # no reconciliation has found a hidden injury
        "insurance": 80.0,  # 1,200 of 1,500
        "knowledge_test": 75.0,  # 6 of 8
        "coverage": 0.0,  # the demo's revision is a draft: nothing approved covers anyone
        "coverage_workers": 0.0,
    }
    [row] = csv.DictReader(io.StringIO((tmp_path / "s.csv").read_text(encoding="utf-8-sig")))
    assert row["indicators_fatal_frequency"] == "1.333"
    assert row["indicators_reported_to_hidden"] == ""  # unknown, not 0
    assert row["indicators_period"] == str(today.year)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_indicators_in_the_spreadsheet_and_the_cover_letter(
    register_with_events: Path, tmp_path: Path, lang: str
) -> None:
    with open_register(register_with_events, read_only=True) as register:
        export(register, "summary", "xlsx", lang, tmp_path / "s.xlsx")
        export(register, "summary", "pdf", lang, tmp_path / "s.pdf")
    sheet = load_workbook(tmp_path / "s.xlsx").worksheets[0]
    rows = {row[2]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["indicators_fatal_frequency"][:2] == (FATAL_LABEL[lang], 1.333)
    assert rows["indicators_reported_to_hidden"][1] == NO_DATA[lang]
    assert rows["indicators_to"][1].date() == date.today()  # a real date
    text = subprocess.run(["pdftotext", "-raw", str(tmp_path / "s.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout  # fmt: skip
    flat = " ".join(text.split())
    assert FATAL_LABEL[lang].split(" (")[0] in flat
    assert "1,333" in flat  # the decimal comma of kk and ru
    assert NO_DATA[lang] in flat
