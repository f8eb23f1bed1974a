"""The dashboard's figures and its one-page PDF (issue 18 item 6): the hand-worked indicator
(2 fatal accidents, 1,500 average headcount: 1.333 per 1,000) is what the page prints."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from datetime import date, datetime
from functools import partial
from itertools import product
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from tests.unit.cli.test_cli import run
from wrac_desktop.persistence.models import Workplace
from wrac_desktop.register import open_register
from wrac_desktop.reports import dashboard as page
from wrac_desktop.reports.dashboard_data import WORDS
from wrac_desktop.services import dashboard, events
from wrac_desktop.services.demo import write_demo

TODAY = date(2026, 6, 30)


@pytest.fixture
def register_path(tmp_path: Path) -> Path:
    path = tmp_path / "r.wrac"
    write_demo(path, workplaces=12, seed=2)
    with open_register(path) as register, register.uow.transaction() as session:
        place = str(session.scalars(select(Workplace.uuid)).first())
        for day, kind in (("2026-01-10", "fatal"), ("2026-05-03", "fatal"),
                          ("2026-05-20", "near-miss"), ("2025-06-30", "first-aid"),
                          ("2025-07-01", "lost-time")):  # fmt: skip
            events.add_event(session, kind, datetime.fromisoformat(day), place, today=TODAY)
        events.set_figures(session, 2026, average_headcount=1500)
    return path


def test_the_dashboards_counts(register_path: Path) -> None:
    with open_register(register_path, to_read=True) as register, register.uow.reading() as s:
        page = dashboard.dashboard(s, "en", TODAY)
    assert page.months[0] == "2025-07" and page.months[-1] == "2026-06"
    assert page.events == {"2025-07": {"lost-time": 1}, "2026-01": {"fatal": 1},
                           "2026-05": {"fatal": 1, "near-miss": 1}}  # fmt: skip
    fatal = next(item for item in page.indicators if item.key == "fatal_frequency")
    assert round(fatal.value or 0, 3) == 1.333 and fatal.target == 0.031
    assert fatal.meets_target is False
    assert sum(b.before for b in page.bands) == sum(b.after for b in page.bands) > 0
    assert len(page.top) == 10
    worst_first = [w.not_tolerable for w in page.top]
    assert worst_first == sorted(worst_first, reverse=True) and worst_first[0] > 0
    assert set(page.plan) == {"planned", "in_progress", "done", "overdue"}


@pytest.mark.parametrize(("lang", "shown"), [("en", "1.333"), ("ru", "1,333"), ("kk", "1,333")])
def test_export_dashboard_prints_the_indicator_on_one_page(
    register_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, shown: str
) -> None:
    pdf = tmp_path / f"dashboard-{lang}.pdf"
    argv = ["export", str(register_path), "--report", "dashboard", "--format", "pdf"]
    code, _out, err = run(capsys, *argv, "--lang", lang, "-o", str(pdf))
    assert code == 0, err
    assert len(PdfReader(pdf).pages) == 1
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    assert shown in text
    if lang == "kk":
        assert "Көрсеткіштер" in text and "Өліммен аяқталған" in text
    code, _out, err = run(capsys, *argv[:-1], "xlsx", "-o", str(tmp_path / "d.xlsx"))
    assert code == 2 and "pdf" in err


def test_a_bilingual_dashboard_is_refused_with_exit_2(
    register_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = tmp_path / "both.pdf"
    argv = ["export", str(register_path), "--report", "dashboard", "--format", "pdf"]
    code, _out, err = run(capsys, *argv, "--lang", "kk+ru", "-o", str(pdf))
    assert code == 2 and "one language" in err and not pdf.exists()


def page_text(pdf: bytes, tmp_path: Path) -> str:
    """The page's words in the order drawn, each run of spaces and line ends one space."""
    path = tmp_path / "page.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    return " ".join(text.split())


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_every_label_of_the_dashboard_stands_whole(
    register_path: Path, tmp_path: Path, lang: str
) -> None:
    """Issue 19: the app's first tab read «Профиль рисков: опасности по клас…», «Значительн…»
    and indicator names cut at their column. Each label now wraps at its words: the page
    holds every one whole, no "…", also a matrix whose classes have long names; so do the
    Dashboard tab's pages: its narrowest column, a wider one, and as wide as A4."""
    with open_register(register_path, to_read=True) as register, register.uow.reading() as s:
        data = dashboard.dashboard(s, lang, TODAY)
    long_bands = tuple(
        replace(band, name=f"{band.name} — {band.name} {band.name}") for band in data.bands
    )
    pages = (page.dashboard_pdf, *(partial(page.screen_pdf, width=w) for w in (360, 600, 900)))
    for shown, draw in product((data, replace(data, bands=long_bands)), pages):
        text = page_text(draw(shown), tmp_path)
        assert "…" not in text
        unshown = ("as_of", "title", "no_events", "no_hazards")  # none, or not on this page
        labels = [shown.word(key) for key in WORDS if key not in unshown]
        labels += [band.name for band in shown.bands]
        labels += [item.label for item in shown.indicators]
        labels += [label for _key, label in shown.kinds]
        labels += [page._place_name(n, p) for n, p in enumerate(shown.top, start=1)]  # noqa: SLF001
        missing = [label for label in labels if " ".join(label.split()) not in text]
        assert not missing, missing
