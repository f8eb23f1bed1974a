"""The inspectorate summary in every format: a draft says it is one, dates and status in each,
priority hazards as the schema defines them, localised labels and whole sheet names."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from wrac_desktop.cli.main import main
from wrac_desktop.persistence.models import Hazard
from wrac_desktop.register import open_register
from wrac_desktop.reports.summary import FIELDS, WORKPLACE_FIELDS, summary_label
from wrac_desktop.services.demo import write_demo
from wrac_desktop.services.exporting import export
from wrac_desktop.vocabulary import AssessmentStatus

SHEETS = {"kk": ["Жиынтық", "Жұмыс орындары"], "ru": ["Сводка", "Рабочие места"],
          "en": ["Summary", "Workplaces"]}  # fmt: skip
TITLE = {
    "kk": "Мемлекеттік еңбек инспекциясына арналған жиынтық мәліметтер",
    "ru": "Сводные сведения для государственной инспекции труда",
    "en": "Summary information for the state labour inspectorate",
}


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    path = tmp_path / "demo.wrac"
    write_demo(path, workplaces=4, seed=3, lang="ru")
    return path


def records(path: Path, folder: Path) -> dict[str, dict[str, str]]:
    """The record as JSON and as CSV read back, as text values."""
    with open_register(path, read_only=True) as register:
        export(register, "summary", "json", "ru", folder / "s.json")
        export(register, "summary", "csv", "ru", folder / "s.csv")
    as_json = json.loads((folder / "s.json").read_text(encoding="utf-8"))["entities"][0]
    [as_csv] = csv.DictReader(io.StringIO((folder / "s.csv").read_text(encoding="utf-8-sig")))
    return {"json": {k: str(v) for k, v in as_json.items()}, "csv": as_csv}


def test_a_draft_and_its_approved_revision_export_different_records(
    demo: Path, tmp_path: Path
) -> None:
    draft = records(demo, tmp_path)
    assert main(["approve", str(demo), "--by", "Ахметов Е.", "--position", "Директор",
                 "--date", "2026-03-20", "--yes"]) == 0  # fmt: skip
    approved = records(demo, tmp_path)
    for kind in ("json", "csv"):
        assert draft[kind]["status"] == "draft" and approved[kind]["status"] == "approved"
        assert draft[kind]["approval_date"] == "" and approved[kind]["approval_date"] == (
            "2026-03-20"
        )
        assert approved[kind]["next_review_date"] == "2027-03-20"
        assert approved[kind]["export_date"] == date.today().isoformat()
        assert approved[kind]["schema_version"] == "3"
        assert "workplaces" not in draft["csv"]  # the breakdown is a list: JSON, XLSX, PDF


def test_the_json_record_has_the_typed_record_s_fields_in_order(demo: Path, tmp_path: Path) -> None:
    with open_register(demo, read_only=True) as register:
        export(register, "summary", "json", "ru", tmp_path / "s.json")
    record = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))["entities"][0]
    assert tuple(record) == FIELDS and "workers_exposed_not_tolerable" in FIELDS
    assert all(tuple(workplace) == WORKPLACE_FIELDS for workplace in record["workplaces"])


def test_priority_hazards_are_those_of_severity_4_and_5(demo: Path, tmp_path: Path) -> None:
    with open_register(demo, read_only=True) as register, register.uow.reading() as session:
        severities = list(session.scalars(select(Hazard.initial_severity)))
    record = records(demo, tmp_path)["json"]
    assert int(record["priority_hazards"]) == sum(1 for s in severities if s and s >= 4)
    assert 0 < int(record["priority_hazards"]) < len(severities)


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_xlsx_labels_speak_the_language_and_sheet_names_are_whole(
    demo: Path, tmp_path: Path, lang: str
) -> None:
    out = tmp_path / f"summary-{lang}.xlsx"
    with open_register(demo, read_only=True) as register:
        export(register, "summary", "xlsx", lang, out)
    book = load_workbook(out)
    assert book.sheetnames == SHEETS[lang]
    rows = {row[2]: row for row in book.worksheets[0].iter_rows(min_row=2, values_only=True)}
    assert set(rows) >= {"status", "bin", "kato", "oked", "export_date", "priority_hazards"}
    labels = [row[0] for row in rows.values()]
    if lang != "en":
        assert not any(label in ("status", "bin", "headcount") for label in labels)
    assert rows["export_date"][1].date() == date.today()  # a real date, not text
    assert rows["status"][1] == AssessmentStatus.DRAFT.label(lang)  # in words, not "draft"
    breakdown = list(book.worksheets[1].iter_rows(min_row=2, values_only=True))
    assert len(breakdown) == 4


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_pdf_cover_letter_carries_the_record(demo: Path, tmp_path: Path, lang: str) -> None:
    out = tmp_path / f"summary-{lang}.pdf"
    with open_register(demo, read_only=True) as register:
        export(register, "summary", "pdf", lang, out)
        export(register, "summary", "json", lang, tmp_path / "s.json")
    record = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))["entities"][0]
    text = subprocess.run(["pdftotext", "-raw", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip
    flat = " ".join(text.split())
    assert TITLE[lang] in flat and record["bin"] in flat
    assert record["fingerprint"][:32] in flat.replace(" ", "")
    for workplace in record["workplaces"]:
        assert workplace["workplace"].split()[0] in flat
    # the breakdown's headings with every word whole ("Численност ь" before the fix)
    words = text.split()
    for key in WORKPLACE_FIELDS:
        for word in summary_label(key, lang).split():
            assert word in words, (key, word)
    artifacts = Path(__file__).resolve().parents[3] / "artifacts"
    artifacts.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "70", str(out),
                    str(artifacts / f"summary-{lang}")], check=True)  # fmt: skip
