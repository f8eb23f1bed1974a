"""The matrix heat maps as a reader meets them: axis titles, whole labels, rank and count in
each cell, the totals; read back with pdftotext in kk, ru and en."""

from __future__ import annotations

import subprocess
from collections import Counter
from pathlib import Path

import pytest

from wrac_desktop.i18n import pick, translated_in
from wrac_desktop.register import open_register
from wrac_desktop.reports.labels import label
from wrac_desktop.reports.pdf_matrix import _fitting
from wrac_desktop.reports.pdf_signoff import DEVELOPED
from wrac_desktop.services.demo import write_demo
from wrac_desktop.services.exporting import export
from wrac_desktop.services.report_data import build_report_data

ARTIFACTS = Path(__file__).resolve().parents[3] / "artifacts"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("matrix") / "demo.wrac"
    write_demo(path, workplaces=6, seed=2, lang="ru")
    return path


def layout_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_axes_labels_ranks_and_totals_are_printed_whole(
    demo: Path,
    tmp_path: Path,
    lang: str,
) -> None:
    out = tmp_path / f"matrix-{lang}.pdf"
    with open_register(demo) as register:
        export(register, "matrix", "pdf", lang, out)
        with register.uow.reading() as session:
            data = build_report_data(session, lang, with_fingerprint=False)
            data.rows = list(data.rows)  # read while the session is open
    text = layout_text(out)
    words = Counter(text.split())
    matrix = data.matrix
    for axis in (matrix.likelihood, matrix.severity):
        assert f"{pick(axis.name, lang)} →" in text  # the axis title, once per map
        for level in axis.levels:
            for word in pick(level.label, lang).split():
                assert words[word] >= 2, (word, lang)  # whole, on both maps
    for score in (1, 13, 25):  # ranks of the WRAC matrix, in the cell corners of both maps
        assert words[str(score)] >= 2
    rated = sum(1 for row in data.rows if row.initial.score is not None)
    totals = {"kk": "Бағаланған қауіптер: ", "ru": "Оценено опасностей: ", "en": "Hazards rated: "}
    assert f"{totals[lang]}{rated};" in text
    if lang in ("kk", "ru"):
        ARTIFACTS.mkdir(exist_ok=True)
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "2", "-l", "2", str(out),
                        str(ARTIFACTS / f"matrix-pdf-{lang}")], check=True)  # fmt: skip


def test_long_labels_wrap_or_shrink_and_never_lose_letters() -> None:
    lines, size = _fitting("Катастрофические", 18 * 2.83)
    assert "".join(line.rstrip("-") for line in lines) == "Катастрофические" and size >= 3.5
    lines, size = _fitting("Незначительные последствия для здоровья", 30)
    assert " ".join(lines).replace("- ", "").replace("-", "").replace(" ", "") == (
        "Незначительныепоследствиядляздоровья"
    )


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_two_full_pages_the_classes_under_the_header_then_maps_scales_and_signature(
    demo: Path, tmp_path: Path, lang: str
) -> None:
    """Page 1 was the header alone (the maps moved on whole) and the sign-off could stand on
    a page of its own: now the classes fill page 1, and the maps, the scales they are read
    on and the signature share page 2."""
    out = tmp_path / f"matrix-{lang}.pdf"
    with open_register(demo) as register:
        export(register, "matrix", "pdf", lang, out)
    pages = layout_text(out).split("\f")
    assert len([page for page in pages if page.strip()]) == 2
    first, second = pages[0], pages[1]
    assert label("legend", lang) in first and label("kz_scale", lang) in first
    assert label("initial_risk", lang) not in first
    assert label("initial_risk", lang) in second and label("residual_risk", lang) in second
    assert translated_in(DEVELOPED[0], lang) in second
