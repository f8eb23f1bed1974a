"""The documents in their official form (issue 15, items 1-10), read back as an inspector reads
them: pdftotext of every PDF in kk, ru and en, the QR code scanned, the XLSX opened."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from wrac_desktop.formatting import format_date
from wrac_desktop.register import open_register
from wrac_desktop.reports.labels import label
from wrac_desktop.services import approval, assessments
from wrac_desktop.services.demo import write_demo
from wrac_desktop.services.exporting import export
from wrac_desktop.services.report_data import build_report_data

LANGS = ("kk", "ru", "en")
PDF_REPORTS = ("register", "plan", "matrix")
APPROVED = {"kk": "БЕКІТЕМІН", "ru": "УТВЕРЖДАЮ", "en": "APPROVED"}
APPROVAL_DATE = {"kk": "2026 жылғы «06» желтоқсан", "ru": "«06» декабря 2026 г.",
                 "en": "6 December 2026"}  # fmt: skip
BLANK_DATE = {"kk": "20___ жылғы «___»", "ru": "«___» ____________ 20___ г.", "en": "“___”"}
DRAFT = {"kk": "ЖОБА", "ru": "ПРОЕКТ", "en": "DRAFT"}
APPROVER = "Ахметов Ержан Серикович"


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("official") / "draft.wrac"
    write_demo(path, workplaces=5, seed=7, lang="ru")
    return path


@pytest.fixture(scope="module")
def approved(draft: Path) -> Path:
    path = draft.with_name("approved.wrac")
    shutil.copy(draft, path)
    with open_register(path) as register, register.uow.transaction() as session:
        current = assessments.current_assessment(session)
        assert current is not None
        approval.approve(
            session, current, by=APPROVER, position="Главный инженер", on=date(2026, 12, 6)
        )
    return path


def pages_of(
    register_path: Path, report: str, lang: str, folder: Path, mode: str = "-layout"
) -> list[str]:
    """The report's pages as pdftotext reads them: with ``-layout`` a line is a printed line,
    with ``-raw`` a cell's lines come together."""
    out = folder / f"{register_path.stem}-{report}-{lang}.pdf"
    if not out.exists():
        with open_register(register_path, read_only=True) as register:
            export(register, report, "pdf", lang, out)
    text = subprocess.run(
        ["pdftotext", mode, str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pdfs")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("report", PDF_REPORTS)
def test_page_one_of_an_approved_document_has_the_approval_block_with_its_date(
    approved: Path, folder: Path, report: str, lang: str
) -> None:
    pages = pages_of(approved, report, lang, folder)
    first = pages[0]
    assert APPROVED[lang] in first and "Е.С. Ахметов" in first
    assert "Главный инженер" in first or "главный инженер" in first
    organisation = "Shygys Ken-Metall" if lang == "en" else "«Шығыс Кен-Металл»"  # translated
    assert organisation in first.split(APPROVED[lang])[1].split("\n")[1]  # with its org
    assert APPROVAL_DATE[lang] in first
    assert not any(BLANK_DATE[lang] in page for page in pages)  # never the blank form too
    assert not any(DRAFT[lang] in page for page in pages)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("report", PDF_REPORTS)
def test_a_draft_keeps_the_blank_date_and_is_marked_as_a_draft_on_every_page(
    draft: Path, folder: Path, tmp_path: Path, report: str, lang: str
) -> None:
    pages = pages_of(draft, report, lang, folder)
    assert APPROVED[lang] in pages[0] and BLANK_DATE[lang] in pages[0]
    assert not any(APPROVAL_DATE[lang] in page for page in pages)
    footers = [page.rstrip().splitlines()[-1] for page in pages]
    assert all(DRAFT[lang] in footer for footer in footers)  # the word in every footer
    # and the pale mark across every page (pdftotext does not read slanted text)
    marks = mark_pixels(folder / f"draft-{report}-{lang}.pdf", tmp_path)
    assert len(marks) == len(pages) and min(marks) > 300


def test_a_russian_draft_is_a_proekt_in_every_report_and_format(
    draft: Path, folder: Path, tmp_path: Path
) -> None:
    """«Черновик» is a rough copy; a document awaiting approval is a «Проект»."""
    texts = ["\n".join(pages_of(draft, report, "ru", folder)) for report in PDF_REPORTS]
    with open_register(draft, read_only=True) as register:
        for report in (*PDF_REPORTS, "summary"):
            export(register, report, "xlsx", "ru", tmp_path / f"{report}.xlsx")
            for sheet in load_workbook(tmp_path / f"{report}.xlsx"):
                texts += [str(v) for row in sheet.iter_rows(values_only=True) for v in row if v]
        export(register, "summary", "pdf", "ru", tmp_path / "summary.pdf")
    texts.append(subprocess.run(["pdftotext", str(tmp_path / "summary.pdf"), "-"],
                                capture_output=True, text=True, check=True).stdout)  # fmt: skip
    everything = "\n".join(texts)
    assert "ерновик" not in everything
    assert "Проект" in texts[-1] and "Проект" in everything.replace("ПРОЕКТ", "")


@pytest.mark.parametrize("report", PDF_REPORTS)
def test_an_approved_document_carries_no_draft_mark(
    approved: Path, folder: Path, tmp_path: Path, report: str
) -> None:
    pages_of(approved, report, "kk", folder)
    assert set(mark_pixels(folder / f"approved-{report}-kk.pdf", tmp_path)) == {0}


def mark_pixels(pdf: Path, folder: Path) -> list[int]:
    """Per page, the pixels of the draft mark's pale red (white under 13 % of dark red) in a
    20 dpi rendering; the risk classes' colours are far stronger."""
    subprocess.run(["pdftoppm", "-r", "20", str(pdf), str(folder / "page")], check=True)
    counts = []
    for image in sorted(folder.glob("page*.ppm")):
        _magic, _width, _height, _depth, pixels = image.read_bytes().split(maxsplit=4)
        triples = zip(pixels[0::3], pixels[1::3], pixels[2::3], strict=False)
        counts.append(sum(1 for r, g, b in triples if r > 238 and 205 < g < 238 > b > g - 8))
    return counts


HEADER = {
    "ru": ("Оценка профессиональных рисков на рабочих местах", "Код ОКЭД", "Код КАТО",
           "Приказ о создании комиссии", "Дата проведения оценки", "Дата утверждения",
           "Дата следующего пересмотра", "статья 182 Трудового кодекса", "приказ № 363",
           "Редакция 1"),
    "kk": ("Жұмыс орындарындағы кәсіптік тәуекелдерді бағалау", "ЭҚЖЖ коды", "ӘАОЖ коды",
           "Комиссияны құру туралы бұйрық", "Бағалау жүргізілген күні", "182-бабы", "№ 363",
           "1-редакция"),
    "en": ("Occupational risk assessment at workplaces", "OKED", "KATO", "Article 182",
           "Order No. 363", "Revision 1"),
}  # fmt: skip


@pytest.mark.parametrize("lang", LANGS)
def test_the_header_prints_the_stored_details_and_the_basis(
    approved: Path, folder: Path, lang: str
) -> None:
    first = " ".join(pages_of(approved, "register", lang, folder, "-raw")[0].split())
    for wording in HEADER[lang]:
        assert wording in first, wording
    with open_register(approved, read_only=True) as register, register.uow.reading() as session:
        data = build_report_data(session, lang, with_fingerprint=False)
        data.rows = list(data.rows)  # read while the session is open
    org = data.organisation
    for value in (org.address, org.region, org.industry, org.oked, org.kato, str(org.headcount)):
        assert value and value in first, value
    assert org.commission_order in first and format_date(date(2026, 2, 10), lang) in first
    assert format_date(date(2026, 3, 16), lang) in first  # the assessment's date
    assert format_date(date(2027, 12, 6), lang) in first  # next review, a year after approval


@pytest.mark.parametrize("lang", LANGS)
def test_the_register_groups_hazards_under_site_division_and_workplace(
    draft: Path, folder: Path, lang: str
) -> None:
    text = "\n".join(pages_of(draft, "register", lang, folder))
    with open_register(draft, read_only=True) as register, register.uow.reading() as session:
        data = build_report_data(session, lang, with_fingerprint=False)
        data.rows = list(data.rows)  # read while the session is open
    paths = {row.unit_path for row in data.rows}
    assert any(" › " in path for path in paths)  # divisions under their sites
    for path in paths:
        assert path in text, path
    heading = {"kk": "жұмыскерлер саны", "ru": "работников", "en": "workers"}[lang]
    for row in data.rows:
        assert f"{row.workplace} — {heading}: {row.headcount}" in text
    for field in ("causes", "consequence", "people_exposed"):
        first_words = " ".join(getattr(next(iter(data.rows)), field).split()[:1])
        assert first_words in text, field


@pytest.mark.parametrize("lang", ("kk", "ru"))
def test_the_plan_groups_measures_under_site_division_and_workplace(
    draft: Path, folder: Path, tmp_path: Path, lang: str
) -> None:
    text = "\n".join(pages_of(draft, "plan", lang, folder))
    with open_register(draft, read_only=True) as register, register.uow.reading() as session:
        data = build_report_data(session, lang, with_fingerprint=False)
        data.rows = list(data.rows)  # read while the session is open
        export(register, "plan", "xlsx", lang, tmp_path / "plan.xlsx")
    lines = text.splitlines()
    headings = [
        n for n, line in enumerate(lines) if line.strip() in {g.unit for g in data.plan_groups()}
    ]
    units = list(dict.fromkeys(group.unit for group in data.plan_groups()))
    assert [lines[n].strip() for n in headings] == units  # each once, in the register's order
    for group in data.plan_groups():
        under = max(n for n in headings if lines[n].strip() == group.unit)
        assert any(line.strip() == group.workplace for line in lines[under:]), group.workplace
    sheet = load_workbook(tmp_path / "plan.xlsx").worksheets[0]
    head, *rows = sheet.iter_rows(values_only=True)
    site, division = rows[0][1], rows[0][2]
    assert f"{site} › {division}" == units[0]  # each line names its site and division


@pytest.mark.parametrize("lang", LANGS)
def test_each_measure_s_deadline_is_on_the_line_its_measure_starts(
    draft: Path, folder: Path, lang: str
) -> None:
    pages = pages_of(draft, "register", lang, folder)
    lines = [line for page in pages for line in page.splitlines()]
    with open_register(draft, read_only=True) as register, register.uow.reading() as session:
        rows = list(build_report_data(session, lang, with_fingerprint=False).rows)
    checked = 0
    for row in [r for r in rows if len(r.additional) >= 2][:8]:
        for control in row.additional:
            start = f"{control.level}:"  # the measure's first line (its text may wrap below)
            due = " ".join(control.due.split()[:2])  # its first line ("II квартал" / "2026 г.")
            assert any(start in line and due in line for line in lines), (start, due)
            checked += 1
    assert checked >= 10


LEGEND = {
    "ru": ("Классы риска", "6–12", "21–25", "III", "Национальная шкала", "«В 3 × Т 5» означает"),
    "kk": ("Тәуекел сыныптары", "6–12", "21–25", "ұлттық шкаласы", "«Ы 3 × А 5»"),
    "en": ("Risk classes", "6–12", "21–25", "National scale", "“L 3 × S 5” means"),
}


@pytest.mark.parametrize("lang", LANGS)
def test_the_legend_gives_ranges_scales_and_the_national_degrees(
    draft: Path, folder: Path, lang: str
) -> None:
    text = " ".join(" ".join(pages_of(draft, "register", lang, folder, "-raw")[:3]).split())
    for wording in LEGEND[lang]:
        assert wording in text, wording
    assert "≥" not in text
    with open_register(draft, read_only=True) as register, register.uow.reading() as session:
        matrix = build_report_data(session, lang, with_fingerprint=False).matrix
    top = matrix.severity.levels[-1]
    assert top.description.get(lang, "") in text  # the scales with their descriptions


COMMISSION = {
    "ru": ("Комиссия по оценке профессиональных рисков", "Председатель комиссии", "Член комиссии"),
    "kk": ("Кәсіптік тәуекелдерді бағалау жөніндегі комиссия", "Комиссия төрағасы",
           "Комиссия мүшесі"),
    "en": ("Occupational risk assessment commission", "Chair of the commission",
           "Member of the commission"),
}  # fmt: skip


@pytest.mark.parametrize("lang", LANGS)
def test_the_commission_signs_once_and_the_wording_is_the_official_one(
    approved: Path, folder: Path, lang: str
) -> None:
    text = " ".join("\n".join(pages_of(approved, "register", lang, folder, "-raw")).split())
    title, chair, member = COMMISSION[lang]
    assert text.count(title) == 1 and text.count(chair) == 1 and member in text
    # the old role words, not the drivers ("Жүргізушілер") of a hazard's Kazakh text
    assert not re.search(r"Рабочая группа|\bЖүргізуші\b", text)
    checksum = {"ru": "Контрольная сумма (SHA-256)", "kk": "бақылау сомасы", "en": "Checksum"}
    assert checksum[lang] in text and "Отпечаток" not in text and "цифрлық ізі" not in text


def test_a_workers_sheet_per_workplace_with_a_line_per_worker(draft: Path, folder: Path) -> None:
    pages = pages_of(draft, "register", "ru", folder)
    sheets = [page for page in pages if "Лист ознакомления работников" in page]
    with open_register(draft, read_only=True) as register, register.uow.reading() as session:
        data = build_report_data(session, "ru", with_fingerprint=False)
        data.rows = list(data.rows)  # read while the session is open
    workplaces = {row.workplace_uuid: row for row in data.rows}
    assert len(sheets) == len(workplaces)
    for sheet, row in zip(sheets, workplaces.values(), strict=True):
        assert row.workplace in sheet and "Высокие и значительные риски" in sheet
        numbers = [int(n) for n in re.findall(r"^\s*(\d+)\s*$", sheet, re.MULTILINE)]
        assert numbers == list(range(1, row.headcount + 1))
        serious = [r for r in data.rows if r.workplace_uuid == row.workplace_uuid]
        serious = [r for r in serious if r.initial.band_key in ("significant", "high")]
        for hazard in serious:
            assert hazard.hazard.split()[0] in sheet


def test_a_hazard_not_yet_rated_after_its_measures_is_listed_without_an_empty_arrow(
    draft: Path,
) -> None:
    """A hazard imported with its initial risk only read "• Движущиеся части ПДМ — Высокий →"
    on its workplace's sheet."""
    from dataclasses import replace

    from wrac_desktop.reports.data import Risk
    from wrac_desktop.reports.pdf_register import _risky_line, risky_of

    with open_register(draft, read_only=True) as register, register.uow.reading() as session:
        row = next(iter(build_report_data(session, "ru", with_fingerprint=False).rows))
    unrated = replace(row, residual=Risk(None, None, None, None, "", None))
    assert _risky_line(risky_of(unrated), "ru", 0) == f"• {row.hazard} — {row.initial.band_name}"
    both = f"• {row.hazard} — {row.initial.band_name} → {row.residual.band_name}"
    assert _risky_line(risky_of(row), "ru", 0) == both


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_qr_code_carries_document_bin_revision_and_fingerprint(
    approved: Path, folder: Path, tmp_path: Path, lang: str
) -> None:
    assert shutil.which("zbarimg"), "zbarimg is missing: `make test` installs zbar-tools"
    pages = pages_of(approved, "register", lang, folder)
    word = {"kk": "бақылау сомасы", "ru": "Контрольная сумма"}[lang]
    page = next(n for n, text in enumerate(pages, start=1) if word in text)
    pdf = folder / f"approved-register-{lang}.pdf"
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-f", str(page), "-l", str(page), str(pdf),
         str(tmp_path / "page")],
        check=True,
    )  # fmt: skip
    image = next(tmp_path.glob("page*.png"))
    scanned = subprocess.run(
        ["zbarimg", "-q", "--raw", str(image)], capture_output=True, text=True, check=True
    ).stdout
    with open_register(approved, read_only=True) as register, register.uow.reading() as session:
        data = build_report_data(session, lang)
        data.rows = list(data.rows)  # read while the session is open
    assert f"DOC: {data.assessment.document_number}" in scanned
    assert f"BIN: {data.organisation.bin}" in scanned and "REV: 1" in scanned
    assert f"SHA-256: {data.fingerprint}" in scanned


