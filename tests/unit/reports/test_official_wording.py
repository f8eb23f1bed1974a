"""The official wording of the signed documents, in each language, as printed in the PDFs."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from wrac_desktop import i18n
from wrac_desktop.persistence.models import Assessment
from wrac_desktop.register import open_register
from wrac_desktop.reports import labels
from wrac_desktop.services.exporting import export

from .test_reports import demo, pdf_text  # noqa: F401 - the module's demo register fixture

APPROVAL = {
    "kk": ("БЕКІТЕМІН", "Қолы", "Т.А.Ә."),
    "ru": ("УТВЕРЖДАЮ", "Подпись", "Ф.И.О."),
    "en": ("APPROVED", "Signature", "Full name"),
}
PLAN_HEADINGS = {
    "kk": ("Іс-шара", "Аяқтау нысаны", "Жауапты орындаушылар", "Орындау мерзімі",
           "Қаржыландыру көзі"),
    "ru": ("Мероприятие", "Форма завершения", "Ответственные исполнители", "Срок исполнения",
           "Источник финансирования"),
    "en": ("Measure", "Form of completion", "Responsible executors", "Deadline", "Funding source"),
}  # fmt: skip
ASSESSED_ON = {"kk": "16.03.2026", "ru": "16.03.2026", "en": "16 Mar 2026"}


@pytest.fixture(scope="module")
def dated(demo: Path) -> Path:  # noqa: F811 - the fixture imported above
    with open_register(demo) as register, register.uow.transaction() as session:
        session.query(Assessment).one().assessed_on = date(2026, 3, 16)
    return demo


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_register_carries_the_approval_block_and_dates_of_its_language(
    dated: Path, tmp_path: Path, lang: str
) -> None:
    out = tmp_path / f"register-{lang}.pdf"
    with open_register(dated, read_only=True) as register:
        export(register, "register", "pdf", lang, out)
    text = " ".join(pdf_text(out).split())
    for wording in APPROVAL[lang]:
        assert wording in text
    assert ASSESSED_ON[lang] in text
    others = {other for key, words in APPROVAL.items() if key != lang for other in words[:1]}
    assert not any(word in text for word in others)  # no other language's stamp


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_plan_uses_the_roadmap_headings(dated: Path, tmp_path: Path, lang: str) -> None:
    out = tmp_path / f"plan-{lang}.pdf"
    with open_register(dated, read_only=True) as register:
        export(register, "plan", "pdf", lang, out)
    text = " ".join(pdf_text(out).split())
    for heading in PLAN_HEADINGS[lang]:
        assert heading in text, heading


@pytest.fixture
def english_screen() -> Iterator[None]:
    i18n.set_language("en")
    yield
    i18n.set_language(i18n.DEFAULT_LANGUAGE)


@pytest.mark.usefixtures("english_screen")  # the screen speaks English; the PDFs Kazakh
def test_a_kazakh_report_takes_its_wording_from_the_catalogue_under_an_english_ui(
    dated: Path, tmp_path: Path
) -> None:
    # the official wording is the Kazakh catalogue's, not a literal kept beside the code
    kk = i18n.catalogue("kk")
    assert [kk.pgettext("report", m) for m in ("APPROVED", "Signature", "Full name")] == [
        "БЕКІТЕМІН",
        "Қолы",
        "Т.А.Ә.",
    ]
    assert kk.pgettext("plan", "Deadline") == "Орындау мерзімі"
    assert kk.pgettext("report", "Deadline") == "Орындау мерзімі"
    assert kk.pgettext("report", "Responsible") == "Жауапты тұлға"
    code = Path(labels.__file__).read_text(encoding="utf-8").split('"""', 2)[2]
    assert code.isascii()  # the docstring quotes the wording; the code holds no Kazakh or Russian

    with open_register(dated, read_only=True) as register:
        export(register, "register", "pdf", "kk", tmp_path / "register.pdf")
        export(register, "plan", "pdf", "kk", tmp_path / "plan.pdf")
    register_text = " ".join(pdf_text(tmp_path / "register.pdf").split())
    plan_text = " ".join(pdf_text(tmp_path / "plan.pdf").split())
    for wording in APPROVAL["kk"]:
        assert wording in register_text, wording
    for heading in PLAN_HEADINGS["kk"]:
        assert heading in plan_text, heading
    assert not any(word in register_text for word in ("APPROVED", "Signature", "Full name"))
    assert i18n.current_language() == "en"
