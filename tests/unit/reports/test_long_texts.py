"""A hazard described at length prints: a description of 12,600 characters (two pages of text;
a spreadsheet cell holds 32,767) made the workers' acknowledgement sheet a block taller than a
page, and the register's PDF stopped with ReportLab's LayoutError (exit 3, "internal error").
The block now goes on over the next page, as the worksheet's row already did."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.unit.cli.test_cli import run
from wrac_desktop.persistence.models import Hazard, Organisation
from wrac_desktop.register import open_register
from wrac_desktop.services.demo import write_demo
from wrac_desktop.services.exporting import export

WORDS = "Қауіпті жұмыс аймағы "
LAST_WORD = "ҰҢҒЫМАСОҢЫ"  # the text's last word, found in the printed pages


@pytest.fixture(scope="module")
def described_at_length(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("long") / "long.wrac"
    write_demo(path, workplaces=2, seed=7, lang="kk")
    with open_register(path) as register, register.uow.transaction() as session:
        # a high risk: the workers' acknowledgement sheet lists it too
        high = select(Hazard).where(Hazard.initial_band == "high").order_by(Hazard.id)
        hazard = session.scalars(high.limit(1)).one()
        hazard.description = WORDS * 1_600 + LAST_WORD  # 33,610 characters
    return path


@pytest.mark.parametrize(("report", "lang"), [("register", "kk"), ("register", "kk+ru"),
                                              ("plan", "ru"), ("summary", "kk")])  # fmt: skip
def test_a_hazard_described_at_length_prints_whole(
    described_at_length: Path, tmp_path: Path, report: str, lang: str
) -> None:
    out = tmp_path / f"{report}.pdf"
    with open_register(described_at_length, read_only=True) as register:
        export(register, report, "pdf", lang, out)
    text = subprocess.run(
        ["pdftotext", "-raw", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    if report == "register":  # the worksheet and the acknowledgement sheet print it whole,
        printed = 2 * len(lang.split("+"))  # in each language (untranslated: as it is)
        assert text.count(LAST_WORD) == printed
        assert text.count("Қауіпті") >= printed * 1_600


def test_a_name_no_page_can_hold_is_a_clear_refusal_and_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 3,300-character organisation name (a paste gone wrong) cannot fit the approval
    block's page: every PDF stopped with an internal error (exit 3). Now a user error that
    shows where the text begins, and no file is left."""
    path = tmp_path / "named.wrac"
    write_demo(path, workplaces=1, seed=7, lang="kk")
    with open_register(path) as register, register.uow.transaction() as session:
        session.scalars(select(Organisation)).one().legal_name = "Ұйым атауы " * 300
    out = tmp_path / "register.pdf"
    code, _out, err = run(capsys, "--lang", "en", "export", str(path), "--report", "register",
                          "--format", "pdf", "--lang", "kk", "-o", str(out))  # fmt: skip
    assert code == 2, err
    assert "a text does not fit on one page (it begins “" in err and "Ұйым атауы Ұйым" in err
    assert "internal error" not in err and not out.exists()
