"""The elimination plan as an inspector reads it: completion mark, overdue measures, costs with
totals, funding and form of completion in the report's language; read back in kk, ru, en."""

from __future__ import annotations

import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import Sample
from wrac_desktop.formatting import format_date
from wrac_desktop.persistence.models import Hazard
from wrac_desktop.register import Register
from wrac_desktop.reports.columns import format_cost, plan_label
from wrac_desktop.services import measures
from wrac_desktop.services.exporting import export
from wrac_desktop.vocabulary import CompletionForm, ControlLevel, FundingSource, fixed_wording

WORDS = {
    "kk": ("Орындалғаны туралы белгі", "Шығындар сомасы, теңге", "Жұмыс орны бойынша барлығы",
           "Жоспар бойынша барлығы", "Жұмыс берушінің қаражаты есебінен", "мерзімі өткен"),
    "ru": ("Отметка о выполнении", "Сумма затрат, тг", "Итого по рабочему месту",
           "Итого по плану", "За счёт средств работодателя", "просрочено на"),
    "en": ("Completion mark", "Cost, KZT", "Total for the workplace", "Total for the plan",
           "At the employer's expense", "overdue on"),
}  # fmt: skip


@pytest.fixture
def plan_register(sample_register: tuple[Register, Sample]) -> Register:
    """The sample with three plan measures: one done, one overdue, one with a free-text form."""
    register, ids = sample_register
    with register.uow.transaction() as session:
        hazard = session.get(Hazard, ids.hazard_id)
        assert hazard is not None
        first = next(m for m in hazard.measures if m.kind == "additional")
        first.cost, first.funding_source = Decimal("1250000"), "За счёт средств работодателя"
        first.completion_form = CompletionForm.ORDER.label("kk")  # picked in a Kazakh window
        first.responsible, first.responsible_name = "Главный механик", "Ахметов С.Б."
        measures.set_status(first, "done", date(2026, 5, 4))
        late = measures.add_measure(
            session, hazard, "Өздігінен құтқарушылар", ControlLevel.PPE, due="31.01.2020",
            cost="350000,50", funding_source="employer", completion_form="Өз нысаны",
        )  # fmt: skip
        assert late.cost == Decimal("350000.50")
    return register


def money(amount: str) -> str:
    """An amount as the plan prints it, with the spaces text extraction gives back."""
    return " ".join(format_cost(Decimal(amount)).split())


def text_of(path: Path) -> str:
    # -raw: each cell's lines one after the other, as the grid draws them
    return subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_plan_pdf_marks_completion_costs_totals_and_fixed_wording(
    plan_register: Register, tmp_path: Path, lang: str
) -> None:
    out = tmp_path / f"plan-{lang}.pdf"
    export(plan_register, "plan", "pdf", lang, out)
    text = text_of(out)
    flat = " ".join(text.split())
    mark, cost, per_workplace, per_plan, employer, overdue = WORDS[lang]
    for heading in (mark, cost):  # headings wrap inside their column
        assert all(word in flat.split() for word in heading.split()), heading
    assert f"{per_workplace} {money('1600000.50')}" in flat
    assert f"{per_plan} {money('1600000.50')}" in flat
    assert money("1250000") in flat and money("350000.50") in flat
    assert flat.count(employer) == 2  # one picked in Russian, one stored as the key
    assert "Өз нысаны" in flat  # free text as written
    assert CompletionForm.ORDER.label(lang) in flat  # in the plan's language, whoever picked it
    assert "Главный механик, Ахметов С.Б." in flat  # the executor: position, name
    assert format_date(date(2026, 5, 4), lang) in flat  # completed on
    expected = plan_label("overdue", lang).format(date=format_date(date.today(), lang))
    assert overdue in expected and " ".join(expected.split()) in flat


def test_plan_xlsx_has_costs_as_numbers_and_the_completion_mark(
    plan_register: Register, tmp_path: Path
) -> None:
    out = tmp_path / "plan.xlsx"
    export(plan_register, "plan", "xlsx", "ru", out)
    sheet = load_workbook(out).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    head = list(rows[0])
    costs = [row[head.index("Сумма затрат, тг")] for row in rows[1:]]
    assert sorted(c for c in costs if c is not None) == [350000.5, 1250000]
    marks = [row[head.index("Отметка о выполнении")] for row in rows[1:]]
    assert any("просрочено на" in (m or "") for m in marks)


def test_fixed_wording_reads_any_language_and_keeps_free_text() -> None:
    assert fixed_wording(FundingSource, "Жұмыс берушінің қаражаты есебінен", "ru") == (
        "За счёт средств работодателя"
    )
    assert fixed_wording(FundingSource, "not_required", "kk") == "Талап етілмейді"
    assert fixed_wording(FundingSource, "  не требуется. ", "en") == "Not required"
    assert fixed_wording(FundingSource, "Грант акимата", "kk") == "Грант акимата"