@pytest.mark.parametrize("lang", LANGS)
def test_the_register_xlsx_has_every_field_and_a_line_per_measure(
    draft: Path, tmp_path: Path, lang: str
) -> None:
    out = tmp_path / f"register-{lang}.xlsx"
    with open_register(draft, read_only=True) as register:
        export(register, "register", "xlsx", lang, out)
        with register.uow.reading() as session:
            data = build_report_data(session, lang, with_fingerprint=False)
            data.rows = list(data.rows)  # read while the session is open
    sheet = load_workbook(out).worksheets[0]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    first = next(iter(data.rows))
    line = rows[0]
    for value in (first.site, first.workplace, first.headcount, first.category, first.causes,
                  first.people_exposed, first.consequence, first.unwanted_event):  # fmt: skip
        assert value in line, value
    assert first.unit_path.split(" › ")[1] in line  # the division
    dues = [r[[str(c) for c in rows[0]].index(str(first.additional[0].due))] for r in rows[:2]]
    assert dues == [c.due for c in first.additional[:2]]


@pytest.mark.parametrize("lang", LANGS)
def test_the_register_xlsx_carries_the_document_s_header(
    approved: Path, tmp_path: Path, lang: str
) -> None:
    out = tmp_path / f"register-{lang}.xlsx"
    with open_register(approved, read_only=True) as register:
        export(register, "register", "xlsx", lang, out)
    sheet = load_workbook(out).worksheets[1]
    lines = {row[0]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    stamp = lines[APPROVED[lang]]
    assert "Е.С. Ахметов" in stamp and APPROVAL_DATE[lang] in stamp
    values = set(lines.values())
    assert "07290" in values and "631010000" in values
    assert any("6–12" in str(value) for value in values)
    assert any("182" in str(value) and "363" in str(value) for value in values)


CONTINUED = {"kk": "(жалғасы)", "ru": "(продолжение)", "en": "(continued)"}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("report", ("register", "plan"))
def test_a_page_the_table_continues_on_repeats_its_site_and_workplace_headings(
    draft: Path, folder: Path, report: str, lang: str
) -> None:
    """A reader who opens page 7 sees whose hazards they are: the column headings and the
    site › division (and workplace, mid-workplace) headings again, marked as continued."""
    pages = pages_of(draft, report, lang, folder)
    with open_register(draft, read_only=True) as register, register.uow.reading() as session:
        data = build_report_data(session, lang, with_fingerprint=False)
        data.rows = list(data.rows)  # read while the session is open
    units = {row.unit_path for row in data.rows}
    continued = [page for page in pages[1:] if CONTINUED[lang] in page]
    assert len(continued) >= 3
    for page in continued:
        lines = [line.strip() for line in page.splitlines() if CONTINUED[lang] in line]
        assert lines[0].removesuffix(" " + CONTINUED[lang]) in units, lines
        first_heading = page.index(lines[0])
        title = label("hazard" if report == "register" else "measure", lang).split()[0]
        assert title in page[:first_heading]  # the column headings come first
